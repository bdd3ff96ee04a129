#pragma once
// The console's sync over NATS (SYNC.md 5.3/5.4): for each stream it follows, check the stream's epoch and
// truncation on every (re)connect, run an ordered consumer from the stored cursor, and apply deliveries to
// SQLite in batches (events + cursor in one transaction). It also drains the command outbox in order.
// Live and replayed messages take the same path; there is no separate catch-up code.

#include "nats_ws_connection.h"
#include "sync_backend.h"
#include "sync_store.h"

#include <QElapsedTimer>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QTimer>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

namespace payops::sync {

struct SyncStreamSpec {
    QString stream;
    QString filterSubject; // empty: the whole stream
};

// Waiting: connected, but a stream cannot be read yet (not created, no permission); Live only once every stream's
// reader is running, so "live" never stands over a stream that is not being followed.
enum class SyncState { Connecting, Waiting, Live, Reconnecting, HistoryTruncated, Closed };

struct SyncPresence {
    SyncState state = SyncState::Connecting;
    int attempt = 0;
    std::int64_t lastEventMs = 0; // wall clock of the last applied event, 0 if none this session
    std::int64_t queuedCommands = 0;
    std::int64_t disconnectedSinceMs = 0; // while reconnecting: when the link was last live (0: never this session)
    QString detail;                       // the last error, or the truncated range
    QStringList waitingFor;               // while Waiting: the streams that cannot be read yet
    // Messages kept in sync_quarantine because they do not follow the contract (never applied), in this database,
    // and the newest one's stream, sequence and reason: an operator must see that something was not taken in.
    std::int64_t setAside = 0;
    QString newestSetAside;
};

} // namespace payops::sync

Q_DECLARE_METATYPE(payops::sync::SyncPresence)

namespace payops::sync {

struct SyncCounters {
    std::int64_t received = 0;   // new events stored
    std::int64_t duplicates = 0; // deliveries whose event was already stored
    std::int64_t quarantined = 0;
    std::int64_t outboxSent = 0;
    std::int64_t outboxConfirmed = 0; // confirmed or rejected by a result event
    std::int64_t consumerRecreations = 0;
    std::int64_t epochResets = 0;
    std::int64_t lostByServer = 0; // applied events the server no longer has (G14), set aside
    std::int64_t transactions = 0; // SQLite commits of delivered batches
};

struct SyncClientOptions {
    std::vector<SyncStreamSpec> streams;
    int idleHeartbeatMs = 5000;
    int apiTimeoutMs = 5000;
    int batchMax = 1000;             // deliveries per transaction at most
    int resendAckedAfterMs = 300000; // an acked command with no result event is re-sent after this (G14, G15)
    QString consoleId;
    QString operatorName;
};

class SyncClient : public QObject {
    Q_OBJECT
public:
    // On any backend (the caller's; it must outlive the client), or on a NATS connection through a NatsBackend of
    // its own.
    SyncClient(SyncBackend* backend, SyncStore* store, SyncClientOptions options, QObject* parent = nullptr);
    SyncClient(NatsWsConnection* connection, SyncStore* store, SyncClientOptions options, QObject* parent = nullptr);
    ~SyncClient() override;

    void start();
    void stop();

    const SyncPresence& presence() const { return m_presence; }
    SyncBackend* backend() const { return m_backend; }
    const SyncCounters& counters() const { return m_counters; }
    // The JSON summary of `payops-agent sync`.
    nlohmann::json summary() const;
    // True once every followed stream has been replayed up to what the server had when the consumer started.
    bool caughtUp() const;
    // The last error of the server, the store or (while not connected) the connection; empty when all is well.
    QString lastError() const;

    // Queues a command in the outbox (SYNC.md 5.4) and sends it when connected. Returns the command id.
    Result<std::string> queueCommand(const QString& subject, const nlohmann::json& payload,
                                     std::optional<std::int64_t> expectedVersion = std::nullopt);

    // A service's event, published reliably through the same outbox (in order, with its id as Nats-Msg-Id) and
    // confirmed by its PubAck. Queuing an id that is already queued or sent is a no-op.
    Status queueEvent(const QString& subject, const nlohmann::json& payload, const std::string& eventId);

Q_SIGNALS:
    void presenceChanged(const payops::sync::SyncPresence& presence);
    void eventsApplied(const QString& stream, int inserted);
    void caughtUpChanged(bool caughtUp);
    // A service answered one of our commands (its result event): rejected covers "rejected" and "conflict".
    void commandSettled(const QString& commandId, bool rejected, const QString& resultJson);
    void storeError(const QString& message);

private:
    struct StreamState {
        SyncStreamSpec spec;
        StreamReader* consumer = nullptr;
        std::vector<IncomingEvent> batch;
        bool caughtUp = false;
        bool infoPending = false;
        bool reading = false;  // its reader runs on this connection
        QString problem;       // why it cannot be read, while it cannot
        int storeFailures = 0; // consecutive failed commits (full disk, I/O error)
    };
    void init();
    void onConnected();
    void checkStream(StreamState& s);
    void onMessage(StreamState& s, const JsMessage& m);
    void commitAll();
    void commit(StreamState& s);
    void drainOutbox();
    // What the server will never take is set aside as rejected, and the next in line goes.
    void refuse(const std::string& id, const QString& error);
    void setState(SyncState state, const QString& detail = {});
    // A stream cannot be read now (not there, refused, the store failing): said, and checked again in 2 s.
    void streamUnavailable(StreamState& s, const QString& why);
    // Connecting, Waiting or Live (HistoryTruncated) from the streams' readers, while the link is up.
    void updateReadingState();
    void refreshQueued();
    // Commands and events not yet confirmed (pending and acked), counted in the store; nothing when it cannot say.
    std::optional<std::int64_t> unsentCount() const;
    void refreshSetAside();

    SyncBackend* m_backend = nullptr;
    SyncStore* m_store;
    SyncClientOptions m_options;
    std::map<QString, std::unique_ptr<StreamState>> m_streams;
    SyncPresence m_presence;
    SyncCounters m_counters;
    QString m_lastError;
    std::map<QString, std::pair<std::uint64_t, std::uint64_t>> m_truncated;
    QString m_truncatedDetail; // what the newest truncation removed, shown for as long as the session lasts
    bool m_started = false;
    bool m_commitScheduled = false;
    bool m_sending = false;
    QTimer m_outboxTimer;
    QTimer m_streamRetry;
};

QString syncStateName(SyncState s);

} // namespace payops::sync
