#pragma once
// The large time-series chart of one dimension: the metric, its baseline with the expected band (for the window's
// figures the EWMA baseline, mean +/- z * std; for a cycle's own figures the detector's expectation and the band it
// held the figure against), anomaly markers and intervention markers (applied, expired, rolled back). Shows the last
// `range` of simulated time; pausing freezes it, a horizontal rubber band zooms, and the visible range exports to CSV
// and the chart to PNG.

#include "core/result.h"
#include "models/metric_history.h"

#include <QChartView>
#include <QPointer>
#include <vector>

class QLineSeries;
class QAreaSeries;
class QScatterSeries;
class QDateTimeAxis;
class QValueAxis;

namespace payops {

class MetricChart : public QChartView {
    Q_OBJECT
public:
    explicit MetricChart(const MetricHistory& history, QWidget* parent = nullptr);

    void setDimension(const QString& key);
    QString dimension() const { return m_key; }
    void setMetric(Metric metric);
    Metric metric() const { return m_metric; }
    Metric shownMetric() const { return m_shown; }
    void setRangeMs(TimeMs range);
    TimeMs rangeMs() const { return m_rangeMs; }
    void setPaused(bool paused);
    void pauseAt(TimeMs end); // paused, holding the range that ends at `end` (a rebuilt page's chart)
    bool paused() const { return m_paused; }
    TimeMs pausedAt() const { return m_pausedAt; } // while paused: the end it holds (a zoom may show less)
    void setBandZ(double z) { m_bandZ = z; }
    void setCompact(bool compact); // the metric as a small title, no legend (detail panes)

    // Redraws from the history unless paused (the page calls it at most a few times a second).
    void refresh();
    void resetZoom();

    // The visible range, one row per cycle: time, value, baseline, band low/high, anomalous. Error text on failure.
    Status exportCsv(const QString& path) const;
    Status exportPng(const QString& path);

    // The range on screen (after zoom), in simulated ms.
    std::pair<TimeMs, TimeMs> visibleRange() const;
    int plottedPoints() const;
    int lineSegments() const; // stretches of the line: one more after each gap without figures
    int markerCount() const;

    void applyTheme();

protected:
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void showEvent(QShowEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void rebuild();
    void fitTimeLabels();
    void fitLegend();
    double scale() const; // shares (success rate, slow share) are shown in percent
    std::pair<double, double> bandOf(const MetricPoint& p) const; // the expected band, unscaled
    void applyTitleFont();
    void setSegmentCount(int n);

    const MetricHistory& m_history;
    QString m_key = QStringLiteral("global");
    Metric m_metric = Metric::CycleSuccessRate;
    Metric m_shown = Metric::CycleSuccessRate; // what rebuild() drew: the window's figure where no cycle has one
    TimeMs m_rangeMs = 15 * 60 * 1000;
    bool m_paused = false;
    TimeMs m_shownTo = 0;  // the end of the range the last rebuild drew
    TimeMs m_pausedAt = 0; // while paused: the end it keeps
    bool m_zoomed = false;
    TimeMs m_axisShiftMs = 0; // the local time zone's offset at the range's end (see rebuild())
    bool m_compact = false;
    double m_bandZ = 2.0;
    QLineSeries* m_value = nullptr;
    std::vector<QLineSeries*> m_moreSegments; // the line after each gap of kGapCycles cycles or more without a figure
    QLineSeries* m_baseline = nullptr;
    QLineSeries* m_bandHigh = nullptr;
    QLineSeries* m_bandLow = nullptr;
    QAreaSeries* m_band = nullptr;
    QScatterSeries* m_anomalies = nullptr;
    QScatterSeries* m_applied = nullptr;
    QScatterSeries* m_ended = nullptr;
    QScatterSeries* m_rolledBack = nullptr;
    QDateTimeAxis* m_x = nullptr;
    QValueAxis* m_y = nullptr;
};

QString metricLabel(Metric m);              // translated axis title
QString dimensionLabel(const QString& key); // "issuer:HDFC" -> "HDFC (issuer)", "global" -> "All traffic"

} // namespace payops
