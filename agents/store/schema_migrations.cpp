#include "schema_migrations.h"

#include "core/clock.h"
#include "core/logging.h"
#include "sqlite_statement.h"
#include "sqlite_transaction.h"

#include <array>

namespace payops::store_detail {

namespace {

// Never edit a released script: databases in the field have already run it. Change the schema by appending.
constexpr std::array kMigrations = {
    // 1: the initial schema.
    R"sql(
CREATE TABLE audit (
    seq INTEGER PRIMARY KEY,
    time_ms INTEGER NOT NULL,
    actor TEXT NOT NULL,
    kind TEXT NOT NULL,
    config_version INTEGER NOT NULL,
    inputs TEXT NOT NULL,
    outcome TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
-- The chain's newest record, updated with every append: deleting the newest records leaves a head that
-- points past the end of the table.
CREATE TABLE audit_head (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    last_seq INTEGER NOT NULL,
    last_hash TEXT NOT NULL
);
INSERT INTO audit_head (id, last_seq, last_hash) VALUES (1, 0, '');

CREATE TABLE checkpoint (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    cycle INTEGER NOT NULL,
    time_ms INTEGER NOT NULL,
    state TEXT NOT NULL
);

CREATE TABLE window_chunks (
    id INTEGER PRIMARY KEY,
    first_ms INTEGER NOT NULL,
    last_ms INTEGER NOT NULL,
    bytes BLOB NOT NULL,
    CHECK (last_ms >= first_ms)
);
CREATE INDEX window_chunks_by_first ON window_chunks (first_ms, id);
CREATE INDEX window_chunks_by_last ON window_chunks (last_ms);

CREATE TABLE cycle_history (
    cycle INTEGER PRIMARY KEY,
    time_ms INTEGER NOT NULL,
    snapshot TEXT NOT NULL
);

CREATE TABLE approvals (
    id INTEGER PRIMARY KEY,
    created_at INTEGER NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('pending', 'approved', 'rejected', 'expired')),
    summary TEXT NOT NULL,
    request TEXT NOT NULL,
    decided_at INTEGER NOT NULL DEFAULT 0,
    decided_by TEXT NOT NULL DEFAULT '',
    reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX approvals_by_state ON approvals (state, id);

-- kind is deliberately unconstrained: the runtime refuses commands it does not know with a readable result,
-- which tells the person who queued it more than a failed INSERT would.
CREATE TABLE operator_commands (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at INTEGER NOT NULL,
    kind TEXT NOT NULL,
    target_id INTEGER NOT NULL,
    actor TEXT NOT NULL,
    reason TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('queued', 'applied', 'refused')),
    result TEXT NOT NULL DEFAULT ''
);
CREATE INDEX operator_commands_by_state ON operator_commands (state, id);

CREATE TABLE config_versions (
    version INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at INTEGER NOT NULL,
    author TEXT NOT NULL,
    message TEXT NOT NULL,
    yaml TEXT NOT NULL,
    sha256 TEXT NOT NULL UNIQUE
);
)sql",
    // 2: the console's anomaly triage (lifecycle, owner, snooze, notes) and silences. Rows are per run: anomaly
    // ids restart with every new run, and an old run's triage stays readable.
    R"sql(
CREATE TABLE console_state (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE anomaly_triage (
    run_id TEXT NOT NULL,
    anomaly_id INTEGER NOT NULL,
    item TEXT NOT NULL,
    PRIMARY KEY (run_id, anomaly_id)
);
CREATE TABLE silences (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    silence TEXT NOT NULL,
    removed INTEGER NOT NULL DEFAULT 0
);
)sql",
    // 3: sync with remote services (SYNC.md 5.3, 5.4). events + sync_cursor are written in one transaction per
    // batch, so a crash between receive and commit only means redelivery, which the keys make idempotent.
    R"sql(
CREATE TABLE sync_cursor (
    stream TEXT PRIMARY KEY,
    stream_created TEXT NOT NULL DEFAULT '',
    last_seq INTEGER NOT NULL DEFAULT 0,
    truncated_from INTEGER,
    truncated_to INTEGER,
    truncated_at INTEGER
);
CREATE TABLE events (
    event_id TEXT PRIMARY KEY,
    stream TEXT NOT NULL,
    stream_seq INTEGER NOT NULL,
    subject TEXT NOT NULL,
    headers BLOB,
    body BLOB,
    received_at INTEGER NOT NULL,
    UNIQUE (stream, stream_seq)
);
CREATE TABLE sync_quarantine (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    stream TEXT NOT NULL,
    stream_seq INTEGER NOT NULL,
    subject TEXT NOT NULL,
    headers BLOB,
    body BLOB,
    reason TEXT NOT NULL,
    received_at INTEGER NOT NULL
);
CREATE TABLE outbox (
    command_id TEXT PRIMARY KEY,
    subject TEXT NOT NULL,
    payload BLOB NOT NULL,
    expected_version INTEGER,
    created_at INTEGER NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'acked', 'confirmed', 'rejected')),
    attempts INTEGER NOT NULL DEFAULT 0,
    last_sent_at INTEGER,
    stream_seq INTEGER,
    last_error TEXT,
    result TEXT,
    needs_result INTEGER NOT NULL DEFAULT 1 -- 0: an event a service publishes; its PubAck is the confirmation
);
CREATE INDEX outbox_state ON outbox (state, created_at);
-- A service's record of console commands it has taken (SYNC.md 5.4: dedupe on command_id forever).
CREATE TABLE remote_commands (
    command_id TEXT PRIMARY KEY,
    received_at INTEGER NOT NULL,
    operator_command_id INTEGER,
    state TEXT NOT NULL CHECK (state IN ('queued', 'done')),
    outcome TEXT,
    result TEXT
);
)sql",
    // 4: LocalBackend (SYNC.md 5.7): the contract's streams and the KV bucket kept in this file when there is no
    // server. Sequences are per stream, like JetStream's, so cursors and truncation checks mean the same.
    R"sql(
