#include "decision_policy.h"

#include "action/pre_mortem.h"
#include "core/json_error.h"
#include "core/logging.h"

#include <cstdio>
#include <nlohmann/json.hpp>

namespace payops {

const char* decisionKindName(DecisionKind k)
{
    switch (k) {
    case DecisionKind::NoAction:
        return "NO_ACTION";
    case DecisionKind::Act:
        return "ACTION";
    case DecisionKind::AwaitApproval:
        return "AWAITING_APPROVAL";
    }
    return "NO_ACTION";
}

void assessOptions(std::vector<InterventionOption>& options, double uncertainty, const AgentConfig& config)
{
    const auto& p = config.policy;
    char buf[160];
    for (auto& o : options) {
        o.preMortem = runPreMortem(o, config.safety);
        o.approvalReasons.clear();
        if (o.isNoAction())
            continue;
        if (o.blastRadius > p.approvalBlastRadius) {
            std::snprintf(buf, sizeof buf, "blast radius %.2f > %.2f", o.blastRadius, p.approvalBlastRadius);
            o.approvalReasons.emplace_back(buf);
        }
        if (uncertainty > p.approvalUncertainty) {
            std::snprintf(buf, sizeof buf, "uncertainty %.2f > %.2f", uncertainty, p.approvalUncertainty);
            o.approvalReasons.emplace_back(buf);
        }
        if (o.confidence < p.minConfidence) {
            std::snprintf(buf, sizeof buf, "confidence %.2f < min_confidence %.2f", o.confidence, p.minConfidence);
            o.approvalReasons.emplace_back(buf);
        }
        if (o.preMortem.risk >= p.approvalPremortemRisk) {
            std::snprintf(buf, sizeof buf, "pre-mortem risk %.2f >= %.2f", o.preMortem.risk, p.approvalPremortemRisk);
            o.approvalReasons.emplace_back(buf);
        }
        for (auto& g : guardrailViolations(o, config.safety)) {
            // The blast rule above already says this when both limits are equal; do not repeat it.
            if (g.rfind("blast radius", 0) == 0 && o.blastRadius > p.approvalBlastRadius)
                continue;
            o.approvalReasons.push_back(std::move(g));
        }
    }
}

Decision DecisionPolicy::decide(const std::vector<InterventionOption>& options, const AgentConfig& config)
{
    Decision d;
    d.quietCyclesBefore = m_quietCycles;
    const InterventionOption* best = nullptr;
    for (const auto& o : options) {
        if (o.isNoAction() || !o.allowed)
            continue;
        // Options arrive gentlest first, so on equal NRV the gentler one wins.
        if (!best || o.nrv > best->nrv)
            best = &o;
    }
    char buf[128];
    const int n = config.policy.minActionFrequencyCycles;
    const bool frequencyDue = n > 0 && m_quietCycles + 1 >= n;
    if (best && best->nrv > 0) {
        d.chosen = *best;
        std::snprintf(buf, sizeof buf, "best NRV %.2f > 0", best->nrv);
        d.reason = buf;
    } else if (frequencyDue) {
        d.forcedByFrequency = true;
        if (best) {
            d.chosen = *best;
        } else {
            InterventionOption alert;
            alert.type = "alert_ops";
            alert.target = "ops_team";
            alert.confidence = 1.0;
            alert.nrv = config.policy.baselineAlertNrv;
            alert.rationale = "baseline check-in: nothing detected for " + std::to_string(n) + " cycles";
            d.chosen = alert;
        }
        d.reason = "Minimum Frequency Rule";
    } else {
        d.reason = best ? "no option with positive NRV" : "no anomaly";
    }

    if (!d.chosen) {
        d.kind = DecisionKind::NoAction;
        ++m_quietCycles;
        return d;
    }
    d.kind = d.chosen->needsApproval() ? DecisionKind::AwaitApproval : DecisionKind::Act;
    m_quietCycles = 0;
    qCDebug(lcDecision) << "decided" << decisionKindName(d.kind) << d.chosen->type.c_str() << d.chosen->target.c_str();
    return d;
}

nlohmann::json DecisionPolicy::saveState() const
{
    return {{"quiet_cycles", m_quietCycles}};
}

Status DecisionPolicy::restoreState(const nlohmann::json& state)
{
    try {
        m_quietCycles = state.at("quiet_cycles").get<int>();
    } catch (const nlohmann::json::exception& e) {
        return Error{std::string("policy state is damaged: ") + jsonErrorText(e)};
    }
    return {};
}

} // namespace payops
