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
        "payops-agent", "config check FILE: validate an agent config YAML; every problem is printed as "
                        "FILE:LINE:COLUMN: message."));
    p.addHelpOption();
    p.addPositionalArgument(QStringLiteral("check"), QCoreApplication::translate("payops-agent", "The action."));
    p.addPositionalArgument(QStringLiteral("FILE"), QCoreApplication::translate("payops-agent", "The YAML file."));
    parseCommandLine(p, arguments, QStringLiteral("config"), Positionals::Allowed);
    const QStringList pos = p.positionalArguments();
    if (pos.size() != 2 || pos[0] != QStringLiteral("check"))
        return fail(QStringLiteral("usage: payops-agent config check FILE"));
    auto loaded = loadAgentConfigFile(pos[1].toStdString());
    if (!loaded.ok()) {
        std::fprintf(stderr, "%s\n", loaded.error().c_str());
        return 1;
    }
    std::printf("%s: valid (%zu issuers, %zu methods)\n", qPrintable(pos[1]), loaded->simulator.issuers.size(),
                loaded->simulator.methods.size());
    return 0;
}

} // namespace payops::cli
