#pragma once
// Every question the console asks a person goes through a Prompter, so GUI tests can preset the answers instead
// of driving modal dialogs. The real one shows the platform's dialogs.

#include <QDateTime>
#include <QString>
#include <QStringList>
#include <deque>
#include <optional>

class QWidget;

namespace payops {

class Prompter {
public:
    virtual ~Prompter() = default;
    virtual std::optional<QString> text(QWidget* parent, const QString& title, const QString& label,
                                        const QString& initial = {}) = 0;
    virtual std::optional<QString> saveFile(QWidget* parent, const QString& title, const QString& suggestedName,
                                            const QString& filter) = 0;
    virtual std::optional<QString> choose(QWidget* parent, const QString& title, const QString& label,
                                          const QStringList& items, int current = 0) = 0;
};

class DialogPrompter final : public Prompter {
public:
    std::optional<QString> text(QWidget* parent, const QString& title, const QString& label,
                                const QString& initial) override;
    std::optional<QString> saveFile(QWidget* parent, const QString& title, const QString& suggestedName,
                                    const QString& filter) override;
    std::optional<QString> choose(QWidget* parent, const QString& title, const QString& label, const QStringList& items,
                                  int current) override;
};

// Answers from a queue, in order; a null QString, or an empty queue, answers "cancelled". For tests.
class ScriptedPrompter final : public Prompter {
public:
    std::deque<QString> answers;
    QStringList asked; // titles, to check what was asked

    std::optional<QString> text(QWidget*, const QString& title, const QString&, const QString&) override;
    std::optional<QString> saveFile(QWidget*, const QString& title, const QString&, const QString&) override;
    std::optional<QString> choose(QWidget*, const QString& title, const QString&, const QStringList&, int) override;

private:
    std::optional<QString> next(const QString& title);
};

} // namespace payops
