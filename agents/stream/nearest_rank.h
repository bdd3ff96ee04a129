#pragma once
// The nearest-rank percentile's bin in a histogram of latency counts that also keeps its bins' counts summed per run
// of bins (LatencyHistogram, CoarseLatencyHistogram): the runs are scanned first, then the bins of the one that
// holds the rank, so a percentile reads about (runs + run width) counts rather than every bin.

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace payops {

// The bin holding the smallest value with at least ceil(q * count) of the `count` values (q in (0, 1], count > 0)
// at or below it. `runs[r]` is the sum of bins [r * width, (r + 1) * width), the last run possibly shorter.
template <class Bins, class Runs>
std::uint32_t nearestRankBin(const Bins& bins, const Runs& runs, std::uint32_t width, std::uint32_t count, double q)
{
    auto rank = static_cast<std::uint32_t>(std::ceil(q * count));
    rank = rank == 0 ? 1 : (rank > count ? count : rank);
    const auto binCount = static_cast<std::uint32_t>(bins.size());
    std::uint32_t seen = 0;
    for (std::uint32_t r = 0; r < runs.size(); ++r) {
        if (seen + runs[r] < rank) {
            seen += runs[r];
            continue;
        }
        const std::uint32_t end = std::min((r + 1) * width, binCount);
        for (std::uint32_t b = r * width; b < end; ++b) {
            seen += bins[b];
            if (seen >= rank)
                return b;
        }
    }
    return binCount - 1;
}

} // namespace payops
