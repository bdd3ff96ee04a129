#include "cycle_snapshot.h"

#include "core/json_error.h"
#include "runtime/json_codec.h"

#include <stdexcept>

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

Result<CycleSnapshot> snapshotFromJson(const json& j)
{
    // A remote agent's snapshot: any missing key or wrong type is a malformed message, reported with the key
    // nlohmann names, never a crash. Learning results are not carried back (the console does not show them).
    try {
        CycleSnapshot s;
        s.cycle = j.at("cycle");
        s.timeMs = j.at("time_ms");
        s.elapsedMs = j.at("elapsed_ms");
        s.configVersion = j.at("config_version");
        s.scenario = j.at("scenario");
        s.windowTransactions = j.at("window_transactions");
        s.stats = j.at("stats").get<std::vector<DimensionStats>>();
        s.scores = j.at("scores").get<std::vector<DimensionScore>>();
        for (const json& h : j.at("issuer_health")) {
            IssuerHealth health;
            health.issuer = h.at("issuer");
            const std::string state = h.at("state");
            for (auto st : {HealthState::Healthy, HealthState::Degraded, HealthState::Down}) {
                if (state == healthStateName(st))
                    health.state = st;
            }
            health.reasons = h.at("reasons").get<std::vector<std::string>>();
            s.issuerHealth.push_back(std::move(health));
        }
        s.anomalies = j.at("anomalies").get<std::vector<Anomaly>>();
        s.clearedAnomalies = j.at("cleared_anomalies").get<std::vector<Anomaly>>();
        s.hypotheses = j.at("hypotheses").get<std::vector<Hypothesis>>();
        s.resolvedHypotheses = j.at("resolved_hypotheses").get<std::vector<Hypothesis>>();
        s.systemHealth = j.at("system_health");
        s.uncertainty = j.at("uncertainty");
        s.options = j.at("options").get<std::vector<InterventionOption>>();
        s.decision = j.at("decision").get<Decision>();
        if (const json& e = j.at("executed"); !e.is_null())
            s.executed = e.get<Intervention>();
        if (const json& a = j.at("approval_requested"); !a.is_null())
            s.approvalRequested = a.get<ApprovalRequest>();
        s.activeInterventions = j.at("active_interventions").get<std::vector<Intervention>>();
        s.endedInterventions = j.at("ended_interventions").get<std::vector<Intervention>>();
        s.pendingApprovals = j.at("pending_approvals").get<std::vector<ApprovalRequest>>();
        s.decidedApprovals = j.at("decided_approvals").get<std::vector<ApprovalRequest>>();
        s.learnedConfidence = j.at("learned_confidence").get<std::map<std::string, double>>();
        const json& q = j.at("data_quality");
        s.dataQuality.accepted = q.at("accepted");
        s.dataQuality.rejected = q.at("rejected");
        s.dataQuality.rejectedByReason = q.at("rejected_by_reason").get<std::map<std::string, std::uint64_t>>();
        return s;
    } catch (const json::exception& e) {
        return Error{std::string("malformed cycle snapshot: ") + jsonErrorText(e)};
    } catch (const std::invalid_argument& e) { // a value out of its domain (an unknown dimension kind, ...)
        return Error{std::string("malformed cycle snapshot: ") + e.what()};
    }
}

} // namespace payops
