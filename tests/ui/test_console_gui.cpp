// The real main window, offscreen, on the real runtime (worker thread, SQLite file, issuer_outage at 1000x),
// driven the way an operator would: navigation, shortcuts, the command palette, bulk acknowledge, resolve with a
// note, silences with preview, exports, toasts, language switch, and the --screenshot command line.

#include "../agents/damaged_database.h"
#include "../models/triage_writes_fail.h"
#include "../sync/nats_jwt.h"
#include "../sync/nats_server_fixture.h"
#include "../sync/nats_test_client.h"
#include "models/anomaly_table_model.h"
#include "models/console_data.h"
#include "models/console_settings.h"
#include "models/data_source_router.h"
#include "models/issuer_health_model.h"
#include "models/secret_store.h"
#include "runtime/agent_session.h"
#include "runtime/runtime_host.h"
#include "runtime/scenario_evaluation.h"
#include "store/agent_store.h"
#include "store/sqlite_statement.h"
#include "sync/sync_host.h"
#include "ui/anomalies_page.h"
#include "ui/anomaly_detail_view.h"
#include "ui/command_palette.h"
#include "ui/health_page.h"
#include "ui/main_window.h"
#include "ui/metric_chart.h"
#include "ui/profile_dialog.h"
#include "ui/prompter.h"
#include "ui/silence_dialog.h"
#include "ui/sync_settings_dialog.h"
#include "ui/theme.h"
#include "ui/toast_overlay.h"

#include <QAbstractTextDocumentLayout>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QDialogButtonBox>
#include <QFile>
#include <QGraphicsTextItem>
#include <QHeaderView>
#include <QImage>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLayout>
#include <QLegend>
#include <QLegendMarker>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QProcess>
#include <QProcessEnvironment>
#include <QPushButton>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextDocument>
#include <QTextLayout>
#include <QToolButton>
#include <QWebSocket>
#include <QWebSocketServer>
#include <algorithm>
#include <cctype>
#include <ctime>
#include <functional>
#include <memory>

using namespace payops;

namespace {
// One cycle's snapshot holding one anomaly (#7 on AXIS) with the given evidence, flagged for `cycle` cycles.
CycleSnapshotPtr snapshotWithAnomaly(std::int64_t cycle, std::vector<Evidence> evidence)
{
    auto snap = std::make_shared<CycleSnapshot>();
    snap->cycle = cycle;
    snap->timeMs = 1'767'225'600'000 + cycle * 8000;
    Anomaly a;
    a.id = 7;
    a.dimension = "issuer:AXIS";
    a.kind = DimensionKind::Issuer;
    a.issuer = "AXIS";
    a.patterns = {Pattern::IssuerDegradation};
    a.stats.key = a.dimension;
    a.stats.kind = a.kind;
    a.stats.issuer = a.issuer;
    a.startedMs = 1'767'225'600'000;
    a.lastSeenMs = snap->timeMs;
    a.cycles = static_cast<int>(cycle);
    for (Evidence& e : evidence)
        e.dimension = a.dimension;
    a.evidence = std::move(evidence);
    snap->anomalies = {a};
    return snap;
}

// A database holding an agent run of `cycles` cycles, as payops-agent run leaves one.
bool runCycles(const QString& db, int cycles)
{
    SessionOptions options;
    options.dbPath = db.toStdString();
    auto session = AgentSession::open(options);
    if (!session.ok())
        return false;
    for (int i = 0; i < cycles; ++i) {
        if (!session.value()->step().ok())
            return false;
    }
    return true;
}

// A console window on the local agent of one database, wired as payops-console wires it (not yet opened).
struct LocalConsole {
    LocalConsole(const Clock& clock, const QString& dir, const QString& db)
        : settings(dir + QStringLiteral("/s.ini")), data(clock), window(data, runtime, settings, prompter),
          router(data, runtime, db)
    {
        window.attachSources(&router);
        window.show();
    }
    ConsoleSettings settings;
    ConsoleData data;
    RuntimeHost runtime;
    ScriptedPrompter prompter;
    MainWindow window;
    DataSourceRouter router;
};

// One issuer's cycles, 8 s apart, at a 90 % success rate: the history a chart test grows as it goes.
struct OneIssuerHistory {
    MetricHistory history;
    DimensionStats stats;
    CycleSnapshot snapshot;
    TimeMs timeMs = 1'767'225'600'000;

    explicit OneIssuerHistory(const std::string& key)
    {
        stats.key = key;
        stats.kind = DimensionKind::Issuer;
        stats.successRate = 0.9;
    }
    // n cycles of `count` transactions each (0: the issuer sent nothing, so the cycle has no figure).
    void addCycles(int n, std::uint32_t count = 40)
    {
        for (int i = 0; i < n; ++i) {
            stats.count = count;
            snapshot.stats = {stats};
            snapshot.timeMs = (timeMs += 8000);
            history.append(snapshot);
        }
    }
};

// A rubber-band drag across the middle third of the plot: a zoom.
void dragAcrossTheMiddleThird(MetricChart& chart)
{
    const QRect r = chart.viewport()->rect();
    const QPoint from(r.width() / 3, r.height() / 2), to(r.width() * 2 / 3, r.height() / 2 + 20);
    QTest::mousePress(chart.viewport(), Qt::LeftButton, {}, from);
    QTest::mouseMove(chart.viewport(), to);
    QTest::mouseRelease(chart.viewport(), Qt::LeftButton, {}, to);
}

// The issuer outage at 1000x on `db`: a run whose first anomalies are triaged within seconds.
RuntimeOpenOptions fastOutage(const QString& db)
{
    RuntimeOpenOptions o;
    o.dbPath = db;
    o.scenario = QStringLiteral("issuer_outage");
    o.speed = 1000;
    return o;
}

// Shows `chart` at a page's size on `dimension`; false when the window never appeared.
bool showChart(MetricChart& chart, const std::string& dimension)
{
    chart.resize(800, 400);
    chart.setDimension(QString::fromStdString(dimension));
    chart.show();
    return QTest::qWaitForWindowExposed(&chart);
}

Evidence failureShareEvidence()
{
    Evidence bar;
    bar.rule = "failure share 0.225 > 0.20 beyond sampling error";
    bar.metric = "failure_share";
    bar.value = 0.225;
    bar.baseline = 0.20;
    return bar;
}

// snapshotWithAnomaly's HDFC anomaly (#7, failing) and a copy of it on each further issuer, numbered from #8.
CycleSnapshotPtr snapshotWithAnomaliesOn(const std::vector<const char*>& issuers)
{
    auto s = std::make_shared<CycleSnapshot>(*snapshotWithAnomaly(1, {failureShareEvidence()}));
    const Anomaly first = s->anomalies.front();
    std::int64_t id = first.id;
    for (const char* issuer : issuers) {
        Anomaly a = first;
        a.id = ++id;
        a.dimension = a.stats.key = std::string("issuer:") + issuer;
        a.issuer = a.stats.issuer = issuer;
        s->anomalies.push_back(std::move(a));
    }
    return s;
}
// File > Remote sync > Work offline, as a user clicks it.
void clickWorkOffline(MainWindow& window)
{
    QPointer<SyncSettingsDialog> dialog = window.openSyncSettings();
    const auto buttons = dialog->findChildren<QPushButton*>();
    const auto offline = std::find_if(buttons.begin(), buttons.end(),
                                      [](QPushButton* b) { return b->text() == QStringLiteral("Work offline"); });
    QVERIFY(offline != buttons.end());
    QTest::mouseClick(*offline, Qt::LeftButton);
}

// The sync secret the keychain holds for an address list ("(no answer)" when it does not answer).
QString storedSyncSecret(SecretStore& secrets, const QString& urls)
{
    std::optional<QString> secret;
    secrets.read(QStringLiteral("sync/") + urls, [&](const QString& s, const QString&) { secret = s; });
    (void)QTest::qWaitFor([&] { return secret.has_value(); }, 5000);
    return secret.value_or(QStringLiteral("(no answer)"));
}
} // namespace

class TestConsoleGui : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void statusBarAndNavigation();
    // Before anything acknowledges the run's anomalies: it needs a new one, and leaves it new.
    void aViewerSeesButCannotAct();
    void commandPaletteRunsCommands();
    void bulkAcknowledgeFromTheTable();
    void theTableFitsBesideThePaneAtTheDefaultSize();
    void thresholdEvidenceShowsItsBar();
    void detailPaneShowsTheLastSnapshotOfABurst();
    void silencesThatEndReachThePaneWithoutASnapshot();
    void emptyListsSayWhy();
    void thePaneShowsWhatIsInForceAndWaiting();
    void aRowLeavingTheListKeepsThePaneAndItsActions();
    void aRowNobodyChoseMakesWayForTheNextOne();
    void minutesWithoutTrafficBreakTheLine();
    void aPlainClickDoesNotFreezeALiveChart();
    void aChartHoldsItsPauseAndFollowsAfterAZoom();
    void aChartSaysTimesInUtcAsTheConsoleDoes();
    void theLegendNamesWhatIsDrawnAndTimeLabelsFit();
    void aMarkDrawnLaterIsNamedInsideTheLegend();
    void snoozeUntilATimeHidesTheAnomaly();
    void resolveAsksForANoteAndShowsIt();
    void detailPaneExplainsTheAnomaly();
    void silenceDialogPreviewsAndHides();
    void exportsVisibleRangeAndChart();
    void slowShareChartLeavesOutUncountedCycles();
    void criticalNotificationsToastOnce();
    void languageSwitchesLive();
    void screenshotCommandLine();
    void badCommandLineIsRefused();
    void damagedDatabaseIsReportedInTheWindow();
    void aCorruptDatabaseIsNotOfferedARetry();
    void triageIsNotSavedIntoADamagedDatabase();
    void aSourceSwitchThatCannotAttachIsRetried();
    void startedOnAnotherSourceTheLocalAgentRunsOnTheWayBack();
    void aDamagedRunIsLeftByStartingANewOne();
    void runTriesTheDatabaseAgainAfterAFailure();
    void aRunInAnotherProcessIsFollowed();
    // Loads another run and back, which empties the charts' history: after the tests that chart the local run.
    void anotherRunLeavesNothingOfTheLastOnScreen();
    void healthSummaryCountsMethodsToo();
    void remoteSyncShowsPresenceAndStaleData();
    void aNewServerAddressKeepsTheSavedSecret();
    void anUnreadableKeychainPromisesNoSavedSecret();
    void theSavedSecretIsTestedAndNeverTakenForAnotherKind();
    void anAddressTypedBackKeepsItsOwnSecret();
    void remoteAgentIsShownLikeTheLocalOne();
    void jwtCredentialsFromACredsFile();
    void pythonFeedIsShownReadOnly();
    void followsTheDesktopThemeWhenItChanges();

private:
    std::int64_t hdfcAnomaly() const;
    // Shortcuts go to the active window; a popup (the palette) or a dialog may have had it.
    void pressShortcut(Qt::Key key, Qt::KeyboardModifiers modifiers);
    int rowOf(std::int64_t id) const;

    QTemporaryDir m_dir;
    std::unique_ptr<ConsoleSettings> m_settings;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<ConsoleData> m_data;
    std::unique_ptr<RuntimeHost> m_runtime;
    ScriptedPrompter m_prompter;
    std::unique_ptr<sync::SyncHost> m_syncHost;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<DataSourceRouter> m_router;
    std::unique_ptr<MainWindow> m_window;
};

void TestConsoleGui::initTestCase()
{
    m_settings = std::make_unique<ConsoleSettings>(m_dir.filePath(QStringLiteral("settings.ini")));
    Theme::apply(ConsoleSettings::Theme::Light);
    m_clock = std::make_unique<ManualClock>(1'767'225'600'000);
    m_data = std::make_unique<ConsoleData>(*m_clock);
    m_settings->setUserName(QStringLiteral("tester")); // the window gives the data layer its actor and role
    m_runtime = std::make_unique<RuntimeHost>();
    m_window = std::make_unique<MainWindow>(*m_data, *m_runtime, *m_settings, m_prompter);
    const QString db = m_dir.filePath(QStringLiteral("console.db"));
    m_syncHost = std::make_unique<sync::SyncHost>();
    m_secrets = std::make_unique<SecretStore>();
    m_secrets->setKeychainEnabled(false); // no desktop keychain offscreen; secrets stay in memory
    m_window->attachSync(m_syncHost.get(), m_secrets.get(), db);
    m_window->connectSync(); // nothing configured: offline (local)
    // The same wiring as payops-console: the router feeds the pages from the chosen source (local here).
    m_router = std::make_unique<DataSourceRouter>(*m_data, *m_runtime, db);
    m_router->attachSync(m_syncHost.get());
    // Sources report what keeps them from delivering; the local one never should.
    connect(m_router.get(), &DataSourceRouter::failed, this, [this](const QString& m) {
        if (m_router->info().source == ConsoleSettings::Source::Local)
            QFAIL(qPrintable(m));
    });
    m_window->attachSources(m_router.get());
    m_window->resize(1400, 900);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    RuntimeOpenOptions o;
    o.dbPath = db;
    o.speed = 1000;
    // Stepped 30 cycles into the scenario, not run and paused: where a pause lands is a matter of timing, and the
    // tests below triage the outage's anomaly on HDFC, which clears once the outage is over (37 cycles in on this
    // seed). The scenario begins after the run's lead-in, which opening it ran and saved.
    o.startRunning = false;
    m_runtime->open(o);
    const std::int64_t leadIn = leadInCycles(defaultAgentConfig());
    for (int cycle = 1; cycle <= 30; ++cycle) {
        m_runtime->stepOnce();
        QTRY_VERIFY_WITH_TIMEOUT(m_data->latest() && m_data->latest()->cycle >= leadIn + cycle, 10000);
    }
    // The outage starts 90 simulated seconds into the scenario and is flagged within a few cycles.
    QVERIFY(hdfcAnomaly() != 0);
    QVERIFY(!m_runtime->status().running);
}

void TestConsoleGui::cleanupTestCase()
{
    m_window->close();
    QVERIFY(!m_settings->windowGeometry().isEmpty()); // layout persisted on close
    QVERIFY(!m_settings->viewState(QStringLiteral("anomalies/columns")).isEmpty());
    m_window.reset();
    m_router.reset();
    m_syncHost.reset();
    m_runtime.reset();
    m_data.reset();
}

std::int64_t TestConsoleGui::hdfcAnomaly() const
{
    for (const auto& [id, item] : m_data->triage().items()) {
        if (item.anomaly().dimension == "issuer:HDFC")
            return id;
    }
    return 0;
}

void TestConsoleGui::pressShortcut(Qt::Key key, Qt::KeyboardModifiers modifiers)
{
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QTest::keyClick(m_window.get(), key, modifiers);
}

int TestConsoleGui::rowOf(std::int64_t id) const
{
    return m_data->anomalyModel()->rowOf(id);
}

void TestConsoleGui::statusBarAndNavigation()
{
    QTRY_VERIFY(m_window->statusText().contains(QStringLiteral("Agent: paused")));
    QVERIFY(m_window->statusText().contains(QStringLiteral("Sync: offline (local)")));
    QVERIFY(m_window->statusText().contains(QStringLiteral("Speed 1000×")));
    QVERIFY(m_window->statusText().contains(QStringLiteral("tester · On-call engineer (local profile)")));
    QCOMPARE(m_window->pageIds(), (QStringList{QStringLiteral("health"), QStringLiteral("anomalies")}));
    pressShortcut(Qt::Key_2, Qt::ControlModifier);
    QCOMPARE(m_window->currentPage(), QStringLiteral("anomalies"));
    pressShortcut(Qt::Key_1, Qt::ControlModifier);
    QCOMPARE(m_window->currentPage(), QStringLiteral("health"));
    QVERIFY(
        m_window->findChild<QLabel*>(QStringLiteral("demoBanner"))->text().contains(QStringLiteral("issuer_outage")));

    // Single step while paused advances exactly one cycle.
    const std::int64_t before = m_data->latest()->cycle;
    pressShortcut(Qt::Key_Period, Qt::ControlModifier);
    QTRY_COMPARE(m_data->latest()->cycle, before + 1);
}

void TestConsoleGui::commandPaletteRunsCommands()
{
    CommandPalette* palette = m_window->openCommandPalette();
    QVERIFY(palette->isVisible());
    palette->setQuery(QStringLiteral("go anom"));
    QVERIFY(!palette->entries().isEmpty());
    QCOMPARE(palette->entries().first(), QStringLiteral("Go to Anomalies"));
    QVERIFY(palette->runEntry(0));
    QCOMPARE(m_window->currentPage(), QStringLiteral("anomalies"));

    const std::int64_t id = hdfcAnomaly();
    QCOMPARE(m_data->triage().item(id)->state, TriageState::New);
    palette = m_window->openCommandPalette();
    palette->setQuery(QStringLiteral("ack %1").arg(id));
    QCOMPARE(palette->entries().first(), QStringLiteral("Acknowledge anomalies #%1").arg(id));
    QVERIFY(palette->runEntry(0));
    QCOMPARE(m_data->triage().item(id)->state, TriageState::Acknowledged);
    QCOMPARE(m_data->triage().item(id)->owner, std::string("tester"));

    palette = m_window->openCommandPalette();
    palette->setQuery(QStringLiteral("speed 60"));
    QCOMPARE(palette->entries().first(), QStringLiteral("Set speed to 60×"));
    QVERIFY(palette->runEntry(0));
    QTRY_COMPARE(m_runtime->status().speed, 60.0);
    QCOMPARE(m_settings->speed(), 60.0);
    auto* speedBox = m_window->findChild<QComboBox*>(QStringLiteral("speedCombo"));
    QVERIFY(speedBox);
    QTRY_COMPARE(speedBox->currentText(), QStringLiteral("60×"));
    // A speed that is none of the steps is shown as it is, not as the nearest step or the default (16×).
    palette = m_window->openCommandPalette();
    palette->setQuery(QStringLiteral("speed 20"));
    QVERIFY(palette->runEntry(0));
    QTRY_COMPARE(speedBox->currentText(), QStringLiteral("20×"));
    QCOMPARE(speedBox->currentData().toDouble(), 20.0);
    const int steps = speedBox->count();
    palette = m_window->openCommandPalette();
    palette->setQuery(QStringLiteral("speed 30"));
    QVERIFY(palette->runEntry(0));
    QTRY_COMPARE(speedBox->currentText(), QStringLiteral("30×"));
    QCOMPARE(speedBox->count(), steps); // 20× made way for it: one speed off the steps at a time
    m_runtime->setSpeed(1000);

    palette = m_window->openCommandPalette();
    palette->setQuery(QStringLiteral("zzzz-nothing"));
    QVERIFY(palette->entries().isEmpty());
    palette->close();
}

