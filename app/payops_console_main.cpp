// payops-console: the desktop console. Wiring only: settings, theme, the runtime on its worker thread, the
// GUI-side data, the main window, and the --screenshot mode used by tests, docs and support.

#include "cli/cli_common.h"
#include "core/visible_text.h"
#include "models/console_data.h"
#include "models/console_settings.h"
#include "models/data_source_router.h"
#include "models/secret_store.h"
#include "runtime/runtime_host.h"
#include "stream/scenario_loader.h"
#include "sync/event_contract.h"
#include "sync/sync_host.h"
#include "ui/main_window.h"
#include "ui/prompter.h"
#include "ui/sync_settings_dialog.h"
#include "ui/theme.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QSaveFile>
#include <QStandardPaths>
#include <QTimer>
#include <cstdio>
#include <memory>
#include <optional>

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

// The console's options. --help and --version work without a display, so they are made before QApplication.
struct ConsoleOptions {
    const QCommandLineOption db{QStringLiteral("db"), QApplication::translate("main", "Agent database (SQLite)."),
                                QStringLiteral("FILE")};
    const QCommandLineOption settingsFile{QStringLiteral("settings"),
                                          QApplication::translate("main", "Settings file (INI) instead of the user's."),
                                          QStringLiteral("FILE")};
    const QCommandLineOption scenario{QStringLiteral("scenario"),
                                      QApplication::translate("main", "Built-in scenario for a new run."),
                                      QStringLiteral("NAME")};
    const QCommandLineOption speed{QStringLiteral("speed"),
                                   QApplication::translate("main", "Simulated seconds per second (1-1000)."),
                                   QStringLiteral("X")};
    const QCommandLineOption newRun{QStringLiteral("new-run"),
                                    QApplication::translate("main", "Start a new run instead of resuming.")};
    const QCommandLineOption screenshot{QStringLiteral("screenshot"),
                                        QApplication::translate("main", "Write a PNG of the window and quit."),
                                        QStringLiteral("FILE")};
    const QCommandLineOption quitAfter{QStringLiteral("quit-after-ms"),
                                       QApplication::translate("main", "Quit (taking the screenshot) after N ms."),
                                       QStringLiteral("N")};
    const QCommandLineOption page{QStringLiteral("page"),
                                  QApplication::translate("main", "Page to show: health, anomalies."),
                                  QStringLiteral("NAME")};
    const QCommandLineOption theme{QStringLiteral("theme"), QApplication::translate("main", "light, dark or system."),
                                   QStringLiteral("THEME")};
    const QCommandLineOption lang{QStringLiteral("lang"), QApplication::translate("main", "Language: en, de."),
                                  QStringLiteral("LANG")};
    const QCommandLineOption size{QStringLiteral("size"), QApplication::translate("main", "Window size WIDTHxHEIGHT."),
                                  QStringLiteral("WxH")};
    const QCommandLineOption reportStartup{QStringLiteral("report-startup"),
                                           QApplication::translate("main", "Print the time to the first paint.")};
    const QCommandLineOption syncServer{
        QStringLiteral("sync-server"),
        QApplication::translate("main", "Remote sync server(s), ws:// or wss:// (saved like File > Remote sync; "
                                        "an empty value works offline)."),
        QStringLiteral("URL")};
    const QCommandLineOption source{
        QStringLiteral("source"),
        QApplication::translate("main", "Where the pages' data comes from: local, remote (a remote agent through the "
                                        "sync server) or python-feed (saved like Agent > Data source)."),
        QStringLiteral("SOURCE")};
    const QCommandLineOption tenant{QStringLiteral("tenant"),
                                    QApplication::translate("main", "Tenant whose remote agent to follow."),
                                    QStringLiteral("T")};
    const QCommandLineOption pythonFeed{QStringLiteral("python-feed"),
                                        QApplication::translate("main", "URL of the Python agent's telemetry feed."),
                                        QStringLiteral("URL")};
};

ConsoleOptions addConsoleOptions(QCommandLineParser& parser)
{
    parser.setApplicationDescription(QApplication::translate(
        "main", "PayOps Console: issuer health, anomaly triage and the embedded payments agent."));
    parser.addHelpOption();
    parser.addVersionOption();
    ConsoleOptions o;
    parser.addOptions({o.db, o.settingsFile, o.scenario, o.speed, o.newRun, o.screenshot, o.quitAfter, o.page, o.theme,
                       o.lang, o.size, o.reportStartup, o.syncServer, o.source, o.tenant, o.pythonFeed});
    return o;
}

} // namespace

