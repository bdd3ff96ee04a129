#include "anomalies_page.h"

#include "models/anomaly_table_model.h"
#include "models/console_settings.h"
#include "models/number_format.h"
#include "ui/anomaly_detail_view.h"
#include "ui/prompter.h"
#include "ui/silence_dialog.h"
#include "ui/table_delegates.h"
#include "ui/theme.h"
#include "ui/triage_shortcuts.h"

#include <QAction>
#include <QComboBox>
#include <QDataStream>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QSplitter>
#include <QStyle>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>
#include <set>

namespace payops {

namespace {

// Where the table's columns and the split are saved. New names since 2026-12-06: a layout saved before then kept
// Owner and z past the table's edge at the default size, and the new defaults did not reach whoever had one.
const QString kColumnsState = QStringLiteral("anomalies/columns");
const QString kSplitState = QStringLiteral("anomalies/split");
constexpr TimeMs kMinute = 60 * 1000;

QColor severityColour(int c)
{
    return Theme::severity(static_cast<SeverityClass>(c));
}
} // namespace

AnomaliesPage::AnomaliesPage(ConsoleData& data, ConsoleSettings& settings, Prompter& prompter, QWidget* parent)
    : QWidget(parent), m_data(data), m_settings(settings), m_prompter(prompter)
{
    setObjectName(QStringLiteral("anomaliesPage"));
    m_search = new QLineEdit;
    m_search->setObjectName(QStringLiteral("anomalySearch"));
    m_search->setPlaceholderText(tr("Search: id, issuer, pattern, owner…"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(m_search->fontMetrics().horizontalAdvance(QStringLiteral("HDFC RETRY_STORM"))); // usable
    m_search->setAccessibleName(tr("Search anomalies"));
    m_state = new QComboBox;
    m_state->setObjectName(QStringLiteral("anomalyStateFilter"));
    m_state->addItems({tr("Open"), tr("New"), tr("Acknowledged"), tr("Resolved"), tr("All")});
    m_state->setAccessibleName(tr("State filter"));
    // What the filter hides besides the state: one menu button instead of two check boxes, so the bar fits a
    // 1280-pixel screen in German too; its text names what it currently shows.
    m_showHidden = new QToolButton;
    m_showHidden->setObjectName(QStringLiteral("anomalyShowHidden"));
    m_showHidden->setPopupMode(QToolButton::InstantPopup);
    m_showHidden->setToolTip(tr("Silenced and snoozed anomalies are hidden unless you show them here"));
    auto* showMenu = new QMenu(m_showHidden);
    m_showSilenced = showMenu->addAction(tr("Silenced"));
    m_showSilenced->setObjectName(QStringLiteral("anomalyShowSilenced"));
    m_showSilenced->setCheckable(true);
    m_showSnoozed = showMenu->addAction(tr("Snoozed"));
    m_showSnoozed->setObjectName(QStringLiteral("anomalyShowSnoozed"));
    m_showSnoozed->setCheckable(true);
    m_showHidden->setMenu(showMenu);
    m_ack = new QToolButton;
    m_ack->setObjectName(QStringLiteral("anomalyAcknowledge"));
    m_ack->setText(tr("Acknowledge"));
    m_ack->setToolTip(
        tr("Acknowledge the selected anomalies (%1)").arg(shortcuts::acknowledge().toString(QKeySequence::NativeText)));
    m_resolve = new QToolButton;
    m_resolve->setText(tr("Resolve…"));
    m_resolve->setToolTip(tr("Resolve the selected anomalies with a note (%1)")
                              .arg(shortcuts::resolve().toString(QKeySequence::NativeText)));
    m_snooze = new QToolButton;
    m_snooze->setText(tr("Snooze"));
    m_snooze->setToolTip(tr("Hide the selected anomalies from the open list for a while (%1: one hour)")
                             .arg(shortcuts::snoozeHour().toString(QKeySequence::NativeText)));
    m_snooze->setPopupMode(QToolButton::InstantPopup);
    auto* snoozeMenu = new QMenu(m_snooze);
    const std::pair<QString, TimeMs> snoozes[] = {{tr("15 minutes"), 15 * kMinute},
                                                  {tr("1 hour"), 60 * kMinute},
                                                  {tr("4 hours"), 240 * kMinute},
                                                  {tr("24 hours"), 24 * 60 * kMinute}};
    for (const auto& [label, ms] : snoozes)
        snoozeMenu->addAction(label, this, [this, ms = ms] { snoozeSelected(ms); });
    snoozeMenu->addAction(tr("Until a time…"), this, &AnomaliesPage::snoozeSelectedUntilAsked);
    snoozeMenu->addSeparator();
    snoozeMenu->addAction(tr("Wake up now"), this, [this] {
        for (std::int64_t id : selectedIds())
            (void)m_data.unsnooze(id);
    });
    m_snooze->setMenu(snoozeMenu);
    m_assign = new QToolButton;
    m_assign->setText(tr("Assign…"));
    m_silences = new QToolButton; // "New silence…" and the active ones, in one menu
    m_silences->setObjectName(QStringLiteral("anomalySilences"));
    m_silences->setPopupMode(QToolButton::InstantPopup);
    m_silences->setMenu(new QMenu(m_silences));
    m_counts = new QLabel;
    m_counts->setObjectName(QStringLiteral("anomalyCounts"));
    m_counts->setWordWrap(true); // a long German count widened the table's side past its share, squeezing the pane

    auto* bar = new QHBoxLayout;
    bar->addWidget(m_search, 2);
    bar->addWidget(m_state);
    bar->addWidget(m_showHidden);
    bar->addStretch(1);
    bar->addWidget(m_ack);
    bar->addWidget(m_resolve);
    bar->addWidget(m_snooze);
    bar->addWidget(m_assign);
    bar->addWidget(m_silences);

    m_table = new QTableView;
    m_table->setObjectName(QStringLiteral("anomalyTable"));
    // Connected before the table's selection model is (setModel), so it runs first: when the reader's row leaves
    // the list (it resolved under the Open filter), that model moves the current row to a neighbour, and the pane
    // must not follow it there, or the next Acknowledge would land on an anomaly nobody chose.
    // A row nobody chose (the page selected the first one) is another matter: the pane moves on to the first row
    // still listed. It stayed on a resolved anomaly while a High one was open beside it, with the actions greyed.
    connect(data.anomalyProxy(), &QAbstractItemModel::rowsAboutToBeRemoved, this,
            [this](const QModelIndex&, int first, int last) {
                const int row = m_table->currentIndex().row();
                const bool leaving = row >= first && row <= last;
                m_currentLeaving = leaving && !m_firstRowUnchosen;
                m_unchosenLeaving = leaving && m_firstRowUnchosen;
            });
    connect(data.anomalyProxy(), &QAbstractItemModel::rowsRemoved, this, [this] {
        m_currentLeaving = false;
        if (std::exchange(m_unchosenLeaving, false))
            selectFirstRow();
    });
    m_table->setModel(data.anomalyProxy());
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(AnomalyTableModel::Started, Qt::DescendingOrder);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(24);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionsMovable(true);
    m_table->setItemDelegate(new CachedTextDelegate(m_table)); // live rows repaint several times a second
    m_table->setItemDelegateForColumn(
        AnomalyTableModel::Severity,
        new StatusDotDelegate(AnomalyTableModel::SeverityClassRole, severityColour, m_table));
    setColumnWidths();
    // Whether someone has it, and who, is the first thing triage asks: State and Owner come right after Severity,
    // so they are on screen at any window size (at the end they needed horizontal scrolling at the default size).
    // A saved layout overrides this.
    m_table->horizontalHeader()->moveSection(AnomalyTableModel::State, 1);
    m_table->horizontalHeader()->moveSection(AnomalyTableModel::Owner, 2);
    // The hypothesis' confidence is in the detail pane's first line; off by default, the columns that stay fit beside
    // the pane at the default window size. The header's context menu shows it again.
    m_table->setColumnHidden(AnomalyTableModel::Confidence, true);
    m_table->horizontalHeader()->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_table->horizontalHeader(), &QWidget::customContextMenuRequested, this,
            [this](const QPoint& at) { showColumnMenu(at); });
    m_table->setAccessibleName(tr("Anomalies"));

    m_detail = new AnomalyDetailView(data);

    m_splitter = new QSplitter(Qt::Horizontal);
    m_splitter->setObjectName(QStringLiteral("anomaliesSplitter"));
    auto* left = new QWidget;
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_table, 1);
    leftLayout->addWidget(m_counts);
    m_splitter->addWidget(left);
    m_splitter->addWidget(m_detail);
    // 64 % for the table, whose columns fit in that at the default window size; the pane reads well in the rest.
    m_splitter->setStretchFactor(0, 16);
    m_splitter->setStretchFactor(1, 9);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->addLayout(bar);
    layout->addWidget(m_splitter, 1);

    AnomalyFilterProxy* proxy = data.anomalyProxy();
    // The proxy outlives the page (a language change rebuilds the pages): the controls start from the filter in
    // force, or the list would stay filtered by criteria they no longer show.
    m_search->setText(proxy->searchText());
    m_state->setCurrentIndex(static_cast<int>(proxy->stateFilter()));
    m_showSilenced->setChecked(proxy->showSilenced());
    m_showSnoozed->setChecked(proxy->showSnoozed());
    updateShowHiddenButton();
    connect(m_search, &QLineEdit::textChanged, proxy, &AnomalyFilterProxy::setSearchText);
    connect(m_state, &QComboBox::currentIndexChanged, this,
            [proxy](int i) { proxy->setStateFilter(static_cast<AnomalyFilterProxy::StateFilter>(std::max(0, i))); });
    connect(m_showSilenced, &QAction::toggled, proxy, &AnomalyFilterProxy::setShowSilenced);
    connect(m_showSnoozed, &QAction::toggled, proxy, &AnomalyFilterProxy::setShowSnoozed);
    connect(m_showSilenced, &QAction::toggled, this, &AnomaliesPage::updateShowHiddenButton);
    connect(m_showSnoozed, &QAction::toggled, this, &AnomaliesPage::updateShowHiddenButton);
    connect(m_table, &QAbstractItemView::pressed, this,
            [this] { m_firstRowUnchosen = false; }); // the row it was on too
    connect(m_ack, &QToolButton::clicked, this, &AnomaliesPage::acknowledgeSelected);
    connect(m_resolve, &QToolButton::clicked, this, &AnomaliesPage::resolveSelected);
    connect(m_assign, &QToolButton::clicked, this, &AnomaliesPage::assignSelected);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &AnomaliesPage::updateActions);
    // Selecting the current row (a click on the row the current moved to when the pane's anomaly left the list) does
    // not change the current row: the pane follows the selection too.
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        // Any selection someone makes is a choice, Ctrl+A too (it leaves the current row where it was): a bulk
        // selection must not be cut down to the first row when the row the page picked leaves the list.
        if (!m_selectingFirstRow && !m_unchosenLeaving && !m_currentLeaving)
            m_firstRowUnchosen = false;
        const QModelIndex current = m_table->currentIndex();
        if (!current.isValid() || !m_table->selectionModel()->isRowSelected(current.row(), current.parent()))
            return;
        const std::int64_t id = current.data(AnomalyTableModel::IdRole).toLongLong();
        if (id != m_detail->anomalyId())
            m_detail->showAnomaly(id);
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentChanged, this, &AnomaliesPage::updateActions);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                if (!m_selectingFirstRow && !m_unchosenLeaving)
                    m_firstRowUnchosen = false; // someone chose a row: the pane stays with it from now on
                if (m_currentLeaving)
                    return; // the pane stays on the anomaly that left (selectedIds() then means it)
                m_detail->showAnomaly(current.isValid() ? current.data(AnomalyTableModel::IdRole).toLongLong() : 0);
            });
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(proxy, signal, this, &AnomaliesPage::updateActions);
    connect(proxy, &QAbstractItemModel::rowsInserted, this, [this] {
        if (!m_table->selectionModel()->currentIndex().isValid())
            selectFirstRow();
    });
    connect(proxy, &QAbstractItemModel::dataChanged, this, &AnomaliesPage::updateActions);
    connect(proxy, &QAbstractItemModel::modelReset, this, &AnomaliesPage::updateActions);
    // Anomalies the filter hides (silenced, snoozed, another state) change the counts too, with no signal from the
    // proxy: a silenced issuer's new anomaly left "0 of 0 anomalies shown" and no hint that the filter hid one.
    connect(&data, &ConsoleData::snapshotApplied, this, &AnomaliesPage::updateActions);
    // Another run or source: the selection was reset without a signal, and its anomaly's id most likely exists in
    // the new run too (ids start at 1 in every run), as another anomaly. The pane must not go on showing the old one,
    // nor put a note on the new one under its number.
    connect(&data, &ConsoleData::reloaded, this, [this] {
        m_table->selectionModel()->clear();
        m_detail->showAnomaly(0);
        selectFirstRow();
        updateActions();
    });
    connect(&data, &ConsoleData::silencesChanged, this, &AnomaliesPage::updateSilencesButton);
    connect(&data, &ConsoleData::roleChanged, this, &AnomaliesPage::updateSilencesButton); // and updateActions

    m_table->horizontalHeader()->restoreState(settings.viewState(kColumnsState));
    widenToHeaders(*m_table); // "Konfidenz" was cut
    // A split saved from a page never laid out (before 2026-12-06: 70:114 px, the table squeezed to a third) is no
    // one's choice: the default stands. QSplitter's state is its marker, a version and the pane sizes.
    const QByteArray split = settings.viewState(kSplitState);
    QDataStream in(split);
    qint32 marker = 0, version = 0;
    QList<qint32> saved;
    in >> marker >> version >> saved;
    if (in.status() != QDataStream::Ok || saved.size() != 2 || saved[0] + saved[1] >= 400)
        m_splitter->restoreState(split);
    updateActions();
    updateSilencesButton();
}

