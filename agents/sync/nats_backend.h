#pragma once
// SyncBackend on a NATS JetStream server over WebSockets: stream info from $JS.API.STREAM.INFO, readers are
// ordered push consumers, and publishing waits for the PubAck (the server deduplicates on Nats-Msg-Id within
// the stream's duplicate window).

#include "sync_backend.h"

namespace payops::sync {

class JsApi;
class NatsWsConnection;

class NatsBackend : public SyncBackend {
    Q_OBJECT
public:
    // The connection is the caller's; it must outlive the backend.
    explicit NatsBackend(NatsWsConnection* connection, QObject* parent = nullptr);
    ~NatsBackend() override;

    void open() override;
    LinkState state() const override;
    int reconnectAttempt() const override;
    QString lastError() const override;
    bool isLocal() const override { return false; }

    void streamInfo(const QString& stream, QObject* context, std::function<void(const StreamInfoReply&)> done,
                    int timeoutMs) override;
    StreamReader* createReader(const StreamReaderOptions& options, QObject* parent) override;
    void publish(const QString& subject, const QByteArray& payload, const NatsHeaders& headers, QObject* context,
                 std::function<void(const PublishAck&)> done, int timeoutMs) override;

    NatsWsConnection* connection() const { return m_conn; }
    JsApi* api() const { return m_api; }

private:
    NatsWsConnection* m_conn;
    JsApi* m_api;
};

} // namespace payops::sync
