#pragma once
// What a person said no to: an approval request rejected, or an intervention rolled back (by hand, or by learning's
// automatic rollback when it did harm). The same option on the same target is held back for
// safety.operator_veto_ms; without it the agent offered the option again at its next cycle to the person who had
// just refused it (seen: a suppression rolled back and applied again within the same cycle).

#include "core/clock.h"
#include "core/result.h"
#include "decision/intervention_option.h"

#include <cstdint>
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <string>

namespace payops {

struct OperatorVeto {
    enum class How { Rejected, RolledBack };
    How how = How::Rejected;
    std::int64_t id = 0; // the approval request's id, or the intervention's
    std::string actor;
    TimeMs atMs = 0;
    TimeMs untilMs = 0;
};

// "type|target|alternative": a reroute of upi to card refused says nothing about upi to netbanking.
std::string vetoKey(const InterventionOption& option);

// The reason the safety constraints give for holding `veto`'s option back, in the reader's language.
Phrase vetoPhrase(const OperatorVeto& veto);

class OperatorVetoes {
public:
    // holdMs 0: the option may come back at once (the veto is not kept).
    void record(const InterventionOption& option, OperatorVeto veto, TimeMs holdMs);
    // Forgets the vetoes that have run out by nowMs.
    void expire(TimeMs nowMs);
    const std::map<std::string, OperatorVeto>& all() const { return m_vetoes; }

    nlohmann::json saveState() const;
    Status restoreState(const nlohmann::json& state);

private:
    std::map<std::string, OperatorVeto> m_vetoes;
};

} // namespace payops
