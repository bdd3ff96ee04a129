#include "runtime/scenario_evaluation.h"

#include "reasoning/anomaly.h"
#include "runtime/agent_runtime.h"

#include <algorithm>
#include <map>
#include <set>

namespace payops {

namespace {

struct Occurrence {
    const ScenarioEvent* event = nullptr;
    Pattern pattern = Pattern::IssuerDegradation;
    TimeMs onsetMs = 0;
    TimeMs endMs = 0;         // the event is over
    TimeMs explainsUntil = 0; // ...and has left the statistics window
    // The first onset of this dimension's incident with this pattern: an anomaly that began showing the pattern
    // after it may stand for this occurrence (a flap that has not cleared since the last flap is still found);
    // one that showed it before it was there before the incident and detects nothing.
    TimeMs incidentStartMs = 0;
    std::int64_t firstCycle = -1;
    std::optional<std::int64_t> detectedCycle;
};

bool sameIncidentDimension(const Occurrence& a, const Occurrence& b)
{
    return a.pattern == b.pattern && a.event->issuer == b.event->issuer && a.event->method == b.event->method;
}

// On the event's own dimension: its issuer or method (or one of their combinations), or global, to which every
// transaction rolls up.
bool onOwnDimension(const ScenarioEvent& e, const Anomaly& a)
{
    switch (a.kind) {
    case DimensionKind::Global:
        return true;
    case DimensionKind::Issuer:
        return !e.issuer.empty() && a.issuer == e.issuer;
    case DimensionKind::Method:
        return !e.method.empty() && a.method == e.method;
    default:
        return (e.issuer.empty() || a.issuer == e.issuer) && (e.method.empty() || a.method == e.method);
    }
}

// On a dimension the event's transactions also pass through without being its cause: every method for an issuer
// event, every issuer for a method event (an issuer failing with code 96 puts 96 into every method's mix).
bool spillsOnto(const ScenarioEvent& e, const Anomaly& a)
{
    return (a.kind == DimensionKind::Issuer && e.issuer.empty()) ||
           (a.kind == DimensionKind::Method && e.method.empty());
}

// The expected pattern on the event's own dimension (or rolled up to global).
bool shows(const Occurrence& o, const Anomaly& a)
{
    return a.has(o.pattern) && onOwnDimension(*o.event, a) &&
           (a.kind == DimensionKind::Global || a.kind == DimensionKind::Issuer || a.kind == DimensionKind::Method);
}

} // namespace

const char* verdictName(ScenarioEvaluation::Verdict v)
{
    switch (v) {
    case ScenarioEvaluation::Verdict::Explained:
        return "explained";
    case ScenarioEvaluation::Verdict::Spillover:
        return "spillover";
    case ScenarioEvaluation::Verdict::False:
        break;
    }
    return "false";
}

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
    CycleSnapshotPtr leadInSnapshot;
    for (std::int64_t c = 0; c < leadIn; ++c) {
        leadInSnapshot = runtime.runCycle();
        (void)runtime.takeAudit();
        (void)runtime.takeNewTransactions();
    }
    if (Status s = runtime.setScenario(scenario); !s.ok())
        return s.failure();
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
            // The ramps lie inside the event's duration (it fades in from its start and out before its end).
            o.endMs = e.durationMs > 0 ? o.onsetMs + e.durationMs : start + cycles * interval;
            o.explainsUntil = o.endMs + window;
            occurrences.push_back(o);
        }
    }
    std::sort(occurrences.begin(), occurrences.end(),
              [](const Occurrence& a, const Occurrence& b) { return a.onsetMs < b.onsetMs; });
    // Events that overlap on one dimension with one pattern are one incident (the recovery scenario shapes its
    // slide and its slow return with two): the later one is part of the earlier.
    for (std::size_t i = 0; i < occurrences.size(); ++i) {
        for (std::size_t j = i + 1; j < occurrences.size();) {
            if (sameIncidentDimension(occurrences[i], occurrences[j]) &&
                occurrences[j].onsetMs < occurrences[i].endMs) {
                occurrences[i].endMs = std::max(occurrences[i].endMs, occurrences[j].endMs);
                occurrences[i].explainsUntil = std::max(occurrences[i].explainsUntil, occurrences[j].explainsUntil);
                occurrences.erase(occurrences.begin() + static_cast<std::ptrdiff_t>(j));
            } else {
                ++j;
            }
        }
    }
    for (auto& o : occurrences) {
        o.incidentStartMs = o.onsetMs;
        for (const auto& other : occurrences)
            if (sameIncidentDimension(o, other))
                o.incidentStartMs = std::min(o.incidentStartMs, other.onsetMs);
    }

    ScenarioEvaluation ev;
    ev.scenario = scenario.name;
    ev.cycles = cycles;
    ev.occurrences = static_cast<std::int64_t>(occurrences.size());
    // When each anomaly first showed each pattern. Anomalies the lead-in left active are known from its last
    // snapshot, so one raised before the scenario is never taken for the detection of its incident.
    std::map<std::pair<std::int64_t, int>, TimeMs> firstShown;
    std::set<std::int64_t> seenIds;
    const auto note = [&](const CycleSnapshot& snap) {
        for (const auto& a : snap.anomalies)
            for (const Pattern pattern : a.patterns)
                firstShown.try_emplace({a.id, static_cast<int>(pattern)}, snap.timeMs);
    };
    if (leadInSnapshot) {
        note(*leadInSnapshot);
        for (const auto& a : leadInSnapshot->anomalies)
            seenIds.insert(a.id); // counted where they were raised, not once in every scenario that follows
    }
    for (std::int64_t c = 0; c < cycles; ++c) {
        const CycleSnapshotPtr snap = runtime.runCycle();
        (void)runtime.takeAudit();
        (void)runtime.takeNewTransactions();
        note(*snap);
        for (auto& o : occurrences) {
            if (snap->timeMs <= o.onsetMs)
                continue;
            if (o.firstCycle < 0)
                o.firstCycle = c;
            if (o.detectedCycle || snap->timeMs > o.explainsUntil)
                continue;
            for (const auto& a : snap->anomalies) {
                if (shows(o, a) && firstShown.at({a.id, static_cast<int>(o.pattern)}) > o.incidentStartMs) {
                    o.detectedCycle = c;
                    break;
                }
            }
        }
        bool raisedFalse = false;
        for (const auto& a : snap->anomalies) {
            if (!seenIds.insert(a.id).second)
                continue; // raised in an earlier cycle
            const auto inForce = [&](const Occurrence& o) {
                return snap->timeMs > o.onsetMs && snap->timeMs <= o.explainsUntil;
            };
            ScenarioEvaluation::Raised raised{a.id,
                                              c + 1,
                                              a.dimension,
                                              a.primary(),
                                              ScenarioEvaluation::Verdict::False,
                                              a.evidence.empty() ? std::string() : a.evidence.front().rule};
            const auto ownOf = [&](const Occurrence& o) {
                // A gateway-wide event (no issuer, no method) is every dimension's own, for the pattern it
                // causes: an issuer failing during a latency spike is not explained by it.
                const bool everywhere = o.event->issuer.empty() && o.event->method.empty() && a.has(o.pattern);
                return everywhere || onOwnDimension(*o.event, a);
            };
            const auto spillOf = [&](const Occurrence& o) { return spillsOnto(*o.event, a); };
            // After the end: the cycle holds no transaction from while a related incident was in force.
            const auto raisedAfterEnd = [&](const auto& relates) {
                return std::none_of(occurrences.begin(), occurrences.end(), [&](const Occurrence& o) {
                    return relates(o) && snap->timeMs > o.onsetMs && snap->timeMs - interval <= o.endMs;
                });
            };
            if (std::any_of(occurrences.begin(), occurrences.end(),
                            [&](const Occurrence& o) { return inForce(o) && ownOf(o); })) {
                raised.verdict = ScenarioEvaluation::Verdict::Explained;
                raised.afterEnd = raisedAfterEnd(ownOf);
            } else if (std::any_of(occurrences.begin(), occurrences.end(),
                                   [&](const Occurrence& o) { return inForce(o) && spillOf(o); })) {
                raised.verdict = ScenarioEvaluation::Verdict::Spillover;
                raised.afterEnd = raisedAfterEnd(spillOf);
                ++ev.spilloverAnomalies;
            } else {
                ++ev.falseAnomalies;
                raisedFalse = true;
            }
            ev.anomaliesAfterEnd += raised.afterEnd ? 1 : 0;
            ev.raised.push_back(std::move(raised));
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
