#include "ordered_consumer.h"

#include "core/json_field.h"
#include "core/logging.h"
#include "js_api.h"
#include "nats_ws_connection.h"
#include "stream_info.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <string_view>

namespace payops::sync {

namespace {

constexpr std::int64_t kNsPerMs = 1000000;

// $JS.ACK.<stream>.<consumer>.<delivered>.<sseq>.<cseq>.<ts>.<pending> (2.9), or the 12-token form with domain
// and account hash in front and a random token at the end (newer servers).
bool parseAckSubject(std::string_view reply, JsMessage& m)
{
    // Runs for every delivery: split without allocating.
    std::array<std::string_view, 12> t;
    std::size_t n = 0;
    while (n < t.size()) {
        const std::size_t dot = reply.find('.');
        t[n++] = reply.substr(0, dot);
        if (dot == std::string_view::npos)
            break;
        reply.remove_prefix(dot + 1);
    }
    std::size_t base = 0;
    if (n == 9)
        base = 2;
    else if (n >= 11)
        base = 4;
    else
        return false;
    if (t[0] != "$JS" || t[1] != "ACK")
        return false;
    auto number = [](std::string_view s, auto& out) {
        const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
        return ec == std::errc() && end == s.data() + s.size();
    };
    return number(t[base + 3], m.streamSeq) && number(t[base + 4], m.consumerSeq) &&
           number(t[base + 5], m.timestampNs) && number(t[base + 6], m.pending);
}

} // namespace

OrderedConsumer::OrderedConsumer(NatsWsConnection* connection, JsApi* api, OrderedConsumerOptions options,
                                 QObject* parent)
    : StreamReader(parent), m_conn(connection), m_api(api), m_options(std::move(options))
{
    static int instances = 0;
    m_instance = ++instances;
    m_heartbeatCheck.setInterval(std::max(50, m_options.idleHeartbeatMs / 2));
    connect(&m_heartbeatCheck, &QTimer::timeout, this, &OrderedConsumer::checkHeartbeat);
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &OrderedConsumer::create);
    // No re-creation on connected(): after a reconnect the owner checks the stream's epoch and truncation first
    // and then calls start() with the cursor it trusts (SYNC.md 5.3 step 1).
    connect(m_conn, &NatsWsConnection::disconnected, this, [this] {
        m_active = false;
        m_heartbeatCheck.stop();
    });
    connect(m_conn, &NatsWsConnection::lameDuck, this, [this] {
        if (m_running)
            recreate(tr("server entering lame-duck mode"));
    });
}

OrderedConsumer::~OrderedConsumer()
{
    stop();
}

void OrderedConsumer::start(std::uint64_t nextSeq, std::string epoch)
{
    m_running = true;
    m_nextSeq = std::max<std::uint64_t>(1, nextSeq);
    m_epoch = std::move(epoch);
    if (m_conn->isConnected())
        recreate(QString());
}

void OrderedConsumer::stop()
{
    m_running = false;
    m_active = false;
    // Replies to a creation in flight belong to a life that is over: a late one must not bring the reader back
    // (it would read from its own position, past whatever its owner stopped it for).
    ++m_life;
    m_creating = false;
    m_heartbeatCheck.stop();
    m_retryTimer.stop();
    dropServerSide();
}

void OrderedConsumer::dropServerSide()
{
    if (m_sid) {
        m_conn->unsubscribe(m_sid);
        m_sid = 0;
    }
    if (!m_consumerName.isEmpty() && m_conn->isConnected()) {
        // Best effort: without this it would linger until inactive_threshold.
        m_api->request(
            QStringLiteral("$JS.API.CONSUMER.DELETE.%1.%2").arg(m_options.stream, m_consumerName), {}, nullptr,
            [](const NatsReply&) {}, RequestOptions{m_options.apiTimeoutMs, 1, {}, true});
    }
    m_consumerName.clear();
}

