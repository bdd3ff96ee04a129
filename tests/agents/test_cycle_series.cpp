// The runtime's default detection (detector.method "likelihood"): the detector core on each cycle's own figures,
// its episodes and evidence, and the failure-code mix with its binomial test. The core itself is tested in
// test_detect, the z-score rules in test_reasoning.
#include "detect/gaussian_tail.h"
#include "reasoning/anomaly_detector.h"
#include "reasoning/binomial.h"
#include "reasoning/failure_code_mix.h"
#include "reasoning/likelihood_series.h"
#include "reasoning/slow_tail.h"
#include "reasoning/spillover.h"
#include "runtime/json_codec.h"

#include <QTest>
#include <cmath>
#include <functional>
#include <nlohmann/json.hpp>

using namespace payops;

namespace {

// One method's figures: `count` transactions, `failures` of them failed with the given codes.
DimensionStats methodStats(std::uint32_t count, std::vector<CodeCount> codes, double meanLatencyMs = 200,
                           double meanRetries = 0.1, double highRetryShare = 0.0)
{
    DimensionStats s;
    s.kind = DimensionKind::Method;
    s.method = "upi";
    s.key = dimensionKey(s.kind, {}, s.method);
    s.count = count;
    std::uint32_t failures = 0;
    for (const auto& c : codes)
        failures += c.count;
    s.softFail = failures;
    s.success = count - failures;
    s.successRate = static_cast<double>(s.success) / count;
    s.failureShare = 1.0 - s.successRate;
    s.meanLatencyMs = meanLatencyMs;
    s.p95LatencyMs = meanLatencyMs * 1.3;
    s.meanRetries = meanRetries;
    s.highRetryShare = highRetryShare;
    s.failureCodes = std::move(codes);
    return s;
}

// An ordinary cycle: 40 transactions, 2 to 4 failures in the usual mix, a little jitter in latency and retries.
DimensionStats ordinary(int i)
{
    std::vector<std::vector<CodeCount>> mixes = {
        {{"51", 2}, {"05", 1}}, {{"51", 1}, {"05", 1}}, {{"51", 2}, {"96", 1}, {"05", 1}}, {{"05", 2}, {"51", 1}}};
    return methodStats(40, mixes[i % mixes.size()], 200 + (i % 3) * 6, 0.1 + (i % 2) * 0.03);
}

DetectorConfig coreConfig()
{
    DetectorConfig c = defaultAgentConfig().detector;
    c.method = "likelihood";
    return c;
}

// Failures in ordinary cycles of 35 to 40 transactions, spread about as a binomial at 7.5-9 % would (mean 3):
// a core learning on them gets the typical error the sampling gives it.
constexpr std::uint32_t kSampledFailures[] = {3, 1, 5, 2, 4, 3, 6, 2, 3, 1, 4, 2, 5, 3, 4, 2, 3, 0, 4, 3};

// Runs `cycles` ordinary cycles; the window is given the same figures (the window rules stay quiet at 0.93).
void warmUp(AnomalyDetector& d, int cycles)
{
    for (int i = 0; i < cycles; ++i) {
        const auto r = d.detect({ordinary(i)}, {ordinary(i)}, i * 8000);
        QVERIFY2(r.active.empty(), "an ordinary cycle raised an anomaly");
    }
}

// A cycle counted against a slow-tail bar: `slow` of its transactions beyond it.
DimensionStats withTail(DimensionStats s, std::uint32_t slow, std::uint32_t barMs = 540)
{
    s.slowTx = slow;
    s.slowTested = s.count;
    s.slowBarMs = barMs;
    return s;
}

// Ordinary cycles with their slow tail: one transaction beyond the bar every 20 cycles.
void warmUpWithTail(AnomalyDetector& d, int from, int to)
{
    for (int i = from; i < to; ++i) {
        const auto r = d.detect({ordinary(i)}, {withTail(ordinary(i), i % 20 == 0 ? 1 : 0)}, i * 8000);
        QVERIFY2(r.active.empty(), "an ordinary cycle raised an anomaly");
    }
}

const Evidence* evidenceFor(const Anomaly& a, const std::string& metric)
{
    for (const auto& e : a.evidence) {
        if (e.metric == metric)
            return &e;
    }
    return nullptr;
}

// A dimension's cycle figures: `count` transactions, `failures` of them failed with code `code`.
DimensionStats figures(DimensionKind kind, const std::string& issuer, const std::string& method, std::uint32_t count,
                       std::uint32_t failures, const std::string& code = "51")
{
    DimensionStats s;
    s.kind = kind;
    s.issuer = issuer;
    s.method = method;
    s.key = dimensionKey(kind, issuer, method);
    s.count = count;
    s.softFail = failures;
    s.success = count - failures;
    s.successRate = static_cast<double>(s.success) / count;
    s.failureShare = 1.0 - s.successRate;
    s.meanLatencyMs = 200;
    s.p95LatencyMs = 260;
    s.meanRetries = 0.1;
    if (failures > 0)
        s.failureCodes = {{code, failures}};
    return s;
}

// Two issuers (AXIS, HDFC) and two methods (card, upi), each path 20 transactions a cycle; fail(issuer, method) gives
// a path's failures. Returns the window's rows and the cycle's, both with the paths: the window holds windowCycles
// cycles like this one.
std::pair<std::vector<DimensionStats>, std::vector<DimensionStats>>
fourPaths(const std::function<std::vector<CodeCount>(int, int)>& fail, std::uint32_t windowCycles = 1)
{
    const char* issuers[] = {"AXIS", "HDFC"};
    const char* methods[] = {"card", "upi"};
    std::vector<DimensionStats> rows;
    std::map<std::string, DimensionStats> dims;
    for (int i = 0; i < 2; ++i)
        for (int m = 0; m < 2; ++m) {
            std::vector<CodeCount> codes = fail(i, m);
            std::uint32_t failures = 0;
            for (const auto& c : codes)
                failures += c.count;
            DimensionStats p = figures(DimensionKind::Path, issuers[i], methods[m], 20, failures);
            p.failureCodes = codes;
            rows.push_back(p);
            const std::pair<DimensionKind, std::string> of[] = {{DimensionKind::Issuer, issuers[i]},
                                                                {DimensionKind::Method, methods[m]}};
            for (const auto& [kind, name] : of) {
                DimensionStats& d = dims[dimensionKey(kind, kind == DimensionKind::Issuer ? name : "",
                                                      kind == DimensionKind::Method ? name : "")];
                if (d.count == 0)
                    d = figures(kind, kind == DimensionKind::Issuer ? name : "",
                                kind == DimensionKind::Method ? name : "", 20, 0);
                else
                    d.count += 20;
                d.softFail += failures;
                addFailureCodes(d.failureCodes, codes);
            }
        }
    for (auto& [key, d] : dims) {
        d.success = d.count - d.softFail;
        deriveShares(d);
        rows.push_back(d);
    }
    std::vector<DimensionStats> window = rows;
    for (DimensionStats& w : window) {
        w.count *= windowCycles;
        w.success *= windowCycles;
        w.softFail *= windowCycles;
        for (CodeCount& c : w.failureCodes)
            c.count *= windowCycles;
    }
    return {window, rows};
}
// A path's ordinary failures: 0 to 2 a cycle, codes 51 and 05.
std::vector<CodeCount> ordinaryPath(int cycle, int issuer, int method)
{
    switch ((cycle + 2 * issuer + method) % 4) {
    case 0:
        return {{"51", 1}};
    case 1:
        return {{"05", 1}, {"51", 1}};
    case 2:
        return {};
    default:
        return {{"51", 2}};
    }
}
} // namespace

