#include "agent_store.h"

#include "audit_chain.h"
#include "audit_export.h"
#include "core/clock.h"
#include "core/json_field.h"
#include "core/logging.h"
#include "schema_migrations.h"
#include "sqlite_statement.h"
#include "sqlite_transaction.h"

#include <QByteArray>
#include <QFileInfo>
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <sqlite3.h>
#include <thread>
#include <utility>

namespace payops {

namespace {

using sqlite::readAll;
using sqlite::readOne;
using sqlite::Statement;
using sqlite::Transaction;

struct DbCloser {
    void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using DbHandle = std::unique_ptr<sqlite3, DbCloser>;

// Open has to tell the operator *what kind* of problem the file has (wrong file, damaged file, missing
// directory), so its steps keep SQLite's result code instead of only a formatted message.
struct RawQuery {
    int rc = SQLITE_OK;
    std::string message;
    std::vector<std::string> rows; // first column of each row
};

RawQuery rawQuery(sqlite3* db, const char* sql)
{
    RawQuery result;
    sqlite3_stmt* stmt = nullptr;
    result.rc = sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr);
    while (result.rc == SQLITE_OK) {
        const int rc = sqlite3_step(stmt);
        if (rc == SQLITE_DONE)
            break;
        if (rc != SQLITE_ROW) {
            result.rc = rc;
            break;
        }
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
        result.rows.emplace_back(text ? text : "");
    }
    if (result.rc != SQLITE_OK)
        result.message = sqlite3_errmsg(db);
    sqlite3_finalize(stmt);
    return result;
}

Error openError(const std::string& path, int rc, const std::string& message)
{
    switch (rc & 0xff) {
    case SQLITE_NOTADB:
        return Error{path + " is not a PayOps database (" + message + ")"};
    case SQLITE_CORRUPT:
        return Error{path + " is corrupt: " + message, false, true};
    case SQLITE_CANTOPEN:
        return Error{"cannot open " + path + ": " + message + " (directory does not exist or is not writable)"};
    case SQLITE_READONLY: {
        // A writable file in a directory this user may not write: SQLite's "attempt to write a readonly database"
        // sent its user to the file's permissions. WAL keeps its -wal and -shm files beside the database.
        const QFileInfo file(QString::fromStdString(path));
        if (file.isWritable() && !QFileInfo(file.absolutePath()).isWritable())
            return Error{"cannot open " + path + ": its directory " + file.absolutePath().toStdString() +
                         " is not writable (SQLite keeps the -wal and -shm files beside the database)"};
        return Error{"cannot open " + path + ": " + message};
    }
    case SQLITE_BUSY:
        return sqlite::error("open " + path, message, rc);
    default:
        return Error{"cannot open " + path + ": " + message};
    }
}

// quick_check reports "*** in database main ***\nPage 3: ..." — the first line names no problem.
std::string firstProblemLine(std::string report)
{
    const std::string banner = "*** in database main ***";
    if (report.rfind(banner, 0) == 0)
        report.erase(0, banner.size());
    while (!report.empty() && (report.front() == '\n' || report.front() == ' '))
        report.erase(0, 1);
    if (const auto eol = report.find('\n'); eol != std::string::npos)
        report.resize(eol);
    return report;
}

// What quick_check's rows say is wrong, or nothing: a sound file answers "ok" alone.
std::optional<std::string> quickCheckProblem(const std::vector<std::string>& rows)
{
    if (rows.empty())
        return std::string("quick_check returned nothing");
    if (rows.front() != "ok")
        return firstProblemLine(rows.front());
    return std::nullopt;
}

template <typename T> Result<T> failure(const Status& s)
{
    return s.failure();
}

} // namespace

AgentStore::AgentStore(sqlite3* db, std::string path) : m_db(db), m_path(std::move(path)) {}

AgentStore::~AgentStore()
{
    // close_v2 defers the close until every statement is finalized; there are none left, but it never fails.
    sqlite3_close_v2(m_db);
}

int AgentStore::latestSchemaVersion()
{
    return store_detail::latestSchemaVersion();
}

int AgentStore::schemaVersion() const
{
    Result<int> version = store_detail::appliedSchemaVersion(m_db, "read the schema version of " + m_path);
    if (!version) {
        qCWarning(lcStore) << version.error().c_str();
        return 0;
    }
    return *version;
}

Result<std::unique_ptr<AgentStore>> AgentStore::open(const std::string& path, Mode mode)
{
    const bool readOnly = mode == Mode::ReadOnly;
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        return Error{"cannot open " + path + ": it is a directory"};
    if (mode != Mode::ReadWrite && !std::filesystem::exists(path, ec))
        return Error{"no database at " + path};

    sqlite3* raw = nullptr;
    const int flags = readOnly                 ? SQLITE_OPEN_READONLY
                      : mode == Mode::Existing ? SQLITE_OPEN_READWRITE
                                               : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
    DbHandle db(raw); // closes on every error return, including a failed open (which still allocates a handle)
    if (rc != SQLITE_OK)
        return openError(path, rc, raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc));
    sqlite3_extended_result_codes(db.get(), 1);
    // Other processes (the CLI queueing a command, a read-only console) hold the write lock briefly.
    sqlite3_busy_timeout(db.get(), 5000);