// At the default window size every column the table shows fits beside the detail pane (z, Confidence and Owner were
// past its edge, reachable only by scrolling), and the header's context menu shows or hides columns.
void TestConsoleGui::theTableFitsBesideThePaneAtTheDefaultSize()
{
    const QSize before = m_window->size();
    m_window->resize(1320, 820); // MainWindow's own default
    QHeaderView* header = m_window->anomaliesPage()->table()->horizontalHeader();
    QTRY_VERIFY(m_window->anomaliesPage()->table()->viewport()->width() < 800);
    QVERIFY(header->isSectionHidden(AnomalyTableModel::Confidence));
    int last = header->count() - 1; // the last column shown stretches to the edge: its own width is left out
    while (header->isSectionHidden(header->logicalIndex(last)))
        --last;
    int shown = 0;
    for (int visual = 0; visual < last; ++visual)
        if (!header->isSectionHidden(header->logicalIndex(visual)))
            shown += header->sectionSize(header->logicalIndex(visual));
    const int viewport = m_window->anomaliesPage()->table()->viewport()->width();
    QVERIFY2(shown + header->minimumSectionSize() <= viewport,
             qPrintable(QStringLiteral("%1 + the last column's minimum > %2").arg(shown).arg(viewport)));
    QCOMPARE(header->logicalIndex(1), int(AnomalyTableModel::State)); // who has it comes first
    QCOMPARE(header->logicalIndex(2), int(AnomalyTableModel::Owner));

    const std::unique_ptr<QMenu> menu = m_window->anomaliesPage()->columnMenu();
    const QList<QAction*> actions = menu->actions();
    QCOMPARE(actions.size(), int(AnomalyTableModel::ColumnCount));
    QCOMPARE(actions[0]->text(), QStringLiteral("Severity"));
    QVERIFY(!actions[0]->isEnabled()); // the table never shows no column
    QAction* confidence = *std::find_if(actions.begin(), actions.end(),
                                        [](QAction* a) { return a->text() == QStringLiteral("Confidence"); });
    QVERIFY(!confidence->isChecked());
    confidence->trigger();
    QVERIFY(!header->isSectionHidden(AnomalyTableModel::Confidence));
    QVERIFY(header->sectionSize(AnomalyTableModel::Confidence) >= header->minimumSectionSize() * 2);
    confidence->trigger();
    QVERIFY(header->isSectionHidden(AnomalyTableModel::Confidence));
    m_window->resize(before);
}

void TestConsoleGui::bulkAcknowledgeFromTheTable()
{
    m_window->showPage(QStringLiteral("anomalies"));
    AnomaliesPage* page = m_window->anomaliesPage();
    page->stateFilter()->setCurrentIndex(4); // All
    page->table()->selectAll();
    const auto ids = page->selectedIds();
    QCOMPARE(static_cast<int>(ids.size()), page->table()->model()->rowCount());
    QVERIFY(!ids.empty());
    const auto fresh = std::count_if(ids.begin(), ids.end(), [this](std::int64_t id) {
        return m_data->triage().item(id)->state == TriageState::New;
    });
    pressShortcut(Qt::Key_A, Qt::ControlModifier | Qt::ShiftModifier);
    for (std::int64_t id : ids)
        QVERIFY(m_data->triage().item(id)->state != TriageState::New);
    // The message counts what was acknowledged, not what was selected.
    const QString said = m_window->messageText();
    if (fresh == 0)
        QVERIFY2(said.startsWith(QStringLiteral("Nothing to acknowledge")), qPrintable(said));
    else
        QVERIFY2(said.startsWith(QStringLiteral("Acknowledged %1 anomal").arg(fresh)), qPrintable(said));
}

void TestConsoleGui::resolveAsksForANoteAndShowsIt()
{
    AnomaliesPage* page = m_window->anomaliesPage();
    page->stateFilter()->setCurrentIndex(4);
    const std::int64_t id = hdfcAnomaly();
    QVERIFY(page->selectAnomaly(id));
    m_prompter.answers = {QString()}; // cancelled: nothing happens
    page->resolveSelected();
    QVERIFY(m_data->triage().item(id)->state != TriageState::Resolved || !m_data->triage().item(id)->active);
    const TriageState before = m_data->triage().item(id)->state;
    if (before == TriageState::Resolved)
        QSKIP("the outage already cleared and the agent resolved the anomaly");
    m_prompter.answers = {QStringLiteral("HDFC failed over to its DR site")};
    page->resolveSelected();
    QCOMPARE(m_data->triage().item(id)->state, TriageState::Resolved);
    QCOMPARE(m_prompter.asked.last(), QStringLiteral("Resolve anomalies"));
    QVERIFY(page->detail()->html().contains(QStringLiteral("HDFC failed over to its DR site")));
    page->stateFilter()->setCurrentIndex(0); // Open: the resolved one leaves the list
    QVERIFY(!page->selectAnomaly(id));
    page->stateFilter()->setCurrentIndex(4);
}

void TestConsoleGui::detailPaneExplainsTheAnomaly()
{
    AnomaliesPage* page = m_window->anomaliesPage();
    page->stateFilter()->setCurrentIndex(4);
    QVERIFY(page->selectAnomaly(hdfcAnomaly()));
    const QString html = page->detail()->html();
    for (const char* part : {"Evidence vs expected", "Hypotheses", "Root cause:", "Agent&apos;s options", "NRV",
                             "latest decision", "Notes"})
        QVERIFY2(html.contains(QLatin1String(part)) ||
                     html.contains(QString::fromLatin1(part).replace(QStringLiteral("&apos;"), QStringLiteral("'"))),
                 part);
    QVERIFY(html.contains(QStringLiteral("success rate")));
    QCOMPARE(page->detail()->chart()->dimension(), QStringLiteral("issuer:HDFC"));
    QVERIFY(page->detail()->chart()->plottedPoints() > 10);
    // Compact, without axis title or legend: the title says what the line is.
    // The cycle's own figure, which the evidence names (the window's trails an incident by minutes).
    QCOMPARE(page->detail()->chart()->chart()->title(), QStringLiteral("Success rate this cycle (%)"));

    // In a narrow pane lines break between words only: an option's name broke as "reduce_retr" / "y_attempts".
    auto* text = page->detail()->findChild<QTextBrowser*>(QStringLiteral("anomalyDetailText"));
    QVERIFY(text);
    // A copy of the pane's document, with its options, laid out narrow (the pane need not be on screen).
    std::unique_ptr<QTextDocument> doc(text->document()->clone());
    doc->setDefaultTextOption(text->document()->defaultTextOption());
    doc->setTextWidth(260);
    (void)doc->documentLayout()->blockBoundingRect(doc->lastBlock()); // lays it out to the end
    const auto wordCharacter = [](QChar c) { return c.isLetterOrNumber() || c == QLatin1Char('_'); };
    int wrappedLines = 0;
    for (QTextBlock block = doc->begin(); block.isValid(); block = block.next()) {
        const QString t = block.text();
        QTextLayout* layout = block.layout();
        for (int i = 0; i + 1 < layout->lineCount(); ++i) {
            const int end = layout->lineAt(i).textStart() + layout->lineAt(i).textLength();
            ++wrappedLines;
            QVERIFY2(end <= 0 || end >= t.size() || !wordCharacter(t.at(end - 1)) || !wordCharacter(t.at(end)),
                     qPrintable(t.left(end) + QStringLiteral(" | ") + t.mid(end)));
        }
    }
    QVERIFY(wrappedLines > 5); // narrow enough to wrap at all
    // And the pane at the console's default width (1100 px: about 300 px of text) needs no horizontal scrolling.
    doc->setTextWidth(300);
    (void)doc->documentLayout()->blockBoundingRect(doc->lastBlock());
    QVERIFY2(doc->idealWidth() <= 300, qPrintable(QString::number(doc->idealWidth())));
}

void TestConsoleGui::thresholdEvidenceShowsItsBar()
{
    // A threshold rule carries its fixed bar as the baseline, with no spread; a baseline rule its mean and spread.
    ConsoleData data(*m_clock);
    Evidence measured;
    measured.rule = "success rate this cycle 0.591, expected 0.917 +/- 0.063 (likelihood 0.90)";
    measured.metric = "cycle_success_rate";
    measured.value = 0.591;
    measured.baseline = 0.917;
    measured.baselineStd = 0.063;
    data.applySnapshot(snapshotWithAnomaly(1, {failureShareEvidence(), measured}));
    AnomalyDetailView view(data);
    view.showAnomaly(7);
    const QString html = view.html();
    // In the unit the charts use: percent for rates and shares (the table showed fractions beside a chart in %).
    QVERIFY2(html.contains(QStringLiteral("bar 20.0%")), qPrintable(html));
    QVERIFY(!html.contains(QStringLiteral("± 0.0%")));
    // With the bar's sampling spread at the window's count (the agent's evidence since 2026-12-07), still a bar.
    Evidence spread = failureShareEvidence();
    spread.baselineStd = 0.028;
    spread.z = 1.1;
    spread.zFromTail = true;
    ConsoleData withSpread(*m_clock);
    withSpread.applySnapshot(snapshotWithAnomaly(1, {spread}));
    AnomalyDetailView spreadView(withSpread);
    spreadView.showAnomaly(7);
    QVERIFY2(spreadView.html().contains(QStringLiteral("bar 20.0 ± 2.8%")), qPrintable(spreadView.html()));
    QVERIFY(html.contains(QStringLiteral("59.1%")));
    QVERIFY(html.contains(QStringLiteral("91.7 ± 6.3%")));
    // Milliseconds say so, and retries are per transaction.
    Evidence slow;
    slow.rule = "mean latency this cycle 281.3 ms";
    slow.metric = "cycle_mean_latency_ms";
    slow.value = 281.333;
    slow.baseline = 193.178;
    slow.baselineStd = 21.433;
    Evidence retries;
    retries.metric = "cycle_mean_retries";
    retries.value = 0.49;
    retries.baseline = 0.2;
    retries.baselineStd = 0.05;
    data.applySnapshot(snapshotWithAnomaly(2, {slow, retries}));
    view.showAnomaly(7);
    const QString units = view.html();
    QVERIFY2(units.contains(QStringLiteral("281 ms")) && units.contains(QStringLiteral("193 ± 21 ms")),
             qPrintable(units));
    QVERIFY(units.contains(QStringLiteral("0.49/tx")) && units.contains(QStringLiteral("0.20 ± 0.05/tx")));
    QVERIFY(!units.contains(QStringLiteral("†")));
    // A count's z is its exact tail, not the distance in the band beside it: marked, and said why under the table.
    Evidence code;
    code.metric = "cycle_code_share";
    code.value = 22.0 / 29;
    code.baseline = 0.066;
    code.baselineStd = 0.046;
    code.z = 9.2;
    code.zFromTail = true;
    data.applySnapshot(snapshotWithAnomaly(3, {code}));
    view.showAnomaly(7);
    const QString tail = view.html();
    QVERIFY2(tail.contains(QStringLiteral("9.2†")) && tail.contains(QStringLiteral("† z of a count")),
             qPrintable(tail));
}

void TestConsoleGui::detailPaneShowsTheLastSnapshotOfABurst()
{
    // The pane redraws at most a few times a second; the last snapshot of a burst (a fast demo, a paused agent
    // stepped twice, a remote backfill) must still be drawn, or the pane stays behind the list until the next one.
    ConsoleData data(*m_clock);
    AnomalyDetailView view(data);
    view.resize(700, 500);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    data.applySnapshot(snapshotWithAnomaly(1, {failureShareEvidence()}));
    view.showAnomaly(7);
    QVERIFY(view.html().contains(QStringLiteral("flagged for 1 cycle")));
    data.applySnapshot(snapshotWithAnomaly(2, {failureShareEvidence()}));
    data.applySnapshot(snapshotWithAnomaly(3, {failureShareEvidence()}));     // within the interval of the one before
    QTRY_VERIFY(view.html().contains(QStringLiteral("flagged for 3 cycle"))); // "cycles" or, untranslated, "cycle(s)"
}

// The line under the health table counts what the table shows: a degraded method as well as issuers ("0 degraded"
// beside a degraded upi read as a contradiction).
void TestConsoleGui::healthSummaryCountsMethodsToo()
{
    ConsoleData data(*m_clock);
    ConsoleSettings settings(m_dir.filePath(QStringLiteral("summary.ini")));
    ScriptedPrompter prompter;
    HealthPage page(data, settings, prompter);
    auto snap = std::make_shared<CycleSnapshot>();
    snap->cycle = 1;
    snap->timeMs = 1'767'225'600'000;
    snap->systemHealth = 0.6;
    for (const char* issuer : {"HDFC", "AXIS"}) {
        DimensionStats st;
        st.kind = DimensionKind::Issuer;
        st.issuer = issuer;
        st.key = std::string("issuer:") + issuer;
        st.count = 50;
        snap->stats.push_back(st);
        snap->issuerHealth.push_back(
            {issuer, issuer == std::string("AXIS") ? HealthState::Down : HealthState::Healthy, {}});
    }
    DimensionStats upi;
    upi.kind = DimensionKind::Method;
    upi.method = "upi";
    upi.key = "method:upi";
    upi.count = 40;
    snap->stats.push_back(upi);
    Anomaly fatigue;
    fatigue.id = 1;
    fatigue.kind = DimensionKind::Method;
    fatigue.dimension = upi.key;
    fatigue.method = "upi";
    fatigue.patterns = {Pattern::MethodFatigue};
    fatigue.severityClass = SeverityClass::Medium;
    snap->anomalies = {fatigue};
    data.applySnapshot(snap);
    const QString text = page.findChild<QLabel*>(QStringLiteral("healthSummary"))->text();
    QCOMPARE(text, QStringLiteral("issuers: 1 down, 0 degraded · methods: 0 down, 1 degraded · system health 60%"));
}

void TestConsoleGui::anotherRunLeavesNothingOfTheLastOnScreen()
{
    // Switching source loads another run: ids start at 1 in every run, so a pane left on the old anomaly would show
    // it beside the new run's list and put a note typed there on the new run's anomaly of the same number.
    AnomaliesPage* page = m_window->anomaliesPage();
    page->stateFilter()->setCurrentIndex(4);
    const std::int64_t id = hdfcAnomaly();
    QVERIFY(page->selectAnomaly(id));
    QCOMPARE(page->detail()->anomalyId(), id);
    auto* summary = m_window->findChild<QLabel*>(QStringLiteral("healthSummary"));
    QVERIFY(summary && !summary->text().isEmpty());
    const QString localRun = m_data->runId();
    const QString db = m_dir.filePath(QStringLiteral("console.db"));
    QVERIFY(m_data->attachRun(db, QStringLiteral("remote:nobody:run-1")).ok()); // nothing arrived there yet
    QCOMPARE(page->detail()->anomalyId(), std::int64_t{0});
    QVERIFY(page->detail()->html().isEmpty() || !page->detail()->html().contains(QStringLiteral("Evidence")));
    QVERIFY(summary->text().isEmpty());
    // Back to the local run: a row is selected and the pane shows that row's anomaly.
    QVERIFY(m_data->attachRun(db, localRun).ok());
    QVERIFY(page->detail()->anomalyId() != 0);
    QCOMPARE(page->detail()->anomalyId(), page->selectedIds().empty() ? 0 : page->selectedIds().front());
}

void TestConsoleGui::silencesThatEndReachThePaneWithoutASnapshot()
{
    // A paused agent sends no snapshots: a silence removed, or one that runs out, must still leave the detail pane
    // and the Silences list.
    ManualClock clock(1'767'225'600'000);
    ConsoleData data(clock);
    data.applySnapshot(snapshotWithAnomaly(1, {failureShareEvidence()}));
    AnomalyDetailView view(data);
    view.showAnomaly(7);
    Silence axis;
    axis.dimension = "issuer:AXIS";
    axis.expiresAt = clock.nowMs() + 3600 * 1000;
    auto first = data.addSilence(axis);
    QVERIFY(first.ok());
    QVERIFY(view.html().contains(QStringLiteral("silenced by #%1").arg(first.value().id)));
    QVERIFY(data.removeSilence(first.value().id).ok());
    QVERIFY(!view.html().contains(QStringLiteral("silenced by")));

    auto second = data.addSilence(axis);
    QVERIFY(second.ok());
    QVERIFY(view.html().contains(QStringLiteral("silenced by")));
    QSignalSpy changed(&data, &ConsoleData::silencesChanged);
    data.checkRenotifications(); // nothing ran out: nothing to announce
    QCOMPARE(changed.count(), 0);
    clock.advanceMs(2 * 3600 * 1000);
    data.checkRenotifications();
    QCOMPARE(changed.count(), 1);
    QVERIFY(data.triage().activeSilences().empty());
    QVERIFY(!view.html().contains(QStringLiteral("silenced by")));

    // A snooze that runs out, the same: the pane said "Snoozed until" after the table showed the anomaly New again.
    QVERIFY(data.snooze(7, clock.nowMs() + 15 * 60 * 1000).ok());
    data.checkRenotifications(); // the check that sees it snoozed
    QVERIFY(view.html().contains(QStringLiteral("Snoozed until")));
    clock.advanceMs(16 * 60 * 1000);
    data.checkRenotifications();
    QVERIFY2(!view.html().contains(QStringLiteral("Snoozed until")), qPrintable(view.html()));
    QVERIFY(view.html().contains(QStringLiteral("New")));
}

