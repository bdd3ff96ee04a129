#pragma once
// A possible explanation of an anomaly, framed the way operators reason: root cause -> failure -> impact.
// A symptom is never called the cause: "success dropped" is the impact, "issuer down" the candidate cause.

#include "core/clock.h"
#include "core/phrase.h"
#include "reasoning/anomaly.h"

#include <cstdint>
#include <optional>
#include <string>

namespace payops {

struct Hypothesis {
    std::int64_t id = 0;
    std::int64_t anomalyId = 0;
    std::string dimension;
    Pattern pattern = Pattern::IssuerDegradation;
    std::string cause; // issuer_downtime, network_issues, excessive_retries, method_failure, system_overload
    double confidence = 0;
    double successImpact = 0, latencyImpactMs = 0, costImpact = 0, riskImpact = 0; // expected if true
    std::string rootCause, failure, impact; // the framed explanation, with this window's numbers
    // The same three for the console to say in the reader's language (empty: say the text above).
    Phrase rootCausePhrase, failurePhrase, impactPhrase;
    TimeMs createdMs = 0;
    std::optional<TimeMs> resolvedMs; // set when its pattern cleared

    bool active() const { return !resolvedMs.has_value(); }
};

} // namespace payops
