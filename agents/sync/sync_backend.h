#pragma once
// Where the console's synced events live, behind one interface (SYNC.md 5.7): NatsBackend is a NATS JetStream
// server reached over WebSockets; LocalBackend keeps the same streams in the console's own SQLite file, with no
// server at all. SyncClient (cursor, epoch and truncation checks, batched commits, the outbox) and everything
// above it are the same code for both: they cannot tell which one is in use.

#include "nats_headers.h"

#include <QByteArray>
#include <QObject>
#include <QString>
#include <cstdint>
#include <functional>
#include <string>

namespace payops::sync {

// One stored message as a reader delivers it (from a JetStream consumer or the local stream).
struct JsMessage {
    QString stream;
    std::string subject; // std strings: this is the per-event hot path, no UTF-16 round trips
    std::uint64_t streamSeq = 0;
    std::uint64_t consumerSeq = 0;
    std::int64_t timestampNs = 0;
    std::uint64_t pending = 0; // messages still to come after this one, as the server counted at delivery
    NatsHeaders headers;       // parsed
    std::string rawHeaders;    // as received, for storage
    std::string payload;
};

enum class LinkState { Disconnected, Connecting, Connected, Reconnecting, Closed };

struct StreamInfoReply {
    bool ok = false;
    QString error;
    int code = 0;         // JetStream err_code when there is one (10059: no such stream)
    bool refused = false; // the account may not ask (a permission): asking again gets the same answer
    std::string created;  // the stream's epoch: a recreated stream has another
    std::uint64_t firstSeq = 0, lastSeq = 0;
};

struct PublishAck {
    bool ok = false;
    QString error;
    std::uint64_t seq = 0;
    bool duplicate = false; // the message id was already in the stream: not stored again
    // The server will never take it as it is (too large for it, an invalid subject): sending it again is pointless,
    // and keeping it first in line would hold back everything queued after it.
    bool refused = false;
};

// Ordered delivery of one stream (optionally filtered by a subject with wildcards) from a sequence on: every
// stored message once, in order, then new ones as they come.
class StreamReader : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;
    // Reads from stream sequence `nextSeq` (1 = from the beginning). `epoch` is the stream's `created` that
    // position belongs to; empty: the one the reader finds first. A stream found in another epoch since (deleted and
    // created anew: its sequences restarted) is not read from the old position: the reader stops and says
    // streamRecreated().
    virtual void start(std::uint64_t nextSeq, std::string epoch = {}) = 0;
    virtual void stop() = 0;
    virtual bool isActive() const = 0;
    virtual std::uint64_t nextStreamSeq() const = 0;

Q_SIGNALS:
    void message(const payops::sync::JsMessage& message);
    // Deliveries are flowing (again); pendingAtStart: how many stored messages were still to come.
    void ready(std::uint64_t pendingAtStart);
    // Something went wrong and the reader is re-establishing itself from its next sequence.
    void recreating(const QString& reason);
    // The server would not set the reader up (the stream is gone, a permission was taken away). It tries again by
    // itself, but whoever follows the stream should check it first: a stream deleted and created anew restarts its
    // sequences.
    void unavailable(const QString& reason);
    // The stream was deleted and created anew since start(): the reader stopped rather than read the new stream from
    // the old one's position and skip what the new one holds before it. Whoever follows the stream starts it again.
    void streamRecreated();
};

struct StreamReaderOptions {
    QString stream;
    QString filterSubject; // one subject or wildcard ("evt.approval.>"); empty: the whole stream
    int idleHeartbeatMs = 5000;
    int apiTimeoutMs = 5000;
};

class SyncBackend : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

    virtual void open() = 0;
    virtual LinkState state() const = 0;
    bool isConnected() const { return state() == LinkState::Connected; }
    virtual int reconnectAttempt() const = 0;
    virtual QString lastError() const = 0;
    virtual bool isLocal() const = 0;

    virtual void streamInfo(const QString& stream, QObject* context, std::function<void(const StreamInfoReply&)> done,
                            int timeoutMs) = 0;
    virtual StreamReader* createReader(const StreamReaderOptions& options, QObject* parent) = 0;
    // Stores the message in the stream its subject belongs to, deduplicated on headers' Nats-Msg-Id.
    virtual void publish(const QString& subject, const QByteArray& payload, const NatsHeaders& headers,
                         QObject* context, std::function<void(const PublishAck&)> done, int timeoutMs) = 0;

Q_SIGNALS:
    void connected(); // usable (again): readers are to be restarted from their cursors
    void stateChanged(payops::sync::LinkState state);
    void serverError(const QString& text);
};

} // namespace payops::sync