void TestConsoleGui::emptyListsSayWhy()
{
    // A run without anomalies says so in the pane; a list emptied by the filter points at the filter.
    ConsoleData data(*m_clock);
    AnomaliesPage page(data, *m_settings, m_prompter);
    page.resize(1200, 700);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    const auto* title = page.detail()->findChild<QLabel*>(QStringLiteral("anomalyTitle"));
    const auto* counts = page.findChild<QLabel*>(QStringLiteral("anomalyCounts"));
    // No run at all (the agent could not open its database) is not a quiet run.
    QCOMPARE(title->text(), QStringLiteral("No run is shown."));
    auto quiet = std::make_shared<CycleSnapshot>();
    quiet->cycle = 1;
    quiet->timeMs = 1'767'225'608'000;
    data.applySnapshot(quiet);
    QCOMPARE(title->text(), QStringLiteral("No anomalies in this run yet."));
    data.applySnapshot(snapshotWithAnomaly(2, {failureShareEvidence()}));
    QVERIFY(!title->text().startsWith(QStringLiteral("No anomalies")));
    QVERIFY(!counts->text().contains(QStringLiteral("filter hides")));
    QVERIFY(data.resolve(7, QStringLiteral("failed over")).ok());
    QCOMPARE(page.table()->model()->rowCount(), 0);
    QVERIFY2(counts->text().contains(QStringLiteral("the filter hides them")), qPrintable(counts->text()));

    // The first anomaly of a quiet run arrives hidden (its issuer is silenced for maintenance): the counts and the
    // pane say so. They read "0 of 0 anomalies shown" and "No anomalies in this run yet.", with a live anomaly there.
    ConsoleData silenced(*m_clock);
    AnomaliesPage silencedPage(silenced, *m_settings, m_prompter);
    silencedPage.resize(1200, 700);
    silencedPage.show();
    QVERIFY(QTest::qWaitForWindowExposed(&silencedPage));
    const auto* silencedTitle = silencedPage.detail()->findChild<QLabel*>(QStringLiteral("anomalyTitle"));
    const auto* silencedCounts = silencedPage.findChild<QLabel*>(QStringLiteral("anomalyCounts"));
    silenced.applySnapshot(quiet);
    Silence maintenance;
    maintenance.dimension = "issuer:*";
    QVERIFY(silenced.addSilence(maintenance).ok());
    QCOMPARE(silencedTitle->text(), QStringLiteral("No anomalies in this run yet."));
    silenced.applySnapshot(snapshotWithAnomaly(2, {failureShareEvidence()}));
    QCOMPARE(silencedPage.table()->model()->rowCount(), 0);
    QVERIFY2(silencedCounts->text().startsWith(QStringLiteral("0 of 1 anomalies shown · 1 silenced — the filter")),
             qPrintable(silencedCounts->text()));
    QVERIFY2(!silencedTitle->text().startsWith(QStringLiteral("No anomalies")), qPrintable(silencedTitle->text()));
}

void TestConsoleGui::thePaneShowsWhatIsInForceAndWaiting()
{
    // The decision is the cycle's own: "NO_ACTION — no option with positive NRV" while a suppression applied earlier
    // is in force and a request waits for a human. The pane names both, on the anomaly's dimension, and nothing else.
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("local.db"));
    ConsoleData data(*m_clock);
    QVERIFY(data.attach(db, true).ok()); // the local agent's run: its requests are decided in this database
    AnomaliesPage page(data, *m_settings, m_prompter);
    page.resize(1200, 700);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    auto snap = std::make_shared<CycleSnapshot>(*snapshotWithAnomaly(5, {failureShareEvidence()}));
    snap->decision.kind = DecisionKind::NoAction;
    snap->decision.reason = "no option with positive NRV";
    const auto option = [](const char* type, const char* target) {
        InterventionOption o;
        o.type = type;
        o.target = target;
        o.nrv = 1234.5;
        return o;
    };
    Intervention suppress;
    suppress.id = 9;
    suppress.option = option("suppress_path", "issuer:AXIS");
    suppress.source = "autonomous";
    suppress.appliedMs = 1'767'225'600'000 + 8000;
    suppress.expiresMs = suppress.appliedMs + 300'000;
    Intervention elsewhere = suppress;
    elsewhere.id = 10;
    elsewhere.option.target = "issuer:SBI";
    snap->activeInterventions = {suppress, elsewhere};
    ApprovalRequest request;
    request.id = 4;
    request.option = option("reroute_traffic", "issuer:AXIS");
    request.option.approvalReasons = {"confidence 0.60 < min_confidence 0.70"};
    request.createdMs = suppress.appliedMs;
    request.expiresMs = suppress.appliedMs + 900'000;
    snap->pendingApprovals = {request};
    data.applySnapshot(snap);
    QVERIFY(page.selectAnomaly(7));
    const QString html = page.detail()->html();
    QVERIFY2(html.contains(QStringLiteral("In force and waiting")), qPrintable(html));
    QVERIFY2(html.contains(QStringLiteral("#9 suppress_path issuer:AXIS")), qPrintable(html));
    QVERIFY(html.contains(QStringLiteral("in force since 00:00:08, until 00:05:08 (autonomous)")));
    QVERIFY(html.contains(QStringLiteral("request #4: reroute_traffic issuer:AXIS")));
    QVERIFY(html.contains(QStringLiteral("waits for approval since 00:00:08, until 00:15:08: confidence 0.60")));
    QVERIFY(!html.contains(QStringLiteral("issuer:SBI"))); // another issuer's suppression is not this one's
    QVERIFY(html.contains(QStringLiteral("no option with positive NRV")));
    // With the console's database named: payops-agent's own default is another file.
    QVERIFY2(html.contains(QStringLiteral("approvals approve 4 --db %1").arg(db)), qPrintable(html));
    // A remote agent's requests are decided on its side: no local command is offered for them.
    QVERIFY(data.attachRun(db, QStringLiteral("remote:tenant")).ok());
    data.applySnapshot(snap);
    QVERIFY(page.selectAnomaly(7));
    QVERIFY(page.detail()->html().contains(QStringLiteral("request #4")));
    QVERIFY(!page.detail()->html().contains(QStringLiteral("payops-agent approvals")));
    // Once the suppression ends and the request is decided, the section goes.
    auto later = std::make_shared<CycleSnapshot>(*snapshotWithAnomaly(6, {failureShareEvidence()}));
    data.applySnapshot(later);
    QTRY_VERIFY(!page.detail()->html().contains(QStringLiteral("In force and waiting")));
}

void TestConsoleGui::aRowLeavingTheListKeepsThePaneAndItsActions()
{
    // The anomaly being read resolves and leaves the Open list: the table's current row moves to a neighbour, but the
    // pane stays on the one the reader chose, and Acknowledge does not land on the neighbour.
    ConsoleData data(*m_clock);
    data.applySnapshot(snapshotWithAnomaliesOn({"SBI"}));
    AnomaliesPage page(data, *m_settings, m_prompter);
    page.resize(1200, 700);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QVERIFY(page.selectAnomaly(7));
    QCOMPARE(page.detail()->anomalyId(), std::int64_t{7});
    QVERIFY(data.resolve(7, QStringLiteral("failed over")).ok());
    QVERIFY(!page.selectAnomaly(7)); // it left the Open list
    QCOMPARE(page.detail()->anomalyId(), std::int64_t{7});
    QCOMPARE(page.selectedIds(), std::vector<std::int64_t>{7});
    // Resolved: there is nothing to acknowledge, and neither the button nor the message says otherwise.
    QVERIFY(!page.findChild<QToolButton*>(QStringLiteral("anomalyAcknowledge"))->isEnabled());
    QSignalSpy messages(&page, &AnomaliesPage::message);
    page.acknowledgeSelected();
    QCOMPARE(data.triage().item(8)->state, TriageState::New);
    QCOMPARE(messages.size(), 1);
    QVERIFY(messages.first().at(0).toString().startsWith(QStringLiteral("Nothing to acknowledge")));
    // Choosing a row again follows it.
    QVERIFY(page.selectAnomaly(8));
    QCOMPARE(page.detail()->anomalyId(), std::int64_t{8});
}

void TestConsoleGui::aRowNobodyChoseMakesWayForTheNextOne()
{
    // The page selected an anomaly itself and nobody has chosen one since: when it resolves and leaves the
    // Open list, the pane moves on to the first anomaly still listed, with its actions (it stayed on the resolved
    // one, actions greyed, while a High anomaly was open beside it).
    ConsoleData data(*m_clock);
    AnomaliesPage page(data, *m_settings, m_prompter);
    page.resize(1200, 700);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    data.applySnapshot(snapshotWithAnomaliesOn({"SBI", "AXIS", "ICICI"}));
    const std::int64_t shown = page.detail()->anomalyId(); // selected by the page
    QVERIFY(shown >= 7 && shown <= 10);
    QVERIFY(data.resolve(shown, QStringLiteral("failed over")).ok());
    const std::int64_t next = page.detail()->anomalyId();
    QVERIFY(next != shown && next >= 7 && next <= 10);
    QCOMPARE(page.selectedIds(), std::vector<std::int64_t>{next});
    QVERIFY(page.findChild<QToolButton*>(QStringLiteral("anomalyAcknowledge"))->isEnabled());
    // Ctrl+A is a choice too: when the row the page picked leaves, the rest of a bulk selection stays selected.
    page.table()->selectAll();
    QVERIFY(data.resolve(next, QStringLiteral("failed over")).ok());
    const std::vector<std::int64_t> kept = page.selectedIds();
    QCOMPARE(kept.size(), std::size_t{2}); // the two left of the three, still selected (it was cut to one)
    QVERIFY(std::find(kept.begin(), kept.end(), next) == kept.end());
}

void TestConsoleGui::minutesWithoutTrafficBreakTheLine()
{
    // An issuer the agent suppressed sends nothing for minutes: the chart must not draw a steady rate across them.
    // A cycle or two without a figure is bridged.
    OneIssuerHistory axis("issuer:AXIS");
    axis.addCycles(10, 40);
    axis.addCycles(2, 0); // bridged
    axis.addCycles(10, 40);
    MetricChart chart(axis.history);
    chart.setMetric(Metric::SuccessRate);
    QVERIFY(showChart(chart, axis.stats.key));
    QCOMPARE(chart.plottedPoints(), 20);
    QCOMPARE(chart.lineSegments(), 1);
    {
        // Before any cycle (a database another console holds), the title names the metric the box shows.
        const MetricHistory none;
        MetricChart empty(none);
        QVERIFY(showChart(empty, axis.stats.key));
        QCOMPARE(empty.chart()->title(), QStringLiteral("AXIS (issuer) — Success rate this cycle (%) — no figures in "
                                                        "this range"));
    }
    axis.addCycles(6, 0); // suppressed: a gap
    axis.addCycles(5, 40);
    chart.refresh();
    QCOMPARE(chart.plottedPoints(), 25);
    QCOMPARE(chart.lineSegments(), 2);
    // One cycle with traffic between two gaps is drawn as a short dash (two points), not as nothing.
    axis.addCycles(4, 0);
    axis.addCycles(1, 40);
    axis.addCycles(4, 0);
    chart.refresh();
    QCOMPARE(chart.lineSegments(), 3);
    QCOMPARE(chart.plottedPoints(), 27);
    // The markers stay on top of the lines added for the stretches (series draw in the order they were added).
    const QList<QAbstractSeries*> series = chart.chart()->series();
    QCOMPARE(series.last()->name(), QStringLiteral("Anomaly"));
    axis.addCycles(40, 40); // the gap scrolls out of the range: one line again
    chart.setRangeMs(3 * 60 * 1000);
    QCOMPARE(chart.lineSegments(), 1);

    // Two hours without a gap: the older hour is thinned to a point a minute, the last one has a point a cycle, and
    // the six-hour view is still one line (judged against one step for both, every older minute was a stretch).
    axis.addCycles(900, 40);
    chart.setRangeMs(6 * 3600 * 1000);
    QVERIFY(chart.plottedPoints() > 200);
    QCOMPARE(chart.lineSegments(), 1);
}

void TestConsoleGui::aPlainClickDoesNotFreezeALiveChart()
{
    // A rubber-band drag zooms and holds the axis until "reset zoom"; a click without a drag changes nothing and
    // must leave the chart following the data.
    OneIssuerHistory hdfc("issuer:HDFC");
    hdfc.addCycles(30);
    MetricChart chart(hdfc.history);
    QVERIFY(showChart(chart, hdfc.stats.key));
    QTest::mouseClick(chart.viewport(), Qt::LeftButton, {}, chart.viewport()->rect().center());
    const auto before = chart.visibleRange();
    hdfc.addCycles(3);
    chart.refresh();
    QVERIFY(chart.visibleRange().second > before.second);
    // A drag zooms, and the axis holds while data keeps arriving.
    const auto live = chart.visibleRange();
    dragAcrossTheMiddleThird(chart);
    const auto zoomed = chart.visibleRange();
    QVERIFY(zoomed.second - zoomed.first < live.second - live.first);
    hdfc.addCycles(3);
    chart.refresh();
    QCOMPARE(chart.visibleRange(), zoomed);
    // A double-click follows the data again (the detail pane's compact chart has no reset button).
    QTest::mouseDClick(chart.viewport(), Qt::LeftButton, {}, chart.viewport()->rect().center());
    QVERIFY(chart.visibleRange().second > zoomed.second);
    hdfc.addCycles(1);
    const auto followed = chart.visibleRange();
    chart.refresh();
    QVERIFY(chart.visibleRange().second > followed.second);
}

// Paused, another metric or range is shown for the minutes on screen (it jumped to now, Pause still checked). A
// metric chosen while zoomed follows the data again: the zoom went, but the chart stayed frozen for good.
void TestConsoleGui::aChartHoldsItsPauseAndFollowsAfterAZoom()
{
    OneIssuerHistory hdfc("issuer:HDFC");
    hdfc.addCycles(30);
    MetricChart chart(hdfc.history);
    QVERIFY(showChart(chart, hdfc.stats.key));
    chart.setPaused(true);
    const TimeMs end = chart.visibleRange().second;
    hdfc.addCycles(5);
    chart.setMetric(Metric::P95Latency);
    QCOMPARE(chart.visibleRange().second, end);
    chart.setRangeMs(5 * 60 * 1000);
    QCOMPARE(chart.visibleRange().second, end);
    chart.setPaused(false);
    QVERIFY(chart.visibleRange().second > end);

    dragAcrossTheMiddleThird(chart);
    const auto zoomed = chart.visibleRange();
    chart.setMetric(Metric::CycleSuccessRate);
    hdfc.addCycles(3);
    chart.refresh();
    QVERIFY(chart.visibleRange().second > zoomed.second);
}

// The status bar, the anomaly list and the CSV say simulated time in UTC; the chart's axis said it in the machine's
// zone (05:30 ahead in Kolkata), so a marker could not be matched to the anomaly it marks.
void TestConsoleGui::aChartSaysTimesInUtcAsTheConsoleDoes()
{
    const QByteArray zone = qgetenv("TZ");
    const auto restore = qScopeGuard([zone] {
        qputenv("TZ", zone);
        tzset();
    });
    qputenv("TZ", "Asia/Kolkata");
    tzset();
    OneIssuerHistory hdfc("issuer:HDFC");
    hdfc.addCycles(30);
    MetricChart chart(hdfc.history);
    QVERIFY(showChart(chart, hdfc.stats.key));
    const TimeMs last = hdfc.timeMs; // the last cycle added
    const auto* axis = qobject_cast<QDateTimeAxis*>(chart.chart()->axes(Qt::Horizontal).value(0));
    QVERIFY(axis);
    QCOMPARE(axis->max().toString(QStringLiteral("HH:mm:ss")), // the machine's local reading of its value
             QDateTime::fromMSecsSinceEpoch(last, Qt::UTC).toString(QStringLiteral("HH:mm:ss")));
    QCOMPARE(chart.visibleRange().second, last); // the range itself is simulated ms, as before

    // Just after a change of daylight saving time (Berlin, 2026-03-29 01:00 UTC): the axis reads with the offset at
    // the shifted point, an hour less than at the range's end (it read 00:04 for 01:04).
    qputenv("TZ", "Europe/Berlin");
    tzset();
    OneIssuerHistory spring("issuer:HDFC");
    spring.timeMs = QDateTime(QDate(2026, 3, 29), QTime(1, 0), Qt::UTC).toMSecsSinceEpoch();
    spring.addCycles(30);
    MetricChart after(spring.history);
    QVERIFY(showChart(after, spring.stats.key));
    const auto* afterAxis = qobject_cast<QDateTimeAxis*>(after.chart()->axes(Qt::Horizontal).value(0));
    QVERIFY(afterAxis);
    QCOMPARE(afterAxis->max().toString(QStringLiteral("HH:mm:ss")), QStringLiteral("01:04:00"));
}

void TestConsoleGui::theLegendNamesWhatIsDrawnAndTimeLabelsFit()
{
    // Names of marks that are not on the chart crowded out those that are ("Detector's expe..." at 1024 px), and six
    // time labels ran into each other in a detail pane's narrow chart.
    OneIssuerHistory hdfc("issuer:HDFC");
    hdfc.addCycles(30);
    MetricChart chart(hdfc.history);
    QVERIFY(showChart(chart, hdfc.stats.key));
    QCOMPARE(chart.markerCount(), 0);
    const auto shown = [&] {
        QStringList names;
        for (QLegendMarker* marker : chart.chart()->legend()->markers())
            if (marker->isVisible())
                names << marker->label();
        return names;
    };
    QCOMPARE(shown(), (QStringList{QStringLiteral("Expected band"), QStringLiteral("EWMA baseline"),
                                   QStringLiteral("Success rate in window (%)")}));
    const auto* time = qobject_cast<QDateTimeAxis*>(chart.chart()->axes(Qt::Horizontal).value(0));
    QVERIFY(time);
    QCOMPARE(time->tickCount(), 5); // 800 px
    QLegend* legend = chart.chart()->legend();
    QCOMPARE(legend->alignment(), Qt::AlignBottom); // three names fit side by side
    // Names too long for one line go one under another at the right, whole (German at 1024 px cut every one of them
    // to "Erwartungsber..."), unless that would leave the plot too narrow.
    QFont large = legend->font();
    large.setPixelSize(QFontMetrics(large).height() * 5 / 2);
    legend->setFont(large);
    chart.resize(1000, 400);
    QCOMPARE(legend->alignment(), Qt::AlignRight);
    // A gap in the line adds a series, whose marker Qt reports hidden until its next layout: the legend stays put.
    hdfc.addCycles(5, 0);
    hdfc.addCycles(5);
    chart.refresh();
    QCOMPARE(legend->alignment(), Qt::AlignRight);
    QTest::qWait(20); // Qt's layout: the marks re-added on top of the new line keep their names out of the legend
    QCOMPARE(shown(), (QStringList{QStringLiteral("Expected band"), QStringLiteral("EWMA baseline"),
                                   QStringLiteral("Success rate in window (%)")}));
    chart.resize(1000, 200); // too short for a column of every name: Qt would drop the last ones
    QCOMPARE(legend->alignment(), Qt::AlignBottom);
    chart.resize(1800, 400);
    QCOMPARE(legend->alignment(), Qt::AlignBottom);
    chart.resize(700, 400);
    QCOMPARE(legend->alignment(), Qt::AlignBottom);
    chart.resize(300, 200);
    QCOMPARE(time->tickCount(), 2);
}

