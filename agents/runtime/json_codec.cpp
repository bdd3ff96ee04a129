#include "json_codec.h"

#include <cmath>
#include <stdexcept>

namespace payops {

using nlohmann::json;

const char* dimensionKindName(DimensionKind k)
{
    switch (k) {
    case DimensionKind::Global:
        return "global";
    case DimensionKind::Issuer:
        return "issuer";
    case DimensionKind::Method:
        return "method";
    case DimensionKind::Path:
        return "path";
    }
    return "global";
}

void to_json(json& j, const DimensionStats& s)
{
    j = {{"key", s.key},
         {"kind", dimensionKindName(s.kind)},
         {"issuer", s.issuer},
         {"method", s.method},
         {"count", s.count},
         {"success", s.success},
         {"soft_fail", s.softFail},
         {"hard_fail", s.hardFail},
         {"success_rate", s.successRate},
         {"failure_share", s.failureShare},
         {"mean_latency_ms", s.meanLatencyMs},
         {"p95_latency_ms", s.p95LatencyMs},
         {"p99_latency_ms", s.p99LatencyMs},
         {"mean_retries", s.meanRetries},
         {"high_retry_share", s.highRetryShare},
         {"top_error_code", s.topErrorCode},
         {"top_error_share", s.topErrorShare}};
}

namespace {
DimensionKind dimensionKindFrom(const std::string& name)
{
    for (auto k : {DimensionKind::Global, DimensionKind::Issuer, DimensionKind::Method, DimensionKind::Path}) {
        if (name == dimensionKindName(k))
            return k;
    }
    throw std::invalid_argument("unknown dimension kind '" + name + "'");
}
} // namespace

void from_json(const json& j, DimensionStats& s)
{
    s.key = j.at("key");
    s.kind = dimensionKindFrom(j.at("kind"));
    s.issuer = j.at("issuer");
    s.method = j.at("method");
    s.count = j.at("count");
    s.success = j.at("success");
    s.softFail = j.at("soft_fail");
    s.hardFail = j.at("hard_fail");
    s.successRate = j.at("success_rate");
    s.failureShare = j.at("failure_share");
    s.meanLatencyMs = j.at("mean_latency_ms");
    s.p95LatencyMs = j.at("p95_latency_ms");
    s.p99LatencyMs = j.at("p99_latency_ms");
    s.meanRetries = j.at("mean_retries");
    s.highRetryShare = j.at("high_retry_share");
    s.topErrorCode = j.at("top_error_code");
    s.topErrorShare = j.at("top_error_share");
}

namespace {
// DimensionScore::CycleMetric's names in snapshots, in its order.
constexpr const char* kCycleFigureNames[DimensionScore::CycleMetricCount] = {"success_rate", "mean_latency_ms",
                                                                             "mean_retries"};
} // namespace

void to_json(json& j, const DimensionScore& s)
{
    j = {{"key", s.key},
         {"scored", s.scored},
         {"anomalous", s.anomalous},
         {"success_z", s.successZ},
         {"p95_latency_z", s.p95LatencyZ},
         {"mean_retries_z", s.meanRetriesZ},
         {"volume_z", s.volumeZ},
         {"success_baseline", {s.successMean, s.successStd}},
         {"p95_baseline", {s.p95Mean, s.p95Std}},
         {"retries_baseline", {s.retriesMean, s.retriesStd}},
         {"likelihood_scores", {s.successScore, s.latencyScore, s.meanRetriesScore, s.volumeScore}},
         {"failure_code_z", s.failureCodeZ},
         {"slow_tail_z", s.slowTailZ},
         {"slow_share", {s.slowTx, s.slowTested, s.slowUsualShare}}};
    // [value, centre, half width] of each figure judged this cycle; the others are left out.
    json figures = json::object();
    for (int m = 0; m < DimensionScore::CycleMetricCount; ++m)
        if (const DimensionScore::CycleFigure& f = s.cycle[m];
            f.judged && std::isfinite(f.value) && std::isfinite(f.centre) && std::isfinite(f.halfWidth))
            figures[kCycleFigureNames[m]] = {f.value, f.centre, f.halfWidth};
    if (!figures.empty())
        j["cycle_figures"] = std::move(figures);
}

void from_json(const json& j, DimensionScore& s)
{
    s.key = j.at("key");
    s.scored = j.at("scored");
    s.anomalous = j.at("anomalous");
    s.successZ = j.at("success_z");
    s.p95LatencyZ = j.at("p95_latency_z");
    s.meanRetriesZ = j.at("mean_retries_z");
    s.volumeZ = j.at("volume_z");
    const auto pair = [&j](const char* key, double& mean, double& std) {
        const json& v = j.at(key);
        mean = v.at(0);
        std = v.at(1);
    };
    pair("success_baseline", s.successMean, s.successStd);
    pair("p95_baseline", s.p95Mean, s.p95Std);
    pair("retries_baseline", s.retriesMean, s.retriesStd);
    const json& l = j.at("likelihood_scores");
    s.successScore = l.at(0);
    s.latencyScore = l.at(1);
    s.meanRetriesScore = l.at(2);
    // Snapshots written before volume and failure codes were scored have three scores and no code z.
    s.volumeScore = l.size() > 3 ? l.at(3).get<double>() : 0.0;
    s.failureCodeZ = j.value("failure_code_z", 0.0);
    s.slowTailZ = j.value("slow_tail_z", 0.0);                     // absent before the slow tail was scored
    if (const auto slow = j.find("slow_share"); slow != j.end()) { // absent before the console charted it
        const auto count = [](const json& v) {
            if (!v.is_number_unsigned() || v.get<std::uint64_t>() > 0xffffffffULL)
                throw std::invalid_argument("slow_share: a count is not a whole number from 0 to 4294967295");
            return static_cast<std::uint32_t>(v.get<std::uint64_t>());
        };
        s.slowTx = count(slow->at(0));
        s.slowTested = count(slow->at(1));
        s.slowUsualShare = slow->at(2).get<double>();
        if (s.slowTx > s.slowTested)
            throw std::invalid_argument("slow_share: more slow transactions than were counted");
        if (!(s.slowUsualShare >= 0 && s.slowUsualShare <= 1))
            throw std::invalid_argument("slow_share: the usual share is not between 0 and 1");
    }
    if (const auto figures = j.find("cycle_figures"); figures != j.end()) { // absent before 2026-12-06
        for (int m = 0; m < DimensionScore::CycleMetricCount; ++m) {
            const auto f = figures->find(kCycleFigureNames[m]);
            if (f == figures->end())
                continue;
            // A chart's figure: one that does not read is left out, not the whole cycle with it.
            const auto number = [&](std::size_t i) {
                return f->is_array() && f->size() == 3 && f->at(i).is_number() ? f->at(i).get<double>() : NAN;
            };
            const double value = number(0), centre = number(1), halfWidth = number(2);
            if (std::isfinite(value) && std::isfinite(centre) && halfWidth >= 0 && std::isfinite(halfWidth))
                s.cycle[m] = {true, value, centre, halfWidth};
        }
    }
}

void to_json(json& j, const Evidence& e)
{
    j = {{"pattern", patternName(e.pattern)},
         {"rule", e.rule},
         {"metric", e.metric},
         {"value", e.value},
         {"baseline", e.baseline},
         {"baseline_std", e.baselineStd},
         {"z", e.z},
         {"count", e.count},
         {"dimension", e.dimension}};
    if (!e.phrase.empty())
        j["phrase"] = toJson(e.phrase);
    if (e.zFromTail) // only then: older readers and data know no such field
        j["z_from_tail"] = true;
}

void from_json(const json& j, Evidence& e)
{
    e.pattern = patternFromName(j.at("pattern")).value_or(Pattern::IssuerDegradation);
    e.rule = j.at("rule");
    e.metric = j.at("metric");
    e.value = j.at("value");
    e.baseline = j.at("baseline");
    e.baselineStd = j.at("baseline_std");
    e.z = j.at("z");
    e.count = j.at("count");
    e.dimension = j.at("dimension");
    e.phrase = phraseSaying(j, "phrase", e.rule);
    e.zFromTail = j.value("z_from_tail", false);
}

void to_json(json& j, const Anomaly& a)
{
    json patterns = json::array();
    for (auto p : a.patterns)
        patterns.push_back(patternName(p));
    j = {{"id", a.id},
         {"dimension", a.dimension},
         {"patterns", patterns},
         {"severity", a.severity},
         {"severity_class", severityClassName(a.severityClass)},
         {"confidence", a.confidence},
         {"max_abs_z", a.maxAbsZ},
         {"started_ms", a.startedMs},
         {"last_seen_ms", a.lastSeenMs},
         {"cycles", a.cycles},
         {"evidence", a.evidence},
         {"stats", a.stats}};
}

void from_json(const json& j, Anomaly& a)
{
    a.id = j.at("id");
    a.dimension = j.at("dimension");
    a.patterns.clear();
    for (const auto& p : j.at("patterns")) {
        if (auto pattern = patternFromName(p.get<std::string>()))
            a.patterns.push_back(*pattern);
    }
    // A pattern this build does not know is left out (a newer agent may send one), but an anomaly needs one: the
    // console names and charts it by its primary pattern.
    if (a.patterns.empty())
        throw std::invalid_argument("anomaly " + j.at("id").dump() + " has no pattern this console knows");
    a.severity = j.at("severity");
    // An unknown class (a newer agent's) reads as the lowest rather than refusing the anomaly.
    a.severityClass = severityClassFromName(j.at("severity_class")).value_or(SeverityClass::Low);
    a.confidence = j.at("confidence");
    a.maxAbsZ = j.at("max_abs_z");
    a.startedMs = j.at("started_ms");
    a.lastSeenMs = j.at("last_seen_ms");
    a.cycles = j.at("cycles");
    a.evidence = j.at("evidence").get<std::vector<Evidence>>();
    a.stats = j.at("stats").get<DimensionStats>();
    a.kind = a.stats.kind;
    a.issuer = a.stats.issuer;
    a.method = a.stats.method;
}

void to_json(json& j, const Hypothesis& h)
{
    j = {{"id", h.id},
         {"anomaly_id", h.anomalyId},
         {"dimension", h.dimension},
         {"pattern", patternName(h.pattern)},
         {"cause", h.cause},
         {"confidence", h.confidence},
         {"expected_impact",
          {{"success", h.successImpact},
           {"latency_ms", h.latencyImpactMs},
           {"cost", h.costImpact},
           {"risk", h.riskImpact}}},
         {"root_cause", h.rootCause},
         {"failure", h.failure},
         {"impact", h.impact},
         {"created_ms", h.createdMs},
         {"resolved_ms", h.resolvedMs ? json(*h.resolvedMs) : json(nullptr)}};
    if (!h.rootCausePhrase.empty())
        j["phrases"] = {{"root_cause", toJson(h.rootCausePhrase)},
                        {"failure", toJson(h.failurePhrase)},
                        {"impact", toJson(h.impactPhrase)}};
}

void from_json(const json& j, Hypothesis& h)
{
    h.id = j.at("id");
    h.anomalyId = j.at("anomaly_id");
    h.dimension = j.at("dimension");
    h.pattern = patternFromName(j.at("pattern")).value_or(Pattern::IssuerDegradation);
    h.cause = j.at("cause");
    h.confidence = j.at("confidence");
    const auto& e = j.at("expected_impact");
    h.successImpact = e.at("success");
    h.latencyImpactMs = e.at("latency_ms");
    h.costImpact = e.at("cost");
    h.riskImpact = e.at("risk");
    h.rootCause = j.at("root_cause");
    h.failure = j.at("failure");
    h.impact = j.at("impact");
    if (const auto phrases = j.find("phrases"); phrases != j.end() && phrases->is_object()) {
        h.rootCausePhrase = phraseSaying(*phrases, "root_cause", h.rootCause);
        h.failurePhrase = phraseSaying(*phrases, "failure", h.failure);
        h.impactPhrase = phraseSaying(*phrases, "impact", h.impact);
    }
    h.createdMs = j.at("created_ms");
    if (!j.at("resolved_ms").is_null())
        h.resolvedMs = j.at("resolved_ms").get<TimeMs>();
}

void to_json(json& j, const PreMortem& p)
{
    j = {{"risk", p.risk}, {"worst_cases", p.worstCases}, {"mitigations", p.mitigations}};
}

void from_json(const json& j, PreMortem& p)
{
    p.risk = j.at("risk");
    p.worstCases = j.at("worst_cases").get<std::vector<std::string>>();
    p.mitigations = j.at("mitigations").get<std::vector<std::string>>();
}

void to_json(json& j, const InterventionOption& o)
{
    j = {{"type", o.type},
         {"target", o.target},
         {"alternative", o.alternative},
         {"duration_ms", o.durationMs},
         {"expected", {{"success", o.successImpact}, {"latency_ms", o.latencyImpactMs}, {"cost", o.costImpact}}},
         {"confidence", o.confidence},
         {"risk", o.risk},
         {"friction", o.friction},
         {"blast_radius", o.blastRadius},
         {"reversible", o.reversible},
         {"max_retries", o.maxRetries},
         {"anomaly_ids", o.anomalyIds},
         {"rationale", o.rationale},
         {"nrv", o.nrv},
         {"magnitude", o.magnitude},
         {"pre_mortem", o.preMortem},
         {"allowed", o.allowed},
         {"refused_because", o.refusedBecause},
         {"approval_reasons", o.approvalReasons}};
    if (!o.refusedPhrase.empty())
        j["refused_phrase"] = toJson(o.refusedPhrase);
    if (!o.approvalReasonPhrases.empty())
        j["approval_reason_phrases"] = toJson(o.approvalReasonPhrases);
}

void from_json(const json& j, InterventionOption& o)
{
    o.type = j.at("type");
    o.target = j.at("target");
    o.alternative = j.at("alternative");
    o.durationMs = j.at("duration_ms");
    const auto& e = j.at("expected");
    o.successImpact = e.at("success");
    o.latencyImpactMs = e.at("latency_ms");
    o.costImpact = e.at("cost");
    o.confidence = j.at("confidence");
    o.risk = j.at("risk");
    o.friction = j.at("friction");
    o.blastRadius = j.at("blast_radius");
    o.reversible = j.at("reversible");
    o.maxRetries = j.at("max_retries");
    o.anomalyIds = j.at("anomaly_ids").get<std::vector<std::int64_t>>();
    o.rationale = j.at("rationale");
    o.nrv = j.at("nrv");
    o.magnitude = j.at("magnitude");
    o.preMortem = j.at("pre_mortem").get<PreMortem>();
    o.allowed = j.at("allowed");
    o.refusedBecause = j.at("refused_because");
    o.approvalReasons = j.at("approval_reasons").get<std::vector<std::string>>();
    o.refusedPhrase = phraseSaying(j, "refused_phrase", o.refusedBecause);
    o.approvalReasonPhrases = phrasesSaying(j, "approval_reason_phrases", o.approvalReasons);
}

void to_json(json& j, const Decision& d)
{
    j = {{"kind", decisionKindName(d.kind)},
         {"reason", d.reason},
         {"forced_by_frequency", d.forcedByFrequency},
         {"quiet_cycles_before", d.quietCyclesBefore},
         {"chosen", d.chosen ? json(*d.chosen) : json(nullptr)}};
    if (!d.reasonPhrase.empty())
        j["reason_phrase"] = toJson(d.reasonPhrase);
}

void from_json(const json& j, Decision& d)
{
    const std::string kind = j.at("kind");
    d.kind = DecisionKind::NoAction;
    for (auto k : {DecisionKind::NoAction, DecisionKind::Act, DecisionKind::AwaitApproval}) {
        if (kind == decisionKindName(k))
            d.kind = k;
    }
    d.reason = j.at("reason");
    d.reasonPhrase = phraseSaying(j, "reason_phrase", d.reason);
    d.forcedByFrequency = j.at("forced_by_frequency");
    d.quietCyclesBefore = j.at("quiet_cycles_before");
    d.chosen.reset();
    if (const json& c = j.at("chosen"); !c.is_null())
        d.chosen = c.get<InterventionOption>();
}

void to_json(json& j, const CumulativeCounters& c)
{
    j = {c.count, c.success, c.latencySum};
}

void from_json(const json& j, CumulativeCounters& c)
{
    c.count = j.at(0);
    c.success = j.at(1);
    c.latencySum = j.at(2);
}

void to_json(json& j, const Intervention& i)
{
    j = {{"id", i.id},
         {"option", i.option},
         {"source", i.source},
         {"applied_ms", i.appliedMs},
         {"expires_ms", i.expiresMs},
         {"state", interventionStateName(i.state)},
         {"ended_ms", i.endedMs},
         {"ended_by", i.endedBy},
         {"end_reason", i.endReason},
         {"counters_before", i.countersBefore},
         {"counters_at_apply", i.countersAtApply},
         {"evaluated", i.evaluated}};
}

void from_json(const json& j, Intervention& i)
{
    i.id = j.at("id");
    i.option = j.at("option").get<InterventionOption>();
    i.source = j.at("source");
    i.appliedMs = j.at("applied_ms");
    i.expiresMs = j.at("expires_ms");
    const std::string state = j.at("state");
    for (auto s : {InterventionState::Active, InterventionState::Expired, InterventionState::RolledBack,
                   InterventionState::Completed}) {
        if (state == interventionStateName(s))
            i.state = s;
    }
    i.endedMs = j.at("ended_ms");
    i.endedBy = j.at("ended_by");
    i.endReason = j.at("end_reason");
    i.countersBefore = j.at("counters_before").get<CumulativeCounters>();
    i.countersAtApply = j.at("counters_at_apply").get<CumulativeCounters>();
    i.evaluated = j.at("evaluated");
}

void to_json(json& j, const ApprovalRequest& r)
{
    j = {{"id", r.id},
         {"option", r.option},
         {"config_version", r.configVersion},
         {"created_ms", r.createdMs},
         {"expires_ms", r.expiresMs},
         {"state", approvalStateName(r.state)},
         {"decided_ms", r.decidedMs},
         {"decided_by", r.decidedBy},
         {"reason", r.reason},
         {"intervention_id", r.interventionId ? json(*r.interventionId) : json(nullptr)},
         {"summary", r.summary()}};
}

void from_json(const json& j, ApprovalRequest& r)
{
    r.id = j.at("id");
    r.option = j.at("option").get<InterventionOption>();
    r.configVersion = j.at("config_version");
    r.createdMs = j.at("created_ms");
    r.expiresMs = j.at("expires_ms");
    const std::string state = j.at("state");
    for (auto s : {ApprovalState::Pending, ApprovalState::Approved, ApprovalState::Rejected, ApprovalState::Expired}) {
        if (state == approvalStateName(s))
            r.state = s;
    }
    r.decidedMs = j.at("decided_ms");
    r.decidedBy = j.at("decided_by");
    r.reason = j.at("reason");
    if (!j.at("intervention_id").is_null())
        r.interventionId = j.at("intervention_id").get<std::int64_t>();
}

void to_json(json& j, const LearningResult& r)
{
    j = {{"intervention_id", r.interventionId},
         {"type", r.type},
         {"evaluated_ms", r.evaluatedMs},
         {"expected", {{"success_delta", r.expectedSuccessDelta}, {"latency_delta_ms", r.expectedLatencyDeltaMs}}},
         {"actual", {{"success_delta", r.actualSuccessDelta}, {"latency_delta_ms", r.actualLatencyDeltaMs}}},
         {"before_count", r.beforeCount},
         {"after_count", r.afterCount},
         {"accuracy", r.accuracy},
         {"success", r.success},
         {"unexpected", r.unexpected},
         {"confidence_before", r.confidenceBefore},
         {"confidence_after", r.confidenceAfter},
         {"rollback", r.rollback},
         {"rollback_reason", r.rollbackReason}};
}

} // namespace payops
