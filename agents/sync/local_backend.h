#pragma once
// SyncBackend with no server (SYNC.md 5.7): the contract's streams (EVENTS, TELEMETRY, COMMANDS) kept in the
// console's own SQLite file, table local_stream, with JetStream's semantics where SyncClient relies on them:
// per-stream sequences from 1, deduplication on Nats-Msg-Id (for ever, not for a window), ordered readers from a
// sequence that deliver what is stored and then what is appended, and subject filters with * and >. It is
// always connected. LocalServices plays the remote services' part.
//
// Lives on one thread with the AgentStore it is given; readers are woken by appended() after each publish.

#include "core/result.h"
#include "sync_backend.h"

#include <string_view>
#include <vector>

namespace payops {
class AgentStore;
}

namespace payops::sync {

// NATS subject matching: tokens split on '.', '*' matches one token, '>' (last) one or more.
bool subjectMatches(std::string_view filter, std::string_view subject);

class LocalBackend : public SyncBackend {
    Q_OBJECT
public:
    explicit LocalBackend(AgentStore& store, QObject* parent = nullptr);

    void open() override;
    LinkState state() const override { return m_state; }
    int reconnectAttempt() const override { return 0; }
    QString lastError() const override { return m_lastError; }
    bool isLocal() const override { return true; }

    void streamInfo(const QString& stream, QObject* context, std::function<void(const StreamInfoReply&)> done,
                    int timeoutMs) override;
    StreamReader* createReader(const StreamReaderOptions& options, QObject* parent) override;
    void publish(const QString& subject, const QByteArray& payload, const NatsHeaders& headers, QObject* context,
                 std::function<void(const PublishAck&)> done, int timeoutMs) override;

    // The same as streamInfo, answered at once (LocalServices).
    Result<StreamInfoReply> streamInfoNow(const QString& stream) const;
    // The same as publish, answered at once (LocalServices and tests).
    PublishAck publishNow(const std::string& subject, const std::string& payload, const NatsHeaders& headers);
    // The stream a subject is stored in ("EVENTS" for evt.…), empty when none takes it.
    static QString streamFor(std::string_view subject);

    // For readers: up to `limit` messages of the stream from `fromSeq` on that match `filter`, in order, and how
    // many matching messages there are from `fromSeq` on.
    Result<std::vector<JsMessage>> read(const QString& stream, std::uint64_t fromSeq, const std::string& filter,
                                        std::size_t limit) const;
    Result<std::uint64_t> countFrom(const QString& stream, std::uint64_t fromSeq, const std::string& filter) const;

Q_SIGNALS:
    void appended(const QString& stream);

private:
    AgentStore& m_store;
    LinkState m_state = LinkState::Disconnected;
    QString m_lastError;
};

} // namespace payops::sync
