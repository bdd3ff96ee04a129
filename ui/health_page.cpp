#include "health_page.h"

#include "models/console_settings.h"
#include "models/health_sort_proxy.h"
#include "models/number_format.h"
#include "ui/metric_chart.h"
#include "ui/prompter.h"
#include "ui/table_delegates.h"
#include "ui/theme.h"

#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>

namespace payops {

namespace {
constexpr TimeMs kMinute = 60 * 1000;
const TimeMs kRanges[] = {5 * kMinute, 15 * kMinute, 60 * kMinute, 6 * 60 * kMinute, 24 * 60 * kMinute};
// The chart's choices, in the metric box's order. First the cycle's own figures, which the detector judges: they show
// an incident when it starts and its end when it ends, where the five-minute window trails both by minutes.
constexpr Metric kChartMetrics[] = {Metric::CycleSuccessRate, Metric::CycleMeanLatency, Metric::CycleMeanRetries,
                                    Metric::SuccessRate,      Metric::P95Latency,       Metric::MeanRetries,
                                    Metric::Volume,           Metric::SlowShare};

QColor healthColour(int state)
{
    return Theme::health(static_cast<HealthState>(state));
}
} // namespace

HealthPage::HealthPage(ConsoleData& data, ConsoleSettings& settings, Prompter& prompter, QWidget* parent)
    : QWidget(parent), m_data(data), m_settings(settings), m_prompter(prompter)
{
    setObjectName(QStringLiteral("healthPage"));
    m_sorted = new HealthSortProxy(this);
    m_sorted->setSourceModel(data.healthModel());

    m_table = new QTableView;
    m_table->setObjectName(QStringLiteral("healthTable"));
    m_table->setModel(m_sorted);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(-1, Qt::AscendingOrder); // model order (issuers, then methods) until the user sorts
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(26);
    // The state and its reason take the room there is; the trend's sparkline reads as well at 160 pixels as at 900
    // (the last column stretched, and a long reason was cut at 300 pixels on a 1920-pixel screen).
    m_table->horizontalHeader()->setSectionResizeMode(IssuerHealthModel::State, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionsMovable(true);
    m_table->setItemDelegate(new CachedTextDelegate(m_table)); // live rows repaint several times a second
    m_table->setItemDelegateForColumn(IssuerHealthModel::Trend,
                                      new SparklineDelegate(IssuerHealthModel::TrendRole, m_table));
    m_table->setItemDelegateForColumn(IssuerHealthModel::State,
                                      new StatusDotDelegate(IssuerHealthModel::StateRole, healthColour, m_table));
    m_table->setColumnWidth(IssuerHealthModel::Name, 130);
    m_table->setColumnWidth(IssuerHealthModel::Trend, 160);
    m_table->setAccessibleName(tr("Issuer and method health"));

    m_chart = new MetricChart(data.history());
    m_chart->setObjectName(QStringLiteral("healthChart"));
    m_chart->setBandZ(defaultAgentConfig().detector.zThreshold);

    m_metric = new QComboBox;
    m_metric->setObjectName(QStringLiteral("healthMetric"));
    m_metric->setAccessibleName(tr("Metric"));
    m_range = new QComboBox;
    m_range->setAccessibleName(tr("Time range"));
    m_range->setSizeAdjustPolicy(QComboBox::AdjustToContents); // "Letzte 15 min" was cut to "Letzte 15"
    // and its width fixed: in a row too narrow for all the controls (German at 1024 px) the layout took it from the
    // range, down to "Letzte 15" again. The metric's box, far wider than its words, gives way instead.
    m_range->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    m_metric->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_pause = new QToolButton;
    m_pause->setCheckable(true);
    m_resetZoom = new QToolButton;
    m_csv = new QToolButton;
    m_png = new QToolButton;
    m_summary = new QLabel;
    m_summary->setObjectName(QStringLiteral("healthSummary"));
    // A line of its own under the table it sums up: beside the chart's controls it had a third of the row and wrapped
    // onto two lines at 1320 px and four at 1024 (cut instead, it read "system health 10"). Still wrapped where even
    // a whole row is too narrow, rather than widen the window's minimum.
    m_summary->setWordWrap(true);

    auto* bar = new QHBoxLayout;
    bar->addStretch(1);
    bar->addWidget(m_metric);
    bar->addWidget(m_range);
    bar->addWidget(m_pause);
    bar->addWidget(m_resetZoom);
    bar->addWidget(m_csv);
    bar->addWidget(m_png);

    auto* chartBox = new QWidget;
    auto* chartLayout = new QVBoxLayout(chartBox);
    chartLayout->setContentsMargins(0, 0, 0, 0);
    chartLayout->addWidget(m_summary);
    chartLayout->addLayout(bar);
    chartLayout->addWidget(m_chart, 1);

    m_splitter = new QSplitter(Qt::Vertical);
    m_splitter->setObjectName(QStringLiteral("healthSplitter"));
    m_splitter->addWidget(m_table);
    m_splitter->addWidget(chartBox);
    m_splitter->setStretchFactor(0, 2);
    m_splitter->setStretchFactor(1, 3);
    m_splitter->setSizes({320, 480}); // room for the issuers and a few methods above the chart

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->addWidget(m_splitter);

    retranslate();
    m_range->setCurrentIndex(1);
    m_chart->setRangeMs(kRanges[1]);

    connect(m_metric, &QComboBox::currentIndexChanged, this,
            [this](int i) { m_chart->setMetric(kChartMetrics[static_cast<std::size_t>(std::max(0, i))]); });
    connect(m_range, &QComboBox::currentIndexChanged, this, [this](int i) {
        if (i >= 0)
            m_chart->setRangeMs(kRanges[i]);
    });
    connect(m_pause, &QToolButton::toggled, this, [this](bool on) { setLivePaused(on); });
    connect(m_resetZoom, &QToolButton::clicked, m_chart, &MetricChart::resetZoom);
    connect(m_csv, &QToolButton::clicked, this, &HealthPage::exportCsvInteractive);
    connect(m_png, &QToolButton::clicked, this, &HealthPage::exportPngInteractive);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &HealthPage::onSelectionChanged);
    connect(&data, &ConsoleData::snapshotApplied, this, &HealthPage::onSnapshot);
    // Another run or source: its first cycle may be a while away, and the last one's summary and chart must not
    // stand in for it meanwhile.
    connect(&data, &ConsoleData::reloaded, this, [this] {
        m_summary->clear();
        m_summary->setToolTip({});
        // A pause or zoom held minutes of the run before: the new one is followed from its start (the old lines stayed
        // beside an empty table).
        setLivePaused(false);
        m_chart->resetZoom();
        if (m_data.latest()) // a continued run's saved cycles: shown now, not at its next cycle
            onSnapshot();
    });
    m_chartTimer = new QTimer(this);
    m_chartTimer->setSingleShot(true);
    connect(m_chartTimer, &QTimer::timeout, this, [this] {
        m_lastChartRefresh = QDateTime::currentMSecsSinceEpoch();
        m_chart->refresh();
    });

    // Saved under a new name since 2026-12-06, when the state column took over the stretch from the trend: a header
    // restored from before kept the old layout (restoreState brings back the resize modes).
    m_table->horizontalHeader()->restoreState(settings.viewState(QStringLiteral("health/columns")));
    widenToHeaders(*m_table); // "Wiederholungen" was cut: a language change restored the English widths
    m_splitter->restoreState(settings.viewState(QStringLiteral("health/splitter")));
    onSnapshot(); // a page rebuilt for another language shows the latest cycle at once, not from the next one on
}

void HealthPage::retranslate()
{
    const int metric = std::max(0, m_metric->currentIndex());
    m_metric->clear();
    for (Metric m : kChartMetrics)
        m_metric->addItem(metricLabel(m));
    m_metric->setCurrentIndex(metric);
    const int range = std::max(0, m_range->currentIndex());
    m_range->clear();
    m_range->addItems({tr("Last 5 min"), tr("Last 15 min"), tr("Last hour"), tr("Last 6 h"), tr("Last 24 h")});
    m_range->setCurrentIndex(range);
    m_pause->setText(tr("Pause"));
    m_pause->setToolTip(tr("Freeze the chart; data keeps arriving"));
    m_resetZoom->setText(tr("Reset zoom"));
    m_resetZoom->setToolTip(tr("Drag across the chart to zoom into a time span"));
    m_csv->setText(tr("Export CSV…"));
    m_png->setText(tr("Export PNG…"));
}

void HealthPage::onSnapshot()
{
    const CycleSnapshotPtr s = m_data.latest();
    if (!s)
        return;
    // Counted from the table's rows, so methods count as well as issuers ("0 degraded" beside a degraded upi read as
    // a contradiction).
    int down[2] = {0, 0}, degraded[2] = {0, 0}; // issuers, methods
    const IssuerHealthModel* model = m_data.healthModel();
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex i = model->index(row, IssuerHealthModel::Name);
        const int kind = i.data(IssuerHealthModel::KindRole).toString() == QLatin1String("issuer") ? 0 : 1;
        const auto state = static_cast<HealthState>(i.data(IssuerHealthModel::StateRole).toInt());
        down[kind] += state == HealthState::Down;
        degraded[kind] += state == HealthState::Degraded;
    }
    // Each part one whole message, so a translation can order its words (the counts need no plural forms here).
    m_summary->setText(QStringList{tr("issuers: %1 down, %2 degraded").arg(down[0]).arg(degraded[0]),
                                   tr("methods: %1 down, %2 degraded").arg(down[1]).arg(degraded[1]),
                                   tr("system health %1").arg(formatPercent(s->systemHealth * 100.0, 0))}
                           .join(QStringLiteral(" · ")));
    m_summary->setToolTip(m_summary->text() + QStringLiteral("\n") +
                          tr("System health: 100% less half the mean confidence of the hypotheses now open about a "
                             "failure (100% when none is open)."));
    if (!m_table->selectionModel()->hasSelection() && m_sorted->rowCount() > 0)
        m_table->selectRow(0);
    // At most one redraw per interval, and always one after the last snapshot of a burst (a paused agent's single
    // step, a remote source's backfill), so the chart never stays behind the table.
    if (!m_chartTimer->isActive()) {
        const qint64 since = QDateTime::currentMSecsSinceEpoch() - m_lastChartRefresh;
        m_chartTimer->start(
            static_cast<int>(std::clamp<qint64>(kChartRedrawIntervalMs - since, 0, kChartRedrawIntervalMs)));
    }
}

