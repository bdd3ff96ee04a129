#pragma once
// The expected band of a cycle's slow share: a few transactions a cycle, each slow with a small usual share, make
// a count far from normal. Drawn as mean +/- z standard deviations, a single slow transaction of 40 at a usual
// 0.4 % (2.5 %, which one cycle in seven has) fell outside the band; the binomial quantiles put it inside.

#include <cstdint>
#include <utility>

namespace payops {

// [low, high]: the shares between which the cycle's count of slow transactions falls under
// Binomial(tested, usualShare), leaving at most upperTail(z) outside on each side (exact up to a variance of 100
// transactions, the normal band beyond). tested 0 gives {usualShare, usualShare}.
std::pair<double, double> slowShareBand(double usualShare, std::uint32_t tested, double z);

} // namespace payops
