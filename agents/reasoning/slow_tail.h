#pragma once
// How many of a dimension's transactions are far slower than its usual p95, and how surprising this cycle's
// count is. A slow route (one acquirer link, an overloaded 3-D Secure server) slows a tenth of an issuer's
// transactions five-fold and leaves the rest alone: at 20 transactions a cycle that is two slow ones, which move
// the cycle's mean latency by less than its ordinary spread, and the five-minute window's p95 only once a twentieth
// of the window is slow (minutes). Counted against a bar well beyond the usual p95 (slow_tail_factor times it), such
// transactions are rare in ordinary traffic, so two in one cycle are a finding. The rate is learned, not assumed:
// heavy-tailed traffic simply has a higher one.

#include <cstdint>
#include <nlohmann/json_fwd.hpp>

namespace payops {

struct SlowTailFinding {
    std::uint32_t slow = 0, tested = 0; // transactions beyond the bar, of those counted against it
    std::uint32_t barMs = 0;            // the bar they were counted against (0: none)
    double usualShare = 0;              // of transactions beyond the bar, before this row
    double z = 0;                       // normal deviate of P(at least `slow` of `tested`), 0 when not surprising
};

class SlowTail {
public:
    // A row is weighed as at most this many transactions. The usual share drifts with traffic; a row of tens of
    // thousands of transactions would find a drift of a tenth significant. At the default 20 tx/s and 8-second
    // cycles an issuer or method has 10-60 transactions a cycle, which keep their full weight.
    static constexpr std::uint32_t kMaxWeighedTx = 500;

    // Scores `slow` of `tested` against the usual share (before learning from them).
    SlowTailFinding surprise(std::uint32_t slow, std::uint32_t tested) const;
    // Learns a row: the counts behind the share decay by `rate` per row; `weight` < 1 learns it only partly (while
    // the dimension is flagged, so an incident's tail does not become the usual one).
    void learn(std::uint32_t slow, std::uint32_t tested, double rate, double weight = 1.0);
    int rows() const { return m_rows; }
    // The usual share, with half a slow transaction of prior weight in one: it starts at one half and falls as
    // transactions without slow ones are learned, so it is small but never none, and the first slow ones are
    // surprising but not infinitely so.
    double usualShare() const;

    nlohmann::json saveState() const;
    bool restoreState(const nlohmann::json& state);

private:
    static constexpr int kMaxRows = 1'000'000'000; // rows() saturates: only the warm-up reads it
    double m_slow = 0, m_tested = 0;               // decayed counts
    int m_rows = 0;
};

} // namespace payops
