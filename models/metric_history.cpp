#include "metric_history.h"

#include "reasoning/binomial.h"

#include <algorithm>
#include <cmath>

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
    case Metric::SlowShare:
        return "slow_share";
    case Metric::CycleSuccessRate:
        return "cycle_success_rate";
    case Metric::CycleMeanLatency:
        return "cycle_mean_latency_ms";
    case Metric::CycleMeanRetries:
        return "cycle_mean_retries";
    }
    return "success_rate";
}

MetricHistory::MetricHistory(TimeMs retentionMs, TimeMs fullResolutionMs, TimeMs coarseStepMs)
    : m_retentionMs(retentionMs), m_fullResolutionMs(std::min(fullResolutionMs, retentionMs)),
      m_coarseStepMs(std::max<TimeMs>(1, coarseStepMs))
{
}

std::string MetricHistory::dimensionOfTarget(const std::string& target)
{
    if (target == "system" || target == "ops_team" || target.empty())
        return "global";
    return target;
}

namespace {
constexpr int kSlow = static_cast<int>(Metric::SlowShare);

// An alert to people (a page to on-call) changes no traffic.
bool isAlertToPeople(const InterventionOption& o)
{
    return o.type == "alert_ops";
}

void setSlowShare(MetricPoint& p, double slow, double tested, double usual)
{
    p.value[kSlow] = static_cast<float>(slow / tested);
    p.baselineMean[kSlow] = static_cast<float>(usual);
    // The share's binomial spread at this cycle's count, as the evidence table shows it.
    p.baselineStd[kSlow] = static_cast<float>(binomialShareSpread(usual, tested));
    p.slowTested = static_cast<std::uint32_t>(tested);
}
} // namespace

void MetricHistory::append(const CycleSnapshot& s)
{
    m_latestMs = s.timeMs;
    std::unordered_map<std::string, const DimensionScore*> scores;
    scores.reserve(s.scores.size());
    for (const DimensionScore& sc : s.scores)
        scores.emplace(sc.key, &sc);
    // The runtime counts slow transactions against each issuer's and method's own bar, not the system's; every
    // transaction has one issuer, so the system's share is its issuers' together (its band: a binomial at their
    // weighted usual share, a little wider than the sum of theirs).
    double globalSlow = 0, globalTested = 0, globalUsual = 0;
    for (const DimensionStats& st : s.stats) {
        if (st.kind != DimensionKind::Issuer)
            continue;
        auto it = scores.find(st.key);
        if (it == scores.end() || it->second->slowTested == 0)
            continue;
        const DimensionScore& sc = *it->second;
        globalSlow += sc.slowTx;
        globalTested += sc.slowTested;
        globalUsual += sc.slowUsualShare * sc.slowTested;
    }
    for (const DimensionStats& st : s.stats) {
        if (st.kind == DimensionKind::Path)
            continue; // the console charts issuers, methods and the system; paths would multiply memory by methods
        // No traffic, no rates: a gap in the rate charts, not a fall to 0 %; but a volume of 0 (the Volume chart
        // showed the same gap, as if the count were unknown).
        const bool idle = !st.hasRates(); // or traffic without rates (the Python feed's inactive gateway)
        MetricPoint p;
        p.timeMs = s.timeMs;
        p.value[0] = idle ? NAN : static_cast<float>(st.successRate);
        p.value[1] = idle ? NAN : static_cast<float>(st.p95LatencyMs);
        p.value[2] = idle ? NAN : static_cast<float>(st.meanRetries);
        p.value[3] = static_cast<float>(st.count);
        p.value[kSlow] = NAN;
        for (const CycleFigureMetric& c : kCycleFigureMetrics)
            p.value[static_cast<int>(c.metric)] = NAN;
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
            if (sc.slowTested > 0)
                setSlowShare(p, sc.slowTx, sc.slowTested, sc.slowUsualShare);
            for (const CycleFigureMetric& c : kCycleFigureMetrics)
                if (const DimensionScore::CycleFigure& f = sc.cycle[c.figure]; f.judged) {
                    const int mi = static_cast<int>(c.metric);
                    p.value[mi] = static_cast<float>(f.value);
                    p.baselineMean[mi] = static_cast<float>(f.centre);
                    p.baselineStd[mi] = static_cast<float>(f.halfWidth);
                }
        }
        if (st.kind == DimensionKind::Global && globalTested > 0)
            setSlowShare(p, globalSlow, globalTested, globalUsual / globalTested);
        m_series[st.key].fine.push_back(p);
    }
    // An anomaly's markers belong on its own dimension's chart only: a global latency spike is not news on every
    // issuer's success chart, where it once put a red dot on charts that were healthy.
    for (const Anomaly& a : s.anomalies) {
        if (a.cycles == 1)
            addMarker({ChartMarker::Kind::AnomalyStarted, a.startedMs, a.dimension, a.id,
                       std::string(patternName(a.primary())) + " (" + severityClassName(a.severityClass) + ")", false});
    }
    for (const Anomaly& a : s.clearedAnomalies)
        addMarker({ChartMarker::Kind::AnomalyCleared, s.timeMs, a.dimension, a.id, patternName(a.primary()), false});
    // A page to on-call changes no traffic, and the agent repeats it while an anomaly lasts: charted, it was a row
    // of "intervention applied" squares that hid the one intervention that did change traffic. Pages are in the
    // anomaly's decision and the audit log instead. A system-wide intervention is drawn on every chart.
    if (s.executed && !isAlertToPeople(s.executed->option))
        addMarker({ChartMarker::Kind::InterventionApplied, s.executed->appliedMs,
                   dimensionOfTarget(s.executed->option.target), s.executed->id, s.executed->option.type});
    for (const Intervention& i : s.endedInterventions) {
        if (i.expiresMs == i.appliedMs || isAlertToPeople(i.option))
            continue; // instantaneous (alerts): nothing expires
        const auto kind = i.state == InterventionState::RolledBack ? ChartMarker::Kind::InterventionRolledBack
                                                                   : ChartMarker::Kind::InterventionExpired;
        addMarker({kind, i.endedMs, dimensionOfTarget(i.option.target), i.id, i.option.type});
    }
    prune();
}

