// The sync layer against a real nats-server on 127.0.0.1 (SYNC.md 5.6): replay from a cursor, a socket abort and
// a server SIGKILL mid-replay, stream recreation and truncation, quarantine, the outbox across a server kill,
// authentication, -ERR, stale links, and the headless `payops-agent sync`.
#include "kv_store_checks.h"
#include "nats_jwt.h"
#include "nats_server_fixture.h"
#include "nats_test_client.h"
#include "store/agent_store.h"
#include "store/sqlite_statement.h"
#include "sync/js_api.h"
#include "sync/kv_bucket.h"
#include "sync/local_backend.h"
#include "sync/local_services.h"
#include "sync/nats_backend.h"
#include "sync/nkey.h"
#include "sync/ordered_consumer.h"
#include "sync/remote_agent_feed.h"
#include "sync/sync_client.h"
#include "sync/sync_store.h"

#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <numeric>

using namespace payops;
using namespace payops::sync;

namespace {

NatsConnectionOptions fastOptions(const QString& url)
{
    NatsConnectionOptions o;
    o.urls = {url};
    o.name = QStringLiteral("test-console");
    o.reconnectBaseDelayMs = 50;
    o.reconnectMaxDelayMs = 400;
    o.pingIntervalMs = 500;
    o.connectTimeoutMs = 3000;
    return o;
}

// A TCP port nothing listens on right now (for cluster routes, which need to be known before start).
quint16 freeLocalPort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

// Server `self` of a loopback cluster whose route ports are `routes`: it listens on its own and routes to the rest.
QString clusterConfig(const std::vector<quint16>& routes, std::size_t self)
{
    QStringList peers;
    for (std::size_t i = 0; i < routes.size(); ++i)
        if (i != self)
            peers << QStringLiteral("nats-route://127.0.0.1:%1").arg(routes[i]);
    return QStringLiteral("server_name: N%1\ncluster {\n  name: payops\n  listen: 127.0.0.1:%2\n  routes: [%3]\n}\n")
        .arg(self)
        .arg(routes[self])
        .arg(peers.join(QStringLiteral(", ")));
}

// "ok" once connected, else the server's -ERR texts (waits at most 5 s).
QString tryConnect(const NatsConnectionOptions& options)
{
    NatsWsConnection conn(options);
    QStringList errors;
    QObject::connect(&conn, &NatsWsConnection::serverError, [&](const QString& e) { errors << e; });
    conn.open();
    (void)QTest::qWaitFor([&] { return conn.isConnected() || !errors.isEmpty(); }, 5000);
    return conn.isConnected() ? QStringLiteral("ok") : errors.join(QLatin1Char(';'));
}

NatsAuth userAuth(const QString& user, const QString& password)
{
    NatsAuth a;
    a.kind = NatsAuthKind::UserPassword;
    a.user = user;
    a.password = password;
    return a;
}

// A server whose EVENTS stream holds events 1..n, and the service that published them (null on any failure).
std::unique_ptr<NatsTestClient> eventsServer(NatsServerFixture& server, int n, std::int64_t maxMsgs = -1)
{
    if (!server.start())
        return nullptr;
    auto service = std::make_unique<NatsTestClient>(server.wsUrl());
    if (!service->waitConnected() || !service->createStream(eventsStreamConfig(maxMsgs)) ||
        service->publishEvents(1, n) != n)
        return nullptr;
    return service;
}

// Cycles from..to of run "run-1" on tel.acme.cycle, as a remote agent publishes them (false if one is not stored).
bool publishCycles(NatsTestClient& service, int from, int to)
{
    for (int n = from; n <= to; ++n) {
        CycleSnapshot s;
        s.cycle = n;
        const nlohmann::json body = {{"schema", 1}, {"run", "run-1"}, {"snapshot", snapshotToJson(s)}};
        if (service.publish(QStringLiteral("tel.acme.cycle"), QByteArray::fromStdString(body.dump())) == 0)
            return false;
    }
    return true;
}

// One console: its database, connection and sync client.
struct Console {
    Console(const QString& dbPath, NatsConnectionOptions options,
            std::vector<SyncStreamSpec> streams = {{QStringLiteral("EVENTS"), {}}}, int idleHeartbeatMs = 500)
    {
        auto opened = AgentStore::open(dbPath.toStdString());
        if (!opened)
            qFatal("cannot open %s", opened.error().c_str());
        store = std::move(*opened);
        syncStore = std::make_unique<SyncStore>(*store);
        conn = std::make_unique<NatsWsConnection>(std::move(options));
        SyncClientOptions so;
        so.streams = std::move(streams);
        so.idleHeartbeatMs = idleHeartbeatMs;
        so.apiTimeoutMs = 2000;
        so.consoleId = QStringLiteral("console-test");
        so.operatorName = QStringLiteral("alice");
        client = std::make_unique<SyncClient>(conn.get(), syncStore.get(), so);
    }
    ~Console()
    {
        client->stop();
        conn->close();
    }

    struct Stats {
        std::int64_t count = 0, minSeq = 0, maxSeq = 0, distinctSeq = 0, distinctIds = 0;
    };
    Stats stats(const std::string& stream = "EVENTS")
    {
        sqlite::Statement q(store->connection(),
                            "SELECT count(*), coalesce(min(stream_seq),0), coalesce(max(stream_seq),0), "
                            "count(DISTINCT stream_seq), count(DISTINCT event_id) FROM events WHERE stream = ?");
        q.bind(1, stream);
        Stats s;
        if (q.next("stats").ok()) {
            s.count = q.int64(0);
            s.minSeq = q.int64(1);
            s.maxSeq = q.int64(2);
            s.distinctSeq = q.int64(3);
            s.distinctIds = q.int64(4);
        }
        return s;
    }
    // Every sequence from `from` to `to` exactly once, nothing else.
    bool contiguous(std::int64_t from, std::int64_t to)
    {
        const Stats s = stats();
        const bool ok = s.count == to - from + 1 && s.minSeq == from && s.maxSeq == to && s.distinctSeq == s.count &&
                        s.distinctIds == s.count;
        if (!ok)
            qWarning() << "events: count" << s.count << "seq" << s.minSeq << ".." << s.maxSeq << "distinct seq"
                       << s.distinctSeq << "distinct ids" << s.distinctIds << "expected" << from << ".." << to;
        return ok;
    }

    // Whether the events published as n = first .. first + count - 1 (ids evt-<n>) are all stored.
    bool holds(int first, int count)
    {
        sqlite::Statement q(store->connection(),
                            "SELECT count(*) FROM events WHERE stream = 'EVENTS' AND event_id = ?");
        for (int n = first; n < first + count; ++n) {
            q.reset();
            q.bind(1, "evt-" + std::to_string(n));
            const auto row = q.next("holds");
            if (!row || !*row || q.int64(0) != 1) {
                qWarning() << "event evt-" << n << "is not stored";
                return false;
            }
        }
        return true;
    }

    std::unique_ptr<AgentStore> store;
    std::unique_ptr<SyncStore> syncStore;
    std::unique_ptr<NatsWsConnection> conn;
    std::unique_ptr<SyncClient> client;
};

// A TCP relay between client and server. It can go silent without closing anything, as a dead NAT or a pulled
// cable does (only the client's own PINGs can notice), and it can hold back server->client bytes beyond a cap, so
// a replay is known to be still on the wire when the test kills the server (held bytes are lost with the link, as
// in-flight data is). It keeps listening across server restarts.
class TestProxy : public QObject {
public:
    explicit TestProxy(quint16 target) : m_target(target)
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* in = m_server.nextPendingConnection()) {
                auto* out = new QTcpSocket(in);
                out->connectToHost(QHostAddress::LocalHost, m_target);
                m_links.push_back({in, out, {}});
                connect(in, &QTcpSocket::readyRead, out, [this, in, out] {
                    const QByteArray d = in->readAll();
                    if (!m_blackhole)
                        out->write(d);
                });
                connect(out, &QTcpSocket::readyRead, in, [this, in, out] {
                    const QByteArray d = out->readAll();
                    if (m_blackhole)
                        return;
                    for (auto& link : m_links)
                        if (link.in == in)
                            link.pending += d;
                    for (auto& link : m_links)
                        if (link.in == in)
                            pump(link);
                });
                connect(in, &QTcpSocket::disconnected, this, [this, in] {
                    std::erase_if(m_links, [in](const Link& l) { return l.in == in; });
                    in->deleteLater();
                });
                connect(out, &QTcpSocket::disconnected, in, [in] { in->abort(); });
                ++connections;
            }
        });
    }
    ~TestProxy() override
    {
        // The sockets would otherwise report their disconnection into a half-destroyed proxy.
        for (Link& l : m_links) {
            l.out->disconnect();
            l.in->disconnect();
            delete l.in; // and its child, out
        }
        m_links.clear();
    }
    TestProxy(const TestProxy&) = delete;
    TestProxy& operator=(const TestProxy&) = delete;

    QString url() const { return QStringLiteral("ws://127.0.0.1:%1").arg(m_server.serverPort()); }
    void setBlackhole(bool on) { m_blackhole = on; }
    // At most `bytes` server->client bytes in total (over all links) reach clients; -1 lifts the cap and sends
    // what was held.
    void setDeliveryCap(qint64 bytes)
    {
        m_cap = bytes;
        for (auto& link : m_links)
            pump(link);
    }
    qint64 delivered() const { return m_delivered; }
    int connections = 0;

private:
    struct Link {
        QTcpSocket* in;
        QTcpSocket* out;
        QByteArray pending;
    };
    void pump(Link& link)
    {
        if (link.pending.isEmpty())
            return;
        const qsizetype n = m_cap < 0
                                ? link.pending.size()
                                : std::min<qsizetype>(std::max<qint64>(m_cap - m_delivered, 0), link.pending.size());
        if (n == 0)
            return;
        link.in->write(link.pending.left(n));
        link.pending.remove(0, n);
        m_delivered += n;
    }
    QTcpServer m_server;
    quint16 m_target;
    bool m_blackhole = false;
    qint64 m_cap = -1;
    qint64 m_delivered = 0;
    std::vector<Link> m_links;
};

// A console session on `db` that catches up with the stream and ends, leaving events 1..n and their cursor.
bool catchUpOnce(const QString& db, const QString& url, std::int64_t n)
{
    Console c(db, fastOptions(url));
    c.client->start();
    return QTest::qWaitFor([&] { return c.client->caughtUp(); }, 15000) && c.contiguous(1, n);
}

// A console that reaches the server through `proxy`, which lets only the first kHeldBackBytes of the server's
// bytes through, so that most of a replay is still on the wire when a test breaks the link, however fast or slow
// this machine is. (Breaking it after an applied-event count raced: a loaded machine had the whole replay in one
// WebSocket frame before it applied anything.) Its pings and the consumer's heartbeats are slowed, so the held-back
// link is not dropped as stale meanwhile. Returns once the bytes are through and whatever whole frames they held
// are applied (false if they never came).
constexpr qint64 kHeldBackBytes = 256 * 1024;
bool startBehindACap(TestProxy& proxy, const QString& db, std::unique_ptr<Console>& console)
{
    proxy.setDeliveryCap(kHeldBackBytes);
    NatsConnectionOptions options = fastOptions(proxy.url());
    options.pingIntervalMs = 10000;
    console =
        std::make_unique<Console>(db, options, std::vector<SyncStreamSpec>{{QStringLiteral("EVENTS"), {}}}, 10000);
    console->client->start();
    if (!QTest::qWaitFor([&] { return proxy.delivered() >= kHeldBackBytes; }, 15000))
        return false;
    QTest::qWait(200);
    return true;
}

} // namespace

