#include "main_window.h"

#include "core/json_field.h"
#include "models/number_format.h"
#include "models/phrase_text.h"
#include "models/role_label.h"
#include "models/secret_store.h"
#include "stream/scenario_loader.h"
#include "sync/event_contract.h"
#include "ui/anomalies_page.h"
#include "ui/anomaly_detail_view.h"
#include "ui/command_palette.h"
#include "ui/health_page.h"
#include "ui/metric_chart.h"
#include "ui/profile_dialog.h"
#include "ui/prompter.h"
#include "ui/silence_dialog.h"
#include "ui/sync_settings_dialog.h"
#include "ui/theme.h"
#include "ui/toast_overlay.h"
#include "ui/triage_shortcuts.h"

#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDateTime>
#include <QDialog>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLibraryInfo>
#include <QListWidget>
#include <QMenuBar>
#include <QRegularExpression>
#include <QStackedWidget>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTableWidget>
#include <QTimeZone>
#include <QTimer>
#include <QToolBar>
#include <QTranslator>
#include <QUrl>
#include <QVBoxLayout>
#include <cmath>
#include <nlohmann/json.hpp>

namespace payops {

namespace {
// Where the OS keychain keeps a sync server's secret: under its address list as typed in the settings.
QString syncSecretKey(const QString& urls)
{
    return QStringLiteral("sync/") + urls;
}
} // namespace

const QList<double>& speedSteps()
{
    static const QList<double> steps = {1, 2, 4, 8, 16, 60, 100, 250, 1000};
    return steps;
}

MainWindow::MainWindow(ConsoleData& data, RuntimeHost& runtime, ConsoleSettings& settings, Prompter& prompter,
                       QWidget* parent)
    : QMainWindow(parent), m_data(data), m_runtime(runtime), m_settings(settings), m_prompter(prompter)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowIcon(QIcon(QStringLiteral(":/payops/icons/payops.svg")));

    m_rail = new QListWidget;
    m_rail->setObjectName(QStringLiteral("navigationRail"));
    m_rail->setFixedWidth(150);
    m_rail->setFrameShape(QFrame::NoFrame);
    m_rail->setSpacing(2);
    m_rail->setIconSize(QSize(18, 18));
    m_rail->setStyleSheet(QStringLiteral(
        "QListWidget#navigationRail{padding-top:8px;font-size:11pt;outline:0;}"
        "QListWidget#navigationRail::item{padding:8px 12px;border-radius:4px;}"
        "QListWidget#navigationRail::item:selected{background:palette(highlight);color:palette(highlighted-text);}"));
    m_stack = new QStackedWidget;
    m_banner = new QLabel;
    m_banner->setObjectName(QStringLiteral("demoBanner"));
    m_banner->setWordWrap(true);
    m_message = new QLabel;
    m_message->setObjectName(QStringLiteral("messageBar"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();

    auto* right = new QWidget;
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->setSpacing(0);
    rightLayout->addWidget(m_banner);
    rightLayout->addWidget(m_message);
    rightLayout->addWidget(m_stack, 1);
    auto* central = new QWidget;
    auto* layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_rail);
    layout->addWidget(right, 1);
    setCentralWidget(central);

    m_agentState = new QLabel;
    m_agentState->setObjectName(QStringLiteral("agentState"));
    m_simTime = new QLabel;
    m_speedLabel = new QLabel;
    m_sync = new QLabel;
    m_sync->setObjectName(QStringLiteral("syncState"));
    m_user = new QLabel;
    for (QLabel* l : {m_agentState, m_simTime, m_speedLabel, m_sync})
        statusBar()->addWidget(l);
    statusBar()->addPermanentWidget(m_user);

    m_speed = new QComboBox;
    m_speed->setObjectName(QStringLiteral("speedCombo"));
    for (double s : speedSteps())
        m_speed->addItem(QStringLiteral("%1×").arg(s), s);
    m_scenario = new QComboBox;
    m_scenario->setObjectName(QStringLiteral("scenarioCombo"));
    for (const std::string& name : builtinScenarioNames())
        m_scenario->addItem(QString::fromStdString(name));

    buildActions();
    m_toolbar = addToolBar(QString());
    m_toolbar->setObjectName(QStringLiteral("agentToolbar"));
    m_toolbar->setMovable(false);
    m_toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toolbar->addAction(m_run);
    m_toolbar->addAction(m_step);
    m_toolbar->addWidget(m_speed);
    m_toolbar->addSeparator();
    m_toolbar->addWidget(m_scenario);
    m_toolbar->addAction(m_reset);
    buildMenus();
    buildPages();

    m_toasts = new ToastOverlay(central);
    m_toasts->hide();
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(windowIcon(), this);
        m_tray->show();
    }

    showSpeed(m_settings.speed());
    m_scenario->setCurrentText(m_settings.scenario());
    connect(m_speed, &QComboBox::activated, this, [this](int i) {
        if (!mayControlAgent()) {
            showSpeed(m_status.open ? m_status.speed : m_settings.speed());
            return;
        }
        const double s = m_speed->itemData(i).toDouble();
        m_settings.setSpeed(s);
        m_runtime.setSpeed(s);
    });
    connect(&m_runtime, &RuntimeHost::statusChanged, this, &MainWindow::onStatus);
    connect(&m_runtime, &RuntimeHost::failed, this, [this](const QString& m, bool damaged, bool busy) {
        m_agentFailed = true;
        m_agentDamaged = damaged;
        m_agentBusy = busy;
        m_agentFailure = m;                 // said in the banner (showAgentStatus), where no other message replaces it
        if (m_router && m_router->remote()) // the banner is the remote source's then: say it on the message bar
            showMessage(m, true);
        else if (!messageText().isEmpty() && m.contains(messageText())) // the local sync met it first: said once
            showMessage({}, false);
        showAgentStatus();
    });
    // A reopened console continues the run its database holds, after a kill too: every cycle is committed as it ends.
    // Said once, so whoever opens it (a demo's presenter after a crash) knows why it starts at cycle 45 and that
    // nothing before was lost. A toast: the message bar may hold a warning that must stay.
    connect(&m_runtime, &RuntimeHost::opened, this, [this](bool resumed) {
        if (!resumed || (m_router && m_router->remote()))
            return;
        const RuntimeStatus& s = m_runtime.status();
        QString text = s.scenario.isEmpty()
                           ? tr("Continued the saved run after cycle %1, the last one it saved.").arg(s.cycle)
                           : tr("Continued the saved run of %1 after cycle %2, the last one it saved.")
                                 .arg(s.scenario)
                                 .arg(s.cycle);
        if (m_data.may(approvals::Permission::ControlAgent)) // not offered to a role that may not reset
            text += QLatin1Char(' ') + tr("Reset demo starts a new run.");
        m_toasts->show(text, QStringLiteral("resumed"), false, 8000);
    });
    connect(&m_data, &ConsoleData::notifyAnomaly, this, &MainWindow::onNotify);
    connect(&m_data, &ConsoleData::actionFailed, this, [this](const QString& m) { showMessage(m, true); });
    connect(&m_settings, &ConsoleSettings::profileChanged, this, &MainWindow::applyProfile);
    // The role may be set on the data layer by others than this window (a server's, later): the controls follow it.
    connect(&m_data, &ConsoleData::roleChanged, this, &MainWindow::retranslate);
    applyProfile();
    connect(m_rail, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0 && m_rail->item(row))
            m_settings.setLastPage(m_rail->item(row)->data(Qt::UserRole).toString());
    });

    auto* renotify = new QTimer(this);
    renotify->setInterval(15'000);
    connect(renotify, &QTimer::timeout, &m_data, &ConsoleData::checkRenotifications);
    renotify->start();

    retranslate();
    resize(1320, 820);
    restoreGeometry(m_settings.windowGeometry());
    restoreState(m_settings.windowState());
    showPage(m_settings.lastPage());
}