void TestConsoleGui::aMarkDrawnLaterIsNamedInsideTheLegend()
{
    // Red dots on the chart and no "Anomaly" in the legend (seen in the demo): a legend marker shown by hand was not
    // laid out again, and stayed where the legend's last layout left it, outside the legend.
    OneIssuerHistory hdfc("issuer:HDFC");
    hdfc.addCycles(30);
    MetricChart chart(hdfc.history);
    QVERIFY(showChart(chart, hdfc.stats.key));
    QTest::qWait(20); // the legend laid out with the three names
    Anomaly outage;
    outage.id = 1;
    outage.dimension = hdfc.stats.key;
    outage.patterns = {Pattern::IssuerDegradation};
    outage.cycles = 1;
    outage.startedMs = hdfc.timeMs + 8000;
    hdfc.snapshot.anomalies = {outage};
    hdfc.addCycles(1);
    hdfc.snapshot.anomalies.clear();
    hdfc.addCycles(2);
    chart.refresh();
    QCOMPARE(chart.markerCount(), 1);
    QTest::qWait(20);
    const QRectF legend = chart.chart()->legend()->sceneBoundingRect();
    QStringList inside;
    for (QGraphicsItem* item : chart.scene()->items()) {
        const auto* text = dynamic_cast<QGraphicsTextItem*>(item);
        if (text && text->isVisible() && chart.chart()->legend()->isAncestorOf(text) &&
            legend.contains(text->sceneBoundingRect().center()))
            inside << text->toPlainText();
    }
    QVERIFY2(inside.contains(QStringLiteral("Anomaly")), qPrintable(inside.join(QStringLiteral(", "))));
    QCOMPARE(inside.size(), 4); // the band, the two lines and the mark drawn: no name for marks not drawn
}

void TestConsoleGui::snoozeUntilATimeHidesTheAnomaly()
{
    AnomaliesPage* page = m_window->anomaliesPage();
    page->stateFilter()->setCurrentIndex(4);
    // Any anomaly that is not resolved can be snoozed.
    std::int64_t id = 0;
    for (const auto& [candidate, item] : m_data->triage().items()) {
        if (item.state != TriageState::Resolved)
            id = candidate;
    }
    if (id == 0)
        QSKIP("every anomaly of the run is already resolved");
    QVERIFY(page->selectAnomaly(id));
    m_prompter.answers = {QStringLiteral("half past two")};
    page->snoozeSelectedUntilAsked();
    QVERIFY(m_window->messageText().contains(QStringLiteral("is not a time")));
    QCOMPARE(m_data->triage().item(id)->snoozedUntil, TimeMs{0});

    m_prompter.answers = {QStringLiteral("2026-01-01 02:30")}; // the test clock is 2026-01-01 00:00 UTC
    page->snoozeSelectedUntilAsked();
    QCOMPARE(m_data->triage().item(id)->snoozedUntil,
             QDateTime(QDate(2026, 1, 1), QTime(2, 30), Qt::UTC).toMSecsSinceEpoch());
    // Which one it took is said: a shortcut acts on the page's selection, which may be a row picked by the page itself.
    QVERIFY2(m_window->messageText().endsWith(QStringLiteral(" (#%1).").arg(id)), qPrintable(m_window->messageText()));
    // The pane, still on it, says so at once (its status line read "New" until the next cycle).
    const QString until =
        QDateTime::fromMSecsSinceEpoch(m_data->triage().item(id)->snoozedUntil).toString(QStringLiteral("HH:mm"));
    QVERIFY2(page->detail()->html().contains(QStringLiteral("Snoozed until ") + until), qPrintable(until));
    // Until another day: the day is named (it read "until 02:30", as if this morning).
    m_prompter.answers = {QStringLiteral("2026-01-02 02:30")};
    page->snoozeSelectedUntilAsked();
    QVERIFY2(page->detail()->html().contains(QStringLiteral("Snoozed until 2026-01-02 ")), qPrintable(until));
    page->showSnoozedAction()->setChecked(true);
    QVERIFY(page->selectAnomaly(id));
    if (const QString dir = qEnvironmentVariable("PAYOPS_SCREENSHOT_DIR"); !dir.isEmpty()) {
        m_window->showPage(QStringLiteral("anomalies"));
        QVERIFY(m_window->grab().save(dir + QStringLiteral("/snoozed-until-tomorrow.png")));
    }
    page->showSnoozedAction()->setChecked(false);
    m_prompter.answers = {QStringLiteral("2026-01-01 02:30")};
    page->snoozeSelectedUntilAsked();
    QVERIFY(!page->selectAnomaly(id)); // hidden while snoozed
    m_clock->advanceMs(3 * 3600 * 1000);
    m_data->checkRenotifications(); // the console's periodic check: the snooze ran out
    QVERIFY(page->selectAnomaly(id));
    // Over, though no cycle has cleared it yet (paused): waking it was accepted and logged for an awake anomaly.
    QVERIFY(!m_data->unsnooze(id).ok());
    QVERIFY2(m_window->messageText().contains(QStringLiteral("is not snoozed")), qPrintable(m_window->messageText()));
}

void TestConsoleGui::silenceDialogPreviewsAndHides()
{
    AnomaliesPage* page = m_window->anomaliesPage();
    page->stateFilter()->setCurrentIndex(4);
    page->showSilencedAction()->setChecked(false);
    const int before = page->table()->model()->rowCount();
    SilenceDialog* dialog = page->openSilenceDialog();
    QVERIFY(dialog->isVisible());
    dialog->setPattern(std::nullopt);
    dialog->setDimension(QString());
    QVERIFY(dialog->previewLines().isEmpty()); // matches everything: refused, nothing previewed
    dialog->setDimension(QStringLiteral("issuer:HDF?"));
    const int wouldHide = dialog->previewCount();
    QVERIFY(wouldHide >= 1);
    QVERIFY(dialog->previewLines().first().contains(QStringLiteral("issuer:HDFC")));
    dialog->setComment(QStringLiteral("planned HDFC maintenance"));
    dialog->accept();
    QTRY_VERIFY(!dialog->isVisible() || dialog->isHidden());
    QCOMPARE(page->table()->model()->rowCount(), before - wouldHide);
    page->showSilencedAction()->setChecked(true);
    QCOMPARE(page->table()->model()->rowCount(), before);
    QVERIFY(page->selectAnomaly(hdfcAnomaly()));
    QVERIFY(page->table()
                ->currentIndex()
                .siblingAtColumn(AnomalyTableModel::State)
                .data()
                .toString()
                .contains(QStringLiteral("silenced")));
    QVERIFY(page->detail()->html().contains(QStringLiteral("silenced by #1")));
    QCOMPARE(m_data->triage().activeSilences().size(), std::size_t{1});
    QVERIFY(m_data->removeSilence(1).ok());
    page->showSilencedAction()->setChecked(false);
    QCOMPARE(page->table()->model()->rowCount(), before);
}

void TestConsoleGui::exportsVisibleRangeAndChart()
{
    m_window->showPage(QStringLiteral("health"));
    HealthPage* page = m_window->healthPage();
    page->selectDimension(QStringLiteral("issuer:HDFC"));
    QCOMPARE(page->chart()->dimension(), QStringLiteral("issuer:HDFC"));
    QVERIFY(page->chart()->plottedPoints() >= 20);
    QVERIFY(page->chart()->markerCount() >= 1); // at least the anomaly marker
    bool anomalyNamed = false;                  // ... and the legend names it once it is drawn
    for (QLegendMarker* marker : page->chart()->chart()->legend()->markers())
        anomalyNamed = anomalyNamed || (marker->label() == QStringLiteral("Anomaly") && marker->isVisible());
    QVERIFY(anomalyNamed);
    const QString csv = m_dir.filePath(QStringLiteral("hdfc.csv"));
    m_prompter.answers = {csv};
    pressShortcut(Qt::Key_E, Qt::ControlModifier | Qt::ShiftModifier);
    QFile f(csv);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = f.readAll().split('\n');
    QCOMPARE(lines.first(), QByteArray("time,dimension,metric,value,baseline_mean,band_low,band_high,anomalous"));
    QVERIFY(lines.size() >= 20);
    QVERIFY(lines.at(1).contains(",issuer:HDFC,cycle_success_rate,"));
    bool anomalous = false, banded = false;
    for (const QByteArray& l : lines) {
        anomalous |= l.endsWith(",1");
        const QList<QByteArray> f = l.split(',');
        // Every cycle figure carries the detector's band: low < expectation < high.
        if (f.size() == 8 && f[2] == "cycle_success_rate") {
            QVERIFY2(!f[4].isEmpty() && f[5].toDouble() < f[4].toDouble() && f[4].toDouble() < f[6].toDouble(),
                     l.constData());
            banded = true;
        }
    }
    QVERIFY(anomalous);
    QVERIFY(banded);
    QVERIFY(m_window->messageText().contains(QStringLiteral("Exported")));

    const QString png = m_dir.filePath(QStringLiteral("hdfc.png"));
    QVERIFY(page->exportPng(png).ok());
    QImage image(png);
    QVERIFY(!image.isNull());
    QVERIFY(image.width() > 300 && image.height() > 100);

    // An unwritable path is reported, not a crash, and nothing else changes.
    QVERIFY(!page->exportCsv(QStringLiteral("/proc/no/such/dir/x.csv")).ok());
    QVERIFY(m_window->messageText().contains(QStringLiteral("cannot write")));

    // Pausing freezes the chart while data keeps arriving.
    page->setLivePaused(true);
    const auto range = page->chart()->visibleRange();
    m_runtime->stepOnce();
    m_runtime->stepOnce();
    QTest::qWait(300);
    QCOMPARE(page->chart()->visibleRange(), range);
    page->setLivePaused(false);
    QVERIFY(page->chart()->visibleRange().second > range.second);
}

void TestConsoleGui::slowShareChartLeavesOutUncountedCycles()
{
    // Cycles before the issuer had a slow-tail bar have no slow share: neither plotted (as 0 %) nor exported.
    MetricHistory history;
    CycleSnapshot s;
    DimensionStats axis;
    axis.key = "issuer:AXIS";
    axis.kind = DimensionKind::Issuer;
    axis.count = 40;
    s.stats = {axis};
    s.scores.resize(1);
    s.scores[0].key = axis.key;
    s.scores[0].scored = true; // a bar needs the window's p95 baseline, so counted cycles are always scored ones
    for (int cycle = 1; cycle <= 6; ++cycle) {
        s.timeMs = 1'767'225'600'000 + cycle * 8000;
        s.scores[0].slowTested = 0;
        if (cycle > 2 && cycle != 4) { // 4: between counted cycles, so the visible range holds it
            s.scores[0].slowTested = 40;
            s.scores[0].slowTx = cycle == 6 ? 5 : 0;
            s.scores[0].slowUsualShare = 0.004;
        }
        history.append(s);
    }
    MetricChart chart(history);
    chart.setCompact(true);
    chart.resize(500, 200);
    chart.setDimension(QString::fromStdString(axis.key));
    chart.setMetric(Metric::SlowShare);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    QCOMPARE(chart.plottedPoints(), 3);
    QCOMPARE(chart.chart()->title(), QStringLiteral("Slow transactions this cycle (%)"));
    chart.setDimension(QStringLiteral("method:upi")); // nothing counted there: said, not bare axes
    QCOMPARE(chart.chart()->title(), QStringLiteral("Slow transactions this cycle (%) — no figures in this range"));
    chart.setDimension(QString::fromStdString(axis.key));
    const QString csv = m_dir.filePath(QStringLiteral("axis-slow.csv"));
    QVERIFY(chart.exportCsv(csv).ok());
    QFile f(csv);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = f.readAll().trimmed().split('\n');
    QCOMPARE(lines.size(), 4); // the header and the three counted cycles
    // The band is the binomial one: at 0.4 % of 40 none to one slow transaction (0 to 2.5 %).
    QVERIFY2(lines.last().contains(",issuer:AXIS,slow_share,0.125,0.004"), lines.last().constData());
    QVERIFY2(lines.last().endsWith(",0,0.025,0"), lines.last().constData());
}

void TestConsoleGui::criticalNotificationsToastOnce()
{
    const std::int64_t id = hdfcAnomaly();
    Q_EMIT m_data->notifyAnomaly(id, false);
    Q_EMIT m_data->notifyAnomaly(id, false); // the same notification again: deduplicated
    const QStringList texts = m_window->toasts()->visibleTexts();
    QCOMPARE(texts.filter(QStringLiteral("Critical anomaly #%1").arg(id)).size(), 1);
}

