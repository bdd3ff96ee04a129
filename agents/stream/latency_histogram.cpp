#include "latency_histogram.h"

#include <bit>
#include <cmath>

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
    if (m_count == 0)
        return 0;
    auto rank = static_cast<std::uint32_t>(std::ceil(q * m_count));
    rank = rank == 0 ? 1 : (rank > m_count ? m_count : rank);
    std::uint32_t seen = 0;
    for (std::uint32_t c = 0; c < kCoarseBins; ++c) {
        if (seen + m_coarse[c] < rank) {
            seen += m_coarse[c];
            continue;
        }
        const std::uint32_t end = (c + 1) * kCoarseWidth < kBins ? (c + 1) * kCoarseWidth : kBins;
        for (std::uint32_t b = c * kCoarseWidth; b < end; ++b) {
            seen += m_bins[b];
            if (seen >= rank)
                return upperBoundOf(b);
        }
    }
    return upperBoundOf(kBins - 1);
}

void LatencyHistogram::clear()
{
    m_bins.fill(0);
    m_coarse.fill(0);
    m_count = 0;
}

} // namespace payops
