// Baselines, the four pattern detectors, merging, confidence, and hypotheses - including the defects of the
// original that are fixed (score before update, anomalous windows not dragging the baseline, latency spike on
// the rolling path, one anomaly per issuer, hypotheses that resolve).
#include "reasoning/anomaly_detector.h"
#include "reasoning/binomial.h"
#include "reasoning/hypothesis_tracker.h"
#include "runtime/json_codec.h"

#include <QTest>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

using namespace payops;

namespace {

DimensionStats issuerStats(const std::string& issuer, std::uint32_t count, double success, double p95 = 250,
                           double meanRetries = 0.1, double highShare = 0.0)
{
    DimensionStats s;
    s.kind = DimensionKind::Issuer;
    s.issuer = issuer;
    s.key = dimensionKey(s.kind, issuer, {});
    s.count = count;
    s.success = static_cast<std::uint32_t>(std::lround(count * success));
    s.softFail = count - s.success;
    s.successRate = static_cast<double>(s.success) / count;
    s.failureShare = 1.0 - s.successRate;
    s.meanLatencyMs = p95 * 0.8;
    s.p95LatencyMs = p95;
    s.meanRetries = meanRetries;
    s.highRetryShare = highShare;
    s.topErrorCode = "91";
    s.topErrorShare = 0.8;
    return s;
}

DimensionStats withKind(DimensionStats s, DimensionKind kind, const std::string& method = {})
{
    s.kind = kind;
    s.issuer = kind == DimensionKind::Issuer ? s.issuer : std::string();
    s.method = method;
    s.key = dimensionKey(kind, s.issuer, method);
    return s;
}

// These tests pin the original z-score rules and their arithmetic; the detector core is tested in test_detect.
AgentConfig config()
{
    AgentConfig c = defaultAgentConfig();
    c.detector.method = "zscore";
    return c;
}

} // namespace

