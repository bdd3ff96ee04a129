#pragma once
// File > Profile: the local profile's name (as the audit log records it, "operator:NAME") and role, which decides
// what this console lets its user do (approvals/operator_role.h). Offline the profile is the user's own choice;
// online identity and roles will come from the server.

#include "approvals/operator_role.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace payops {

class ProfileDialog : public QDialog {
    Q_OBJECT
public:
    ProfileDialog(const QString& name, approvals::OperatorRole role, QWidget* parent = nullptr);

    QString name() const;
    approvals::OperatorRole role() const;

private:
    void refresh(); // what the role may do, and whether the name can be taken

    QLineEdit* m_name = nullptr;
    QComboBox* m_role = nullptr;
    QLabel* m_rights = nullptr;
    QLabel* m_problem = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
};

} // namespace payops
