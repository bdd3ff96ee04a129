// payops-agent: the embedded PayOps agent runtime without a display. Argument parsing and wiring only.
#include "cli/bench_command.h"
#include "cli/run_command.h"
#include "config/config_loader.h"
#include "stream/scenario_loader.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>

using namespace payops;

namespace {

int fail(const QString& message, int code = 2)
{
    std::fprintf(stderr, "payops-agent: %s\n", qPrintable(message));
    return code;
}

QStringList commandArguments(const QStringList& all)
{
    QStringList args = all;
    args.removeAt(1); // the subcommand name
    return args;
}

int runCommand(const QStringList& arguments)
{
    QCommandLineParser p;
    p.setApplicationDescription(QCoreApplication::translate("payops-agent",
        "Run the agent on the offline simulator and print one report per cycle."));
    p.addHelpOption();
    QCommandLineOption cycles(QStringLiteral("cycles"), QCoreApplication::translate("payops-agent", "Cycles to run."),
                              QStringLiteral("N"), QStringLiteral("10"));
    QCommandLineOption seed(QStringLiteral("seed"), QCoreApplication::translate("payops-agent", "Random seed."),
                            QStringLiteral("S"), QStringLiteral("1"));
    QCommandLineOption speed(QStringLiteral("speed"),
                             QCoreApplication::translate("payops-agent",
                                                         "Simulated seconds per wall second (default: as fast as possible)."),
                             QStringLiteral("X"));
    QCommandLineOption json(QStringLiteral("json"),
                            QCoreApplication::translate("payops-agent", "One JSON cycle snapshot per line."));
    QCommandLineOption scenario(QStringLiteral("scenario"),
                                QCoreApplication::translate("payops-agent",
                                                            "Built-in scenario name or a scenario YAML file."),
                                QStringLiteral("NAME|FILE"));
    QCommandLineOption config(QStringLiteral("config"),
                              QCoreApplication::translate("payops-agent", "Agent config YAML (default: built-in)."),
                              QStringLiteral("FILE"));
    p.addOptions({scenario, config, cycles, seed, speed, json});
    p.process(arguments);

    RunOptions options;
    if (p.isSet(config)) {
        auto loaded = loadAgentConfigFile(p.value(config).toStdString());
        if (!loaded.ok())
            return fail(QString::fromStdString(loaded.error()));
        options.config = loaded.value();
    }
    if (p.isSet(scenario)) {
        const QString value = p.value(scenario);
        // A path (has a slash or a .yaml/.yml ending) is a file; anything else names a built-in scenario.
        const bool isFile = value.contains(QLatin1Char('/')) || value.endsWith(QStringLiteral(".yaml")) ||
                            value.endsWith(QStringLiteral(".yml"));
        auto loaded = isFile ? loadScenarioFile(value.toStdString()) : loadBuiltinScenario(value.toStdString());
        if (!loaded.ok())
            return fail(QString::fromStdString(loaded.error()));
        options.scenario = loaded.value();
    }
    bool ok = false;
    options.cycles = p.value(cycles).toLongLong(&ok);
    if (!ok || options.cycles < 0)
        return fail(QStringLiteral("--cycles must be a whole number >= 0, got '%1'").arg(p.value(cycles)));
    options.seed = p.value(seed).toULongLong(&ok);
    if (!ok)
        return fail(QStringLiteral("--seed must be a whole number >= 0, got '%1'").arg(p.value(seed)));
    if (p.isSet(speed)) {
        options.speed = p.value(speed).toDouble(&ok);
        if (!ok || options.speed < 1 || options.speed > 1000)
            return fail(QStringLiteral("--speed must be between 1 and 1000, got '%1'").arg(p.value(speed)));
    }
    options.json = p.isSet(json);
    return runAgent(options, std::cout, std::cerr);
}

int configCommand(const QStringList& arguments)
{
    QCommandLineParser p;
    p.setApplicationDescription(QCoreApplication::translate("payops-agent",
        "config check FILE: validate an agent config YAML; every problem is printed as FILE:LINE:COLUMN: message."));
    p.addHelpOption();
    p.addPositionalArgument(QStringLiteral("check"), QCoreApplication::translate("payops-agent", "The action."));
    p.addPositionalArgument(QStringLiteral("FILE"), QCoreApplication::translate("payops-agent", "The YAML file."));
    p.process(arguments);
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

int benchCommand(const QStringList& arguments)
{
    QCommandLineParser p;
    p.setApplicationDescription(QCoreApplication::translate("payops-agent",
        "Measure generation, ingest and decide-cycle speed on this machine."));
    p.addHelpOption();
    QCommandLineOption json(QStringLiteral("json"), QCoreApplication::translate("payops-agent", "Print JSON."));
    p.addOption(json);
    p.process(arguments);
    const nlohmann::json r = runBenchmarks({});
    if (p.isSet(json)) {
        std::cout << r.dump(2) << "\n";
        return 0;
    }
    std::printf("simulator generation : %12.0f tx/s\n", r["generate_tx_per_s"].get<double>());
    std::printf("window ingest        : %12.0f tx/s\n", r["ingest_tx_per_s"].get<double>());
    for (const auto& [window, us] : r["cycle_us"].items())
        std::printf("decide cycle, window %8s tx : %8.1f us\n", window.c_str(), us.get<double>());
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("payops-agent"));
    QCoreApplication::setOrganizationName(QStringLiteral("PayOps"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PAYOPS_VERSION));

    const QStringList args = QCoreApplication::arguments();
    const QString usage = QStringLiteral(
        "usage: payops-agent <command> [options]\n\n"
        "commands:\n"
        "  run     run the agent on the offline simulator\n"
        "  config  check an agent config file\n"
        "  bench   measure the runtime's hot paths on this machine\n\n"
        "payops-agent <command> --help describes each command.");
    if (args.size() < 2 || args[1] == QStringLiteral("--help") || args[1] == QStringLiteral("-h")) {
        std::printf("%s\n", qPrintable(usage));
        return args.size() < 2 ? 2 : 0;
    }
    if (args[1] == QStringLiteral("--version")) {
        std::printf("payops-agent %s\n", PAYOPS_VERSION);
        return 0;
    }
    const QString command = args[1];
    if (command == QStringLiteral("run"))
        return runCommand(commandArguments(args));
    if (command == QStringLiteral("config"))
        return configCommand(commandArguments(args));
    if (command == QStringLiteral("bench"))
        return benchCommand(commandArguments(args));
    return fail(QStringLiteral("unknown command '%1'\n%2").arg(command, usage));
}
