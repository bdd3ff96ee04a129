// The observation window and its latency histogram: exact where promised, bounded error above, incremental
// aggregates equal to a recomputation from scratch, and the time window with its last-N fallback.
#include "stream/coarse_latency_histogram.h"
#include "stream/latency_histogram.h"
#include "stream/rng.h"
#include "stream/scenario_loader.h"
#include "stream/simulator.h"
#include "stream/transaction_window.h"

#include <QTest>
#include <algorithm>
#include <cmath>
#include <map>

using namespace payops;

namespace {

std::uint32_t nearestRank(std::vector<std::uint32_t> v, double q)
{
    std::sort(v.begin(), v.end());
    const auto rank = static_cast<std::size_t>(std::max(1.0, std::ceil(q * static_cast<double>(v.size()))));
    return v[rank - 1];
}

// A list of transactions' figures recomputed from scratch, with the window's definitions.
struct Recomputed {
    std::uint32_t success = 0, highRetry = 0;
    std::uint64_t latencySum = 0;
    std::vector<std::uint32_t> latencies;
};
Recomputed recompute(const std::vector<Transaction>& ts, int highRetryCount)
{
    Recomputed r;
    for (const auto& t : ts) {
        r.success += t.outcome == Outcome::Success;
        r.highRetry += t.retries >= highRetryCount;
        r.latencySum += t.latencyMs;
        r.latencies.push_back(t.latencyMs);
    }
    return r;
}

const DimensionStats& find(const std::vector<DimensionStats>& stats, const std::string& key)
{
    return *std::find_if(stats.begin(), stats.end(), [&](const auto& s) { return s.key == key; });
}

// One cycle of simulated traffic up to `now`, into the window as the runtime feeds it; returns what arrived.
std::vector<Transaction> feedCycle(Simulator& sim, TransactionWindow& window, TimeMs now)
{
    std::vector<Transaction> fresh;
    sim.advanceTo(now, fresh);
    window.ingest(fresh);
    window.advanceTo(now);
    return fresh;
}

} // namespace