    const auto pragma = [&](const char* sql) -> Result<std::vector<std::string>> {
        RawQuery q = rawQuery(db.get(), sql);
        if (q.rc != SQLITE_OK)
            return openError(path, q.rc, q.message);
        return std::move(q.rows);
    };

    if (Result<std::vector<std::string>> r = pragma("PRAGMA foreign_keys = ON"); !r)
        return r.failure();
    if (!readOnly) {
        // Another program's database is refused before anything is written to it: switching it to WAL below rewrote
        // its header, although it was refused right after. (A read that fails here, as a non-database file does, is
        // reported by the statement below, with its usual message.)
        // Ours have both schema_migrations and audit (made in one transaction); a Rails database has the first alone.
        const RawQuery foreign =
            rawQuery(db.get(), "SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND NOT ("
                               "EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'schema_migrations') AND "
                               "EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'audit'))");
        if (foreign.rc == SQLITE_OK && !foreign.rows.empty() && foreign.rows.front() != "0")
            return Error{path + " is not a PayOps database (it holds tables PayOps did not make)"};
        // The first statement that writes the file: a non-database file fails here with SQLITE_NOTADB.
        // A new file is switched to WAL by writing its header. Two connections doing it at once (the console's
        // runtime and sync threads on a first start, or two processes) can each hold a read lock and want the write
        // lock, and SQLite then answers BUSY at once rather than wait for a deadlock: the busy timeout does not
        // apply. The loser retries and finds the file in WAL already, with nothing to write.
        RawQuery journalQuery = rawQuery(db.get(), "PRAGMA journal_mode = WAL");
        for (int waitMs = 1, waited = 0; (journalQuery.rc & 0xff) == SQLITE_BUSY && waited < 5000; waitMs *= 2) {
            waitMs = std::min(waitMs, 100);
            std::this_thread::sleep_for(std::chrono::milliseconds(waitMs));
            waited += waitMs;
            journalQuery = rawQuery(db.get(), "PRAGMA journal_mode = WAL");
        }
        if (journalQuery.rc != SQLITE_OK)
            return openError(path, journalQuery.rc, journalQuery.message);
        const std::vector<std::string>& journal = journalQuery.rows;
        if (journal.empty() || journal.front() != "wal")
            qCWarning(lcStore) << "WAL journal not available for" << path.c_str() << "- using"
                               << (journal.empty() ? "unknown" : journal.front().c_str());
        // FULL: a committed cycle survives power loss / OS crash, not only a killed process. One fsync per
        // cycle is cheap at the agent's cycle rate.
        if (Result<std::vector<std::string>> r = pragma("PRAGMA synchronous = FULL"); !r)
            return r.failure();
        Result<std::vector<std::string>> check = pragma("PRAGMA quick_check");
        if (!check)
            return check.failure();
        if (const auto problem = quickCheckProblem(*check))
            return Error{path + " is corrupt: " + *problem, false, true};
    } else if (RawQuery probe = rawQuery(db.get(), "SELECT count(*) FROM sqlite_master"); probe.rc != SQLITE_OK) {
        // A copy in a directory this user may not write (an archive, a copy handed to an auditor): WAL readers need a
        // -shm file beside it, which cannot be made there. Nothing writes to such a copy, so it is read as immutable,
        // unless a -wal file beside it holds changes that only a writable directory lets SQLite read.
        std::error_code walError;
        const auto walBytes = std::filesystem::file_size(path + "-wal", walError);
        const int primary = probe.rc & 0xff;
        if ((primary != SQLITE_READONLY && primary != SQLITE_CANTOPEN) || (!walError && walBytes > 0))
            return openError(path, probe.rc, probe.message);
        // The path's bytes percent-encoded as a URI wants them (all but letters, digits, '-._~' and the slashes).
        const std::string uri = "file:" +
                                QByteArray::fromStdString(std::filesystem::absolute(path, walError).string())
                                    .toPercentEncoding("/")
                                    .toStdString() +
                                "?immutable=1";
        sqlite3* immutable = nullptr;
        const int reopened = sqlite3_open_v2(uri.c_str(), &immutable, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, nullptr);
        db.reset(immutable);
        if (reopened != SQLITE_OK)
            return openError(path, reopened, immutable ? sqlite3_errmsg(immutable) : sqlite3_errstr(reopened));
        sqlite3_extended_result_codes(db.get(), 1);
        if (Result<std::vector<std::string>> again = pragma("SELECT count(*) FROM sqlite_master"); !again)
            return again.failure();
        qCInfo(lcStore) << "read" << path.c_str() << "as an immutable copy (its directory is not writable)";
    }

