#pragma once
// The detector core (detect::StreamDetector) applied to one dimension's per-cycle series: success rate, p95
// latency and mean retries. Each metric is watched in the direction that hurts (success down, latency and
// retries up). The core raises an alarm at the onset; the episode then stays open while the metric remains
// outside the band it was expected in before the onset, so an outage that lasts twenty cycles is one anomaly
// for twenty cycles rather than an alarm followed by silence once the new level looks familiar.

#include "detect/stream_detector.h"

#include <nlohmann/json_fwd.hpp>

namespace payops {

enum class Direction { Down, Up };

struct MetricEpisode {
    bool open = false;
    double reference = 0; // what the metric was expected to be when the episode opened
    double sigma = 0;     // its typical error then
    double score = 0;     // the core's score this cycle
    double expected = 0;  // the core's expectation this cycle
};

class MetricLikelihood {
public:
    MetricLikelihood(Direction direction, const detect::DetectorParams& params) : m_direction(direction), m_core(params)
    {
    }

    // The core says something changed; the EWMA baseline (mean, spread) says whether it matters. An episode opens
    // when, within armRows of a harmful alarm, the metric is holdSigmas spreads beyond the baseline mean; it stays
    // open while it remains that far beyond the reference (the baseline mean at the onset), which follows the
    // metric at referenceRate so a lasting change is accepted eventually. The spread is the larger of the
    // baseline's and the core's typical error: a window statistic moves little from cycle to cycle, so the
    // core's band alone would hold episodes open on ordinary drift.
    const MetricEpisode& update(double timeSeconds, double value, double baselineMean, double baselineSpread,
                                double holdSigmas, double referenceRate);
    const MetricEpisode& episode() const { return m_episode; }

    nlohmann::json saveState() const;
    bool restoreState(const nlohmann::json& state);

private:
    Direction m_direction;
    detect::StreamDetector m_core;
    MetricEpisode m_episode;
    int m_armed = 0; // rows left in which an alarm may still open an episode
};

struct DimensionLikelihood {
    explicit DimensionLikelihood(const detect::DetectorParams& params)
        : success(Direction::Down, params), p95LatencyMs(Direction::Up, params), meanRetries(Direction::Up, params)
    {
    }
    MetricLikelihood success, p95LatencyMs, meanRetries;
};

} // namespace payops
