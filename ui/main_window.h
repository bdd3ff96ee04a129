#pragma once
// The console's shell: navigation rail and pages, the agent controls (run / pause / step / speed / scenario /
// reset), the status bar (agent state, simulated time, speed, sync state, user and role), the Ctrl+K command
// palette, shortcuts with a cheat sheet, themes, toasts and desktop notifications, and the persisted layout.
//
// Pages are registered by id; the Approvals, Config, Copilot and Audit pages join the rail the same way when
// they exist. The window never computes a domain number: it shows ConsoleData and asks RuntimeHost to act.

#include "models/console_data.h"
#include "models/console_settings.h"
#include "models/data_source_router.h"
#include "runtime/runtime_host.h"
#include "sync/sync_host.h"
#include "ui/command_palette.h"

#include <QMainWindow>
#include <QPointer>
#include <memory>

class QAction;
class QActionGroup;
class QComboBox;
class QLabel;
class QMenu;
class QToolBar;
class QListWidget;
class QStackedWidget;
class QSystemTrayIcon;
class QTranslator;

namespace payops {

class AnomaliesPage;
class HealthPage;
class Prompter;
class SecretStore;
class ProfileDialog;
class SyncSettingsDialog;
class ToastOverlay;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    MainWindow(ConsoleData& data, RuntimeHost& runtime, ConsoleSettings& settings, Prompter& prompter,
               QWidget* parent = nullptr);
    ~MainWindow() override;

    // Page ids: health, anomalies.
    bool showPage(const QString& id);
    QString currentPage() const;
    QStringList pageIds() const;
    // The pages every window has, in rail order: what --page may name before a window exists.
    static QStringList knownPageIds();

    HealthPage* healthPage() const { return m_health; }
    AnomaliesPage* anomaliesPage() const { return m_anomalies; }
    ToastOverlay* toasts() const { return m_toasts; }
    CommandPalette* openCommandPalette();
    QList<QAction*> paletteActions() const;
    QString statusText() const; // the status bar's fields joined (tests, screenshots)
    QString messageText() const;
    QString bannerText() const; // rich text

    // Remote sync: the status bar shows its presence, File > Remote sync opens its settings. Without it (or with
    // no server configured) the console says "offline (local)".
    void attachSync(sync::SyncHost* host, SecretStore* secrets, const QString& dbPath);
    // Connects (or goes offline) with what the settings and the keychain hold.
    void connectSync();
    SyncSettingsDialog* openSyncSettings(); // non-modal; applied when accepted
    ProfileDialog* openProfile();           // window-modal; applied when accepted

    // Where the pages' cycles come from (Agent > Data source): the local agent, a remote agent through the sync
    // server, or the Python original's feed. The router switches; the window shows which one and disables the
    // local agent's controls while another source is shown.
    void attachSources(DataSourceRouter* router);
    void chooseSource(ConsoleSettings::Source source); // asks for the tenant or URL, then switches

    void applyTheme(ConsoleSettings::Theme theme);
    void setLanguage(const QString& language); // "en", "de"; installs the translator and retranslates
    void showMessage(const QString& text, bool error);

protected:
    void closeEvent(QCloseEvent* event) override;
    void changeEvent(QEvent* event) override;
    bool event(QEvent* event) override; // the desktop's theme changing (QEvent::ThemeChange)

private:
    void buildActions();
    void buildMenus();
    void buildPages();
    void retranslate();
    void applyThemedChrome(); // icons and banner in the current theme's colours
    void onStatus(const RuntimeStatus& status);
    // " · 2 set aside" on the sync status, and the newest one's reason in its tooltip.
    void addSetAside(const sync::SyncPresence& p, QString& text, QString& tip) const;
    void onSyncPresence(const sync::SyncPresence& presence);
    void takeBackStaleMessage();
    void applySource(bool reconnect); // the settings' source to the router (and to the sync connection)
    void showAgentStatus();           // the status bar's agent fields and the banner, for whichever source is shown
    void onNotify(qint64 anomalyId, bool again);
    void showShortcuts();
    void restart();
    void applyProfile();    // the settings' name and role, to the data layer and the status bar
    bool mayControlAgent(); // false, said on the message bar, for a role that may not
    // A new local run can start: the agent runs, or stopped on something a new run gets past (not another's lock).
    bool localRunCanRestart() const;
    QList<PaletteCommand> parseCommand(const QString& text);
    void saveLayout();
    // Shows `speed` in the toolbar's combo box, adding it among the steps when it is none of them (--speed 20, a
    // palette command): the box showed the nearest step, or the default, while the status bar said otherwise.
    void showSpeed(double speed);

