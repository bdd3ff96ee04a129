#include "silence_dialog.h"

#include "models/phrase_text.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace payops {

namespace {
constexpr TimeMs kHour = 3600 * 1000;
const TimeMs kDurations[] = {kHour, 4 * kHour, 24 * kHour, 0};
} // namespace

SilenceDialog::SilenceDialog(ConsoleData& data, QWidget* parent) : QDialog(parent), m_data(data)
{
    setObjectName(QStringLiteral("silenceDialog"));
    setWindowTitle(tr("New silence"));
    m_pattern = new QComboBox;
    m_pattern->addItem(tr("Any pattern"));
    for (Pattern p : {Pattern::IssuerDegradation, Pattern::RetryStorm, Pattern::MethodFatigue, Pattern::LatencySpike})
        m_pattern->addItem(QString::fromLatin1(patternName(p)), static_cast<int>(p));
    m_dimension = new QLineEdit;
    m_dimension->setPlaceholderText(tr("issuer:HDFC, issuer:*, method:upi … (* and ? are wildcards)"));
    m_duration = new QComboBox;
    m_duration->addItems({tr("1 hour"), tr("4 hours"), tr("24 hours"), tr("Until removed")});
    m_comment = new QLineEdit;
    m_comment->setPlaceholderText(tr("Why, for whoever sees it later (e.g. planned HDFC maintenance)"));
    m_summary = new QLabel;
    m_summary->setObjectName(QStringLiteral("silencePreviewSummary"));
    m_preview = new QListWidget;
    m_preview->setObjectName(QStringLiteral("silencePreview"));
    m_error = new QLabel;
    m_error->setStyleSheet(QStringLiteral("color:#c62828"));
    m_error->setWordWrap(true);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);

    auto* form = new QFormLayout;
    form->addRow(tr("Pattern"), m_pattern);
    form->addRow(tr("Dimension"), m_dimension);
    form->addRow(tr("For"), m_duration);
    form->addRow(tr("Comment"), m_comment);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_summary);
    layout->addWidget(m_preview, 1);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);
    resize(520, 420);

    connect(m_pattern, &QComboBox::currentIndexChanged, this, &SilenceDialog::updatePreview);
    connect(m_dimension, &QLineEdit::textChanged, this, &SilenceDialog::updatePreview);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &SilenceDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &SilenceDialog::reject);
    connect(&data, &ConsoleData::snapshotApplied, this, &SilenceDialog::updatePreview);
    updatePreview();
}

void SilenceDialog::setPattern(std::optional<Pattern> pattern)
{
    m_pattern->setCurrentIndex(pattern ? m_pattern->findData(static_cast<int>(*pattern)) : 0);
}

void SilenceDialog::setDimension(const QString& glob)
{
    m_dimension->setText(glob);
}

void SilenceDialog::setDurationIndex(int index)
{
    m_duration->setCurrentIndex(index);
}

void SilenceDialog::setComment(const QString& comment)
{
    m_comment->setText(comment);
}

Silence SilenceDialog::silence() const
{
    Silence s;
    if (m_pattern->currentIndex() > 0)
        s.pattern = static_cast<Pattern>(m_pattern->currentData().toInt());
    s.dimension = m_dimension->text().trimmed().toStdString();
    const TimeMs d = kDurations[std::max(0, m_duration->currentIndex())];
    s.expiresAt = d == 0 ? 0 : m_data.clock().nowMs() + d;
    s.comment = m_comment->text().trimmed().toStdString();
    return s;
}

void SilenceDialog::updatePreview()
{
    const Silence s = silence();
    m_preview->clear();
    const bool matchesAll = !s.pattern && (s.dimension.empty() || s.dimension == "*");
    int open = 0;
    if (!matchesAll) {
        for (std::int64_t id : m_data.triage().preview(s)) {
            const TriageItem* item = m_data.triage().item(id);
            open += item->state != TriageState::Resolved;
            m_preview->addItem(QStringLiteral("#%1  %2  %3  %4")
                                   .arg(id)
                                   .arg(QString::fromLatin1(patternName(item->anomaly().primary())),
                                        QString::fromStdString(item->anomaly().dimension),
                                        triageStateLabel(item->state)));
        }
    }
    m_summary->setText(matchesAll ? tr("Choose a pattern or a dimension: a silence cannot hide everything.")
                                  : tr("Would hide %n anomaly(ies) now", nullptr, m_preview->count()) +
                                        QStringLiteral(" (") + tr("%n open", nullptr, open) + QStringLiteral("), ") +
                                        tr("and any new ones that match."));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!matchesAll);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Silence"));
}

QStringList SilenceDialog::previewLines() const
{
    QStringList lines;
    for (int i = 0; i < m_preview->count(); ++i)
        lines << m_preview->item(i)->text();
    return lines;
}

int SilenceDialog::previewCount() const
{
    return m_preview->count();
}

void SilenceDialog::accept()
{
    auto created = m_data.addSilence(silence());
    if (!created.ok()) {
        // The dialog stays open with the input kept; the reason in the reader's language.
        m_error->setText(sayPhrase(created.failure().phrase, created.error()));
        return;
    }
    Q_EMIT this->created(created.value());
    QDialog::accept();
}

} // namespace payops
