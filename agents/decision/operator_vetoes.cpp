#include "operator_vetoes.h"

#include "core/json_error.h"
#include "core/logging.h"

#include <ctime>
#include <nlohmann/json.hpp>

namespace payops {

namespace {

// The run's clock time of day, in UTC as every time the console shows.
std::string clockTime(TimeMs ms)
{
    const std::time_t t = static_cast<std::time_t>(ms / 1000);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char out[16];
    std::strftime(out, sizeof out, "%H:%M:%S", &tm);
    return out;
}

const char* howName(OperatorVeto::How how)
{
    return how == OperatorVeto::How::Rejected ? "rejected" : "rolled_back";
}

} // namespace

std::string vetoKey(const InterventionOption& option)
{
    return option.type + "|" + option.target + "|" + option.alternative;
}

Phrase vetoPhrase(const OperatorVeto& veto)
{
    const char* text =
        veto.how == OperatorVeto::How::Rejected
            ? QT_TRANSLATE_NOOP("payops::Phrase", "%1 rejected it in approval request #%2; not offered again before %3")
            : QT_TRANSLATE_NOOP("payops::Phrase", "%1 rolled it back (intervention #%2); not offered again before %3");
    return makePhrase(
        text, {phrase::text(veto.actor), phrase::whole(double(veto.id)), phrase::text(clockTime(veto.untilMs))});
}

void OperatorVetoes::record(const InterventionOption& option, OperatorVeto veto, TimeMs holdMs)
{
    if (holdMs <= 0 || option.isNoAction())
        return;
    veto.untilMs = veto.atMs + holdMs;
    qCDebug(lcDecision) << "held back" << vetoKey(option).c_str() << "until" << veto.untilMs;
    m_vetoes[vetoKey(option)] = std::move(veto);
}

void OperatorVetoes::expire(TimeMs nowMs)
{
    std::erase_if(m_vetoes, [nowMs](const auto& entry) { return entry.second.untilMs <= nowMs; });
}

nlohmann::json OperatorVetoes::saveState() const
{
    nlohmann::json list = nlohmann::json::array();
    for (const auto& [key, v] : m_vetoes)
        list.push_back({{"key", key},
                        {"how", howName(v.how)},
                        {"id", v.id},
                        {"actor", v.actor},
                        {"at_ms", v.atMs},
                        {"until_ms", v.untilMs}});
    return list;
}

Status OperatorVetoes::restoreState(const nlohmann::json& state)
{
    std::map<std::string, OperatorVeto> restored;
    try {
        for (const auto& j : state) {
            OperatorVeto v;
            const std::string how = j.at("how");
            if (how != "rejected" && how != "rolled_back")
                return Error{"operator veto state is damaged: \"" + how + "\" is neither rejected nor rolled_back"};
            v.how = how == "rejected" ? OperatorVeto::How::Rejected : OperatorVeto::How::RolledBack;
            v.id = j.at("id");
            v.actor = j.at("actor");
            v.atMs = j.at("at_ms");
            v.untilMs = j.at("until_ms");
            restored[j.at("key").get<std::string>()] = std::move(v);
        }
    } catch (const nlohmann::json::exception& e) {
        return Error{std::string("operator veto state is damaged: ") + jsonErrorText(e)};
    }
    m_vetoes = std::move(restored);
    return {};
}

} // namespace payops
