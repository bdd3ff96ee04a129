#pragma once
// Anomalies (triage): the table with search, state filter and silenced/snoozed toggles, bulk acknowledge,
// resolve with a note, snooze, assign, silences with a preview, and the detail pane of the current anomaly.

#include "models/console_data.h"

#include <QPointer>
#include <QWidget>
#include <memory>

class QAction;
class QComboBox;
class QLineEdit;
class QMenu;
class QSplitter;
class QTableView;
class QToolButton;
class QLabel;

namespace payops {

class AnomalyDetailView;
class ConsoleSettings;
class Prompter;
class SilenceDialog;

class AnomaliesPage : public QWidget {
    Q_OBJECT
public:
    AnomaliesPage(ConsoleData& data, ConsoleSettings& settings, Prompter& prompter, QWidget* parent = nullptr);

    QTableView* table() const { return m_table; }
    AnomalyDetailView* detail() const { return m_detail; }
    QLineEdit* searchBox() const { return m_search; }
    QComboBox* stateFilter() const { return m_state; }
    QAction* showSilencedAction() const { return m_showSilenced; } // checkable, in the "Also show" menu
    QAction* showSnoozedAction() const { return m_showSnoozed; }
    SilenceDialog* silenceDialog() const { return m_silenceDialog; }

    std::vector<std::int64_t> selectedIds() const;
    bool selectAnomaly(std::int64_t id); // false if it is filtered out

    // Actions on the selection (or the given ids); errors go to the message bar.
    void acknowledgeSelected();
    void acknowledge(const std::vector<std::int64_t>& ids);
    void resolveSelected();
    void snoozeSelected(TimeMs forMs);
    void snoozeSelectedUntilAsked(); // asks for a time of day or a date and time
    void assignSelected();
    SilenceDialog* openSilenceDialog(); // prefilled from the current anomaly

    void focusSearch();
    // The columns and the split, once the page has been on screen: a page never shown this session has the sizes of
    // a window never laid out (70:114), and saving those squeezed the table in every later session.
    void saveState();
    // The table header's context menu: a checkable entry per column, in their order on screen.
    std::unique_ptr<QMenu> columnMenu();
    void applyTheme();

Q_SIGNALS:
    void message(const QString& text, bool error);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void updateActions();
    void updateSilencesButton();
    void updateShowHiddenButton();
    void selectFirstRow(); // someone opening the page wants to read about an anomaly, not an empty pane
    void setColumnWidths();
    void showColumnMenu(const QPoint& at);

    ConsoleData& m_data;
    ConsoleSettings& m_settings;
    Prompter& m_prompter;
    QLineEdit* m_search = nullptr;
    QComboBox* m_state = nullptr;
    QToolButton* m_showHidden = nullptr;
    QAction* m_showSilenced = nullptr;
    QAction* m_showSnoozed = nullptr;
    QToolButton* m_ack = nullptr;
    QToolButton* m_resolve = nullptr;
    QToolButton* m_snooze = nullptr;
    QToolButton* m_assign = nullptr;
    QToolButton* m_silences = nullptr;
    QLabel* m_counts = nullptr;
    QTableView* m_table = nullptr;
    bool m_currentLeaving = false;    // the current row is being removed from the list (it left the filter)
    bool m_firstRowUnchosen = false;  // the current row is the one selectFirstRow() put there, and nobody chose since
    bool m_selectingFirstRow = false; // inside selectFirstRow()
    bool m_unchosenLeaving = false;   // that row is being removed from the list
    AnomalyDetailView* m_detail = nullptr;
    QSplitter* m_splitter = nullptr;
    bool m_shown = false; // on screen at least once this session
    QPointer<SilenceDialog> m_silenceDialog;
};

} // namespace payops