void TestConsoleGui::languageSwitchesLive()
{
    auto* rail = m_window->findChild<QListWidget*>(QStringLiteral("navigationRail"));
    QCOMPARE(rail->item(0)->text(), QStringLiteral("Health"));
    // A filter set before the switch: the rebuilt page's controls must show it, since the list keeps it.
    m_window->anomaliesPage()->findChild<QLineEdit*>(QStringLiteral("anomalySearch"))->setText(QStringLiteral("HDFC"));
    m_window->anomaliesPage()->stateFilter()->setCurrentIndex(4);
    m_window->anomaliesPage()->findChild<QAction*>(QStringLiteral("anomalyShowSilenced"))->setChecked(true);
    QVERIFY(m_window->anomaliesPage()->selectAnomaly(hdfcAnomaly()));
    const std::int64_t anomaly = m_window->anomaliesPage()->detail()->anomalyId();
    QVERIFY(anomaly != 0);
    m_window->healthPage()->selectDimension(QStringLiteral("issuer:AXIS"));
    const QString dimension = m_window->healthPage()->selectedDimension();
    QCOMPARE(dimension, QStringLiteral("issuer:AXIS"));
    // The chart's metric, range and pause too: the rebuilt page showed the default metric and range, live.
    m_window->healthPage()->findChild<QComboBox*>(QStringLiteral("healthMetric"))->setCurrentIndex(2);
    m_window->healthPage()->setRangeIndex(3);
    m_window->healthPage()->setLivePaused(true);
    const auto heldRange = m_window->healthPage()->chart()->visibleRange();
    const Metric heldMetric = m_window->healthPage()->chart()->metric();
    const auto restoreChart = qScopeGuard([this] {
        m_window->healthPage()->setLivePaused(false);
        m_window->healthPage()->setRangeIndex(1);
        m_window->healthPage()->findChild<QComboBox*>(QStringLiteral("healthMetric"))->setCurrentIndex(0);
    });
    m_settings->setLanguage(QStringLiteral("de"));
    QTRY_COMPARE(rail->item(0)->text(), QStringLiteral("Zustand"));
    QCOMPARE(rail->item(1)->text(), QStringLiteral("Anomalien"));
    QCOMPARE(m_window->menuBar()->actions().first()->text(), QStringLiteral("&Datei"));
    QTRY_VERIFY(m_window->statusText().contains(QStringLiteral("offline")));
    QVERIFY(!m_window->statusText().contains(QStringLiteral("Sync: offline (local)")));
    // The rebuilt pages still show the same data, the summary, the selections and the filter in force.
    QVERIFY(m_window->anomaliesPage()->table()->model()->rowCount() > 0);
    QVERIFY(m_window->healthPage()->livePaused());
    QCOMPARE(m_window->healthPage()->chart()->metric(), heldMetric);
    QCOMPARE(m_window->healthPage()->chart()->visibleRange(), heldRange);
    // The health rows' words too, with no cycle since (the agent is paused): they kept the English of the cycle that
    // filled them ("Beeinträchtigt — suppressed by #9 — success rate ...").
    const QAbstractItemModel* health = m_window->healthPage()->table()->model();
    int worded = 0;
    for (int row = 0; row < health->rowCount(); ++row) {
        const QString state = health->index(row, IssuerHealthModel::State).data().toString();
        worded += state.contains(QStringLiteral(" — "));
        for (const char* english : {"suppressed by", "rerouted to", "success rate", "failure share", "Healthy"})
            QVERIFY2(!state.contains(QLatin1String(english)), qPrintable(state));
    }
    QVERIFY2(worded >= 1, "no health row has words beside its state at this cycle: the check above saw none");
    // The table's own words (severity, state, duration) are German too: they once escaped lupdate and stayed English.
    const QAbstractItemModel* table = m_window->anomaliesPage()->table()->model();
    const QStringList severities{QStringLiteral("Niedrig"), QStringLiteral("Mittel"), QStringLiteral("Hoch"),
                                 QStringLiteral("Kritisch")};
    const QStringList states{QStringLiteral("Neu"), QStringLiteral("Bestätigt"), QStringLiteral("Gelöst"),
                             QStringLiteral("Schlummert bis")};
    for (int row = 0; row < table->rowCount(); ++row) {
        QString severity = table->index(row, AnomalyTableModel::Severity).data().toString();
        severity.remove(QStringLiteral(" ↓")); // come down since its worst
        QVERIFY2(severities.contains(severity), qPrintable(severity));
        const QString state = table->index(row, AnomalyTableModel::State).data().toString();
        QVERIFY2(std::any_of(states.begin(), states.end(), [&](const QString& s) { return state.startsWith(s); }),
                 qPrintable(state));
    }
    // German numbers too: a decimal comma and a spaced percent sign ("82.6%" read as a German thousands separator).
    const QString confidence = table->index(0, AnomalyTableModel::Confidence).data().toString();
    QVERIFY2(QRegularExpression(QStringLiteral("^\\d+ %$")).match(confidence).hasMatch(), qPrintable(confidence));
    const QString z = table->index(0, AnomalyTableModel::Z).data().toString();
    QVERIFY2(QRegularExpression(QStringLiteral("^\\d+,\\d$")).match(z).hasMatch(), qPrintable(z));
    QVERIFY(QRegularExpression(QStringLiteral("Konfidenz \\d+ %"))
                .match(m_window->anomaliesPage()->detail()->html())
                .hasMatch());
    // The agent's own sentences too: evidence rules and hypotheses are said from their phrases with German words and
    // numbers (the English text stays in the logs and the audit trail). They were English in the German console.
    const QString detail = m_window->anomaliesPage()->detail()->html();
    QVERIFY2(detail.contains(QStringLiteral("Autorisierungssysteme von HDFC")), qPrintable(detail));
    QVERIFY2(!detail.contains(QStringLiteral("authorisation systems")), qPrintable(detail));
    QVERIFY2(QRegularExpression(QStringLiteral("(Erfolgsquote|Fehleranteil) [^<]*\\d,\\d")).match(detail).hasMatch(),
             qPrintable(detail));
    // Every template the run has said so far has its German text: one the agent wrote without marking it for
    // lupdate would stay English here. Templates without words ("%1%2", a rule and its note) need none.
    int templates = 0;
    std::function<void(const Phrase&)> translated = [&](const Phrase& p) {
        if (std::any_of(p.text.begin(), p.text.end(),
                        [](char c) { return std::isalpha(static_cast<unsigned char>(c)); })) {
            QVERIFY2(QCoreApplication::translate("payops::Phrase", p.text.c_str()) != QString::fromStdString(p.text),
                     p.text.c_str());
            ++templates;
        }
        for (const Phrase::Arg& a : p.args)
            for (const Phrase& n : a.nested)
                translated(n);
    };
    for (const auto& [id, item] : m_data->triage().items()) {
        for (const Evidence& e : item.anomaly().evidence)
            translated(e.phrase);
        for (const Hypothesis& h : item.context.hypotheses)
            for (const Phrase* p : {&h.rootCausePhrase, &h.failurePhrase, &h.impactPhrase})
                translated(*p);
        translated(item.context.decisionReasonPhrase);
        for (const InterventionOption& o : item.context.options) {
            for (const Phrase& p : o.approvalReasonPhrases)
                translated(p);
            if (!o.refusedPhrase.empty())
                translated(o.refusedPhrase);
            for (const auto* texts : {&o.preMortem.worstCases, &o.preMortem.mitigations})
                for (const std::string& t : *texts)
                    translated(makePhrase(t.c_str()));
        }
    }
    QVERIFY(templates > 5);
    // A refused triage action is said in German too (the agent's refusal reached the message bar in English).
    {
        QSignalSpy refused(m_data.get(), &ConsoleData::actionFailed);
        QVERIFY(!m_data->snooze(anomaly + 1000, m_clock->nowMs() + 60'000).ok());
        QCOMPARE(refused.size(), 1);
        QCOMPARE(refused.first().at(0).toString(),
                 QStringLiteral("Anomalie %1 kann nicht schlummern: keine solche Anomalie").arg(anomaly + 1000));
        QVERIFY(!m_data->addNote(anomaly + 1000, QStringLiteral("x")).ok());
        QCOMPARE(refused.last().at(0).toString(),
                 QStringLiteral("Anomalie %1 kann keine Notiz erhalten: keine solche Anomalie").arg(anomaly + 1000));
    }
    // German words are longer: the window must still fit a 1280-pixel screen beside the navigation rail (the
    // anomaly bar's two check boxes and two silence buttons once made this page need 1180 pixels).
    const int pageWidth = m_window->anomaliesPage()->minimumSizeHint().width();
    QVERIFY2(pageWidth <= 1100, qPrintable(QString::number(pageWidth)));
    QVERIFY(!m_window->healthPage()->findChild<QLabel*>(QStringLiteral("healthSummary"))->text().isEmpty());
    QCOMPARE(m_window->healthPage()->selectedDimension(), dimension);
    QCOMPARE(m_window->anomaliesPage()->detail()->anomalyId(), anomaly);
    QCOMPARE(m_window->anomaliesPage()->findChild<QLineEdit*>(QStringLiteral("anomalySearch"))->text(),
             QStringLiteral("HDFC"));
    QCOMPARE(m_window->anomaliesPage()->stateFilter()->currentIndex(), 4);
    QCOMPARE(m_window->anomaliesPage()->stateFilter()->currentText(), QStringLiteral("Alle"));
    QVERIFY(m_window->anomaliesPage()->findChild<QAction*>(QStringLiteral("anomalyShowSilenced"))->isChecked());
    m_settings->setLanguage(QStringLiteral("en"));
    QTRY_COMPARE(rail->item(0)->text(), QStringLiteral("Health"));
    QVERIFY(m_window->anomaliesPage()->detail()->html().contains(QStringLiteral("authorisation systems")));
    QVERIFY(!m_window->anomaliesPage()
                 ->table()
                 ->model()
                 ->index(0, AnomalyTableModel::Z)
                 .data()
                 .toString()
                 .contains(QLatin1Char(',')));
    m_window->anomaliesPage()->findChild<QLineEdit*>(QStringLiteral("anomalySearch"))->clear();
    m_window->anomaliesPage()->stateFilter()->setCurrentIndex(0);
    m_window->anomaliesPage()->findChild<QAction*>(QStringLiteral("anomalyShowSilenced"))->setChecked(false);
}

void TestConsoleGui::screenshotCommandLine()
{
    const QString bin = qEnvironmentVariable("PAYOPS_CONSOLE_BIN");
    QVERIFY2(!bin.isEmpty(), "PAYOPS_CONSOLE_BIN is not set (run through ctest)");
    QTemporaryDir dir;
    const QString png = dir.filePath(QStringLiteral("anomalies-dark.png"));
    QProcess p;
    p.start(bin,
            {QStringLiteral("--db"), dir.filePath(QStringLiteral("c.db")), QStringLiteral("--settings"),
             dir.filePath(QStringLiteral("s.ini")), QStringLiteral("--screenshot"), png,
             QStringLiteral("--quit-after-ms"), QStringLiteral("3000"), QStringLiteral("--page"),
             QStringLiteral("anomalies"), QStringLiteral("--theme"), QStringLiteral("dark"), QStringLiteral("--speed"),
             QStringLiteral("100"), QStringLiteral("--size"), QStringLiteral("1200x800")});
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitCode(), 0);
    QImage image(png);
    QVERIFY(!image.isNull());
    QCOMPARE(image.size(), QSize(1200, 800));
    QVERIFY(image.pixelColor(image.width() / 2, image.height() / 2).lightness() < 100); // dark theme
    QFile settings(dir.filePath(QStringLiteral("s.ini")));
    QVERIFY(settings.open(QIODevice::ReadOnly));
    QVERIFY(settings.readAll().contains("page=anomalies"));

    // A size below the window's minimum is said, with the size it opens at, rather than quietly changed.
    const QString small = dir.filePath(QStringLiteral("small.png"));
    p.start(bin, {QStringLiteral("--db"), dir.filePath(QStringLiteral("c.db")), QStringLiteral("--settings"),
                  dir.filePath(QStringLiteral("s.ini")), QStringLiteral("--screenshot"), small,
                  QStringLiteral("--quit-after-ms"), QStringLiteral("1500"), QStringLiteral("--size"),
                  QStringLiteral("400x300")});
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitCode(), 0);
    const QImage shown(small);
    const QString err = QString::fromUtf8(p.readAllStandardError());
    const QRegularExpressionMatch opened =
        QRegularExpression(
            QStringLiteral("--size 400x300 is smaller than the window can be; it opens at (\\d+)x(\\d+) or larger"))
            .match(err);
    QVERIFY2(opened.hasMatch(), qPrintable(err));
    QVERIFY(opened.captured(1).toInt() > 400);
    QVERIFY(shown.width() >= opened.captured(1).toInt() && shown.height() >= opened.captured(2).toInt());
}

void TestConsoleGui::badCommandLineIsRefused()
{
    const QString bin = qEnvironmentVariable("PAYOPS_CONSOLE_BIN");
    QTemporaryDir dir;
    const auto run = [&](const QStringList& extra) {
        QProcess p;
        p.start(bin, QStringList{QStringLiteral("--db"), dir.filePath(QStringLiteral("c.db")),
                                 QStringLiteral("--settings"), dir.filePath(QStringLiteral("s.ini"))} +
                         extra);
        p.waitForFinished(30000);
        return std::make_pair(p.exitCode(), QString::fromUtf8(p.readAllStandardError()));
    };
    auto [code, err] = run({QStringLiteral("--page"), QStringLiteral("nowhere")});
    QCOMPARE(code, 2);
    QVERIFY2(err.contains(QStringLiteral("no page \"nowhere\"")), qPrintable(err));
    std::tie(code, err) = run({QStringLiteral("--theme"), QStringLiteral("purple")});
    QCOMPARE(code, 2);
    QVERIFY(err.contains(QStringLiteral("--theme")));
    std::tie(code, err) = run({QStringLiteral("--speed"), QStringLiteral("0")});
    QCOMPARE(code, 2);
    std::tie(code, err) = run({QStringLiteral("--source"), QStringLiteral("cloud")});
    QCOMPARE(code, 2);
    QVERIFY2(err.contains(QStringLiteral("--source must be local, remote or python-feed")), qPrintable(err));
    std::tie(code, err) = run(
        {QStringLiteral("--source"), QStringLiteral("remote"), QStringLiteral("--tenant"), QStringLiteral("acme.eu")});
    QCOMPARE(code, 2);
    QVERIFY2(err.contains(QStringLiteral("--tenant \"acme.eu\" is not one subject token")), qPrintable(err));
    // The console takes built-in scenarios by name; a misspelt one is refused with the list, not run as none.
    std::tie(code, err) = run({QStringLiteral("--scenario"), QStringLiteral("nope")});
    QCOMPARE(code, 2);
    QVERIFY2(err.contains(QStringLiteral("unknown scenario 'nope'; available: flapping_issuer, ")), qPrintable(err));
    std::tie(code, err) = run({QStringLiteral("--lang"), QStringLiteral("fr")});
    QCOMPARE(code, 2);
    std::tie(code, err) = run({QStringLiteral("stray")});
    QCOMPARE(code, 2);
    QVERIFY2(err.contains(QStringLiteral("unexpected argument \"stray\"")), qPrintable(err));
    std::tie(code, err) = run({QStringLiteral("--size"), QStringLiteral("20000x20000")});
    QCOMPARE(code, 2);
    std::tie(code, err) = run({QStringLiteral("--scenario"), QStringLiteral("--new-run")});
    QCOMPARE(code, 2);
    QVERIFY2(err.contains(QStringLiteral("--scenario needs a value, not the option --new-run")), qPrintable(err));
    // A refused command line saves nothing: the URL below would otherwise be kept for the next start.
    std::tie(code, err) = run({QStringLiteral("--sync-server"), QStringLiteral("http://example.org")});
    QCOMPARE(code, 2);
    QVERIFY2(err.contains(QStringLiteral("is not a ws:// or wss:// URL")), qPrintable(err));
    // Past its prefix too: a space in the host was saved and then failed as if the network were down.
    std::tie(code, err) = run({QStringLiteral("--sync-server"), QStringLiteral("ws://nats example:4222")});
    QCOMPARE(code, 2);
    QVERIFY2(err.contains(QStringLiteral("\"ws://nats example:4222\" is not a ws:// or wss:// URL")), qPrintable(err));
    // What Agent > Data source checks: a remote agent needs a sync server, a feed a ws:// URL (each waited for ever).
    std::tie(code, err) =
        run({QStringLiteral("--theme"), QStringLiteral("light"), QStringLiteral("--source"), QStringLiteral("remote")});
    QCOMPARE(code, 2);
    QVERIFY2(err.contains(QStringLiteral("--source remote follows an agent through the sync server, and none is set")),
             qPrintable(err));
    std::tie(code, err) = run({QStringLiteral("--source"), QStringLiteral("python-feed"),
                               QStringLiteral("--python-feed"), QStringLiteral("feed.example.org")});
    QCOMPARE(code, 2);
    QVERIFY2(err.contains(QStringLiteral("--python-feed: \"feed.example.org\" is not a ws:// or wss:// URL")),
             qPrintable(err));
    std::tie(code, err) =
        run({QStringLiteral("--theme"), QStringLiteral("light"), QStringLiteral("--speed"), QStringLiteral("nan")});
    QCOMPARE(code, 2);
    for (const QString& bad : {QStringLiteral("--page=nowhere"), QStringLiteral("--source=cloud")}) {
        std::tie(code, err) = run({QStringLiteral("--theme"), QStringLiteral("light"), QStringLiteral("--sync-server"),
                                   QStringLiteral("ws://example.org:4222"), bad});
        QCOMPARE(code, 2);
    }
    QFile saved(dir.filePath(QStringLiteral("s.ini")));
    const QByteArray kept = saved.open(QIODevice::ReadOnly) ? saved.readAll() : QByteArray();
    QVERIFY2(!kept.contains("example.org") && !kept.contains("theme=light") && !kept.contains("kind=remote"),
             kept.constData());

    // --scenario with a run to continue: it continues, and the user who asked for another scenario hears so.
    const QStringList quick{QStringLiteral("--quit-after-ms"), QStringLiteral("1500"), QStringLiteral("--scenario")};
    std::tie(code, err) = run(quick + QStringList{QStringLiteral("issuer_outage"), QStringLiteral("--new-run")});
    QCOMPARE(code, 0);
    std::tie(code, err) = run(quick + QStringList{QStringLiteral("retry_storm")});
    QCOMPARE(code, 0);
    QVERIFY2(err.contains(QStringLiteral("--scenario retry_storm is for a new run: the saved run of issuer_outage "
                                         "continues. Add --new-run to start retry_storm.")),
             qPrintable(err));
    std::tie(code, err) = run(quick + QStringList{QStringLiteral("issuer_outage")}); // the one running: nothing to say
    QCOMPARE(code, 0);
    QVERIFY2(!err.contains(QStringLiteral("is for a new run")), qPrintable(err));

    // Help needs no display.
    QProcess help;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("QT_QPA_PLATFORM"));
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    help.setProcessEnvironment(env);
    help.start(bin, {QStringLiteral("--help")});
    QVERIFY(help.waitForFinished(30000));
    QCOMPARE(help.exitStatus(), QProcess::NormalExit);
    QCOMPARE(help.exitCode(), 0);
    QVERIFY(help.readAllStandardOutput().contains("--scenario"));
}

void TestConsoleGui::damagedDatabaseIsReportedInTheWindow()
{
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("damaged.db"));
    QFile f(db);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("this is not an SQLite database, it is somebody's notes\n");
    f.close();
    ConsoleSettings settings(dir.filePath(QStringLiteral("s.ini")));
    ConsoleData data(*m_clock);
    RuntimeHost runtime;
    ScriptedPrompter prompter;
    MainWindow window(data, runtime, settings, prompter);
    window.show();
    RuntimeOpenOptions o;
    o.dbPath = db;
    runtime.open(o);
    QTRY_VERIFY_WITH_TIMEOUT(window.bannerText().contains(QStringLiteral("is not a PayOps database")), 10000);
    QVERIFY(window.statusText().contains(QStringLiteral("Agent: stopped")));
    const auto* title = window.anomaliesPage()->detail()->findChild<QLabel*>(QStringLiteral("anomalyTitle"));
    QCOMPARE(title->text(), QStringLiteral("No run is shown.")); // not "no anomalies", as if the run were quiet
    QFile again(db);
    QVERIFY(again.open(QIODevice::ReadOnly));
    QCOMPARE(again.readAll(), QByteArray("this is not an SQLite database, it is somebody's notes\n")); // untouched
}

// A database SQLite finds malformed is not mended by Run agent or Reset demo (both "did nothing"); the banner says
// what can, and keeps saying it when a triage message takes the message bar.
void TestConsoleGui::aCorruptDatabaseIsNotOfferedARetry()
{
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("run.db"));
    QVERIFY(runCycles(db, 40));
    QVERIFY(overwriteAMiddlePage(db));
    LocalConsole console(*m_clock, dir.path(), db);
    console.window.show();
    RuntimeOpenOptions o;
    o.dbPath = db;
    console.runtime.open(o);
    QTRY_VERIFY_WITH_TIMEOUT(console.window.bannerText().contains(QStringLiteral("is corrupt")), 10000);
    QVERIFY2(console.window.bannerText().contains(QStringLiteral("restore it from a backup (then <i>Run agent</i> "
                                                                 "continues), or start the console with another")),
             qPrintable(console.window.bannerText()));
    QVERIFY(!console.window.bannerText().contains(QStringLiteral("tries again")));
    console.window.showMessage(QStringLiteral("Acknowledged 1 anomaly."), false);
    QVERIFY(console.window.bannerText().contains(QStringLiteral("is corrupt")));
}

// The agent finds the file damaged while the console shows its run: triage goes on in the window, but is not written
// into that file (it said "Acknowledged" in green, saved where a restore from a backup loses it), and says so.
void TestConsoleGui::triageIsNotSavedIntoADamagedDatabase()
{
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("run.db"));
    LocalConsole console(*m_clock, dir.path(), db);
    console.window.show();
    const RuntimeOpenOptions o = fastOutage(db);
    console.runtime.open(o);
    QTRY_VERIFY_WITH_TIMEOUT(!console.data.triage().items().empty(), 30000);
    console.runtime.setRunning(false);
    const std::int64_t id = console.data.triage().items().begin()->first;
    // What the runtime reports when a commit finds the file malformed (its banner is tested above).
    Q_EMIT console.runtime.failed(QStringLiteral("database disk image is malformed"), true, false);
    // Done in the window, and said not saved: not a refusal (the message bar keeps "Not saved", not "Acknowledged").
    console.window.showPage(QStringLiteral("anomalies"));
    AnomaliesPage* page = console.window.anomaliesPage();
    page->stateFilter()->setCurrentIndex(4); // all
    QVERIFY(page->selectAnomaly(id));
    page->acknowledgeSelected();
    QVERIFY2(console.window.messageText().startsWith(QStringLiteral("Not saved: %1 is damaged").arg(db)),
             qPrintable(console.window.messageText()));
    QCOMPARE(console.data.triage().item(id)->state, TriageState::Acknowledged); // kept in the window
    // A note is taken once: the box empties (it kept the text as if refused, and each Return added the note again).
    auto* note = page->findChild<QLineEdit*>(QStringLiteral("noteEdit"));
    const std::size_t notes = console.data.triage().item(id)->notes.size();
    note->setText(QStringLiteral("merchant called"));
    QTest::keyClick(note, Qt::Key_Return);
    QVERIFY(note->text().isEmpty());
    QCOMPARE(console.data.triage().item(id)->notes.size(), notes + 1);
    QVERIFY2(console.window.messageText().startsWith(QStringLiteral("Not saved: ")),
             qPrintable(console.window.messageText()));
    {
        auto store = AgentStore::open(db.toStdString(), AgentStore::Mode::ReadOnly);
        QVERIFY(store.ok());
        sqlite::Statement acks(store.value()->connection(),
                               "SELECT count(*) FROM audit WHERE kind = 'triage_acknowledged'");
        QVERIFY(acks.next("count").value());
        QCOMPARE(acks.int64(0), std::int64_t{0});
    }
    // The file opens again (restored): the change kept in the window is saved before the run is shown again.
    console.runtime.open(o);
    QTRY_VERIFY_WITH_TIMEOUT(console.data.saveRefused().isEmpty(), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(
        console.data.triage().item(id) && console.data.triage().item(id)->state == TriageState::Acknowledged, 10000);
}

