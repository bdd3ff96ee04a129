#include "cli_common.h"

#include <QDir>
#include <QStandardPaths>
#include <cstdio>

namespace payops::cli {

int fail(const QString& message, int code)
{
    std::fprintf(stderr, "payops-agent: %s\n", qPrintable(message));
    return code;
}

QString defaultDatabasePath()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
    QDir().mkpath(dir);
    return dir + QStringLiteral("/agent.db");
}

QString defaultActor()
{
    QString user = qEnvironmentVariable("USER");
    if (user.isEmpty())
        user = qEnvironmentVariable("LOGNAME", QStringLiteral("operator"));
    return QStringLiteral("cli:") + user;
}

QStringList subcommandArguments(const QStringList& all)
{
    QStringList args = all;
    args.removeAt(1);
    return args;
}

} // namespace payops::cli
