#pragma once
// Latency counts in 16 steps per power of two (exact below 16 ms; above, relative error under 6.25 %, reported as
// the bin's lower bound), 2 KB. The recent window keeps one per dimension and cycle and adds them up, so it must be
// small and cheap to add to: LatencyHistogram (exact to the millisecond below 1 s, 7 KB) is the window's.

#include "stream/log_linear_bins.h"

#include <array>
#include <cstdint>

namespace payops {

class CoarseLatencyHistogram {
    using Layout = LogLinearBins<4, 4>; // exact below 16 ms, then 16 bins per power of two

public:
    void add(std::uint32_t latencyMs)
    {
        const std::uint32_t bin = Layout::binOf(latencyMs);
        ++m_bins[bin];
        ++m_groups[bin / kSteps];
        ++m_count;
    }
    // Adds (sign +1) or takes away (-1) another histogram's counts; taking away more than was added is the
    // caller's error.
    void merge(const CoarseLatencyHistogram& other, int sign);
    std::uint32_t count() const { return m_count; }
    // Nearest-rank percentile (q in (0, 1]), as the lower bound of the bin that holds it, so never above the exact
    // one: the window rules' gate it serves must not pass on the histogram's rounding. 0 when empty.
    std::uint32_t percentile(double q) const;

private:
    static constexpr std::uint32_t kSteps = Layout::kSteps;
    static constexpr std::uint32_t kBins = Layout::kBins;
    static constexpr std::uint32_t kGroups = kBins / kSteps;

    std::array<std::uint32_t, kBins> m_bins{};
    std::array<std::uint32_t, kGroups> m_groups{}; // the bins' counts by group of kSteps, so a percentile scans ~45
    std::uint32_t m_count = 0;
};

} // namespace payops