// Switching source saves the shown run's triage first; when the file refuses that, the switch fails and the book
// keeps its run. Back on the local source the attach is tried again each second, with the agent paused (no cycle
// comes to retry it), until the file takes the kept note.
void TestConsoleGui::aSourceSwitchThatCannotAttachIsRetried()
{
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("run.db"));
    LocalConsole console(*m_clock, dir.path(), db);
    const RuntimeOpenOptions o = fastOutage(db);
    console.runtime.open(o);
    QTRY_VERIFY_WITH_TIMEOUT(!console.data.triage().items().empty(), 30000);
    console.runtime.setRunning(false);
    QTRY_VERIFY_WITH_TIMEOUT(!console.runtime.status().running, 5000);
    const QString localRun = console.data.runId();
    const std::int64_t id = console.data.triage().items().begin()->first;
    {
        TriageWritesFail full(db);
        QVERIFY(console.data.addNote(id, QStringLiteral("pending")).ok()); // kept, not saved
        console.router.setSource(ConsoleSettings::Source::RemoteAgent, QStringLiteral("acme"));
        QVERIFY(!console.data.attached());
        QCOMPARE(console.data.runId(), localRun);
        console.router.setSource(ConsoleSettings::Source::Local, {});
        QVERIFY(!console.data.attached());
        QTest::qWait(1500); // retried meanwhile, and refused again
        QVERIFY(!console.data.attached());
    }
    QTRY_VERIFY_WITH_TIMEOUT(console.data.attached(), 5000);
    QCOMPARE(console.data.runId(), localRun);
    QCOMPARE(console.data.triage().item(id)->notes.back().text, std::string("pending"));
    QVERIFY(!console.runtime.status().running);
}

// Started on another source (payops-console --source remote): the local agent, which runs as soon as it opens, is
// held paused meanwhile and runs once the local source is chosen. It stayed paused: its status still said "paused"
// when the router saw it open, the worker starting it just after.
void TestConsoleGui::startedOnAnotherSourceTheLocalAgentRunsOnTheWayBack()
{
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("run.db"));
    LocalConsole console(*m_clock, dir.path(), db);
    console.router.setSource(ConsoleSettings::Source::RemoteAgent, QStringLiteral("acme"));
    console.runtime.open(fastOutage(db));
    QTRY_VERIFY_WITH_TIMEOUT(console.runtime.status().open, 10000);
    QTest::qWait(500);
    QVERIFY(!console.runtime.status().running);
    const std::int64_t cycle = console.runtime.status().cycle;
    console.router.setSource(ConsoleSettings::Source::Local, {});
    QTRY_VERIFY_WITH_TIMEOUT(console.runtime.status().running, 5000);
    QTRY_VERIFY_WITH_TIMEOUT(console.runtime.status().cycle > cycle, 10000);
}

// A run whose checkpoint no longer parses cannot continue; the window says so in words (not the JSON library's),
// does not claim a demo is running, and its Reset starts a new run in the same database.
void TestConsoleGui::aDamagedRunIsLeftByStartingANewOne()
{
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("run.db"));
    QVERIFY(runCycles(db, 3));
    {
        auto store = AgentStore::open(db.toStdString());
        QVERIFY(store.ok());
        sqlite::Statement damage(store.value()->connection(), "UPDATE checkpoint SET state = substr(state, 1, 200)");
        QVERIFY(damage.run("damage the checkpoint").ok());
    }
    {
        LocalConsole console(*m_clock, dir.path(), db);
        MainWindow& window = console.window;
        RuntimeOpenOptions o;
        o.dbPath = db;
        console.runtime.open(o);
        QTRY_VERIFY_WITH_TIMEOUT(window.bannerText().contains(QStringLiteral("checkpoint of cycle 3 is damaged")),
                                 10000);
        QVERIFY2(window.bannerText().contains(QStringLiteral("starts over and keeps the audit log")),
                 qPrintable(window.bannerText()));
        QVERIFY2(!window.bannerText().contains(QStringLiteral("json.exception")), qPrintable(window.bannerText()));
        const auto* banner = window.findChild<QLabel*>(QStringLiteral("demoBanner"));
        QVERIFY2(banner->text().contains(QStringLiteral("stopped")), qPrintable(banner->text()));
        QVERIFY(!banner->text().contains(QStringLiteral("simulated payment traffic")));
        QAction* reset = window.findChild<QAction*>(QStringLiteral("actionReset"));
        QVERIFY(reset->isEnabled());
        // Run tries the database again, and says again why it cannot.
        QAction* run = window.findChild<QAction*>(QStringLiteral("actionRun"));
        QVERIFY(run->isEnabled());
        QSignalSpy failedAgain(&console.runtime, &RuntimeHost::failed);
        run->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(failedAgain.size(), 1, 10000);
        QVERIFY(failedAgain.at(0).at(0).toString().contains(QStringLiteral("checkpoint of cycle 3 is damaged")));
        QVERIFY(window.bannerText().contains(QStringLiteral("checkpoint of cycle 3 is damaged")));
        QVERIFY(window.statusText().contains(QStringLiteral("Agent: stopped")));

        reset->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(window.statusText().contains(QStringLiteral("Agent: running")), 10000);
        QVERIFY2(window.messageText().contains(QStringLiteral("Started a new demo run")),
                 qPrintable(window.messageText()));
        QVERIFY2(banner->text().contains(QStringLiteral("simulated payment traffic")), qPrintable(banner->text()));
        QTRY_VERIFY_WITH_TIMEOUT(console.runtime.status().cycle >= 1, 10000);
        QVERIFY(window.toasts()->visibleTexts().filter(QStringLiteral("Continued")).isEmpty()); // a new run is not
    } // the console closes: the runtime's thread ends and releases the database
    auto store = AgentStore::open(db.toStdString());
    QVERIFY(store.ok());
    QVERIFY(store.value()->verifyAudit().ok);
    QVERIFY(store.value()->loadCheckpoint().value().has_value());
}

// Another agent holds the database when the console starts: once it lets go, Run continues the database's run (it
// is not thrown away by a new one).
void TestConsoleGui::runTriesTheDatabaseAgainAfterAFailure()
{
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("held.db"));
    QVERIFY(runCycles(db, 5));
    auto held = RunnerLock::acquire(db.toStdString());
    QVERIFY(held.ok());
    LocalConsole console(*m_clock, dir.path(), db);
    MainWindow& window = console.window;
    RuntimeOpenOptions o;
    o.dbPath = db;
    console.runtime.open(o);
    QTRY_VERIFY_WITH_TIMEOUT(window.bannerText().contains(QStringLiteral("in use")), 10000);
    const auto* banner = window.findChild<QLabel*>(QStringLiteral("demoBanner"));
    QVERIFY2(banner->text().contains(db.toHtmlEscaped()), qPrintable(banner->text()));
    QAction* run = window.findChild<QAction*>(QStringLiteral("actionRun"));
    QVERIFY(run->isEnabled());
    // A new run in the same file would meet the same lock: Reset is not offered, and the banner says what will help.
    QAction* reset = window.findChild<QAction*>(QStringLiteral("actionReset"));
    QVERIFY(!reset->isEnabled());
    QVERIFY2(!banner->text().contains(QStringLiteral("Reset")), qPrintable(banner->text()));
    QVERIFY2(banner->text().contains(QStringLiteral("Once the other process lets go of it")),
             qPrintable(banner->text()));

    // Stopped, a speed typed into the palette is the one the status bar names (it kept the toolbar's old one).
    CommandPalette* palette = window.openCommandPalette();
    palette->setQuery(QStringLiteral("speed 250"));
    QVERIFY(palette->runEntry(0));
    QTRY_VERIFY2(window.statusText().contains(QStringLiteral("Speed 250×")), qPrintable(window.statusText()));

    held.value().reset(); // the other agent exits
    run->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(window.statusText().contains(QStringLiteral("Agent: running")), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(console.runtime.status().cycle >= 6, 10000); // the run continued from cycle 5
    // ... and says so, with the cycle it continued after (nothing before it was lost).
    const QStringList toasts = window.toasts()->visibleTexts();
    QVERIFY2(toasts.filter(QStringLiteral("Continued the saved run after cycle 5, the last one it saved")).size() == 1,
             qPrintable(toasts.join(QLatin1Char('|'))));
    QVERIFY2(banner->text().contains(QStringLiteral("simulated payment traffic")), qPrintable(banner->text()));
    QVERIFY(reset->isEnabled());
    QCOMPARE(console.data.latest()->cycle, console.runtime.status().cycle);
    QVERIFY(console.data.history().points("global", 0, console.data.latest()->timeMs).size() >= 6);
}

// A headless `payops-agent run` (or another console) holds the file: this console cannot run its agent there, and used
// to show empty pages beside a banner. It follows that run as it saves its cycles, then takes it over.
void TestConsoleGui::aRunInAnotherProcessIsFollowed()
{
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("headless.db"));
    QProcess agent;
    agent.start(qEnvironmentVariable("PAYOPS_AGENT_BIN"),
                {QStringLiteral("run"), QStringLiteral("--db"), db, QStringLiteral("--new-run"),
                 QStringLiteral("--scenario"), QStringLiteral("issuer_outage"), QStringLiteral("--cycles"),
                 QStringLiteral("100000"), QStringLiteral("--speed"), QStringLiteral("40")});
    QVERIFY(agent.waitForStarted(5000));
    QVERIFY(QTest::qWaitFor([&] { return RunnerLock::isHeld(db.toStdString()); }, 10000));
    QTest::qWait(500); // a few cycles saved

    LocalConsole console(*m_clock, dir.path(), db);
    MainWindow& window = console.window;
    RuntimeOpenOptions o;
    o.dbPath = db;
    console.runtime.open(o);
    QTRY_VERIFY_WITH_TIMEOUT(window.bannerText().contains(QStringLiteral("Following another process's run")), 10000);
    QVERIFY2(window.bannerText().contains(QStringLiteral("in use by payops-agent")), qPrintable(window.bannerText()));
    QTRY_VERIFY_WITH_TIMEOUT(console.data.latest() != nullptr, 5000);
    const std::int64_t first = console.data.latest()->cycle;
    QVERIFY(console.data.healthModel()->rowCount() > 0);
    // New cycles arrive as the other process saves them, each one charted.
    QTRY_VERIFY_WITH_TIMEOUT(console.data.latest()->cycle >= first + 5, 10000);
    QVERIFY2(window.statusText().contains(QStringLiteral("Agent: in another process · cycle ")),
             qPrintable(window.statusText()));
    // Its triage is shown, not kept here: the actions are off.
    QVERIFY(!window.findChild<QAction*>(QStringLiteral("actionAcknowledge"))->isEnabled());
    // What an operator does in the console that keeps the run's triage shows here at the next look (it read "New"
    // here for as long as this console followed).
    QTRY_VERIFY_WITH_TIMEOUT(!console.data.triage().items().empty(), 10000);
    std::int64_t acked = 0;
    {
        ConsoleData keeper(*m_clock);
        keeper.setActor(QStringLiteral("operator:alice"));
        QVERIFY(keeper.attach(db, false).ok());
        for (const auto& [id, item] : keeper.triage().items())
            if (item.state == TriageState::New && console.data.triage().item(id))
                acked = id;
        QVERIFY2(acked > 0, "the outage is open");
        QVERIFY(keeper.acknowledge({acked}).ok());
    }
    QTRY_COMPARE_WITH_TIMEOUT(console.data.triage().item(acked)->state, TriageState::Acknowledged, 5000);
    window.showPage(QStringLiteral("anomalies"));
    AnomalyTableModel* table = console.data.anomalyModel();
    int ackedRow = table->rowCount() - 1;
    while (ackedRow >= 0 && table->idAt(ackedRow) != acked)
        --ackedRow;
    QVERIFY(ackedRow >= 0);
    QCOMPARE(table->index(ackedRow, AnomalyTableModel::State).data().toString(), QStringLiteral("Acknowledged"));
    if (const QString shots = qEnvironmentVariable("PAYOPS_SCREENSHOT_DIR"); !shots.isEmpty())
        QVERIFY(window.grab().save(shots + QStringLiteral("/follower-sees-acknowledgement.png")));
    const std::int64_t followed = console.data.latest()->cycle;
    const auto points = console.data.history().points("global", 0, console.data.latest()->timeMs);
    QVERIFY(static_cast<std::int64_t>(points.size()) >= followed - first + 1);
    QCOMPARE(points.back().timeMs, console.data.latest()->timeMs);

    // The other process stops: the banner says so, and Run takes the run over and continues it.
    agent.terminate();
    QVERIFY(agent.waitForFinished(10000));
    QTRY_VERIFY_WITH_TIMEOUT(window.bannerText().contains(QStringLiteral("has stopped")), 5000);
    QAction* run = window.findChild<QAction*>(QStringLiteral("actionRun"));
    QVERIFY(run->isEnabled());
    run->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(window.statusText().contains(QStringLiteral("Agent: running")), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(console.runtime.status().cycle > followed + 1, 10000);
    QVERIFY2(window.bannerText().contains(QStringLiteral("simulated payment traffic")),
             qPrintable(window.bannerText()));
    QCOMPARE(console.data.latest()->cycle, console.runtime.status().cycle);
}

