// NRV worked values, safety ordering and filtering, pre-mortem, approval rules and the minimum action
// frequency rule.
#include "action/pre_mortem.h"
#include "decision/decision_policy.h"
#include "decision/intervention_planner.h"
#include "decision/nrv_calculator.h"
#include "decision/operator_vetoes.h"
#include "decision/safety_constraints.h"

#include <QTest>

using namespace payops;

namespace {

InterventionOption optionOf(const AgentConfig& c, const std::string& type, const std::string& target)
{
    const InterventionTemplate* t = c.intervention(type);
    InterventionOption o;
    o.type = type;
    o.target = target;
    o.durationMs = t->durationMs;
    o.successImpact = t->successImpact;
    o.latencyImpactMs = t->latencyImpactMs;
    o.costImpact = t->costImpact;
    o.confidence = t->confidence;
    o.risk = t->risk;
    o.friction = t->friction;
    o.blastRadius = t->blastRadius;
    o.reversible = t->reversible;
    return o;
}

Anomaly anomalyOn(std::int64_t id, DimensionKind kind, const std::string& issuer, const std::string& method, Pattern p)
{
    Anomaly a;
    a.id = id;
    a.kind = kind;
    a.issuer = issuer;
    a.method = method;
    a.dimension = dimensionKey(kind, issuer, method);
    a.patterns = {p};
    return a;
}

} // namespace

