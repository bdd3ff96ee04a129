#include "reasoning/failure_code_mix.h"

#include "detect/gaussian_tail.h"
#include "reasoning/binomial.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

namespace payops {

double FailureCodeMix::shareOf(const std::string& code) const
{
    constexpr double kPrior = 0.5;
    double count = 0;
    for (const auto& [c, n] : m_counts) {
        if (c == code) {
            count = n;
            break;
        }
    }
    return (count + kPrior) / (m_failures + 2 * kPrior);
}

CodeSurprise FailureCodeMix::surprise(const std::vector<CodeCount>& failureCodes) const
{
    CodeSurprise best;
    std::uint32_t failures = 0;
    for (const auto& c : failureCodes)
        failures += c.count;
    // The usual mix is not a fixed truth: an issuer's mix follows which of its methods fail more, and that drifts.
    // A cycle of thousands of failures would find such drift significant, so a cycle is weighed as at most
    // kMaxWeighedFailures failures (at the default 20 tx/s an issuer's cycle has 2-30; an outage keeps its full
    // weight).
    const double scale = failures > kMaxWeighedFailures ? static_cast<double>(kMaxWeighedFailures) / failures : 1.0;
    const auto weighed = static_cast<std::uint32_t>(std::lround(failures * scale));
    double bestTail = 1.0;
    for (const auto& c : failureCodes) {
        const double share = shareOf(c.code);
        const auto count = static_cast<std::uint32_t>(std::lround(c.count * scale));
        // Within one binomial spread of its usual count a code is not surprising (its z would be about 1 or less).
        const double usual = weighed * share;
        if (count <= usual + std::sqrt(usual * (1.0 - share)))
            continue;
        const double tail = binomialUpperTail(count, weighed, share);
        if (best.code.empty() || tail < bestTail) {
            bestTail = tail;
            best.code = c.code;
            best.count = c.count;
            best.usualShare = share;
        }
    }
    best.failures = failures;
    best.z = detect::deviateOfTail(bestTail);
    return best;
}

void FailureCodeMix::learn(const std::vector<CodeCount>& failureCodes, double rate, double weight)
{
    weight = std::clamp(weight, 0.0, 1.0);
    const double keep = 1.0 - std::clamp(rate * weight, 0.0, 1.0);
    for (auto& [code, n] : m_counts)
        n *= keep;
    m_failures *= keep;
    for (const auto& c : failureCodes) {
        auto it = std::find_if(m_counts.begin(), m_counts.end(), [&](const auto& e) { return e.first == c.code; });
        if (it == m_counts.end())
            it = m_counts.insert(m_counts.end(), {c.code, 0.0});
        it->second += weight * c.count;
        m_failures += weight * c.count;
    }
    ++m_cycles;
}

nlohmann::json FailureCodeMix::saveState() const
{
    nlohmann::json counts = nlohmann::json::object();
    for (const auto& [code, n] : m_counts)
        counts[code] = n;
    return {{"counts", counts}, {"failures", m_failures}, {"cycles", m_cycles}};
}

bool FailureCodeMix::restoreState(const nlohmann::json& j)
{
    try {
        FailureCodeMix m;
        double sum = 0;
        for (const auto& [code, n] : j.at("counts").items()) {
            const double v = n.get<double>();
            if (!(v >= 0) || !std::isfinite(v))
                return false;
            m.m_counts.emplace_back(code, v);
            sum += v;
        }
        m.m_failures = j.at("failures").get<double>();
        m.m_cycles = j.at("cycles").get<int>();
        if (!(m.m_failures >= 0) || !std::isfinite(m.m_failures) || m.m_cycles < 0)
            return false;
        // The codes' counts are parts of the failures (decayed alike), so their shares cannot add up to more than
        // one; allow for rounding.
        if (sum > m.m_failures * (1 + 1e-9) + 1e-9)
            return false;
        *this = std::move(m);
        return true;
    } catch (const nlohmann::json::exception&) {
        return false;
    }
}

} // namespace payops
