#include "safety_constraints.h"

#include <algorithm>
#include <cstdio>

namespace payops {

namespace {
std::string over(const char* what, double value, double limit)
{
    char buf[128];
    std::snprintf(buf, sizeof buf, "%s %.2f exceeds the limit %.2f", what, value, limit);
    return buf;
}
} // namespace

void applySafetyConstraints(std::vector<InterventionOption>& options, const PlanningContext& ctx,
                            const SafetyConfig& safety)
{
    for (auto& o : options) {
        if (o.isNoAction())
            continue;
        if (auto f = ctx.fraudRisk.find(o.target); f != ctx.fraudRisk.end() && f->second > safety.maxFraudRisk) {
            o.allowed = false;
            o.refusedBecause = over("fraud risk", f->second, safety.maxFraudRisk);
        } else if (auto c = ctx.complianceRisk.find(o.target);
                   c != ctx.complianceRisk.end() && c->second > safety.maxComplianceRisk) {
            o.allowed = false;
            o.refusedBecause = over("compliance risk", c->second, safety.maxComplianceRisk);
        } else if (o.type != "alert_ops" && ctx.activeInterventions >= safety.maxActiveInterventions) {
            o.allowed = false;
            o.refusedBecause = "already " + std::to_string(ctx.activeInterventions) +
                               " interventions in force (limit " + std::to_string(safety.maxActiveInterventions) + ")";
        }
    }
    std::stable_sort(options.begin(), options.end(), [](const InterventionOption& a, const InterventionOption& b) {
        if (a.reversible != b.reversible)
            return a.reversible;
        return a.magnitude < b.magnitude;
    });
}

} // namespace payops
