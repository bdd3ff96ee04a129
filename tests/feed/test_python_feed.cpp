// The Python original's telemetry feed: what each message becomes (rows, window figures, this console's own
// detection, gateway moves, interventions), what is refused and why, and a live feed over a real WebSocket
// server on 127.0.0.1 that goes away and comes back.
#include "feed/python_feed_client.h"
#include "feed/python_feed_reader.h"

#include <QSet>
#include <QSignalSpy>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketServer>
#include <algorithm>
#include <nlohmann/json.hpp>

using namespace payops;
using namespace payops::feed;
using nlohmann::json;

namespace {

constexpr double kStart = 1767225600.0; // seconds, as the feed sends them

// One message in the feed's format; fail_rate wobbles deterministically around `failPct`.
json message(int second, double failPct, double totalVolume, const std::string& gateway = "razorpay",
             json history = json::array())
{
    const double wobble = 0.4 * std::sin(second * 1.7);
    return {
        {"timestamp", kStart + second},
        {"total_volume", totalVolume},
        {"fail_rate", failPct + wobble},
        {"active_gateway", gateway},
        {"success_series", {100 - failPct}},
        {"latency_series", {180.0, 190.0 + wobble, 200.0 + second % 3}},
        {"thinking_log", {"watching " + gateway}},
        {"nrv", 1234.5},
        {"confidence", 87},
        {"safety_metrics",
         {{"false_positive_rate", 0.01}, {"avg_response_time_s", 2}, {"rollback_rate", 0}, {"human_escalations", 0}}},
        {"intervention_history", std::move(history)}};
}

const DimensionStats* stats(const CycleSnapshot& s, const std::string& key)
{
    return s.statsFor(key);
}

const IssuerHealth* health(const CycleSnapshot& s, const std::string& issuer)
{
    for (const IssuerHealth& h : s.issuerHealth)
        if (h.issuer == issuer)
            return &h;
    return nullptr;
}

} // namespace