// File > Profile picks the local role; a viewer's console disables what the role may not do, and whatever reaches
// the action anyway (a shortcut, the palette) is refused with the reason and changes nothing.
void TestConsoleGui::aViewerSeesButCannotAct()
{
    const auto restore = qScopeGuard([this] {
        m_settings->setRole(QStringLiteral("oncall"));
        m_settings->setUserName(QStringLiteral("tester"));
    });
    QPointer<ProfileDialog> dialog = m_window->openProfile();
    QVERIFY(dialog);
    auto* name = dialog->findChild<QLineEdit*>(QStringLiteral("profileName"));
    auto* role = dialog->findChild<QComboBox*>(QStringLiteral("profileRole"));
    auto* ok = dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
    QCOMPARE(role->currentText(), QStringLiteral("On-call engineer"));
    name->setText(QStringLiteral("agent")); // the agent's own name would read as the agent's decisions
    QVERIFY(!ok->isEnabled());
    name->setText(QStringLiteral("remote:vera")); // the log adds where a decision came from
    QVERIFY(!ok->isEnabled());
    QVERIFY(dialog->findChild<QLabel*>(QStringLiteral("profileProblem"))->text().contains(QStringLiteral("alone")));
    name->setText(QStringLiteral("v\u0435ra")); // a Cyrillic е: reads as vera
    QVERIFY(!ok->isEnabled());
    auto* problem = dialog->findChild<QLabel*>(QStringLiteral("profileProblem"));
    QVERIFY(problem->text().contains(QStringLiteral("one alphabet")));
    // All of it shows, and the role's rights above it: the dialog grows for a problem that wraps over several lines.
    for (QLabel* label : {problem, dialog->findChild<QLabel*>(QStringLiteral("profileRights"))})
        QTRY_VERIFY2(label->height() >= label->heightForWidth(label->width()), qPrintable(label->objectName()));
    if (const QString dir = qEnvironmentVariable("PAYOPS_SCREENSHOT_DIR"); !dir.isEmpty())
        QVERIFY(dialog->grab().save(dir + QStringLiteral("/profile-look-alike.png")));
    name->setText(QStringLiteral("vera"));
    QVERIFY(ok->isEnabled());
    role->setCurrentIndex(role->findText(QStringLiteral("Viewer")));
    QVERIFY(dialog->findChild<QLabel*>(QStringLiteral("profileRights"))->text().contains(QStringLiteral("read only")));
    QTest::mouseClick(ok, Qt::LeftButton);
    QTRY_VERIFY(!dialog);
    QCOMPARE(m_settings->role(), QStringLiteral("viewer"));
    QVERIFY2(m_window->statusText().contains(QStringLiteral("vera · Viewer (local profile)")),
             qPrintable(m_window->statusText()));
    QCOMPARE(m_data->actor(), std::string("operator:vera"));

    m_window->showPage(QStringLiteral("anomalies"));
    AnomaliesPage* page = m_window->anomaliesPage();
    page->stateFilter()->setCurrentIndex(4); // all
    std::int64_t id = 0;
    for (const auto& [candidate, item] : m_data->triage().items())
        if (item.state == TriageState::New)
            id = candidate;
    QVERIFY2(id != 0, "the run has no new anomaly to try acknowledging");
    QVERIFY(page->selectAnomaly(id));
    QVERIFY(!page->findChild<QToolButton*>(QStringLiteral("anomalyAcknowledge"))->isEnabled());
    QVERIFY(!page->findChild<QLineEdit*>(QStringLiteral("noteEdit"))->isEnabled());
    QVERIFY(!m_window->findChild<QAction*>(QStringLiteral("actionRun"))->isEnabled());
    QVERIFY(!m_window->findChild<QAction*>(QStringLiteral("actionReset"))->isEnabled());
    // A command typed into the palette reaches the action; it is refused where it is carried out, and says why.
    CommandPalette* palette = m_window->openCommandPalette();
    palette->setQuery(QStringLiteral("ack %1").arg(id));
    QVERIFY(palette->runEntry(0));
    QCOMPARE(m_data->triage().item(id)->state, TriageState::New);
    QVERIFY2(m_window->messageText().startsWith(QStringLiteral("Not done: as Viewer you may not acknowledge")),
             qPrintable(m_window->messageText()));
    m_window->showMessage({}, false);
    page->table()->clearSelection(); // the role is said first, not "select the anomalies first"
    page->snoozeSelected(60'000);
    QVERIFY2(m_window->messageText().startsWith(QStringLiteral("Not done: as Viewer")),
             qPrintable(m_window->messageText()));
    QVERIFY(page->selectAnomaly(id));
    const double speed = m_runtime->status().speed;
    palette = m_window->openCommandPalette();
    palette->setQuery(QStringLiteral("speed 250"));
    QVERIFY(palette->runEntry(0));
    QVERIFY2(m_window->messageText().startsWith(QStringLiteral("Not done: as Viewer you may not run, pause")),
             qPrintable(m_window->messageText()));
    QCOMPARE(m_runtime->status().speed, speed);

    // A support agent may add a note, and nothing more.
    m_settings->setRole(QStringLiteral("support"));
    auto* note = page->findChild<QLineEdit*>(QStringLiteral("noteEdit"));
    QVERIFY(note->isEnabled());
    QVERIFY(!page->findChild<QToolButton*>(QStringLiteral("anomalyAcknowledge"))->isEnabled());
    const std::size_t notes = m_data->triage().item(id)->notes.size();
    note->setText(QStringLiteral("merchant called"));
    QTest::keyClick(note, Qt::Key_Return);
    QCOMPARE(m_data->triage().item(id)->notes.size(), notes + 1);
    QCOMPARE(m_data->triage().item(id)->notes.back().author, std::string("operator:vera"));

    // Back to on-call: the controls come back.
    m_settings->setRole(QStringLiteral("oncall"));
    QVERIFY(page->findChild<QToolButton*>(QStringLiteral("anomalyAcknowledge"))->isEnabled());
    QVERIFY(m_window->findChild<QAction*>(QStringLiteral("actionRun"))->isEnabled());
    QCOMPARE(m_data->triage().item(id)->state, TriageState::New);
}

void TestConsoleGui::followsTheDesktopThemeWhenItChanges()
{
    // The offscreen platform's palette is light and cannot be switched from here. So the console is put in the
    // state a desktop that has just turned light would leave it in: "follow the system" set, dark palette shown.
    // The platform's theme-change event must make it read the desktop again.
    m_settings->setTheme(ConsoleSettings::Theme::System);
    QVERIFY(!Theme::isDark());
    Theme::apply(ConsoleSettings::Theme::Dark);
    QVERIFY(Theme::isDark());
    QEvent themeChange(QEvent::ThemeChange);
    QCoreApplication::sendEvent(m_window.get(), &themeChange);
    QVERIFY(!Theme::isDark());
    QVERIFY(QApplication::palette().color(QPalette::Window).lightness() > 128);

    // An explicit choice is not the desktop's to change.
    m_settings->setTheme(ConsoleSettings::Theme::Dark);
    QVERIFY(Theme::isDark());
    QCoreApplication::sendEvent(m_window.get(), &themeChange);
    QVERIFY(Theme::isDark());
    m_settings->setTheme(ConsoleSettings::Theme::Light);
    QVERIFY(!Theme::isDark());
}

QTEST_MAIN(TestConsoleGui)
#include "test_console_gui.moc"

void TestConsoleGui::remoteSyncShowsPresenceAndStaleData()
{
    REQUIRE_NATS_SERVER();
    QVERIFY(m_window->statusText().contains(QStringLiteral("Sync: offline (local)")));
    NatsServerFixture server;
    QVERIFY(server.start());

    // File > Remote sync: type the server, test it for real, save.
    QPointer<SyncSettingsDialog> dialog = m_window->openSyncSettings();
    QVERIFY(dialog);
    dialog->findChild<QLineEdit*>(QStringLiteral("syncUrls"))->setText(server.wsUrl());
    QSignalSpy tested(dialog.data(), &SyncSettingsDialog::testFinished);
    QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("syncTest")), Qt::LeftButton);
    QVERIFY(tested.wait(10000));
    QVERIFY(tested.at(0).at(0).toBool());
    QVERIFY2(dialog->testResult().startsWith(QStringLiteral("Connected to")), qPrintable(dialog->testResult()));
    if (const QString dir = qEnvironmentVariable("PAYOPS_SCREENSHOT_DIR"); !dir.isEmpty()) // docs/screenshots
        QVERIFY(dialog->grab().save(dir + QStringLiteral("/sync-settings.png")));
    QMetaObject::invokeMethod(dialog.data(), "accept"); // the Save button
    QCOMPARE(m_settings->syncServer().urls, server.wsUrl());
    // Connected, but the server has no EVENTS stream yet: not "live" while nothing is followed.
    QTRY_VERIFY_WITH_TIMEOUT(m_window->statusText().contains(QStringLiteral("Sync: connected · EVENTS not available")),
                             10000);
    {
        NatsTestClient service(server.wsUrl());
        QVERIFY(service.waitConnected());
        QVERIFY(service.createStream(eventsStreamConfig()));
        QVERIFY(service.createStream(
            {{"name", "COMMANDS"}, {"subjects", {"cmd.>"}}, {"storage", "file"}, {"num_replicas", 1}}));
    }
    QTRY_VERIFY_WITH_TIMEOUT(m_window->statusText().contains(QStringLiteral("Sync: live")), 10000);

    // The server dies: the status bar says so with the attempt, and a banner warns that remote data is stale.
    server.kill9();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->statusText().contains(QStringLiteral("Sync: reconnecting (attempt")), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->messageText().startsWith(QStringLiteral("Remote data may be stale")), 5000);
    // A decision made now is queued and counted.
    m_syncHost->queueCommand(QStringLiteral("cmd.approval.decide"), {{"approval_id", 1}, {"decision", "approve"}});
    QTRY_VERIFY_WITH_TIMEOUT(m_window->statusText().contains(QStringLiteral("1 queued")), 5000);

    // Back: live again, the banner goes, the queued command is sent (no service answers it here, so it stays
    // counted while it waits for a result; the sync tests cover delivery).
    QVERIFY(server.restart());
    QTRY_VERIFY_WITH_TIMEOUT(m_window->statusText().contains(QStringLiteral("Sync: live")), 15000);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->messageText().isEmpty(), 5000);
    // A command larger than the server takes is not queued for ever: the operator hears it was not sent.
    m_syncHost->queueCommand(QStringLiteral("cmd.approval.decide"),
                             {{"approval_id", 2}, {"note", std::string(1100 * 1024, 'x')}});
    QTRY_VERIFY_WITH_TIMEOUT(
        m_window->messageText().startsWith(QStringLiteral(
            "The server refused your command, and no service will see it: message to cmd.approval.decide "
            "is ")),
        10000);
    QVERIFY2(m_window->messageText().endsWith(QStringLiteral("bytes; the server takes at most 1048576")),
             qPrintable(m_window->messageText()));
    QTRY_VERIFY_WITH_TIMEOUT(m_window->statusText().contains(QStringLiteral("1 queued")), 5000); // the first one

    // A message that broke the contract was set aside: the status bar counts it, offline too.
    {
        auto store = AgentStore::open(m_dir.filePath(QStringLiteral("console.db")).toStdString());
        QVERIFY(store.ok());
        sqlite::Statement q((*store)->connection(),
                            "INSERT INTO sync_quarantine (stream, stream_seq, subject, headers, body, reason, "
                            "received_at) VALUES ('EVENTS', 17, 'evt.anomaly.acme.issuer.HDFC', NULL, '{}', 'payload "
                            "has no \"schema\" version field', 1)");
        QVERIFY(q.run("set a message aside").ok());
    }

    // Work offline: back to the local console.
    clickWorkOffline(*m_window);
    QVERIFY(m_settings->syncServer().urls.isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(m_window->statusText().contains(QStringLiteral("Sync: offline (local) · 1 set aside")),
                             5000);

    // Offline the same sync runs on the local backend: the local services answer a decision made now, while
    // the one made for the server keeps waiting for it.
    m_syncHost->queueCommand(QStringLiteral("cmd.approval.decide"),
                             {{"approval_id", 2}, {"decision", "reject"}, {"operator", "tester"}});
    const auto outbox = [this](const char* where) -> std::int64_t {
        auto store =
            AgentStore::open(m_dir.filePath(QStringLiteral("console.db")).toStdString(), AgentStore::Mode::ReadOnly);
        if (!store)
            return -1;
        sqlite::Statement q((*store)->connection(), std::string("SELECT count(*) FROM outbox WHERE ") + where);
        return q.next("count").value() ? q.int64(0) : -1;
    };
    QTRY_COMPARE_WITH_TIMEOUT(outbox("target = 'local' AND state IN ('confirmed', 'rejected')"), std::int64_t{1},
                              10000);
    QCOMPARE(outbox("target = 'server' AND state IN ('pending', 'acked')"), std::int64_t{1});

    // A second decision on the same approval loses, and the message bar says who decided it first.
    m_syncHost->queueCommand(QStringLiteral("cmd.approval.decide"),
                             {{"approval_id", 2}, {"decision", "approve"}, {"operator", "someone-else"}});
    QTRY_VERIFY_WITH_TIMEOUT(m_window->messageText().startsWith(QStringLiteral("Your decision was not applied")),
                             10000);
    QVERIFY2(m_window->messageText().contains(QStringLiteral("rejected by remote:tester first")),
             qPrintable(m_window->messageText()));
    m_window->showMessage({}, false);
}

// The dialog promised "leave empty to keep the saved one" when the keychain could not be read as it opened (locked,
// no service), and Save then found none. It says the keychain cannot be read, for any address typed (a locked
// keychain holds the other addresses' secrets too); another kind of authentication needs its own secret all the same.
void TestConsoleGui::anUnreadableKeychainPromisesNoSavedSecret()
{
    ConsoleSettings::SyncServer current;
    current.urls = QStringLiteral("ws://127.0.0.1:1");
    current.authKind = QStringLiteral("token");
    SyncSettingsDialog dialog(current, [](const QString&, const SyncSettingsDialog::SecretDone& done) {
        done({}, QStringLiteral("the keychain is locked"));
    });
    auto* secret = dialog.findChild<QLineEdit*>(QStringLiteral("syncSecret"));
    QTRY_COMPARE(secret->placeholderText(), QStringLiteral("the keychain cannot be read now: enter it"));
    if (const QString dir = qEnvironmentVariable("PAYOPS_SCREENSHOT_DIR"); !dir.isEmpty())
        QVERIFY(dialog.grab().save(dir + QStringLiteral("/sync-settings-keychain-unreadable.png")));
    dialog.findChild<QLineEdit*>(QStringLiteral("syncUrls"))->setText(QStringLiteral("ws://127.0.0.1:2"));
    QCOMPARE(secret->placeholderText(), QStringLiteral("the keychain cannot be read now: enter it"));
    auto* auth = dialog.findChild<QComboBox*>(QStringLiteral("syncAuth"));
    auth->setCurrentIndex(auth->findData(QStringLiteral("jwt")));
    QCOMPARE(secret->placeholderText(), QStringLiteral("load a .creds file"));
}

// The dialog says "leave empty to keep the saved one"; the secret is kept under the server's address, and a new
// address (a failover node added, a port fixed) left it under the old one: the console connected with none.
void TestConsoleGui::aNewServerAddressKeepsTheSavedSecret()
{
    const auto save = [this](const QString& urls, const QString& secret) {
        QPointer<SyncSettingsDialog> dialog = m_window->openSyncSettings();
        QVERIFY(dialog);
        dialog->findChild<QLineEdit*>(QStringLiteral("syncUrls"))->setText(urls);
        auto* auth = dialog->findChild<QComboBox*>(QStringLiteral("syncAuth"));
        auth->setCurrentIndex(auth->findData(QStringLiteral("token")));
        dialog->findChild<QLineEdit*>(QStringLiteral("syncSecret"))->setText(secret);
        QMetaObject::invokeMethod(dialog.data(), "accept");
    };
    const auto stored = [this](const QString& urls) { return storedSyncSecret(*m_secrets, urls); };
    save(QStringLiteral("ws://127.0.0.1:1"), QStringLiteral("s3cret"));
    QTRY_COMPARE(stored(QStringLiteral("ws://127.0.0.1:1")), QStringLiteral("s3cret"));
    save(QStringLiteral("ws://127.0.0.1:1, ws://127.0.0.1:2"), QString()); // a second node, the token left empty
    QTRY_COMPARE(stored(QStringLiteral("ws://127.0.0.1:1, ws://127.0.0.1:2")), QStringLiteral("s3cret"));
    QCOMPARE(stored(QStringLiteral("ws://127.0.0.1:1")), QString()); // not left behind
    clickWorkOffline(*m_window);                                     // as the tests after this one expect
    QVERIFY(m_settings->syncServer().urls.isEmpty());
}

// "Leave empty to keep the saved one": Test connection tested no token and was refused; a token saved for token
// authentication was offered as the password when only the kind changed; switching from JWT to a token took
// "loaded from x.creds" as the token; a server address the secret was never saved under (--sync-server) connected
// with none and was refused as if the server were at fault.
void TestConsoleGui::theSavedSecretIsTestedAndNeverTakenForAnotherKind()
{
    REQUIRE_NATS_SERVER();
    NatsServerFixture server;
    QVERIFY(server.start(QStringLiteral("authorization { token: \"s3cret\" }")));
    const auto pressTest = [](SyncSettingsDialog* dialog) {
        QSignalSpy tested(dialog, &SyncSettingsDialog::testFinished);
        QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("syncTest")), Qt::LeftButton);
        return tested.count() == 1 || tested.wait(10000);
    };
    const auto field = [](SyncSettingsDialog* dialog, const char* name) {
        return dialog->findChild<QLineEdit*>(QLatin1String(name));
    };
    const auto save = [](SyncSettingsDialog* dialog) { QMetaObject::invokeMethod(dialog, "accept"); };
    const QString noToken = QStringLiteral("Token: none is saved for this server; enter it.");
    QPointer<SyncSettingsDialog> dialog = m_window->openSyncSettings();
    field(dialog, "syncUrls")->setText(server.wsUrl());
    auto* auth = dialog->findChild<QComboBox*>(QStringLiteral("syncAuth"));
    auth->setCurrentIndex(auth->findData(QStringLiteral("token")));
    // Nothing saved yet and nothing typed: said before anything is tried, and Save refuses the same way.
    QVERIFY(pressTest(dialog));
    QCOMPARE(dialog->testResult(), noToken);
    save(dialog);
    QTRY_COMPARE(dialog->findChild<QLabel*>(QStringLiteral("syncError"))->text(), noToken);
    QVERIFY(dialog->isVisible());
    field(dialog, "syncSecret")->setText(QStringLiteral("s3cret"));
    save(dialog);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->statusText().contains(QStringLiteral("Sync: connected")), 10000);

    // Opened again, the token field empty: the test logs in with the saved token.
    dialog = m_window->openSyncSettings();
    auth = dialog->findChild<QComboBox*>(QStringLiteral("syncAuth"));
    QVERIFY(pressTest(dialog));
    QVERIFY2(dialog->testResult().startsWith(QStringLiteral("Connected to")), qPrintable(dialog->testResult()));
    // Only the kind changed: the saved token is not a password; neither tested nor saved so.
    auth->setCurrentIndex(auth->findData(QStringLiteral("user")));
    field(dialog, "syncUser")->setText(QStringLiteral("alice"));
    const QString notAPassword =
        QStringLiteral("Password: enter it; the saved secret is for another kind of authentication.");
    QVERIFY(pressTest(dialog));
    QCOMPARE(dialog->testResult(), notAPassword);
    save(dialog);
    QVERIFY(dialog->isVisible());
    QCOMPARE(dialog->findChild<QLabel*>(QStringLiteral("syncError"))->text(), notAPassword);
    QVERIFY(dialog->testResult().isEmpty()); // said once
    QCOMPARE(field(dialog, "syncSecret")->placeholderText(), QStringLiteral("required"));
    if (const QString dir = qEnvironmentVariable("PAYOPS_SCREENSHOT_DIR"); !dir.isEmpty())
        QVERIFY(dialog->grab().save(dir + QStringLiteral("/sync-settings-needs-secret.png")));
    QCOMPARE(m_settings->syncServer().authKind, QStringLiteral("token"));
    dialog->close();

    // A new address from the command line (settings changed under the window, as main() does): no secret is saved
    // under it, so remote sync is not started, neither with none nor on the local backend, and the message bar and
    // the status bar say why.
    ConsoleSettings::SyncServer moved = m_settings->syncServer();
    const QString movedUrl = server.wsUrl() + QStringLiteral("/other");
    moved.urls = movedUrl;
    m_settings->setSyncServer(moved);
    m_window->connectSync();
    QTRY_COMPARE_WITH_TIMEOUT(m_window->messageText(),
                              QStringLiteral("Remote sync is not started: no secret is saved for %1 (authentication: "
                                             "Token). Enter it in File > Remote sync, or choose No authentication "
                                             "there if the server asks for none.")
                                  .arg(movedUrl),
                              5000);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->statusText().contains(QStringLiteral("Sync: not started")), 5000);
    // The dialog does not offer to keep a secret that is not there; typed, it connects and the message goes.
    dialog = m_window->openSyncSettings();
    QTRY_COMPARE(field(dialog, "syncSecret")->placeholderText(), QStringLiteral("required")); // once the keychain says
    field(dialog, "syncUrls")
        ->setText(server.wsUrl()); // may have its own (it has), or carry this one's over: Save asks
    QCOMPARE(field(dialog, "syncSecret")->placeholderText(), QStringLiteral("leave empty to keep the saved one"));
    field(dialog, "syncUrls")->setText(movedUrl);
    QCOMPARE(field(dialog, "syncSecret")->placeholderText(), QStringLiteral("required"));
    save(dialog);
    QTRY_COMPARE(dialog->findChild<QLabel*>(QStringLiteral("syncError"))->text(), noToken);
    field(dialog, "syncSecret")->setText(QStringLiteral("s3cret"));
    field(dialog, "syncUrls")->setText(server.wsUrl());
    save(dialog);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->statusText().contains(QStringLiteral("Sync: connected")), 10000);
    QVERIFY2(!m_window->messageText().contains(QStringLiteral("not started")), qPrintable(m_window->messageText()));

    // Work offline and back to the same server: its saved token is kept for the way back.
    const auto workOffline = [this] {
        clickWorkOffline(*m_window);
        QTRY_VERIFY(m_window->statusText().contains(QStringLiteral("Sync: offline (local)")));
    };
    workOffline();
    dialog = m_window->openSyncSettings();
    field(dialog, "syncUrls")->setText(server.wsUrl());
    QVERIFY(pressTest(dialog));
    QVERIFY2(dialog->testResult().startsWith(QStringLiteral("Connected to")), qPrintable(dialog->testResult()));
    save(dialog);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->statusText().contains(QStringLiteral("Sync: connected")), 10000);

    workOffline(); // as the tests after this one expect
}
// Server A's token saved, then B's (a --sync-server start, the token typed for B): A typed back with the field empty
// is tested with A's own token, and Save copied B's over it and removed B's. Working offline while following a remote
// agent waited for ever on its first cycle.
void TestConsoleGui::anAddressTypedBackKeepsItsOwnSecret()
{
    const QString a = QStringLiteral("ws://127.0.0.1:1"), b = QStringLiteral("ws://127.0.0.1:2");
    const auto stored = [this](const QString& urls) { return storedSyncSecret(*m_secrets, urls); };
    const auto save = [this](const QString& urls, const QString& secret) {
        QPointer<SyncSettingsDialog> dialog = m_window->openSyncSettings();
        dialog->findChild<QLineEdit*>(QStringLiteral("syncUrls"))->setText(urls);
        auto* auth = dialog->findChild<QComboBox*>(QStringLiteral("syncAuth"));
        auth->setCurrentIndex(auth->findData(QStringLiteral("token")));
        dialog->findChild<QLineEdit*>(QStringLiteral("syncSecret"))->setText(secret);
        QMetaObject::invokeMethod(dialog.data(), "accept");
        QTRY_VERIFY(!dialog);
    };
    save(a, QStringLiteral("token-a"));
    QTRY_COMPARE(stored(a), QStringLiteral("token-a"));
    ConsoleSettings::SyncServer server = m_settings->syncServer(); // --sync-server B
    server.urls = b;
    m_settings->setSyncServer(server);
    save(b, QStringLiteral("token-b"));
    QTRY_COMPARE(stored(b), QStringLiteral("token-b"));
    save(a, QString()); // A typed back, the field empty: A's own token
    QTRY_COMPARE(m_settings->syncServer().urls, a);
    QTest::qWait(100);
    QCOMPARE(stored(a), QStringLiteral("token-a"));
    QCOMPARE(stored(b), QStringLiteral("token-b"));

    // Following a remote agent, then Work offline: the pages go back to the local agent, and say why.
    m_settings->setSource(ConsoleSettings::Source::RemoteAgent, QStringLiteral("acme"), m_settings->pythonFeedUrl());
    clickWorkOffline(*m_window);
    QTRY_COMPARE(m_settings->source(), ConsoleSettings::Source::Local);
    QVERIFY2(m_window->messageText().startsWith(QStringLiteral("A remote agent is followed through the sync server")),
             qPrintable(m_window->messageText()));
    QTRY_VERIFY(m_window->statusText().contains(QStringLiteral("Agent: ")));
    m_window->showMessage({}, false);
}

