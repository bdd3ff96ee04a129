// JSON form of triage items and silences: what TriageStore keeps in SQLite and what the audit log records.

#include "runtime/json_codec.h"
#include "triage/silence.h"
#include "triage/triage_item.h"

#include <nlohmann/json.hpp>

namespace payops {

using nlohmann::json;

std::string personOf(const std::string& actorOrName)
{
    constexpr std::string_view kOperator = "operator:";
    return actorOrName.rfind(kOperator, 0) == 0 ? actorOrName.substr(kOperator.size()) : actorOrName;
}

const char* triageStateName(TriageState s)
{
    switch (s) {
    case TriageState::New:
        return "new";
    case TriageState::Acknowledged:
        return "acknowledged";
    case TriageState::Resolved:
        return "resolved";
    }
    return "new";
}

std::optional<TriageState> triageStateFromName(const std::string& name)
{
    for (auto s : {TriageState::New, TriageState::Acknowledged, TriageState::Resolved}) {
        if (name == triageStateName(s))
            return s;
    }
    return std::nullopt;
}

void to_json(json& j, const TriageItem& item)
{
    const AnomalyContext& c = item.context;
    json notes = json::array();
    for (const TriageNote& n : item.notes)
        notes.push_back({{"time_ms", n.timeMs}, {"author", n.author}, {"text", n.text}});
    j = json{{"anomaly_id", item.anomalyId},
             {"anomaly", c.anomaly},
             {"hypotheses", c.hypotheses},
             {"options", c.options},
             {"decision_kind", c.decisionKind},
             {"decision_reason", c.decisionReason},
             {"chosen", c.chosen ? json(*c.chosen) : json(nullptr)},
             {"cycle", c.cycle},
             {"active", item.active},
             {"cleared_ms", item.clearedMs},
             {"state", triageStateName(item.state)},
             {"owner", item.owner},
             {"acknowledged_at", item.acknowledgedAt},
             {"snoozed_until", item.snoozedUntil},
             {"resolved_at", item.resolvedAt},
             {"resolved_by", item.resolvedBy},
             {"resolution", item.resolution},
             {"notified_at", item.notifiedAt},
             {"notifications", item.notifications},
             {"notes", notes},
             {"peak_class", severityClassName(item.peak.severityClass)},
             {"peak_severity", item.peak.severity},
             {"peak_z", item.peak.z}};
    if (!c.decisionReasonPhrase.empty())
        j["decision_reason_phrase"] = toJson(c.decisionReasonPhrase);
}

void from_json(const json& j, TriageItem& item)
{
    item.anomalyId = j.at("anomaly_id").get<std::int64_t>();
    AnomalyContext& c = item.context;
    c.anomaly = j.at("anomaly").get<Anomaly>();
    c.hypotheses = j.at("hypotheses").get<std::vector<Hypothesis>>();
    c.options = j.at("options").get<std::vector<InterventionOption>>();
    c.decisionKind = j.at("decision_kind").get<std::string>();
    c.decisionReason = j.at("decision_reason").get<std::string>();
    c.decisionReasonPhrase = phraseSaying(j, "decision_reason_phrase", c.decisionReason);
    if (!j.at("chosen").is_null())
        c.chosen = j.at("chosen").get<InterventionOption>();
    c.cycle = j.at("cycle").get<std::int64_t>();
    item.active = j.at("active").get<bool>();
    item.clearedMs = j.at("cleared_ms").get<TimeMs>();
    const auto state = triageStateFromName(j.at("state").get<std::string>());
    if (!state)
        throw json::other_error::create(501, "unknown triage state " + j.at("state").dump(), &j);
    item.state = *state;
    item.owner = j.at("owner").get<std::string>();
    item.acknowledgedAt = j.at("acknowledged_at").get<TimeMs>();
    item.snoozedUntil = j.at("snoozed_until").get<TimeMs>();
    item.resolvedAt = j.at("resolved_at").get<TimeMs>();
    item.resolvedBy = j.at("resolved_by").get<std::string>();
    item.resolution = j.at("resolution").get<std::string>();
    item.notifiedAt = j.at("notified_at").get<TimeMs>();
    item.notifications = j.at("notifications").get<int>();
    // Items saved before peaks were kept start from their last figures.
    item.peak.severityClass = c.anomaly.severityClass;
    if (j.contains("peak_class")) {
        const auto peak = severityClassFromName(j.at("peak_class").get<std::string>());
        if (!peak)
            throw json::other_error::create(501, "unknown severity " + j.at("peak_class").dump(), &j);
        item.peak.severityClass = *peak;
    }
    item.peak.severity = j.value("peak_severity", c.anomaly.severity);
    item.peak.z = j.value("peak_z", c.anomaly.maxAbsZ);
    item.notePeak();
    item.notes.clear();
    for (const json& n : j.at("notes"))
        item.notes.push_back(
            {n.at("time_ms").get<TimeMs>(), n.at("author").get<std::string>(), n.at("text").get<std::string>()});
}

void to_json(json& j, const Silence& s)
{
    j = json{{"id", s.id},
             {"pattern", s.pattern ? json(patternName(*s.pattern)) : json(nullptr)},
             {"dimension", s.dimension},
             {"created_at", s.createdAt},
             {"expires_at", s.expiresAt},
             {"author", s.author},
             {"comment", s.comment}};
}

void from_json(const json& j, Silence& s)
{
    s.id = j.at("id").get<std::int64_t>();
    s.pattern.reset();
    if (!j.at("pattern").is_null()) {
        s.pattern = patternFromName(j.at("pattern").get<std::string>());
        if (!s.pattern)
            throw json::other_error::create(501, "unknown pattern " + j.at("pattern").dump(), &j);
    }
    s.dimension = j.at("dimension").get<std::string>();
    s.createdAt = j.at("created_at").get<TimeMs>();
    s.expiresAt = j.at("expires_at").get<TimeMs>();
    s.author = j.at("author").get<std::string>();
    s.comment = j.at("comment").get<std::string>();
}

} // namespace payops
