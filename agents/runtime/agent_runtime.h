#pragma once
// The embedded agent: simulator -> window -> detector -> hypotheses -> learner -> planner -> policy ->
// approvals / executor, one cycle every policy.cycle_interval_ms of simulated time. Single-threaded by design:
// the console runs it on a worker thread and only ever sees the immutable snapshots it returns.
//
// Deterministic: the same seed, config, scenario and operator actions give the same transactions, decisions and
// audit records. Operator actions take effect at the moment they are made (in simulated time).

#include "action/intervention_executor.h"
#include "approvals/approval_queue.h"
#include "config/agent_config.h"
#include "core/clock.h"
#include "decision/decision_policy.h"
#include "decision/operator_vetoes.h"
#include "learning/outcome_learner.h"
#include "reasoning/anomaly_detector.h"
#include "reasoning/hypothesis_tracker.h"
#include "runtime/cycle_snapshot.h"
#include "store/agent_store.h"
#include "stream/simulator.h"
#include "stream/transaction_validator.h"
#include "stream/transaction_window.h"

#include <deque>
#include <map>
#include <utility>

namespace payops {

// The audit record of an operator's decision that was refused, by the agent at its cycle or by payops-agent before
// queueing it: one shape, the run's time and config version, so the log reads the same whoever refused.
AuditEntry commandRefusedRecord(const std::string& actor, const std::string& command, std::int64_t targetId,
                                const std::string& reason, const std::string& why, TimeMs timeMs,
                                std::int64_t configVersion);

class AgentRuntime {
public:
    AgentRuntime(AgentConfig config, std::uint64_t seed, std::int64_t configVersion = 1);

    // The scenario starts now (its offsets count from the current simulated time).
    Status setScenario(const Scenario& scenario);
    // After a restore: the scenario continues from the start recorded in the checkpoint.
    Status setScenario(const Scenario& scenario, TimeMs startMs);
    const std::string& scenarioName() const { return m_scenarioName; }

    const Clock& clock() const { return m_clock; }
    TimeMs nowMs() const { return m_clock.nowMs(); }
    TimeMs startMs() const { return m_startMs; }
    std::int64_t cycle() const { return m_cycle; }
    TimeMs nextCycleMs() const { return m_nextCycleMs; }
    const AgentConfig& config() const { return m_config; }
    std::int64_t configVersion() const { return m_configVersion; }

    // Advances simulated time to the next cycle boundary and runs the cycle.
    CycleSnapshotPtr runCycle();
    // Generates and windows transactions up to `toMs` (<= the next cycle) without running a cycle: the console
    // streams between cycles with it, and the benchmark separates ingest cost from decide cost.
    void advanceStreamTo(TimeMs toMs);

    // A new config applies from the next cycle; cycles record the version they ran with. Issuers and methods
    // cannot change under a running simulator (transactions in the window refer to them): that needs a new run.
    // checkConfigChange says whether setConfig would take the config, before a version is recorded for it; the
    // audit log names `actor` as the one who changed it.
    Status checkConfigChange(const AgentConfig& config) const;
    // sha256: the hash of the version's text, which the config_change audit record carries.
    Status setConfig(const AgentConfig& config, std::int64_t version, const std::string& sha256,
                     const std::string& actor);
    // Risk inputs from a risk service, by target ("issuer:HDFC"); the safety constraints use them when present.
    void setRiskInputs(std::map<std::string, double> fraud, std::map<std::string, double> compliance);

    // A transaction from outside the simulator (a remote feed): validated, then windowed with the simulated ones.
    // A rejected record is counted in the snapshot's data quality with its reason, and the error says why.
    Status ingestRecord(const TransactionRecord& record);
    const DataQuality& dataQuality() const { return m_validator.quality(); }

    // Operator actions. Errors name the id and why ("no approval request 7", "... is already rejected").
    // reason (optional for an approval): why, in the decider's words, kept with the decision and in the audit log.
    Result<ApprovalRequest> approve(std::int64_t approvalId, const std::string& actor, const std::string& reason = {});
    Result<ApprovalRequest> reject(std::int64_t approvalId, const std::string& actor, const std::string& reason);
    Result<Intervention> rollback(std::int64_t interventionId, const std::string& actor, const std::string& reason);
    // An operator's decision that could not be applied (queued while no agent ran, and overtaken): audited as refused
    // with its reason, so the log holds every decision a person took, not only those that took effect.
    void auditRefusedCommand(const std::string& actor, const std::string& command, std::int64_t targetId,
                             const std::string& reason, const std::string& why);

    const ApprovalQueue& approvals() const { return m_approvals; }
    void continueApprovalIdsAfter(std::int64_t lastUsedId) { m_approvals.continueIdsAfter(lastUsedId); }
    const InterventionExecutor& executor() const { return m_executor; }
    const OutcomeLearner& learner() const { return m_learner; }
    const OperatorVetoes& vetoes() const { return m_vetoes; }
    const TransactionWindow& window() const { return m_window; }
    const Simulator& simulator() const { return m_simulator; }
    const Dictionary& dictionary() const { return m_dict; }

    // Audit records and newly generated transactions since the last call (the session persists them).
    std::vector<AuditEntry> takeAudit() { return std::exchange(m_audit, {}); }
    std::vector<Transaction> takeNewTransactions() { return std::exchange(m_newTransactions, {}); }

    nlohmann::json saveState() const;
    // Restores a checkpoint; `window` are the retained transactions saved with it, oldest first.
    Status restoreState(const nlohmann::json& state, const std::vector<Transaction>& window);

private:
    // Hands the detector's slow-tail bars to the window for the next cycle's transactions.
    void setSlowBars();
    void audit(const std::string& actor, const std::string& kind, nlohmann::json inputs, nlohmann::json outcome);
    void refreshFeedback();
    CumulativeCounters countersBefore(TimeMs t) const;
    TimeMs learningBaselineFrom(const InterventionOption& option) const;
    Result<Intervention> execute(const InterventionOption& option, const std::string& source);
    Result<Intervention> rollBack(std::int64_t interventionId, const std::string& actor, const std::string& reason,
                                  OperatorVeto::How how);

    AgentConfig m_config;
    std::int64_t m_configVersion;
    std::uint64_t m_seed;
    Dictionary m_dict;
    ManualClock m_clock;
    TimeMs m_startMs;
    Simulator m_simulator;
    TransactionWindow m_window;
    AnomalyDetector m_detector;
    HypothesisTracker m_hypotheses;
    DecisionPolicy m_policy;
    InterventionExecutor m_executor;
    ApprovalQueue m_approvals;
    OutcomeLearner m_learner;
    OperatorVetoes m_vetoes;
    std::string m_scenarioName;
    std::int64_t m_cycle = 0;
    TimeMs m_nextCycleMs;
    std::map<std::string, double> m_fraudRisk, m_complianceRisk;
    std::deque<std::pair<TimeMs, CumulativeCounters>> m_counterHistory; // per cycle, for the learner
    std::vector<ApprovalRequest> m_decidedSinceCycle;
    int m_issuersWithTraffic = 0; // in the last cycle's window (0 before the first: no suppression limit known)
    std::vector<Intervention> m_endedSinceCycle;
    std::vector<AuditEntry> m_audit;
    std::vector<Transaction> m_newTransactions;
    std::vector<Transaction> m_buffer;
    TransactionValidator m_validator;
};

} // namespace payops
