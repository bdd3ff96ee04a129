// payops-agent config check FILE
#include "cli/cli_common.h"
#include "config/config_loader.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <cstdio>

namespace payops::cli {

int configCommand(const QStringList& arguments)
{
    QCommandLineParser p;
    p.setApplicationDescription(QCoreApplication::translate(
        "payops-agent",
        "config check FILE: validate an agent config YAML; every problem is printed as "
        "FILE:LINE:COLUMN: message. Exits 0 when the file is valid, 1 when it is not (as a linter does), "
        "2 when the command line is wrong."));
    p.addHelpOption();
    p.addPositionalArgument(QStringLiteral("check"), QCoreApplication::translate("payops-agent", "The action."));
    p.addPositionalArgument(QStringLiteral("FILE"), QCoreApplication::translate("payops-agent", "The YAML file."));
    parseCommandLine(p, arguments, QStringLiteral("config"), Positionals::Allowed);
    const QStringList pos = p.positionalArguments();
    const QString usage = QStringLiteral("usage: payops-agent config check FILE");
    // Named, not only refused: "config validate f.yaml" and "config check a.yaml b.yaml" printed the usage alone.
    if (!pos.isEmpty() && pos[0] != QStringLiteral("check"))
        return fail(QStringLiteral("unknown action '%1' (config has only 'check')\n%2").arg(pos[0], usage));
    if (const auto extra = unexpectedArgument(pos, 2, QStringLiteral("config check takes one file")))
        return fail(*extra + QStringLiteral("\n") + usage);
    if (pos.size() != 2)
        return fail(usage);
    if (pos[1].isEmpty()) // an unset shell variable: a usage error, not a file that does not read
        return fail(QStringLiteral("config check: the file name is empty\n") + usage);
    auto loaded = loadAgentConfigFile(pos[1].toStdString());
    if (!loaded.ok()) {
        std::fprintf(stderr, "%s\n", loaded.error().c_str());
        return 1;
    }
    const std::size_t issuers = loaded->simulator.issuers.size(), methods = loaded->simulator.methods.size();
    std::printf("%s: valid (%zu %s, %zu %s)\n", qPrintable(pos[1]), issuers, issuers == 1 ? "issuer" : "issuers",
                methods, methods == 1 ? "method" : "methods");
    return 0;
}

} // namespace payops::cli
