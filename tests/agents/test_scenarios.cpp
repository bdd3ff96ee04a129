// Every built-in incident scenario is detected: for each event that names an expected pattern, an anomaly with that
// pattern appears on the event's dimension between the event's start and its end plus one observation window,
// for several seeds. The HDFC outage is also acted on (suppress_path issuer:HDFC) and clears once the window no
// longer holds it. Detection delays are printed for the record.
#include "runtime/agent_runtime.h"
#include "runtime/scenario_evaluation.h"
#include "stream/scenario_loader.h"

#include <QTest>
#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

using namespace payops;

namespace {

// The seven incident scenarios; `quiet` (no incident) is the false-positive reference and has nothing to detect.
const std::vector<std::string>& incidentScenarios()
{
    static const std::vector<std::string> names = {"flapping_issuer", "issuer_outage",  "issuer_slowdown",
                                                   "latency_spike",   "method_fatigue", "recovery",
                                                   "retry_storm",     "tail_latency"};
    return names;
}

const std::vector<std::uint64_t> kSeeds = {1, 2, 3};

struct Run {
    TimeMs cycleIntervalMs = 0;
    TimeMs windowMs = 0;
    std::vector<CycleSnapshotPtr> snapshots; // every snapshot kept alive: the checks below borrow their members
};

Run runScenario(const Scenario& scenario, std::uint64_t seed, TimeMs extraMs = 0)
{
    Run run;
    AgentRuntime rt(defaultAgentConfig(), seed);
    if (!rt.setScenario(scenario).ok())
        return run;
    run.cycleIntervalMs = rt.config().policy.cycleIntervalMs;
    run.windowMs = rt.config().detector.windowMs;
    const auto cycles = (scenario.suggestedDurationMs + extraMs) / run.cycleIntervalMs;
    for (std::int64_t i = 0; i < cycles; ++i)
        run.snapshots.push_back(rt.runCycle());
    return run;
}

// When the event stops affecting traffic: the end of its last repetition, or the end of the run when open-ended.
std::int64_t eventEndMs(const ScenarioEvent& e, const Scenario& s)
{
    if (e.durationMs <= 0)
        return s.suggestedDurationMs;
    return e.atMs + static_cast<std::int64_t>(std::max(1, e.repeatCount) - 1) * e.repeatEveryMs + e.durationMs;
}

// The event names an issuer -> issuer:X; a method -> method:M; neither (system-wide) -> global or any issuer or
// method dimension.
bool onEventDimension(const Anomaly& a, const ScenarioEvent& e)
{
    if (!e.issuer.empty() || !e.method.empty())
        return (!e.issuer.empty() && a.dimension == "issuer:" + e.issuer) ||
               (!e.method.empty() && a.dimension == "method:" + e.method);
    return a.kind == DimensionKind::Global || a.kind == DimensionKind::Issuer || a.kind == DimensionKind::Method;
}

std::string describe(const Anomaly& a)
{
    std::string out = a.dimension + "[";
    for (std::size_t i = 0; i < a.patterns.size(); ++i)
        out += (i ? "," : "") + std::string(patternName(a.patterns[i]));
    return out + "]";
}

// What the agent flagged during [fromMs, toMs], for failure messages: "t=104s issuer:HDFC[ISSUER_DEGRADATION]; ...".
std::string anomaliesSeen(const Run& run, std::int64_t fromMs, std::int64_t toMs)
{
    std::string out;
    int shown = 0;
    for (const CycleSnapshotPtr& snap : run.snapshots) {
        if (snap->elapsedMs < fromMs || snap->elapsedMs > toMs)
            continue;
        for (const Anomaly& a : snap->anomalies) {
            if (shown++ < 25)
                out += "t=" + std::to_string(snap->elapsedMs / 1000) + "s " + describe(a) + "; ";
        }
    }
    return out.empty() ? "no anomaly at all" : out;
}

bool hasAnomalyOn(const CycleSnapshot& snap, const std::string& dimension)
{
    return std::any_of(snap.anomalies.begin(), snap.anomalies.end(),
                       [&](const Anomaly& a) { return a.dimension == dimension; });
}

bool isSuppressHdfc(const InterventionOption& o)
{
    return o.type == "suppress_path" && o.target == "issuer:HDFC";
}

// scenario -> seed -> delays (cycles) of its events, printed once at the end.
std::map<std::string, std::map<std::uint64_t, std::vector<long long>>>& delays()
{
    static std::map<std::string, std::map<std::uint64_t, std::vector<long long>>> d;
    return d;
}

} // namespace

