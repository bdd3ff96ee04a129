#pragma once
// Turns one window's per-dimension statistics into anomalies: scores each metric against its EWMA baseline
// (before the baseline learns from this window), applies the four pattern rules, merges everything flagged on
// one dimension into one anomaly, and then updates the baselines (skipping or down-weighting while anomalous,
// so an incident does not become the new normal).

#include "config/agent_config.h"
#include "core/result.h"
#include "reasoning/anomaly.h"
#include "reasoning/ewma_baseline.h"
#include "reasoning/failure_code_mix.h"
#include "reasoning/likelihood_series.h"
#include "reasoning/slow_tail.h"
#include "reasoning/thin_cycle_pool.h"
#include "stream/dimension_stats.h"

#include <array>
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

namespace payops {

struct DimensionBaselines {
    EwmaBaseline successRate, p95LatencyMs, meanRetries, volume;
};

// Baselines of one dimension's per-cycle figures (only the transactions of each cycle).
struct CycleBaselines {
    EwmaBaseline successRate, meanRetries;
};

// The detector core's series of one dimension (method "likelihood"), one row per cycle of that cycle's own
// transactions, or per pool of thin cycles. Volume is scored and shown but raises nothing: it moves with demand and
// with the agent's own reroutes (a silence does: scoreTraffic). The failure-code mix is a calibrated binomial test and
// is held to its own bar, not run through the core (docs/detector.md: the core's re-standardisation made it less
// sharp).
struct DimensionSeries {
    explicit DimensionSeries(const detect::DetectorParams& params)
        : success(Direction::Down, params), meanLatencyMs(Direction::Up, params), meanRetries(Direction::Up, params),
          volume(Direction::Down, params)
    {
    }
    MetricLikelihood success, meanLatencyMs, meanRetries, volume;
    FailureCodeMix codeMix;
    CodeSurprise surprise; // the last row's most unusual failure code
    SlowTail slowTail;
    SlowTailFinding slow;  // the last row's slow tail (alone or with the short window's rows)
    bool slowOpen = false; // flagged: opened at the bar, held while the rows stay half-way to it
    ThinCyclePool pending; // thin cycles not scored yet
    double usualTx = -1;   // transactions a cycle, followed slowly (-1: no cycle yet)
    // Transactions a cycle for the silence test: the running mean until 1 / likelihood_rate cycles, then followed at
    // that rate (scoreTraffic).
    double silenceUsual = 0;
    int silenceUsualCycles = 0;
    DimensionStats row; // this cycle's row, when it has one: the cycle, or a pool of thin ones
    // The consecutive rows before it (up to the short window less one, oldest first): the code mix and the slow
    // tail are also tested on them together with the row.
    struct RecentRow {
        std::vector<CodeCount> failureCodes;
        int cycles = 0;
        std::uint32_t tx = 0;
        std::uint32_t slowTx = 0, slowTested = 0;
    };
    std::vector<RecentRow> recentRows;
    // The row before this one when the code mix's finding rests on both and that row was the previous cycle alone
    // (cycles 0 otherwise): spillover judges the finding on both cycles' paths.
    RecentRow surpriseEarlier;
    bool rowThisCycle = false; // a row was scored this cycle: the code mix learns it once the cycle is decided
    bool rowLastCycle = false; // and the cycle before
    // How old each flag's figures are (success, latency, retries, code mix, slow tail): a metric skips a pooled row
    // while its flag is up, so its figures can be older than the row.
    struct Age {
        int cyclesSince = 0; // cycles since the row this metric last scored
        int rowCycles = 0;   // how many cycles that row pooled
        std::uint32_t rowTx = 0;
        // That row's failure share and share retrying a lot: a held flag keeps the severity its figures gave it.
        double failureShare = 0, highRetryShare = 0;
    };
    enum Metric { Success, Latency, Retries, Codes, Tail, MetricCount };
    std::array<Age, MetricCount> age{};
    // A cycle without transactions against the usual count (AnomalyDetector::scoreTraffic): an issuer or method that
    // goes silent is an incident however good its last figures were.
    struct Traffic {
        double expected = 0; // transactions expected this cycle (0: not judged)
        double scale = 1;    // of the usual count, by the agent's own interventions on this dimension
        double z = 0;        // how unlikely the silence so far is, as a normal deviate
    } traffic;
    int silentCycles = 0;      // cycles in a row without a transaction
    double silentExpected = 0; // the transactions those cycles were expected to have, together
};

// One dimension's scores this cycle, with the baselines as they were when it was scored (for charts: the
// expected band is mean +/- zThreshold * std).
struct DimensionScore {
    std::string key;
    bool scored = false; // the baselines were past warm-up
    double successZ = 0; // positive = success dropped
    double p95LatencyZ = 0, meanRetriesZ = 0, volumeZ = 0;
    double successMean = 0, successStd = 0;
    double p95Mean = 0, p95Std = 0;
    double retriesMean = 0, retriesStd = 0;
    // The detector core's scores in [0, 1] of this cycle's figures (method "likelihood"; 0 when the change is not
    // in the harmful direction).
    double successScore = 0, latencyScore = 0, meanRetriesScore = 0, volumeScore = 0;
    // How unusual the most surprising failure code of the last row (alone or with the short window's rows) is, as a
    // normal deviate.
    double failureCodeZ = 0;
    // How unusual the last row's count of transactions beyond the slow-tail bar is, as a normal deviate.
    double slowTailZ = 0;
    // This cycle's own transactions counted against the slow-tail bar, how many were beyond it, and the usual share
    // beyond it before this cycle (slowTested 0: no bar this cycle, or the tail is still warming up). The console
    // charts the share.
    std::uint32_t slowTested = 0, slowTx = 0;
    double slowUsualShare = 0;
    // This cycle's own figures as the detector judged them, for charts: the figure and the band it was held against
    // (centre +/- halfWidth). Under `likelihood`: likelihood_hold_sigmas of the spread the row was judged with (the
    // evidence's "+/-"), around the core's expectation, or around the onset's reference while a flag is open; a value
    // that far out on the harmful side opens an episode once the core has alarmed, and keeps one open. Under `zscore`:
    // cycle_z_threshold standard deviations of the cycle baseline. The window's figures and EWMA band (above) were
    // charted alone until 2026-12-06: after an outage the five-minute window kept falling for minutes while the issuer
    // was healthy again, and its band was not the one the evidence named.
    struct CycleFigure {
        bool judged = false; // false: no figure this cycle (a thin cycle in its pool, the core warming up, no rule)
        double value = 0, centre = 0, halfWidth = 0;
    };
    enum CycleMetric { CycleSuccess, CycleLatency, CycleRetries, CycleMetricCount };
    std::array<CycleFigure, CycleMetricCount> cycle{};
    bool anomalous = false;
};

struct DetectionResult {
    std::vector<Anomaly> active;  // flagged this cycle (ids stable across cycles)
    std::vector<Anomaly> cleared; // were active last cycle, not any more
    std::vector<DimensionScore> scores;
};

class AnomalyDetector {
public:
    explicit AnomalyDetector(DetectorConfig config) : m_config(std::move(config)) {}
    void setConfig(const DetectorConfig& config);
    // The detector core's parameters for per-cycle series (a cycle is one row), from the config.
    static detect::DetectorParams likelihoodParams(const DetectorConfig& config);