    const std::string versionOp = "read the schema version of " + path;
    // The version and the other tables are read in one snapshot: another connection migrating a new file in
    // between (the console's second thread on a first start) would otherwise show no version, then its tables,
    // and the file would pass for a foreign database.
    Transaction snapshot(db.get());
    if (Status s = snapshot.begin(Transaction::Kind::Deferred, versionOp); !s)
        return s.failure();
    Result<int> version = store_detail::appliedSchemaVersion(db.get(), versionOp);
    if (!version)
        return version.failure();
    const int latest = store_detail::latestSchemaVersion();
    if (*version > latest)
        return Error{path + " was written by a newer version (schema " + std::to_string(*version) +
                     ", this build knows " + std::to_string(latest) + ")"};
    if (*version == 0) {
        Result<bool> foreign = store_detail::hasForeignTables(db.get(), versionOp);
        if (!foreign)
            return foreign.failure();
        if (*foreign)
            return Error{path + " is not a PayOps database (it holds other tables and no schema_migrations)"};
    }
    if (Status s = snapshot.commit(versionOp); !s)
        return s.failure();
    if (readOnly) {
        // Version 0 with no foreign tables is an empty database (a file created and never run on): nothing to read,
        // and "schema 0" would read as an old version to upgrade.
        if (*version == 0)
            return Error{path + " holds no agent data yet (an empty database): run the agent on it first"};
        if (*version < latest)
            return Error{path + " has schema " + std::to_string(*version) + " but this build needs " +
                         std::to_string(latest) + " (open it read-write once to upgrade it)"};
    } else if (Status s = store_detail::migrate(db.get(), path); !s) {
        return s.failure();
    }

    qCDebug(lcStore) << "opened" << path.c_str() << (readOnly ? "read-only" : "read-write");
    return Result<std::unique_ptr<AgentStore>>(std::unique_ptr<AgentStore>(new AgentStore(db.release(), path)));
}

// --- per cycle ---------------------------------------------------------------------------------------------

