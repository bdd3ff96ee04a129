#pragma once
// Exponentially weighted mean and variance of one metric of one dimension.
// The current window is scored against the baseline BEFORE the baseline learns from it: updating first pulls
// the mean towards the outlier and caps z at sqrt((1-a)/a) = 2 for a = 0.2 (the Python original's 2.236 with its
// variance formula), so a real incident could barely reach the threshold.

#include <algorithm>
#include <cmath>

namespace payops {

struct EwmaBaseline {
    double mean = 0.0;
    double variance = 0.0;
    int samples = 0;

    double stddev(double floor) const { return std::max(floor, std::sqrt(variance)); }
    // Signed deviation in standard deviations (positive = above the baseline).
    double z(double x, double floor) const { return samples == 0 ? 0.0 : (x - mean) / stddev(floor); }

    // alpha is the learning rate for this sample (the configured alpha, scaled down while anomalous).
    void update(double x, double alpha)
    {
        if (samples == 0) {
            mean = x; // the first sample sets the mean
            variance = 0.0;
        } else if (alpha > 0.0) {
            const double newMean = mean + alpha * (x - mean);
            variance = alpha * (x - newMean) * (x - newMean) + (1.0 - alpha) * variance;
            mean = newMean;
        }
        ++samples;
    }

    // The same, with x first pulled to within `limit` standard deviations of the mean. One outlying sample (the
    // first cycle of an incident that has not yet crossed the bar) would otherwise widen the spread so much that
    // the cycles after it no longer stand out.
    void updateClamped(double x, double alpha, double floor, double limit)
    {
        if (samples > 0 && limit > 0) {
            const double reach = limit * stddev(floor);
            x = std::clamp(x, mean - reach, mean + reach);
        }
        update(x, alpha);
    }
};

} // namespace payops
