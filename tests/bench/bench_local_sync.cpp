// The serverless backend's hot paths (no server): how fast the console's sync applies a backlog kept in its own
// database (local_stream -> events, the same SyncClient and SyncStore as against a server), and how fast commands
// and events can be appended one at a time (one transaction each, as the outbox and the local services do).
//
//   build/dev/tests/bench/bench_local_sync [--events N] [--appends A]

#include "store/agent_store.h"
#include "store/sqlite_statement.h"
#include "store/sqlite_transaction.h"
#include "sync/local_backend.h"
#include "sync/sync_client.h"
#include "sync/sync_store.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <cstdio>
#include <string>

using namespace payops;
using namespace payops::sync;

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    int events = 200000, appends = 2000;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i];
        if (a == "--events")
            events = std::stoi(argv[i + 1]);
        else if (a == "--appends")
            appends = std::stoi(argv[i + 1]);
    }
    QTemporaryDir dir;
    auto opened = AgentStore::open(dir.filePath(QStringLiteral("bench.db")).toStdString());
    if (!opened) {
        std::fprintf(stderr, "%s\n", opened.error().c_str());
        return 1;
    }
    AgentStore& store = **opened;

    // The backlog, ~300-byte events, written in one transaction (how they got there is not what is measured).
    const std::string padding(220, 'x');
    {
        sqlite::Transaction tx(store.connection());
        (void)tx.begin(sqlite::Transaction::Kind::Immediate, "fill");
        sqlite::Statement ins(store.connection(), "INSERT INTO local_stream (stream, seq, subject, msg_id, headers, "
                                                  "body, stored_at) VALUES ('EVENTS', ?, ?, ?, NULL, ?, 0)");
        for (int i = 1; i <= events; ++i) {
            ins.reset();
            ins.bind(1, std::int64_t{i})
                .bind(2, "evt.support.acme.ticket.T" + std::to_string(i % 97))
                .bind(3, "e" + std::to_string(i))
                .bindBlob(4, R"({"schema":1,"n":)" + std::to_string(i) + R"(,"pad":")" + padding + "\"}");
            if (!ins.run("fill")) {
                std::fprintf(stderr, "fill failed\n");
                return 1;
            }
        }
        (void)tx.commit("fill");
    }

    SyncStore syncStore(store);
    LocalBackend backend(store);
    SyncClientOptions so;
    so.streams = {{QStringLiteral("EVENTS"), {}}};
    SyncClient client(&backend, &syncStore, so);
    QElapsedTimer t;
    t.start();
    QObject::connect(&client, &SyncClient::caughtUpChanged, &app, [&](bool up) {
        if (up)
            QCoreApplication::quit();
    });
    client.start();
    QCoreApplication::exec();
    const double replayS = static_cast<double>(t.nsecsElapsed()) / 1e9;
    const auto stored = syncStore.eventCount("EVENTS");
    std::printf("local_replay_events %d\nlocal_replay_s %.3f\nlocal_replay_events_per_s %.0f\nstored %lld\n", events,
                replayS, events / replayS, static_cast<long long>(stored ? *stored : -1));

    NatsHeaders h;
    t.restart();
    for (int i = 0; i < appends; ++i) {
        h = {};
        h.set("Nats-Msg-Id", "c" + std::to_string(i));
        if (!backend.publishNow("cmd.approval.decide", R"({"schema":1,"approval_id":1})", h).ok) {
            std::fprintf(stderr, "append failed\n");
            return 1;
        }
    }
    const double appendS = static_cast<double>(t.nsecsElapsed()) / 1e9;
    std::printf("local_appends %d\nlocal_append_per_s %.0f\n", appends, appends / appendS);
    client.stop();
    return 0;
}
