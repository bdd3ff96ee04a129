// payops-agent evaluate --scenarios all|NAME[,NAME...] [--seed S] [--quiet-cycles N] [--config FILE] [--json]
#include "cli/cli_common.h"
#include "config/config_loader.h"
#include "runtime/scenario_evaluation.h"
#include "stream/scenario_loader.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>

namespace payops::cli {

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("payops-agent", text);
}

nlohmann::json toJson(const ScenarioEvaluation& e)
{
    nlohmann::json delays = nlohmann::json::array();
    for (const auto& d : e.delays)
        delays.push_back(d ? nlohmann::json(*d) : nlohmann::json(nullptr));
    // Every anomaly the scenario raised and how it was counted, so a false one can be looked at rather than only
    // counted.
    nlohmann::json anomalies = nlohmann::json::array();
    for (const auto& r : e.raised)
        anomalies.push_back({{"id", r.id},
                             {"cycle", r.cycle},
                             {"dimension", r.dimension},
                             {"pattern", patternName(r.pattern)},
                             {"verdict", verdictName(r.verdict)},
                             {"after_end", r.afterEnd},
                             {"rule", r.rule}});
    return {{"scenario", e.scenario},
            {"detection_delay_cycles", e.detectionDelayCycles ? nlohmann::json(*e.detectionDelayCycles) : nullptr},
            {"false_anomalies_per_1000_cycles", e.falseAnomaliesPer1000Cycles()},
            {"cycles", e.cycles},
            {"incidents", e.occurrences},
            {"incident_delays_cycles", delays},
            {"false_anomalies", e.falseAnomalies},
            {"spillover_anomalies", e.spilloverAnomalies},
            {"anomalies_after_end", e.anomaliesAfterEnd},
            {"cycles_raising_false_anomalies", e.cyclesRaisingFalse},
            {"anomalies", anomalies}};
}
} // namespace

