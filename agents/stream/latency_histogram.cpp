#include "latency_histogram.h"

#include <bit>
#include <cmath>

namespace payops {

std::uint32_t LatencyHistogram::binOf(std::uint32_t v)
{
    if (v < kExactLimit)
        return v;
    const std::uint32_t octave = 31u - static_cast<std::uint32_t>(std::countl_zero(v)); // >= 12
    const std::uint32_t sub = (v >> (octave - 4)) & (kSubBuckets - 1);
    return kExactLimit + (octave - 12) * kSubBuckets + sub;
}

std::uint32_t LatencyHistogram::upperBoundOf(std::uint32_t bin)
{
    if (bin < kExactLimit)
        return bin;
    const std::uint32_t octave = 12 + (bin - kExactLimit) / kSubBuckets;
    const std::uint32_t sub = (bin - kExactLimit) % kSubBuckets;
    const std::uint64_t base = std::uint64_t{1} << octave;
    const std::uint64_t step = base / kSubBuckets;
    const std::uint64_t upper = base + (sub + 1) * step - 1;
    return upper > 0xFFFFFFFFu ? 0xFFFFFFFFu : static_cast<std::uint32_t>(upper);
}

void LatencyHistogram::adjust(std::uint32_t latencyMs, int delta)
{
    const std::uint32_t bin = binOf(latencyMs);
    m_bins[bin] += static_cast<std::uint32_t>(delta);
    m_coarse[bin / kCoarseWidth] += static_cast<std::uint32_t>(delta);
    m_count += static_cast<std::uint32_t>(delta);
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
