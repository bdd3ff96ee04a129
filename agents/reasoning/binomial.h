#pragma once
// Binomial tails: a cycle's counts (failures with one code, slow transactions, failures on one path) are counts of
// few transactions, and their tails are judged as what they are rather than as Gaussian ones.

#include <cstdint>

namespace payops {

// P(X >= k) for X ~ Binomial(n, p).
double binomialUpperTail(std::uint32_t k, std::uint32_t n, double p);
// The standard deviation of the share X / n for X ~ Binomial(n, p) (0 when n is 0): the band evidence and charts
// show around a usual share.
double binomialShareSpread(double p, double n);
// How far `count` of `n` lies above the usual share p, as the normal deviate with the same upper-tail odds (mid-p:
// half of P(X = count) is counted, so a discrete count is judged neither more leniently nor more harshly than its
// neighbours on average). 0 at or below the usual count, and infinite when the tail is below the smallest double.
double binomialUpperDeviate(std::uint32_t count, std::uint32_t n, double p);

} // namespace payops
