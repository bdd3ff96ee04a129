#include "cycle_snapshot.h"

#include "runtime/json_codec.h"

namespace payops {

using nlohmann::json;

const char* healthStateName(HealthState s)
{
    switch (s) {
    case HealthState::Healthy:
        return "HEALTHY";
    case HealthState::Degraded:
        return "DEGRADED";
    case HealthState::Down:
        return "DOWN";
    }
    return "HEALTHY";
}

const DimensionStats* CycleSnapshot::statsFor(const std::string& key) const
{
    for (const auto& s : stats) {
        if (s.key == key)
            return &s;
    }
    return nullptr;
}

json snapshotToJson(const CycleSnapshot& s)
{
    json health = json::array();
    for (const auto& h : s.issuerHealth)
        health.push_back({{"issuer", h.issuer}, {"state", healthStateName(h.state)}, {"reasons", h.reasons}});
    return {{"cycle", s.cycle},
            {"time_ms", s.timeMs},
            {"elapsed_ms", s.elapsedMs},
            {"config_version", s.configVersion},
            {"scenario", s.scenario},
            {"window_transactions", s.windowTransactions},
            {"stats", s.stats},
            {"scores", s.scores},
            {"issuer_health", health},
            {"anomalies", s.anomalies},
            {"cleared_anomalies", s.clearedAnomalies},
            {"hypotheses", s.hypotheses},
            {"resolved_hypotheses", s.resolvedHypotheses},
            {"system_health", s.systemHealth},
            {"uncertainty", s.uncertainty},
            {"options", s.options},
            {"decision", s.decision},
            {"executed", s.executed ? json(*s.executed) : json(nullptr)},
            {"approval_requested", s.approvalRequested ? json(*s.approvalRequested) : json(nullptr)},
            {"active_interventions", s.activeInterventions},
            {"ended_interventions", s.endedInterventions},
            {"pending_approvals", s.pendingApprovals},
            {"decided_approvals", s.decidedApprovals},
            {"learning", s.learning},
            {"learned_confidence", s.learnedConfidence},
            {"data_quality",
             {{"accepted", s.dataQuality.accepted},
              {"rejected", s.dataQuality.rejected},
              {"rejected_by_reason", s.dataQuality.rejectedByReason}}}};
}

} // namespace payops