MainWindow::~MainWindow() = default;

void MainWindow::buildActions()
{
    const auto make = [this](const QKeySequence& key, auto slot) {
        auto* a = new QAction(this);
        if (!key.isEmpty())
            a->setShortcut(key);
        connect(a, &QAction::triggered, this, slot);
        addAction(a); // shortcuts work whichever page has focus
        return a;
    };
    m_run = make(QKeySequence(Qt::CTRL | Qt::Key_Space), [this] {
        if (mayControlAgent())
            m_runtime.setRunning(!m_status.running);
    });
    m_run->setObjectName(QStringLiteral("actionRun"));
    m_step = make(QKeySequence(Qt::CTRL | Qt::Key_Period), [this] {
        if (mayControlAgent())
            m_runtime.stepOnce();
    });
    m_faster = make(QKeySequence(Qt::CTRL | Qt::Key_BracketRight), [this] {
        m_speed->setCurrentIndex(std::min(m_speed->currentIndex() + 1, m_speed->count() - 1));
        Q_EMIT m_speed->activated(m_speed->currentIndex());
    });
    m_slower = make(QKeySequence(Qt::CTRL | Qt::Key_BracketLeft), [this] {
        m_speed->setCurrentIndex(std::max(m_speed->currentIndex() - 1, 0));
        Q_EMIT m_speed->activated(m_speed->currentIndex());
    });
    m_reset = make(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N), &MainWindow::restart);
    m_reset->setObjectName(QStringLiteral("actionReset"));
    m_syncSettings = make({}, [this] { openSyncSettings(); });
    m_profile = make({}, [this] { openProfile(); });
    m_profile->setObjectName(QStringLiteral("actionProfile"));
    m_syncSettings->setObjectName(QStringLiteral("actionSyncSettings"));
    m_goHealth = make(QKeySequence(Qt::CTRL | Qt::Key_1), [this] { showPage(QStringLiteral("health")); });
    m_goAnomalies = make(QKeySequence(Qt::CTRL | Qt::Key_2), [this] { showPage(QStringLiteral("anomalies")); });
    m_palette = make(QKeySequence(Qt::CTRL | Qt::Key_K), [this] { openCommandPalette(); });
    m_shortcuts = make(QKeySequence(Qt::CTRL | Qt::Key_Slash), &MainWindow::showShortcuts);
    m_ack = make(shortcuts::acknowledge(), [this] {
        showPage(QStringLiteral("anomalies"));
        m_anomalies->acknowledgeSelected();
    });
    m_ack->setObjectName(QStringLiteral("actionAcknowledge"));
    m_resolve = make(shortcuts::resolve(), [this] {
        showPage(QStringLiteral("anomalies"));
        m_anomalies->resolveSelected();
    });
    m_snooze = make(shortcuts::snoozeHour(), [this] {
        showPage(QStringLiteral("anomalies"));
        m_anomalies->snoozeSelected(3600 * 1000);
    });
    m_silence = make(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L), [this] {
        showPage(QStringLiteral("anomalies"));
        m_anomalies->openSilenceDialog();
    });
    m_find = make(QKeySequence::Find, [this] {
        showPage(QStringLiteral("anomalies"));
        m_anomalies->focusSearch();
    });
    m_exportCsv = make(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E), [this] {
        showPage(QStringLiteral("health"));
        m_health->exportCsvInteractive();
    });
    m_exportPng = make(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P), [this] {
        showPage(QStringLiteral("health"));
        m_health->exportPngInteractive();
    });
    m_pauseChart =
        make(QKeySequence(Qt::CTRL | Qt::Key_P), [this] { m_health->setLivePaused(!m_health->livePaused()); });
    m_quit = make(QKeySequence::Quit, [this] { close(); });

    auto* themes = new QActionGroup(this);
    m_themeSystem = make({}, [this] { m_settings.setTheme(ConsoleSettings::Theme::System); });
    m_themeLight = make({}, [this] { m_settings.setTheme(ConsoleSettings::Theme::Light); });
    m_themeDark = make({}, [this] { m_settings.setTheme(ConsoleSettings::Theme::Dark); });
    for (QAction* a : {m_themeSystem, m_themeLight, m_themeDark}) {
        a->setCheckable(true);
        themes->addAction(a);
    }
    auto* langs = new QActionGroup(this);
    m_langEn = make({}, [this] { m_settings.setLanguage(QStringLiteral("en")); });
    m_langDe = make({}, [this] { m_settings.setLanguage(QStringLiteral("de")); });
    for (QAction* a : {m_langEn, m_langDe}) {
        a->setCheckable(true);
        langs->addAction(a);
    }
    auto* sources = new QActionGroup(this);
    m_srcLocal = make({}, [this] { chooseSource(ConsoleSettings::Source::Local); });
    m_srcRemote = make({}, [this] { chooseSource(ConsoleSettings::Source::RemoteAgent); });
    m_srcFeed = make({}, [this] { chooseSource(ConsoleSettings::Source::PythonFeed); });
    m_srcRemote->setObjectName(QStringLiteral("actionSourceRemote"));
    m_srcFeed->setObjectName(QStringLiteral("actionSourcePythonFeed"));
    m_srcLocal->setObjectName(QStringLiteral("actionSourceLocal"));
    for (QAction* a : {m_srcLocal, m_srcRemote, m_srcFeed}) {
        a->setCheckable(true);
        sources->addAction(a);
    }
    connect(&m_settings, &ConsoleSettings::themeChanged, this, &MainWindow::applyTheme);
    connect(&m_settings, &ConsoleSettings::languageChanged, this, &MainWindow::setLanguage);
}

void MainWindow::buildMenus()
{
    m_fileMenu = menuBar()->addMenu(QString());
    m_fileMenu->addActions({m_exportCsv, m_exportPng});
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_profile);
    m_fileMenu->addAction(m_syncSettings);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_quit);
    m_viewMenu = menuBar()->addMenu(QString());
    m_viewMenu->addActions({m_goHealth, m_goAnomalies, m_pauseChart});
    m_viewMenu->addSeparator();
    m_themeMenu = m_viewMenu->addMenu(QString());
    m_themeMenu->addActions({m_themeSystem, m_themeLight, m_themeDark});
    m_langMenu = m_viewMenu->addMenu(QString());
    m_langMenu->addActions({m_langEn, m_langDe});
    m_agentMenu = menuBar()->addMenu(QString());
    m_agentMenu->addActions({m_run, m_step, m_faster, m_slower});
    m_agentMenu->addSeparator();
    m_agentMenu->addAction(m_reset);
    m_agentMenu->addSeparator();
    m_sourceMenu = m_agentMenu->addMenu(QString());
    m_sourceMenu->addActions({m_srcLocal, m_srcRemote, m_srcFeed});
    m_anomalyMenu = menuBar()->addMenu(QString());
    m_anomalyMenu->addActions({m_ack, m_resolve, m_snooze, m_silence, m_find});
    m_helpMenu = menuBar()->addMenu(QString());
    m_helpMenu->addActions({m_palette, m_shortcuts});
}