void HealthPage::onSelectionChanged()
{
    const QString key = selectedDimension();
    if (!key.isEmpty())
        m_chart->setDimension(key);
}

QString HealthPage::selectedDimension() const
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    return current.isValid() ? current.data(IssuerHealthModel::KeyRole).toString() : QString();
}

void HealthPage::selectDimension(const QString& key)
{
    for (int r = 0; r < m_sorted->rowCount(); ++r) {
        if (m_sorted->index(r, 0).data(IssuerHealthModel::KeyRole).toString() == key) {
            m_table->selectRow(r);
            m_table->scrollTo(m_sorted->index(r, 0));
            return;
        }
    }
    m_chart->setDimension(key); // not in the table (global): chart it anyway
}

void HealthPage::setRangeIndex(int index)
{
    m_range->setCurrentIndex(index);
}

void HealthPage::setLivePaused(bool paused)
{
    m_pause->setChecked(paused);
    m_chart->setPaused(paused);
}

bool HealthPage::livePaused() const
{
    return m_chart->paused();
}

HealthPage::ChartChoice HealthPage::chartChoice() const
{
    ChartChoice c;
    c.metric = m_metric->currentIndex();
    c.range = m_range->currentIndex();
    if (m_chart->paused())
        c.pausedAt = m_chart->pausedAt(); // not a zoom's end: the range it held
    return c;
}

