#include "approvals/operator_role.h"

#include <array>
#include <utility>

namespace payops::approvals {
namespace {

constexpr std::array<std::pair<OperatorRole, std::string_view>, 6> kKeys{{
    {OperatorRole::Viewer, "viewer"},
    {OperatorRole::Support, "support"},
    {OperatorRole::Success, "success"},
    {OperatorRole::OnCall, "oncall"},
    {OperatorRole::ConfigManager, "config_manager"},
    {OperatorRole::Admin, "admin"},
}};

} // namespace

std::optional<OperatorRole> parseOperatorRole(std::string_view key)
{
    for (const auto& [role, k] : kKeys)
        if (k == key)
            return role;
    return std::nullopt;
}

std::string_view operatorRoleKey(OperatorRole role)
{
    for (const auto& [r, k] : kKeys)
        if (r == role)
            return k;
    return "viewer";
}

bool allows(OperatorRole role, Permission permission)
{
    switch (permission) {
    case Permission::Triage:
    case Permission::ControlAgent:
        // Triage and the agent are the on-call engineer's (and the admin's): a support agent who silences an issuer
        // or pauses the agent hides an incident from the person paged for it.
        return role == OperatorRole::OnCall || role == OperatorRole::Admin;
    case Permission::Annotate:
        // Anyone who works the incident may add what they know to its timeline (a merchant's call, a ticket).
        return role != OperatorRole::Viewer;
    }
    return false;
}

} // namespace payops::approvals
