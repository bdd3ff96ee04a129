#include "models/role_label.h"

#include <QCoreApplication>

namespace payops {

QString roleLabel(approvals::OperatorRole role)
{
    using approvals::OperatorRole;
    switch (role) {
    case OperatorRole::Viewer:
        return QCoreApplication::translate("payops::RoleLabel", "Viewer");
    case OperatorRole::Support:
        return QCoreApplication::translate("payops::RoleLabel", "Support agent");
    case OperatorRole::Success:
        return QCoreApplication::translate("payops::RoleLabel", "Success manager");
    case OperatorRole::OnCall:
        return QCoreApplication::translate("payops::RoleLabel", "On-call engineer");
    case OperatorRole::ConfigManager:
        return QCoreApplication::translate("payops::RoleLabel", "Config manager");
    case OperatorRole::Admin:
        return QCoreApplication::translate("payops::RoleLabel", "Admin");
    }
    return {};
}

} // namespace payops
