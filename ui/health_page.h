#pragma once
// Health: the issuer and method table (state with reasons, success, p95, retries, volume, sparkline) and the
// large chart of the selected row with its baseline band and markers. Time range 5 min .. 24 h, pause, zoom,
// export of the visible range to CSV and of the chart to PNG.

#include "models/console_data.h"

#include <QTimer>
#include <QWidget>
#include <optional>

class QComboBox;
class QSplitter;
class QTableView;
class QSortFilterProxyModel;
class QToolButton;
class QLabel;

namespace payops {

class ConsoleSettings;
class MetricChart;
class Prompter;

class HealthPage : public QWidget {
    Q_OBJECT
public:
    // The live chart redraws at most this often, however fast snapshots arrive: a chart of minutes to hours gains
    // nothing from more, and a redraw costs far more than the table's update (tests/bench/bench_console_updates).
    static constexpr qint64 kChartRedrawIntervalMs = 1000;

    HealthPage(ConsoleData& data, ConsoleSettings& settings, Prompter& prompter, QWidget* parent = nullptr);

    MetricChart* chart() const { return m_chart; }
    QTableView* table() const { return m_table; }
    void selectDimension(const QString& key);
    QString selectedDimension() const;
    void setRangeIndex(int index);
    void setLivePaused(bool paused);
    bool livePaused() const;
    // What the chart is set to show, carried over when the page is rebuilt (a language change reset the metric and
    // range and dropped a pause).
    struct ChartChoice {
        int metric = 0;
        int range = 1;
        std::optional<TimeMs> pausedAt; // the end a paused chart holds
    };
    ChartChoice chartChoice() const;
    void restoreChartChoice(const ChartChoice& choice);

    Status exportCsv(const QString& path);
    Status exportPng(const QString& path);
    void exportCsvInteractive();
    void exportPngInteractive();

    void saveState();
    void applyTheme();

Q_SIGNALS:
    void message(const QString& text, bool error);

private:
    void onSnapshot();
    void onSelectionChanged();
    void retranslate();

    ConsoleData& m_data;
    ConsoleSettings& m_settings;
    Prompter& m_prompter;
    QSortFilterProxyModel* m_sorted = nullptr;
    QTableView* m_table = nullptr;
    MetricChart* m_chart = nullptr;
    QComboBox* m_metric = nullptr;
    QComboBox* m_range = nullptr;
    QToolButton* m_pause = nullptr;
    QToolButton* m_resetZoom = nullptr;
    QToolButton* m_csv = nullptr;
    QToolButton* m_png = nullptr;
    QLabel* m_summary = nullptr;
    QSplitter* m_splitter = nullptr;
    qint64 m_lastChartRefresh = 0;
    QTimer* m_chartTimer = nullptr; // the trailing redraw: the last snapshot of a burst is always drawn
};

} // namespace payops