void AnomaliesPage::setColumnWidths()
{
    // Each column as wide as its usual content in this font and language, plus the cell's margins. Fixed pixel
    // widths were generous for some fonts and languages and pushed z, Confidence and Owner past the edge of the
    // table at the default window size.
    const QFontMetrics fm = m_table->fontMetrics();
    const int margins = 2 * m_table->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, m_table) + 10;
    const auto fit = [&](const QStringList& samples, int extra = 0) {
        int widest = 0;
        for (const QString& text : samples)
            widest = std::max(widest, fm.horizontalAdvance(text));
        return widest + margins + extra;
    };
    using M = AnomalyTableModel;
    const TimeMs longRun = (59 * 60 + 59) * 1000;
    m_table->setColumnWidth(M::Severity, fit({severityLabel(SeverityClass::Critical) + QStringLiteral(" ↓")},
                                             16)); // the status dot
    m_table->setColumnWidth(M::State,
                            fit({triageStateLabel(TriageState::New), triageStateLabel(TriageState::Acknowledged),
                                 triageStateLabel(TriageState::Resolved)}));
    m_table->setColumnWidth(M::Owner, fit({QStringLiteral("operator")}));
    m_table->setColumnWidth(M::Pattern, fit({QString::fromLatin1(patternName(Pattern::IssuerDegradation))}));
    m_table->setColumnWidth(M::Dimension, fit({QStringLiteral("issuer:ICICI +2")})); // longer ones elide
    m_table->setColumnWidth(M::Started, fit({formatSimTime(longRun)}));
    m_table->setColumnWidth(M::Duration, fit({formatDuration(longRun)}));
    m_table->setColumnWidth(M::Z, fit({formatNumber(10.7, 1)}));
    m_table->setColumnWidth(M::Confidence, fit({formatPercent(100.0, 0)}));
}

