#include "latency_histogram.h"

#include "stream/nearest_rank.h"

#include <bit>

namespace payops {

std::uint32_t LatencyHistogram::upperBoundOf(std::uint32_t bin)
{
    if (bin < kExactLimit)
        return bin;
    const std::uint32_t octave = 10 + (bin - kExactLimit) / kSubBuckets;
    const std::uint32_t sub = (bin - kExactLimit) % kSubBuckets;
    const std::uint64_t base = std::uint64_t{1} << octave;
    const std::uint64_t step = base / kSubBuckets;
    const std::uint64_t upper = base + (sub + 1) * step - 1;
    return upper > 0xFFFFFFFFu ? 0xFFFFFFFFu : static_cast<std::uint32_t>(upper);
}

std::uint32_t LatencyHistogram::percentile(double q) const
{
    return m_count == 0 ? 0 : upperBoundOf(nearestRankBin(m_bins, m_coarse, kCoarseWidth, m_count, q));
}

void LatencyHistogram::clear()
{
    m_bins.fill(0);
    m_coarse.fill(0);
    m_count = 0;
}

} // namespace payops
