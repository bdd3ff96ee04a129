#include "nats_ws_connection.h"

#include "core/json_field.h"
#include "core/logging.h"
#include "nats_headers.h"
#include "nkey.h"

#include <QFile>
#include <QRandomGenerator>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QUrl>
#include <QWebSocket>
#include <algorithm>
#include <cmath>
#include <vector>

namespace payops::sync {

namespace {

QString randomToken(int length)
{
    static constexpr char kChars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    QString out;
    for (int i = 0; i < length; ++i)
        out += QLatin1Char(kChars[QRandomGenerator::global()->bounded(static_cast<int>(sizeof kChars - 1))]);
    return out;
}

} // namespace

bool validSubject(const QString& subject)
{
    if (subject.isEmpty() || subject.startsWith(QLatin1Char('.')) || subject.endsWith(QLatin1Char('.')))
        return false;
    return std::none_of(subject.begin(), subject.end(), [](QChar c) { return c.isSpace() || c.unicode() < 0x20; });
}

QString natsStateName(NatsState s)
{
    switch (s) {
    case NatsState::Disconnected:
        return QStringLiteral("disconnected");
    case NatsState::Connecting:
        return QStringLiteral("connecting");
    case NatsState::Connected:
        return QStringLiteral("connected");
    case NatsState::Reconnecting:
        return QStringLiteral("reconnecting");
    case NatsState::Closed:
        return QStringLiteral("closed");
    }
    return {};
}

NatsWsConnection::NatsWsConnection(NatsConnectionOptions options, QObject* parent)
    : QObject(parent), m_options(std::move(options))
{
    m_inboxPrefix = QStringLiteral("_INBOX.") + randomToken(22);
    m_pingTimer.setInterval(m_options.pingIntervalMs);
    connect(&m_pingTimer, &QTimer::timeout, this, &NatsWsConnection::onPingTimer);
    m_connectTimer.setSingleShot(true);
    connect(&m_connectTimer, &QTimer::timeout, this, [this] {
        scheduleReconnect(tr("no answer from %1 within %2 ms").arg(m_currentUrl).arg(m_options.connectTimeoutMs));
    });
    m_reconnectTimer.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &NatsWsConnection::connectNext);
}

