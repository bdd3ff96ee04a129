#include "reasoning/slow_tail.h"

#include "detect/gaussian_tail.h"
#include "reasoning/binomial.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

namespace payops {

double SlowTail::usualShare() const
{
    constexpr double kPrior = 0.5;
    return (m_slow + kPrior) / (m_tested + 2 * kPrior);
}

SlowTailFinding SlowTail::surprise(std::uint32_t slow, std::uint32_t tested) const
{
    SlowTailFinding f;
    f.slow = slow;
    f.tested = tested;
    f.usualShare = usualShare();
    if (tested == 0 || slow == 0)
        return f;
    const double scale = tested > kMaxWeighedTx ? static_cast<double>(kMaxWeighedTx) / tested : 1.0;
    const auto n = static_cast<std::uint32_t>(std::lround(tested * scale));
    const auto k = std::min(n, static_cast<std::uint32_t>(std::lround(slow * scale)));
    // Within one binomial spread of the usual count nothing is surprising (z about 1 or less).
    const double usual = n * f.usualShare;
    if (k <= usual + std::sqrt(usual * (1.0 - f.usualShare)))
        return f;
    const double tail = binomialUpperTail(k, n, f.usualShare);
    f.z = detect::deviateOfTail(tail);
    return f;
}

void SlowTail::learn(std::uint32_t slow, std::uint32_t tested, double rate, double weight)
{
    weight = std::clamp(weight, 0.0, 1.0);
    const double keep = 1.0 - std::clamp(rate * weight, 0.0, 1.0);
    m_slow = m_slow * keep + weight * std::min(slow, tested);
    m_tested = m_tested * keep + weight * tested;
    m_rows = m_rows < kMaxRows ? m_rows + 1 : kMaxRows;
}

nlohmann::json SlowTail::saveState() const
{
    return {{"slow", m_slow}, {"tested", m_tested}, {"rows", m_rows}};
}

bool SlowTail::restoreState(const nlohmann::json& j)
{
    try {
        SlowTail t;
        t.m_slow = j.at("slow").get<double>();
        t.m_tested = j.at("tested").get<double>();
        t.m_rows = j.at("rows").get<int>();
        // Both decay alike and a slow transaction is a tested one, so slow <= tested (allowing for rounding).
        if (!(t.m_slow >= 0) || !std::isfinite(t.m_tested) || t.m_slow > t.m_tested * (1 + 1e-9) + 1e-9 ||
            t.m_rows < 0 || t.m_rows > kMaxRows)
            return false;
        *this = t;
        return true;
    } catch (const nlohmann::json::exception&) {
        return false;
    }
}

} // namespace payops
