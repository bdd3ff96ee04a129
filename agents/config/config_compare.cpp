#include "config_compare.h"

#include "config/agent_config_schema.h"

namespace payops {

namespace {

std::string join(const std::string& path, std::string_view key)
{
    return path.empty() ? std::string(key) : path + "." + std::string(key);
}

template <typename S>
void diffFields(const std::string& path, const FieldTable<S>& table, const S* a, const S* b,
                std::vector<ConfigDifference>& out)
{
    for (const auto& f : table) {
        if (a && b && fieldEquals(f, *a, *b))
            continue;
        out.push_back(
            {join(path, f.key), a ? formatField(f, *a) : std::string(), b ? formatField(f, *b) : std::string()});
    }
}

template <typename S>
void diffList(const std::string& path, const FieldTable<S>& table, const std::vector<S>& a, const std::vector<S>& b,
              std::vector<ConfigDifference>& out)
{
    if (a.size() != b.size())
        out.push_back({path, std::to_string(a.size()) + " items", std::to_string(b.size()) + " items"});
    const std::size_t n = std::max(a.size(), b.size());
    for (std::size_t i = 0; i < n; ++i)
        diffFields(path + "[" + std::to_string(i) + "]", table, i < a.size() ? &a[i] : nullptr,
                   i < b.size() ? &b[i] : nullptr, out);
}

} // namespace

std::vector<ConfigDifference> diffAgentConfigs(const AgentConfig& a, const AgentConfig& b)
{
    std::vector<ConfigDifference> out;
    diffFields("simulator", simulatorFields(), &a.simulator, &b.simulator, out);
    diffFields("simulator.drift", driftFields(), &a.simulator.drift, &b.simulator.drift, out);
    diffList("simulator.issuers", issuerFields(), a.simulator.issuers, b.simulator.issuers, out);
    diffList("simulator.methods", methodFields(), a.simulator.methods, b.simulator.methods, out);
    diffFields("detector", detectorFields(), &a.detector, &b.detector, out);
    diffList("hypotheses", hypothesisFields(), a.hypotheses, b.hypotheses, out);
    diffList("interventions", interventionFields(), a.interventions, b.interventions, out);
    diffFields("nrv", nrvFields(), &a.nrv, &b.nrv, out);
    diffFields("policy", policyFields(), &a.policy, &b.policy, out);
    diffFields("safety", safetyFields(), &a.safety, &b.safety, out);
    diffFields("learning", learningFields(), &a.learning, &b.learning, out);
    diffFields("store", storeFields(), &a.store, &b.store, out);
    return out;
}

bool agentConfigEquals(const AgentConfig& a, const AgentConfig& b)
{
    return diffAgentConfigs(a, b).empty();
}

std::string describeDifferences(const AgentConfig& a, const AgentConfig& b)
{
    const auto diffs = diffAgentConfigs(a, b);
    if (diffs.empty())
        return {};
    const auto& d = diffs.front();
    std::string text = d.path + ": " + d.before + " -> " + d.after;
    if (diffs.size() > 1)
        text += " (and " + std::to_string(diffs.size() - 1) + " more)";
    return text;
}

} // namespace payops
