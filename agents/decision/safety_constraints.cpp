#include "safety_constraints.h"

#include <algorithm>
#include <cmath>

namespace payops {

bool suppressesAnIssuer(const InterventionOption& o)
{
    return o.type == "suppress_path" && o.target.rfind("issuer:", 0) == 0;
}

int allowedIssuerSuppressions(int issuers, const SafetyConfig& safety)
{
    if (issuers <= 0)
        return -1;
    // The epsilon keeps 0.5 x 4 at 2 whatever the rounding of the share read from YAML.
    return static_cast<int>(std::floor(safety.maxSuppressedIssuerShare * issuers + 1e-9));
}

void applySafetyConstraints(std::vector<InterventionOption>& options, const PlanningContext& ctx,
                            const SafetyConfig& safety)
{
    // In force or awaiting approval: approved, each of those suppresses too.
    const auto suppressedIssuers = static_cast<int>(
        std::count_if(ctx.activeOrPending.begin(), ctx.activeOrPending.end(),
                      [](const std::string& key) { return key.rfind("suppress_path|issuer:", 0) == 0; }));
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
        } else if (const int allowed = allowedIssuerSuppressions(ctx.issuers, safety);
                   suppressesAnIssuer(o) && allowed >= 0 && suppressedIssuers >= allowed) {
            if (allowed == 0) // one issuer, or the share set to 0: none at all, which "already suppressed" is not
                refuse(o, makePhrase(QT_TRANSLATE_NOOP("payops::Phrase",
                                                       "no issuer may be suppressed with %1 carrying traffic "
                                                       "(safety.max_suppressed_issuer_share)"),
                                     {phrase::whole(ctx.issuers)}));
            else
                refuse(o, makePhrase(
                              QT_TRANSLATE_NOOP("payops::Phrase",
                                                "%1 of %2 issuers already suppressed or awaiting approval to be "
                                                "(limit %3 at once): when most issuers fail, routing away from "
                                                "them leaves nowhere to route"),
                              {phrase::whole(suppressedIssuers), phrase::whole(ctx.issuers), phrase::whole(allowed)}));
        }
    }
    std::stable_sort(options.begin(), options.end(), [](const InterventionOption& a, const InterventionOption& b) {
        if (a.reversible != b.reversible)
            return a.reversible;
        return a.magnitude < b.magnitude;
    });
}

} // namespace payops
