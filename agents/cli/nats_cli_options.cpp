#include "cli/nats_cli_options.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QHostInfo>
#include <QSslCertificate>
#include <cstdio>
#include <memory>

namespace payops::cli {

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("payops-agent", text);
}
enum Index { Server, Token, User, Password, NKeySeed, Ca, Insecure, Ping };
} // namespace

void NatsCliOptions::addTo(QCommandLineParser& p)
{
    m_options = {
        QCommandLineOption(QStringLiteral("server"),
                           tr("ws:// or wss:// URL of the NATS websocket listener (comma-separated for several)."),
                           QStringLiteral("URL")),
        QCommandLineOption(QStringLiteral("token"), tr("Token authentication (or PAYOPS_NATS_TOKEN)."),
                           QStringLiteral("T")),
        QCommandLineOption(QStringLiteral("user"),
                           tr("User name; the password from --password or "
                              "PAYOPS_NATS_PASSWORD."),
                           QStringLiteral("U")),
        QCommandLineOption(QStringLiteral("password"), tr("Password."), QStringLiteral("P")),
        QCommandLineOption(QStringLiteral("nkey-seed"), tr("NKey user seed SU... (or PAYOPS_NATS_NKEY_SEED)."),
                           QStringLiteral("S")),
        QCommandLineOption(QStringLiteral("ca"), tr("Extra CA certificate (PEM) trusted for wss://."),
                           QStringLiteral("FILE")),
        QCommandLineOption(QStringLiteral("insecure"), tr("Do not verify the server's TLS certificate.")),
        QCommandLineOption(QStringLiteral("ping-ms"), tr("Client PING interval (two unanswered = dead link)."),
                           QStringLiteral("N"), QStringLiteral("20000")),
    };
    for (const auto& o : m_options)
        p.addOption(o);
}

Result<sync::NatsConnectionOptions> NatsCliOptions::read(const QCommandLineParser& p, const QString& clientName) const
{
    sync::NatsConnectionOptions o;
    if (!p.isSet(m_options[Server]))
        return Error{tr("--server URL is required (e.g. ws://127.0.0.1:8080)").toStdString()};
    for (const QString& u : p.value(m_options[Server]).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString url = u.trimmed();
        if (const QString problem = sync::webSocketUrlProblem(url); !problem.isEmpty())
            return Error{tr("--server: '%1' is not a valid server URL (%2)").arg(url, problem).toStdString()};
        o.urls << url;
    }
    if (o.urls.isEmpty())
        return Error{tr("--server names no URL (e.g. ws://127.0.0.1:8080)").toStdString()};
    o.name = clientName + QLatin1Char('@') + QHostInfo::localHostName();
    // One way to log in. What the command line says beats the environment (a token left in the shell logged in as
    // someone other than --user said), and two ways at once are refused rather than one picked in silence.
    const int given =
        int(p.isSet(m_options[Token])) + int(p.isSet(m_options[User])) + int(p.isSet(m_options[NKeySeed]));
    if (given > 1)
        return Error{tr("--token, --user and --nkey-seed are ways to log in; give one").toStdString()};
    if (p.isSet(m_options[Password]) && !p.isSet(m_options[User]))
        return Error{tr("--password needs --user").toStdString()};
    const QString envToken = qEnvironmentVariable("PAYOPS_NATS_TOKEN");
    const QString envSeed = qEnvironmentVariable("PAYOPS_NATS_NKEY_SEED");
    if (given == 0 && !envToken.isEmpty() && !envSeed.isEmpty())
        return Error{tr("PAYOPS_NATS_TOKEN and PAYOPS_NATS_NKEY_SEED are both set; unset one, or give --token or "
                        "--nkey-seed")
                         .toStdString()};
    if (p.isSet(m_options[User])) {
        o.auth.kind = sync::NatsAuthKind::UserPassword;
        o.auth.user = p.value(m_options[User]);
        o.auth.password =
            p.isSet(m_options[Password]) ? p.value(m_options[Password]) : qEnvironmentVariable("PAYOPS_NATS_PASSWORD");
    } else if (p.isSet(m_options[Token]) || (given == 0 && !envToken.isEmpty())) {
        o.auth.kind = sync::NatsAuthKind::Token;
        o.auth.token = p.isSet(m_options[Token]) ? p.value(m_options[Token]) : envToken;
    } else if (p.isSet(m_options[NKeySeed]) || (given == 0 && !envSeed.isEmpty())) {
        o.auth.kind = sync::NatsAuthKind::NKey;
        o.auth.nkeySeed = p.isSet(m_options[NKeySeed]) ? p.value(m_options[NKeySeed]) : envSeed;
    }
    o.caCertificateFile = p.value(m_options[Ca]);
    if (p.isSet(m_options[Ca]) && QSslCertificate::fromPath(o.caCertificateFile).isEmpty()) {
        // Trusted nothing, in silence: the server's certificate was then called untrusted, as if the CA were wrong.
        return Error{(QFileInfo(o.caCertificateFile).isReadable() ? tr("--ca %1 holds no PEM certificate")
                                                                  : tr("--ca %1 cannot be read"))
                         .arg(o.caCertificateFile)
                         .toStdString()};
    }
    o.verifyCertificates = !p.isSet(m_options[Insecure]);
    bool ok = false;
    o.pingIntervalMs = p.value(m_options[Ping]).toInt(&ok);
    if (!ok || o.pingIntervalMs < 100)
        return Error{tr("--ping-ms must be a whole number >= 100").toStdString()};
    return o;
}

void reportRetries(sync::NatsWsConnection& connection, const QString& server, const QString& meanwhile)
{
    struct Said {
        bool everConnected = false;
        QString reason;
    };
    auto said = std::make_shared<Said>();
    QObject::connect(&connection, &sync::NatsWsConnection::connected, [said] {
        said->everConnected = true;
        said->reason.clear();
    });
    QObject::connect(&connection, &sync::NatsWsConnection::stateChanged,
                     [said, &connection, server, meanwhile](sync::NatsState state) {
                         const QString reason = connection.lastError();
                         if (state != sync::NatsState::Reconnecting || reason == said->reason)
                             return;
                         said->reason = reason;
                         std::fprintf(stderr, "payops-agent: %s %s: %s; retrying, %s (Ctrl+C stops)\n",
                                      said->everConnected ? "lost the connection to" : "cannot reach",
                                      qPrintable(server), qPrintable(reason), qPrintable(meanwhile));
                     });
}

} // namespace payops::cli
