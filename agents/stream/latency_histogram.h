#pragma once
// Latency counts that support add, remove and percentile queries in constant time, so the window's p95/p99
// cost does not grow with the number of transactions in it. Exact to the millisecond below 1024 ms; above,
// 32 sub-buckets per power of two (relative error < 3.2 %, reported as the bucket's upper bound). Small on
// purpose (7 KB): the window keeps one per dimension and updates eight per transaction, so they must stay in L2.

#include "stream/log_linear_bins.h"

#include <array>
#include <cstdint>

namespace payops {

class LatencyHistogram {
    using Layout = LogLinearBins<10, 5>; // exact below 1024 ms, then 32 bins per power of two

public:
    static constexpr std::uint32_t kExactLimit = Layout::kExact;
    static constexpr std::uint32_t kCoarseWidth = 64;

    void add(std::uint32_t latencyMs) { adjust(latencyMs, +1); }
    void remove(std::uint32_t latencyMs) { adjust(latencyMs, -1); }
    // delta is +1 or -1; inline because the window calls it eight times per transaction.
    void adjust(std::uint32_t latencyMs, int delta)
    {
        const std::uint32_t bin = Layout::binOf(latencyMs);
        const auto d = static_cast<std::uint32_t>(delta);
        m_bins[bin] += d;
        m_coarse[bin / kCoarseWidth] += d;
        m_count += d;
    }
    std::uint32_t count() const { return m_count; }
    // Nearest-rank percentile (q in (0, 1]): the smallest latency with at least ceil(q * n) values <= it.
    std::uint32_t percentile(double q) const;
    void clear();

private:
    static constexpr std::uint32_t kBins = Layout::kBins;
    static constexpr std::uint32_t kCoarseBins = (kBins + kCoarseWidth - 1) / kCoarseWidth;

    std::array<std::uint32_t, kBins> m_bins{};
    std::array<std::uint32_t, kCoarseBins> m_coarse{};
    std::uint32_t m_count = 0;
};

} // namespace payops
