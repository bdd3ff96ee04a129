#pragma once
// Builds this cycle's options: NO_ACTION, one targeted option per anomaly (suppress the degraded issuer, reroute
// the fatigued method, reduce retries in a storm), and one alert to the ops team when anything is wrong.
// Options already in force or awaiting approval are not proposed again.

#include "config/agent_config.h"
#include "decision/intervention_option.h"
#include "decision/operator_vetoes.h"
#include "reasoning/anomaly.h"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace payops {

struct PlanningContext {
    double windowVolume = 0;
    std::map<std::string, double> learnedConfidence; // by type
    std::set<std::string> activeOrPending;           // "type|target" already in force or awaiting approval
    // External risk inputs per target ("issuer:HDFC"), when a risk service supplies them; empty = not supplied.
    std::map<std::string, double> fraudRisk, complianceRisk;
    int activeInterventions = 0;
    // Issuers with traffic in the window (safety.max_suppressed_issuer_share; a suppressed one keeps a tenth of its
    // traffic, and counts); 0: not known, no limit. Not every issuer the config or the run ever named: with two of four
    // weighted 0, both live ones could be suppressed.
    int issuers = 0;
    std::vector<OperatorVeto> vetoes; // options a person refused lately (operator_vetoes.h)
};

// leftOutInForce, when given: set to whether an option was left out as already in force or awaiting approval.
std::vector<InterventionOption> planOptions(const std::vector<Anomaly>& anomalies, const PlanningContext& context,
                                            const AgentConfig& config, bool* leftOutInForce = nullptr);

} // namespace payops
