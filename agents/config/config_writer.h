#pragma once
// Writes an AgentConfig as a complete YAML document (every key of every section, version first) that
// parseAgentConfig() reads back to an equal config: the "export" of the config editor and the text stored with
// each config version.

#include "config/agent_config.h"

#include <string>

namespace payops {

std::string agentConfigToYaml(const AgentConfig& config);

} // namespace payops
