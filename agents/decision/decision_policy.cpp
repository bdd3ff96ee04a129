#include "decision_policy.h"

#include "action/pre_mortem.h"
#include "core/json_error.h"
#include "core/logging.h"

#include <algorithm>
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
    for (auto& o : options) {
        o.preMortem = runPreMortem(o, config.safety);
        o.approvalReasons.clear();
        o.approvalReasonPhrases.clear();
        if (o.isNoAction())
            continue;
        const bool blast = o.blastRadius > p.approvalBlastRadius;
        if (blast)
            addApprovalReason(o, twoFigurePhrase(QT_TRANSLATE_NOOP("payops::Phrase", "blast radius %1 > %2"),
                                                 o.blastRadius, p.approvalBlastRadius));
        if (uncertainty > p.approvalUncertainty)
            addApprovalReason(o, twoFigurePhrase(QT_TRANSLATE_NOOP("payops::Phrase", "uncertainty %1 > %2"),
                                                 uncertainty, p.approvalUncertainty));
        if (o.confidence < p.minConfidence)
            addApprovalReason(o,
                              twoFigurePhrase(QT_TRANSLATE_NOOP("payops::Phrase", "confidence %1 < min_confidence %2"),
                                              o.confidence, p.minConfidence));
        if (o.preMortem.risk >= p.approvalPremortemRisk)
            addApprovalReason(o, twoFigurePhrase(QT_TRANSLATE_NOOP("payops::Phrase", "pre-mortem risk %1 >= %2"),
                                                 o.preMortem.risk, p.approvalPremortemRisk));
        for (Phrase& g : guardrailViolations(o, config.safety)) {
            // The blast rule above already says this when both limits are equal; do not repeat it.
            if (blast && g.english().rfind("blast radius", 0) == 0)
                continue;
            addApprovalReason(o, std::move(g));
        }
    }
}

Decision DecisionPolicy::decide(const std::vector<InterventionOption>& options, std::size_t activeAnomalies,
                                const AgentConfig& config, bool leftOutInForce)
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
    // An incident whose every option is in force, awaiting approval or refused: the agent is not idle, and a
    // "nothing detected" check-in sent in its middle (it was, every sixth cycle of an outage) would be false.
    const bool waiting = activeAnomalies > 0 && !best;
    const int n = config.policy.minActionFrequencyCycles;
    const bool frequencyDue = n > 0 && m_quietCycles + 1 >= n && !waiting;
    if (best && best->nrv > 0) {
        d.chosen = *best;
        setReason(d, makePhrase(QT_TRANSLATE_NOOP("payops::Phrase", "best NRV %1 > 0"), {phrase::fixed(best->nrv, 2)}));
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
        setReason(d, makePhrase(QT_TRANSLATE_NOOP("payops::Phrase", "Minimum Frequency Rule")));
    } else if (best) {
        setReason(d, makePhrase(QT_TRANSLATE_NOOP("payops::Phrase", "no option with positive NRV")));
    } else if (std::any_of(options.begin(), options.end(), [](const auto& o) { return !o.isNoAction(); })) {
        // Said "no anomaly" while an outage went on and every option was refused (each says why).
        setReason(
            d, leftOutInForce
                   ? makePhrase(QT_TRANSLATE_NOOP("payops::Phrase", "every option not already in force or awaiting "
                                                                    "approval refused by the safety constraints"))
                   : makePhrase(QT_TRANSLATE_NOOP("payops::Phrase", "every option refused by the safety constraints")));
    } else if (waiting) {
        setReason(
            d, makePhrase(QT_TRANSLATE_NOOP("payops::Phrase", "every option already in force or awaiting approval")));
    } else {
        setReason(d, makePhrase(QT_TRANSLATE_NOOP("payops::Phrase", "no anomaly")));
    }

    if (!d.chosen) {
        d.kind = DecisionKind::NoAction;
        // After waiting on an incident, "nothing detected for 6 cycles" counts from its end.
        m_quietCycles = waiting ? 0 : m_quietCycles + 1;
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
