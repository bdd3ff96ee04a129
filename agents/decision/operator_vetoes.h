#pragma once
// What a person said no to: an approval request rejected, or an intervention rolled back (by hand, or by learning's
// automatic rollback when it did harm). The same option on the same target is held back for
// safety.operator_veto_ms; without it the agent offered the option again at its next cycle to the person who had
// just refused it (seen: a suppression rolled back and applied again within the same cycle).

#include "core/clock.h"
#include "core/result.h"
#include "decision/intervention_option.h"

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

namespace payops {

struct OperatorVeto {
    enum class How { Rejected, RolledBack, RolledBackByLearning };
    How how = How::Rejected;
    std::int64_t id = 0; // the approval request's id, or the intervention's
    std::string actor;
    TimeMs atMs = 0;
    TimeMs untilMs = 0;
    std::string option;                  // optionKey() of what was refused
    std::vector<std::int64_t> anomalies; // the anomalies it answered (what an alert's veto covers)

    // Whether `o` is what was refused: the same type, target and (for a reroute) destination, since a reroute of upi
    // to card refused says nothing about upi to netbanking. The one alert to the ops team serves every incident, so a
    // page refused for HDFC's outage must not silence the page for SBI's: an alert is covered only when every anomaly
    // it is about was in the refused one.
    bool covers(const InterventionOption& o) const;
};

// "type|target|alternative"
std::string optionKey(const InterventionOption& option);

// The reason the safety constraints give for holding `veto`'s option back, in the reader's language.
Phrase vetoPhrase(const OperatorVeto& veto);

class OperatorVetoes {
public:
    // holdMs 0: the option may come back at once (the veto is not kept). A new veto of the same option replaces the
    // old one.
    void record(const InterventionOption& option, OperatorVeto::How how, std::int64_t id, std::string actor,
                TimeMs atMs, TimeMs holdMs);
    // A lower safety.operator_veto_ms shortens the vetoes already kept too (0 lifts them at the next cycle), so a
    // veto that proved wrong need not be waited out; a higher one does not lengthen them.
    void setHold(TimeMs holdMs);
    // Forgets the vetoes that have run out by nowMs.
    void expire(TimeMs nowMs);
    const std::vector<OperatorVeto>& all() const { return m_vetoes; }

    nlohmann::json saveState() const;
    Status restoreState(const nlohmann::json& state);

private:
    std::vector<OperatorVeto> m_vetoes; // in the order they were made
};

} // namespace payops
