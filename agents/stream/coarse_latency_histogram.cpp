#include "coarse_latency_histogram.h"

#include "stream/nearest_rank.h"

namespace payops {

void CoarseLatencyHistogram::merge(const CoarseLatencyHistogram& other, int sign)
{
    if (other.m_count == 0)
        return;
    const auto d = static_cast<std::uint32_t>(sign); // wraps for -1: unsigned subtraction
    for (std::uint32_t g = 0; g < kGroups; ++g) {
        if (other.m_groups[g] == 0)
            continue;
        m_groups[g] += d * other.m_groups[g];
        for (std::uint32_t b = g * kSteps; b < (g + 1) * kSteps; ++b)
            m_bins[b] += d * other.m_bins[b];
    }
    m_count += d * other.m_count;
}

std::uint32_t CoarseLatencyHistogram::percentile(double q) const
{
    return m_count == 0
               ? 0
               : static_cast<std::uint32_t>(Layout::lowerBoundOf(nearestRankBin(m_bins, m_groups, kSteps, m_count, q)));
}

} // namespace payops
