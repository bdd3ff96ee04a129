#include "agent_session.h"

#include "config/config_loader.h"
#include "core/logging.h"
#include "runtime/json_codec.h"
#include "store/transaction_codec.h"
#include "stream/scenario_loader.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace payops {

using nlohmann::json;

namespace {

Result<Scenario> loadScenario(const ScenarioSource& source)
{
    if (!source.builtinName.empty())
        return loadBuiltinScenario(source.builtinName);
    return parseScenario(source.yaml, source.path);
}

json scenarioJson(const std::optional<ScenarioSource>& s)
{
    if (!s)
        return nullptr;
    return {{"builtin", s->builtinName}, {"yaml", s->yaml}, {"path", s->path}};
}

ApprovalRow rowOf(const ApprovalRequest& r)
{
    ApprovalRow row;
    row.id = r.id;
    row.createdAt = r.createdMs;
    row.state = approvalStateName(r.state);
    row.summary = r.summary();
    row.requestJson = json(r).dump();
    row.decidedAt = r.decidedMs;
    row.decidedBy = r.decidedBy;
    row.reason = r.reason;
    return row;
}

} // namespace

Result<std::unique_ptr<AgentSession>> AgentSession::open(const SessionOptions& options)
{
    std::unique_ptr<AgentSession> session(new AgentSession);
    auto lock = RunnerLock::acquire(options.dbPath);
    if (!lock.ok())
        return Error{lock.error()};
    session->m_lock = std::move(lock.value());
    auto store = AgentStore::open(options.dbPath);
    if (!store.ok())
        return Error{store.error()};
    session->m_store = std::move(store.value());
    AgentStore& db = *session->m_store;

    ConfigVersion given;
    given.author = options.configAuthor;
    given.message = "configuration of a payops-agent run";
    given.yaml = options.configYaml.empty() ? agentConfigToYaml(options.config) : options.configYaml;
    auto givenVersion = db.recordConfigVersion(given);
    if (!givenVersion.ok())
        return Error{givenVersion.error()};

    if (options.resume) {
        auto checkpoint = db.loadCheckpoint();
        if (!checkpoint.ok())
            return Error{checkpoint.error()};
        if (!checkpoint.value())
            return Error{options.dbPath + " has no agent state to resume (start a new run without --resume)"};
        const Checkpoint& cp = **checkpoint;
        json state;
        try {
            state = json::parse(cp.stateJson);
        } catch (const json::exception& e) {
            return Error{options.dbPath + ": the agent checkpoint is not valid JSON (" + e.what() + ")"};
        }
        const json& meta = state.value("session", json::object());
        const auto seed = meta.value("seed", std::uint64_t{1});
        const auto configVersion = meta.value("config_version", std::int64_t{0});
        auto stored = db.configVersion(configVersion);
        if (!stored.ok() || !stored.value())
            return Error{options.dbPath + ": the config version " + std::to_string(configVersion) +
                         " the checkpoint ran with is missing"};
        auto config = parseAgentConfig(stored.value()->yaml, "config version " + std::to_string(configVersion));
        if (!config.ok())
            return Error{config.error()};
        std::vector<Transaction> window;
        for (const auto& chunk : cp.chunks) {
            auto txs = decodeTransactions(chunk.bytes);
            if (!txs.ok())
                return Error{options.dbPath + ": " + txs.error()};
            window.insert(window.end(), txs->begin(), txs->end());
        }
        session->m_runtime = std::make_unique<AgentRuntime>(config.value(), seed, configVersion);
        if (Status s = session->m_runtime->restoreState(state.at("runtime"), window); !s.ok())
            return Error{options.dbPath + ": " + s.error()};
        if (const json& sc = meta.value("scenario", json()); sc.is_object()) {
            session->m_scenario = ScenarioSource{sc.value("builtin", ""), sc.value("yaml", ""), sc.value("path", "")};
            auto scenario = loadScenario(*session->m_scenario);
            if (!scenario.ok())
                return Error{scenario.error()};
            const TimeMs start = state.at("runtime").value("scenario_start_ms", TimeMs{0});
            if (Status s = session->m_runtime->setScenario(*scenario, start); !s.ok())
                return Error{s.error()};
        }
        // A config passed on the command line when resuming replaces the stored one from the next cycle.
        if (!options.configYaml.empty() && givenVersion.value() != configVersion)
            session->m_runtime->setConfig(options.config, givenVersion.value());
        session->m_resumed = true;
        qCInfo(lcRuntime) << "resumed at cycle" << cp.cycle;
        return session;
    }

    if (Status s = db.resetState(); !s.ok())
        return Error{s.error()};
    session->m_runtime = std::make_unique<AgentRuntime>(options.config, options.seed, givenVersion.value());
    std::string scenarioName;
    if (options.scenario) {
        session->m_scenario = options.scenario;
        auto scenario = loadScenario(*options.scenario);
        if (!scenario.ok())
            return Error{scenario.error()};
        if (Status s = session->m_runtime->setScenario(*scenario); !s.ok())
            return Error{s.error()};
        scenarioName = scenario->name;
    }
    AuditEntry started;
    started.timeMs = session->m_runtime->nowMs();
    started.actor = "agent";
    started.kind = "run_started";
    started.configVersion = givenVersion.value();
    started.inputsJson = json{{"seed", options.seed}, {"scenario", scenarioName}}.dump();
    started.outcomeJson = json{{"config_version", givenVersion.value()}}.dump();
    if (auto appended = db.appendAudit(started); !appended.ok())
        return Error{appended.error()};
    return session;
}

