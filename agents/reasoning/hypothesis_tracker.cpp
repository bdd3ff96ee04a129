#include "hypothesis_tracker.h"

#include "core/json_error.h"
#include "runtime/json_codec.h"
#include "stream/dictionary.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace payops {

namespace {

// "54.1%": as the console writes a percentage, which the reader's language spaces its own way.
Phrase::Arg pct(double v)
{
    return phrase::nested(makePhrase(QT_TRANSLATE_NOOP("payops::Phrase", "%1%"), {phrase::fixed(v * 100.0, 1)}));
}

// Two significant digits: a usual share of 0.03 % must not read as 0.0 %.
Phrase::Arg smallPct(double v)
{
    return phrase::nested(makePhrase(QT_TRANSLATE_NOOP("payops::Phrase", "%1%"), {phrase::significant(v * 100.0, 2)}));
}

Phrase::Arg subject(const Anomaly& a)
{
    switch (a.kind) {
    case DimensionKind::Issuer:
        return phrase::text(a.issuer);
    case DimensionKind::Method:
        return phrase::nested(makePhrase(QT_TRANSLATE_NOOP("payops::Phrase", "the %1 rail"), {phrase::text(a.method)}));
    case DimensionKind::Path:
        return phrase::nested(makePhrase("%1 %2", {phrase::text(a.issuer), phrase::text(a.method)}));
    case DimensionKind::Global:
        return phrase::nested(makePhrase(QT_TRANSLATE_NOOP("payops::Phrase", "the payment system")));
    }
    return phrase::text(a.dimension);
}

// The window's top failure code, its meaning and its share of failures; nothing without failures.
std::optional<std::vector<Phrase::Arg>> topCode(const DimensionStats& s)
{
    if (s.failures() == 0 || s.topErrorCode.empty())
        return std::nullopt;
    return std::vector<Phrase::Arg>{phrase::text(s.topErrorCode),
                                    phrase::nested(makePhrase(ErrorCodes::meaning(s.topErrorCode).data())),
                                    pct(s.topErrorShare)};
}

const Evidence* evidenceFor(const Anomaly& a, Pattern p)
{
    for (const auto& e : a.evidence) {
        if (e.pattern == p && e.dimension == a.dimension)
            return &e;
    }
    return nullptr;
}

} // namespace

void HypothesisTracker::frame(Hypothesis& h, const Anomaly& a)
{
    const DimensionStats& s = a.stats;
    const Phrase::Arg who = subject(a);
    const auto num = [](double v, int decimals = 0) { return phrase::fixed(v, decimals); };
    const auto codes = topCode(s);
    // "declined (top code 91 issuer unavailable, 54.1% of failures)": the failure with its top code, if it has one.
    const auto withCodes = [&](const char* plain, const char* coded, std::vector<Phrase::Arg> args) {
        if (!codes)
            return makePhrase(plain, std::move(args));
        args.insert(args.end(), codes->begin(), codes->end());
        return makePhrase(coded, std::move(args));
    };
    Phrase rootCause, failure, impact;
    if (h.cause == "issuer_downtime") {
        rootCause = makePhrase(
            QT_TRANSLATE_NOOP("payops::Phrase", "%1's authorisation systems are down or shedding load"), {who});
        failure = withCodes(
            QT_TRANSLATE_NOOP("payops::Phrase", "authorisations are declined"),
            QT_TRANSLATE_NOOP("payops::Phrase", "authorisations are declined (top code %1 %2, %3 of failures)"), {});
    } else if (h.cause == "network_issues") {
        rootCause = makePhrase(QT_TRANSLATE_NOOP("payops::Phrase", "the network path to %1 is degraded"), {who});
        failure =
            makePhrase(QT_TRANSLATE_NOOP("payops::Phrase", "requests time out or fail in transit (p95 latency %1 ms)"),
                       {num(s.p95LatencyMs)});
    } else if (h.cause == "excessive_retries") {
        rootCause = makePhrase(
            QT_TRANSLATE_NOOP("payops::Phrase", "clients and the gateway retry too aggressively on %1"), {who});
        failure =
            makePhrase(QT_TRANSLATE_NOOP("payops::Phrase",
                                         "each payment is attempted %1 times on average, %2 with 3 or more retries"),
                       {num(1.0 + s.meanRetries, 2), pct(s.highRetryShare)});
    } else if (h.cause == "method_failure") {
        rootCause = makePhrase(QT_TRANSLATE_NOOP("payops::Phrase", "%1 is failing upstream of the issuers"), {who});
        failure = withCodes(QT_TRANSLATE_NOOP("payops::Phrase", "%1 of payments fail"),
                            QT_TRANSLATE_NOOP("payops::Phrase", "%1 of payments fail (top code %2 %3, %4 of failures)"),
                            {pct(s.failureShare)});
    } else if (h.cause == "system_overload") {
        rootCause = makePhrase(QT_TRANSLATE_NOOP("payops::Phrase", "processing capacity for %1 is saturated"), {who});
        failure =
            makePhrase(QT_TRANSLATE_NOOP("payops::Phrase", "responses slow down (p95 %1 ms)"), {num(s.p95LatencyMs)});
    } else {
        rootCause = makePhrase(QT_TRANSLATE_NOOP("payops::Phrase", "%1 affecting %2"), {phrase::text(h.cause), who});
        failure = makePhrase(QT_TRANSLATE_NOOP("payops::Phrase", "%1 on %2"),
                             {phrase::text(patternName(h.pattern)), phrase::text(a.dimension)});
    }
    const Evidence* e = evidenceFor(a, h.pattern);
    if (e && e->metric == "p95_latency_ms")
        impact = makePhrase(
            QT_TRANSLATE_NOOP("payops::Phrase", "checkouts slow down: p95 %1 ms against a baseline of %2 ms"),
            {num(e->value), num(e->baseline)});
    else if (e && e->metric == "cycle_mean_latency_ms")
        impact = makePhrase(
            QT_TRANSLATE_NOOP("payops::Phrase", "checkouts slow down: %1 ms on average against %2 ms expected"),
            {num(e->value), num(e->baseline)});
    else if (e && e->metric == "cycle_slow_share")
        impact =
            makePhrase(QT_TRANSLATE_NOOP("payops::Phrase",
                                         "a slow tail: %1 of checkouts are far slower than the usual p95 (usually %2)"),
                       {pct(e->value), smallPct(e->baseline)});
    else
        impact =
            makePhrase(QT_TRANSLATE_NOOP("payops::Phrase", "success rate %1, %2 failed of %3 payments in the window"),
                       {pct(s.successRate), num(s.failures()), num(s.count)});
    h.rootCause = rootCause.english();
    h.failure = failure.english();
    h.impact = impact.english();
    h.rootCausePhrase = std::move(rootCause);
    h.failurePhrase = std::move(failure);
    h.impactPhrase = std::move(impact);
}

