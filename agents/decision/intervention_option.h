#pragma once
// A candidate intervention for this cycle, with everything the policy and the operator need to judge it:
// expected effect, NRV, safety magnitude, pre-mortem and why it would need a human.

#include "core/phrase.h"

#include <cstdint>
#include <string>
#include <vector>

namespace payops {

struct PreMortem {
    double risk = 0; // [0, 1]
    // Fixed sentences, each its own template for translation (the console translates the text itself).
    std::vector<std::string> worstCases;
    std::vector<std::string> mitigations;
};

struct InterventionOption {
    std::string type;        // no_action | suppress_path | reroute_traffic | reduce_retry_attempts | alert_ops
    std::string target;      // "issuer:HDFC", "method:upi", "system", "ops_team"
    std::string alternative; // reroute destination ("method:card")
    std::int64_t durationMs = 0;
    double successImpact = 0, latencyImpactMs = 0, costImpact = 0;
    double confidence = 0; // learned per type
    double risk = 0, friction = 0, blastRadius = 0;
    bool reversible = true;
    int maxRetries = -1; // reduce_retry_attempts
    std::vector<std::int64_t> anomalyIds;
    std::string rationale;

    double nrv = 0;
    double magnitude = 0; // safety ordering: smaller is gentler
    PreMortem preMortem;
    bool allowed = true; // passed the safety constraints
    std::string refusedBecause;
    std::vector<std::string> approvalReasons; // empty = may run autonomously
    // The same for the console to say in the reader's language: refusedBecause's, and one per approval reason or none
    // (written by refuse() and addApprovalReason(), which keep them in step).
    Phrase refusedPhrase;
    std::vector<Phrase> approvalReasonPhrases;

    bool isNoAction() const { return type == "no_action"; }
    bool needsApproval() const { return !approvalReasons.empty(); }
};

// The safety constraints refuse `o`, saying why.
inline void refuse(InterventionOption& o, Phrase why)
{
    o.allowed = false;
    o.refusedBecause = why.english();
    o.refusedPhrase = std::move(why);
}

inline void addApprovalReason(InterventionOption& o, Phrase why)
{
    o.approvalReasons.push_back(why.english());
    o.approvalReasonPhrases.push_back(std::move(why));
}

} // namespace payops