    ConsoleData& m_data;
    RuntimeHost& m_runtime;
    ConsoleSettings& m_settings;
    Prompter& m_prompter;
    QListWidget* m_rail = nullptr;
    QStackedWidget* m_stack = nullptr;
    QLabel* m_banner = nullptr;
    QLabel* m_message = nullptr;
    HealthPage* m_health = nullptr;
    AnomaliesPage* m_anomalies = nullptr;
    ToastOverlay* m_toasts = nullptr;
    QSystemTrayIcon* m_tray = nullptr;
    std::unique_ptr<QTranslator> m_translator;
    std::unique_ptr<QTranslator> m_qtTranslator;

    QComboBox* m_speed = nullptr;
    QComboBox* m_scenario = nullptr;
    QLabel* m_agentState = nullptr;
    QLabel* m_simTime = nullptr;
    QLabel* m_speedLabel = nullptr;
    QLabel* m_sync = nullptr;
    QLabel* m_user = nullptr;
    sync::SyncHost* m_syncHost = nullptr;
    SecretStore* m_secrets = nullptr;
    QString m_syncDbPath;
    int m_syncAttempt = 0;    // connectSync's calls: a keychain answer to an older one is not used
    QString m_syncNotStarted; // why remote sync is not started (its message), or empty
    QString m_staleMessage;   // the "remote data may be stale" message on the message bar, or empty
    DataSourceRouter* m_router = nullptr;
    bool m_agentFailed = false;  // the local agent stopped on an error and has not opened a run since
    QString m_agentFailure;      // why: in the banner, which a triage message cannot replace
    bool m_agentDamaged = false; // ... because the database file is damaged, which no retry mends
    bool m_agentBusy = false;    // ... because another agent holds the database, which a new run cannot get past
    QString m_sourceProblem;     // shown on the message bar, taken back when the source delivers
    std::int64_t m_sourceProblemCycles = 0;
    ConsoleSettings::Source m_sourceProblemFrom = ConsoleSettings::Source::Local;

    QAction* m_run = nullptr;
    QAction* m_step = nullptr;
    QAction* m_faster = nullptr;
    QAction* m_slower = nullptr;
    QAction* m_reset = nullptr;
    QAction* m_goHealth = nullptr;
    QAction* m_goAnomalies = nullptr;
    QAction* m_palette = nullptr;
    QAction* m_shortcuts = nullptr;
    QAction* m_ack = nullptr;
    QAction* m_resolve = nullptr;
    QAction* m_snooze = nullptr;
    QAction* m_silence = nullptr;
    QAction* m_find = nullptr;
    QAction* m_exportCsv = nullptr;
    QAction* m_exportPng = nullptr;
    QAction* m_pauseChart = nullptr;
    QAction* m_quit = nullptr;
    QAction* m_syncSettings = nullptr;
    QAction* m_profile = nullptr;
    QAction* m_srcLocal = nullptr;
    QAction* m_srcRemote = nullptr;
    QAction* m_srcFeed = nullptr;
    QAction* m_themeSystem = nullptr;
    QAction* m_themeLight = nullptr;
    QAction* m_themeDark = nullptr;
    QAction* m_langEn = nullptr;
    QAction* m_langDe = nullptr;
    QMenu* m_fileMenu = nullptr;
    QMenu* m_viewMenu = nullptr;
    QMenu* m_agentMenu = nullptr;
    QMenu* m_anomalyMenu = nullptr;
    QMenu* m_helpMenu = nullptr;
    QMenu* m_themeMenu = nullptr;
    QMenu* m_langMenu = nullptr;
    QMenu* m_sourceMenu = nullptr;
    QToolBar* m_toolbar = nullptr;
    QPointer<CommandPalette> m_openPalette;
    RuntimeStatus m_status;
};

QString roleLabel(const QString& role); // translated
const QList<double>& speedSteps();      // 1, 2, 4, 8, 16, 60, 100, 250, 1000

} // namespace payops
