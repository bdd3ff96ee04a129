#pragma once
// The Health table's sort: by the model's SortRole, with a row that has no figure in the column (an issuer without
// traffic reads "—") after every row that has one, whichever way the column is sorted. As 0 it sorted as an outage
// (success, worst first) and as the fastest (p95); as "none" Qt puts it last ascending but first descending, above
// the slowest issuers a triage sorts for.

#include <QSortFilterProxyModel>

namespace payops {

class HealthSortProxy : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit HealthSortProxy(QObject* parent = nullptr);

protected:
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;
};

} // namespace payops
