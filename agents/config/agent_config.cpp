#include "agent_config.h"

#include <algorithm>

namespace payops {

const InterventionTemplate* AgentConfig::intervention(const std::string& type) const
{
    auto it = std::find_if(interventions.begin(), interventions.end(), [&](const auto& t) { return t.type == type; });
    return it == interventions.end() ? nullptr : &*it;
}

const MethodProfile* AgentConfig::method(const std::string& name) const
{
    const auto& methods = simulator.methods;
    auto it = std::find_if(methods.begin(), methods.end(), [&](const auto& m) { return m.name == name; });
    return it == methods.end() ? nullptr : &*it;
}

AgentConfig defaultAgentConfig()
{
    AgentConfig c;
    c.simulator.issuers = {
        {"HDFC", 0.95, 200, 0.05, 0.30},
        {"ICICI", 0.97, 180, 0.03, 0.28},
        {"AXIS", 0.93, 220, 0.07, 0.20},
        {"SBI", 0.94, 210, 0.06, 0.22},
    };
    c.simulator.methods = {
        {"card", 0.40, "upi"},   {"upi", 0.35, "card"},  {"netbanking", 0.12, "card"},
        {"wallet", 0.08, "upi"}, {"bnpl", 0.05, "card"},
    };
    c.hypotheses = {
        {"ISSUER_DEGRADATION", "issuer_downtime", 0.7, -0.20, 100, 0, 0.10},
        {"ISSUER_DEGRADATION", "network_issues", 0.5, -0.15, 200, 0, 0.05},
        {"RETRY_STORM", "excessive_retries", 0.8, -0.10, 150, 0.2, 0.15},
        {"METHOD_FATIGUE", "method_failure", 0.6, -0.25, 50, 0, 0.10},
        {"LATENCY_SPIKE", "system_overload", 0.6, -0.05, 300, 0.1, 0.20},
    };
    InterventionTemplate suppress{"suppress_path", 300000, 0.10, -50, 0.05, 0.7, 0.10, 0.20, 0.2};
    suppress.feedbackFactor = 0.1;
    InterventionTemplate reroute{"reroute_traffic", 300000, 0.15, 20, 0.02, 0.6, 0.15, 0.30, 0.3};
    InterventionTemplate reduceRetry{"reduce_retry_attempts", 600000, -0.05, -100, -0.10, 0.8, 0.05, 0.10, 0.5};
    reduceRetry.maxRetries = 2;
    reduceRetry.feedbackFactor = 0.5;
    InterventionTemplate alert{"alert_ops", 0, 0, 0, 0, 1.0, 0, 0, 0};
    c.interventions = {suppress, reroute, reduceRetry, alert};
    return c;
}

} // namespace payops