void TestConsoleGui::remoteAgentIsShownLikeTheLocalOne()
{
    REQUIRE_NATS_SERVER();
    NatsServerFixture server;
    QVERIFY(server.start());
    QProcess agent;
    agent.start(qEnvironmentVariable("PAYOPS_AGENT_BIN"),
                {QStringLiteral("publish"), QStringLiteral("--server"), server.wsUrl(), QStringLiteral("--db"),
                 m_dir.filePath(QStringLiteral("remote-agent.db")), QStringLiteral("--new-run"),
                 QStringLiteral("--scenario"), QStringLiteral("issuer_outage"), QStringLiteral("--cycle-ms"),
                 QStringLiteral("50")});
    QVERIFY(agent.waitForStarted(5000));
    const std::int64_t localAnomaly = hdfcAnomaly();
    QVERIFY(localAnomaly != 0);
    const QString localRun = m_data->runId();

    // Without a sync server the console says where a remote agent comes from and opens the settings.
    m_prompter.answers = {};
    m_window->chooseSource(ConsoleSettings::Source::RemoteAgent);
    QVERIFY(m_window->messageText().contains(QStringLiteral("sync server")));
    QCOMPARE(m_settings->source(), ConsoleSettings::Source::Local);
    for (QWidget* w : QApplication::topLevelWidgets())
        if (qobject_cast<SyncSettingsDialog*>(w))
            w->close();

    ConsoleSettings::SyncServer sync;
    sync.urls = server.wsUrl();
    sync.authKind = QStringLiteral("none");
    m_settings->setSyncServer(sync);
    m_window->connectSync();
    // A tenant is one token of the subjects, as publish --tenant checks it: a tab is whitespace too.
    for (const QString& wrong : {QStringLiteral("acme.eu"), QStringLiteral("ac\tme")}) {
        m_prompter.answers = {wrong};
        m_window->chooseSource(ConsoleSettings::Source::RemoteAgent);
        QCOMPARE(m_settings->source(), ConsoleSettings::Source::Local);
        QVERIFY2(m_window->messageText().contains(QStringLiteral("one subject token")),
                 qPrintable(m_window->messageText()));
    }
    m_prompter.answers = {QStringLiteral("acme")};
    m_window->chooseSource(ConsoleSettings::Source::RemoteAgent);
    QCOMPARE(m_settings->source(), ConsoleSettings::Source::RemoteAgent);

    // The remote agent's cycles fill the same pages; the local agent's controls are off while it is shown.
    QTRY_VERIFY_WITH_TIMEOUT(m_window->statusText().contains(QStringLiteral("Remote agent of acme · cycle")), 20000);
    QVERIFY(m_data->runId().startsWith(QStringLiteral("remote:acme:run-")));
    // A "waiting for the remote agent" problem from before its streams existed is taken back once cycles flow.
    QTRY_VERIFY(!m_window->messageText().contains(QStringLiteral("Waiting for the remote agent")));
    QVERIFY(!m_window->findChild<QAction*>(QStringLiteral("actionRun"))->isEnabled());
    QVERIFY(
        m_window->findChild<QLabel*>(QStringLiteral("demoBanner"))->text().contains(QStringLiteral("Remote agent")));
    QTRY_VERIFY(m_data->healthModel()->rowCount() >= 4);
    QTRY_VERIFY_WITH_TIMEOUT(hdfcAnomaly() != 0, 30000); // the remote outage, detected by the remote agent
    const std::int64_t remoteAnomaly = hdfcAnomaly();
    QVERIFY(m_data->acknowledge({remoteAnomaly}).ok());
    const CycleSnapshotPtr latest = m_data->latest();
    QCOMPARE(m_router->info().cycle, latest->cycle);
    const int hdfc = m_data->healthModel()->rowOf(QStringLiteral("issuer:HDFC"));
    QVERIFY(hdfc >= 0);
    QCOMPARE(m_data->healthModel()->index(hdfc, IssuerHealthModel::Volume).data(IssuerHealthModel::SortRole).toDouble(),
             static_cast<double>(latest->statsFor("issuer:HDFC")->count));
    if (const QString dir = qEnvironmentVariable("PAYOPS_SCREENSHOT_DIR"); !dir.isEmpty()) {
        m_window->showPage(QStringLiteral("health"));
        m_window->toasts()->hide();
        QTest::qWait(1200); // one chart redraw interval
        QVERIFY(m_window->grab().save(dir + QStringLiteral("/health-remote-agent.png")));
    }

    // Back to the local agent: its own run and triage, controls on again.
    m_window->chooseSource(ConsoleSettings::Source::Local);
    QCOMPARE(m_data->runId(), localRun);
    QVERIFY(m_data->triage().item(localAnomaly) != nullptr);
    QTRY_VERIFY(m_window->statusText().contains(QStringLiteral("Agent: paused")));
    QVERIFY(m_window->findChild<QAction*>(QStringLiteral("actionRun"))->isEnabled());

    // And to the remote one again: the acknowledgement made there is still there.
    m_prompter.answers = {QStringLiteral("acme")};
    m_window->chooseSource(ConsoleSettings::Source::RemoteAgent);
    QTRY_VERIFY_WITH_TIMEOUT(m_data->runId().startsWith(QStringLiteral("remote:acme:run-")) && m_data->latest(), 20000);
    const TriageItem* again = m_data->triage().item(remoteAnomaly);
    QVERIFY(again);
    QCOMPARE(again->state, TriageState::Acknowledged);

    m_window->chooseSource(ConsoleSettings::Source::Local);
    m_settings->setSyncServer({});
    m_window->connectSync();
    agent.terminate();
    QVERIFY(agent.waitForFinished(10000));
}

void TestConsoleGui::pythonFeedIsShownReadOnly()
{
    // A stand-in for the Python demo: a real WebSocket server sending its format, one message per second of
    // its clock (sent at once here): quiet, then its gateway failing, then traffic moved to another gateway.
    QWebSocketServer demo(QStringLiteral("python-demo"), QWebSocketServer::NonSecureMode);
    QVERIFY(demo.listen(QHostAddress::LocalHost, 0));
    const auto message = [](int t, double failPct, const char* gateway, bool switched) {
        nlohmann::json history = nlohmann::json::array();
        if (switched)
            history.push_back({{"ts", "00:01:20"},
                               {"action", "switch_gateway"},
                               {"target", "payu"},
                               {"reason", "razorpay failing"},
                               {"result", "success"},
                               {"rate", 0.96}});
        return QString::fromStdString(nlohmann::json{
            {"timestamp", 1767225600 + t},
            {"total_volume", 1000 + 25 * t},
            {"fail_rate", failPct + 0.5 * std::sin(t)},
            {"active_gateway", gateway},
            {"success_series", {100 - failPct}},
            {"latency_series", {210 + t % 7, 220 + t % 5}},
            {"thinking_log", {std::string("checking ") + gateway}},
            {"nrv", 1234.6},
            {"confidence", 87},
            {"intervention_history",
             history}}.dump());
    };
    connect(&demo, &QWebSocketServer::newConnection, this, [&] {
        QWebSocket* socket = demo.nextPendingConnection();
        socket->setParent(&demo); // the caller owns accepted sockets
        for (int t = 0; t < 150; ++t)
            socket->sendTextMessage(t < 70   ? message(t, 4, "razorpay", false)
                                    : t < 80 ? message(t, 45, "razorpay", false)
                                             : message(t, 3, "payu", true));
    });
    const QString url = QStringLiteral("ws://127.0.0.1:%1").arg(demo.serverPort());

    // Not a WebSocket URL: said so, nothing changes.
    m_prompter.answers = {QStringLiteral("http://127.0.0.1:8765")};
    m_window->chooseSource(ConsoleSettings::Source::PythonFeed);
    QVERIFY(m_window->messageText().contains(QStringLiteral("is not a ws:// or wss:// URL")));
    QCOMPARE(m_settings->source(), ConsoleSettings::Source::Local);

    m_prompter.answers = {url};
    m_window->chooseSource(ConsoleSettings::Source::PythonFeed);
    QCOMPARE(m_settings->pythonFeedUrl(), url);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->statusText().contains(QStringLiteral("Python agent feed · update 150")), 20000);
    QVERIFY(!m_window->findChild<QAction*>(QStringLiteral("actionRun"))->isEnabled());
    const QString banner = m_window->findChild<QLabel*>(QStringLiteral("demoBanner"))->text();
    QVERIFY2(banner.contains(QStringLiteral("gateway payu · NRV 1235 · confidence 87%")), qPrintable(banner));

    // The failing gateway was flagged by this console's detector, and now carries no traffic.
    bool flagged = false;
    for (const auto& [id, item] : m_data->triage().items())
        flagged = flagged || item.anomaly().dimension == "issuer:razorpay";
    QVERIFY(flagged);
    IssuerHealthModel* model = m_data->healthModel();
    const int razorpay = model->rowOf(QStringLiteral("issuer:razorpay"));
    const int payu = model->rowOf(QStringLiteral("issuer:payu"));
    QVERIFY(razorpay >= 0 && payu >= 0);
    QCOMPARE(model->index(razorpay, IssuerHealthModel::Success).data().toString(), QStringLiteral("—"));
    QCOMPARE(model->index(razorpay, IssuerHealthModel::P95).data().toString(), QStringLiteral("—"));
    QVERIFY(model->index(razorpay, IssuerHealthModel::State)
                .data()
                .toString()
                .contains(QStringLiteral("moved its traffic to payu")));
    QCOMPARE(model->index(payu, IssuerHealthModel::Volume).data().toString(),
             QStringLiteral("1500")); // its last 60 s x 25
    // The chart shows the burst's last message too (its redraw is throttled, never dropped).
    m_window->showPage(QStringLiteral("health"));
    m_window->healthPage()->selectDimension(QStringLiteral("issuer:razorpay"));
    const std::vector<MetricPoint> points =
        m_data->history().points("issuer:razorpay", 0, m_data->history().latestMs());
    // Seconds 1-79 have rates: none before it had traffic, none after the move (those have a volume of 0).
    const auto razorpayPoints = static_cast<std::size_t>(
        std::count_if(points.begin(), points.end(), [](const MetricPoint& p) { return !std::isnan(p.value[0]); }));
    QCOMPARE(razorpayPoints, std::size_t{79});
    QVERIFY(points.size() > razorpayPoints);
    // After the move its traffic stays in the window for a minute, without rates: the Volume read 0 at once.
    const auto afterMove = std::find_if(points.begin(), points.end(),
                                        [](const MetricPoint& p) { return p.timeMs == (1767225600LL + 80) * 1000; });
    QVERIFY(afterMove != points.end());
    QVERIFY(std::isnan(afterMove->value[0]));
    QCOMPARE(afterMove->value[3], 59.0F * 25); // seconds 21-79 of its traffic
    QTRY_COMPARE_WITH_TIMEOUT(m_window->healthPage()->chart()->plottedPoints(), static_cast<int>(razorpayPoints), 3000);
    // The feed sends no figures of single cycles: the chart shows the window's instead of nothing, and says which.
    QCOMPARE(m_window->healthPage()->chart()->metric(), Metric::CycleSuccessRate);
    QCOMPARE(m_window->healthPage()->chart()->shownMetric(), Metric::SuccessRate);
    QVERIFY(m_window->healthPage()->chart()->chart()->title().contains(QStringLiteral("Success rate in window")));
    if (const QString dir = qEnvironmentVariable("PAYOPS_SCREENSHOT_DIR"); !dir.isEmpty()) {
        m_window->showMessage({}, false);
        m_window->toasts()->hide();
        QTest::qWait(200); // the chart lays its axes out after the redraw
        QVERIFY(m_window->grab().save(dir + QStringLiteral("/health-python-feed.png")));
    }
    // Its volume is charted through the seconds without traffic, as 0: every point, where the rates leave a gap.
    m_window->healthPage()->chart()->setMetric(Metric::Volume);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->healthPage()->chart()->plottedPoints(), static_cast<int>(points.size()), 3000);
    if (const QString dir = qEnvironmentVariable("PAYOPS_SCREENSHOT_DIR"); !dir.isEmpty()) {
        QTest::qWait(200);
        QVERIFY(m_window->grab().save(dir + QStringLiteral("/health-python-feed-volume.png")));
    }

    m_window->chooseSource(ConsoleSettings::Source::Local);
    QTRY_VERIFY(m_window->statusText().contains(QStringLiteral("Agent: paused")));
}

void TestConsoleGui::jwtCredentialsFromACredsFile()
{
    REQUIRE_NATS_SERVER();
    const NatsJwtSetup setup;
    NatsServerFixture server;
    QVERIFY2(server.start(setup.serverConfig()), qPrintable(server.log().right(600)));
    const sync::NKeyPair user = sync::nkeyCreateUser();
    // What `nsc generate creds` writes: both parts between banner lines, with advice in between.
    const QString creds = m_dir.filePath(QStringLiteral("console.creds"));
    QFile file(creds);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(("-----BEGIN NATS USER JWT-----\n" + setup.userJwt(user) +
                "\n------END NATS USER JWT------\n\n************************* IMPORTANT "
                "*************************\nNKEY Seed printed below can be used to sign and prove identity.\n\n"
                "-----BEGIN USER NKEY SEED-----\n" +
                user.seed + "\n------END USER NKEY SEED------\n")
                   .c_str());
    file.close();
    const QString notCreds = m_dir.filePath(QStringLiteral("notes.txt"));
    QFile other(notCreds);
    QVERIFY(other.open(QIODevice::WriteOnly));
    other.write("just some notes\n");
    other.close();

    QPointer<SyncSettingsDialog> dialog = m_window->openSyncSettings();
    dialog->findChild<QLineEdit*>(QStringLiteral("syncUrls"))->setText(server.wsUrl());
    auto* auth = dialog->findChild<QComboBox*>(QStringLiteral("syncAuth"));
    auth->setCurrentIndex(auth->findData(QStringLiteral("jwt")));
    QVERIFY(dialog->findChild<QPushButton*>(QStringLiteral("syncLoadCreds"))->isVisibleTo(dialog));
    // Not a credentials file: said so, nothing taken.
    QVERIFY(!dialog->loadCredentials(notCreds));
    QVERIFY(dialog->findChild<QLabel*>(QStringLiteral("syncError"))->text().contains(QStringLiteral("no user JWT")));
    QVERIFY(dialog->secret().isEmpty());
    // The real file: loaded, and Test connection logs in with the JWT and the nonce signed by its seed.
    QVERIFY(dialog->loadCredentials(creds));
    QVERIFY(dialog->secret().contains(QString::fromStdString(user.seed)));
    QVERIFY(!dialog->findChild<QLineEdit*>(QStringLiteral("syncSecret"))
                 ->text()
                 .contains(QString::fromStdString(user.seed))); // never shown
    QSignalSpy tested(dialog.data(), &SyncSettingsDialog::testFinished);
    QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("syncTest")), Qt::LeftButton);
    QVERIFY(tested.wait(10000));
    QVERIFY2(tested.at(0).at(0).toBool(), qPrintable(dialog->testResult()));
    QVERIFY2(dialog->testResult().startsWith(QStringLiteral("Connected to")), qPrintable(dialog->testResult()));
    if (const QString dir = qEnvironmentVariable("PAYOPS_SCREENSHOT_DIR"); !dir.isEmpty())
        QVERIFY(dialog->grab().save(dir + QStringLiteral("/sync-settings-jwt.png")));
    // To a token and back: "loaded from user.creds" is not taken as the token, and the credentials stay loaded.
    auto* secretField = dialog->findChild<QLineEdit*>(QStringLiteral("syncSecret"));
    const QString loadedFrom = secretField->text();
    QVERIFY2(loadedFrom.startsWith(QStringLiteral("loaded from ")), qPrintable(loadedFrom));
    auth->setCurrentIndex(auth->findData(QStringLiteral("token")));
    QVERIFY(secretField->text().isEmpty());
    QVERIFY(dialog->secret().isEmpty());
    auth->setCurrentIndex(auth->findData(QStringLiteral("jwt")));
    QCOMPARE(secretField->text(), loadedFrom);
    QVERIFY(dialog->secret().contains(QString::fromStdString(user.seed)));
    dialog->close();
}
