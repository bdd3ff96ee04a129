#include "issuer_health_model.h"

#include "models/number_format.h"
#include "models/phrase_text.h"

#include <QCoreApplication>
#include <algorithm>
#include <cmath>

namespace payops {

QString healthStateLabel(HealthState s)
{
    switch (s) {
    case HealthState::Healthy:
        return QCoreApplication::translate("payops::IssuerHealthModel", "Healthy");
    case HealthState::Degraded:
        return QCoreApplication::translate("payops::IssuerHealthModel", "Degraded");
    case HealthState::Down:
        return QCoreApplication::translate("payops::IssuerHealthModel", "Down");
    }
    return {};
}

IssuerHealthModel::IssuerHealthModel(const MetricHistory& history, QObject* parent)
    : QAbstractTableModel(parent), m_history(history)
{
}

void IssuerHealthModel::applySnapshot(const CycleSnapshot& s)
{
    // A method has no health verdict of its own in the runtime; its state is that of its worst active anomaly,
    // the same rule the issuer verdicts follow (critical -> down, any other -> degraded).
    // A method in an incident raised elsewhere (a storm on all traffic) is degraded by its evidence there, as an
    // issuer is (AgentRuntime's issuer health).
    std::map<std::string, std::pair<HealthState, QStringList>> methodState;
    for (const Anomaly& a : s.anomalies) {
        if (a.kind == DimensionKind::Method) {
            auto& [state, reasons] = methodState[a.dimension];
            const HealthState st =
                a.severityClass == SeverityClass::Critical ? HealthState::Down : HealthState::Degraded;
            state = std::max(state, st);
            for (const Evidence& e : a.evidence)
                reasons << sayPhrase(e.phrase, e.rule);
            continue;
        }
        for (const Evidence& e : a.evidence) {
            if (e.dimension.rfind("method:", 0) != 0 || e.dimension == a.dimension)
                continue;
            auto& [state, reasons] = methodState[e.dimension];
            state = std::max(state, HealthState::Degraded);
            reasons << sayPhrase(e.phrase, e.rule);
        }
    }
    // A suppressed issuer has no traffic: its state reads "success rate 21 cycles ago", which says nothing of why.
    // Suppressions target issuers and reroutes methods; retry limits are system-wide and have no row.
    std::map<std::string, QStringList> actions;
    for (const Intervention& iv : s.activeInterventions) {
        if (iv.state != InterventionState::Active)
            continue;
        if (iv.option.type == "suppress_path") {
            actions[iv.option.target]
                << QCoreApplication::translate("payops::IssuerHealthModel", "suppressed by #%1").arg(iv.id);
        } else if (iv.option.type == "reroute_traffic") {
            const std::string& to = iv.option.alternative;
            const auto colon = to.find(':'); // "method:card": the name, as the rows show it
            actions[iv.option.target] << QCoreApplication::translate("payops::IssuerHealthModel",
                                                                     "rerouted to %1 by #%2")
                                             .arg(QString::fromStdString(
                                                 colon == std::string::npos ? to : to.substr(colon + 1)))
                                             .arg(iv.id);
        }
    }
    std::map<std::pair<std::string, std::string>, const Phrase*> evidencePhrase; // (dimension, rule) -> its phrase
    for (const Anomaly& a : s.anomalies)
        for (const Evidence& e : a.evidence)
            if (!e.phrase.empty()) {
                evidencePhrase.emplace(std::make_pair(a.dimension, e.rule), &e.phrase);
                evidencePhrase.emplace(std::make_pair(e.dimension, e.rule), &e.phrase); // an incident raised elsewhere
            }
    std::map<std::string, const IssuerHealth*> issuerState;
    for (const IssuerHealth& h : s.issuerHealth)
        issuerState.emplace("issuer:" + h.issuer, &h);

    std::vector<const DimensionStats*> incoming;
    for (const DimensionStats& st : s.stats) {
        if (st.kind == DimensionKind::Issuer || st.kind == DimensionKind::Method)
            incoming.push_back(&st);
    }
    // Issuers before methods; within a kind, the order they first appear stays put (no rows jumping around).
    std::stable_partition(incoming.begin(), incoming.end(),
                          [](const DimensionStats* st) { return st->kind == DimensionKind::Issuer; });

    std::vector<Row> added;
    for (const DimensionStats* st : incoming) {
        auto it = std::find_if(m_rows.begin(), m_rows.end(), [&](const Row& r) { return r.key == st->key; });
        Row fresh;
        Row& row = it != m_rows.end() ? *it : fresh;
        row.key = st->key;
        row.kind = st->kind;
        row.name = QString::fromStdString(st->kind == DimensionKind::Issuer ? st->issuer : st->method);
        row.stats = *st;
        row.state = HealthState::Healthy;
        row.reasons.clear();
        const auto action = actions.find(st->key);
        row.action = action != actions.end() ? action->second.join(QStringLiteral(", ")) : QString();
        if (st->kind == DimensionKind::Issuer) {
            if (auto h = issuerState.find(st->key); h != issuerState.end()) {
                row.state = h->second->state;
                // The issuer's reasons are its anomaly's evidence rules, in English: said in the reader's language
                // from the evidence that carries them. Any other reason (a feed's own) is shown as it came.
                for (const std::string& r : h->second->reasons) {
                    const auto phrase = evidencePhrase.find({st->key, r});
                    row.reasons << (phrase != evidencePhrase.end() ? sayPhrase(*phrase->second)
                                                                   : QString::fromStdString(r));
                }
            }
        } else if (auto m = methodState.find(st->key); m != methodState.end()) {
            row.state = m->second.first;
            row.reasons = m->second.second;
        }
        if (it == m_rows.end())
            added.push_back(std::move(fresh));
    }
    if (!m_rows.empty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    if (!added.empty()) {
        // New issuers go after existing issuers, new methods at the end, inserted as contiguous blocks.
        for (Row& r : added) {
            int at = static_cast<int>(m_rows.size());
            if (r.kind == DimensionKind::Issuer) {
                at = 0;
                while (at < rowCount() && m_rows[static_cast<std::size_t>(at)].kind == DimensionKind::Issuer)
                    ++at;
            }
            beginInsertRows({}, at, at);
            m_rows.insert(m_rows.begin() + at, std::move(r));
            endInsertRows();
        }
    }
}

void IssuerHealthModel::clear()
{
    if (m_rows.empty())
        return;
    beginRemoveRows({}, 0, rowCount() - 1);
    m_rows.clear();
    endRemoveRows();
}

int IssuerHealthModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int IssuerHealthModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

int IssuerHealthModel::rowOf(const QString& key) const
{
    const std::string k = key.toStdString();
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].key == k)
            return static_cast<int>(i);
    }
    return -1;
}

