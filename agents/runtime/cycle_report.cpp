#include "cycle_report.h"

#include <cstdio>

namespace payops {

namespace {

std::string line(char c)
{
    return std::string(80, c) + "\n";
}

std::string printf(const char* format, auto... args)
{
    char buf[512];
    std::snprintf(buf, sizeof buf, format, args...);
    return buf;
}

const char* mark(HealthState s)
{
    switch (s) {
    case HealthState::Healthy:
        return "\u2713";
    case HealthState::Degraded:
        return "\u26a0";
    case HealthState::Down:
        return "\u2717";
    }
    return " ";
}

} // namespace

std::string formatCycleReport(const CycleSnapshot& s)
{
    std::string out = line('=');
    out += printf("CYCLE %lld - Elapsed: %.1fs%s%s\n", static_cast<long long>(s.cycle), s.elapsedMs / 1000.0,
                  s.scenario.empty() ? "" : " - Scenario: ", s.scenario.c_str());
    out += line('=');
    for (const auto& h : s.issuerHealth) {
        const std::string key = "issuer:" + h.issuer;
        const DimensionStats* st = s.statsFor(key);
        if (!st)
            continue;
        // The state is judged on the cycle's own figure, the columns are the window's (5 min by default): an outage
        // read "DOWN | Success: 90.07%". The cycle's figure is shown beside the window's, when the detector judged one.
        std::string cycle;
        for (const DimensionScore& sc : s.scores) {
            const auto& f = sc.cycle[DimensionScore::CycleSuccess];
            if (sc.key == key && f.judged)
                cycle = printf(", cycle %.2f%%", f.value * 100.0);
        }
        // Its traffic routed away, an issuer's figures stand still or thin out: say why (reroutes move methods,
        // which have no line here).
        std::string actions;
        for (const Intervention& iv : s.activeInterventions)
            if (iv.state == InterventionState::Active && iv.option.target == key && iv.option.type == "suppress_path")
                actions += printf(" | suppressed by #%lld", static_cast<long long>(iv.id));
        out += printf("%-8s: %s %-10s | Success: %6.2f%% (window%s) | Latency: %5.0fms (p95 %4.0f) | Retries: "
                      "%4.2f/tx%s\n",
                      h.issuer.c_str(), mark(h.state), healthStateName(h.state), st->successRate * 100.0, cycle.c_str(),
                      st->meanLatencyMs, st->p95LatencyMs, st->meanRetries, actions.c_str());
    }
    for (const auto& a : s.anomalies) {
        std::string patterns;
        for (auto p : a.patterns)
            patterns += std::string(patterns.empty() ? "" : "+") + patternName(p);
        out +=
            printf("Anomaly #%lld %s on %s: severity %.2f (%s), confidence %.2f\n", static_cast<long long>(a.id),
                   patterns.c_str(), a.dimension.c_str(), a.severity, severityClassName(a.severityClass), a.confidence);
        // What raised it, with its figures and z: the line above alone gave no reason to believe it.
        for (const Evidence& e : a.evidence)
            out += printf("    %s: %s\n", e.dimension.c_str(), e.rule.c_str());
    }
    const auto& d = s.decision;
    out += printf("\nDecision: %s (%s)\n", decisionKindName(d.kind), d.reason.c_str());
    if (d.chosen) {
        const auto& o = *d.chosen;
        out += printf("Action: %s on %s%s%s\n", o.type.c_str(), o.target.c_str(), o.alternative.empty() ? "" : " -> ",
                      o.alternative.c_str());
        out +=
            printf("NRV: $%.2f%s\n", o.nrv, d.forcedByFrequency && o.type == "alert_ops" ? " (baseline action)" : "");
        out += printf("Blast Radius: %.1f\n", o.blastRadius);
        if (d.kind == DecisionKind::AwaitApproval && s.approvalRequested) {
            std::string why;
            for (const auto& r : o.approvalReasons)
                why += (why.empty() ? "" : "; ") + r;
            out +=
                printf("Awaiting approval #%lld: %s\n", static_cast<long long>(s.approvalRequested->id), why.c_str());
        }
    }
    for (const auto& iv : s.endedInterventions)
        out +=
            printf("Ended: intervention #%lld %s %s (%s: %s)\n", static_cast<long long>(iv.id), iv.option.type.c_str(),
                   iv.option.target.c_str(), interventionStateName(iv.state), iv.endReason.c_str());
    for (const auto& r : s.learning)
        out += printf("Learned: #%lld %s accuracy %.2f, %s, confidence %.2f -> %.2f%s\n",
                      static_cast<long long>(r.interventionId), r.type.c_str(), r.accuracy,
                      r.success ? "worked" : "did not work", r.confidenceBefore, r.confidenceAfter,
                      r.rollback ? " (rolled back)" : "");
    if (!s.activeInterventions.empty())
        out += printf("Active interventions: %zu | Pending approvals: %zu\n", s.activeInterventions.size(),
                      s.pendingApprovals.size());
    out += line('=');
    return out;
}

} // namespace payops