Status AgentStore::commitCycle(const CycleCommit& c)
{
    const std::string op = "commit cycle " + std::to_string(c.cycle) + " to " + m_path;
    const auto steps = [&]() -> Status {
        Transaction tx(m_db);
        if (Status s = tx.begin(Transaction::Kind::Immediate, op); !s)
            return s;

        for (const AuditEntry& e : c.audit) {
            if (Result<AuditEntry> r = store_detail::appendAuditInTransaction(m_db, e, op); !r)
                return r.failure();
        }

        Statement checkpoint(m_db, "INSERT OR REPLACE INTO checkpoint (id, cycle, time_ms, state) VALUES (1, ?, ?, ?)");
        checkpoint.bind(1, c.cycle).bind(2, c.timeMs).bind(3, c.stateJson);
        if (Status s = checkpoint.run(op); !s)
            return s;

        Statement chunk(m_db, "INSERT INTO window_chunks (first_ms, last_ms, bytes) VALUES (?, ?, ?)");
        for (const WindowChunk& w : c.newChunks) {
            chunk.reset();
            chunk.bind(1, w.firstMs).bind(2, w.lastMs).bindBlob(3, w.bytes);
            if (Status s = chunk.run(op); !s)
                return s;
        }
        Statement drop(m_db, "DELETE FROM window_chunks WHERE last_ms < ?");
        drop.bind(1, c.dropChunksEndingBefore);
        if (Status s = drop.run(op); !s)
            return s;

        if (!c.snapshotJson.empty()) {
            Statement snapshot(m_db,
                               "INSERT OR REPLACE INTO cycle_history (cycle, time_ms, snapshot) VALUES (?, ?, ?)");
            snapshot.bind(1, c.cycle).bind(2, c.timeMs).bind(3, c.snapshotJson);
            if (Status s = snapshot.run(op); !s)
                return s;
        }
        if (c.keepCycles > 0) {
            // Deletes everything at or below the (keepCycles+1)-th newest cycle; a NULL bound deletes nothing.
            Statement prune(m_db, "DELETE FROM cycle_history WHERE cycle <= "
                                  "(SELECT cycle FROM cycle_history ORDER BY cycle DESC LIMIT 1 OFFSET ?)");
            prune.bind(1, std::int64_t{c.keepCycles});
            if (Status s = prune.run(op); !s)
                return s;
        }

        Statement approval(m_db, "INSERT INTO approvals (id, created_at, state, summary, request, decided_at, "
                                 "decided_by, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                                 "ON CONFLICT (id) DO UPDATE SET created_at = excluded.created_at, "
                                 "state = excluded.state, summary = excluded.summary, request = excluded.request, "
                                 "decided_at = excluded.decided_at, decided_by = excluded.decided_by, "
                                 "reason = excluded.reason");
        for (const ApprovalRow& a : c.approvalUpserts) {
            approval.reset();
            approval.bind(1, a.id)
                .bind(2, a.createdAt)
                .bind(3, a.state)
                .bind(4, a.summary)
                .bind(5, a.requestJson)
                .bind(6, a.decidedAt)
                .bind(7, a.decidedBy)
                .bind(8, a.reason);
            if (Status s = approval.run(op); !s)
                return s;
        }

        Statement command(m_db, "UPDATE operator_commands SET state = ?, result = ? WHERE id = ?");
        for (const OperatorCommand& cmd : c.commandResults) {
            command.reset();
            command.bind(1, cmd.state).bind(2, cmd.result).bind(3, cmd.id);
            if (Status s = command.run(op); !s)
                return s;
            // A command row that vanished (someone cleaned the table) must not stop the agent from persisting
            // its cycle; the audit log still records what the command did.
            if (sqlite3_changes(m_db) == 0)
                qCWarning(lcStore) << "cycle" << c.cycle << ": operator command" << cmd.id << "no longer exists";
        }

        return tx.commit(op);
    };

    Status s = steps();
    if (!s)
        qCWarning(lcStore) << "cycle commit rolled back:" << s.error().c_str();
    return s;
}

Result<std::optional<Checkpoint>> AgentStore::loadCheckpoint() const
{
    const std::string op = "load the checkpoint from " + m_path;
    // The checkpoint and its chunks must come from the same commit.
    Transaction tx(m_db);
    if (Status s = tx.begin(Transaction::Kind::Deferred, op); !s)
        return failure<std::optional<Checkpoint>>(s);

    Statement head(m_db, "SELECT cycle, time_ms, state FROM checkpoint WHERE id = 1");
    Result<bool> row = head.next(op);
    if (!row)
        return row.failure();
    if (!*row)
        return std::optional<Checkpoint>{};
    Checkpoint cp;
    cp.cycle = head.int64(0);
    cp.timeMs = head.int64(1);
    cp.stateJson = head.text(2);

    Statement chunks(m_db, "SELECT first_ms, last_ms, bytes FROM window_chunks ORDER BY id");
    for (;;) {
        row = chunks.next(op);
        if (!row)
            return row.failure();
        if (!*row)
            break;
        cp.chunks.push_back(WindowChunk{chunks.int64(0), chunks.int64(1), chunks.blob(2)});
    }
    if (Status s = tx.commit(op); !s)
        return failure<std::optional<Checkpoint>>(s);
    return std::optional<Checkpoint>(std::move(cp));
}