CREATE TABLE local_stream (
    stream TEXT NOT NULL,
    seq INTEGER NOT NULL,
    subject TEXT NOT NULL,
    msg_id TEXT,
    headers BLOB,
    body BLOB NOT NULL,
    stored_at INTEGER NOT NULL,
    PRIMARY KEY (stream, seq)
) WITHOUT ROWID;
CREATE UNIQUE INDEX local_stream_msg_id ON local_stream (stream, msg_id) WHERE msg_id IS NOT NULL;
-- Which backend a command was made for: the local services never answer a decision meant for a server's
-- services, and a server never receives one made against the local demo.
ALTER TABLE outbox ADD COLUMN target TEXT NOT NULL DEFAULT 'server';
-- KV buckets without a server: revisions numbered per bucket like a KV stream's sequences; op PUT or DEL.
CREATE TABLE local_kv_bucket (
    bucket TEXT PRIMARY KEY,
    history INTEGER NOT NULL
);
CREATE TABLE local_kv (
    bucket TEXT NOT NULL,
    revision INTEGER NOT NULL,
    key TEXT NOT NULL,
    value BLOB NOT NULL,
    op TEXT NOT NULL CHECK (op IN ('PUT', 'DEL')),
    msg_id TEXT,
    stored_at INTEGER NOT NULL,
    PRIMARY KEY (bucket, revision)
) WITHOUT ROWID;
CREATE INDEX local_kv_key ON local_kv (bucket, key, revision);
CREATE UNIQUE INDEX local_kv_msg_id ON local_kv (bucket, msg_id) WHERE msg_id IS NOT NULL;
)sql",
    // 5: the local backend's cursors and events under their own names ("local/EVENTS", SyncStore::setTarget). Kept
    // under the server's names, working offline and back took the local stream for a new epoch of the server's and
    // deleted every event synced from it. Only streams whose cursor carries the local epoch move.
    R"sql(
UPDATE events SET stream = 'local/' || stream
    WHERE stream IN (SELECT stream FROM sync_cursor WHERE stream_created = 'local');
UPDATE sync_cursor SET stream = 'local/' || stream WHERE stream_created = 'local';
)sql",
};

} // namespace

int latestSchemaVersion()
{
    return static_cast<int>(kMigrations.size());
}

Result<int> appliedSchemaVersion(sqlite3* db, const std::string& operation)
{
    sqlite::Statement exists(db,
                             "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'");
    Result<bool> row = exists.next(operation);
    if (!row)
        return row.failure();
    if (!*row || exists.int64(0) == 0)
        return 0;

    sqlite::Statement max(db, "SELECT coalesce(max(version), 0) FROM schema_migrations");
    row = max.next(operation);
    if (!row)
        return row.failure();
    return *row ? static_cast<int>(max.int64(0)) : 0;
}

Result<bool> hasForeignTables(sqlite3* db, const std::string& operation)
{
    sqlite::Statement st(db, "SELECT count(*) FROM sqlite_master WHERE name <> 'schema_migrations' "
                             "AND name NOT LIKE 'sqlite_%'");
    Result<bool> row = st.next(operation);
    if (!row)
        return row.failure();
    return *row && st.int64(0) > 0;
}

Status migrate(sqlite3* db, const std::string& path)
{
    for (;;) {
        // "check", not "migrate": most opens find the schema current, and a lock met here read as a failed upgrade.
        const std::string operation = "check the schema of " + path;
        sqlite::Transaction tx(db);
        if (Status s = tx.begin(sqlite::Transaction::Kind::Immediate, operation); !s)
            return s;
        if (Status s = sqlite::exec(db,
                                    "CREATE TABLE IF NOT EXISTS schema_migrations ("
                                    "version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)",
                                    operation);
            !s)
            return s;
        Result<int> applied = appliedSchemaVersion(db, operation);
        if (!applied)
            return applied.failure();
        if (*applied >= latestSchemaVersion())
            return tx.commit(operation);

        const int version = *applied + 1;
        const std::string step = operation + " to version " + std::to_string(version);
        if (Status s = sqlite::exec(db, kMigrations[static_cast<std::size_t>(version - 1)], step); !s)
            return s;
        sqlite::Statement record(db, "INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)");
        record.bind(1, std::int64_t{version}).bind(2, SystemClock().nowMs());
        if (Status s = record.run(step); !s)
            return s;
        if (Status s = tx.commit(step); !s)
            return s;
        qCInfo(lcStore) << "applied schema migration" << version << "to" << path.c_str();
    }
}

} // namespace payops::store_detail
