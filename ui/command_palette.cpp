#include "command_palette.h"

#include "models/fuzzy_match.h"

#include <QAction>
#include <QKeyEvent>
#include <QLineEdit>
#include <QListWidget>
#include <QPointer>
#include <QVBoxLayout>
#include <algorithm>

namespace payops {

CommandPalette::CommandPalette(QList<QAction*> actions, Parser parse, QWidget* parent)
    : QDialog(parent, Qt::Popup | Qt::FramelessWindowHint), m_actions(std::move(actions)), m_parse(std::move(parse))
{
    setObjectName(QStringLiteral("commandPalette"));
    m_query = new QLineEdit;
    m_query->setObjectName(QStringLiteral("paletteQuery"));
    m_query->setPlaceholderText(tr("Type a command: ack 12 13, snooze 1h, go health, theme dark…"));
    m_query->setAccessibleName(tr("Command"));
    m_list = new QListWidget;
    m_list->setObjectName(QStringLiteral("paletteList"));
    m_list->setUniformItemSizes(true);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_query);
    layout->addWidget(m_list);
    resize(560, 380);
    m_query->installEventFilter(this);
    connect(m_query, &QLineEdit::textChanged, this, &CommandPalette::rebuild);
    connect(m_list, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) { runEntry(m_list->row(item)); });
    rebuild();
}

void CommandPalette::setQuery(const QString& text)
{
    m_query->setText(text);
}

QStringList CommandPalette::entries() const
{
    QStringList out;
    for (const PaletteCommand& c : m_shown)
        out << c.title;
    return out;
}

void CommandPalette::rebuild()
{
    const QString q = m_query->text().trimmed();
    m_shown = m_parse ? m_parse(q) : QList<PaletteCommand>{};
    struct Ranked {
        int score;
        PaletteCommand command;
    };
    std::vector<Ranked> ranked;
    for (QAction* a : m_actions) {
        if (!a->isEnabled() || a->text().isEmpty())
            continue;
        const QString title = a->text().remove(QLatin1Char('&'));
        if (auto s = fuzzyScore(q, title)) {
            QPointer<QAction> action(a);
            ranked.push_back({*s, {title, a->shortcut().toString(QKeySequence::NativeText), [action] {
                                       if (action)
                                           action->trigger();
                                   }}});
        }
    }
    std::stable_sort(ranked.begin(), ranked.end(), [](const Ranked& a, const Ranked& b) { return a.score > b.score; });
    for (Ranked& r : ranked)
        m_shown.append(std::move(r.command));
    m_list->clear();
    for (const PaletteCommand& c : m_shown)
        m_list->addItem(c.shortcut.isEmpty() ? c.title : c.title + QStringLiteral("    ") + c.shortcut);
    if (m_list->count() > 0)
        m_list->setCurrentRow(0);
}

bool CommandPalette::runEntry(int row)
{
    if (row < 0 || row >= m_shown.size())
        return false;
    const auto run = m_shown[row].run;
    accept();
    run();
    return true;
}

bool CommandPalette::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_query && event->type() == QEvent::KeyPress) {
        auto* key = static_cast<QKeyEvent*>(event);
        switch (key->key()) {
        case Qt::Key_Down:
            m_list->setCurrentRow(std::min(m_list->currentRow() + 1, m_list->count() - 1));
            return true;
        case Qt::Key_Up:
            m_list->setCurrentRow(std::max(m_list->currentRow() - 1, 0));
            return true;
        case Qt::Key_Return:
        case Qt::Key_Enter:
            runEntry(m_list->currentRow());
            return true;
        case Qt::Key_Escape:
            reject();
            return true;
        default:
            break;
        }
    }
    return QDialog::eventFilter(watched, event);
}

} // namespace payops