Status AgentStore::resetState(const std::string& runId, const std::vector<AuditEntry>& records,
                              const std::vector<std::int64_t>& withdrawnCommands)
{
    const std::string op = "reset the agent state in " + m_path;
    Transaction tx(m_db);
    if (Status s = tx.begin(Transaction::Kind::Immediate, op); !s)
        return s;
    if (Status s = sqlite::exec(m_db,
                                "DELETE FROM checkpoint; DELETE FROM window_chunks; DELETE FROM cycle_history; "
                                "UPDATE approvals SET state = 'expired', reason = 'superseded by a new run' "
                                "WHERE state = 'pending';",
                                op);
        !s)
        return s;
    Statement withdraw(m_db, "UPDATE operator_commands SET state = 'refused', result = ? WHERE id = ? AND state = "
                             "'queued'");
    for (std::int64_t id : withdrawnCommands) {
        withdraw.reset();
        withdraw.bind(1, withdrawnResult("agent", "superseded by a new run")).bind(2, id);
        if (Status s = withdraw.run(op); !s)
            return s;
    }
    Statement run(m_db, "INSERT OR REPLACE INTO console_state (key, value) VALUES ('agent_run', ?)");
    run.bind(1, runId);
    if (Status s = run.run(op); !s)
        return s;
    for (const AuditEntry& e : records)
        if (Result<AuditEntry> r = store_detail::appendAuditInTransaction(m_db, e, op); !r)
            return r.failure();
    return tx.commit(op);
}

std::string AgentStore::newRunId(const std::optional<std::string>& previous)
{
    // Runs are started by people, not many per millisecond; a clock that stepped back onto the previous run's
    // millisecond must still not give its name (its triage would show again).
    TimeMs ms = SystemClock().nowMs();
    std::string id = "run-" + std::to_string(ms);
    while (previous && id == *previous)
        id = "run-" + std::to_string(++ms);
    return id;
}

Result<std::optional<std::string>> AgentStore::runId() const
{
    Statement q(m_db, "SELECT value FROM console_state WHERE key = 'agent_run'");
    Result<bool> row = q.next("read the run of " + m_path);
    if (!row)
        return row.failure();
    if (!*row)
        return std::optional<std::string>{};
    return std::optional<std::string>{q.text(0)};
}

// --- audit -------------------------------------------------------------------------------------------------

Result<AuditEntry> AgentStore::appendAudit(AuditEntry entry)
{
    const std::string op = "append to the audit log of " + m_path;
    Transaction tx(m_db);
    if (Status s = tx.begin(Transaction::Kind::Immediate, op); !s)
        return failure<AuditEntry>(s);
    Result<AuditEntry> appended = store_detail::appendAuditInTransaction(m_db, std::move(entry), op);
    if (!appended)
        return appended;
    if (Status s = tx.commit(op); !s)
        return failure<AuditEntry>(s);
    return appended;
}

Result<std::vector<AuditEntry>> AgentStore::auditEntries(std::int64_t afterSeq, int limit) const
{
    const std::string op = "read the audit log of " + m_path;
    // A negative LIMIT means "no limit" to SQLite, which is exactly the contract's -1.
    Statement st(m_db, std::string("SELECT ") + store_detail::kAuditColumns +
                           " FROM audit WHERE seq > ? ORDER BY seq LIMIT ?");
    st.bind(1, afterSeq).bind(2, std::int64_t{limit});
    std::vector<AuditEntry> out;
    for (;;) {
        Result<bool> row = st.next(op);
        if (!row)
            return row.failure();
        if (!*row)
            return out;
        out.push_back(store_detail::readAuditRow(st));
    }
}

AuditVerifyReport AgentStore::verifyAudit() const
{
    return store_detail::verifyAuditChain(m_db, m_path);
}