void MainWindow::buildPages()
{
    const QString current = currentPage();
    // What the reader was looking at survives the rebuild (a language change): the selected dimension and anomaly.
    QString dimension;
    std::int64_t anomaly = 0;
    std::optional<HealthPage::ChartChoice> chart;
    if (m_health) {
        m_health->saveState();
        m_anomalies->saveState();
        dimension = m_health->selectedDimension();
        anomaly = m_anomalies->detail()->anomalyId();
        chart = m_health->chartChoice();
    }
    while (m_stack->count() > 0) {
        QWidget* w = m_stack->widget(0);
        m_stack->removeWidget(w);
        w->deleteLater();
    }
    m_health = new HealthPage(m_data, m_settings, m_prompter);
    m_anomalies = new AnomaliesPage(m_data, m_settings, m_prompter);
    m_stack->addWidget(m_health);
    m_stack->addWidget(m_anomalies);
    connect(m_health, &HealthPage::message, this, &MainWindow::showMessage);
    connect(m_anomalies, &AnomaliesPage::message, this, &MainWindow::showMessage);
    m_rail->clear();
    const QStringList ids = knownPageIds();
    for (const QString& id : ids) {
        m_rail->addItem(QString());
        m_rail->item(m_rail->count() - 1)->setData(Qt::UserRole, id);
    }
    connect(m_rail, &QListWidget::currentRowChanged, m_stack, &QStackedWidget::setCurrentIndex, Qt::UniqueConnection);
    if (!dimension.isEmpty())
        m_health->selectDimension(dimension);
    if (chart)
        m_health->restoreChartChoice(*chart);
    if (anomaly != 0)
        m_anomalies->selectAnomaly(anomaly);
    if (!current.isEmpty())
        showPage(current);
}

QStringList MainWindow::knownPageIds()
{
    return {QStringLiteral("health"), QStringLiteral("anomalies")}; // the order of the stack's widgets
}

QStringList MainWindow::pageIds() const
{
    QStringList ids;
    for (int i = 0; i < m_rail->count(); ++i)
        ids << m_rail->item(i)->data(Qt::UserRole).toString();
    return ids;
}

bool MainWindow::showPage(const QString& id)
{
    for (int i = 0; i < m_rail->count(); ++i) {
        if (m_rail->item(i)->data(Qt::UserRole).toString() == id) {
            m_rail->setCurrentRow(i);
            m_stack->setCurrentIndex(i);
            m_settings.setLastPage(id);
            return true;
        }
    }
    if (m_rail->currentRow() < 0 && m_rail->count() > 0)
        m_rail->setCurrentRow(0);
    return false;
}

QString MainWindow::currentPage() const
{
    const QListWidgetItem* item = m_rail ? m_rail->currentItem() : nullptr;
    return item ? item->data(Qt::UserRole).toString() : QString();
}

void MainWindow::retranslate()
{
    setWindowTitle(tr("PayOps Console"));
    m_fileMenu->setTitle(tr("&File"));
    m_viewMenu->setTitle(tr("&View"));
    m_agentMenu->setTitle(tr("&Agent"));
    m_anomalyMenu->setTitle(tr("A&nomalies"));
    m_helpMenu->setTitle(tr("&Help"));
    m_themeMenu->setTitle(tr("Theme"));
    m_langMenu->setTitle(tr("Language"));
    m_sourceMenu->setTitle(tr("Data source"));
    m_srcLocal->setText(tr("Data source: local agent and simulator"));
    m_srcRemote->setText(tr("Data source: remote agent (sync server)…"));
    m_srcFeed->setText(tr("Data source: Python agent feed…"));
    m_toolbar->setWindowTitle(tr("Agent controls"));
    m_step->setText(tr("Single step"));
    m_faster->setText(tr("Faster"));
    m_slower->setText(tr("Slower"));
    m_reset->setText(tr("Reset demo with the selected scenario"));
    m_syncSettings->setText(tr("Remote sync…"));
    m_profile->setText(tr("Profile…"));
    m_goHealth->setText(tr("Go to Health"));
    m_goAnomalies->setText(tr("Go to Anomalies"));
    m_palette->setText(tr("Command palette…"));
    m_shortcuts->setText(tr("Keyboard shortcuts"));
    m_ack->setText(tr("Acknowledge selected anomalies"));
    m_resolve->setText(tr("Resolve selected anomalies…"));
    m_snooze->setText(tr("Snooze selected anomalies for 1 hour"));
    m_silence->setText(tr("New silence…"));
    m_find->setText(tr("Search anomalies"));
    m_exportCsv->setText(tr("Export chart range to CSV…"));
    m_exportPng->setText(tr("Export chart to PNG…"));
    m_pauseChart->setText(tr("Pause or resume live chart"));
    m_quit->setText(tr("Quit"));
    m_themeSystem->setText(tr("Theme: follow the system"));
    m_themeLight->setText(tr("Theme: light"));
    m_themeDark->setText(tr("Theme: dark"));
    m_langEn->setText(QStringLiteral("English"));
    m_langDe->setText(QStringLiteral("Deutsch"));
    m_speed->setToolTip(tr("Simulated time per wall-clock second"));
    m_scenario->setToolTip(tr("Scenario for the next reset"));
    m_themeSystem->setChecked(m_settings.theme() == ConsoleSettings::Theme::System);
    m_themeLight->setChecked(m_settings.theme() == ConsoleSettings::Theme::Light);
    m_themeDark->setChecked(m_settings.theme() == ConsoleSettings::Theme::Dark);
    m_langDe->setChecked(m_settings.language() == QLatin1String("de"));
    m_langEn->setChecked(m_settings.language() != QLatin1String("de"));
    m_srcLocal->setChecked(m_settings.source() == ConsoleSettings::Source::Local);
    m_srcRemote->setChecked(m_settings.source() == ConsoleSettings::Source::RemoteAgent);
    m_srcFeed->setChecked(m_settings.source() == ConsoleSettings::Source::PythonFeed);
    if (m_rail->count() >= 2) {
        m_rail->item(0)->setText(tr("Health"));
        m_rail->item(1)->setText(tr("Anomalies"));
    }
    m_user->setText(tr("%1 · %2 (local profile)").arg(m_settings.userName(), roleLabel(m_data.role())));
    applyThemedChrome();
    onStatus(m_status);
}

void MainWindow::onStatus(const RuntimeStatus& status)
{
    // Called every cycle: only cheap label updates here; icons are drawn when something they show changes.
    const bool scenarioChanged = status.scenario != m_status.scenario;
    const bool runningChanged = status.running != m_status.running;
    m_status = status;
    if (status.open)
        m_agentFailed = false;
    m_run->setText(status.running ? tr("Pause agent") : tr("Run agent"));
    if (runningChanged)
        m_run->setIcon(Theme::icon(status.running ? Theme::Glyph::Pause : Theme::Glyph::Play));
    if (!m_syncNotStarted.isEmpty()) {
        m_sync->setText(tr("Sync: not started"));
        m_sync->setToolTip(m_syncNotStarted);
    } else if (!m_syncHost || !m_syncHost->configured()) {
        QString text = tr("Sync: offline (local)");
        QString tip = tr("No remote service is configured: the agent runs on this machine with the simulator.");
        if (m_syncHost) // the local services keep the same contract, and set aside what breaks it
            addSetAside(m_syncHost->presence(), text, tip);
        m_sync->setText(text);
        m_sync->setToolTip(tip);
    }
    if (scenarioChanged && !status.scenario.isEmpty())
        m_scenario->setCurrentText(status.scenario);
    showAgentStatus();
}

