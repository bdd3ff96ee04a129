#pragma once
// The recent history of every issuer, method and the whole system, one point per cycle: the window's metrics and
// the EWMA baselines they were scored against, plus markers for anomalies and interventions. Bounded by a
// retention time (24 h of simulated time by default), so memory stays flat however long the console runs.

#include "runtime/cycle_snapshot.h"

#include <cstdint>
#include <deque>
#include <string>
#include <unordered_map>
#include <vector>

namespace payops {

enum class Metric : std::uint8_t { SuccessRate, P95Latency, MeanRetries, Volume };
constexpr int kMetricCount = 4;

struct MetricPoint {
    TimeMs timeMs = 0;
    float value[kMetricCount] = {};
    float baselineMean[kMetricCount] = {}; // Volume has no band in the runtime's scores: mean = std = 0
    float baselineStd[kMetricCount] = {};
    bool scored = false; // baselines past warm-up
    bool anomalous = false;
};

struct ChartMarker {
    enum class Kind : std::uint8_t {
        AnomalyStarted,
        AnomalyCleared,
        InterventionApplied,
        InterventionExpired,
        InterventionRolledBack
    };
    Kind kind = Kind::AnomalyStarted;
    TimeMs timeMs = 0;
    std::string dimension; // the dimension key it belongs to ("global" for system-wide actions)
    std::int64_t id = 0;   // anomaly or intervention id
    std::string label;     // "ISSUER_DEGRADATION (critical)", "suppress_path"
};

class MetricHistory {
public:
    explicit MetricHistory(TimeMs retentionMs = 24LL * 3600 * 1000);

    void append(const CycleSnapshot& snapshot);
    void clear();

    const std::deque<MetricPoint>& series(const std::string& dimension) const;
    std::vector<ChartMarker> markers(const std::string& dimension, TimeMs fromMs, TimeMs toMs) const;
    TimeMs latestMs() const { return m_latestMs; }
    TimeMs retentionMs() const { return m_retentionMs; }
    std::size_t pointCount() const; // all series together (for the memory benchmark)

    // Which dimension an intervention target refers to: "issuer:HDFC" -> itself, "system" -> "global".
    static std::string dimensionOfTarget(const std::string& target);

private:
    void prune();

    TimeMs m_retentionMs;
    TimeMs m_latestMs = 0;
    std::unordered_map<std::string, std::deque<MetricPoint>> m_series;
    void addMarker(ChartMarker marker);
    // Per dimension, in time order: a chart looks up its own and the system-wide ones by binary search, so the
    // cost of a redraw does not grow with the number of issuers or the length of the run.
    std::unordered_map<std::string, std::deque<ChartMarker>> m_markers;
};

const char* metricName(Metric m); // success_rate, p95_latency_ms, mean_retries, volume

} // namespace payops