class TestReasoning : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void scoresBeforeUpdating()
    {
        // Baseline at 0.95 with tiny noise, then an outage window at 0.60.
        EwmaBaseline b;
        for (int i = 0; i < 20; ++i)
            b.update(0.95 + (i % 2 ? 0.005 : -0.005), 0.2);
        const double zBefore = -b.z(0.60, 0.01);
        QVERIFY2(zBefore > 10.0, qPrintable(QString::number(zBefore)));
        // The original updated first, which caps z at sqrt(5) = 2.236 for alpha 0.2 whatever happened.
        EwmaBaseline updatedFirst = b;
        updatedFirst.update(0.60, 0.2);
        const double zAfter = -updatedFirst.z(0.60, 0.0001);
        QVERIFY2(zAfter <= std::sqrt(5.0) + 1e-9, qPrintable(QString::number(zAfter))); // AGENT.md: 2.236
    }

    void zScoreRulesFlagEveryMetricBeforeTheFixedThresholds_data()
    {
        QTest::addColumn<int>("metric"); // 0 method success, 1 mean retries, 2 p95 latency
        QTest::addColumn<int>("pattern");
        QTest::newRow("method success 0.95 -> 0.90") << 0 << static_cast<int>(Pattern::MethodFatigue);
        QTest::newRow("mean retries 0.10 -> 0.50") << 1 << static_cast<int>(Pattern::RetryStorm);
        QTest::newRow("p95 250 -> 330 ms") << 2 << static_cast<int>(Pattern::LatencySpike);
    }

    void zScoreRulesFlagEveryMetricBeforeTheFixedThresholds()
    {
        // Each change is far beyond its EWMA band yet under its fixed threshold (failure share 0.40, mean retries
        // 2.0, p95 ratio): only the z-score rule can see it, and it names the z in its evidence.
        QFETCH(int, metric);
        QFETCH(int, pattern);
        const auto stats = [&](bool incident) {
            DimensionStats s = withKind(issuerStats("x", 400, 0.95), DimensionKind::Method, "upi");
            if (incident && metric == 0) {
                s.success = 360;
                s.softFail = 40;
                s.successRate = 0.90;
                s.failureShare = 0.10;
            }
            s.meanRetries = incident && metric == 1 ? 0.50 : 0.10;
            s.p95LatencyMs = incident && metric == 2 ? 330 : 250;
            return s;
        };
        AnomalyDetector d(config().detector);
        for (int i = 0; i < 20; ++i)
            QVERIFY(d.detect({stats(false)}, i * 8000).active.empty());
        const auto r = d.detect({stats(true)}, 160000);
        QCOMPARE(r.active.size(), std::size_t(1));
        const Anomaly& a = r.active.front();
        QVERIFY(a.has(static_cast<Pattern>(pattern)));
        bool zEvidence = false;
        for (const Evidence& e : a.evidence)
            zEvidence |= e.pattern == static_cast<Pattern>(pattern) && e.rule.find(" z ") != std::string::npos &&
                         e.z >= config().detector.zThreshold;
        QVERIFY(zEvidence);
    }

    void theDetectorScoresAnOutageBeforeLearningFromIt()
    {
        // Through the detector itself: with the original update-first order the success z of any window is capped
        // at sqrt(5) = 2.236 whatever the outage; scored first, a 0.95 -> 0.60 drop is far beyond that.
        AnomalyDetector d(config().detector);
        for (int i = 0; i < 20; ++i)
            (void)d.detect({issuerStats("HDFC", 400, i % 2 ? 0.955 : 0.945)}, i * 8000);
        const auto r = d.detect({issuerStats("HDFC", 400, 0.60)}, 160000);
        QCOMPARE(r.active.size(), std::size_t(1));
        double z = 0;
        for (const auto& e : r.active[0].evidence) {
            if (e.metric == "success_rate")
                z = e.z;
        }
        QVERIFY2(z > 10.0, qPrintable(QString::number(z)));
        QVERIFY(r.scores[0].successZ > 10.0);
    }

    void firstSampleSetsTheMeanAndVarianceFormula()
    {
        EwmaBaseline b;
        b.update(10, 0.2);
        QCOMPARE(b.mean, 10.0);
        QCOMPARE(b.variance, 0.0);
        b.update(20, 0.2); // mean 12, var = 0.2 * (20 - 12)^2 = 12.8
        QCOMPARE(b.mean, 12.0);
        QVERIFY(std::abs(b.variance - 12.8) < 1e-12);
    }

    void issuerDegradationByZAndByFailureShare()
    {
        AnomalyDetector d(config().detector);
        const int warm = config().detector.baselineWarmupCycles;
        for (int i = 0; i < warm; ++i)
            QVERIFY(d.detect({issuerStats("HDFC", 400, 0.95)}, i * 8000).active.empty());
        // 0.90: failure share 0.10 (< 0.20) but z = 5 / floor 0.01 -> flagged by z alone.
        auto r = d.detect({issuerStats("HDFC", 400, 0.90)}, warm * 8000);
        QCOMPARE(r.active.size(), std::size_t(1));
        QCOMPARE(r.active[0].primary(), Pattern::IssuerDegradation);
        QVERIFY(r.active[0].evidence[0].z >= 2.0);
        QVERIFY(std::abs(r.active[0].severity - 0.10) < 1e-9); // severity = failure share
        // With fewer than 10 transactions z does not count, but a failure share surely above 0.20 with >= 5 tx
        // does: all 6 failing (Wilson lower bound 0.61), not 3 of 6 (0.19: a good issuer has such windows).
        AnomalyDetector fresh(config().detector);
        QVERIFY(fresh.detect({issuerStats("AXIS", 6, 0.5)}, 0).active.empty());
        auto small = fresh.detect({issuerStats("AXIS", 6, 0.0)}, 8000);
        QCOMPARE(small.active.size(), std::size_t(1));
        QCOMPARE(QString::fromStdString(small.active[0].evidence[0].metric), QStringLiteral("failure_share"));
        QVERIFY(fresh.detect({issuerStats("SBI", 4, 0.0)}, 16000).active.empty()); // < 5 tx: nothing
    }

    // A share rule's evidence carries the share's own z against its bar, in the bar's sampling spread. It carried
    // the window's success-rate (or mean-retries) z against its EWMA baseline, a figure shown nowhere, and that
    // became the anomaly's z and confidence: a failure share of 0.436 over a bar of 0.40 showed "z 0.89".
    void aShareRuleShowsTheZOfItsShareAgainstTheBar()
    {
        const DetectorConfig c = config().detector;
        AnomalyDetector d(c);
        const int warm = c.baselineWarmupCycles;
        for (int i = 0; i < warm; ++i) // a baseline at 0.70, so the success-rate z differs from the share's
            (void)d.detect({issuerStats("AXIS", 200, i % 2 ? 0.69 : 0.71)}, i * 8000);
        auto r = d.detect({issuerStats("AXIS", 200, 0.60)}, warm * 8000); // share 0.40 over the bar 0.20
        QCOMPARE(r.active.size(), std::size_t(1));
        const Evidence* share = nullptr;
        for (const Evidence& e : r.active[0].evidence)
            if (e.metric == "failure_share")
                share = &e;
        QVERIFY(share);
        QVERIFY(share->zFromTail);
        QCOMPARE(share->baseline, c.degradationFailureShare);
        QVERIFY(std::abs(share->baselineStd - std::sqrt(0.2 * 0.8 / 200)) < 1e-12);
        QCOMPARE(share->z, binomialUpperDeviate(80, 200, 0.2));
        QVERIFY2(share->z > 6 && std::abs(share->z - r.scores[0].successZ) > 1,
                 qPrintable(QStringLiteral("%1 %2").arg(share->z).arg(r.scores[0].successZ)));
        QVERIFY(r.active[0].maxAbsZ >= share->z);

        // Held just above the bar, the share is barely beyond it, and says so.
        AnomalyDetector held(c);
        (void)held.detect({issuerStats("AXIS", 6, 0.0)}, 0);    // all 6 failing: surely above 0.20
        r = held.detect({issuerStats("AXIS", 32, 0.75)}, 8000); // 0.25: held
        QCOMPARE(r.active.size(), std::size_t(1));
        QCOMPARE(r.active[0].evidence.size(), std::size_t(1));
        QCOMPARE(r.active[0].evidence[0].z, binomialUpperDeviate(8, 32, 0.2));
        QVERIFY(r.active[0].evidence[0].z < 1.0);
        QCOMPARE(r.active[0].maxAbsZ, r.active[0].evidence[0].z);

        // The share of transactions retrying three times or more, the same way (bar 0.20 by default).
        AnomalyDetector stormed(c);
        r = stormed.detect({issuerStats("AXIS", 100, 0.95, 250, 1.0, 0.5)}, 0);
        const Evidence* retries = nullptr;
        for (const Evidence& e : r.active.at(0).evidence)
            if (e.metric == "high_retry_share")
                retries = &e;
        QVERIFY(retries);
        QVERIFY(retries->zFromTail);
        QCOMPARE(retries->z, binomialUpperDeviate(50, 100, c.retryStormShare));
    }

    // A share just over the bar passes its sampling-error bound in one window and not in the next (the bound moves
    // with the count); once flagged, the rule holds while the share itself stays above the bar, so the incident
    // stays one anomaly instead of clearing and opening a new one.
    void aFailureShareFlagHoldsWhileTheShareStaysAboveItsBar()
    {
        const DetectorConfig c = config().detector;
        AnomalyDetector d(c);
        auto r = d.detect({issuerStats("AXIS", 6, 0.0)}, 0); // all 6 failing: surely above 0.20
        QCOMPARE(r.active.size(), std::size_t(1));
        const std::int64_t id = r.active[0].id;
        const auto quarter = issuerStats("AXIS", 32, 0.75); // share 0.25, Wilson lower bound 0.13: not surely above
        r = d.detect({quarter}, 8000);
        QCOMPARE(r.active.size(), std::size_t(1));
        QCOMPARE(r.active[0].id, id);
        QVERIFY(r.cleared.empty());
        QCOMPARE(QString::fromStdString(r.active[0].evidence[0].rule),
                 QStringLiteral("failure share 0.250 still > 0.20"));
        // The same window on a dimension that was not flagged raises nothing, nor on one flagged last cycle by
        // another rule only (a retry storm): the hold continues a failure-share flag, it does not open one.
        AnomalyDetector fresh(c);
        QVERIFY(fresh.detect({quarter}, 8000).active.empty());
        AnomalyDetector stormed(c);
        r = stormed.detect({issuerStats("AXIS", 32, 0.875, 250, 2.5)}, 0); // share 0.125, mean retries 2.5 > 2
        QCOMPARE(r.active.size(), std::size_t(1));
        QCOMPARE(r.active[0].primary(), Pattern::RetryStorm);
        QVERIFY(stormed.detect({quarter}, 8000).active.empty());
        // Below the bar the flag clears.
        r = d.detect({issuerStats("AXIS", 32, 0.875)}, 16000);
        QVERIFY(r.active.empty());
        QCOMPARE(r.cleared.size(), std::size_t(1));
        QCOMPARE(r.cleared[0].id, id);
        // And a method's fatigue share is held the same way (bar 0.40).
        const auto upi = [](std::uint32_t n, double success) {
            return withKind(issuerStats("x", n, success), DimensionKind::Method, "upi");
        };
        AnomalyDetector m(c);
        QCOMPARE(m.detect({upi(10, 0.0)}, 0).active.size(), std::size_t(1));
        r = m.detect({upi(40, 0.55)}, 8000); // 0.45 > 0.40, lower bound 0.30
        QCOMPARE(r.active.size(), std::size_t(1));
        QCOMPARE(r.active[0].primary(), Pattern::MethodFatigue);
        QVERIFY(QString::fromStdString(r.active[0].evidence[0].rule).contains(QStringLiteral("still >")));
    }

    // A five-minute window peaks after an incident shorter than five minutes has ended: on 20 seeds its fixed bars
    // raised 191 new anomalies after their incidents had ended. A window rule now flags only while the recent window
    // passes the bar too; once flagged, the window holds it.
    void windowRulesFlagOnlyWhileTheRecentWindowAgrees()
    {
        const DetectorConfig c = config().detector;
        // A recent window's row, over the cycles it covers (8 once a run has closed that many).
        const auto last = [](DimensionStats s, std::uint32_t cycles = 8) {
            s.cycles = cycles;
            return s;
        };
        const auto axis = issuerStats("AXIS", 200, 0.70); // failure share 0.30, surely above 0.20
        AnomalyDetector plain(c);                         // a caller without a recent window: the window alone
        QCOMPARE(plain.detect({axis}, {}, 0).active.size(), std::size_t(1));

        AnomalyDetector d(c);
        QVERIFY(d.detect({axis}, {}, {last(issuerStats("AXIS", 40, 0.95))}, 0).active.empty()); // over: the echo
        const auto global = withKind(issuerStats("x", 100, 0.95), DimensionKind::Global);
        QVERIFY(d.detect({axis}, {}, {last(global)}, 8000).active.empty()); // no recent transactions on AXIS at all
        // Above the bar, but not beyond its sampling error: 5 of 20 (a rerouted issuer's last minute, the outage's last
        // seconds among them).
        QVERIFY(d.detect({axis}, {}, {last(issuerStats("AXIS", 20, 0.75))}, 12000).active.empty());
        auto r = d.detect({axis}, {}, {last(issuerStats("AXIS", 40, 0.65))}, 16000);
        QCOMPARE(r.active.size(), std::size_t(1));
        QCOMPARE(QString::fromStdString(r.active[0].evidence[0].rule),
                 QStringLiteral("failure share 0.300 > 0.20 beyond sampling error; last 8 cycles: 0.350"));
        const std::int64_t id = r.active[0].id;
        r = d.detect({axis}, {}, {last(issuerStats("AXIS", 40, 0.95))}, 24000); // held by the window
        QCOMPARE(r.active.size(), std::size_t(1));
        QCOMPARE(r.active[0].id, id);
        QCOMPARE(QString::fromStdString(r.active[0].evidence[0].rule),
                 QStringLiteral("failure share 0.300 still > 0.20"));

        // The retry storm's bars (mean retries above 2, a share retrying 3+ times above 0.20) the same way.
        AnomalyDetector storm(c);
        const auto stormy = issuerStats("SBI", 200, 0.95, 250, 2.5, 0.3);
        QVERIFY(storm.detect({stormy}, {}, {last(issuerStats("SBI", 40, 0.95, 250, 0.3, 0.0))}, 0).active.empty());
        r = storm.detect({stormy}, {}, {last(issuerStats("SBI", 40, 0.95, 250, 2.6, 0.1))}, 8000);
        QCOMPARE(r.active.size(), std::size_t(1));
        QCOMPARE(r.active[0].evidence.size(), std::size_t(1)); // the share's bar is not passed in the last minute
        QCOMPARE(QString::fromStdString(r.active[0].evidence[0].rule),
                 QStringLiteral("mean retries 2.50 > 2.00; last 8 cycles: 2.60"));
        r = storm.detect({stormy}, {}, {last(issuerStats("SBI", 40, 0.95, 250, 0.3, 0.0))}, 16000);
        QCOMPARE(r.active.size(), std::size_t(1)); // held: mean retries flagged last cycle
        QCOMPARE(r.active[0].evidence.size(), std::size_t(1));
        QCOMPARE(QString::fromStdString(r.active[0].evidence[0].rule),
                 QStringLiteral("mean retries 2.50 > 2.00; held; last 8 cycles: 0.30"));
        // No recent row for SBI (none of its transactions lately): held, and the note has the window's cycles.
        r = storm.detect({stormy}, {}, {last(withKind(issuerStats("x", 100, 0.95), DimensionKind::Global))}, 24000);
        QCOMPARE(r.active.size(), std::size_t(1));
        QCOMPARE(QString::fromStdString(r.active[0].evidence[0].rule),
                 QStringLiteral("mean retries 2.50 > 2.00; held; last 8 cycles: 0.00"));

        // And the p95 latency against its baseline (method likelihood: no window z-score rule beside it).
        DetectorConfig lc = c;
        lc.method = "likelihood";
        AnomalyDetector slow(lc);
        const auto calm = issuerStats("ICICI", 200, 0.95, 250);
        for (int i = 0; i < lc.baselineWarmupCycles; ++i)
            QVERIFY(slow.detect({calm}, {}, {last(issuerStats("ICICI", 40, 0.95, 250))}, i * 8000).active.empty());
        const auto spiked = issuerStats("ICICI", 200, 0.95, 500);
        const TimeMs t = lc.baselineWarmupCycles * 8000LL;
        QVERIFY(slow.detect({spiked}, {}, {last(issuerStats("ICICI", 40, 0.95, 250))}, t).active.empty());
        r = slow.detect({spiked}, {}, {last(issuerStats("ICICI", 40, 0.95, 600))}, t + 8000);
        QCOMPARE(r.active.size(), std::size_t(1));
        QVERIFY2(QString::fromStdString(r.active[0].evidence[0].rule).contains(QStringLiteral("; last 8 cycles: 2.")),
                 r.active[0].evidence[0].rule.c_str());

        // In a new run's first cycles the note counts the cycles there have been, not the configured eight.
        for (const auto& [cycles, note] :
             {std::pair{3u, "; last 3 cycles: 0.350"}, std::pair{1u, "; last cycle: 0.350"}}) {
            AnomalyDetector fresh(c);
            r = fresh.detect({axis}, {}, {last(issuerStats("AXIS", 40, 0.65), cycles)}, 0);
            QCOMPARE(r.active.size(), std::size_t(1));
            QVERIFY2(QString::fromStdString(r.active[0].evidence[0].rule).endsWith(QLatin1String(note)),
                     r.active[0].evidence[0].rule.c_str());
        }
    }

    void retryStormMethodFatigueLatencySpike()
    {
        AnomalyDetector d(config().detector);
        const auto global = withKind(issuerStats("x", 500, 0.95, 250, 0.2), DimensionKind::Global);
        const auto upi = withKind(issuerStats("x", 100, 0.95), DimensionKind::Method, "upi");
        for (int i = 0; i < config().detector.baselineWarmupCycles; ++i)
            QVERIFY(d.detect({global, upi}, i * 8000).active.empty());

        auto storm = withKind(issuerStats("x", 500, 0.95, 250, 1.2, 0.25), DimensionKind::Global); // share > 0.20
        auto r = d.detect({storm, upi}, 40000);
        QCOMPARE(r.active.size(), std::size_t(1));
        QCOMPARE(r.active[0].primary(), Pattern::RetryStorm);
        QVERIFY(std::abs(r.active[0].severity - 0.30) < 1e-9); // min(max(1.2/4, 0.25), 1)

        auto fatigued = withKind(issuerStats("x", 100, 0.55), DimensionKind::Method, "upi"); // failure 0.45 > 0.40
        r = d.detect({global, fatigued}, 48000);
        QCOMPARE(r.active.size(), std::size_t(1));
        QCOMPARE(r.active[0].primary(), Pattern::MethodFatigue);
        QCOMPARE(QString::fromStdString(r.active[0].dimension), QStringLiteral("method:upi"));

        // p95 250 -> 500 is 2x the baseline (> 1.5x): the original never fired this on its rolling path.
        auto slow = withKind(issuerStats("x", 500, 0.95, 500, 0.2), DimensionKind::Global);
        r = d.detect({slow, upi}, 56000);
        QCOMPARE(r.active.size(), std::size_t(1));
        QCOMPARE(r.active[0].primary(), Pattern::LatencySpike);
        QVERIFY(std::abs(r.active[0].severity - 0.5) < 1e-9); // (2 - 1) / 2
    }

    void sameIssuerTwoRulesIsOneAnomaly()
    {
        AnomalyDetector d(config().detector);
        for (int i = 0; i < config().detector.baselineWarmupCycles; ++i)
            (void)d.detect({issuerStats("HDFC", 400, 0.95, 250)}, i * 8000);
        auto r = d.detect({issuerStats("HDFC", 400, 0.60, 900)}, 40000);
        QCOMPARE(r.active.size(), std::size_t(1));
        QVERIFY(r.active[0].has(Pattern::IssuerDegradation));
        QVERIFY(r.active[0].has(Pattern::LatencySpike));
        QVERIFY(r.active[0].evidence.size() >= 3); // z, failure share, p95 ratio
    }

    void anomalousWindowsDoNotDragTheBaseline()
    {
        DetectorConfig skip = config().detector;
        skip.anomalousUpdateWeight = 0.0; // skip entirely
        AnomalyDetector d(skip);
        for (int i = 0; i < 10; ++i)
            (void)d.detect({issuerStats("HDFC", 400, 0.95)}, i * 8000);
        const double before = d.baselines().at("issuer:HDFC").successRate.mean;
        for (int i = 0; i < 20; ++i) {
            auto r = d.detect({issuerStats("HDFC", 400, 0.50)}, 40000 + i * 8000);
            QVERIFY2(!r.active.empty(), "a long outage must stay flagged, not become the new normal");
        }
        QCOMPARE(d.baselines().at("issuer:HDFC").successRate.mean, before);

        // Down-weighted (the default 0.1): each anomalous window moves the mean by alpha * 0.1 of the gap only,
        // where an ordinary update would move it by alpha.
        AnomalyDetector weighted(config().detector);
        for (int i = 0; i < 10; ++i)
            (void)weighted.detect({issuerStats("HDFC", 400, 0.95)}, i * 8000);
        const double m0 = weighted.baselines().at("issuer:HDFC").successRate.mean;
        (void)weighted.detect({issuerStats("HDFC", 400, 0.50)}, 80000);
        const double m1 = weighted.baselines().at("issuer:HDFC").successRate.mean;
        QVERIFY(std::abs((m0 - m1) - 0.2 * 0.1 * (m0 - 0.50)) < 1e-12);
    }

    void cycleRulesSeeWhatTheWindowDoesNotYet()
    {
        // The window still says 0.95 (one cycle moves a five-minute window by under 3 %); the cycle's own
        // transactions say 0.50. Only the cycle rule sees it, with the cycle's figures as evidence.
        const DetectorConfig c = config().detector;
        const auto method = [](double success, double retries = 0.1) {
            return withKind(issuerStats("x", 60, success, 250, retries), DimensionKind::Method, "upi");
        };
        const auto warmup = static_cast<int>(std::ceil(1.0 / c.cycleEwmaAlpha));
        AnomalyDetector d(c);
        for (int i = 0; i < warmup; ++i) // cycles alternate 0.93 / 0.97: spread 0.02
            QVERIFY(d.detect({method(0.95)}, {method(i % 2 ? 0.97 : 0.93)}, i * 8000).active.empty());
        auto r = d.detect({method(0.95)}, {method(0.50)}, warmup * 8000);
        QCOMPARE(r.active.size(), std::size_t(1));
        QVERIFY(r.active[0].has(Pattern::MethodFatigue));
        const Evidence& e = r.active[0].evidence.front();
        QCOMPARE(QString::fromStdString(e.metric), QStringLiteral("cycle_success_rate"));
        QVERIFY2(e.z >= c.cycleZThreshold, qPrintable(QString::number(e.z)));
        QVERIFY(std::abs(e.value - 0.50) < 0.02);

        // Retries: a cycle whose mean jumps from ~0.1 to 2.5.
        AnomalyDetector storm(c);
        for (int i = 0; i < warmup; ++i)
            (void)storm.detect({method(0.95)}, {method(0.95, i % 2 ? 0.12 : 0.08)}, i * 8000);
        r = storm.detect({method(0.95)}, {method(0.95, 2.5)}, warmup * 8000);
        QCOMPARE(r.active.size(), std::size_t(1));
        QVERIFY(r.active[0].has(Pattern::RetryStorm));

        // Off: the same cycle raises nothing; and before the baseline has seen 1 / alpha cycles, nothing either.
        DetectorConfig off = c;
        off.cycleZThreshold = 0;
        AnomalyDetector quiet(off);
        for (int i = 0; i < warmup; ++i)
            (void)quiet.detect({method(0.95)}, {method(i % 2 ? 0.97 : 0.93)}, i * 8000);
        QVERIFY(quiet.detect({method(0.95)}, {method(0.50)}, warmup * 8000).active.empty());
        AnomalyDetector young(c);
        for (int i = 0; i < warmup - 2; ++i)
            (void)young.detect({method(0.95)}, {method(i % 2 ? 0.97 : 0.93)}, i * 8000);
        QVERIFY(young.detect({method(0.95)}, {method(0.50)}, warmup * 8000).active.empty());
    }

    void aCycleJustUnderTheBarDoesNotHideTheNext()
    {
        // An incident's first cycle often straddles its onset and stays under the bar. Learned as it is, it would
        // widen the spread so much that the next, fully degraded cycle no longer crossed it; it is learned pulled
        // to within three spreads.
        const DetectorConfig c = config().detector;
        const auto method = [](double success) {
            return withKind(issuerStats("x", 1000, success), DimensionKind::Method, "upi");
        };
        AnomalyDetector d(c);
        const auto warmup = static_cast<int>(std::ceil(1.0 / c.cycleEwmaAlpha));
        for (int i = 0; i < 3 * warmup; ++i)
            (void)d.detect({method(0.95)}, {method(i % 2 ? 0.97 : 0.93)}, i * 8000);
        const EwmaBaseline& b = d.cycleBaselines().at("method:upi").successRate;
        const double mean = b.mean, spread = b.stddev(c.stdFloorSuccess);
        QVERIFY(spread > c.stdFloorSuccess);
        // 5.5 spreads down: under the bar of 6.
        auto r = d.detect({method(0.95)}, {method(mean - 5.5 * spread)}, 3 * warmup * 8000);
        QVERIFY(r.active.empty());
        // The next cycle, 8 spreads below the old mean, is still flagged (learned as it came, the first cycle
        // would have widened the spread by half, and this one would score about 5).
        r = d.detect({method(0.95)}, {method(mean - 8 * spread)}, (3 * warmup + 1) * 8000);
        QCOMPARE(r.active.size(), std::size_t(1));
        QVERIFY(r.active[0].has(Pattern::MethodFatigue));
    }

    void aRestoredDetectorKeepsItsCycleBaselinesAndLikelihoodSeries()
    {
        for (const char* method : {"zscore", "likelihood"}) {
            DetectorConfig c = config().detector;
            c.method = method;
            const auto stats = [](int i, double success) {
                auto s = withKind(issuerStats("x", 200, success, 250 + (i % 3) * 5, 0.1 + (i % 2) * 0.02),
                                  DimensionKind::Method, "upi");
                return std::vector<DimensionStats>{s};
            };
            AnomalyDetector whole(c);
            for (int i = 0; i < 40; ++i)
                (void)whole.detect(stats(i, 0.95), stats(i, i % 2 ? 0.97 : 0.93), i * 8000);
            // Through text, as a checkpoint is stored.
            AnomalyDetector restored(c);
            const Status s = restored.restoreState(nlohmann::json::parse(whole.saveState().dump()));
            QVERIFY2(s.ok(), s.ok() ? "" : s.error().c_str());
            for (int i = 40; i < 50; ++i) {
                const double success = i >= 45 ? 0.5 : 0.95;
                const auto a = whole.detect(stats(i, success), stats(i, success), i * 8000);
                const auto b = restored.detect(stats(i, success), stats(i, success), i * 8000);
                QCOMPARE(b.active.size(), a.active.size());
                for (std::size_t k = 0; k < a.active.size(); ++k)
                    QCOMPARE(b.active[k].evidence.size(), a.active[k].evidence.size());
            }
            QCOMPARE(restored.saveState().dump(), whole.saveState().dump());
        }
    }

    void anomalyKeepsItsIdWhileFlaggedAndClears()
    {
        AnomalyDetector d(config().detector);
        auto r1 = d.detect({issuerStats("HDFC", 400, 0.5)}, 0);
        auto r2 = d.detect({issuerStats("HDFC", 400, 0.5)}, 8000);
        QCOMPARE(r1.active[0].id, r2.active[0].id);
        QCOMPARE(r2.active[0].cycles, 2);
        QCOMPARE(r2.active[0].startedMs, TimeMs(0));
        auto r3 = d.detect({issuerStats("HDFC", 400, 0.97)}, 16000);
        QVERIFY(r3.active.empty());
        QCOMPARE(r3.cleared.size(), std::size_t(1));
    }

    void confidenceFormula()
    {
        // failures 100 -> sample factor 1; code consistency 0.8; max |z| 2 -> deviation 0.5
        // 0.3 * 1 + 0.4 * 0.8 + 0.3 * 0.5 = 0.77
        AnomalyDetector d(config().detector);
        for (int i = 0; i < config().detector.baselineWarmupCycles; ++i)
            (void)d.detect({issuerStats("HDFC", 1000, 0.95)}, i * 8000);
        auto s = issuerStats("HDFC", 1000, 0.90); // 100 failures, z = 5 -> deviation 1
        auto r = d.detect({s}, 24000);
        QCOMPARE(r.active.size(), std::size_t(1));
        QVERIFY(std::abs(r.active[0].confidence - (0.3 + 0.32 + 0.3)) < 1e-9);
    }

    // A phrase says its English the way the rules' printf did: %N is an argument, any other % is itself, a %N with no
    // argument stays as written, and only one digit is read ("%10" is the first argument and a 0).
    void aPhraseSaysItsEnglishAsTheRulesDid()
    {
        const Phrase p =
            makePhrase("code %1 on %2 of %3 failures, usually %4 % (%5) %9",
                       {phrase::text("91"), phrase::whole(7), phrase::whole(12), phrase::significant(0.031249, 2),
                        phrase::nested(makePhrase("likelihood %1", {phrase::fixed(0.904, 2)}))});
        QCOMPARE(p.english(), std::string("code 91 on 7 of 12 failures, usually 0.031 % (likelihood 0.90) %9"));
        QCOMPARE(makePhrase("%2 before %1", {phrase::text("a"), phrase::text("b")}).english(),
                 std::string("b before a"));
        QCOMPARE(makePhrase("100%").english(), std::string("100%"));
        QCOMPARE(makePhrase("%").english(), std::string("%"));
        QCOMPARE(makePhrase("%10", {phrase::text("a")}).english(), std::string("a0"));
        QCOMPARE(makePhrase("%1", {phrase::text("%1")}).english(), std::string("%1")); // an argument is not re-read
        QCOMPARE(joinPhrases(makePhrase("rule"), makePhrase("; note")).english(), std::string("rule; note"));
        // A value beside its bar: two decimals, more only where the two would read alike.
        QCOMPARE(twoFigurePhrase("confidence %1 < min_confidence %2", 0.55, 0.7).english(),
                 std::string("confidence 0.55 < min_confidence 0.70"));
        QCOMPARE(twoFigurePhrase("confidence %1 < min_confidence %2", 0.6996, 0.7).english(),
                 std::string("confidence 0.6996 < min_confidence 0.7000"));
        QCOMPARE(twoFigurePhrase("risk %1 >= %2", 0.7, 0.7).english(), std::string("risk 0.70 >= 0.70"));
        QCOMPARE(twoFigurePhrase("z %1 < %2", 0.69999999, 0.7).english(), std::string("z 0.700000 < 0.700000"));
    }

    // Phrases travel with their evidence and hypotheses (sync, the checkpoint, the triage book). One that does not read
    // is dropped, never the anomaly: the console then shows the English text beside it.
    void aPhraseTravelsAsJsonAndABadOneIsDropped()
    {
        const Phrase p = makePhrase("a %1 b %2 c %3 d %4",
                                    {phrase::text("x"), phrase::fixed(0.12345, 3), phrase::significant(12345.0, 2),
                                     phrase::nested(makePhrase("in %1", {phrase::whole(3)}))});
        const auto back = phraseFromJson(nlohmann::json::parse(toJson(p).dump()));
        QVERIFY(back);
        QCOMPARE(back->english(), p.english());
        QCOMPARE(back->args.size(), std::size_t{4});
        QCOMPARE(back->args[3].nested.front().text, std::string("in %1"));

        const auto refused = [](const char* text) { return !phraseFromJson(nlohmann::json::parse(text)); };
        QVERIFY(refused(R"(42)"));
        QVERIFY(refused(R"({"text": ""})"));
        QVERIFY(refused(R"({"text": 7})"));
        QVERIFY(refused(R"({"text": "%1", "args": {}})"));
        QVERIFY(refused(R"({"text": "%1", "args": [{"fixed": "1"}]})"));
        QVERIFY(refused(R"({"text": "%1", "args": [{"fixed": 1}]})"));                    // no precision
        QVERIFY(refused(R"({"text": "%1", "args": [{"fixed": 1, "precision": 400}]})"));  // beyond a double's digits
        QVERIFY(refused(R"({"text": "%1", "args": [{"fixed": null, "precision": 2}]})")); // a NaN written out
        QVERIFY(refused(R"({"text": "%1", "args": [{"date": 1}]})"));                     // a newer agent's kind
        QVERIFY(refused(R"({"text": "%1", "args": [1,2,3,4,5,6,7,8,9,10]})"));
        nlohmann::json deep = toJson(makePhrase("x"));
        for (int i = 0; i < 6; ++i)
            deep = {{"text", "%1"}, {"args", {{{"phrase", deep}}}}};
        // A placeholder said twice would let a small message say gigabytes: 100 "%1" at each of five levels is 10^10
        // characters.
        QVERIFY(refused(R"({"text": "%1 and %1", "args": [{"text": "x"}]})"));
        QVERIFY(
            phraseFromJson(nlohmann::json::parse(R"({"text": "%1 and %2", "args": [{"text": "x"}, {"text": "y"}]})")));
        QVERIFY(!phraseFromJson({{"text", std::string(2000, 'a')}}));
        QVERIFY(!phraseFromJson({{"text", std::string("rule\0tail", 9)}})); // the translator would read "rule"
        QVERIFY(refused(R"({"text": "%1", "args": [{"fixed": 1, "precision": 4294967298}]})")); // not 2
        // Any size of number, as the rules' own buffers printed it.
        char huge[128];
        std::snprintf(huge, sizeof huge, "z %.2f", 1e60);
        QCOMPARE(makePhrase("z %1", {phrase::fixed(1e60, 2)}).english(), std::string(huge));
        QVERIFY(!phraseFromJson(deep)); // deeper than any the agent writes
        QVERIFY(phraseFromJson(deep["args"][0]["phrase"]["args"][0]["phrase"]));

        Evidence e;
        setRule(e, p);
        QCOMPARE(e.rule, p.english());
        nlohmann::json j = e;
        QCOMPARE(j.get<Evidence>().phrase.english(), e.rule);
        // A phrase that says something else than the rule (another build's, a hand-edited file) would show the reader
        // a sentence the audit trail does not have.
        j["rule"] = "failure share 0.300 > 0.20";
        QVERIFY(j.get<Evidence>().phrase.empty());
        QCOMPARE(j.get<Evidence>().rule, std::string("failure share 0.300 > 0.20"));
        j["phrase"] = 42;
        QVERIFY(j.get<Evidence>().phrase.empty());
        j.erase("phrase"); // an older agent's
        QVERIFY(j.get<Evidence>().phrase.empty());
    }

    void hypothesesResolveWhenThePatternClears()
    {
        HypothesisTracker tracker(config().hypotheses);
        AnomalyDetector d(config().detector);
        auto r = d.detect({issuerStats("HDFC", 400, 0.5)}, 0);
        auto h = tracker.update(r.active, 0);
        QCOMPARE(h.active.size(), std::size_t(2)); // issuer downtime 0.7, network issues 0.5
        QVERIFY(std::abs(h.systemHealth - (1.0 - 0.5 * 0.6)) < 1e-12);
        QVERIFY(std::abs(h.uncertainty - std::min(1.0, 2.0 * (0.04 + 0.0) / 2.0)) < 1e-12);
        QVERIFY(QString::fromStdString(h.active[0].rootCause).contains(QStringLiteral("HDFC")));
        QVERIFY(QString::fromStdString(h.active[0].impact).contains(QStringLiteral("success rate")));
        r = d.detect({issuerStats("HDFC", 400, 0.97)}, 8000);
        h = tracker.update(r.active, 8000);
        QVERIFY(h.active.empty());
        QCOMPARE(h.resolvedNow.size(), std::size_t(2));
        QCOMPARE(*h.resolvedNow[0].resolvedMs, TimeMs(8000));
        QCOMPARE(h.systemHealth, 1.0);
    }
};

QTEST_GUILESS_MAIN(TestReasoning)
#include "test_reasoning.moc"
