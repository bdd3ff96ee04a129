#pragma once
// Filter and sort for the triage table: free-text search, a state filter (open = new + acknowledged), and whether
// silenced and snoozed anomalies are shown. Sorting uses the model's SortRole (numbers sort as numbers).

#include <QSortFilterProxyModel>

namespace payops {

class AnomalyFilterProxy : public QSortFilterProxyModel {
    Q_OBJECT
public:
    enum class StateFilter { Open, New, Acknowledged, Resolved, All };

    explicit AnomalyFilterProxy(QObject* parent = nullptr);

    void setSearchText(const QString& text);
    void setStateFilter(StateFilter filter);
    void setShowSilenced(bool show);
    void setShowSnoozed(bool show);
    const QString& searchText() const { return m_search; }
    StateFilter stateFilter() const { return m_state; }
    bool showSilenced() const { return m_showSilenced; }
    bool showSnoozed() const { return m_showSnoozed; }

    // Re-evaluates rows whose silenced/snoozed state moved without their data changing (a silence added).
    void refilter();
    // Silenced anomalies the other filters let through: those a silence hides, or shows marked when silenced ones are
    // shown. Resolved ones under the Open filter are not counted: the state filter hides them, not the silence.
    int silencedInFilter() const;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    bool accepts(const QModelIndex& sourceIndex, bool showSilenced) const;

    QString m_search;
    StateFilter m_state = StateFilter::Open;
    bool m_showSilenced = false;
    bool m_showSnoozed = false;
};

} // namespace payops