// Which columns the table shows, in their order on screen; Severity stays, so the table never has none.
std::unique_ptr<QMenu> AnomaliesPage::columnMenu()
{
    QHeaderView* header = m_table->horizontalHeader();
    auto menu = std::make_unique<QMenu>(this);
    for (int visual = 0; visual < header->count(); ++visual) {
        const int column = header->logicalIndex(visual);
        QAction* action = menu->addAction(m_table->model()->headerData(column, Qt::Horizontal).toString());
        action->setCheckable(true);
        action->setChecked(!header->isSectionHidden(column));
        action->setEnabled(column != AnomalyTableModel::Severity);
        connect(action, &QAction::toggled, this, [header, column](bool shown) {
            header->setSectionHidden(column, !shown);
            if (shown && header->sectionSize(column) < header->minimumSectionSize() * 2)
                header->resizeSection(column, header->defaultSectionSize());
        });
    }
    return menu;
}

void AnomaliesPage::showColumnMenu(const QPoint& at)
{
    columnMenu()->exec(m_table->horizontalHeader()->mapToGlobal(at));
}

void AnomaliesPage::selectFirstRow()
{
    if (m_data.anomalyProxy()->rowCount() == 0)
        return;
    m_selectingFirstRow = true;
    m_table->selectionModel()->setCurrentIndex(m_data.anomalyProxy()->index(0, 0),
                                               QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_selectingFirstRow = false;
    m_firstRowUnchosen = true;
}

std::vector<std::int64_t> AnomaliesPage::selectedIds() const
{
    std::set<std::int64_t> ids;
    for (const QModelIndex& i : m_table->selectionModel()->selectedRows())
        ids.insert(i.data(AnomalyTableModel::IdRole).toLongLong());
    // Without a selection (the selected row left the filter, or only the keyboard's current row is set), actions
    // apply to the anomaly the detail pane shows, which is the one the reader chose.
    if (ids.empty() && m_detail->anomalyId() != 0)
        ids.insert(m_detail->anomalyId());
    return {ids.begin(), ids.end()};
}

bool AnomaliesPage::selectAnomaly(std::int64_t id)
{
    const int sourceRow = m_data.anomalyModel()->rowOf(id);
    if (sourceRow < 0)
        return false;
    const QModelIndex i = m_data.anomalyProxy()->mapFromSource(m_data.anomalyModel()->index(sourceRow, 0));
    if (!i.isValid())
        return false;
    m_table->selectionModel()->setCurrentIndex(i, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_firstRowUnchosen = false; // chosen, even if it was the current row already
    m_table->scrollTo(i);
    return true;
}

namespace {
// Which anomalies an action took, as the table numbers them: a shortcut or the palette acts on the page's selection,
// which may be a row the page selected by itself, and "Snoozed 1 anomaly" did not say which (a critical one could go
// out of sight for an hour unnoticed).
QString naming(QString sentence, const std::vector<std::int64_t>& ids)
{
    QStringList out;
    for (std::int64_t id : ids)
        out << QStringLiteral("#%1").arg(id);
    const bool stop = sentence.endsWith(QLatin1Char('.'));
    if (stop)
        sentence.chop(1);
    return sentence + QStringLiteral(" (") + out.join(QStringLiteral(", ")) + QLatin1Char(')') +
           (stop ? QStringLiteral(".") : QString());
}

// Does `act` to each anomaly in turn: those it took, and whether each one taken was saved. A refusal saves nothing and
// leaves ConsoleData's flag as the action before it set it, so only a taken one's flag counts.
struct EachDone {
    std::vector<std::int64_t> taken;
    bool saved = true;
};
template <typename Act> EachDone doEach(const std::vector<std::int64_t>& ids, const ConsoleData& data, Act act)
{
    EachDone out;
    for (std::int64_t id : ids) {
        if (!act(id).ok())
            continue;
        out.taken.push_back(id);
        out.saved = out.saved && data.lastActionSaved();
    }
    return out;
}
} // namespace

void AnomaliesPage::acknowledgeSelected()
{
    acknowledge(selectedIds());
}

void AnomaliesPage::acknowledge(const std::vector<std::int64_t>& ids)
{
    // The role first: a viewer told to select something would then be told they may not.
    if (!m_data.permitted(approvals::Permission::Triage))
        return;
    if (ids.empty()) {
        Q_EMIT message(tr("Select the anomalies to acknowledge first."), true);
        return;
    }
    // Counted as the book acknowledged them: an anomaly the agent resolved while it was selected, or one already
    // acknowledged, is not acknowledged again, and the message must not say it was.
    std::vector<std::int64_t> fresh; // those the book acknowledges: the new ones
    for (std::int64_t id : ids)
        if (const TriageItem* item = m_data.triage().item(id); item && item->state == TriageState::New)
            fresh.push_back(id);
    auto done = m_data.acknowledge(ids);
    if (!done.ok() || !m_data.lastActionSaved())
        return; // the message bar already says why, or that it is not saved
    const int n = static_cast<int>(done.value());
    if (n == 0)
        Q_EMIT message(tr("Nothing to acknowledge: the selected anomalies are already acknowledged or resolved."),
                       true);
    else if (done.value() < ids.size())
        Q_EMIT message(
            naming(tr("Acknowledged %n anomaly(ies); the others were already acknowledged or resolved.", nullptr, n),
                   fresh),
            false);
    else
        Q_EMIT message(naming(tr("Acknowledged %n anomaly(ies).", nullptr, n), fresh), false);
}

void AnomaliesPage::resolveSelected()
{
    if (!m_data.permitted(approvals::Permission::Triage))
        return;
    const auto ids = selectedIds();
    if (ids.empty()) {
        Q_EMIT message(tr("Select the anomalies to resolve first."), true);
        return;
    }
    const auto note =
        m_prompter.text(this, tr("Resolve anomalies"), tr("What fixed it? The note goes on each anomaly's timeline."));
    if (!note)
        return;
    const EachDone done = doEach(ids, m_data, [&](std::int64_t id) { return m_data.resolve(id, *note); });
    if (!done.taken.empty() && done.saved) // else "Not saved" stays on the message bar
        Q_EMIT message(
            naming(tr("Resolved %n anomaly(ies).", nullptr, static_cast<int>(done.taken.size())), done.taken), false);
}

void AnomaliesPage::snoozeSelected(TimeMs forMs)
{
    if (!m_data.permitted(approvals::Permission::Triage))
        return;
    const auto ids = selectedIds();
    if (ids.empty()) {
        Q_EMIT message(tr("Select the anomalies to snooze first."), true);
        return;
    }
    const TimeMs until = m_data.clock().nowMs() + forMs;
    const EachDone done = doEach(ids, m_data, [&](std::int64_t id) { return m_data.snooze(id, until); });
    if (!done.taken.empty() && done.saved) // else "Not saved" stays on the message bar
        Q_EMIT message(naming(tr("Snoozed %n anomaly(ies) for %1.", nullptr, static_cast<int>(done.taken.size()))
                                  .arg(formatDuration(forMs)),
                              done.taken),
                       false);
}

void AnomaliesPage::snoozeSelectedUntilAsked()
{
    if (!m_data.permitted(approvals::Permission::Triage))
        return;
    if (selectedIds().empty()) {
        Q_EMIT message(tr("Select the anomalies to snooze first."), true);
        return;
    }
    const QDateTime now = QDateTime::fromMSecsSinceEpoch(m_data.clock().nowMs());
    const auto answer = m_prompter.text(this, tr("Snooze until"),
                                        tr("Until when? HH:MM (today, or tomorrow if that has passed) or "
                                           "YYYY-MM-DD HH:MM, local time."),
                                        now.addSecs(3600).toString(QStringLiteral("HH:mm")));
    if (!answer)
        return;
    const QString text = answer->trimmed();
    QDateTime until = QDateTime::fromString(text, QStringLiteral("yyyy-MM-dd HH:mm"));
    if (!until.isValid()) {
        const QTime time = QTime::fromString(text, QStringLiteral("H:mm"));
        if (time.isValid()) {
            until = QDateTime(now.date(), time);
            if (until <= now)
                until = until.addDays(1);
        }
    }
    if (!until.isValid()) {
        Q_EMIT message(tr("\"%1\" is not a time: write HH:MM or YYYY-MM-DD HH:MM.").arg(text), true);
        return;
    }
    snoozeSelected(until.toMSecsSinceEpoch() - m_data.clock().nowMs());
}

void AnomaliesPage::assignSelected()
{
    if (!m_data.permitted(approvals::Permission::Triage))
        return;
    const auto ids = selectedIds();
    if (ids.empty()) {
        Q_EMIT message(tr("Select the anomalies to assign first."), true);
        return;
    }
    const QString me = QString::fromStdString(personOf(m_data.actor())); // as the Owner column names one
    const auto owner = m_prompter.text(this, tr("Assign anomalies"), tr("Owner"), me);
    if (!owner || owner->trimmed().isEmpty())
        return;
    for (std::int64_t id : ids)
        (void)m_data.assign(id, owner->trimmed());
}

SilenceDialog* AnomaliesPage::openSilenceDialog()
{
    if (!m_data.permitted(approvals::Permission::Triage))
        return nullptr;
    if (m_silenceDialog)
        m_silenceDialog->close();
    auto* dialog = new SilenceDialog(m_data, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const QModelIndex current = m_table->currentIndex();
    if (current.isValid()) {
        const QStringList patterns = current.data(AnomalyTableModel::PatternNamesRole).toStringList();
        if (!patterns.isEmpty())
            dialog->setPattern(patternFromName(patterns.first().toStdString()));
        dialog->setDimension(current.data(AnomalyTableModel::DimensionKeyRole).toString());
    }
    connect(dialog, &SilenceDialog::created, this, [this](const Silence& s) {
        if (m_data.lastActionSaved()) // else "Not saved" stays on the message bar
            Q_EMIT message(tr("Silence #%1 created (%2).").arg(s.id).arg(QString::fromStdString(s.describe())), false);
    });
    m_silenceDialog = dialog;
    dialog->show();
    return dialog;
}

void AnomaliesPage::focusSearch()
{
    m_search->setFocus();
    m_search->selectAll();
}

void AnomaliesPage::updateActions()
{
    // Enabled for what they can do to the anomalies they would act on: once the agent resolved the pane's anomaly,
    // Acknowledge stayed enabled and its message claimed an acknowledgement that never happened.
    bool anyNew = false, anyOpen = false;
    const std::vector<std::int64_t> targets = selectedIds();
    for (std::int64_t id : targets) {
        if (const TriageItem* item = m_data.triage().item(id)) {
            anyNew |= item->state == TriageState::New;
            anyOpen |= item->state != TriageState::Resolved;
        }
    }
    // ... and for what the operator's role may do (each action checks it as well).
    const bool mayTriage = m_data.may(approvals::Permission::Triage);
    m_ack->setEnabled(mayTriage && anyNew);
    m_resolve->setEnabled(mayTriage && anyOpen);
    m_snooze->setEnabled(mayTriage && anyOpen);
    m_assign->setEnabled(mayTriage && !targets.empty());
    const int shown = m_data.anomalyProxy()->rowCount();
    const int total = m_data.anomalyModel()->rowCount();
    const int silenced = m_data.triage().activeSilences().empty() // the common case costs nothing per update
                             ? 0
                             : m_data.anomalyProxy()->silencedInFilter();
    QString counts = tr("%1 of %2 anomalies shown").arg(shown).arg(total) +
                     (silenced ? QStringLiteral(" · ") + tr("%n silenced", nullptr, silenced) : QString());
    // An empty list over anomalies that exist: point at what hides them (the agent resolves most by itself, and the
    // default filter shows open ones only).
    if (shown == 0 && total > 0)
        counts += QStringLiteral(" — ") +
                  tr("the filter hides them: choose All, or show silenced and snoozed ones", nullptr, total);
    m_counts->setText(counts);
}

void AnomaliesPage::updateSilencesButton()
{
    const auto active = m_data.triage().activeSilences();
    m_silences->setText(tr("Silences (%1)").arg(active.size()));
    QMenu* menu = m_silences->menu();
    menu->clear();
    const bool mayTriage = m_data.may(approvals::Permission::Triage);
    menu->addAction(tr("New silence…"), this, [this] { openSilenceDialog(); })->setEnabled(mayTriage);
    menu->addSeparator();
    if (active.empty())
        menu->addAction(tr("No active silences"))->setEnabled(false);
    for (const Silence& s : active) {
        QString label = QStringLiteral("#%1 %2").arg(s.id).arg(QString::fromStdString(s.describe()));
        if (!s.comment.empty())
            label += QStringLiteral(" — ") + QString::fromStdString(s.comment);
        QMenu* sub = menu->addMenu(label);
        sub->addAction(tr("Remove silence"), this, [this, id = s.id] { (void)m_data.removeSilence(id); })
            ->setEnabled(mayTriage);
    }
    updateActions();
}

void AnomaliesPage::updateShowHiddenButton()
{
    QStringList shown;
    if (m_showSilenced->isChecked())
        shown << tr("silenced");
    if (m_showSnoozed->isChecked())
        shown << tr("snoozed");
    m_showHidden->setText(shown.isEmpty() ? tr("Also show")
                                          : tr("Also show: %1").arg(shown.join(QStringLiteral(", "))));
}

void AnomaliesPage::saveState()
{
    if (!m_shown)
        return; // what was stored stays
    m_settings.setViewState(kColumnsState, m_table->horizontalHeader()->saveState());
    m_settings.setViewState(kSplitState, m_splitter->saveState());
}

void AnomaliesPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    m_shown = true;
}

void AnomaliesPage::applyTheme()
{
    m_detail->applyTheme();
    m_table->viewport()->update();
}

} // namespace payops
