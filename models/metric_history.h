#pragma once
// The recent history of every issuer, method and the whole system, one point per cycle: the window's metrics and
// the EWMA baselines they were scored against, plus markers for anomalies and interventions. Bounded by a
// retention time (24 h of simulated time by default), so memory stays flat however long the console runs: the
// last hour keeps every cycle, older data one point per minute (a 24 h chart has ~1 500 pixels to show it on).

#include "runtime/cycle_snapshot.h"

#include <algorithm>
#include <cstdint>
#include <deque>
#include <iterator>
#include <string>
#include <unordered_map>
#include <vector>

namespace payops {

// The first four are the five-minute window's figures with their EWMA baselines. SlowShare: the share of the cycle's
// own transactions slower than the dimension's slow-tail bar (what the runtime's slow-tail test judges); the system's
// is its issuers' together; cycles without a bar have none. The Cycle metrics are the cycle's own figures as the
// detector judged them (DimensionScore::cycle), with the band it held them against: what raises and clears anomalies,
// where the window trails by minutes.
enum class Metric : std::uint8_t {
    SuccessRate,
    P95Latency,
    MeanRetries,
    Volume,
    SlowShare,
    CycleSuccessRate,
    CycleMeanLatency,
    CycleMeanRetries
};
constexpr int kMetricCount = 8;

// Each cycle metric: the detector's figure it charts, and the window's figure that stands in where a source sends no
// figures of single cycles (the window keeps no mean latency: its p95 is the latency it charts).
struct CycleFigureMetric {
    Metric metric;
    DimensionScore::CycleMetric figure;
    Metric window;
};
inline constexpr CycleFigureMetric kCycleFigureMetrics[] = {
    {Metric::CycleSuccessRate, DimensionScore::CycleSuccess, Metric::SuccessRate},
    {Metric::CycleMeanLatency, DimensionScore::CycleLatency, Metric::P95Latency},
    {Metric::CycleMeanRetries, DimensionScore::CycleRetries, Metric::MeanRetries}};

// A cycle metric, or a window one?
constexpr bool isCycleFigure(Metric m)
{
    return std::any_of(std::begin(kCycleFigureMetrics), std::end(kCycleFigureMetrics),
                       [m](const CycleFigureMetric& c) { return c.metric == m; });
}

// The window's figure for a cycle's own one (itself for the others).
constexpr Metric windowCounterpart(Metric m)
{
    for (const CycleFigureMetric& c : kCycleFigureMetrics)
        if (c.metric == m)
            return c.window;
    return m;
}

struct MetricPoint {
    TimeMs timeMs = 0;
    // NaN: the cycle has no such figure (SlowShare and the cycle metrics; the window's rates of a cycle without
    // traffic in the window, whose volume is 0).
    float value[kMetricCount] = {};
    float baselineMean[kMetricCount] = {}; // Volume has no band in the runtime's scores: mean = std = 0
    // For the cycle metrics the band's half width itself, not a standard deviation (the detector's own multiple of
    // the spread it judged with).
    float baselineStd[kMetricCount] = {};
    bool scored = false; // baselines past warm-up
    bool anomalous = false;
    std::uint32_t slowTested = 0; // transactions behind the slow share: its band is their binomial quantiles
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
    // A global intervention's marker is drawn on every dimension's chart (it changes all traffic); an anomaly's only
    // on its own.
    bool onEveryChart = true;
};

class MetricHistory {
public:
    explicit MetricHistory(TimeMs retentionMs = 24LL * 3600 * 1000, TimeMs fullResolutionMs = 3600LL * 1000,
                           TimeMs coarseStepMs = 60LL * 1000);

    void append(const CycleSnapshot& snapshot);
    void clear();

    // Points with from <= time <= to, oldest first (thinned to one per coarseStep before the last hour).
    std::vector<MetricPoint> points(const std::string& dimension, TimeMs fromMs, TimeMs toMs) const;
    // The newest n points (sparklines).
    std::vector<MetricPoint> tail(const std::string& dimension, std::size_t n) const;
    std::vector<ChartMarker> markers(const std::string& dimension, TimeMs fromMs, TimeMs toMs) const;
    TimeMs latestMs() const { return m_latestMs; }
    TimeMs retentionMs() const { return m_retentionMs; }
    std::size_t pointCount() const; // all series together (for the memory benchmark)

    // Which dimension an intervention target refers to: "issuer:HDFC" -> itself, "system" -> "global".
    static std::string dimensionOfTarget(const std::string& target);

private:
    void prune();

    struct Series {
        std::deque<MetricPoint> coarse; // older than the full-resolution span, one per coarse step
        std::deque<MetricPoint> fine;   // every cycle of the full-resolution span
    };
    TimeMs m_retentionMs;
    TimeMs m_fullResolutionMs;
    TimeMs m_coarseStepMs;
    TimeMs m_latestMs = 0;
    std::unordered_map<std::string, Series> m_series;
    void addMarker(ChartMarker marker);
    // Per dimension, in time order: a chart looks up its own and the system-wide ones by binary search, so the
    // cost of a redraw does not grow with the number of issuers or the length of the run.
    std::unordered_map<std::string, std::deque<ChartMarker>> m_markers;
};

const char* metricName(Metric m); // success_rate, p95_latency_ms, mean_retries, volume, slow_share

} // namespace payops
