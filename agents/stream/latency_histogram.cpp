#include "latency_histogram.h"

#include "stream/nearest_rank.h"

namespace payops {

std::uint32_t LatencyHistogram::percentile(double q) const
{
    return m_count == 0 ? 0 : Layout::upperBoundOf(nearestRankBin(m_bins, m_coarse, kCoarseWidth, m_count, q));
}

void LatencyHistogram::clear()
{
    m_bins.fill(0);
    m_coarse.fill(0);
    m_count = 0;
}

} // namespace payops
