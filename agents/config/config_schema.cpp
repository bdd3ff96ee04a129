#include "config_schema.h"

#include <array>
#include <charconv>
#include <cmath>

namespace payops {

bool Range::contains(double v) const
{
    if (std::isnan(v))
        return false;
    const bool aboveMin = minExclusive ? v > min : v >= min;
    const bool belowMax = maxExclusive ? v < max : v <= max;
    return aboveMin && belowMax;
}

std::string Range::describe() const
{
    const bool hasMin = std::isfinite(min);
    const bool hasMax = std::isfinite(max);
    if (hasMin && hasMax)
        return "in " + std::string(minExclusive ? "(" : "[") + formatNumber(min) + ", " + formatNumber(max) +
               (maxExclusive ? ")" : "]");
    if (hasMin)
        return (minExclusive ? "> " : ">= ") + formatNumber(min);
    if (hasMax)
        return (maxExclusive ? "< " : "<= ") + formatNumber(max);
    return "a finite number";
}

std::string formatNumber(double v)
{
    // Whole numbers as people write them (2592000000, not the shorter 2.592e+09 to_chars would pick).
    if (std::isfinite(v) && v == std::floor(v) && std::abs(v) < 1e15)
        return std::to_string(static_cast<long long>(v));
    std::array<char, 32> buf{};
    const auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), v);
    if (ec != std::errc())
        return "nan";
    return {buf.data(), end};
}

} // namespace payops
