#include "metric_chart.h"

#include "models/number_format.h"
#include "models/slow_share_band.h"
#include "ui/theme.h"

#include <QAreaSeries>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLocale>
#include <QMouseEvent>
#include <QSaveFile>
#include <QScatterSeries>
#include <QTimeZone>
#include <QValueAxis>
#include <algorithm>
#include <array>
#include <cmath>

namespace payops {

namespace {
// Cycles in a row without a figure that break the line rather than being bridged.
constexpr int kGapCycles = 3;
} // namespace

QString metricLabel(Metric m)
{
    switch (m) {
    case Metric::SuccessRate:
        return MetricChart::tr("Success rate in window (%)");
    case Metric::P95Latency:
        return MetricChart::tr("p95 latency in window (ms)");
    case Metric::MeanRetries:
        return MetricChart::tr("Retries per transaction in window");
    case Metric::Volume:
        return MetricChart::tr("Transactions in window");
    case Metric::SlowShare:
        return MetricChart::tr("Slow transactions this cycle (%)");
    case Metric::CycleSuccessRate:
        return MetricChart::tr("Success rate this cycle (%)");
    case Metric::CycleMeanLatency:
        return MetricChart::tr("Mean latency this cycle (ms)");
    case Metric::CycleMeanRetries:
        return MetricChart::tr("Retries per transaction this cycle");
    }
    return {};
}

QString dimensionLabel(const QString& key)
{
    if (key == QLatin1String("global"))
        return MetricChart::tr("All traffic");
    const int colon = key.indexOf(QLatin1Char(':'));
    if (colon < 0 || key.contains(QLatin1Char('/')))
        return key;
    const QString kind = key.left(colon);
    const QString name = key.mid(colon + 1);
    if (kind == QLatin1String("issuer"))
        return MetricChart::tr("%1 (issuer)").arg(name);
    if (kind == QLatin1String("method"))
        return MetricChart::tr("%1 (method)").arg(name);
    return key;
}

// The chart goes to QChartView's constructor: setChart() would release, not delete, the view's default chart.
MetricChart::MetricChart(const MetricHistory& history, QWidget* parent)
    : QChartView(new QChart, parent), m_history(history)
{
    QChart* chart = this->chart();
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->legend()->setAlignment(Qt::AlignBottom); // or at the right where the names do not fit: fitLegend()
    chart->legend()->setShowToolTips(true);         // a name Qt had to cut shows whole under the pointer
    m_bandHigh = new QLineSeries(chart);
    m_bandLow = new QLineSeries(chart);
    m_band = new QAreaSeries(m_bandHigh, m_bandLow);
    m_band->setName(tr("Expected band"));
    m_baseline = new QLineSeries; // named by rebuild(): the EWMA baseline, or the detector's expectation
    m_value = new QLineSeries;
    m_anomalies = new QScatterSeries;
    m_anomalies->setName(tr("Anomaly"));
    m_anomalies->setMarkerSize(11);
    m_applied = new QScatterSeries;
    m_applied->setName(tr("Intervention applied"));
    m_applied->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
    m_applied->setMarkerSize(10);
    m_ended = new QScatterSeries;
    m_ended->setName(tr("Intervention expired"));
    m_ended->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
    m_ended->setMarkerSize(8);
    m_rolledBack = new QScatterSeries;
    m_rolledBack->setName(tr("Rolled back"));
    m_rolledBack->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
    m_rolledBack->setMarkerSize(10);
    m_x = new QDateTimeAxis;
    m_x->setFormat(QStringLiteral("HH:mm:ss"));
    m_x->setTickCount(6);
    m_y = new QValueAxis;
    m_y->setLabelFormat(QStringLiteral("%.4g"));
    // Axis labels in the language's numbers ("0,5" in German); a chart is rebuilt with its page on a language change.
    chart->setLocale(numberLocale());
    chart->setLocalizeNumbers(true);
    m_y->setTickType(QValueAxis::TicksDynamic);
    chart->addAxis(m_x, Qt::AlignBottom);
    chart->addAxis(m_y, Qt::AlignLeft);
    // Anomalies last, so on top: the agent often acts in the cycle that raised the anomaly, and the round dot then
    // shows over the corners of the action's square instead of vanishing under it.
    for (QAbstractSeries* s : std::initializer_list<QAbstractSeries*>{m_band, m_baseline, m_value, m_applied, m_ended,
                                                                      m_rolledBack, m_anomalies}) {
        chart->addSeries(s);
        s->attachAxis(m_x);
        s->attachAxis(m_y);
    }
    // Antialiasing more than doubles the paint time of a full-width chart redrawn 4 times a second (measured by
    // tests/bench/bench_console_updates); the small charts of detail panes keep it.
    setRenderHint(QPainter::Antialiasing, false);
    setRubberBand(QChartView::HorizontalRubberBand);
    setMinimumHeight(160);
    applyTheme();
    rebuild();
}

void MetricChart::applyTheme()
{
    QChart* c = chart();
    c->setTheme(Theme::isDark() ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    c->setBackgroundBrush(palette().base());
    c->setBackgroundRoundness(0);
    // A cosmetic pen of width 1 takes the rasteriser's line drawer; a dashed pen of any other width is first
    // stroked into an outline, dash by dash, on every redraw.
    m_value->setPen(QPen(Theme::accent(), 2)); // the one line that must stand out: worth its outline
    for (QLineSeries* s : m_moreSegments)
        s->setPen(m_value->pen());
    QPen baseline(Theme::muted(), 1, Qt::DashLine);
    baseline.setCosmetic(true);
    m_baseline->setPen(baseline);
    m_band->setBrush(Theme::baselineBand());
    m_band->setPen(Qt::NoPen);
    m_anomalies->setColor(Theme::severity(SeverityClass::Critical));
    m_anomalies->setBorderColor(Theme::severity(SeverityClass::Critical));
    m_applied->setColor(Theme::health(HealthState::Healthy));
    m_applied->setBorderColor(Theme::health(HealthState::Healthy));
    m_ended->setColor(Theme::muted());
    m_ended->setBorderColor(Theme::muted());
    m_rolledBack->setColor(Theme::health(HealthState::Degraded));
    m_rolledBack->setBorderColor(Theme::health(HealthState::Degraded));
    const QColor text = palette().text().color();
    // The faint grid colour mixed in advance: an opaque line is a plain fill, a translucent one is blended pixel by
    // pixel on every redraw.
    const QColor base = palette().base().color();
    constexpr double kGridShare = 35.0 / 255.0;
    const auto mix = [&](int b, int t) { return static_cast<int>(std::lround(b + (t - b) * kGridShare)); };
    QPen gridPen(QColor(mix(base.red(), text.red()), mix(base.green(), text.green()), mix(base.blue(), text.blue())),
                 1);
    gridPen.setCosmetic(true); // the rasteriser's line drawer, as for the baseline
    for (QAbstractAxis* a : {static_cast<QAbstractAxis*>(m_x), static_cast<QAbstractAxis*>(m_y)}) {
        a->setLabelsColor(text);
        a->setTitleBrush(text);
        a->setGridLinePen(gridPen);
    }
    c->legend()->setLabelColor(text);
    c->setTitleBrush(text);
    applyTitleFont(); // setTheme put back the theme's fonts
}

void MetricChart::applyTitleFont()
{
    if (!m_compact)
        return;
    // A compact title is only the metric's name: in the size of the text around it, not the theme's 14 points.
    QFont titleFont = font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 0.9);
    chart()->setTitleFont(titleFont);
}

void MetricChart::setDimension(const QString& key)
{
    m_key = key;
    m_zoomed = false;
    rebuild();
}

void MetricChart::setMetric(Metric metric)
{
    m_metric = metric;
    m_zoomed = false; // as a new dimension or range: the zoom stayed "on", and the chart never followed the data again
    rebuild();
}

void MetricChart::setRangeMs(TimeMs range)
{
    m_rangeMs = range;
    m_zoomed = false;
    rebuild();
}

void MetricChart::setPaused(bool paused)
{
    m_paused = paused;
    // Paused, the chart keeps the end it shows: another dimension, metric or range chosen meanwhile is shown for the
    // same minutes (it was shown up to now). Resumed, it follows the data again, zoomed or not.
    m_pausedAt = m_shownTo;
    if (!paused) {
        m_zoomed = false;
        rebuild();
    }
}

void MetricChart::pauseAt(TimeMs end)
{
    m_paused = true;
    m_pausedAt = end;
    rebuild();
}

void MetricChart::setCompact(bool compact)
{
    m_compact = compact;
    chart()->legend()->setVisible(!compact);
    // A detail pane has no "reset zoom" button beside its chart.
    setToolTip(compact ? tr("Drag across the chart to zoom into a time span; double-click to follow the data again")
                       : QString());
    applyTitleFont();
    setRenderHint(QPainter::Antialiasing, compact);
    rebuild();
}

void MetricChart::refresh()
{
    // A hidden chart does no work; showEvent catches up when it appears.
    if (!m_paused && !m_zoomed && isVisible())
        rebuild();
}

void MetricChart::showEvent(QShowEvent* event)
{
    QChartView::showEvent(event);
    if (!m_paused && !m_zoomed)
        rebuild();
}

void MetricChart::resetZoom()
{
    m_zoomed = false;
    rebuild();
}

void MetricChart::mouseReleaseEvent(QMouseEvent* event)
{
    const auto before = visibleRange();
    QChartView::mouseReleaseEvent(event);
    // A rubber-band zoom (left drag) or a right-click zoom-out changes the axis: hold it until "reset zoom". A plain
    // click changes nothing and must not stop a live chart from following the data.
    if (visibleRange() != before)
        m_zoomed = true;
}

void MetricChart::mouseDoubleClickEvent(QMouseEvent* event)
{
    if (m_zoomed) {
        resetZoom();
        event->accept();
        return;
    }
    QChartView::mouseDoubleClickEvent(event);
}

std::pair<double, double> MetricChart::bandOf(const MetricPoint& p) const
{
    const int mi = static_cast<int>(m_shown);
    if (m_shown == Metric::SlowShare)
        return slowShareBand(p.baselineMean[mi], p.slowTested, m_bandZ);
    // A cycle figure's band comes whole from the detector (its own multiple of the spread it judged the row with).
    const double m = p.baselineMean[mi], w = (isCycleFigure(m_shown) ? 1.0 : m_bandZ) * p.baselineStd[mi];
    return {m - w, m + w};
}

double MetricChart::scale() const
{
    return m_shown == Metric::SuccessRate || m_shown == Metric::SlowShare || m_shown == Metric::CycleSuccessRate ? 100.0
                                                                                                                 : 1.0;
}

std::pair<TimeMs, TimeMs> MetricChart::visibleRange() const
{
    return {m_x->min().toMSecsSinceEpoch() + m_axisShiftMs, m_x->max().toMSecsSinceEpoch() + m_axisShiftMs};
}

int MetricChart::plottedPoints() const
{
    qsizetype n = m_value->count();
    for (const QLineSeries* s : m_moreSegments)
        n += s->count();
    return static_cast<int>(n);
}

int MetricChart::lineSegments() const
{
    return 1 + static_cast<int>(m_moreSegments.size());
}

void MetricChart::setSegmentCount(int n)
{
    // The stretches after the first are lines of their own, drawn like it and left out of the legend. Usually none.
    while (static_cast<int>(m_moreSegments.size()) > std::max(0, n - 1)) {
        chart()->removeSeries(m_moreSegments.back());
        delete m_moreSegments.back();
        m_moreSegments.pop_back();
    }
    const bool adding = static_cast<int>(m_moreSegments.size()) < n - 1;
    while (static_cast<int>(m_moreSegments.size()) < n - 1) {
        auto* s = new QLineSeries;
        chart()->addSeries(s);
        s->attachAxis(m_x);
        s->attachAxis(m_y);
        s->setPen(m_value->pen());
        for (QLegendMarker* marker : chart()->legend()->markers(s))
            marker->setVisible(false);
        m_moreSegments.push_back(s);
    }
    // Series draw in the order they were added: the markers go back on top of the new lines, as the constructor
    // put them (an anomaly's dot where the line resumed after a gap was under it).
    if (adding) {
        for (QScatterSeries* s : {m_applied, m_ended, m_rolledBack, m_anomalies}) {
            chart()->removeSeries(s);
            chart()->addSeries(s);
            s->attachAxis(m_x);
            s->attachAxis(m_y);
            // Its new legend marker as visible as the series, which rebuild() sets only on a change: Qt versions
            // differ in whether a new marker starts so, and one shown for an empty series put "Rolled back" in the
            // legend. Hidden by hand is safe; shown, the legend is laid out through the series (rebuild()).
            for (QLegendMarker* marker : chart()->legend()->markers(s))
                marker->setVisible(s->isVisible());
        }
    }
}

int MetricChart::markerCount() const
{
    return static_cast<int>(m_anomalies->count() + m_applied->count() + m_ended->count() + m_rolledBack->count());
}

void MetricChart::rebuild()
{
    const std::string key = m_key.toStdString();
    const TimeMs to = m_paused ? m_pausedAt : m_history.latestMs();
    const TimeMs from = to - m_rangeMs;
    m_shownTo = to;
    // The console says simulated time in UTC (status bar, anomaly list, CSV); the axis labels its values in the
    // machine's local time, so a chart in Kolkata ran 05:30 ahead of everything around it. Each point sits at
    // x = t - offset, where the axis reads x + offset(x): the offset that counts is the one at the shifted end, not at
    // `to` (they differ for the offset's own length after a change of daylight saving time). One offset for the range:
    // a range that crosses such a change is labelled an hour off on one side of it.
    const auto offsetAt = [](TimeMs t) {
        return static_cast<TimeMs>(QDateTime::fromMSecsSinceEpoch(t).offsetFromUtc()) * 1000;
    };
    m_axisShiftMs = offsetAt(to - offsetAt(to));
    std::vector<MetricPoint> points = m_history.points(key, from, to);
    // A source that sends no figures of single cycles (the Python agent's feed) is charted by its window's, rather
    // than not at all; so are the first cycles of a run, before the detector has judged one. With no cycles at all the
    // chart keeps the metric chosen: it titled itself "in window" under a box reading "this cycle".
    m_shown = m_metric;
    // Only where the window has figures to show: idle cycles have neither (the title read "in window" under a box
    // reading "this cycle", with nothing to show in either).
    const auto none = [&points](Metric m) {
        return std::all_of(points.begin(), points.end(),
                           [m](const MetricPoint& p) { return std::isnan(p.value[static_cast<int>(m)]); });
    };
    if (isCycleFigure(m_metric) && !points.empty() && none(m_metric) && !none(windowCounterpart(m_metric)))
        m_shown = windowCounterpart(m_metric);
    const int mi = static_cast<int>(m_shown);
    // Cycles without the figure are left out. A cycle or two without one (no slow-tail bar yet) is bridged; a longer
    // run breaks the line. An issuer the agent suppressed has no traffic for minutes, and so no rates (its points have
    // a volume of 0 only): the bridge drew a steady rate over minutes without a transaction. Missing cycles are counted
    // both ways, as points without the figure and as time between points beyond the usual step there: the median of the
    // five steps around it, since older history is thinned to a point a minute and the last hour has one a cycle (one
    // median over both broke every minute of the older part into a line of its own). `segmentStart` marks the points
    // that begin a new stretch.
    std::vector<bool> segmentStart;
    {
        std::vector<TimeMs> steps; // steps[i]: from point i to point i + 1
        for (std::size_t i = 1; i < points.size(); ++i)
            steps.push_back(points[i].timeMs - points[i - 1].timeMs);
        const auto usualStepAround = [&steps](std::size_t i) {
            const std::size_t from = i >= 2 ? i - 2 : 0, to = std::min(steps.size(), i + 3);
            std::array<TimeMs, 5> near{};
            std::copy(steps.begin() + static_cast<std::ptrdiff_t>(from),
                      steps.begin() + static_cast<std::ptrdiff_t>(to), near.begin());
            const std::size_t n = to - from;
            std::nth_element(near.begin(), near.begin() + static_cast<std::ptrdiff_t>(n / 2),
                             near.begin() + static_cast<std::ptrdiff_t>(n));
            return near[n / 2];
        };
        std::vector<MetricPoint> kept;
        kept.reserve(points.size());
        long long missing = 0;
        for (std::size_t i = 0; i < points.size(); ++i) {
            const MetricPoint& p = points[i];
            if (i > 0) {
                const TimeMs usual = usualStepAround(i - 1);
                if (usual > 0)
                    missing += std::max<long long>(
                        0, std::llround(static_cast<double>(steps[i - 1]) / static_cast<double>(usual)) - 1);
            }
            if (std::isnan(p.value[mi])) {
                ++missing;
                continue;
            }
            segmentStart.push_back(!kept.empty() && missing >= kGapCycles);
            kept.push_back(p);
            missing = 0;
        }
        points = std::move(kept);
    }
    const double k = scale();
    QList<QList<QPointF>> segments(1); // the first stretch, empty while there are no points
    QList<QPointF> baseline, hi, lo;
    double ymin = 1e300, ymax = -1e300;
    const bool band = m_shown != Metric::Volume;
    // More points than pixels only costs paint time: above one bucket per three pixels, each bucket of cycles is drawn
    // as its minimum and maximum (so a one-cycle spike still shows) and the baseline band by its bucket's last point.
    const std::size_t n = points.size();
    const std::size_t maxBuckets = static_cast<std::size_t>(std::max(150, width() / 3));
    const std::size_t perBucket = std::max<std::size_t>(1, (n + maxBuckets - 1) / maxBuckets);
    // A window figure's band once its baselines are warm; a cycle figure is there only when the detector judged it.
    const bool cycleFigure = isCycleFigure(m_shown);
    const auto addBand = [&](const MetricPoint& p) {
        if (!band || (!p.scored && !cycleFigure))
            return;
        const auto x = static_cast<double>(p.timeMs - m_axisShiftMs);
        const double m = p.baselineMean[mi] * k;
        const auto [low, high] = bandOf(p);
        baseline.append({x, m});
        hi.append({x, high * k});
        lo.append({x, low * k});
        ymin = std::min(ymin, low * k);
        ymax = std::max(ymax, high * k);
    };
    for (auto it = points.begin(); it != points.end();) {
        auto end = it + static_cast<std::ptrdiff_t>(std::min<std::size_t>(perBucket, points.end() - it));
        // A bucket ends where a stretch does; a new stretch starts a new line, and the band is pinched to nothing
        // across the gap (its upper and lower edges meet at the baseline on both sides).
        for (auto j = it + 1; j != end; ++j) {
            if (segmentStart[static_cast<std::size_t>(j - points.begin())]) {
                end = j;
                break;
            }
        }
        if (segmentStart[static_cast<std::size_t>(it - points.begin())]) {
            segments.append(QList<QPointF>());
            if (!hi.isEmpty()) {
                const QPointF left(hi.back().x() + 1, baseline.back().y());
                const double m = it->baselineMean[mi] * k;
                const QPointF right(static_cast<double>(it->timeMs - m_axisShiftMs) - 1, m);
                hi << left << right;
                lo << left << right;
            }
        }
        QList<QPointF>& value = segments.back();
        if (perBucket == 1) {
            value.append({static_cast<double>(it->timeMs - m_axisShiftMs), it->value[mi] * k});
        } else {
            auto lowest = it, highest = it;
            for (auto j = it; j != end; ++j) {
                if (j->value[mi] < lowest->value[mi])
                    lowest = j;
                if (j->value[mi] > highest->value[mi])
                    highest = j;
            }
            const auto a = std::min(lowest, highest), b = std::max(lowest, highest);
            value.append({static_cast<double>(a->timeMs - m_axisShiftMs), a->value[mi] * k});
            if (b != a)
                value.append({static_cast<double>(b->timeMs - m_axisShiftMs), b->value[mi] * k});
        }
        for (auto j = it; j != end; ++j) {
            ymin = std::min(ymin, j->value[mi] * k);
            ymax = std::max(ymax, j->value[mi] * k);
        }
        addBand(*(end - 1));
        it = end;
    }
    QList<QPointF> anomalies, applied, ended, rolledBack;
    const auto valueAt = [&](TimeMs t) {
        auto it = std::lower_bound(points.begin(), points.end(), t,
                                   [](const MetricPoint& p, TimeMs tt) { return p.timeMs < tt; });
        if (it == points.end())
            return points.empty() ? 0.0 : static_cast<double>(points.back().value[mi]) * k;
        return static_cast<double>(it->value[mi]) * k;
    };
    // At most one marker of a kind per few pixels: a flapping issuer raises hundreds of anomalies an hour, and
    // hundreds of overlapping dots say no more than one while costing a redraw its budget.
    const double pixelsPerMs = std::max(1, width()) / static_cast<double>(std::max<TimeMs>(1, to - from));
    long long lastBucket[5] = {-1, -1, -1, -1, -1};
    for (const ChartMarker& m : m_history.markers(key, from, to)) {
        const auto bucket = static_cast<long long>(static_cast<double>(m.timeMs - from) * pixelsPerMs / 4.0);
        auto& last = lastBucket[static_cast<int>(m.kind)];
        if (bucket == last)
            continue;
        last = bucket;
        const QPointF p(static_cast<double>(m.timeMs - m_axisShiftMs), valueAt(m.timeMs));
        switch (m.kind) {
        case ChartMarker::Kind::AnomalyStarted:
            anomalies.append(p);
            break;
        case ChartMarker::Kind::AnomalyCleared:
            break; // the line itself shows the recovery; a second dot per anomaly is clutter
        case ChartMarker::Kind::InterventionApplied:
            applied.append(p);
            break;
        case ChartMarker::Kind::InterventionExpired:
            ended.append(p);
            break;
        case ChartMarker::Kind::InterventionRolledBack:
            rolledBack.append(p);
            break;
        }
    }

    const bool percent = scale() == 100.0;
    if (points.empty()) { // an empty percentage chart read 0 to 2 %
        ymin = 0;
        ymax = percent ? 100 : 1;
    }
    if (percent)
        ymax = std::min(ymax, 100.0);
    // Counts are whole: a line of idle cycles at 0 transactions read 0 to 0.01.
    const double pad = std::max((ymax - ymin) * 0.08, percent || m_shown == Metric::Volume ? 1.0 : 0.01);
    // Nice numbers by hand: QValueAxis::applyNiceNumbers() re-lays the chart out on every call.
    const double lo0 = std::max(0.0, ymin - pad), hi0 = ymax + pad;
    const double step = std::pow(10.0, std::floor(std::log10(std::max(hi0 - lo0, 1e-9) / 4)));
    const double yLo = std::floor(lo0 / step) * step;
    double yHi = std::ceil(hi0 / step) * step;
    if (percent)
        yHi = std::min(yHi, 100.0); // a band above 100 % says nothing
    // A line series re-computes its geometry (and Qt Charts strokes a hit-test outline of the line) when its points
    // are replaced and again when an axis range changes. Emptied first, the lines make the axis changes cheap, and
    // their new points are laid out once, against the new axes. Not the markers: a scatter series emptied deletes
    // its marker items and creates them all again, which costs more than moving them twice.
    for (QLineSeries* s : {m_value, m_baseline, m_bandHigh, m_bandLow})
        s->clear();
    setSegmentCount(static_cast<int>(segments.size()));
    for (QLineSeries* s : m_moreSegments)
        s->clear();
    if (m_y->min() != yLo || m_y->max() != yHi) {
        // Ticks on round numbers (1, 2 or 5 times a power of ten), about four of them.
        const double raw = (yHi - yLo) / 4;
        const double mag = std::pow(10.0, std::floor(std::log10(std::max(raw, 1e-9))));
        const double interval = mag * (raw / mag < 1.5 ? 1 : raw / mag < 3.5 ? 2 : raw / mag < 7.5 ? 5 : 10);
        // Whichever order never lays out a wide range with a narrow interval (hundreds of ticks for one frame).
        m_y->setTickAnchor(0);
        if (interval > m_y->tickInterval()) {
            m_y->setTickInterval(interval);
            m_y->setRange(yLo, yHi);
        } else {
            m_y->setRange(yLo, yHi);
            m_y->setTickInterval(interval);
        }
    }
    m_x->setRange(
        QDateTime::fromMSecsSinceEpoch(std::max(from, points.empty() ? from : points.front().timeMs) - m_axisShiftMs),
        QDateTime::fromMSecsSinceEpoch(std::max<TimeMs>(to, from + 1000) - m_axisShiftMs));
    // A stretch of one cycle between two gaps (a flapping issuer's one cycle with traffic) is a line of one point,
    // which draws nothing: a short dash around it instead, a few pixels wide at any range.
    const double dash = static_cast<double>(std::max<TimeMs>(2000, (to - from) / 300));
    for (QList<QPointF>& stretch : segments) {
        if (stretch.size() == 1) {
            const QPointF p = stretch.front();
            stretch = {QPointF(p.x() - dash, p.y()), QPointF(p.x() + dash, p.y())};
        }
    }
    m_value->replace(segments.front());
    for (qsizetype i = 1; i < segments.size(); ++i)
        m_moreSegments[static_cast<std::size_t>(i - 1)]->replace(segments[i]);
    m_baseline->replace(baseline);
    m_bandHigh->replace(hi);
    m_bandLow->replace(lo);
    // The agent's actions sit at the edge of the plot, not on the line: an intervention applied in the cycle its
    // anomaly opened hid under that anomaly's dot, and the demo's one decision was invisible. The edge away from the
    // line at that moment (an outage drops to the floor).
    const double margin = (yHi - yLo) * 0.04;
    for (QList<QPointF>* actions : {&applied, &ended, &rolledBack})
        for (QPointF& p : *actions)
            p.setY(p.y() < (yLo + yHi) / 2 ? yHi - margin : yLo + margin);
    m_anomalies->replace(anomalies);
    m_applied->replace(applied);
    m_ended->replace(ended);
    m_rolledBack->replace(rolledBack);
    // The legend names only the marks on the chart: four names for marks that are not there crowded out the ones
    // that are (at 1024 px "Detector's expe...", "Success rate thi..."). Through the series, not its legend marker:
    // a marker shown by hand is not laid out again, and an "Anomaly" hidden at the legend's last layout stayed at a
    // place outside it when shown, red dots on the chart and no name for them. A series shown or hidden re-lays the
    // legend out (and a series added again gets a marker as visible as it is). Set on a change only.
    for (QScatterSeries* s : {m_anomalies, m_applied, m_ended, m_rolledBack})
        if (s->isVisible() != (s->count() > 0))
            s->setVisible(s->count() > 0);
    fitTimeLabels();
    // Titles and names re-lay the whole chart out when set, even to the same text: only on a real change.
    const QString yTitle = m_compact ? QString() : metricLabel(m_shown);
    if (m_y->titleText() != yTitle)
        m_y->setTitleText(yTitle);
    if (m_value->name() != metricLabel(m_shown))
        m_value->setName(metricLabel(m_shown));
    const QString baselineName = cycleFigure ? tr("Detector's expectation") : tr("EWMA baseline");
    if (m_baseline->name() != baselineName)
        m_baseline->setName(baselineName);
    fitLegend(); // after the names and the markers shown are known
    // A compact chart sits under a header that already names the dimension, but it has no axis title and no
    // legend: without its metric as a title nobody can tell what the line is.
    QString title = m_compact ? metricLabel(m_shown)
                              : QString(dimensionLabel(m_key) + QStringLiteral(" — ") + metricLabel(m_shown));
    // Say so rather than show bare axes: no traffic yet, or a figure this source does not send (the Python agent's
    // feed has no slow share).
    if (points.empty())
        title += QStringLiteral(" — ") + tr("no figures in this range");
    if (chart()->title() != title)
        chart()->setTitle(title);
}

void MetricChart::fitTimeLabels()
{
    // About one time label per 140 px: six of "HH:mm:ss" ran into each other in a detail pane's chart.
    const int ticks = std::clamp(width() / 140, 2, 6);
    if (m_x->tickCount() != ticks)
        m_x->setTickCount(ticks);
}

void MetricChart::fitLegend()
{
    QLegend* legend = chart()->legend();
    if (m_compact)
        return;
    // Qt lays a bottom legend out on one line and cuts every long name to fit ("Erwartungsber...", "Erwartung des
    // ..." in German at 1024 px). Where the names do not fit side by side, they go one under another at the right,
    // where each is shown whole and the plot gives up the width instead.
    // The names are those of the series the legend shows (the band, the two lines, the marks drawn), not of the
    // markers Qt says are visible: right after a series is added (a gap in the line) Qt reports none until its next
    // layout, and the legend jumped to the bottom for a frame.
    QStringList names{m_band->name(), m_baseline->name(), m_value->name()};
    for (QScatterSeries* s : {m_anomalies, m_applied, m_ended, m_rolledBack})
        if (s->count() > 0)
            names << s->name();
    const QFontMetrics fm(legend->font());
    // Qt's item: the text, its symbol (up to the largest mark, 11 px) and margins, about 25 px at this font.
    const int itemExtra = 2 * fm.height();
    int needed = 0, widest = 0;
    for (const QString& name : names) {
        const int item = fm.horizontalAdvance(name) + itemExtra;
        needed += item;
        widest = std::max(widest, item);
    }
    const int available = width() - chart()->margins().left() - chart()->margins().right() - 2 * fm.height();
    // ... unless the plot would keep too little of the chart, or a short chart too few rows for every name (Qt drops
    // the names that do not fit a column): then cut names, each shown whole as a tooltip.
    constexpr int kMinPlotWidth = 400;
    const int rows = static_cast<int>(names.size()) * (fm.height() + 8);
    const int tallest = height() - 4 * fm.height(); // less the title and the time axis
    const bool right = needed > available && width() - widest >= kMinPlotWidth && rows <= tallest;
    const Qt::Alignment side = right ? Qt::AlignRight : Qt::AlignBottom;
    if (legend->alignment() != side)
        legend->setAlignment(side); // only on a change: each re-lays the chart out
}

void MetricChart::resizeEvent(QResizeEvent* event)
{
    QChartView::resizeEvent(event);
    fitTimeLabels(); // a paused chart is not rebuilt
    fitLegend();
}

Status MetricChart::exportCsv(const QString& path) const
{
    const auto [from, to] = visibleRange();
    const int mi = static_cast<int>(m_shown);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        return Error{tr("cannot write %1: %2").arg(path, file.errorString()).toStdString()};
    QByteArray out = "time,dimension,metric,value,baseline_mean,band_low,band_high,anomalous\n";
    const std::string metric = metricName(m_shown);
    for (const MetricPoint& p : m_history.points(m_key.toStdString(), from, to)) {
        if (std::isnan(p.value[mi]))
            continue; // the cycle has no such figure
        out += QDateTime::fromMSecsSinceEpoch(p.timeMs, Qt::UTC).toString(Qt::ISODateWithMs).toUtf8();
        out += ',' + m_key.toUtf8() + ',' + QByteArray(metric.c_str()) + ',';
        out += QByteArray::number(static_cast<double>(p.value[mi]), 'g', 9) + ',';
        if ((p.scored || isCycleFigure(m_shown)) && m_shown != Metric::Volume) {
            const auto [low, high] = bandOf(p);
            out += QByteArray::number(static_cast<double>(p.baselineMean[mi]), 'g', 9) + ',' +
                   QByteArray::number(low, 'g', 9) + ',' + QByteArray::number(high, 'g', 9);
        } else {
            out += ",,";
        }
        out += p.anomalous ? ",1\n" : ",0\n";
    }
    file.write(out);
    if (!file.commit())
        return Error{tr("cannot write %1: %2").arg(path, file.errorString()).toStdString()};
    return {};
}

Status MetricChart::exportPng(const QString& path)
{
    const QPixmap image = grab();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || !image.save(&file, "PNG") || !file.commit())
        return Error{tr("cannot write %1: %2").arg(path, file.errorString()).toStdString()};
    return {};
}

} // namespace payops