int evaluateCommand(const QStringList& arguments)
{
    QCommandLineParser p;
    p.setApplicationDescription(
        tr("Run the agent on payment scenarios and report, per scenario, how many cycles after each incident's "
           "onset the expected anomaly appears, and how many anomalies nothing explains (each listed). A quiet run "
           "(no incident) measures false anomalies alone. In --json, detection_delay_cycles is null for a scenario "
           "whose incident was missed, and for the quiet run, which has none (its incidents is 0). Definitions: "
           "docs/detector.md."));
    p.addHelpOption();
    QCommandLineOption scenarios(QStringLiteral("scenarios"), tr("'all' or a comma-separated list of built-in names."),
                                 QStringLiteral("all|NAMES"), QStringLiteral("all"));
    QCommandLineOption seed(QStringLiteral("seed"), tr("Random seed."), QStringLiteral("S"), QStringLiteral("1"));
    QCommandLineOption quietCycles(QStringLiteral("quiet-cycles"), tr("Length of the quiet run (0 skips it)."),
                                   QStringLiteral("N"), QStringLiteral("10000"));
    QCommandLineOption config(QStringLiteral("config"), tr("Agent config YAML (default: built-in defaults)."),
                              QStringLiteral("FILE"));
    QCommandLineOption json(QStringLiteral("json"), tr("Print one JSON object."));
    p.addOptions({scenarios, seed, quietCycles, config, json});
    parseCommandLine(p, arguments, QStringLiteral("evaluate"));

    AgentConfig cfg = defaultAgentConfig();
    if (p.isSet(config)) {
        auto loaded = loadAgentConfigFile(p.value(config).toStdString());
        if (!loaded.ok())
            return fail(loaded.failure());
        cfg = loaded.value();
    }
    bool ok = false;
    const std::uint64_t s = p.value(seed).toULongLong(&ok);
    if (!ok)
        return fail(QStringLiteral("--seed must be a whole number >= 0, got '%1'").arg(p.value(seed)));
    const std::int64_t quiet = p.value(quietCycles).toLongLong(&ok);
    if (!ok || quiet < 0)
        return fail(QStringLiteral("--quiet-cycles must be a whole number >= 0, got '%1'").arg(p.value(quietCycles)));

    std::vector<std::string> names;
    if (p.value(scenarios).trimmed().compare(QLatin1String("all"), Qt::CaseInsensitive) == 0) {
        for (const auto& n : builtinScenarioNames())
            if (n != "quiet") // the quiet run below is the long version of it
                names.push_back(n);
    } else {
        bool quietNamed = false;
        for (const QString& n : p.value(scenarios).split(QLatin1Char(','))) {
            if (n.trimmed().isEmpty()) // "a, b," and "a, " alike (a blank entry was an unknown scenario '')
                continue;
            // "all" is the whole set or nothing: within a list it read as an unknown scenario named "all".
            if (n.trimmed().compare(QLatin1String("all"), Qt::CaseInsensitive) == 0)
                return fail(QStringLiteral("--scenarios %1: 'all' stands alone (it runs every scenario and the quiet "
                                           "run), or name scenarios separated by commas")
                                .arg(p.value(scenarios)));
            // "quiet" is the quiet run (--quiet-cycles long), not a second, shorter entry of the same name.
            if (n.trimmed() == QLatin1String("quiet"))
                quietNamed = true;
            else if (std::find(names.begin(), names.end(), n.trimmed().toStdString()) == names.end())
                names.push_back(n.trimmed().toStdString()); // named twice, run once
        }
        if (names.empty() && !quietNamed)
            return fail(QStringLiteral("--scenarios names no scenario ('all' or a comma-separated list)"));
        if (quietNamed && quiet == 0)
            return fail(QStringLiteral("--scenarios names the quiet run, which --quiet-cycles 0 skips"));
    }

    // Every scenario is read before any runs: a wrong name or a broken file at the end of the list printed the rows of
    // those before it and then failed, and a script reading the output saw what looked like a whole report.
    // Each is labelled by the name asked for, not by the name in its file, which may repeat another file's (a copy of
    // issuer_outage.yaml saved as foo.yaml gave two rows named issuer_outage).
    std::vector<std::pair<std::string, Scenario>> runs;
    const ScenarioNames known = scenarioNamesOf(cfg.simulator); // a wrong issuer is said with the file's other errors
    for (const auto& name : names) {
        auto scenario = loadBuiltinScenario(name, &known);
        if (!scenario.ok())
            return fail(scenario.failure());
        runs.emplace_back(name, std::move(scenario.value()));
    }
    std::optional<Scenario> quietRun;
    if (quiet > 0) {
        auto scenario = loadBuiltinScenario("quiet", &known);
        if (!scenario.ok())
            return fail(scenario.failure());
        quietRun = std::move(scenario.value());
    }

    // The detector it ran with: a likelihood result and a zscore one could not be told apart afterwards.
    nlohmann::json out = {
        {"seed", s}, {"detector_method", cfg.detector.method}, {"scenarios", nlohmann::json::array()}};
    auto add = [&](const std::string& label, const Scenario& scenario, std::int64_t cycles) -> bool {
        auto ev = evaluateScenario(cfg, scenario, s, cycles);
        if (!ev.ok()) {
            fail(ev.failure());
            return false;
        }
        ev->scenario = label;
        const nlohmann::json j = toJson(*ev);
        out["scenarios"].push_back(j);
        if (!p.isSet(json)) {
            const std::string delay = ev->occurrences == 0 ? "none"
                                      : !ev->detectionDelayCycles
                                          ? "missed"
                                          : std::to_string(*ev->detectionDelayCycles) +
                                                (*ev->detectionDelayCycles == 1 ? " cycle" : " cycles");
            std::printf("%-18s incidents %2lld  worst delay %-10s  false anomalies %6.2f per 1000 cycles "
                        "(%lld in %lld cycles), spillover %lld, after the end %lld\n",
                        ev->scenario.c_str(), static_cast<long long>(ev->occurrences), delay.c_str(),
                        ev->falseAnomaliesPer1000Cycles(), static_cast<long long>(ev->falseAnomalies),
                        static_cast<long long>(ev->cycles), static_cast<long long>(ev->spilloverAnomalies),
                        static_cast<long long>(ev->anomaliesAfterEnd));
            for (const auto& r : ev->raised)
                if (r.verdict == ScenarioEvaluation::Verdict::False || r.afterEnd)
                    std::printf("    %s: cycle %lld, %s %s: %s\n", r.afterEnd ? "after the end" : "false",
                                static_cast<long long>(r.cycle), r.dimension.c_str(), patternName(r.pattern),
                                r.rule.empty() ? "(no evidence)" : r.rule.c_str());
            std::fflush(stdout);
        }
        return true;
    };
    for (const auto& [label, scenario] : runs)
        if (!add(label, scenario, 0))
            return 2;
    if (quietRun && !add("quiet", *quietRun, quiet))
        return 2;
    if (p.isSet(json))
        std::cout << out.dump(2) << "\n";
    return 0;
}

} // namespace payops::cli
