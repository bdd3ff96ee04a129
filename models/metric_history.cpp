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
            addMarker({ChartMarker::Kind::AnomalyStarted, a.startedMs, a.dimension, a.id,
                       std::string(patternName(a.primary())) + " (" + severityClassName(a.severityClass) + ")"});
    }
    for (const Anomaly& a : s.clearedAnomalies)
        addMarker({ChartMarker::Kind::AnomalyCleared, s.timeMs, a.dimension, a.id, patternName(a.primary())});
    // Where an intervention belongs: its target, except alerts to people, which belong with the anomaly they
    // are about (a page to on-call changes no traffic, so it is not drawn on every chart).
    const auto dimensionOf = [&s](const InterventionOption& o) {
        if (o.type == "alert_ops") {
            for (const Anomaly& a : s.anomalies) {
                if (!o.anomalyIds.empty() && a.id == o.anomalyIds.front())
                    return a.dimension;
            }
        }
        return dimensionOfTarget(o.target);
    };
    if (s.executed)
        addMarker({ChartMarker::Kind::InterventionApplied, s.executed->appliedMs, dimensionOf(s.executed->option),
                   s.executed->id, s.executed->option.type});
    for (const Intervention& i : s.endedInterventions) {
        if (i.expiresMs == i.appliedMs)
            continue; // instantaneous (alerts): nothing expires
        const auto kind = i.state == InterventionState::RolledBack ? ChartMarker::Kind::InterventionRolledBack
                                                                   : ChartMarker::Kind::InterventionExpired;
        addMarker({kind, i.endedMs, dimensionOf(i.option), i.id, i.option.type});
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
    for (auto& [key, markers] : m_markers) {
        while (!markers.empty() && markers.front().timeMs < cutoff)
            markers.pop_front();
    }
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

void MetricHistory::addMarker(ChartMarker marker)
{
    auto& markers = m_markers[marker.dimension];
    // Nearly always appended at the end; an anomaly that started before the last marker slots in behind it.
    auto at = markers.end();
    while (at != markers.begin() && std::prev(at)->timeMs > marker.timeMs)
        --at;
    markers.insert(at, std::move(marker));
}

std::vector<ChartMarker> MetricHistory::markers(const std::string& dimension, TimeMs fromMs, TimeMs toMs) const
{
    std::vector<ChartMarker> out;
    const auto collect = [&](const std::string& key) {
        auto it = m_markers.find(key);
        if (it == m_markers.end())
            return;
        const auto& markers = it->second;
        auto m = std::lower_bound(markers.begin(), markers.end(), fromMs,
                                  [](const ChartMarker& c, TimeMs t) { return c.timeMs < t; });
        for (; m != markers.end() && m->timeMs <= toMs; ++m)
            out.push_back(*m);
    };
    // A system-wide action belongs on every chart; an issuer's anomaly only on that issuer's.
    collect(dimension);
    if (dimension != "global")
        collect("global");
    std::stable_sort(out.begin(), out.end(),
                     [](const ChartMarker& a, const ChartMarker& b) { return a.timeMs < b.timeMs; });
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