AuditVerifyReport AgentStore::verifyConfigVersions() const
{
    AuditVerifyReport report;
    const auto problem = [&report](std::string text) {
        report.ok = false;
        report.problems.push_back(std::move(text));
    };
    const std::string op = "verify the config versions of " + m_path;
    struct Version {
        std::int64_t version;
        std::string yaml, sha256;
    };
    Statement versionRows(m_db, "SELECT version, yaml, sha256 FROM config_versions ORDER BY version");
    const auto versions = readAll<Version>(versionRows, op, [](const Statement& row) {
        return Version{row.int64(0), row.text(1), row.text(2)};
    });
    // Where the version is named: a config_change's inputs, a run_started's outcome.
    struct Naming {
        std::int64_t seq;
        std::string kind, json;
    };
    Statement namingRows(m_db, "SELECT seq, kind, CASE kind WHEN 'config_change' THEN inputs ELSE outcome END "
                               "FROM audit WHERE kind IN ('run_started', 'config_change') ORDER BY seq");
    const auto namings = readAll<Naming>(namingRows, op, [](const Statement& row) {
        return Naming{row.int64(0), row.text(1), row.text(2)};
    });
    if (!versions) {
        problem(versions.error());
        return report;
    }
    std::map<std::int64_t, std::string> recorded; // version -> its stored hash
    for (const Version& v : *versions) {
        recorded[v.version] = v.sha256;
        ++report.recordsChecked;
        if (store_detail::sha256Hex(v.yaml) != v.sha256)
            problem("config version " + std::to_string(v.version) +
                    ": its text no longer matches its SHA-256 (edited after it was recorded)");
    }
    if (!namings) {
        problem(namings.error());
        return report;
    }
    for (const Naming& n : *namings) {
        const nlohmann::json named = nlohmann::json::parse(n.json, nullptr, false);
        const auto version = jsonFieldOr(named, "config_version", std::int64_t{-1});
        const auto sha = jsonFieldOr(named, "config_sha256", std::string());
        if (version < 0 || sha.empty())
            continue; // records written before they carried the hash (2026-12-06) have none to compare
        const std::string record = "audit record " + std::to_string(n.seq) + " (" + n.kind + ")";
        if (const auto it = recorded.find(version); it == recorded.end())
            problem(record + " names config version " + std::to_string(version) + ", which is not in the database");
        else if (it->second != sha)
            problem("config version " + std::to_string(version) + " is not the text " + record +
                    " recorded (its text and SHA-256 were replaced)");
    }
    return report;
}

std::optional<std::string> AgentStore::damage() const
{
    const RawQuery check = rawQuery(m_db, "PRAGMA quick_check");
    // A check that cannot run for a lock (another writer) says nothing of the file; one that fails reading it does.
    const int primary = check.rc & 0xff;
    if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
        return std::nullopt;
    if (check.rc != SQLITE_OK)
        return check.message.empty() ? std::string(sqlite3_errstr(check.rc)) : check.message;
    return quickCheckProblem(check.rows);
}

Status AgentStore::exportAudit(std::ostream& out, AuditExportFormat format) const
{
    return store_detail::writeAuditExport(m_db, m_path, out, format);
}

// --- approvals and operator commands -----------------------------------------------------------------------

namespace {

constexpr const char* kApprovalColumns = "id, created_at, state, summary, request, decided_at, decided_by, reason";

ApprovalRow readApproval(const Statement& st)
{
    ApprovalRow a;
    a.id = st.int64(0);
    a.createdAt = st.int64(1);
    a.state = st.text(2);
    a.summary = st.text(3);
    a.requestJson = st.text(4);
    a.decidedAt = st.int64(5);
    a.decidedBy = st.text(6);
    a.reason = st.text(7);
    return a;
}

constexpr const char* kCommandColumns = "id, created_at, kind, target_id, actor, reason, state, result";

OperatorCommand readCommand(const Statement& st)
{
    OperatorCommand c;
    c.id = st.int64(0);
    c.createdAt = st.int64(1);
    c.kind = st.text(2);
    c.targetId = st.int64(3);
    c.actor = st.text(4);
    c.reason = st.text(5);
    c.state = st.text(6);
    c.result = st.text(7);
    return c;
}

} // namespace

Result<std::vector<ApprovalRow>> AgentStore::approvals(const std::string& stateFilter) const
{
    const std::string op = "read approvals from " + m_path;
    const std::string select = std::string("SELECT ") + kApprovalColumns + " FROM approvals";
    if (stateFilter.empty()) {
        Statement st(m_db, select + " ORDER BY id");
        return readAll<ApprovalRow>(st, op, readApproval);
    }
    Statement st(m_db, select + " WHERE state = ? ORDER BY id");
    st.bind(1, stateFilter);
    return readAll<ApprovalRow>(st, op, readApproval);
}

Result<std::optional<ApprovalRow>> AgentStore::approval(std::int64_t id) const
{
    Statement st(m_db, std::string("SELECT ") + kApprovalColumns + " FROM approvals WHERE id = ?");
    st.bind(1, id);
    return readOne<ApprovalRow>(st, "read approval " + std::to_string(id) + " from " + m_path, readApproval);
}

