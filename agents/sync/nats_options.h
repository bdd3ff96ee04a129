#pragma once
// How to reach a NATS server over WebSocket and who to be there. Secrets (token, password, nkey seed, JWT) are
// filled in from the OS keychain by the caller just before connecting; they are never written to settings or
// logs (describe() leaves them out).

#include "core/result.h"

#include <QString>
#include <QStringList>

namespace payops::sync {

enum class NatsAuthKind { None, Token, UserPassword, NKey, Jwt };

struct NatsAuth {
    NatsAuthKind kind = NatsAuthKind::None;
    QString token;
    QString user;
    QString password;
    QString nkeySeed; // "SU..." user seed: signs the server's nonce (NKey and JWT)
    QString jwt;      // user JWT (Jwt), signed with nkeySeed's key
};

// A NATS credentials file (what `nsc generate creds` writes): the user JWT and the user's nkey seed, each between
// BEGIN/END lines. Errors say which part is missing.
struct NatsCredentials {
    QString jwt;
    QString seed;
};
Result<NatsCredentials> parseNatsCredentials(const QString& text);

// Why `url` cannot be a server's websocket address ("not a ws:// or wss:// URL", "no host", the parser's reason),
// or empty when it can. A prefix check let "ws://nats example:4222" and "ws://" through, to fail later as a
// network outage; a port past 65535 failed with no reason at all.
QString webSocketUrlProblem(const QString& url);

struct NatsConnectionOptions {
    QStringList urls; // ws:// or wss://; tried in order, then any connect_urls the server announces
    NatsAuth auth;
    QString name = QStringLiteral("payops");
    int connectTimeoutMs = 5000;     // socket open + INFO + CONNECT + first PONG
    int pingIntervalMs = 20000;      // client PINGs (G6: 15-30 s in production; tests use less)
    int maxPingsOutstanding = 2;     // unanswered PINGs before the link counts as dead
    int reconnectBaseDelayMs = 250;  // first retry; doubles per attempt, jittered +-50 %
    int reconnectMaxDelayMs = 10000; // cap of the backoff
    bool verifyCertificates = true;  // wss:// only; off only for a developer's self-signed server
    QString caCertificateFile;       // extra CA (PEM) trusted for wss://, e.g. a company or test CA

    // "ws://host:4223 (token)" for logs and the UI: no secrets.
    QString describe() const;
};

} // namespace payops::sync