    // `cycleStats` holds the figures of this cycle's transactions alone (TransactionWindow::takeCycleStats) for
    // the cycle rules; without them only the window is scored. `recentStats` (TransactionWindow::recentStats), when
    // given, must agree before a window rule flags a dimension: its recent transactions pass the rule's bar too.
    DetectionResult detect(const std::vector<DimensionStats>& stats, const std::vector<DimensionStats>& cycleStats,
                           const std::vector<DimensionStats>& recentStats, TimeMs nowMs);
    DetectionResult detect(const std::vector<DimensionStats>& stats, const std::vector<DimensionStats>& cycleStats,
                           TimeMs nowMs)
    {
        return detect(stats, cycleStats, {}, nowMs);
    }
    DetectionResult detect(const std::vector<DimensionStats>& stats, TimeMs nowMs) { return detect(stats, {}, nowMs); }

    const std::map<std::string, DimensionBaselines>& baselines() const { return m_baselines; }
    const std::map<std::string, CycleBaselines>& cycleBaselines() const { return m_cycleBaselines; }
    const std::map<std::string, Anomaly>& active() const { return m_active; }
    // How the agent's own interventions scale each dimension's traffic from the next cycle on (a suppressed issuer
    // keeps a tenth, a rerouted method none): keys absent are unscaled. The traffic test expects that much less.
    void setTrafficScale(std::map<std::string, double> scale) { m_trafficScale = std::move(scale); }
    // The slow-tail bar of a dimension for the next cycle (slow_tail_factor x its usual p95), 0 while there is
    // none: its p95 baseline is warming up, or the rule is off. The runtime hands it to the transaction window.
    std::uint32_t slowBarMs(const std::string& key) const;

