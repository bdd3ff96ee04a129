#include "slow_share_band.h"

#include "detect/gaussian_tail.h"

#include <algorithm>
#include <cmath>

namespace payops {

namespace {
// Counts k with P(X < k) < alpha <= P(X <= k) (low) and P(X > k) < alpha <= P(X >= k) (high), for p <= 0.5.
std::pair<std::uint32_t, std::uint32_t> quantiles(double p, std::uint32_t n, double alpha)
{
    // P(X = 0) = (1 - p)^n stays above 1e-130 while n p (1 - p) <= 100 and p <= 0.5: no underflow.
    double pmf = std::exp(n * std::log1p(-p));
    const double odds = p / (1 - p);
    double below = 0; // P(X < k)
    std::uint32_t low = 0;
    bool lowFound = false;
    for (std::uint32_t k = 0; k < n; ++k) {
        if (!lowFound && below + pmf >= alpha) {
            low = k;
            lowFound = true;
        }
        below += pmf;
        if (1 - below < alpha) // P(X > k)
            return {low, k};
        pmf *= static_cast<double>(n - k) / (k + 1.0) * odds;
    }
    return {lowFound ? low : n, n};
}
} // namespace

std::pair<double, double> slowShareBand(double usualShare, std::uint32_t tested, double z)
{
    const double p = std::clamp(usualShare, 0.0, 1.0);
    if (tested == 0 || p == 0 || p == 1)
        return {p, p};
    const double n = tested;
    const double variance = n * p * (1 - p);
    if (variance > 100) {
        const double w = z * std::sqrt(variance) / n;
        return {std::max(0.0, p - w), std::min(1.0, p + w)};
    }
    const double alpha = detect::upperTail(z);
    if (p > 0.5) { // counted from the other side, where the first terms cannot underflow
        const auto [low, high] = quantiles(1 - p, tested, alpha);
        return {1 - high / n, 1 - low / n};
    }
    const auto [low, high] = quantiles(p, tested, alpha);
    return {low / n, high / n};
}

} // namespace payops
