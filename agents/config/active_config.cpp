#include "active_config.h"

#include "config/config_loader.h"
#include "core/logging.h"

namespace payops {

ActiveConfig::ActiveConfig() : ActiveConfig(defaultAgentConfig(), std::string(), "<defaults>") {}

ActiveConfig::ActiveConfig(AgentConfig config, std::string yamlText, std::string sourceName)
    : m_config(std::make_shared<const AgentConfig>(std::move(config))), m_yamlText(std::move(yamlText)),
      m_sourceName(std::move(sourceName))
{
}

Result<ActiveConfig> ActiveConfig::fromYaml(const std::string& yamlText, const std::string& sourceName)
{
    Result<AgentConfig> parsed = parseAgentConfig(yamlText, sourceName);
    if (!parsed)
        return parsed.failure();
    return ActiveConfig(std::move(parsed).value(), yamlText, sourceName);
}

Status ActiveConfig::tryReplace(const std::string& yamlText, const std::string& sourceName)
{
    Result<AgentConfig> parsed = parseAgentConfig(yamlText, sourceName);
    if (!parsed) {
        qCWarning(lcConfig).noquote() << "config from" << QString::fromStdString(sourceName) << "rejected; version"
                                      << m_version << "stays in force:\n"
                                      << QString::fromStdString(parsed.error());
        return parsed.failure();
    }
    m_config = std::make_shared<const AgentConfig>(std::move(parsed).value());
    m_yamlText = yamlText;
    m_sourceName = sourceName;
    ++m_version;
    qCInfo(lcConfig).noquote() << "config version" << m_version << "from" << QString::fromStdString(sourceName)
                               << "in force";
    return Status::success();
}

} // namespace payops