    nlohmann::json saveState() const;
    Status restoreState(const nlohmann::json& state);

private:
    struct Flag {
        Pattern pattern;
        double severity;
        Evidence evidence;
    };
    // One dimension's cycle figures scored against their baselines (before those learn from them).
    struct CycleScore {
        const DimensionStats* stats = nullptr;
        bool scored = false;
        double successZ = 0, retriesZ = 0; // positive = harmful (success down, retries up)
        double successMean = 0, successStd = 0, retriesMean = 0, retriesStd = 0;
        double usualFailureShare = -1; // 1 - the success baseline's mean once it has a few cycles (-1: not yet)
    };
    // `recentWindow`: the dimension's figures over the recent window, when the caller gave them (an empty row when
    // it had no transactions then).
    std::vector<Flag> evaluate(const DimensionStats& s, const DimensionBaselines& b, const DimensionSeries* series,
                               const CycleScore& cycle, const DimensionStats* recentWindow,
                               DimensionScore& score) const;
    std::vector<Flag> seriesFlags(const DimensionStats& s, const DimensionSeries& series) const;
    void updateSeries(DimensionSeries& series, const DimensionStats& cycle, TimeMs nowMs);
    bool codeFlagged(const DimensionSeries& series) const; // the last row's failure-code mix passed its bar
    bool slowFlagged(const DimensionSeries& series) const; // the slow tail is flagged (slowOpen, rule on)
    // Whether last cycle's anomaly on this dimension had its own evidence on `metric`.
    bool flaggedLastCycle(const std::string& key, const std::string& metric) const;
    std::optional<Phrase> failureShareRule(const DimensionStats& s, const DimensionStats* recentWindow,
                                           double bar) const;
    void scoreCodes(DimensionSeries& series, const DimensionSeries::Age& fresh);
    // This cycle's count of transactions (0 without a row) against the usual count, scaled by how the rest of the
    // feed moved (othersRatio) and by the agent's interventions on the dimension.
    void scoreTraffic(DimensionSeries& series, const std::string& key, std::uint32_t observed,
                      double othersRatio) const;
    // Keeps the cycle's issuer x method paths: spillover asks them about a code found on this cycle and the next.
    void keepPaths(const std::vector<DimensionStats>& cycleStats);
    void scoreSlowTail(DimensionSeries& series, const DimensionSeries::Age& fresh) const;
    void rememberRow(DimensionSeries& series, const DimensionSeries::Age& fresh) const;
    CycleScore scoreCycle(const DimensionStats* cycle) const;
    bool usesLikelihood() const { return m_config.method == "likelihood"; }
    DimensionSeries& seriesOf(const std::string& key);
    // Who reports a retry storm or latency spike (its index in `stats`; stats.size(): each dimension its own). Every
    // issuer and method carries every other's transactions, so the pattern shown on global and on the other kind of
    // dimension can be one dimension's. With global showing it, global's cycle mean tells whose (attributedOwner);
    // where it cannot: an issuer's when it is the only issuer showing it, a method's when it is the only method and
    // at least two issuers show it too (or global does not). Otherwise global's, and global's until that anomaly
    // clears; an issuer or method owner keeps it on the terms in ownerOf's body. Path counts cannot tell this for a
    // slow tail or a window's p95 as they do for a cycle's mean (spillover.h).
    std::size_t ownerOf(Pattern p, const std::vector<DimensionStats>& stats,
                        const std::vector<std::vector<Flag>>& flags, const std::vector<CycleScore>& cycles,
                        std::size_t globalIndex) const;
    // A latency spike (retry storm) on global with its cycle's mean latency (retries) clearly beyond usual (method
    // likelihood): the flagged issuer (else method) without whose transactions global's mean is usual; global when
    // none is; empty when the figures cannot tell (no series yet, or global's mean not clearly beyond).
    std::optional<std::size_t> attributedOwner(Pattern p, const std::vector<DimensionStats>& stats,
                                               const std::vector<CycleScore>& cycles, std::size_t globalIndex,
                                               const std::vector<std::size_t>& issuers,
                                               const std::vector<std::size_t>& methods) const;
    double confidenceOf(const DimensionStats& s, double maxAbsZ) const;
    // 0.3 x the sample (failures against confidence_sample_failures) + 0.4 x the commonest code's share + 0.3 x the
    // deviation (with the config's weights).
    double confidenceFrom(double failures, double codes, double maxAbsZ) const;
    SeverityClass classOf(double severity) const;

    static void forgetSlowTail(DimensionSeries& series);

    DetectorConfig m_config;
    std::map<std::string, DimensionBaselines> m_baselines;
    std::map<std::string, CycleBaselines> m_cycleBaselines; // issuers, methods and global only
    std::map<std::string, Anomaly> m_active;
    std::map<std::string, DimensionSeries> m_series; // issuers, methods and global only
    std::int64_t m_nextId = 1;
    std::vector<DimensionStats> m_previousPaths; // the last cycle's path rows (cycleStats)
    std::vector<CodeCount> m_scratchCodes;       // reused by updateSeries, so a cycle allocates nothing for it
    std::map<std::string, double> m_trafficScale;
};

} // namespace payops
