// payops-agent evaluate --scenarios all|NAME[,NAME...] [--seed S | --seeds FROM-TO] [--quiet-cycles N]
//                       [--config FILE] [--json]
#include "cli/cli_common.h"
#include "config/config_loader.h"
#include "runtime/scenario_evaluation.h"
#include "stream/scenario_loader.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <map>
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
// The target for every incident (docs/detector.md): found within this many cycles of its onset.
constexpr std::int64_t kTargetDelayCycles = 2;
// And for the quiet run: at most 1 % of cycles raise an anomaly, 100 of 10 000.
constexpr double kTargetQuietPer10000 = 100.0;

// One scenario over many seeds: how often its incidents were found in time, and how much else it raised.
struct SeedSummary {
    std::int64_t runs = 0, withinTarget = 0, late = 0, missed = 0, incidents = 0;
    std::vector<std::int64_t> delays; // each found run's worst delay
    std::int64_t falseAnomalies = 0, spillover = 0, afterEnd = 0;
    std::vector<double> quietPer10000; // cycles raising a false anomaly, per 10 000, for runs without incidents

    void add(const ScenarioEvaluation& e)
    {
        ++runs;
        incidents += e.occurrences;
        falseAnomalies += e.falseAnomalies;
        spillover += e.spilloverAnomalies;
        afterEnd += e.anomaliesAfterEnd;
        if (e.occurrences == 0) {
            if (e.cycles > 0)
                quietPer10000.push_back(10000.0 * static_cast<double>(e.cyclesRaisingFalse) /
                                        static_cast<double>(e.cycles));
            return;
        }
        if (!e.detectionDelayCycles) {
            ++missed;
            return;
        }
        delays.push_back(*e.detectionDelayCycles);
        ++(*e.detectionDelayCycles <= kTargetDelayCycles ? withinTarget : late);
    }
    std::optional<double> medianDelay() const
    {
        if (delays.empty())
            return std::nullopt;
        std::vector<std::int64_t> d = delays;
        std::sort(d.begin(), d.end());
        const std::size_t n = d.size();
        return n % 2 ? static_cast<double>(d[n / 2]) : (d[n / 2 - 1] + d[n / 2]) / 2.0;
    }
    nlohmann::json toJson(const std::string& scenario) const
    {
        nlohmann::json j = {{"scenario", scenario},
                            {"runs", runs},
                            {"false_anomalies", falseAnomalies},
                            {"spillover_anomalies", spillover},
                            {"anomalies_after_end", afterEnd}};
        if (incidents == 0 && !quietPer10000.empty()) {
            const auto [lo, hi] = std::minmax_element(quietPer10000.begin(), quietPer10000.end());
            double sum = 0;
            for (double v : quietPer10000)
                sum += v;
            j["cycles_raising_false_per_10000"] = {
                {"mean", sum / static_cast<double>(quietPer10000.size())}, {"min", *lo}, {"max", *hi}};
            return j;
        }
        const auto median = medianDelay();
        j["within_target"] = withinTarget;
        j["late"] = late;
        j["missed"] = missed;
        j["worst_delay_cycles"] =
            delays.empty() ? nlohmann::json(nullptr) : nlohmann::json(*std::max_element(delays.begin(), delays.end()));
        j["median_delay_cycles"] = median ? nlohmann::json(*median) : nlohmann::json(nullptr);
        return j;
    }
};

