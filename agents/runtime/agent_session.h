#pragma once
// A runtime bound to its database: one process at a time (RunnerLock), every cycle committed in one transaction
// (audit records, checkpoint, new window chunks, cycle snapshot, approvals), operator commands from other
// processes (payops-agent approvals approve ...) applied at the start of each cycle, and a restart that continues
// from the last committed cycle - after a clean stop or a kill -9.

#include "core/result.h"
#include "runtime/agent_runtime.h"
#include "store/agent_store.h"
#include "stream/scenario_loader.h"

#include <memory>
#include <optional>
#include <string>

namespace payops {

struct ScenarioSource {
    std::string builtinName; // the built-in scenario's name, if it is one (for reports)
    std::string yaml;        // the scenario's text, kept in the checkpoint so a resume replays the same one even
                             // if the file changed since
    std::string path;        // where that text came from (for messages)
};

// The text of a built-in scenario, for a ScenarioSource. Given the config's names, an event naming another issuer or
// method is said with the file's other mistakes.
Result<ScenarioSource> builtinScenarioSource(const std::string& name, const ScenarioNames* known = nullptr);

struct SessionOptions {
    std::string dbPath;
    AgentConfig config = defaultAgentConfig();
    std::string configYaml; // the text of the config (empty: the defaults, written out)
    std::string configAuthor = "agent";
    std::uint64_t seed = 1;
    std::optional<ScenarioSource> scenario;
    bool resume = false;          // continue from the checkpoint instead of starting a new run
    bool resumeIfPresent = false; // continue the checkpoint if there is one, else start a new run (the console)
    bool newRun = false;          // start over although the database holds a run (its audit log and approvals stay)
    // A new run on a scenario first watches normal traffic for leadInCycles() (a full window and the baselines'
    // warm-up), run and saved at once, and the scenario begins after it: the console's demo, so that its detector
    // judges the incident as a deployed one would (and as `evaluate` measures it), and its charts have a past.
    bool leadIn = false;
};

class AgentSession {
public:
    static Result<std::unique_ptr<AgentSession>> open(const SessionOptions& options);

    // Applies queued operator commands, runs one cycle and commits it. On a commit failure the error names the
    // database problem and the session stops: the runtime has moved on, so continuing would leave a hole in the
    // audit log. Reopen with resume to continue from the last committed cycle.
    Result<CycleSnapshotPtr> step();

    // The operator commands the last step applied or refused, with what happened: someone who queued a decision
    // while no agent ran learns here, when the run resumes, whether it was taken.
    const std::vector<OperatorCommand>& lastCommands() const { return m_lastCommands; }

    AgentRuntime& runtime() { return *m_runtime; }
    AgentStore& store() { return *m_store; }
    bool resumed() const { return m_resumed; }

private:
    AgentSession() = default;
    std::vector<OperatorCommand> applyCommands();

    std::unique_ptr<RunnerLock> m_lock;
    std::unique_ptr<AgentStore> m_store;
    std::unique_ptr<AgentRuntime> m_runtime;
    Result<std::unique_ptr<AgentSession>> static resume(std::unique_ptr<AgentSession> session,
                                                        const SessionOptions& options,
                                                        std::optional<Checkpoint> checkpoint);
    std::optional<ScenarioSource> m_scenario;
    // A config given when resuming, recorded and applied by the first step (see resume()).
    struct PendingConfig {
        AgentConfig config;
        ConfigVersion version;
    };
    std::optional<PendingConfig> m_pendingConfig;
    bool m_resumed = false;
    std::optional<std::string> m_failed;
    std::vector<OperatorCommand> m_lastCommands;
};

} // namespace payops