QString IssuerHealthModel::keyAt(int row) const
{
    if (row < 0 || row >= rowCount())
        return {};
    return QString::fromStdString(m_rows[static_cast<std::size_t>(row)].key);
}

QVariant IssuerHealthModel::trendOf(const Row& row) const
{
    const std::vector<MetricPoint> points = m_history.tail(row.key, kTrendPoints);
    QVariantList values;
    values.reserve(static_cast<int>(points.size()));
    for (const MetricPoint& p : points)
        if (!std::isnan(p.value[0])) // a cycle without traffic has no rate to draw
            values << static_cast<double>(p.value[0]);
    return values;
}

QVariant IssuerHealthModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& r = m_rows[static_cast<std::size_t>(index.row())];
    const DimensionStats& st = r.stats;
    switch (role) {
    case KeyRole:
        return QString::fromStdString(r.key);
    case StateRole:
        return static_cast<int>(r.state);
    case KindRole:
        return r.kind == DimensionKind::Issuer ? QStringLiteral("issuer") : QStringLiteral("method");
    case TrendRole:
        return trendOf(r);
    case Qt::ToolTipRole:
        if (index.column() == State && !r.reasons.isEmpty())
            return r.reasons.join(QLatin1Char('\n'));
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() >= Success && index.column() <= Volume)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case SortRole:
        // No traffic, no figure ("—"): none, which HealthSortProxy puts after every figure. As 0 it sorted as an
        // outage (success) and as the fastest (p95).
        if (!st.hasRates() && (index.column() == Success || index.column() == P95 || index.column() == Retries))
            return {};
        switch (index.column()) {
        case Name:
            return r.name;
        case State:
            return static_cast<int>(r.state);
        case Success:
            return st.successRate;
        case P95:
            return st.p95LatencyMs;
        case Retries:
            return st.meanRetries;
        case Volume:
            return st.count;
        default:
            return {};
        }
    case Qt::DisplayRole:
        switch (index.column()) {
        case Name:
            return r.name;
        case State: {
            QString text = healthStateLabel(r.state);
            if (!r.action.isEmpty())
                text += QStringLiteral(" — ") + r.action;
            if (!r.reasons.isEmpty())
                text += QStringLiteral(" — ") + r.reasons.first();
            return text;
        }
        // No traffic in the window (or no rates for it): there is no rate to show, and 0 % would read as an outage.
        case Success:
            return !st.hasRates() ? QStringLiteral("—") : formatPercent(st.successRate * 100.0, 1);
        case P95:
            return !st.hasRates() ? QStringLiteral("—")
                                  : QString(formatNumber(st.p95LatencyMs, 0) + QStringLiteral(" ms"));
        case Retries:
            return !st.hasRates() ? QStringLiteral("—") : formatNumber(st.meanRetries, 2);
        case Volume:
            return QString::number(st.count);
        default:
            return {};
        }
    default:
        return {};
    }
}

QVariant IssuerHealthModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    // The table's figures and its states answer different questions, and side by side they read as a contradiction
    // (an issuer Healthy at 58 % success, two minutes after its outage ended): the headers say which is which.
    if (role == Qt::ToolTipRole) {
        if (section == State)
            return tr("Judged on each cycle's own transactions: an incident shows here when it starts and clears when "
                      "it ends");
        if (section == Success || section == P95 || section == Retries || section == Volume)
            return tr("Over the transaction window (the last five minutes by default): it trails an incident's start "
                      "and end by minutes. The chart's default shows each cycle's own figures.");
        if (section == Trend)
            return tr("The window's success rate over the last %1 cycles; each row is scaled to its own range, at "
                      "least ten percentage points")
                .arg(kTrendPoints);
        return {};
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name:
        return tr("Issuer / method");
    case State:
        return tr("State");
    case Success:
        return tr("Success");
    case P95:
        return tr("p95 latency");
    case Retries:
        return tr("Retries");
    case Volume:
        return tr("Volume");
    case Trend:
        return tr("Trend");
    default:
        return {};
    }
}

} // namespace payops
