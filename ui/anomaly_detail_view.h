#pragma once
// The detail pane of one anomaly: evidence against the baseline, hypotheses framed root cause -> failure ->
// impact, the agent's options with NRV and pre-mortem, its decision, a chart of the dimension and the notes
// timeline with a box to add a note. Everything shown is what the runtime computed; this only lays it out.

#include "models/console_data.h"

#include <QElapsedTimer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QTextBrowser;
class QTimer;

namespace payops {

class MetricChart;

class AnomalyDetailView : public QWidget {
    Q_OBJECT
public:
    explicit AnomalyDetailView(ConsoleData& data, QWidget* parent = nullptr);

    void showAnomaly(std::int64_t id); // 0 clears
    std::int64_t anomalyId() const { return m_id; }
    void refresh();
    QString html() const; // what the browser shows (tests)
    MetricChart* chart() const { return m_chart; }
    void applyTheme();

protected:
    void showEvent(QShowEvent* event) override;

private:
    void addNote();
    QString render(const TriageItem& item) const;
    QString actionsInForce(const Anomaly& a) const; // interventions in force and requests waiting, on it

    ConsoleData& m_data;
    std::int64_t m_id = 0;
    QElapsedTimer m_sinceRefresh;     // monotonic: a wall clock stepped back would hold the pane for as long
    QTimer* m_refreshTimer = nullptr; // the trailing redraw: the last snapshot of a burst is always drawn
    QLabel* m_title = nullptr;
    QTextBrowser* m_text = nullptr;
    MetricChart* m_chart = nullptr;
    QLineEdit* m_note = nullptr;
    QPushButton* m_addNote = nullptr;
};

} // namespace payops
