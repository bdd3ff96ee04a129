#pragma once
// An anomaly is one dimension (issuer, method or the whole system) behaving abnormally, with every rule that
// flagged it and the numbers behind each rule. It keeps its id while it stays flagged across cycles.

#include "core/clock.h"
#include "core/phrase.h"
#include "stream/dimension_stats.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace payops {

enum class Pattern : std::uint8_t { IssuerDegradation, RetryStorm, MethodFatigue, LatencySpike };
enum class SeverityClass : std::uint8_t { Low, Medium, High, Critical };

const char* patternName(Pattern p); // "ISSUER_DEGRADATION", ...
std::optional<Pattern> patternFromName(const std::string& name);
const char* severityClassName(SeverityClass c); // "CRITICAL", ...
std::optional<SeverityClass> severityClassFromName(const std::string& name);

struct Evidence {
    Pattern pattern = Pattern::IssuerDegradation;
    std::string rule;    // what fired, in words with its numbers: "failure share 0.38 > 0.20"
    Phrase phrase;       // the same for the console to say in the reader's language (empty: say `rule`)
    std::string metric;  // success_rate, p95_latency_ms, mean_retries, failure_share, high_retry_share
    double value = 0;    // the window's value
    double baseline = 0; // the baseline mean (or the fixed threshold for threshold rules)
    double baselineStd = 0;
    double z = 0; // against the baseline, before it was updated
    // z is a count's exact tail (binomial or Poisson) as the normal deviate with the same odds, not the distance
    // (value - baseline) / baselineStd: a rare code on 22 of 29 failures is z 9 by its tail, 15 by that distance,
    // which overstates a skewed count. The console marks such a z so the reader does not check it against the band.
    bool zFromTail = false;
    std::uint32_t count = 0;
    std::string dimension; // where the evidence comes from (a rolled-up child can differ from the anomaly's)
};

// Sets the rule's phrase and its English text together.
void setRule(Evidence& e, Phrase rule);

struct Anomaly {
    std::int64_t id = 0;
    std::string dimension; // "issuer:HDFC"
    DimensionKind kind = DimensionKind::Global;
    std::string issuer, method;
    std::vector<Pattern> patterns; // every rule that flagged it this cycle, strongest first
    double severity = 0;           // [0, 1]
    SeverityClass severityClass = SeverityClass::Low;
    double confidence = 0; // [0, 1]
    double maxAbsZ = 0;    // the strongest deviation: the largest |z| of its evidence and of its dimension's scores
    TimeMs startedMs = 0;
    TimeMs lastSeenMs = 0;
    int cycles = 0; // cycles it has been flagged
    std::vector<Evidence> evidence;
    DimensionStats stats; // the window it was flagged on

    Pattern primary() const { return patterns.front(); }
    bool has(Pattern p) const;
};

} // namespace payops
