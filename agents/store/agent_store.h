#pragma once
// The agent's SQLite database (WAL): versioned schema, hash-chained audit log, the latest agent checkpoint,
// the transaction window (as chunks, so a restart rebuilds the same window), cycle snapshots, the approval
// queue mirror, operator commands from other processes, and config versions.
//
// Crash safety: everything a cycle produces is written by commitCycle() in ONE transaction, so kill -9 at any
// point loses at most the cycle in flight and never leaves a half-written cycle.

#include "core/clock.h"
#include "core/result.h"

#include <cstdint>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <vector>

struct sqlite3;

namespace payops {

struct AuditEntry {
    std::int64_t seq = 0; // assigned by the store, 1-based, gapless
    TimeMs timeMs = 0;
    std::string actor; // "agent", "operator:alice", "cli:alice"
    std::string kind;  // decision, approval_requested, approval_approved, action_applied, rollback, ...
    std::int64_t configVersion = 0;
    std::string inputsJson; // canonical JSON text (compact, sorted keys)
    std::string outcomeJson;
    std::string prevHash; // hex SHA-256 of the previous record ("" for the first)
    std::string hash;     // hex SHA-256 over seq, time, actor, kind, config version, inputs, outcome, prevHash
};

struct AuditVerifyReport {
    bool ok = true;
    std::int64_t recordsChecked = 0;
    // One line per problem, naming the record: "record 17: content was modified (hash mismatch)",
    // "record 18 is missing (deleted)", "records after 40 were deleted (chain head says 45)".
    std::vector<std::string> problems;
};

enum class AuditExportFormat { Jsonl, Csv };

struct WindowChunk {
    TimeMs firstMs = 0;
    TimeMs lastMs = 0;
    std::string bytes; // opaque to the store: encoded transactions
};

struct Checkpoint {
    std::int64_t cycle = 0;
    TimeMs timeMs = 0;
    std::string stateJson;           // everything the runtime needs to continue exactly where it was
    std::vector<WindowChunk> chunks; // in time order
};

struct ApprovalRow {
    std::int64_t id = 0;
    TimeMs createdAt = 0;
    std::string state;   // pending, approved, rejected, expired
    std::string summary; // one line for lists: "suppress_path issuer:HDFC (blast 0.20, NRV 1994.45)"
    std::string requestJson;
    TimeMs decidedAt = 0;
    std::string decidedBy;
    std::string reason;
};

struct OperatorCommand {
    std::int64_t id = 0;
    TimeMs createdAt = 0;
    std::string kind;          // approve | reject | rollback
    std::int64_t targetId = 0; // approval id, or intervention id for rollback
    std::string actor;
    std::string reason;
    std::string state;  // queued | applied | refused
    std::string result; // what happened, for the person who asked
};

struct CycleCommit {
    std::int64_t cycle = 0;
    TimeMs timeMs = 0;
    std::vector<AuditEntry> audit;      // seq/prevHash/hash are filled in by the store
    std::string stateJson;              // becomes the checkpoint
    std::vector<WindowChunk> newChunks; // appended
    TimeMs dropChunksEndingBefore = 0;  // chunks whose lastMs < this are deleted
    std::string snapshotJson;           // stored in cycle history (pruned to keepCycles)
    int keepCycles = 2000;
    std::vector<ApprovalRow> approvalUpserts;    // insert or replace by id
    std::vector<OperatorCommand> commandResults; // state/result updates for consumed commands
};

struct ConfigVersion {
    std::int64_t version = 0;
    TimeMs createdAt = 0;
    std::string author;
    std::string message;
    std::string yaml;
    std::string sha256;
};

class AgentStore {
public:
    // Existing: read-write, but never creates the file (a command that acts on a run: a mistyped --db is an error,
    // not a new empty database).
    enum class Mode { ReadWrite, ReadOnly, Existing };

    // Opens (ReadWrite creates the file and migrates the schema). Errors name the path and the cause:
    // "cannot open /x/y.db: unable to open database file (directory does not exist or is not writable)",
    // "/x/y.db is not a PayOps database (file is not a database)", "/x/y.db was written by a newer version
    // (schema 7, this build knows 2)".
    static Result<std::unique_ptr<AgentStore>> open(const std::string& path, Mode mode = Mode::ReadWrite);
    ~AgentStore();
    AgentStore(const AgentStore&) = delete;
    AgentStore& operator=(const AgentStore&) = delete;

    const std::string& path() const { return m_path; }
    int schemaVersion() const;
    static int latestSchemaVersion();

    // --- per cycle -----------------------------------------------------------------------------------------
    Status commitCycle(const CycleCommit& commit);
    Result<std::optional<Checkpoint>> loadCheckpoint() const;
    // Forget the checkpoint and window (a fresh run on an existing database); the audit log is kept. runId names the
    // new run: the console keys its triage by it, so a run restarted by payops-agent is not shown with the old one's.
    // Clears the run's state for a new run `runId`, and appends `records` (what the new run ends of the old one) in
    // the same transaction: a crash leaves both or neither.
    // withdrawnCommands: queued operator commands that end with the old run (refused, "withdrawn ... superseded by a
    // new run"); their audit records are among `records`.
    Status resetState(const std::string& runId, const std::vector<AuditEntry>& records = {},
                      const std::vector<std::int64_t>& withdrawnCommands = {});
    // The run the agent state belongs to; none in a database whose run began before runs were recorded.
    Result<std::optional<std::string>> runId() const;
    // A name for a new run: "run-" and the wall clock in ms, never `previous` (the run it replaces).
    static std::string newRunId(const std::optional<std::string>& previous);

