#include "js_api.h"

#include "core/json_field.h"
#include "core/logging.h"
#include "nats_ws_connection.h"

#include <cmath>

namespace payops::sync {

JsApi::JsApi(NatsWsConnection* connection, QObject* parent) : QObject(parent), m_conn(connection)
{
    // Several JsApi may share a connection; each gets its own reply prefix so their tokens never meet.
    static std::uint64_t instances = 0;
    m_prefix = m_conn->inboxPrefix() + QStringLiteral(".r") + QString::number(++instances);
    ensureSubscribed();
    connect(m_conn, &NatsWsConnection::serverError, this, &JsApi::onServerError);
}

JsApi::~JsApi()
{
    if (m_sid)
        m_conn->unsubscribe(m_sid);
}

void JsApi::ensureSubscribed()
{
    if (m_sid)
        return;
    m_sid = m_conn->subscribe(m_prefix + QStringLiteral(".*"), [this](const NatsFrame& f) {
        const auto dot = f.subject.rfind('.');
        const std::string token = dot == std::string::npos ? f.subject : f.subject.substr(dot + 1);
        std::uint64_t value = 0;
        try {
            value = std::stoull(token);
        } catch (...) {
            return; // not one of ours
        }
        NatsHeaders headers;
        if (!f.headers.empty())
            headers = NatsHeaders::parse(f.headers).value_or(NatsHeaders{});
        onReply(value, headers, QByteArray::fromStdString(f.payload));
    });
}

void JsApi::requestJson(const QString& subject, const nlohmann::json& body, QObject* context, Callback callback,
                        RequestOptions options)
{
    request(subject, QByteArray::fromStdString(body.is_null() ? std::string() : body.dump()), context,
            std::move(callback), std::move(options));
}

void JsApi::request(const QString& subject, const QByteArray& payload, QObject* context, Callback callback,
                    RequestOptions options)
{
    const std::uint64_t id = m_nextId++;
    Pending p;
    p.subject = subject;
    p.payload = payload;
    p.options = std::move(options);
    p.context = context;
    p.hasContext = context != nullptr;
    p.callback = std::move(callback);
    p.timer = new QTimer(this);
    p.timer->setSingleShot(true);
    connect(p.timer, &QTimer::timeout, this, [this, id] { onTimer(id); });
    m_pending.emplace(id, std::move(p));
    send(id);
}

void JsApi::send(std::uint64_t id)
{
    auto it = m_pending.find(id);
    if (it == m_pending.end())
        return;
    Pending& p = it->second;
    ++p.attempt;
    forgetToken(p);
    p.backingOff = false;
    const std::uint64_t token = m_nextToken++;
    p.token = token;
    m_tokens[token] = id;
    const QString reply = m_prefix + QLatin1Char('.') + QString::number(token);
    if (!m_conn->publish(p.subject, p.payload, p.options.headers, reply)) {
        // Not connected (or too large): wait as for a timeout, a reconnect may come in between.
        if (!m_conn->isConnected())
            p.timer->start(std::max(100, p.options.timeoutMs / 4));
        else {
            NatsReply r;
            r.refused = true;
            const qsizetype size =
                p.payload.size() +
                (p.options.headers.empty() ? 0 : static_cast<qsizetype>(p.options.headers.serialize().size()));
            r.error = validSubject(p.subject) ? tr("message to %1 is %2 bytes; the server takes at most %3")
                                                    .arg(p.subject)
                                                    .arg(size)
                                                    .arg(m_conn->maxPayload())
                                              : tr("'%1' is not a valid subject").arg(p.subject);
            finish(id, std::move(r));
        }
        return;
    }
    p.timer->start(p.options.timeoutMs);
}

void JsApi::retryOrFail(std::uint64_t id, const QString& reason)
{
    auto it = m_pending.find(id);
    if (it == m_pending.end())
        return;
    Pending& p = it->second;
    if (p.attempt >= p.options.attempts) {
        NatsReply r;
        r.error = tr("%1: %2 after %3 attempts").arg(p.subject, reason).arg(p.attempt);
        finish(id, std::move(r));
        return;
    }
    const int backoff = static_cast<int>(p.options.timeoutMs / 4.0 * std::pow(2.0, p.attempt - 1));
    qCDebug(lcSync) << "retrying" << p.subject << "after" << reason << "in" << backoff << "ms";
    forgetToken(p);
    p.backingOff = true;
    p.timer->start(backoff);
}

void JsApi::onTimer(std::uint64_t id)
{
    const auto it = m_pending.find(id);
    if (it == m_pending.end())
        return;
    if (it->second.backingOff)
        send(id);
    else
        retryOrFail(id, tr("no reply (timeout)"));
}

void JsApi::forgetToken(Pending& p)
{
    if (p.token)
        m_tokens.erase(p.token);
    p.token = 0;
}

void JsApi::onReply(std::uint64_t token, const NatsHeaders& headers, const QByteArray& payload)
{
    const auto t = m_tokens.find(token);
    if (t == m_tokens.end())
        return; // a late reply to a try we gave up on
    const std::uint64_t id = t->second;
    if (headers.status == 503) {
        // No responders: JetStream (or the service) is not there yet; worth retrying like a timeout (G8).
        retryOrFail(id, tr("no responders"));
        return;
    }
    NatsReply r;
    r.ok = true;
    r.headers = headers;
    r.payload = payload;
    const auto& options = m_pending.at(id).options;
    if (options.expectJson && headers.status == 0) {
        r.json = nlohmann::json::parse(payload.toStdString(), nullptr, false);
        if (r.json.is_discarded()) {
            r.ok = false;
            r.error = tr("reply is not JSON");
        } else if (r.json.is_object() && r.json.contains("error") && r.json["error"].is_object()) {
            r.ok = false;
            r.apiErrorCode = jsonFieldOr(r.json["error"], "err_code", 0);
            r.error =
                QString::fromStdString(jsonFieldOr(r.json["error"], "description", std::string("JetStream error")));
        }
    } else if (headers.status >= 400) {
        r.ok = false;
        r.error = QString::number(headers.status) + QLatin1Char(' ') + QString::fromStdString(headers.description);
    }
    finish(id, std::move(r));
}

void JsApi::onServerError(const QString& text)
{
    // A publish the account may not make is dropped by the server with this -ERR and no reply (G11): the request
    // would time out and be retried for good, a command holding back every one queued after it. The server handles
    // one connection's messages in order, so the -ERR is for the oldest try in flight to that subject.
    static const QString prefix = QStringLiteral("Permissions Violation for Publish to \"");
    if (!text.startsWith(prefix) || !text.endsWith(QLatin1Char('"')))
        return;
    const QString subject = text.mid(prefix.size(), text.size() - prefix.size() - 1);
    for (auto& [id, p] : m_pending) {
        if (p.token == 0 || p.subject != subject)
            continue;
        NatsReply r;
        r.refused = true; // sending it again gets the same answer until an administrator changes the permissions
        r.error = tr("the server does not permit this connection to publish to %1").arg(subject);
        finish(id, std::move(r));
        return;
    }
}

void JsApi::finish(std::uint64_t id, NatsReply reply)
{
    auto it = m_pending.find(id);
    if (it == m_pending.end())
        return;
    Pending p = std::move(it->second);
    m_pending.erase(it);
    forgetToken(p);
    p.timer->deleteLater();
    if (p.hasContext && !p.context)
        return;
    p.callback(reply);
}

} // namespace payops::sync
