#pragma once
// Reads the agent config from YAML (resources/config/agent.yaml is the annotated reference document).
//
// Layout: optional `version: 1`, then the sections simulator (with nested `drift` and the lists `issuers` and
// `methods`), detector, hypotheses (list), interventions (list), nrv, policy, safety, learning, store. Keys are
// the snake_case of the AgentConfig field names with units kept (window_ms, rate_per_s, ...).
//
// Every key is optional: an omitted key keeps its value from defaultAgentConfig(). A list that is given replaces
// the default list whole; within it, an item that names a default item (issuer/method `name`, intervention
// `type`, hypothesis `pattern` + `cause`) starts from that item, so `{type: suppress_path, blast_radius: 0.1}`
// changes one number. An empty document is the default config.
//
// Validation reports every problem, one per line, as "SOURCE:LINE:COLUMN: message" (1-based): syntax errors,
// unknown keys (with a "did you mean" suggestion), wrong types, out-of-range values and cross-field rules (min <=
// max pairs, ordered severity thresholds, unique issuer/method names, reroute alternatives that exist).

#include "config/agent_config.h"
#include "config/config_writer.h"
#include "core/result.h"

#include <string>

namespace payops {

// `sourceName` prefixes every message (a file path, or "<editor>" for unsaved text).
Result<AgentConfig> parseAgentConfig(const std::string& yamlText, const std::string& sourceName);

// Reads and parses a file; an unreadable file is "PATH: cannot read: reason".
Result<AgentConfig> loadAgentConfigFile(const std::string& path);

} // namespace payops
