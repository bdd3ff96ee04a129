#include "hypothesis_tracker.h"

#include "core/json_error.h"
#include "runtime/json_codec.h"
#include "stream/dictionary.h"

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>

namespace payops {

namespace {

std::string pct(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f%%", v * 100.0);
    return buf;
}

// Two significant digits: a usual share of 0.03 % must not read as 0.0 %.
std::string smallPct(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2g%%", v * 100.0);
    return buf;
}

std::string num(double v, int decimals = 0)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

std::string subject(const Anomaly& a)
{
    switch (a.kind) {
    case DimensionKind::Issuer:
        return a.issuer;
    case DimensionKind::Method:
        return "the " + a.method + " rail";
    case DimensionKind::Path:
        return a.issuer + " " + a.method;
    case DimensionKind::Global:
        return "the payment system";
    }
    return a.dimension;
}

std::string failureCodes(const DimensionStats& s)
{
    if (s.failures() == 0 || s.topErrorCode.empty())
        return {};
    return " (top code " + s.topErrorCode + " " + std::string(ErrorCodes::meaning(s.topErrorCode)) + ", " +
           pct(s.topErrorShare) + " of failures)";
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
    const std::string who = subject(a);
    const std::string lost = num(s.failures()) + " failed of " + num(s.count) + " payments in the window";
    if (h.cause == "issuer_downtime") {
        h.rootCause = who + "'s authorisation systems are down or shedding load";
        h.failure = "authorisations are declined" + failureCodes(s);
    } else if (h.cause == "network_issues") {
        h.rootCause = "the network path to " + who + " is degraded";
        h.failure = "requests time out or fail in transit (p95 latency " + num(s.p95LatencyMs) + " ms)";
    } else if (h.cause == "excessive_retries") {
        h.rootCause = "clients and the gateway retry too aggressively on " + who;
        h.failure = "each payment is attempted " + num(1.0 + s.meanRetries, 2) + " times on average, " +
                    pct(s.highRetryShare) + " with 3 or more retries";
    } else if (h.cause == "method_failure") {
        h.rootCause = who + " is failing upstream of the issuers";
        h.failure = pct(s.failureShare) + " of payments fail" + failureCodes(s);
    } else if (h.cause == "system_overload") {
        h.rootCause = "processing capacity for " + who + " is saturated";
        h.failure = "responses slow down (p95 " + num(s.p95LatencyMs) + " ms)";
    } else {
        h.rootCause = h.cause + " affecting " + who;
        h.failure = std::string(patternName(h.pattern)) + " on " + a.dimension;
    }
    const Evidence* e = evidenceFor(a, h.pattern);
    if (e && e->metric == "p95_latency_ms")
        h.impact =
            "checkouts slow down: p95 " + num(e->value) + " ms against a baseline of " + num(e->baseline) + " ms";
    else if (e && e->metric == "cycle_mean_latency_ms")
        h.impact =
            "checkouts slow down: " + num(e->value) + " ms on average against " + num(e->baseline) + " ms expected";
    else if (e && e->metric == "cycle_slow_share")
        h.impact = "a slow tail: " + pct(e->value) + " of checkouts are far slower than the usual p95 (usually " +
                   smallPct(e->baseline) + ")";
    else
        h.impact = "success rate " + pct(s.successRate) + ", " + lost;
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
