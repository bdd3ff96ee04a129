#include "pre_mortem.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

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
        pm.worstCases = {"the issuer was healthy and good traffic is turned away",
                         "the remaining issuers cannot absorb the extra volume"};
        pm.mitigations = {"expires on its own after the configured duration", "roll back by hand at any time",
                          "automatic rollback if success drops or latency rises"};
    } else if (o.type == "reroute_traffic") {
        pm.worstCases = {"customers cannot complete payment on the alternative method",
                         "the alternative method degrades under the added load"};
        pm.mitigations = {"expires on its own", "roll back by hand", "automatic rollback on a success drop"};
    } else if (o.type == "reduce_retry_attempts") {
        pm.worstCases = {"payments that a retry would have saved now fail",
                         "a system-wide change touches every merchant at once"};
        pm.mitigations = {"needs approval (blast radius 0.5)", "expires on its own", "roll back by hand"};
    } else if (o.type == "alert_ops") {
        pm.worstCases = {"alert fatigue if the anomaly is noise"};
        pm.mitigations = {"alerts are deduplicated per anomaly"};
    }
    return pm;
}

std::vector<std::string> guardrailViolations(const InterventionOption& o, const SafetyConfig& s)
{
    std::vector<std::string> out;
    char buf[160];
    if (o.blastRadius > s.maxAutonomousBlastRadius) {
        std::snprintf(buf, sizeof buf, "blast radius %.2f > %.2f allowed without approval", o.blastRadius,
                      s.maxAutonomousBlastRadius);
        out.emplace_back(buf);
    }
    if (o.durationMs > s.maxAutonomousDurationMs) {
        std::snprintf(buf, sizeof buf, "duration %lld ms > %lld ms allowed without approval",
                      static_cast<long long>(o.durationMs), static_cast<long long>(s.maxAutonomousDurationMs));
        out.emplace_back(buf);
    }
    return out;
}

} // namespace payops
