// payops-agent publish --server URL [--db FILE] [--scenario NAME] [--new-run] [--cycle-ms N] [--cycles N]
//                      [--tenant T] [auth options]
// Runs the agent headless as a remote service: telemetry, anomalies, approval requests and interventions go to
// the NATS contract (docs/sync.md); approval decisions from consoles come back on cmd.approval.decide and are
// executed. Prints a JSON summary when it stops.
#include "cli/cli_common.h"
#include "cli/nats_cli_options.h"
#include "core/visible_text.h"
#include "runtime/agent_session.h"
#include "sync/agent_publisher.h"
#include "sync/event_contract.h"
#include "sync/nats_ws_connection.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QSocketNotifier>
#include <QTimer>
#include <csignal>
#include <cstdio>
#include <sys/socket.h>
#include <unistd.h>

namespace payops::cli {

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("payops-agent", text);
}

// SIGINT/SIGTERM end the event loop cleanly (summary printed, outbox state committed) instead of killing mid-way.
int g_signalPipe[2] = {-1, -1};
void onSignal(int)
{
    const char c = 1;
    (void)!::write(g_signalPipe[1], &c, 1);
}
} // namespace

int publishCommand(const QStringList& arguments)
{
    QCommandLineParser p;
    p.setApplicationDescription(
        tr("Run the agent as a remote service: publish its telemetry, anomalies, approval requests and "
           "interventions to a NATS server, and execute the approval decisions consoles send back. The contract: "
           "docs/sync.md."));
    p.addHelpOption();
    NatsCliOptions nats;
    nats.addTo(p);
    QCommandLineOption db(QStringLiteral("db"), tr("Agent database (default: the agent's)."), QStringLiteral("FILE"));
    QCommandLineOption scenario(QStringLiteral("scenario"), tr("Built-in scenario for a new run."),
                                QStringLiteral("NAME"), QStringLiteral("issuer_outage"));
    QCommandLineOption newRun(QStringLiteral("new-run"), tr("Start a new run even if the database holds one."));
    QCommandLineOption cycleMs(QStringLiteral("cycle-ms"), tr("Wall time between cycles."), QStringLiteral("N"),
                               QStringLiteral("1000"));
    QCommandLineOption cycles(QStringLiteral("cycles"), tr("Stop after N cycles (default: run until stopped)."),
                              QStringLiteral("N"));
    QCommandLineOption linger(QStringLiteral("linger-ms"),
                              tr("After the last cycle, keep serving commands and sending for N ms."),
                              QStringLiteral("N"), QStringLiteral("0"));
    QCommandLineOption tenant(QStringLiteral("tenant"), tr("Tenant token in the subjects."), QStringLiteral("T"),
                              QStringLiteral("acme"));
    QCommandLineOption heartbeat(QStringLiteral("heartbeat-ms"), tr("Command consumer idle heartbeat."),
                                 QStringLiteral("N"), QStringLiteral("5000"));
    p.addOptions({db, scenario, newRun, cycleMs, cycles, linger, tenant, heartbeat});
    parseCommandLine(p, arguments, QStringLiteral("publish"));

    auto natsOptions = nats.read(p, QStringLiteral("payops-agent-publish"));
    if (!natsOptions)
        return fail(natsOptions.failure());
    sync::PublisherOptions po;
    bool ok = false;
    po.cycleIntervalMs = p.value(cycleMs).toInt(&ok);
    if (!ok || po.cycleIntervalMs < 1)
        return fail(tr("--cycle-ms must be a whole number >= 1"));
    if (p.isSet(cycles)) {
        po.maxCycles = p.value(cycles).toLongLong(&ok);
        if (!ok || po.maxCycles < 1)
            return fail(tr("--cycles must be a whole number >= 1"));
    }
    const int lingerMs = p.value(linger).toInt(&ok);
    if (!ok || lingerMs < 0)
        return fail(tr("--linger-ms must be a whole number >= 0"));
    po.idleHeartbeatMs = p.value(heartbeat).toInt(&ok);
    if (!ok || po.idleHeartbeatMs < 100)
        return fail(tr("--heartbeat-ms must be a whole number >= 100"));
    po.tenant = p.value(tenant);
    if (!sync::contract::isSubjectToken(po.tenant))
        return fail(tr("--tenant '%1' is not one subject token: give a name without dots, spaces, * or >")
                        .arg(QString::fromStdString(visibleText(po.tenant.toStdString(), 100))));

    SessionOptions so;
    so.dbPath = (p.isSet(db) ? p.value(db) : defaultDatabasePath()).toStdString();
    so.configAuthor = defaultActor().toStdString();
    so.resumeIfPresent = !p.isSet(newRun);
    so.newRun = p.isSet(newRun);
    auto source = builtinScenarioSource(p.value(scenario).toStdString());
    if (!source)
        return fail(source.failure());
    so.scenario = *source;
    auto session = AgentSession::open(so);
    if (!session)
        return fail(session.failure(), 1);

    sync::NatsWsConnection connection(*natsOptions);
    sync::AgentPublisher publisher(**session, &connection, po);
    QString fatal;
    QObject::connect(&publisher, &sync::AgentPublisher::failed, [&](const QString& message) {
        fatal = message;
        QCoreApplication::exit(1);
    });
    QObject::connect(&publisher, &sync::AgentPublisher::finished,
                     [&] { QTimer::singleShot(lingerMs, [] { QCoreApplication::exit(0); }); });
    QObject::connect(&connection, &sync::NatsWsConnection::serverError, [&](const QString& text) {
        std::fprintf(stderr, "payops-agent: server error: %s\n", qPrintable(text));
    });
    reportRetries(connection, natsOptions->describe(),
                  QStringLiteral("the agent runs on and keeps its events to send when it can"));
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalPipe) == 0) {
        auto* notifier = new QSocketNotifier(g_signalPipe[0], QSocketNotifier::Read, &publisher);
        QObject::connect(notifier, &QSocketNotifier::activated, [] { QCoreApplication::exit(0); });
        std::signal(SIGINT, onSignal);
        std::signal(SIGTERM, onSignal);
    }
    if (Status s = publisher.start(); !s)
        return fail(s.failure(), 1);
    QCoreApplication::exec();
    publisher.stop();
    connection.close();
    std::printf("%s\n", publisher.summary().dump(2).c_str());
    if (!fatal.isEmpty())
        return fail(fatal, 1);
    return 0;
}

} // namespace payops::cli
