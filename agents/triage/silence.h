#pragma once
// A silence hides anomalies that match it from notifications and, by default, from the triage list, without
// changing their lifecycle: an operator who knows "HDFC is in planned maintenance" silences issuer:HDFC for an
// hour instead of acknowledging every anomaly it raises. Matchers are ANDed; an empty matcher matches anything.

#include "core/clock.h"
#include "reasoning/anomaly.h"

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>

namespace payops {

struct Silence {
    std::int64_t id = 0;
    std::optional<Pattern> pattern;
    std::string dimension; // glob: "issuer:HDFC", "issuer:*", "*/method:upi"; empty = any
    TimeMs createdAt = 0;  // wall time
    TimeMs expiresAt = 0;  // wall time; 0 = until removed
    std::string author;
    std::string comment;

    bool activeAt(TimeMs nowMs) const { return expiresAt == 0 || nowMs < expiresAt; }
    bool matches(const Anomaly& anomaly) const;
    std::string describe() const; // "pattern=RETRY_STORM dimension=issuer:*"
};

// Glob match with '*' (any run of characters) and '?' (one character), case-sensitive like dimension keys.
bool globMatch(const std::string& pattern, const std::string& text);

void to_json(nlohmann::json& j, const Silence& s);
void from_json(const nlohmann::json& j, Silence& s);

} // namespace payops
