#pragma once
// Creates a silence: pattern and dimension matchers, a duration and a comment, with a live preview of the
// anomalies it would hide before it is created. Non-modal, so the triage table stays usable beside it.

#include "models/console_data.h"

#include <QDialog>

class QComboBox;
class QLineEdit;
class QLabel;
class QListWidget;
class QDialogButtonBox;

namespace payops {

class SilenceDialog : public QDialog {
    Q_OBJECT
public:
    SilenceDialog(ConsoleData& data, QWidget* parent = nullptr);

    void setPattern(std::optional<Pattern> pattern);
    void setDimension(const QString& glob);
    void setDurationIndex(int index); // 0: 1 h, 1: 4 h, 2: 24 h, 3: until removed
    void setComment(const QString& comment);

    Silence silence() const;
    QStringList previewLines() const; // what the preview list shows
    int previewCount() const;

    void accept() override;

Q_SIGNALS:
    void created(const payops::Silence& silence);

private:
    void updatePreview();

    ConsoleData& m_data;
    QComboBox* m_pattern = nullptr;
    QLineEdit* m_dimension = nullptr;
    QComboBox* m_duration = nullptr;
    QLineEdit* m_comment = nullptr;
    QLabel* m_summary = nullptr;
    QListWidget* m_preview = nullptr;
    QLabel* m_error = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
};

} // namespace payops