Result<std::int64_t> AgentStore::enqueueCommand(OperatorCommand command)
{
    const std::string op = "queue the " + command.kind + " command in " + m_path; // "a approve" read badly
    Statement st(m_db, "INSERT INTO operator_commands (created_at, kind, target_id, actor, reason, state, result) "
                       "VALUES (?, ?, ?, ?, ?, 'queued', '')");
    st.bind(1, command.createdAt)
        .bind(2, command.kind)
        .bind(3, command.targetId)
        .bind(4, command.actor)
        .bind(5, command.reason);
    if (Status s = st.run(op); !s)
        return failure<std::int64_t>(s);
    return std::int64_t{sqlite3_last_insert_rowid(m_db)};
}

Result<std::optional<OperatorCommand>> AgentStore::waitingCommand(bool onApproval, std::int64_t targetId) const
{
    // Approvals and interventions are numbered apart: a rollback of intervention 3 is not a decision on request 3.
    Statement waiting(m_db, std::string("SELECT ") + kCommandColumns +
                                " FROM operator_commands WHERE state = 'queued' AND target_id = ? AND kind " +
                                (onApproval ? "IN ('approve', 'reject')" : "NOT IN ('approve', 'reject')") +
                                " ORDER BY id LIMIT 1");
    waiting.bind(1, targetId);
    return readOne<OperatorCommand>(waiting, "read queued commands from " + m_path, readCommand);
}

Result<AgentStore::Enqueued> AgentStore::enqueueCommandUnlessWaiting(OperatorCommand command)
{
    const std::string op = "queue the " + command.kind + " command in " + m_path; // "a approve" read badly
    Transaction tx(m_db);
    if (Status s = tx.begin(Transaction::Kind::Immediate, op); !s)
        return failure<Enqueued>(s);
    auto found = waitingCommand(command.kind == "approve" || command.kind == "reject", command.targetId);
    if (!found.ok())
        return found.failure();
    if (found.value())
        return Enqueued{0, found.value()};
    auto id = enqueueCommand(std::move(command));
    if (!id.ok())
        return id.failure();
    if (Status s = tx.commit(op); !s)
        return failure<Enqueued>(s);
    return Enqueued{id.value(), std::nullopt};
}

Result<std::optional<OperatorCommand>> AgentStore::withdrawQueuedCommand(bool onApproval, std::int64_t targetId,
                                                                         const std::string& actor,
                                                                         const std::string& reason, TimeMs timeMs,
                                                                         std::int64_t configVersion)
{
    const std::string op = "withdraw a queued command in " + m_path;
    Transaction tx(m_db);
    if (Status s = tx.begin(Transaction::Kind::Immediate, op); !s)
        return s.failure();
    auto found = waitingCommand(onApproval, targetId);
    if (!found.ok() || !found.value())
        return found; // nothing written: the transaction rolls back
    OperatorCommand withdrawn = *found.value();
    withdrawn.state = "refused";
    withdrawn.result = withdrawnResult(actor, reason);
    Statement update(m_db, "UPDATE operator_commands SET state = ?, result = ? WHERE id = ? AND state = 'queued'");
    update.bind(1, withdrawn.state).bind(2, withdrawn.result).bind(3, withdrawn.id);
    if (Status s = update.run(op); !s)
        return s.failure();
    const AuditEntry record = withdrawnRecord(withdrawn, actor, reason, timeMs, configVersion);
    if (auto appended = store_detail::appendAuditInTransaction(m_db, record, op); !appended.ok())
        return appended.failure();
    if (Status s = tx.commit(op); !s)
        return s.failure();
    return std::optional<OperatorCommand>(std::move(withdrawn));
}

std::string AgentStore::withdrawnResult(const std::string& actor, const std::string& reason)
{
    return "withdrawn by " + actor + " before it applied" + (reason.empty() ? "" : ": " + reason);
}

AuditEntry AgentStore::withdrawnRecord(const OperatorCommand& command, const std::string& actor,
                                       const std::string& reason, TimeMs timeMs, std::int64_t configVersion)
{
    AuditEntry record;
    record.timeMs = timeMs;
    record.actor = actor;
    record.kind = "command_withdrawn";
    record.configVersion = configVersion;
    record.inputsJson = nlohmann::json{
        {"command_id", command.id},
        {"command", command.kind},
        {"target_id", command.targetId},
        {"queued_by", command.actor},
        {"reason", reason}}.dump();
    record.outcomeJson = nlohmann::json{{"withdrawn", true}}.dump();
    return record;
}

