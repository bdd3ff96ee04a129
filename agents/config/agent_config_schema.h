#pragma once
// The YAML keys of AgentConfig: one table per struct, keys are the snake_case field names with their units.
// Nested maps and lists (simulator.drift, simulator.issuers, ...) and cross-field rules live in the loader.

#include "config/agent_config.h"
#include "config/config_schema.h"

#include <string_view>
#include <vector>

namespace payops {

// The schema version this build reads and writes (top-level `version:` key).
inline constexpr int kAgentConfigVersion = 1;

const std::vector<std::string_view>& anomalyPatternNames();     // ISSUER_DEGRADATION, RETRY_STORM, ...
const std::vector<std::string_view>& interventionTypeNames();   // suppress_path, reroute_traffic, ...
const std::vector<std::string_view>& detectorMethodNames();     // likelihood, zscore
const std::vector<std::string_view>& agentConfigSectionNames(); // version, simulator, detector, ...

const FieldTable<SimulatorConfig>& simulatorFields(); // scalars only; drift, issuers, methods are nested
const FieldTable<DriftConfig>& driftFields();
const FieldTable<IssuerProfile>& issuerFields();
const FieldTable<MethodProfile>& methodFields();
const FieldTable<DetectorConfig>& detectorFields();
const FieldTable<HypothesisTemplate>& hypothesisFields();
const FieldTable<InterventionTemplate>& interventionFields();
const FieldTable<NrvConfig>& nrvFields();
const FieldTable<PolicyConfig>& policyFields();
const FieldTable<SafetyConfig>& safetyFields();
const FieldTable<LearningConfig>& learningFields();
const FieldTable<StoreConfig>& storeFields();

} // namespace payops
