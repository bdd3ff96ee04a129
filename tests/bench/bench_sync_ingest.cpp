// The sync layer's hot path against a real nats-server on 127.0.0.1 (started here, random ports):
//  1. ingest: a fresh console database replays N events of ~300 bytes from EVENTS; events/s into SQLite
//     (each event parsed, checked against the contract, inserted with the cursor in batched transactions);
//  2. resume-to-live: that console is stopped, a backlog of B events is published, a new session starts on the same
//     database; ms from start() until it has caught up (connect + STREAM.INFO + consumer + replay + commit);
//  3. memory during a long replay: resident memory sampled every 100 ms while R events are replayed into another
//     fresh database (flat = bounded by batches and frames, not by the backlog).
//
//   build/dev/tests/bench/bench_sync_ingest [--events N] [--backlog B] [--replay R] [--json]
// Profiling a replay on a server of your own: --fill URL N, then --child-replay URL DB N (prints seconds and RSS).
// Needs nats-server on PATH.

#include "../sync/nats_server_fixture.h"
#include "../sync/nats_test_client.h"
#include "store/agent_store.h"
#include "sync/js_api.h"
#include "sync/ordered_consumer.h"
#include "sync/sync_client.h"
#include "sync/sync_store.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTimer>
#include <algorithm>
#include <cstdio>
#include <sys/resource.h>
#include <vector>

using namespace payops;
using namespace payops::sync;

namespace {

long residentKb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLong();
    return -1;
}

double cpuMs()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return (u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1000.0 + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1000.0;
}

// Fire-and-forget PUBs straight into the stream (the server stores them; no PubAck round trips), then wait until
// the stream holds them all.
bool fill(NatsTestClient& service, int first, int n)
{
    const QByteArray pad(200, 'x');
    for (int i = first; i < first + n; ++i) {
        NatsHeaders h;
        h.set("Nats-Msg-Id", "evt-" + std::to_string(i));
        const QByteArray body = "{\"schema\":1,\"n\":" + QByteArray::number(i) + ",\"pad\":\"" + pad + "\"}";
        service.conn->publish(QStringLiteral("evt.anomaly.acme.dimension.d%1").arg(i % 50), body, h);
        if (i % 2000 == 0)
            QCoreApplication::processEvents(); // let the queued bytes go out in bounded frames
    }
    const std::int64_t target = first + n - 1;
    return QTest::qWaitFor(
        [&] {
            const auto info = service.streamInfo(QStringLiteral("EVENTS"));
            return info.is_object() && info["state"].value("last_seq", std::int64_t{0}) >= target;
        },
        600000);
}

struct Session {
    Session(const QString& db, const QString& url)
    {
        store = std::move(AgentStore::open(db.toStdString()).value());
        syncStore = std::make_unique<SyncStore>(*store);
        syncStore->useBackgroundCheckpoints(); // as payops-agent sync and the console do
        NatsConnectionOptions o;
        o.urls = {url};
        conn = std::make_unique<NatsWsConnection>(o);
        SyncClientOptions so;
        so.streams = {{QStringLiteral("EVENTS"), {}}};
        client = std::make_unique<SyncClient>(conn.get(), syncStore.get(), so);
    }
    ~Session()
    {
        client->stop();
        conn->close();
    }
    std::unique_ptr<AgentStore> store;
    std::unique_ptr<SyncStore> syncStore;
    std::unique_ptr<NatsWsConnection> conn;
    std::unique_ptr<SyncClient> client;
};

