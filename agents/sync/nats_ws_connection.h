#pragma once
// One NATS client connection over QWebSocket (SYNC.md 2.1, 5.1): the incremental parser, CONNECT with auth,
// PING/PONG liveness both ways, reconnect with jittered backoff across the configured and announced URLs,
// monotonically increasing SIDs (G3) and re-subscription after every reconnect (G7).
//
// Lives on one thread; handlers run on it. JetStream consumers are not re-created here: they listen to
// connected() and rebuild themselves from their cursor.

#include "nats_options.h"
#include "nats_protocol_parser.h"

#include <QByteArray>
#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>

class QWebSocket;

namespace payops::sync {

enum class NatsState { Disconnected, Connecting, Connected, Reconnecting, Closed };

struct NatsHeaders;

class NatsWsConnection : public QObject {
    Q_OBJECT
public:
    using Handler = std::function<void(const NatsFrame&)>;

    explicit NatsWsConnection(NatsConnectionOptions options, QObject* parent = nullptr);
    ~NatsWsConnection() override;

    // Starts connecting; keeps reconnecting until close().
    void open();
    // Closes for good (no reconnect).
    void close();
    // Drops the socket without a close handshake, as a network partition would; reconnects as usual.
    void abortSocket();

    NatsState state() const { return m_state; }
    bool isConnected() const { return m_state == NatsState::Connected; }
    int reconnectAttempt() const { return m_attempt; }
    QString currentUrl() const { return m_currentUrl; }
    const nlohmann::json& serverInfo() const { return m_info; }
    QString lastError() const { return m_lastError; }
    std::int64_t maxPayload() const;
    const NatsConnectionOptions& options() const { return m_options; }

    // Subscriptions survive reconnects (re-sent with the same SID on the new connection).
    std::uint64_t subscribe(const QString& subject, Handler handler);
    void unsubscribe(std::uint64_t sid);

    // Queued and flushed once per event-loop turn, so a burst becomes one WebSocket frame. Returns false (and
    // sends nothing) while not connected or when the message exceeds the server's max_payload (G9).
    bool publish(const QString& subject, const QByteArray& payload, const QString& replyTo = {});
    bool publish(const QString& subject, const QByteArray& payload, const NatsHeaders& headers,
                 const QString& replyTo = {});

    // A unique inbox prefix for this connection's replies: "_INBOX.<name>.<random>".
    QString inboxPrefix() const { return m_inboxPrefix; }

    // Statistics for summaries and benchmarks.
    std::uint64_t bytesReceived() const { return m_bytesIn; }
    std::uint64_t messagesReceived() const { return m_msgsIn; }

Q_SIGNALS:
    void stateChanged(payops::sync::NatsState state);
    // The connection is usable (first PONG after CONNECT): re-created subscriptions are active.
    void connected();
    void disconnected(const QString& reason);
    // A -ERR from the server. Some close the connection (auth, payload), some don't (permissions, G11).
    void serverError(const QString& text);
    // INFO with ldm:true: the server is going away; move elsewhere soon.
    void lameDuck();

private:
    void connectNext();
    void dropSocket(bool graceful);
    void onSocketConnected();
    void onSocketDisconnected();
    void onBinary(const QByteArray& data);
    void handleFrame(NatsFrame& frame);
    void handleInfo(const std::string& json);
    void sendConnect();
    void onPingTimer();
    void scheduleReconnect(const QString& reason);
    void setState(NatsState s);
    void queue(const QByteArray& bytes);
    void flush();
    void resubscribeAll();

    NatsConnectionOptions m_options;
    QWebSocket* m_socket = nullptr;
    NatsProtocolParser m_parser;
    NatsState m_state = NatsState::Disconnected;
    nlohmann::json m_info;
    QString m_lastError;
    QString m_currentUrl;
    QStringList m_announcedUrls;
    int m_urlIndex = 0;
    int m_attempt = 0;
    int m_pingsOutstanding = 0;
    bool m_closing = false;
    bool m_gotInfo = false;
    bool m_inFeed = false;
    std::uint64_t m_generation = 0; // bumps per socket, so frames of a dead socket are not dispatched
    std::uint64_t m_nextSid = 1;
    std::map<std::uint64_t, std::pair<QString, Handler>> m_subs;
    QByteArray m_out;
    bool m_flushScheduled = false;
    QTimer m_pingTimer;
    QTimer m_connectTimer;
    QTimer m_reconnectTimer;
    QString m_inboxPrefix;
    std::uint64_t m_bytesIn = 0;
    std::uint64_t m_msgsIn = 0;
};

QString natsStateName(NatsState s);
// Subjects may not hold spaces or control characters; a token must not be empty. publish() refuses any other.
bool validSubject(const QString& subject);

} // namespace payops::sync
