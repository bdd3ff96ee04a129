#pragma once
// Chooses what to do this cycle:
//  * act on the option with the best NRV when it is positive;
//  * the minimum action frequency rule: after N-1 quiet cycles, the Nth acts anyway - the best option even if its
//    NRV <= 0, or a low-severity baseline ALERT_OPS when there is nothing to act on (N = 0 disables the rule);
//  * otherwise NO_ACTION.
// The chosen option goes to the approval queue instead of running when any approval rule holds: blast radius
// over the limit, uncertainty over the limit, option confidence under min_confidence, pre-mortem risk at or
// over the limit, or a guardrail on autonomy. Options are assessed for approval whether chosen or not, so the
// operator sees what each would need.

#include "config/agent_config.h"
#include "core/result.h"
#include "decision/intervention_option.h"

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

namespace payops {

enum class DecisionKind { NoAction, Act, AwaitApproval };
const char* decisionKindName(DecisionKind k); // NO_ACTION, ACTION, AWAITING_APPROVAL

struct Decision {
    DecisionKind kind = DecisionKind::NoAction;
    std::optional<InterventionOption> chosen;
    std::string reason;  // "best NRV 1994.45 > 0", "Minimum Frequency Rule", "no option with positive NRV"
    Phrase reasonPhrase; // the same for the console to say in the reader's language (setReason keeps them in step)
    bool forcedByFrequency = false;
    int quietCyclesBefore = 0; // quiet cycles before this one
};

inline void setReason(Decision& d, Phrase reason)
{
    d.reason = reason.english();
    d.reasonPhrase = std::move(reason);
}

// Fills preMortem and approvalReasons on every option.
void assessOptions(std::vector<InterventionOption>& options, double uncertainty, const AgentConfig& config);

class DecisionPolicy {
public:
    // activeAnomalies: how many anomalies the options answer. With some, a cycle without an allowed option is not
    // quiet (the agent waits on people or on interventions in force) and no baseline check-in is sent.
    // leftOutInForce: planOptions left options out as already in force or awaiting approval (the reason then does
    // not say "every option" was refused).
    Decision decide(const std::vector<InterventionOption>& options, std::size_t activeAnomalies,
                    const AgentConfig& config, bool leftOutInForce = false);
    int quietCycles() const { return m_quietCycles; }

    nlohmann::json saveState() const;
    Status restoreState(const nlohmann::json& state);

private:
    int m_quietCycles = 0;
};

} // namespace payops
