#pragma once
// Ctrl+K: one box over every action of the window, fuzzy matched, plus commands with arguments typed in place
// ("ack 12 13", "snooze 1h", "speed 100", "go anomalies", "theme dark"). Enter runs the highlighted entry.

#include <QDialog>
#include <QList>
#include <functional>

class QAction;
class QLineEdit;
class QListWidget;

namespace payops {

struct PaletteCommand {
    QString title;
    QString shortcut; // shown on the right
    std::function<void()> run;
};

class CommandPalette : public QDialog {
    Q_OBJECT
public:
    // `actions` are offered by their text; `parse` turns typed text into argument commands (may return none).
    using Parser = std::function<QList<PaletteCommand>(const QString& text)>;
    CommandPalette(QList<QAction*> actions, Parser parse, QWidget* parent = nullptr);

    void setQuery(const QString& text);
    QStringList entries() const; // titles in ranked order
    bool runEntry(int row);      // runs and closes

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void rebuild();

    QList<QAction*> m_actions;
    Parser m_parse;
    QList<PaletteCommand> m_shown;
    QLineEdit* m_query = nullptr;
    QListWidget* m_list = nullptr;
};

} // namespace payops
