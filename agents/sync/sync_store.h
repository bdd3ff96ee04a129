#pragma once
// The console's sync state in the agent database (schema 3, SYNC.md 5.3/5.4): per-stream cursors with the
// stream's epoch, the events themselves (event id unique), quarantined payloads and the command outbox.
// apply() writes a batch of deliveries and the cursor in ONE transaction, so after any crash the cursor and the
// events agree, and a redelivery is ignored by the keys.

#include "core/result.h"
#include "store/agent_store.h"
#include "store/wal_checkpointer.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace payops::sync {

struct SyncCursor {
    std::string stream;
    std::string streamCreated; // the stream's creation time as the server reports it: its epoch
    std::uint64_t lastSeq = 0;
    std::optional<std::uint64_t> truncatedFrom; // the last "history truncated": sequences we never saw
    std::optional<std::uint64_t> truncatedTo;
};

struct IncomingEvent {
    std::uint64_t streamSeq = 0;
    std::string subject;
    std::string eventId;
    std::string headers; // raw header block
    std::string body;
    std::string quarantineReason; // non-empty: stored in sync_quarantine instead of events
    std::string causedBy;         // a result event: the outbox command it confirms or rejects
    bool rejected = false;
};

// An outbox command a service answered: its result event's body (outcome, detail, decided_by, ...).
struct SettledCommand {
    std::string commandId;
    bool rejected = false;
    std::string result;
};

struct ApplyResult {
    int inserted = 0;
    int duplicates = 0; // already stored (same event id or same stream sequence): ignored
    int quarantined = 0;
    int lostByServer = 0;                // stored events the server replaced (G14), set aside for the one it now has
    int confirmed = 0;                   // outbox commands confirmed or rejected by result events in the batch
    std::vector<SettledCommand> settled; // those commands, in stream order
};

struct OutboxCommand {
    std::string commandId;
    std::string subject;
    std::string payload;
    std::optional<std::int64_t> expectedVersion;
    std::int64_t createdAt = 0;
    std::string state; // pending, acked, confirmed, rejected
    int attempts = 0;
    std::int64_t lastSentAt = 0;
    std::optional<std::uint64_t> streamSeq;
    std::string lastError;
    std::string result;      // the result event's body once confirmed or rejected
    bool needsResult = true; // false: an event a service publishes, confirmed by its PubAck alone
};

// A delivery the contract refused (docs/sync.md, "Payloads"), as sync_quarantine keeps it.
struct SetAsideMessage {
    std::int64_t id = 0;
    std::string stream;
    std::int64_t streamSeq = 0;
    std::string subject; // bytes as received: not always UTF-8
    std::string reason;
    std::int64_t receivedAtMs = 0;
    std::string body; // bytes as received
};

class SyncStore {
public:
    explicit SyncStore(AgentStore& store) : m_store(store) {}
    ~SyncStore();
    SyncStore(const SyncStore&) = delete;
    SyncStore& operator=(const SyncStore&) = delete;

    // For a long replay: WAL checkpoints run on a background thread instead of inside batch commits.
    void useBackgroundCheckpoints();

    Result<SyncCursor> cursor(const std::string& stream) const;
    Result<ApplyResult> apply(const std::string& stream, const std::vector<IncomingEvent>& batch, std::int64_t nowMs);

    // The stream was deleted and recreated (its epoch changed): the old events of that stream are removed and the
    // cursor restarts, in one transaction. Returns how many events were dropped.
    Result<std::int64_t> resetEpoch(const std::string& stream, const std::string& created);
    // The server lost events it had acknowledged and this console applied (G14: an OS crash on a single node): its
    // stream now ends at `serverLast`, and its next events will reuse the sequences after it. The events this console
    // holds past `serverLast` are moved to sync_quarantine with the reason (kept for the operator, out of the way of
    // the new events, which the UNIQUE (stream, sequence) key would otherwise refuse), and the cursor goes back to
    // recheckFrom(): kRecheckAfterLoss events before `serverLast`, so that events of ours the server replaced before
    // this console came back are found (apply() sets each aside when the server's event for its sequence arrives),
    // but never below the server's first sequence, which would read as events removed by retention. One transaction;
    // returns how many were moved.
    Result<std::int64_t> rewindLostTail(const std::string& stream, std::uint64_t serverFirst, std::uint64_t serverLast,
                                        std::int64_t nowMs);
    // Where rewindLostTail puts the cursor.
    static std::uint64_t recheckFrom(std::uint64_t serverFirst, std::uint64_t serverLast);
    static constexpr std::int64_t kRecheckAfterLoss = 10000;
    // Retention removed sequences (lastSeq, firstAvailable) before we saw them: record it and move the cursor.
    Status markTruncated(const std::string& stream, std::uint64_t firstAvailable, std::int64_t nowMs);

    Result<std::int64_t> eventCount(const std::string& stream) const;
    Result<std::int64_t> quarantineCount() const;
    // "EVENTS 42: payload has no "schema" version field" for the newest quarantined message; nothing when none is.
    Result<std::optional<std::string>> newestQuarantine() const;
    // The newest `limit` of them, newest first.
    Result<std::vector<SetAsideMessage>> setAside(std::int64_t limit) const;

    // The backend this store syncs with: "server" or "local". Commands belong to the backend they were made for:
    // enqueue, nextToSend and outboxCount work on the current target's only. So do cursors and events: the local
    // backend's streams are kept as "local/EVENTS" (no JetStream stream name holds a '/'), so working offline and
    // back never takes the local stream for a new epoch of the server's and deletes what was synced from it.
    void setTarget(std::string target) { m_target = std::move(target); }
    const std::string& target() const { return m_target; }

    // Outbox (SYNC.md 5.4). enqueue() joins the caller's transaction when one is open; an id that is already in
    // the outbox is left as it is (a retried enqueue is a no-op).
    Status enqueue(const OutboxCommand& command);
    Result<std::vector<OutboxCommand>> commands(const std::vector<std::string>& states) const;
    // The next command to send, in the order queued: a pending one, or an acked one last sent before resendBefore
    // (its result event is overdue).
    Result<std::optional<OutboxCommand>> nextToSend(std::int64_t resendBefore) const;
    Status markSent(const std::string& commandId, std::optional<std::uint64_t> streamSeq, const std::string& error,
                    std::int64_t nowMs);
    Result<std::int64_t> outboxCount(const std::string& state) const;
    // A pending command or event the server will never take (PublishAck::refused): rejected, with `resultJson`
    // as its result, so the outbox moves on to the next one. One the server acknowledged before (re-sent for want of
    // a result) stays acked, with the error and the attempt recorded. True when the command was rejected.
    Result<bool> markRefused(const std::string& commandId, const std::string& error, const std::string& resultJson,
                             std::int64_t nowMs);

    AgentStore& agentStore() { return m_store; }

private:
    // Moves this stream's events with sequences in (serverEnd, upTo] to sync_quarantine, in the caller's transaction.
    Result<std::int64_t> setAsideLost(const std::string& key, std::uint64_t upTo, std::uint64_t serverEnd,
                                      std::int64_t nowMs, const std::string& operation);

    // The name a stream's cursor and events are kept under, for the current target.
    std::string streamKey(const std::string& stream) const;

    AgentStore& m_store;
    std::unique_ptr<WalCheckpointer> m_checkpointer;
    std::string m_target = "server";
};

} // namespace payops::sync