class TestSyncNats : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_tmp;
    int m_dbCounter = 0;
    QString newDb() { return m_tmp.filePath(QStringLiteral("console-%1.db").arg(++m_dbCounter)); }
    // `payops-agent publish` on the outage scenario into a fresh database, a cycle every cycleMs.
    bool startPublisher(QProcess& agent, const QString& url, int cycleMs, const QStringList& extra = {},
                        const QString& scenario = QStringLiteral("issuer_outage"))
    {
        const QString bin = qEnvironmentVariable("PAYOPS_AGENT_BIN");
        if (bin.isEmpty())
            return false;
        agent.setProcessChannelMode(QProcess::SeparateChannels);
        agent.start(bin, QStringList{QStringLiteral("publish"), QStringLiteral("--server"), url, QStringLiteral("--db"),
                                     newDb(), QStringLiteral("--new-run"), QStringLiteral("--scenario"), scenario,
                                     QStringLiteral("--cycle-ms"), QString::number(cycleMs)} +
                             extra);
        return agent.waitForStarted(5000);
    }

    // A server whose EVENTS stream holds events 1..n, the service that published them, and a console database that
    // has caught up with them (empty on any failure).
    QString caughtUpWith(NatsServerFixture& server, int n, std::unique_ptr<NatsTestClient>& service)
    {
        service = eventsServer(server, n);
        if (!service)
            return {};
        const QString db = newDb();
        return catchUpOnce(db, server.wsUrl(), n) ? db : QString();
    }