int main(int argc, char** argv)
{
    QElapsedTimer sinceStart;
    sinceStart.start();
    QApplication::setOrganizationName(QStringLiteral("PayOps"));
    QApplication::setApplicationName(QStringLiteral("payops-console"));
    QApplication::setApplicationVersion(QStringLiteral(PAYOPS_VERSION));
    // --help and --version print and exit; they must not need a display (QApplication aborts without one).
    for (int i = 1; i < argc; ++i) {
        const QByteArray a(argv[i]);
        if (a == "-h" || a == "--help" || a == "--help-all" || a == "-?" || a == "-v" || a == "--version") {
            QCoreApplication core(argc, argv);
            QCommandLineParser parser;
            addConsoleOptions(parser);
            parser.process(core);
            return 0;
        }
    }
    QApplication app(argc, argv);
    cli::keepCNumbers();

    QCommandLineParser parser;
    const ConsoleOptions o = addConsoleOptions(parser);
    parser.process(app);

    auto fail = [](const QString& message) {
        std::fprintf(stderr, "payops-console: %s\n", qPrintable(message));
        return 2;
    };

    // Every option is checked before any is saved to the settings: a refused command line changes nothing.
    if (!parser.positionalArguments().isEmpty())
        return fail(QApplication::translate("main", "unexpected argument \"%1\" (options start with --; see --help)")
                        .arg(parser.positionalArguments().constFirst()));
    if (const auto taken = cli::optionTakingAnOption(parser))
        return fail(QApplication::translate("main", "%1 needs a value, not the option %2 (see --help)")
                        .arg(taken->first, taken->second));
    if (parser.isSet(o.theme)) {
        const QString t = parser.value(o.theme);
        if (t != QLatin1String("light") && t != QLatin1String("dark") && t != QLatin1String("system"))
            return fail(QApplication::translate("main", "--theme must be light, dark or system, not \"%1\"").arg(t));
    }
    if (parser.isSet(o.lang) && parser.value(o.lang) != QLatin1String("en") &&
        parser.value(o.lang) != QLatin1String("de"))
        return fail(QApplication::translate("main", "--lang must be en or de, not \"%1\"").arg(parser.value(o.lang)));
    if (parser.isSet(o.scenario)) {
        // The loader's own message names the scenarios there are, or the directory it could not find.
        if (auto loaded = loadBuiltinScenario(parser.value(o.scenario).toStdString()); !loaded.ok())
            return fail(QString::fromStdString(loaded.error()));
    }
    std::optional<ConsoleSettings::Source> chosenSource;
    if (parser.isSet(o.source)) {
        chosenSource = sourceFromName(parser.value(o.source));
        if (!chosenSource)
            return fail(QApplication::translate("main", "--source must be local, remote or python-feed, not \"%1\"")
                            .arg(parser.value(o.source)));
    }
    if (parser.isSet(o.tenant) && !sync::contract::isSubjectToken(parser.value(o.tenant)))
        return fail(QApplication::translate("main",
                                            "--tenant \"%1\" is not one subject token: give a name without dots, "
                                            "spaces, * or >")
                        .arg(QString::fromStdString(visibleText(parser.value(o.tenant).toStdString(), 100))));
    if (parser.isSet(o.pythonFeed)) {
        // The check Agent > Data source makes: "connecting…" for ever to a feed that is not a URL, and saved so.
        if (const QString feed = parser.value(o.pythonFeed).trimmed(); !isWebSocketUrl(feed))
            return fail(QApplication::translate("main", "--python-feed: \"%1\" is not a ws:// or wss:// URL%2")
                            .arg(parser.value(o.pythonFeed), webSocketUrlNote(feed)));
    }
    if (parser.isSet(o.page) && !MainWindow::knownPageIds().contains(parser.value(o.page)))
        return fail(QApplication::translate("main", "no page \"%1\" (pages: %2)")
                        .arg(parser.value(o.page), MainWindow::knownPageIds().join(QStringLiteral(", "))));
    if (parser.isSet(o.syncServer)) {
        for (const QString& url : syncServerUrls(parser.value(o.syncServer)))
            if (!isWebSocketUrl(url))
                return fail(QApplication::translate("main", "--sync-server: \"%1\" is not a ws:// or wss:// URL%2")
                                .arg(url, webSocketUrlNote(url)));
    }
    int width = 0, height = 0;
    if (parser.isSet(o.size)) {
        // Up to 8K: a screenshot of a larger window is gigabytes of pixels.
        const QStringList wh = parser.value(o.size).split(QLatin1Char('x'));
        bool okW = false, okH = false;
        if (wh.size() == 2) {
            width = wh[0].toInt(&okW);
            height = wh[1].toInt(&okH);
        }
        if (!okW || !okH || width < 320 || height < 240 || width > 7680 || height > 4320)
            return fail(
                QApplication::translate("main", "--size must look like 1400x900, from 320x240 up to 7680x4320"));
    }
    double speedGiven = 0;
    if (parser.isSet(o.speed)) {
        bool ok = false;
        speedGiven = parser.value(o.speed).toDouble(&ok);
        if (!ok || !(speedGiven >= 1 && speedGiven <= 1000)) // NaN too
            return fail(QApplication::translate("main", "--speed must be a number from 1 to 1000"));
    }
    int quitAfterMs = 3000;
    if (parser.isSet(o.quitAfter)) {
        bool ok = false;
        quitAfterMs = parser.value(o.quitAfter).toInt(&ok);
        if (!ok || quitAfterMs < 0)
            return fail(QApplication::translate("main", "--quit-after-ms must be a number of milliseconds"));
    }

    auto settingsStore = parser.isSet(o.settingsFile) ? std::make_unique<ConsoleSettings>(parser.value(o.settingsFile))
                                                      : std::make_unique<ConsoleSettings>();
    ConsoleSettings& settings = *settingsStore;
    // Where an unreadable settings file went wrong, for the messages below: " (line 3: ...)", or nothing.
    const QString unreadableWhere =
        settings.unreadable().isEmpty() ? QString() : QStringLiteral(" (%1)").arg(settings.unreadable());
    // Refused rather than started with defaults: the file named is most likely another one than meant (agent.yaml).
    if (parser.isSet(o.settingsFile) && settings.wasUnreadable())
        return fail(QApplication::translate("main",
                                            "--settings %1 is not a settings file the console can read%2; it is "
                                            "left as it is. Give another file, or a new name to start afresh.")
                        .arg(parser.value(o.settingsFile), unreadableWhere));
    // What Agent > Data source asks first: saved without it, the console waited for ever on a remote agent with no
    // server to reach it through. Checked before anything is saved, as every refusal above.
    if ((parser.isSet(o.source) || parser.isSet(o.syncServer)) &&
        chosenSource.value_or(settings.source()) == ConsoleSettings::Source::RemoteAgent &&
        (parser.isSet(o.syncServer) ? parser.value(o.syncServer) : settings.syncServer().urls).trimmed().isEmpty())
        return fail(QApplication::translate("main",
                                            "--source remote follows an agent through the sync server, and none "
                                            "is set: add --sync-server URL (or set one in File > Remote sync)."));
    if (parser.isSet(o.theme))
        settings.setTheme(themeFromName(parser.value(o.theme)));
    if (parser.isSet(o.lang))
        settings.setLanguage(parser.value(o.lang));
    if (parser.isSet(o.syncServer)) {
        ConsoleSettings::SyncServer server = settings.syncServer();
        server.urls = parser.value(o.syncServer);
        settings.setSyncServer(server);
    }
    if (parser.isSet(o.source) || parser.isSet(o.tenant) || parser.isSet(o.pythonFeed)) {
        const ConsoleSettings::Source chosen = chosenSource ? *chosenSource : settings.source();
        settings.setSource(chosen, parser.isSet(o.tenant) ? parser.value(o.tenant) : settings.remoteTenant(),
                           parser.isSet(o.pythonFeed) ? parser.value(o.pythonFeed) : settings.pythonFeedUrl());
    }
    Theme::apply(settings.theme());

    RuntimeOpenOptions open;
    open.dbPath = parser.value(o.db);
    if (open.dbPath.isEmpty()) {
        const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
        if (!QDir().mkpath(dir))
            return fail(QApplication::translate("main", "cannot create the data directory %1").arg(dir));
        open.dbPath = dir + QStringLiteral("/console.db");
    }
    open.scenario = parser.isSet(o.scenario) ? parser.value(o.scenario) : settings.scenario();
    open.speed = parser.isSet(o.speed) ? speedGiven : settings.speed();
    open.resumeIfPossible = !parser.isSet(o.newRun);

    SystemClock clock;
    ConsoleData data(clock);
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
    if (settings.wasUnreadable()) {
        window.showMessage(
            settings.setAsideAs().isEmpty()
                ? QApplication::translate("main", "Your settings file %1 cannot be read%2. The console "
                                                  "starts with default settings and saves none this time; "
                                                  "the file is left as it is.")
                      .arg(settings.unreadableFile(), unreadableWhere)
                : QApplication::translate("main", "Your settings file %1 could not be read%2. It is kept "
                                                  "as %3, and the console starts with default settings.")
                      .arg(settings.unreadableFile(), unreadableWhere, settings.setAsideAs()),
            true);
    }
    if (const QString why = settings.cannotSave(); !why.isEmpty())
        window.showMessage(QApplication::translate("main", "Settings cannot be saved to %1 (%2): what you change now "
                                                           "lasts for this session only.")
                               .arg(settings.fileName(), why),
                           true);
    if (parser.isSet(o.page))
        window.showPage(parser.value(o.page)); // a known page: checked above
    if (parser.isSet(o.size))
        window.resize(width, height);
    if (parser.isSet(o.reportStartup))
        window.installEventFilter(new FirstPaintProbe(sinceStart, &window));
    window.show();
    // The window cannot be narrower than its pages' controls and its status bar: say so rather than quietly open at
    // another size. Measured once the first status is shown (its words, longer in German, widened the window after a
    // check made at show()), after the layout that follows it; the window may still grow with a message bar.
    if (parser.isSet(o.size)) {
        QObject::connect(
            &runtime, &RuntimeHost::statusChanged, &window,
            [&window, width, height] {
                QTimer::singleShot(100, &window, [&window, width, height] {
                    if (window.width() <= width && window.height() <= height)
                        return; // as asked, or held smaller by the screen, which is not this note's to say
                    std::fprintf(stderr, "%s\n",
                                 qPrintable(QApplication::translate("main", "payops-console: --size %1x%2 is smaller "
                                                                            "than the window can be; it opens at "
                                                                            "%3x%4 or larger.")
                                                .arg(width)
                                                .arg(height)
                                                .arg(window.width())
                                                .arg(window.height())));
                });
            },
            Qt::SingleShotConnection);
    }
    // --scenario is for a new run: a database with a run to continue continues it, which the user who asked for
    // another scenario must hear (the run on screen was silently not the one asked for).
    if (parser.isSet(o.scenario) && open.resumeIfPossible)
        QObject::connect(
            &runtime, &RuntimeHost::opened, &window,
            [&window, &runtime, asked = open.scenario](bool resumed) {
                if (!resumed || runtime.status().scenario == asked)
                    return;
                const QString text = QApplication::translate("main", "--scenario %1 is for a new run: the saved run of "
                                                                     "%2 continues. Add --new-run to start %1.")
                                         .arg(asked, runtime.status().scenario);
                window.showMessage(text, true);
                std::fprintf(stderr, "payops-console: %s\n", qPrintable(text)); // where the option was typed
            },
            Qt::SingleShotConnection);
    runtime.open(open);
    window.connectSync();

    if (parser.isSet(o.quitAfter) || parser.isSet(o.screenshot)) {
        const int ms = quitAfterMs;
        const QString shot = parser.value(o.screenshot);
        QTimer::singleShot(ms, &app, [&] {
            int code = 0;
            // Layouts posted by the last cycle's updates (a chart's new axis range) first: grabbed before them, a
            // chart showed its new line against its old axis.
            QCoreApplication::sendPostedEvents();
            QCoreApplication::processEvents();
            if (!shot.isEmpty()) {
                // Written beside and renamed into place: saved in place, a full disk left a truncated PNG behind.
                QSaveFile file(shot);
                const QPixmap image = window.grab();
                if (!file.open(QIODevice::WriteOnly) || !image.save(&file, "PNG") || !file.commit()) {
                    std::fprintf(stderr, "payops-console: cannot write the screenshot %s: %s\n", qPrintable(shot),
                                 qPrintable(file.errorString()));
                    code = 1;
                }
            }
            window.close();
            QApplication::exit(code);
        });
    }
    return QApplication::exec();
}