Result<std::vector<OperatorCommand>> AgentStore::queuedCommands() const
{
    Statement st(m_db, std::string("SELECT ") + kCommandColumns +
                           " FROM operator_commands WHERE state = 'queued' ORDER BY id");
    return readAll<OperatorCommand>(st, "read queued commands from " + m_path, readCommand);
}

Result<std::optional<OperatorCommand>> AgentStore::command(std::int64_t id) const
{
    Statement st(m_db, std::string("SELECT ") + kCommandColumns + " FROM operator_commands WHERE id = ?");
    st.bind(1, id);
    return readOne<OperatorCommand>(st, "read command " + std::to_string(id) + " from " + m_path, readCommand);
}

// --- cycle history -----------------------------------------------------------------------------------------

Result<std::vector<std::string>> AgentStore::recentSnapshots(int limit) const
{
    Statement st(m_db, "SELECT snapshot FROM (SELECT cycle, snapshot FROM cycle_history ORDER BY cycle DESC "
                       "LIMIT ?) ORDER BY cycle");
    st.bind(1, std::int64_t{limit});
    return readAll<std::string>(st, "read cycle history from " + m_path,
                                [](const Statement& row) { return row.text(0); });
}

Result<std::vector<std::pair<std::int64_t, std::string>>> AgentStore::snapshotsAfter(std::int64_t cycle,
                                                                                     int limit) const
{
    Statement st(m_db, "SELECT cycle, snapshot FROM cycle_history WHERE cycle > ? ORDER BY cycle LIMIT ?");
    st.bind(1, cycle).bind(2, std::int64_t{limit});
    return readAll<std::pair<std::int64_t, std::string>>(st, "read cycle history from " + m_path,
                                                         [](const Statement& row) {
                                                             return std::pair{row.int64(0), row.text(1)};
                                                         });
}

// --- config versions ---------------------------------------------------------------------------------------

Result<std::int64_t> AgentStore::recordConfigVersion(const ConfigVersion& v)
{
    const std::string op = "record a config version in " + m_path;
    // The store computes the hash itself so the uniqueness it enforces is over the exact YAML bytes.
    const std::string sha = store_detail::sha256Hex(v.yaml);
    // Immediate: the lookup and the insert must not interleave with another process recording the same YAML.
    Transaction tx(m_db);
    if (Status s = tx.begin(Transaction::Kind::Immediate, op); !s)
        return failure<std::int64_t>(s);

    Statement find(m_db, "SELECT version FROM config_versions WHERE sha256 = ?");
    find.bind(1, sha);
    Result<bool> row = find.next(op);
    if (!row)
        return row.failure();
    if (*row)
        return std::int64_t{find.int64(0)};

    Statement insert(m_db, "INSERT INTO config_versions (created_at, author, message, yaml, sha256) "
                           "VALUES (?, ?, ?, ?, ?)");
    // When it was recorded, on the wall clock (the history's own time, whatever clock the run keeps): a caller that
    // gives none gets now.
    const TimeMs createdAt = v.createdAt != 0 ? v.createdAt : SystemClock().nowMs();
    insert.bind(1, createdAt).bind(2, v.author).bind(3, v.message).bind(4, v.yaml).bind(5, sha);
    if (Status s = insert.run(op); !s)
        return failure<std::int64_t>(s);
    const std::int64_t version = sqlite3_last_insert_rowid(m_db);
    if (Status s = tx.commit(op); !s)
        return failure<std::int64_t>(s);
    return version;
}

Result<std::optional<ConfigVersion>> AgentStore::configVersion(std::int64_t version) const
{
    Statement st(m_db, "SELECT version, created_at, author, message, yaml, sha256 FROM config_versions "
                       "WHERE version = ?");
    st.bind(1, version);
    auto read = readOne<ConfigVersion>(st, "read config version " + std::to_string(version) + " from " + m_path,
                                       [](const Statement& row) {
                                           ConfigVersion v;
                                           v.version = row.int64(0);
                                           v.createdAt = row.int64(1);
                                           v.author = row.text(2);
                                           v.message = row.text(3);
                                           v.yaml = row.text(4);
                                           v.sha256 = row.text(5);
                                           return v;
                                       });
    // A version edited in the database after it was recorded would run as if it were the one the audit log names.
    if (read.ok() && read.value() && store_detail::sha256Hex(read.value()->yaml) != read.value()->sha256)
        return Error{"config version " + std::to_string(version) + " in " + m_path +
                     " was changed after it was recorded (its text no longer matches its SHA-256)"};
    return read;
}

} // namespace payops
