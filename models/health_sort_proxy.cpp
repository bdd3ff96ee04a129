#include "health_sort_proxy.h"

#include "models/issuer_health_model.h"

namespace payops {

HealthSortProxy::HealthSortProxy(QObject* parent) : QSortFilterProxyModel(parent)
{
    setSortRole(IssuerHealthModel::SortRole);
}

bool HealthSortProxy::lessThan(const QModelIndex& left, const QModelIndex& right) const
{
    const bool leftHas = left.data(sortRole()).isValid();
    const bool rightHas = right.data(sortRole()).isValid();
    if (leftHas && rightHas)
        return QSortFilterProxyModel::lessThan(left, right);
    if (leftHas == rightHas)
        return false;
    // Descending order puts a row first when it is less under the reversed comparison: the one without a figure is
    // "less" then, and "greater" ascending, so that it ends up last both ways.
    return sortOrder() == Qt::AscendingOrder ? leftHas : !leftHas;
}

} // namespace payops
