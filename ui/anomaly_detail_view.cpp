#include "anomaly_detail_view.h"

#include "models/number_format.h"
#include "models/phrase_text.h"
#include "ui/metric_chart.h"
#include "ui/theme.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollBar>
#include <QSplitter>
#include <QTextBrowser>
#include <QTextOption>
#include <QTimer>
#include <QVBoxLayout>

namespace payops {

namespace {
constexpr qint64 kRefreshIntervalMs = 250;

QString esc(const std::string& s)
{
    return QString::fromStdString(s).toHtmlEscaped();
}

// A name such as ISSUER_DEGRADATION or reduce_retry_attempts in a table cell: it may break after an underscore (a
// zero-width space follows each), never inside a word, so its column need not be as wide as the whole name.
QString identifier(const QString& name)
{
    QString out = name.toHtmlEscaped();
    out.replace(QLatin1Char('_'), QStringLiteral("_\u200B"));
    return out;
}

QString num(double v, int decimals = 2)
{
    return formatNumber(v, decimals);
}

// An evidence figure in the unit its metric has, as the charts show it: "28.6%", "281 ms", "0.49/tx". The evidence
// table showed fractions and bare milliseconds beside a chart in percent.
struct Unit {
    double scale = 1;
    int decimals = 3;
    QString suffix;
    bool percent = false;
};

Unit unitOf(const std::string& metric)
{
    const auto has = [&](std::string_view part) { return metric.find(part) != std::string::npos; };
    if (has("latency") || (metric.size() > 3 && metric.compare(metric.size() - 3, 3, "_ms") == 0))
        return {1, 0, QStringLiteral(" ms")}; // also cycle_mean_latency_without, which has no _ms
    if (has("rate") || has("share"))
        return {100, 1, {}, true};
    if (has("retries"))
        return {1, 2, QStringLiteral("/tx")};
    if (has("volume"))
        return {1, 0, {}};
    return {};
}

QString figure(const std::string& metric, double v)
{
    const Unit u = unitOf(metric);
    return u.percent ? formatPercent(v * u.scale, u.decimals) : num(v * u.scale, u.decimals) + u.suffix;
}

// "84.8 ± 6.2%": the unit once, after the spread.
QString figureWithSpread(const std::string& metric, double mean, double spread)
{
    const Unit u = unitOf(metric);
    return QStringLiteral("%1 ± %2").arg(num(mean * u.scale, u.decimals),
                                         u.percent ? formatPercent(spread * u.scale, u.decimals)
                                                   : num(spread * u.scale, u.decimals) + u.suffix);
}

// The first reason an option needs a human for, in the reader's language.
QString firstApprovalReason(const InterventionOption& o)
{
    if (o.approvalReasons.empty())
        return {};
    return o.approvalReasonPhrases.size() == o.approvalReasons.size()
               ? sayPhrase(o.approvalReasonPhrases.front(), o.approvalReasons.front())
               : QString::fromStdString(o.approvalReasons.front());
}

QString wallTime(TimeMs ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

// The figure the anomaly was raised on: its evidence names it. Window rules (`zscore`) chart the window, the cycle
// rules the cycle's own figure with the band the detector held it against.
Metric metricOf(const Anomaly& a)
{
    // The evidence names its figure as the chart does (metricName), but for the slow share, a cycle's own figure.
    for (const Evidence& e : a.evidence) {
        if (e.pattern != a.primary())
            continue;
        if (e.metric == "cycle_slow_share")
            return Metric::SlowShare;
        for (int m = 0; m < kMetricCount; ++m)
            if (e.metric == metricName(static_cast<Metric>(m)))
                return static_cast<Metric>(m);
    }
    // Evidence with no series of its own (a failure code's share, a silence, the window's failure share): the figure
    // it is about.
    switch (a.primary()) {
    case Pattern::LatencySpike:
        return Metric::P95Latency;
    case Pattern::RetryStorm:
        return Metric::MeanRetries;
    case Pattern::IssuerDegradation:
    case Pattern::MethodFatigue:
        break;
    }
    return Metric::CycleSuccessRate;
}
} // namespace

AnomalyDetailView::AnomalyDetailView(ConsoleData& data, QWidget* parent) : QWidget(parent), m_data(data)
{
    setObjectName(QStringLiteral("anomalyDetail"));
    m_title = new QLabel;
    m_title->setObjectName(QStringLiteral("anomalyTitle"));
    QFont f = m_title->font();
    f.setPointSizeF(f.pointSizeF() * 1.2);
    f.setBold(true);
    m_title->setFont(f);
    m_title->setWordWrap(true);
    m_text = new QTextBrowser;
    m_text->setObjectName(QStringLiteral("anomalyDetailText"));
    m_text->setOpenLinks(false);
    // Words break only between words: by default a narrow table column broke an option's name mid-word
    // ("reduce_retr" / "y_attempts"), and no markup inside the cell prevents that.
    m_text->setWordWrapMode(QTextOption::WordWrap);
    m_chart = new MetricChart(data.history());
    m_chart->setCompact(true);
    m_chart->setRangeMs(30 * 60 * 1000);
    m_chart->setBandZ(defaultAgentConfig().detector.zThreshold);
    m_chart->setMinimumHeight(150);
    m_note = new QLineEdit;
    m_note->setObjectName(QStringLiteral("noteEdit"));
    m_note->setPlaceholderText(tr("Add a note to the timeline…"));
    m_note->setAccessibleName(tr("Note"));
    m_addNote = new QPushButton(tr("Add note"));
    connect(m_note, &QLineEdit::returnPressed, this, &AnomalyDetailView::addNote);
    connect(m_addNote, &QPushButton::clicked, this, &AnomalyDetailView::addNote);
    connect(&m_data, &ConsoleData::roleChanged, this, [this] { showAnomaly(m_id); });

    auto* split = new QSplitter(Qt::Vertical);
    split->addWidget(m_text);
    split->addWidget(m_chart);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto* noteRow = new QHBoxLayout;
    noteRow->addWidget(m_note, 1);
    noteRow->addWidget(m_addNote);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(split, 1);
    layout->addLayout(noteRow);
    // Re-rendering the pane costs milliseconds: only when someone can see it, and at most a few times a second. A
    // snapshot inside the interval is drawn when it ends, so the last one of a burst (a fast demo, a paused agent
    // stepped twice, a remote backfill) is never left undrawn with the list already showing it.
    m_refreshTimer = new QTimer(this);
    m_refreshTimer->setSingleShot(true);
    const auto redraw = [this] {
        if (m_id == 0 || !isVisible()) // hidden or cleared since the timer started: showEvent redraws
            return;
        m_sinceRefresh.start();
        refresh();
        m_chart->refresh();
    };
    connect(m_refreshTimer, &QTimer::timeout, this, redraw);
    connect(&data, &ConsoleData::snapshotApplied, this, [this, redraw] {
        // With no anomaly shown, the pane's few words follow the run: its first cycle ("No run is shown" no more),
        // its first anomaly even when the list's filter hides it (a silenced issuer's left "No anomalies in this run
        // yet" up). A title and one paragraph: nothing to spare by checking first.
        if (m_id == 0) {
            refresh();
            return;
        }
        if (m_id == 0 || !isVisible() || m_refreshTimer->isActive())
            return;
        const qint64 since = m_sinceRefresh.isValid() ? m_sinceRefresh.elapsed() : kRefreshIntervalMs;
        if (since >= kRefreshIntervalMs)
            redraw();
        else
            m_refreshTimer->start(static_cast<int>(kRefreshIntervalMs - since));
    });
    connect(&data, &ConsoleData::triageChanged, this, [this] { refresh(); });
    connect(&data, &ConsoleData::silencesChanged, this, [this] { refresh(); }); // "silenced by #N" comes and goes
    showAnomaly(0);
}

void AnomalyDetailView::showAnomaly(std::int64_t id)
{
    m_id = id;
    const TriageItem* item = m_data.triage().item(id);
    // A viewer's role is read only: the field says so instead of taking a note that would be refused.
    const bool mayNote = m_data.may(approvals::Permission::Annotate);
    m_note->setEnabled(item != nullptr && mayNote);
    m_addNote->setEnabled(item != nullptr && mayNote);
    m_note->setPlaceholderText(mayNote              ? tr("Add a note to the timeline…")
                               : m_data.following() ? tr("Following another process's run: notes go in its console.")
                                                    : tr("Your role is read only: no notes."));
    m_chart->setVisible(item != nullptr);
    if (item) {
        m_chart->setDimension(QString::fromStdString(item->anomaly().dimension));
        m_chart->setMetric(metricOf(item->anomaly()));
    }
    refresh();
}

void AnomalyDetailView::refresh()
{
    const TriageItem* item = m_data.triage().item(m_id);
    if (!item) {
        // With nothing to select, say so, rather than ask for a selection over a blank pane. A console whose agent
        // could not open its database (another console holds it) shows no run at all, which is not a quiet one.
        if (m_data.runId().isEmpty() && !m_data.latest()) {
            m_title->setText(tr("No run is shown."));
            m_text->setHtml(QStringLiteral("<p>") +
                            tr("The agent has not opened a run; the message at the top of the window says why.") +
                            QStringLiteral("</p>"));
            return;
        }
        const bool none = m_data.triage().items().empty();
        m_title->setText(none ? tr("No anomalies in this run yet.")
                              : tr("Select an anomaly to see its evidence, hypotheses and the agent's options."));
        m_text->setHtml(none ? QStringLiteral("<p>") +
                                   tr("The agent raises one when an issuer, a payment method or all traffic departs "
                                      "from its usual success rate, latency or retries. Each comes with its evidence "
                                      "against the expected band, hypotheses and the agent's options.") +
                                   QStringLiteral("</p>")
                             : QString());
        return;
    }
    const Anomaly& a = item->anomaly();
    m_title->setText(
        tr("#%1 %2 on %3")
            .arg(a.id)
            .arg(QString::fromLatin1(patternName(a.primary())), dimensionLabel(QString::fromStdString(a.dimension))));
    // Live updates re-render every cycle: keep the reader where they were.
    const int scroll = m_text->verticalScrollBar()->value();
    m_text->setHtml(render(*item));
    m_text->verticalScrollBar()->setValue(scroll);
}

void AnomalyDetailView::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    refresh(); // it skipped updates while hidden
    m_chart->refresh();
}

QString AnomalyDetailView::html() const
{
    return m_text->toHtml();
}

void AnomalyDetailView::applyTheme()
{
    m_chart->applyTheme();
    refresh();
}

void AnomalyDetailView::addNote()
{
    if (m_id == 0 || m_note->text().trimmed().isEmpty())
        return;
    if (m_data.addNote(m_id, m_note->text()))
        m_note->clear(); // on failure the text stays for another try
}

QString AnomalyDetailView::actionsInForce(const Anomaly& a) const
{
    // The decision further down is this cycle's alone: it read "NO_ACTION — no option with positive NRV" while the
    // suppression the agent applied cycles before was in force, and while a request it made waited for a human. Both
    // are in the latest cycle, for every intervention and request on the anomaly or its dimension.
    const CycleSnapshotPtr latest = m_data.latest();
    if (!latest)
        return {};
    const auto concerns = [&](const InterventionOption& o) {
        return o.target == a.dimension ||
               std::find(o.anomalyIds.begin(), o.anomalyIds.end(), a.id) != o.anomalyIds.end();
    };
    // Who put it in force, in the reader's language: the runtime writes "autonomous" or "approval #3 by alice".
    const auto source = [this](const std::string& s) {
        static const QRegularExpression approval(QStringLiteral("^approval #(\\d+) by (.+)$"));
        const QString text = QString::fromStdString(s);
        if (text == QLatin1String("autonomous"))
            return tr("autonomous");
        if (const QRegularExpressionMatch m = approval.match(text); m.hasMatch())
            return tr("approval #%1 by %2").arg(m.captured(1), m.captured(2).toHtmlEscaped());
        return text.toHtmlEscaped();
    };
    QString items;
    for (const Intervention& i : latest->activeInterventions) {
        if (i.state != InterventionState::Active || !concerns(i.option))
            continue;
        items += QStringLiteral("<li>") +
                 tr("<b>#%1 %2 %3</b> in force since %4, until %5 (%6)")
                     .arg(QString::number(i.id), esc(i.option.type), esc(i.option.target), formatSimTime(i.appliedMs),
                          formatSimTime(i.expiresMs), source(i.source)) +
                 QStringLiteral("</li>");
    }
    for (const ApprovalRequest& r : latest->pendingApprovals) {
        if (!concerns(r.option))
            continue;
        items += QStringLiteral("<li>") +
                 tr("<b>request #%1: %2 %3</b> (NRV %4) waits for approval since %5, until %6: %7")
                     .arg(QString::number(r.id), esc(r.option.type), esc(r.option.target), num(r.option.nrv),
                          formatSimTime(r.createdMs), formatSimTime(r.expiresMs),
                          firstApprovalReason(r.option).toHtmlEscaped()) +
                 // Where to decide it: the local agent's requests in its database (payops-agent's own default is
                 // another file), a remote agent's on its own side.
                 (m_data.showsLocalAgent()
                      ? QStringLiteral("<br><span class=m>") +
                            tr("Decide with payops-agent approvals approve %1 --db %2, or reject %1 --db %2 --reason …")
                                .arg(QString::number(r.id), m_data.dbPath().toHtmlEscaped()) +
                            QStringLiteral("</span>")
                      : QString()) +
                 QStringLiteral("</li>");
    }
    if (items.isEmpty())
        return {};
    return QStringLiteral("<h3>") + tr("In force and waiting") + QStringLiteral("</h3><ul>") + items +
           QStringLiteral("</ul>");
}

QString AnomalyDetailView::render(const TriageItem& item) const
{
    const Anomaly& a = item.anomaly();
    const AnomalyContext& c = item.context;
    const QString muted = Theme::muted().name();
    QString h;
    h += QStringLiteral("<style>td,th{padding:2px 8px 2px 0;text-align:left;vertical-align:top} "
                        "h3{margin:10px 0 4px 0} .m{color:%1}</style>")
             .arg(muted);
    // Triage status line.
    // The worst it has been first: an outage the agent mitigated is not a low anomaly while it lasts.
    QString severity;
    if (item.pastItsPeak())
        severity = worstAndNow(item, true);
    else if (a.maxAbsZ < item.peak.z)
        severity =
            QStringLiteral("<b>%1</b> · %2")
                .arg(severityLabel(a.severityClass), tr("z %1 (up to %2)").arg(num(a.maxAbsZ, 1), num(item.peak.z, 1)));
    else
        severity = QStringLiteral("<b>%1</b> · %2 %3").arg(severityLabel(a.severityClass), tr("z"), num(a.maxAbsZ, 1));
    h += QStringLiteral("<p>%1 · %2 · %3 %4</p>")
             .arg(severity, triageStateText(item, m_data.clock().nowMs()), tr("confidence"),
                  formatPercent(a.confidence * 100, 0));
    QStringList facts;
    facts << tr("started %1 (simulated)").arg(formatSimTime(a.startedMs));
    facts << (item.active ? tr("flagged for %n cycle(s)", nullptr, a.cycles)
                          : tr("cleared %1").arg(formatSimTime(item.clearedMs)));
    if (!item.owner.empty())
        facts << tr("owner %1").arg(esc(item.owner));
    if (item.state == TriageState::Resolved) {
        // The agent's own resolutions are fixed phrases, kept in English for the audit log: said in the reader's
        // language here. An operator's note is shown as written.
        if (item.resolvedBy == "agent" && item.resolution == kResolvedPatternCleared)
            facts << tr("resolved by the agent: its pattern cleared");
        else if (item.resolvedBy == "agent" && item.resolution == kResolvedBeforeConsoleOpened)
            facts << tr("resolved by the agent: cleared before this console opened");
        else
            facts << tr("resolved by %1: %2").arg(esc(item.resolvedBy), esc(item.resolution));
    }
    if (const Silence* s = m_data.triage().silencedBy(item))
        facts << QStringLiteral("<b>") + tr("silenced by #%1 (%2)").arg(s->id).arg(esc(s->describe())) +
                     QStringLiteral("</b>");
    h += QStringLiteral("<p class=m>") + facts.join(QStringLiteral(" · ")) + QStringLiteral("</p>");
    h += actionsInForce(a); // first: a request waiting for a human is what to act on

    h += QStringLiteral("<h3>") + tr("Evidence vs expected") + QStringLiteral("</h3><table><tr><th>") + tr("Rule") +
         QStringLiteral("</th><th>") + tr("Value") + QStringLiteral("</th><th>") + tr("Expected") +
         QStringLiteral("</th><th>z</th></tr>");
    bool tailZ = false;
    for (const Evidence& e : a.evidence) {
        // A threshold rule (failure share, share retrying a lot) carries its fixed bar as the baseline, and the bar's
        // sampling spread at the window's count: "bar 20.0 % ± 2.8 %", not a baseline measured to be 0.2. With no
        // spread (an older agent's evidence), "0.200 ± 0.000" would read as exactly that: the bar alone.
        const bool bar = e.metric == "failure_share" || e.metric == "high_retry_share";
        const QString expected =
            e.baselineStd > 0 ? figureWithSpread(e.metric, e.baseline, e.baselineStd) : figure(e.metric, e.baseline);
        const QString baseline = bar || e.baselineStd <= 0 ? tr("bar %1").arg(expected) : expected;
        // A count's z comes from its exact tail, and a reader checking it against the band gets another number.
        const QString z = e.zFromTail ? num(e.z, 1) + QStringLiteral("†") : num(e.z, 1);
        tailZ = tailZ || e.zFromTail;
        h += QStringLiteral("<tr><td>%1<br><span class=m>%2 · %3</span></td><td>%4</td><td>%5</td><td>%6</td></tr>")
                 .arg(sayPhrase(e.phrase, e.rule).toHtmlEscaped(),
                      identifier(QString::fromLatin1(patternName(e.pattern))), esc(e.dimension),
                      figure(e.metric, e.value), baseline, z);
    }
    h += QStringLiteral("</table>");
    if (tailZ)
        h += QStringLiteral("<p class=m>† ") +
             tr("z of a count (failures, a failure code, retries, slow or missing transactions): the odds of a "
                "count at least this far from the usual one or the bar, as a normal deviate. A count is skewed, so "
                "this differs from (value − expected) / spread.") +
             QStringLiteral("</p>");

    h += QStringLiteral("<h3>") + tr("Hypotheses") + QStringLiteral("</h3>");
    if (c.hypotheses.empty())
        h += QStringLiteral("<p class=m>") + tr("None yet.") + QStringLiteral("</p>");
    for (const Hypothesis& hy : c.hypotheses) {
        h += QStringLiteral("<p><b>%1</b> (%2 %3)%4<br>%5 <b>%6</b> → %7 <b>%8</b> → %9 <b>%10</b></p>")
                 .arg(esc(hy.cause), tr("confidence"), formatPercent(hy.confidence * 100, 0),
                      hy.active() ? QString() : QStringLiteral(" — ") + tr("resolved"), tr("Root cause:"),
                      sayPhrase(hy.rootCausePhrase, hy.rootCause).toHtmlEscaped(), tr("failure:"),
                      sayPhrase(hy.failurePhrase, hy.failure).toHtmlEscaped(), tr("impact:"),
                      sayPhrase(hy.impactPhrase, hy.impact).toHtmlEscaped());
    }

    h += QStringLiteral("<h3>") + tr("Agent's options") + QStringLiteral("</h3>");
    if (c.options.empty()) {
        h += QStringLiteral("<p class=m>") + tr("No intervention addresses this anomaly.") + QStringLiteral("</p>");
    } else {
        // The gate under the option's name, not in a fifth column: with words kept whole five columns did not fit the
        // pane at its default width.
        h += QStringLiteral("<table><tr><th>") + tr("Option") + QStringLiteral("</th><th>NRV</th><th>") +
             tr("Blast radius") + QStringLiteral("</th><th>") + tr("Risk") + QStringLiteral("</th></tr>");
        for (const InterventionOption& o : c.options) {
            QString gate =
                o.allowed ? (o.needsApproval() ? tr("needs approval: %1").arg(firstApprovalReason(o).toHtmlEscaped())
                                               : tr("autonomous"))
                          : tr("refused: %1").arg(sayPhrase(o.refusedPhrase, o.refusedBecause).toHtmlEscaped());
            h += QStringLiteral("<tr><td>%1 %2<br>%6</td><td>%3</td><td>%4</td><td>%5</td></tr>")
                     .arg(identifier(QString::fromStdString(o.type)), esc(o.target), num(o.nrv), num(o.blastRadius),
                          num(o.preMortem.risk), gate);
        }
        h += QStringLiteral("</table>");
    }

    // The latest: what is in force above may have come from an earlier one ("In force: suppress_path" above
    // "Decision: NO_ACTION" read as a contradiction), and a resolved anomaly's is that of its last cycle.
    h += QStringLiteral("<h3>") + tr("The agent's latest decision") + QStringLiteral("</h3>");
    const QString decisionReason = sayPhrase(c.decisionReasonPhrase, c.decisionReason).toHtmlEscaped();
    if (c.chosen) {
        h += QStringLiteral("<p><b>%1</b>: %2 %3 — %4</p>")
                 .arg(esc(c.decisionKind), esc(c.chosen->type), esc(c.chosen->target), decisionReason);
        const PreMortem& pm = c.chosen->preMortem;
        h += QStringLiteral("<p>") + tr("Pre-mortem risk %1").arg(num(pm.risk)) + QStringLiteral("</p><ul>");
        for (const std::string& w : pm.worstCases)
            h += QStringLiteral("<li>") + tr("If it goes wrong: %1").arg(sayText(w).toHtmlEscaped()) +
                 QStringLiteral("</li>");
        for (const std::string& m : pm.mitigations)
            h +=
                QStringLiteral("<li>") + tr("Mitigation: %1").arg(sayText(m).toHtmlEscaped()) + QStringLiteral("</li>");
        h += QStringLiteral("</ul>");
    } else {
        h += QStringLiteral("<p>%1 — %2</p>")
                 .arg(esc(c.decisionKind.empty() ? "NO_ACTION" : c.decisionKind),
                      c.decisionKind == "NO_ACTION" || c.decisionKind.empty()
                          ? decisionReason
                          : tr("the agent acted on another anomaly this cycle (%1)").arg(decisionReason));
    }

    h += QStringLiteral("<h3>") + tr("Notes") + QStringLiteral("</h3>");
    if (item.notes.empty())
        h += QStringLiteral("<p class=m>") + tr("No notes yet.") + QStringLiteral("</p>");
    for (const TriageNote& n : item.notes)
        h += QStringLiteral("<p><span class=m>%1 · %2</span><br>%3</p>")
                 .arg(wallTime(n.timeMs), esc(n.author), esc(n.text));
    return h;
}

} // namespace payops
