#include "prompter.h"

#include <QFileDialog>
#include <QInputDialog>
#include <QStandardPaths>

namespace payops {

std::optional<QString> DialogPrompter::text(QWidget* parent, const QString& title, const QString& label,
                                            const QString& initial)
{
    bool ok = false;
    const QString answer = QInputDialog::getMultiLineText(parent, title, label, initial, &ok);
    if (!ok)
        return std::nullopt;
    return answer;
}

std::optional<QString> DialogPrompter::saveFile(QWidget* parent, const QString& title, const QString& suggestedName,
                                                const QString& filter)
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString path = QFileDialog::getSaveFileName(parent, title, dir + QLatin1Char('/') + suggestedName, filter);
    if (path.isEmpty())
        return std::nullopt;
    return path;
}

std::optional<QString> DialogPrompter::choose(QWidget* parent, const QString& title, const QString& label,
                                              const QStringList& items, int current)
{
    bool ok = false;
    const QString answer = QInputDialog::getItem(parent, title, label, items, current, false, &ok);
    if (!ok)
        return std::nullopt;
    return answer;
}

std::optional<QString> ScriptedPrompter::text(QWidget*, const QString& title, const QString&, const QString&)
{
    return next(title);
}

std::optional<QString> ScriptedPrompter::saveFile(QWidget*, const QString& title, const QString&, const QString&)
{
    return next(title);
}

std::optional<QString> ScriptedPrompter::choose(QWidget*, const QString& title, const QString&, const QStringList&, int)
{
    return next(title);
}

std::optional<QString> ScriptedPrompter::next(const QString& title)
{
    asked << title;
    if (answers.empty())
        return std::nullopt;
    const QString answer = answers.front();
    answers.pop_front();
    if (answer.isNull())
        return std::nullopt;
    return answer;
}

} // namespace payops
