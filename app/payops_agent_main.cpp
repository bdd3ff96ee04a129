// payops-agent: the embedded PayOps agent runtime without a display. Dispatch only: each command lives in
// agents/cli/.
#include "cli/cli_common.h"

#include <QCoreApplication>
#include <cstdio>

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("payops-agent"));
    QCoreApplication::setOrganizationName(QStringLiteral("PayOps"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PAYOPS_VERSION));

    const QStringList args = QCoreApplication::arguments();
    const QString usage =
        QStringLiteral("usage: payops-agent <command> [options]\n\n"
                       "commands:\n"
                       "  run            run the agent on the offline simulator\n"
                       "  approvals      list, approve or reject the agent's requests for approval\n"
                       "  interventions  list what the agent has in force, or roll one back\n"
                       "  audit          verify or export the hash-chained audit log\n"
                       "  config         check an agent config file\n"
                       "  detect         score a timestamp,value CSV file for anomalies\n"
                       "  evaluate       measure detection delays and false anomalies on the scenarios\n"
                       "  bench          measure the runtime's hot paths on this machine\n"
                       "  publish        run the agent as a remote service on a NATS server\n"
                       "  sync           follow a NATS server's event streams into the database, headless\n\n"
                       "payops-agent <command> --help describes each command.");
    if (args.size() < 2 || args[1] == QStringLiteral("--help") || args[1] == QStringLiteral("-h")) {
        std::printf("%s\n", qPrintable(usage));
        return args.size() < 2 ? 2 : 0;
    }
    if (args[1] == QStringLiteral("--version")) {
        std::printf("payops-agent %s\n", PAYOPS_VERSION);
        return 0;
    }
    using namespace payops::cli;
    const QString command = args[1];
    const QStringList rest = subcommandArguments(args);
    if (command == QStringLiteral("run"))
        return runCommand(rest);
    if (command == QStringLiteral("approvals"))
        return approvalsCommand(rest);
    if (command == QStringLiteral("interventions"))
        return interventionsCommand(rest);
    if (command == QStringLiteral("audit"))
        return auditCommand(rest);
    if (command == QStringLiteral("config"))
        return configCommand(rest);
    if (command == QStringLiteral("evaluate"))
        return evaluateCommand(rest);
    if (command == QStringLiteral("detect"))
        return detectCommand(rest);
    if (command == QStringLiteral("bench"))
        return benchCommand(rest);
    if (command == QStringLiteral("publish"))
        return publishCommand(rest);
    if (command == QStringLiteral("sync"))
        return syncCommand(rest);
    return fail(QStringLiteral("unknown command '%1'\n%2").arg(command, usage));
}