class TestDecision : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void nrvWorkedValues_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<double>("volume");
        QTest::addColumn<double>("expected");
        // suppress: 0.10 * floor(1000 * 0.2) * 100 - (5 + 0.05) - 50 * 0.01
        QTest::newRow("suppress V=1000") << "suppress_path" << 1000.0 << 1994.45;
        // reroute: 0.15 * floor(1000 * 0.3) * 100 - (5 + 0.02) - 20 * 0.01
        QTest::newRow("reroute V=1000") << "reroute_traffic" << 1000.0 << 4494.78;
        // reduce retries: -0.05 * floor(1000 * 0.5) * 100 - (5 + 0.10) - 100 * 0.01
        QTest::newRow("reduce_retry V=1000") << "reduce_retry_attempts" << 1000.0 << -2506.10;
        QTest::newRow("alert_ops") << "alert_ops" << 1000.0 << -5.0;
        // floor: 0.2 * 9 = 1.8 -> 1 affected payment
        QTest::newRow("suppress V=9") << "suppress_path" << 9.0 << (0.10 * 1 * 100 - 5.05 - 0.5);
    }
    void nrvWorkedValues()
    {
        QFETCH(QString, type);
        QFETCH(double, volume);
        QFETCH(double, expected);
        const AgentConfig c = defaultAgentConfig();
        const double nrv = computeNrv(optionOf(c, type.toStdString(), "x"), volume, c.nrv);
        QVERIFY2(std::abs(nrv - expected) < 1e-9, qPrintable(QString::number(nrv, 'f', 6)));
    }

    void preMortemRisk()
    {
        const AgentConfig c = defaultAgentConfig();
        // 0.3*0.2 + 0 + 0.3*(0.4*0.1 + 0.3*0.2) + 0.2*(1-0.7) = 0.06 + 0.03 + 0.06
        QCOMPARE(qRound(runPreMortem(optionOf(c, "suppress_path", "issuer:HDFC"), c.safety).risk * 1e6), 150000);
        InterventionOption irreversible = optionOf(c, "suppress_path", "issuer:HDFC");
        irreversible.reversible = false;
        QCOMPARE(qRound(runPreMortem(irreversible, c.safety).risk * 1e6), 210000); // + 0.2 * 0.3
        QVERIFY(!runPreMortem(irreversible, c.safety).worstCases.empty());
    }

    void approvalRules_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<double>("uncertainty");
        QTest::addColumn<double>("confidence");      // < 0 keeps the template's
        QTest::addColumn<QString>("expectedReason"); // empty = autonomous
        QTest::newRow("suppress runs autonomously") << "suppress_path" << 0.0 << -1.0 << "";
        QTest::newRow("reroute: confidence 0.6 < 0.7") << "reroute_traffic" << 0.0 << -1.0 << "min_confidence";
        QTest::newRow("reduce retries: blast 0.5") << "reduce_retry_attempts" << 0.0 << -1.0 << "blast radius";
        QTest::newRow("uncertain") << "suppress_path" << 0.6 << -1.0 << "uncertainty";
        QTest::newRow("learned low confidence") << "suppress_path" << 0.0 << 0.65 << "min_confidence";
        // confidence 0 pushes the pre-mortem risk to 0.06+0.03+0.2 = 0.29 (< 0.7): only the confidence rule holds
        QTest::newRow("zero confidence") << "suppress_path" << 0.0 << 0.0 << "min_confidence";
    }
    void approvalRules()
    {
        QFETCH(QString, type);
        QFETCH(double, uncertainty);
        QFETCH(double, confidence);
        QFETCH(QString, expectedReason);
        const AgentConfig c = defaultAgentConfig();
        std::vector<InterventionOption> options{optionOf(c, type.toStdString(), "x")};
        if (confidence >= 0)
            options[0].confidence = confidence;
        assessOptions(options, uncertainty, c);
        if (expectedReason.isEmpty()) {
            QVERIFY(!options[0].needsApproval());
        } else {
            QVERIFY(options[0].needsApproval());
            bool found = false;
            for (const auto& r : options[0].approvalReasons)
                found = found || QString::fromStdString(r).contains(expectedReason);
            QVERIFY2(found, qPrintable(QString::fromStdString(options[0].approvalReasons.front())));
        }
    }

    void preMortemRiskRuleRequiresApproval()
    {
        AgentConfig c = defaultAgentConfig();
        c.policy.minConfidence = 0.0; // isolate the pre-mortem rule
        InterventionOption o = optionOf(c, "suppress_path", "issuer:HDFC");
        o.blastRadius = 0.3;
        o.reversible = false;
        o.risk = 1.0;
        o.friction = 1.0;
        o.confidence = 0.0; // 0.09 + 0.06 + 0.21 + 0.2 = 0.56
        std::vector<InterventionOption> options{o};
        assessOptions(options, 0, c);
        QVERIFY(options[0].preMortem.risk < 0.7);
        QVERIFY(!options[0].needsApproval());
        c.policy.approvalPremortemRisk = 0.5;
        assessOptions(options, 0, c);
        QVERIFY(options[0].needsApproval());
        QVERIFY(QString::fromStdString(options[0].approvalReasons[0]).contains(QStringLiteral("pre-mortem")));
    }

    void guardrailOnDuration()
    {
        AgentConfig c = defaultAgentConfig();
        InterventionOption o = optionOf(c, "suppress_path", "issuer:HDFC");
        o.durationMs = 900000; // > 600 000 allowed autonomously
        std::vector<InterventionOption> options{o};
        assessOptions(options, 0, c);
        QVERIFY(options[0].needsApproval());
        QVERIFY(QString::fromStdString(options[0].approvalReasons[0]).contains(QStringLiteral("duration")));
    }

    void plannerProposesOneOptionPerTargetAndSkipsActive()
    {
        const AgentConfig c = defaultAgentConfig();
        std::vector<Anomaly> anomalies{
            anomalyOn(1, DimensionKind::Issuer, "HDFC", {}, Pattern::IssuerDegradation),
            anomalyOn(2, DimensionKind::Method, {}, "upi", Pattern::MethodFatigue),
            anomalyOn(3, DimensionKind::Global, {}, {}, Pattern::RetryStorm),
        };
        anomalies[0].patterns.push_back(Pattern::LatencySpike); // suppress once, not twice
        PlanningContext ctx;
        ctx.windowVolume = 1000;
        bool leftOut = true;
        auto options = planOptions(anomalies, ctx, c, &leftOut);
        QVERIFY(!leftOut);
        QStringList seen;
        for (const auto& o : options)
            seen << QString::fromStdString(o.type + " " + o.target +
                                           (o.alternative.empty() ? "" : " " + o.alternative));
        QCOMPARE(seen,
                 QStringList({QStringLiteral("no_action system"), QStringLiteral("suppress_path issuer:HDFC"),
                              QStringLiteral("reroute_traffic method:upi method:card"),
                              QStringLiteral("reduce_retry_attempts system"), QStringLiteral("alert_ops ops_team")}));
        ctx.activeOrPending.insert("suppress_path|issuer:HDFC");
        options = planOptions(anomalies, ctx, c, &leftOut);
        for (const auto& o : options)
            QVERIFY(o.type != "suppress_path");
        QVERIFY(leftOut); // so a refusal of the rest does not say "every option"
        // In force for another incident, it left nothing out of this one's options.
        leftOut = false;
        planOptions({anomalies[2]}, ctx, c, &leftOut);
        QVERIFY(!leftOut);

        // Never onto a method that fails too, nor one whose traffic is being moved away: upi -> card and card -> upi
        // were both offered while both failed, and approved, piled both methods' traffic onto the failing card.
        const std::vector<Anomaly> both{anomalyOn(4, DimensionKind::Method, {}, "upi", Pattern::MethodFatigue),
                                        anomalyOn(5, DimensionKind::Method, {}, "card", Pattern::MethodFatigue)};
        for (const auto& o : planOptions(both, PlanningContext{}, c))
            QVERIFY2(o.type != "reroute_traffic", (o.target + " -> " + o.alternative).c_str());
        PlanningContext movingCardAway;
        movingCardAway.activeOrPending.insert("reroute_traffic|method:card");
        for (const auto& o : planOptions({anomalies[1]}, movingCardAway, c))
            QVERIFY2(o.type != "reroute_traffic", (o.target + " -> " + o.alternative).c_str());
    }

    // When most issuers fail together the fault is not theirs, and suppressing each left nowhere to route: at most
    // half of them (rounded down) suppressed at once, counting those awaiting approval; one issuer never.
    void mostIssuersAreNeverSuppressedAtOnce()
    {
        const AgentConfig c = defaultAgentConfig();
        const auto suppressing = [&](const char* issuer, const PlanningContext& ctx) {
            std::vector<InterventionOption> options{optionOf(c, "suppress_path", issuer),
                                                    optionOf(c, "alert_ops", "ops_team")};
            applySafetyConstraints(options, ctx, c.safety);
            return *std::find_if(options.begin(), options.end(),
                                 [](const auto& o) { return o.type == "suppress_path"; });
        };
        PlanningContext ctx;
        ctx.issuers = 4;
        ctx.activeOrPending = {"suppress_path|issuer:HDFC", "reroute_traffic|method:upi"};
        QVERIFY(suppressing("issuer:ICICI", ctx).allowed);        // the second of four
        ctx.activeOrPending.insert("suppress_path|issuer:ICICI"); // awaiting approval counts
        const InterventionOption third = suppressing("issuer:AXIS", ctx);
        QVERIFY(!third.allowed);
        QCOMPARE(third.refusedBecause, std::string("2 of 4 issuers already suppressed or awaiting approval to be "
                                                   "(limit 2 at once): when most issuers fail, routing away from "
                                                   "them leaves nowhere to route"));
        PlanningContext one;
        one.issuers = 1;
        QCOMPARE(
            suppressing("issuer:HDFC", one).refusedBecause,
            std::string("no issuer may be suppressed with 1 carrying traffic (safety.max_suppressed_issuer_share)"));
        PlanningContext three; // rounded down: one of three
        three.issuers = 3;
        three.activeOrPending = {"suppress_path|issuer:HDFC"};
        QVERIFY(!suppressing("issuer:ICICI", three).allowed);
        AgentConfig any = c;
        any.safety.maxSuppressedIssuerShare = 1.0;
        std::vector<InterventionOption> options{optionOf(c, "suppress_path", "issuer:AXIS")};
        applySafetyConstraints(options, ctx, any.safety);
        QVERIFY(options.front().allowed);
        ctx.issuers = 0; // not known: no limit
        QVERIFY(suppressing("issuer:AXIS", ctx).allowed);
    }

    void safetyFiltersAndOrdersGentlestFirst()
    {
        const AgentConfig c = defaultAgentConfig();
        std::vector<InterventionOption> options{optionOf(c, "reduce_retry_attempts", "system"),
                                                optionOf(c, "suppress_path", "issuer:HDFC"),
                                                optionOf(c, "alert_ops", "ops_team")};
        options[1].reversible = false;
        for (auto& o : options)
            o.magnitude = safetyMagnitude(o);
        PlanningContext ctx;
        ctx.fraudRisk["system"] = 0.9;
        applySafetyConstraints(options, ctx, c.safety);
        QCOMPARE(QString::fromStdString(options[0].type), QStringLiteral("alert_ops"));
        QCOMPARE(QString::fromStdString(options[1].type), QStringLiteral("reduce_retry_attempts"));
        QCOMPARE(QString::fromStdString(options[2].type), QStringLiteral("suppress_path")); // irreversible last
        QVERIFY(!options[1].allowed);
        QVERIFY(QString::fromStdString(options[1].refusedBecause).contains(QStringLiteral("fraud risk 0.90")));
        QVERIFY(options[0].allowed && options[2].allowed);
    }

    void policyActsOnBestPositiveNrv()
    {
        const AgentConfig c = defaultAgentConfig();
        std::vector<InterventionOption> options{optionOf(c, "alert_ops", "ops_team"),
                                                optionOf(c, "suppress_path", "issuer:HDFC")};
        options[0].nrv = -5;
        options[1].nrv = 1994.45;
        DecisionPolicy policy;
        Decision d = policy.decide(options, 1, c);
        QCOMPARE(d.kind, DecisionKind::Act);
        QCOMPARE(QString::fromStdString(d.chosen->type), QStringLiteral("suppress_path"));
        QVERIFY(!d.forcedByFrequency);
        QCOMPARE(policy.quietCycles(), 0);
        options[1].allowed = false; // refused by safety: never chosen
        d = policy.decide(options, 1, c);
        QCOMPARE(d.kind, DecisionKind::NoAction);
        QCOMPARE(d.reason, std::string("no option with positive NRV"));
        // Every option refused is not "no anomaly" (it read so through an outage whose options a person had vetoed).
        options[0].allowed = false;
        QCOMPARE(policy.decide(options, 1, c).reason, std::string("every option refused by the safety constraints"));
        // ... and not "every option" when some were left out as already in force or awaiting approval.
        QCOMPARE(
            policy.decide(options, 1, c, true).reason,
            std::string("every option not already in force or awaiting approval refused by the safety constraints"));
        QCOMPARE(policy.decide({}, 0, c).reason, std::string("no anomaly"));
        QCOMPARE(policy.decide({}, 2, c).reason, std::string("every option already in force or awaiting approval"));
    }

    // An incident whose options are all refused, in force or awaiting approval is not quiet: no "nothing detected"
    // check-in every sixth cycle of it (one was sent, past a veto of that very alert), and the count starts again
    // after it (the cycles before it do not make the first one after it "nothing detected for 6 cycles").
    void waitingOnAnIncidentIsNotQuiet()
    {
        const AgentConfig c = defaultAgentConfig();
        DecisionPolicy policy;
        std::vector<InterventionOption> refused{optionOf(c, "alert_ops", "ops_team")};
        refused[0].allowed = false;
        for (int i = 1; i < c.policy.minActionFrequencyCycles; ++i)
            QCOMPARE(policy.decide({}, 0, c).kind, DecisionKind::NoAction);
        for (int i = 0; i < 20; ++i) {
            const Decision d = policy.decide(i % 2 ? refused : std::vector<InterventionOption>{}, 1, c);
            QCOMPARE(d.kind, DecisionKind::NoAction);
            QVERIFY(!d.forcedByFrequency);
        }
        for (int i = 1; i < c.policy.minActionFrequencyCycles; ++i)
            QCOMPARE(policy.decide({}, 0, c).kind, DecisionKind::NoAction);
        QVERIFY(policy.decide({}, 0, c).forcedByFrequency);
    }

    void anOptionAPersonRefusedIsRefusedSayingWhoAndUntilWhen()
    {
        const AgentConfig c = defaultAgentConfig();
        std::vector<InterventionOption> options{optionOf(c, "suppress_path", "issuer:HDFC"),
                                                optionOf(c, "suppress_path", "issuer:SBI")};
        OperatorVetoes vetoes;
        // 2026-12-07 10:00:00 UTC, held for 15 minutes.
        vetoes.record(options[0], OperatorVeto::How::RolledBack, 7, "bob", 1796637600000, 900000);
        vetoes.record(options[1], OperatorVeto::How::Rejected, 3, "alice", 1796637600000, 0); // 0: not kept
        QCOMPARE(vetoes.all().size(), std::size_t(1));
        PlanningContext ctx;
        ctx.vetoes = vetoes.all();
        applySafetyConstraints(options, ctx, c.safety);
        const auto hdfc =
            std::find_if(options.begin(), options.end(), [](const auto& o) { return o.target == "issuer:HDFC"; });
        QVERIFY(!hdfc->allowed);
        QCOMPARE(hdfc->refusedBecause,
                 std::string("bob rolled it back (intervention #7); not offered again before 10:15:00"));
        QVERIFY(std::find_if(options.begin(), options.end(), [](const auto& o) {
                    return o.target == "issuer:SBI";
                })->allowed);
        vetoes.expire(1796637600000 + 899999);
        QCOMPARE(vetoes.all().size(), std::size_t(1));
        vetoes.expire(1796637600000 + 900000);
        QVERIFY(vetoes.all().empty());

        // The one alert to the ops team serves every incident: a page refused about anomalies 3 and 4 holds back a
        // page about them, not one that is also about a new anomaly 9.
        InterventionOption page = optionOf(c, "alert_ops", "ops_team");
        page.anomalyIds = {3, 4};
        vetoes.record(page, OperatorVeto::How::Rejected, 5, "alice", 1796637600000, 900000);
        InterventionOption same = page, other = page;
        same.anomalyIds = {4};
        other.anomalyIds = {4, 9};
        QVERIFY(vetoes.all().back().covers(same));
        QVERIFY(!vetoes.all().back().covers(other));
        QVERIFY(!vetoes.all().back().covers(options[0]));
        // Learning's automatic rollback is not a person's no, and does not read as one.
        vetoes.record(options[1], OperatorVeto::How::RolledBackByLearning, 8, "learning (automatic rollback)",
                      1796637600000, 60000);
        QCOMPARE(
            vetoPhrase(vetoes.all().back()).english(),
            std::string("learning rolled it back as harmful (intervention #8); not offered again before 10:01:00"));
        // A hold that ends on another day says which: "before 00:05:00" set at 23:50 read as long past.
        OperatorVetoes lateAtNight;
        lateAtNight.record(options[0], OperatorVeto::How::Rejected, 9, "carol", 1796687400000, 900000); // 23:50
        QCOMPARE(vetoPhrase(lateAtNight.all().front()).english(),
                 std::string("carol rejected it in approval request #9; not offered again before 2026-12-08 00:05:00"));
        // A new operator_veto_ms applies to the vetoes kept: 0 lifts them all at the next cycle.
        vetoes.setHold(120000);
        QCOMPARE(vetoes.all().front().untilMs, TimeMs(1796637600000 + 120000));
        QCOMPARE(vetoes.all().back().untilMs, TimeMs(1796637600000 + 60000));
        vetoes.setHold(0);
        vetoes.expire(1796637600000 + 1);
        QVERIFY(vetoes.all().empty());
    }

    void minimumActionFrequencySequence()
    {
        AgentConfig c = defaultAgentConfig();
        DecisionPolicy policy;
        const std::vector<InterventionOption> quiet; // nothing detected
        QStringList kinds;
        for (int cycle = 1; cycle <= 13; ++cycle) {
            Decision d = policy.decide(quiet, 0, c);
            kinds << QString::fromLatin1(decisionKindName(d.kind));
            if (cycle % 6 == 0) {
                QVERIFY(d.forcedByFrequency);
                QCOMPARE(QString::fromStdString(d.chosen->type), QStringLiteral("alert_ops"));
                QCOMPARE(d.chosen->nrv, -5.0);
                QCOMPARE(QString::fromStdString(d.reason), QStringLiteral("Minimum Frequency Rule"));
            }
        }
        const QString no = QStringLiteral("NO_ACTION"), act = QStringLiteral("ACTION");
        QCOMPARE(kinds, QStringList({no, no, no, no, no, act, no, no, no, no, no, act, no}));

        // With anomalies but no positive NRV, the 6th cycle acts on the best option even though NRV <= 0.
        DecisionPolicy withOptions;
        std::vector<InterventionOption> weak{optionOf(c, "alert_ops", "ops_team"),
                                             optionOf(c, "reduce_retry_attempts", "system")};
        weak[0].nrv = -5;
        weak[1].nrv = -2506.1;
        Decision d;
        for (int i = 0; i < 6; ++i)
            d = withOptions.decide(weak, 1, c);
        QVERIFY(d.forcedByFrequency);
        QCOMPARE(QString::fromStdString(d.chosen->type), QStringLiteral("alert_ops"));

        // 0 disables the rule.
        c.policy.minActionFrequencyCycles = 0;
        DecisionPolicy disabled;
        for (int i = 0; i < 20; ++i)
            QCOMPARE(disabled.decide(quiet, 0, c).kind, DecisionKind::NoAction);
    }

    void approvalRequiredDecisionAwaitsApproval()
    {
        const AgentConfig c = defaultAgentConfig();
        std::vector<InterventionOption> options{optionOf(c, "reroute_traffic", "method:upi")};
        options[0].nrv = 4494.78;
        assessOptions(options, 0, c);
        DecisionPolicy policy;
        QCOMPARE(policy.decide(options, 1, c).kind, DecisionKind::AwaitApproval);
    }
};

QTEST_GUILESS_MAIN(TestDecision)
#include "test_decision.moc"
