#pragma once
// The detector core (detect::StreamDetector) applied to one of a dimension's per-cycle series: each cycle is
// one row. Each metric is watched in the direction that hurts (success and volume down; latency and retries
// up). The core raises an alarm at the onset; the episode then stays open while the metric remains outside the
// band the core expected it in before the onset, so an outage that lasts twenty cycles is one anomaly for twenty
// cycles rather than an alarm followed by silence once the new level looks familiar.

#include "detect/stream_detector.h"

#include <cmath>
#include <cstdint>
#include <nlohmann/json_fwd.hpp>

namespace payops {

enum class Direction { Down, Up };

// How a row's figure was sampled. A cycle's success rate or mean is taken over its transactions, so a row of fewer
// transactions than the series usually has is noisier than the typical error the core learned, and a success
// rate's lower tail is a binomial one: with rare failures it reaches much further than a Gaussian's (at 35
// transactions and 9 % failures, a cycle 4 Gaussian sigmas below the usual rate comes about once in 1 300 cycles,
// not once in 30 000).
struct RowSampling {
    // How much noisier a row of `count` transactions is than one of the usual count: never below 1, since part of
    // a typical error is the paths' drift, which more transactions do not average away.
    static double widenFor(double usualCount, double count)
    {
        return count > 0 && usualCount > count ? std::sqrt(usualCount / count) : 1.0;
    }

    double widen = 1.0;         // the typical error at this row's size, in typical errors (>= 1)
    std::uint32_t tx = 0;       // for a success rate: the row's transactions (0: the figure is not a share)
    std::uint32_t failures = 0; // and its failures
};

struct MetricEpisode {
    bool open = false;
    double reference = 0; // what the metric was expected to be when the episode opened
    // The reference this row was judged against: the reference follows the value after the test, and the evidence
    // must show what the decision used.
    double judged = 0;
    double sigma = 0; // the core's typical error then
    // The spread this row was judged with: while the episode is closed (and on the row that opens it), the typical
    // error at this row's size and, for a success rate that could open an episode, stretched as far as its
    // binomial tail reaches beyond the Gaussian one at this distance; while it is open, the episode's sigma.
    double spread = 0;
    double score = 0; // the core's score this cycle (0 when the change is not in the harmful direction)
    // The score of the row it opened on. A held row's own score says little: the core's expectation has followed the
    // incident, so a row still far below the reference can score 0 (its evidence read "likelihood 0.00").
    double openingScore = 0; // NaN when unknown (an episode restored from a checkpoint that did not keep it)
    bool held = false;       // open before this row as well (set by every update, so not saved)
    double expected = 0;     // the core's expectation this cycle
    double z = 0;            // this cycle's signed error from the core's expectation (not the reference) in the row's
                             // spread, positive = harmful; the binomial shape is applied only to a row that could open
                             // an episode, which is what z decides
    double typical = 0;      // the core's typical error this cycle (0 while it has none)
    double value = 0;        // the last value scored
    // What this row's distance was measured from: the core's expectation, or the reference while the episode was open
    // (also on the row that closes it). With `spread`, the band a chart shows. Set by every update, so not saved.
    double centre = 0;
};

class MetricLikelihood {
public:
    MetricLikelihood(Direction direction, const detect::DetectorParams& params) : m_direction(direction), m_core(params)
    {
    }

    // An episode opens when, within a few cycles of a harmful alarm, the value is holdSigmas typical errors beyond
    // what the core expected; it stays open while the value remains that far beyond the reference (the
    // expectation at the onset), which follows the value at referenceRate so a lasting change is accepted
    // eventually. The alarm says the stream changed; the distance says the change matters now. Distances are
    // measured in the row's own spread (RowSampling).
    const MetricEpisode& update(double timeSeconds, double value, double holdSigmas, double referenceRate,
                                const RowSampling& sampling = {});
    const MetricEpisode& episode() const { return m_episode; }
    // New core parameters: the core starts afresh (it warms up again), an open episode stays open against its
    // reference, so a config change does not end an incident.
    void resetCore(const detect::DetectorParams& params) { m_core = detect::StreamDetector(params); }

    nlohmann::json saveState() const;
    bool restoreState(const nlohmann::json& state);

private:
    Direction m_direction;
    detect::StreamDetector m_core;
    MetricEpisode m_episode;
    int m_armed = 0; // rows left in which an alarm may still open an episode
};

} // namespace payops
