#include "reasoning/binomial.h"

#include "detect/gaussian_tail.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace payops {

namespace {
// ln(n!): from a table for the counts a cycle has (the runtime tests every dimension's codes every cycle, and three
// lgamma calls were most of a test's cost), from lgamma beyond.
double logFactorial(std::uint32_t n)
{
    static const auto table = [] {
        std::array<double, 1024> t{};
        for (std::size_t i = 1; i < t.size(); ++i)
            t[i] = t[i - 1] + std::log(static_cast<double>(i));
        return t;
    }();
    return n < table.size() ? table[n] : std::lgamma(n + 1.0);
}
} // namespace

double binomialUpperTail(std::uint32_t k, std::uint32_t n, double p)
{
    if (k == 0)
        return 1.0;
    if (k > n || p <= 0.0)
        return 0.0;
    if (p >= 1.0)
        return 1.0;
    // The k term from log-factorials, the rest by the ratio of successive terms; they shrink fast beyond the mean.
    // A tail below the smallest double is 0.
    const double logTerm =
        logFactorial(n) - logFactorial(k) - logFactorial(n - k) + k * std::log(p) + (n - k) * std::log1p(-p);
    double term = std::exp(logTerm);
    double sum = term;
    const double odds = p / (1.0 - p);
    for (std::uint32_t i = k; i < n && term > sum * 1e-12; ++i) {
        term *= static_cast<double>(n - i) / (i + 1.0) * odds;
        sum += term;
    }
    return std::min(sum, 1.0);
}

double binomialShareSpread(double p, double n)
{
    return n > 0 ? std::sqrt(p * (1.0 - p) / n) : 0.0;
}

double binomialUpperDeviate(std::uint32_t count, std::uint32_t n, double p)
{
    if (n == 0 || !(count > n * p))
        return 0.0;
    const double tail = 0.5 * (binomialUpperTail(count, n, p) + binomialUpperTail(count + 1, n, p));
    if (!(tail > 0))
        return std::numeric_limits<double>::infinity(); // beyond what a double can tell
    return detect::deviateOfTail(tail);
}

} // namespace payops
