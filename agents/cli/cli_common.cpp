#include "cli_common.h"

#include "approvals/actor_name.h"

#include <QCoreApplication>
#include <QDir>
#include <QRegularExpression>
#include <QStandardPaths>
#include <algorithm>
#include <clocale>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <unistd.h>

namespace payops::cli {

namespace {
bool g_stdinClosed = false, g_stdoutClosed = false;
} // namespace

void guardStandardStreams()
{
    for (int fd = 0; fd <= 2; ++fd) {
        if (::fcntl(fd, F_GETFD) != -1)
            continue;
        if (fd == 0)
            g_stdinClosed = true;
        else if (fd == 1)
            g_stdoutClosed = true; // a closed standard error has nobody to tell
        // open() takes the lowest free descriptor: this one, as the ones below it are open.
        const int opened = ::open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY);
        if (opened != fd && opened >= 0)
            ::close(opened);
    }
}

void keepCNumbers()
{
    std::setlocale(LC_NUMERIC, "C");
}

bool standardInputWasClosed()
{
    return g_stdinClosed;
}

bool standardOutputWasClosed()
{
    return g_stdoutClosed;
}

int fail(const QString& message, int code)
{
    std::fprintf(stderr, "payops-agent: %s\n", qPrintable(message));
    return code;
}

int fail(const Error& error, int code)
{
    return fail(QString::fromStdString(error.message), error.busy ? 1 : code);
}

std::optional<QString> unexpectedArgument(const QStringList& positionals, qsizetype takes, const QString& what)
{
    if (positionals.size() <= takes)
        return std::nullopt;
    return QStringLiteral("unexpected argument '%1' (%2)").arg(positionals.value(takes), what);
}

QString shellQuoted(const QString& path)
{
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9_./+,:=@%-]+$"));
    if (plain.match(path).hasMatch())
        return path;
    QString quoted = path;
    quoted.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

QString defaultDatabasePath()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
    QDir().mkpath(dir);
    return dir + QStringLiteral("/agent.db");
}

std::optional<QString> actorProblem(const QString& actor)
{
    const QString name = actor.trimmed();
    switch (approvals::actorNameProblem(name)) {
    case approvals::ActorNameProblem::None:
        return std::nullopt;
    case approvals::ActorNameProblem::Blank:
        return QStringLiteral("--actor must name who decides (the audit log records it)");
    case approvals::ActorNameProblem::HiddenCharacter:
        return QStringLiteral("--actor may not hold a line break, a control character or an invisible formatting "
                              "character: the audit log and the lists show it on one line, as it reads");
    case approvals::ActorNameProblem::TooLong:
        return QStringLiteral("--actor is %1 characters long; a name may have at most %2")
            .arg(name.size())
            .arg(approvals::kMaxActorNameLength);
    case approvals::ActorNameProblem::MixedScripts:
        return QStringLiteral("--actor '%1' mixes Latin, Cyrillic or Greek letters, as names made to pass for another "
                              "do ('аgent' with a Cyrillic а reads as 'agent'): write it in one alphabet")
            .arg(name);
    case approvals::ActorNameProblem::AgentsOwn:
        return QStringLiteral("--actor '%1' is a name the agent records for itself (agent, executor, expiry, "
                              "learning, system): give the name of the person who decides")
            .arg(name);
    case approvals::ActorNameProblem::SourcePrefix:
        return QStringLiteral("--actor '%1' reads as a decision recorded elsewhere (the log writes operator:NAME for "
                              "the console, remote:NAME for a remote console, cli:LOGIN without --actor): give the "
                              "name alone")
            .arg(name);
    }
    return std::nullopt;
}

QString defaultActor()
{
    QString user = qEnvironmentVariable("USER");
    if (user.isEmpty())
        user = qEnvironmentVariable("LOGNAME");
    // The environment is anyone's to set: a name that would forge a line of the audit log (a line break) or hide
    // itself is not taken, and the account's number stands in for it.
    if (!approvals::isShowableName(user))
        user = QStringLiteral("uid %1").arg(::getuid());
    return QStringLiteral("cli:") + user;
}

QStringList subcommandArguments(const QStringList& all)
{
    QStringList args = all;
    args.removeAt(1);
    return args;
}

std::optional<std::pair<QString, QString>> optionTakingAnOption(const QCommandLineParser& parser)
{
    // Only a value that names one of the command's own options: a reason or a password may well start with "--".
    // QCommandLineParser does not list its options, its help text does ("  --tenant <T>  Tenant token ...").
    const QString help = parser.helpText();
    for (const QString& name : parser.optionNames()) {
        for (const QString& value : parser.values(name)) {
            if (!value.startsWith(QLatin1String("--")))
                continue;
            const QString option = value.section(QLatin1Char('='), 0, 0);
            const QRegularExpression listed(
                QStringLiteral("^ +(-\\w, )?%1( |$)").arg(QRegularExpression::escape(option)),
                QRegularExpression::MultilineOption);
            if (option.size() > 2 && listed.match(help).hasMatch())
                return std::pair{(name.size() == 1 ? QStringLiteral("-") : QStringLiteral("--")) + name, option};
        }
    }
    return std::nullopt;
}

void parseCommandLine(QCommandLineParser& parser, const QStringList& arguments, const QString& command,
                      Positionals positionals)
{
    const QString name = QStringLiteral("payops-agent ") + command;
    if (!parser.parse(arguments)) {
        std::exit(fail(parser.errorText() + QStringLiteral(" (see %1 --help)").arg(name)));
    }
    if (parser.isSet(QStringLiteral("help")) || parser.isSet(QStringLiteral("help-all"))) {
        // QCommandLineParser heads its help with the path the program was started by, and without the command.
        QString text = parser.helpText();
        const QStringList all = QCoreApplication::arguments();
        if (!all.isEmpty() && text.contains(all.first()))
            text.replace(text.indexOf(all.first()), all.first().size(), name);
        std::fputs(qPrintable(text), stdout);
        std::exit(std::fflush(stdout) == 0 ? 0 : 1);
    }
    // Every option takes one value: the last of several was used, and `--db a.db --db b.db` decided in b.db without a
    // word (a flag given twice means what it means once).
    QStringList seen;
    for (const QString& option : parser.optionNames()) {
        if (seen.contains(option))
            continue;
        seen << option;
        if (const qsizetype n = parser.values(option).size(); n > 1)
            std::exit(fail(QStringLiteral("%1%2 is given %3 times; give it once (see %4 --help)")
                               .arg(option.size() == 1 ? QStringLiteral("-") : QStringLiteral("--"), option)
                               .arg(n)
                               .arg(name)));
    }
    if (const auto taken = optionTakingAnOption(parser))
        std::exit(fail(QStringLiteral("%1 needs a value, not the option %2 (see %3 --help)")
                           .arg(taken->first, taken->second, name)));
    if (positionals == Positionals::None && !parser.positionalArguments().isEmpty())
        std::exit(fail(QStringLiteral("unexpected argument '%1' (see %2 --help)")
                           .arg(parser.positionalArguments().first(), name)));
}

} // namespace payops::cli
