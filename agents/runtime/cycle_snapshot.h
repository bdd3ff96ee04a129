#pragma once
// Everything one cycle saw, thought and did, as an immutable value handed from the runtime's thread to the UI,
// the CLI's report and the audit log. Nothing in it is computed by its readers.

#include "action/intervention.h"
#include "approvals/approval_request.h"
#include "core/result.h"
#include "decision/decision_policy.h"
#include "learning/learning_result.h"
#include "reasoning/anomaly_detector.h"
#include "reasoning/hypothesis.h"
#include "stream/transaction_validator.h"

#include <QMetaType>
#include <map>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

namespace payops {

enum class HealthState { Healthy, Degraded, Down };
const char* healthStateName(HealthState s); // HEALTHY, DEGRADED, DOWN

struct IssuerHealth {
    std::string issuer;
    HealthState state = HealthState::Healthy;
    std::vector<std::string> reasons; // the evidence rules that flagged it
};

struct CycleSnapshot {
    std::int64_t cycle = 0;
    TimeMs timeMs = 0;
    TimeMs elapsedMs = 0; // since the run started
    std::int64_t configVersion = 0;
    std::string scenario;
    std::size_t windowTransactions = 0;
    std::vector<DimensionStats> stats;
    std::vector<DimensionScore> scores;
    std::vector<IssuerHealth> issuerHealth;
    std::vector<Anomaly> anomalies;
    std::vector<Anomaly> clearedAnomalies;
    std::vector<Hypothesis> hypotheses;
    std::vector<Hypothesis> resolvedHypotheses;
    double systemHealth = 1.0;
    double uncertainty = 0.0;
    std::vector<InterventionOption> options;
    Decision decision;
    std::optional<Intervention> executed;
    std::optional<ApprovalRequest> approvalRequested;
    std::vector<Intervention> activeInterventions;
    std::vector<Intervention> endedInterventions; // ended this cycle (expired, rolled back)
    std::vector<ApprovalRequest> pendingApprovals;
    std::vector<ApprovalRequest> decidedApprovals; // approved / rejected / expired since the previous cycle
    std::vector<LearningResult> learning;
    std::map<std::string, double> learnedConfidence;
    DataQuality dataQuality; // external records accepted and rejected (by reason) so far

    const DimensionStats* statsFor(const std::string& key) const;
};

using CycleSnapshotPtr = std::shared_ptr<const CycleSnapshot>;

nlohmann::json snapshotToJson(const CycleSnapshot& s);
// The inverse (a remote agent's cycle telemetry): everything the console shows; `learning` comes back empty.
Result<CycleSnapshot> snapshotFromJson(const nlohmann::json& j);

} // namespace payops

// Crosses threads in queued signals (runtime -> GUI, sync -> GUI).
Q_DECLARE_METATYPE(payops::CycleSnapshotPtr)