void OrderedConsumer::recreate(const QString& reason)
{
    if (!reason.isEmpty()) {
        ++m_recreations;
        qCInfo(lcSync) << "consumer on" << m_options.stream << "recreated from" << m_nextSeq << ":" << reason;
        Q_EMIT recreating(reason);
    }
    m_active = false;
    m_heartbeatCheck.stop();
    dropServerSide();
    ++m_life;
    m_creating = false;
    create();
}

void OrderedConsumer::create()
{
    if (!m_running || m_creating)
        return;
    if (!m_conn->isConnected())
        return; // connected() re-creates
    m_creating = true;
    const std::uint64_t life = m_life;
    // The stream's epoch first. A consumer re-created after missed heartbeats, with the stream deleted and created
    // anew meanwhile, was created from the old stream's next sequence and skipped every message before it.
    requestStreamInfo(
        *m_api, m_options.stream, this,
        [this, life](const StreamInfoReply& r) {
            if (life != m_life)
                return;
            if (!r.ok && r.refused) {
                // The account may create consumers on the stream but not ask about it: read as before the check,
                // rather than not at all.
                qCInfo(lcSync) << "cannot check the epoch of" << m_options.stream << ":" << r.error;
                createConsumer(life);
                return;
            }
            if (!r.ok) {
                createFailed(r.error, r.code != 0);
                return;
            }
            if (m_epoch.empty()) {
                m_epoch = r.created;
            } else if (r.created != m_epoch) {
                qCWarning(lcSync) << "stream" << m_options.stream << "was deleted and created anew; not reading it from"
                                  << m_nextSeq;
                stop();
                Q_EMIT streamRecreated(); // may start this reader again
                return;
            }
            createConsumer(life);
        },
        m_options.apiTimeoutMs);
}

void OrderedConsumer::createConsumer(std::uint64_t life)
{
    // Unique per consumer and per life: several consumers share a connection and its inbox prefix.
    const QString deliver =
        m_conn->inboxPrefix() + QStringLiteral(".d%1_%2").arg(m_instance).arg(static_cast<qulonglong>(m_life));
    m_sid = m_conn->subscribe(deliver, [this, life](const NatsFrame& f) {
        if (life == m_life)
            onDelivery(f);
    });
    m_expectedConsumerSeq = 1;

    nlohmann::json config = {{"deliver_subject", deliver.toStdString()},
                             {"ack_policy", "none"},
                             {"max_deliver", 1},
                             {"flow_control", true},
                             {"idle_heartbeat", std::int64_t{m_options.idleHeartbeatMs} * kNsPerMs},
                             {"mem_storage", true},
                             {"num_replicas", 1},
                             {"inactive_threshold", std::int64_t{m_options.inactiveThresholdMs} * kNsPerMs}};
    if (!m_options.filterSubject.isEmpty())
        config["filter_subject"] = m_options.filterSubject.toStdString();
    // Current state first (last per subject); once something was delivered, a re-created consumer continues from
    // the next sequence like any other, so a watch sees every change exactly once.
    if (m_options.deliver == DeliverFrom::LastPerSubject && m_nextSeq <= 1) {
        config["deliver_policy"] = "last_per_subject";
    } else if (m_nextSeq <= 1) {
        config["deliver_policy"] = "all";
    } else {
        config["deliver_policy"] = "by_start_sequence";
        config["opt_start_seq"] = m_nextSeq;
    }
    const nlohmann::json body = {{"stream_name", m_options.stream.toStdString()}, {"config", config}};
    m_api->requestJson(
        QStringLiteral("$JS.API.CONSUMER.CREATE.") + m_options.stream, body, this,
        [this, life](const NatsReply& r) {
            if (life != m_life)
                return;
            if (!r.ok) {
                createFailed(r.error, r.apiErrorCode != 0 || r.refused);
                return;
            }
            m_creating = false;
            m_createFailures = 0;
            m_consumerName = QString::fromStdString(jsonFieldOr(r.json, "name", std::string()));
            m_pending = jsonFieldOr(r.json, "num_pending", std::uint64_t{0});
            m_active = true;
            m_lastActivity.start();
            m_heartbeatCheck.start();
            Q_EMIT ready(m_pending);
        },
        RequestOptions{m_options.apiTimeoutMs, 3, {}, true});
}

