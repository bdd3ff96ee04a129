// The whole cycle: determinism, simulator properties (chunking, drift step, feedback), approvals that change
// nothing until approved, expiry, rollback, and a checkpoint that resumes exactly where the run was.
#include "approvals/actor_name.h"
#include "core/visible_text.h"
#include "runtime/agent_runtime.h"
#include "runtime/json_codec.h"
#include "stream/scenario_loader.h"
#include "stream/transaction_record.h"

#include <QTest>
#include <cmath>

using namespace payops;

namespace {

Scenario outage(const std::string& issuer, double success, std::int64_t atMs, std::int64_t durationMs)
{
    Scenario s;
    s.name = "test_outage";
    ScenarioEvent e;
    e.label = issuer + " outage";
    e.atMs = atMs;
    e.durationMs = durationMs;
    e.issuer = issuer;
    e.overrides.push_back({PathParam::Success, success, std::nullopt});
    e.errorCode = "91";
    s.events.push_back(e);
    return s;
}

// UPI failing 70 % from 60 s on, for good: method fatigue, whose reroute (confidence 0.6 < 0.7) waits for a human.
Scenario upiFailing()
{
    Scenario s;
    s.name = "upi";
    ScenarioEvent e;
    e.atMs = 60000;
    e.method = "upi";
    e.overrides = {{PathParam::Success, 0.3, std::nullopt}};
    s.events.push_back(e);
    return s;
}

std::string runJson(std::uint64_t seed, int cycles)
{
    AgentRuntime rt(defaultAgentConfig(), seed);
    (void)rt.setScenario(outage("HDFC", 0.3, 60000, 180000));
    std::string out;
    for (int i = 0; i < cycles; ++i)
        out += snapshotToJson(*rt.runCycle()).dump() + "\n";
    return out;
}

} // namespace

