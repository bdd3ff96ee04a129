#include "nats_options.h"

#include <QUrl>

namespace payops::sync {

QString NatsConnectionOptions::describe() const
{
    QString kind;
    switch (auth.kind) {
    case NatsAuthKind::None:
        kind = QStringLiteral("no auth");
        break;
    case NatsAuthKind::Token:
        kind = QStringLiteral("token");
        break;
    case NatsAuthKind::UserPassword:
        kind = QStringLiteral("user ") + auth.user;
        break;
    case NatsAuthKind::NKey:
        kind = QStringLiteral("nkey");
        break;
    case NatsAuthKind::Jwt:
        kind = QStringLiteral("jwt");
        break;
    }
    return urls.join(QStringLiteral(", ")) + QStringLiteral(" (") + kind + QLatin1Char(')');
}

Result<NatsCredentials> parseNatsCredentials(const QString& text)
{
    // Not by the exact banner lines (their dash counts differ between tools): the JWT is the line that is three
    // base64url parts starting with a JSON header, the seed the line that starts with "SU".
    NatsCredentials c;
    for (const QString& raw : text.split(QLatin1Char('\n'))) {
        const QString line = raw.trimmed();
        if (c.jwt.isEmpty() && line.startsWith(QStringLiteral("eyJ")) && line.count(QLatin1Char('.')) == 2)
            c.jwt = line;
        else if (c.seed.isEmpty() && line.startsWith(QStringLiteral("SU")) && !line.contains(QLatin1Char(' ')))
            c.seed = line;
    }
    if (c.jwt.isEmpty())
        return Error{"credentials: no user JWT in them (expected a .creds file with a BEGIN NATS USER JWT block)"};
    if (c.seed.isEmpty())
        return Error{"credentials: no user nkey seed in them (expected a BEGIN USER NKEY SEED block with an SU... "
                     "seed)"};
    return c;
}

QString webSocketUrlProblem(const QString& url)
{
    if (!url.startsWith(QStringLiteral("ws://")) && !url.startsWith(QStringLiteral("wss://")))
        return QStringLiteral("not a ws:// or wss:// URL");
    const QUrl parsed(url, QUrl::StrictMode);
    if (!parsed.isValid())
        return parsed.errorString();
    if (parsed.host().isEmpty())
        return QStringLiteral("no host");
    return {};
}

} // namespace payops::sync