class TestScenarios : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        // CTest sets PAYOPS_SOURCE_DIR; run by hand, the loader finds resources/scenarios above the build tree.
        const QByteArray source = qgetenv("PAYOPS_SOURCE_DIR");
        if (!source.isEmpty())
            qputenv("PAYOPS_SCENARIO_DIR", QByteArray(source + "/resources/scenarios"));
        QVERIFY2(builtinScenarioDir().has_value(), "no built-in scenario directory found");
    }

    void everyIncidentScenarioIsCovered()
    {
        // A new built-in scenario must be added to the list above, or it would go untested.
        std::vector<std::string> names = builtinScenarioNames();
        names.erase(std::remove(names.begin(), names.end(), std::string("quiet")), names.end());
        QCOMPARE(names, incidentScenarios());
    }

    void detected_data()
    {
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<quint64>("seed");
        for (const std::string& name : incidentScenarios()) {
            for (std::uint64_t seed : kSeeds)
                QTest::addRow("%s/seed%llu", name.c_str(), static_cast<unsigned long long>(seed))
                    << QString::fromStdString(name) << quint64(seed);
        }
    }

    void detected()
    {
        QFETCH(QString, scenario);
        QFETCH(quint64, seed);
        const auto loaded = loadBuiltinScenario(scenario.toStdString());
        QVERIFY2(loaded.ok(), loaded.ok() ? "" : loaded.error().c_str());
        const Scenario& sc = *loaded;
        QVERIFY(sc.suggestedDurationMs > 0);

        const Run run = runScenario(sc, seed);
        QVERIFY2(!run.snapshots.empty(), "the scenario could not be installed");

        int checked = 0;
        std::vector<long long> eventDelays;
        for (const ScenarioEvent& e : sc.events) {
            if (e.expectedPattern.empty())
                continue;
            const auto pattern = patternFromName(e.expectedPattern);
            QVERIFY2(pattern.has_value(), ("unknown expected pattern " + e.expectedPattern).c_str());
            ++checked;
            const std::int64_t from = e.atMs;
            const std::int64_t to = eventEndMs(e, sc) + run.windowMs;

            auto matches = [&](const Anomaly& a) { return a.has(*pattern) && onEventDimension(a, e); };
            std::optional<TimeMs> detectedAt;
            // Informational: the same flag already up in the last cycle before the event (drift, or an earlier
            // event), in which case "detected" says little about this event.
            std::optional<TimeMs> flaggedBefore;
            for (const CycleSnapshotPtr& snap : run.snapshots) {
                if (snap->elapsedMs < from) {
                    const auto it = std::find_if(snap->anomalies.begin(), snap->anomalies.end(), matches);
                    flaggedBefore = it == snap->anomalies.end()
                                        ? std::nullopt
                                        : std::optional<TimeMs>(it->startedMs - (snap->timeMs - snap->elapsedMs));
                    continue;
                }
                if (snap->elapsedMs > to)
                    break;
                if (std::any_of(snap->anomalies.begin(), snap->anomalies.end(), matches)) {
                    detectedAt = snap->elapsedMs;
                    break;
                }
            }
            const std::string where = !e.issuer.empty()   ? "issuer:" + e.issuer
                                      : !e.method.empty() ? "method:" + e.method
                                                          : std::string("any dimension");
            QVERIFY2(detectedAt.has_value(),
                     (sc.name + " seed " + std::to_string(seed) + ": \"" + e.label + "\" expects " + e.expectedPattern +
                      " on " + where + " between " + std::to_string(from / 1000) + " s and " +
                      std::to_string(to / 1000) + " s; saw: " + anomaliesSeen(run, from, to))
                         .c_str());
            // Cycles since the event started: 1 = the first cycle after its start flagged it.
            const long long delay = (*detectedAt - from + run.cycleIntervalMs - 1) / run.cycleIntervalMs;
            eventDelays.push_back(delay);
            const QString before =
                flaggedBefore
                    ? QStringLiteral(" [already flagged since %1 s, before the event]").arg(*flaggedBefore / 1000.0)
                    : QString();
            qInfo().noquote() << QStringLiteral("%1 seed %2: \"%3\" %4 on %5 detected at %6 s (event from %7 s): "
                                                "delay %8 cycles%9")
                                     .arg(scenario)
                                     .arg(seed)
                                     .arg(QString::fromStdString(e.label), QString::fromStdString(e.expectedPattern),
                                          QString::fromStdString(where))
                                     .arg(*detectedAt / 1000.0)
                                     .arg(from / 1000)
                                     .arg(delay)
                                     .arg(before);
        }
        // A scenario without expectations would pass without checking anything.
        QVERIFY2(checked > 0, (sc.name + " has no event with an expected pattern").c_str());
        delays()[scenario.toStdString()][seed] = eventDelays;
    }

    void issuerOutageIsSuppressedAndClears_data()
    {
        QTest::addColumn<quint64>("seed");
        for (std::uint64_t seed : kSeeds)
            QTest::addRow("seed%llu", static_cast<unsigned long long>(seed)) << quint64(seed);
    }

    void issuerOutageIsSuppressedAndClears()
    {
        QFETCH(quint64, seed);
        const auto loaded = loadBuiltinScenario("issuer_outage");
        QVERIFY2(loaded.ok(), loaded.ok() ? "" : loaded.error().c_str());
        const Scenario& sc = *loaded;
        const auto outage =
            std::find_if(sc.events.begin(), sc.events.end(), [](const ScenarioEvent& e) { return e.issuer == "HDFC"; });
        QVERIFY(outage != sc.events.end());
        const std::int64_t from = outage->atMs, to = eventEndMs(*outage, sc);

        // The scenario, then one more observation window so the outage has left the window entirely.
        const TimeMs windowMs = defaultAgentConfig().detector.windowMs;
        const Run run = runScenario(sc, seed, windowMs);
        QVERIFY(!run.snapshots.empty());
        QVERIFY(run.snapshots.back()->elapsedMs >= sc.suggestedDurationMs + windowMs - run.cycleIntervalMs);

        std::optional<TimeMs> suppressedAt, clearedAt, suppressedBefore, suppressedAfter;
        bool flagged = false;
        for (const CycleSnapshotPtr& snap : run.snapshots) {
            const bool suppress = (snap->executed && isSuppressHdfc(snap->executed->option)) ||
                                  (snap->approvalRequested && isSuppressHdfc(snap->approvalRequested->option));
            if (suppress) {
                std::optional<TimeMs>& slot = snap->elapsedMs < from  ? suppressedBefore
                                              : snap->elapsedMs <= to ? suppressedAt
                                                                      : suppressedAfter;
                if (!slot)
                    slot = snap->elapsedMs;
            }
            flagged = flagged || (snap->elapsedMs >= from && hasAnomalyOn(*snap, "issuer:HDFC"));
            if (flagged && std::any_of(snap->clearedAnomalies.begin(), snap->clearedAnomalies.end(),
                                       [](const Anomaly& a) { return a.dimension == "issuer:HDFC"; }))
                clearedAt = snap->elapsedMs;
        }
        QVERIFY2(flagged, "the HDFC outage was never flagged on issuer:HDFC");
        auto at = [](const std::optional<TimeMs>& t) {
            return t ? std::to_string(*t / 1000) + " s" : std::string("never");
        };
        QVERIFY2(suppressedAt.has_value(),
                 ("no suppress_path issuer:HDFC executed or requested between " + std::to_string(from / 1000) +
                  " s and " + std::to_string(to / 1000) + " s (first one before the outage: " + at(suppressedBefore) +
                  "; first one after it: " + at(suppressedAfter) + "); anomalies: " + anomaliesSeen(run, 0, to))
                     .c_str());
        QVERIFY2(clearedAt.has_value(), "the issuer:HDFC anomaly was never reported cleared");
        const CycleSnapshotPtr last = run.snapshots.back();
        QVERIFY2(!hasAnomalyOn(*last, "issuer:HDFC"),
                 ("issuer:HDFC still flagged at " + std::to_string(last->elapsedMs / 1000) +
                  " s, long after the outage left the window; last cycles saw: " +
                  anomaliesSeen(run, last->elapsedMs - 5 * run.cycleIntervalMs, last->elapsedMs))
                     .c_str());
        qInfo().noquote() << QStringLiteral("issuer_outage seed %1: suppress_path issuer:HDFC at %2 s, "
                                            "issuer:HDFC last cleared at %3 s")
                                 .arg(seed)
                                 .arg(*suppressedAt / 1000.0)
                                 .arg(*clearedAt / 1000.0);
    }

    // The console says each evidence rule, hypothesis, decision and approval reason in the reader's language from its
    // phrase, and the logs, the audit trail and the CLI say its English text: they must be the same sentence, on
    // everything the scenarios raise (spillover and held flags among them), also after the snapshot has travelled as
    // JSON (sync, the store).
    void everyRuleAndHypothesisSaysItsTextAsAPhrase()
    {
        int rules = 0, hypotheses = 0, nested = 0, approvalReasons = 0;
        const auto check = [&](const CycleSnapshot& snap, const std::string& where) {
            for (const Anomaly& a : snap.anomalies) {
                for (const Evidence& e : a.evidence) {
                    QVERIFY2(!e.phrase.empty(), (where + ": " + e.rule).c_str());
                    QCOMPARE(e.phrase.english(), e.rule);
                    ++rules;
                    nested += std::any_of(e.phrase.args.begin(), e.phrase.args.end(),
                                          [](const Phrase::Arg& arg) { return arg.kind == Phrase::Arg::Kind::Nested; });
                }
            }
            for (const Hypothesis& h : snap.hypotheses) {
                QVERIFY2(!h.rootCausePhrase.empty() && !h.failurePhrase.empty() && !h.impactPhrase.empty(),
                         (where + ": " + h.rootCause).c_str());
                QCOMPARE(h.rootCausePhrase.english(), h.rootCause);
                QCOMPARE(h.failurePhrase.english(), h.failure);
                QCOMPARE(h.impactPhrase.english(), h.impact);
                ++hypotheses;
            }
            QVERIFY2(!snap.decision.reasonPhrase.empty(), (where + ": " + snap.decision.reason).c_str());
            QCOMPARE(snap.decision.reasonPhrase.english(), snap.decision.reason);
            for (const InterventionOption& o : snap.options) {
                QCOMPARE(o.approvalReasonPhrases.size(), o.approvalReasons.size());
                for (std::size_t i = 0; i < o.approvalReasons.size(); ++i)
                    QCOMPARE(o.approvalReasonPhrases[i].english(), o.approvalReasons[i]);
                approvalReasons += static_cast<int>(o.approvalReasons.size());
                QCOMPARE(o.refusedPhrase.english(), o.refusedBecause);
            }
        };
        for (const std::string& name : builtinScenarioNames()) {
            const Run run = runScenario(*loadBuiltinScenario(name), 1);
            for (const CycleSnapshotPtr& snap : run.snapshots) {
                const std::string where = name + " cycle " + std::to_string(snap->cycle);
                check(*snap, where);
                const Result<CycleSnapshot> back =
                    snapshotFromJson(nlohmann::json::parse(snapshotToJson(*snap).dump()));
                QVERIFY(back.ok());
                check(back.value(), where + " (from JSON)");
                QCOMPARE(back.value().anomalies.size(), snap->anomalies.size());
                for (std::size_t i = 0; i < snap->anomalies.size(); ++i)
                    for (std::size_t k = 0; k < snap->anomalies[i].evidence.size(); ++k)
                        QCOMPARE(back.value().anomalies[i].evidence[k].phrase.text,
                                 snap->anomalies[i].evidence[k].phrase.text);
            }
        }
        QVERIFY(rules > 200);
        QVERIFY(hypotheses > 50);
        QVERIFY(nested > 100); // the timing and likelihood parts of the core's rules
        QVERIFY(approvalReasons > 10);
    }

    // An anomaly's z (the list's column, its header, its confidence) is the largest of its evidence's: a z no rule
    // acted on, such as the cycle's success z beside a latency flag, showed a number nobody could find.
    void anAnomalysZIsTheLargestOfItsEvidence()
    {
        int anomalies = 0;
        for (const char* name : {"tail_latency", "issuer_outage", "retry_storm"}) {
            const Run run = runScenario(*loadBuiltinScenario(name), 1);
            for (const CycleSnapshotPtr& snap : run.snapshots) {
                for (const Anomaly& a : snap->anomalies) {
                    // Its own evidence: a method's flag that joined an issuer's anomaly (spillover) says how far the
                    // method is from usual, not the issuer. Global's evidence is its issuers' and methods'.
                    double largest = 0;
                    for (const Evidence& e : a.evidence)
                        if (a.kind == DimensionKind::Global || e.dimension == a.dimension)
                            largest = std::max(largest, std::abs(e.z));
                    QCOMPARE(a.maxAbsZ, largest);
                    ++anomalies;
                }
            }
        }
        QVERIFY(anomalies > 50);
    }

    // A user checks an evidence row's z against the figures beside it: for the detector core's rows it is their
    // distance in the spread shown, harmful side positive, also while a flag is held on older figures (flapping AXIS
    // suppressed by the agent: only thin cycles for many cycles). It was the cycle's EWMA z once, and drifted from
    // them: "success 0.677, expected 0.958 +/- 0.065, z 0.3".
    void evidenceZIsTheDistanceItsFiguresShow()
    {
        int rows = 0, held = 0;
        for (const char* name : {"flapping_issuer", "issuer_outage", "retry_storm", "latency_spike"}) {
            for (std::uint64_t seed : {1, 7}) {
                const Run run = runScenario(*loadBuiltinScenario(name), seed);
                for (const CycleSnapshotPtr& snap : run.snapshots) {
                    for (const Anomaly& a : snap->anomalies) {
                        for (const Evidence& e : a.evidence) {
                            const bool down = e.metric == "cycle_success_rate";
                            if (!down && e.metric != "cycle_mean_retries" && e.metric != "cycle_mean_latency_ms")
                                continue;
                            QVERIFY(e.baselineStd > 0);
                            const double shown = (down ? e.baseline - e.value : e.value - e.baseline) / e.baselineStd;
                            QVERIFY2(std::abs(e.z - shown) < 1e-9 * std::max(1.0, std::abs(shown)),
                                     qPrintable(QStringLiteral("%1 cycle %2: %3 z %4, figures give %5")
                                                    .arg(QString::fromLatin1(name))
                                                    .arg(snap->cycle)
                                                    .arg(QString::fromStdString(e.rule))
                                                    .arg(e.z)
                                                    .arg(shown)));
                            ++rows;
                            held += e.rule.find("only thin cycles since") != std::string::npos ? 1 : 0;
                        }
                    }
                }
            }
        }
        QVERIFY(rows > 100);
        QVERIFY(held > 0);
    }

    // payops-agent evaluate's figures (scenario_evaluation.h has the definitions).

    // An anomaly already open on the dimension when the incident begins was not raised by it: the incident is not
    // detected by it. Here an unlabelled slide keeps HDFC flagged from the start, and the labelled outage that
    // follows on HDFC adds nothing new to see, so it counts as missed (it was detected at delay 0 before the fix).
    void anAnomalyOpenBeforeTheOnsetDetectsNothing()
    {
        const auto sc = parseScenario(R"(version: 1
name: flagged_before
duration_s: 400
events:
  - label: HDFC already failing
    at_s: 0
    duration_s: 400
    issuer: HDFC
    set: {success: 0.2}
    error_code: "91"
  - label: HDFC outage
    at_s: 120
    duration_s: 120
    issuer: HDFC
    set: {success: 0.2}
    error_code: "91"
    expect: ISSUER_DEGRADATION
)",
                                      "flagged_before.yaml");
        QVERIFY2(sc.ok(), sc.ok() ? "" : sc.error().c_str());
        const auto ev = evaluateScenario(defaultAgentConfig(), *sc, 1);
        QVERIFY2(ev.ok(), ev.ok() ? "" : ev.error().c_str());
        QCOMPARE(ev->occurrences, 1);
        QVERIFY(!ev->delays.at(0).has_value());
        QVERIFY(!ev->detectionDelayCycles.has_value());
    }

    // The same incident flagged once and still open at the next flap is found; two events shaping one slide on one
    // issuer are one incident; a method's flag during an issuer's outage is spillover, not false and not explained.
    void incidentsAndSpillover()
    {
        const auto flapping = evaluateScenario(defaultAgentConfig(), *loadBuiltinScenario("flapping_issuer"), 1);
        QVERIFY(flapping.ok());
        QCOMPARE(flapping->occurrences, 5);
        QCOMPARE(static_cast<int>(std::count(flapping->delays.begin(), flapping->delays.end(), std::nullopt)), 0);

        const auto recovery = evaluateScenario(defaultAgentConfig(), *loadBuiltinScenario("recovery"), 1);
        QVERIFY(recovery.ok());
        QCOMPARE(recovery->occurrences, 1);
        QVERIFY(recovery->detectionDelayCycles.has_value());

        const auto outage = evaluateScenario(defaultAgentConfig(), *loadBuiltinScenario("issuer_outage"), 1);
        QVERIFY(outage.ok());
        QCOMPARE(outage->detectionDelayCycles, std::optional<std::int64_t>(1));
        QCOMPARE(outage->falseAnomalies, 0);
        QVERIFY(outage->spilloverAnomalies > 0); // method flags: HDFC's code 91 is in every method's mix

        // A gateway-wide event (no issuer, no method) is every dimension's own for its pattern: a retry storm
        // flagged on an issuer or method during the storm is explained, not spillover. Such a flag is raised only in
        // the cycle before global shows the storm (after that the issuers' and methods' flags are global's
        // evidence), on some seeds: 13, 15 and 16 of 1-20 when this was written.
        int storms = 0;
        for (std::uint64_t seed = 13; seed <= 16; ++seed) {
            const auto storm = evaluateScenario(defaultAgentConfig(), *loadBuiltinScenario("retry_storm"), seed);
            QVERIFY(storm.ok());
            for (const auto& r : storm->raised) {
                if (r.pattern != Pattern::RetryStorm || r.dimension == "global")
                    continue;
                ++storms;
                QVERIFY2(r.verdict == ScenarioEvaluation::Verdict::Explained, r.dimension.c_str());
            }
            QCOMPARE(static_cast<std::int64_t>(std::count_if(
                         storm->raised.begin(), storm->raised.end(),
                         [](const auto& r) { return r.verdict == ScenarioEvaluation::Verdict::Spillover; })),
                     storm->spilloverAnomalies);
        }
        QVERIFY(storms > 0);
    }

    // A five-minute statistic peaks after an incident shorter than five minutes has ended, so the window's fixed bars
    // raised new anomalies minutes after the recovery (a retry storm on five dimensions at once). The evaluation counts
    // them; the recent window keeps them away.
    void noAnomalyIsRaisedAfterItsIncidentEnded_data()
    {
        QTest::addColumn<QString>("scenario");
        for (const char* name : {"latency_spike", "retry_storm", "issuer_slowdown"})
            QTest::newRow(name) << QString::fromLatin1(name);
    }
    void noAnomalyIsRaisedAfterItsIncidentEnded()
    {
        QFETCH(QString, scenario);
        const auto sc = loadBuiltinScenario(scenario.toStdString());
        QVERIFY(sc.ok());
        const auto afterEnd = [](const ScenarioEvaluation& ev) {
            return static_cast<std::int64_t>(
                std::count_if(ev.raised.begin(), ev.raised.end(), [](const auto& r) { return r.afterEnd; }));
        };
        const auto ev = evaluateScenario(defaultAgentConfig(), *sc, 1);
        QVERIFY(ev.ok());
        for (const auto& r : ev->raised)
            QVERIFY2(!r.afterEnd, (r.dimension + ": " + r.rule).c_str());
        // Without the recent window's check the same run raises them.
        AgentConfig unchecked = defaultAgentConfig();
        unchecked.detector.recentWindowCycles = 0;
        const auto before = evaluateScenario(unchecked, *sc, 1);
        QVERIFY(before.ok());
        QVERIFY(before->anomaliesAfterEnd > 0);
        QCOMPARE(before->anomaliesAfterEnd, afterEnd(*before));
    }

    void cleanupTestCase()
    {
        // Informational: detection delay in cycles per scenario and seed (one figure per expected event).
        for (const auto& [name, bySeed] : delays()) {
            QString line = QString::fromStdString(name) + QStringLiteral(":");
            for (const auto& [seed, ds] : bySeed) {
                QStringList figures;
                for (long long d : ds)
                    figures << QString::number(d);
                line += QStringLiteral(" seed %1 = %2;").arg(seed).arg(figures.join(QLatin1Char('/')));
            }
            qInfo().noquote() << QStringLiteral("detection delay (cycles)") << line;
        }
    }
};

QTEST_GUILESS_MAIN(TestScenarios)
#include "test_scenarios.moc"
