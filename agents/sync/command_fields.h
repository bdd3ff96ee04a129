#pragma once
// The fields of a command a console sent, read without trusting their types. nlohmann's value() throws when a field
// holds another type ("approval_id": "7", "operator": 5), and a throw out of the agent's cycle would stop the agent:
// here a wrong field refuses that one command, naming the field and what it held.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

namespace payops::sync::command_fields {

// The text at key, or fallback when the key is absent. When the field holds something else, refusal (if still empty)
// says so and fallback is returned.
std::string text(const nlohmann::json& body, const char* key, const std::string& fallback, std::string& refusal);

// The id at key: a whole number of at least 1. Otherwise 0, and refusal (if still empty) says what is wrong.
std::int64_t id(const nlohmann::json& body, const char* key, std::string& refusal);

// Who decided, as the audit log records a remote decision: "remote:" and the command's "operator" ("remote:unknown"
// when a console sends none). A name that is not text, is blank, holds a line break or an invisible character, or is
// longer than a name refuses the command (approvals/actor_name.h): the log shows a name on one line, as it reads.
std::string remoteActor(const nlohmann::json& body, std::string& refusal);

} // namespace payops::sync::command_fields
