#pragma once
// Latency counts that support add, remove and percentile queries in constant time, so the window's p95/p99
// cost does not grow with the number of transactions in it. Exact to the millisecond below 1024 ms; above,
// 32 sub-buckets per power of two (relative error < 3.2 %, reported as the bucket's upper bound). Small on
// purpose (7 KB): the window keeps one per dimension and updates eight per transaction, so they must stay in L2.

#include <array>
#include <bit>
#include <cstdint>

namespace payops {

class LatencyHistogram {
public:
    static constexpr std::uint32_t kExactLimit = 1024;
    static constexpr std::uint32_t kCoarseWidth = 64;

    void add(std::uint32_t latencyMs) { adjust(latencyMs, +1); }
    void remove(std::uint32_t latencyMs) { adjust(latencyMs, -1); }
    // delta is +1 or -1; inline because the window calls it eight times per transaction.
    void adjust(std::uint32_t latencyMs, int delta)
    {
        const std::uint32_t bin = binOf(latencyMs);
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
    static constexpr std::uint32_t kOverflowOctaves = 22; // 2^10 .. 2^32
    static constexpr std::uint32_t kSubBuckets = 32;
    static constexpr std::uint32_t kBins = kExactLimit + kOverflowOctaves * kSubBuckets;
    static constexpr std::uint32_t kCoarseBins = (kBins + kCoarseWidth - 1) / kCoarseWidth;

    static std::uint32_t binOf(std::uint32_t v)
    {
        if (v < kExactLimit)
            return v;
        const std::uint32_t octave = 31u - static_cast<std::uint32_t>(std::countl_zero(v)); // >= 10
        const std::uint32_t sub = (v >> (octave - 5)) & (kSubBuckets - 1);
        return kExactLimit + (octave - 10) * kSubBuckets + sub;
    }
    static std::uint32_t upperBoundOf(std::uint32_t bin);

    std::array<std::uint32_t, kBins> m_bins{};
    std::array<std::uint32_t, kCoarseBins> m_coarse{};
    std::uint32_t m_count = 0;
};

} // namespace payops
