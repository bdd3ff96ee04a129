#include "anomaly_filter_proxy.h"

#include "models/anomaly_table_model.h"

namespace payops {

AnomalyFilterProxy::AnomalyFilterProxy(QObject* parent) : QSortFilterProxyModel(parent)
{
    setSortRole(AnomalyTableModel::SortRole);
    setDynamicSortFilter(true);
}

void AnomalyFilterProxy::setSearchText(const QString& text)
{
    m_search = text.trimmed();
    invalidateRowsFilter();
}

void AnomalyFilterProxy::setStateFilter(StateFilter filter)
{
    m_state = filter;
    invalidateRowsFilter();
}

void AnomalyFilterProxy::setShowSilenced(bool show)
{
    m_showSilenced = show;
    invalidateRowsFilter();
}

void AnomalyFilterProxy::setShowSnoozed(bool show)
{
    m_showSnoozed = show;
    invalidateRowsFilter();
}

void AnomalyFilterProxy::refilter()
{
    invalidateRowsFilter();
}

bool AnomalyFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    return accepts(sourceModel()->index(sourceRow, 0, sourceParent), m_showSilenced);
}

int AnomalyFilterProxy::silencedInFilter() const
{
    int n = 0;
    for (int row = 0, rows = sourceModel()->rowCount(); row < rows; ++row) {
        const QModelIndex i = sourceModel()->index(row, 0);
        n += i.data(AnomalyTableModel::SilencedRole).toBool() && accepts(i, true);
    }
    return n;
}

bool AnomalyFilterProxy::accepts(const QModelIndex& i, bool showSilenced) const
{
    const auto state = static_cast<TriageState>(i.data(AnomalyTableModel::StateRole).toInt());
    switch (m_state) {
    case StateFilter::Open:
        if (state == TriageState::Resolved)
            return false;
        break;
    case StateFilter::New:
        if (state != TriageState::New)
            return false;
        break;
    case StateFilter::Acknowledged:
        if (state != TriageState::Acknowledged)
            return false;
        break;
    case StateFilter::Resolved:
        if (state != TriageState::Resolved)
            return false;
        break;
    case StateFilter::All:
        break;
    }
    if (!showSilenced && i.data(AnomalyTableModel::SilencedRole).toBool())
        return false;
    if (!m_showSnoozed && i.data(AnomalyTableModel::SnoozedRole).toBool())
        return false;
    if (m_search.isEmpty())
        return true;
    const QString haystack = i.data(AnomalyTableModel::SearchTextRole).toString();
    const QStringList words = m_search.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (const QString& w : words) {
        if (!haystack.contains(w, Qt::CaseInsensitive))
            return false;
    }
    return true;
}

} // namespace payops
