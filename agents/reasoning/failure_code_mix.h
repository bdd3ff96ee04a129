#pragma once
// Which response codes a dimension's failures usually carry, and how surprising this cycle's mix is.
// An issuer or method in trouble fails with one code (91 issuer unavailable, 96 system malfunction, U30, ...)
// well before its success rate has left the noise: at 35 transactions a cycle, the first cycles of a slide from
// 0.94 to 0.5 are within the success rate's ordinary spread, while 5 of 7 failures carrying a code that usually
// has 6 % of them happens about once in 70 000 cycles. Drift that raises every kind of failure leaves the mix,
// and so this signal, alone.

#include "stream/dimension_stats.h"

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

namespace payops {

struct CodeSurprise {
    std::string code; // the most surprising code this cycle (empty: none beyond one spread of its usual count)
    std::uint32_t count = 0, failures = 0;
    double usualShare = 0; // of failures, before this cycle
    double z = 0;          // normal deviate of P(at least `count` of `failures` carry it), 0 when not surprising
};

class FailureCodeMix {
public:
    // A cycle is weighed as at most this many failures (surprise() says why).
    static constexpr std::uint32_t kMaxWeighedFailures = 50;

    // Scores the cycle's failures against the usual mix (before learning from them).
    CodeSurprise surprise(const std::vector<CodeCount>& failureCodes) const;
    // Learns the cycle's failures: the counts behind each share decay by `rate` per cycle. `weight` < 1 learns a
    // cycle only partly (while the dimension is flagged, so an incident's code does not become the usual one).
    void learn(const std::vector<CodeCount>& failureCodes, double rate, double weight = 1.0);
    int cycles() const { return m_cycles; }

    nlohmann::json saveState() const;
    bool restoreState(const nlohmann::json& state);

private:
    // A code's usual share, from decayed counts with half a failure of prior weight: a code never seen yet has a
    // small share rather than none, so its first appearance is surprising but not infinitely so.
    double shareOf(const std::string& code) const;

    std::vector<std::pair<std::string, double>> m_counts; // decayed failures per code
    double m_failures = 0;                                // decayed failures in all
    int m_cycles = 0;
};

} // namespace payops
