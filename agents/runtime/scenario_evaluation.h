#pragma once
// How well the runtime's detection does on the payment scenarios (`payops-agent evaluate`): for every injected
// incident, how many cycles after its onset the operator first sees the expected anomaly, and how many anomalies
// nothing explains.
//
// Definitions (docs/detector.md repeats them):
// - The agent first watches normal traffic for leadInCycles(): detection is measured on a warmed-up agent.
// - An incident occurrence is one repeat of a scenario event that names an expected pattern; events that overlap
//   in time on one dimension with one pattern are one incident. Its onset is the event's start; the first cycle
//   that ends after the onset is delay 0.
// - It is detected at the first cycle, from that one on, with an active anomaly that has the expected pattern on
//   the event's issuer or method, or on the global dimension, and began showing it after the dimension's first
//   onset of that pattern: an anomaly already open before the incident detects nothing, one still open from an
//   earlier flap of the same incident does. A scenario's delay is its worst occurrence's; one missed occurrence
//   (nothing within the event and the window after it) makes it null.
// - A new anomaly is explained when it is raised while an incident is in force or still in the statistics
//   window (onset to end + window) on the incident's own dimension (its issuer, its method, their combinations)
//   or global. Raised then on another dimension the incident's transactions pass through (any method for an
//   issuer event, any issuer for a method event), it is spillover: true of that dimension, not its cause. Every
//   other anomaly raised during the scenario is false; those the lead-in left active are not counted. An explained
//   or spillover anomaly raised after the incidents that explain it have ended is also counted as after the end.
#include "config/agent_config.h"
#include "core/result.h"
#include "reasoning/anomaly.h"
#include "stream/scenario.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace payops {

struct ScenarioEvaluation {
    std::string scenario;
    std::int64_t cycles = 0;
    std::int64_t occurrences = 0;
    std::optional<std::int64_t> detectionDelayCycles; // worst occurrence; empty if one was missed
    std::vector<std::optional<std::int64_t>> delays;  // per occurrence, in onset order
    std::int64_t falseAnomalies = 0;
    std::int64_t spilloverAnomalies = 0;
    std::int64_t anomaliesAfterEnd = 0; // explained or spillover ones raised after their incidents ended (afterEnd)
    // Every anomaly raised during the scenario and how it was counted (for tests and for reading a run).
    enum class Verdict { Explained, Spillover, False };
    struct Raised {
        std::int64_t id = 0;
        // Of the scenario, from 1 as `run` numbers cycles (cycle N ends N cycle intervals after the scenario began);
        // counted from 0 it was one off from the same anomaly in `run`'s report.
        std::int64_t cycle = 0;
        std::string dimension;
        Pattern pattern = Pattern::IssuerDegradation;
        Verdict verdict = Verdict::False;
        std::string rule; // its first evidence's, as raised: why it was raised
        // Explained or spillover, but raised after the incidents that explain it had ended (while they were still
        // in the statistics window): it reports the past as news.
        bool afterEnd = false;
    };
    std::vector<Raised> raised;
    std::int64_t cyclesRaisingFalse = 0; // cycles in which at least one false anomaly was raised
    double falseAnomaliesPer1000Cycles() const { return cycles ? 1000.0 * falseAnomalies / cycles : 0.0; }
};

const char* verdictName(ScenarioEvaluation::Verdict v); // "explained", "spillover", "false"

// Cycles of normal traffic before the scenario starts: a full statistics window and every warm-up.
std::int64_t leadInCycles(const AgentConfig& config);

// Runs the whole agent (closed loop, no database) for leadInCycles() and then on `scenario` for `cycles` cycles
// (0 = the scenario's own duration plus one window). Only the scenario's cycles are counted.
Result<ScenarioEvaluation> evaluateScenario(const AgentConfig& config, const Scenario& scenario, std::uint64_t seed,
                                            std::int64_t cycles = 0);

} // namespace payops
