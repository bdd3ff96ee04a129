#include "agent_session.h"

#include "config/config_loader.h"
#include "config/text_file.h"
#include "core/json_error.h"
#include "core/logging.h"
#include "runtime/json_codec.h"
#include "runtime/scenario_evaluation.h"
#include "store/audit_chain.h"
#include "store/transaction_codec.h"
#include "stream/scenario_loader.h"
#include "stream/simulator.h"

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>

namespace payops {

using nlohmann::json;

namespace {

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

// What a new run ends of the one before, as audit records: its pending requests expire, and what it had in force is
// gone with its simulator. Each is recorded at the old run's last time and config, before the new run starts (both
// ended without a word in the audit log, and `interventions list` no longer showed them).
std::vector<AuditEntry> whatANewRunEnds(const std::optional<Checkpoint>& before,
                                        const std::vector<ApprovalRow>& approvals,
                                        const std::vector<OperatorCommand>& queued, std::int64_t newConfig)
{
    std::vector<AuditEntry> superseded;
    // The old run's last time and config, from its checkpoint; without a readable one, the config in force as
    // these records are written (this run's) and the time of the newest request the old run left waiting.
    TimeMs oldTime = before ? before->timeMs : 0;
    std::int64_t oldConfig = newConfig;
    std::vector<Intervention> inForce;
    std::optional<std::string> unreadable;
    if (before) {
        try {
            const json runtime = json::parse(before->stateJson).at("runtime");
            oldConfig = runtime.at("config_version").get<std::int64_t>();
            std::vector<Intervention> read;
            for (const json& j : runtime.at("executor").at("active"))
                read.push_back(j.get<Intervention>());
            inForce = std::move(read); // all or none: a list read halfway would pass for the whole
        } catch (const json::exception& e) {
            // A damaged checkpoint is what --new-run is the way out of: say that what it held is not known.
            unreadable = jsonErrorText(e);
        }
    } else {
        for (const ApprovalRow& row : approvals)
            if (row.state == "pending")
                oldTime = std::max(oldTime, row.createdAt);
    }
    const auto record = [&](const char* kind, json inputs, json outcome) {
        AuditEntry e;
        e.timeMs = oldTime;
        e.actor = "agent";
        e.kind = kind;
        e.configVersion = oldConfig;
        e.inputsJson = inputs.dump();
        e.outcomeJson = outcome.dump();
        superseded.push_back(std::move(e));
    };
    const char* const why = "superseded by a new run";
    for (const ApprovalRow& row : approvals) {
        if (row.state != "pending")
            continue;
        // As the runtime records an expiry: the request itself, and here why.
        json request = json::parse(row.requestJson, nullptr, false);
        if (request.is_discarded())
            request = row.summary;
        record("approval_expired", {{"approval_id", row.id}}, {{"request", request}, {"reason", why}});
    }
    for (const Intervention& iv : inForce)
        record("action_superseded", {{"intervention_id", iv.id}}, {{"intervention", iv}, {"reason", why}});
    // Decisions queued for the old run (made while no agent ran) end with it: taken into the new run, they were
    // refused there as "no approval request N", of a request that had just expired as superseded.
    for (const OperatorCommand& c : queued)
        superseded.push_back(AgentStore::withdrawnRecord(c, "agent", why, oldTime, oldConfig));
    if (unreadable)
        record("action_superseded", json::object(),
               {{"reason", why},
                {"unknown", "the old run's checkpoint could not be read (" + *unreadable +
                                "): what it had in force is not known"}});
    return superseded;
}

} // namespace

Result<ScenarioSource> builtinScenarioSource(const std::string& name, const ScenarioNames* known)
{
    auto scenario = loadBuiltinScenario(name, known); // validates the name and says which ones exist
    if (!scenario.ok())
        return scenario.failure();
    const std::string path = builtinScenarioDir().value_or(".") + "/" + name + ".yaml";
    auto text = readTextFile(path);
    if (!text.ok())
        return text.failure();
    return ScenarioSource{name, *text, path};
}

Result<std::unique_ptr<AgentSession>> AgentSession::open(const SessionOptions& options)
{
    std::unique_ptr<AgentSession> session(new AgentSession);
    // --resume acts on a run that must be there: a mistyped path is an error, not a new empty database.
    if (std::error_code ec; options.resume && !std::filesystem::exists(options.dbPath, ec))
        return Error{"no database at " + options.dbPath + ": nothing to resume (start a new run without --resume)"};
    auto lock = RunnerLock::acquire(options.dbPath);
    if (!lock.ok())
        return lock.failure();
    session->m_lock = std::move(lock.value());
    auto store =
        AgentStore::open(options.dbPath, options.resume ? AgentStore::Mode::Existing : AgentStore::Mode::ReadWrite);
    if (!store.ok())
        return store.failure();
    session->m_store = std::move(store.value());
    AgentStore& db = *session->m_store;

    auto existing = db.loadCheckpoint();
    if (!existing.ok())
        return existing.failure();
    if (options.resume || (options.resumeIfPresent && existing.value()))
        return resume(std::move(session), options, std::move(existing.value()));
    if (existing.value() && !options.newRun)
        return Error{options.dbPath + " holds a run stopped at cycle " + std::to_string(existing.value()->cycle) +
                     ": --resume continues it, --new-run starts over (its audit log and approvals are kept)"};

    // A scenario the config cannot run is refused before anything is written: a misspelt issuer must not cost the
    // saved run that --new-run would otherwise reset.
    std::optional<Scenario> scenario;
    if (options.scenario) {
        const ScenarioNames names = scenarioNamesOf(options.config.simulator);
        auto parsed = parseScenario(options.scenario->yaml, options.scenario->path, &names);
        if (!parsed.ok())
            return parsed.failure();
        // A throwaway simulator takes the scenario first, as the run's will: names, shares, response codes.
        Dictionary probeDict;
        Simulator probe(options.config.simulator, probeDict, options.seed);
        if (Status s = probe.setScenario(*parsed, 0); !s.ok())
            return s.failure();
        scenario = std::move(parsed.value());
    }

    ConfigVersion given;
    given.author = options.configAuthor;
    given.message = "configuration of a payops-agent run";
    given.yaml = options.configYaml.empty() ? agentConfigToYaml(options.config) : options.configYaml;
    auto configVersion = db.recordConfigVersion(given);
    if (!configVersion.ok())
        return configVersion.failure();
    auto previousApprovals = db.approvals();
    if (!previousApprovals.ok())
        return previousApprovals.failure();
    auto previousRun = db.runId();
    if (!previousRun.ok())
        return previousRun.failure();
    const std::string runId = AgentStore::newRunId(previousRun.value());
    auto queued = db.queuedCommands();
    if (!queued.ok())
        return queued.failure();
    const std::vector<AuditEntry> superseded =
        whatANewRunEnds(existing.value(), previousApprovals.value(), queued.value(), configVersion.value());
    std::vector<std::int64_t> withdrawn;
    for (const OperatorCommand& c : queued.value())
        withdrawn.push_back(c.id);
    if (Status s = db.resetState(runId, superseded, withdrawn); !s.ok())
        return s.failure();

    session->m_runtime = std::make_unique<AgentRuntime>(options.config, options.seed, configVersion.value());
    std::int64_t lastApproval = 0;
    for (const auto& row : previousApprovals.value())
        lastApproval = std::max(lastApproval, row.id);
    session->m_runtime->continueApprovalIdsAfter(lastApproval);
    std::string scenarioName;
    const std::int64_t leadIn = scenario && options.leadIn ? leadInCycles(options.config) : 0;
    if (scenario) {
        session->m_scenario = options.scenario;
        // Set now with its later start, so a checkpoint saved during the lead-in resumes with the same start.
        const AgentRuntime& rt = *session->m_runtime;
        const TimeMs start = rt.nowMs() + leadIn * std::max<std::int64_t>(1, rt.config().policy.cycleIntervalMs);
        if (Status s = session->m_runtime->setScenario(*scenario, start); !s.ok())
            return s.failure();
        scenarioName = scenario->name;
    }
    AuditEntry started;
    started.timeMs = session->m_runtime->nowMs();
    started.actor = "agent";
    started.kind = "run_started";
    started.configVersion = configVersion.value();
    started.inputsJson = json{{"seed", options.seed}, {"scenario", scenarioName}, {"run", runId}}.dump();
    // The text's hash, under the audit log's chain: `audit verify` finds a version edited along with its own hash.
    started.outcomeJson =
        json{{"config_version", configVersion.value()}, {"config_sha256", store_detail::sha256Hex(given.yaml)}}.dump();
    if (auto appended = db.appendAudit(started); !appended.ok())
        return appended.failure();
    for (std::int64_t c = 0; c < leadIn; ++c) {
        if (auto stepped = session->step(); !stepped.ok())
            return stepped.failure();
    }
    return session;
}

Result<std::unique_ptr<AgentSession>> AgentSession::resume(std::unique_ptr<AgentSession> session,
                                                           const SessionOptions& options,
                                                           std::optional<Checkpoint> checkpoint)
{
    AgentStore& db = *session->m_store;
    if (!checkpoint)
        return Error{options.dbPath + " has no agent state to resume (start a new run without --resume)"};
    const Checkpoint& cp = *checkpoint;
    const std::string damaged =
        options.dbPath + ": the agent checkpoint of cycle " + std::to_string(cp.cycle) + " is damaged (";
    // What the person can do about it: the run is lost, the database is not.
    const std::string startOver =
        "; a new run (--new-run, or Reset demo in the console) starts over and keeps the audit log, approvals and "
        "triage";
    try {
        const json state = json::parse(cp.stateJson);
        const json& meta = state.at("session");
        const auto seed = meta.at("seed").get<std::uint64_t>();
        const auto configVersion = meta.at("config_version").get<std::int64_t>();
        auto stored = db.configVersion(configVersion);
        if (!stored.ok() && stored.failure().busy)
            return stored.failure(); // another process holds the database: try again, do not start over
        if (!stored.ok())            // edited after it was recorded, or unreadable: the store's words say which
            return Error{options.dbPath +
                         ": the config version the checkpoint ran with cannot be used: " + stored.error() + startOver};
        if (!stored.value())
            return Error{options.dbPath + ": the config version " + std::to_string(configVersion) +
                         " the checkpoint ran with is missing" + startOver};
        auto config = parseAgentConfig(stored.value()->yaml, "config version " + std::to_string(configVersion));
        if (!config.ok())
            return Error{config.error() + startOver};
        std::vector<Transaction> window;
        for (const auto& chunk : cp.chunks) {
            auto txs = decodeTransactions(chunk.bytes);
            if (!txs.ok())
                return Error{damaged + txs.error() + ")" + startOver};
            window.insert(window.end(), txs->begin(), txs->end());
        }
        session->m_runtime = std::make_unique<AgentRuntime>(config.value(), seed, configVersion);
        if (Status s = session->m_runtime->restoreState(state.at("runtime"), window); !s.ok())
            return Error{options.dbPath + ": " + s.error() + startOver};
        if (const json& sc = meta.at("scenario"); sc.is_object()) {
            session->m_scenario = ScenarioSource{sc.at("builtin").get<std::string>(), sc.at("yaml").get<std::string>(),
                                                 sc.at("path").get<std::string>()};
            auto scenario = parseScenario(session->m_scenario->yaml, session->m_scenario->path);
            if (!scenario.ok())
                return Error{scenario.error() + startOver};
            const TimeMs start = state.at("runtime").at("scenario_start_ms").get<TimeMs>();
            if (Status s = session->m_runtime->setScenario(*scenario, start); !s.ok())
                return Error{s.error() + startOver};
        }
        // A config passed on the command line when resuming replaces the stored one from the next cycle. One the run
        // cannot take is refused before it is recorded, and one it can is recorded just before the first cycle that
        // runs it (step), so none is recorded when no cycle follows (a run whose scenario has played to its end,
        // which `run --resume` leaves as it is). The version is its own transaction: when that cycle then fails to
        // commit (a full disk) the version stays in the history without a config_change, and the next resume with the
        // same text takes that version again.
        if (!options.configYaml.empty()) {
            if (Status s = session->m_runtime->checkConfigChange(options.config); !s.ok())
                return Error{"the config given when resuming " + s.error()};
            ConfigVersion given;
            given.author = options.configAuthor;
            given.message = "configuration given when resuming";
            given.yaml = options.configYaml;
            session->m_pendingConfig = PendingConfig{options.config, std::move(given)};
        }
    } catch (const json::exception& e) {
        return Error{damaged + jsonErrorText(e) + ")" + startOver};
    }
    session->m_resumed = true;
    qCInfo(lcRuntime) << "resumed at cycle" << cp.cycle;
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
            auto r = m_runtime->approve(c.targetId, c.actor, c.reason);
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
        if (!error.empty())
            m_runtime->auditRefusedCommand(c.actor, c.kind, c.targetId, c.reason, error);
        results.push_back(c);
    }
    return results;
}

