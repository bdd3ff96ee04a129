// payops-agent sync --server URL --db FILE [--streams EVENTS[,...]] [--duration-ms N] [--until-caught-up]
//                   [--token T | --user U --password P | --nkey-seed S] [--ca FILE] [--insecure]
// Runs the console's sync layer headless: follows the streams from the cursor stored in FILE, applies events into
// its `events` table, drains the outbox, and prints a JSON summary.
// payops-agent sync --set-aside [--json] [--limit N] --db FILE lists the deliveries the contract set aside instead.
#include "cli/cli_common.h"
#include "cli/nats_cli_options.h"
#include "core/visible_text.h"
#include "store/agent_store.h"
#include "sync/nats_ws_connection.h"
#include "sync/sync_client.h"
#include "sync/sync_store.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QRegularExpression>
#include <QTimer>
#include <cstdio>

namespace payops::cli {

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("payops-agent", text);
}

// The messages the contract set aside (sync_quarantine), newest first: what the status bar's "N set aside" counts.
// Each field on one line, escaped as core/visible_text.h says: a body's line break would start a forged line of the
// listing, and a bidirectional control would reorder it.
int listSetAside(const QString& dbPath, std::int64_t limit, bool json)
{
    auto store = AgentStore::open(dbPath.toStdString(), AgentStore::Mode::ReadOnly);
    if (!store)
        return fail(store.failure()); // 2 for no database, as the other listings; 1 when it is busy
    sync::SyncStore syncStore(**store);
    auto total = syncStore.quarantineCount();
    if (!total)
        return fail(total.failure(), 1);
    auto messages = syncStore.setAside(limit);
    if (!messages)
        return fail(messages.failure(), 1);
    for (const sync::SetAsideMessage& m : *messages) {
        if (json) {
            const nlohmann::json line{{"id", m.id},           {"stream", m.stream}, {"stream_seq", m.streamSeq},
                                      {"subject", m.subject}, {"reason", m.reason}, {"received_at_ms", m.receivedAtMs},
                                      {"body", m.body}};
            // Bytes that are not UTF-8 (a reason to set a message aside) as U+FFFD: the writer throws on them.
            std::printf("%s\n", line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
            continue;
        }
        std::printf("#%lld  %s  %s seq %lld  %s\n    %s\n    %s\n", static_cast<long long>(m.id),
                    qPrintable(QDateTime::fromMSecsSinceEpoch(m.receivedAtMs, Qt::UTC)
                                   .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"))),
                    visibleText(m.stream, 40).c_str(), static_cast<long long>(m.streamSeq),
                    visibleText(m.subject, 120).c_str(), visibleText(m.reason, 200).c_str(),
                    qPrintable(tr("body: %1").arg(QString::fromStdString(visibleText(m.body, 200)))));
    }
    if (!json) {
        if (*total == 0)
            std::printf("%s\n", qPrintable(tr("No messages are set aside in %1.").arg(dbPath)));
        else if (*total > static_cast<std::int64_t>(messages->size()))
            std::printf("%s\n", qPrintable(tr("%1 of %2 set-aside messages shown, newest first (--limit).")
                                               .arg(messages->size())
                                               .arg(*total)));
    }
    return 0;
}
} // namespace

int syncCommand(const QStringList& arguments)
{
    QCommandLineParser p;
    p.setApplicationDescription(
        tr("Run the console's sync layer without a display: follow the streams on a NATS server (websocket "
           "listener) from the cursor stored in the database, store each event once, send queued commands, then "
           "print a JSON summary. With --set-aside, list the messages the contract set aside instead, without a "
           "server. The contract: docs/sync.md."));
    p.addHelpOption();
    NatsCliOptions nats;
    nats.addTo(p);
    QCommandLineOption db(QStringLiteral("db"), tr("SQLite database (default: the agent's)."), QStringLiteral("FILE"));
    QCommandLineOption streams(QStringLiteral("streams"), tr("Streams to follow, STREAM[:FILTER] comma-separated."),
                               QStringLiteral("LIST"), QStringLiteral("EVENTS"));
    QCommandLineOption duration(QStringLiteral("duration-ms"), tr("Stop after N ms (default: run until Ctrl+C)."),
                                QStringLiteral("N"));
    QCommandLineOption untilCaughtUp(QStringLiteral("until-caught-up"),
                                     tr("Stop as soon as every stream is replayed up to the server's end."));
    QCommandLineOption heartbeat(QStringLiteral("heartbeat-ms"), tr("Consumer idle heartbeat."), QStringLiteral("N"),
                                 QStringLiteral("5000"));
    QCommandLineOption setAside(QStringLiteral("set-aside"),
                                tr("List the messages set aside as not keeping the contract (newest first) and exit; "
                                   "no server is needed."));
    QCommandLineOption json(QStringLiteral("json"), tr("--set-aside: one JSON object per line."));
    QCommandLineOption limit(QStringLiteral("limit"), tr("--set-aside: at most N messages."), QStringLiteral("N"),
                             QStringLiteral("100"));
    p.addOptions({db, streams, duration, untilCaughtUp, heartbeat, setAside, json, limit});
    parseCommandLine(p, arguments, QStringLiteral("sync"));
    bool ok = false;
    if (p.isSet(setAside) && p.isSet(QStringLiteral("server")))
        return fail(tr("--set-aside reads the database only: leave out --server"));
    if (p.isSet(setAside)) {
        const qint64 n = p.value(limit).toLongLong(&ok);
        if (!ok || n < 1)
            return fail(tr("--limit must be a whole number >= 1"));
        return listSetAside(p.isSet(db) ? p.value(db) : defaultDatabasePath(), n, p.isSet(json));
    }
    if (p.isSet(json) || p.isSet(limit))
        return fail(tr("--json and --limit go with --set-aside"));

    auto natsOptions = nats.read(p, QStringLiteral("payops-agent-sync"));
    if (!natsOptions)
        return fail(natsOptions.failure());
    sync::NatsConnectionOptions options = *natsOptions;

    sync::SyncClientOptions syncOptions;
    syncOptions.idleHeartbeatMs = p.value(heartbeat).toInt(&ok);
    if (!ok || syncOptions.idleHeartbeatMs < 100)
        return fail(tr("--heartbeat-ms must be a whole number >= 100"));
    // Checked here, not left to the server: an empty list followed nothing and reported "caught_up": true.
    static const QRegularExpression badName(QStringLiteral("[\\s.*>/\\\\]"));
    for (const QString& s : p.value(streams).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QStringList parts = s.trimmed().split(QLatin1Char(':'));
        const QString name = parts.value(0);
        if (name.isEmpty() || name.contains(badName))
            return fail(tr("--streams: \"%1\" is not a stream name (no spaces, dots, *, >, / or \\)").arg(name));
        syncOptions.streams.push_back({name, parts.value(1)});
    }
    if (syncOptions.streams.empty())
        return fail(tr("--streams names no stream"));
    syncOptions.consoleId = options.name;
    syncOptions.operatorName = defaultActor();
    qint64 durationMs = -1;
    if (p.isSet(duration)) {
        durationMs = p.value(duration).toLongLong(&ok);
        if (!ok || durationMs < 0)
            return fail(tr("--duration-ms must be a whole number >= 0"));
    }

    const QString dbPath = p.isSet(db) ? p.value(db) : defaultDatabasePath();
    auto store = AgentStore::open(dbPath.toStdString());
    if (!store)
        return fail(store.failure(), 1);
    sync::SyncStore syncStore(**store);
    syncStore.useBackgroundCheckpoints();

    sync::NatsWsConnection connection(options);
    sync::SyncClient client(&connection, &syncStore, syncOptions);
    bool everConnected = false;
    QString fatal;
    QObject::connect(&connection, &sync::NatsWsConnection::connected, [&] { everConnected = true; });
    reportRetries(connection, options.describe(), QStringLiteral("nothing is received meanwhile"));
    QObject::connect(&connection, &sync::NatsWsConnection::serverError, [&](const QString& text) {
        std::fprintf(stderr, "payops-agent: server error: %s\n", qPrintable(text));
        if (text.contains(QStringLiteral("Authorization Violation"), Qt::CaseInsensitive) ||
            text.contains(QStringLiteral("Authentication"), Qt::CaseInsensitive)) {
            fatal = tr("the server refused the credentials (%1)").arg(text);
            QCoreApplication::exit(1);
        }
    });
    QObject::connect(&client, &sync::SyncClient::storeError,
                     [&](const QString& message) { std::fprintf(stderr, "payops-agent: %s\n", qPrintable(message)); });
    if (p.isSet(untilCaughtUp))
        QObject::connect(&client, &sync::SyncClient::caughtUpChanged, [&](bool done) {
            if (done)
                QTimer::singleShot(0, [] { QCoreApplication::exit(0); });
        });
    if (durationMs >= 0)
        QTimer::singleShot(durationMs, [] { QCoreApplication::exit(0); });
    client.start();
    QCoreApplication::exec();
    client.stop();
    connection.close();

    nlohmann::json summary = client.summary();
    summary["server"] = connection.currentUrl().toStdString();
    summary["connected"] = everConnected;
    std::printf("%s\n", summary.dump(2).c_str());
    if (!fatal.isEmpty())
        return fail(fatal, 1);
    if (!everConnected)
        return fail(tr("could not connect to %1: %2").arg(options.describe(), connection.lastError()), 1);
    return 0;
}

} // namespace payops::cli
