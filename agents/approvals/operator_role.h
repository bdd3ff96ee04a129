#pragma once
// What each operator role may do (CONSOLE.md, "Roles"). The console checks it where an action is carried out, not
// only where its button is drawn: a command typed into the palette, or any other caller of the data layer, meets the
// same refusal. Offline the role is the local profile's; online it will come from the server.

#include <optional>
#include <string_view>

namespace payops::approvals {

enum class OperatorRole { Viewer, Support, Success, OnCall, ConfigManager, Admin };

enum class Permission {
    Triage,       // acknowledge, snooze, assign, resolve anomalies; create and remove silences
    Annotate,     // add a note to an anomaly's timeline
    ControlAgent, // run, pause, step, reset the local agent, or change its speed or scenario
};

// The settings' spelling: viewer, support, success, oncall, config_manager, admin. Anything else: none.
std::optional<OperatorRole> parseOperatorRole(std::string_view key);
std::string_view operatorRoleKey(OperatorRole role);

bool allows(OperatorRole role, Permission permission);

} // namespace payops::approvals
