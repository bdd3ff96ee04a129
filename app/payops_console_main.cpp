// payops-console: the desktop console. Wiring only: settings, theme, the runtime on its worker thread, the
// GUI-side data, the main window, and the --screenshot mode used by tests, docs and support.

#include "models/console_data.h"
#include "models/console_settings.h"
#include "models/data_source_router.h"
#include "models/secret_store.h"
#include "runtime/runtime_host.h"
#include "sync/sync_host.h"
#include "ui/main_window.h"
#include "ui/prompter.h"
#include "ui/theme.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QStandardPaths>
#include <QTimer>
#include <cstdio>
#include <memory>

using namespace payops;

namespace {

// Reports the time from process start to the first painted frame of the main window (--report-startup).
class FirstPaintProbe : public QObject {
public:
    FirstPaintProbe(const QElapsedTimer& since, QObject* parent) : QObject(parent), m_since(since) {}
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::Paint && !m_done) {
            m_done = true;
            QTimer::singleShot(0, this,
                               [this] { std::printf("startup_ms %lld\n", static_cast<long long>(m_since.elapsed())); });
        }
        return QObject::eventFilter(watched, event);
    }

private:
    const QElapsedTimer& m_since;
    bool m_done = false;
};

} // namespace

int main(int argc, char** argv)
{
    QElapsedTimer sinceStart;
    sinceStart.start();
    QApplication::setOrganizationName(QStringLiteral("PayOps"));
    QApplication::setApplicationName(QStringLiteral("payops-console"));
    QApplication::setApplicationVersion(QStringLiteral(PAYOPS_VERSION));
    QApplication app(argc, argv);

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate(
        "main", "PayOps Console: issuer health, anomaly triage and the embedded payments agent."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption db(QStringLiteral("db"), QApplication::translate("main", "Agent database (SQLite)."),
                                QStringLiteral("FILE"));
    const QCommandLineOption settingsFile(QStringLiteral("settings"),
                                          QApplication::translate("main", "Settings file (INI) instead of the user's."),
                                          QStringLiteral("FILE"));
    const QCommandLineOption scenario(QStringLiteral("scenario"),
                                      QApplication::translate("main", "Built-in scenario for a new run."),
                                      QStringLiteral("NAME"));
    const QCommandLineOption speed(QStringLiteral("speed"),
                                   QApplication::translate("main", "Simulated seconds per second (1-1000)."),
                                   QStringLiteral("X"));
    const QCommandLineOption newRun(QStringLiteral("new-run"),
                                    QApplication::translate("main", "Start a new run instead of resuming."));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                        QApplication::translate("main", "Write a PNG of the window and quit."),
                                        QStringLiteral("FILE"));
    const QCommandLineOption quitAfter(QStringLiteral("quit-after-ms"),
                                       QApplication::translate("main", "Quit (taking the screenshot) after N ms."),
                                       QStringLiteral("N"));
    const QCommandLineOption page(QStringLiteral("page"),
                                  QApplication::translate("main", "Page to show: health, anomalies."),
                                  QStringLiteral("NAME"));
    const QCommandLineOption theme(QStringLiteral("theme"), QApplication::translate("main", "light, dark or system."),
                                   QStringLiteral("THEME"));
    const QCommandLineOption lang(QStringLiteral("lang"), QApplication::translate("main", "Language: en, de."),
                                  QStringLiteral("LANG"));
    const QCommandLineOption size(QStringLiteral("size"), QApplication::translate("main", "Window size WIDTHxHEIGHT."),
                                  QStringLiteral("WxH"));
    const QCommandLineOption reportStartup(QStringLiteral("report-startup"),
                                           QApplication::translate("main", "Print the time to the first paint."));
    const QCommandLineOption syncServer(
        QStringLiteral("sync-server"),
        QApplication::translate("main", "Remote sync server(s), ws:// or wss:// (saved like File > Remote sync; "
                                        "an empty value works offline)."),
        QStringLiteral("URL"));
    const QCommandLineOption source(
        QStringLiteral("source"),
        QApplication::translate("main", "Where the pages' data comes from: local, remote (a remote agent through the "
                                        "sync server) or python-feed (saved like Agent > Data source)."),
        QStringLiteral("SOURCE"));
    const QCommandLineOption tenant(QStringLiteral("tenant"),
                                    QApplication::translate("main", "Tenant whose remote agent to follow."),
                                    QStringLiteral("T"));
    const QCommandLineOption pythonFeed(QStringLiteral("python-feed"),
                                        QApplication::translate("main", "URL of the Python agent's telemetry feed."),
                                        QStringLiteral("URL"));
    parser.addOptions({db, settingsFile, scenario, speed, newRun, screenshot, quitAfter, page, theme, lang, size,
                       reportStartup, syncServer, source, tenant, pythonFeed});
    parser.process(app);

    auto fail = [](const QString& message) {
        std::fprintf(stderr, "payops-console: %s\n", qPrintable(message));
        return 2;
    };

    auto settingsStore = parser.isSet(settingsFile) ? std::make_unique<ConsoleSettings>(parser.value(settingsFile))
                                                    : std::make_unique<ConsoleSettings>();
    ConsoleSettings& settings = *settingsStore;
    if (parser.isSet(theme)) {
        const QString t = parser.value(theme);
        if (t != QLatin1String("light") && t != QLatin1String("dark") && t != QLatin1String("system"))
            return fail(QApplication::translate("main", "--theme must be light, dark or system, not \"%1\"").arg(t));
        settings.setTheme(themeFromName(t));
    }
    if (parser.isSet(lang))
        settings.setLanguage(parser.value(lang));
    if (parser.isSet(syncServer)) {
        ConsoleSettings::SyncServer server = settings.syncServer();
        server.urls = parser.value(syncServer);
        settings.setSyncServer(server);
    }
    if (parser.isSet(source) || parser.isSet(tenant) || parser.isSet(pythonFeed)) {
        const auto chosen = parser.isSet(source) ? sourceFromName(parser.value(source)) : settings.source();
        if (!chosen)
            return fail(QApplication::translate("main", "--source must be local, remote or python-feed, not \"%1\"")
                            .arg(parser.value(source)));
        settings.setSource(*chosen, parser.isSet(tenant) ? parser.value(tenant) : settings.remoteTenant(),
                           parser.isSet(pythonFeed) ? parser.value(pythonFeed) : settings.pythonFeedUrl());
    }
    Theme::apply(settings.theme());

    RuntimeOpenOptions open;
    open.dbPath = parser.value(db);
    if (open.dbPath.isEmpty()) {
        const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
        if (!QDir().mkpath(dir))
            return fail(QApplication::translate("main", "cannot create the data directory %1").arg(dir));
        open.dbPath = dir + QStringLiteral("/console.db");
    }
    open.scenario = parser.isSet(scenario) ? parser.value(scenario) : settings.scenario();
    open.speed = settings.speed();
    if (parser.isSet(speed)) {
        bool ok = false;
        open.speed = parser.value(speed).toDouble(&ok);
        if (!ok || !(open.speed >= 1 && open.speed <= 1000)) // NaN too
            return fail(QApplication::translate("main", "--speed must be a number from 1 to 1000"));
    }
    open.resumeIfPossible = !parser.isSet(newRun);

    SystemClock clock;
    ConsoleData data(clock);
    data.setActor(QStringLiteral("operator:") + settings.userName());
    data.setRenotifyAfterMs(TimeMs{settings.renotifyMinutes()} * 60 * 1000);
    RuntimeHost runtime;
    DialogPrompter prompter;
    MainWindow window(data, runtime, settings, prompter);
    sync::SyncHost syncHost;
    SecretStore secrets;
    window.attachSync(&syncHost, &secrets, open.dbPath);
    DataSourceRouter router(data, runtime, open.dbPath);
    router.attachSync(&syncHost);
    window.attachSources(&router);

    window.setLanguage(settings.language());
    if (parser.isSet(page) && !window.showPage(parser.value(page)))
        return fail(QApplication::translate("main", "no page \"%1\" (pages: %2)")
                        .arg(parser.value(page), window.pageIds().join(QStringLiteral(", "))));
    if (parser.isSet(size)) {
        const QStringList wh = parser.value(size).split(QLatin1Char('x'));
        if (wh.size() != 2 || wh[0].toInt() < 320 || wh[1].toInt() < 240)
            return fail(QApplication::translate("main", "--size must look like 1400x900"));
        window.resize(wh[0].toInt(), wh[1].toInt());
    }
    if (parser.isSet(reportStartup))
        window.installEventFilter(new FirstPaintProbe(sinceStart, &window));
    window.show();
    runtime.open(open);
    window.connectSync();

    if (parser.isSet(quitAfter) || parser.isSet(screenshot)) {
        bool ok = false;
        const int ms = parser.isSet(quitAfter) ? parser.value(quitAfter).toInt(&ok) : 3000;
        if (parser.isSet(quitAfter) && (!ok || ms < 0))
            return fail(QApplication::translate("main", "--quit-after-ms must be a number of milliseconds"));
        const QString shot = parser.value(screenshot);
        QTimer::singleShot(ms, &app, [&] {
            int code = 0;
            if (!shot.isEmpty() && !window.grab().save(shot, "PNG")) {
                std::fprintf(stderr, "payops-console: cannot write the screenshot %s\n", qPrintable(shot));
                code = 1;
            }
            window.close();
            QApplication::exit(code);
        });
    }
    return QApplication::exec();
}
