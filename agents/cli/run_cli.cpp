// payops-agent run: argument parsing; the work is runAgent() in run_command.cpp.
#include "cli/cli_common.h"
#include "cli/run_command.h"
#include "config/config_loader.h"
#include "config/text_file.h"
#include "stream/scenario_loader.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <algorithm>
#include <iostream>

namespace payops::cli {

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("payops-agent", text);
}
} // namespace

int runCommand(const QStringList& arguments)
{
    QCommandLineParser p;
    p.setApplicationDescription(tr("Run the agent on the offline simulator and print one report per cycle."));
    p.addHelpOption();
    QCommandLineOption scenario(QStringLiteral("scenario"), tr("Built-in scenario name or a scenario YAML file."),
                                QStringLiteral("NAME|FILE"));
    QCommandLineOption config(QStringLiteral("config"), tr("Agent config YAML (default: built-in defaults)."),
                              QStringLiteral("FILE"));
    QCommandLineOption cycles(
        QStringLiteral("cycles"),
        tr("Cycles to run (default: as many as the scenario's duration_s takes, also the rest of it "
           "with --resume; else 10)."),
        QStringLiteral("N"), QStringLiteral("10"));
    QCommandLineOption seed(QStringLiteral("seed"), tr("Random seed."), QStringLiteral("S"), QStringLiteral("1"));
    QCommandLineOption speed(QStringLiteral("speed"),
                             tr("Simulated seconds per wall second, 1-1000 (default: as fast as possible)."),
                             QStringLiteral("X"));
    QCommandLineOption json(QStringLiteral("json"), tr("One JSON cycle snapshot per line."));
    QCommandLineOption db(QStringLiteral("db"), tr("Agent database (default: %1).").arg(defaultDatabasePath()),
                          QStringLiteral("FILE"));
    QCommandLineOption noDb(QStringLiteral("no-db"), tr("Keep nothing: no database, no audit log."));
    QCommandLineOption resume(QStringLiteral("resume"), tr("Continue the run saved in the database."));
    QCommandLineOption newRun(QStringLiteral("new-run"),
                              tr("Start over although the database holds a run (its audit log and approvals stay)."));
    p.addOptions({scenario, config, cycles, seed, speed, json, db, noDb, resume, newRun});
    parseCommandLine(p, arguments, QStringLiteral("run"));

    RunOptions options;
    options.session.dbPath = (p.isSet(db) ? p.value(db) : defaultDatabasePath()).toStdString();
    options.persist = !p.isSet(noDb);
    options.session.resume = p.isSet(resume);
    options.session.newRun = p.isSet(newRun);
    if (p.isSet(db) && !options.persist)
        return fail(QStringLiteral("--db and --no-db contradict each other"));
    if (p.isSet(db) && p.value(db).isEmpty())
        return fail(QStringLiteral("--db needs a file name (SQLite would keep an empty one in a temporary file that is "
                                   "lost at exit)"));
    if (options.session.resume && options.session.newRun)
        return fail(QStringLiteral("--resume and --new-run contradict each other"));
    if (options.session.resume && !options.persist)
        return fail(QStringLiteral("--resume needs a database; it cannot be combined with --no-db"));
    // Without a database every run is new: --new-run would do nothing, and saying nothing let it look honoured.
    if (options.session.newRun && !options.persist)
        return fail(QStringLiteral("--new-run starts a new run in a database; with --no-db every run is new"));
    if (options.session.resume && (p.isSet(scenario) || p.isSet(seed)))
        return fail(QStringLiteral("--resume continues the saved run: its scenario and seed cannot be changed"));
    options.session.configAuthor = defaultActor().toStdString();
    if (p.isSet(config)) {
        const std::string path = p.value(config).toStdString();
        auto text = readTextFile(path);
        if (!text.ok())
            return fail(text.failure());
        auto loaded = parseAgentConfig(*text, path);
        if (!loaded.ok())
            return fail(loaded.failure());
        options.session.config = loaded.value();
        options.session.configYaml = *text;
    }
    if (p.isSet(scenario)) {
        const QString value = p.value(scenario);
        // A path (has a slash or a .yaml/.yml ending) is a file, and so is a file of another name that no built-in
        // scenario has ("mine.txt" was refused as an unknown scenario, although it was there); anything else names a
        // built-in scenario.
        const auto builtins = builtinScenarioNames();
        const bool isFile = value.contains(QLatin1Char('/')) || value.endsWith(QStringLiteral(".yaml")) ||
                            value.endsWith(QStringLiteral(".yml")) ||
                            (std::find(builtins.begin(), builtins.end(), value.toStdString()) == builtins.end() &&
                             QFileInfo(value).isFile());
        ScenarioSource source;
        std::int64_t durationMs = 0;
        if (isFile) {
            auto text = readTextFile(value.toStdString());
            if (!text.ok())
                return fail(text.failure());
            // Checked against the config's issuers and methods now, so every mistake in the file is reported at once.
            const ScenarioNames names = scenarioNamesOf(options.session.config.simulator);
            auto parsed = parseScenario(*text, value.toStdString(), &names);
            if (!parsed.ok())
                return fail(parsed.failure());
            source.yaml = *text;
            source.path = value.toStdString();
            durationMs = parsed->suggestedDurationMs;
        } else {
            const ScenarioNames names = scenarioNamesOf(options.session.config.simulator);
            auto builtin = builtinScenarioSource(value.toStdString(), &names);
            if (!builtin.ok())
                return fail(builtin.failure());
            source = builtin.value();
            if (auto parsed = parseScenario(source.yaml, source.path); parsed.ok())
                durationMs = parsed->suggestedDurationMs;
        }
        options.session.scenario = source;
        // The story told whole: ten cycles (80 s) ended before any built-in scenario's incident began (at 90-180 s).
        if (!p.isSet(cycles) && durationMs > 0) {
            const std::int64_t interval = std::max<std::int64_t>(options.session.config.policy.cycleIntervalMs, 1);
            options.cycles = (durationMs + interval - 1) / interval;
        }
    }
    bool ok = true; // a scenario's own length, set above, needs no parsing
    options.cyclesGiven = p.isSet(cycles);
    if (p.isSet(cycles) || !options.session.scenario)
        options.cycles = p.value(cycles).toLongLong(&ok);
    // 0 would open the run, and with a new one record its start, without running it.
    if (!ok || options.cycles < 1)
        return fail(QStringLiteral("--cycles must be a whole number >= 1, got '%1'").arg(p.value(cycles)));
    options.session.seed = p.value(seed).toULongLong(&ok);
    if (!ok)
        return fail(QStringLiteral("--seed must be a whole number >= 0, got '%1'").arg(p.value(seed)));
    if (p.isSet(speed)) {
        options.speed = p.value(speed).toDouble(&ok);
        if (!ok || !(options.speed >= 1 && options.speed <= 1000)) // written so that NaN fails it too
            return fail(QStringLiteral("--speed must be between 1 and 1000, got '%1'").arg(p.value(speed)));
    }
    options.json = p.isSet(json);
    return runAgent(options, std::cout, std::cerr);
}

} // namespace payops::cli
