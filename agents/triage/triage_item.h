#pragma once
// What the operators did about one anomaly: its lifecycle (New -> Acknowledged -> Resolved), owner, snooze,
// notes, and the agent's reasoning about it as last seen (evidence, hypotheses, options, decision), so the detail
// pane still explains an anomaly after a restart or after it cleared.
//
// Two clocks meet here: the anomaly's own times (startedMs, lastSeenMs) are simulated time; everything people do
// (acknowledge, snooze, notify) is wall time from the console's clock.

#include "core/clock.h"
#include "decision/intervention_option.h"
#include "reasoning/anomaly.h"
#include "reasoning/hypothesis.h"

#include <algorithm>
#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

namespace payops {

enum class TriageState : std::uint8_t { New, Acknowledged, Resolved };
const char* triageStateName(TriageState s); // new, acknowledged, resolved
std::optional<TriageState> triageStateFromName(const std::string& name);
// The person behind an audit identity, as an owner is named: "operator:alice" is alice; a plain name stays as it is.
std::string personOf(const std::string& actorOrName);

struct TriageNote {
    TimeMs timeMs = 0; // wall time
    std::string author;
    std::string text;

    bool operator==(const TriageNote&) const = default;
};

// The agent's view of the anomaly in the last cycle that flagged it.
struct AnomalyContext {
    Anomaly anomaly;
    std::vector<Hypothesis> hypotheses;       // about this anomaly
    std::vector<InterventionOption> options;  // that address it, best NRV first
    std::string decisionKind;                 // NO_ACTION, ACTION, AWAITING_APPROVAL
    std::string decisionReason;               // "best NRV 1994.45 > 0"
    Phrase decisionReasonPhrase;              // the same for the console to say in the reader's language
    std::optional<InterventionOption> chosen; // when the decision acted on (or asked approval for) this anomaly
    std::int64_t cycle = 0;
};

// The agent's own resolutions, as the audit log records them (the console words them in the reader's language).
inline constexpr const char* kResolvedPatternCleared = "pattern cleared";
inline constexpr const char* kResolvedBeforeConsoleOpened = "cleared before this console opened";

// The worst figures an anomaly has shown: its current cycle's or any past cycle's. The class, the severity and z are
// each their largest, which need not be of one cycle.
struct SeverityPeak {
    SeverityClass severityClass = SeverityClass::Low;
    double severity = 0;
    double z = 0;

    void note(const Anomaly& a) { note(SeverityPeak{a.severityClass, a.severity, a.maxAbsZ}); }
    void note(const SeverityPeak& other)
    {
        severityClass = std::max(severityClass, other.severityClass);
        severity = std::max(severity, other.severity);
        z = std::max(z, other.z);
    }
};

struct TriageItem {
    std::int64_t anomalyId = 0;
    AnomalyContext context;
    bool active = true;   // the detector still flags it
    TimeMs clearedMs = 0; // simulated time the pattern cleared (0 while active)

    TriageState state = TriageState::New;
    std::string owner;
    TimeMs acknowledgedAt = 0;
    TimeMs snoozedUntil = 0; // wall time; 0 = not snoozed
    TimeMs resolvedAt = 0;
    std::string resolvedBy; // "agent (pattern cleared)" or the operator
    std::string resolution; // the note given when resolving by hand
    TimeMs notifiedAt = 0;  // wall time of the last (re-)notification (meaningful when notifications > 0)
    int notifications = 0;
    std::vector<TriageNote> notes;
    // The worst it has been. The anomaly's own severity and z follow its latest cycle, so an outage the agent had
    // mitigated read "Low, z 0.0" while still open, sorted below minor anomalies, and read the same once resolved.
    SeverityPeak peak;

    const Anomaly& anomaly() const { return context.anomaly; }
    void notePeak() { peak.note(context.anomaly); }
    // Its severity class has come down since its worst.
    bool pastItsPeak() const { return context.anomaly.severityClass < peak.severityClass; }
    bool snoozed(TimeMs nowMs) const { return snoozedUntil > nowMs; }
    bool critical() const { return context.anomaly.severityClass == SeverityClass::Critical; }
};

void to_json(nlohmann::json& j, const TriageItem& item);
void from_json(const nlohmann::json& j, TriageItem& item);

} // namespace payops