class TestPythonFeed : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void messagesBecomeCyclesOnTheSamePages()
    {
        PythonFeedReader reader(defaultAgentConfig().detector);
        double volume = 5000; // cumulative; the console joins a feed that has been running
        CycleSnapshot last;
        for (int t = 0; t < 90; ++t) {
            volume += 20;
            auto s = reader.read(message(t, 5, volume).dump());
            QVERIFY2(s.ok(), s.ok() ? "" : s.error().c_str());
            QCOMPARE(s->cycle, t + 1);
            QCOMPARE(s->timeMs, static_cast<TimeMs>((kStart + t) * 1000));
            QVERIFY2(s->anomalies.empty(), "a quiet feed raised an anomaly");
            last = *s;
        }
        // The window is the last 60 s: 60 increments of 20.
        const DimensionStats* gw = stats(last, "issuer:razorpay");
        QVERIFY(gw);
        QCOMPARE(gw->count, 1200u);
        QVERIFY(std::abs(gw->successRate - (1 - (5 + 0.4 * std::sin(89 * 1.7)) / 100)) < 1e-9);
        QCOMPARE(gw->p95LatencyMs, 200.0 + 89 % 3);
        QVERIFY(stats(last, "global"));
        QCOMPARE(health(last, "razorpay")->state, HealthState::Healthy);
        QVERIFY(!last.scores.empty());
        QCOMPARE(reader.summary().gateway, std::string("razorpay"));
        QCOMPARE(reader.summary().confidencePct, 87.0);
        QCOMPARE(reader.summary().lastThought, std::string("watching razorpay"));

        // The gateway starts failing: this console's detector flags it within a few messages.
        int flaggedAt = -1;
        for (int t = 90; t < 100; ++t) {
            volume += 20;
            auto s = reader.read(message(t, 45, volume).dump());
            QVERIFY(s.ok());
            for (const Anomaly& a : s->anomalies)
                if (a.dimension == "issuer:razorpay" && flaggedAt < 0)
                    flaggedAt = t;
            if (flaggedAt >= 0)
                QVERIFY(health(*s, "razorpay")->state != HealthState::Healthy);
        }
        QVERIFY2(flaggedAt >= 0 && flaggedAt <= 92, qPrintable(QStringLiteral("flagged at %1").arg(flaggedAt)));

        // The agent moves traffic to another gateway and says so in its history.
        const json history = json::array({{{"ts", "00:01:40"},
                                           {"action", "switch_gateway"},
                                           {"target", "payu"},
                                           {"reason", "razorpay failing"},
                                           {"result", "success"},
                                           {"rate", 0.95}}});
        volume += 20;
        auto moved = reader.read(message(100, 4, volume, "payu", history).dump());
        QVERIFY(moved.ok());
        QVERIFY(moved->executed);
        QCOMPARE(moved->executed->option.type, std::string("switch_gateway"));
        QCOMPARE(moved->executed->option.target, std::string("issuer:payu"));
        QCOMPARE(moved->executed->appliedMs, moved->timeMs);
        // Only the active gateway has rates; its window holds only the traffic it carried (1 s so far). The one it
        // left keeps its traffic of the last 59 s in the window, without rates (it read 0 transactions).
        QCOMPARE(stats(*moved, "issuer:razorpay")->count, 59u * 20);
        QVERIFY(!stats(*moved, "issuer:razorpay")->hasRates());
        QCOMPARE(stats(*moved, "issuer:payu")->count, 20u);
        QCOMPARE(stats(*moved, "global")->count, 20u);
        const IssuerHealth* old = health(*moved, "razorpay");
        QVERIFY(old && !old->reasons.empty());
        QCOMPARE(old->reasons.back(), std::string("the agent moved its traffic to payu"));
        // The same history next second is not a new intervention.
        volume += 20;
        auto same = reader.read(message(101, 4, volume, "payu", history).dump());
        QVERIFY(same.ok());
        QVERIFY(!same->executed);
        // A minute later the new gateway's window is full.
        CycleSnapshot later;
        for (int t = 102; t < 162; ++t) {
            volume += 20;
            auto s = reader.read(message(t, 4, volume, "payu").dump());
            QVERIFY(s.ok());
            later = *s;
        }
        QCOMPARE(stats(later, "issuer:razorpay")->count, 0u); // out of the window
        QCOMPARE(stats(later, "issuer:payu")->count, 60u * 20);
    }

    void historyFromBeforeJoiningIsNotPlacedOnTheTimeline()
    {
        PythonFeedReader reader(defaultAgentConfig().detector);
        const json history = json::array({{{"ts", "09:00:00"}, {"action", "alert"}, {"target", "ops"}}});
        auto first = reader.read(message(0, 5, 100, "razorpay", history).dump());
        QVERIFY(first.ok());
        QVERIFY(!first->executed);
        auto second = reader.read(message(1, 5, 120, "razorpay", history).dump());
        QVERIFY(second.ok());
        QVERIFY(!second->executed);
    }

    // After a gap longer than the window (the link was down, the feed stalled) the counter's increase is traffic at
    // unknown times: it went into one slice (a minute of 300 times the usual volume, credited to the gateway active
    // now), and the history's entries new meanwhile were placed at the end of the gap. A shorter gap's traffic is in
    // the window either way, and counted.
    void aGapInTheFeedIsNotOneBurstOfTraffic()
    {
        PythonFeedReader reader(defaultAgentConfig().detector);
        double volume = 100;
        for (int t = 0; t < 3; ++t)
            QVERIFY(reader.read(message(t, 5, volume += 20).dump()).ok());
        auto shortGap = reader.read(message(10, 5, volume += 8 * 20).dump()); // 8 s without a message
        QVERIFY(shortGap.ok());
        QCOMPARE(stats(*shortGap, "issuer:razorpay")->count, 10u * 20); // 2 slices before, and the 8 s
        volume += 20 * 300;                                             // five minutes away
        const json during = json::array({{{"ts", "00:03:00"}, {"action", "alert"}, {"target", "ops"}}});
        auto back = reader.read(message(310, 5, volume, "razorpay", during).dump());
        QVERIFY(back.ok());
        QCOMPARE(stats(*back, "issuer:razorpay")->count, 0u); // nothing known of the last minute yet
        QVERIFY(!back->executed);
        const json after = json::array({{{"ts", "00:03:00"}, {"action", "alert"}, {"target", "ops"}},
                                        {{"ts", "00:05:04"}, {"action", "alert"}, {"target", "ops"}}});
        auto next = reader.read(message(311, 5, volume += 20, "razorpay", after).dump());
        QVERIFY(next.ok());
        QCOMPARE(stats(*next, "issuer:razorpay")->count, 20u);
        QVERIFY(next->executed); // new since the gap: placed
    }

    void badMessagesAreRefusedWithTheReasonAndChangeNothing()
    {
        PythonFeedReader reader(defaultAgentConfig().detector);
        QVERIFY(reader.read(message(0, 5, 100).dump()).ok());
        const auto refused = [&](const std::string& text, const std::string& expected) {
            auto r = reader.read(text);
            QVERIFY2(!r.ok(), text.c_str());
            QVERIFY2(r.error().find(expected) != std::string::npos, r.error().c_str());
        };
        refused("{\"timestamp\": 1767225601, \"fail_rate\": ", "not JSON (byte");
        refused("[1,2]", "not a JSON object");
        json m = message(1, 5, 120);
        m.erase("fail_rate");
        refused(m.dump(), "\"fail_rate\" is missing");
        m = message(1, 5, 120);
        m["timestamp"] = "yesterday";
        refused(m.dump(), "\"timestamp\" is not a number");
        m = message(1, 150, 120);
        refused(m.dump(), "\"fail_rate\" is a percentage");
        refused(message(0, 5, 120).dump(), "is not after the previous message's"); // a repeat
        m = message(1, 5, 120);
        m["nrv"] = "lots";
        refused(m.dump(), "\"nrv\" is not a number");
        // A number no double holds: refused (it threw past the reader and ended the console).
        refused(R"({"timestamp": 1767225601, "fail_rate": 5, "total_volume": 120, "nrv": 1e999})",
                "not readable JSON: number overflow");
        // Milliseconds, or beyond any clock: refused (taken, every later message was "not after" it).
        m = message(1, 5, 120);
        m["timestamp"] = 1767225601000.0;
        refused(m.dump(), "is not seconds since 1970");
        m["timestamp"] = 1e17;
        refused(m.dump(), "is not seconds since 1970");
        m["timestamp"] = -5;
        refused(m.dump(), "is not seconds since 1970");
        // Nothing above moved the reader: the next good message is cycle 2 with the window from message 1.
        auto next = reader.read(message(1, 5, 120).dump());
        QVERIFY(next.ok());
        QCOMPARE(next->cycle, 2);
        QCOMPARE(next->statsFor("issuer:razorpay")->count, 20u);
        QCOMPARE(reader.messages(), 2);
    }

    void aRestartedVolumeCounterKeepsTheWindowRight()
    {
        PythonFeedReader reader(defaultAgentConfig().detector);
        QVERIFY(reader.read(message(0, 5, 1000).dump()).ok());
        QVERIFY(reader.read(message(1, 5, 1030).dump()).ok());
        auto restarted = reader.read(message(2, 5, 10).dump()); // the feed restarted: counter from 0 again
        QVERIFY(restarted.ok());
        QCOMPARE(restarted->statsFor("issuer:razorpay")->count, 40u); // 30 before, 10 after: never negative
    }

    void followsALiveFeedAcrossItsRestarts()
    {
        QWebSocketServer server(QStringLiteral("python-demo"), QWebSocketServer::NonSecureMode);
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        QList<QWebSocket*> clients;
        connect(&server, &QWebSocketServer::newConnection, this, [&] {
            clients << server.nextPendingConnection();
            clients.back()->setParent(&server); // the caller owns accepted sockets
        });
        const QUrl url(QStringLiteral("ws://127.0.0.1:%1").arg(server.serverPort()));

        PythonFeedClient client(url);
        std::vector<CycleSnapshotPtr> cycles;
        QStringList problems;
        QSet<QString> runs; // one per client, kept across the feed's restarts
        connect(&client, &PythonFeedClient::cycle, this, [&](const QString& run, const CycleSnapshotPtr& s) {
            QVERIFY(run.startsWith(QStringLiteral("feed-")));
            runs.insert(run);
            cycles.push_back(s);
        });
        connect(&client, &PythonFeedClient::problem, this, [&](const QString& p) { problems << p; });
        client.start();
        QTRY_COMPARE_WITH_TIMEOUT(clients.size(), 1, 5000);
        QTRY_COMPARE(client.status().state, FeedState::Live);
        for (int t = 0; t < 5; ++t)
            clients.back()->sendTextMessage(QString::fromStdString(message(t, 5, 100 + 20 * t).dump()));
        QTRY_COMPARE(cycles.size(), std::size_t(5));

        // Garbage twice: refused, counted twice, reported once.
        clients.back()->sendTextMessage(QStringLiteral("{not json"));
        clients.back()->sendTextMessage(QStringLiteral("{not json"));
        QTRY_COMPARE(client.status().refused, std::int64_t(2));
        QCOMPARE(problems.size(), 1);
        QVERIFY(problems.front().contains(QStringLiteral("not JSON")));
        // The feed's clock stepped back: every message is "not after" with its own timestamp, said once (each
        // number made it a new problem, said once a second). Good and bad messages in turn: said again only after
        // a minute of good ones.
        for (int t = 1; t <= 3; ++t)
            clients.back()->sendTextMessage(QString::fromStdString(message(t, 5, 200).dump()));
        QTRY_COMPARE(client.status().refused, std::int64_t(5));
        QCOMPARE(problems.size(), 2);
        QVERIFY(problems.back().contains(QStringLiteral("is not after")));
        for (int t = 10; t <= 40; t += 10) {
            clients.back()->sendTextMessage(QString::fromStdString(message(t, 5, 200).dump()));
            clients.back()->sendTextMessage(QStringLiteral("{not json"));
            clients.back()->sendTextMessage(QString::fromStdString(message(t - 5, 5, 200).dump()));
        }
        QTRY_COMPARE(client.status().refused, std::int64_t(13));
        QCOMPARE(problems.size(), 2); // both kinds said already, in turn or not
        for (int t = 41; t <= 105; ++t)
            clients.back()->sendTextMessage(QString::fromStdString(message(t, 5, 200 + t).dump()));
        clients.back()->sendTextMessage(QStringLiteral("{not json"));
        QTRY_COMPARE(client.status().refused, std::int64_t(14));
        QCOMPARE(problems.size(), 3); // after a good minute, said again
        const std::size_t cyclesBefore = cycles.size();

        // The feed restarts: the client notices, comes back by itself and goes on where it was.
        clients.back()->close();
        QTRY_COMPARE_WITH_TIMEOUT(client.status().state, FeedState::Reconnecting, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(clients.size(), 2, 10000);
        QTRY_COMPARE(client.status().state, FeedState::Live);
        clients.back()->sendTextMessage(QString::fromStdString(message(106, 5, 400).dump()));
        QTRY_COMPARE(cycles.size(), cyclesBefore + 1);
        QCOMPARE(cycles.back()->cycle, static_cast<std::int64_t>(cyclesBefore + 1));
        QCOMPARE(runs.size(), 1); // the same run (and triage) across the restart

        // Another client (a console restarted, a source switch) numbers its anomalies from 1 again: its own run, so
        // an earlier client's anomaly #1 and its triage are not handed to this one's.
        PythonFeedClient another(url);
        connect(&another, &PythonFeedClient::cycle, this,
                [&](const QString& run, const CycleSnapshotPtr&) { runs.insert(run); });
        another.start();
        QTRY_COMPARE_WITH_TIMEOUT(clients.size(), 3, 5000);
        QTRY_COMPARE(another.status().state, FeedState::Live);
        clients.back()->sendTextMessage(QString::fromStdString(message(0, 5, 100).dump()));
        QTRY_COMPARE(runs.size(), 2);
        another.stop();

        client.stop();
        QCOMPARE(client.status().state, FeedState::Closed);
        QTRY_VERIFY(clients.back()->state() != QAbstractSocket::ConnectedState);
    }

    // A feed that takes each connection and closes it was tried again every half second for good (the backoff started
    // over on connecting); one that connects and falls silent (hung, or a half-open link) read "Live" for good.
    void aFeedThatClosesAtOnceOrFallsSilentIsRetriedWithBackoff()
    {
        QWebSocketServer closing(QStringLiteral("closes"), QWebSocketServer::NonSecureMode);
        QVERIFY(closing.listen(QHostAddress::LocalHost, 0));
        int accepted = 0;
        connect(&closing, &QWebSocketServer::newConnection, this, [&] {
            QWebSocket* s = closing.nextPendingConnection();
            s->setParent(&closing);
            ++accepted;
            s->close();
        });
        PythonFeedClient client(QUrl(QStringLiteral("ws://127.0.0.1:%1").arg(closing.serverPort())));
        client.start();
        QTRY_VERIFY_WITH_TIMEOUT(client.status().attempt >= 3, 15000);
        QVERIFY(accepted >= 3);
        client.stop();

        QWebSocketServer silent(QStringLiteral("silent"), QWebSocketServer::NonSecureMode);
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        connect(&silent, &QWebSocketServer::newConnection, this,
                [&] { silent.nextPendingConnection()->setParent(&silent); });
        PythonFeedClient quiet(QUrl(QStringLiteral("ws://127.0.0.1:%1").arg(silent.serverPort())),
                               defaultAgentConfig().detector, 500);
        std::vector<FeedState> states;
        connect(&quiet, &PythonFeedClient::statusChanged, this,
                [&](const FeedStatus& st) { states.push_back(st.state); });
        quiet.start();
        QTRY_VERIFY_WITH_TIMEOUT(std::count(states.begin(), states.end(), FeedState::Live) >= 1, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(quiet.status().state, FeedState::Reconnecting, 5000);
        QVERIFY2(quiet.status().lastError.contains(QStringLiteral("no message for 0.5 s")),
                 qPrintable(quiet.status().lastError));
        quiet.stop();
    }

    void anUnreachableFeedIsRetried()
    {
        QWebSocketServer probe(QStringLiteral("port"), QWebSocketServer::NonSecureMode);
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 port = probe.serverPort();
        probe.close(); // nothing listens there now
        PythonFeedClient client(QUrl(QStringLiteral("ws://127.0.0.1:%1").arg(port)));
        client.start();
        QTRY_VERIFY_WITH_TIMEOUT(client.status().attempt >= 2, 10000);
        QCOMPARE(client.status().state, FeedState::Reconnecting);
        QVERIFY(!client.status().lastError.isEmpty());
        client.stop();
    }
};

QTEST_GUILESS_MAIN(TestPythonFeed)
#include "test_python_feed.moc"
