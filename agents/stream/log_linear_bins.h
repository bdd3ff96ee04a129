#pragma once
// The bin layout both latency histograms use (LatencyHistogram, CoarseLatencyHistogram): one bin per millisecond
// below 2^ExactBits, then 2^StepBits bins per power of two, each covering an equal slice of its octave.

#include <bit>
#include <cstdint>

namespace payops {

template <std::uint32_t ExactBits, std::uint32_t StepBits> struct LogLinearBins {
    static_assert(StepBits <= ExactBits, "a step must be at least a millisecond");
    static constexpr std::uint32_t kExact = 1u << ExactBits; // values below this have a bin each
    static constexpr std::uint32_t kSteps = 1u << StepBits;  // bins per power of two above it
    // Bins for every 32-bit value.
    static constexpr std::uint32_t kBins = kExact + (32 - ExactBits) * kSteps;

    static constexpr std::uint32_t binOf(std::uint32_t v)
    {
        if (v < kExact)
            return v;
        const std::uint32_t octave = 31u - static_cast<std::uint32_t>(std::countl_zero(v)); // >= ExactBits
        return kExact + (octave - ExactBits) * kSteps + ((v >> (octave - StepBits)) & (kSteps - 1));
    }
    // The smallest value in `bin`.
    static constexpr std::uint64_t lowerBoundOf(std::uint32_t bin)
    {
        if (bin < kExact)
            return bin;
        const std::uint32_t octave = ExactBits + (bin - kExact) / kSteps;
        const std::uint64_t base = std::uint64_t{1} << octave;
        return base + (bin - kExact) % kSteps * (base / kSteps);
    }
    // The largest value in `bin`.
    static constexpr std::uint32_t upperBoundOf(std::uint32_t bin)
    {
        const std::uint64_t next = lowerBoundOf(bin + 1) - 1;
        return next > 0xFFFFFFFFu ? 0xFFFFFFFFu : static_cast<std::uint32_t>(next);
    }
};

} // namespace payops