void OrderedConsumer::createFailed(const QString& error, bool serverSaidNo)
{
    m_creating = false;
    ++m_createFailures;
    const int delay = std::min(10000, static_cast<int>(250 * std::pow(2.0, std::min(m_createFailures, 6))));
    qCWarning(lcSync) << "cannot create consumer on" << m_options.stream << ":" << error << "- retry in" << delay
                      << "ms";
    dropServerSide(); // at most the deliver subscription exists: the consumer was never created
    ++m_life;
    m_retryTimer.start(delay);
    Q_EMIT recreating(error);
    // The server said no (stream not found, a permission): whoever follows the stream checks it again. A timeout is
    // this reader's to retry, with its backoff.
    if (serverSaidNo)
        Q_EMIT unavailable(error); // may stop this reader
}

void OrderedConsumer::onDelivery(const NatsFrame& f)
{
    m_lastActivity.start();
    NatsHeaders headers;
    if (!f.headers.empty())
        headers = NatsHeaders::parse(f.headers).value_or(NatsHeaders{});
    // A stored message is a delivery whatever its headers say: one published with a "100" status line (by mistake or
    // by a hostile publisher) was taken for flow control, answered, and never counted, so every later delivery looked
    // like a gap and the consumer was re-created from that message again, for good. Control messages never carry a
    // JetStream acknowledgement subject; deliveries always do.
    JsMessage m;
    const bool delivery = parseAckSubject(f.replyTo, m);
    if (!delivery && headers.status == 100) {
        if (!f.replyTo.empty()) {
            // Flow control request: answer or delivery stalls.
            m_conn->publish(QString::fromStdString(f.replyTo), {});
            return;
        }
        // Idle heartbeat. If it says the consumer delivered more than we saw, we lost messages.
        if (const auto last = headers.value("Nats-Last-Consumer")) {
            const std::uint64_t delivered = std::strtoull(last->c_str(), nullptr, 10);
            if (delivered + 1 != m_expectedConsumerSeq && delivered != 0) {
                recreate(tr("heartbeat reports consumer sequence %1, expected %2")
                             .arg(delivered)
                             .arg(m_expectedConsumerSeq - 1));
                return;
            }
        }
        if (const auto stalled = headers.value("Nats-Consumer-Stalled"))
            m_conn->publish(QString::fromStdString(*stalled), {});
        return;
    }
    if (!delivery) {
        qCWarning(lcSync) << "unexpected delivery without a JetStream reply subject on" << m_options.stream;
        return;
    }
    if (m.consumerSeq != m_expectedConsumerSeq) {
        recreate(tr("gap: consumer sequence %1, expected %2").arg(m.consumerSeq).arg(m_expectedConsumerSeq));
        return;
    }
    ++m_expectedConsumerSeq;
    m_nextSeq = m.streamSeq + 1;
    m_pending = m.pending;
    m.stream = m_options.stream;
    m.subject = f.subject;
    m.headers = std::move(headers);
    m.rawHeaders = f.headers;
    m.payload = f.payload;
    Q_EMIT message(m);
}

void OrderedConsumer::checkHeartbeat()
{
    if (!m_active)
        return;
    // Two missed heartbeats (plus slack for a loaded machine) mean the consumer is gone or the path is broken.
    if (m_lastActivity.elapsed() > 2 * m_options.idleHeartbeatMs + 500)
        recreate(tr("no heartbeat for %1 ms").arg(m_lastActivity.elapsed()));
}

} // namespace payops::sync
