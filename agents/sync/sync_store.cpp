#include "sync_store.h"

#include "store/sqlite_statement.h"
#include "store/sqlite_transaction.h"

#include <algorithm>
#include <limits>
#include <sqlite3.h>

namespace payops::sync {

using sqlite::Statement;
using SqlTransaction = sqlite::Transaction;

namespace {
// synchronous=NORMAL for the scope (outside any transaction), FULL again afterwards.
class Durability {
public:
    explicit Durability(sqlite3* db) : m_db(db)
    {
        sqlite3_exec(m_db, "PRAGMA synchronous = NORMAL", nullptr, nullptr, nullptr);
    }
    ~Durability() { sqlite3_exec(m_db, "PRAGMA synchronous = FULL", nullptr, nullptr, nullptr); }
    Durability(const Durability&) = delete;
    Durability& operator=(const Durability&) = delete;

private:
    sqlite3* m_db;
};
} // namespace

SyncStore::~SyncStore() = default;

void SyncStore::useBackgroundCheckpoints()
{
    if (!m_checkpointer)
        m_checkpointer = std::make_unique<WalCheckpointer>(m_store.connection(), m_store.path());
}

std::string SyncStore::streamKey(const std::string& stream) const
{
    return m_target == "local" ? "local/" + stream : stream;
}

Result<SyncCursor> SyncStore::cursor(const std::string& stream) const
{
    Statement q(m_store.connection(), "SELECT stream_created, last_seq, truncated_from, truncated_to FROM sync_cursor "
                                      "WHERE stream = ?");
    q.bind(1, streamKey(stream));
    Result<bool> row = q.next("read the sync cursor of " + stream + " in " + m_store.path());
    if (!row)
        return row.failure();
    SyncCursor c;
    c.stream = stream;
    if (*row) {
        c.streamCreated = q.text(0);
        c.lastSeq = static_cast<std::uint64_t>(q.int64(1));
        if (!q.isNull(2))
            c.truncatedFrom = static_cast<std::uint64_t>(q.int64(2));
        if (!q.isNull(3))
            c.truncatedTo = static_cast<std::uint64_t>(q.int64(3));
    }
    return c;
}

Result<ApplyResult> SyncStore::apply(const std::string& stream, const std::vector<IncomingEvent>& batch,
                                     std::int64_t nowMs)
{
    ApplyResult result;
    if (batch.empty())
        return result;
    const std::string op = "store synced events of " + stream + " in " + m_store.path();
    const std::string key = streamKey(stream);
    sqlite3* db = m_store.connection();
    // Events and their cursor are re-fetchable from the server: if a power cut loses this commit, both roll back
    // together and the server redelivers. So this transaction skips the WAL fsync (synchronous=NORMAL) that the
    // audit and the outbox keep; the fsync otherwise stalls reading the socket for every batch.
    const Durability relaxed(db);
    SqlTransaction tx(db);
    if (Status s = tx.begin(SqlTransaction::Kind::Immediate, op); !s)
        return s.failure();
    Statement insert(db, "INSERT OR IGNORE INTO events (event_id, stream, stream_seq, subject, headers, body, "
                         "received_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
    Statement quarantine(db, "INSERT INTO sync_quarantine (stream, stream_seq, subject, headers, body, reason, "
                             "received_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
    Statement confirm(db, "UPDATE outbox SET state = ?, result = ? WHERE command_id = ? AND state IN ('pending', "
                          "'acked')");
    Statement storedAt(db, "SELECT event_id FROM events WHERE stream = ? AND stream_seq = ?");
    std::uint64_t last = 0;
    for (const IncomingEvent& e : batch) {
        last = std::max(last, e.streamSeq);
        if (!e.quarantineReason.empty()) {
            quarantine.reset();
            quarantine.bind(1, key)
                .bind(2, static_cast<std::int64_t>(e.streamSeq))
                .bind(3, e.subject)
                .bindBlob(4, e.headers)
                .bindBlob(5, e.body)
                .bind(6, e.quarantineReason)
                .bind(7, nowMs);
            if (Status s = quarantine.run(op); !s)
                return s.failure();
            ++result.quarantined;
            continue;
        }
        const auto store = [&]() -> Result<bool> { // true: a row was added
            insert.reset();
            insert.bind(1, e.eventId)
                .bind(2, key)
                .bind(3, static_cast<std::int64_t>(e.streamSeq))
                .bind(4, e.subject)
                .bindBlob(5, e.headers)
                .bindBlob(6, e.body)
                .bind(7, nowMs);
            if (Status s = insert.run(op); !s)
                return s.failure();
            return sqlite3_changes(db) > 0;
        };
        Result<bool> added = store();
        if (!added)
            return added.failure();
        if (!*added) {
            // Its id is stored (a redelivery), or another event holds its sequence: the server lost that one after
            // we applied it (G14) and gave the sequence to this one, which is the server's history now.
            storedAt.reset();
            storedAt.bind(1, key).bind(2, static_cast<std::int64_t>(e.streamSeq));
            Result<bool> found = storedAt.next(op);
            if (!found)
                return found.failure();
            const std::string other = *found ? storedAt.text(0) : std::string();
            storedAt.reset();
            if (other.empty() || other == e.eventId) {
                ++result.duplicates;
                continue;
            }
            if (Result<std::int64_t> moved = setAsideLost(key, e.streamSeq, e.streamSeq - 1, nowMs, op); !moved)
                return moved.failure();
            ++result.lostByServer;
            added = store();
            if (!added)
                return added.failure();
            if (!*added) { // its id is stored at another sequence as well: a redelivery after all
                ++result.duplicates;
                continue;
            }
        }
        ++result.inserted;
        if (!e.causedBy.empty()) {
            confirm.reset();
            confirm.bind(1, std::string(e.rejected ? "rejected" : "confirmed")).bind(2, e.body).bind(3, e.causedBy);
            if (Status s = confirm.run(op); !s)
                return s.failure();
            if (sqlite3_changes(db) > 0) {
                ++result.confirmed;
                result.settled.push_back({e.causedBy, e.rejected, e.body});
            }
        }
    }
    Statement cursor(db, "INSERT INTO sync_cursor (stream, last_seq) VALUES (?, ?) ON CONFLICT (stream) DO UPDATE "
                         "SET last_seq = max(last_seq, excluded.last_seq)");
    cursor.bind(1, key).bind(2, static_cast<std::int64_t>(last));
    if (Status s = cursor.run(op); !s)
        return s.failure();
    if (Status s = tx.commit(op); !s)
        return s.failure();
    return result;
}

Result<std::int64_t> SyncStore::resetEpoch(const std::string& stream, const std::string& created)
{
    const std::string op = "restart the sync of " + stream + " (stream recreated) in " + m_store.path();
    sqlite3* db = m_store.connection();
    SqlTransaction tx(db);
    if (Status s = tx.begin(SqlTransaction::Kind::Immediate, op); !s)
        return s.failure();
    Statement del(db, "DELETE FROM events WHERE stream = ?");
    del.bind(1, streamKey(stream));
    if (Status s = del.run(op); !s)
        return s.failure();
    const std::int64_t dropped = sqlite3_changes(db);
    Statement cursor(db, "INSERT INTO sync_cursor (stream, stream_created, last_seq) VALUES (?, ?, 0) "
                         "ON CONFLICT (stream) DO UPDATE SET stream_created = excluded.stream_created, last_seq = 0, "
                         "truncated_from = NULL, truncated_to = NULL, truncated_at = NULL");
    cursor.bind(1, streamKey(stream)).bind(2, created);
    if (Status s = cursor.run(op); !s)
        return s.failure();
    if (Status s = tx.commit(op); !s)
        return s.failure();
    return dropped;
}

std::uint64_t SyncStore::recheckFrom(std::uint64_t serverFirst, std::uint64_t serverLast)
{
    const auto back = static_cast<std::uint64_t>(kRecheckAfterLoss);
    const std::uint64_t from = serverLast > back ? serverLast - back : 0;
    return std::max(from, serverFirst > 0 ? serverFirst - 1 : 0);
}

Result<std::int64_t> SyncStore::rewindLostTail(const std::string& stream, std::uint64_t serverFirst,
                                               std::uint64_t serverLast, std::int64_t nowMs)
{
    const std::string op = "set aside the events the server lost from " + stream + " in " + m_store.path();
    const std::string key = streamKey(stream);
    sqlite3* db = m_store.connection();
    SqlTransaction tx(db);
    if (Status s = tx.begin(SqlTransaction::Kind::Immediate, op); !s)
        return s.failure();
    Result<std::int64_t> moved = setAsideLost(key, std::numeric_limits<std::int64_t>::max(), serverLast, nowMs, op);
    if (!moved)
        return moved;
    // The server's last events before its end may differ from ours too (lost, then their sequences reused before this
    // console came back): they are read again, and apply() sets aside each of ours the server replaced.
    const auto from = static_cast<std::int64_t>(recheckFrom(serverFirst, serverLast));
    Statement cursor(db, "UPDATE sync_cursor SET last_seq = ? WHERE stream = ? AND last_seq > ?");
    cursor.bind(1, from).bind(2, key).bind(3, from);
    if (Status s = cursor.run(op); !s)
        return s.failure();
    if (Status s = tx.commit(op); !s)
        return s.failure();
    return moved;
}

Result<std::int64_t> SyncStore::setAsideLost(const std::string& key, std::uint64_t upTo, std::uint64_t serverEnd,
                                             std::int64_t nowMs, const std::string& operation)
{
    sqlite3* db = m_store.connection();
    const auto end = static_cast<std::int64_t>(serverEnd);
    const auto to = static_cast<std::int64_t>(std::min<std::uint64_t>(upTo, std::numeric_limits<std::int64_t>::max()));
    Statement keep(db, "INSERT INTO sync_quarantine (stream, stream_seq, subject, headers, body, reason, received_at) "
                       "SELECT stream, stream_seq, subject, headers, body, ?, ? FROM events WHERE stream = ? AND "
                       "stream_seq > ? AND stream_seq <= ? ORDER BY stream_seq");
    keep.bind(1, std::string("the server lost this event after this console had applied it, and may give its sequence "
                             "to another"))
        .bind(2, nowMs)
        .bind(3, key)
        .bind(4, end)
        .bind(5, to);
    if (Status s = keep.run(operation); !s)
        return s.failure();
    const std::int64_t moved = sqlite3_changes(db);
    Statement drop(db, "DELETE FROM events WHERE stream = ? AND stream_seq > ? AND stream_seq <= ?");
    drop.bind(1, key).bind(2, end).bind(3, to);
    if (Status s = drop.run(operation); !s)
        return s.failure();
    return moved;
}

Status SyncStore::markTruncated(const std::string& stream, std::uint64_t firstAvailable, std::int64_t nowMs)
{
    Statement q(m_store.connection(),
                "UPDATE sync_cursor SET truncated_from = last_seq + 1, truncated_to = ? - 1, truncated_at = ?, "
                "last_seq = ? - 1 WHERE stream = ? AND last_seq + 1 < ?");
    const auto first = static_cast<std::int64_t>(firstAvailable);
    q.bind(1, first).bind(2, nowMs).bind(3, first).bind(4, streamKey(stream)).bind(5, first);
    return q.run("record truncated history of " + stream + " in " + m_store.path());
}

Result<std::int64_t> SyncStore::eventCount(const std::string& stream) const
{
    Statement q(m_store.connection(), "SELECT count(*) FROM events WHERE stream = ?");
    q.bind(1, streamKey(stream));
    return sqlite::readInt(q, "count the events of " + stream + " in " + m_store.path());
}

Result<std::int64_t> SyncStore::quarantineCount() const
{
    Statement q(m_store.connection(), "SELECT count(*) FROM sync_quarantine");
    return sqlite::readInt(q, "count quarantined events in " + m_store.path());
}

Result<std::optional<std::string>> SyncStore::newestQuarantine() const
{
    Statement q(m_store.connection(),
                "SELECT stream, stream_seq, reason FROM sync_quarantine ORDER BY id DESC LIMIT 1");
    return sqlite::readOne<std::string>(
        q, "read the newest quarantined event in " + m_store.path(),
        [](const Statement& row) { return row.text(0) + " " + std::to_string(row.int64(1)) + ": " + row.text(2); });
}

Result<std::vector<SetAsideMessage>> SyncStore::setAside(std::int64_t limit) const
{
    Statement q(m_store.connection(), "SELECT id, stream, stream_seq, subject, reason, received_at, body FROM "
                                      "sync_quarantine ORDER BY id DESC LIMIT ?");
    q.bind(1, limit);
    return sqlite::readAll<SetAsideMessage>(
        q, "read the set-aside messages in " + m_store.path(), [](const Statement& row) {
            return SetAsideMessage{row.int64(0), row.text(1),  row.int64(2), row.blob(3),
                                   row.text(4),  row.int64(5), row.blob(6)};
        });
}

Status SyncStore::enqueue(const OutboxCommand& c)
{
    Statement q(m_store.connection(),
                "INSERT OR IGNORE INTO outbox (command_id, subject, payload, expected_version, "
                "created_at, state, needs_result, target) VALUES (?, ?, ?, ?, ?, 'pending', ?, ?)");
    q.bind(1, c.commandId).bind(2, c.subject).bindBlob(3, c.payload);
    if (c.expectedVersion)
        q.bind(4, *c.expectedVersion);
    q.bind(5, c.createdAt).bind(6, std::int64_t{c.needsResult ? 1 : 0}).bind(7, m_target);
    return q.run("queue command " + c.commandId + " in " + m_store.path());
}

namespace {
constexpr const char* kOutboxColumns =
    "SELECT command_id, subject, payload, expected_version, created_at, state, attempts, stream_seq, "
    "coalesce(last_error, ''), coalesce(result, ''), needs_result, coalesce(last_sent_at, 0) FROM outbox ";

OutboxCommand readOutboxRow(const Statement& q)
{
    OutboxCommand c;
    c.commandId = q.text(0);
    c.subject = q.text(1);
    c.payload = q.blob(2);
    if (!q.isNull(3))
        c.expectedVersion = q.int64(3);
    c.createdAt = q.int64(4);
    c.state = q.text(5);
    c.attempts = static_cast<int>(q.int64(6));
    if (!q.isNull(7))
        c.streamSeq = static_cast<std::uint64_t>(q.int64(7));
    c.lastError = q.text(8);
    c.result = q.text(9);
    c.needsResult = q.int64(10) != 0;
    c.lastSentAt = q.int64(11);
    return c;
}
} // namespace

Result<std::optional<OutboxCommand>> SyncStore::nextToSend(std::int64_t resendBefore) const
{
    // In the order they were queued (rowid), not by created_at: that is the wall clock, and a clock set back between
    // two decisions would send the second first. Nothing here VACUUMs, which could renumber rowids.
    Statement q(m_store.connection(), std::string(kOutboxColumns) +
                                          "WHERE target = ? AND (state = 'pending' OR (state = 'acked' AND "
                                          "last_sent_at < ?)) ORDER BY rowid LIMIT 1");
    q.bind(1, m_target).bind(2, resendBefore);
    return sqlite::readOne<OutboxCommand>(q, "read the outbox of " + m_store.path(), readOutboxRow);
}

Result<std::vector<OutboxCommand>> SyncStore::commands(const std::vector<std::string>& states) const
{
    std::string sql = std::string(kOutboxColumns) + "WHERE state IN (";
    for (std::size_t i = 0; i < states.size(); ++i)
        sql += i ? ", ?" : "?";
    sql += ") ORDER BY rowid"; // the order they were queued in (see nextToSend)
    Statement q(m_store.connection(), sql);
    for (std::size_t i = 0; i < states.size(); ++i)
        q.bind(static_cast<int>(i + 1), states[i]);
    return sqlite::readAll<OutboxCommand>(q, "read the outbox of " + m_store.path(), readOutboxRow);
}

Status SyncStore::markSent(const std::string& commandId, std::optional<std::uint64_t> streamSeq,
                           const std::string& error, std::int64_t nowMs)
{
    // Only a pending command moves on: a result event may already have confirmed it.
    Statement q(m_store.connection(),
                streamSeq
                    ? "UPDATE outbox SET attempts = attempts + 1, last_sent_at = ?, stream_seq = ?, last_error = "
                      "NULL, state = CASE WHEN state NOT IN ('pending', 'acked') THEN state WHEN needs_result = 0 "
                      "THEN 'confirmed' ELSE 'acked' END WHERE command_id = ?"
                    : "UPDATE outbox SET attempts = attempts + 1, last_sent_at = ?, last_error = ? WHERE "
                      "command_id = ?");
    q.bind(1, nowMs);
    if (streamSeq)
        q.bind(2, static_cast<std::int64_t>(*streamSeq));
    else
        q.bind(2, error);
    q.bind(3, commandId);
    return q.run("record the sending of command " + commandId + " in " + m_store.path());
}

Result<bool> SyncStore::markRefused(const std::string& commandId, const std::string& error,
                                    const std::string& resultJson, std::int64_t nowMs)
{
    const std::string op = "record that the server refused command " + commandId + " in " + m_store.path();
    Statement q(m_store.connection(),
                "UPDATE outbox SET attempts = attempts + 1, last_sent_at = ?, last_error = ?, state = CASE state WHEN "
                "'pending' THEN 'rejected' ELSE state END, result = CASE state WHEN 'pending' THEN ? ELSE result END "
                "WHERE command_id = ? AND state IN ('pending', 'acked') RETURNING state");
    q.bind(1, nowMs).bind(2, error).bind(3, resultJson).bind(4, commandId);
    Result<bool> row = q.next(op);
    if (!row)
        return row.failure();
    const bool rejected = *row && q.text(0) == "rejected";
    q.reset();
    return rejected;
}

Result<std::int64_t> SyncStore::outboxCount(const std::string& state) const
{
    Statement q(m_store.connection(), "SELECT count(*) FROM outbox WHERE state = ? AND target = ?");
    q.bind(1, state).bind(2, m_target);
    return sqlite::readInt(q, "count the outbox of " + m_store.path());
}

} // namespace payops::sync
