#pragma once
// The standard normal's upper tail and its inverse: the detector core turns probabilities into scores with
// them, and the runtime turns a response code's binomial tail into the normal deviate with the same odds.

#include <algorithm>
#include <cmath>

namespace payops::detect {

// P(Z > z) for a standard normal Z.
inline double upperTail(double z)
{
    return 0.5 * std::erfc(z / std::sqrt(2.0));
}

// The z whose upper tail is p, for p in (0, 0.5] (Abramowitz & Stegun 26.2.23, absolute error below 4.5e-4);
// p <= 0 is taken as 1e-300. Rarely called on the detector's hot path, so kept out of line.
[[gnu::noinline, gnu::cold]] double inverseUpperTail(double p);

// The normal deviate of an upper-tail probability as a finding: 0 for a tail of one half or more (nothing beyond
// the usual), and never below 0 (the approximation dips to -1e-7 just under one half).
inline double deviateOfTail(double p)
{
    return p < 0.5 ? std::max(0.0, inverseUpperTail(p)) : 0.0;
}

// The deviate z of the best of `tests` looks at the same data, as one look's deviate: its tail multiplied by the
// number of looks (Bonferroni; taking the best of two tests at 4 sigmas is about as likely as one at 3.83). A tail
// too small for a double to hold is left as it is; nothing is made negative.
inline double bestOfTests(double z, int tests)
{
    const double tail = upperTail(z);
    if (tests <= 1 || !(z > 0) || !(tail > 0))
        return z;
    return deviateOfTail(tail * tests);
}

} // namespace payops::detect
