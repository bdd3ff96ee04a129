#pragma once
// The config in force: the parsed AgentConfig, its version number and the YAML text it came from. A new text
// replaces it only when it validates completely; a rejected text changes nothing, so a typo in the editor can
// never take the running agent down or half-apply. Each cycle records the version it ran with.
//
// Not thread-safe by itself: the owner (the runtime) replaces it between cycles. snapshot() hands out an
// immutable shared copy that a worker may keep while a newer version is installed.

#include "config/agent_config.h"
#include "core/result.h"

#include <cstdint>
#include <memory>
#include <string>

namespace payops {

class ActiveConfig {
public:
    // defaultAgentConfig() as version 1; its text is the empty document (which parses to the defaults).
    ActiveConfig();
    // A config already validated elsewhere, as version 1.
    ActiveConfig(AgentConfig config, std::string yamlText, std::string sourceName);

    // Parses `yamlText` as version 1, or the errors.
    static Result<ActiveConfig> fromYaml(const std::string& yamlText, const std::string& sourceName);

    const AgentConfig& config() const { return *m_config; }
    std::shared_ptr<const AgentConfig> snapshot() const { return m_config; }
    std::int64_t version() const { return m_version; }
    const std::string& yamlText() const { return m_yamlText; }
    const std::string& sourceName() const { return m_sourceName; }

    // Installs the config in `yamlText` as version()+1. On error returns every validation message and keeps
    // the previous config, text and version.
    Status tryReplace(const std::string& yamlText, const std::string& sourceName);

private:
    std::shared_ptr<const AgentConfig> m_config;
    std::int64_t m_version = 1;
    std::string m_yamlText;
    std::string m_sourceName;
};

} // namespace payops