HypothesisUpdate HypothesisTracker::update(const std::vector<Anomaly>& active, TimeMs nowMs)
{
    HypothesisUpdate out;
    std::vector<Hypothesis> next;
    for (const auto& a : active) {
        for (Pattern p : a.patterns) {
            for (const auto& t : m_templates) {
                if (t.pattern != patternName(p))
                    continue;
                auto same = [&](const Hypothesis& h) {
                    return h.dimension == a.dimension && h.pattern == p && h.cause == t.cause;
                };
                auto it = std::find_if(m_active.begin(), m_active.end(), same);
                Hypothesis h;
                if (it != m_active.end()) {
                    h = *it;
                } else {
                    h.id = m_nextId++;
                    h.createdMs = nowMs;
                    h.dimension = a.dimension;
                    h.pattern = p;
                    h.cause = t.cause;
                }
                h.anomalyId = a.id;
                h.confidence = t.confidence;
                h.successImpact = t.successImpact;
                h.latencyImpactMs = t.latencyImpactMs;
                h.costImpact = t.costImpact;
                h.riskImpact = t.riskImpact;
                frame(h, a);
                next.push_back(h);
            }
        }
    }
    for (auto& h : m_active) {
        const bool stillActive =
            std::any_of(next.begin(), next.end(), [&](const Hypothesis& n) { return n.id == h.id; });
        if (!stillActive) {
            h.resolvedMs = nowMs;
            out.resolvedNow.push_back(h);
            m_resolved.push_back(h);
            if (m_resolved.size() > kResolvedHistory)
                m_resolved.pop_front();
        }
    }
    m_active = std::move(next);
    out.active = m_active;
    if (!m_active.empty()) {
        double sum = 0, spread = 0;
        for (const auto& h : m_active) {
            sum += h.confidence;
            spread += (h.confidence - 0.5) * (h.confidence - 0.5);
        }
        const double n = static_cast<double>(m_active.size());
        out.systemHealth = 1.0 - 0.5 * (sum / n);
        out.uncertainty = std::min(1.0, 2.0 * spread / n);
    }
    return out;
}

nlohmann::json HypothesisTracker::saveState() const
{
    return {{"active", m_active}, {"resolved", m_resolved}, {"next_id", m_nextId}};
}

Status HypothesisTracker::restoreState(const nlohmann::json& state)
{
    try {
        m_active = state.at("active").get<std::vector<Hypothesis>>();
        m_resolved = state.at("resolved").get<std::deque<Hypothesis>>();
        m_nextId = state.at("next_id").get<std::int64_t>();
    } catch (const nlohmann::json::exception& e) {
        return Error{std::string("hypothesis state is damaged: ") + jsonErrorText(e)};
    }
    return {};
}

} // namespace payops
