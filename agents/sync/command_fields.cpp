#include "command_fields.h"

#include "approvals/actor_name.h"

#include <QString>

namespace payops::sync::command_fields {

namespace {

// What a wrong field held, short enough for one line of a result. Written as ASCII (other characters escaped), so
// the cut cannot fall inside a character: half of one is not UTF-8, and the result's JSON writer threw on it.
std::string shown(const nlohmann::json& value)
{
    std::string s = value.dump(-1, ' ', true);
    if (s.size() > 40)
        s = s.substr(0, 37) + "...";
    return s;
}

void refuse(std::string& refusal, std::string why)
{
    if (refusal.empty())
        refusal = std::move(why);
}

} // namespace

std::string text(const nlohmann::json& body, const char* key, const std::string& fallback, std::string& refusal)
{
    const auto it = body.find(key);
    if (it == body.end())
        return fallback;
    if (!it->is_string()) {
        refuse(refusal, std::string(key) + " must be text, got " + shown(*it));
        return fallback;
    }
    return it->get<std::string>();
}

std::int64_t id(const nlohmann::json& body, const char* key, std::string& refusal)
{
    const auto it = body.find(key);
    if (it == body.end()) {
        refuse(refusal, std::string("the command has no ") + key);
        return 0;
    }
    if (!it->is_number_integer() || (it->is_number_unsigned() && it->get<std::uint64_t>() > INT64_MAX) ||
        it->get<std::int64_t>() < 1) {
        refuse(refusal, std::string(key) + " must be a whole number of at least 1, got " + shown(*it));
        return 0;
    }
    return it->get<std::int64_t>();
}

std::string remoteActor(const nlohmann::json& body, std::string& refusal)
{
    const std::string unknown = "remote:unknown";
    std::string wrongType;
    const std::string name = text(body, "operator", "unknown", wrongType);
    if (!wrongType.empty()) {
        refuse(refusal, wrongType);
        return unknown;
    }
    const QString q = QString::fromStdString(name).trimmed();
    switch (approvals::actorNameProblem(q, false)) { // recorded as remote:NAME, whatever the name
    case approvals::ActorNameProblem::None:
    case approvals::ActorNameProblem::AgentsOwn:
    case approvals::ActorNameProblem::SourcePrefix:
        return "remote:" + q.toStdString();
    case approvals::ActorNameProblem::Blank:
        refuse(refusal, "operator must name who decides (the audit log records it)");
        break;
    case approvals::ActorNameProblem::HiddenCharacter:
        refuse(refusal, "operator may not hold a line break, a control character or an invisible formatting character: "
                        "the audit log shows who decided on one line, as it reads");
        break;
    case approvals::ActorNameProblem::MixedScripts:
        refuse(refusal, "operator mixes Latin, Cyrillic or Greek letters, as names made to pass for another do: the "
                        "audit log would show it as someone else");
        break;
    case approvals::ActorNameProblem::TooLong:
        refuse(refusal, "operator is " + std::to_string(q.size()) + " characters long; a name may have at most " +
                            std::to_string(approvals::kMaxActorNameLength));
        break;
    }
    return unknown;
}

} // namespace payops::sync::command_fields