class TestCycleSeries : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void theDefaultIsTheDetectorCore()
    {
        QCOMPARE(QString::fromStdString(defaultAgentConfig().detector.method), QStringLiteral("likelihood"));
    }

    void binomialTailIsExact()
    {
        // Against a brute-force sum of the probability mass.
        const auto brute = [](std::uint32_t k, std::uint32_t n, double p) {
            double sum = 0;
            for (std::uint32_t i = k; i <= n; ++i)
                sum += std::exp(std::lgamma(n + 1.0) - std::lgamma(i + 1.0) - std::lgamma(n - i + 1.0)) *
                       std::pow(p, i) * std::pow(1 - p, n - i);
            return sum;
        };
        for (auto [k, n, p] : {std::tuple{5u, 8u, 0.075}, std::tuple{1u, 1u, 0.3}, std::tuple{3u, 40u, 0.2},
                               std::tuple{30u, 30u, 0.5}, std::tuple{12u, 200u, 0.01}}) {
            const double got = binomialUpperTail(k, n, p);
            QVERIFY2(std::abs(got - brute(k, n, p)) <= 1e-12 + 1e-9 * brute(k, n, p),
                     qPrintable(QStringLiteral("%1 of %2 at %3: %4").arg(k).arg(n).arg(p).arg(got)));
        }
        QCOMPARE(binomialUpperTail(0, 5, 0.1), 1.0);
        QCOMPARE(binomialUpperTail(6, 5, 0.1), 0.0);
        QCOMPARE(binomialUpperTail(2, 5, 0.0), 0.0);
    }

    void aCodeTakingOverIsSurprisingAndTheUsualMixIsNot()
    {
        FailureCodeMix mix;
        for (int i = 0; i < 100; ++i)
            mix.learn(ordinary(i).failureCodes, 0.01);
        const CodeSurprise usual = mix.surprise({{"51", 2}, {"05", 1}});
        QVERIFY2(usual.z < 2, qPrintable(QString::number(usual.z)));
        // 91 has never been seen; 5 of 6 failures carry it.
        const CodeSurprise takeover = mix.surprise({{"91", 5}, {"51", 1}});
        QCOMPARE(QString::fromStdString(takeover.code), QStringLiteral("91"));
        QCOMPARE(takeover.count, 5u);
        QCOMPARE(takeover.failures, 6u);
        QVERIFY2(takeover.z > 6, qPrintable(QString::number(takeover.z)));
        QVERIFY(takeover.usualShare > 0 && takeover.usualShare < 0.01);
        // No failures, nothing to be surprised by.
        const CodeSurprise none = mix.surprise({});
        QVERIFY(none.code.empty());
        QCOMPARE(none.z, 0.0);
    }

    void aBusyCycleIsWeighedAsFiftyFailures()
    {
        // At high volume a small drift in the mix (a method's soft declines rising) is significant but not an
        // incident; a code taking over still is.
        FailureCodeMix mix;
        for (int i = 0; i < 200; ++i)
            mix.learn({{"51", 70}, {"ZM", 7}, {"05", 23}}, 0.01);
        const CodeSurprise drift = mix.surprise({{"51", 560}, {"ZM", 100}, {"05", 140}}); // ZM 12.5 % for 7 %
        QVERIFY2(drift.z < 2, qPrintable(QString::number(drift.z)));
        QCOMPARE(drift.failures, 800u);
        const CodeSurprise takeover = mix.surprise({{"91", 600}, {"51", 140}, {"05", 60}});
        QCOMPARE(QString::fromStdString(takeover.code), QStringLiteral("91"));
        QCOMPARE(takeover.count, 600u);
        QVERIFY2(takeover.z > 6, qPrintable(QString::number(takeover.z)));
    }

    void theMixLearnsAtItsRateAndLessWhileFlagged()
    {
        FailureCodeMix a, b;
        for (int i = 0; i < 100; ++i) {
            a.learn(ordinary(i).failureCodes, 0.01);
            b.learn(ordinary(i).failureCodes, 0.01);
        }
        for (int i = 0; i < 10; ++i) {
            a.learn({{"91", 10}}, 0.01);      // learned in full
            b.learn({{"91", 10}}, 0.01, 0.1); // while flagged
        }
        const double full = a.surprise({{"91", 1}}).usualShare, flagged = b.surprise({{"91", 1}}).usualShare;
        QVERIFY2(full > 0.25, qPrintable(QString::number(full)));
        QVERIFY2(flagged < full / 4, qPrintable(QString::number(flagged)));
    }

    void theMixSurvivesACheckpointAndRejectsADamagedOne()
    {
        FailureCodeMix mix;
        for (int i = 0; i < 30; ++i)
            mix.learn(ordinary(i).failureCodes, 0.01);
        FailureCodeMix restored;
        QVERIFY(restored.restoreState(nlohmann::json::parse(mix.saveState().dump())));
        QCOMPARE(restored.saveState().dump(), mix.saveState().dump());
        QCOMPARE(restored.surprise({{"96", 3}}).z, mix.surprise({{"96", 3}}).z);
        auto damaged = mix.saveState();
        damaged["counts"]["51"] = -3;
        QVERIFY(!restored.restoreState(damaged));
        QVERIFY(!restored.restoreState(nlohmann::json::object()));
        QCOMPARE(restored.saveState().dump(), mix.saveState().dump()); // unchanged by the failed restores
    }

    // The spillover rule on its own: whose failures a method's (or an issuer's) are.
    void spilloverFollowsTheFailuresToTheirCause()
    {
        const auto hdfc = figures(DimensionKind::Issuer, "HDFC", {}, 60, 40);
        const auto bnpl = figures(DimensionKind::Method, {}, "bnpl", 16, 5);
        const auto upi = figures(DimensionKind::Method, {}, "upi", 40, 22);
        const auto icici = figures(DimensionKind::Issuer, "ICICI", {}, 50, 20);
        std::map<std::string, DimensionStats> paths;
        const auto path = [&](const std::string& i, const std::string& m, std::uint32_t n, std::uint32_t f) {
            paths[i + "/" + m] = figures(DimensionKind::Path, i, m, n, f);
        };
        const auto pathOf = [&](const std::string& i, const std::string& m) -> const DimensionStats* {
            const auto it = paths.find(i + "/" + m);
            return it == paths.end() ? nullptr : &it->second;
        };
        // HDFC is out: 4 of bnpl's 5 failures are HDFC's; without HDFC, bnpl failed 1 of 11 (usually 5 %).
        path("HDFC", "bnpl", 5, 4);
        std::vector<FlaggedDimension> failing = {{0, &hdfc, Pattern::IssuerDegradation, 0.05},
                                                 {1, &bnpl, Pattern::MethodFatigue, 0.05}};
        auto folds = findSpillover(SpilloverMeasure::Failures, failing, pathOf, 10);
        QCOMPARE(folds.size(), std::size_t(1));
        QCOMPARE(folds[0].from, std::size_t(1));
        QCOMPARE(folds[0].into, std::size_t(0));
        QCOMPARE(folds[0].why.dimension, std::string("method:bnpl"));
        QCOMPARE(folds[0].why.count, 11u);
        QVERIFY2(folds[0].why.rule.find("method:bnpl fails through issuer:HDFC") != std::string::npos,
                 folds[0].why.rule.c_str());
        // Too few left without HDFC to tell: nothing folds.
        QVERIFY(findSpillover(SpilloverMeasure::Failures, failing, pathOf, 12).empty());
        // Only HDFC's bnpl fails (bnpl is usual without HDFC, HDFC usual without bnpl): neither causes the other.
        const auto hdfcQuiet = figures(DimensionKind::Issuer, "HDFC", {}, 60, 7);
        failing[0].cycle = &hdfcQuiet;
        QVERIFY(findSpillover(SpilloverMeasure::Failures, failing, pathOf, 10).empty());

        // UPI fails at every issuer: HDFC's failures are UPI's, ICICI's too, and UPI is not usual without either.
        paths.clear();
        path("HDFC", "upi", 15, 12);
        path("ICICI", "upi", 12, 9);
        const auto hdfcUpi = figures(DimensionKind::Issuer, "HDFC", {}, 60, 15);
        const auto iciciUpi = figures(DimensionKind::Issuer, "ICICI", {}, 50, 11);
        failing = {{0, &hdfcUpi, Pattern::IssuerDegradation, 0.05},
                   {1, &upi, Pattern::MethodFatigue, 0.05},
                   {2, &iciciUpi, Pattern::IssuerDegradation, 0.05}};
        folds = findSpillover(SpilloverMeasure::Failures, failing, pathOf, 10);
        QCOMPARE(folds.size(), std::size_t(2));
        for (const auto& f : folds)
            QCOMPARE(f.into, std::size_t(1));

        // A chain would hide a cause: bnpl fails through HDFC, HDFC through UPI; bnpl does not fold into HDFC.
        paths.clear();
        path("HDFC", "upi", 15, 12);
        path("HDFC", "bnpl", 5, 3);
        failing = {{0, &hdfcUpi, Pattern::IssuerDegradation, 0.05},
                   {1, &upi, Pattern::MethodFatigue, 0.05},
                   {2, &bnpl, Pattern::MethodFatigue, 0.05}};
        folds = findSpillover(SpilloverMeasure::Failures, failing, pathOf, 10);
        QCOMPARE(folds.size(), std::size_t(1));
        QCOMPARE(folds[0].from, std::size_t(0));
        QCOMPARE(folds[0].into, std::size_t(1));
        (void)icici;

        // A dimension with an anomaly of its own open keeps it (folded, it would vanish and come back): HDFC stays,
        // and bnpl, which fails through it, now joins it.
        failing[0].mayJoin = false;
        folds = findSpillover(SpilloverMeasure::Failures, failing, pathOf, 10);
        QCOMPARE(folds.size(), std::size_t(1));
        QCOMPARE(folds[0].from, std::size_t(2));
        QCOMPARE(folds[0].into, std::size_t(0));

        // Slowness: SBI is slow (600 ms instead of 200), and upi is slow only through its SBI transactions.
        paths.clear();
        auto sbiUpi = figures(DimensionKind::Path, "SBI", "upi", 10, 0);
        sbiUpi.meanLatencyMs = 600;
        paths["SBI/upi"] = sbiUpi;
        auto sbi = figures(DimensionKind::Issuer, "SBI", {}, 40, 1);
        sbi.meanLatencyMs = 590;
        auto upiSlow = figures(DimensionKind::Method, {}, "upi", 40, 1);
        upiSlow.meanLatencyMs = (10 * 600.0 + 30 * 205.0) / 40;
        std::vector<FlaggedDimension> slow = {{0, &sbi, Pattern::LatencySpike, 200, 12, 40},
                                              {1, &upiSlow, Pattern::LatencySpike, 200, 12, 40}};
        folds = findSpillover(SpilloverMeasure::MeanLatency, slow, pathOf, 10);
        QCOMPARE(folds.size(), std::size_t(1));
        QCOMPARE(folds[0].from, std::size_t(1));
        QCOMPARE(folds[0].into, std::size_t(0));
        QVERIFY2(folds[0].why.rule.find("method:upi is slow through issuer:SBI") != std::string::npos,
                 folds[0].why.rule.c_str());
        QCOMPARE(folds[0].why.value, 205.0);
        // upi slow at every issuer (its other 30 at 500 ms): its own cause, nothing folds.
        upiSlow.meanLatencyMs = (10 * 600.0 + 30 * 500.0) / 40;
        QVERIFY(findSpillover(SpilloverMeasure::MeanLatency, slow, pathOf, 10).empty());

        // A flag on one code asks about that code. UPI times out (U30) at every issuer; HDFC is flagged for U30
        // alone. All 8 of its U30 failures are UPI's, but without UPI it still failed 8 of 30 (usually 9 %): by the
        // share of failures alone it is not UPI's, by its code it is.
        // One fold, from `from` into `into`, its evidence returned.
        const auto foldsOnce = [&](std::size_t from, std::size_t into) {
            const auto found = findSpillover(SpilloverMeasure::Failures, failing, pathOf, 10);
            [&] {
                QCOMPARE(found.size(), std::size_t(1));
                QCOMPARE(found[0].from, from);
                QCOMPARE(found[0].into, into);
            }();
            return found.empty() ? Evidence{} : found[0].why;
        };
        const auto flagCode = [](FlaggedDimension& d, const char* code, double usual) {
            d.code = code;
            d.codeUsual = usual;
        };
        paths.clear();
        auto hdfcViaUpi = figures(DimensionKind::Path, "HDFC", "upi", 16, 8);
        hdfcViaUpi.failureCodes = {{"U30", 8}};
        paths["HDFC/upi"] = hdfcViaUpi;
        auto hdfcU30 = figures(DimensionKind::Issuer, "HDFC", {}, 46, 16);
        hdfcU30.failureCodes = {{"U30", 8}, {"05", 4}, {"51", 4}};
        auto upiU30 = figures(DimensionKind::Method, {}, "upi", 70, 41);
        upiU30.failureCodes = {{"U30", 38}, {"05", 3}};
        failing = {{0, &hdfcU30, Pattern::IssuerDegradation, 0.09}, {1, &upiU30, Pattern::MethodFatigue, 0.09}};
        QVERIFY(findSpillover(SpilloverMeasure::Failures, failing, pathOf, 10).empty()); // by the share alone
        flagCode(failing[0], "U30", 0.09);
        const Evidence why = foldsOnce(0, 1);
        QCOMPARE(why.metric, std::string("cycle_code_share_without"));
        QVERIFY2(why.rule.find("issuer:HDFC's code U30 is method:upi's: 8 of its 8 failures with it") !=
                     std::string::npos,
                 why.rule.c_str());
        // As the cause, the stronger test counts: a UPI whose failures without HDFC are only a few more than usual
        // (8 of 54) but nearly all U30 (7, usually 20 %) is still the cause when flagged for U30.
        auto upiFewer = figures(DimensionKind::Method, {}, "upi", 70, 16);
        upiFewer.failureCodes = {{"U30", 15}, {"05", 1}};
        failing[1].cycle = &upiFewer;
        QVERIFY(findSpillover(SpilloverMeasure::Failures, failing, pathOf, 10).empty()); // by its share, no cause
        flagCode(failing[1], "U30", 0.2);
        (void)foldsOnce(0, 1);
        // Its code elsewhere too (HDFC's card fails with U30 as well): HDFC stays its own.
        hdfcU30.failureCodes = {{"U30", 14}, {"05", 1}, {"51", 1}};
        QVERIFY(findSpillover(SpilloverMeasure::Failures, failing, pathOf, 10).empty());

        // A small method with too little left without the issuer to judge: flagged for HDFC's code 91, all of its
        // code-91 failures HDFC's, it joins; with one of them elsewhere it has something of its own and stays.
        paths.clear();
        auto smallViaHdfc = figures(DimensionKind::Path, "HDFC", "netbanking", 12, 6);
        smallViaHdfc.failureCodes = {{"91", 6}};
        paths["HDFC/netbanking"] = smallViaHdfc;
        auto netbanking = figures(DimensionKind::Method, {}, "netbanking", 17, 7);
        netbanking.failureCodes = {{"91", 6}, {"51", 1}};
        auto hdfc91 = figures(DimensionKind::Issuer, "HDFC", {}, 44, 26);
        hdfc91.failureCodes = {{"91", 24}, {"51", 2}};
        failing = {{0, &hdfc91, Pattern::IssuerDegradation, 0.08}, {1, &netbanking, Pattern::MethodFatigue, 0.08}};
        QVERIFY(findSpillover(SpilloverMeasure::Failures, failing, pathOf, 10).empty()); // 5 left: nothing to judge
        flagCode(failing[1], "91", 0.08);
        (void)foldsOnce(1, 0);
        netbanking.failureCodes = {{"91", 7}};
        QVERIFY(findSpillover(SpilloverMeasure::Failures, failing, pathOf, 10).empty());
    }

    // A code found on two cycles together is judged on both cycles' paths. AXIS is out (code 96), and card fails
    // through it. This cycle AXIS, rerouted, keeps 4 transactions besides card's: too few to say it is still a cause.
    // On the two cycles the finding rests on, it kept 16, half of them failing.
    void aCodeFoundOnTwoCyclesIsJudgedOnBothCyclesPaths()
    {
        const auto withCodes = [](DimensionKind kind, const char* issuer, const char* method, std::uint32_t count,
                                  std::vector<CodeCount> codes) {
            std::uint32_t failures = 0;
            for (const auto& c : codes)
                failures += c.count;
            DimensionStats s = figures(kind, issuer, method, count, failures);
            s.failureCodes = std::move(codes);
            return s;
        };
        const auto axis = withCodes(DimensionKind::Issuer, "AXIS", "", 14, {{"96", 5}, {"51", 1}});
        const auto card = withCodes(DimensionKind::Method, "", "card", 50, {{"96", 4}, {"51", 2}});
        const auto axisCard = withCodes(DimensionKind::Path, "AXIS", "card", 10, {{"96", 4}});
        const auto axisCardBefore = withCodes(DimensionKind::Path, "AXIS", "card", 8, {{"96", 3}});
        // The paths of a cycle in which only `p` had transactions.
        const auto only = [](const DimensionStats& p) {
            return [&p](const std::string& i, const std::string& m) -> const DimensionStats* {
                return i == p.issuer && m == p.method ? &p : nullptr;
            };
        };
        const PathLookup pathOf = only(axisCard), earlierPathOf = only(axisCardBefore);
        FlaggedDimension a{0, &axis, Pattern::IssuerDegradation, 0.08};
        a.code = "96";
        a.codeUsual = 0.1;
        FlaggedDimension c{1, &card, Pattern::MethodFatigue, 0.08};
        c.code = "96";
        c.codeUsual = 0.1;
        // The code found on the previous cycle too: that cycle's transactions, failures and failures with it.
        const auto foundBefore = [](FlaggedDimension& d, std::uint32_t count, std::uint32_t failures,
                                    std::uint32_t withCode) {
            d.earlierCount = count;
            d.earlierFailures = failures;
            d.earlierWithCode = withCode;
        };
        // Both found on this cycle alone: AXIS has 4 transactions left without card's, nothing folds.
        std::vector<FlaggedDimension> failing = {a, c};
        QVERIFY(findSpillover(SpilloverMeasure::Failures, failing, pathOf, 10, earlierPathOf).empty());
        // Both found on this cycle and the previous one (AXIS: 20 transactions, 8 of its 9 failures with 96; card: 50,
        // 3 of 5), and judged on both: card's 7 failures with 96 were all AXIS's, and AXIS kept 16 transactions
        // without card's, 8 of them failing.
        foundBefore(failing[0], 20, 9, 8);
        foundBefore(failing[1], 50, 5, 3);
        const auto folds = findSpillover(SpilloverMeasure::Failures, failing, pathOf, 10, earlierPathOf);
        QCOMPARE(folds.size(), std::size_t(1));
        QCOMPARE(folds[0].from, std::size_t(1));
        QCOMPARE(folds[0].into, std::size_t(0));
        QVERIFY2(folds[0].why.rule.find("method:card's code 96 is issuer:AXIS's: 7 of its 7 failures with it over the "
                                        "last 2 cycles were there; without them 0 of 4 failures had it") !=
                     std::string::npos,
                 folds[0].why.rule.c_str());
        // Without the previous cycle's paths the two-cycle findings are judged on this cycle alone.
        QVERIFY(findSpillover(SpilloverMeasure::Failures, failing, pathOf, 10).empty());

        // A cause flagged by its success rate as well as its code: its share is judged on this cycle, as the rate
        // flag was, and its code on the two cycles the code was found on. AXIS failed 14 of 40 this cycle (10 of 30
        // without card's path, 3.8 deviations over its usual 8 %) after an ordinary 3 of 40; on both cycles together
        // its share would be 2.4 deviations and no cause.
        const auto axisRate = withCodes(DimensionKind::Issuer, "AXIS", "", 40, {{"51", 10}, {"96", 4}});
        const auto cardRate = withCodes(DimensionKind::Method, "", "card", 50, {{"96", 4}, {"51", 1}});
        const auto axisCardRate = withCodes(DimensionKind::Path, "AXIS", "card", 10, {{"96", 4}});
        const auto axisCardRateBefore = withCodes(DimensionKind::Path, "AXIS", "card", 10, {{"96", 2}});
        const PathLookup ratePathOf = only(axisCardRate), rateEarlierPathOf = only(axisCardRateBefore);
        failing = {a, c};
        failing[0].cycle = &axisRate;
        failing[0].byRate = true;
        foundBefore(failing[0], 40, 3, 2);
        failing[1].cycle = &cardRate;
        foundBefore(failing[1], 50, 3, 2);
        QCOMPARE(findSpillover(SpilloverMeasure::Failures, failing, ratePathOf, 10, rateEarlierPathOf).size(),
                 std::size_t(1));
        // A joiner flagged by its rate is judged by its share alone: card failing 10 more elsewhere stays, although
        // every one of its failures with 96 was AXIS's.
        const auto cardFailingToo = withCodes(DimensionKind::Method, "", "card", 50, {{"51", 10}, {"96", 4}});
        failing[1].cycle = &cardFailingToo;
        failing[1].earlierCount = 0;
        QCOMPARE(findSpillover(SpilloverMeasure::Failures, failing, ratePathOf, 10).size(), std::size_t(1));
        failing[1].byRate = true;
        QVERIFY(findSpillover(SpilloverMeasure::Failures, failing, ratePathOf, 10).empty());

        // A cause with too little left that has an anomaly of its own open was judged on fuller cycles before: it
        // stays the cause, on this cycle alone too.
        failing = {a, c};
        failing[0].open = true;
        failing[0].mayJoin = false;
        const auto open = findSpillover(SpilloverMeasure::Failures, failing, pathOf, 10);
        QCOMPARE(open.size(), std::size_t(1));
        QCOMPARE(open[0].from, std::size_t(1));
        QVERIFY2(open[0].why.rule.find("4 of its 4 failures with it this cycle were there") != std::string::npos,
                 open[0].why.rule.c_str());
        // Unless none of what is left fails.
        const auto axisRecovering = withCodes(DimensionKind::Issuer, "AXIS", "", 14, {{"96", 4}});
        failing[0].cycle = &axisRecovering;
        QVERIFY(findSpillover(SpilloverMeasure::Failures, failing, pathOf, 10).empty());
        // Flagged by its rate too, with its code found on two cycles: its share is this cycle's (4 left, 2 failing),
        // and the open cause stays one there as well.
        const auto axisOpen = withCodes(DimensionKind::Issuer, "AXIS", "", 14, {{"96", 6}, {"51", 2}});
        const auto axisCardOpen = withCodes(DimensionKind::Path, "AXIS", "card", 10, {{"96", 6}});
        const PathLookup openPathOf = only(axisCardOpen);
        const auto cardOpen = withCodes(DimensionKind::Method, "", "card", 50, {{"96", 6}, {"51", 1}});
        failing[0].cycle = &axisOpen;
        failing[0].byRate = true;
        foundBefore(failing[0], 30, 9, 4); // 3 of the 4 on card's path: by its code alone AXIS is no cause
        failing[1].cycle = &cardOpen;
        foundBefore(failing[1], 50, 4, 3);
        QCOMPARE(findSpillover(SpilloverMeasure::Failures, failing, openPathOf, 10, earlierPathOf).size(),
                 std::size_t(1));
    }

    // The window's failure-share rule, on the window's paths: during UPI's fatigue HDFC's share over five minutes
    // passes its bar (20 %) through UPI's transactions, while UPI's own share is still under its higher bar (40 %).
    // Without UPI's path the rule would not flag HDFC; UPI without HDFC's is far beyond its usual share.
    void aWindowRuleJoinsTheMethodItFailsThrough()
    {
        const auto hdfc = figures(DimensionKind::Issuer, "HDFC", "", 300, 75);
        const auto upi = figures(DimensionKind::Method, "", "upi", 400, 150);
        const auto path = figures(DimensionKind::Path, "HDFC", "upi", 100, 60);
        const auto pathOf = [&](const std::string& i, const std::string& m) -> const DimensionStats* {
            return i == "HDFC" && m == "upi" ? &path : nullptr;
        };
        FlaggedDimension h{0, &hdfc, Pattern::IssuerDegradation, 0.06};
        h.bar = 0.2;
        FlaggedDimension u{1, &upi, Pattern::MethodFatigue, 0.08};
        u.bar = 0.4;
        u.mayJoin = false; // flagged by a cycle rule, not the window's: nothing to give
        std::vector<FlaggedDimension> flagged = {h, u};
        auto folds = findSpillover(SpilloverMeasure::WindowFailures, flagged, pathOf, 10);
        QCOMPARE(folds.size(), std::size_t(1));
        QCOMPARE(folds[0].from, std::size_t(0));
        QCOMPARE(folds[0].into, std::size_t(1));
        QCOMPARE(folds[0].why.metric, std::string("failure_share_without"));
        QVERIFY2(folds[0].why.rule == "issuer:HDFC fails through method:upi: 60 of its 75 failures in the window were "
                                      "there; without them 15 of 200 failed (8 %, the rule's bar 20 %)",
                 folds[0].why.rule.c_str());
        // HDFC failing elsewhere too (60 of its 200 others, 30 %): the rule would flag it without UPI, it stays.
        const auto hdfcToo = figures(DimensionKind::Issuer, "HDFC", "", 300, 120);
        flagged[0].cycle = &hdfcToo;
        QVERIFY(findSpillover(SpilloverMeasure::WindowFailures, flagged, pathOf, 10).empty());
        // Judged against the rule's bar, not its usual share: without UPI, HDFC failed 15 %, over its usual 6 % but
        // under the bar; and HDFC's usual share need not be known (the cause's must).
        const auto hdfcSome = figures(DimensionKind::Issuer, "HDFC", "", 300, 90);
        flagged[0].cycle = &hdfcSome;
        flagged[0].usual = -1;
        QCOMPARE(findSpillover(SpilloverMeasure::WindowFailures, flagged, pathOf, 10).size(), std::size_t(1));
        flagged[1].usual = -1;
        QVERIFY(findSpillover(SpilloverMeasure::WindowFailures, flagged, pathOf, 10).empty());
        flagged[1].usual = 0.08;
        // UPI failing only at HDFC (its 300 others at its usual 8 %): no cause, HDFC stays.
        flagged[0].cycle = &hdfc;
        const auto upiOnlyThere = figures(DimensionKind::Method, "", "upi", 400, 84);
        flagged[1].cycle = &upiOnlyThere;
        QVERIFY(findSpillover(SpilloverMeasure::WindowFailures, flagged, pathOf, 10).empty());
    }

    // In the detector: UPI's switch times out (U30) at both issuers. Each issuer's failure share over the window passes
    // the issuers' bar through UPI's transactions; folded, UPI's anomaly is the only one.
    void anIssuersWindowRuleJoinsTheMethodItFailsThrough()
    {
        AnomalyDetector d(coreConfig());
        for (int i = 0; i < 40; ++i) {
            const auto [w, c] = fourPaths([&](int is, int m) { return ordinaryPath(i, is, m); });
            QVERIFY(d.detect(w, c, i * 8000).active.empty());
        }
        // A window of 8 cycles like the last: at 10 U30 failures of 20 on each issuer's upi path, each issuer fails
        // 30 % over it (the issuers' bar is 20 %).
        bool foldedWindow = false;
        for (int i = 40; i < 48; ++i) {
            const auto [w, c] = fourPaths(
                [&](int is, int m) {
                    auto codes = ordinaryPath(i, is, m);
                    if (m == 1)
                        codes.push_back({"U30", static_cast<std::uint32_t>(std::min(2 * (i - 39), 10))});
                    return codes;
                },
                8);
            const auto r = d.detect(w, c, i * 8000);
            QCOMPARE(r.active.size(), std::size_t(1));
            QCOMPARE(r.active[0].dimension, std::string("method:upi"));
            for (const Evidence& e : r.active[0].evidence)
                if (e.dimension == "issuer:HDFC" && e.metric == "failure_share_without") {
                    foldedWindow = true;
                    QVERIFY2(e.rule.find("issuer:HDFC fails through method:upi") == 0, e.rule.c_str());
                    QVERIFY2(e.rule.find("failures in the window were there") != std::string::npos, e.rule.c_str());
                }
        }
        QVERIFY(foldedWindow);
    }

    // In the detector, and across a checkpoint: a method's code found on two cycles joins the issuer that failed with
    // it on both, judged on both cycles' paths.
    void aMethodsCodeOnTwoCyclesJoinsItsIssuerAcrossARestore()
    {
        using Codes = std::vector<CodeCount>;
        // AXIS fails with 96, more each cycle, twice as much on upi as on card.
        const auto outage = [&](int cycle) {
            return fourPaths([&](int issuer, int method) {
                Codes codes = ordinaryPath(cycle, issuer, method);
                if (issuer == 0)
                    codes.push_back({"96", static_cast<std::uint32_t>(std::min(cycle - 39, 6) * (method + 1))});
                return codes;
            });
        };
        const auto dump = [](const DetectionResult& r) {
            std::string all;
            for (const Anomaly& a : r.active)
                all += nlohmann::json(a).dump() + "\n";
            return all;
        };
        AnomalyDetector whole(coreConfig());
        for (int i = 0; i < 40; ++i) {
            const auto [w, c] = fourPaths([&](int is, int m) { return ordinaryPath(i, is, m); });
            QVERIFY(whole.detect(w, c, i * 8000).active.empty());
        }
        {
            const auto [w, c] = outage(40);
            const auto r = whole.detect(w, c, 40 * 8000);
            QCOMPARE(r.active.size(), std::size_t(1));
            QCOMPARE(r.active[0].dimension, std::string("issuer:AXIS"));
        }
        const nlohmann::json checkpoint = nlohmann::json::parse(whole.saveState().dump());
        AnomalyDetector restored(coreConfig());
        QVERIFY(restored.restoreState(checkpoint).ok());
        // A checkpoint from before the paths' last cycle was kept: the next cycle judges this one alone. Likewise one
        // that says which series had a row but has no paths.
        auto old = checkpoint;
        old.erase("previous_paths");
        auto withoutPaths = old;
        for (auto& [key, series] : old["cycle_series"].items())
            series.erase("row_this_cycle");
        AnomalyDetector fromOld(coreConfig());
        QVERIFY(fromOld.restoreState(old).ok());
        AnomalyDetector fromPathless(coreConfig());
        QVERIFY(fromPathless.restoreState(withoutPaths).ok());

        // upi's 96 is found on cycles 40 and 41 together (6 of 11 failures), all of them AXIS's: one anomaly, AXIS's.
        const auto [w, c] = outage(41);
        const auto r = whole.detect(w, c, 41 * 8000);
        QCOMPARE(r.active.size(), std::size_t(1));
        const Evidence* upi = nullptr;
        for (const Evidence& e : r.active[0].evidence)
            if (e.dimension == "method:upi" && e.metric == "cycle_code_share_without")
                upi = &e;
        QVERIFY(upi);
        QVERIFY2(upi->rule == "method:upi's code 96 is issuer:AXIS's: 6 of its 6 failures with it over the last 2 "
                              "cycles were there; without them 0 of 3 failures had it (usually 3 %)",
                 upi->rule.c_str());
        QCOMPARE(dump(restored.detect(w, c, 41 * 8000)), dump(r));
        // Restored from an old checkpoint, the cycle is judged alone: 4 of 4 this cycle, also AXIS's.
        const std::string alone = dump(fromOld.detect(w, c, 41 * 8000));
        QVERIFY2(alone.find("method:upi's code 96 is issuer:AXIS's: 4 of its 4 failures with it this cycle") !=
                     std::string::npos,
                 alone.c_str());
        QCOMPARE(dump(fromPathless.detect(w, c, 41 * 8000)), alone);
        for (int i = 42; i < 46; ++i) {
            const auto [wi, ci] = outage(i);
            QCOMPARE(dump(restored.detect(wi, ci, i * 8000)), dump(whole.detect(wi, ci, i * 8000)));
        }
        QCOMPARE(restored.saveState().dump(), whole.saveState().dump());
        // A damaged path of the last cycle is refused.
        auto damaged = checkpoint;
        damaged["previous_paths"][0][3] = 21; // more failures than its 20 transactions
        QVERIFY(!AnomalyDetector(coreConfig()).restoreState(damaged).ok());
        damaged = checkpoint; // one path twice
        damaged["previous_paths"].push_back(damaged["previous_paths"][0]);
        QVERIFY(!AnomalyDetector(coreConfig()).restoreState(damaged).ok());
        damaged["previous_paths"] = nlohmann::json::object();
        QVERIFY(!AnomalyDetector(coreConfig()).restoreState(damaged).ok());
    }

    // In the detector: HDFC's outage raises one anomaly, on HDFC, with bnpl's drop in its evidence; bnpl, whose
    // other transactions are fine, raises none of its own.
    void anIssuersOutageIsOneAnomalyNotOnePerMethod()
    {
        AnomalyDetector d(coreConfig());
        const auto ordinaryCycle = [](int i) {
            const std::uint32_t f = 2 + i % 3;
            return std::vector<DimensionStats>{figures(DimensionKind::Issuer, "HDFC", {}, 80, f),
                                               figures(DimensionKind::Method, {}, "bnpl", 20, i % 2),
                                               figures(DimensionKind::Method, {}, "card", 60, f - i % 2),
                                               figures(DimensionKind::Path, "HDFC", "bnpl", 20, i % 2),
                                               figures(DimensionKind::Path, "HDFC", "card", 60, f - i % 2)};
        };
        for (int i = 0; i < 40; ++i) {
            const auto c = ordinaryCycle(i);
            const std::vector<DimensionStats> window(c.begin(), c.begin() + 3);
            QVERIFY(d.detect(window, c, i * 8000).active.empty());
        }
        // HDFC's outage; bnpl's transactions at HDFC fail, its 10 others do not (bnpl is half HDFC's here).
        const std::vector<DimensionStats> outage = {figures(DimensionKind::Issuer, "HDFC", {}, 80, 50, "91"),
                                                    figures(DimensionKind::Method, {}, "bnpl", 20, 9, "91"),
                                                    figures(DimensionKind::Method, {}, "card", 60, 41, "91"),
                                                    figures(DimensionKind::Path, "HDFC", "bnpl", 10, 9, "91"),
                                                    figures(DimensionKind::Path, "HDFC", "card", 60, 41, "91")};
        const auto quietWindow = ordinaryCycle(40);
        const auto r = d.detect({quietWindow.begin(), quietWindow.begin() + 3}, outage, 40 * 8000);
        std::vector<std::string> dims;
        for (const auto& a : r.active)
            dims.push_back(a.dimension);
        QVERIFY2(std::find(dims.begin(), dims.end(), "issuer:HDFC") != dims.end(), "HDFC's outage is not flagged");
        QVERIFY2(std::find(dims.begin(), dims.end(), "method:bnpl") == dims.end(), "bnpl raised its own anomaly");
        const Anomaly& hdfc = *std::find_if(r.active.begin(), r.active.end(),
                                            [](const Anomaly& a) { return a.dimension == "issuer:HDFC"; });
        QVERIFY(std::any_of(hdfc.evidence.begin(), hdfc.evidence.end(), [](const Evidence& e) {
            return e.dimension == "method:bnpl" && e.metric == "cycle_failure_share_without";
        }));
    }

    // One issuer slow makes global and every method slow: without its transactions global's mean latency is what it
    // usually is, so it is that issuer's anomaly, with global's and the methods' flags as evidence. It was reported
    // as a global latency spike (the issuer's flag rolled up into it), and on issuer_slowdown ICICI's own anomaly came
    // only after the slowdown ended. A gateway-wide spike stays global's.
    void anIssuersSlownessIsItsOwnAnomalyAndAGatewaysIsGlobals()
    {
        struct Dim {
            DimensionKind kind;
            const char* issuer;
            const char* method;
            std::uint32_t count;
        };
        const std::vector<Dim> dims = {
            {DimensionKind::Global, "", "", 200},     {DimensionKind::Issuer, "ICICI", "", 50},
            {DimensionKind::Issuer, "SBI", "", 50},   {DimensionKind::Issuer, "HDFC", "", 100},
            {DimensionKind::Method, "", "card", 120}, {DimensionKind::Method, "", "upi", 80}};
        // Latency by dimension this cycle (ms); ordinary cycles jitter by up to 12 ms.
        const auto cycle = [&](int i, const std::vector<double>& latency) {
            std::vector<DimensionStats> c;
            for (std::size_t k = 0; k < dims.size(); ++k) {
                c.push_back(figures(dims[k].kind, dims[k].issuer, dims[k].method, dims[k].count, 4 + i % 3));
                c.back().meanLatencyMs = latency.empty() ? 200.0 + (i + k) % 3 * 6 : latency[k];
            }
            return c;
        };
        const auto warm = [&](AnomalyDetector& d) {
            for (int i = 0; i < 40; ++i)
                QVERIFY(d.detect(cycle(i, {}), cycle(i, {}), i * 8000).active.empty());
        };
        const auto on = [](const DetectionResult& r, const std::string& key) {
            return std::find_if(r.active.begin(), r.active.end(), [&](const Anomaly& a) { return a.dimension == key; });
        };

        // ICICI at 800 ms: global (a quarter of it ICICI's) at 350, both methods at 350; SBI slow on its own at 280.
        AnomalyDetector d(coreConfig());
        warm(d);
        auto r = d.detect(cycle(40, {}), cycle(40, {350, 800, 280, 200, 350, 350}), 40 * 8000);
        const auto icici = on(r, "issuer:ICICI");
        QVERIFY2(icici != r.active.end(), "ICICI's slowness is not its own anomaly");
        QVERIFY(icici->has(Pattern::LatencySpike));
        for (const char* folded : {"global", "method:card", "method:upi"}) {
            QVERIFY2(on(r, folded) == r.active.end(), folded);
            QVERIFY2(std::any_of(icici->evidence.begin(), icici->evidence.end(),
                                 [&](const Evidence& e) { return e.dimension == folded; }),
                     folded);
        }
        QVERIFY2(on(r, "issuer:SBI") != r.active.end(), "another issuer's own slowness was taken in");
        // While it lasts it stays ICICI's one anomaly: not handed to global or a method and back.
        const std::int64_t id = icici->id;
        for (int i = 41; i < 45; ++i) {
            r = d.detect(cycle(i, {}), cycle(i, {350, 800, 200, 200, 350, 350}), i * 8000);
            const auto still = on(r, "issuer:ICICI");
            QVERIFY2(still != r.active.end() && still->id == id, "ICICI's anomaly did not stay one anomaly");
            for (const char* folded : {"global", "method:card", "method:upi"})
                QVERIFY2(on(r, folded) == r.active.end(), folded);
        }

        // Every issuer at three times its latency: global's, with the issuers' and methods' flags as its evidence.
        AnomalyDetector g(coreConfig());
        warm(g);
        r = g.detect(cycle(40, {}), cycle(40, {600, 600, 600, 600, 600, 600}), 40 * 8000);
        QCOMPARE(r.active.size(), std::size_t(1));
        QCOMPARE(r.active[0].dimension, std::string("global"));
        QVERIFY(std::any_of(r.active[0].evidence.begin(), r.active[0].evidence.end(),
                            [](const Evidence& e) { return e.dimension == "issuer:ICICI"; }));
    }

    void aDropShowsInTheFirstCycleAndStaysOneAnomaly()
    {
        const DetectorConfig c = coreConfig();
        AnomalyDetector d(c);
        // The chart's figure of this cycle, and the band the detector held it against, is the evidence's: the same
        // value and centre, and the evidence's spread times the bar an episode is held at.
        const auto figure = [](const DetectionResult& r) { return r.scores[0].cycle[DimensionScore::CycleSuccess]; };
        const auto chartsTheEvidence = [&](const DetectionResult& r, const Evidence& ev) {
            const DimensionScore::CycleFigure f = figure(r);
            return f.judged && f.value == ev.value && f.centre == ev.baseline &&
                   f.halfWidth == c.likelihoodHoldSigmas * ev.baselineStd;
        };
        QVERIFY(!figure(d.detect({ordinary(0)}, {ordinary(0)}, 0)).judged); // the core has no typical error yet
        warmUp(d, 40);
        // The window has not moved yet; this cycle's own transactions are at 0.5.
        const auto bad = methodStats(40, {{"51", 12}, {"05", 8}});
        auto r = d.detect({ordinary(40)}, {bad}, 40 * 8000);
        QCOMPARE(r.active.size(), std::size_t(1));
        const Anomaly first = r.active[0];
        QVERIFY(first.has(Pattern::MethodFatigue));
        const Evidence* e = evidenceFor(first, "cycle_success_rate");
        QVERIFY(e);
        QCOMPARE(e->value, 0.5);
        QVERIFY2(std::abs(e->baseline - 0.93) < 0.03, qPrintable(QString::number(e->baseline)));
        QVERIFY(e->baselineStd > 0);
        QVERIFY2(e->z > 3, qPrintable(QString::number(e->z))); // the cycle's EWMA z-score, as users know it
        QVERIFY(QString::fromStdString(e->rule).contains(QStringLiteral("likelihood")));
        QVERIFY(r.scores[0].successScore >= c.likelihoodAlarmLevel);
        QVERIFY(chartsTheEvidence(r, *e));
        QVERIFY(figure(r).value < figure(r).centre - figure(r).halfWidth); // drawn outside its band
        // Still down: the same anomaly, held by the episode.
        r = d.detect({ordinary(41)}, {bad}, 41 * 8000);
        QCOMPARE(r.active.size(), std::size_t(1));
        QCOMPARE(r.active[0].id, first.id);
        QVERIFY(chartsTheEvidence(r, *evidenceFor(r.active[0], "cycle_success_rate")));
        // Traffic moved away (3 transactions, too few to score): still flagged, and the rule says how old its
        // figures are.
        for (int i = 0; i < 2; ++i) {
            r = d.detect({ordinary(41)}, {methodStats(3, {{"51", 2}})}, (41 + i) * 8000 + 4000);
            QVERIFY(!figure(r).judged); // a thin cycle is no figure of its own
        }
        QCOMPARE(r.active.size(), std::size_t(1));
        QCOMPARE(r.active[0].id, first.id);
        e = evidenceFor(r.active[0], "cycle_success_rate");
        QVERIFY(e);
        QVERIFY2(QString::fromStdString(e->rule).startsWith(QStringLiteral("success rate 2 cycles ago")),
                 e->rule.c_str());
        QCOMPARE(e->value, 0.5);
        // Back to normal: cleared, and drawn inside the band it was judged against (the episode's reference).
        r = d.detect({ordinary(42)}, {ordinary(42)}, 42 * 8000);
        QVERIFY(r.active.empty());
        QCOMPARE(r.cleared.size(), std::size_t(1));
        QVERIFY(figure(r).judged);
        QVERIFY(figure(r).value > figure(r).centre - figure(r).halfWidth);
    }

    // New core settings start the four cores afresh and nothing else: an open incident stays the same anomaly,
    // and the failure-code mix keeps what it learned (a change of the alarm level used to rebuild every series:
    // the outage vanished and the mix restarted from its prior).
    void aConfigChangeKeepsTheIncidentAndWhatWasLearned()
    {
        DetectorConfig c = coreConfig();
        c.likelihoodShortWindow = 3;
        AnomalyDetector d(c);
        warmUp(d, 40);
        const auto bad = methodStats(40, {{"51", 12}, {"05", 8}});
        auto r = d.detect({ordinary(40)}, {bad}, 40 * 8000);
        QCOMPARE(r.active.size(), std::size_t(1));
        const std::int64_t id = r.active[0].id;
        const nlohmann::json before = d.saveState()["cycle_series"]["method:upi"];
        QCOMPARE(before["recent_rows"].size(), std::size_t(2));

        DetectorConfig changed = c;
        changed.likelihoodAlarmLevel = 0.79;
        changed.likelihoodShortWindow = 2;
        d.setConfig(changed);
        const nlohmann::json after = d.saveState()["cycle_series"]["method:upi"];
        QVERIFY(after["code_mix"] == before["code_mix"]);
        QVERIFY(after["success"]["open"].get<bool>());
        QCOMPARE(after["success"]["core"]["rows"].get<int>(), 0); // the core warms up again
        QCOMPARE(after["recent_rows"].size(), std::size_t(1));    // the newest row of a shorter window
        AnomalyDetector restored(changed);
        QVERIFY(restored.restoreState(d.saveState()).ok()); // a checkpoint of it is valid under the new config

        r = d.detect({ordinary(41)}, {bad}, 41 * 8000);
        QCOMPARE(r.active.size(), std::size_t(1));
        QCOMPARE(r.active[0].id, id);
        QVERIFY(r.cleared.empty());
    }

    // An open episode's evidence shows the reference the row was judged against. The reference follows the value
    // after the test; shown after the move, a flag that was up read as under its own bar.
    void theEvidenceShowsTheReferenceTheDecisionUsed()
    {
        MetricLikelihood m(Direction::Down, AnomalyDetector::likelihoodParams(coreConfig()));
        constexpr double hold = 4;
        for (int i = 0; i < 60; ++i)
            m.update(i * 8.0, 0.93 + 0.01 * ((i * 7) % 5 - 2), hold, 0.1);
        int openRows = 0;
        for (int i = 60; i < 100; ++i) {
            const MetricEpisode& e = m.update(i * 8.0, 0.5, hold, 0.1);
            if (!e.open)
                continue;
            ++openRows;
            QVERIFY2(
                (e.judged - e.value) / e.sigma >= hold,
                qPrintable(
                    QStringLiteral("row %1: %2 against %3 +/- %4").arg(i).arg(e.value).arg(e.judged).arg(e.sigma)));
        }
        QVERIFY(openRows > 3);
        QVERIFY(!m.episode().open); // the reference came down to the new level: over
    }

    void binomialDeviateIsTheTailsNormalDeviate()
    {
        // Nothing at or below the usual count.
        QCOMPARE(binomialUpperDeviate(3, 35, 0.09), 0.0);
        QCOMPARE(binomialUpperDeviate(0, 35, 0.09), 0.0);
        QCOMPARE(binomialUpperDeviate(5, 0, 0.09), 0.0);
        // Rises with the count.
        double last = 0;
        for (std::uint32_t k = 4; k <= 20; ++k) {
            const double z = binomialUpperDeviate(k, 35, 0.09);
            QVERIFY2(z > last, qPrintable(QStringLiteral("%1 of 35: %2 after %3").arg(k).arg(z).arg(last)));
            last = z;
        }
        // With many transactions and a middling share the binomial is nearly Gaussian: 3 spreads up is z 3.
        const double sd = std::sqrt(10000 * 0.5 * 0.5);
        QVERIFY(std::abs(binomialUpperDeviate(static_cast<std::uint32_t>(5000 + 3 * sd), 10000, 0.5) - 3.0) < 0.05);
        // With rare failures its upper tail is long: 11 of 35 at a usual 9 % is 4.6 Gaussian spreads up, but it
        // happens about once in 10 000 cycles (mid-p; z 3.72), not once in 560 000. P(X >= 11) alone would give
        // 3.58.
        const double gaussian = (11 - 35 * 0.09) / std::sqrt(35 * 0.09 * 0.91);
        QVERIFY(gaussian > 4.5);
        const double z = binomialUpperDeviate(11, 35, 0.09);
        QVERIFY2(std::abs(z - 3.718) < 0.01, qPrintable(QString::number(z)));
        // A tail below the smallest double is infinitely far, not stuck at the deviate of 1e-300.
        QVERIFY(std::isinf(binomialUpperDeviate(1000, 1000, 1e-4)));
        // A count above the mean whose mid-p tail is still above one half is no deviation.
        QCOMPARE(binomialUpperDeviate(2, 3, 0.66), 0.0);
    }

    // A cycle's success rate over 35 transactions with a usual 9 % failures: its lower tail is the binomial's.
    // The core's typical error is learned on such rows, so a cycle 4 of its typical errors down looks like a
    // one-in-30 000 event to a Gaussian and is a one-in-a-few-hundred one; the quiet run raised most of its false
    // anomalies there.
    void aSuccessRateIsJudgedByItsBinomialTail()
    {
        const detect::DetectorParams p = AnomalyDetector::likelihoodParams(coreConfig());
        constexpr double hold = 4;
        const auto history = [&](MetricLikelihood& m, bool sampled) {
            for (int i = 0; i < 200; ++i) {
                const std::uint32_t k = kSampledFailures[i % std::size(kSampledFailures)];
                const RowSampling s{1.0, sampled ? 35u : 0u, k};
                m.update(i * 8.0, (35.0 - k) / 35.0, hold, 0.01, s);
            }
        };
        MetricLikelihood gaussian(Direction::Down, p), binomial(Direction::Down, p);
        history(gaussian, false);
        history(binomial, true);
        // 9 failures: more than 4 typical errors out for a Gaussian, once in about 500 cycles for 35 transactions
        // (mid-p; P(X >= 9) alone is once in 320).
        const double value = 26.0 / 35.0;
        const MetricEpisode& g = gaussian.update(200 * 8.0, value, hold, 0.01, {});
        const MetricEpisode& b = binomial.update(200 * 8.0, value, hold, 0.01, {1.0, 35, 9});
        QVERIFY2(g.open, qPrintable(QStringLiteral("z %1 (typical %2)").arg(g.z).arg(g.typical)));
        QVERIFY2(!b.open && b.z < hold && b.spread > b.typical,
                 qPrintable(QStringLiteral("z %1, spread %2, typical %3").arg(b.z).arg(b.spread).arg(b.typical)));
        QVERIFY(std::abs(b.z * b.spread - (b.expected - value)) < 1e-9); // z is in the spread it shows
        // 16 failures happen about once in a hundred million such cycles: an incident.
        MetricLikelihood again(Direction::Down, p);
        history(again, true);
        const MetricEpisode& e = again.update(200 * 8.0, 19.0 / 35.0, hold, 0.01, {1.0, 35, 16});
        QVERIFY2(e.open, qPrintable(QStringLiteral("z %1").arg(e.z)));
        QCOMPARE(e.spread, e.z > 0 ? (e.expected - e.value) / e.z : 0.0);
    }

    // A row of fewer transactions than usual (a pool of thin cycles, a rerouted remainder) is noisier: it is
    // judged at its own size, but cannot clear a flag it could not have raised.
    void aSmallRowIsJudgedAtItsOwnSize()
    {
        const detect::DetectorParams p = AnomalyDetector::likelihoodParams(coreConfig());
        constexpr double hold = 4;
        const auto history = [&](MetricLikelihood& m) {
            for (int i = 0; i < 100; ++i)
                m.update(i * 8.0, 200 + 10 * ((i * 7) % 5 - 2), hold, 0.01);
        };
        MetricLikelihood full(Direction::Up, p), quarter(Direction::Up, p);
        history(full);
        history(quarter);
        // The same mean latency, from the usual count and from a quarter of it (twice the spread).
        const double typical = full.update(100 * 8.0, 200, hold, 0.01).typical;
        quarter.update(100 * 8.0, 200, hold, 0.01);
        const double value = 200 + 6 * typical;
        QVERIFY(full.update(101 * 8.0, value, hold, 0.01).open);
        const MetricEpisode& q = quarter.update(101 * 8.0, value, hold, 0.01, {2.0, 0, 0});
        QVERIFY2(!q.open && q.z < hold, qPrintable(QString::number(q.z)));
        // Open at the usual count, then a small row still 6 typical errors out: judged at its own spread (2
        // typical errors) it would be 3 spreads out, within the bar, and the flag would clear; it stays.
        const MetricEpisode& held = full.update(102 * 8.0, value, hold, 0.01, {2.0, 0, 0});
        QVERIFY(held.open);
        QCOMPARE(held.spread, held.sigma);
    }

    // The detector hands each row's size and failures to its series: the same success rate of 0.6 is an incident
    // on the method's usual 40 transactions (16 failures) and a noisy cycle on 10 (4 failures).
    void aCycleOfFewTransactionsIsJudgedAtItsSize()
    {
        AnomalyDetector usual(coreConfig()), small(coreConfig());
        for (int i = 0; i < 60; ++i) {
            const auto cycle = methodStats(40, {{"51", kSampledFailures[i % std::size(kSampledFailures)]}});
            usual.detect({ordinary(i)}, {cycle}, i * 8000);
            small.detect({ordinary(i)}, {cycle}, i * 8000);
        }
        const auto r40 = usual.detect({ordinary(60)}, {methodStats(40, {{"51", 16}})}, 60 * 8000);
        QCOMPARE(r40.active.size(), std::size_t(1));
        const Evidence* e = evidenceFor(r40.active[0], "cycle_success_rate");
        QVERIFY(e);
        QCOMPARE(e->value, 0.6);
        const auto r10 = small.detect({ordinary(60)}, {methodStats(10, {{"51", 4}})}, 60 * 8000);
        QVERIFY2(r10.active.empty(), r10.active.empty() ? "" : r10.active[0].evidence[0].rule.c_str());
    }

    void theBetterOfTwoTestsIsJudgedAsOne()
    {
        QCOMPARE(detect::bestOfTests(4.0, 1), 4.0);
        // Q(4) = 3.17e-5; doubled, 6.33e-5: z 3.83.
        const double z = detect::bestOfTests(4.0, 2);
        QVERIFY2(std::abs(z - 3.834) < 0.01, qPrintable(QString::number(z)));
        QCOMPARE(detect::bestOfTests(0.3, 2), 0.0);   // a doubled tail of one half or more is no finding
        QCOMPARE(detect::bestOfTests(40.0, 2), 40.0); // a tail too small for a double is left as it is
        QCOMPARE(detect::bestOfTests(0.0, 2), 0.0);
        // The tail-to-deviate step every binomial test shares: nothing at one half or more, never below 0 (the
        // approximation dips to -1e-7 just under one half), and the deviate of a Gaussian tail.
        QCOMPARE(detect::deviateOfTail(0.5), 0.0);
        QCOMPARE(detect::deviateOfTail(0.9), 0.0);
        QVERIFY(detect::deviateOfTail(0.5 - 1e-9) >= 0.0);
        QVERIFY(std::abs(detect::deviateOfTail(detect::upperTail(3.0)) - 3.0) < 1e-3);
    }

    void aCodeCreepingInOverTwoCyclesIsCaughtOnTheTwoTogether()
    {
        // Code 96 usually carries a few percent of the failures. It takes 3 of 4, then 4 of 5: each cycle alone is
        // within the bar, the two together are not (the first cycles of a slide look like this).
        AnomalyDetector d(coreConfig());
        warmUp(d, 40);
        const auto first = methodStats(40, {{"96", 3}, {"51", 1}});
        const auto second = methodStats(40, {{"96", 4}, {"51", 1}});
        FailureCodeMix alone; // the same mix, to show each cycle alone stays under the bar
        for (int i = 0; i < 40; ++i)
            alone.learn(ordinary(i).failureCodes, coreConfig().codeMixRate);
        QVERIFY(alone.surprise(first.failureCodes).z < coreConfig().codeMixZThreshold);
        alone.learn(first.failureCodes, coreConfig().codeMixRate);
        QVERIFY2(alone.surprise(second.failureCodes).z < coreConfig().codeMixZThreshold,
                 qPrintable(QString::number(alone.surprise(second.failureCodes).z)));

        QVERIFY(d.detect({ordinary(40)}, {first}, 40 * 8000).active.empty());
        const auto r = d.detect({ordinary(41)}, {second}, 41 * 8000);
        QCOMPARE(r.active.size(), std::size_t(1));
        const Evidence* e = evidenceFor(r.active[0], "cycle_code_share");
        QVERIFY(e);
        QVERIFY2(QString::fromStdString(e->rule).startsWith(
                     QStringLiteral("code 96 on 7 of 9 failures over the last 2 cycles (80 tx)")),
                 e->rule.c_str());
        QVERIFY(e->z >= coreConfig().codeMixZThreshold);
        // The better of two tests (this cycle alone, the two together), judged as one test with its tail doubled.
        const double joint = alone.surprise({{"96", 7}, {"51", 2}}).z;
        QVERIFY2(std::abs(e->z - detect::bestOfTests(joint, 2)) < 1e-9,
                 qPrintable(QStringLiteral("%1 against %2").arg(e->z).arg(joint)));
        QVERIFY(e->z < joint);

        // With a short window of one cycle, the mix is tested on each cycle alone and nothing is raised.
        DetectorConfig one = coreConfig();
        one.likelihoodShortWindow = 1;
        AnomalyDetector single(one);
        warmUp(single, 40);
        QVERIFY(single.detect({ordinary(40)}, {first}, 40 * 8000).active.empty());
        QVERIFY(single.detect({ordinary(41)}, {second}, 41 * 8000).active.empty());
    }

    void thinCyclesArePooledUntilTheyCanBeScored()
    {
        // The method was rerouted and carries 4 transactions a cycle; then its issuer fails them with code 91.
        AnomalyDetector d(coreConfig());
        warmUp(d, 40);
        const auto thinBad = methodStats(4, {{"91", 3}});
        for (int i = 0; i < 2; ++i) // 4, then 8 transactions: too few to say anything yet
            QVERIFY(d.detect({ordinary(40)}, {thinBad}, (40 + i) * 8000).active.empty());
        const auto r = d.detect({ordinary(40)}, {thinBad}, 42 * 8000);
        QCOMPARE(r.active.size(), std::size_t(1));
        const Evidence* e = evidenceFor(r.active[0], "cycle_success_rate");
        QVERIFY(e);
        QCOMPARE(e->value, 0.25); // 3 of 12 succeeded
        QCOMPARE(e->count, 12u);
        QVERIFY2(
            QString::fromStdString(e->rule).startsWith(QStringLiteral("success rate over the last 3 cycles (12 tx)")),
            e->rule.c_str());
    }

    void aPoolOfThinCyclesCannotClearAFlag()
    {
        AnomalyDetector d(coreConfig());
        warmUp(d, 40);
        const auto bad = methodStats(40, {{"51", 12}, {"05", 8}});
        auto r = d.detect({ordinary(40)}, {bad}, 40 * 8000);
        QCOMPARE(r.active.size(), std::size_t(1));
        const Anomaly first = r.active[0];
        // Rerouted: 4 healthy transactions a cycle. Three cycles make a pool that looks fine, but it is too thin
        // to say the incident is over.
        for (int i = 0; i < 3; ++i)
            r = d.detect({ordinary(41)}, {methodStats(4, {})}, (41 + i) * 8000);
        QCOMPARE(r.active.size(), std::size_t(1));
        QCOMPARE(r.active[0].id, first.id);
        QCOMPARE(r.active[0].severity, first.severity); // that of the figures it holds, not of the pool it skipped
        const Evidence* e = evidenceFor(r.active[0], "cycle_success_rate");
        QVERIFY(e);
        QCOMPARE(e->value, 0.5);
        QVERIFY2(QString::fromStdString(e->rule).startsWith(QStringLiteral("success rate 3 cycles ago (only thin")),
                 e->rule.c_str());
        // A full cycle of healthy traffic clears it. The 9 failing transactions of the unfinished pool before it
        // would keep it flagged if they were added to that cycle (38 of 49 succeeded); they are dropped instead.
        d.detect({ordinary(44)}, {methodStats(9, {{"51", 9}})}, 44 * 8000);
        r = d.detect({ordinary(45)}, {ordinary(45)}, 45 * 8000);
        QVERIFY(r.active.empty());
        QCOMPARE(r.cleared.size(), std::size_t(1));
    }

    void aDimensionThatIsAlwaysThinClearsOnItsPools()
    {
        // A quiet method: 4 transactions a cycle, every cycle. Its pools are its only rows, so they must be able
        // to clear what they raise, or one bad pool would flag it for good.
        AnomalyDetector d(coreConfig());
        TimeMs t = 0;
        for (int i = 0; i < 120; ++i, t += 8000) {
            const auto quiet =
                methodStats(4, i % 3 == 0 ? std::vector<CodeCount>{{"51", 1}} : std::vector<CodeCount>{});
            QVERIFY(d.detect({ordinary(i)}, {quiet}, t).active.empty());
        }
        DetectionResult r;
        for (int i = 0; i < 3; ++i, t += 8000)
            r = d.detect({ordinary(0)}, {methodStats(4, {{"51", 3}})}, t);
        QCOMPARE(r.active.size(), std::size_t(1));
        for (int i = 0; i < 3; ++i, t += 8000)
            r = d.detect({ordinary(0)}, {methodStats(4, {})}, t);
        QVERIFY(r.active.empty());
        QCOMPARE(r.cleared.size(), std::size_t(1));
    }

    void aSpikesCodeDoesNotOutliveTheSpike()
    {
        // One cycle fails with code 91 ten times; the next is ordinary. Tested together the two still show 91 on
        // most failures, but the code is not on the ordinary cycle, so the flag clears with it.
        AnomalyDetector d(coreConfig());
        warmUp(d, 40);
        auto r = d.detect({ordinary(40)}, {methodStats(40, {{"91", 10}, {"51", 1}})}, 40 * 8000);
        QCOMPARE(r.active.size(), std::size_t(1));
        QVERIFY(evidenceFor(r.active[0], "cycle_code_share"));
        r = d.detect({ordinary(41)}, {methodStats(40, {{"51", 2}})}, 41 * 8000);
        for (const Anomaly& a : r.active)
            QVERIFY2(!evidenceFor(a, "cycle_code_share"), evidenceFor(a, "cycle_code_share")->rule.c_str());
    }

    void anUnfinishedPoolSurvivesACheckpoint()
    {
        AnomalyDetector a(coreConfig());
        warmUp(a, 40);
        const auto thinBad = methodStats(4, {{"91", 3}});
        for (int i = 0; i < 2; ++i)
            a.detect({ordinary(40)}, {thinBad}, (40 + i) * 8000);
        AnomalyDetector b(coreConfig());
        QVERIFY(b.restoreState(nlohmann::json::parse(a.saveState().dump())).ok());
        QCOMPARE(b.saveState().dump(), a.saveState().dump());
        // The third thin cycle completes the pool in both: the restart lost none of its transactions.
        const auto ra = a.detect({ordinary(40)}, {thinBad}, 42 * 8000);
        const auto rb = b.detect({ordinary(40)}, {thinBad}, 42 * 8000);
        QCOMPARE(rb.active.size(), std::size_t(1));
        QCOMPARE(nlohmann::json(rb.active[0]).dump(), nlohmann::json(ra.active[0]).dump());
        // Saving, restoring and saving again gives the same state, also once the pool has been scored.
        QVERIFY(b.restoreState(nlohmann::json::parse(a.saveState().dump())).ok());
        QCOMPARE(b.saveState().dump(), a.saveState().dump());
    }

    void damagedPoolsAgesAndRecentRowsAreRefused()
    {
        AnomalyDetector a(coreConfig());
        warmUp(a, 40);
        for (int i = 0; i < 2; ++i)
            a.detect({ordinary(40)}, {methodStats(4, {{"91", 3}})}, (40 + i) * 8000);
        const nlohmann::json good = a.saveState();
        const auto refused = [&](const char* what, const std::function<void(nlohmann::json&)>& damage) {
            nlohmann::json state = good;
            damage(state["cycle_series"]["method:upi"]);
            AnomalyDetector b(coreConfig());
            const Status s = b.restoreState(state);
            QVERIFY2(!s.ok(), what);
            QVERIFY2(QString::fromStdString(s.error()).contains(QStringLiteral("damaged")), s.error().c_str());
        };
        refused("counts that do not add up", [](nlohmann::json& j) { j["pending"]["counts"] = {8, 9, 0, 0}; });
        refused("a negative count", [](nlohmann::json& j) { j["pending"]["counts"] = {-1, -1, 0, 0}; });
        refused("a count that wraps", [](nlohmann::json& j) { j["pending"]["counts"] = {0, 1, 4294967295LL, 0}; });
        refused("more coded failures than failures", [](nlohmann::json& j) { j["pending"]["codes"] = {{"91", 7}}; });
        refused("a negative age", [](nlohmann::json& j) { j["ages"][0][0] = -3; });
        refused("a share above 1", [](nlohmann::json& j) { j["ages"][0][3] = 1.5; });
        refused("a code finding beyond any binomial tail", [](nlohmann::json& j) { j["surprise"][4] = 1e9; });
        refused("a code on more failures than there are", [](nlohmann::json& j) {
            j["surprise"][1] = 5;
            j["surprise"][2] = 4;
        });
        refused("a usual count beyond 1e9", [](nlohmann::json& j) { j["usual_tx"] = 1e12; });
        refused("a series armed for ever", [](nlohmann::json& j) { j["success"]["armed"] = 1000000; });
        refused("code shares adding up to more than one", [](nlohmann::json& j) { j["code_mix"]["failures"] = 0.5; });
        refused("more recent rows than the short window", [](nlohmann::json& j) {
            j["recent_rows"] = {{{"codes", nlohmann::json::array()}, {"cycles", 1}, {"tx", 40}},
                                {{"codes", nlohmann::json::array()}, {"cycles", 1}, {"tx", 40}}};
        });
        // A checkpoint from before thin cycles were pooled: one age for every flag, no pool, no recent rows.
        nlohmann::json old = good;
        auto& series = old["cycle_series"]["method:upi"];
        series.erase("ages");
        series.erase("pending");
        series.erase("recent_rows");
        series["cycles_since_row"] = 2;
        AnomalyDetector b(coreConfig());
        QVERIFY(b.restoreState(old).ok());
        QCOMPARE(b.saveState()["cycle_series"]["method:upi"]["ages"][0][0].get<int>(), 2);
    }

    void nothingIsRaisedBeforeTheSeriesHaveWarmedUp()
    {
        AnomalyDetector d(coreConfig());
        warmUp(d, coreConfig().likelihoodWarmupCycles - 2);
        const auto bad = methodStats(40, {{"91", 20}});
        QVERIFY(d.detect({ordinary(0)}, {bad}, 100 * 8000).active.empty());
    }

    // A takeover code in the last cycle of the warm-up is not judged, and must not be judged later either: when
    // only thin cycles follow, that row stays the newest, and by then the mix has warmed up.
    void aFindingOfTheWarmUpNeverBecomesAFlag()
    {
        const DetectorConfig c = coreConfig();
        AnomalyDetector d(c);
        const int w = c.likelihoodWarmupCycles;
        warmUp(d, w - 1);
        const auto takeover = methodStats(40, {{"91", 3}, {"51", 1}});
        QVERIFY(d.detect({ordinary(w - 1)}, {takeover}, (w - 1) * 8000).active.empty());
        for (int i = 0; i < 2; ++i) { // 3 transactions each: the pool stays unfinished
            const auto r = d.detect({ordinary(w + i)}, {methodStats(3, {})}, (w + i) * 8000);
            QVERIFY2(r.active.empty(), "a finding of the warm-up raised a flag");
        }
        // Warmed up, a takeover by a code the mix has not learned yet is caught.
        const auto r = d.detect({ordinary(w + 2)}, {methodStats(40, {{"54", 3}, {"51", 1}})}, (w + 2) * 8000);
        QCOMPARE(r.active.size(), std::size_t(1));
    }

    void anUnusualCodeIsCaughtBeforeTheRateLeavesItsNoise()
    {
        // 4 failures of 40, as in ordinary cycles, but 3 carry a code the failures have never carried.
        const auto takeover = methodStats(40, {{"91", 3}, {"51", 1}});
        DetectorConfig c = coreConfig();
        AnomalyDetector d(c);
        warmUp(d, 40);
        auto r = d.detect({ordinary(40)}, {takeover}, 40 * 8000);
        QCOMPARE(r.active.size(), std::size_t(1));
        const Evidence* e = evidenceFor(r.active[0], "cycle_code_share");
        QVERIFY(e);
        QVERIFY(!evidenceFor(r.active[0], "cycle_success_rate"));
        QCOMPARE(e->value, 0.75);
        // The usual share with its binomial spread at 4 failures.
        QCOMPARE(e->baselineStd, std::sqrt(e->baseline * (1 - e->baseline) / 4));
        QVERIFY(e->baselineStd > 0);
        QVERIFY(e->z >= c.codeMixZThreshold);
        QVERIFY2(QString::fromStdString(e->rule).startsWith(QStringLiteral("code 91 on 3 of 4 failures")),
                 e->rule.c_str());
        QVERIFY(r.scores[0].failureCodeZ >= c.codeMixZThreshold);
        QVERIFY(r.active[0].maxAbsZ >= e->z);

        // Turned off, the same cycle raises nothing: the code rule is what saw it.
        c.codeMixZThreshold = 0;
        AnomalyDetector off(c);
        warmUp(off, 40);
        QVERIFY(off.detect({ordinary(40)}, {takeover}, 40 * 8000).active.empty());
    }

    void aStormIsManyTransactionsRetrying()
    {
        AnomalyDetector d(coreConfig());
        warmUp(d, 40);
        // One transaction retried 40 times: the mean jumps to 1.1, but 1 in 40 is no storm.
        auto r = d.detect({ordinary(40)}, {methodStats(40, {{"51", 2}}, 200, 1.1, 1.0 / 40)}, 40 * 8000);
        QVERIFY(r.active.empty());
        QVERIFY(r.scores[0].meanRetriesScore >= coreConfig().likelihoodAlarmLevel); // the core saw the jump
        // Most of them retrying, many three times or more.
        r = d.detect({ordinary(41)}, {methodStats(40, {{"51", 2}}, 200, 2.6, 0.4)}, 41 * 8000);
        QCOMPARE(r.active.size(), std::size_t(1));
        QVERIFY(r.active[0].has(Pattern::RetryStorm));
        QVERIFY(evidenceFor(r.active[0], "cycle_mean_retries"));
    }

    void aFewRetriersInASmallCycleAreNoStorm()
    {
        AnomalyDetector d(coreConfig());
        warmUp(d, 40);
        // 3 of 13 transactions retried three times or more: a share of 0.23, over the 0.20 bar, but a small cycle
        // sees that by chance (its lower bound two standard errors down is 0.08).
        auto r = d.detect({ordinary(40)}, {methodStats(13, {{"51", 1}}, 200, 1.5, 3.0 / 13)}, 40 * 8000);
        QVERIFY(r.scores[0].meanRetriesScore >= coreConfig().likelihoodAlarmLevel); // the core saw the jump
        for (const Anomaly& a : r.active)
            QVERIFY(!a.has(Pattern::RetryStorm));
        // 70 of 160 is a storm.
        r = d.detect({ordinary(41)}, {methodStats(160, {{"51", 8}}, 200, 2.6, 70.0 / 160)}, 41 * 8000);
        QCOMPARE(r.active.size(), std::size_t(1));
        QVERIFY(r.active[0].has(Pattern::RetryStorm));
    }

    void latencyFromTheCyclesMeanLatency()
    {
        AnomalyDetector d(coreConfig());
        warmUp(d, 40);
        const auto r = d.detect({ordinary(40)}, {methodStats(40, {{"51", 2}}, 600)}, 40 * 8000);
        QCOMPARE(r.active.size(), std::size_t(1));
        QVERIFY(r.active[0].has(Pattern::LatencySpike));
        const Evidence* e = evidenceFor(r.active[0], "cycle_mean_latency_ms");
        QVERIFY(e);
        QCOMPARE(e->value, 600.0);
        // Its z is the row's own, as the row shows it (not the window p95's, which has not moved yet).
        QVERIFY(e->baselineStd > 0);
        QCOMPARE(e->z, (e->value - e->baseline) / e->baselineStd);
        QVERIFY(e->z > 4);
        QVERIFY(r.active[0].severity > 0.8); // three times the expected latency: latencySeverity(3) = 1
    }

    // An issuer that goes silent is an incident however good its last figures were (its window keeps them for five
    // minutes): the silence is judged against its usual count, the rest of the feed's own fall and the agent's
    // interventions, and adds up over cycles.
    void aSilentIssuerIsAnIncident()
    {
        const auto issuer = [](const char* name, std::uint32_t count) {
            return figures(DimensionKind::Issuer, name, {}, count, count / 20);
        };
        const auto global = [](std::uint32_t count) {
            return figures(DimensionKind::Global, {}, {}, count, count / 20);
        };
        const std::vector<DimensionStats> window = {global(140), issuer("HDFC", 80), issuer("ICICI", 60)};
        // The first cycle twice as busy: the usual count is the mean of the cycles so far, not that first one (it
        // used to be seeded with it and still weigh two thirds of it forty cycles later: 134 expected, not 82).
        const std::vector<DimensionStats> busyFirst = {global(220), issuer("HDFC", 160), issuer("ICICI", 60)};
        const auto warm = [&](AnomalyDetector& d) {
            for (int i = 0; i < 40; ++i)
                QVERIFY(d.detect(window, i == 0 ? busyFirst : window, i * 8000).active.empty());
        };
        const std::vector<DimensionStats> hdfcSilent = {global(60), issuer("ICICI", 60)};
        const auto hdfcAnomaly = [](const DetectionResult& r) -> const Anomaly* {
            for (const auto& a : r.active)
                if (a.dimension == "issuer:HDFC")
                    return &a;
            return nullptr;
        };

        AnomalyDetector d(coreConfig());
        warm(d);
        auto r = d.detect(window, hdfcSilent, 40 * 8000);
        const Anomaly* a = hdfcAnomaly(r);
        QVERIFY2(a, "a silent HDFC is not flagged");
        QCOMPARE(a->patterns.front(), Pattern::IssuerDegradation);
        QCOMPARE(a->severityClass, SeverityClass::Critical);
        const Evidence* e = evidenceFor(*a, "cycle_volume");
        QVERIFY(e);
        QVERIFY2(e->rule.starts_with("no transactions this cycle, 82.0 expected (z "), e->rule.c_str());
        r = d.detect(window, hdfcSilent, 41 * 8000);
        QVERIFY(hdfcAnomaly(r));
        e = evidenceFor(*hdfcAnomaly(r), "cycle_volume");
        QVERIFY2(e && e->rule.starts_with("no transactions for 2 cycles, 82.0 a cycle expected"),
                 e ? e->rule.c_str() : "");
        // Its confidence rests on the silence, not on the window's failures, which the silence empties.
        DimensionStats emptied;
        emptied.kind = DimensionKind::Issuer;
        emptied.issuer = "HDFC";
        emptied.key = dimensionKey(emptied.kind, emptied.issuer, {});
        r = d.detect({global(60), emptied, issuer("ICICI", 60)}, hdfcSilent, 42 * 8000);
        QVERIFY(hdfcAnomaly(r));
        QVERIFY2(hdfcAnomaly(r)->confidence >= 0.7, qPrintable(QString::number(hdfcAnomaly(r)->confidence)));
        r = d.detect(window, window, 43 * 8000); // back
        QVERIFY(!hdfcAnomaly(r));

        // The whole feed stopping is no one issuer's silence.
        AnomalyDetector all(coreConfig());
        warm(all);
        QVERIFY(all.detect(window, {}, 40 * 8000).active.empty());

        // An issuer the agent suppressed keeps a tenth of its traffic: a silence then needs more cycles to be clear,
        // and a restore keeps the cycles so far.
        AnomalyDetector suppressed(coreConfig());
        warm(suppressed);
        suppressed.setTrafficScale({{"issuer:HDFC", 0.1}});
        QVERIFY(!hdfcAnomaly(suppressed.detect(window, hdfcSilent, 40 * 8000))); // 8.2 expected: not yet clear
        AnomalyDetector restored(coreConfig());
        QVERIFY(restored.restoreState(suppressed.saveState()).ok());
        restored.setTrafficScale({{"issuer:HDFC", 0.1}});
        r = restored.detect(window, hdfcSilent, 41 * 8000); // 16.4 expected over two cycles
        QVERIFY2(hdfcAnomaly(r), "a suppressed issuer silent for two cycles is not flagged after a restore");
        e = evidenceFor(*hdfcAnomaly(r), "cycle_volume");
        QVERIFY2(e && e->rule.find("8.2 a cycle expected with the agent's intervention (10 % of it)") !=
                          std::string::npos,
                 e ? e->rule.c_str() : "");

        // A method the agent rerouted has none left to expect.
        AnomalyDetector rerouted(coreConfig());
        warm(rerouted);
        rerouted.setTrafficScale({{"issuer:HDFC", 0.0}});
        for (int i = 40; i < 50; ++i)
            QVERIFY(!hdfcAnomaly(rerouted.detect(window, hdfcSilent, i * 8000)));
    }

    void volumeIsScoredButRaisesNothing()
    {
        // Traffic moves with demand and with the agent's own reroutes: a drop is shown, not raised (a silence is:
        // aSilentIssuerIsAnIncident).
        AnomalyDetector d(coreConfig());
        warmUp(d, 40);
        const auto r = d.detect({ordinary(40)}, {methodStats(12, {{"51", 1}})}, 40 * 8000);
        QVERIFY(r.active.empty());
        QVERIFY2(r.scores[0].volumeScore >= coreConfig().likelihoodAlarmLevel,
                 qPrintable(QString::number(r.scores[0].volumeScore)));
    }

    void aSlowTailIsSurprisingAndTheUsualOneIsNot()
    {
        SlowTail tail;
        QCOMPARE(tail.usualShare(), 0.5); // half a slow transaction in one: unknown, not "never"
        for (int i = 0; i < 100; ++i)
            tail.learn(i % 20 == 0 ? 1 : 0, 40, 0.01);
        QCOMPARE(tail.rows(), 100);
        QVERIFY(tail.usualShare() > 0.001 && tail.usualShare() < 0.003);
        QCOMPARE(tail.surprise(0, 40).z, 0.0);
        QVERIFY(tail.surprise(1, 40).z < 2); // one in a cycle happens every 20 cycles
        const SlowTailFinding four = tail.surprise(4, 40);
        QVERIFY2(four.z > 4, qPrintable(QString::number(four.z)));
        QVERIFY(tail.surprise(6, 40).z > four.z);
        // A busy row is weighed as 500 transactions: a tenth slow is as surprising at 5 000 as at 500.
        QCOMPARE(tail.surprise(500, 5000).z, tail.surprise(50, 500).z);
        // Learning while flagged moves the usual share less.
        SlowTail flagged = tail, normal = tail;
        flagged.learn(20, 40, 0.01, 0.1);
        normal.learn(20, 40, 0.01);
        QVERIFY(flagged.usualShare() < normal.usualShare());
        // A checkpoint round trip; damaged ones are refused and change nothing.
        SlowTail restored;
        QVERIFY(restored.restoreState(nlohmann::json::parse(tail.saveState().dump())));
        QCOMPARE(restored.saveState().dump(), tail.saveState().dump());
        auto damaged = tail.saveState();
        damaged["slow"] = damaged["tested"].get<double>() + 1;
        QVERIFY(!restored.restoreState(damaged));
        damaged = tail.saveState();
        damaged["rows"] = -1;
        QVERIFY(!restored.restoreState(damaged));
        QVERIFY(!restored.restoreState(nlohmann::json::object()));
        QCOMPARE(restored.saveState().dump(), tail.saveState().dump());
    }

    // A slow route: 4 of 40 transactions far beyond the usual p95 while the mean latency stays within its noise.
    void aSlowTailIsCaughtWhileTheMeanStaysInItsNoise()
    {
        const DetectorConfig c = coreConfig();
        AnomalyDetector d(c);
        QCOMPARE(d.slowBarMs("method:upi"), 0u); // no p95 baseline yet
        // Counted, but the tail has learned no rows: its usual share (one half, the prior) is not charted.
        QCOMPARE(d.detect({ordinary(0)}, {withTail(ordinary(0), 0)}, 0).scores[0].slowTested, 0u);
        warmUpWithTail(d, 1, 60);
        // The bar the runtime hands to the window: twice the usual p95 (1.3 x a mean latency of 200-212 ms).
        const std::uint32_t bar = d.slowBarMs("method:upi");
        QVERIFY2(bar >= 2 * 1.3 * 200 && bar <= 2 * 1.3 * 212 + 1, qPrintable(QString::number(bar)));
        QCOMPARE(d.slowBarMs("method:none"), 0u);

        auto r = d.detect({ordinary(60)}, {withTail(ordinary(60), 4)}, 60 * 8000);
        QCOMPARE(r.active.size(), std::size_t(1));
        QVERIFY(r.active[0].has(Pattern::LatencySpike));
        QCOMPARE(r.active[0].patterns.size(), std::size_t(1)); // not the mean, not the success rate
        const Evidence* e = evidenceFor(r.active[0], "cycle_slow_share");
        QVERIFY(e);
        QCOMPARE(e->value, 0.1);
        QVERIFY2(QString::fromStdString(e->rule).endsWith(QStringLiteral(">= 4.00)")), e->rule.c_str());
        QVERIFY(e->baseline < 0.003);
        QVERIFY(e->z >= c.slowTailZThreshold);
        QCOMPARE(r.scores[0].slowTailZ, e->z);
        QCOMPARE(r.active[0].maxAbsZ, e->z); // the list's z is the one that raised it, not the window's
        // The cycle's own share, for the console's chart, against the usual one before this cycle.
        QCOMPARE(r.scores[0].slowTested, 40u);
        QCOMPARE(r.scores[0].slowTx, 4u);
        QCOMPARE(r.scores[0].slowUsualShare, e->baseline);
        QVERIFY2(QString::fromStdString(e->rule).startsWith(
                     QStringLiteral("4 of 40 tx this cycle slower than 540 ms (2.0x the usual p95)")),
                 e->rule.c_str());
        // A row without slow ones does not end it while the two rows together are still half-way to the bar (a
        // slow route of a tenth has such rows); the next one does.
        const auto busy = [](std::uint32_t slow) {
            return withTail(methodStats(120, {{"51", 6}, {"05", 3}}, 204, 0.11), slow);
        };
        r = d.detect({ordinary(61)}, {busy(0)}, 61 * 8000);
        QCOMPARE(r.active.size(), std::size_t(1));
        e = evidenceFor(r.active[0], "cycle_slow_share");
        QVERIFY(e);
        QVERIFY2(QString::fromStdString(e->rule).startsWith(QStringLiteral("4 of 160 tx over the last 2 cycles")),
                 e->rule.c_str());
        QVERIFY(e->z < c.slowTailZThreshold);
        QVERIFY2(QString::fromStdString(e->rule).contains(QStringLiteral("still >= 2.00)")), e->rule.c_str());
        r = d.detect({ordinary(62)}, {busy(0)}, 62 * 8000);
        QVERIFY(r.active.empty());

        // Turned off, or with method "zscore", there are no bars and no tail flags.
        DetectorConfig off = c;
        off.slowTailZThreshold = 0;
        d.setConfig(off);
        QCOMPARE(d.slowBarMs("method:upi"), 0u);
        DetectorConfig zscore = c;
        zscore.method = "zscore";
        d.setConfig(zscore);
        QCOMPARE(d.slowBarMs("method:upi"), 0u);
    }

    // The global dimension's slow transactions are its issuers': one issuer's slow route must be reported on the
    // issuer, not as a system-wide spike that takes in the issuer's flag. So global has no bar and no tail flag.
    void theGlobalDimensionHasNoSlowTail()
    {
        AnomalyDetector d(coreConfig());
        const auto global = [](int i, std::uint32_t slow) {
            DimensionStats s = withTail(ordinary(i), slow);
            s.kind = DimensionKind::Global;
            s.method.clear();
            s.key = "global";
            return s;
        };
        for (int i = 0; i < 60; ++i)
            QVERIFY(d.detect({global(i, 0)}, {global(i, i % 20 == 0 ? 1 : 0)}, i * 8000).active.empty());
        QCOMPARE(d.slowBarMs("global"), 0u);
        const auto r = d.detect({global(60, 0)}, {global(60, 12)}, 60 * 8000);
        QVERIFY(r.active.empty());
        QCOMPARE(r.scores[0].slowTailZ, 0.0);
        // Nor does it keep rows for tests it does not make.
        const nlohmann::json state = d.saveState()["cycle_series"]["global"];
        QVERIFY(state["recent_rows"].empty());
        QCOMPARE(state["slow_tail"]["rows"].get<int>(), 0);
    }

    // A usual share is a share beyond one bar: another slow_tail_factor starts the tails afresh, in a running
    // detector and in one restored from a checkpoint written under the old factor.
    void anotherFactorStartsTheTailsAfresh()
    {
        const DetectorConfig c = coreConfig();
        AnomalyDetector d(c);
        warmUpWithTail(d, 0, 60);
        QCOMPARE(d.detect({ordinary(60)}, {withTail(ordinary(60), 4)}, 60 * 8000).active.size(), std::size_t(1));
        const nlohmann::json before = d.saveState();
        QVERIFY(before["cycle_series"]["method:upi"]["slow_open"].get<bool>());
        DetectorConfig lower = c;
        lower.slowTailFactor = 1.5;
        AnomalyDetector restored(lower);
        QVERIFY(restored.restoreState(before).ok());
        // A thin cycle waiting in the pool was counted against the old bar as well: its count goes with the tail.
        (void)d.detect({ordinary(61)}, {withTail(methodStats(3, {}), 2)}, 61 * 8000 - 4000);
        QCOMPARE(d.saveState()["cycle_series"]["method:upi"]["pending"]["slow"][0].get<int>(), 2);
        d.setConfig(lower);
        QCOMPARE(d.saveState()["cycle_series"]["method:upi"]["pending"]["slow"][0].get<int>(), 0);
        for (AnomalyDetector* x : {&d, &restored}) {
            const nlohmann::json series = x->saveState()["cycle_series"]["method:upi"];
            QCOMPARE(series["slow_tail"]["rows"].get<int>(), 0);
            QVERIFY(!series["slow_open"].get<bool>());
            // Warming up again: four slow ones raise nothing yet.
            const auto r = x->detect({ordinary(61)}, {withTail(ordinary(61), 4)}, 61 * 8000);
            for (const auto& a : r.active)
                QVERIFY(!evidenceFor(a, "cycle_slow_share"));
        }
        // The same factor keeps what was learned.
        AnomalyDetector same(c);
        QVERIFY(same.restoreState(before).ok());
        QCOMPARE(same.saveState()["cycle_series"]["method:upi"]["slow_tail"]["rows"].get<int>(), 61);
    }

    // Two slow ones in each of two cycles: neither cycle alone passes the bar, the two together do.
    void aTailOverTwoCyclesIsCaughtOnTheTwoTogether()
    {
        const DetectorConfig c = coreConfig();
        AnomalyDetector d(c);
        warmUpWithTail(d, 0, 200);
        SlowTail alone; // what the detector's tail learns, replayed
        for (int i = 0; i < 200; ++i)
            alone.learn(i % 20 == 0 ? 1 : 0, 40, c.codeMixRate);
        QVERIFY(alone.surprise(2, 40).z < c.slowTailZThreshold);
        // Half-way to the bar, the first row is learned as a flagged one is.
        QVERIFY(alone.surprise(2, 40).z >= c.slowTailZThreshold / 2);
        alone.learn(2, 40, c.codeMixRate, c.anomalousUpdateWeight);
        QVERIFY(alone.surprise(2, 40).z < c.slowTailZThreshold);
        QVERIFY(d.detect({ordinary(200)}, {withTail(ordinary(200), 2)}, 200 * 8000).active.empty());
        const auto r = d.detect({ordinary(201)}, {withTail(ordinary(201), 2)}, 201 * 8000);
        QCOMPARE(r.active.size(), std::size_t(1));
        const Evidence* e = evidenceFor(r.active[0], "cycle_slow_share");
        QVERIFY(e);
        QVERIFY2(QString::fromStdString(e->rule).startsWith(QStringLiteral("4 of 80 tx over the last 2 cycles")),
                 e->rule.c_str());
    }

    void theSlowTailSurvivesACheckpoint()
    {
        const DetectorConfig c = coreConfig();
        AnomalyDetector whole(c);
        warmUpWithTail(whole, 0, 60);
        QCOMPARE(whole.detect({ordinary(60)}, {withTail(ordinary(60), 4)}, 60 * 8000).active.size(), std::size_t(1));
        AnomalyDetector restored(c);
        QVERIFY(restored.restoreState(nlohmann::json::parse(whole.saveState().dump())).ok());
        QCOMPARE(restored.saveState().dump(), whole.saveState().dump());
        for (int i = 61; i < 64; ++i) {
            const auto cycle = withTail(ordinary(i), i == 62 ? 5 : 0);
            const auto a = whole.detect({ordinary(i)}, {cycle}, i * 8000);
            const auto b = restored.detect({ordinary(i)}, {cycle}, i * 8000);
            QCOMPARE(nlohmann::json(b.scores).dump(), nlohmann::json(a.scores).dump());
            QCOMPARE(b.active.size(), a.active.size());
        }
        QCOMPARE(restored.saveState().dump(), whole.saveState().dump());
        // Restored in the middle of a pool of thin cycles, with a slow one in it.
        whole.detect({ordinary(64)}, {withTail(methodStats(4, {}), 1)}, 64 * 8000);
        AnomalyDetector midPool(c);
        QVERIFY(midPool.restoreState(nlohmann::json::parse(whole.saveState().dump())).ok());
        for (int i = 65; i < 68; ++i) {
            const auto cycle = withTail(methodStats(4, {}), i == 65 ? 2 : 0);
            const auto a = whole.detect({ordinary(i)}, {cycle}, i * 8000);
            const auto b = midPool.detect({ordinary(i)}, {cycle}, i * 8000);
            QCOMPARE(nlohmann::json(b.scores).dump(), nlohmann::json(a.scores).dump());
        }
        QCOMPARE(midPool.saveState().dump(), whole.saveState().dump());
        const nlohmann::json good = whole.saveState();
        const auto refused = [&](const char* what, const std::function<void(nlohmann::json&)>& damage) {
            nlohmann::json state = good;
            damage(state["cycle_series"]["method:upi"]);
            QVERIFY2(!AnomalyDetector(c).restoreState(state).ok(), what);
        };
        refused("more slow than counted", [](nlohmann::json& j) { j["slow"][0] = j["slow"][1].get<int>() + 1; });
        refused("a tail finding beyond any binomial tail", [](nlohmann::json& j) { j["slow"][4] = 1e9; });
        refused("a tail with more slow than tested", [](nlohmann::json& j) { j["slow_tail"]["slow"] = 1e9; });
        refused("a recent row with more slow than counted", [](nlohmann::json& j) {
            j["recent_rows"][0]["slow"] = {41, 40};
        });
        // A checkpoint from before the slow tail: it loads, and the tail warms up again before it judges.
        nlohmann::json old = good;
        auto& series = old["cycle_series"]["method:upi"];
        series.erase("slow_tail");
        series.erase("slow");
        series["ages"].erase(DimensionSeries::Tail);
        series["recent_rows"][0].erase("slow");
        AnomalyDetector before(c);
        QVERIFY(before.restoreState(old).ok());
        const auto r = before.detect({ordinary(64)}, {withTail(ordinary(64), 8)}, 64 * 8000);
        QVERIFY(r.active.empty());
    }

    void aRestoredDetectorContinuesIdentically()
    {
        const DetectorConfig c = coreConfig();
        AnomalyDetector whole(c);
        warmUp(whole, 40);
        AnomalyDetector restored(c);
        const Status s = restored.restoreState(nlohmann::json::parse(whole.saveState().dump()));
        QVERIFY2(s.ok(), s.ok() ? "" : s.error().c_str());
        for (int i = 40; i < 50; ++i) {
            const auto cycle = i >= 45 ? methodStats(40, {{"91", 5}, {"51", 15}}) : ordinary(i);
            const auto a = whole.detect({ordinary(i)}, {cycle}, i * 8000);
            const auto b = restored.detect({ordinary(i)}, {cycle}, i * 8000);
            QCOMPARE(b.active.size(), a.active.size());
            for (std::size_t k = 0; k < a.active.size(); ++k)
                QCOMPARE(nlohmann::json(b.active[k]).dump(), nlohmann::json(a.active[k]).dump());
        }
        QVERIFY(!whole.active().empty());
        QCOMPARE(restored.saveState().dump(), whole.saveState().dump());

        // A checkpoint from before the core scored cycles (its "likelihood" series were of window figures):
        // restored without them, the series start afresh.
        auto old = whole.saveState();
        old.erase("cycle_series");
        old["likelihood"] = {{"method:upi", nlohmann::json::array()}};
        AnomalyDetector fresh(c);
        QVERIFY(fresh.restoreState(old).ok());
        QVERIFY(fresh.saveState()["cycle_series"].empty());
        // A damaged one says which series.
        auto damaged = whole.saveState();
        damaged["cycle_series"]["method:upi"]["success"].erase("armed");
        const Status bad = AnomalyDetector(c).restoreState(damaged);
        QVERIFY(!bad.ok());
        QVERIFY(QString::fromStdString(bad.error()).contains(QStringLiteral("method:upi")));
    }
};

QTEST_GUILESS_MAIN(TestCycleSeries)
#include "test_cycle_series.moc"
