#include "nats_backend.h"

#include "core/json_field.h"
#include "core/logging.h"
#include "js_api.h"
#include "nats_ws_connection.h"
#include "ordered_consumer.h"
#include "stream_info.h"

namespace payops::sync {

namespace {

// JetStream's answer to a message larger than the stream's max_msg_size: the same every time it is sent.
constexpr int kMessageExceedsMaximum = 10054;

LinkState linkState(NatsState s)
{
    switch (s) {
    case NatsState::Disconnected:
        return LinkState::Disconnected;
    case NatsState::Connecting:
        return LinkState::Connecting;
    case NatsState::Connected:
        return LinkState::Connected;
    case NatsState::Reconnecting:
        return LinkState::Reconnecting;
    case NatsState::Closed:
        return LinkState::Closed;
    }
    return LinkState::Disconnected;
}
} // namespace

NatsBackend::NatsBackend(NatsWsConnection* connection, QObject* parent)
    : SyncBackend(parent), m_conn(connection), m_api(new JsApi(connection, this))
{
    connect(m_conn, &NatsWsConnection::connected, this, &SyncBackend::connected);
    connect(m_conn, &NatsWsConnection::stateChanged, this, [this](NatsState s) { Q_EMIT stateChanged(linkState(s)); });
    connect(m_conn, &NatsWsConnection::serverError, this, &SyncBackend::serverError);
}

NatsBackend::~NatsBackend() = default;

void NatsBackend::open()
{
    if (m_conn->state() == NatsState::Disconnected || m_conn->state() == NatsState::Closed)
        m_conn->open();
}

LinkState NatsBackend::state() const
{
    return linkState(m_conn->state());
}

int NatsBackend::reconnectAttempt() const
{
    return m_conn->reconnectAttempt();
}

QString NatsBackend::lastError() const
{
    return m_conn->lastError();
}

void NatsBackend::streamInfo(const QString& stream, QObject* context, std::function<void(const StreamInfoReply&)> done,
                             int timeoutMs)
{
    requestStreamInfo(*m_api, stream, context, std::move(done), timeoutMs);
}

StreamReader* NatsBackend::createReader(const StreamReaderOptions& options, QObject* parent)
{
    OrderedConsumerOptions co;
    co.stream = options.stream;
    co.filterSubject = options.filterSubject;
    co.idleHeartbeatMs = options.idleHeartbeatMs;
    co.apiTimeoutMs = options.apiTimeoutMs;
    return new OrderedConsumer(m_conn, m_api, co, parent);
}

void NatsBackend::publish(const QString& subject, const QByteArray& payload, const NatsHeaders& headers,
                          QObject* context, std::function<void(const PublishAck&)> done, int timeoutMs)
{
    m_api->request(
        subject, payload, context,
        [subject, done = std::move(done)](const NatsReply& r) {
            PublishAck ack;
            ack.ok = r.ok;
            ack.error = r.error;
            ack.refused = r.refused || r.apiErrorCode == kMessageExceedsMaximum;
            if (r.ok) {
                // Another service may answer the request before JetStream does (a request takes the first reply),
                // with anything: that is an answer without a stream sequence (0). The message was received, and a
                // command waits for its result event either way (re-sent until one comes); failing it here would
                // hold every later command behind it.
                ack.seq = jsonFieldOr(r.json, "seq", std::uint64_t{0});
                ack.duplicate = jsonFieldOr(r.json, "duplicate", false);
                if (ack.seq == 0)
                    qCInfo(lcSync) << "the answer to a publish on" << subject
                                   << "is not a JetStream acknowledgement (no stream takes it, or a service answered "
                                      "first)";
            }
            done(ack);
        },
        RequestOptions{timeoutMs, 1, headers, true});
}

} // namespace payops::sync
