#include "scenario.h"

#include <algorithm>

namespace payops {

bool ScenarioEvent::shareFits() const
{
    const bool latencyOnly = std::all_of(overrides.begin(), overrides.end(),
                                         [](const ParamOverride& o) { return o.param == PathParam::LatencyMs; });
    return share >= 1.0 || (latencyOnly && errorCode.empty());
}

double Scenario::eventWeight(const ScenarioEvent& e, std::int64_t offsetMs)
{
    const int repeats = std::max(1, e.repeatCount);
    for (int i = 0; i < repeats; ++i) {
        const std::int64_t start = e.atMs + static_cast<std::int64_t>(i) * e.repeatEveryMs;
        if (offsetMs < start)
            return 0.0; // later repetitions start later still
        const std::int64_t into = offsetMs - start;
        if (e.durationMs > 0 && into >= e.durationMs) {
            if (e.repeatEveryMs <= 0)
                return 0.0;
            continue;
        }
        double w = 1.0;
        if (e.rampMs > 0) {
            w = std::min(w, static_cast<double>(into) / static_cast<double>(e.rampMs));
            if (e.durationMs > 0)
                w = std::min(w, static_cast<double>(e.durationMs - into) / static_cast<double>(e.rampMs));
        }
        return std::clamp(w, 0.0, 1.0);
    }
    return 0.0;
}

} // namespace payops
