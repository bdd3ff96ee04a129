#include "anomaly_table_model.h"

#include "models/number_format.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QTimeZone>
#include <algorithm>
#include <string_view>
#include <vector>

namespace payops {

namespace {

// The other dimensions an anomaly's evidence comes from, in order of first mention. Views into the evidence, so
// the Dimension cell, painted often, counts them without building strings.
std::vector<std::string_view> alsoOn(const Anomaly& a)
{
    std::vector<std::string_view> out;
    for (const Evidence& e : a.evidence) {
        if (!e.dimension.empty() && e.dimension != a.dimension &&
            std::find(out.begin(), out.end(), e.dimension) == out.end())
            out.push_back(e.dimension);
    }
    return out;
}

QString joined(const std::vector<std::string_view>& names, QStringView separator)
{
    QStringList out;
    for (std::string_view n : names)
        out << QString::fromUtf8(n.data(), static_cast<qsizetype>(n.size()));
    return out.join(separator);
}

// lupdate sees only literal calls, so each call site wraps its text in QT_TRANSLATE_NOOP with this context: until
// 2026-12-06 the severities, states and durations were missing from the .ts files and showed in English.
QString tr2(const char* text)
{
    return QCoreApplication::translate("payops::AnomalyTableModel", text);
}
} // namespace

QString triageStateLabel(TriageState s)
{
    switch (s) {
    case TriageState::New:
        return tr2(QT_TRANSLATE_NOOP("payops::AnomalyTableModel", "New"));
    case TriageState::Acknowledged:
        return tr2(QT_TRANSLATE_NOOP("payops::AnomalyTableModel", "Acknowledged"));
    case TriageState::Resolved:
        return tr2(QT_TRANSLATE_NOOP("payops::AnomalyTableModel", "Resolved"));
    }
    return {};
}

QString triageStateText(const TriageItem& item, TimeMs nowMs)
{
    if (item.snoozed(nowMs)) {
        // The date when it is not today: "until 10:00" of a 24-hour snooze read as one ending this morning.
        const QDateTime until = QDateTime::fromMSecsSinceEpoch(item.snoozedUntil);
        const bool today = until.date() == QDateTime::fromMSecsSinceEpoch(nowMs).date();
        return QCoreApplication::translate("payops::AnomalyTableModel", "Snoozed until %1")
            .arg(until.toString(today ? QStringLiteral("HH:mm") : QStringLiteral("yyyy-MM-dd HH:mm")));
    }
    return triageStateLabel(item.state);
}

QString severityLabel(SeverityClass c)
{
    switch (c) {
    case SeverityClass::Low:
        return tr2(QT_TRANSLATE_NOOP("payops::AnomalyTableModel", "Low"));
    case SeverityClass::Medium:
        return tr2(QT_TRANSLATE_NOOP("payops::AnomalyTableModel", "Medium"));
    case SeverityClass::High:
        return tr2(QT_TRANSLATE_NOOP("payops::AnomalyTableModel", "High"));
    case SeverityClass::Critical:
        return tr2(QT_TRANSLATE_NOOP("payops::AnomalyTableModel", "Critical"));
    }
    return {};
}

QString worstAndNow(const TriageItem& item, bool bold)
{
    const Anomaly& a = item.anomaly();
    const QString worst = severityLabel(item.peak.severityClass);
    return QCoreApplication::translate("payops::AnomalyTableModel", "%1 at its worst (z up to %2), now %3 (z %4)")
        .arg(bold ? QStringLiteral("<b>") + worst + QStringLiteral("</b>") : worst, formatNumber(item.peak.z, 1),
             severityLabel(a.severityClass), formatNumber(a.maxAbsZ, 1));
}

QString formatSimTime(TimeMs ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(QStringLiteral("HH:mm:ss"));
}

QString formatDuration(TimeMs ms)
{
    const qint64 s = std::max<qint64>(0, ms / 1000);
    if (s < 60)
        return tr2(QT_TRANSLATE_NOOP("payops::AnomalyTableModel", "%1 s")).arg(s);
    if (s < 3600)
        return tr2(QT_TRANSLATE_NOOP("payops::AnomalyTableModel", "%1 min %2 s")).arg(s / 60).arg(s % 60);
    return tr2(QT_TRANSLATE_NOOP("payops::AnomalyTableModel", "%1 h %2 min")).arg(s / 3600).arg((s % 3600) / 60);
}

AnomalyTableModel::AnomalyTableModel(const TriageBook& book, QObject* parent)
    : QAbstractTableModel(parent), m_book(book)
{
    reload();
}

void AnomalyTableModel::reload()
{
    beginResetModel();
    m_ids.clear();
    for (const auto& [id, item] : m_book.items())
        m_ids.push_back(id);
    endResetModel();
}

void AnomalyTableModel::applyUpdate(const TriageUpdate& update)
{
    for (std::int64_t id : update.added) {
        if (rowOf(id) >= 0)
            continue;
        // Ids grow, so new anomalies append; an out-of-order id still lands in its sorted place.
        const auto at = std::lower_bound(m_ids.begin(), m_ids.end(), id);
        const int row = static_cast<int>(at - m_ids.begin());
        beginInsertRows({}, row, row);
        m_ids.insert(at, id);
        endInsertRows();
    }
    itemsChanged(update.changed);
}

void AnomalyTableModel::itemsChanged(const std::vector<std::int64_t>& ids)
{
    int first = rowCount(), last = -1;
    for (std::int64_t id : ids) {
        const int row = rowOf(id);
        if (row < 0)
            continue;
        first = std::min(first, row);
        last = std::max(last, row);
    }
    if (last >= 0)
        Q_EMIT dataChanged(index(first, 0), index(last, ColumnCount - 1));
}

void AnomalyTableModel::allChanged()
{
    if (!m_ids.empty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

int AnomalyTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_ids.size());
}

int AnomalyTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

int AnomalyTableModel::rowOf(std::int64_t id) const
{
    const auto at = std::lower_bound(m_ids.begin(), m_ids.end(), id);
    return at != m_ids.end() && *at == id ? static_cast<int>(at - m_ids.begin()) : -1;
}

std::int64_t AnomalyTableModel::idAt(int row) const
{
    return row >= 0 && row < rowCount() ? m_ids[static_cast<std::size_t>(row)] : 0;
}

QVariant AnomalyTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TriageItem* item = m_book.item(m_ids[static_cast<std::size_t>(index.row())]);
    if (!item)
        return {};
    const Anomaly& a = item->anomaly();
    const TimeMs endMs = item->active ? a.lastSeenMs : std::max(item->clearedMs, a.lastSeenMs);
    const TimeMs now = m_book.nowMs();
    switch (role) {
    case IdRole:
        return QVariant::fromValue<qint64>(item->anomalyId);
    case SeverityClassRole: // the dot: the worst it has been, as the label
        return static_cast<int>(item->peak.severityClass);
    case StateRole:
        return static_cast<int>(item->state);
    case SilencedRole:
        return m_book.silencedBy(*item) != nullptr;
    case SnoozedRole:
        return item->snoozed(now);
    case ActiveRole:
        return item->active;
    case DimensionKeyRole:
        return QString::fromStdString(a.dimension);
    case PatternNamesRole: {
        QStringList names;
        for (payops::Pattern p : a.patterns)
            names << QString::fromLatin1(patternName(p));
        return names;
    }
    case SearchTextRole:
        return QStringLiteral("#%1 %2 %3 %4 %5 %6 %7")
            .arg(item->anomalyId)
            .arg(QString::fromStdString(a.dimension), data(index.siblingAtColumn(Pattern)).toString(),
                 QString::fromStdString(item->owner), triageStateLabel(item->state),
                 severityLabel(item->peak.severityClass), joined(alsoOn(a), u" "));
    case SortRole:
        switch (index.column()) {
        case Severity:
            return item->peak.severity;
        case Pattern:
            return QString::fromLatin1(patternName(a.primary()));
        case Dimension:
            return QString::fromStdString(a.dimension);
        case Started:
            return QVariant::fromValue<qint64>(a.startedMs);
        case Duration:
            return QVariant::fromValue<qint64>(endMs - a.startedMs);
        case Z:
            return item->peak.z;
        case Confidence:
            return a.confidence;
        case State:
            return static_cast<int>(item->state);
        case Owner:
            return QString::fromStdString(item->owner);
        default:
            return {};
        }
    case Qt::ToolTipRole:
        if (index.column() == Severity && item->pastItsPeak())
            return worstAndNow(*item, false);
        if (index.column() == Z && a.maxAbsZ < item->peak.z)
            return tr("z up to %1; now %2").arg(formatNumber(item->peak.z, 1), formatNumber(a.maxAbsZ, 1));
        if (const Silence* s = m_book.silencedBy(*item))
            return tr("Silenced by #%1 (%2)").arg(s->id).arg(QString::fromStdString(s->describe()));
        if (index.column() == State && item->snoozed(now)) // the column is sized for "Acknowledged": the end elides
            return triageStateText(*item, now);
        if (index.column() == Dimension) {
            if (const auto others = alsoOn(a); !others.empty())
                return tr("Also seen on %1 (its evidence is in the detail pane)").arg(joined(others, u", "));
        }
        return {};
    case Qt::DisplayRole:
        switch (index.column()) {
        case Severity: // the worst it has been; an arrow when it has come down since
            return item->pastItsPeak() ? severityLabel(item->peak.severityClass) + QStringLiteral(" ↓")
                                       : severityLabel(item->peak.severityClass);
        case Pattern: {
            QStringList names;
            for (payops::Pattern p : a.patterns)
                names << QString::fromLatin1(patternName(p));
            return names.join(QStringLiteral(", "));
        }
        case Dimension: {
            // One incident, one anomaly: the dimensions whose flags joined it (spillover, a global roll-up) show
            // as a count, so a row on HDFC says that card and upi are in it too.
            const std::size_t others = alsoOn(a).size();
            return others == 0 ? QString::fromStdString(a.dimension)
                               : QStringLiteral("%1 +%2").arg(QString::fromStdString(a.dimension)).arg(others);
        }
        case Started:
            return formatSimTime(a.startedMs);
        case Duration:
            return formatDuration(endMs - a.startedMs);
        case Z:
            return formatNumber(item->peak.z, 1);
        case Confidence:
            return formatPercent(a.confidence * 100.0, 0);
        case State: {
            QString label = triageStateText(*item, now);
            if (m_book.silencedBy(*item))
                label += QStringLiteral(" · ") + tr("silenced");
            return QString(label);
        }
        case Owner:
            return QString::fromStdString(item->owner);
        default:
            return {};
        }
    default:
        return {};
    }
}

QVariant AnomalyTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole && (section == Severity || section == Z))
        return tr("The worst the anomaly has been; ↓ when it has come down since (the detail pane shows both)");
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Severity:
        return tr("Severity");
    case Pattern:
        return tr("Pattern");
    case Dimension:
        return tr("Dimension");
    case Started:
        return tr("Started");
    case Duration:
        return tr("Duration");
    case Z:
        return tr("z");
    case Confidence:
        return tr("Confidence");
    case State:
        return tr("State");
    case Owner:
        return tr("Owner");
    default:
        return {};
    }
}

} // namespace payops