    // --- audit ---------------------------------------------------------------------------------------------
    Result<AuditEntry> appendAudit(AuditEntry entry); // its own transaction (CLI, operator)
    Result<std::vector<AuditEntry>> auditEntries(std::int64_t afterSeq = 0, int limit = -1) const;
    AuditVerifyReport verifyAudit() const;
    // Every config version's text against its SHA-256, and against the hash the audit records that name it carry
    // (run_started, config_change): a version edited after it was recorded, also along with its own hash, would run
    // as the one the log names. recordsChecked counts the versions.
    AuditVerifyReport verifyConfigVersions() const;
    // The first problem SQLite's quick_check finds in the file (a check that cannot run counts as one), or nothing.
    // A damaged file breaks the audit chain as tampering does, and a chain can verify in a file damaged elsewhere.
    std::optional<std::string> damage() const;
    Status exportAudit(std::ostream& out, AuditExportFormat format) const;

    // --- approvals and operator commands --------------------------------------------------------------------
    Result<std::vector<ApprovalRow>> approvals(const std::string& stateFilter = {}) const;
    Result<std::optional<ApprovalRow>> approval(std::int64_t id) const;
    Result<std::int64_t> enqueueCommand(OperatorCommand command); // returns the command id
    // Queues the command unless one on the same request or intervention is already waiting (only the first could
    // apply), checked and inserted under one write lock so two processes cannot both queue: the new command's id, or
    // the command already waiting (and nothing queued).
    struct Enqueued {
        std::int64_t id = 0;
        std::optional<OperatorCommand> waiting;
    };
    Result<Enqueued> enqueueCommandUnlessWaiting(OperatorCommand command);
    // The oldest decision still queued on `targetId`: approve or reject of an approval request when onApproval, else
    // a rollback of an intervention.
    Result<std::optional<OperatorCommand>> waitingCommand(bool onApproval, std::int64_t targetId) const;
    Result<std::vector<OperatorCommand>> queuedCommands() const; // state == queued, in id order
    // Takes back the decision still waiting on `targetId` (approve or reject of an approval request when onApproval,
    // else a rollback of an intervention): it is marked refused, its result saying who withdrew it and why, and a
    // command_withdrawn record names both, in one transaction. Nothing when none is waiting. The caller holds the
    // RunnerLock, so no agent can be taking the command at the same moment.
    Result<std::optional<OperatorCommand>> withdrawQueuedCommand(bool onApproval, std::int64_t targetId,
                                                                 const std::string& actor, const std::string& reason,
                                                                 TimeMs timeMs, std::int64_t configVersion);
    Result<std::optional<OperatorCommand>> command(std::int64_t id) const;
    // What a withdrawn command's result says, and the command_withdrawn record of it: one wording for a withdraw by
    // hand and for the commands a new run ends.
    static std::string withdrawnResult(const std::string& actor, const std::string& reason);
    static AuditEntry withdrawnRecord(const OperatorCommand& command, const std::string& actor,
                                      const std::string& reason, TimeMs timeMs, std::int64_t configVersion);

    // --- cycle history ---------------------------------------------------------------------------------------
    Result<std::vector<std::string>> recentSnapshots(int limit) const; // newest last
    // The saved cycles after `cycle`, oldest first, at most `limit`: another process's run, followed as it saves them.
    Result<std::vector<std::pair<std::int64_t, std::string>>> snapshotsAfter(std::int64_t cycle, int limit) const;

    // --- config versions -------------------------------------------------------------------------------------
    // Stores the YAML if its hash is new and returns its version; returns the existing version otherwise.
    Result<std::int64_t> recordConfigVersion(const ConfigVersion& v);
    Result<std::optional<ConfigVersion>> configVersion(std::int64_t version) const;

    // The connection, for the other stores of this library that keep their tables in the same file (triage).
    sqlite3* connection() const { return m_db; }

private:
    AgentStore(sqlite3* db, std::string path);
    sqlite3* m_db = nullptr;
    std::string m_path;
};

// Canonical text hashed for an audit record (exposed so verify and tests agree on one definition).
std::string auditRecordDigestInput(const AuditEntry& e);

// One process at a time runs the agent on a database. The lock is a lock file next to the database
// (QLockFile: stale locks from a killed process are detected by PID and taken over).
class RunnerLock {
public:
    // Error: "database /x/y.db is in use by payops-console (pid 1234 on host h)".
    static Result<std::unique_ptr<RunnerLock>> acquire(const std::string& dbPath);
    static bool isHeld(const std::string& dbPath); // true when a live process holds it
    ~RunnerLock();
    RunnerLock(const RunnerLock&) = delete;
    RunnerLock& operator=(const RunnerLock&) = delete;

private:
    RunnerLock() = default;
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace payops
