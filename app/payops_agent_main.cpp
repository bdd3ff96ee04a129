// payops-agent: the embedded PayOps agent runtime without a display. Dispatch only: each command lives in
// agents/cli/.
#include "cli/cli_common.h"

#include <QCoreApplication>
#include <cerrno>
#include <cstdio>
#include <cstring>

int main(int argc, char** argv)
{
    payops::cli::guardStandardStreams(); // before QCoreApplication opens its first descriptor
    QCoreApplication app(argc, argv);
    payops::cli::keepCNumbers();
    QCoreApplication::setApplicationName(QStringLiteral("payops-agent"));
    QCoreApplication::setOrganizationName(QStringLiteral("PayOps"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PAYOPS_VERSION));

    const QStringList args = QCoreApplication::arguments();
    const QString usage =
        QStringLiteral("usage: payops-agent <command> [options]\n\n"
                       "commands:\n"
                       "  run            run the agent on the offline simulator\n"
                       "  approvals      list, approve, reject or withdraw decisions on the agent's requests\n"
                       "  interventions  list what the agent has in force, roll one back, or withdraw a rollback\n"
                       "  audit          verify or export the hash-chained audit log\n"
                       "  config         check an agent config file\n"
                       "  detect         score a timestamp,value CSV file for anomalies\n"
                       "  evaluate       measure detection delays and false anomalies on the scenarios\n"
                       "  bench          measure the runtime's hot paths on this machine\n"
                       "  publish        run the agent as a remote service on a NATS server\n"
                       "  sync           follow a NATS server's event streams into the database, headless;\n"
                       "                 or list the messages set aside (--set-aside)\n\n"
                       "payops-agent <command> --help describes each command.");
    // What was printed may not have reached its reader (`approvals list > /dev/full`): a script must not take an empty
    // list for the answer.
    const auto delivered = [](int code) {
        errno = 0;
        if (std::fflush(stdout) == 0 && !std::ferror(stdout))
            return code;
        const int why = errno;
        return payops::cli::fail(
            QStringLiteral("cannot write to standard output%1")
                .arg(why ? QStringLiteral(": ") + QString::fromLocal8Bit(std::strerror(why)) : QString()),
            1);
    };
    if (args.size() < 2 || args[1] == QStringLiteral("--help") || args[1] == QStringLiteral("-h")) {
        std::printf("%s\n", qPrintable(usage));
        return delivered(args.size() < 2 ? 2 : 0);
    }
    if (args[1] == QStringLiteral("--version")) {
        std::printf("payops-agent %s\n", PAYOPS_VERSION);
        return delivered(0);
    }
    using namespace payops::cli;
    const QString command = args[1];
    const QStringList rest = subcommandArguments(args);
    int code = 0;
    if (command == QStringLiteral("run"))
        code = runCommand(rest);
    else if (command == QStringLiteral("approvals"))
        code = approvalsCommand(rest);
    else if (command == QStringLiteral("interventions"))
        code = interventionsCommand(rest);
    else if (command == QStringLiteral("audit"))
        code = auditCommand(rest);
    else if (command == QStringLiteral("config"))
        code = configCommand(rest);
    else if (command == QStringLiteral("evaluate"))
        code = evaluateCommand(rest);
    else if (command == QStringLiteral("detect"))
        code = detectCommand(rest);
    else if (command == QStringLiteral("bench"))
        code = benchCommand(rest);
    else if (command == QStringLiteral("publish"))
        code = publishCommand(rest);
    else if (command == QStringLiteral("sync"))
        code = syncCommand(rest);
    else
        return fail(QStringLiteral("unknown command '%1'\n%2").arg(command, usage));
    return code == 0 ? delivered(code) : code; // a command that failed has said why already
}
