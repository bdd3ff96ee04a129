#include "metric_history.h"

#include <algorithm>

namespace payops {

const char* metricName(Metric m)
{
    switch (m) {
    case Metric::SuccessRate:
        return "success_rate";
    case Metric::P95Latency:
        return "p95_latency_ms";
    case Metric::MeanRetries:
        return "mean_retries";
    case Metric::Volume:
        return "volume";
    }
    return "success_rate";
}

MetricHistory::MetricHistory(TimeMs retentionMs) : m_retentionMs(retentionMs) {}

std::string MetricHistory::dimensionOfTarget(const std::string& target)
{
    if (target == "system" || target == "ops_team" || target.empty())
        return "global";
    return target;
}

void MetricHistory::append(const CycleSnapshot& s)
{
    m_latestMs = s.timeMs;
    std::unordered_map<std::string, const DimensionScore*> scores;
    scores.reserve(s.scores.size());
    for (const DimensionScore& sc : s.scores)
        scores.emplace(sc.key, &sc);
    for (const DimensionStats& st : s.stats) {
        if (st.kind == DimensionKind::Path)
            continue; // the console charts issuers, methods and the system; paths would multiply memory by methods
        MetricPoint p;
        p.timeMs = s.timeMs;
        p.value[0] = static_cast<float>(st.successRate);
        p.value[1] = static_cast<float>(st.p95LatencyMs);
        p.value[2] = static_cast<float>(st.meanRetries);
        p.value[3] = static_cast<float>(st.count);
        if (auto it = scores.find(st.key); it != scores.end()) {
            const DimensionScore& sc = *it->second;
            p.scored = sc.scored;
            p.anomalous = sc.anomalous;
            p.baselineMean[0] = static_cast<float>(sc.successMean);
            p.baselineStd[0] = static_cast<float>(sc.successStd);
            p.baselineMean[1] = static_cast<float>(sc.p95Mean);
            p.baselineStd[1] = static_cast<float>(sc.p95Std);
            p.baselineMean[2] = static_cast<float>(sc.retriesMean);
            p.baselineStd[2] = static_cast<float>(sc.retriesStd);
        }
        m_series[st.key].push_back(p);
    }
    for (const Anomaly& a : s.anomalies) {
        if (a.cycles == 1)
            m_markers.push_back(
                {ChartMarker::Kind::AnomalyStarted, a.startedMs, a.dimension, a.id,
                 std::string(patternName(a.primary())) + " (" + severityClassName(a.severityClass) + ")"});
    }
    for (const Anomaly& a : s.clearedAnomalies)
        m_markers.push_back({ChartMarker::Kind::AnomalyCleared, s.timeMs, a.dimension, a.id, patternName(a.primary())});
    if (s.executed)
        m_markers.push_back({ChartMarker::Kind::InterventionApplied, s.executed->appliedMs,
                             dimensionOfTarget(s.executed->option.target), s.executed->id, s.executed->option.type});
    for (const Intervention& i : s.endedInterventions) {
        const auto kind = i.state == InterventionState::RolledBack ? ChartMarker::Kind::InterventionRolledBack
                                                                   : ChartMarker::Kind::InterventionExpired;
        m_markers.push_back({kind, i.endedMs, dimensionOfTarget(i.option.target), i.id, i.option.type});
    }
    prune();
}

void MetricHistory::prune()
{
    const TimeMs cutoff = m_latestMs - m_retentionMs;
    for (auto& [key, points] : m_series) {
        while (!points.empty() && points.front().timeMs < cutoff)
            points.pop_front();
    }
    while (!m_markers.empty() && m_markers.front().timeMs < cutoff)
        m_markers.pop_front();
}

void MetricHistory::clear()
{
    m_series.clear();
    m_markers.clear();
    m_latestMs = 0;
}

const std::deque<MetricPoint>& MetricHistory::series(const std::string& dimension) const
{
    static const std::deque<MetricPoint> empty;
    auto it = m_series.find(dimension);
    return it == m_series.end() ? empty : it->second;
}

std::vector<ChartMarker> MetricHistory::markers(const std::string& dimension, TimeMs fromMs, TimeMs toMs) const
{
    std::vector<ChartMarker> out;
    for (const ChartMarker& m : m_markers) {
        if (m.timeMs < fromMs || m.timeMs > toMs)
            continue;
        // A system-wide action belongs on every chart; an issuer's anomaly only on that issuer's.
        if (m.dimension == dimension || m.dimension == "global")
            out.push_back(m);
    }
    return out;
}

std::size_t MetricHistory::pointCount() const
{
    std::size_t n = 0;
    for (const auto& [key, points] : m_series)
        n += points.size();
    return n;
}

} // namespace payops
