#pragma once
// Latency counts that support add, remove and percentile queries in constant time, so the window's p95/p99
// cost does not grow with the number of transactions in it. Exact to the millisecond below 4096 ms; above,
// 16 sub-buckets per power of two (relative error < 6.25 %, reported as the bucket's upper bound).

#include <array>
#include <cstdint>

namespace payops {

class LatencyHistogram {
public:
    static constexpr std::uint32_t kExactLimit = 4096;
    static constexpr std::uint32_t kCoarseWidth = 64;

    void add(std::uint32_t latencyMs) { adjust(latencyMs, +1); }
    void remove(std::uint32_t latencyMs) { adjust(latencyMs, -1); }
    std::uint32_t count() const { return m_count; }
    // Nearest-rank percentile (q in (0, 1]): the smallest latency with at least ceil(q * n) values <= it.
    std::uint32_t percentile(double q) const;
    void clear();

private:
    static constexpr std::uint32_t kOverflowOctaves = 20; // 2^12 .. 2^32
    static constexpr std::uint32_t kSubBuckets = 16;
    static constexpr std::uint32_t kBins = kExactLimit + kOverflowOctaves * kSubBuckets;
    static constexpr std::uint32_t kCoarseBins = (kBins + kCoarseWidth - 1) / kCoarseWidth;

    static std::uint32_t binOf(std::uint32_t latencyMs);
    static std::uint32_t upperBoundOf(std::uint32_t bin);
    void adjust(std::uint32_t latencyMs, int delta);

    std::array<std::uint32_t, kBins> m_bins{};
    std::array<std::uint32_t, kCoarseBins> m_coarse{};
    std::uint32_t m_count = 0;
};

} // namespace payops
