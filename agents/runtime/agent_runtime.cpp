#include "agent_runtime.h"

#include "config/key_suggestion.h"
#include "core/json_error.h"
#include "core/logging.h"
#include "core/vector_state.h"
#include "decision/intervention_planner.h"
#include "decision/safety_constraints.h"
#include "runtime/json_codec.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>

namespace payops {

using nlohmann::json;

namespace {
// How the agent's own interventions scaled each dimension's traffic over the cycle just ended: those in force, and
// those that ended (expired, rolled back) since the last cycle, whose effect the cycle still had; the smaller scale
// where both touch one dimension. A suppressed issuer keeps its template's share, a rerouted method none.
std::map<std::string, double> trafficScale(const std::vector<Intervention>& active,
                                           const std::vector<Intervention>& ended, const AgentConfig& config)
{
    std::map<std::string, double> scale;
    const auto add = [&](const Intervention& iv) {
        const std::optional<double> kept = InterventionExecutor::keptTraffic(iv.option, config);
        if (!kept)
            return;
        const auto [it, inserted] = scale.emplace(iv.option.target, *kept);
        if (!inserted)
            it->second = std::min(it->second, *kept);
    };
    for (const Intervention& iv : active)
        add(iv);
    for (const Intervention& iv : ended)
        add(iv);
    return scale;
}
} // namespace

AgentRuntime::AgentRuntime(AgentConfig config, std::uint64_t seed, std::int64_t configVersion)
    : m_config(std::move(config)), m_configVersion(configVersion), m_seed(seed),
      m_clock(m_config.simulator.startTimeMs), m_startMs(m_config.simulator.startTimeMs),
      m_simulator(m_config.simulator, m_dict, seed),
      m_window(m_dict, m_config.detector.windowMs, m_config.detector.minWindowTx,
               m_config.detector.retryStormHighCount),
      m_detector(m_config.detector), m_hypotheses(m_config.hypotheses), m_learner(m_config.interventions),
      m_nextCycleMs(m_startMs + m_config.policy.cycleIntervalMs), m_validator(m_dict, [&] {
          std::vector<std::string> names;
          for (const auto& m : m_config.simulator.methods)
              names.push_back(m.name);
          return names;
      }())
{
    m_window.setRecentCycles(m_config.detector.recentWindowCycles);
    refreshFeedback();
}

Status AgentRuntime::setScenario(const Scenario& scenario)
{
    return setScenario(scenario, m_clock.nowMs());
}

Status AgentRuntime::setScenario(const Scenario& scenario, TimeMs startMs)
{
    Status s = m_simulator.setScenario(scenario, startMs);
    if (s.ok())
        m_scenarioName = scenario.name;
    return s;
}

Status AgentRuntime::checkConfigChange(const AgentConfig& config) const
{
    auto names = [](const auto& list) {
        std::vector<std::string> out;
        for (const auto& item : list)
            out.push_back(item.name);
        return out;
    };
    // Transactions in the window refer to issuers and methods by position, so even a new order needs a new run.
    for (const auto& [what, now, given] :
         {std::tuple{"issuers", names(m_config.simulator.issuers), names(config.simulator.issuers)},
          std::tuple{"methods", names(m_config.simulator.methods), names(config.simulator.methods)}}) {
        if (now != given)
            return Error{std::string("changes the simulator's ") + what + " (" + joinNames(now) + " -> " +
                         joinNames(given) + "); that needs a new run (--new-run)"};
    }
    return {};
}

Status AgentRuntime::setConfig(const AgentConfig& config, std::int64_t version, const std::string& sha256,
                               const std::string& actor)
{
    if (Status s = checkConfigChange(config); !s.ok())
        return Error{"config version " + std::to_string(version) + " " + s.error()};
    m_config = config;
    m_learner.adoptTemplates(config.interventions);
    m_configVersion = version;
    m_simulator.setConfig(config.simulator);
    m_window.setWindow(config.detector.windowMs, config.detector.minWindowTx, config.detector.retryStormHighCount);
    // Between cycles the clock is at the last one's end: a new count (or retry threshold) rebuilds the recent cycles
    // from the window rather than starting them empty.
    m_window.setRecentCycles(config.detector.recentWindowCycles);
    m_window.rebuildRecentCycles(m_clock.nowMs(), config.policy.cycleIntervalMs, m_cycle);
    m_detector.setConfig(config.detector);
    setSlowBars(); // the next cycle is counted against the new factor (or not at all, with the rule off)
    m_hypotheses.setTemplates(config.hypotheses);
    m_vetoes.setHold(config.safety.operatorVetoMs);
    audit(actor, "config_change", {{"config_version", version}, {"config_sha256", sha256}},
          {{"applies_from_cycle", m_cycle + 1}});
    refreshFeedback();
    return {};
}

void AgentRuntime::setRiskInputs(std::map<std::string, double> fraud, std::map<std::string, double> compliance)
{
    m_fraudRisk = std::move(fraud);
    m_complianceRisk = std::move(compliance);
}

void AgentRuntime::audit(const std::string& actor, const std::string& kind, json inputs, json outcome)
{
    AuditEntry e;
    e.timeMs = m_clock.nowMs();
    e.actor = actor;
    e.kind = kind;
    e.configVersion = m_configVersion;
    e.inputsJson = inputs.dump();
    e.outcomeJson = outcome.dump();
    m_audit.push_back(std::move(e));
}

void AgentRuntime::refreshFeedback()
{
    m_simulator.setFeedback(m_executor.feedback(m_dict, m_config));
}

CumulativeCounters AgentRuntime::countersBefore(TimeMs t) const
{
    CumulativeCounters best;
    for (const auto& [time, counters] : m_counterHistory) {
        if (time <= t)
            best = counters;
    }
    return best;
}

TimeMs AgentRuntime::learningBaselineFrom(const InterventionOption& option) const
{
    // The learner compares the effect window after applying with the time before it. That time starts at the onset
    // of the incident the option answers (the cycle whose traffic first raised its anomaly), at most one effect
    // window back: from a full window back, a suppression applied two cycles into an outage was compared with mostly
    // healthy traffic, judged a failure, and its type's confidence fell under min_confidence.
    const TimeMs now = m_clock.nowMs();
    TimeMs from = now - m_config.learning.effectWindowMs;
    std::optional<TimeMs> onset;
    for (const auto& [dimension, a] : m_detector.active()) {
        if (std::find(option.anomalyIds.begin(), option.anomalyIds.end(), a.id) != option.anomalyIds.end())
            onset = std::min(onset.value_or(a.startedMs), a.startedMs);
    }
    if (onset)
        from = std::max(from, std::min(*onset, now) - m_config.policy.cycleIntervalMs);
    return from;
}

Result<Intervention> AgentRuntime::execute(const InterventionOption& option, const std::string& source)
{
    const TimeMs now = m_clock.nowMs();
    auto applied = m_executor.apply(option, now, source, countersBefore(learningBaselineFrom(option)),
                                    m_window.cumulativeGlobal(), m_config.safety.maxActiveInterventions);
    if (applied.ok()) {
        audit(source == "autonomous" ? "agent" : source, "action_applied", {{"option", option}},
              {{"intervention", applied.value()}});
        refreshFeedback();
    }
    return applied;
}

Result<ApprovalRequest> AgentRuntime::approve(std::int64_t approvalId, const std::string& actor,
                                              const std::string& reason)
{
    const ApprovalRequest* pending = m_approvals.find(approvalId);
    if (pending && pending->state == ApprovalState::Pending && pending->option.type != "alert_ops" &&
        m_executor.activeCount() >= m_config.safety.maxActiveInterventions)
        return Error{"approval request " + std::to_string(approvalId) + " cannot run now: " +
                     std::to_string(m_executor.activeCount()) + " interventions already in force"};
    // A suppression asked for before a config lowered safety.max_suppressed_issuer_share, or while others were
    // approved meanwhile: checked against the suppressions in force now.
    if (pending && pending->state == ApprovalState::Pending && suppressesAnIssuer(pending->option)) {
        const auto& active = m_executor.active();
        const auto inForce = std::count_if(active.begin(), active.end(),
                                           [](const Intervention& iv) { return suppressesAnIssuer(iv.option); });
        const int allowed = allowedIssuerSuppressions(m_issuersWithTraffic, m_config.safety);
        if (allowed >= 0 && inForce >= allowed)
            return Error{"approval request " + std::to_string(approvalId) +
                         " cannot run now: " + std::to_string(inForce) + " of " + std::to_string(m_issuersWithTraffic) +
                         " issuers already suppressed (safety.max_suppressed_issuer_share allows " +
                         std::to_string(allowed) + " at once)"};
    }
    auto decided = m_approvals.approve(approvalId, actor, m_clock.nowMs());
    if (!decided.ok())
        return decided;
    decided.value().reason = reason;
    json inputs{{"approval_id", approvalId}};
    if (!reason.empty())
        inputs["reason"] = reason;
    audit(actor, "approval_approved", std::move(inputs), {{"request", decided.value()}});
    auto applied = execute(decided->option, "approval #" + std::to_string(approvalId) + " by " + actor);
    if (applied.ok()) {
        m_approvals.setInterventionId(approvalId, applied->id);
        decided.value().interventionId = applied->id;
    }
    m_decidedSinceCycle.push_back(decided.value());
    return decided;
}

AuditEntry commandRefusedRecord(const std::string& actor, const std::string& command, std::int64_t targetId,
                                const std::string& reason, const std::string& why, TimeMs timeMs,
                                std::int64_t configVersion)
{
    AuditEntry e;
    e.timeMs = timeMs;
    e.actor = actor;
    e.kind = "command_refused";
    e.configVersion = configVersion;
    e.inputsJson = json{{"command", command}, {"target_id", targetId}, {"reason", reason}}.dump();
    e.outcomeJson = json{{"refused", why}}.dump();
    return e;
}

void AgentRuntime::auditRefusedCommand(const std::string& actor, const std::string& command, std::int64_t targetId,
                                       const std::string& reason, const std::string& why)
{
    m_audit.push_back(commandRefusedRecord(actor, command, targetId, reason, why, m_clock.nowMs(), m_configVersion));
}

Result<ApprovalRequest> AgentRuntime::reject(std::int64_t approvalId, const std::string& actor,
                                             const std::string& reason)
{
    auto decided = m_approvals.reject(approvalId, actor, reason, m_clock.nowMs());
    if (decided.ok()) {
        audit(actor, "approval_rejected", {{"approval_id", approvalId}, {"reason", reason}},
              {{"request", decided.value()}});
        m_vetoes.record(decided->option, OperatorVeto::How::Rejected, approvalId, actor, m_clock.nowMs(),
                        m_config.safety.operatorVetoMs);
        m_decidedSinceCycle.push_back(decided.value());
    }
    return decided;
}

Result<Intervention> AgentRuntime::rollback(std::int64_t interventionId, const std::string& actor,
                                            const std::string& reason)
{
    return rollBack(interventionId, actor, reason, OperatorVeto::How::RolledBack);
}

Result<Intervention> AgentRuntime::rollBack(std::int64_t interventionId, const std::string& actor,
                                            const std::string& reason, OperatorVeto::How how)
{
    auto rolled = m_executor.rollback(interventionId, m_clock.nowMs(), actor, reason);
    if (rolled.ok()) {
        audit(actor, "rollback", {{"intervention_id", interventionId}, {"reason", reason}},
              {{"intervention", rolled.value()}});
        // Learning's automatic rollback too: the intervention did harm, and would be applied again at once.
        m_vetoes.record(rolled->option, how, interventionId, actor, m_clock.nowMs(), m_config.safety.operatorVetoMs);
        m_endedSinceCycle.push_back(rolled.value());
        refreshFeedback();
    }
    return rolled;
}

Status AgentRuntime::ingestRecord(const TransactionRecord& record)
{
    auto tx = m_validator.validate(record, m_clock.nowMs());
    if (!tx.ok())
        return tx.failure();
    m_window.ingest(tx.value());
    m_newTransactions.push_back(tx.value());
    return {};
}

void AgentRuntime::advanceStreamTo(TimeMs toMs)
{
    toMs = std::min(toMs, m_nextCycleMs);
    if (toMs <= m_simulator.timeMs())
        return;
    m_buffer.clear();
    m_simulator.advanceTo(toMs, m_buffer);
    m_window.ingest(m_buffer);
    m_window.advanceTo(toMs);
    m_newTransactions.insert(m_newTransactions.end(), m_buffer.begin(), m_buffer.end());
    m_clock.setMs(toMs);
}

CycleSnapshotPtr AgentRuntime::runCycle()
{
    clearUpperVectorState(); // core/vector_state.h: the console's or the command line's Qt code may have dirtied it
    const TimeMs t = m_nextCycleMs;
    advanceStreamTo(t);
    ++m_cycle;
    m_nextCycleMs = t + m_config.policy.cycleIntervalMs;

    auto snap = std::make_shared<CycleSnapshot>();
    snap->cycle = m_cycle;
    snap->timeMs = t;
    snap->elapsedMs = t - m_startMs;
    snap->configVersion = m_configVersion;
    snap->scenario = m_scenarioName;
    snap->windowTransactions = m_window.windowCount();

    // Interventions that reached their end.
    for (auto& iv : m_executor.expire(t)) {
        audit("agent", "action_expired", {{"intervention_id", iv.id}}, {{"intervention", iv}});
        m_endedSinceCycle.push_back(iv);
    }
    refreshFeedback();

    snap->stats = m_window.stats();
    // Reason.
    const std::vector<DimensionStats> cycleStats = m_window.takeCycleStats(); // closes the cycle: recent has it too
    m_detector.setTrafficScale(trafficScale(m_executor.active(), m_endedSinceCycle, m_config));
    DetectionResult detection = m_detector.detect(snap->stats, cycleStats, m_window.recentStats(), t);
    setSlowBars();
    HypothesisUpdate hyp = m_hypotheses.update(detection.active, t);

    // Learn from interventions whose effect window has passed, before planning, so plans use what was learned.
    const CumulativeCounters now = m_window.cumulativeGlobal();
    std::vector<const Intervention*> due;
    for (const auto& iv : m_executor.active()) {
        if (!iv.evaluated && iv.appliedMs + m_config.learning.effectWindowMs <= t)
            due.push_back(&iv);
    }
    for (const auto& iv : m_executor.ended()) {
        if (!iv.evaluated && iv.state == InterventionState::Expired &&
            iv.appliedMs + m_config.learning.effectWindowMs <= t)
            due.push_back(&iv);
    }
    std::vector<std::int64_t> toRollBack;
    for (const Intervention* iv : due) {
        LearningResult r = m_learner.evaluate(*iv, now, t, m_config.learning);
        audit("agent", "learning", {{"intervention_id", iv->id}}, r);
        if (r.rollback && iv->state == InterventionState::Active)
            toRollBack.push_back(iv->id);
        snap->learning.push_back(r);
    }
    for (const auto& r : snap->learning)
        m_executor.markEvaluated(r.interventionId);
    for (auto id : toRollBack) {
        std::string reason;
        for (const auto& r : snap->learning) {
            if (r.interventionId == id)
                reason = r.rollbackReason;
        }
        (void)rollBack(id, "learning (automatic rollback)", reason, OperatorVeto::How::RolledBackByLearning);
    }

    // Pending approvals whose anomalies cleared (or that timed out) expire.
    std::set<std::int64_t> activeIds;
    for (const auto& a : detection.active)
        activeIds.insert(a.id);
    for (auto& r : m_approvals.expire(activeIds, t)) {
        audit("agent", "approval_expired", {{"approval_id", r.id}}, {{"request", r}});
        m_decidedSinceCycle.push_back(r);
    }

    // Decide.
    PlanningContext ctx;
    const DimensionStats* global = nullptr;
    for (const auto& s : snap->stats) {
        if (s.kind == DimensionKind::Global)
            global = &s;
        else if (s.kind == DimensionKind::Issuer && s.count > 0)
            ++ctx.issuers;
    }
    ctx.windowVolume = global ? global->count : 0;
    m_issuersWithTraffic = ctx.issuers;
    ctx.learnedConfidence = m_learner.confidences();
    for (const auto& iv : m_executor.active())
        ctx.activeOrPending.insert(iv.option.type + "|" + iv.option.target);
    for (const auto& r : m_approvals.pending())
        ctx.activeOrPending.insert(r.option.type + "|" + r.option.target);
    ctx.fraudRisk = m_fraudRisk;
    ctx.complianceRisk = m_complianceRisk;
    ctx.activeInterventions = m_executor.activeCount();
    m_vetoes.expire(t);
    ctx.vetoes = m_vetoes.all();
    bool leftOutInForce = false;
    std::vector<InterventionOption> options = planOptions(detection.active, ctx, m_config, &leftOutInForce);
    applySafetyConstraints(options, ctx, m_config.safety);
    assessOptions(options, hyp.uncertainty, m_config);
    Decision decision = m_policy.decide(options, detection.active.size(), m_config, leftOutInForce);

    // Act.
    if (decision.kind == DecisionKind::Act && decision.chosen) {
        auto applied = execute(*decision.chosen, "autonomous");
        if (applied.ok())
            snap->executed = applied.value();
        else
            setReason(decision, joinPhrases(std::move(decision.reasonPhrase),
                                            makePhrase(QT_TRANSLATE_NOOP("payops::Phrase", "; not executed: %1"),
                                                       {phrase::text(applied.error())})));
    } else if (decision.kind == DecisionKind::AwaitApproval && decision.chosen) {
        const ApprovalRequest& r =
            m_approvals.submit(*decision.chosen, m_configVersion, t, m_config.policy.approvalTtlMs);
        snap->approvalRequested = r;
        audit("agent", "approval_requested", {{"option", *decision.chosen}}, {{"request", r}});
    }
    json anomalyIds = json::array();
    for (const auto& a : detection.active)
        anomalyIds.push_back({{"id", a.id}, {"dimension", a.dimension}, {"severity", a.severity}});
    // The decision's inputs in full (snapshots in the database are pruned; the audit log is not): what was
    // weighed, what safety refused and what would have needed a human.
    json weighed = json::array();
    for (const auto& o : options)
        weighed.push_back({{"type", o.type},
                           {"target", o.target},
                           {"alternative", o.alternative},
                           {"nrv", o.nrv},
                           {"confidence", o.confidence},
                           {"blast_radius", o.blastRadius},
                           {"pre_mortem_risk", o.preMortem.risk},
                           {"allowed", o.allowed},
                           {"refused_because", o.refusedBecause},
                           {"approval_reasons", o.approvalReasons}});
    audit("agent", "decision",
          {{"cycle", m_cycle},
           {"anomalies", anomalyIds},
           {"options", weighed},
           {"uncertainty", hyp.uncertainty},
           {"quiet_cycles_before", decision.quietCyclesBefore}},
          decision);

    m_counterHistory.emplace_back(t, now);
    const TimeMs keepFrom = t - m_config.learning.effectWindowMs - 2 * m_config.policy.cycleIntervalMs;
    while (m_counterHistory.size() > 2 && m_counterHistory[1].first <= keepFrom)
        m_counterHistory.pop_front();

    // Issuer health for the report and the dashboards.
    for (const auto& s : snap->stats) {
        if (s.kind != DimensionKind::Issuer)
            continue;
        IssuerHealth h;
        h.issuer = s.issuer;
        for (const auto& a : detection.active) {
            if (a.dimension == s.key) {
                h.state = std::max(h.state, a.severityClass == SeverityClass::Critical ? HealthState::Down
                                                                                       : HealthState::Degraded);
                for (const auto& e : a.evidence)
                    h.reasons.push_back(e.rule);
                continue;
            }
            // Part of an incident raised elsewhere (a retry storm on all traffic, an outage's spillover): degraded by
            // its own evidence there, never down on account of another dimension's severity. Every issuer read
            // Healthy through a gateway-wide storm whose evidence named them.
            for (const auto& e : a.evidence) {
                if (e.dimension != s.key)
                    continue;
                h.state = std::max(h.state, HealthState::Degraded);
                h.reasons.push_back(e.rule);
            }
        }
        snap->issuerHealth.push_back(h);
    }

    snap->scores = std::move(detection.scores);
    snap->anomalies = std::move(detection.active);
    snap->clearedAnomalies = std::move(detection.cleared);
    snap->hypotheses = std::move(hyp.active);
    snap->resolvedHypotheses = std::move(hyp.resolvedNow);
    snap->systemHealth = hyp.systemHealth;
    snap->uncertainty = hyp.uncertainty;
    snap->options = std::move(options);
    snap->decision = std::move(decision);
    snap->activeInterventions = m_executor.active();
    snap->endedInterventions = std::exchange(m_endedSinceCycle, {});
    snap->pendingApprovals = m_approvals.pending();
    snap->decidedApprovals = std::exchange(m_decidedSinceCycle, {});
    snap->learnedConfidence = m_learner.confidences();
    snap->dataQuality = m_validator.quality();
    qCDebug(lcRuntime) << "cycle" << m_cycle << "anomalies" << snap->anomalies.size();
    return snap;
}

json AgentRuntime::saveState() const
{
    json history = json::array();
    for (const auto& [time, c] : m_counterHistory)
        history.push_back({time, c});
    return {{"cycle", m_cycle},
            {"next_cycle_ms", m_nextCycleMs},
            {"start_ms", m_startMs},
            {"config_version", m_configVersion},
            {"seed", m_seed},
            {"scenario", m_scenarioName},
            {"scenario_start_ms", m_simulator.scenarioStartMs()},
            {"simulator", m_simulator.saveState()},
            {"detector", m_detector.saveState()},
            {"hypotheses", m_hypotheses.saveState()},
            {"policy", m_policy.saveState()},
            {"executor", m_executor.saveState()},
            {"approvals", m_approvals.saveState()},
            {"learner", m_learner.saveState()},
            {"operator_vetoes", m_vetoes.saveState()},
            {"counter_history", history},
            {"dictionary",
             {{"issuers", m_dict.issuers.names()},
              {"methods", m_dict.methods.names()},
              {"error_codes", m_dict.errorCodes.names()},
              {"currencies", m_dict.currencies.names()},
              {"geographies", m_dict.geographies.names()}}},
            {"cumulative_global", m_window.cumulativeGlobal()},
            {"validator", m_validator.saveState()},
            {"risk_inputs", {{"fraud", m_fraudRisk}, {"compliance", m_complianceRisk}}}};
}

Status AgentRuntime::restoreState(const json& state, const std::vector<Transaction>& window)
{
    CumulativeCounters cumulative;
    try {
        m_cycle = state.at("cycle");
        m_nextCycleMs = state.at("next_cycle_ms");
        m_startMs = state.at("start_ms");
        m_configVersion = state.at("config_version");
        for (const auto& part :
             {std::pair<const char*, Status (*)(AgentRuntime&, const json&)>{
                  "simulator", [](AgentRuntime&r, const json&j) { return r.m_simulator.restoreState(j); }},
              {"detector", [](AgentRuntime&r, const json&j) { return r.m_detector.restoreState(j); }},
              {"hypotheses", [](AgentRuntime&r, const json&j) { return r.m_hypotheses.restoreState(j); }},
              {"policy", [](AgentRuntime&r, const json&j) { return r.m_policy.restoreState(j); }},
              {"executor", [](AgentRuntime&r, const json&j) { return r.m_executor.restoreState(j); }},
              {"approvals", [](AgentRuntime&r, const json&j) { return r.m_approvals.restoreState(j); }},
              {"learner", [](AgentRuntime&r, const json&j) { return r.m_learner.restoreState(j); }}}) {
            Status s = part.second(*this, state.at(part.first));
            if (!s.ok())
                return s;
        }
        // Window transactions refer to names by dictionary id (including issuers an external feed brought in):
        // re-intern every table in its original order. Currencies and geographies are rebuilt from the checkpoint
        // alone: the config this runtime started with may have changed them (USD for INR), and nothing but the
        // simulator's own two ids, bound again below, refers to them outside the window.
        const json& dict = state.at("dictionary");
        m_dict.currencies.clear();
        m_dict.geographies.clear();
        for (auto [key, table] : {std::pair<const char*, NameTable*>{"issuers", &m_dict.issuers},
                                  {"methods", &m_dict.methods},
                                  {"error_codes", &m_dict.errorCodes},
                                  {"currencies", &m_dict.currencies},
                                  {"geographies", &m_dict.geographies}}) {
            const auto names = dict.at(key).get<std::vector<std::string>>();
            for (std::size_t i = 0; i < names.size(); ++i) {
                if (table->intern(names[i]) != std::optional<std::uint16_t>(static_cast<std::uint16_t>(i)))
                    return Error{std::string("agent checkpoint does not match this config (") + key +
                                 " differ: the config's issuers or methods changed since it was written)"};
            }
        }
        m_simulator.rebindNames();
        if (Status s = m_validator.restoreState(state.at("validator")); !s.ok())
            return s;
        // A checkpoint from before vetoes were kept has none.
        if (Status s = m_vetoes.restoreState(state.value("operator_vetoes", json::array())); !s.ok())
            return s;
        m_fraudRisk = state.at("risk_inputs").at("fraud").get<std::map<std::string, double>>();
        m_complianceRisk = state.at("risk_inputs").at("compliance").get<std::map<std::string, double>>();
        cumulative = state.at("cumulative_global").get<CumulativeCounters>();
        m_counterHistory.clear();
        for (const auto& h : state.at("counter_history"))
            m_counterHistory.emplace_back(h.at(0).get<TimeMs>(), h.at(1).get<CumulativeCounters>());
    } catch (const json::exception& e) {
        return Error{std::string("agent checkpoint is damaged: ") + jsonErrorText(e)};
    }
    m_clock.setMs(m_nextCycleMs - m_config.policy.cycleIntervalMs);
    m_window.clear();
    m_window.ingest(window);
    m_window.advanceTo(m_clock.nowMs());
    m_window.startCycle(); // the restored window is history, not the next cycle's transactions
    m_window.rebuildRecentCycles(m_clock.nowMs(), m_config.policy.cycleIntervalMs, m_cycle);
    m_window.setCumulativeGlobal(cumulative);
    setSlowBars();
    refreshFeedback();
    return {};
}

void AgentRuntime::setSlowBars()
{
    // The next cycle's transactions are counted against bars from the baselines as they are now (after learning
    // this cycle). Issuer x method paths have baselines too, but no cycle figures.
    m_window.clearSlowBars(); // a dimension without a baseline any more has no bar either
    for (const auto& [key, baseline] : m_detector.baselines())
        if (key.find('/') == std::string::npos)
            m_window.setSlowBar(key, m_detector.slowBarMs(key));
}

} // namespace payops
