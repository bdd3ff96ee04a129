#pragma once
// Field-by-field comparison of two agent configs by YAML key path ("simulator.issuers[1].latency_ms"): equality
// for tests and no-op detection, the list of changes for the config diff view and change-risk classification.

#include "config/agent_config.h"

#include <string>
#include <vector>

namespace payops {

struct ConfigDifference {
    std::string path;   // YAML key path; list items by index
    std::string before; // value in the first config, as written in YAML ("" when the item does not exist)
    std::string after;  // value in the second
};

// Every differing key, in document order. Lists are compared item by item by position; a length change adds
// one entry for the list itself ("3 items" -> "4 items") plus the keys of the extra items.
std::vector<ConfigDifference> diffAgentConfigs(const AgentConfig& a, const AgentConfig& b);

bool agentConfigEquals(const AgentConfig& a, const AgentConfig& b);

// The first difference as "path: before -> after", or "" when the configs are equal (for test failure messages).
std::string describeDifferences(const AgentConfig& a, const AgentConfig& b);

} // namespace payops