void MainWindow::showAgentStatus()
{
    const RuntimeStatus& status = m_status;
    const bool remote = m_router && m_router->remote();
    const auto clock = [](TimeMs ms) {
        return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    };
    // The local agent's controls act on the local agent only: while another source is shown they would change
    // something no one sees.
    // Disabled for a role that may not control the agent or triage, as the pages' buttons are: a disabled action's
    // shortcut does nothing, as any disabled menu entry's. What reaches them anyway (a command typed into the palette)
    // is refused with the reason where it is carried out (mayControlAgent, ConsoleData).
    const bool mayControl = m_data.may(approvals::Permission::ControlAgent);
    const bool mayTriage = m_data.may(approvals::Permission::Triage);
    for (QAction* a : {m_ack, m_resolve, m_snooze, m_silence})
        a->setEnabled(mayTriage);
    for (QAction* a : {m_step, m_faster, m_slower})
        a->setEnabled(status.open && !remote && mayControl);
    // After a failure Run tries the database again (continuing its run: another agent may have let go of it, the disk
    // may have room again) and Reset starts a new run (the way past a damaged checkpoint or a refused scenario), but
    // not in a file another agent holds: that new run would meet the same lock.
    m_run->setEnabled(!remote && mayControl && (status.open || m_agentFailed));
    m_reset->setEnabled(!remote && mayControl && localRunCanRestart());
    m_speed->setEnabled(!remote && mayControl);
    m_scenario->setEnabled(!remote && mayControl);
    if (remote) {
        const SourceInfo& info = m_router->info();
        const bool feed = info.source == ConsoleSettings::Source::PythonFeed;
        QString state;
        if (feed && info.feedStatus.state == feed::FeedState::Reconnecting)
            state = tr("reconnecting (attempt %1: %2)").arg(info.feedStatus.attempt).arg(info.feedStatus.lastError);
        else if (feed && info.feedStatus.state == feed::FeedState::Connecting)
            state = tr("connecting…");
        else if (info.cycles == 0)
            state = feed ? tr("waiting for its first message") : tr("waiting for its first cycle");
        else
            state = feed ? tr("update %1").arg(info.cycle) : tr("cycle %1").arg(info.cycle);
        m_agentState->setText((feed ? tr("Python agent feed") : tr("Remote agent of %1").arg(info.name)) +
                              QStringLiteral(" · ") + state);
        m_simTime->setText(info.cycles == 0 ? QString() : tr("Agent time %1").arg(clock(info.timeMs)));
        m_speedLabel->setText(QString());
        if (feed) {
            const feed::FeedSummary& f = info.feedSummary;
            m_banner->setText(
                QStringLiteral("<b>") + tr("Python agent feed") + QStringLiteral("</b> — ") +
                tr("read-only telemetry from %1").arg(info.name.toHtmlEscaped()) +
                (f.gateway.empty() ? QString()
                                   : QStringLiteral(" · ") + tr("gateway %1 · NRV %2 · confidence %3%")
                                                                 .arg(QString::fromStdString(f.gateway).toHtmlEscaped())
                                                                 .arg(f.nrv, 0, 'f', 0)
                                                                 .arg(f.confidencePct, 0, 'f', 0)) +
                QStringLiteral(". ") + tr("States, baselines and anomalies are this console's own reading of it."));
            m_banner->setToolTip(f.lastThought.empty()
                                     ? QString()
                                     : tr("The agent's last thought: %1").arg(QString::fromStdString(f.lastThought)));
        } else {
            m_banner->setText(
                QStringLiteral("<b>") + tr("Remote agent") + QStringLiteral("</b> — ") +
                tr("cycles of tenant <i>%1</i>'s agent through the sync server%2. Your triage stays on this console.")
                    .arg(info.name.toHtmlEscaped(),
                         info.run.isEmpty() ? QString() : tr(", run %1").arg(info.run.toHtmlEscaped())));
            m_banner->setToolTip(QString());
        }
        return;
    }
    m_banner->setToolTip(QString());
    const bool following = m_router && m_router->info().following;
    const bool followedStopped = following && m_router->info().followedStopped;
    if (!status.open && following && !followedStopped)
        m_agentState->setText(tr("Agent: in another process") + QStringLiteral(" · ") +
                              tr("cycle %1").arg(m_router->info().cycle));
    else if (!status.open)
        m_agentState->setText(tr("Agent: stopped"));
    else
        m_agentState->setText((status.running ? tr("Agent: running") : tr("Agent: paused")) + QStringLiteral(" · ") +
                              tr("cycle %1").arg(status.cycle));
    m_simTime->setText(status.open ? tr("Simulated %1").arg(clock(status.simulatedMs)) : QString());
    // The speed asked for, and the one achieved when this machine cannot keep up with it.
    // Stopped, the speed the next run will take is the toolbar's (a --speed given for this window is not saved as the
    // default, and the status bar read 16× under a toolbar at 20×).
    const double chosen = m_speed->currentData().toDouble();
    QString speed = tr("Speed %1×").arg(status.open ? status.speed : chosen > 0 ? chosen : m_settings.speed());
    if (status.open && status.running && status.achievedSpeed > 0)
        speed += QStringLiteral(" ") + tr("(achieving %1×)").arg(QString::number(status.achievedSpeed, 'f', 0));
    m_speedLabel->setText(speed);
    if (status.open)
        showSpeed(status.speed);
    if (!status.open && m_agentFailed) {
        // Not "simulated payment traffic": nothing runs, and the banner says why. The message bar said it alone, and
        // the next triage message ("Acknowledged 1 anomaly", in green) replaced the only word of a damaged database.
        // A damaged file is not mended by trying again or by a new run in it: both "did nothing" when clicked. Run
        // stays enabled for the file restored from a backup meanwhile.
        // Run and Reset are not a viewer's: the way out is someone who may use them.
        if (!m_data.may(approvals::Permission::ControlAgent)) {
            m_banner->setText(
                QStringLiteral("<b>") + tr("Offline demo stopped") + QStringLiteral("</b> — ") +
                tr("this console's agent is not running on %1: %2. As %3 you may not run or reset it; an on-call "
                   "engineer or an admin may.")
                    .arg(status.dbPath.toHtmlEscaped(),
                         m_agentFailure.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>")),
                         roleLabel(m_data.role())));
            return;
        }
        m_banner->setText(
            QStringLiteral("<b>") +
            (m_agentBusy && following ? tr("Following another process's run") : tr("Offline demo stopped")) +
            QStringLiteral("</b> — ") +
            (m_agentDamaged
                 ? tr("this console's agent cannot use %1: %2. The file is damaged, and a new run in it cannot mend "
                      "it: restore it from a backup (then <i>Run agent</i> continues), or start the console with "
                      "another <code>--db</code>.")
             : m_agentBusy && followedStopped
                 ? tr("the process that ran the agent on %1 has stopped (it had it when this console opened: %2); the "
                      "pages show its run as it left it. <i>Run agent</i> continues the run here.")
             : m_agentBusy && following
                 ? tr("this console's agent is not running on %1: %2. The pages follow that process's run as it "
                      "saves its cycles; its triage is kept by the console that runs it. Once the other process lets "
                      "go of it, <i>Run agent</i> continues the run here.")
             : m_agentBusy
                 ? tr("this console's agent is not running on %1: %2. Once the other process lets go of it, <i>Run "
                      "agent</i> continues the run this file holds; or start the console with another "
                      "<code>--db</code>.")
                 : tr("this console's agent is not running on %1: %2. <i>Run agent</i> tries again, <i>Reset "
                      "demo</i> starts a new run."))
                .arg(status.dbPath.toHtmlEscaped(),
                     m_agentFailure.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>"))));
        return;
    }
    m_banner->setText(QStringLiteral("<b>") + tr("Offline demo") + QStringLiteral("</b> — ") +
                      tr("simulated payment traffic, scenario <i>%1</i>. Nothing here touches real payments.")
                          .arg(status.scenario.isEmpty() ? tr("none") : status.scenario.toHtmlEscaped()));
}

void MainWindow::attachSources(DataSourceRouter* router)
{
    m_router = router;
    // A source's problem stays on the message bar until that source delivers again (or another is chosen).
    connect(router, &DataSourceRouter::infoChanged, this, [this](const SourceInfo& info) {
        if (!m_sourceProblem.isEmpty() && (info.cycles > m_sourceProblemCycles || info.source != m_sourceProblemFrom) &&
            m_message->text() == m_sourceProblem)
            showMessage({}, false);
        if (info.cycles > m_sourceProblemCycles || info.source != m_sourceProblemFrom)
            m_sourceProblem.clear();
        showAgentStatus();
    });
    connect(router, &DataSourceRouter::failed, this, [this](const QString& m) {
        m_sourceProblem = m;
        m_sourceProblemCycles = m_router->info().cycles;
        m_sourceProblemFrom = m_router->info().source;
        showMessage(m, true);
    });
    connect(&m_settings, &ConsoleSettings::sourceChanged, this, [this] { applySource(true); });
    applySource(false); // connectSync() follows at start-up
}

void MainWindow::applySource(bool reconnect)
{
    const ConsoleSettings::Source source = m_settings.source();
    m_srcLocal->setChecked(source == ConsoleSettings::Source::Local);
    m_srcRemote->setChecked(source == ConsoleSettings::Source::RemoteAgent);
    m_srcFeed->setChecked(source == ConsoleSettings::Source::PythonFeed);
    if (m_router)
        m_router->setSource(source, source == ConsoleSettings::Source::RemoteAgent  ? m_settings.remoteTenant()
                                    : source == ConsoleSettings::Source::PythonFeed ? m_settings.pythonFeedUrl()
                                                                                    : QString());
    // The sync connection follows the remote agent only when it is the source.
    if (reconnect && m_syncHost && !m_settings.syncServer().urls.isEmpty())
        connectSync();
    showAgentStatus();
}

void MainWindow::chooseSource(ConsoleSettings::Source source)
{
    QString tenant = m_settings.remoteTenant();
    QString feed = m_settings.pythonFeedUrl();
    const auto keep = [this] { applySource(false); }; // puts the checkmark back where it was
    if (source == ConsoleSettings::Source::RemoteAgent) {
        if (m_settings.syncServer().urls.isEmpty()) {
            showMessage(tr("A remote agent is reached through the sync server: set one up first."), true);
            keep();
            openSyncSettings();
            return;
        }
        const auto answer = m_prompter.text(this, tr("Remote agent"),
                                            tr("Tenant whose agent to follow (its publish --tenant):"), tenant);
        if (!answer || !sync::contract::isSubjectToken(answer->trimmed())) {
            if (answer)
                showMessage(tr("A tenant is one subject token: no dots, spaces, * or >."), true);
            keep();
            return;
        }
        tenant = answer->trimmed();
    } else if (source == ConsoleSettings::Source::PythonFeed) {
        const auto answer = m_prompter.text(this, tr("Python agent feed"), tr("WebSocket URL of the feed:"), feed);
        const QString typed = answer ? answer->trimmed() : QString();
        if (!answer || !isWebSocketUrl(typed)) {
            if (answer) // the same check as --python-feed's
                showMessage(tr("\"%1\" is not a ws:// or wss:// URL%2.").arg(*answer, webSocketUrlNote(typed)), true);
            keep();
            return;
        }
        feed = QUrl(typed).toString();
    }
    m_settings.setSource(source, tenant, feed);
}

void MainWindow::attachSync(sync::SyncHost* host, SecretStore* secrets, const QString& dbPath)
{
    m_syncDbPath = dbPath;
    m_syncHost = host;
    m_secrets = secrets;
    connect(host, &sync::SyncHost::presenceChanged, this, &MainWindow::onSyncPresence);
    connect(host, &sync::SyncHost::failed, this, [this](const QString& message) {
        // The local sync opens the agent's database too: a lock or damage that stopped the agent is in the banner
        // already, and the same words on the message bar below it said nothing more.
        if (m_agentFailed && !(m_router && m_router->remote()) && m_agentFailure.contains(message))
            return;
        showMessage(message, true);
    });
    // A decision that lost to another console's: say who won, since the operator's screen showed it as made.
    connect(host, &sync::SyncHost::commandSettled, this, [this](const QString&, bool rejected, const QString& json) {
        if (!rejected)
            return;
        const auto result = nlohmann::json::parse(json.toStdString(), nullptr, false);
        if (!result.is_object())
            return;
        const auto text = [&result](const char* key) { // a field another service filled: any type may come
            return QString::fromStdString(jsonFieldOr(result, key, std::string()));
        };
        if (text("outcome") == QLatin1String("conflict"))
            showMessage(tr("Your decision was not applied: %1 by %2 first.")
                            .arg(text("approval_state").isEmpty() ? tr("decided") : text("approval_state"),
                                 text("decided_by").isEmpty() ? tr("someone else") : text("decided_by")),
                        true);
        else if (text("outcome") == QLatin1String("refused")) // the server itself, before any service saw it
            showMessage(tr("The server refused your command, and no service will see it: %1").arg(text("detail")),
                        true);
        else if (text("detail").isEmpty())
            showMessage(tr("A service refused your command and gave no reason."), true);
        else
            showMessage(tr("A service refused your command: %1").arg(text("detail")), true);
    });
}

void MainWindow::connectSync()
{
    if (!m_syncHost)
        return;
    const ConsoleSettings::SyncServer server = m_settings.syncServer();
    // The keychain may answer after a later call (a secret saved meanwhile): only the newest call's answer counts.
    const int attempt = ++m_syncAttempt;
    const auto configure = [this](const sync::SyncHostConfig& config) {
        if (!m_syncNotStarted.isEmpty() && messageText() == m_syncNotStarted)
            showMessage({}, false); // said why an earlier try did not start; this one does
        m_syncNotStarted.clear();
        m_syncHost->configure(config);
    };
    if (server.urls.isEmpty() && m_settings.source() == ConsoleSettings::Source::RemoteAgent) {
        // A remote agent is followed through the sync server: without one (Work offline, a settings file saved so)
        // the pages waited for ever on its first cycle. The local agent is shown instead, and said so.
        m_settings.setSource(ConsoleSettings::Source::Local, m_settings.remoteTenant(), m_settings.pythonFeedUrl());
        showMessage(tr("A remote agent is followed through the sync server, and none is set: the pages show the local "
                       "agent."),
                    true);
    }
    if (server.urls.isEmpty()) {
        // Offline (local): the same sync on the local backend (streams in this database, local services).
        sync::SyncHostConfig config;
        config.dbPath = m_syncDbPath;
        config.consoleId = QStringLiteral("payops-console@") + m_settings.userName();
        config.operatorName = m_settings.userName();
        configure(config);
        onStatus(m_status);
        return;
    }
    const auto start = [this, server, attempt, configure](const QString& secret, const QString& error) {
        if (attempt != m_syncAttempt)
            return;
        // Not started, rather than connected without the secret and refused as if the server were at fault (a
        // --sync-server address the secret was never saved under, a keychain that lost it or is locked), or left
        // connected to the server the settings no longer name. Not the local backend either: its demo services would
        // answer the operator's decisions meant for the server.
        const auto notStarted = [this](const QString& why) {
            m_syncHost->disconnectRemote();
            m_syncNotStarted = tr("Remote sync is not started: %1").arg(why);
            showMessage(m_syncNotStarted, true);
            onStatus(m_status);
        };
        if (!error.isEmpty()) {
            notStarted(tr("the saved secret cannot be read (%1). Save and connect in File > Remote sync tries again.")
                           .arg(error));
            return;
        }
        if (server.authKind != QStringLiteral("none") && secret.isEmpty()) {
            notStarted(tr("no secret is saved for %1 (authentication: %2). Enter it in File > Remote sync, or choose "
                          "No authentication there if the server asks for none.")
                           .arg(server.urls, syncAuthKindLabel(server.authKind)));
            return;
        }
        auto options = syncConnectionOptions(server, secret, QStringLiteral("payops-console@") + m_settings.userName());
        if (!options) {
            notStarted(QString::fromStdString(options.error()));
            return;
        }
        sync::SyncHostConfig config;
        config.dbPath = m_syncDbPath;
        config.connection = *options;
        config.consoleId = options->name;
        config.operatorName = m_settings.userName();
        if (m_settings.source() == ConsoleSettings::Source::RemoteAgent)
            config.followTenant = m_settings.remoteTenant();
        configure(config);
    };
    if (server.authKind == QStringLiteral("none"))
        start({}, {});
    else
        m_secrets->read(syncSecretKey(server.urls), start);
}

ProfileDialog* MainWindow::openProfile()
{
    auto* dialog = new ProfileDialog(m_settings.userName(), m_settings.operatorRole(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const bool renamed = dialog->name() != m_settings.userName();
        m_settings.setUserName(dialog->name());
        const std::string_view key = approvals::operatorRoleKey(dialog->role());
        m_settings.setRole(QString::fromUtf8(key.data(), static_cast<qsizetype>(key.size())));
        showMessage(tr("You are %1, %2.").arg(dialog->name(), roleLabel(dialog->role())), false);
        if (renamed)
            connectSync(); // the sync link names its console and operator after the profile
    });
    dialog->open();
    return dialog;
}

SyncSettingsDialog* MainWindow::openSyncSettings()
{
    const ConsoleSettings::SyncServer current = m_settings.syncServer();
    auto* dialog = new SyncSettingsDialog(
        current, [this](const QString& urls, auto done) { m_secrets->read(syncSecretKey(urls), std::move(done)); },
        this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, current] {
        const ConsoleSettings::SyncServer server = dialog->server();
        const QString secret = dialog->secret();
        m_settings.setSyncServer(server);
        // The keychain keeps a secret under the server's address. A new address with the secret field left empty
        // ("keep the saved one") carries the saved secret over: it was left under the old address, and the console
        // connected with none and was refused.
        const QString oldKey = syncSecretKey(current.urls), newKey = syncSecretKey(server.urls);
        const bool moved = !current.urls.isEmpty() && !server.urls.isEmpty() && server.urls != current.urls &&
                           server.authKind == current.authKind && server.authKind != QStringLiteral("none");
        if (server.urls.isEmpty() || (secret.isEmpty() && !moved)) {
            connectSync();
            return;
        }
        const auto written = [this, moved, oldKey](const QString& error) {
            if (!error.isEmpty())
                showMessage(error, true); // kept for this session only: still under the new address
            // Not left behind under an address no longer used; but where the keychain refused the new copy, its copy
            // under the old address is the only one a restart finds (removed, the secret was gone).
            if (moved && error.isEmpty())
                m_secrets->remove(oldKey);
            else if (moved)
                m_secrets->forgetForSession(oldKey);
            connectSync();
        };
        // With the field left empty, the dialog found the secret to keep before it closed: the new address's own
        // (an address typed back after a --sync-server, or after working offline, keeps it; it was overwritten with
        // the other's), else the old address's, carried over.
        const QString carried = dialog->carriedSecret();
        if (!secret.isEmpty() || !carried.isEmpty())
            m_secrets->write(newKey, secret.isEmpty() ? carried : secret, written);
        else
            connectSync();
    });
    dialog->open();
    return dialog;
}

void MainWindow::addSetAside(const sync::SyncPresence& p, QString& text, QString& tip) const
{
    if (p.setAside <= 0)
        return;
    text += QStringLiteral(" · ") + tr("%n set aside", nullptr, static_cast<int>(p.setAside));
    tip += QStringLiteral("\n") +
           tr("%n message(s) set aside (table sync_quarantine): messages that did not follow the sync contract, "
              "never applied, and events the server lost after this console applied them. The newest: %1",
              nullptr, static_cast<int>(p.setAside))
               .arg(p.newestSetAside);
    // Where to read them all (the Audit page will list them): the command, for this console's own database.
    if (!m_syncDbPath.isEmpty())
        tip += QStringLiteral("\n") +
               tr("payops-agent sync --set-aside --db %1 lists them with their bodies.").arg(m_syncDbPath);
}

void MainWindow::takeBackStaleMessage()
{
    // Only its own words: a message said since (why remote sync is not started, why the pages went back to the local
    // agent) stays.
    if (!m_staleMessage.isEmpty() && messageText() == m_staleMessage)
        showMessage({}, false);
    m_staleMessage.clear();
}

void MainWindow::onSyncPresence(const sync::SyncPresence& p)
{
    if (!m_syncHost || !m_syncHost->configured()) {
        onStatus(m_status);
        takeBackStaleMessage();
        return;
    }
    const auto time = [](std::int64_t ms) {
        return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("HH:mm:ss"));
    };
    QString text;
    switch (p.state) {
    case sync::SyncState::Connecting:
        text = tr("Sync: connecting…");
        break;
    case sync::SyncState::Waiting:
        text = tr("Sync: connected · %1 not available").arg(p.waitingFor.join(QStringLiteral(", ")));
        break;
    case sync::SyncState::Live:
        text = tr("Sync: live");
        break;
    case sync::SyncState::HistoryTruncated:
        text = tr("Sync: live · history truncated");
        break;
    case sync::SyncState::Closed:
        text = tr("Sync: disconnected");
        break;
    case sync::SyncState::Reconnecting:
        text = p.lastEventMs > 0
                   ? tr("Sync: reconnecting (attempt %1, last event %2)").arg(p.attempt).arg(time(p.lastEventMs))
                   : tr("Sync: reconnecting (attempt %1)").arg(p.attempt);
        break;
    }
    if (p.queuedCommands > 0)
        text += QStringLiteral(" · ") + tr("%n queued", nullptr, static_cast<int>(p.queuedCommands));
    const ConsoleSettings::SyncServer server = m_settings.syncServer();
    QString tip = server.urls;
    if (!p.detail.isEmpty())
        tip += QStringLiteral("\n") + p.detail;
    addSetAside(p, text, tip);
    m_sync->setText(text);
    m_sync->setToolTip(tip);
    // Stale data: say so while the link is down, and take it back once it is live again.
    if (p.state == sync::SyncState::Reconnecting) {
        m_staleMessage = p.disconnectedSinceMs > 0
                             ? tr("Remote data may be stale: no connection to %1 since %2 (%3). Decisions you make are "
                                  "queued and sent when it is back.")
                                   .arg(server.urls, time(p.disconnectedSinceMs), p.detail)
                             : tr("Cannot reach %1 (%2). Decisions you make are queued and sent when it answers.")
                                   .arg(server.urls, p.detail);
        showMessage(m_staleMessage, true);
    } else if (p.state != sync::SyncState::Connecting) {
        takeBackStaleMessage();
    }
    if (p.state == sync::SyncState::HistoryTruncated && !p.detail.isEmpty())
        m_sync->setToolTip(m_sync->toolTip() + QStringLiteral("\n") + tr("History truncated: %1").arg(p.detail));
}

