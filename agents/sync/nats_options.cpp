#include "nats_options.h"

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

} // namespace payops::sync
