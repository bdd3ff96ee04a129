#include "anomaly_detector.h"

#include "core/json_error.h"
#include "core/logging.h"
#include "detect/gaussian_tail.h"
#include "reasoning/binomial.h"
#include "reasoning/spillover.h"
#include "runtime/json_codec.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string_view>

namespace payops {

namespace {

// Templates an older agent wrote into evidence that a checkpoint or a triage book still holds: listed so their
// translations stay, and such evidence reads in the reader's language too. Nothing writes them any more.
[[maybe_unused]] constexpr const char* kRetiredTemplates[] = {
    QT_TRANSLATE_NOOP("payops::Phrase", "likelihood %1"),                // before the text said its z (2026-12-06)
    QT_TRANSLATE_NOOP("payops::Phrase", "likelihood %1 when it opened"), // the same
    QT_TRANSLATE_NOOP("payops::Phrase", "z %1, likelihood %2 when it opened"), // an hour, before "z %1; ..."
};

// How bad a latency spike is: 0 at the baseline, 1 at three times it.
double latencySeverity(double ratioToBaseline)
{
    return std::clamp((ratioToBaseline - 1.0) / 2.0, 0.0, 1.0);
}

// How bad a retry storm is: a quarter of the mean retries, or the share retrying a lot, whichever is worse.
double retrySeverity(double meanRetries, double highRetryShare)
{
    return std::min(std::max(meanRetries / 4.0, highRetryShare), 1.0);
}
double retrySeverity(const DimensionStats& s)
{
    return retrySeverity(s.meanRetries, s.highRetryShare);
}

// Whether a share measured on n transactions is above `bar` by more than its sampling error: the Wilson lower
// bound two standard errors down. 3 of 13 transactions retrying is a share of 0.23, but a small method sees that
// by chance; 70 of 160 is a storm.
bool shareSurelyAbove(double share, std::uint32_t n, double bar)
{
    if (n == 0)
        return false;
    constexpr double z = 2.0;
    const double nn = n, z2n = z * z / nn;
    const double lower = (share + z2n / 2 - z * std::sqrt(share * (1 - share) / nn + z2n / (4 * nn))) / (1 + z2n);
    return lower > bar;
}

// How far `count` of `n` lies above a fixed bar's share, as the normal deviate with the same binomial odds: the z of
// a share rule's evidence, which the user can weigh against the bar's sampling spread. (They carried the window's
// success-rate or mean-retries z against its EWMA baseline, a figure shown nowhere else, and it became the
// anomaly's z and confidence.) A tail beyond what a double holds is shown as the deviate of the smallest one.
double shareZ(double share, std::uint32_t n, double bar)
{
    const auto count = static_cast<std::uint32_t>(std::llround(share * n));
    const double z = binomialUpperDeviate(count, n, bar);
    return std::isfinite(z) ? z : detect::deviateOfTail(std::numeric_limits<double>::min());
}

// A dimension's cycle mean (latency or retries) as spillover's arithmetic takes it: what the core expected this cycle,
// and its typical error at the usual count of transactions (usual -1 while the core has no typical error yet).
FlaggedDimension cycleMean(std::size_t index, const DimensionStats* cycle, Pattern p, const MetricEpisode& e,
                           double usualTx)
{
    FlaggedDimension d{index, cycle, p};
    d.usual = e.typical > 0 ? e.expected : -1.0;
    d.spread = e.typical;
    d.usualCount = usualTx;
    return d;
}

// Moves the evidence of each of `flags` that `taken` accepts into `into`, and drops those flags: one incident's
// anomaly takes in another dimension's flags.
template <class Flags, class Taken> void moveEvidence(Flags& flags, Taken taken, std::vector<Evidence>& into)
{
    for (auto it = flags.begin(); it != flags.end();) {
        if (taken(*it)) {
            into.push_back(std::move(it->evidence));
            it = flags.erase(it);
        } else {
            ++it;
        }
    }
}

// The check of the recent window for the window rules without a sampling-error bound (retries, p95): `figure`
// (the recent window's) beyond `bar`; true without a recent window.
bool recentlyBeyond(const DimensionStats* recentWindow, double figure, double bar)
{
    return !recentWindow || (recentWindow->count > 0 && figure > bar);
}

// "; last 8 cycles: 0.31", appended to a window rule's text: the cycles the figures really cover (fewer than the
// configured count in a new run's first minute); empty without a recent window, or before its first cycle has closed.
Phrase recentNote(const DimensionStats* recentWindow, Phrase::Arg figure)
{
    if (!recentWindow || recentWindow->cycles == 0)
        return {};
    if (recentWindow->cycles == 1)
        return makePhrase(QT_TRANSLATE_NOOP("payops::Phrase", "; last cycle: %1"), {std::move(figure)});
    return makePhrase(QT_TRANSLATE_NOOP("payops::Phrase", "; last %1 cycles: %2"),
                      {phrase::whole(recentWindow->cycles), std::move(figure)});
}

// A rule with its note, if it has one.
Phrase withNote(Phrase rule, Phrase note)
{
    return note.empty() ? rule : joinPhrases(std::move(rule), std::move(note));
}

} // namespace

void AnomalyDetector::setConfig(const DetectorConfig& config)
{
    const detect::DetectorParams before = likelihoodParams(m_config);
    const double factorBefore = m_config.slowTailFactor;
    m_config = config;
    const detect::DetectorParams after = likelihoodParams(m_config);
    // The zscore method keeps no series: coming back to likelihood they start afresh.
    if (!usesLikelihood()) {
        m_series.clear();
    } else if (before != after) {
        // The cores' parameters are fixed per core: new ones start the four cores afresh (they warm up again).
        // The rest of each series (the failure-code mix, the slow tail, pools, ages, open episodes) does not
        // depend on them: rebuilt, an outage flagged for minutes vanished at a change of the alarm level and a
        // mix learned over hundreds of failures restarted from its prior.
        const auto keep = static_cast<std::size_t>(std::max(0, m_config.likelihoodShortWindow - 1));
        for (auto& [key, d] : m_series) {
            for (MetricLikelihood* m : {&d.success, &d.meanLatencyMs, &d.meanRetries, &d.volume})
                m->resetCore(after);
            // A shorter window keeps its newest rows (a checkpoint refuses more than the window holds).
            if (d.recentRows.size() > keep)
                d.recentRows.erase(d.recentRows.begin(), d.recentRows.end() - static_cast<std::ptrdiff_t>(keep));
        }
    }
    // A usual share of slow transactions is a share beyond one bar: at a lower factor every dimension would seem
    // to have a slow tail, at a higher one none for hundreds of cycles. The tails start afresh.
    if (config.slowTailFactor != factorBefore)
        for (auto& [key, d] : m_series)
            forgetSlowTail(d);
}

void AnomalyDetector::forgetSlowTail(DimensionSeries& d)
{
    d.slowTail = {};
    d.slow = {};
    d.slowOpen = false;
    for (auto& r : d.recentRows)
        r.slowTx = r.slowTested = 0;
    // An unfinished pool's counts are against the old bar too; left, they would be the new tail's first row.
    d.pending.stats.slowTx = d.pending.stats.slowTested = 0;
}

detect::DetectorParams AnomalyDetector::likelihoodParams(const DetectorConfig& config)
{
    detect::DetectorParams p;
    p.seasonal = false;
    p.warmupRows = config.likelihoodWarmupCycles;
    p.shortWindow = config.likelihoodShortWindow;
    p.errorRate = config.likelihoodErrorRate;
    p.likelihoodRate = config.likelihoodRate;
    p.alarmLevel = config.likelihoodAlarmLevel;
    p.refractoryRows = 0;
    // No runs of repeats: a rate over a few dozen transactions repeats by chance (a thin method at 1.0 for cycles
    // on end), and a feed that stops is judged by its silence (no transactions where dozens were expected).
    p.runNovelty = 0;
    // No second core: blocks of 24 cycles (over three minutes) would warm up in half an hour, too slow for an incident.
    p.coarseRows = 0;
    return p;
}

DimensionSeries& AnomalyDetector::seriesOf(const std::string& key)
{
    auto it = m_series.find(key);
    if (it == m_series.end())
        it = m_series.emplace(key, DimensionSeries(likelihoodParams(m_config))).first;
    return it->second;
}

void AnomalyDetector::updateSeries(DimensionSeries& d, const DimensionStats& cycle, TimeMs nowMs)
{
    const auto& c = m_config;
    const double t = static_cast<double>(nowMs) / 1000.0;
    const double hold = c.likelihoodHoldSigmas;
    // The reference follows a lasting change as slowly as a flagged EWMA baseline does.
    const double follow = c.ewmaAlpha * c.anomalousUpdateWeight;
    d.volume.update(t, cycle.count, hold, follow);
    // A rate over a handful of transactions says little: thin cycles are pooled until they hold enough, and the
    // pool is scored as one row (thin_cycle_pool.h). Until then the episodes keep their state, and the evidence
    // says how old its figures are. A cycle with enough transactions is a row of its own: the few older ones of
    // an unfinished pool would only blur it.
    const bool thin = cycle.count < static_cast<std::uint32_t>(c.minTxForZ);
    // Thin for this dimension, or thin as it always is? A method that never has 10 transactions a cycle is
    // scored on pools and nothing else, so its pools must be able to clear what they raised. The usual count
    // follows slowly (likelihood_rate, about 100 cycles), so a five-minute reroute does not make thin usual.
    const bool thinForIt = thin && d.usualTx >= c.minTxForZ;
    d.usualTx = d.usualTx < 0 ? cycle.count : d.usualTx + c.likelihoodRate * (cycle.count - d.usualTx);
    // The count a silence is judged against: the mean of the cycles so far until there are enough for the rate's
    // memory. usualTx starts at the first cycle alone and is still mostly that one a hundred cycles later: against it
    // bnpl (14 transactions in its first cycle, 8 a cycle since) was "10.4 expected" at cycle 53 of a run, and one
    // silent cycle passed the bar. usualTx itself keeps its start: made a running mean too, it moved the delays of
    // seeds 1-20 both ways (a first flap 5 cycles late on seed 4, a slow tail 3 on seed 18, four incidents found a
    // cycle sooner), nothing a principle could choose between.
    d.silenceUsualCycles = std::min(d.silenceUsualCycles, std::numeric_limits<int>::max() - 1) + 1;
    d.silenceUsual += std::max(c.likelihoodRate, 1.0 / d.silenceUsualCycles) * (cycle.count - d.silenceUsual);
    int rowCycles = 1;
    if (!thin) {
        if (d.pending.cycles > 0) // dropped: the rows tested together must follow one another
            d.recentRows.clear();
        d.pending.cycles = 0;
        d.row = cycle; // assigned, not rebuilt: the row's buffers are reused every cycle
    } else {
        d.pending.add(cycle);
        if (d.pending.stats.count < static_cast<std::uint32_t>(c.minTxForZ)) {
            for (auto& a : d.age)
                ++a.cyclesSince;
            return; // the pool goes on: the next row follows the last one
        }
        d.row = d.pending.stats;
        rowCycles = d.pending.cycles;
        d.pending.cycles = 0;
    }
    const DimensionSeries::Age fresh{0, rowCycles, d.row.count, d.row.failureShare, d.row.highRetryShare};
    d.rowThisCycle = true;
    // A pool of thin cycles on a dimension that usually has full ones may raise a flag but not clear one. Its
    // rows are noisier than the series' usual ones, so a pool landing within the band says little about recovery;
    // and such a dimension is thin mostly because the agent rerouted it after an incident, which stays flagged
    // until full cycles show it is over.
    // Each row is judged at its own size: the core learned its typical error on rows of the usual count, and a
    // smaller row (a pool of thin cycles, a rerouted issuer's remainder) is noisier (RowSampling).
    RowSampling sampling;
    sampling.widen = RowSampling::widenFor(d.usualTx, d.row.count);
    const auto score = [&](MetricLikelihood& m, DimensionSeries::Metric metric, double value,
                           const RowSampling& rowSampling) {
        if (thinForIt && m.episode().open) {
            ++d.age[metric].cyclesSince;
            return;
        }
        m.update(t, value, hold, follow, rowSampling);
        d.age[metric] = fresh;
    };
    RowSampling share = sampling;
    share.tx = d.row.count;
    share.failures = d.row.failures();
    score(d.success, DimensionSeries::Success, d.row.successRate, share);
    score(d.meanLatencyMs, DimensionSeries::Latency, d.row.meanLatencyMs, sampling);
    score(d.meanRetries, DimensionSeries::Retries, d.row.meanRetries, sampling);
    // The failure codes and the slow tail: issuers and methods only. Global flags neither: its failures are its
    // issuers' and methods' failures, and so are its slow transactions, so one issuer's slow route would also show
    // there, as a system-wide LATENCY_SPIKE that takes in the issuer's own flag (a system-wide tail shows on every
    // issuer, and in the global mean). A held flag skips the row, as the metrics above do; the rows tested together
    // must then start afresh, since they must follow one another.
    if (cycle.kind == DimensionKind::Global)
        return;
    if (thinForIt && slowFlagged(d))
        ++d.age[DimensionSeries::Tail].cyclesSince;
    else
        scoreSlowTail(d, fresh);
    if (thinForIt && codeFlagged(d)) {
        ++d.age[DimensionSeries::Codes].cyclesSince;
        d.recentRows.clear();
        return;
    }
    scoreCodes(d, fresh);
    rememberRow(d, fresh);
}

namespace {
std::uint64_t codeTotal(const std::vector<CodeCount>& codes)
{
    std::uint64_t total = 0;
    for (const CodeCount& c : codes)
        total += c.count;
    return total;
}

// The age of a finding on the row together with the short window's rows before it.
DimensionSeries::Age spanOf(DimensionSeries::Age fresh, const std::vector<DimensionSeries::RecentRow>& rows)
{
    for (const auto& r : rows) {
        // Saturating: restored rows may each say up to 1e9 cycles.
        fresh.rowCycles = static_cast<int>(
            std::min<std::int64_t>(std::numeric_limits<int>::max(), std::int64_t{fresh.rowCycles} + r.cycles));
        fresh.rowTx = static_cast<std::uint32_t>(
            std::min<std::uint64_t>(std::numeric_limits<std::uint32_t>::max(), std::uint64_t{fresh.rowTx} + r.tx));
    }
    return fresh;
}
} // namespace

void AnomalyDetector::scoreCodes(DimensionSeries& d, const DimensionSeries::Age& fresh)
{
    // Scored before the mix learns this row.
    d.surprise = d.codeMix.surprise(d.row.failureCodes);
    d.surpriseEarlier.cycles = 0;
    d.age[DimensionSeries::Codes] = fresh;
    // A slide puts its code on 2 of 5 failures, then on 3 of 6: each row within the noise, the two together not.
    // So the mix is also tested on the short window's rows together, and the stronger finding counts, if its code
    // is on this row's failures too (a spike's code must not outlive the spike through the rows after it).
    // Without failures in this row or in the earlier ones, the rows together add nothing to what was tested; nor
    // do they when this row alone has the most failures a test weighs.
    const bool earlierFailures =
        std::any_of(d.recentRows.begin(), d.recentRows.end(),
                    [](const DimensionSeries::RecentRow& r) { return !r.failureCodes.empty(); });
    if (earlierFailures && d.row.failures() > 0 && d.row.failures() < FailureCodeMix::kMaxWeighedFailures) {
        std::vector<CodeCount>& together = m_scratchCodes;
        together = d.row.failureCodes;
        for (const auto& r : d.recentRows)
            addFailureCodes(together, r.failureCodes);
        if (CodeSurprise joint = d.codeMix.surprise(together);
            joint.z > d.surprise.z && countOfCode(d.row.failureCodes, joint.code) > 0) {
            d.surprise = std::move(joint);
            d.age[DimensionSeries::Codes] = spanOf(fresh, d.recentRows);
            // Spillover asks the paths about the two cycles too, where it can: the earlier row was the previous cycle
            // alone (not a pool of thin ones, nor a row from before a cycle without transactions).
            if (d.rowLastCycle && fresh.rowCycles == 1 && d.recentRows.size() == 1 && d.recentRows[0].cycles == 1)
                d.surpriseEarlier = d.recentRows[0];
        }
        // The better of two tests is found more often than either: its z is that of one test with its tail
        // doubled, so the second look does not lower the bar in effect (on quiet runs half the false code flags came
        // from the joint test, most just past the bar).
        d.surprise.z = detect::bestOfTests(d.surprise.z, 2);
    }
    // A mix that has learned too few rows judges nothing. Decided now, as the row is scored: checked later, a
    // finding of the warm-up would become a flag once the mix had warmed up while only thin cycles came.
    if (d.codeMix.cycles() < m_config.likelihoodWarmupCycles)
        d.surprise = {};
}

void AnomalyDetector::scoreTraffic(DimensionSeries& d, const std::string& key, std::uint32_t observed,
                                   double othersRatio) const
{
    d.traffic = {};
    const auto scaled = m_trafficScale.find(key);
    const double scale = scaled == m_trafficScale.end() ? 1.0 : scaled->second;
    // The usual count is learned from the cycles with rows (updateSeries), over the warm-up at least.
    const bool warm = d.silenceUsual > 0 && d.codeMix.cycles() >= m_config.likelihoodWarmupCycles;
    const double expected = warm ? d.silenceUsual * othersRatio * scale : 0.0;
    // Silence adds up over cycles, each at what it was expected to have then: a method of 5 transactions a cycle
    // silent for three is as clear as one of 15 silent for one.
    d.silentCycles = observed == 0 ? d.silentCycles + 1 : 0;
    d.silentExpected = observed == 0 ? d.silentExpected + expected : 0.0;
    // Only a silence is judged. A partial drop was judged too at first (a Poisson lower tail, weighed as at most 50
    // transactions), but a cycle's count is not Poisson: drops to under half raised 10 false anomalies over the
    // quiet runs of seeds 1-20 (200 000 cycles). A silence where dozens were expected is beyond doubt.
    if (observed > 0 || !(expected > 0))
        return;
    const double tail = std::exp(-std::min(700.0, d.silentExpected));
    d.traffic = {expected, scale, detect::deviateOfTail(std::max(tail, 1e-300))};
}

void AnomalyDetector::scoreSlowTail(DimensionSeries& d, const DimensionSeries::Age& fresh) const
{
    // Scored before the tail learns this row; nothing to score while no bar was set (its p95 baseline warms up).
    d.age[DimensionSeries::Tail] = fresh;
    d.slow = d.slowTail.surprise(d.row.slowTx, d.row.slowTested);
    d.slow.barMs = d.row.slowBarMs;
    // Two slow transactions in each of two 20-transaction rows are a clearer finding than either row: tested
    // together too, like the failure codes. To raise a flag this row must have slow ones of its own (so a finding
    // does not outlive the tail through the rows after it); a flag already up is held on the rows together, so a
    // row without slow ones in the middle of a slow route does not end it (and start a new anomaly a cycle later).
    std::uint64_t slow = d.row.slowTx, tested = d.row.slowTested;
    for (const auto& r : d.recentRows) {
        slow += r.slowTx;
        tested += r.slowTested;
    }
    if ((d.row.slowTx > 0 || d.slowOpen) && tested > d.row.slowTested && d.row.slowTested < SlowTail::kMaxWeighedTx) {
        // Saturating: restored rows each count up to 2^32 - 1 (surprise() weighs at most kMaxWeighedTx anyway).
        constexpr std::uint64_t kMax = std::numeric_limits<std::uint32_t>::max();
        SlowTailFinding joint = d.slowTail.surprise(static_cast<std::uint32_t>(std::min(slow, kMax)),
                                                    static_cast<std::uint32_t>(std::min(tested, kMax)));
        if (joint.z > d.slow.z) {
            joint.barMs = d.row.slowBarMs;
            d.slow = joint;
            d.age[DimensionSeries::Tail] = spanOf(fresh, d.recentRows);
        }
        // The better of two tests, as the code mix's; a held flag's row without slow transactions had only the
        // joint test (alone it scores 0), which is judged as it is.
        if (d.row.slowTx > 0)
            d.slow.z = detect::bestOfTests(d.slow.z, 2);
    }
    // Like the code mix: a tail that has learned too few rows judges nothing, decided as the row is scored.
    if (d.slowTail.rows() < m_config.likelihoodWarmupCycles)
        d.slow.z = 0;
    // Opened at the bar and held while the rows stay half-way to it, as an episode is held: a lasting tail is
    // learned slowly while flagged, its rows' z wanders around the bar, and without the hold one slow route was
    // reported as a new anomaly every few cycles.
    const double bar = m_config.slowTailZThreshold;
    d.slowOpen = bar > 0 && (d.slow.z >= bar || (d.slowOpen && d.slow.z >= bar / 2));
}

void AnomalyDetector::rememberRow(DimensionSeries& d, const DimensionSeries::Age& fresh) const
{
    // The short window's earlier rows, oldest first; the oldest slot is reused for this row.
    const auto keep = static_cast<std::size_t>(std::max(0, m_config.likelihoodShortWindow - 1));
    if (keep == 0) {
        d.recentRows.clear();
        return;
    }
    if (d.recentRows.size() < keep)
        d.recentRows.emplace_back();
    else
        std::rotate(d.recentRows.begin(), d.recentRows.begin() + 1, d.recentRows.end());
    DimensionSeries::RecentRow& newest = d.recentRows.back();
    newest.failureCodes = d.row.failureCodes;
    newest.cycles = fresh.rowCycles;
    newest.tx = fresh.rowTx;
    newest.slowTx = d.row.slowTx;
    newest.slowTested = d.row.slowTested;
}

bool AnomalyDetector::codeFlagged(const DimensionSeries& d) const
{
    return m_config.codeMixZThreshold > 0 && d.surprise.z >= m_config.codeMixZThreshold;
}

bool AnomalyDetector::slowFlagged(const DimensionSeries& d) const
{
    return m_config.slowTailZThreshold > 0 && d.slowOpen;
}

std::uint32_t AnomalyDetector::slowBarMs(const std::string& key) const
{
    if (!usesLikelihood() || m_config.slowTailZThreshold <= 0 || key == "global")
        return 0;
    const auto it = m_baselines.find(key);
    if (it == m_baselines.end() || it->second.p95LatencyMs.samples < m_config.baselineWarmupCycles)
        return 0;
    const double bar = std::ceil(m_config.slowTailFactor * it->second.p95LatencyMs.mean);
    // 0 would read as "no bar"; a baseline of 0 ms (every transaction instant) counts anything slower.
    return static_cast<std::uint32_t>(std::clamp(bar, 1.0, 4.0e9));
}

AnomalyDetector::CycleScore AnomalyDetector::scoreCycle(const DimensionStats* cycle) const
{
    CycleScore sc;
    sc.stats = cycle;
    if (!cycle || m_config.cycleEwmaAlpha <= 0)
        return sc;
    auto it = m_cycleBaselines.find(cycle->key);
    if (it == m_cycleBaselines.end())
        return sc;
    const CycleBaselines& b = it->second;
    // An EWMA variance means something after about one time constant (1 / alpha samples).
    const int warmup =
        std::max(m_config.baselineWarmupCycles, static_cast<int>(std::ceil(1.0 / m_config.cycleEwmaAlpha)));
    sc.successMean = b.successRate.mean;
    sc.successStd = b.successRate.stddev(m_config.stdFloorSuccess);
    sc.retriesMean = b.meanRetries.mean;
    sc.retriesStd = b.meanRetries.stddev(m_config.stdFloorRetries);
    sc.scored = b.successRate.samples >= warmup && cycle->count >= static_cast<std::uint32_t>(m_config.minTxForZ);
    // A mean settles long before a variance: enough to say what share of failures is usual (spillover.h).
    if (b.successRate.samples >= m_config.baselineWarmupCycles)
        sc.usualFailureShare = 1.0 - b.successRate.mean;
    if (sc.scored) {
        sc.successZ = -b.successRate.z(cycle->successRate, m_config.stdFloorSuccess);
        sc.retriesZ = b.meanRetries.z(cycle->meanRetries, m_config.stdFloorRetries);
    }
    return sc;
}

std::vector<AnomalyDetector::Flag> AnomalyDetector::seriesFlags(const DimensionStats& s, const DimensionSeries& d) const
{
    std::vector<Flag> flags;
    const bool issuer = s.kind == DimensionKind::Issuer;
    const bool method = s.kind == DimensionKind::Method;
    // The evidence names the row's figure, what it was judged against and the spread it was judged with, and z is
    // the distance between them in that spread, harmful side positive: what a user can check from the numbers
    // shown. (It was the cycle's EWMA z-score once, which after the episode opened drifted away from the figures
    // beside it: "success 0.677, expected 0.958 +/- 0.065, z 0.3".)
    const auto distanceZ = [](const MetricEpisode& e, Direction harmful) {
        return e.spread > 0 ? (harmful == Direction::Down ? -1.0 : 1.0) * (e.value - e.judged) / e.spread : 0.0;
    };
    auto evidence = [&](Pattern p, Phrase rule, const char* metric, const MetricEpisode& e, Direction harmful,
                        DimensionSeries::Metric m) {
        Evidence ev;
        ev.pattern = p;
        setRule(ev, std::move(rule));
        ev.metric = metric;
        ev.value = e.value;
        ev.baseline = e.judged;
        ev.baselineStd = e.spread;
        ev.z = distanceZ(e, harmful);
        ev.count = d.age[m].rowTx > 0 ? d.age[m].rowTx : s.count;
        ev.dimension = s.key;
        return ev;
    };
    // While the dimension has too little traffic to be scored (rerouted, or quiet), a flag's figures are older
    // than this cycle, and the rule says so; a row that pooled thin cycles says how many.
    const auto when = [&](DimensionSeries::Metric m) {
        const DimensionSeries::Age& a = d.age[m];
        if (a.cyclesSince == 0 && a.rowCycles > 1)
            return phrase::nested(makePhrase(QT_TRANSLATE_NOOP("payops::Phrase", "over the last %1 cycles (%2 tx)"),
                                             {phrase::whole(a.rowCycles), phrase::whole(a.rowTx)}));
        if (a.cyclesSince == 1)
            return phrase::nested(
                makePhrase(QT_TRANSLATE_NOOP("payops::Phrase", "a cycle ago (only thin cycles since)")));
        if (a.cyclesSince > 1)
            return phrase::nested(
                makePhrase(QT_TRANSLATE_NOOP("payops::Phrase", "%1 cycles ago (only thin cycles since)"),
                           {phrase::whole(a.cyclesSince)}));
        return phrase::nested(makePhrase(QT_TRANSLATE_NOOP("payops::Phrase", "this cycle")));
    };
    // The row's z (the evidence's, so the text and the z column agree) and its likelihood. A held episode's
    // likelihood is the one it opened with: the held row's own says how the core, which has followed the incident,
    // sees that row (often 0), not why the flag is up.
    const auto zAndLikelihood = [&](const MetricEpisode& e, Direction harmful) {
        const double z = distanceZ(e, harmful);
        if (e.held && !std::isnan(e.openingScore))
            return phrase::nested(makePhrase(QT_TRANSLATE_NOOP("payops::Phrase", "z %1; likelihood %2 when it opened"),
                                             {phrase::fixed(z, 2), phrase::fixed(e.openingScore, 2)}));
        return phrase::nested(makePhrase(QT_TRANSLATE_NOOP("payops::Phrase", "z %1, likelihood %2"),
                                         {phrase::fixed(z, 2), phrase::fixed(e.score, 2)}));
    };
    // A held flag keeps the severity of the row it was last scored on.
    const auto failureShare = [&](DimensionSeries::Metric m) {
        return d.age[m].rowTx > 0 ? d.age[m].failureShare : s.failureShare;
    };
    if (issuer || method) {
        const Pattern p = issuer ? Pattern::IssuerDegradation : Pattern::MethodFatigue;
        if (const MetricEpisode& e = d.success.episode(); e.open) {
            Phrase rule =
                makePhrase(QT_TRANSLATE_NOOP("payops::Phrase", "success rate %1 %2, expected %3 +/- %4 (%5)"),
                           {when(DimensionSeries::Success), phrase::fixed(e.value, 3), phrase::fixed(e.judged, 3),
                            phrase::fixed(e.spread, 3), zAndLikelihood(e, Direction::Down)});
            flags.push_back(
                {p, failureShare(DimensionSeries::Success),
                 evidence(p, std::move(rule), "cycle_success_rate", e, Direction::Down, DimensionSeries::Success)});
        }
        const CodeSurprise& c = d.surprise;
        if (codeFlagged(d)) {
            Evidence ev;
            ev.pattern = p;
            setRule(ev, makePhrase(QT_TRANSLATE_NOOP("payops::Phrase",
                                                     "code %1 on %2 of %3 failures %4, usually %5 % (z %6 >= %7)"),
                                   {phrase::text(c.code), phrase::whole(c.count), phrase::whole(c.failures),
                                    when(DimensionSeries::Codes), phrase::fixed(100.0 * c.usualShare, 0),
                                    phrase::fixed(c.z, 2), phrase::fixed(m_config.codeMixZThreshold, 2)}));
            ev.metric = "cycle_code_share";
            ev.value = c.failures > 0 ? static_cast<double>(c.count) / c.failures : 0.0;
            ev.baseline = c.usualShare;
            // The share's binomial spread at this many failures, so the evidence shows a band and not "+/- 0".
            ev.baselineStd = binomialShareSpread(c.usualShare, c.failures);
            ev.z = c.z;
            ev.zFromTail = true;
            ev.count = c.failures;
            ev.dimension = s.key;
            flags.push_back({p, failureShare(DimensionSeries::Codes), ev});
        }
        if (const DimensionSeries::Traffic& t = d.traffic; t.expected > 0 && t.z >= m_config.likelihoodHoldSigmas) {
            // Whole sentences for each case, so a translation can order them its own way.
            const bool intervened = t.scale < 1;
            std::vector<Phrase::Arg> args;
            if (d.silentCycles > 1)
                args.push_back(phrase::whole(d.silentCycles));
            args.push_back(phrase::fixed(t.expected, 1));
            if (intervened)
                args.push_back(phrase::fixed(100.0 * t.scale, 0));
            args.push_back(phrase::fixed(t.z, 2));
            args.push_back(phrase::fixed(m_config.likelihoodHoldSigmas, 2));
            const char* text =
                d.silentCycles > 1
                    ? (intervened
                           ? QT_TRANSLATE_NOOP("payops::Phrase",
                                               "no transactions for %1 cycles, %2 a cycle expected with the "
                                               "agent's intervention (%3 % of it) (z %4 >= %5)")
                           : QT_TRANSLATE_NOOP("payops::Phrase",
                                               "no transactions for %1 cycles, %2 a cycle expected (z %3 >= %4)"))
                    : (intervened ? QT_TRANSLATE_NOOP("payops::Phrase",
                                                      "no transactions this cycle, %1 expected with the agent's "
                                                      "intervention (%2 % of it) (z %3 >= %4)")
                                  : QT_TRANSLATE_NOOP("payops::Phrase",
                                                      "no transactions this cycle, %1 expected (z %2 >= %3)"));
            Evidence ev;
            ev.pattern = p;
            setRule(ev, makePhrase(text, std::move(args)));
            ev.metric = "cycle_volume";
            ev.value = 0;
            ev.baseline = t.expected;
            ev.baselineStd = std::sqrt(t.expected); // the count's Poisson spread
            ev.z = t.z;
            ev.zFromTail = true;
            ev.count = 0;
            ev.dimension = s.key;
            flags.push_back({p, 1.0, ev}); // all of its traffic is gone
        }
    }
    // A storm is many transactions retrying, not one transaction retrying many times: the row's share retrying a
    // lot must pass the storm rule's own bar as well. Held like the other flags while only thin cycles follow.
    if (const MetricEpisode& e = d.meanRetries.episode(); e.open) {
        const DimensionSeries::Age& a = d.age[DimensionSeries::Retries];
        if (shareSurelyAbove(a.highRetryShare, a.rowTx, m_config.retryStormShare)) {
            Phrase rule =
                makePhrase(QT_TRANSLATE_NOOP("payops::Phrase",
                                             "mean retries %1 %2, expected %3 +/- %4; %5 % retried %6+ times (%7)"),
                           {when(DimensionSeries::Retries), phrase::fixed(e.value, 2), phrase::fixed(e.judged, 2),
                            phrase::fixed(e.spread, 2), phrase::fixed(100.0 * a.highRetryShare, 0),
                            phrase::whole(m_config.retryStormHighCount), zAndLikelihood(e, Direction::Up)});
            flags.push_back({Pattern::RetryStorm, retrySeverity(e.value, a.highRetryShare),
                             evidence(Pattern::RetryStorm, std::move(rule), "cycle_mean_retries", e, Direction::Up,
                                      DimensionSeries::Retries)});
        }
    }
    if (slowFlagged(d)) {
        const SlowTailFinding& f = d.slow;
        const double share = f.tested > 0 ? static_cast<double>(f.slow) / f.tested : 0.0;
        const double bar = m_config.slowTailZThreshold;
        const bool held = f.z < bar; // still half-way to the bar
        Evidence ev;
        ev.pattern = Pattern::LatencySpike;
        setRule(ev, makePhrase(held ? QT_TRANSLATE_NOOP("payops::Phrase", "%1 of %2 tx %3 slower than %4 ms (%5x the "
                                                                          "usual p95), usually %6 % (z %7 still >= %8)")
                                    : QT_TRANSLATE_NOOP("payops::Phrase", "%1 of %2 tx %3 slower than %4 ms (%5x the "
                                                                          "usual p95), usually %6 % (z %7 >= %8)"),
                               {phrase::whole(f.slow), phrase::whole(f.tested), when(DimensionSeries::Tail),
                                phrase::whole(f.barMs), phrase::fixed(m_config.slowTailFactor, 1),
                                phrase::significant(100.0 * f.usualShare, 2), phrase::fixed(f.z, 2),
                                phrase::fixed(held ? bar / 2 : bar, 2)}));
        ev.metric = "cycle_slow_share";
        ev.value = share;
        ev.baseline = f.usualShare;
        // The share's binomial spread at this many transactions, so the evidence shows a band.
        ev.baselineStd = binomialShareSpread(f.usualShare, f.tested);
        ev.z = f.z;
        ev.zFromTail = true;
        ev.count = f.tested;
        ev.dimension = s.key;
        // As bad as the p95 move it implies: once a twentieth of the traffic is beyond the bar, so is the p95.
        flags.push_back(
            {Pattern::LatencySpike, latencySeverity(m_config.slowTailFactor) * std::min(1.0, share / 0.05), ev});
    }
    if (const MetricEpisode& e = d.meanLatencyMs.episode(); e.open) {
        Phrase rule =
            makePhrase(QT_TRANSLATE_NOOP("payops::Phrase", "mean latency %1 %2 ms, expected %3 +/- %4 ms (%5)"),
                       {when(DimensionSeries::Latency), phrase::fixed(e.value, 0), phrase::fixed(e.judged, 0),
                        phrase::fixed(e.spread, 0), zAndLikelihood(e, Direction::Up)});
        flags.push_back({Pattern::LatencySpike, latencySeverity(e.judged > 0 ? e.value / e.judged : 1.0),
                         evidence(Pattern::LatencySpike, std::move(rule), "cycle_mean_latency_ms", e, Direction::Up,
                                  DimensionSeries::Latency)});
    }
    return flags;
}

std::size_t AnomalyDetector::ownerOf(Pattern p, const std::vector<DimensionStats>& stats,
                                     const std::vector<std::vector<Flag>>& flags, const std::vector<CycleScore>& cycles,
                                     std::size_t globalIndex) const
{
    const auto activeWith = [&](const std::string& key) {
        const auto it = m_active.find(key);
        return it != m_active.end() && it->second.has(p);
    };
    const auto shows = [&](std::size_t i) {
        return std::any_of(flags[i].begin(), flags[i].end(), [&](const Flag& f) { return f.pattern == p; });
    };
    const bool global = globalIndex < stats.size() && shows(globalIndex);
    if (global && activeWith(stats[globalIndex].key))
        return globalIndex; // global's incident stays global's until it clears
    std::vector<std::size_t> issuers, methods;
    for (std::size_t i = 0; i < stats.size(); ++i) {
        if (!shows(i))
            continue;
        if (stats[i].kind == DimensionKind::Issuer)
            issuers.push_back(i);
        else if (stats[i].kind == DimensionKind::Method)
            methods.push_back(i);
    }
    // Whose global's mean says it is (stats.size(): it cannot tell, or global does not show it).
    std::size_t attributed = stats.size();
    if (global)
        if (const auto named = attributedOwner(p, stats, cycles, globalIndex, issuers, methods))
            attributed = *named;
    const bool told = attributed != stats.size();
    // An issuer or method that already reports it keeps it while global's mean says it is that one's, or cannot tell
    // and it is still the only one of its kind showing it (a method only while no lone issuer shows it: see below);
    // handed back and forth, an anomaly would close and another open each time. No longer alone and the mean cannot
    // tell: global's.
    for (const auto* kind : {&issuers, &methods})
        for (const std::size_t i : *kind) {
            if (!activeWith(stats[i].key))
                continue;
            // Named another issuer (a lone noisy one went first), or an issuer while a method has it: that one. Named
            // a method while an issuer has it: the issuer keeps it (its own mean dipped for a cycle).
            if (told)
                return stats[i].kind == DimensionKind::Issuer && stats[attributed].kind == DimensionKind::Method
                           ? i
                           : attributed;
            if (kind == &methods && issuers.size() == 1)
                return issuers[0];
            if (kind->size() == 1)
                return i;
            return global ? globalIndex : stats.size();
        }
    if (told)
        return attributed;
    // One issuer and one method: the issuer's. A method flagged first is as likely to show one issuer's incident on
    // the method that carries most of its traffic (zscore, issuer_slowdown: a lone method kept it, so the issuer's own
    // flag became that method's evidence); for the same reason a lone method with global and no issuer is global's.
    if (issuers.size() == 1)
        return issuers[0];
    if (methods.size() == 1 && (issuers.size() >= 2 || !global))
        return methods[0];
    return global ? globalIndex : stats.size();
}

std::optional<std::size_t> AnomalyDetector::attributedOwner(Pattern p, const std::vector<DimensionStats>& stats,
                                                            const std::vector<CycleScore>& cycles,
                                                            std::size_t globalIndex,
                                                            const std::vector<std::size_t>& issuers,
                                                            const std::vector<std::size_t>& methods) const
{
    const bool latency = p == Pattern::LatencySpike;
    const SpilloverMeasure measure = latency ? SpilloverMeasure::MeanLatency : SpilloverMeasure::MeanRetries;
    const auto minTx = static_cast<std::uint32_t>(m_config.minTxForZ);
    // Dimension i's cycle mean against what its core expected (empty without a series or this cycle's figures).
    const auto meanOf = [&](std::size_t i) -> std::optional<FlaggedDimension> {
        const auto series = m_series.find(stats[i].key);
        if (series == m_series.end() || !cycles[i].stats)
            return std::nullopt;
        const MetricLikelihood& m = latency ? series->second.meanLatencyMs : series->second.meanRetries;
        return cycleMean(i, cycles[i].stats, p, m.episode(), series->second.usualTx);
    };
    // How far beyond usual a dimension's own mean is (empty: its core cannot tell yet).
    const auto ownZ = [&](const FlaggedDimension& d) { return zWithout(measure, d, DimensionStats{}, minTx); };
    const auto g = meanOf(globalIndex);
    // Only when global's own mean is clearly beyond usual can taking one dimension out show it was the cause.
    const auto wholeZ = g ? ownZ(*g) : std::nullopt;
    if (!wholeZ || *wholeZ < kCauseZ)
        return std::nullopt;
    // A part that is itself clearly beyond its usual figure: taking out a large part (card at 60 % of traffic) widens
    // the spread of what is left enough to make a marginal gateway-wide spike look usual without it.
    const auto clearlyBeyond = [&](std::size_t i) {
        const auto d = meanOf(i);
        const auto z = d ? ownZ(*d) : std::nullopt;
        return z && *z >= kCauseZ;
    };
    for (const auto* kind : {&issuers, &methods}) {
        std::optional<std::size_t> best;
        double bestZ = kUsualZ;
        for (const std::size_t i : *kind) {
            const DimensionStats* part = cycles[i].stats;
            const auto z = part && clearlyBeyond(i) ? zWithout(measure, *g, *part, minTx) : std::nullopt;
            if (z && *z <= bestZ) {
                best = i;
                bestZ = *z;
            }
        }
        if (best)
            return best;
    }
    return globalIndex; // beyond any one of them: gateway-wide
}

bool AnomalyDetector::flaggedLastCycle(const std::string& key, const std::string& metric) const
{
    const auto it = m_active.find(key);
    return it != m_active.end() &&
           std::any_of(it->second.evidence.begin(), it->second.evidence.end(),
                       [&](const Evidence& e) { return e.metric == metric && e.dimension == key; });
}

std::optional<Phrase> AnomalyDetector::failureShareRule(const DimensionStats& s, const DimensionStats* recentWindow,
                                                        double bar) const
{
    // The recent window is held to the rule's own standard, beyond its sampling error. Above the bar alone was not
    // enough: an issuer the agent rerouted has few recent transactions, and on the console's demo run (issuer_outage,
    // seed 7) 0.225 of them, the outage's last seconds among them, opened HDFC again 48 s after its outage. The price:
    // a flap on a rerouted issuer (flapping_issuer seed 15) is found 14 cycles late instead of 10.
    const double recentShare = recentWindow ? recentWindow->failureShare : 0.0;
    if (shareSurelyAbove(s.failureShare, s.count, bar) &&
        (!recentWindow || shareSurelyAbove(recentShare, recentWindow->count, bar)))
        return withNote(makePhrase(QT_TRANSLATE_NOOP("payops::Phrase", "failure share %1 > %2 beyond sampling error"),
                                   {phrase::fixed(s.failureShare, 3), phrase::fixed(bar, 2)}),
                        recentNote(recentWindow, phrase::fixed(recentShare, 3)));
    // Opened beyond the sampling error, held while the share itself stays above the bar (as the slow tail, opened at
    // its bar, is held half-way to it). The lower bound moves with the window's count: a share of 0.22 over a bar of
    // 0.20 passed it, fell short for a cycle or two and passed again, and each pass opened a new anomaly for the same
    // incident.
    if (s.failureShare > bar && flaggedLastCycle(s.key, "failure_share"))
        return makePhrase(QT_TRANSLATE_NOOP("payops::Phrase", "failure share %1 still > %2"),
                          {phrase::fixed(s.failureShare, 3), phrase::fixed(bar, 2)});
    return std::nullopt;
}

std::vector<AnomalyDetector::Flag> AnomalyDetector::evaluate(const DimensionStats& s, const DimensionBaselines& b,
                                                             const DimensionSeries* series, const CycleScore& cycle,
                                                             const DimensionStats* recentWindow,
                                                             DimensionScore& score) const
{
    const auto& c = m_config;
    std::vector<Flag> flags;
    const bool scored = b.successRate.samples >= c.baselineWarmupCycles && s.count > 0;
    score.key = s.key;
    score.scored = scored;
    score.successMean = b.successRate.mean;
    score.successStd = b.successRate.stddev(c.stdFloorSuccess);
    score.p95Mean = b.p95LatencyMs.mean;
    score.p95Std = b.p95LatencyMs.stddev(c.stdFloorLatencyMs);
    score.retriesMean = b.meanRetries.mean;
    score.retriesStd = b.meanRetries.stddev(c.stdFloorRetries);
    if (scored) {
        score.successZ = -b.successRate.z(s.successRate, c.stdFloorSuccess);
        score.p95LatencyZ = b.p95LatencyMs.z(s.p95LatencyMs, c.stdFloorLatencyMs);
        score.meanRetriesZ = b.meanRetries.z(s.meanRetries, c.stdFloorRetries);
        score.volumeZ = b.volume.z(s.count, 1.0);
    }
    if (series) {
        score.successScore = series->success.episode().score;
        score.latencyScore = series->meanLatencyMs.episode().score;
        score.meanRetriesScore = series->meanRetries.episode().score;
        score.volumeScore = series->volume.episode().score;
        score.failureCodeZ = series->surprise.z;
        score.slowTailZ = series->slow.z;
        // Not before the tail has learned enough rows to judge: its usual share starts at one half.
        if (cycle.stats && cycle.stats->slowTested > 0 && series->slowTail.rows() >= m_config.likelihoodWarmupCycles) {
            score.slowTested = cycle.stats->slowTested;
            score.slowTx = cycle.stats->slowTx;
            score.slowUsualShare = series->slowTail.usualShare(); // learns this cycle only after it is scored
        }
        const auto figure = [&](DimensionScore::CycleMetric m, const MetricLikelihood& l, DimensionSeries::Metric age) {
            const MetricEpisode& e = l.episode();
            // No row, this metric's flag held over a pool, or the core warming up on a closed row (an open episode
            // keeps its own spread through a config change's warm-up, and its evidence shows it).
            if (!series->rowThisCycle || series->age[age].cyclesSince != 0 || !(e.spread > 0))
                return;
            score.cycle[m] = {true, e.value, e.centre, c.likelihoodHoldSigmas * e.spread};
        };
        figure(DimensionScore::CycleSuccess, series->success, DimensionSeries::Success);
        figure(DimensionScore::CycleLatency, series->meanLatencyMs, DimensionSeries::Latency);
        figure(DimensionScore::CycleRetries, series->meanRetries, DimensionSeries::Retries);
    } else if (cycle.scored && c.cycleZThreshold > 0) { // with the rule off there is no band it held them against
        score.cycle[DimensionScore::CycleSuccess] = {true, cycle.stats->successRate, cycle.successMean,
                                                     c.cycleZThreshold * cycle.successStd};
        score.cycle[DimensionScore::CycleRetries] = {true, cycle.stats->meanRetries, cycle.retriesMean,
                                                     c.cycleZThreshold * cycle.retriesStd};
    }
    auto evidence = [&](Pattern p, Phrase rule, std::string metric, double value, double base, double std, double z) {
        Evidence e;
        e.pattern = p;
        setRule(e, std::move(rule));
        e.metric = std::move(metric);
        e.value = value;
        e.baseline = base;
        e.baselineStd = std;
        e.z = z;
        e.count = s.count;
        e.dimension = s.key;
        return e;
    };
    // A share of this window's transactions against a fixed bar: the band is the bar's sampling spread at this
    // many transactions, and z the share's binomial tail beyond the bar.
    auto shareEvidence = [&](Pattern p, Phrase rule, std::string metric, double share, double bar) {
        Evidence e = evidence(p, std::move(rule), std::move(metric), share, bar, binomialShareSpread(bar, s.count),
                              shareZ(share, s.count, bar));
        e.zFromTail = true;
        return e;
    };

    const bool issuer = s.kind == DimensionKind::Issuer;
    const bool method = s.kind == DimensionKind::Method;
    const bool global = s.kind == DimensionKind::Global;
    if (!(issuer || method || global))
        return flags; // issuer x method paths are evidence for the UI, too thin to raise anomalies of their own

    const double stormSeverity = retrySeverity(s);

    // Method "likelihood": the detector core's episodes on each cycle's figures.
    if (series)
        flags = seriesFlags(s, *series);

    // Method "zscore": the cycle rules, this cycle's transactions alone against the baselines of earlier cycles.
    if (!series && cycle.scored && c.cycleZThreshold > 0) {
        const DimensionStats& cs = *cycle.stats;
        const double bar = c.cycleZThreshold;
        if ((issuer || method) && cycle.successZ >= bar) {
            const Pattern p = issuer ? Pattern::IssuerDegradation : Pattern::MethodFatigue;
            Phrase rule =
                makePhrase(QT_TRANSLATE_NOOP("payops::Phrase", "success rate this cycle %1 (%2 tx) z %3 >= %4"),
                           {phrase::fixed(cs.successRate, 3), phrase::whole(cs.count), phrase::fixed(cycle.successZ, 2),
                            phrase::fixed(bar, 2)});
            flags.push_back({p, cs.failureShare,
                             evidence(p, std::move(rule), "cycle_success_rate", cs.successRate, cycle.successMean,
                                      cycle.successStd, cycle.successZ)});
        }
        if (cycle.retriesZ >= bar) {
            Phrase rule =
                makePhrase(QT_TRANSLATE_NOOP("payops::Phrase", "mean retries this cycle %1 (%2 tx) z %3 >= %4"),
                           {phrase::fixed(cs.meanRetries, 2), phrase::whole(cs.count), phrase::fixed(cycle.retriesZ, 2),
                            phrase::fixed(bar, 2)});
            flags.push_back({Pattern::RetryStorm, retrySeverity(cs),
                             evidence(Pattern::RetryStorm, std::move(rule), "cycle_mean_retries", cs.meanRetries,
                                      cycle.retriesMean, cycle.retriesStd, cycle.retriesZ)});
        }
    }

    if (issuer) {
        if (!series && scored && s.count >= static_cast<std::uint32_t>(c.minTxForZ) && score.successZ >= c.zThreshold)
            flags.push_back(
                {Pattern::IssuerDegradation, s.failureShare,
                 evidence(Pattern::IssuerDegradation,
                          twoFigurePhrase(QT_TRANSLATE_NOOP("payops::Phrase", "success rate z %1 >= %2"),
                                          score.successZ, c.zThreshold),
                          "success_rate", s.successRate, score.successMean, score.successStd, score.successZ)});
        if (s.count >= static_cast<std::uint32_t>(c.degradationMinTx))
            if (auto rule = failureShareRule(s, recentWindow, c.degradationFailureShare))
                flags.push_back({Pattern::IssuerDegradation, s.failureShare,
                                 shareEvidence(Pattern::IssuerDegradation, *rule, "failure_share", s.failureShare,
                                               c.degradationFailureShare)});
    }
    // The z-score rules (method "zscore"): each metric against its own EWMA baseline, scored before the baseline
    // learns from this window. The fixed thresholds below need the window to fill with the incident first
    // (minutes); a z-score sees the first cycle of it.
    const bool zReady = !series && scored && s.count >= static_cast<std::uint32_t>(c.minTxForZ);
    if (method && zReady && score.successZ >= c.zThreshold)
        flags.push_back({Pattern::MethodFatigue, s.failureShare,
                         evidence(Pattern::MethodFatigue,
                                  twoFigurePhrase(QT_TRANSLATE_NOOP("payops::Phrase", "success rate z %1 >= %2"),
                                                  score.successZ, c.zThreshold),
                                  "success_rate", s.successRate, score.successMean, score.successStd, score.successZ)});
    if (zReady && score.meanRetriesZ >= c.zThreshold)
        flags.push_back(
            {Pattern::RetryStorm, stormSeverity,
             evidence(Pattern::RetryStorm,
                      twoFigurePhrase(QT_TRANSLATE_NOOP("payops::Phrase", "mean retries z %1 >= %2"),
                                      score.meanRetriesZ, c.zThreshold),
                      "mean_retries", s.meanRetries, score.retriesMean, score.retriesStd, score.meanRetriesZ)});
    if (zReady && score.p95LatencyZ >= c.zThreshold && b.p95LatencyMs.mean > 0)
        flags.push_back({Pattern::LatencySpike, latencySeverity(s.p95LatencyMs / b.p95LatencyMs.mean),
                         evidence(Pattern::LatencySpike,
                                  twoFigurePhrase(QT_TRANSLATE_NOOP("payops::Phrase", "p95 latency z %1 >= %2"),
                                                  score.p95LatencyZ, c.zThreshold),
                                  "p95_latency_ms", s.p95LatencyMs, score.p95Mean, score.p95Std, score.p95LatencyZ)});
    if (method && s.count >= static_cast<std::uint32_t>(c.fatigueMinTx))
        if (auto rule = failureShareRule(s, recentWindow, c.fatigueFailureShare))
            flags.push_back(
                {Pattern::MethodFatigue, s.failureShare,
                 shareEvidence(Pattern::MethodFatigue, *rule, "failure_share", s.failureShare, c.fatigueFailureShare)});
    // The fixed bars below are on five minutes of traffic. A flag they raise needs the recent window past the bar too
    // (an incident shorter than the window peaks there after it has ended); one raised last cycle on the same metric
    // (by this rule, or by its z-score twin on the window) is held by the window alone, and the note says so.
    // Returns the note to append, or nothing when the rule may not flag.
    const auto recentGate = [&](const char* metric, double recentFigure, double bar,
                                const Phrase::Arg& shown) -> std::optional<Phrase> {
        if (recentlyBeyond(recentWindow, recentFigure, bar))
            return recentNote(recentWindow, shown);
        if (flaggedLastCycle(s.key, metric))
            return withNote(makePhrase(QT_TRANSLATE_NOOP("payops::Phrase", "; held")), recentNote(recentWindow, shown));
        return std::nullopt;
    };
    const DimensionStats none;
    const DimensionStats& r = recentWindow ? *recentWindow : none;
    if (s.count >= static_cast<std::uint32_t>(c.retryStormMinTx)) {
        if (s.meanRetries > c.retryStormMean)
            if (const auto note =
                    recentGate("mean_retries", r.meanRetries, c.retryStormMean, phrase::fixed(r.meanRetries, 2)))
                flags.push_back(
                    {Pattern::RetryStorm, stormSeverity,
                     evidence(Pattern::RetryStorm,
                              withNote(twoFigurePhrase(QT_TRANSLATE_NOOP("payops::Phrase", "mean retries %1 > %2"),
                                                       s.meanRetries, c.retryStormMean),
                                       *note),
                              "mean_retries", s.meanRetries, score.retriesMean, score.retriesStd, score.meanRetriesZ)});
        if (s.highRetryShare > c.retryStormShare)
            if (const auto note = recentGate("high_retry_share", r.highRetryShare, c.retryStormShare,
                                             phrase::fixed(r.highRetryShare, 3)))
                flags.push_back(
                    {Pattern::RetryStorm, stormSeverity,
                     shareEvidence(
                         Pattern::RetryStorm,
                         withNote(makePhrase(QT_TRANSLATE_NOOP("payops::Phrase", "share with >= 3 retries %1 > %2"),
                                             {phrase::fixed(s.highRetryShare, 3), phrase::fixed(c.retryStormShare, 2)}),
                                  *note),
                         "high_retry_share", s.highRetryShare, c.retryStormShare)});
    }
    if (s.count >= static_cast<std::uint32_t>(c.latencySpikeMinTx) &&
        b.p95LatencyMs.samples >= c.baselineWarmupCycles && b.p95LatencyMs.mean > 0) {
        const double ratio = s.p95LatencyMs / b.p95LatencyMs.mean;
        const double recentRatio = r.p95LatencyMs / b.p95LatencyMs.mean;
        if (ratio > c.latencySpikeRatio)
            if (const auto note = recentGate("p95_latency_ms", recentRatio, c.latencySpikeRatio,
                                             phrase::nested(makePhrase(QT_TRANSLATE_NOOP("payops::Phrase", "%1x"),
                                                                       {phrase::fixed(recentRatio, 2)}))))
                flags.push_back(
                    {Pattern::LatencySpike, latencySeverity(ratio),
                     evidence(
                         Pattern::LatencySpike,
                         withNote(twoFigurePhrase(QT_TRANSLATE_NOOP("payops::Phrase", "p95 latency %1x baseline > %2x"),
                                                  ratio, c.latencySpikeRatio),
                                  *note),
                         "p95_latency_ms", s.p95LatencyMs, score.p95Mean, score.p95Std, score.p95LatencyZ)});
    }
    return flags;
}

double AnomalyDetector::confidenceOf(const DimensionStats& s, double maxAbsZ) const
{
    return confidenceFrom(s.failures(), s.failures() > 0 ? s.topErrorShare : 0.0, maxAbsZ);
}

double AnomalyDetector::confidenceFrom(double failures, double codes, double maxAbsZ) const
{
    const auto& c = m_config;
    const double sample = std::min(1.0, failures / std::max(1.0, c.confidenceSampleFailures));
    const double span = std::max(1e-9, c.deviationZHigh - c.deviationZLow);
    const double deviation = std::clamp((maxAbsZ - c.deviationZLow) / span, 0.0, 1.0);
    return std::clamp(c.confidenceSampleWeight * sample + c.confidenceCodeWeight * codes +
                          c.confidenceDeviationWeight * deviation,
                      0.0, 1.0);
}

SeverityClass AnomalyDetector::classOf(double severity) const
{
    if (severity >= m_config.severityCritical)
        return SeverityClass::Critical;
    if (severity >= m_config.severityHigh)
        return SeverityClass::High;
    if (severity >= m_config.severityMedium)
        return SeverityClass::Medium;
    return SeverityClass::Low;
}

DetectionResult AnomalyDetector::detect(const std::vector<DimensionStats>& stats,
                                        const std::vector<DimensionStats>& cycleStats,
                                        const std::vector<DimensionStats>& recentStats, TimeMs nowMs)
{
    DetectionResult result;
    result.scores.resize(stats.size());
    std::map<std::string_view, const DimensionStats*> cycleOf;
    for (const DimensionStats& c : cycleStats)
        if (c.kind != DimensionKind::Path) // paths are looked up only for spillover, rarely: no map entries
            cycleOf.emplace(c.key, &c);
    std::map<std::string_view, const DimensionStats*> recentOf;
    for (const DimensionStats& r : recentStats)
        recentOf.emplace(r.key, &r);
    // A dimension the recent window has no row for (a path, or one with no transactions) had none in its cycles.
    DimensionStats nothingRecent;
    nothingRecent.cycles = recentStats.empty() ? 0 : recentStats.front().cycles;
    std::vector<CycleScore> cycles(stats.size());
    std::vector<std::vector<Flag>> flags(stats.size());
    for (auto& [key, d] : m_series) { // every series, also those without a row this cycle
        d.rowLastCycle = d.rowThisCycle;
        d.rowThisCycle = false;
    }
    // The whole feed this cycle and as usual (before global's series learns this cycle): demand that falls
    // everywhere is no one issuer's silence.
    double globalUsual = 0, globalNow = 0;
    if (const auto g = m_series.find("global"); g != m_series.end() && g->second.silenceUsual > 0) {
        globalUsual = g->second.silenceUsual;
        const auto now = cycleOf.find(std::string_view("global"));
        globalNow = now == cycleOf.end() ? 0.0 : now->second->count;
    }
    for (std::size_t i = 0; i < stats.size(); ++i) {
        const DimensionStats& st = stats[i];
        const bool watched =
            st.kind == DimensionKind::Issuer || st.kind == DimensionKind::Method || st.kind == DimensionKind::Global;
        if (auto c = cycleOf.find(st.key); c != cycleOf.end() && watched)
            cycles[i] = scoreCycle(c->second);
        DimensionSeries* series = nullptr;
        if (usesLikelihood() && watched) {
            series = &seriesOf(st.key);
            if (cycles[i].stats)
                updateSeries(*series, *cycles[i].stats, nowMs);
            if (st.kind != DimensionKind::Global) {
                // How the rest of the feed moved: a silent issuer's own loss must not lower what it is expected to
                // have. Only a fall counts: the rest gaining (customers turning to other cards and methods when one
                // fails) is no reason to expect more of this one.
                const std::uint32_t observed = cycles[i].stats ? cycles[i].stats->count : 0;
                const double othersUsual = globalUsual - series->silenceUsual;
                const double ratio =
                    othersUsual > 0 ? std::min(1.0, std::max(0.0, globalNow - observed) / othersUsual) : 0.0;
                scoreTraffic(*series, st.key, observed, ratio);
            }
        }
        const DimensionStats* recentWindow = nullptr;
        if (!recentStats.empty()) {
            const auto r = recentOf.find(st.key);
            recentWindow = r != recentOf.end() ? r->second : &nothingRecent;
        }
        flags[i] = evaluate(st, m_baselines[st.key], series, cycles[i], recentWindow, result.scores[i]);
        result.scores[i].anomalous = !flags[i].empty();
    }

    std::size_t globalIndex = stats.size();
    for (std::size_t i = 0; i < stats.size(); ++i) {
        if (stats[i].kind == DimensionKind::Global)
            globalIndex = i;
    }
    // Flags moved into another dimension's anomaly as its evidence.
    std::vector<std::vector<Evidence>> foldedIn(stats.size());
    for (const Pattern p : {Pattern::RetryStorm, Pattern::LatencySpike}) {
        const std::size_t owner = ownerOf(p, stats, flags, cycles, globalIndex);
        if (owner == stats.size())
            continue; // shown by several issuers and several methods, but not by global: each their own
        for (std::size_t i = 0; i < stats.size(); ++i) {
            // An issuer's incident takes in global's flag and the methods', not another issuer's (nor a method's
            // another method's): that one is slow (or storming) on its own. Nor one of the other kind that already
            // reports the pattern itself: folded, its anomaly would vanish and come back (spillover's mayJoin).
            if (i == owner || (owner != globalIndex && stats[i].kind == stats[owner].kind))
                continue;
            if (owner != globalIndex && i != globalIndex) {
                const auto own = m_active.find(stats[i].key);
                if (own != m_active.end() && own->second.has(p))
                    continue;
            }
            moveEvidence(
                flags[i], [&](const Flag& f) { return f.pattern == p; }, foldedIn[owner]);
        }
    }

    // One incident, one anomaly: a method failing (or slow) only through a failing (slow) issuer's transactions, or
    // an issuer through a method's, joins that anomaly as evidence (reasoning/spillover.h).
    {
        const auto pathOf = [&](const std::string& issuer, const std::string& method) {
            return findPath(cycleStats, issuer, method);
        };
        // The window's paths, for the window's failure-share rule.
        const auto windowPathOf = [&](const std::string& issuer, const std::string& method) {
            return findPath(stats, issuer, method);
        };
        std::vector<std::size_t> failuresInto(stats.size(), stats.size()); // the cycle's failure folds
        for (const SpilloverMeasure measure :
             {SpilloverMeasure::Failures, SpilloverMeasure::MeanLatency, SpilloverMeasure::WindowFailures}) {
            const bool window = measure == SpilloverMeasure::WindowFailures;
            const auto patternOf = [&](DimensionKind k) {
                if (measure == SpilloverMeasure::MeanLatency)
                    return Pattern::LatencySpike;
                return k == DimensionKind::Issuer ? Pattern::IssuerDegradation : Pattern::MethodFatigue;
            };
            // Only flags whose figures the path counts speak for: the cycle's success rate and code mix, and the
            // window's failure share (the window has its paths too), for failures; the cycle's mean latency for
            // slowness. The window's p95 or the slow tail (which transactions were slow, not on which path) stays where
            // it was raised.
            const auto judged = [&](const Flag& f, Pattern p) {
                if (f.pattern != p)
                    return false;
                if (measure == SpilloverMeasure::MeanLatency)
                    return f.evidence.metric == "cycle_mean_latency_ms";
                if (window)
                    return f.evidence.metric == "failure_share";
                return f.evidence.metric == "cycle_success_rate" || f.evidence.metric == "cycle_code_share";
            };
            std::vector<FlaggedDimension> flagged;
            for (std::size_t i = 0; i < stats.size(); ++i) {
                const DimensionKind kind = stats[i].kind;
                if ((kind != DimensionKind::Issuer && kind != DimensionKind::Method) || (!window && !cycles[i].stats))
                    continue;
                const Pattern p = patternOf(kind);
                const bool flagsThis =
                    std::any_of(flags[i].begin(), flags[i].end(), [&](const Flag& f) { return judged(f, p); });
                // A window flag joins a cause flagged by any failure rule: the issuers' failure shares over five
                // minutes rise with UPI's fatigue while UPI's own is still under its (higher) bar. It leaves only a
                // dimension whose other failure flags have all gone (folded by the cycle's figures, or never raised):
                // one that keeps its own anomaly keeps all of its evidence.
                bool failingOtherwise = false;
                if (window)
                    for (const Flag& f : flags[i])
                        failingOtherwise |= f.pattern == p && f.evidence.metric != "failure_share";
                if (!flagsThis && !failingOtherwise)
                    continue;
                FlaggedDimension d{i, window ? &stats[i] : cycles[i].stats, p};
                if (window) {
                    // A joiner against the rule's bar, a cause against its usual share over the window.
                    d.bar =
                        kind == DimensionKind::Issuer ? m_config.degradationFailureShare : m_config.fatigueFailureShare;
                    const auto baseline = m_baselines.find(stats[i].key);
                    if (baseline != m_baselines.end() &&
                        baseline->second.successRate.samples >= m_config.baselineWarmupCycles)
                        d.usual = 1.0 - baseline->second.successRate.mean;
                } else if (measure == SpilloverMeasure::Failures) {
                    d.usual = cycles[i].usualFailureShare;
                    // Flagged by its failure code: asked about that code (as a joiner only when flagged by the code
                    // alone).
                    d.byRate = std::any_of(flags[i].begin(), flags[i].end(), [&](const Flag& f) {
                        return judged(f, p) && f.evidence.metric == "cycle_success_rate";
                    });
                    const bool byCode = std::any_of(flags[i].begin(), flags[i].end(), [&](const Flag& f) {
                        return judged(f, p) && f.evidence.metric == "cycle_code_share";
                    });
                    if (const auto series = m_series.find(stats[i].key); byCode && series != m_series.end()) {
                        const DimensionSeries& ds = series->second;
                        d.code = ds.surprise.code;
                        d.codeUsual = ds.surprise.usualShare;
                        // Found on this cycle and the previous one: judged on both (a held finding's are older).
                        if (ds.surpriseEarlier.cycles == 1 && ds.age[DimensionSeries::Codes].cyclesSince == 0) {
                            const auto& codes = ds.surpriseEarlier.failureCodes;
                            d.earlierCount = ds.surpriseEarlier.tx;
                            d.earlierFailures = static_cast<std::uint32_t>(codeTotal(codes));
                            d.earlierWithCode = countOfCode(codes, d.code);
                        }
                    }
                } else if (const auto series = m_series.find(stats[i].key); series != m_series.end()) {
                    d = cycleMean(i, cycles[i].stats, p, series->second.meanLatencyMs.episode(),
                                  series->second.usualTx);
                }
                const auto own = m_active.find(stats[i].key);
                d.open = own != m_active.end() && own->second.has(p);
                d.mayJoin = own == m_active.end() && flagsThis && !failingOtherwise;
                flagged.push_back(d);
            }
            const auto earlierPathOf = [&](const std::string& issuer, const std::string& method) {
                return findPath(m_previousPaths, issuer, method);
            };
            const auto minTx = static_cast<std::uint32_t>(m_config.minTxForZ);
            for (SpilloverFold& fold : window ? findSpillover(measure, flagged, windowPathOf, minTx)
                                              : findSpillover(measure, flagged, pathOf, minTx, earlierPathOf)) {
                // A window flag whose dimension's cycle flags went to another cause stays: the two would disagree.
                if (window && failuresInto[fold.from] != stats.size() && failuresInto[fold.from] != fold.into)
                    continue;
                if (measure == SpilloverMeasure::Failures)
                    failuresInto[fold.from] = fold.into;
                auto& from = flags[fold.from];
                const Pattern p = patternOf(stats[fold.from].kind);
                foldedIn[fold.into].push_back(std::move(fold.why));
                moveEvidence(
                    from, [&](const Flag& f) { return judged(f, p); }, foldedIn[fold.into]);
            }
        }
    }

    std::map<std::string, Anomaly> nowActive;
    for (std::size_t i = 0; i < stats.size(); ++i) {
        if (flags[i].empty())
            continue;
        const DimensionStats& s = stats[i];
        Anomaly a;
        auto previous = m_active.find(s.key);
        if (previous != m_active.end()) {
            a.id = previous->second.id;
            a.startedMs = previous->second.startedMs;
            a.cycles = previous->second.cycles + 1;
        } else {
            a.id = m_nextId++;
            a.startedMs = nowMs;
            a.cycles = 1;
        }
        a.lastSeenMs = nowMs;
        a.dimension = s.key;
        a.kind = s.kind;
        a.issuer = s.issuer;
        a.method = s.method;
        a.stats = s;
        std::stable_sort(flags[i].begin(), flags[i].end(),
                         [](const Flag& x, const Flag& y) { return x.severity > y.severity; });
        for (const auto& f : flags[i]) {
            if (!a.has(f.pattern))
                a.patterns.push_back(f.pattern);
            a.severity = std::max(a.severity, f.severity);
            a.evidence.push_back(f.evidence);
        }
        a.evidence.insert(a.evidence.end(), foldedIn[i].begin(), foldedIn[i].end());
        // The largest z of its evidence, and only of its evidence: a z no rule acted on (the cycle's success z
        // beside a latency flag) would show a number the user cannot find in the rules. (A global anomaly's
        // evidence includes the flags rolled up into it, whose z counts too.)
        // Evidence another issuer or method brought in (spillover) says how far that one is from usual, not this one.
        a.maxAbsZ = 0;
        for (const Evidence& e : a.evidence)
            if (i == globalIndex || e.dimension.empty() || e.dimension == a.dimension)
                a.maxAbsZ = std::max(a.maxAbsZ, std::abs(e.z));
        a.severityClass = classOf(a.severity);
        a.confidence = confidenceOf(s, a.maxAbsZ);
        // A silence rests on the transactions that did not come, not on the window's failures, which it empties:
        // its sample is those missing transactions, all of them alike (the share of the commonest outcome is 1).
        if (const auto series = m_series.find(s.key);
            series != m_series.end() && series->second.traffic.expected > 0 &&
            std::any_of(a.evidence.begin(), a.evidence.end(),
                        [&](const Evidence& e) { return e.metric == "cycle_volume" && e.dimension == s.key; })) {
            a.confidence = std::max(a.confidence, confidenceFrom(series->second.silentExpected, 1.0, a.maxAbsZ));
        }
        nowActive.emplace(s.key, a);
        result.active.push_back(std::move(a));
    }
    for (auto& [key, old] : m_active) {
        if (!nowActive.count(key))
            result.cleared.push_back(old);
    }
    m_active = std::move(nowActive);

    // Learn from this window only now that it has been scored.
    for (std::size_t i = 0; i < stats.size(); ++i) {
        const DimensionStats& s = stats[i];
        if (s.count == 0)
            continue;
        const bool anomalous = result.scores[i].anomalous;
        const double alpha = m_config.ewmaAlpha * (anomalous ? m_config.anomalousUpdateWeight : 1.0);
        auto& b = m_baselines[s.key];
        if (anomalous && b.successRate.samples > 0 && alpha <= 0.0)
            continue; // skipped: the incident must not become the baseline
        b.successRate.update(s.successRate, alpha);
        b.p95LatencyMs.update(s.p95LatencyMs, alpha);
        b.meanRetries.update(s.meanRetries, alpha);
        b.volume.update(s.count, alpha);
    }
    if (m_config.cycleEwmaAlpha > 0) {
        for (std::size_t i = 0; i < stats.size(); ++i) {
            const DimensionStats* c = cycles[i].stats;
            if (!c || c->count == 0)
                continue;
            const double weight = result.scores[i].anomalous ? m_config.anomalousUpdateWeight : 1.0;
            auto& b = m_cycleBaselines[c->key];
            // Three spreads: a Gaussian sample lies beyond them once in 370 cycles, so normal cycles are learned
            // as they are, while an incident's first cycles cannot hide the next ones by widening the spread.
            constexpr double kClampSpreads = 3.0;
            const double alpha = m_config.cycleEwmaAlpha * weight;
            b.successRate.updateClamped(c->successRate, alpha, m_config.stdFloorSuccess, kClampSpreads);
            b.meanRetries.updateClamped(c->meanRetries, alpha, m_config.stdFloorRetries, kClampSpreads);
        }
    }
    if (usesLikelihood()) {
        for (std::size_t i = 0; i < stats.size(); ++i) {
            auto series = m_series.find(stats[i].key);
            if (series == m_series.end() || !series->second.rowThisCycle)
                continue;
            if (stats[i].kind == DimensionKind::Global)
                continue; // neither is scored there
            DimensionSeries& d = series->second;
            const double weight = result.scores[i].anomalous ? m_config.anomalousUpdateWeight : 1.0;
            // Rows counted against no bar say nothing about the tail (and do not count towards its warm-up). A row
            // half-way to the bar is learned as a flagged one is: slow transactions are rare, so a tail's first rows,
            // each just short of the bar, would otherwise raise the usual share enough to hide the rows after them.
            const bool suspect = m_config.slowTailZThreshold > 0 && d.slow.z >= m_config.slowTailZThreshold / 2;
            if (d.row.slowTested > 0)
                d.slowTail.learn(d.row.slowTx, d.row.slowTested, m_config.codeMixRate,
                                 suspect ? std::min(weight, m_config.anomalousUpdateWeight) : weight);
            d.codeMix.learn(d.row.failureCodes, m_config.codeMixRate, weight);
        }
    }
    keepPaths(cycleStats);
    qCDebug(lcReasoning) << "cycle at" << nowMs << "active anomalies" << result.active.size();
    return result;
}

void AnomalyDetector::keepPaths(const std::vector<DimensionStats>& cycleStats)
{
    // Assigned over the last cycle's rows, so their strings and code lists reuse what they hold.
    std::size_t n = 0;
    for (const DimensionStats& c : cycleStats) {
        if (c.kind != DimensionKind::Path)
            continue;
        if (n < m_previousPaths.size())
            m_previousPaths[n] = c;
        else
            m_previousPaths.push_back(c);
        ++n;
    }
    m_previousPaths.resize(n);
}

namespace {
nlohmann::json toJson(const EwmaBaseline& b)
{
    return {b.mean, b.variance, b.samples};
}
EwmaBaseline baselineFrom(const nlohmann::json& j)
{
    return {j.at(0).get<double>(), j.at(1).get<double>(), j.at(2).get<int>()};
}
// Checkpoint codecs of the pooled and held figures. Restoring checks every number: a count read as uint32 from a
// negative or huge JSON number would wrap silently.
constexpr std::uint32_t kMaxPooledTx = 1'000'000'000;
std::uint32_t countFrom(const nlohmann::json& j)
{
    if (!j.is_number_integer() || j.get<std::int64_t>() < 0 || j.get<std::int64_t>() > 0xffffffffLL)
        throw std::invalid_argument("a count is not a whole number from 0 to 4294967295");
    return static_cast<std::uint32_t>(j.get<std::int64_t>());
}
int cyclesFrom(const nlohmann::json& j)
{
    if (!j.is_number_integer() || j.get<std::int64_t>() < 0 || j.get<std::int64_t>() > 1'000'000'000)
        throw std::invalid_argument("a number of cycles is not a whole number from 0 to 1e9");
    return static_cast<int>(j.get<std::int64_t>());
}
double shareFrom(const nlohmann::json& j)
{
    const double v = j.get<double>();
    if (!(v >= 0 && v <= 1))
        throw std::invalid_argument("a share is not between 0 and 1");
    return v;
}
nlohmann::json agesToJson(const std::array<DimensionSeries::Age, DimensionSeries::MetricCount>& ages)
{
    auto j = nlohmann::json::array();
    for (const auto& a : ages)
        j.push_back({a.cyclesSince, a.rowCycles, a.rowTx, a.failureShare, a.highRetryShare});
    return j;
}
std::array<DimensionSeries::Age, DimensionSeries::MetricCount> agesFromJson(const nlohmann::json& j)
{
    std::array<DimensionSeries::Age, DimensionSeries::MetricCount> ages{};
    // Checkpoints from before the slow tail was scored have one age fewer: the tail starts with none.
    if (!j.is_array() || (j.size() != ages.size() && j.size() != DimensionSeries::Tail))
        throw std::invalid_argument("the flags' ages do not fit");
    for (std::size_t i = 0; i < j.size(); ++i)
        ages[i] = {cyclesFrom(j[i].at(0)), cyclesFrom(j[i].at(1)), countFrom(j[i].at(2)), shareFrom(j[i].at(3)),
                   shareFrom(j[i].at(4))};
    return ages;
}
nlohmann::json codesToJson(const std::vector<CodeCount>& codes)
{
    auto j = nlohmann::json::array();
    for (const CodeCount& c : codes)
        j.push_back({c.code, c.count});
    return j;
}
std::vector<CodeCount> codesFromJson(const nlohmann::json& j)
{
    std::vector<CodeCount> codes;
    for (const auto& c : j)
        codes.push_back({c.at(0).get<std::string>(), countFrom(c.at(1))});
    return codes;
}
// An unfinished pool of thin cycles: saved so a restart does not drop its transactions.
nlohmann::json poolToJson(const ThinCyclePool& p)
{
    if (p.cycles == 0)
        return {{"cycles", 0}};
    const DimensionStats& s = p.stats;
    return {{"cycles", p.cycles},
            {"counts", {s.count, s.success, s.softFail, s.hardFail}},
            {"means", {s.meanLatencyMs, s.meanRetries, s.highRetryShare}},
            {"codes", codesToJson(s.failureCodes)},
            {"slow", {s.slowTx, s.slowTested, s.slowBarMs}}};
}
ThinCyclePool poolFromJson(const nlohmann::json& j)
{
    ThinCyclePool p;
    p.cycles = cyclesFrom(j.at("cycles"));
    if (p.cycles == 0)
        return p;
    DimensionStats& s = p.stats;
    const nlohmann::json& counts = j.at("counts");
    s.count = countFrom(counts.at(0));
    s.success = countFrom(counts.at(1));
    s.softFail = countFrom(counts.at(2));
    s.hardFail = countFrom(counts.at(3));
    s.failureCodes = codesFromJson(j.at("codes"));
    const std::uint64_t failures = std::uint64_t{s.softFail} + s.hardFail;
    if (std::uint64_t{s.success} + failures != s.count || codeTotal(s.failureCodes) > failures)
        throw std::invalid_argument("a pool of thin cycles does not add up");
    // A pool holds thin cycles (a few transactions each); near 2^32 the next cycle added would wrap its count.
    if (s.count > kMaxPooledTx)
        throw std::invalid_argument("a pool of thin cycles holds more transactions than thin cycles can");
    const nlohmann::json& means = j.at("means");
    s.meanLatencyMs = means.at(0).get<double>();
    s.meanRetries = means.at(1).get<double>();
    s.highRetryShare = shareFrom(means.at(2));
    if (!(s.meanLatencyMs >= 0) || !(s.meanRetries >= 0))
        throw std::invalid_argument("a pool of thin cycles has a negative mean");
    if (const auto slow = j.find("slow"); slow != j.end()) { // absent before the slow tail was scored
        s.slowTx = countFrom(slow->at(0));
        s.slowTested = countFrom(slow->at(1));
        s.slowBarMs = countFrom(slow->at(2));
        if (s.slowTx > s.slowTested || s.slowTested > s.count)
            throw std::invalid_argument("a pool of thin cycles has more slow transactions than it counted");
    }
    deriveShares(s);
    return p;
}
nlohmann::json recentRowsToJson(const std::vector<DimensionSeries::RecentRow>& rows)
{
    auto j = nlohmann::json::array();
    for (const auto& r : rows)
        j.push_back({{"codes", codesToJson(r.failureCodes)},
                     {"cycles", r.cycles},
                     {"tx", r.tx},
                     {"slow", {r.slowTx, r.slowTested}}});
    return j;
}
std::vector<DimensionSeries::RecentRow> recentRowsFromJson(const nlohmann::json& j, int shortWindow)
{
    if (!j.is_array() || j.size() > static_cast<std::size_t>(std::max(0, shortWindow - 1)))
        throw std::invalid_argument("more recent rows than the short window holds");
    std::vector<DimensionSeries::RecentRow> rows;
    for (const auto& r : j) {
        DimensionSeries::RecentRow row{codesFromJson(r.at("codes")), cyclesFrom(r.at("cycles")), countFrom(r.at("tx"))};
        if (codeTotal(row.failureCodes) > row.tx)
            throw std::invalid_argument("a recent row has more failures than transactions");
        if (const auto slow = r.find("slow"); slow != r.end()) { // absent before the slow tail was scored
            row.slowTx = countFrom(slow->at(0));
            row.slowTested = countFrom(slow->at(1));
            if (row.slowTx > row.slowTested || row.slowTested > row.tx)
                throw std::invalid_argument("a recent row has more slow transactions than it counted");
        }
        rows.push_back(std::move(row));
    }
    return rows;
}
} // namespace

nlohmann::json AnomalyDetector::saveState() const
{
    nlohmann::json baselines = nlohmann::json::object();
    for (const auto& [key, b] : m_baselines)
        baselines[key] = {toJson(b.successRate), toJson(b.p95LatencyMs), toJson(b.meanRetries), toJson(b.volume)};
    // Active anomalies whole: the cycle after a restore reports the ones that clear exactly as it would have.
    nlohmann::json active = nlohmann::json::object();
    for (const auto& [key, a] : m_active)
        active[key] = a;
    nlohmann::json series = nlohmann::json::object();
    for (const auto& [key, d] : m_series)
        series[key] = {
            {"success", d.success.saveState()},
            {"mean_latency_ms", d.meanLatencyMs.saveState()},
            {"mean_retries", d.meanRetries.saveState()},
            {"volume", d.volume.saveState()},
            {"code_mix", d.codeMix.saveState()},
            {"ages", agesToJson(d.age)},
            {"pending", poolToJson(d.pending)},
            {"usual_tx", d.usualTx},
            {"silence_usual", d.silenceUsual},
            {"silence_usual_cycles", d.silenceUsualCycles},
            {"recent_rows", recentRowsToJson(d.recentRows)},
            {"surprise", {d.surprise.code, d.surprise.count, d.surprise.failures, d.surprise.usualShare, d.surprise.z}},
            {"slow_tail", d.slowTail.saveState()},
            {"slow", {d.slow.slow, d.slow.tested, d.slow.barMs, d.slow.usualShare, d.slow.z}},
            {"slow_open", d.slowOpen},
            {"row_this_cycle", d.rowThisCycle},
            {"silent_cycles", d.silentCycles},
            {"silent_expected", d.silentExpected}};
    nlohmann::json cycleBaselines = nlohmann::json::object();
    for (const auto& [key, b] : m_cycleBaselines)
        cycleBaselines[key] = {toJson(b.successRate), toJson(b.meanRetries)};
    // The last cycle's paths: the cycle after a restore judges a code found on two cycles as it would have.
    auto previousPaths = nlohmann::json::array();
    for (const DimensionStats& p : m_previousPaths)
        previousPaths.push_back({p.issuer, p.method, p.count, p.failures(), codesToJson(p.failureCodes)});
    return {{"baselines", baselines},
            {"previous_paths", previousPaths},
            {"cycle_baselines", cycleBaselines},
            {"slow_tail_factor", m_config.slowTailFactor},
            {"active", active},
            {"cycle_series", series},
            {"next_id", m_nextId}};
}

Status AnomalyDetector::restoreState(const nlohmann::json& state)
{
    try {
        m_baselines.clear();
        for (const auto& [key, b] : state.at("baselines").items())
            m_baselines[key] = {baselineFrom(b.at(0)), baselineFrom(b.at(1)), baselineFrom(b.at(2)),
                                baselineFrom(b.at(3))};
        m_cycleBaselines.clear();
        // Checkpoints written before the cycle rules existed have none: those baselines warm up again.
        const nlohmann::json cycleBaselines = state.value("cycle_baselines", nlohmann::json::object());
        for (const auto& [key, b] : cycleBaselines.items())
            m_cycleBaselines[key] = {baselineFrom(b.at(0)), baselineFrom(b.at(1))};
        m_active.clear();
        for (const auto& [key, a] : state.at("active").items())
            m_active[key] = a.get<Anomaly>();
        m_series.clear();
        // Checkpoints from before the core scored each cycle's figures have none ("likelihood" held series of
        // window statistics, which these are not): the series start afresh and warm up again.
        const nlohmann::json series = state.value("cycle_series", nlohmann::json::object());
        for (const auto& [key, j] : series.items()) {
            DimensionSeries d(likelihoodParams(m_config));
            // Checkpoints from before each flag kept its own age have one age for all.
            if (const auto ages = j.find("ages"); ages != j.end())
                d.age = agesFromJson(*ages);
            else
                for (auto& a : d.age)
                    a.cyclesSince = cyclesFrom(j.at("cycles_since_row"));
            // Checkpoints from before thin cycles were pooled have no pool, usual count or recent rows: they start
            // afresh.
            if (const auto pending = j.find("pending"); pending != j.end())
                d.pending = poolFromJson(*pending);
            d.usualTx = j.value("usual_tx", -1.0);
            // Absent before the silence test: it starts from the usual count as it was.
            d.silenceUsual = j.value("silence_usual", std::max(0.0, d.usualTx));
            d.silenceUsualCycles =
                j.value("silence_usual_cycles", d.usualTx < 0 ? 0 : std::numeric_limits<int>::max() / 2);
            if (d.silenceUsualCycles < 0 || !(d.silenceUsual >= 0) || !std::isfinite(d.silenceUsual))
                return Error{"detector state is damaged: " + key + "'s usual count of transactions is not one"};
            if (!(d.usualTx >= -1.0 && d.usualTx <= std::numeric_limits<std::uint32_t>::max()))
                throw std::invalid_argument("a usual count of transactions is negative or beyond a cycle's count");
            if (const auto recent = j.find("recent_rows"); recent != j.end())
                d.recentRows = recentRowsFromJson(*recent, m_config.likelihoodShortWindow);
            const nlohmann::json& sp = j.at("surprise");
            d.surprise = {sp.at(0).get<std::string>(), countFrom(sp.at(1)), countFrom(sp.at(2)), shareFrom(sp.at(3)),
                          sp.at(4).get<double>()};
            // A damaged z of 4 or more would raise a code flag (and hold it on pools); inverseUpperTail gives at
            // most about 37.
            if (d.surprise.count > d.surprise.failures || !(d.surprise.z >= 0 && d.surprise.z <= 40))
                throw std::invalid_argument("a failure-code finding does not add up");
            // Checkpoints from before the slow tail was scored have none: it starts afresh and warms up again.
            if (const auto tail = j.find("slow_tail"); tail != j.end()) {
                if (!d.slowTail.restoreState(*tail))
                    throw std::invalid_argument("the slow tail's counts do not add up");
                const nlohmann::json& f = j.at("slow");
                d.slow = {countFrom(f.at(0)), countFrom(f.at(1)), countFrom(f.at(2)), shareFrom(f.at(3)),
                          f.at(4).get<double>()};
                if (d.slow.slow > d.slow.tested || !(d.slow.z >= 0 && d.slow.z <= 40))
                    throw std::invalid_argument("a slow-tail finding does not add up");
                d.slowOpen = j.at("slow_open").get<bool>();
                // Global is not tested (updateSeries); a flag on it from a build that tested it would never clear.
                if (key == "global")
                    forgetSlowTail(d);
            }
            if (!d.success.restoreState(j.at("success")) || !d.meanLatencyMs.restoreState(j.at("mean_latency_ms")) ||
                !d.meanRetries.restoreState(j.at("mean_retries")) || !d.volume.restoreState(j.at("volume")) ||
                !d.codeMix.restoreState(j.at("code_mix")))
                return Error{"detector state is damaged: the series of " + key + " do not fit the config"};
            // Checkpoints from before a warm-up finding was cleared when scored: the mix has learned that row, so
            // it was scored with one row fewer.
            if (d.codeMix.cycles() <= m_config.likelihoodWarmupCycles)
                d.surprise = {};
            // Absent before spillover judged two cycles: the first cycle after the restore judges this one alone.
            if (const auto row = j.find("row_this_cycle"); row != j.end())
                d.rowThisCycle = row->get<bool>();
            // Absent before the traffic test: a silence then counts from the restore.
            d.silentCycles = j.value("silent_cycles", 0);
            d.silentExpected = j.value("silent_expected", 0.0);
            if (d.silentCycles < 0 || !(d.silentExpected >= 0) || !std::isfinite(d.silentExpected))
                return Error{"detector state is damaged: " + key + "'s silent cycles do not add up"};
            m_series.emplace(key, std::move(d));
        }
        m_previousPaths.clear();
        const auto paths = state.find("previous_paths");
        // Without them (a checkpoint from before they were kept) the next cycle is judged alone.
        if (paths == state.end())
            for (auto& [key, d] : m_series)
                d.rowThisCycle = false;
        else if (!paths->is_array())
            throw std::invalid_argument("the last cycle's paths are not a list");
        for (const auto& p : paths == state.end() ? nlohmann::json::array() : *paths) {
            DimensionStats path;
            path.kind = DimensionKind::Path;
            path.issuer = p.at(0).get<std::string>();
            path.method = p.at(1).get<std::string>();
            path.count = countFrom(p.at(2));
            path.softFail = countFrom(p.at(3));
            path.failureCodes = codesFromJson(p.at(4));
            if (path.issuer.empty() || path.method.empty() || path.softFail > path.count ||
                codeTotal(path.failureCodes) > path.softFail)
                throw std::invalid_argument("a path of the last cycle does not add up");
            if (findPath(m_previousPaths, path.issuer, path.method))
                throw std::invalid_argument("a path of the last cycle is there twice");
            path.success = path.count - path.softFail;
            deriveShares(path);
            m_previousPaths.push_back(std::move(path));
        }
        // Tails learned against another factor's bars start afresh (setConfig says why); checkpoints from before
        // the slow tail have none to forget.
        if (const auto factor = state.find("slow_tail_factor");
            factor != state.end() && factor->get<double>() != m_config.slowTailFactor)
            for (auto& [key, d] : m_series)
                forgetSlowTail(d);
        m_nextId = state.at("next_id").get<std::int64_t>();
    } catch (const std::exception& e) { // nlohmann errors, and an unknown dimension kind
        return Error{std::string("detector state is damaged: ") + jsonErrorText(e)};
    }
    return {};
}

} // namespace payops
