#pragma once
// A scenario is a replayable timeline of parameter overrides applied on top of the simulator's drift:
// "HDFC success 0.3 with code 91 from t=60 s for 180 s". Loaded from YAML (scenario_loader.h).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace payops {

enum class PathParam { Success, LatencyMs, RetryProb, RetryCountMean, Traffic };

struct ParamOverride {
    PathParam param = PathParam::Success;
    // Exactly one of `set` and `scale` is present: replace the drifting value, or multiply it.
    std::optional<double> set;
    std::optional<double> scale;
};

struct ScenarioEvent {
    std::string label;              // what an operator would call it: "HDFC outage"
    std::int64_t atMs = 0;          // offset from the start of the run
    std::int64_t durationMs = 0;    // 0 = until the end of the run
    std::int64_t rampMs = 0;        // linear fade in and out, so recoveries are gradual
    int repeatCount = 1;            // flapping: the event happens repeatCount times...
    std::int64_t repeatEveryMs = 0; // ...starting every repeatEveryMs
    std::string issuer;             // empty = every issuer
    std::string method;             // empty = every method
    // Where the loader read issuer and method ("file:line:column"; empty for a scenario built in code): the
    // names are checked against the config's only when the scenario starts, and that error points here.
    std::string issuerAt, methodAt;
    std::vector<ParamOverride> overrides;
    // The share of the matched paths' transactions the event reaches, in (0, 1]. Below 1 the event may change
    // latency_ms only: a slow tail (one acquirer route, one 3-D Secure server) that moves a path's p95 long before
    // its mean. Success, retries and traffic are already per-transaction chances or weights.
    double share = 1.0;
    std::string errorCode; // response code of the failures this event causes (empty: the usual mix)
    // The anomaly pattern an operator should see for this event (used by scenario tests and `evaluate`).
    std::string expectedPattern;

    // A share below 1 fits only an event that changes latency_ms alone (no other override, no error code).
    bool shareFits() const;
};

struct Scenario {
    std::string name;
    std::string description;
    std::int64_t suggestedDurationMs = 0; // how long the story takes to play out
    std::vector<ScenarioEvent> events;

    // The event's weight in [0,1] at `offsetMs` from the run start (0 = inactive, 1 = fully on).
    static double eventWeight(const ScenarioEvent& e, std::int64_t offsetMs);
};

} // namespace payops
