#include "anomaly.h"

#include <algorithm>

namespace payops {

const char* patternName(Pattern p)
{
    switch (p) {
    case Pattern::IssuerDegradation:
        return "ISSUER_DEGRADATION";
    case Pattern::RetryStorm:
        return "RETRY_STORM";
    case Pattern::MethodFatigue:
        return "METHOD_FATIGUE";
    case Pattern::LatencySpike:
        return "LATENCY_SPIKE";
    }
    return "UNKNOWN";
}

std::optional<Pattern> patternFromName(const std::string& name)
{
    for (auto p : {Pattern::IssuerDegradation, Pattern::RetryStorm, Pattern::MethodFatigue, Pattern::LatencySpike}) {
        if (name == patternName(p))
            return p;
    }
    return std::nullopt;
}

const char* severityClassName(SeverityClass c)
{
    switch (c) {
    case SeverityClass::Low:
        return "LOW";
    case SeverityClass::Medium:
        return "MEDIUM";
    case SeverityClass::High:
        return "HIGH";
    case SeverityClass::Critical:
        return "CRITICAL";
    }
    return "LOW";
}

std::optional<SeverityClass> severityClassFromName(const std::string& name)
{
    for (auto c : {SeverityClass::Low, SeverityClass::Medium, SeverityClass::High, SeverityClass::Critical}) {
        if (name == severityClassName(c))
            return c;
    }
    return std::nullopt;
}

void setRule(Evidence& e, Phrase rule)
{
    e.rule = rule.english();
    e.phrase = std::move(rule);
}

bool Anomaly::has(Pattern p) const
{
    return std::find(patterns.begin(), patterns.end(), p) != patterns.end();
}

} // namespace payops
