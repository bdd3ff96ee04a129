#include "config_writer.h"

#include "config/agent_config_schema.h"

#include <yaml-cpp/yaml.h>

namespace payops {

namespace {

template <typename S> void writeFields(YAML::Emitter& out, const FieldTable<S>& table, const S& s)
{
    for (const auto& f : table) {
        out << YAML::Key << std::string(f.key) << YAML::Value;
        // Names are quoted so that a method called "yes" or an error code "05" stays a string; numbers are
        // written in their shortest exact form so they read back bit for bit.
        if (std::holds_alternative<std::string S::*>(f.member))
            out << YAML::DoubleQuoted << formatField(f, s);
        else
            out << formatField(f, s);
    }
}

template <typename S> void writeSection(YAML::Emitter& out, const char* key, const FieldTable<S>& table, const S& s)
{
    out << YAML::Key << key << YAML::Value << YAML::BeginMap;
    writeFields(out, table, s);
    out << YAML::EndMap;
}

template <typename S>
void writeList(YAML::Emitter& out, const char* key, const FieldTable<S>& table, const std::vector<S>& items)
{
    out << YAML::Key << key << YAML::Value << YAML::BeginSeq;
    for (const auto& item : items) {
        out << YAML::BeginMap;
        writeFields(out, table, item);
        out << YAML::EndMap;
    }
    out << YAML::EndSeq;
}

} // namespace

std::string agentConfigToYaml(const AgentConfig& c)
{
    YAML::Emitter out;
    out.SetIndent(2);
    out << YAML::Comment("PayOps agent config (schema version " + std::to_string(kAgentConfigVersion) +
                         "); see resources/config/agent.yaml for what each key does");
    out << YAML::BeginMap;
    out << YAML::Key << "version" << YAML::Value << kAgentConfigVersion;

    out << YAML::Key << "simulator" << YAML::Value << YAML::BeginMap;
    writeFields(out, simulatorFields(), c.simulator);
    writeSection(out, "drift", driftFields(), c.simulator.drift);
    writeList(out, "issuers", issuerFields(), c.simulator.issuers);
    writeList(out, "methods", methodFields(), c.simulator.methods);
    out << YAML::EndMap;

    writeSection(out, "detector", detectorFields(), c.detector);
    writeList(out, "hypotheses", hypothesisFields(), c.hypotheses);
    writeList(out, "interventions", interventionFields(), c.interventions);
    writeSection(out, "nrv", nrvFields(), c.nrv);
    writeSection(out, "policy", policyFields(), c.policy);
    writeSection(out, "safety", safetyFields(), c.safety);
    writeSection(out, "learning", learningFields(), c.learning);
    writeSection(out, "store", storeFields(), c.store);
    out << YAML::EndMap;
    return std::string(out.c_str()) + "\n";
}

} // namespace payops
