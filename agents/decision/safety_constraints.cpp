#include "safety_constraints.h"

#include <algorithm>

namespace payops {

void applySafetyConstraints(std::vector<InterventionOption>& options, const PlanningContext& ctx,
                            const SafetyConfig& safety)
{
    for (auto& o : options) {
        if (o.isNoAction())
            continue;
        const auto veto =
            std::find_if(ctx.vetoes.begin(), ctx.vetoes.end(), [&](const auto& v) { return v.covers(o); });
        if (veto != ctx.vetoes.end()) {
            // A person's no outranks the numbers: it is the one judgement the agent cannot make for itself.
            refuse(o, vetoPhrase(*veto));
        } else if (auto f = ctx.fraudRisk.find(o.target); f != ctx.fraudRisk.end() && f->second > safety.maxFraudRisk) {
            refuse(o, twoFigurePhrase(QT_TRANSLATE_NOOP("payops::Phrase", "fraud risk %1 exceeds the limit %2"),
                                      f->second, safety.maxFraudRisk));
        } else if (auto c = ctx.complianceRisk.find(o.target);
                   c != ctx.complianceRisk.end() && c->second > safety.maxComplianceRisk) {
            refuse(o, twoFigurePhrase(QT_TRANSLATE_NOOP("payops::Phrase", "compliance risk %1 exceeds the limit %2"),
                                      c->second, safety.maxComplianceRisk));
        } else if (o.type != "alert_ops" && ctx.activeInterventions >= safety.maxActiveInterventions) {
            refuse(o,
                   makePhrase(QT_TRANSLATE_NOOP("payops::Phrase", "already %1 interventions in force (limit %2)"),
                              {phrase::whole(ctx.activeInterventions), phrase::whole(safety.maxActiveInterventions)}));
        }
    }
    std::stable_sort(options.begin(), options.end(), [](const InterventionOption& a, const InterventionOption& b) {
        if (a.reversible != b.reversible)
            return a.reversible;
        return a.magnitude < b.magnitude;
    });
}

} // namespace payops
