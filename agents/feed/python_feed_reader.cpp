#include "python_feed_reader.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

namespace payops::feed {

using nlohmann::json;

namespace {

// A number under `key`: required ones must be there, optional ones may be missing or null.
Result<std::optional<double>> number(const json& j, const char* key, bool required)
{
    const auto it = j.find(key);
    if (it == j.end() || it->is_null()) {
        if (required)
            return Error{std::string("\"") + key + "\" is missing"};
        return std::optional<double>{};
    }
    if (!it->is_number())
        return Error{std::string("\"") + key + "\" is not a number"};
    const double v = it->get<double>();
    if (!std::isfinite(v))
        return Error{std::string("\"") + key + "\" is not finite"};
    return std::optional<double>{v};
}

std::vector<double> numbers(const json& j, const char* key)
{
    std::vector<double> out;
    const auto it = j.find(key);
    if (it == j.end() || !it->is_array())
        return out;
    for (const json& v : *it)
        if (v.is_number())
            out.push_back(v.get<double>());
    return out;
}

std::string text(const json& j, const char* key)
{
    const auto it = j.find(key);
    if (it == j.end())
        return {};
    if (it->is_string())
        return it->get<std::string>();
    if (it->is_number())
        return it->dump();
    return {};
}

// Year 5138: beyond any real clock, and far below the milliseconds of today (1.7e12).
constexpr double kLatestTimestampS = 1e11;

} // namespace

PythonFeedReader::PythonFeedReader(DetectorConfig detector, TimeMs windowMs)
    : m_detector(std::move(detector)), m_windowMs(windowMs)
{
}

Result<CycleSnapshot> PythonFeedReader::read(const std::string& message)
{
    json j;
    try {
        j = json::parse(message);
    } catch (const json::parse_error& e) {
        return Error{"not JSON (byte " + std::to_string(e.byte) + ")"};
    } catch (const json::exception& e) {
        // A number too large for a double (1e999) throws out_of_range, not parse_error: uncaught, it ended the
        // console.
        std::string why = e.what();
        if (const auto bracket = why.find("] "); bracket != std::string::npos)
            why.erase(0, bracket + 2); // nlohmann's "[json.exception.out_of_range.406] " tag
        return Error{"not readable JSON: " + why};
    }
    if (!j.is_object())
        return Error{"not a JSON object"};
    auto ts = number(j, "timestamp", true);
    if (!ts)
        return ts.failure();
    auto failPct = number(j, "fail_rate", true);
    if (!failPct)
        return failPct.failure();
    auto volume = number(j, "total_volume", true);
    if (!volume)
        return volume.failure();
    for (const char* key : {"nrv", "confidence"})
        if (auto v = number(j, key, false); !v)
            return v.failure();
    if (**failPct < 0 || **failPct > 100)
        return Error{"\"fail_rate\" is a percentage, not " + std::to_string(**failPct)};
    if (**volume < 0)
        return Error{"\"total_volume\" is negative"};
    // The feed sends seconds since 1970. One in milliseconds (or far beyond any clock) is refused: taken, every later
    // message would be "not after" it, and 1e17 s overflowed the window's arithmetic.
    if (**ts < 0 || **ts >= kLatestTimestampS)
        return Error{"\"timestamp\" " + std::to_string(**ts) + " is not seconds since 1970 (milliseconds?)"};
    const TimeMs now = static_cast<TimeMs>(std::llround(**ts * 1000.0));
    if (m_cycle > 0 && now <= m_lastMs)
        return Error{"timestamp " + std::to_string(**ts) + " is not after the previous message's"};

    std::string gateway = text(j, "active_gateway");
    if (gateway.empty())
        gateway = "gateway";
    auto known = std::find(m_gateways.begin(), m_gateways.end(), gateway);
    if (known == m_gateways.end())
        known = m_gateways.insert(m_gateways.end(), gateway);
    const auto gatewayIndex = static_cast<std::size_t>(known - m_gateways.begin());

    // The window's traffic per gateway from the cumulative counter; a counter that went down means the feed
    // restarted, and its new value is what came since. After a gap longer than the window (the link was down, the
    // feed stalled) the increase is traffic at unknown times, none of it in the window: put into this one slice it
    // showed a minute of many times the usual volume, which the detector learned, credited to whichever gateway was
    // active now. A shorter gap's increase is in the window either way, and its total stays right.
    const bool afterGap = m_cycle > 0 && now - m_lastMs > m_windowMs;
    double delta = 0;
    if (m_lastRawVolume >= 0 && !afterGap)
        delta = **volume >= m_lastRawVolume ? **volume - m_lastRawVolume : **volume;
    m_lastRawVolume = **volume;
    m_window.push_back({now, delta, gatewayIndex});
    while (!m_window.empty() && m_window.front().timeMs <= now - m_windowMs)
        m_window.pop_front();
    std::vector<double> volumes(m_gateways.size(), 0.0);
    for (const Slice& slice : m_window)
        volumes[slice.gateway] += slice.volume;
    const auto countOf = [&volumes](std::size_t g) {
        return static_cast<std::uint32_t>(std::llround(std::max(0.0, volumes[g])));
    };

    const double successRate = 1.0 - **failPct / 100.0;
    const std::vector<double> latency = numbers(j, "latency_series");
    DimensionStats rates;
    rates.successRate = successRate;
    rates.failureShare = 1.0 - successRate;
    if (!latency.empty()) {
        double sum = 0;
        for (double v : latency)
            sum += v;
        rates.meanLatencyMs = sum / static_cast<double>(latency.size());
        rates.p95LatencyMs = latency.back();
        rates.p99LatencyMs = *std::max_element(latency.begin(), latency.end());
    }
    // A gateway's rates are those it had while active; with nothing in its window it has none.
    const auto withCount = [](DimensionStats st, std::uint32_t count) {
        if (count == 0)
            return DimensionStats{};
        st.count = count;
        st.success = static_cast<std::uint32_t>(std::llround(count * st.successRate));
        st.hardFail = count - std::min(count, st.success);
        return st;
    };
    const std::uint32_t total = countOf(gatewayIndex); // the traffic the known rates describe

    CycleSnapshot s;
    s.cycle = ++m_cycle;
    if (s.cycle == 1)
        m_firstMs = now;
    m_lastMs = now;
    s.timeMs = now;
    s.elapsedMs = now - m_firstMs;
    s.scenario = "python-feed";
    s.windowTransactions = total;
    DimensionStats global = withCount(rates, total);
    global.key = dimensionKey(DimensionKind::Global, {}, {});
    global.kind = DimensionKind::Global;
    s.stats.push_back(global);
    for (std::size_t g = 0; g < m_gateways.size(); ++g) {
        // Rates are known for the active gateway only: one the agent moved away from has none to show.
        DimensionStats st = g == gatewayIndex ? withCount(rates, countOf(g)) : DimensionStats{};
        st.key = dimensionKey(DimensionKind::Issuer, m_gateways[g], {});
        st.kind = DimensionKind::Issuer;
        st.issuer = m_gateways[g];
        s.stats.push_back(std::move(st));
    }

    DetectionResult detection = m_detector.detect(s.stats, now);
    // Then each other gateway's traffic in the window, for the Volume column and chart: it read 0 for the minute its
    // transactions were still in the window. Without rates, which the feed sends for the active gateway only; after
    // detection, which has nothing to judge in a count alone.
    for (std::size_t g = 0; g < m_gateways.size(); ++g) {
        if (g == gatewayIndex || countOf(g) == 0)
            continue;
        DimensionStats& st = s.stats[1 + g]; // after the global row, in the order of m_gateways
        st.count = countOf(g);
        st.ratesKnown = false;
    }
    double severitySum = 0;
    for (const std::string& g : m_gateways) {
        IssuerHealth h;
        h.issuer = g;
        const std::string key = dimensionKey(DimensionKind::Issuer, g, {});
        for (const Anomaly& a : detection.active) {
            if (a.dimension != key)
                continue;
            h.state = a.severityClass == SeverityClass::Critical ? HealthState::Down : HealthState::Degraded;
            for (const Evidence& e : a.evidence)
                h.reasons.push_back(e.rule);
        }
        if (g != gateway)
            h.reasons.push_back("the agent moved its traffic to " + gateway);
        s.issuerHealth.push_back(std::move(h));
    }
    for (const Anomaly& a : detection.active)
        severitySum += a.severity;
    s.systemHealth =
        detection.active.empty() ? 1.0 : 1.0 - 0.5 * severitySum / static_cast<double>(detection.active.size());
    s.scores = std::move(detection.scores);
    s.anomalies = std::move(detection.active);
    s.clearedAnomalies = std::move(detection.cleared);

    // Interventions: those already in the history when the console joined, or new after a gap longer than the
    // window, happened at times it cannot place.
    if (const auto h = j.find("intervention_history"); h != j.end() && h->is_array()) {
        for (const json& e : *h) {
            if (!e.is_object())
                continue;
            const std::string id =
                text(e, "ts") + "|" + text(e, "action") + "|" + text(e, "target") + "|" + text(e, "reason");
            if (!m_interventionsSeen.insert(id).second || s.cycle == 1 || afterGap)
                continue;
            Intervention i;
            i.id = m_nextInterventionId++;
            i.option.type = text(e, "action").empty() ? "intervention" : text(e, "action");
            const std::string target = text(e, "target");
            i.option.target = std::find(m_gateways.begin(), m_gateways.end(), target) != m_gateways.end()
                                  ? dimensionKey(DimensionKind::Issuer, target, {})
                                  : "system";
            i.option.rationale = text(e, "reason");
            i.source = "python agent (" + text(e, "result") + ")";
            i.appliedMs = now;
            i.expiresMs = now; // the feed says nothing of how long it lasts
            s.activeInterventions.push_back(i);
            s.executed = i;
        }
    }

    m_summary.gateway = gateway;
    m_summary.nrv = number(j, "nrv", false).value().value_or(0);
    m_summary.confidencePct = number(j, "confidence", false).value().value_or(0);
    if (const auto t = j.find("thinking_log"); t != j.end() && t->is_array() && !t->empty() && t->back().is_string())
        m_summary.lastThought = t->back().get<std::string>();
    return s;
}

} // namespace payops::feed
