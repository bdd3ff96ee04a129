#include "runtime/scenario_evaluation.h"

#include "reasoning/anomaly.h"
#include "runtime/agent_runtime.h"

#include <algorithm>
#include <set>

namespace payops {

namespace {

struct Occurrence {
    const ScenarioEvent* event = nullptr;
    Pattern pattern = Pattern::IssuerDegradation;
    TimeMs onsetMs = 0;
    TimeMs endMs = 0;         // the event is over
    TimeMs explainsUntil = 0; // ...and has left the statistics window
    std::int64_t firstCycle = -1;
    std::optional<std::int64_t> detectedCycle;
};

bool touches(const ScenarioEvent& e, const Anomaly& a)
{
    if (a.kind == DimensionKind::Global)
        return true;
    if (a.kind == DimensionKind::Issuer)
        return e.issuer.empty() || a.issuer == e.issuer;
    if (a.kind == DimensionKind::Method)
        return e.method.empty() || a.method == e.method;
    return (e.issuer.empty() || a.issuer == e.issuer) && (e.method.empty() || a.method == e.method);
}

// The expected pattern on the event's own dimension (or rolled up to global).
bool shows(const Occurrence& o, const Anomaly& a)
{
    if (!a.has(o.pattern))
        return false;
    if (a.kind == DimensionKind::Global)
        return true;
    const ScenarioEvent& e = *o.event;
    if (a.kind == DimensionKind::Issuer)
        return !e.issuer.empty() && a.issuer == e.issuer;
    if (a.kind == DimensionKind::Method)
        return !e.method.empty() && a.method == e.method;
    return false;
}

} // namespace

std::int64_t leadInCycles(const AgentConfig& config)
{
    const std::int64_t interval = std::max<std::int64_t>(1, config.policy.cycleIntervalMs);
    const std::int64_t fillWindow = config.detector.windowMs / interval + 1;
    return std::max<std::int64_t>(
               {fillWindow, config.detector.baselineWarmupCycles, config.detector.likelihoodWarmupCycles}) +
           1;
}

Result<ScenarioEvaluation> evaluateScenario(const AgentConfig& config, const Scenario& scenario, std::uint64_t seed,
                                            std::int64_t cycles)
{
    AgentRuntime runtime(config, seed);
    const TimeMs interval = std::max<std::int64_t>(1, config.policy.cycleIntervalMs);
    const TimeMs window = config.detector.windowMs;
    // The agent has been watching normal traffic for a while (a full window and the baselines' warm-up) when the
    // scenario begins, as a deployed console has.
    const std::int64_t leadIn = leadInCycles(config);
    for (std::int64_t c = 0; c < leadIn; ++c) {
        (void)runtime.runCycle();
        (void)runtime.takeAudit();
        (void)runtime.takeNewTransactions();
    }
    if (Status s = runtime.setScenario(scenario); !s.ok())
        return Error{s.error()};
    const TimeMs start = runtime.nowMs();
    if (cycles <= 0)
        cycles = (scenario.suggestedDurationMs + window) / interval + 1;

    std::vector<Occurrence> occurrences;
    for (const auto& e : scenario.events) {
        if (e.expectedPattern.empty())
            continue;
        const auto pattern = patternFromName(e.expectedPattern);
        if (!pattern)
            return Error{"scenario " + scenario.name + ": event '" + e.label + "' expects an unknown pattern '" +
                         e.expectedPattern + "'"};
        for (int i = 0; i < std::max(1, e.repeatCount); ++i) {
            Occurrence o;
            o.event = &e;
            o.pattern = *pattern;
            o.onsetMs = start + e.atMs + static_cast<std::int64_t>(i) * e.repeatEveryMs;
            o.endMs = e.durationMs > 0 ? o.onsetMs + e.durationMs : start + cycles * interval;
            o.explainsUntil = o.endMs + e.rampMs + window;
            occurrences.push_back(o);
        }
    }
    std::sort(occurrences.begin(), occurrences.end(),
              [](const Occurrence& a, const Occurrence& b) { return a.onsetMs < b.onsetMs; });

    ScenarioEvaluation ev;
    ev.scenario = scenario.name;
    ev.cycles = cycles;
    ev.occurrences = static_cast<std::int64_t>(occurrences.size());
    std::set<std::int64_t> seenIds;
    for (std::int64_t c = 0; c < cycles; ++c) {
        const CycleSnapshotPtr snap = runtime.runCycle();
        (void)runtime.takeAudit();
        (void)runtime.takeNewTransactions();
        for (auto& o : occurrences) {
            if (snap->timeMs <= o.onsetMs)
                continue;
            if (o.firstCycle < 0)
                o.firstCycle = c;
            if (o.detectedCycle || snap->timeMs > o.explainsUntil)
                continue;
            for (const auto& a : snap->anomalies) {
                if (shows(o, a)) {
                    o.detectedCycle = c;
                    break;
                }
            }
        }
        bool raisedFalse = false;
        for (const auto& a : snap->anomalies) {
            if (!seenIds.insert(a.id).second)
                continue; // raised in an earlier cycle
            const bool explained = std::any_of(occurrences.begin(), occurrences.end(), [&](const Occurrence& o) {
                return snap->timeMs > o.onsetMs && snap->timeMs <= o.explainsUntil && touches(*o.event, a);
            });
            if (!explained) {
                ++ev.falseAnomalies;
                raisedFalse = true;
            }
        }
        ev.cyclesRaisingFalse += raisedFalse ? 1 : 0;
    }
    bool missed = false;
    std::int64_t worst = 0;
    for (const auto& o : occurrences) {
        if (o.detectedCycle && o.firstCycle >= 0) {
            ev.delays.push_back(*o.detectedCycle - o.firstCycle);
            worst = std::max(worst, *o.detectedCycle - o.firstCycle);
        } else {
            ev.delays.push_back(std::nullopt);
            missed = true;
        }
    }
    if (!missed && !occurrences.empty())
        ev.detectionDelayCycles = worst;
    return ev;
}

} // namespace payops
