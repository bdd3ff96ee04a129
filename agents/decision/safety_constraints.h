#pragma once
// Filters options that must not run at all (one a person refused lately, risk inputs over their limits, too many
// interventions in force, a suppression past the share of issuers that may be suppressed at once) and orders the
// rest gentlest first: reversible before irreversible, then by safety magnitude.

#include "config/agent_config.h"
#include "decision/intervention_planner.h"

namespace payops {

void applySafetyConstraints(std::vector<InterventionOption>& options, const PlanningContext& context,
                            const SafetyConfig& safety);

// A suppression of an issuer (safety.max_suppressed_issuer_share limits how many at once).
bool suppressesAnIssuer(const InterventionOption& option);
// How many of `issuers` (with traffic in the window) may be suppressed at once; -1: no limit (not known).
int allowedIssuerSuppressions(int issuers, const SafetyConfig& safety);

} // namespace payops