std::vector<OperatorCommand> AgentSession::applyCommands()
{
    std::vector<OperatorCommand> results;
    auto queued = m_store->queuedCommands();
    if (!queued.ok()) {
        qCWarning(lcRuntime) << "cannot read operator commands:" << queued.error().c_str();
        return results;
    }
    for (OperatorCommand c : queued.value()) {
        std::string error;
        std::string done;
        if (c.kind == "approve") {
            auto r = m_runtime->approve(c.targetId, c.actor);
            if (r.ok())
                done = "approved; " + (r->interventionId ? "intervention #" + std::to_string(*r->interventionId) + " " +
                                                               r->option.type + " " + r->option.target + " applied"
                                                         : std::string("nothing to apply"));
            else
                error = r.error();
        } else if (c.kind == "reject") {
            auto r = m_runtime->reject(c.targetId, c.actor, c.reason);
            if (r.ok())
                done = "rejected";
            else
                error = r.error();
        } else if (c.kind == "rollback") {
            auto r = m_runtime->rollback(c.targetId, c.actor, c.reason);
            if (r.ok())
                done = "intervention #" + std::to_string(c.targetId) + " rolled back";
            else
                error = r.error();
        } else {
            error = "unknown command '" + c.kind + "'";
        }
        c.state = error.empty() ? "applied" : "refused";
        c.result = error.empty() ? done : error;
        results.push_back(c);
    }
    return results;
}

Result<CycleSnapshotPtr> AgentSession::step()
{
    CycleCommit commit;
    commit.commandResults = applyCommands();
    CycleSnapshotPtr snap = m_runtime->runCycle();
    AgentRuntime& rt = *m_runtime;
    commit.cycle = snap->cycle;
    commit.timeMs = snap->timeMs;
    commit.audit = rt.takeAudit();
    json runtimeState = rt.saveState();
    const auto seed = runtimeState.at("seed");
    const json state{
        {"runtime", std::move(runtimeState)},
        {"session", {{"seed", seed}, {"config_version", rt.configVersion()}, {"scenario", scenarioJson(m_scenario)}}}};
    commit.stateJson = state.dump();
    const std::vector<Transaction> fresh = rt.takeNewTransactions();
    if (!fresh.empty())
        commit.newChunks.push_back({fresh.front().timestampMs, fresh.back().timestampMs, encodeTransactions(fresh)});
    const TimeMs windowStart = snap->timeMs - rt.config().detector.windowMs;
    const TimeMs oldest = rt.window().oldestRetainedMs();
    commit.dropChunksEndingBefore = oldest > 0 ? std::min(windowStart, oldest) : windowStart;
    commit.snapshotJson = snapshotToJson(*snap).dump();
    commit.keepCycles = rt.config().store.historyCycles;
    for (const auto& r : snap->pendingApprovals)
        commit.approvalUpserts.push_back(rowOf(r));
    for (const auto& r : snap->decidedApprovals)
        commit.approvalUpserts.push_back(rowOf(r));
    if (Status s = m_store->commitCycle(commit); !s.ok())
        return Error{"cycle " + std::to_string(snap->cycle) + " was not saved: " + s.error()};
    return snap;
}

} // namespace payops