void MetricHistory::prune()
{
    const TimeMs cutoff = m_latestMs - m_retentionMs;
    const TimeMs fineCutoff = m_latestMs - m_fullResolutionMs;
    for (auto& [key, series] : m_series) {
        while (!series.fine.empty() && series.fine.front().timeMs < fineCutoff) {
            const MetricPoint& p = series.fine.front();
            // One point per coarse step survives; an anomalous cycle in the step marks the survivor, so old
            // incidents still show as anomalous in exports.
            if (series.coarse.empty() || series.coarse.back().timeMs / m_coarseStepMs != p.timeMs / m_coarseStepMs) {
                series.coarse.push_back(p);
            } else {
                MetricPoint& survivor = series.coarse.back();
                survivor.anomalous |= p.anomalous;
                // A minute whose first cycle had no slow share (no bar yet, or a remote agent's cycle without it)
                // keeps the first one it had; so does one whose first cycle had no figure of its own (pooled, or
                // held over a pool).
                const auto keepFirst = [&](int m) {
                    if (!std::isnan(survivor.value[m]) || std::isnan(p.value[m]))
                        return false;
                    survivor.value[m] = p.value[m];
                    survivor.baselineMean[m] = p.baselineMean[m];
                    survivor.baselineStd[m] = p.baselineStd[m];
                    return true;
                };
                if (keepFirst(kSlow))
                    survivor.slowTested = p.slowTested;
                for (const CycleFigureMetric& c : kCycleFigureMetrics)
                    keepFirst(static_cast<int>(c.metric));
            }
            series.fine.pop_front();
        }
        while (!series.coarse.empty() && series.coarse.front().timeMs < cutoff)
            series.coarse.pop_front();
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

std::vector<MetricPoint> MetricHistory::points(const std::string& dimension, TimeMs fromMs, TimeMs toMs) const
{
    std::vector<MetricPoint> out;
    auto it = m_series.find(dimension);
    if (it == m_series.end())
        return out;
    const auto before = [](const MetricPoint& p, TimeMs t) { return p.timeMs < t; };
    for (const auto* part : {&it->second.coarse, &it->second.fine}) {
        for (auto p = std::lower_bound(part->begin(), part->end(), fromMs, before);
             p != part->end() && p->timeMs <= toMs; ++p)
            out.push_back(*p);
    }
    return out;
}

std::vector<MetricPoint> MetricHistory::tail(const std::string& dimension, std::size_t n) const
{
    std::vector<MetricPoint> out;
    auto it = m_series.find(dimension);
    if (it == m_series.end())
        return out;
    const auto& fine = it->second.fine;
    const auto& coarse = it->second.coarse;
    const std::size_t fromCoarse = n > fine.size() ? std::min(n - fine.size(), coarse.size()) : 0;
    out.insert(out.end(), coarse.end() - static_cast<std::ptrdiff_t>(fromCoarse), coarse.end());
    const std::size_t fromFine = std::min(n, fine.size());
    out.insert(out.end(), fine.end() - static_cast<std::ptrdiff_t>(fromFine), fine.end());
    return out;
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
    const auto collect = [&](const std::string& key, bool everyChartOnly) {
        auto it = m_markers.find(key);
        if (it == m_markers.end())
            return;
        const auto& markers = it->second;
        auto m = std::lower_bound(markers.begin(), markers.end(), fromMs,
                                  [](const ChartMarker& c, TimeMs t) { return c.timeMs < t; });
        for (; m != markers.end() && m->timeMs <= toMs; ++m) {
            if (!everyChartOnly || m->onEveryChart)
                out.push_back(*m);
        }
    };
    // A system-wide change of traffic belongs on every chart; an issuer's anomaly only on that issuer's.
    collect(dimension, false);
    if (dimension != "global")
        collect("global", true);
    std::stable_sort(out.begin(), out.end(),
                     [](const ChartMarker& a, const ChartMarker& b) { return a.timeMs < b.timeMs; });
    return out;
}

std::size_t MetricHistory::pointCount() const
{
    std::size_t n = 0;
    for (const auto& [key, series] : m_series)
        n += series.coarse.size() + series.fine.size();
    return n;
}

} // namespace payops
