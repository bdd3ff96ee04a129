#pragma once
// Turns one window's per-dimension statistics into anomalies: scores each metric against its EWMA baseline
// (before the baseline learns from this window), applies the four pattern rules, merges everything flagged on
// one dimension into one anomaly, and then updates the baselines (skipping or down-weighting while anomalous,
// so an incident does not become the new normal).

#include "config/agent_config.h"
#include "core/result.h"
#include "reasoning/anomaly.h"
#include "reasoning/ewma_baseline.h"
#include "reasoning/likelihood_series.h"
#include "stream/dimension_stats.h"

#include <map>
#include <nlohmann/json_fwd.hpp>
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
    // The detector core's scores in [0, 1] (method "likelihood"; 0 in the harmful direction's absence).
    double successScore = 0, p95LatencyScore = 0, meanRetriesScore = 0;
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

    // `cycleStats` holds the figures of this cycle's transactions alone (TransactionWindow::takeCycleStats) for
    // the cycle rules; without them only the window is scored.
    DetectionResult detect(const std::vector<DimensionStats>& stats, const std::vector<DimensionStats>& cycleStats,
                           TimeMs nowMs);
    DetectionResult detect(const std::vector<DimensionStats>& stats, TimeMs nowMs) { return detect(stats, {}, nowMs); }

    const std::map<std::string, DimensionBaselines>& baselines() const { return m_baselines; }
    const std::map<std::string, CycleBaselines>& cycleBaselines() const { return m_cycleBaselines; }
    const std::map<std::string, Anomaly>& active() const { return m_active; }

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
    };
    std::vector<Flag> evaluate(const DimensionStats& s, const DimensionBaselines& b, const DimensionLikelihood* lk,
                               const CycleScore& cycle, DimensionScore& score) const;
    CycleScore scoreCycle(const DimensionStats* cycle) const;
    bool usesLikelihood() const { return m_config.method == "likelihood"; }
    detect::DetectorParams likelihoodParams() const;
    DimensionLikelihood& likelihoodOf(const std::string& key);
    double confidenceOf(const DimensionStats& s, double maxAbsZ) const;
    SeverityClass classOf(double severity) const;

    DetectorConfig m_config;
    std::map<std::string, DimensionBaselines> m_baselines;
    std::map<std::string, CycleBaselines> m_cycleBaselines; // issuers, methods and global only
    std::map<std::string, Anomaly> m_active;
    std::map<std::string, DimensionLikelihood> m_likelihood; // issuers, methods and global only
    std::int64_t m_nextId = 1;
};

} // namespace payops