// Replays `count` events into a fresh database, sampling resident memory every 100 ms; prints
// "seconds rss_start_kb rss_at_first_tenth_kb rss_max_after_first_tenth_kb rss_end_kb".
int childReplay(const QString& url, const QString& db, int count)
{
    Session s(db, url);
    std::vector<long> samples;
    QTimer sampler;
    QObject::connect(&sampler, &QTimer::timeout, [&] { samples.push_back(residentKb()); });
    sampler.start(100);
    const long start = residentKb();
    QElapsedTimer t;
    t.start();
    s.client->start();
    if (!QTest::qWaitFor([&] { return s.client->counters().received >= count; }, 1800000))
        return 1;
    const double seconds = t.elapsed() / 1000.0;
    long max = 0;
    // The first tenth warms up (SQLite page cache, socket buffers); flat means the rest does not grow.
    for (std::size_t i = samples.size() / 10; i < samples.size(); ++i)
        max = std::max(max, samples[i]);
    const long atTenth = samples.empty() ? 0 : samples[samples.size() / 10];
    std::printf("%.2f %ld %ld %ld %ld\n", seconds, start, atTenth, max, residentKb());
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    int events = 200000, backlog = 10000, replay = 1000000;
    bool json = false;
    for (int i = 1; i < argc; ++i) {
        const QByteArray a = argv[i];
        if (a == "--events" && i + 1 < argc)
            events = std::atoi(argv[++i]);
        else if (a == "--backlog" && i + 1 < argc)
            backlog = std::atoi(argv[++i]);
        else if (a == "--replay" && i + 1 < argc)
            replay = std::atoi(argv[++i]);
        else if (a == "--json")
            json = true;
    }
    if (argc == 4 && QByteArray(argv[1]) == "--fill") { // for profiling a replay on a server of your own
        NatsTestClient service(QString::fromLocal8Bit(argv[2]));
        return service.waitConnected() && service.createStream(eventsStreamConfig()) &&
                       fill(service, 1, std::atoi(argv[3]))
                   ? 0
                   : 1;
    }
    if (argc == 5 && QByteArray(argv[1]) == "--child-replay")
        return childReplay(QString::fromLocal8Bit(argv[2]), QString::fromLocal8Bit(argv[3]), std::atoi(argv[4]));
    if (NatsServerFixture::binary().isEmpty()) {
        std::fprintf(stderr, "bench_sync_ingest: nats-server is not installed (apt-get install nats-server)\n");
        return 2;
    }
    NatsServerFixture server;
    if (!server.start(QStringLiteral("max_payload: 1048576"))) {
        std::fprintf(stderr, "bench_sync_ingest: nats-server did not start\n");
        return 1;
    }
    QTemporaryDir tmp;
    NatsTestClient service(server.wsUrl());
    if (!service.waitConnected() || !service.createStream(eventsStreamConfig()))
        return 1;

    // 1. ingest
    const int total = std::max(events, replay);
    QElapsedTimer fillTimer;
    fillTimer.start();
    if (!fill(service, 1, total))
        return 1;
    const double fillSec = fillTimer.elapsed() / 1000.0;
    double ingestPerSec = 0;
    double ingestCpuShare = 0; // this process's CPU time / wall time while ingesting: ~1 means one core saturated
    std::int64_t ingestTransactions = 0;
    {
        // A stream of exactly `events` would need its own server; replay the first `events` of the big one by
        // stopping when the cursor reaches them.
        Session s(tmp.filePath(QStringLiteral("ingest.db")), server.wsUrl());
        const double cpuStart = cpuMs();
        QElapsedTimer t;
        t.start();
        s.client->start();
        (void)QTest::qWaitFor([&] { return s.client->counters().received >= events; }, 600000);
        ingestPerSec = s.client->counters().received / (t.elapsed() / 1000.0);
        ingestCpuShare = (cpuMs() - cpuStart) / static_cast<double>(t.elapsed());
        ingestTransactions = s.client->counters().transactions;
    }

    // 0. the ceiling: the same replay through an ordered consumer that only counts (no contract check, no SQLite).
    double rawPerSec = 0;
    {
        NatsConnectionOptions o;
        o.urls = {server.wsUrl()};
        NatsWsConnection conn(o);
        JsApi api(&conn);
        OrderedConsumerOptions co;
        co.stream = QStringLiteral("EVENTS");
        OrderedConsumer consumer(&conn, &api, co);
        std::int64_t n = 0;
        QObject::connect(&consumer, &OrderedConsumer::message, [&](const JsMessage&) { ++n; });
        conn.open();
        (void)QTest::qWaitFor([&] { return conn.isConnected(); }, 10000);
        QElapsedTimer t;
        t.start();
        consumer.start(1);
        (void)QTest::qWaitFor([&] { return n >= events; }, 600000);
        rawPerSec = n / (t.elapsed() / 1000.0);
        consumer.stop();
        conn.close();
    }

    // 2. resume-to-live with a backlog, on a console that had caught up.
    double resumeMs = 0;
    std::int64_t resumed = 0;
    {
        const QString db = tmp.filePath(QStringLiteral("resume.db"));
        {
            Session s(db, server.wsUrl());
            s.client->start();
            (void)QTest::qWaitFor([&] { return s.client->caughtUp(); }, 600000);
        }
        if (!fill(service, total + 1, backlog))
            return 1;
        Session s(db, server.wsUrl());
        QElapsedTimer t;
        t.start();
        s.client->start();
        (void)QTest::qWaitFor([&] { return s.client->caughtUp(); }, 600000);
        resumeMs = t.nsecsElapsed() / 1e6;
        resumed = s.client->counters().received;
    }

    // 3. memory during a long replay, in a fresh process so nothing the publishing and earlier phases left on the
    // heap hides (or inflates) the figure.
    long rssStart = 0, rssTenth = 0, rssMax = 0, rssEnd = 0;
    double replaySec = 0;
    {
        QProcess child;
        child.start(QCoreApplication::applicationFilePath(),
                    {QStringLiteral("--child-replay"), server.wsUrl(), tmp.filePath(QStringLiteral("replay.db")),
                     QString::number(replay)});
        if (!child.waitForFinished(1800000) || child.exitCode() != 0) {
            std::fprintf(stderr, "replay child failed: %s\n", child.readAllStandardError().constData());
            return 1;
        }
        const QList<QByteArray> f = child.readAllStandardOutput().trimmed().split(' ');
        if (f.size() == 5) {
            replaySec = f[0].toDouble();
            rssStart = f[1].toLong();
            rssTenth = f[2].toLong();
            rssMax = f[3].toLong();
            rssEnd = f[4].toLong();
        }
    }

    if (json) {
        std::printf("{\"events\": %d, \"delivery_only_events_per_s\": %.0f, \"ingest_events_per_s\": %.0f, "
                    "\"ingest_cpu_share\": %.2f, \"backlog\": %d, \"resume_to_live_ms\": %.1f, "
                    "\"resumed_events\": %lld, \"replay_events\": %d, \"replay_s\": %.1f, \"rss_kb_start\": %ld, "
                    "\"rss_kb_after_first_tenth\": %ld, \"rss_kb_max_after_warmup\": %ld, \"rss_kb_end\": %ld, "
                    "\"fill_s\": %.1f}\n",
                    events, rawPerSec, ingestPerSec, ingestCpuShare, backlog, resumeMs, static_cast<long long>(resumed),
                    replay, replaySec, rssStart, rssTenth, rssMax, rssEnd, fillSec);
    } else {
        std::printf("published %d events (~300 bytes) in %.1f s\n", total + backlog, fillSec);
        std::printf("delivery only (no check, no SQLite): %.0f events/s\n", rawPerSec);
        std::printf(
            "ingest: %d events into SQLite at %.0f events/s (%lld transactions, client CPU %.0f %% of a core)\n",
            events, ingestPerSec, static_cast<long long>(ingestTransactions), ingestCpuShare * 100);
        std::printf("resume-to-live: %.1f ms for a backlog of %lld events\n", resumeMs,
                    static_cast<long long>(resumed));
        std::printf("replay of %d events (fresh process): %.1f s (%.0f events/s); RSS %ld KB before, %ld KB after the "
                    "first tenth, at most %ld KB after that, %ld KB at the end\n",
                    replay, replaySec, replay / replaySec, rssStart, rssTenth, rssMax, rssEnd);
    }
    return 0;
}
