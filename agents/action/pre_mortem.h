#pragma once
// "Imagine it went wrong: how?" before acting. Risk =
//   min(1, 0.3 blast + 0.2 (0 if reversible else 0.3) + 0.3 (0.4 |risk| + 0.3 |friction|) + 0.2 (1 - confidence))
// with the weights from SafetyConfig, plus the worst cases and mitigations of the intervention type.

#include "config/agent_config.h"
#include "decision/intervention_option.h"

namespace payops {

PreMortem runPreMortem(const InterventionOption& option, const SafetyConfig& safety);

// Reasons an option may not run without a human (guardrails on autonomy): blast radius and duration limits.
std::vector<Phrase> guardrailViolations(const InterventionOption& option, const SafetyConfig& safety);

} // namespace payops
