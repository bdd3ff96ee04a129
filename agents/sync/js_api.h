#pragma once
// Request/reply over one wildcard inbox subscription (SYNC.md 5.1 JsApi, G3): replies are routed by the last
// subject token, so no SID is ever reused and a late reply to a timed-out request is simply dropped. JetStream
// API calls can be slow or silently missing while a cluster re-elects leaders (G8), so every request has a
// timeout and retries with backoff; callers make their calls idempotent.

#include "nats_headers.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>
#include <cstdint>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>

namespace payops::sync {

class NatsWsConnection;

struct NatsReply {
    bool ok = false;
    QString error;        // why it failed: timeout, no responders (503), disconnected, a JetStream API error
    int apiErrorCode = 0; // JetStream "err_code" (10071 wrong last sequence, 10059 stream not found, ...)
    // Not taken, and sending it again gets the same answer: larger than the server's max_payload, an invalid
    // subject, or a subject this connection may not publish to. (Timeouts and no responders are worth retrying;
    // they leave this false.)
    bool refused = false;
    NatsHeaders headers;
    QByteArray payload;
    nlohmann::json json; // the parsed payload when it is JSON (JetStream API replies)
};

struct RequestOptions {
    int timeoutMs = 5000;
    int attempts = 3; // total tries; each retry waits timeoutMs/4 * 2^n before re-sending
    NatsHeaders headers;
    bool expectJson = true; // JetStream API: parse and treat {"error":...} as a failure
};

class JsApi : public QObject {
    Q_OBJECT
public:
    using Callback = std::function<void(const NatsReply&)>;

    explicit JsApi(NatsWsConnection* connection, QObject* parent = nullptr);
    ~JsApi() override;

    // The callback runs exactly once (reply, final failure, or never if context is destroyed first).
    void request(const QString& subject, const QByteArray& payload, QObject* context, Callback callback,
                 RequestOptions options = {});
    void requestJson(const QString& subject, const nlohmann::json& body, QObject* context, Callback callback,
                     RequestOptions options = {});

    std::size_t pendingRequests() const { return m_pending.size(); }

private:
    struct Pending {
        QString subject;
        QByteArray payload;
        RequestOptions options;
        QPointer<QObject> context;
        bool hasContext = false;
        Callback callback;
        int attempt = 0;
        std::uint64_t token = 0; // the reply token of the current try (0: none in flight)
        bool backingOff = false; // the timer is the pause before the next try, not its timeout
        QTimer* timer = nullptr;
    };
    void send(std::uint64_t id);
    void onReply(std::uint64_t token, const NatsHeaders& headers, const QByteArray& payload);
    void finish(std::uint64_t id, NatsReply reply);
    void retryOrFail(std::uint64_t id, const QString& reason);
    void onTimer(std::uint64_t id);
    void forgetToken(Pending& p);
    void ensureSubscribed();
    void onServerError(const QString& text);

    NatsWsConnection* m_conn;
    QString m_prefix;
    std::uint64_t m_sid = 0;
    std::uint64_t m_nextId = 1;
    std::uint64_t m_nextToken = 1;
    std::map<std::uint64_t, Pending> m_pending;      // by request id
    std::map<std::uint64_t, std::uint64_t> m_tokens; // reply token -> request id (only the latest try's token)
};

} // namespace payops::sync
