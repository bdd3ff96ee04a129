#include "intervention_planner.h"

#include "decision/nrv_calculator.h"

#include <algorithm>
#include <set>

namespace payops {

namespace {

InterventionOption fromTemplate(const InterventionTemplate& t, const PlanningContext& ctx)
{
    InterventionOption o;
    o.type = t.type;
    o.durationMs = t.durationMs;
    o.successImpact = t.successImpact;
    o.latencyImpactMs = t.latencyImpactMs;
    o.costImpact = t.costImpact;
    auto learned = ctx.learnedConfidence.find(t.type);
    o.confidence = learned != ctx.learnedConfidence.end() ? learned->second : t.confidence;
    o.risk = t.risk;
    o.friction = t.friction;
    o.blastRadius = t.blastRadius;
    o.reversible = t.reversible;
    if (t.type == "reduce_retry_attempts")
        o.maxRetries = t.maxRetries;
    return o;
}

} // namespace

std::vector<InterventionOption> planOptions(const std::vector<Anomaly>& anomalies, const PlanningContext& ctx,
                                            const AgentConfig& config, bool* leftOutInForce)
{
    if (leftOutInForce)
        *leftOutInForce = false;
    std::vector<InterventionOption> options;
    InterventionOption none;
    none.type = "no_action";
    none.target = "system";
    none.confidence = 1.0;
    none.rationale = "leave the system as it is";
    options.push_back(none);

    auto add = [&](const std::string& type, const std::string& target, const std::string& alternative, const Anomaly& a,
                   const std::string& rationale) {
        const InterventionTemplate* t = config.intervention(type);
        if (!t)
            return;
        auto existing = std::find_if(options.begin(), options.end(),
                                     [&](const auto& o) { return o.type == type && o.target == target; });
        if (existing != options.end()) {
            existing->anomalyIds.push_back(a.id);
            return;
        }
        if (ctx.activeOrPending.count(type + "|" + target)) {
            if (leftOutInForce)
                *leftOutInForce = true;
            return;
        }
        InterventionOption o = fromTemplate(*t, ctx);
        o.target = target;
        o.alternative = alternative;
        o.anomalyIds.push_back(a.id);
        o.rationale = rationale;
        options.push_back(o);
    };

    // Where a reroute must not send traffic: a method that is failing itself, or one whose own traffic is being moved
    // away. upi -> card and card -> upi were both offered while both failed, and approved, they piled the two methods'
    // traffic onto the failing card.
    std::set<std::string> failing;
    for (const auto& a : anomalies)
        failing.insert(a.dimension);
    for (const auto& a : anomalies) {
        for (Pattern p : a.patterns) {
            switch (p) {
            case Pattern::IssuerDegradation:
                add("suppress_path", a.dimension, {}, a, "route traffic away from degraded " + a.issuer);
                break;
            case Pattern::MethodFatigue: {
                const MethodProfile* m = config.method(a.method);
                const std::string to = m && !m->alternative.empty() ? "method:" + m->alternative : std::string();
                if (!to.empty() && !failing.count(to) && !ctx.activeOrPending.count("reroute_traffic|" + to))
                    add("reroute_traffic", a.dimension, to, a, "move " + a.method + " volume to " + m->alternative);
                break;
            }
            case Pattern::RetryStorm:
                add("reduce_retry_attempts", "system", {}, a, "cap retries to stop the storm feeding itself");
                break;
            case Pattern::LatencySpike:
                if (a.kind == DimensionKind::Issuer)
                    add("suppress_path", a.dimension, {}, a, "route traffic away from slow " + a.issuer);
                break;
            }
        }
    }
    if (!anomalies.empty()) {
        for (const auto& a : anomalies)
            add("alert_ops", "ops_team", {}, a, "page the on-call engineer with the evidence");
    }

    for (auto& o : options) {
        o.nrv = computeNrv(o, ctx.windowVolume, config.nrv);
        o.magnitude = safetyMagnitude(o);
    }
    return options;
}

} // namespace payops