// "7" or "1-20": the seeds to run, in order (at most 1000 of them).
std::optional<std::pair<std::uint64_t, std::uint64_t>> parseSeedRange(const QString& text)
{
    const QStringList parts = text.trimmed().split(QLatin1Char('-'));
    if (parts.size() > 2)
        return std::nullopt;
    bool okFrom = false, okTo = false;
    const std::uint64_t from = parts[0].trimmed().toULongLong(&okFrom);
    const std::uint64_t to = parts.size() == 2 ? parts[1].trimmed().toULongLong(&okTo) : from;
    if (!okFrom || (parts.size() == 2 && !okTo) || to < from || to - from >= 1000)
        return std::nullopt;
    return std::pair{from, to};
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
    QCommandLineOption seeds(
        QStringLiteral("seeds"),
        tr("Run every seed FROM to TO (at most 1000) and report, per scenario, how many runs found "
           "each incident within 2 cycles, how many late or missed, and the quiet runs' false "
           "anomalies; --json adds each seed's report."),
        QStringLiteral("FROM-TO"));
    QCommandLineOption quietCycles(QStringLiteral("quiet-cycles"), tr("Length of the quiet run (0 skips it)."),
                                   QStringLiteral("N"), QStringLiteral("10000"));
    QCommandLineOption config(QStringLiteral("config"), tr("Agent config YAML (default: built-in defaults)."),
                              QStringLiteral("FILE"));
    QCommandLineOption json(QStringLiteral("json"), tr("Print one JSON object."));
    p.addOptions({scenarios, seed, seeds, quietCycles, config, json});
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
    std::optional<std::pair<std::uint64_t, std::uint64_t>> seedRange;
    if (p.isSet(seeds)) {
        if (p.isSet(seed))
            return fail(QStringLiteral("--seed and --seeds: give one seed or a range, not both"));
        seedRange = parseSeedRange(p.value(seeds));
        if (!seedRange)
            return fail(QStringLiteral("--seeds must be FROM-TO with FROM <= TO, at most 1000 seeds, or one seed; "
                                       "got '%1'")
                            .arg(p.value(seeds)));
    }
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

    // What runs, in order, and for how many cycles (0: the scenario's own length; the quiet run: --quiet-cycles).
    struct Planned {
        std::string label;
        const Scenario* scenario;
        std::int64_t cycles;
    };
    std::vector<Planned> order;
    for (const auto& [label, scenario] : runs)
        order.push_back({label, &scenario, 0});
    if (quietRun)
        order.push_back({"quiet", &*quietRun, quiet});
    const bool asJson = p.isSet(json);

    if (seedRange) {
        std::map<std::string, SeedSummary> summaries;
        nlohmann::json perSeed = nlohmann::json::array();
        // Counted, not compared: a range ending at the largest seed wrapped to 0 and never ended.
        for (std::uint64_t k = 0; k <= seedRange->second - seedRange->first; ++k) {
            const std::uint64_t seedValue = seedRange->first + k;
            nlohmann::json reports = nlohmann::json::array();
            for (const auto& [label, scenario, cycles] : order) {
                auto ev = evaluateScenario(cfg, *scenario, seedValue, cycles);
                if (!ev.ok())
                    return fail(ev.failure());
                ev->scenario = label;
                summaries[label].add(*ev);
                if (asJson)
                    reports.push_back(toJson(*ev));
            }
            if (asJson)
                perSeed.push_back({{"seed", seedValue}, {"scenarios", std::move(reports)}});
        }
        if (asJson) {
            nlohmann::json summary = nlohmann::json::array();
            for (const Planned& planned : order)
                summary.push_back(summaries[planned.label].toJson(planned.label));
            const nlohmann::json out = {{"seeds", {{"from", seedRange->first}, {"to", seedRange->second}}},
                                        {"detector_method", cfg.detector.method},
                                        {"target_delay_cycles", kTargetDelayCycles},
                                        {"summary", std::move(summary)},
                                        {"runs", std::move(perSeed)}};
            std::cout << out.dump(2) << "\n";
            return 0;
        }
        std::printf("seeds %llu-%llu, detector %s; the target: every incident within %lld cycles of its onset, and "
                    "at most %.0f quiet cycles in 10 000 raising an anomaly\n",
                    static_cast<unsigned long long>(seedRange->first),
                    static_cast<unsigned long long>(seedRange->second), cfg.detector.method.c_str(),
                    static_cast<long long>(kTargetDelayCycles), kTargetQuietPer10000);
        for (const Planned& planned : order) {
            const std::string& label = planned.label;
            const SeedSummary& sum = summaries[label];
            const nlohmann::json j = sum.toJson(label);
            if (j.contains("cycles_raising_false_per_10000")) {
                const auto& q = j["cycles_raising_false_per_10000"];
                std::printf("%-18s %3lld runs  cycles raising a false anomaly per 10 000: mean %.2f, %.0f-%.0f\n",
                            label.c_str(), static_cast<long long>(sum.runs), q["mean"].get<double>(),
                            q["min"].get<double>(), q["max"].get<double>());
                continue;
            }
            const std::string worst =
                j["worst_delay_cycles"].is_null() ? "-" : std::to_string(j["worst_delay_cycles"].get<std::int64_t>());
            char median[32] = "-";
            if (!j["median_delay_cycles"].is_null())
                std::snprintf(median, sizeof median, "%g", j["median_delay_cycles"].get<double>());
            std::printf("%-18s %3lld runs  within %lld cycles %3lld  late %3lld  missed %3lld  (worst %s, median %s)  "
                        "false %lld, spillover %lld, after the end %lld\n",
                        label.c_str(), static_cast<long long>(sum.runs), static_cast<long long>(kTargetDelayCycles),
                        static_cast<long long>(sum.withinTarget), static_cast<long long>(sum.late),
                        static_cast<long long>(sum.missed), worst.c_str(), median,
                        static_cast<long long>(sum.falseAnomalies), static_cast<long long>(sum.spillover),
                        static_cast<long long>(sum.afterEnd));
        }
        return 0;
    }

    // The detector it ran with: a likelihood result and a zscore one could not be told apart afterwards.
    nlohmann::json out = {
        {"seed", s}, {"detector_method", cfg.detector.method}, {"scenarios", nlohmann::json::array()}};
    for (const auto& [label, scenario, cycles] : order) {
        auto ev = evaluateScenario(cfg, *scenario, s, cycles);
        if (!ev.ok())
            return fail(ev.failure());
        ev->scenario = label;
        out["scenarios"].push_back(toJson(*ev));
        if (!asJson) {
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
    }
    if (asJson)
        std::cout << out.dump(2) << "\n";
    return 0;
}

} // namespace payops::cli