class TestRuntime : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // Who decided is shown on one line, as it reads: what would forge a line or hide part of a name is caught, by code
    // point (a tag character outside the 16-bit range passed as two surrogates), and spelling is not.
    void anActorNameHidesNothing()
    {
        using payops::approvals::hasHiddenCharacter;
        QVERIFY(!hasHiddenCharacter(u"alice"));
        QVERIFY(!hasHiddenCharacter(u"Zoë Ångström-Øberg"));
        QVERIFY(!hasHiddenCharacter(u"\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645")); // Persian, a ZWNJ
        QVERIFY(!hasHiddenCharacter(u"\u0915\u094D\u200D\u0937"));                         // Devanagari, a ZWJ
        QVERIFY(hasHiddenCharacter(u"bob\n#9 fake"));
        QVERIFY(hasHiddenCharacter(u"agent\u200B"));
        QVERIFY(hasHiddenCharacter(u"age\u200Dnt")); // a joiner between ASCII letters spells nothing
        QVERIFY(hasHiddenCharacter(u"\u202Eagent"));
        QVERIFY(hasHiddenCharacter(QString::fromUcs4(U"agent\U000E0020")));
        QVERIFY(hasHiddenCharacter(QString(QStringLiteral("agent") + QChar(0xD800)))); // half a character
        QVERIFY(hasHiddenCharacter(u"\u0645\u200C")); // a non-joiner at the end joins nothing
    }

    // Outside text in a terminal line: escaped, and cut at the limit without splitting or overrunning a character.
    void outsideTextIsShownAsItIs()
    {
        using payops::visibleText;
        QCOMPARE(visibleText("a\tb\nc\x7f", 100), std::string("a\\tb\\x0ac\\x7f"));
        QCOMPARE(visibleText("\xc3\xff"
                             "A",
                             100),
                 std::string("\\xc3\\xffA")); // not UTF-8: the bytes
        QCOMPARE(visibleText("Zo\u00eb \u202eevil\u00a0", 100), std::string("Zo\u00eb \\u202eevil\\u00a0"));
        QCOMPARE(visibleText("abcdef", 6), std::string("abcdef"));
        QCOMPARE(visibleText("abcdefg", 6), std::string("abcdef..."));
        // A three-byte character from byte 58 on would end at byte 61: left out whole.
        const std::string text = std::string(58, 'a') + "\u202e" + "z";
        QCOMPARE(visibleText(text, 60), std::string(58, 'a') + "...");
        QCOMPARE(visibleText(text, 61), std::string(58, 'a') + "\\u202e...");
    }

    // One rule set for every way a name enters the log, first problem first.
    void anActorNameIsCheckedInOnePlace()
    {
        using payops::approvals::ActorNameProblem;
        using payops::approvals::actorNameProblem;
        QCOMPARE(actorNameProblem(u"  alice "), ActorNameProblem::None);
        QCOMPARE(actorNameProblem(u" "), ActorNameProblem::Blank);
        QCOMPARE(actorNameProblem(u"agent\u200B"), ActorNameProblem::HiddenCharacter);
        QCOMPARE(actorNameProblem(QString(201, QLatin1Char('b'))), ActorNameProblem::TooLong);
        QCOMPARE(actorNameProblem(QString(200, QLatin1Char('b'))), ActorNameProblem::None);
        QCOMPARE(actorNameProblem(u"Learning (automatic rollback)"), ActorNameProblem::AgentsOwn);
        QCOMPARE(actorNameProblem(u"remote:alice"), ActorNameProblem::SourcePrefix);
        QCOMPARE(actorNameProblem(u"Operator:bob"), ActorNameProblem::SourcePrefix);
        QCOMPARE(actorNameProblem(u"cli:root"), ActorNameProblem::SourcePrefix); // what no --actor records
        QCOMPARE(actorNameProblem(u"remote ops"), ActorNameProblem::None);
        // A remote console's operator is recorded as remote:NAME, so its name may be anything showable.
        QCOMPARE(actorNameProblem(u"agent", false), ActorNameProblem::None);
        QCOMPARE(actorNameProblem(u"bob\n#9 fake", false), ActorNameProblem::HiddenCharacter);
        // Look-alike letters of another alphabet: "аgent" (Cyrillic а) read as the agent's own name, "аlice" as alice.
        QCOMPARE(actorNameProblem(u"\u0430gent"), ActorNameProblem::MixedScripts);
        QCOMPARE(actorNameProblem(u"\u0430lice", false), ActorNameProblem::MixedScripts);
        QCOMPARE(actorNameProblem(u"b\u03bfb"), ActorNameProblem::MixedScripts); // a Greek omicron
        // One alphabet, or Latin beside scripts that do not look like it, is a name.
        QCOMPARE(actorNameProblem(u"\u0410\u043b\u0438\u0441\u0430"), ActorNameProblem::None);   // Алиса
        QCOMPARE(actorNameProblem(u"\u039d\u03af\u03ba\u03bf\u03c2 2"), ActorNameProblem::None); // Νίκος 2
        QCOMPARE(actorNameProblem(u"Jos\u00e9 M\u00fcller-\u5c71\u7530"), ActorNameProblem::None);
    }

    void sameSeedSameRun()
    {
        const std::string a = runJson(7, 40);
        QCOMPARE(a, runJson(7, 40));
        QVERIFY(a != runJson(8, 40));
    }

    void simulatorIgnoresHowTimeIsChunked()
    {
        const AgentConfig c = defaultAgentConfig();
        Dictionary d1, d2;
        Simulator s1(c.simulator, d1, 3), s2(c.simulator, d2, 3);
        std::vector<Transaction> t1, t2;
        s1.advanceTo(c.simulator.startTimeMs + 64000, t1);
        for (TimeMs t = c.simulator.startTimeMs + 333; t < c.simulator.startTimeMs + 64000; t += 777)
            s2.advanceTo(t, t2);
        s2.advanceTo(c.simulator.startTimeMs + 64000, t2);
        QCOMPARE(t1.size(), t2.size());
        for (std::size_t i = 0; i < t1.size(); ++i) {
            QCOMPARE(t1[i].timestampMs, t2[i].timestampMs);
            QCOMPARE(t1[i].latencyMs, t2[i].latencyMs);
            QCOMPARE(int(t1[i].outcome), int(t2[i].outcome));
        }
        for (std::size_t i = 1; i < t1.size(); ++i)
            QVERIFY(t1[i].timestampMs >= t1[i - 1].timestampMs);
        QVERIFY(t1.back().timestampMs <= c.simulator.startTimeMs + 64000);           // never in the future
        QVERIFY(std::abs(double(t1.size()) - 20.0 * 64) < 5 * std::sqrt(20.0 * 64)); // Poisson at 20 tx/s
    }

    void driftHasTheStationarySpreadOfItsParameters()
    {
        // Latency OU: theta 0.1/s, sigma 20 ms/sqrt(s) -> stationary sd sigma / sqrt(2 theta) = 44.7 ms. Stepping
        // with the time since the last cycle (the original) at every step inflates it (8 s steps each second).
        AgentConfig c = defaultAgentConfig();
        c.simulator.ratePerS = 0.001;
        Dictionary d;
        Simulator sim(c.simulator, d, 11);
        std::vector<Transaction> sink;
        double sum = 0, sumSq = 0;
        int n = 0;
        for (int s = 1; s <= 40000; ++s) {
            sim.advanceTo(c.simulator.startTimeMs + s * 1000LL, sink);
            if (s > 200) {
                const double x = sim.effective(0).latencyMs;
                sum += x;
                sumSq += x * x;
                ++n;
            }
        }
        const double sd = std::sqrt(sumSq / n - (sum / n) * (sum / n));
        QVERIFY2(sd > 44.7 * 0.85 && sd < 44.7 * 1.15, qPrintable(QString::number(sd)));
    }

    void suppressCutsTrafficNotSuccessAndRerouteMovesVolume()
    {
        const AgentConfig c = defaultAgentConfig();
        Dictionary d;
        Simulator sim(c.simulator, d, 5);
        const auto hdfc = *d.issuers.find("HDFC");
        const double successBefore = sim.effective(0).success;
        SimulatorFeedback f;
        f.issuerTrafficScale.assign(d.issuers.size(), 1.0);
        f.issuerTrafficScale[hdfc] = 0.1;
        f.methodRerouteTo.assign(d.methods.size(), -1);
        f.methodRerouteTo[*d.methods.find("upi")] = *d.methods.find("card");
        f.retryProbScale = 0.5;
        const double trafficBefore = sim.effective(0).traffic;
        const double retryBefore = sim.effective(0).retryProb;
        sim.setFeedback(f);
        QCOMPARE(sim.pathIssuer(0), hdfc);
        QVERIFY(std::abs(sim.effective(0).success - successBefore) < 1e-12); // the original cut it to 10 %
        QVERIFY(std::abs(sim.effective(0).traffic - trafficBefore * 0.1 * (1.0 + 0.35 / 0.40)) < 1e-9); // card+upi
        QVERIFY(std::abs(sim.effective(0).retryProb - retryBefore * 0.5) < 1e-12);
        for (std::size_t p = 0; p < sim.pathCount(); ++p) {
            if (d.methods.name(sim.pathMethod(p)) == "upi")
                QCOMPARE(sim.effective(p).traffic, 0.0);
        }
    }

    void retryStormIsReachable()
    {
        AgentConfig c = defaultAgentConfig();
        AgentRuntime rt(c, 3);
        Scenario s;
        s.name = "storm";
        ScenarioEvent e;
        e.atMs = 40000;
        e.overrides = {{PathParam::RetryProb, 0.6, std::nullopt}, {PathParam::RetryCountMean, 6.0, std::nullopt}};
        s.events.push_back(e);
        QVERIFY(rt.setScenario(s).ok());
        bool storm = false;
        for (int i = 0; i < 60 && !storm; ++i) {         // the 300 s window fills with storm traffic
            const CycleSnapshotPtr snap = rt.runCycle(); // keep it alive: the loop borrows its anomalies
            for (const auto& a : snap->anomalies)
                storm = storm || (a.dimension == "global" && a.has(Pattern::RetryStorm));
        }
        QVERIFY(storm);
    }

    void outageIsDetectedAndSuppressedAndLearnedFrom()
    {
        AgentRuntime rt(defaultAgentConfig(), 7);
        QVERIFY(rt.setScenario(outage("HDFC", 0.2, 80000, 240000)).ok());
        bool detected = false, suppressed = false, learned = false;
        for (int i = 0; i < 60; ++i) {
            const CycleSnapshotPtr s = rt.runCycle();
            for (const auto& a : s->anomalies)
                detected = detected || (a.dimension == "issuer:HDFC" && a.has(Pattern::IssuerDegradation));
            auto isHdfcSuppress = [](const InterventionOption& o) {
                return o.type == "suppress_path" && o.target == "issuer:HDFC";
            };
            if (s->executed && isHdfcSuppress(s->executed->option))
                suppressed = true;
            // With a learned confidence under min_confidence the agent asks first; an operator approves.
            if (s->approvalRequested && isHdfcSuppress(s->approvalRequested->option) &&
                s->timeMs < rt.startMs() + 320000) {
                auto approved = rt.approve(s->approvalRequested->id, "alice");
                QVERIFY2(approved.ok(), approved.ok() ? "" : approved.error().c_str());
                suppressed = true;
            }
            learned = learned || std::any_of(s->learning.begin(), s->learning.end(),
                                             [](const auto& r) { return r.type == "suppress_path"; });
        }
        QVERIFY(detected);
        QVERIFY(suppressed);
        QVERIFY(learned);
        const auto audit = rt.takeAudit();
        QVERIFY(std::any_of(audit.begin(), audit.end(), [](const auto& e) { return e.kind == "action_applied"; }));
        QVERIFY(std::any_of(audit.begin(), audit.end(), [](const auto& e) { return e.kind == "learning"; }));
    }

    // A suppression applied two cycles into an outage is judged against the outage, not against the healthy minute
    // before it: it was scored a failure (+1.7 points where +10 were expected) and its type's confidence fell.
    void anEarlySuppressionIsJudgedAgainstTheOutageItAnswers()
    {
        const AgentConfig config = defaultAgentConfig();
        AgentRuntime rt(config, 7);
        QVERIFY(rt.setScenario(outage("HDFC", 0.2, 80000, 400000)).ok());
        std::optional<Intervention> applied;
        std::optional<LearningResult> learned;
        for (int i = 0; i < 60 && !learned; ++i) {
            const CycleSnapshotPtr s = rt.runCycle();
            if (!applied && s->executed && s->executed->option.type == "suppress_path" &&
                s->executed->option.target == "issuer:HDFC")
                applied = s->executed;
            for (const auto& r : s->learning) {
                if (applied && r.interventionId == applied->id)
                    learned = r;
            }
        }
        QVERIFY(applied);
        QVERIFY(learned);
        // Applied within two cycles of the outage's start, so the time before it is those cycles, not a whole window.
        QVERIFY2(applied->appliedMs <= rt.startMs() + 80000 + 3 * config.policy.cycleIntervalMs,
                 std::to_string(applied->appliedMs - rt.startMs()).c_str());
        QVERIFY2(learned->success, std::to_string(learned->actualSuccessDelta).c_str());
        QVERIFY2(learned->beforeCount < learned->afterCount / 2,
                 (std::to_string(learned->beforeCount) + " before, " + std::to_string(learned->afterCount) + " after")
                     .c_str());
        QVERIFY(learned->actualSuccessDelta >= learned->expectedSuccessDelta / 2);
        QVERIFY(learned->confidenceAfter >= learned->confidenceBefore);
    }

    // The runtime hands the detector's slow-tail bars to the window each cycle; the window counts the next
    // cycle's transactions against them, and a slow route on one issuer shows as its slow tail.
    void aSlowRouteShowsAsTheIssuersSlowTail()
    {
        Scenario s;
        s.name = "test_slow_route";
        ScenarioEvent e;
        e.label = "HDFC slow route";
        e.atMs = 480000; // after the warm-ups
        e.issuer = "HDFC";
        e.share = 0.15;
        e.overrides.push_back({PathParam::LatencyMs, std::nullopt, 5.0});
        s.events.push_back(e);
        const AgentConfig config = defaultAgentConfig();
        AgentRuntime rt(config, 3);
        QVERIFY(rt.setScenario(s).ok());
        std::optional<TimeMs> caught;
        for (int i = 0; i < 90 && !caught; ++i) {
            const CycleSnapshotPtr snap = rt.runCycle();
            for (const auto& a : snap->anomalies)
                for (const auto& ev : a.evidence)
                    if (ev.metric == "cycle_slow_share" && ev.dimension == "issuer:HDFC")
                        caught = snap->elapsedMs;
        }
        QVERIFY2(caught.has_value(), "the slow route never showed as HDFC's slow tail");
        QVERIFY2(*caught > e.atMs && *caught <= e.atMs + 2 * config.policy.cycleIntervalMs,
                 qPrintable(QStringLiteral("caught at %1 s").arg(*caught / 1000.0)));
    }

    // An issuer whose traffic stops is flagged at once and stays flagged while it is silent, whatever the agent does
    // about it (a suppression lowers what is expected of it, not the finding); a method the agent reroutes goes silent
    // by the agent's own hand and is not flagged for it.
    void aSilentIssuerIsCaughtAndTheAgentsOwnRerouteIsNot()
    {
        Scenario s;
        s.name = "test_silent";
        ScenarioEvent e;
        e.label = "HDFC silent";
        e.atMs = 120000;
        e.issuer = "HDFC";
        e.overrides.push_back({PathParam::Traffic, 0.0, std::nullopt});
        s.events.push_back(e);
        const AgentConfig config = defaultAgentConfig();
        AgentRuntime rt(config, 7);
        QVERIFY(rt.setScenario(s).ok());
        std::optional<std::int64_t> first;
        int silentCycles = 0, flaggedCycles = 0;
        for (int i = 0; i < 60; ++i) {
            const CycleSnapshotPtr snap = rt.runCycle();
            const bool silent = snap->elapsedMs >= e.atMs + config.policy.cycleIntervalMs; // a whole cycle without any
            const bool flagged = std::any_of(snap->anomalies.begin(), snap->anomalies.end(), [](const Anomaly& a) {
                return a.dimension == "issuer:HDFC" &&
                       std::any_of(a.evidence.begin(), a.evidence.end(),
                                   [](const Evidence& ev) { return ev.metric == "cycle_volume"; });
            });
            QVERIFY2(!flagged || silent, "flagged before HDFC went silent");
            silentCycles += silent;
            flaggedCycles += flagged && silent;
            if (flagged && !first)
                first = snap->elapsedMs;
        }
        QVERIFY2(first && *first <= e.atMs + 2 * config.policy.cycleIntervalMs,
                 "HDFC's silence was not caught at once");
        QCOMPARE(flaggedCycles, silentCycles);

        // method_fatigue: the agent reroutes UPI, which then has no transactions of its own; no silence is raised.
        auto fatigue = loadBuiltinScenario("method_fatigue");
        QVERIFY(fatigue.ok());
        AgentRuntime reroute(config, 1);
        QVERIFY(reroute.setScenario(*fatigue).ok());
        bool rerouted = false;
        for (int i = 0; i < 80; ++i) {
            const CycleSnapshotPtr snap = reroute.runCycle();
            if (snap->executed && snap->executed->option.type == "reroute_traffic")
                rerouted = true;
            // Risky enough to ask first: an operator approves.
            if (snap->approvalRequested && snap->approvalRequested->option.type == "reroute_traffic") {
                auto approved = reroute.approve(snap->approvalRequested->id, "alice");
                QVERIFY2(approved.ok(), approved.ok() ? "" : approved.error().c_str());
                rerouted = true;
            }
            for (const auto& a : snap->anomalies)
                for (const auto& ev : a.evidence)
                    QVERIFY2(ev.metric != "cycle_volume", ev.rule.c_str());
        }
        QVERIFY2(rerouted, "the agent never rerouted (the check above proved nothing)");
    }

    void snapshotJsonRoundTripsEverythingButLearning()
    {
        // The remote console rebuilds each cycle from its JSON: what it decodes must encode to the same bytes.
        AgentRuntime rt(defaultAgentConfig(), 7);
        QVERIFY(rt.setScenario(outage("HDFC", 0.2, 80000, 240000)).ok());
        int withAnomalies = 0, withOptions = 0, withInterventions = 0, withApprovals = 0, withSlowShares = 0,
            withCycleFigures = 0;
        nlohmann::json withAnAnomaly;
        for (int i = 0; i < 60; ++i) {
            const CycleSnapshotPtr s = rt.runCycle();
            if (s->approvalRequested)
                (void)rt.approve(s->approvalRequested->id, "alice");
            nlohmann::json sent = snapshotToJson(*s);
            auto back = snapshotFromJson(nlohmann::json::parse(sent.dump()));
            QVERIFY2(back.ok(), back.ok() ? "" : back.error().c_str());
            QVERIFY(back->learning.empty());
            sent["learning"] = nlohmann::json::array();
            QCOMPARE(snapshotToJson(*back).dump(), sent.dump());
            withAnomalies += !s->anomalies.empty();
            if (!s->anomalies.empty())
                withAnAnomaly = sent;
            withOptions += s->decision.chosen.has_value();
            withInterventions += !s->activeInterventions.empty();
            withApprovals += !s->decidedApprovals.empty() || !s->pendingApprovals.empty();
            withSlowShares += std::any_of(s->scores.begin(), s->scores.end(),
                                          [](const DimensionScore& d) { return d.slowTested > 0; });
            withCycleFigures += std::any_of(s->scores.begin(), s->scores.end(), [](const DimensionScore& d) {
                return d.cycle[DimensionScore::CycleSuccess].judged && d.cycle[DimensionScore::CycleLatency].judged &&
                       d.cycle[DimensionScore::CycleRetries].judged;
            });
        }
        // The run exercised every part, or the comparison above proved little.
        QVERIFY(withAnomalies > 0 && withOptions > 0 && withInterventions > 0 && withApprovals > 0);
        QVERIFY(withSlowShares > 0);
        QVERIFY(withCycleFigures > 0);

        nlohmann::json broken = snapshotToJson(*rt.runCycle());
        broken["scores"][0].erase("p95_baseline");
        auto bad = snapshotFromJson(broken);
        QVERIFY(!bad.ok());
        QVERIFY2(bad.error().find("p95_baseline") != std::string::npos, bad.error().c_str());
        broken = snapshotToJson(*rt.runCycle());
        broken["scores"][0]["slow_share"] = {5, 4, 0.01}; // more slow transactions than were counted
        bad = snapshotFromJson(broken);
        QVERIFY(!bad.ok());
        QVERIFY2(bad.error().find("slow_share") != std::string::npos, bad.error().c_str());
        for (const nlohmann::json& slow : {nlohmann::json{0, -1, 0.01}, nlohmann::json{1, 2.5, 0.01},
                                           nlohmann::json{1, 4, 1.5}}) { // negative, fractional, share above 1
            broken["scores"][0]["slow_share"] = slow;
            bad = snapshotFromJson(broken);
            QVERIFY2(!bad.ok() && bad.error().find("slow_share") != std::string::npos, slow.dump().c_str());
        }
        broken["scores"][0].erase("slow_share"); // written before the console charted it
        QVERIFY(snapshotFromJson(broken).ok());
        QVERIFY(broken["scores"][0].contains("cycle_figures"));
        for (const nlohmann::json& figure : {nlohmann::json{0.9, 0.95, -0.1}, nlohmann::json{"x", 0.95, 0.1}}) {
            nlohmann::json damaged = broken; // a negative half width, a value that is no number
            damaged["scores"][0]["cycle_figures"]["success_rate"] = figure;
            const auto read = snapshotFromJson(damaged); // the cycle reads; only that figure is left out
            QVERIFY2(read.ok(), figure.dump().c_str());
            QVERIFY(!read->scores[0].cycle[DimensionScore::CycleSuccess].judged);
        }
        broken["scores"][0].erase("cycle_figures"); // written before the console charted the cycle's own figures
        QVERIFY(snapshotFromJson(broken).ok());
        // A pattern from a newer agent is left out; an anomaly left with none is an error, not an empty list that
        // everything naming it by its primary pattern would read past.
        withAnAnomaly["anomalies"][0]["patterns"].push_back("SOLAR_FLARE");
        QVERIFY(snapshotFromJson(withAnAnomaly).ok());
        withAnAnomaly["anomalies"][0]["patterns"] = {"SOLAR_FLARE"};
        bad = snapshotFromJson(withAnAnomaly);
        QVERIFY(!bad.ok());
        QVERIFY2(bad.error().find("no pattern this console knows") != std::string::npos, bad.error().c_str());
        broken["stats"][0]["kind"] = "planet"; // an error, not an exception through the remote feed's event loop
        bad = snapshotFromJson(broken);
        QVERIFY(!bad.ok());
        QVERIFY2(bad.error().find("planet") != std::string::npos, bad.error().c_str());
        QVERIFY(!snapshotFromJson(nlohmann::json::array()).ok());
    }

    void approvalChangesNothingUntilApproved()
    {
        // Method fatigue -> reroute (confidence 0.6 < 0.7): must wait for a human.
        AgentRuntime rt(defaultAgentConfig(), 21);
        const Scenario s = upiFailing();
        QVERIFY(rt.setScenario(s).ok());
        std::optional<ApprovalRequest> request;
        for (int i = 0; i < 40 && !request; ++i) {
            auto snap = rt.runCycle();
            if (snap->approvalRequested && snap->approvalRequested->option.type == "reroute_traffic")
                request = snap->approvalRequested;
        }
        QVERIFY(request);
        const auto upi = *rt.dictionary().methods.find("upi");
        for (int i = 0; i < 3; ++i)
            (void)rt.runCycle();
        // Nothing rerouted while pending (the original applied it anyway).
        QCOMPARE(rt.simulator().feedback().methodRerouteTo[upi], -1);
        QVERIFY(rt.approvals().find(request->id)->state == ApprovalState::Pending);

        auto wrong = rt.approve(9999, "alice");
        QVERIFY(!wrong.ok());
        QCOMPARE(QString::fromStdString(wrong.error()), QStringLiteral("no approval request 9999"));
        QVERIFY(!rt.reject(request->id, "alice", "").ok()); // a reason is required

        auto approved = rt.approve(request->id, "alice");
        QVERIFY2(approved.ok(), approved.ok() ? "" : approved.error().c_str());
        QVERIFY(approved->interventionId.has_value());
        QCOMPARE(rt.simulator().feedback().methodRerouteTo[upi], int(*rt.dictionary().methods.find("card")));
        auto again = rt.approve(request->id, "bob");
        QCOMPARE(again.error(), "approval request " + std::to_string(request->id) + " is already approved");

        // Manual rollback restores the traffic; a second rollback says it is no longer in force.
        auto rolled = rt.rollback(*approved->interventionId, "alice", "customers complain");
        QVERIFY(rolled.ok());
        QCOMPARE(rt.simulator().feedback().methodRerouteTo[upi], -1);
        QVERIFY(!rt.rollback(*approved->interventionId, "alice", "again").ok());
    }

    // A person's no is remembered: the rejected reroute is not asked for again while the veto holds (its option says
    // who refused it and until when), then may be, and the veto survives a checkpoint.
    void aRejectedOptionIsHeldBackForTheVetoTime()
    {
        AgentConfig config = defaultAgentConfig();
        config.safety.operatorVetoMs = 80000; // ten cycles of 8 s
        AgentRuntime rt(config, 21);
        const Scenario s = upiFailing();
        QVERIFY(rt.setScenario(s).ok());
        auto isUpiReroute = [](const InterventionOption& o) {
            return o.type == "reroute_traffic" && o.target == "method:upi";
        };
        std::optional<ApprovalRequest> request;
        for (int i = 0; i < 40 && !request; ++i) {
            auto snap = rt.runCycle();
            if (snap->approvalRequested && isUpiReroute(snap->approvalRequested->option))
                request = snap->approvalRequested;
        }
        QVERIFY(request);
        QVERIFY(rt.reject(request->id, "alice", "card is having its own trouble").ok());
        const TimeMs rejectedAt = rt.nowMs();
        QCOMPARE(rt.vetoes().all().size(), std::size_t(1));

        // Resumed from a checkpoint halfway through the veto, the run holds the option back as the original does.
        for (int i = 0; i < 5; ++i) {
            auto snap = rt.runCycle();
            QVERIFY(!snap->approvalRequested || !isUpiReroute(snap->approvalRequested->option));
        }
        AgentRuntime resumed(config, 999);
        QVERIFY(resumed.restoreState(nlohmann::json::parse(rt.saveState().dump()), rt.window().retained()).ok());
        QVERIFY(resumed.setScenario(s, rt.saveState().at("scenario_start_ms").get<TimeMs>()).ok());
        QCOMPARE(resumed.vetoes().all().size(), std::size_t(1));

        bool sawRefusal = false;
        std::optional<TimeMs> askedAgainAt;
        for (int i = 0; i < 20 && !askedAgainAt; ++i) {
            auto snap = resumed.runCycle();
            for (const auto& o : snap->options) {
                if (!isUpiReroute(o) || o.allowed)
                    continue;
                sawRefusal = true;
                QVERIFY2(
                    o.refusedBecause.find("alice rejected it in approval request #" + std::to_string(request->id)) == 0,
                    o.refusedBecause.c_str());
                QVERIFY2(o.refusedBecause.find("not offered again before") != std::string::npos,
                         o.refusedBecause.c_str());
            }
            if (snap->approvalRequested && isUpiReroute(snap->approvalRequested->option))
                askedAgainAt = snap->timeMs;
        }
        QVERIFY(sawRefusal);
        QVERIFY2(askedAgainAt, "the veto never ran out");
        QVERIFY(*askedAgainAt >= rejectedAt + config.safety.operatorVetoMs);
        QVERIFY(resumed.vetoes().all().empty());
    }

    // A suppression rolled back by hand was applied again at the next cycle (the outage goes on); with operator_veto_ms
    // 0 it still is, as it was before vetoes were kept.
    void aRolledBackInterventionIsNotAppliedAgainAtOnce()
    {
        for (const std::int64_t vetoMs : {std::int64_t(900000), std::int64_t(0)}) {
            AgentConfig config = defaultAgentConfig();
            config.safety.operatorVetoMs = vetoMs;
            AgentRuntime rt(config, 7);
            QVERIFY(rt.setScenario(outage("HDFC", 0.2, 80000, 400000)).ok());
            auto isHdfcSuppress = [](const InterventionOption& o) {
                return o.type == "suppress_path" && o.target == "issuer:HDFC";
            };
            std::optional<std::int64_t> applied;
            for (int i = 0; i < 40 && !applied; ++i) {
                auto snap = rt.runCycle();
                if (snap->executed && isHdfcSuppress(snap->executed->option))
                    applied = snap->executed->id;
            }
            QVERIFY(applied);
            QVERIFY(rt.rollback(*applied, "bob", "HDFC says it is fixed").ok());
            bool appliedAgain = false;
            for (int i = 0; i < 10; ++i) {
                auto snap = rt.runCycle();
                appliedAgain = appliedAgain || (snap->executed && isHdfcSuppress(snap->executed->option)) ||
                               (snap->approvalRequested && isHdfcSuppress(snap->approvalRequested->option));
            }
            QCOMPARE(appliedAgain, vetoMs == 0);
        }
    }

    // Every issuer failing at once (the acquirer, a network): the agent suppressed each in turn, and routed the traffic
    // from one failing issuer to the next. At most half of them now (safety.max_suppressed_issuer_share), the rest
    // refused saying why.
    void everyIssuerFailingIsNotSuppressedEverywhere()
    {
        AgentRuntime rt(defaultAgentConfig(), 7);
        Scenario s;
        s.name = "acquirer_down";
        ScenarioEvent e;
        e.atMs = 80000; // every issuer: the event names none
        e.overrides.push_back({PathParam::Success, 0.2, std::nullopt});
        e.errorCode = "91";
        s.events.push_back(e);
        QVERIFY(rt.setScenario(s).ok());
        std::size_t most = 0;
        bool refused = false;
        for (int i = 0; i < 60; ++i) {
            auto snap = rt.runCycle();
            most = std::max<std::size_t>(
                most, std::count_if(snap->activeInterventions.begin(), snap->activeInterventions.end(),
                                    [](const Intervention& iv) { return iv.option.type == "suppress_path"; }));
            for (const InterventionOption& o : snap->options)
                refused = refused || (o.type == "suppress_path" && !o.allowed &&
                                      o.refusedBecause.find("issuers already suppressed") != std::string::npos);
        }
        QCOMPARE(most, std::size_t{2}); // of four
        QVERIFY(refused);

        // Suppressions that wait for a person (confidence under a raised bar): two requested, and a config that
        // lowers the share meanwhile holds the second back when it is approved.
        AgentConfig asking = defaultAgentConfig();
        asking.policy.minConfidence = 0.95;
        AgentRuntime waiting(asking, 7);
        QVERIFY(waiting.setScenario(s).ok());
        std::vector<std::int64_t> requests;
        for (int i = 0; i < 60 && requests.size() < 2; ++i) {
            auto snap = waiting.runCycle();
            if (snap->approvalRequested && snap->approvalRequested->option.type == "suppress_path")
                requests.push_back(snap->approvalRequested->id);
        }
        QCOMPARE(requests.size(), std::size_t{2});
        AgentConfig lower = asking;
        lower.safety.maxSuppressedIssuerShare = 0.25; // one of four
        QVERIFY(waiting.setConfig(lower, 2, "test", "alice").ok());
        QVERIFY(waiting.approve(requests[0], "alice").ok());
        auto second = waiting.approve(requests[1], "alice");
        QVERIFY(!second.ok());
        QVERIFY2(second.error().find("1 of 4 issuers already suppressed (safety.max_suppressed_issuer_share allows 1 "
                                     "at once)") != std::string::npos,
                 second.error().c_str());
    }

    // A veto that proved wrong need not be waited out: a config with operator_veto_ms 0 lifts it at the next cycle.
    void aConfigWithoutVetoesLiftsTheOnesKept()
    {
        AgentRuntime rt(defaultAgentConfig(), 7);
        QVERIFY(rt.setScenario(outage("HDFC", 0.2, 80000, 400000)).ok());
        std::optional<std::int64_t> applied;
        for (int i = 0; i < 40 && !applied; ++i) {
            auto snap = rt.runCycle();
            if (snap->executed && snap->executed->option.type == "suppress_path")
                applied = snap->executed->id;
        }
        QVERIFY(applied);
        QVERIFY(rt.rollback(*applied, "bob", "by mistake").ok());
        QVERIFY(rt.runCycle()->executed == std::nullopt);
        AgentConfig lifted = defaultAgentConfig();
        lifted.safety.operatorVetoMs = 0;
        QVERIFY(rt.setConfig(lifted, 2, "sha", "bob").ok());
        const auto snap = rt.runCycle();
        QVERIFY(rt.vetoes().all().empty());
        QVERIFY(snap->executed && snap->executed->option.type == "suppress_path");
    }

    void aDamagedVetoIsRefusedOnRestore()
    {
        OperatorVetoes v;
        QVERIFY(v.restoreState(nlohmann::json::array()).ok());
        const auto bad = v.restoreState(nlohmann::json::parse(
            R"([{"option": "suppress_path|issuer:HDFC|", "anomalies": [], "how": "ignored", "id": 1, "actor": "a",
                 "at_ms": 0, "until_ms": 5}])"));
        QVERIFY(!bad.ok());
        QVERIFY2(bad.error().find("\"ignored\"") != std::string::npos, bad.error().c_str());
        QVERIFY(!v.restoreState(nlohmann::json::parse(R"([{"option": "x"}])")).ok());
    }

    void pendingApprovalExpiresWhenTheAnomalyClears()
    {
        ApprovalQueue q;
        InterventionOption o;
        o.type = "reroute_traffic";
        o.target = "method:upi";
        o.anomalyIds = {4};
        const std::int64_t id = q.submit(o, 1, 1000, 900000).id;
        QVERIFY(q.expire({4}, 2000).empty());
        auto expired = q.expire({}, 3000);
        QCOMPARE(expired.size(), std::size_t(1));
        QCOMPARE(expired[0].state, ApprovalState::Expired);
        QVERIFY(!q.approve(id, "alice", 4000).ok());
        // Time to live.
        const std::int64_t id2 = q.submit(o, 1, 0, 5000).id; // a copy: expire() erases the request
        QCOMPARE(q.expire({4}, 5000).at(0).id, id2);
    }

    void interventionsExpire()
    {
        InterventionExecutor ex;
        InterventionOption o;
        o.type = "suppress_path";
        o.target = "issuer:HDFC";
        o.durationMs = 300000;
        auto iv = ex.apply(o, 1000, "autonomous", {}, {}, 8);
        QVERIFY(iv.ok());
        QVERIFY(ex.expire(300999).empty());
        auto ended = ex.expire(301000);
        QCOMPARE(ended.size(), std::size_t(1));
        QCOMPARE(ended[0].state, InterventionState::Expired);
        QCOMPARE(ex.activeCount(), 0);
        for (int i = 0; i < 2; ++i)
            QVERIFY(ex.apply(o, 0, "autonomous", {}, {}, 2).ok());
        QVERIFY(!ex.apply(o, 0, "autonomous", {}, {}, 2).ok()); // bounded
    }

    void learningMaths()
    {
        AgentConfig c = defaultAgentConfig();
        OutcomeLearner learner(c.interventions);
        Intervention iv;
        iv.id = 1;
        iv.option.type = "suppress_path";
        iv.option.successImpact = 0.10;
        iv.option.latencyImpactMs = -50;
        iv.countersBefore = {0, 0, 0};
        iv.countersAtApply = {1000, 800, 200000};            // before: success 0.80, latency 200
        CumulativeCounters now{2000, 1700, 200000 + 180000}; // after: 0.90, 180
        LearningResult r = learner.evaluate(iv, now, 0, c.learning);
        QVERIFY(std::abs(r.actualSuccessDelta - 0.10) < 1e-12);
        QVERIFY(std::abs(r.actualLatencyDeltaMs + 20) < 1e-9);
        // accuracy = 1 - (|0.10 - 0.10| + |-50 + 20| / 1000) / 2 = 0.985
        QVERIFY(std::abs(r.accuracy - 0.985) < 1e-12);
        QVERIFY(r.success);
        QVERIFY(std::abs(r.confidenceAfter - (0.7 + 0.1 * (0.985 - 0.5))) < 1e-12);
        QVERIFY(!r.rollback);

        // Success fell 10 points: failure, confidence down by 0.1 (1 - accuracy), automatic rollback.
        CumulativeCounters worse{2000, 800 + 700, 200000 + 200000}; // after: 0.70, 200 ms
        r = learner.evaluate(iv, worse, 0, c.learning);
        QVERIFY(!r.success);
        QVERIFY(r.rollback);
        const double acc = 1 - std::min(1.0, (0.2 + 0.05) / 2);
        QVERIFY(std::abs(r.confidenceAfter - (r.confidenceBefore - 0.1 * (1 - acc))) < 1e-12);
        // Bounded below.
        for (int i = 0; i < 100; ++i)
            r = learner.evaluate(iv, worse, 0, c.learning);
        QCOMPARE(r.confidenceAfter, 0.3);
    }

    void externalRecordsAreValidatedAndCounted()
    {
        AgentRuntime rt(defaultAgentConfig(), 1);
        (void)rt.runCycle();
        TransactionRecord good;
        good.id = "ext-1";
        good.timestampMs = rt.nowMs();
        good.outcome = "hard_fail";
        good.errorCode = "91";
        good.latencyMs = 250;
        good.method = "upi";
        good.issuer = "KOTAK"; // an issuer the simulator does not have: external feeds bring their own
        good.merchant = "merchant_3";
        good.amount = 99.5;
        good.currency = "INR";
        good.geography = "IN";
        QVERIFY(rt.ingestRecord(good).ok());
        TransactionRecord bad = good;
        bad.amount = -1;
        const Status refused = rt.ingestRecord(bad);
        QVERIFY(!refused.ok());
        QVERIFY(QString::fromStdString(refused.error()).contains(QStringLiteral("amount")));
        bad = good;
        bad.timestampMs = rt.nowMs() + 3600000;
        QVERIFY(!rt.ingestRecord(bad).ok());
        const CycleSnapshotPtr snap = rt.runCycle();
        QCOMPARE(snap->dataQuality.accepted, std::uint64_t(1));
        QCOMPARE(snap->dataQuality.rejected, std::uint64_t(2));
        QCOMPARE(snap->dataQuality.rejectedByReason.at("bad_amount"), std::uint64_t(1));
        QCOMPARE(snap->dataQuality.rejectedByReason.at("future_timestamp"), std::uint64_t(1));
        QVERIFY(snap->statsFor("issuer:KOTAK") != nullptr); // the accepted one is in the window
        QCOMPARE(snap->statsFor("issuer:KOTAK")->count, 1u);

        // A checkpoint keeps the external issuer: the restored window still knows who KOTAK is.
        AgentRuntime restored(defaultAgentConfig(), 1);
        QVERIFY(restored.restoreState(rt.saveState(), rt.window().retained()).ok());
        const CycleSnapshotPtr next = restored.runCycle();
        QVERIFY(next->statsFor("issuer:KOTAK") != nullptr);
    }

    void checkpointResumesExactlyThroughClearingAnomaliesExternalRecordsAndRiskInputs()
    {
        // Checkpoint while the outage anomaly is active, with external records (a merchant and an issuer the
        // simulator does not know, one rejected record) and risk inputs; the resumed run must produce the same
        // bytes through the cycle where the anomaly clears.
        auto prepare = [](AgentRuntime& rt) {
            (void)rt.setScenario(outage("SBI", 0.1, 16000, 40000));
            rt.setRiskInputs({{"issuer:HDFC", 0.9}}, {});
        };
        auto feed = [](AgentRuntime& rt, int cycle) {
            if (cycle % 5 != 0)
                return;
            TransactionRecord r;
            r.id = "ext-" + std::to_string(cycle);
            r.timestampMs = rt.nowMs() - 1000;
            r.outcome = "success";
            r.latencyMs = 180;
            r.method = "card";
            r.issuer = "KOTAK";
            r.merchant = "acme-store";
            r.amount = 42;
            r.currency = "INR";
            r.geography = "IN";
            (void)rt.ingestRecord(r);
            r.amount = -1;
            (void)rt.ingestRecord(r); // rejected, counted
        };
        AgentRuntime straight(defaultAgentConfig(), 31);
        prepare(straight);
        std::vector<std::string> expected;
        int clearCycle = 0; // the first cycle after the incident started in which an anomaly clears
        for (int i = 1; i <= 90; ++i) {
            feed(straight, i);
            const CycleSnapshotPtr snap = straight.runCycle();
            expected.push_back(snapshotToJson(*snap).dump());
            if (i > 3 && clearCycle == 0 && !snap->clearedAnomalies.empty())
                clearCycle = i;
        }
        QVERIFY2(clearCycle > 0, "the run must contain a cycle where an anomaly clears");

        // Checkpoint one cycle before that: the anomaly must come back whole from the checkpoint to be reported
        // as cleared exactly as the uninterrupted run reports it.
        AgentRuntime first(defaultAgentConfig(), 31);
        prepare(first);
        for (int i = 1; i < clearCycle; ++i) {
            feed(first, i);
            (void)first.runCycle();
        }
        const nlohmann::json state = nlohmann::json::parse(first.saveState().dump());
        const auto window = first.window().retained();
        AgentRuntime resumed(defaultAgentConfig(), 999);
        QVERIFY(resumed.restoreState(state, window).ok());
        QVERIFY(
            resumed.setScenario(outage("SBI", 0.1, 16000, 40000), state.at("scenario_start_ms").get<TimeMs>()).ok());
        for (int i = clearCycle; i <= 90; ++i) {
            feed(resumed, i);
            QCOMPARE(snapshotToJson(*resumed.runCycle()).dump(), expected[i - 1]);
        }
    }

    void checkpointResumesExactly()
    {
        AgentRuntime straight(defaultAgentConfig(), 13);
        (void)straight.setScenario(outage("AXIS", 0.25, 60000, 200000));
        std::vector<std::string> expected;
        for (int i = 0; i < 50; ++i)
            expected.push_back(snapshotToJson(*straight.runCycle()).dump());

        AgentRuntime first(defaultAgentConfig(), 13);
        (void)first.setScenario(outage("AXIS", 0.25, 60000, 200000));
        for (int i = 0; i < 20; ++i)
            (void)first.runCycle();
        const nlohmann::json state = first.saveState();
        const auto window = first.window().retained();

        AgentRuntime resumed(defaultAgentConfig(), 999); // the seed comes from the checkpoint
        QVERIFY(resumed.restoreState(nlohmann::json::parse(state.dump()), window).ok());
        // The session re-applies the scenario from its source, at the start the checkpoint recorded.
        QVERIFY(
            resumed.setScenario(outage("AXIS", 0.25, 60000, 200000), state.at("scenario_start_ms").get<TimeMs>()).ok());
        for (int i = 20; i < 50; ++i)
            QCOMPARE(snapshotToJson(*resumed.runCycle()).dump(), expected[i]);
    }
};

QTEST_GUILESS_MAIN(TestRuntime)
#include "test_runtime.moc"