private Q_SLOTS:
    void connectsAndAnswersPings()
    {
        REQUIRE_NATS_SERVER();
        NatsServerFixture server;
        QVERIFY(server.start(QStringLiteral("ping_interval: \"300ms\"\nping_max: 2")));
        NatsWsConnection conn(fastOptions(server.wsUrl()));
        QSignalSpy connected(&conn, &NatsWsConnection::connected);
        conn.open();
        QVERIFY(connected.wait(5000));
        QCOMPARE(QString::fromStdString(conn.serverInfo().value("version", std::string())).left(2),
                 QStringLiteral("2."));
        QVERIFY(conn.serverInfo().value("jetstream", false));
        // The server PINGs every 300 ms and drops a client after 2 unanswered: still here after 2 s means the
        // client answers; our own PINGs (every 500 ms) are answered too.
        QSignalSpy dropped(&conn, &NatsWsConnection::disconnected);
        QTest::qWait(2000);
        QCOMPARE(dropped.count(), 0);
        QVERIFY(conn.isConnected());
    }

    void replaysFromTheStoredCursor()
    {
        REQUIRE_NATS_SERVER();
        NatsServerFixture server;
        auto servicePtr = eventsServer(server, 300);
        QVERIFY(servicePtr);
        NatsTestClient& service = *servicePtr;

        const QString db = newDb();
        {
            Console c(db, fastOptions(server.wsUrl()));
            c.client->start();
            QVERIFY(QTest::qWaitFor([&] { return c.client->caughtUp(); }, 15000));
            QVERIFY(c.contiguous(1, 300));
            QCOMPARE(c.client->counters().received, 300);
            QCOMPARE(c.client->counters().duplicates, 0);
        }
        QCOMPARE(service.publishEvents(301, 200), 200);
        {
            // A later session resumes from seq 301: only the new events arrive.
            Console c(db, fastOptions(server.wsUrl()));
            c.client->start();
            QVERIFY(QTest::qWaitFor([&] { return c.client->caughtUp(); }, 15000));
            QCOMPARE(c.client->counters().received, 200);
            QCOMPARE(c.client->counters().duplicates, 0);
            QVERIFY(c.contiguous(1, 500));
            QCOMPARE(c.client->summary()["last_seq"]["EVENTS"].get<int>(), 500);
            // Live: one more event arrives through the same path.
            QCOMPARE(service.publishEvents(501, 1), 1);
            QVERIFY(QTest::qWaitFor([&] { return c.stats().count == 501; }, 5000));
        }
    }

    void followsTwoStreamsOnOneConnection()
    {
        REQUIRE_NATS_SERVER();
        NatsServerFixture server;
        auto servicePtr = eventsServer(server, 300);
        QVERIFY(servicePtr);
        NatsTestClient& service = *servicePtr;
        QVERIFY(service.createStream({{"name", "TELEMETRY"},
                                      {"subjects", {"tel.>"}},
                                      {"storage", "file"},
                                      {"max_msgs_per_subject", 1000},
                                      {"num_replicas", 1}}));
        for (int i = 1; i <= 120; ++i)
            QVERIFY(service.publish(QStringLiteral("tel.acme.issuer.I%1").arg(i % 4),
                                    QByteArray::fromStdString(nlohmann::json({{"schema", 1}, {"n", i}}).dump()),
                                    QStringLiteral("tel-%1").arg(i)));
        Console c(newDb(), fastOptions(server.wsUrl()),
                  {{QStringLiteral("EVENTS"), {}}, {QStringLiteral("TELEMETRY"), QStringLiteral("tel.acme.>")}});
        c.client->start();
        QVERIFY(QTest::qWaitFor([&] { return c.client->caughtUp(); }, 15000));
        QVERIFY(c.contiguous(1, 300));
        QCOMPARE(c.stats("TELEMETRY").count, 120);
        QCOMPARE(c.stats("TELEMETRY").distinctSeq, 120);
        QCOMPARE(c.client->counters().duplicates, 0);
    }

    void liveOnlyOnceEveryStreamIsRead()
    {
        // EVENTS exists, TELEMETRY not yet: the link is up, but one stream is not followed, and "Sync: live" would
        // tell the operator that what the pages show is current.
        REQUIRE_NATS_SERVER();
        NatsServerFixture server;
        auto servicePtr = eventsServer(server, 20);
        QVERIFY(servicePtr);
        NatsTestClient& service = *servicePtr;
        std::vector<SyncState> states; // before the console: its destruction still reports a state
        Console c(newDb(), fastOptions(server.wsUrl()),
                  {{QStringLiteral("EVENTS"), {}}, {QStringLiteral("TELEMETRY"), QStringLiteral("tel.acme.>")}});
        QObject::connect(c.client.get(), &SyncClient::presenceChanged,
                         [&](const SyncPresence& p) { states.push_back(p.state); });
        c.client->start();
        QVERIFY(QTest::qWaitFor([&] { return c.client->presence().state == SyncState::Waiting; }, 10000));
        QCOMPARE(c.client->presence().waitingFor, QStringList{QStringLiteral("TELEMETRY")});
        QVERIFY2(c.client->presence().detail.startsWith(QStringLiteral("TELEMETRY: ")),
                 qPrintable(c.client->presence().detail));
        QVERIFY(QTest::qWaitFor([&] { return c.stats().count == 20; }, 10000)); // the other stream is read meanwhile
        QTest::qWait(300);
        QVERIFY(std::find(states.begin(), states.end(), SyncState::Live) == states.end());

        // The service creates it later: the client finds it on its own and only then is live.
        QVERIFY(service.createStream({{"name", "TELEMETRY"},
                                      {"subjects", {"tel.>"}},
                                      {"storage", "file"},
                                      {"max_msgs_per_subject", 1000},
                                      {"num_replicas", 1}}));
        QVERIFY(service.publish(QStringLiteral("tel.acme.issuer.HDFC"),
                                QByteArray::fromStdString(nlohmann::json({{"schema", 1}}).dump()),
                                QStringLiteral("tel-1")));
        QVERIFY(QTest::qWaitFor([&] { return c.client->presence().state == SyncState::Live; }, 10000));
        QVERIFY(c.client->presence().waitingFor.isEmpty());
        QVERIFY(QTest::qWaitFor([&] { return c.stats("TELEMETRY").count == 1; }, 10000));

        // Deleted while followed: no longer "live". Created anew, its sequences restart: the client finds the new
        // epoch and reads it from its first event (it went on from the old sequence and skipped them).
        QVERIFY(service.deleteStream(QStringLiteral("TELEMETRY")));
        QVERIFY(QTest::qWaitFor([&] { return c.client->presence().state == SyncState::Waiting; }, 15000));
        QCOMPARE(c.client->presence().waitingFor, QStringList{QStringLiteral("TELEMETRY")});
        QTest::qWait(1100); // "created" has sub-second resolution, but make the new epoch unmistakable
        QVERIFY(service.createStream({{"name", "TELEMETRY"},
                                      {"subjects", {"tel.>"}},
                                      {"storage", "file"},
                                      {"max_msgs_per_subject", 1000},
                                      {"num_replicas", 1}}));
        for (int i = 1; i <= 3; ++i)
            QVERIFY(service.publish(QStringLiteral("tel.acme.issuer.I%1").arg(i),
                                    QByteArray::fromStdString(nlohmann::json({{"schema", 1}, {"n", i}}).dump()),
                                    QStringLiteral("tel-new-%1").arg(i)));
        QVERIFY(QTest::qWaitFor([&] { return c.client->presence().state == SyncState::Live; }, 15000));
        QVERIFY(QTest::qWaitFor([&] { return c.stats("TELEMETRY").count == 3; }, 10000));
        QCOMPARE(c.stats("TELEMETRY").minSeq, 1);
        QCOMPARE(c.client->counters().epochResets, 1);
    }

    void workingOfflineAndBackKeepsWhatWasSynced()
    {
        // File > Remote sync > Work offline runs the same sync on the local backend in the same file, then back to
        // the server. Both had their cursor and events under "EVENTS": the local stream looked like a new epoch of
        // the server's, every synced event was deleted and downloaded again, and what retention had removed from the
        // server since was gone for good.
        REQUIRE_NATS_SERVER();
        NatsServerFixture server;
        std::unique_ptr<NatsTestClient> servicePtr;
        const QString db = caughtUpWith(server, 300, servicePtr);
        QVERIFY(!db.isEmpty());
        {
            auto store = AgentStore::open(db.toStdString());
            QVERIFY(store);
            SyncStore syncStore(**store);
            LocalBackend backend(**store);
            LocalServices services(&backend, **store, LocalServicesOptions{QStringLiteral("local"), 0});
            QVERIFY(services.start().ok());
            const nlohmann::json body = {{"schema", 1}, {"event_id", "local-1"}, {"n", 1}};
            NatsHeaders h;
            h.set("Nats-Msg-Id", "local-1");
            QVERIFY(backend.publishNow("evt.support.local.ticket.T1", body.dump(), h).ok);
            SyncClientOptions so;
            so.streams = {{QStringLiteral("EVENTS"), {}}};
            SyncClient local(&backend, &syncStore, so);
            local.start();
            QVERIFY(QTest::qWaitFor([&] { return local.caughtUp(); }, 10000));
            QCOMPARE(local.counters().epochResets, 0);
            QCOMPARE(syncStore.eventCount("EVENTS").value(), 1); // the local stream's, under its own name
            local.stop();
            services.stop();
        }
        Console c(db, fastOptions(server.wsUrl()));
        c.client->start();
        QVERIFY(QTest::qWaitFor([&] { return c.client->caughtUp(); }, 15000));
        QCOMPARE(c.client->counters().epochResets, 0);
        QCOMPARE(c.client->counters().received, 0); // nothing downloaded again
        QVERIFY(c.contiguous(1, 300));
        QCOMPARE(c.stats("local/EVENTS").count, 1);
    }

    void eventsTheServerLostAreSetAsideAndItsNewOnesRead()
    {
        // G14: a single node's OS crash loses events it had acknowledged; this console had applied 301..310. The
        // server's next events take those sequences again, and reading on from our cursor (311) skipped them all.
        REQUIRE_NATS_SERVER();
        NatsServerFixture server;
        std::unique_ptr<NatsTestClient> servicePtr;
        const QString db = caughtUpWith(server, 300, servicePtr);
        QVERIFY(!db.isEmpty());
        {
            auto store = AgentStore::open(db.toStdString());
            QVERIFY(store);
            for (int seq = 301; seq <= 310; ++seq) {
                sqlite::Statement ghost((*store)->connection(),
                                        "INSERT INTO events (event_id, stream, stream_seq, subject, body, received_at) "
                                        "VALUES (?, 'EVENTS', ?, 'evt.anomaly.acme.dimension.d1', '{}', 1)");
                ghost.bind(1, "lost-" + std::to_string(seq)).bind(2, std::int64_t{seq});
                QVERIFY(ghost.run("add an event the server lost").ok());
            }
            sqlite::Statement cursor((*store)->connection(),
                                     "UPDATE sync_cursor SET last_seq = 310 WHERE stream = 'EVENTS'");
            QVERIFY(cursor.run("move the cursor").ok());
        }
        QCOMPARE(servicePtr->publishEvents(301, 5), 5); // the server's new events: 301..305

        Console c(db, fastOptions(server.wsUrl()));
        c.client->start();
        QVERIFY(QTest::qWaitFor([&] { return c.client->caughtUp(); }, 15000));
        QVERIFY2(QTest::qWaitFor([&] { return c.stats().count == 305; }, 5000), qPrintable(c.client->lastError()));
        QVERIFY(c.contiguous(1, 305));
        QCOMPARE(c.client->counters().lostByServer, 10);
        sqlite::Statement ids(c.store->connection(),
                              "SELECT count(*) FROM events WHERE stream_seq > 300 AND event_id LIKE 'evt-%'");
        QVERIFY(ids.next("count").value());
        QCOMPARE(ids.int64(0), std::int64_t{5}); // the new ones, not the lost ones
        // The lost ones are kept, set aside with the reason, and the status bar counts them.
        QCOMPARE(c.syncStore->quarantineCount().value(), 10);
        QCOMPARE(c.client->presence().setAside, std::int64_t{10});
        QVERIFY2(c.client->presence().newestSetAside.contains(QStringLiteral("the server lost this event")),
                 qPrintable(c.client->presence().newestSetAside));
        // At connect the server's end says 306..310 are gone; 301..305 are found replaced as they are read again.
        QVERIFY2(c.client->lastError().contains(QStringLiteral("the server lost events 306 to 310")),
                 qPrintable(c.client->lastError()));
    }

    void socketAbortMidReplayLosesNothing()
    {
        REQUIRE_NATS_SERVER();
        NatsServerFixture server;
        auto servicePtr = eventsServer(server, 5000);
        QVERIFY(servicePtr);
        NatsTestClient& service = *servicePtr;

        // The first 256 KB of the ~2.3 MB replay get through, then the socket drops: a partition in the middle of
        // the replay.
        TestProxy proxy(static_cast<quint16>(QUrl(server.wsUrl()).port()));
        std::unique_ptr<Console> c;
        QVERIFY(startBehindACap(proxy, newDb(), c));
        c->conn->abortSocket();
        proxy.setDeliveryCap(-1);
        QVERIFY(c->stats().count < 5000);
        QCOMPARE(service.publishEvents(5001, 1000), 1000);
        QVERIFY(QTest::qWaitFor([&] { return c->stats().count >= 6000; }, 30000));
        QTest::qWait(300);
        QVERIFY(c->contiguous(1, 6000));
        QVERIFY(c->client->counters().consumerRecreations >= 0);
    }

    void serverKilledMidReplayResumesFromTheCursor()
    {
        REQUIRE_NATS_SERVER();
        NatsServerFixture server;
        auto servicePtr = eventsServer(server, 1000);
        QVERIFY(servicePtr);
        NatsTestClient& service = *servicePtr;
        // The console has events 1..1000 and a cursor; 4000 more (~1.8 MB) wait for it on the server.
        const QString db = newDb();
        QVERIFY(catchUpOnce(db, server.wsUrl(), 1000));
        QCOMPARE(service.publishEvents(1001, 4000), 4000);

        // It comes back with the server's bytes held back after 256 KB: the server dies with most of the replay
        // still on the wire.
        TestProxy proxy(static_cast<quint16>(QUrl(server.wsUrl()).port()));
        std::unique_ptr<Console> c;
        QVERIFY(startBehindACap(proxy, db, c));
        server.kill9();
        QVERIFY(QTest::qWaitFor([&] { return c->conn->state() == NatsState::Reconnecting; }, 5000));
        const std::int64_t before = c->stats().count;
        QVERIFY2(before >= 1000 && before < 5000, qPrintable(QString::number(before)));
        QCOMPARE(c->client->presence().state, SyncState::Reconnecting);

        proxy.setDeliveryCap(-1);
        QVERIFY(server.restart());
        QVERIFY(QTest::qWaitFor([&] { return c->stats().count >= 5000; }, 30000));
        QTest::qWait(300);
        QVERIFY(c->contiguous(1, 5000));
        QCOMPARE(c->client->counters().duplicates, 0);
        QCOMPARE(c->client->presence().state, SyncState::Live);
    }

    void recreatedStreamIsResyncedAndTruncationIsReported()
    {
        REQUIRE_NATS_SERVER();
        NatsServerFixture server;
        auto servicePtr = eventsServer(server, 50, 100);
        QVERIFY(servicePtr);
        NatsTestClient& service = *servicePtr;
        const QString db = newDb();
        QVERIFY(catchUpOnce(db, server.wsUrl(), 50));
        // Offline while 300 more arrive; the stream keeps only the last 100 (seq 251..350).
        QCOMPARE(service.publishEvents(51, 300), 300);
        {
            Console c(db, fastOptions(server.wsUrl()));
            c.client->start();
            QVERIFY(QTest::qWaitFor([&] { return c.client->caughtUp(); }, 15000));
            QCOMPARE(c.client->presence().state, SyncState::HistoryTruncated);
            QVERIFY(c.client->presence().detail.contains(QStringLiteral("51 to 250")));
            const auto summary = c.client->summary();
            QVERIFY(summary["history_truncated"]["EVENTS"] == nlohmann::json({51, 250}));
            QCOMPARE(c.stats().count, 150);
            QCOMPARE(c.stats().maxSeq, 350);
            auto cursor = c.syncStore->cursor("EVENTS");
            QCOMPARE(cursor->truncatedFrom.value(), std::uint64_t{51});
            QCOMPARE(cursor->truncatedTo.value(), std::uint64_t{250});
        }
        // The stream is deleted and recreated: sequences restart, the console resyncs from scratch.
        QVERIFY(service.deleteStream(QStringLiteral("EVENTS")));
        QTest::qWait(1100); // "created" has sub-second resolution, but make the new epoch unmistakable
        QVERIFY(service.createStream(eventsStreamConfig()));
        QCOMPARE(service.publishEvents(1000, 20), 20);
        {
            Console c(db, fastOptions(server.wsUrl()));
            c.client->start();
            QVERIFY(QTest::qWaitFor([&] { return c.client->caughtUp(); }, 15000));
            QCOMPARE(c.client->counters().epochResets, 1);
            QVERIFY(c.contiguous(1, 20));
            QCOMPARE(c.client->presence().state, SyncState::Live);
        }
    }

    void aStreamRecreatedBetweenTwoHeartbeatsIsReadFromItsStart()
    {
        // Deleted and created anew before the console missed two heartbeats, so no attempt to follow it failed: the
        // consumer was re-created on the new stream from the old one's next sequence (51), and the new stream's first
        // 50 events were never read.
        REQUIRE_NATS_SERVER();
        NatsServerFixture server;
        auto servicePtr = eventsServer(server, 50);
        QVERIFY(servicePtr);
        NatsTestClient& service = *servicePtr;
        Console c(newDb(), fastOptions(server.wsUrl()));
        c.client->start();
        QVERIFY(QTest::qWaitFor([&] { return c.client->caughtUp(); }, 15000));
        QVERIFY(c.contiguous(1, 50));
        QVERIFY(service.deleteStream(QStringLiteral("EVENTS")));
        QVERIFY(service.createStream(eventsStreamConfig()));
        QCOMPARE(service.publishEvents(1001, 60), 60);
        QVERIFY(QTest::qWaitFor(
            [&] { return c.client->counters().epochResets == 1 && c.client->caughtUp() && c.stats().count == 60; },
            20000));
        QTest::qWait(300);
        QVERIFY(c.contiguous(1, 60));
        QVERIFY(c.holds(1001, 60));
        QCOMPARE(c.client->counters().duplicates, 0);
        QCOMPARE(c.client->presence().state, SyncState::Live);
    }

    void aReaderStoppedWhileItChecksTheStreamStaysStopped()
    {
        // stop() while the stream's epoch was being asked for: the answer went on to create the consumer, and the
        // stopped reader delivered again from its own position (past a batch its owner had stopped it for because
        // the batch could not be stored).
        REQUIRE_NATS_SERVER();
        NatsServerFixture server;
        auto service = eventsServer(server, 20);
        QVERIFY(service);
        NatsWsConnection conn(fastOptions(server.wsUrl()));
        JsApi api(&conn);
        conn.open();
        QVERIFY(QTest::qWaitFor([&] { return conn.isConnected(); }, 5000));
        OrderedConsumerOptions o;
        o.stream = QStringLiteral("EVENTS");
        o.idleHeartbeatMs = 500;
        OrderedConsumer reader(&conn, &api, o);
        int delivered = 0;
        int ready = 0;
        connect(&reader, &OrderedConsumer::message, this, [&](const JsMessage&) { ++delivered; });
        connect(&reader, &OrderedConsumer::ready, this, [&](std::uint64_t) { ++ready; });
        reader.start(1);
        reader.stop();
        QTest::qWait(1500);
        QCOMPARE(ready, 0);
        QCOMPARE(delivered, 0);
        QVERIFY(!reader.isActive());
        reader.start(1); // started again, it reads everything once
        QVERIFY(QTest::qWaitFor([&] { return delivered == 20; }, 10000));
        QTest::qWait(300);
        QCOMPARE(delivered, 20);
        QCOMPARE(ready, 1);
    }

    void invalidPayloadsAreQuarantinedNotApplied()
    {
        REQUIRE_NATS_SERVER();
        NatsServerFixture server;
        QVERIFY(server.start());
        NatsTestClient service(server.wsUrl());
        QVERIFY(service.waitConnected());
        QVERIFY(service.createStream(eventsStreamConfig()));
        QVERIFY(service.publish(QStringLiteral("evt.anomaly.acme.issuer.HDFC"),
                                R"({"schema":1,"future_field":{"x":[1,2]}})", QStringLiteral("ok-1")));
        QVERIFY(service.publish(QStringLiteral("evt.anomaly.acme.issuer.HDFC"), "{broken", QStringLiteral("bad-1")));
        QVERIFY(service.publish(QStringLiteral("evt.anomaly.acme.issuer.HDFC"), R"({"no":"schema"})",
                                QStringLiteral("bad-2")));
        QVERIFY(service.publish(QStringLiteral("evt.short"), R"({"schema":1})", QStringLiteral("bad-3")));
        QVERIFY(
            service.publish(QStringLiteral("evt.anomaly.acme.issuer.SBI"), R"({"schema":1})", QStringLiteral("ok-2")));
        Console c(newDb(), fastOptions(server.wsUrl()));
        c.client->start();
        QVERIFY(QTest::qWaitFor([&] { return c.client->caughtUp(); }, 15000));
        QCOMPARE(c.client->counters().received, 2);
        QCOMPARE(c.client->counters().quarantined, 3);
        QCOMPARE(c.syncStore->quarantineCount().value(), 3);
        QCOMPARE(c.client->summary()["last_seq"]["EVENTS"].get<int>(), 5); // the cursor moved past them
        sqlite::Statement q(c.store->connection(), "SELECT body FROM events WHERE event_id = 'ok-1'");
        QVERIFY(q.next("read").value());
        QVERIFY(q.text(0).find("future_field") != std::string::npos); // unknown fields are kept verbatim
        sqlite::Statement r(c.store->connection(), "SELECT reason FROM sync_quarantine ORDER BY id");
        QVERIFY(r.next("read").value());
        QCOMPARE(QString::fromStdString(r.text(0)), QStringLiteral("payload is not valid JSON"));

        // A stored message whose headers open with a heartbeat's status line ("NATS/1.0 100 Idle Heartbeat") is a
        // delivery like any other: it was taken for flow control and never counted, every later delivery looked like
        // a gap, and the consumer was re-created from it forever (18 277 times in 20 s), so nothing after it arrived.
        payops::sync::RequestOptions poison;
        poison.headers.status = 100;
        poison.headers.description = "Idle Heartbeat";
        poison.headers.set("Nats-Msg-Id", "poison-1");
        std::optional<payops::sync::NatsReply> stored;
        service.api->request(
            QStringLiteral("evt.anomaly.acme.issuer.AXIS"), R"({"schema":1})", nullptr,
            [&](const payops::sync::NatsReply& reply) { stored = reply; }, poison);
        QVERIFY(QTest::qWaitFor([&] { return stored.has_value(); }, 20000));
        QVERIFY2(stored->ok, qPrintable(stored->error));
        QVERIFY(service.publish(QStringLiteral("evt.anomaly.acme.issuer.ICICI"), R"({"schema":1})",
                                QStringLiteral("after-poison")));
        QVERIFY(QTest::qWaitFor([&] { return c.client->counters().received == 4; }, 15000));
        QCOMPARE(c.client->summary()["last_seq"]["EVENTS"].get<int>(), 7);
        QCOMPARE(c.client->counters().consumerRecreations, 0);
    }

    void outboxSurvivesAServerKillWithoutDuplicates()
    {
        REQUIRE_NATS_SERVER();
        NatsServerFixture server;
        QVERIFY(server.start());
        {
            NatsTestClient service(server.wsUrl());
            QVERIFY(service.waitConnected());
            QVERIFY(service.createStream(eventsStreamConfig()));
            QVERIFY(service.createStream({{"name", "COMMANDS"},
                                          {"subjects", {"cmd.>"}},
                                          {"storage", "file"},
                                          {"num_replicas", 1},
                                          {"duplicate_window", std::int64_t{600} * 1000000000}}));
        }
        Console c(newDb(), fastOptions(server.wsUrl()));
        // Made offline: queued with their ids before any connection exists.
        std::vector<std::string> ids;
        for (int i = 0; i < 100; ++i) {
            auto id = c.client->queueCommand(QStringLiteral("cmd.approval.decide"),
                                             {{"approval_id", i}, {"decision", "approve"}}, i);
            QVERIFY(id);
            ids.push_back(*id);
        }
        QCOMPARE(c.client->presence().queuedCommands, 100);
        bool killed = false;
        c.client->start();
        QVERIFY(QTest::qWaitFor(
            [&] {
                if (!killed && c.client->counters().outboxSent >= 30) {
                    killed = true;
                    server.kill9(); // mid-publish
                }
                return killed;
            },
            15000));
        QVERIFY(server.restart());
        QVERIFY(QTest::qWaitFor([&] { return c.syncStore->outboxCount("pending").value() == 0; }, 30000));
        NatsTestClient service(server.wsUrl());
        QVERIFY(service.waitConnected());
        QCOMPARE(service.streamInfo(QStringLiteral("COMMANDS"))["state"]["messages"].get<int>(), 100);

        // The service answers each command with a result event; the console confirms them from the stream.
        for (std::size_t i = 0; i < ids.size(); ++i) {
            const nlohmann::json result = {
                {"schema", 1}, {"caused_by", ids[i]}, {"outcome", i == 7 ? "rejected" : "applied"}};
            QVERIFY(service.publish(QStringLiteral("evt.approval.acme.request.%1").arg(i),
                                    QByteArray::fromStdString(result.dump()),
                                    QStringLiteral("result-") + QString::fromStdString(ids[i])));
        }
        QVERIFY(QTest::qWaitFor([&] { return c.syncStore->outboxCount("confirmed").value() == 99; }, 15000));
        QCOMPARE(c.syncStore->outboxCount("rejected").value(), 1);
        QCOMPARE(c.client->presence().queuedCommands, 0);
    }

    void aCommandTheServerRefusesDoesNotHoldBackTheRest()
    {
        // One command larger than the COMMANDS stream takes, one larger than the server's max_payload, between
        // ordinary ones: the outbox sends in order, and a command the server will refuse every time used to stay first
        // in line for good, every decision after it "queued" forever.
        REQUIRE_NATS_SERVER();
        NatsServerFixture server;
        QVERIFY(server.start(QStringLiteral("max_payload: 65536")));
        {
            NatsTestClient service(server.wsUrl());
            QVERIFY(service.waitConnected());
            QVERIFY(service.createStream(eventsStreamConfig()));
            QVERIFY(service.createStream({{"name", "COMMANDS"},
                                          {"subjects", {"cmd.>"}},
                                          {"storage", "file"},
                                          {"num_replicas", 1},
                                          {"max_msg_size", 4096}}));
        }
        std::vector<QString> settled; // before the console, which may still report while it goes
        Console c(newDb(), fastOptions(server.wsUrl()));
        QObject::connect(c.client.get(), &SyncClient::commandSettled,
                         [&](const QString& id, bool rejected, const QString& json) {
                             if (rejected)
                                 settled.push_back(id + QLatin1Char(' ') + json);
                         });
        const auto queue = [&](std::size_t padding) {
            auto id = c.client->queueCommand(QStringLiteral("cmd.approval.decide"),
                                             {{"approval_id", 1}, {"note", std::string(padding, 'x')}});
            return id ? QString::fromStdString(*id) : QString();
        };
        const QString first = queue(10);
        const QString tooLargeForTheStream = queue(8000);
        const QString tooLargeForTheServer = queue(100000);
        const QString last = queue(10);
        QVERIFY(!first.isEmpty() && !tooLargeForTheStream.isEmpty() && !tooLargeForTheServer.isEmpty() &&
                !last.isEmpty());
        c.client->start();
        QVERIFY2(QTest::qWaitFor([&] { return c.syncStore->outboxCount("pending").value() == 0; }, 15000),
                 qPrintable(c.client->lastError()));
        QCOMPARE(c.client->presence().queuedCommands, 2);
        QCOMPARE(c.syncStore->outboxCount("acked").value(), 2); // first and last: stored, waiting for their results
        QCOMPARE(c.syncStore->outboxCount("rejected").value(), 2);
        QCOMPARE(settled.size(), std::size_t{2});
        QVERIFY2(settled[0].startsWith(tooLargeForTheStream + QStringLiteral(" {\"detail\":")), qPrintable(settled[0]));
        QVERIFY2(settled[1].contains(QStringLiteral("the server takes at most 65536")), qPrintable(settled[1]));
        const auto refused = c.syncStore->commands({"rejected"}).value();
        QCOMPARE(refused.size(), std::size_t{2});
        for (const auto& command : refused)
            QVERIFY(nlohmann::json::parse(command.result).value("outcome", "") == "refused");
        // The link stayed up through both.
        QVERIFY(c.conn->isConnected());

        // Many in a row: each is settled on its own turn of the event loop, never from inside the call that queued it
        // (a refusal comes back before publish() returns, and the next one was sent from within it: thousands
        // overflowed the stack).
        settled.clear();
        for (int i = 0; i < 300; ++i) {
            QVERIFY(!queue(100000).isEmpty());
            QVERIFY(settled.empty()); // no turn of the event loop yet
        }
        QVERIFY(!queue(10).isEmpty()); // and one after them that goes through
        QVERIFY2(QTest::qWaitFor([&] { return settled.size() == 300; }, 30000), qPrintable(c.client->lastError()));
        QVERIFY(QTest::qWaitFor([&] { return c.syncStore->outboxCount("pending").value() == 0; }, 10000));
        QCOMPARE(c.syncStore->outboxCount("acked").value(), 3);
    }

    void aPublishThePermissionsForbidIsRefusedAndSaid()
    {
        // The operator's account may publish decisions but not agent controls. The server drops such a PUB with a
        // -ERR and no reply (G11): the command was retried for good, holding back every one queued after it, and the
        // stream reader whose consumer the account may not create kept "connecting" with no reason given.
        REQUIRE_NATS_SERVER();
        NatsServerFixture server;
        QVERIFY(server.start(
            QStringLiteral("authorization {\n users = [\n"
                           "  {user: svc, password: \"pw-svc\"}\n"
                           "  {user: ops, password: \"pw-ops\", permissions: {publish: {deny: [\"cmd.agent.>\", "
                           "\"$JS.API.CONSUMER.CREATE.TELEMETRY\", \"$JS.API.CONSUMER.CREATE.TELEMETRY.>\"]}}}\n ]\n}\n"
                           "no_auth_user: svc\n")));
        {
            NatsTestClient service(server.wsUrl());
            QVERIFY(service.waitConnected());
            QVERIFY(service.createStream(eventsStreamConfig()));
            QVERIFY(service.createStream(
                {{"name", "COMMANDS"}, {"subjects", {"cmd.>"}}, {"storage", "file"}, {"num_replicas", 1}}));
            QVERIFY(service.createStream(
                {{"name", "TELEMETRY"}, {"subjects", {"tel.>"}}, {"storage", "file"}, {"num_replicas", 1}}));
            QCOMPARE(service.publishEvents(1, 5), 5);
        }
        std::vector<QString> settled; // before the console, which may still report while it goes
        NatsConnectionOptions o = fastOptions(server.wsUrl());
        o.auth = userAuth(QStringLiteral("ops"), QStringLiteral("pw-ops"));
        Console c(newDb(), o, {{QStringLiteral("EVENTS"), {}}, {QStringLiteral("TELEMETRY"), QStringLiteral("tel.>")}});
        QObject::connect(c.client.get(), &SyncClient::commandSettled,
                         [&](const QString& id, bool rejected, const QString& json) {
                             if (rejected)
                                 settled.push_back(id + QLatin1Char(' ') + json);
                         });
        const auto queue = [&](const QString& subject) {
            auto id = c.client->queueCommand(subject, {{"approval_id", 1}});
            return id ? QString::fromStdString(*id) : QString();
        };
        const QString first = queue(QStringLiteral("cmd.approval.decide"));
        const QString forbidden = queue(QStringLiteral("cmd.agent.pause"));
        const QString last = queue(QStringLiteral("cmd.approval.decide"));
        QVERIFY(!first.isEmpty() && !forbidden.isEmpty() && !last.isEmpty());
        c.client->start();
        // Well inside one request's timeout and retries (3 x 2 s): the -ERR answers it.
        QVERIFY2(QTest::qWaitFor([&] { return c.syncStore->outboxCount("pending").value() == 0; }, 3000),
                 qPrintable(c.client->lastError()));
        QCOMPARE(c.syncStore->outboxCount("acked").value(), 2);
        QCOMPARE(settled.size(), std::size_t{1});
        QVERIFY2(settled[0].startsWith(forbidden + QLatin1Char(' ')), qPrintable(settled[0]));
        QVERIFY2(settled[0].contains(QStringLiteral("does not permit this connection to publish to cmd.agent.pause")),
                 qPrintable(settled[0]));
        QVERIFY(c.conn->isConnected());

        // The stream it may not read: waiting, with the server's reason, while the other is read.
        QVERIFY(QTest::qWaitFor([&] { return c.client->presence().state == SyncState::Waiting; }, 3000));
        QCOMPARE(c.client->presence().waitingFor, QStringList{QStringLiteral("TELEMETRY")});
        QVERIFY2(c.client->presence().detail.contains(QStringLiteral("$JS.API.CONSUMER.CREATE.TELEMETRY")),
                 qPrintable(c.client->presence().detail));
        QVERIFY(QTest::qWaitFor([&] { return c.stats().count == 5; }, 10000));
    }

    void authenticationKinds()
    {
        REQUIRE_NATS_SERVER();
        const NKeyPair nkey = nkeyCreateUser();
        NatsServerFixture server;
        QVERIFY(server.start(QStringLiteral("authorization {\n users = [\n"
                                            "  {user: alice, password: \"pw-alice\"}\n"
                                            "  {user: bob, password: \"pw-bob\", permissions: {publish: {deny: "
                                            "[\"evt.>\"]}}}\n"
                                            "  {nkey: %1}\n ]\n}\n")
                                 .arg(QString::fromStdString(nkey.publicKey))));
        auto tryAuth = [&](NatsAuth auth) {
            NatsConnectionOptions o = fastOptions(server.wsUrl());
            o.auth = std::move(auth);
            return tryConnect(o);
        };
        QCOMPARE(tryAuth(userAuth(QStringLiteral("alice"), QStringLiteral("pw-alice"))), QStringLiteral("ok"));
        QCOMPARE(tryAuth(userAuth(QStringLiteral("alice"), QStringLiteral("wrong"))),
                 QStringLiteral("Authorization Violation"));
        QCOMPARE(tryAuth(NatsAuth{}), QStringLiteral("Authorization Violation"));
        NatsAuth nk;
        nk.kind = NatsAuthKind::NKey;
        nk.nkeySeed = QString::fromStdString(nkey.seed);
        QCOMPARE(tryAuth(nk), QStringLiteral("ok"));
        nk.nkeySeed = QString::fromStdString(nkeyCreateUser().seed); // a key the server does not know
        QCOMPARE(tryAuth(nk), QStringLiteral("Authorization Violation"));

        // A permission error does not close the connection (G11): it is surfaced and the link stays usable.
        NatsConnectionOptions o = fastOptions(server.wsUrl());
        o.auth = userAuth(QStringLiteral("bob"), QStringLiteral("pw-bob"));
        NatsWsConnection bob(o);
        QSignalSpy errors(&bob, &NatsWsConnection::serverError);
        bob.open();
        QVERIFY(QTest::qWaitFor([&] { return bob.isConnected(); }, 5000));
        QVERIFY(bob.publish(QStringLiteral("evt.anomaly.acme.issuer.HDFC"), "{}"));
        QVERIFY(errors.wait(5000));
        QVERIFY(errors.at(0).at(0).toString().startsWith(QStringLiteral("Permissions Violation for Publish")));
        QTest::qWait(700);
        QVERIFY(bob.isConnected());
    }

    void jwtAuthenticationInOperatorMode()
    {
        REQUIRE_NATS_SERVER();
        const NatsJwtSetup setup;
        NatsServerFixture server;
        QVERIFY2(server.start(setup.serverConfig()), qPrintable(server.log().right(600)));
        auto tryJwt = [&](const std::string& jwt, const NKeyPair& user) {
            NatsConnectionOptions o = fastOptions(server.wsUrl());
            o.auth.kind = NatsAuthKind::Jwt;
            o.auth.jwt = QString::fromStdString(jwt);
            o.auth.nkeySeed = QString::fromStdString(user.seed);
            return tryConnect(o);
        };
        // A user JWT issued by the trusted account, with the nonce signed by the user's key: in.
        const NKeyPair alice = nkeyCreateUser();
        QCOMPARE(tryJwt(setup.userJwt(alice), alice), QStringLiteral("ok"));
        // The right JWT but another key signing the nonce: refused.
        QCOMPARE(tryJwt(setup.userJwt(alice), nkeyCreateUser()), QStringLiteral("Authorization Violation"));
        // A JWT from an account the operator never signed: refused.
        const NKeyPair rogue = nkeyCreate(NKeyKind::Account);
        QCOMPARE(tryJwt(setup.userJwt(alice, &rogue), alice), QStringLiteral("Authorization Violation"));
        // Nothing at all: refused.
        QCOMPARE(tryConnect(fastOptions(server.wsUrl())), QStringLiteral("Authorization Violation"));
    }

    void tokenAuthAndTheHeadlessSyncCommand()
    {
        REQUIRE_NATS_SERVER();
        NatsServerFixture server;
        QVERIFY(server.start(QStringLiteral("authorization { token: \"s3cret-token\" }")));
        NatsAuth auth;
        auth.kind = NatsAuthKind::Token;
        auth.token = QStringLiteral("s3cret-token");
        NatsTestClient service(server.wsUrl(), auth);
        QVERIFY(service.waitConnected());
        QVERIFY(service.createStream(eventsStreamConfig()));
        QCOMPARE(service.publishEvents(1, 250), 250);
        QVERIFY(service.publish(QStringLiteral("evt.anomaly.acme.issuer.HDFC"), "not json", QStringLiteral("q")));

        const QString bin = qEnvironmentVariable("PAYOPS_AGENT_BIN");
        QVERIFY(!bin.isEmpty());
        const QString db = newDb();
        QProcess p;
        p.start(bin, {QStringLiteral("sync"), QStringLiteral("--server"), server.wsUrl(), QStringLiteral("--db"), db,
                      QStringLiteral("--token"), QStringLiteral("s3cret-token"), QStringLiteral("--until-caught-up"),
                      QStringLiteral("--duration-ms"), QStringLiteral("20000")});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 0);
        const auto summary = nlohmann::json::parse(p.readAllStandardOutput().toStdString());
        QCOMPARE(summary["received"].get<int>(), 250);
        QCOMPARE(summary["duplicates_ignored"].get<int>(), 0);
        QCOMPARE(summary["quarantined"].get<int>(), 1);
        QCOMPARE(summary["last_seq"]["EVENTS"].get<int>(), 251);
        QCOMPARE(summary["outbox_sent"].get<int>(), 0);
        QVERIFY(summary["caught_up"].get<bool>());

        // Again: nothing new, nothing duplicated.
        p.start(bin, {QStringLiteral("sync"), QStringLiteral("--server"), server.wsUrl(), QStringLiteral("--db"), db,
                      QStringLiteral("--until-caught-up"), QStringLiteral("--duration-ms"), QStringLiteral("20000")});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 1); // no token: refused, said clearly, nothing printed as success
        QVERIFY(p.readAllStandardError().contains("refused the credentials"));
        QProcess env;
        QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
        e.insert(QStringLiteral("PAYOPS_NATS_TOKEN"), QStringLiteral("s3cret-token"));
        env.setProcessEnvironment(e);
        env.start(bin, {QStringLiteral("sync"), QStringLiteral("--server"), server.wsUrl(), QStringLiteral("--db"), db,
                        QStringLiteral("--until-caught-up"), QStringLiteral("--duration-ms"), QStringLiteral("20000")});
        QVERIFY(env.waitForFinished(30000));
        QCOMPARE(env.exitCode(), 0);
        const auto again = nlohmann::json::parse(env.readAllStandardOutput().toStdString());
        QCOMPARE(again["received"].get<int>(), 0);
        QCOMPARE(again["last_seq"]["EVENTS"].get<int>(), 251);

        // A server that is not there: said while it retries (once, not at every attempt), then a clear error, exit 1.
        p.start(bin, {QStringLiteral("sync"), QStringLiteral("--server"), QStringLiteral("ws://127.0.0.1:1"),
                      QStringLiteral("--db"), db, QStringLiteral("--duration-ms"), QStringLiteral("1500")});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 1);
        const QByteArray err = p.readAllStandardError();
        QVERIFY2(err.contains("could not connect to ws://127.0.0.1:1"), err.constData());
        QVERIFY2(err.count("payops-agent: cannot reach ws://127.0.0.1:1") == 1 && err.contains("; retrying"),
                 err.constData());
    }

    void publishSummaryNamesAServerItNeverReached()
    {
        // No NATS server needed: nothing listens on port 1. The agent runs its cycles offline, and the summary a script
        // reads afterwards says why nothing was sent (its last_error was empty).
        const QString bin = qEnvironmentVariable("PAYOPS_AGENT_BIN");
        if (bin.isEmpty())
            QSKIP("PAYOPS_AGENT_BIN not set");
        QProcess p;
        p.start(bin,
                {QStringLiteral("publish"), QStringLiteral("--server"), QStringLiteral("ws://127.0.0.1:1"),
                 QStringLiteral("--db"), newDb(), QStringLiteral("--new-run"), QStringLiteral("--cycle-ms"),
                 QStringLiteral("20"), QStringLiteral("--cycles"), QStringLiteral("20"), QStringLiteral("--scenario"),
                 QStringLiteral("method_fatigue"), QStringLiteral("--linger-ms"), QStringLiteral("0")});
        QVERIFY(p.waitForFinished(30000));
        const QByteArray err = p.readAllStandardError();
        QVERIFY2(p.exitCode() == 0, err.constData());
        const auto summary = nlohmann::json::parse(p.readAllStandardOutput().toStdString());
        QCOMPARE(summary["cycles"].get<int>(), 20);
        QCOMPARE(summary["events_sent"].get<int>(), 0);
        // Every event it made waits in the outbox, and the summary says so (it said 0, counted before the first).
        QVERIFY(summary["events_queued"].get<int>() > 0);
        QCOMPARE(summary["events_unsent"].get<int>(), summary["events_queued"].get<int>());
        const QString lastError = QString::fromStdString(summary["last_error"].get<std::string>());
        QVERIFY2(!lastError.isEmpty() && err.contains(lastError.toUtf8()),
                 qPrintable(lastError + QStringLiteral(" / ") + QString::fromUtf8(err)));
    }

    void publisherExecutesApprovalDecisionsFromConsoles()
    {
        REQUIRE_NATS_SERVER();
        NatsServerFixture server;
        QVERIFY(server.start());
        QProcess agent;
        // UPI's fatigue: moving its volume to card is asked for at once (confidence under min_confidence). The
        // outage used to raise a request only after it was over, from the window's echo of it.
        QVERIFY(startPublisher(agent, server.wsUrl(), 200, {QStringLiteral("--heartbeat-ms"), QStringLiteral("500")},
                               QStringLiteral("method_fatigue")));

        // Two consoles watch; the approval request reaches both through EVENTS.
        Console alice(newDb(), fastOptions(server.wsUrl()));
        Console bob(newDb(), fastOptions(server.wsUrl()));
        alice.client->start();
        bob.client->start();
        auto pendingApproval = [](Console& c) -> nlohmann::json {
            sqlite::Statement q(c.store->connection(), "SELECT body FROM events WHERE subject LIKE "
                                                       "'evt.approval.acme.request.%' ORDER BY stream_seq");
            while (q.next("read").value()) {
                auto body = nlohmann::json::parse(q.blob(0));
                if (body.value("state", std::string()) == "pending")
                    return body;
            }
            return nullptr;
        };
        nlohmann::json request;
        QVERIFY2(QTest::qWaitFor(
                     [&] {
                         request = pendingApproval(alice);
                         return !request.is_null();
                     },
                     20000),
                 qPrintable(QString::fromUtf8(agent.readAllStandardError())));
        QVERIFY(QTest::qWaitFor([&] { return !pendingApproval(bob).is_null(); }, 10000));
        const std::int64_t approvalId = request["approval"]["id"].get<std::int64_t>();
        const std::string run = request["run"].get<std::string>();

        // Commands of the wrong shape are refused one by one, saying which field is wrong, and the agent goes on: an id
        // sent as text threw out of its cycle and stopped it, and a name with a line break forged a line of the log.
        auto textId = alice.client->queueCommand(QStringLiteral("cmd.approval.decide"),
                                                 {{"run", run},
                                                  {"approval_id", std::to_string(approvalId)},
                                                  {"decision", "approve"},
                                                  {"operator", "alice"}});
        auto forged = alice.client->queueCommand(QStringLiteral("cmd.approval.decide"),
                                                 {{"run", run},
                                                  {"approval_id", approvalId},
                                                  {"decision", "approve"},
                                                  {"operator", "mallory\napproved by agent"}});
        QVERIFY(textId && forged);
        QVERIFY(QTest::qWaitFor([&] { return alice.syncStore->outboxCount("rejected").value() == 2; }, 20000));
        const auto refusedRows = alice.syncStore->commands({"rejected"}).value();
        for (const auto& refused : refusedRows) {
            const std::string detail = nlohmann::json::parse(refused.result)["detail"].get<std::string>();
            QVERIFY2(refused.commandId == *textId ? detail.starts_with("approval_id must be a whole number")
                                                  : detail.starts_with("operator may not hold a line break"),
                     detail.c_str());
        }

        // Alice approves first; the agent executes it and answers with a result event naming her command.
        auto aliceCmd = alice.client->queueCommand(
            QStringLiteral("cmd.approval.decide"),
            {{"run", run}, {"approval_id", approvalId}, {"decision", "approve"}, {"operator", "alice"}});
        QVERIFY(aliceCmd);
        QVERIFY(QTest::qWaitFor([&] { return alice.syncStore->outboxCount("confirmed").value() == 1; }, 20000));
        auto aliceRows = alice.syncStore->commands({"confirmed"});
        const auto aliceResult = nlohmann::json::parse(aliceRows->at(0).result);
        QCOMPARE(aliceResult["outcome"].get<std::string>(), std::string("applied"));
        QCOMPARE(aliceResult["decided_by"].get<std::string>(), std::string("remote:alice"));
        QVERIFY(QString::fromStdString(aliceResult["detail"].get<std::string>()).contains(QStringLiteral("approved")));

        // Bob decided the same request offline; his command loses and he sees who won.
        auto bobCmd = bob.client->queueCommand(QStringLiteral("cmd.approval.decide"), {{"run", run},
                                                                                       {"approval_id", approvalId},
                                                                                       {"decision", "reject"},
                                                                                       {"reason", "too risky"},
                                                                                       {"operator", "bob"}});
        QVERIFY(bobCmd);
        QVERIFY(QTest::qWaitFor([&] { return bob.syncStore->outboxCount("rejected").value() == 1; }, 20000));
        const auto bobResult = nlohmann::json::parse(bob.syncStore->commands({"rejected"})->at(0).result);
        QCOMPARE(bobResult["outcome"].get<std::string>(), std::string("conflict"));
        QCOMPARE(bobResult["decided_by"].get<std::string>(), std::string("remote:alice"));
        QCOMPARE(bobResult["approval_state"].get<std::string>(), std::string("approved"));

        // The approved intervention ran: its event carries the approval as its source.
        const bool announced = QTest::qWaitFor(
            [&] {
                sqlite::Statement q(bob.store->connection(),
                                    "SELECT count(*) FROM events WHERE subject LIKE "
                                    "'evt.agent.acme.intervention.%' AND CAST(body AS TEXT) LIKE ?");
                q.bind(1, "%approval #" + std::to_string(approvalId) + " by remote:alice%");
                return q.next("read").value() && q.int64(0) >= 1;
            },
            10000);
        if (!announced) {
            sqlite::Statement q(bob.store->connection(), "SELECT subject, body FROM events ORDER BY stream_seq");
            while (q.next("read").value())
                qWarning() << q.text(0).c_str() << q.blob(1).c_str();
        }
        QVERIFY(announced);

        ::kill(static_cast<pid_t>(agent.processId()), SIGTERM); // a clean stop prints the summary
        QVERIFY(agent.waitForFinished(10000));
        QCOMPARE(agent.exitCode(), 0);
        const auto summary = nlohmann::json::parse(agent.readAllStandardOutput().toStdString());
        QCOMPARE(summary["commands_received"].get<int>(), 4);
        QCOMPARE(summary["commands_applied"].get<int>(), 1);
        QCOMPARE(summary["commands_refused"].get<int>(), 3);
        QVERIFY(summary["telemetry_sent"].get<int>() > 0);
        QCOMPARE(summary["events_unsent"].get<int>(), 0);
    }

    void aCommandIsNeverDoneWithoutItsResult_data()
    {
        QTest::addColumn<QString>("subject");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("takenWhileFailing"); // remote_commands rows left when the agent stops
        QTest::addColumn<QString>("detail");
        // Refused as it is taken: its result is queued with the record of it.
        QTest::newRow("refused at once") << QStringLiteral("cmd.approval.decide")
                                         << QByteArray(
                                                R"({"approval_id": 1, "decision": "maybe", "operator": "alice"})")
                                         << 0 << QStringLiteral("decision must be approve or reject, got 'maybe'");
        // Taken (queued for the runtime), then refused by it a cycle later: its result is queued as it is marked done.
        QTest::newRow("refused when carried out")
            << QStringLiteral("cmd.intervention.rollback")
            << QByteArray(R"({"intervention_id": 999, "operator": "alice"})") << 1 << QString();
    }

    void aCommandIsNeverDoneWithoutItsResult()
    {
        // The agent recorded a remote command as done and queued its result event in two commits: a kill or a full
        // disk between them left it done for good, its console waiting for an answer that never came.
        QFETCH(QString, subject);
        QFETCH(QByteArray, body);
        QFETCH(int, takenWhileFailing);
        QFETCH(QString, detail);
        REQUIRE_NATS_SERVER();
        NatsServerFixture server;
        QVERIFY(server.start());
        QProcess agent;
        QVERIFY(startPublisher(agent, server.wsUrl(), 200, {QStringLiteral("--heartbeat-ms"), QStringLiteral("500")}));
        const QString agentDb = m_tmp.filePath(QStringLiteral("console-%1.db").arg(m_dbCounter));
        {
            // Results cannot be queued (as on a full disk); everything else can.
            auto store = AgentStore::open(agentDb.toStdString());
            QVERIFY(store);
            sqlite::Statement trigger((*store)->connection(),
                                      "CREATE TRIGGER no_results BEFORE INSERT ON outbox WHEN NEW.command_id LIKE "
                                      "'%-result-%' BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END");
            QVERIFY(trigger.run("add a trigger").ok());
        }
        Console alice(newDb(), fastOptions(server.wsUrl()));
        alice.client->start();
        auto id = alice.client->queueCommand(subject, nlohmann::json::parse(body.toStdString()));
        QVERIFY(id);
        // It stops on the failure, saying why (the console's event loop runs meanwhile: it sends the command).
        QVERIFY(QTest::qWaitFor([&] { return agent.state() == QProcess::NotRunning; }, 20000));
        QCOMPARE(agent.exitCode(), 1);
        QVERIFY2(agent.readAllStandardError().contains("database or disk is full"), "no word of the failure");
        {
            auto store = AgentStore::open(agentDb.toStdString());
            QVERIFY(store);
            sqlite::Statement taken((*store)->connection(), "SELECT count(*), count(*) FILTER (WHERE state = 'done') "
                                                            "FROM remote_commands");
            QVERIFY(taken.next("count").value());
            QCOMPARE(taken.int64(0), std::int64_t{takenWhileFailing});
            QCOMPARE(taken.int64(1), std::int64_t{0}); // not done: answered when the agent is back
            sqlite::Statement drop((*store)->connection(), "DROP TRIGGER no_results");
            QVERIFY(drop.run("drop the trigger").ok());
        }

        // Back on the same run: the command is answered, and the console hears why it was refused.
        agent.start(qEnvironmentVariable("PAYOPS_AGENT_BIN"),
                    {QStringLiteral("publish"), QStringLiteral("--server"), server.wsUrl(), QStringLiteral("--db"),
                     agentDb, QStringLiteral("--cycle-ms"), QStringLiteral("200"), QStringLiteral("--heartbeat-ms"),
                     QStringLiteral("500")});
        QVERIFY(agent.waitForStarted(5000));
        QVERIFY2(QTest::qWaitFor([&] { return alice.syncStore->outboxCount("rejected").value() == 1; }, 20000),
                 agent.readAllStandardError().constData());
        const auto result = nlohmann::json::parse(alice.syncStore->commands({"rejected"})->at(0).result);
        QCOMPARE(result["outcome"].get<std::string>(), std::string("rejected"));
        if (!detail.isEmpty())
            QCOMPARE(QString::fromStdString(result["detail"].get<std::string>()), detail);
        else
            QVERIFY2(result["detail"].get<std::string>().find("999") != std::string::npos, result.dump().c_str());
        ::kill(static_cast<pid_t>(agent.processId()), SIGTERM);
        QVERIFY(agent.waitForFinished(10000));
    }

    void remoteAgentCyclesArriveOnceInOrderAcrossReconnects()
    {
        REQUIRE_NATS_SERVER();
        NatsServerFixture server;
        QVERIFY(server.start());
        QProcess agent;
        QVERIFY(startPublisher(agent, server.wsUrl(), 100));

        // The console joins late: the stream's stored cycles come first, then live ones, with no gap between.
        NatsTestClient service(server.wsUrl());
        QVERIFY(service.waitConnected());
        QTest::qWait(1500);
        NatsWsConnection conn(fastOptions(server.wsUrl()));
        RemoteAgentFeed feed(&conn, QStringLiteral("acme"));
        std::vector<std::pair<QString, CycleSnapshotPtr>> got;
        QStringList problems;
        connect(&feed, &RemoteAgentFeed::cycle, this,
                [&](const QString& run, const CycleSnapshotPtr& s) { got.emplace_back(run, s); });
        connect(&feed, &RemoteAgentFeed::problem, this, [&](const QString& p) { problems << p; });
        conn.open();
        feed.start();
        QVERIFY2(QTest::qWaitFor([&] { return got.size() >= 10; }, 20000),
                 qPrintable(problems.join(QLatin1Char('\n')) + QString::fromUtf8(agent.readAllStandardError())));
        // ~15 cycles ran before the console joined; the first ones it gets are the stream's, from the start.
        QVERIFY2(got.front().second->cycle <= 5,
                 qPrintable(QStringLiteral("first cycle %1: no backfill").arg(got.front().second->cycle)));

        // A dropped socket: the replay after the reconnect repeats stored cycles, which are not handed out again.
        conn.abortSocket();
        const std::size_t before = got.size();
        QVERIFY(QTest::qWaitFor([&] { return got.size() >= before + 10 && feed.counters().repeated > 0; }, 20000));

        // A malformed cycle is reported, counted and skipped; the feed goes on.
        QVERIFY(service.publish(QStringLiteral("tel.acme.cycle"), R"({"schema":1,"run":"x","snapshot":{"cycle":1}})"));
        QVERIFY(QTest::qWaitFor([&] { return feed.counters().malformed == 1; }, 10000));
        QVERIFY(problems.join(QLatin1Char(' ')).contains(QStringLiteral("malformed remote cycle")));
        const std::size_t afterBad = got.size();
        QVERIFY(QTest::qWaitFor([&] { return got.size() >= afterBad + 3; }, 10000));

        // Every cycle of the run exactly once, in order, and they carry what the pages show.
        const QString run = got.front().first;
        bool sawAnomaly = false;
        for (std::size_t i = 0; i < got.size(); ++i) {
            QCOMPARE(got[i].first, run);
            if (i > 0)
                QCOMPARE(got[i].second->cycle, got[i - 1].second->cycle + 1);
            QVERIFY(!got[i].second->stats.empty());
            QVERIFY(!got[i].second->issuerHealth.empty());
            QVERIFY(!got[i].second->scores.empty());
            sawAnomaly = sawAnomaly || !got[i].second->anomalies.empty();
        }
        QVERIFY2(QTest::qWaitFor(
                     [&] {
                         sawAnomaly = sawAnomaly || !got.back().second->anomalies.empty();
                         return sawAnomaly;
                     },
                     30000),
                 "the outage never showed up as an anomaly in the remote cycles");

        ::kill(static_cast<pid_t>(agent.processId()), SIGTERM);
        QVERIFY(agent.waitForFinished(10000));
        const auto summary = nlohmann::json::parse(agent.readAllStandardOutput().toStdString());
        QVERIFY(summary["cycles_sent"].get<std::int64_t>() >= got.back().second->cycle - got.front().second->cycle);
        feed.stop();
        conn.close();
    }

    void theRemoteFeedReadsARecreatedStreamFromItsStart()
    {
        // TELEMETRY deleted and created anew while followed: the feed's consumer, re-created after two missed
        // heartbeats, read the new stream from the old one's next sequence and skipped the cycles stored before it.
        REQUIRE_NATS_SERVER();
        NatsServerFixture server;
        QVERIFY(server.start());
        NatsTestClient service(server.wsUrl());
        QVERIFY(service.waitConnected());
        const nlohmann::json telemetry = {{"name", "TELEMETRY"},
                                          {"subjects", {"tel.>"}},
                                          {"storage", "file"},
                                          {"max_msgs_per_subject", 64},
                                          {"num_replicas", 1}};
        QVERIFY(service.createStream(telemetry));
        QVERIFY(publishCycles(service, 1, 5));
        NatsWsConnection conn(fastOptions(server.wsUrl()));
        RemoteAgentFeed feed(&conn, QStringLiteral("acme"), 500);
        std::vector<std::int64_t> got;
        connect(&feed, &RemoteAgentFeed::cycle, this,
                [&](const QString&, const CycleSnapshotPtr& s) { got.push_back(s->cycle); });
        conn.open();
        feed.start();
        QVERIFY(QTest::qWaitFor([&] { return got.size() == 5; }, 10000));

        QVERIFY(service.deleteStream(QStringLiteral("TELEMETRY")));
        QVERIFY(service.createStream(telemetry));
        QVERIFY(publishCycles(service, 6, 12));
        QVERIFY(QTest::qWaitFor([&] { return got.size() >= 12; }, 15000));
        QTest::qWait(300);
        std::vector<std::int64_t> expected(12);
        std::iota(expected.begin(), expected.end(), 1);
        QCOMPARE(got, expected);
        QCOMPARE(feed.counters().malformed, 0);
        feed.stop();
        conn.close();
    }

    void aFeedTheAccountMayNotAskAboutStillReads()
    {
        // An account that may create consumers on TELEMETRY but not ask for its info: the epoch check is skipped (it
        // kept the feed waiting for good once every creation asked first).
        REQUIRE_NATS_SERVER();
        NatsServerFixture server;
        QVERIFY(server.start(QStringLiteral("authorization {\n users = [\n"
                                            "  {user: svc, password: \"pw-svc\"}\n"
                                            "  {user: ops, password: \"pw-ops\", permissions: {publish: {deny: "
                                            "[\"$JS.API.STREAM.INFO.TELEMETRY\"]}}}\n ]\n}\n"
                                            "no_auth_user: svc\n")));
        NatsTestClient service(server.wsUrl());
        QVERIFY(service.waitConnected());
        QVERIFY(service.createStream(
            {{"name", "TELEMETRY"}, {"subjects", {"tel.>"}}, {"storage", "file"}, {"num_replicas", 1}}));
        QVERIFY(publishCycles(service, 1, 3));
        NatsConnectionOptions o = fastOptions(server.wsUrl());
        o.auth = userAuth(QStringLiteral("ops"), QStringLiteral("pw-ops"));
        NatsWsConnection conn(o);
        RemoteAgentFeed feed(&conn, QStringLiteral("acme"), 500);
        std::vector<std::int64_t> got;
        connect(&feed, &RemoteAgentFeed::cycle, this,
                [&](const QString&, const CycleSnapshotPtr& s) { got.push_back(s->cycle); });
        conn.open();
        feed.start();
        QVERIFY(QTest::qWaitFor([&] { return got.size() == 3; }, 10000));
        QCOMPARE(got, (std::vector<std::int64_t>{1, 2, 3}));
        feed.stop();
        conn.close();
    }

    void wssVerifiesTheServerCertificate()
    {
        REQUIRE_NATS_SERVER();
        const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
        if (openssl.isEmpty())
            QSKIP("openssl is not installed: this test makes its own CA with it");
        // A throwaway CA and a server certificate for 127.0.0.1 signed by it.
        QTemporaryDir pki;
        auto run = [&](const char* args) { // space-separated; no argument holds a space
            QProcess p;
            p.setWorkingDirectory(pki.path());
            p.start(openssl, QString::fromLatin1(args).split(QLatin1Char(' ')));
            return p.waitForFinished(30000) && p.exitCode() == 0;
        };
        QFile ext(pki.filePath(QStringLiteral("san.ext")));
        QVERIFY(ext.open(QIODevice::WriteOnly));
        ext.write("subjectAltName=IP:127.0.0.1\n");
        ext.close();
        QVERIFY(run("req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 2 -subj /CN=PayOpsTestCA"));
        QVERIFY(run("req -newkey rsa:2048 -nodes -keyout server.key -out server.csr -subj /CN=127.0.0.1"));
        QVERIFY(run("x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem -days 2 "
                    "-extfile san.ext"));
        NatsServerFixture server;
        QVERIFY(server.start(
            {}, QStringLiteral("tls { cert_file: \"%1\", key_file: \"%2\" }")
                    .arg(pki.filePath(QStringLiteral("server.pem")), pki.filePath(QStringLiteral("server.key")))));
        QVERIFY2(server.wsUrl().startsWith(QStringLiteral("wss://")), qPrintable(server.wsUrl()));

        auto attempt = [&](const QString& ca, bool verify) {
            NatsConnectionOptions o = fastOptions(server.wsUrl());
            o.caCertificateFile = ca;
            o.verifyCertificates = verify;
            NatsWsConnection conn(o);
            conn.open();
            const bool ok = QTest::qWaitFor([&] { return conn.isConnected(); }, 3000);
            return ok ? QStringLiteral("ok") : conn.lastError();
        };
        // Verification is on by default: a certificate from an unknown CA is refused, and the reason says so.
        const QString refused = attempt({}, true);
        QVERIFY2(refused.startsWith(QStringLiteral("TLS:")), qPrintable(refused));
        QCOMPARE(attempt(pki.filePath(QStringLiteral("ca.pem")), true), QStringLiteral("ok"));
        QCOMPARE(attempt({}, false), QStringLiteral("ok")); // the explicit developer opt-out
    }

    void kvCompareAndSetHistoryRollbackAndWatch()
    {
        REQUIRE_NATS_SERVER();
        NatsServerFixture server;
        QVERIFY(server.start());
        NatsWsConnection conn(fastOptions(server.wsUrl()));
        JsApi api(&conn);
        KvBucket kv(&conn, &api, QStringLiteral("console_config"));
        conn.open();
        QVERIFY(QTest::qWaitFor([&] { return conn.isConnected(); }, 5000));
        checkKeyValueStore(kv); // the same checks as the local bucket's (kv_store_checks.h)
    }

    void theKvWatchFollowsABucketCreatedAnew()
    {
        // The bucket deleted and created anew while watched: the watch's consumer, re-created after two missed
        // heartbeats, read the new bucket from the old one's next revision and never saw its first changes.
        REQUIRE_NATS_SERVER();
        NatsServerFixture server;
        QVERIFY(server.start());
        NatsWsConnection conn(fastOptions(server.wsUrl()));
        JsApi api(&conn);
        KvBucket kv(&conn, &api, QStringLiteral("console_config"), 500);
        conn.open();
        QVERIFY(QTest::qWaitFor([&] { return conn.isConnected(); }, 5000));
        auto create = [&] {
            std::optional<Status> created;
            kv.create(5, [&](Status st) { created = st; });
            return QTest::qWaitFor([&] { return created.has_value(); }, 5000) && created->ok();
        };
        auto put = [&](const char* key, const char* value) {
            std::optional<std::uint64_t> revision;
            kv.put(QString::fromLatin1(key), value, std::nullopt,
                   [&](std::uint64_t rev, std::optional<KvError> e) { revision = e ? 0 : rev; });
            return QTest::qWaitFor([&] { return revision.has_value(); }, 5000) ? *revision : 0;
        };
        QVERIFY(create());
        QCOMPARE(put("a", "1"), std::uint64_t{1});
        QCOMPARE(put("a", "2"), std::uint64_t{2});
        QCOMPARE(put("a", "3"), std::uint64_t{3});
        std::vector<KvEntry> seen;
        QObject::connect(&kv, &KeyValueStore::changed, [&](const KvEntry& e) { seen.push_back(e); });
        kv.watch();
        QVERIFY(QTest::qWaitFor([&] { return seen.size() == 1; }, 5000));
        QCOMPARE(seen[0].value, std::string("3"));

        NatsTestClient service(server.wsUrl());
        QVERIFY(service.waitConnected());
        QVERIFY(service.deleteStream(kv.streamName()));
        QVERIFY(create());
        QCOMPARE(put("b", "1"), std::uint64_t{1});
        QCOMPARE(put("c", "1"), std::uint64_t{2});
        QCOMPARE(put("d", "1"), std::uint64_t{3});
        QCOMPARE(put("e", "1"), std::uint64_t{4});
        QVERIFY(QTest::qWaitFor([&] { return seen.size() >= 5; }, 10000));
        QTest::qWait(300);
        QStringList keys;
        for (std::size_t i = 1; i < seen.size(); ++i)
            keys << seen[i].key;
        QCOMPARE(keys,
                 (QStringList{QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("d"), QStringLiteral("e")}));
        kv.stopWatch();
    }

    void fullDiskLosesNothing()
    {
        REQUIRE_NATS_SERVER();
        NatsServerFixture server;
        auto servicePtr = eventsServer(server, 100);
        QVERIFY(servicePtr);
        NatsTestClient& service = *servicePtr;
        Console c(newDb(), fastOptions(server.wsUrl()));
        QStringList errors;
        QObject::connect(c.client.get(), &SyncClient::storeError, [&](const QString& e) { errors << e; });
        c.client->start();
        QVERIFY(QTest::qWaitFor([&] { return c.client->caughtUp(); }, 15000));
        QVERIFY(c.contiguous(1, 100));

        // The disk fills up: SQLite cannot grow the file (max_page_count stands in for a full disk).
        sqlite::Statement pages(c.store->connection(), "PRAGMA page_count");
        QVERIFY(pages.next("pages").value());
        const std::string full = "PRAGMA max_page_count = " + std::to_string(pages.int64(0));
        QVERIFY(sqlite::exec(c.store->connection(), full.c_str(), "fill the disk").ok());
        QCOMPARE(service.publishEvents(101, 2000), 2000);
        QVERIFY(QTest::qWaitFor([&] { return !errors.isEmpty(); }, 10000));
        QVERIFY2(errors.first().contains(QStringLiteral("full")), qPrintable(errors.first()));
        // Nothing half-written, and the cursor did not move past what is stored. The pages' slack may take the first
        // batches before one fails (how many depends on how the events were batched, which a loaded machine
        // changes), so what is stored is checked, not a count.
        const std::int64_t stored = c.stats().maxSeq;
        QVERIFY2(stored >= 100 && stored < 2100, qPrintable(QString::number(stored)));
        QVERIFY(c.contiguous(1, stored));
        QCOMPARE(c.client->summary()["last_seq"]["EVENTS"].get<std::int64_t>(), stored);

        // Space again: the same events come back from the server and nothing is lost or doubled.
        QVERIFY(sqlite::exec(c.store->connection(), "PRAGMA max_page_count = 1073741823", "free the disk").ok());
        QVERIFY(QTest::qWaitFor([&] { return c.stats().count == 2100; }, 30000));
        QVERIFY(c.contiguous(1, 2100));
    }

    void requestsTimeOutAndRetry()
    {
        REQUIRE_NATS_SERVER();
        NatsServerFixture server;
        QVERIFY(server.start());
        NatsWsConnection conn(fastOptions(server.wsUrl()));
        JsApi api(&conn);
        conn.open();
        QVERIFY(QTest::qWaitFor([&] { return conn.isConnected(); }, 5000));

        // A responder that misses the first request (as a JetStream API call can while leaders are elected, G8).
        NatsWsConnection responderConn(fastOptions(server.wsUrl()));
        responderConn.open();
        QVERIFY(QTest::qWaitFor([&] { return responderConn.isConnected(); }, 5000));
        int seen = 0;
        responderConn.subscribe(QStringLiteral("svc.echo"), [&](const NatsFrame& f) {
            if (++seen > 1)
                responderConn.publish(QString::fromStdString(f.replyTo), QByteArray::fromStdString(f.payload));
        });
        QTest::qWait(200); // the SUB reaches the server
        std::optional<NatsReply> reply;
        RequestOptions o;
        o.timeoutMs = 400;
        o.attempts = 3;
        o.expectJson = false;
        api.request(
            QStringLiteral("svc.echo"), "ping-1", nullptr, [&](const NatsReply& r) { reply = r; }, o);
        QVERIFY(QTest::qWaitFor([&] { return reply.has_value(); }, 5000));
        QVERIFY2(reply->ok, qPrintable(reply->error));
        QCOMPARE(reply->payload, QByteArray("ping-1"));
        QCOMPARE(seen, 2);

        // Nobody listens: the server says "no responders" (503); after the retries the caller is told so.
        std::optional<NatsReply> none;
        api.request(
            QStringLiteral("svc.nobody"), "x", nullptr, [&](const NatsReply& r) { none = r; }, o);
        QVERIFY(QTest::qWaitFor([&] { return none.has_value(); }, 5000));
        QVERIFY(!none->ok);
        QVERIFY2(none->error.contains(QStringLiteral("no responders after 3 attempts")), qPrintable(none->error));
        QCOMPARE(api.pendingRequests(), std::size_t{0});
    }

    void answersThatAreNotJetStreamsAreRefusedNotFatal()
    {
        // A service that answers requests on a subject no stream takes: whatever it says is not a PubAck, and a wrong
        // type in it threw out of the reply handler and ended the console (again on every start: the outbox row stayed
        // pending). It is an answer without a stream sequence: failing it would hold every later command behind it.
        REQUIRE_NATS_SERVER();
        NatsServerFixture server;
        QVERIFY(server.start());
        NatsWsConnection conn(fastOptions(server.wsUrl()));
        NatsBackend backend(&conn);
        conn.open();
        QVERIFY(QTest::qWaitFor([&] { return conn.isConnected(); }, 5000));
        NatsWsConnection responderConn(fastOptions(server.wsUrl()));
        responderConn.open();
        QVERIFY(QTest::qWaitFor([&] { return responderConn.isConnected(); }, 5000));
        QByteArray answer;
        responderConn.subscribe(QStringLiteral("svc.odd"), [&](const NatsFrame& f) {
            responderConn.publish(QString::fromStdString(f.replyTo), answer);
        });
        QTest::qWait(200); // the SUB reaches the server
        const auto publish = [&](const QByteArray& reply) {
            answer = reply;
            std::optional<PublishAck> ack;
            backend.publish(
                QStringLiteral("svc.odd"), "{}", {}, nullptr, [&](const PublishAck& a) { ack = a; }, 2000);
            (void)QTest::qWaitFor([&] { return ack.has_value(); }, 10000);
            return ack;
        };
        for (const QByteArray& reply : {QByteArray(R"("accepted")"), QByteArray("1"), QByteArray(R"({"seq":"5"})"),
                                        QByteArray(R"({"seq":-3})"), QByteArray(R"({"stream":"X"})")}) {
            const auto ack = publish(reply);
            QVERIFY2(ack.has_value(), reply.constData());
            QVERIFY2(ack->ok && ack->seq == 0 && !ack->duplicate, reply.constData());
        }
        // An API error of the wrong shape is still an error, in JetStream's words where they can be read.
        auto ack = publish(R"({"error":{"err_code":"busy","description":7}})");
        QVERIFY(ack && !ack->ok);
        QCOMPARE(ack->error, QStringLiteral("JetStream error"));
        ack = publish(R"({"error":{"err_code":10077,"description":"maximum messages exceeded"}})");
        QVERIFY(ack && !ack->ok);
        QCOMPARE(ack->error, QStringLiteral("maximum messages exceeded"));
        // A PubAck reads as one.
        ack = publish(R"({"stream":"X","seq":12,"duplicate":true})");
        QVERIFY(ack && ack->ok);
        QCOMPARE(ack->seq, std::uint64_t{12});
        QVERIFY(ack->duplicate);
    }

    void failsOverToAClusterPeerItOnlyHeardOfInInfo()
    {
        // Two routed servers; the console is configured with the first only and learns the second from INFO's
        // connect_urls (G4). When the first dies it reconnects there and its subscriptions come back.
        REQUIRE_NATS_SERVER();
        const std::vector<quint16> routes = {freeLocalPort(), freeLocalPort()};
        NatsServerFixture a, b;
        QVERIFY2(a.start(clusterConfig(routes, 0)), qPrintable(a.log().right(600)));
        QVERIFY2(b.start(clusterConfig(routes, 1)), qPrintable(b.log().right(600)));

        NatsWsConnection conn(fastOptions(a.wsUrl()));
        std::vector<std::string> got;
        conn.subscribe(QStringLiteral("ops.failover"),
                       [&](const NatsFrame& f) { got.push_back(std::string(f.payload)); });
        conn.open();
        QVERIFY(QTest::qWaitFor([&] { return conn.isConnected(); }, 5000));
        const QString bHost = QUrl(b.wsUrl()).authority();
        // The route forms after start-up; the server then sends an INFO naming its peer.
        QVERIFY2(QTest::qWaitFor(
                     [&] {
                         const auto urls = conn.serverInfo().value("connect_urls", nlohmann::json::array());
                         return std::any_of(urls.begin(), urls.end(), [&](const nlohmann::json& u) {
                             return u.is_string() && QString::fromStdString(u.get<std::string>()) == bHost;
                         });
                     },
                     10000),
                 conn.serverInfo().dump().c_str());

        a.kill9();
        QVERIFY(QTest::qWaitFor([&] { return conn.isConnected() && conn.currentUrl() == b.wsUrl(); }, 10000));
        NatsTestClient peer(b.wsUrl());
        QVERIFY(peer.waitConnected());
        QVERIFY(QTest::qWaitFor(
            [&] {
                peer.conn->publish(QStringLiteral("ops.failover"), "after");
                return !got.empty();
            },
            5000));
        QCOMPARE(got.front(), std::string("after"));
        conn.close();
    }

    void threeNodeClusterLosesANodeAndSyncGoesOn()
    {
        // SYNC.md 5.6 case 10: EVENTS replicated on three routed servers; the console knows only the first.
        // That node is killed: the console moves to a peer from connect_urls, the stream elects another leader,
        // and the consumer resumes from the cursor: every event once, in order.
        REQUIRE_NATS_SERVER();
        const std::vector<quint16> routes = {freeLocalPort(), freeLocalPort(), freeLocalPort()};
        NatsServerFixture nodes[3];
        for (int i = 0; i < 3; ++i)
            QVERIFY2(nodes[i].start(clusterConfig(routes, i)), qPrintable(nodes[i].log().right(600)));

        NatsTestClient service(nodes[1].wsUrl());
        QVERIFY(service.waitConnected());
        nlohmann::json config = eventsStreamConfig();
        config["num_replicas"] = 3;
        // The JetStream meta group needs a moment to elect its leader after the routes form.
        QVERIFY(QTest::qWaitFor([&] { return service.createStream(config); }, 30000));
        QCOMPARE(service.publishEvents(1, 2000), 2000);

        Console c(newDb(), fastOptions(nodes[0].wsUrl()));
        c.client->start();
        QVERIFY(QTest::qWaitFor([&] { return c.stats().count >= 2000; }, 30000));
        nodes[0].kill9();
        // The service's own publishes fail while the stream elects a new leader; it retries them with the same
        // ids, which the stream's duplicate window turns into no-ops for those that did land.
        QVERIFY(QTest::qWaitFor([&] { return service.publishEvents(2001, 1000) == 1000; }, 30000));
        QVERIFY2(
            QTest::qWaitFor([&] { return c.stats().count >= 3000; }, 60000),
            qPrintable(QStringLiteral("%1 events, last error %2").arg(c.stats().count).arg(c.client->lastError())));
        QVERIFY(c.conn->currentUrl() != nodes[0].wsUrl());
        QTest::qWait(300);
        QVERIFY(c.contiguous(1, 3000));
    }

    void staleLinkIsDetectedByTheClientsOwnPings()
    {
        REQUIRE_NATS_SERVER();
        NatsServerFixture server;
        QVERIFY(server.start());
        TestProxy proxy(static_cast<quint16>(QUrl(server.wsUrl()).port()));
        NatsWsConnection conn(fastOptions(proxy.url()));
        QSignalSpy dropped(&conn, &NatsWsConnection::disconnected);
        conn.open();
        QVERIFY(QTest::qWaitFor([&] { return conn.isConnected(); }, 5000));
        proxy.setBlackhole(true);    // nothing closes; bytes just stop
        QVERIFY(dropped.wait(5000)); // 2 unanswered PINGs at 500 ms
        QVERIFY(dropped.at(0).at(0).toString().contains(QStringLiteral("stale connection")));
        proxy.setBlackhole(false);
        QVERIFY(QTest::qWaitFor([&] { return conn.isConnected(); }, 5000));
        QVERIFY(proxy.connections >= 2);
    }
};

QTEST_GUILESS_MAIN(TestSyncNats)
#include "test_sync_nats.moc"
