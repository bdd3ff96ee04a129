#include "pre_mortem.h"

#include <algorithm>
#include <cmath>

namespace payops {

PreMortem runPreMortem(const InterventionOption& o, const SafetyConfig& s)
{
    PreMortem pm;
    if (o.isNoAction())
        return pm;
    const double irreversible = o.reversible ? 0.0 : s.premortemIrreversiblePenalty;
    pm.risk = std::min(1.0, s.premortemBlastWeight * o.blastRadius + s.premortemIrreversibleWeight * irreversible +
                                s.premortemRiskFrictionWeight * (0.4 * std::abs(o.risk) + 0.3 * std::abs(o.friction)) +
                                s.premortemConfidenceWeight * (1.0 - o.confidence));
    if (o.type == "suppress_path") {
        pm.worstCases = {QT_TRANSLATE_NOOP("payops::Phrase", "the issuer was healthy and good traffic is turned away"),
                         QT_TRANSLATE_NOOP("payops::Phrase", "the remaining issuers cannot absorb the extra volume")};
        pm.mitigations = {QT_TRANSLATE_NOOP("payops::Phrase", "expires on its own after the configured duration"),
                          QT_TRANSLATE_NOOP("payops::Phrase", "roll back by hand at any time"),
                          QT_TRANSLATE_NOOP("payops::Phrase", "automatic rollback if success drops or latency rises")};
    } else if (o.type == "reroute_traffic") {
        pm.worstCases = {
            QT_TRANSLATE_NOOP("payops::Phrase", "customers cannot complete payment on the alternative method"),
            QT_TRANSLATE_NOOP("payops::Phrase", "the alternative method degrades under the added load")};
        pm.mitigations = {QT_TRANSLATE_NOOP("payops::Phrase", "expires on its own"),
                          QT_TRANSLATE_NOOP("payops::Phrase", "roll back by hand"),
                          QT_TRANSLATE_NOOP("payops::Phrase", "automatic rollback on a success drop")};
    } else if (o.type == "reduce_retry_attempts") {
        pm.worstCases = {QT_TRANSLATE_NOOP("payops::Phrase", "payments that a retry would have saved now fail"),
                         QT_TRANSLATE_NOOP("payops::Phrase", "a system-wide change touches every merchant at once")};
        pm.mitigations = {QT_TRANSLATE_NOOP("payops::Phrase", "needs approval (blast radius 0.5)"),
                          QT_TRANSLATE_NOOP("payops::Phrase", "expires on its own"),
                          QT_TRANSLATE_NOOP("payops::Phrase", "roll back by hand")};
    } else if (o.type == "alert_ops") {
        pm.worstCases = {QT_TRANSLATE_NOOP("payops::Phrase", "alert fatigue if the anomaly is noise")};
        pm.mitigations = {QT_TRANSLATE_NOOP("payops::Phrase", "alerts are deduplicated per anomaly")};
    }
    return pm;
}

std::vector<Phrase> guardrailViolations(const InterventionOption& o, const SafetyConfig& s)
{
    std::vector<Phrase> out;
    if (o.blastRadius > s.maxAutonomousBlastRadius)
        out.push_back(
            twoFigurePhrase(QT_TRANSLATE_NOOP("payops::Phrase", "blast radius %1 > %2 allowed without approval"),
                            o.blastRadius, s.maxAutonomousBlastRadius));
    if (o.durationMs > s.maxAutonomousDurationMs)
        out.push_back(makePhrase(QT_TRANSLATE_NOOP("payops::Phrase", "duration %1 ms > %2 ms allowed without approval"),
                                 {phrase::whole(static_cast<double>(o.durationMs)),
                                  phrase::whole(static_cast<double>(s.maxAutonomousDurationMs))}));
    return out;
}

} // namespace payops