Result<CycleSnapshotPtr> AgentSession::step()
{
    if (m_failed)
        return Error{*m_failed};
    if (m_pendingConfig) {
        auto version = m_store->recordConfigVersion(m_pendingConfig->version);
        if (!version.ok())
            return version.failure();
        if (version.value() != m_runtime->configVersion()) {
            if (Status s = m_runtime->setConfig(m_pendingConfig->config, version.value(),
                                                store_detail::sha256Hex(m_pendingConfig->version.yaml),
                                                m_pendingConfig->version.author);
                !s.ok())
                return s.failure();
        }
        m_pendingConfig.reset();
    }
    m_lastCommands.clear(); // a failed step applied nothing that was kept
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
    if (!fresh.empty()) {
        // External records may arrive out of time order: the chunk's span is its min and max, not its ends.
        const auto [first, last] = std::minmax_element(
            fresh.begin(), fresh.end(), [](const auto& a, const auto& b) { return a.timestampMs < b.timestampMs; });
        commit.newChunks.push_back({first->timestampMs, last->timestampMs, encodeTransactions(fresh)});
    }
    const TimeMs windowStart = snap->timeMs - rt.config().detector.windowMs;
    const TimeMs oldest = rt.window().oldestRetainedMs();
    commit.dropChunksEndingBefore = oldest > 0 ? std::min(windowStart, oldest) : windowStart;
    commit.snapshotJson = snapshotToJson(*snap).dump();
    commit.keepCycles = rt.config().store.historyCycles;
    for (const auto& r : snap->pendingApprovals)
        commit.approvalUpserts.push_back(rowOf(r));
    for (const auto& r : snap->decidedApprovals)
        commit.approvalUpserts.push_back(rowOf(r));
    if (Status s = m_store->commitCycle(commit); !s.ok()) {
        // Resuming continues a run whose file is sound (a full disk, a lock); a damaged file it cannot even open.
        m_failed = "cycle " + std::to_string(snap->cycle) + " was not saved: " + s.error() +
                   (s.failure().damaged ? " (the agent stopped: the database file is damaged, and nothing can continue "
                                          "the run in it; restore it from a backup, or move it aside and start a new "
                                          "run)"
                                        : " (the agent stopped; resuming the run continues from the last saved cycle)");
        return Error{*m_failed, false, s.failure().damaged};
    }
    m_lastCommands = std::move(commit.commandResults);
    return snap;
}

} // namespace payops
