#pragma once
// One row per issuer and per payment method (issuers first, then methods, in the order they first appear):
// state with reasons, success rate, p95 latency, mean retries, window volume and a trend of the success rate.
// Rows are updated in place from each snapshot (dataChanged, never a reset) so the selection and scroll position
// survive live updates at any rate.

#include "models/metric_history.h"
#include "runtime/cycle_snapshot.h"

#include <QAbstractTableModel>
#include <QStringList>
#include <vector>

namespace payops {

class IssuerHealthModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Name, State, Success, P95, Retries, Volume, Trend, ColumnCount };
    enum Role {
        KeyRole = Qt::UserRole + 1, // "issuer:HDFC"
        StateRole,                  // int(HealthState)
        TrendRole,                  // QVariantList of doubles, oldest first (success rate)
        SortRole,
        KindRole, // "issuer" or "method"
    };
    static constexpr int kTrendPoints = 60;

    explicit IssuerHealthModel(const MetricHistory& history, QObject* parent = nullptr);

    void applySnapshot(const CycleSnapshot& snapshot);
    void clear();

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    int rowOf(const QString& key) const;
    QString keyAt(int row) const;

private:
    struct Row {
        std::string key;
        DimensionKind kind = DimensionKind::Issuer;
        QString name;
        HealthState state = HealthState::Healthy;
        QStringList reasons;
        QString action; // what the agent has in force on it: "suppressed by #9"
        DimensionStats stats;
    };
    QVariant trendOf(const Row& row) const;

    const MetricHistory& m_history;
    std::vector<Row> m_rows;
};

QString healthStateLabel(HealthState s); // translated "Healthy", "Degraded", "Down"

} // namespace payops
