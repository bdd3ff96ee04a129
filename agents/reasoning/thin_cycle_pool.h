#pragma once
// A cycle with too few transactions to score says little on its own (three of four failing is noise), but a
// dimension that keeps such a trickle, an issuer the agent rerouted or a quiet method, still has something to
// say over several cycles. The anomaly detector pools thin cycles until they hold enough transactions and scores
// the pool as one row: an outage that strikes a rerouted issuer shows within a few cycles instead of waiting for
// the five-minute window to fill with it.

#include "stream/dimension_stats.h"

namespace payops {

struct ThinCyclePool {
    // The pooled figures: counts, the means (latency, retries, share retrying a lot) and the failure codes.
    // Percentiles cannot be pooled from cycle figures and stay 0, as they are in cycle figures.
    DimensionStats stats;
    int cycles = 0;

    void add(const DimensionStats& cycle);
};

} // namespace payops
