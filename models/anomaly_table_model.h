#pragma once
// The triage table: one row per anomaly the console has seen in this run, in the order they opened. Reads the
// TriageBook it is given; the owner of the book tells the model what changed (applyUpdate / itemsChanged), and
// the model turns that into row inserts and dataChanged, never a reset, so selection and scroll survive.

#include "triage/triage_book.h"

#include <QAbstractTableModel>
#include <vector>

namespace payops {

class AnomalyTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Severity, Pattern, Dimension, Started, Duration, Z, Confidence, State, Owner, ColumnCount };
    enum Role {
        IdRole = Qt::UserRole + 1,
        SortRole,
        SeverityClassRole, // int(SeverityClass)
        StateRole,         // int(TriageState)
        SilencedRole,      // bool: an active silence matches it
        SnoozedRole,       // bool
        ActiveRole,        // bool: the detector still flags it
        SearchTextRole,    // everything a search box should match
        PatternNamesRole,  // QStringList of every pattern that flagged it
        DimensionKeyRole,
    };

    explicit AnomalyTableModel(const TriageBook& book, QObject* parent = nullptr);

    // After TriageBook::load(): rebuilds rows (the one reset, at start-up or a new run).
    void reload();
    void applyUpdate(const TriageUpdate& update);
    void itemsChanged(const std::vector<std::int64_t>& ids);
    void allChanged(); // silences or the clock moved: badges and durations

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    int rowOf(std::int64_t id) const;
    std::int64_t idAt(int row) const;

private:
    const TriageBook& m_book;
    std::vector<std::int64_t> m_ids; // ascending: anomaly ids only grow within a run
};

QString triageStateLabel(TriageState s); // translated
// The state as the table shows it: "Snoozed until 14:05" while a snooze lasts (wall time), else triageStateLabel.
QString triageStateText(const TriageItem& item, TimeMs nowMs);
QString severityLabel(SeverityClass c); // translated
// "High at its worst (z up to 11.9), now Medium (z 0.1)", its worst class in bold for rich text.
QString worstAndNow(const TriageItem& item, bool bold);
QString formatSimTime(TimeMs ms);  // "10:03:12" (UTC, the simulator's clock)
QString formatDuration(TimeMs ms); // "4 min 16 s"

} // namespace payops