class TestStream : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void percentilesExactBelowALimitAndBoundedAbove()
    {
        Rng rng(5);
        LatencyHistogram h;
        std::vector<std::uint32_t> small, all;
        for (int i = 0; i < 20000; ++i) {
            const auto v = static_cast<std::uint32_t>(rng.uniform(40, 1000));
            h.add(v);
            small.push_back(v);
        }
        for (double q : {0.5, 0.95, 0.99, 1.0})
            QCOMPARE(h.percentile(q), nearestRank(small, q));
        // Remove half again: still exact.
        for (int i = 0; i < 10000; ++i)
            h.remove(small[i]);
        small.erase(small.begin(), small.begin() + 10000);
        QCOMPARE(h.percentile(0.95), nearestRank(small, 0.95));

        LatencyHistogram wide;
        for (int i = 0; i < 20000; ++i) {
            const auto v = static_cast<std::uint32_t>(rng.exponential(3000)) + 1;
            wide.add(v);
            all.push_back(v);
        }
        for (double q : {0.5, 0.95, 0.99}) {
            const double exact = nearestRank(all, q);
            const double approx = wide.percentile(q);
            QVERIFY2(approx >= exact && approx <= exact * (1.0 + 1.0 / 32.0) + 1,
                     qPrintable(QStringLiteral("q %1: %2 vs %3").arg(q).arg(approx).arg(exact)));
        }
        QCOMPARE(LatencyHistogram().percentile(0.95), 0u);
    }

    // The recent window's histogram: exact below 16 ms, within one step of 1/16 below a value above, to the largest
    // latency there is; what is merged in can be taken out again.
    void coarseHistogramBoundsAndMerge()
    {
        for (const std::uint32_t v : {0u, 15u, 16u, 17u, 1000u, 65'535u, 1u << 31, 0xFFFFFFFFu}) {
            CoarseLatencyHistogram h;
            h.add(v);
            const std::uint32_t p = h.percentile(1.0);
            QVERIFY2(p <= v && static_cast<double>(p) >= v / (1.0 + 1.0 / 16), qPrintable(QString::number(v)));
            if (v < 16)
                QCOMPARE(p, v);
        }
        CoarseLatencyHistogram a, b;
        for (std::uint32_t v = 100; v < 200; ++v)
            a.add(v);
        for (std::uint32_t v = 900; v < 1000; ++v)
            b.add(v);
        const std::uint32_t before = a.percentile(0.95);
        a.merge(b, +1);
        QCOMPARE(a.count(), 200u);
        QVERIFY(a.percentile(0.95) >= 900 / (1.0 + 1.0 / 16));
        a.merge(b, -1);
        QCOMPARE(a.count(), 100u);
        QCOMPARE(a.percentile(0.95), before);
        const CoarseLatencyHistogram all = a;
        a.merge(all, -1);
        QCOMPARE(a.count(), 0u);
        QCOMPARE(a.percentile(0.95), 0u);
    }

    void incrementalWindowEqualsRecomputation()
    {
        AgentConfig c = defaultAgentConfig();
        c.simulator.ratePerS = 200;
        Dictionary dict;
        Simulator sim(c.simulator, dict, 17);
        TransactionWindow window(dict, 30000, 50, 3);
        std::vector<Transaction> all;
        for (int step = 1; step <= 40; ++step) {
            const TimeMs now = c.simulator.startTimeMs + step * 8000LL;
            const std::vector<Transaction> fresh = feedCycle(sim, window, now);
            all.insert(all.end(), fresh.begin(), fresh.end());

            // Recompute from scratch with the same definitions.
            std::vector<Transaction> inWindow;
            for (const auto& t : all) {
                if (t.timestampMs >= now - 30000)
                    inWindow.push_back(t);
            }
            const auto stats = window.stats();
            const auto& g = find(stats, "global");
            QCOMPARE(std::size_t(g.count), inWindow.size());
            const Recomputed exact = recompute(inWindow, 3);
            QCOMPARE(g.success, exact.success);
            QCOMPARE(g.meanLatencyMs, double(exact.latencySum) / inWindow.size());
            QCOMPARE(g.highRetryShare, double(exact.highRetry) / inWindow.size());
            QCOMPARE(g.p95LatencyMs, double(nearestRank(exact.latencies, 0.95)));
            // One issuer too.
            const auto hdfc = *dict.issuers.find("HDFC");
            std::uint32_t hdfcCount = 0;
            for (const auto& t : inWindow)
                hdfcCount += t.issuer == hdfc;
            QCOMPARE(find(stats, "issuer:HDFC").count, hdfcCount);
        }
    }

    // The recent window (the window rules' second look) is the last cycles' transactions, for the global dimension,
    // every issuer and every method, through a new retry threshold, a new count of cycles and a clear.
    void recentWindowIsTheLastCycles()
    {
        AgentConfig c = defaultAgentConfig();
        c.simulator.ratePerS = 200;
        Dictionary dict;
        Simulator sim(c.simulator, dict, 23);
        TransactionWindow window(dict, 30000, 50, 3);
        QVERIFY(window.recentStats().empty()); // off until set
        window.setRecentCycles(3);
        std::vector<std::vector<Transaction>> cycles;
        int highRetryCount = 3;
        const auto check = [&](std::size_t lastCycles) {
            std::vector<Transaction> recent;
            for (std::size_t k = cycles.size() - std::min(lastCycles, cycles.size()); k < cycles.size(); ++k)
                recent.insert(recent.end(), cycles[k].begin(), cycles[k].end());
            const auto stats = window.recentStats();
            QCOMPARE(stats.size(), 1 + dict.issuers.size() + dict.methods.size()); // no paths
            QCOMPARE(stats.front().key, std::string("global"));
            const auto& g = find(stats, "global");
            QCOMPARE(std::size_t(g.count), recent.size());
            const Recomputed r = recompute(recent, highRetryCount);
            std::uint32_t hdfc = 0, upi = 0;
            for (const auto& t : recent) {
                hdfc += t.issuer == *dict.issuers.find("HDFC");
                upi += t.method == *dict.methods.find("upi");
            }
            QCOMPARE(g.success, r.success);
            QCOMPARE(g.highRetryShare, double(r.highRetry) / recent.size());
            QCOMPARE(g.meanLatencyMs, double(r.latencySum) / recent.size());
            // The p95 to within the coarse histogram's step: never above the exact one, at most 1/16 below it.
            const double exact = nearestRank(r.latencies, 0.95);
            QVERIFY2(g.p95LatencyMs <= exact && g.p95LatencyMs >= exact / (1.0 + 1.0 / 16),
                     qPrintable(QStringLiteral("p95 %1, exact %2").arg(g.p95LatencyMs).arg(exact)));
            QCOMPARE(find(stats, "issuer:HDFC").count, hdfc);
            QCOMPARE(find(stats, "method:upi").count, upi);
            for (const auto& s : stats) // the cycles they cover, fewer while the run is younger than the window
                QCOMPARE(std::size_t(s.cycles), std::min(lastCycles, cycles.size()));
        };
        for (int step = 1; step <= 8; ++step) {
            const TimeMs now = c.simulator.startTimeMs + step * 8000LL;
            cycles.push_back(feedCycle(sim, window, now));
            (void)window.takeCycleStats(); // closes the cycle
            check(3);
        }
        // A new high-retry threshold, or another count of cycles, starts the recent window afresh.
        highRetryCount = 2;
        window.setWindow(30000, 50, highRetryCount);
        QCOMPARE(find(window.recentStats(), "global").count, 0u);
        window.setRecentCycles(2);
        QCOMPARE(find(window.recentStats(), "global").count, 0u);
        for (int step = 9; step <= 12; ++step) {
            const TimeMs now = c.simulator.startTimeMs + step * 8000LL;
            cycles.push_back(feedCycle(sim, window, now));
            (void)window.takeCycleStats();
            check(std::min<std::size_t>(2, static_cast<std::size_t>(step - 8)));
        }
        // A restored window (its retained transactions ingested again) rebuilds the same recent cycles.
        {
            TransactionWindow restored(dict, 30000, 50, highRetryCount);
            restored.setRecentCycles(2);
            restored.ingest(window.retained());
            const TimeMs end = c.simulator.startTimeMs + 12 * 8000LL;
            restored.advanceTo(end);
            restored.startCycle();
            restored.rebuildRecentCycles(end, 8000, 12);
            const auto live = window.recentStats(), again = restored.recentStats();
            QCOMPARE(again.size(), live.size());
            for (std::size_t k = 0; k < live.size(); ++k) {
                QCOMPARE(again[k].key, live[k].key);
                QCOMPARE(again[k].count, live[k].count);
                QCOMPARE(again[k].success, live[k].success);
                QCOMPARE(again[k].highRetryShare, live[k].highRetryShare);
                QCOMPARE(again[k].p95LatencyMs, live[k].p95LatencyMs);
                QCOMPARE(again[k].cycles, live[k].cycles);
            }
            // A run restored after its first cycle has one recent cycle, not one and empty ones before its start.
            TransactionWindow young(dict, 30000, 50, highRetryCount);
            young.setRecentCycles(2);
            young.ingest(window.retained());
            young.advanceTo(end);
            young.startCycle();
            young.rebuildRecentCycles(end, 8000, 1);
            QCOMPARE(find(young.recentStats(), "global").cycles, 1u);
            QCOMPARE(std::size_t(find(young.recentStats(), "global").count), cycles.back().size());
        }
        // A cycle not closed yet is not in it.
        (void)feedCycle(sim, window, c.simulator.startTimeMs + 13 * 8000LL);
        check(2);
        window.clear();
        QCOMPARE(find(window.recentStats(), "global").count, 0u);
        window.setRecentCycles(0);
        QVERIFY(window.recentStats().empty());
    }

    // Every issuer the dictionary knows is a dimension, with transactions in the window or not: one known from a
    // restored checkpoint whose window held none of its transactions used to be missing until its next one, so
    // its series stopped and a flag on it read as cleared.
    void everyKnownIssuerIsADimension()
    {
        Dictionary dict;
        const auto hdfc = *dict.issuers.intern("HDFC");
        (void)dict.issuers.intern("SBI"); // known (a checkpoint's dictionary), no transaction in this window
        const auto upi = *dict.methods.intern("upi");
        TransactionWindow window(dict, 30000, 0, 3);
        Transaction t;
        t.method = upi;
        t.id = 1;
        t.timestampMs = 1000;
        t.latencyMs = 200;
        t.issuer = hdfc;
        window.ingest(std::vector<Transaction>{t});
        window.advanceTo(2000);
        const auto stats = window.stats();
        const auto sbi = std::find_if(stats.begin(), stats.end(), [](const auto& s) { return s.key == "issuer:SBI"; });
        QVERIFY(sbi != stats.end());
        QCOMPARE(sbi->count, 0u);
        QCOMPARE(find(stats, "issuer:HDFC").count, 1u);
    }

    void cycleStatsCountOnlyTheTransactionsOfTheCycle()
    {
        AgentConfig c = defaultAgentConfig();
        c.simulator.ratePerS = 200;
        Dictionary dict;
        Simulator sim(c.simulator, dict, 23);
        TransactionWindow window(dict, 30000, 50, 3);
        for (int step = 1; step <= 12; ++step) {
            const std::vector<Transaction> fresh = feedCycle(sim, window, c.simulator.startTimeMs + step * 8000LL);
            const auto cycle = window.takeCycleStats();
            const auto upi = *dict.methods.find("upi");
            std::uint32_t ok = 0, upiCount = 0;
            std::uint64_t retries = 0, latency = 0;
            std::map<std::string, std::uint32_t> codes;
            for (const auto& t : fresh) {
                ok += t.outcome == Outcome::Success;
                retries += t.retries;
                latency += t.latencyMs;
                upiCount += t.method == upi;
                if (t.outcome != Outcome::Success)
                    ++codes[dict.errorCodes.name(t.errorCode)];
            }
            const auto& g = find(cycle, "global");
            QCOMPARE(std::size_t(g.count), fresh.size());
            QCOMPARE(g.success, ok);
            QCOMPARE(g.meanRetries, double(retries) / double(fresh.size()));
            QCOMPARE(g.meanLatencyMs, double(latency) / double(fresh.size()));
            QCOMPARE(find(cycle, "method:upi").count, upiCount);
            // Each issuer x method path: its count, failures and their codes (whose failures a method's are:
            // spillover.h).
            std::map<std::string, std::pair<std::uint32_t, std::uint32_t>> paths;
            std::map<std::string, std::map<std::string, std::uint32_t>> pathCodes;
            for (const auto& t : fresh) {
                const std::string key =
                    dimensionKey(DimensionKind::Path, dict.issuers.name(t.issuer), dict.methods.name(t.method));
                auto& p = paths[key];
                ++p.first;
                p.second += t.failed() ? 1 : 0;
                if (t.outcome != Outcome::Success)
                    ++pathCodes[key][dict.errorCodes.name(t.errorCode)];
            }
            std::size_t pathRows = 0;
            for (const auto& c : cycle) {
                if (c.kind != DimensionKind::Path)
                    continue;
                ++pathRows;
                const std::string key = dimensionKey(c.kind, c.issuer, c.method);
                QCOMPARE(std::make_pair(c.count, c.failures()), paths.at(key));
                std::map<std::string, std::uint32_t> got;
                for (const auto& code : c.failureCodes)
                    got[code.code] = code.count;
                QCOMPARE(got, pathCodes[key]);
            }
            QCOMPARE(pathRows, paths.size());
            // Failures by code, commonest first, and every one counted.
            std::map<std::string, std::uint32_t> reported;
            for (std::size_t i = 0; i < g.failureCodes.size(); ++i) {
                reported[g.failureCodes[i].code] = g.failureCodes[i].count;
                if (i > 0)
                    QVERIFY(g.failureCodes[i - 1].count >= g.failureCodes[i].count);
            }
            QCOMPARE(reported, codes);
            QVERIFY(!codes.empty());
            if (step > 1) // the window holds earlier cycles too
                QVERIFY(find(window.stats(), "global").count > g.count);
        }
        QCOMPARE(find(window.takeCycleStats(), "global").count, 0u); // nothing since the last call
        QVERIFY(!feedCycle(sim, window, c.simulator.startTimeMs + 13 * 8000LL).empty());
        window.startCycle(); // e.g. a restored window: history, not this cycle
        QCOMPARE(find(window.takeCycleStats(), "global").count, 0u);
    }

    void cycleStatsCountTheSlowTailAgainstItsBar()
    {
        Dictionary dict;
        const auto hdfc = *dict.issuers.intern("HDFC");
        const auto axis = *dict.issuers.intern("AXIS");
        const auto upi = *dict.methods.intern("upi");
        TransactionWindow window(dict, 30000, 0, 3);
        QVERIFY(window.setSlowBar("issuer:HDFC", 500));
        QVERIFY(window.setSlowBar("method:upi", 300));
        QVERIFY(!window.setSlowBar("issuer:NOPE", 500));
        QVERIFY(!window.setSlowBar("issuer:HDFC/method:upi", 500)); // paths have no cycle figures
        const auto ingest = [&](std::uint16_t issuer, std::uint32_t latencyMs) {
            Transaction t;
            t.timestampMs = 1000;
            t.issuer = issuer;
            t.method = upi;
            t.latencyMs = latencyMs;
            window.ingest(t);
        };
        for (std::uint32_t ms : {100u, 500u, 501u, 2000u})
            ingest(hdfc, ms);
        ingest(axis, 900);
        auto cycle = window.takeCycleStats();
        const auto slow = [&](const std::string& key) {
            const DimensionStats& s = find(cycle, key);
            return std::tuple{s.slowTx, s.slowTested, s.slowBarMs};
        };
        QCOMPARE(slow("issuer:HDFC"), std::tuple(2u, 4u, 500u)); // 500 ms is not slower than 500 ms
        QCOMPARE(slow("issuer:AXIS"), std::tuple(0u, 0u, 0u));   // no bar: nothing counted
        QCOMPARE(slow("method:upi"), std::tuple(4u, 5u, 300u));
        QCOMPARE(slow("global"), std::tuple(0u, 0u, 0u));
        // The bars stay for the next cycle, the counts start again; a bar of 0 turns counting off.
        QVERIFY(window.setSlowBar("method:upi", 0));
        ingest(hdfc, 700);
        cycle = window.takeCycleStats();
        QCOMPARE(slow("issuer:HDFC"), std::tuple(1u, 1u, 500u));
        QCOMPARE(slow("method:upi"), std::tuple(0u, 0u, 0u));
        // A bar for an issuer the window has not seen yet holds once its traffic comes.
        const auto sbi = *dict.issuers.intern("SBI");
        QVERIFY(window.setSlowBar("issuer:SBI", 100));
        ingest(sbi, 150);
        cycle = window.takeCycleStats();
        QCOMPARE(slow("issuer:SBI"), std::tuple(1u, 1u, 100u));
    }

    // A scenario built without the config's names (in code, or parsed without them) is checked when it starts: the
    // error still points at the line and column that named each unknown issuer or method, and suggests a name.
    void anUnknownIssuerInAScenarioIsReportedWhereItIsWritten()
    {
        const AgentConfig c = defaultAgentConfig();
        const std::string yaml = "name: typo\nevents:\n  - label: outage\n    issuer: HDFCC\n    set: {success: 0.3}\n"
                                 "  - label: fatigue\n    method: UPl\n    set: {success: 0.5}\n";
        const auto scenario = parseScenario(yaml, "typo.yaml");
        QVERIFY2(scenario.ok(), scenario.ok() ? "" : scenario.error().c_str());
        Dictionary dict;
        Simulator sim(c.simulator, dict, 7);
        Status s = sim.setScenario(*scenario, c.simulator.startTimeMs);
        QVERIFY(!s.ok());
        QCOMPARE(QString::fromStdString(s.error()),
                 QStringLiteral("typo.yaml:4:13: scenario 'typo', event 'outage': unknown issuer 'HDFCC' "
                                "(simulator.issuers has HDFC, ICICI, AXIS, SBI; did you mean 'HDFC'?)\n"
                                "typo.yaml:7:13: scenario 'typo', event 'fatigue': unknown method 'UPl' "
                                "(simulator.methods has card, upi, netbanking, wallet, bnpl; did you mean 'upi'?)"));

        // Read with the config's names, the same mistakes come with the file's others, in the order of the file.
        const ScenarioNames names = scenarioNamesOf(c.simulator);
        const auto checked =
            parseScenario(yaml + "  - label: third\n    at_s: -1\n    set: {success: 0.5}\n", "typo.yaml", &names);
        QVERIFY(!checked.ok());
        QCOMPARE(QString::fromStdString(checked.error()),
                 QStringLiteral("typo.yaml:4:13: events[0].issuer: unknown issuer 'HDFCC' (simulator.issuers has "
                                "HDFC, ICICI, AXIS, SBI; did you mean 'HDFC'?)\n"
                                "typo.yaml:7:13: events[1].method: unknown method 'UPl' (simulator.methods has card, "
                                "upi, netbanking, wallet, bnpl; did you mean 'upi'?)\n"
                                "typo.yaml:10:11: events[2].at_s: -1 is out of range (must be in [0, 31536000])"));
        QVERIFY(parseScenario(yaml, "typo.yaml").ok()); // without names, nothing to check them against
    }

    void aSlowTailReachesItsShareOfTheTransactions()
    {
        AgentConfig c = defaultAgentConfig();
        c.simulator.ratePerS = 400;
        // Far beyond anything the drift reaches (latency_max_ms 2000, jitter 20 %), so slow ones are unmistakable.
        const auto scenario = parseScenario("name: tail\nevents:\n  - label: slow route\n    issuer: HDFC\n    share: "
                                            "0.2\n    set: {latency_ms: 5000}\n",
                                            "tail.yaml");
        QVERIFY2(scenario.ok(), scenario.ok() ? "" : scenario.error().c_str());
        Dictionary dict;
        Simulator sim(c.simulator, dict, 7);
        QVERIFY(sim.setScenario(*scenario, c.simulator.startTimeMs).ok());
        std::vector<Transaction> txs;
        sim.advanceTo(c.simulator.startTimeMs + 300000, txs);
        const auto hdfc = *dict.issuers.find("HDFC");
        std::uint32_t hdfcCount = 0, hdfcSlow = 0, otherSlow = 0;
        for (const Transaction& t : txs) {
            const bool slow = t.latencyMs >= 4000;
            if (t.issuer == hdfc) {
                ++hdfcCount;
                hdfcSlow += slow;
            } else {
                otherSlow += slow;
            }
        }
        QVERIFY(hdfcCount > 5000);
        // Within four binomial spreads of a fifth; the other issuers untouched.
        const double spread = std::sqrt(hdfcCount * 0.2 * 0.8);
        QVERIFY2(std::abs(hdfcSlow - 0.2 * hdfcCount) < 4 * spread,
                 qPrintable(QStringLiteral("%1 of %2 slow").arg(hdfcSlow).arg(hdfcCount)));
        QCOMPARE(otherSlow, 0u);

        // A scenario built in code is checked too: below 1, a share may change latency only.
        Scenario bad = *scenario;
        bad.events[0].overrides.push_back({PathParam::Success, 0.5, std::nullopt});
        QVERIFY(!sim.setScenario(bad, c.simulator.startTimeMs).ok());
        bad = *scenario;
        bad.events[0].share = 0;
        QVERIFY(!sim.setScenario(bad, c.simulator.startTimeMs).ok());
    }

    // Paths without a slow tail draw no extra random number: a run whose tail has not started yet is the run without
    // a scenario, transaction for transaction.
    void aTailNotStartedYetChangesNothing()
    {
        AgentConfig c = defaultAgentConfig();
        const auto later = parseScenario(
            "name: later\nevents:\n  - label: slow route\n    at_s: 3600\n    share: 0.2\n    scale: {latency_ms: 5}\n",
            "later.yaml");
        QVERIFY(later.ok());
        Dictionary dictA, dictB;
        Simulator a(c.simulator, dictA, 11), b(c.simulator, dictB, 11);
        QVERIFY(b.setScenario(*later, c.simulator.startTimeMs).ok());
        std::vector<Transaction> ta, tb;
        a.advanceTo(c.simulator.startTimeMs + 600000, ta);
        b.advanceTo(c.simulator.startTimeMs + 600000, tb);
        QCOMPARE(ta.size(), tb.size());
        QVERIFY(ta.size() > 1000);
        for (std::size_t i = 0; i < ta.size(); ++i)
            QVERIFY(ta[i].latencyMs == tb[i].latencyMs && ta[i].outcome == tb[i].outcome &&
                    ta[i].issuer == tb[i].issuer);
    }

    void fallsBackToTheLastTransactionsWhenTheWindowIsThin()
    {
        Dictionary dict;
        const auto issuer = *dict.issuers.intern("HDFC");
        const auto method = *dict.methods.intern("card");
        TransactionWindow window(dict, 10000, 50, 3);
        for (int i = 0; i < 80; ++i) {
            Transaction t;
            t.id = i;
            t.timestampMs = i * 1000; // 1 per second
            t.issuer = issuer;
            t.method = static_cast<std::uint8_t>(method);
            t.latencyMs = 100 + i;
            window.ingest(t);
        }
        window.advanceTo(79000);
        QCOMPARE(window.windowCount(), std::size_t(11)); // 69..79 s
        const auto stats = window.stats();
        QCOMPARE(find(stats, "global").count, 50u); // < 50 in the time window: the last 50
        QCOMPARE(find(stats, "global").meanLatencyMs, 100 + (30 + 79) / 2.0);
        QVERIFY(window.retainedCount() >= 50);
        QCOMPARE(window.oldestRetainedMs(), TimeMs(30000));
    }

    void aBurstAfterAQuietSpellKeepsEveryCountedTransaction()
    {
        // After the window thinned out below the fallback minimum, a burst that fills the ring must not overwrite
        // transactions the aggregates still count (they are subtracted again when they leave the window).
        Dictionary dict;
        const auto issuer = *dict.issuers.intern("HDFC");
        const auto method = static_cast<std::uint8_t>(*dict.methods.intern("card"));
        TransactionWindow window(dict, 10000, 50, 3);
        auto tx = [&](std::uint64_t id, TimeMs ts) {
            Transaction t;
            t.id = id;
            t.timestampMs = ts;
            t.issuer = issuer;
            t.method = method;
            t.latencyMs = 100;
            return t;
        };
        for (int i = 0; i < 60; ++i)
            window.ingest(tx(i, i * 1000));
        window.advanceTo(100000); // everything left the time window; the last 50 stay retained
        for (int i = 0; i < 3000; ++i)
            window.ingest(tx(1000 + i, 100000 + i));
        QCOMPARE(window.windowCount(), std::size_t(3000));
        QCOMPARE(window.retainedCount(), std::size_t(3000)); // counted ones cover the fallback minimum
        const auto retained = window.retained();
        QCOMPARE(retained.front().id, std::uint64_t(1000));
        QCOMPARE(retained.back().id, std::uint64_t(3999));
        window.advanceTo(112000); // cut-off 102 000: the burst's last 1000 remain
        auto stats = window.stats();
        QCOMPARE(find(stats, "global").count, 1000u);
        QCOMPARE(find(stats, "global").success, 1000u);
        window.advanceTo(200000); // all gone: the fallback shows exactly the last 50
        stats = window.stats();
        QCOMPARE(find(stats, "global").count, 50u);
        QCOMPARE(window.windowCount(), std::size_t(0));
    }

    void memoryIsBoundedByTheWindowNotTheRunLength()
    {
        // 24 simulated hours at 1 000 tx/s through a 300 s window: the window never holds more than it must.
        // Under AddressSanitizer 86 M transactions outlast the test watchdog; 2 hours (24 windows) still show it.
#if defined(__SANITIZE_ADDRESS__)
        constexpr TimeMs kRunMs = 2LL * 3600 * 1000;
#else
        constexpr TimeMs kRunMs = 24LL * 3600 * 1000;
#endif
        AgentConfig c = defaultAgentConfig();
        c.simulator.ratePerS = 1000;
        Dictionary dict;
        Simulator sim(c.simulator, dict, 3);
        TransactionWindow window(dict, c.detector.windowMs, c.detector.minWindowTx, 3);
        std::size_t maxRetained = 0;
        for (TimeMs t = 8000; t <= kRunMs; t += 8000) {
            (void)feedCycle(sim, window, c.simulator.startTimeMs + t);
            maxRetained = std::max(maxRetained, window.retainedCount());
        }
        QVERIFY2(maxRetained < 1000 * 300 * 1.05 + 8000, qPrintable(QString::number(maxRetained)));
        QVERIFY(window.cumulativeGlobal().count > static_cast<std::uint64_t>(kRunMs) * 93 / 100); // ~1 tx/ms
    }
};

QTEST_GUILESS_MAIN(TestStream)
#include "test_stream.moc"
