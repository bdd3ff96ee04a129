#include "metric_chart.h"

#include "ui/theme.h"

#include <QAreaSeries>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QLegendMarker>
#include <QLineSeries>
#include <QMouseEvent>
#include <QSaveFile>
#include <QScatterSeries>
#include <QTimeZone>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

namespace payops {

QString metricLabel(Metric m)
{
    switch (m) {
    case Metric::SuccessRate:
        return MetricChart::tr("Success rate (%)");
    case Metric::P95Latency:
        return MetricChart::tr("p95 latency (ms)");
    case Metric::MeanRetries:
        return MetricChart::tr("Retries per transaction");
    case Metric::Volume:
        return MetricChart::tr("Transactions in window");
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

MetricChart::MetricChart(const MetricHistory& history, QWidget* parent) : QChartView(parent), m_history(history)
{
    auto* chart = new QChart;
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->legend()->setAlignment(Qt::AlignBottom);
    m_bandHigh = new QLineSeries(chart);
    m_bandLow = new QLineSeries(chart);
    m_band = new QAreaSeries(m_bandHigh, m_bandLow);
    m_band->setName(tr("Expected band"));
    m_baseline = new QLineSeries;
    m_baseline->setName(tr("EWMA baseline"));
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
    chart->addAxis(m_x, Qt::AlignBottom);
    chart->addAxis(m_y, Qt::AlignLeft);
    for (QAbstractSeries* s : std::initializer_list<QAbstractSeries*>{m_band, m_baseline, m_value, m_anomalies,
                                                                      m_applied, m_ended, m_rolledBack}) {
        chart->addSeries(s);
        s->attachAxis(m_x);
        s->attachAxis(m_y);
    }
    setChart(chart);
    setRenderHint(QPainter::Antialiasing);
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
    m_value->setPen(QPen(Theme::accent(), 2));
    m_baseline->setPen(QPen(Theme::muted(), 1.2, Qt::DashLine));
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
    for (QAbstractAxis* a : {static_cast<QAbstractAxis*>(m_x), static_cast<QAbstractAxis*>(m_y)}) {
        a->setLabelsColor(text);
        a->setTitleBrush(text);
        QColor grid = text;
        grid.setAlpha(35);
        a->setGridLineColor(grid);
    }
    c->legend()->setLabelColor(text);
    c->setTitleBrush(text);
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
    if (!paused)
        rebuild();
}

void MetricChart::setCompact(bool compact)
{
    m_compact = compact;
    chart()->legend()->setVisible(!compact);
    rebuild();
}

void MetricChart::refresh()
{
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
    QChartView::mouseReleaseEvent(event);
    // A rubber-band zoom (left drag) or a right-click zoom-out changes the axis: hold it until "reset zoom".
    m_zoomed = true;
}

double MetricChart::scale() const
{
    return m_metric == Metric::SuccessRate ? 100.0 : 1.0;
}

std::pair<TimeMs, TimeMs> MetricChart::visibleRange() const
{
    return {m_x->min().toMSecsSinceEpoch(), m_x->max().toMSecsSinceEpoch()};
}

int MetricChart::plottedPoints() const
{
    return static_cast<int>(m_value->count());
}

int MetricChart::markerCount() const
{
    return static_cast<int>(m_anomalies->count() + m_applied->count() + m_ended->count() + m_rolledBack->count());
}

void MetricChart::rebuild()
{
    const std::string key = m_key.toStdString();
    const auto& points = m_history.series(key);
    const int mi = static_cast<int>(m_metric);
    const double k = scale();
    const TimeMs to = m_history.latestMs();
    const TimeMs from = to - m_rangeMs;
    QList<QPointF> value, baseline, hi, lo;
    double ymin = 1e300, ymax = -1e300;
    const auto first = std::lower_bound(points.begin(), points.end(), from,
                                        [](const MetricPoint& p, TimeMs t) { return p.timeMs < t; });
    const bool band = m_metric != Metric::Volume;
    for (auto it = first; it != points.end(); ++it) {
        const auto x = static_cast<double>(it->timeMs);
        const double v = it->value[mi] * k;
        value.append({x, v});
        ymin = std::min(ymin, v);
        ymax = std::max(ymax, v);
        if (band && it->scored) {
            const double m = it->baselineMean[mi] * k;
            const double w = m_bandZ * it->baselineStd[mi] * k;
            baseline.append({x, m});
            hi.append({x, m + w});
            lo.append({x, m - w});
            ymin = std::min(ymin, m - w);
            ymax = std::max(ymax, m + w);
        }
    }
    m_value->replace(value);
    m_baseline->replace(baseline);
    m_bandHigh->replace(hi);
    m_bandLow->replace(lo);

    QList<QPointF> anomalies, applied, ended, rolledBack;
    const auto valueAt = [&](TimeMs t) {
        auto it = std::lower_bound(points.begin(), points.end(), t,
                                   [](const MetricPoint& p, TimeMs tt) { return p.timeMs < tt; });
        if (it == points.end())
            return value.isEmpty() ? 0.0 : value.back().y();
        return static_cast<double>(it->value[mi]) * k;
    };
    for (const ChartMarker& m : m_history.markers(key, from, to)) {
        const QPointF p(static_cast<double>(m.timeMs), valueAt(m.timeMs));
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
    m_anomalies->replace(anomalies);
    m_applied->replace(applied);
    m_ended->replace(ended);
    m_rolledBack->replace(rolledBack);

    if (value.isEmpty()) {
        ymin = 0;
        ymax = 1;
    }
    if (m_metric == Metric::SuccessRate)
        ymax = std::min(ymax, 100.0);
    const double pad = std::max((ymax - ymin) * 0.08, m_metric == Metric::SuccessRate ? 1.0 : 0.01);
    m_y->setRange(std::max(0.0, ymin - pad), ymax + pad);
    m_y->applyNiceNumbers();
    m_x->setRange(QDateTime::fromMSecsSinceEpoch(std::max(from, points.empty() ? from : points.front().timeMs)),
                  QDateTime::fromMSecsSinceEpoch(std::max<TimeMs>(to, from + 1000)));
    m_y->setTitleText(m_compact ? QString() : metricLabel(m_metric));
    m_value->setName(metricLabel(m_metric));
    chart()->setTitle(m_compact ? QString() : dimensionLabel(m_key) + QStringLiteral(" — ") + metricLabel(m_metric));
}

Status MetricChart::exportCsv(const QString& path) const
{
    const auto [from, to] = visibleRange();
    const int mi = static_cast<int>(m_metric);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        return Error{QStringLiteral("cannot write %1: %2").arg(path, file.errorString()).toStdString()};
    QByteArray out = "time,dimension,metric,value,baseline_mean,band_low,band_high,anomalous\n";
    const std::string metric = metricName(m_metric);
    for (const MetricPoint& p : m_history.series(m_key.toStdString())) {
        if (p.timeMs < from || p.timeMs > to)
            continue;
        out += QDateTime::fromMSecsSinceEpoch(p.timeMs, Qt::UTC).toString(Qt::ISODateWithMs).toUtf8();
        out += ',' + m_key.toUtf8() + ',' + QByteArray(metric.c_str()) + ',';
        out += QByteArray::number(static_cast<double>(p.value[mi]), 'g', 9) + ',';
        if (p.scored && m_metric != Metric::Volume) {
            const double m = p.baselineMean[mi], w = m_bandZ * p.baselineStd[mi];
            out += QByteArray::number(m, 'g', 9) + ',' + QByteArray::number(m - w, 'g', 9) + ',' +
                   QByteArray::number(m + w, 'g', 9);
        } else {
            out += ",,";
        }
        out += p.anomalous ? ",1\n" : ",0\n";
    }
    file.write(out);
    if (!file.commit())
        return Error{QStringLiteral("cannot write %1: %2").arg(path, file.errorString()).toStdString()};
    return {};
}

Status MetricChart::exportPng(const QString& path)
{
    const QPixmap image = grab();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || !image.save(&file, "PNG") || !file.commit())
        return Error{QStringLiteral("cannot write %1: %2").arg(path, file.errorString()).toStdString()};
    return {};
}

} // namespace payops