void MainWindow::applyThemedChrome()
{
    if (m_rail->count() >= 2) {
        m_rail->item(0)->setIcon(Theme::icon(Theme::Glyph::Health));
        m_rail->item(1)->setIcon(Theme::icon(Theme::Glyph::Anomalies));
    }
    m_run->setIcon(Theme::icon(m_status.running ? Theme::Glyph::Pause : Theme::Glyph::Play));
    m_step->setIcon(Theme::icon(Theme::Glyph::Step));
    m_reset->setIcon(Theme::icon(Theme::Glyph::Reset));
    const QColor accent = Theme::accent();
    m_banner->setStyleSheet(QStringLiteral("QLabel#demoBanner{background:rgba(%1,%2,%3,38);padding:6px 10px;}")
                                .arg(accent.red())
                                .arg(accent.green())
                                .arg(accent.blue()));
}

void MainWindow::showMessage(const QString& text, bool error)
{
    if (text.isEmpty()) {
        m_message->hide();
        return;
    }
    const QColor c = error ? Theme::severity(SeverityClass::Critical) : Theme::health(HealthState::Healthy);
    m_message->setStyleSheet(QStringLiteral("QLabel#messageBar{border-left:4px solid %1;padding:6px 10px;"
                                            "background:rgba(%2,%3,%4,30);}")
                                 .arg(c.name())
                                 .arg(c.red())
                                 .arg(c.green())
                                 .arg(c.blue()));
    m_message->setText(text);
    m_message->show();
    if (!error)
        QTimer::singleShot(8000, m_message, [m = m_message, text] {
            if (m->text() == text)
                m->hide();
        });
}