NatsWsConnection::~NatsWsConnection()
{
    m_closing = true;
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

std::int64_t NatsWsConnection::maxPayload() const
{
    return jsonFieldOr(m_info, "max_payload", std::int64_t{1024 * 1024});
}

void NatsWsConnection::setState(NatsState s)
{
    if (m_state == s)
        return;
    m_state = s;
    Q_EMIT stateChanged(s);
}

void NatsWsConnection::open()
{
    m_closing = false;
    m_attempt = 0;
    m_urlIndex = 0;
    if (m_options.urls.isEmpty()) {
        m_lastError = tr("no server URL configured");
        setState(NatsState::Closed);
        return;
    }
    connectNext();
}

void NatsWsConnection::close()
{
    m_closing = true;
    m_pingTimer.stop();
    m_connectTimer.stop();
    m_reconnectTimer.stop();
    if (m_socket)
        flush();
    dropSocket(true);
    setState(NatsState::Closed);
}

void NatsWsConnection::dropSocket(bool graceful)
{
    if (m_socket) {
        m_socket->disconnect(this);
        if (graceful)
            m_socket->close();
        else
            m_socket->abort();
        m_socket->deleteLater();
        m_socket = nullptr;
    }
    ++m_generation; // frames of the old socket still being dispatched are dropped
}

void NatsWsConnection::abortSocket()
{
    if (m_socket)
        m_socket->abort(); // disconnected() follows and schedules the reconnect
}

void NatsWsConnection::connectNext()
{
    if (m_closing)
        return;
    dropSocket(false);
    if (!m_inFeed)
        m_parser.reset(); // else onBinary resets it once feed() returns
    m_out.clear();
    m_gotInfo = false;
    m_pingsOutstanding = 0;
    setState(m_attempt == 0 && m_state != NatsState::Reconnecting ? NatsState::Connecting : NatsState::Reconnecting);

    QStringList candidates = m_options.urls;
    for (const QString& u : m_announcedUrls)
        if (!candidates.contains(u))
            candidates.append(u);
    m_currentUrl = candidates.at(m_urlIndex % candidates.size());
    ++m_urlIndex;

    m_socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    const QUrl url(m_currentUrl);
    if (url.scheme() == QStringLiteral("wss")) {
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        if (!m_options.caCertificateFile.isEmpty()) {
            const QList<QSslCertificate> extra = QSslCertificate::fromPath(m_options.caCertificateFile);
            if (extra.isEmpty()) {
                // Not connected without it: the server's certificate would be called untrusted, as if the CA were
                // the wrong one. Tried again on the usual schedule, so a file put right is taken.
                scheduleReconnect(tr("TLS: the CA file %1 cannot be read or holds no PEM certificate")
                                      .arg(m_options.caCertificateFile));
                return;
            }
            auto certs = ssl.caCertificates();
            certs += extra;
            ssl.setCaCertificates(certs);
        }
        if (!m_options.verifyCertificates)
            ssl.setPeerVerifyMode(QSslSocket::VerifyNone);
        m_socket->setSslConfiguration(ssl);
        connect(m_socket, &QWebSocket::sslErrors, this, [this](const QList<QSslError>& errors) {
            QStringList texts;
            for (const auto& e : errors)
                texts << e.errorString();
            m_lastError = tr("TLS: %1").arg(texts.join(QStringLiteral("; ")));
            qCWarning(lcSync) << "TLS error on" << m_currentUrl << texts;
        });
    }
    connect(m_socket, &QWebSocket::connected, this, &NatsWsConnection::onSocketConnected);
    connect(m_socket, &QWebSocket::disconnected, this, &NatsWsConnection::onSocketDisconnected);
    connect(m_socket, &QWebSocket::binaryMessageReceived, this, &NatsWsConnection::onBinary);
    connect(m_socket, &QWebSocket::textMessageReceived, this,
            [this](const QString& text) { onBinary(text.toUtf8()); }); // servers send binary; accept both
    m_connectTimer.start(m_options.connectTimeoutMs);
    qCDebug(lcSync) << "connecting to" << m_currentUrl << "attempt" << m_attempt;
    m_socket->open(url);
}

void NatsWsConnection::onSocketConnected()
{
    qCDebug(lcSync) << "socket open to" << m_currentUrl;
}

void NatsWsConnection::onSocketDisconnected()
{
    QString reason = m_socket ? m_socket->closeReason() : QString();
    if (reason.isEmpty() && m_socket && m_socket->error() != QAbstractSocket::UnknownSocketError)
        reason = m_socket->errorString();
    if (reason.isEmpty())
        reason = tr("connection closed");
    scheduleReconnect(reason);
}

void NatsWsConnection::scheduleReconnect(const QString& reason)
{
    const bool wasConnected = m_state == NatsState::Connected;
    m_pingTimer.stop();
    m_connectTimer.stop();
    dropSocket(false);
    if (m_closing)
        return;
    if (!m_lastError.startsWith(QStringLiteral("TLS")) || wasConnected)
        m_lastError = reason;
    ++m_attempt;
    setState(NatsState::Reconnecting);
    if (wasConnected)
        Q_EMIT disconnected(reason);
    // Exponential backoff, jittered so a fleet of consoles does not reconnect in lockstep after a server restart.
    const double exp = std::min<double>(m_options.reconnectMaxDelayMs,
                                        m_options.reconnectBaseDelayMs * std::pow(2.0, std::min(m_attempt - 1, 16)));
    const double jitter = 0.5 + QRandomGenerator::global()->generateDouble();
    const int delay = std::max(10, static_cast<int>(std::min<double>(m_options.reconnectMaxDelayMs, exp * jitter)));
    qCInfo(lcSync) << "disconnected from" << m_currentUrl << ":" << reason << "- retry" << m_attempt << "in" << delay
                   << "ms";
    m_reconnectTimer.start(delay);
}

void NatsWsConnection::onBinary(const QByteArray& data)
{
    m_bytesIn += static_cast<std::uint64_t>(data.size());
    // Each operation is handled as soon as it is parsed (no second copy of a multi-megabyte frame). A handler may
    // close or replace the socket; the rest of this frame then belongs to a dead connection and is dropped, and
    // the parser is reset only after feed() has returned.
    const std::uint64_t generation = m_generation;
    m_inFeed = true;
    const bool ok = m_parser.feed(std::string_view(data.constData(), static_cast<std::size_t>(data.size())),
                                  [this, generation](NatsFrame&& f) {
                                      if (generation == m_generation)
                                          handleFrame(f);
                                  });
    m_inFeed = false;
    if (generation != m_generation) {
        m_parser.reset();
        return;
    }
    if (!ok) {
        qCWarning(lcSync) << QString::fromStdString(m_parser.error());
        scheduleReconnect(QString::fromStdString(m_parser.error()));
    }
}

void NatsWsConnection::handleFrame(NatsFrame& frame)
{
    switch (frame.op) {
    case NatsOp::Info:
        handleInfo(frame.text);
        return;
    case NatsOp::Ping:
        queue(QByteArrayLiteral("PONG\r\n"));
        return;
    case NatsOp::Pong:
        m_pingsOutstanding = 0;
        if (m_state != NatsState::Connected && m_gotInfo) {
            m_connectTimer.stop();
            m_attempt = 0;
            m_lastError.clear();
            setState(NatsState::Connected);
            m_pingTimer.start();
            qCInfo(lcSync) << "connected to" << m_currentUrl << "server"
                           << QString::fromStdString(jsonFieldOr(m_info, "version", std::string()));
            Q_EMIT connected();
        }
        return;
    case NatsOp::Ok:
        return;
    case NatsOp::Err: {
        const QString text = QString::fromStdString(frame.text);
        m_lastError = text;
        qCWarning(lcSync) << "server error:" << text;
        Q_EMIT serverError(text);
        return;
    }
    case NatsOp::Msg: {
        ++m_msgsIn;
        const auto it = m_subs.find(frame.sid);
        if (it != m_subs.end()) {
            const Handler handler = it->second.second; // copy: the handler may unsubscribe itself
            handler(frame);
        }
        return;
    }
    }
}

void NatsWsConnection::handleInfo(const std::string& json)
{
    auto info = nlohmann::json::parse(json, nullptr, false);
    if (!info.is_object()) {
        scheduleReconnect(tr("the server sent an INFO that is not JSON"));
        return;
    }
    m_info = std::move(info);
    // G4: INFO may come again with failover URLs. Over WebSocket they are host:port of the other nodes'
    // websocket listeners; keep our scheme.
    if (m_info.contains("connect_urls") && m_info["connect_urls"].is_array()) {
        const QString scheme = QUrl(m_currentUrl).scheme();
        m_announcedUrls.clear();
        for (const auto& u : m_info["connect_urls"])
            if (u.is_string())
                m_announcedUrls << scheme + QStringLiteral("://") + QString::fromStdString(u.get<std::string>());
    }
    if (jsonFieldOr(m_info, "ldm", false)) {
        qCInfo(lcSync) << "server" << m_currentUrl << "is in lame-duck mode";
        Q_EMIT lameDuck();
    }
    if (!m_gotInfo) {
        m_gotInfo = true;
        if (!jsonFieldOr(m_info, "headers", false)) {
            scheduleReconnect(tr("the server does not support headers, which sync needs (G10)"));
            return;
        }
        sendConnect();
    }
}

void NatsWsConnection::sendConnect()
{
    nlohmann::json c = {
        {"verbose", false},      {"pedantic", false}, {"protocol", 1},      {"headers", true},
        {"no_responders", true}, {"lang", "cpp-qt"},  {"version", "0.1.0"}, {"name", m_options.name.toStdString()}};
    const NatsAuth& a = m_options.auth;
    const std::string nonce = jsonFieldOr(m_info, "nonce", std::string());
    switch (a.kind) {
    case NatsAuthKind::None:
        break;
    case NatsAuthKind::Token:
        c["auth_token"] = a.token.toStdString();
        break;
    case NatsAuthKind::UserPassword:
        c["user"] = a.user.toStdString();
        c["pass"] = a.password.toStdString();
        break;
    case NatsAuthKind::NKey:
    case NatsAuthKind::Jwt: {
        auto sig = nkeySign(a.nkeySeed.toStdString(), nonce);
        if (!sig) {
            m_lastError = QString::fromStdString(sig.error());
            close(); // a bad seed will not get better by retrying
            return;
        }
        c["sig"] = *sig;
        if (a.kind == NatsAuthKind::Jwt) {
            c["jwt"] = a.jwt.toStdString();
        } else {
            c["nkey"] = nkeyPublicKey(a.nkeySeed.toStdString()).value();
        }
        break;
    }
    }
    queue(QByteArray("CONNECT ") + QByteArray::fromStdString(c.dump()) + QByteArray("\r\nPING\r\n"));
    resubscribeAll();
    flush();
}

void NatsWsConnection::resubscribeAll()
{
    QByteArray out;
    for (const auto& [sid, sub] : m_subs)
        out += "SUB " + sub.first.toUtf8() + ' ' + QByteArray::number(static_cast<qulonglong>(sid)) + "\r\n";
    if (!out.isEmpty())
        queue(out);
}

void NatsWsConnection::onPingTimer()
{
    if (m_state != NatsState::Connected)
        return;
    if (m_pingsOutstanding >= m_options.maxPingsOutstanding) {
        // G6: a half-open connection is otherwise only noticed by the server.
        scheduleReconnect(tr("stale connection: %1 PINGs unanswered").arg(m_pingsOutstanding));
        return;
    }
    ++m_pingsOutstanding;
    queue(QByteArrayLiteral("PING\r\n"));
}

std::uint64_t NatsWsConnection::subscribe(const QString& subject, Handler handler)
{
    const std::uint64_t sid = m_nextSid++;
    m_subs.emplace(sid, std::make_pair(subject, std::move(handler)));
    if (m_state == NatsState::Connected)
        queue("SUB " + subject.toUtf8() + ' ' + QByteArray::number(static_cast<qulonglong>(sid)) + "\r\n");
    return sid;
}

void NatsWsConnection::unsubscribe(std::uint64_t sid)
{
    if (m_subs.erase(sid) && m_state == NatsState::Connected)
        queue("UNSUB " + QByteArray::number(static_cast<qulonglong>(sid)) + "\r\n");
}

bool NatsWsConnection::publish(const QString& subject, const QByteArray& payload, const QString& replyTo)
{
    if (m_state != NatsState::Connected || !validSubject(subject) || payload.size() > maxPayload())
        return false;
    QByteArray line = "PUB " + subject.toUtf8();
    if (!replyTo.isEmpty())
        line += ' ' + replyTo.toUtf8();
    line += ' ' + QByteArray::number(payload.size()) + "\r\n";
    queue(line + payload + "\r\n");
    return true;
}

bool NatsWsConnection::publish(const QString& subject, const QByteArray& payload, const NatsHeaders& headers,
                               const QString& replyTo)
{
    if (headers.empty())
        return publish(subject, payload, replyTo);
    const QByteArray hdr = QByteArray::fromStdString(headers.serialize());
    if (m_state != NatsState::Connected || !validSubject(subject) || hdr.size() + payload.size() > maxPayload())
        return false;
    QByteArray line = "HPUB " + subject.toUtf8();
    if (!replyTo.isEmpty())
        line += ' ' + replyTo.toUtf8();
    line += ' ' + QByteArray::number(hdr.size()) + ' ' + QByteArray::number(hdr.size() + payload.size()) + "\r\n";
    queue(line + hdr + payload + "\r\n");
    return true;
}

void NatsWsConnection::queue(const QByteArray& bytes)
{
    m_out += bytes;
    if (!m_flushScheduled) {
        m_flushScheduled = true;
        QMetaObject::invokeMethod(this, &NatsWsConnection::flush, Qt::QueuedConnection);
    }
}

void NatsWsConnection::flush()
{
    m_flushScheduled = false;
    if (m_out.isEmpty() || !m_socket)
        return;
    m_socket->sendBinaryMessage(m_out);
    m_out.clear();
}

} // namespace payops::sync
