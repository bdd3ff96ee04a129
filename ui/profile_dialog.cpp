#include "ui/profile_dialog.h"

#include "approvals/actor_name.h"
#include "models/role_label.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace payops {

using approvals::OperatorRole;
using approvals::Permission;

ProfileDialog::ProfileDialog(const QString& name, OperatorRole role, QWidget* parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("profileDialog"));
    setWindowTitle(tr("Profile"));
    setMinimumWidth(fontMetrics().averageCharWidth() * 60); // the role's rights read as a sentence or two, not a column
    m_name = new QLineEdit(name);
    m_name->setObjectName(QStringLiteral("profileName"));
    m_name->setMaxLength(static_cast<int>(approvals::kMaxActorNameLength));
    m_role = new QComboBox;
    m_role->setObjectName(QStringLiteral("profileRole"));
    for (OperatorRole r : {OperatorRole::Viewer, OperatorRole::Support, OperatorRole::Success, OperatorRole::OnCall,
                           OperatorRole::ConfigManager, OperatorRole::Admin})
        m_role->addItem(roleLabel(r), static_cast<int>(r));
    m_role->setCurrentIndex(m_role->findData(static_cast<int>(role)));
    m_rights = new QLabel;
    m_rights->setObjectName(QStringLiteral("profileRights"));
    m_rights->setWordWrap(true);
    m_problem = new QLabel;
    m_problem->setObjectName(QStringLiteral("profileProblem"));
    m_problem->setWordWrap(true);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);

    auto* form = new QFormLayout;
    form->addRow(tr("Name"), m_name);
    form->addRow(tr("Role"), m_role);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_rights);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_name, &QLineEdit::textChanged, this, &ProfileDialog::refresh);
    connect(m_role, &QComboBox::currentIndexChanged, this, &ProfileDialog::refresh);
    refresh();
}

QString ProfileDialog::name() const
{
    return m_name->text().trimmed();
}

OperatorRole ProfileDialog::role() const
{
    return static_cast<OperatorRole>(m_role->currentData().toInt());
}

void ProfileDialog::refresh()
{
    const OperatorRole r = role();
    QStringList may;
    if (approvals::allows(r, Permission::Triage))
        may << tr("triage anomalies (acknowledge, snooze, assign, resolve, silence)");
    if (approvals::allows(r, Permission::Annotate))
        may << tr("add notes to an anomaly's timeline");
    if (approvals::allows(r, Permission::ControlAgent))
        may << tr("run, pause, step and reset the local agent, and change its speed and scenario");
    m_rights->setText(may.isEmpty() ? tr("This role is read only: it sees everything and changes nothing.")
                                    : tr("This role may %1.").arg(may.join(QStringLiteral("; "))));
    // The name goes into every audit record this console writes: the same check as for the agent's --actor.
    const QString n = name();
    QString problem;
    switch (approvals::actorNameProblem(n)) {
    case approvals::ActorNameProblem::None:
        break;
    case approvals::ActorNameProblem::Blank:
        problem = tr("Type a name: the audit log records who did what.");
        break;
    case approvals::ActorNameProblem::HiddenCharacter:
    case approvals::ActorNameProblem::TooLong: // the field holds no more
        problem = tr("The name holds a line break or an invisible character, which would make the audit log read "
                     "as another name.");
        break;
    case approvals::ActorNameProblem::MixedScripts:
        problem = tr("The name mixes Latin, Cyrillic or Greek letters, as names made to look like another do; write "
                     "it in one alphabet.");
        break;
    case approvals::ActorNameProblem::AgentsOwn:
        problem = tr("\"%1\" is a name the agent records for itself; choose another.").arg(n);
        break;
    case approvals::ActorNameProblem::SourcePrefix:
        problem = tr("Give the name alone: the audit log adds where a decision came from (operator:, remote: or "
                     "cli:).");
        break;
    }
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
    // A wrapped problem of three lines appearing under the rights did not grow the dialog: the lines overlapped and
    // the last was cut off. Grown to the height its width needs (never shrunk: the operator may have made it taller).
    if (QLayout* l = layout()) {
        l->activate();
        const int needed = l->totalHeightForWidth(width());
        if (needed > height())
            resize(width(), needed);
    }
}

} // namespace payops