void HealthPage::restoreChartChoice(const ChartChoice& choice)
{
    m_metric->setCurrentIndex(choice.metric);
    m_range->setCurrentIndex(choice.range);
    if (choice.pausedAt) {
        m_pause->setChecked(true);
        m_chart->pauseAt(*choice.pausedAt);
    }
}

Status HealthPage::exportCsv(const QString& path)
{
    Status s = m_chart->exportCsv(path);
    Q_EMIT message(s ? tr("Exported the visible range to %1").arg(path) : QString::fromStdString(s.error()), !s);
    return s;
}

Status HealthPage::exportPng(const QString& path)
{
    Status s = m_chart->exportPng(path);
    Q_EMIT message(s ? tr("Saved the chart to %1").arg(path) : QString::fromStdString(s.error()), !s);
    return s;
}

void HealthPage::exportCsvInteractive()
{
    const QString name = m_chart->dimension().replace(QLatin1Char(':'), QLatin1Char('-')) + QStringLiteral(".csv");
    if (auto path = m_prompter.saveFile(this, tr("Export visible range"), name, tr("CSV files (*.csv)")))
        (void)exportCsv(*path);
}

void HealthPage::exportPngInteractive()
{
    const QString name = m_chart->dimension().replace(QLatin1Char(':'), QLatin1Char('-')) + QStringLiteral(".png");
    if (auto path = m_prompter.saveFile(this, tr("Export chart"), name, tr("PNG images (*.png)")))
        (void)exportPng(*path);
}

void HealthPage::saveState()
{
    m_settings.setViewState(QStringLiteral("health/columns"), m_table->horizontalHeader()->saveState());
    m_settings.setViewState(QStringLiteral("health/splitter"), m_splitter->saveState());
}

void HealthPage::applyTheme()
{
    m_chart->applyTheme();
    m_chart->refresh();
    m_table->viewport()->update();
}

} // namespace payops