QString MainWindow::bannerText() const
{
    return m_banner->text();
}

QString MainWindow::messageText() const
{
    return m_message->isVisible() ? m_message->text() : QString();
}

QString MainWindow::statusText() const
{
    return QStringList{m_agentState->text(), m_simTime->text(), m_speedLabel->text(), m_sync->text(), m_user->text()}
        .join(QStringLiteral(" | "));
}

void MainWindow::onNotify(qint64 anomalyId, bool again)
{
    const TriageItem* item = m_data.triage().item(anomalyId);
    if (!item)
        return;
    const Anomaly& a = item->anomaly();
    const QString title = again ? tr("Still unacknowledged: critical anomaly #%1").arg(anomalyId)
                                : tr("Critical anomaly #%1").arg(anomalyId);
    const QString body =
        tr("%1 on %2 — %3")
            .arg(QString::fromLatin1(patternName(a.primary())), dimensionLabel(QString::fromStdString(a.dimension)),
                 a.evidence.empty() ? QString() : sayPhrase(a.evidence.front().phrase, a.evidence.front().rule));
    // One toast per anomaly and notification round; the runtime already dedupes the anomaly itself.
    m_toasts->show(title + QStringLiteral("\n") + body,
                   QStringLiteral("anomaly-%1-%2").arg(anomalyId).arg(item->notifications), true);
    if (m_tray && m_settings.desktopNotifications())
        m_tray->showMessage(title, body, QSystemTrayIcon::Critical, 10'000);
}

CommandPalette* MainWindow::openCommandPalette()
{
    if (m_openPalette)
        m_openPalette->close();
    auto* palette = new CommandPalette(
        paletteActions(), [this](const QString& text) { return parseCommand(text); }, this);
    palette->setAttribute(Qt::WA_DeleteOnClose);
    const QPoint centre = mapToGlobal(QPoint(width() / 2, 80));
    palette->move(centre.x() - palette->width() / 2, centre.y());
    palette->show();
    m_openPalette = palette;
    return palette;
}

QList<QAction*> MainWindow::paletteActions() const
{
    return {m_goHealth,     m_goAnomalies, m_run,        m_step,      m_faster,  m_slower,    m_reset,
            m_ack,          m_resolve,     m_snooze,     m_silence,   m_find,    m_exportCsv, m_exportPng,
            m_pauseChart,   m_themeSystem, m_themeLight, m_themeDark, m_langEn,  m_langDe,    m_shortcuts,
            m_syncSettings, m_profile,     m_srcLocal,   m_srcRemote, m_srcFeed, m_quit};
}

QList<PaletteCommand> MainWindow::parseCommand(const QString& text)
{
    QList<PaletteCommand> out;
    static const QRegularExpression ack(QStringLiteral("^(?:ack|acknowledge)\\s+#?(\\d+(?:[\\s,]+#?\\d+)*)$"),
                                        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression snooze(QStringLiteral("^snooze\\s+(\\d+)\\s*(m|min|h|d)$"),
                                           QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression speed(QStringLiteral("^speed\\s+(\\d+(?:\\.\\d+)?)x?$"),
                                          QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression go(QStringLiteral("^(?:go|open)\\s+(\\w+)$"),
                                       QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression theme(QStringLiteral("^theme\\s+(light|dark|system)$"),
                                          QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression scenario(QStringLiteral("^scenario\\s+(\\w+)$"),
                                             QRegularExpression::CaseInsensitiveOption);
    if (auto m = ack.match(text); m.hasMatch()) {
        std::vector<std::int64_t> ids;
        QStringList shown;
        for (const QString& part :
             m.captured(1).split(QRegularExpression(QStringLiteral("[\\s,#]+")), Qt::SkipEmptyParts)) {
            ids.push_back(part.toLongLong());
            shown << QLatin1Char('#') + part;
        }
        out.append({tr("Acknowledge anomalies %1").arg(shown.join(QStringLiteral(", "))), {}, [this, ids] {
                        showPage(QStringLiteral("anomalies"));
                        m_anomalies->acknowledge(ids);
                    }});
    }
    if (auto m = snooze.match(text); m.hasMatch()) {
        const qint64 n = m.captured(1).toLongLong();
        const QString unit = m.captured(2).toLower();
        const TimeMs ms = n * (unit == QLatin1String("d")   ? 86'400'000
                               : unit == QLatin1String("h") ? 3'600'000
                                                            : 60'000);
        out.append({tr("Snooze selected anomalies for %1").arg(formatDuration(ms)), {}, [this, ms] {
                        showPage(QStringLiteral("anomalies"));
                        m_anomalies->snoozeSelected(ms);
                    }});
    }
    // The local agent's controls, offered as its toolbar offers them: not while another source is shown.
    const bool local = !(m_router && m_router->remote());
    if (auto m = speed.match(text); local && m.hasMatch()) {
        const double s = std::clamp(m.captured(1).toDouble(), RuntimeWorker::kMinSpeed, RuntimeWorker::kMaxSpeed);
        out.append({tr("Set speed to %1×").arg(s), {}, [this, s] {
                        if (!mayControlAgent())
                            return;
                        showSpeed(s); // the toolbar's is the one the status bar names while the agent is stopped
                        m_settings.setSpeed(s);
                        m_runtime.setSpeed(s);
                    }});
    }
    if (auto m = go.match(text); m.hasMatch()) {
        const QString page = m.captured(1).toLower();
        if (pageIds().contains(page))
            out.append({tr("Go to %1").arg(page), {}, [this, page] { showPage(page); }});
    }
    if (auto m = theme.match(text); m.hasMatch()) {
        const auto t = themeFromName(m.captured(1).toLower());
        out.append({tr("Switch theme to %1").arg(m.captured(1).toLower()), {}, [this, t] { m_settings.setTheme(t); }});
    }
    if (auto m = scenario.match(text); m.hasMatch()) {
        const QString name = m.captured(1);
        if (local && localRunCanRestart() && m_scenario->findText(name) >= 0)
            out.append({tr("Reset demo on scenario %1").arg(name), {}, [this, name] {
                            if (!mayControlAgent())
                                return; // the toolbar keeps the scenario it shows
                            m_scenario->setCurrentText(name);
                            restart();
                        }});
    }
    return out;
}

void MainWindow::applyProfile()
{
    m_data.setActor(QStringLiteral("operator:") + m_settings.userName());
    m_data.setRole(m_settings.operatorRole());
    retranslate(); // the status bar's name and role, and (through onStatus) the controls the role may use
}

bool MainWindow::localRunCanRestart() const
{
    return m_status.open || (m_agentFailed && !m_agentBusy);
}

bool MainWindow::mayControlAgent()
{
    if (m_data.may(approvals::Permission::ControlAgent))
        return true;
    showMessage(tr("Not done: as %1 you may not run, pause, step, reset the agent or change its speed or scenario; the "
                   "on-call engineer and the admin may. Change your role under File > Profile.")
                    .arg(roleLabel(m_data.role())),
                true);
    return false;
}

void MainWindow::restart()
{
    if (!mayControlAgent())
        return;
    const QString scenario = m_scenario->currentText();
    m_settings.setScenario(scenario);
    m_runtime.restart(scenario, 7);
    showMessage(
        tr("Started a new demo run on %1. The previous run's audit log and triage stay in the database.").arg(scenario),
        false);
}

void MainWindow::showShortcuts()
{
    QDialog dialog(this);
    dialog.setObjectName(QStringLiteral("shortcutsDialog"));
    dialog.setWindowTitle(tr("Keyboard shortcuts"));
    auto* table = new QTableWidget(0, 2, &dialog);
    table->setHorizontalHeaderLabels({tr("Action"), tr("Shortcut")});
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    for (QAction* a : paletteActions()) {
        if (a->shortcut().isEmpty())
            continue;
        const int row = table->rowCount();
        table->insertRow(row);
        table->setItem(row, 0, new QTableWidgetItem(a->text().remove(QLatin1Char('&'))));
        table->setItem(row, 1, new QTableWidgetItem(a->shortcut().toString(QKeySequence::NativeText)));
    }
    table->resizeColumnToContents(0);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, &dialog);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    auto* layout = new QVBoxLayout(&dialog);
    layout->addWidget(table);
    layout->addWidget(buttons);
    dialog.resize(520, 460);
    dialog.exec();
}

void MainWindow::applyTheme(ConsoleSettings::Theme theme)
{
    Theme::apply(theme);
    m_health->applyTheme();
    m_anomalies->applyTheme();
    retranslate(); // checks the right theme action, redraws icons and the banner
}

void MainWindow::setLanguage(const QString& language)
{
    if (m_translator)
        QCoreApplication::removeTranslator(m_translator.get());
    if (m_qtTranslator)
        QCoreApplication::removeTranslator(m_qtTranslator.get());
    m_translator.reset();
    m_qtTranslator.reset();
    // English has a catalogue too: it holds the plural forms ("1 anomaly", "3 anomalies").
    const QString lang = language.isEmpty() ? QStringLiteral("en") : language;
    setNumberLanguage(lang); // before the pages are rebuilt in the new language, so they write numbers in it too
    auto t = std::make_unique<QTranslator>();
    if (t->load(QStringLiteral("payops_") + lang, QStringLiteral(":/i18n"))) {
        QCoreApplication::installTranslator(t.get());
        m_translator = std::move(t);
    } else {
        showMessage(tr("No translation for language \"%1\"; showing English.").arg(lang), true);
    }
    auto qt = std::make_unique<QTranslator>();
    if (lang != QLatin1String("en") &&
        qt->load(QStringLiteral("qtbase_") + lang, QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt.get());
        m_qtTranslator = std::move(qt);
    }
    // Installing a translator posts LanguageChange, which rebuilds the pages; without one, retranslate here.
    if (!m_translator)
        retranslate();
}

void MainWindow::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange && m_rail) {
        // Pages hold little state of their own (the data is in ConsoleData, the filter in its proxy, the layout in
        // the settings; buildPages carries the selections over): rebuilding them in the new language is simpler and
        // safer than retranslating every label by hand.
        m_data.rewordForLanguage();
        buildPages();
        retranslate();
    }
    QMainWindow::changeEvent(event);
}

bool MainWindow::event(QEvent* event)
{
    // Sent when the platform reports a new desktop theme (light to dark at sunset, say). Only "follow the system"
    // cares; an explicit light or dark choice stays as the user set it.
    if (event->type() == QEvent::ThemeChange && m_settings.theme() == ConsoleSettings::Theme::System) {
        Theme::rereadSystemPalette();
        applyTheme(ConsoleSettings::Theme::System);
    }
    return QMainWindow::event(event);
}

void MainWindow::showSpeed(double speed)
{
    if (!std::isfinite(speed))
        return;
    // At most one speed that is not a step: the one shown. Faster and Slower then step from it.
    for (int i = m_speed->count() - 1; i >= 0; --i) {
        const double item = m_speed->itemData(i).toDouble();
        if (item != speed && !speedSteps().contains(item))
            m_speed->removeItem(i);
    }
    int at = 0;
    while (at < m_speed->count() && m_speed->itemData(at).toDouble() < speed)
        ++at;
    if (at == m_speed->count() || m_speed->itemData(at).toDouble() != speed)
        m_speed->insertItem(at, QStringLiteral("%1×").arg(speed), speed);
    m_speed->setCurrentIndex(at);
}

void MainWindow::saveLayout()
{
    m_settings.setWindowGeometry(saveGeometry());
    m_settings.setWindowState(saveState());
    m_health->saveState();
    m_anomalies->saveState();
    m_settings.sync();
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    saveLayout();
    (void)m_data.flush();
    QMainWindow::closeEvent(event);
}

} // namespace payops
