#include "operator_vetoes.h"

#include "core/json_error.h"
#include "core/logging.h"

#include <algorithm>
#include <ctime>
#include <nlohmann/json.hpp>

namespace payops {

namespace {

std::tm utcTm(TimeMs ms)
{
    const std::time_t t = static_cast<std::time_t>(ms / 1000);
    std::tm tm{};
    gmtime_r(&t, &tm);
    return tm;
}

// When a veto ends, in UTC as every time the console shows: the time of day, and the date too when that is not the
// day it was set (a hold may last up to 30 days, and "before 00:05:00" set at 23:50 read as long past).
std::string untilText(TimeMs atMs, TimeMs untilMs)
{
    const std::tm at = utcTm(atMs), until = utcTm(untilMs);
    const bool sameDay = at.tm_year == until.tm_year && at.tm_yday == until.tm_yday;
    char out[32];
    std::strftime(out, sizeof out, sameDay ? "%H:%M:%S" : "%Y-%m-%d %H:%M:%S", &until);
    return out;
}

constexpr std::pair<OperatorVeto::How, const char*> kHowNames[] = {
    {OperatorVeto::How::Rejected, "rejected"},
    {OperatorVeto::How::RolledBack, "rolled_back"},
    {OperatorVeto::How::RolledBackByLearning, "rolled_back_by_learning"},
};

} // namespace

std::string optionKey(const InterventionOption& option)
{
    return option.type + "|" + option.target + "|" + option.alternative;
}

bool OperatorVeto::covers(const InterventionOption& o) const
{
    if (optionKey(o) != option)
        return false;
    if (o.type != "alert_ops")
        return true;
    return std::all_of(o.anomalyIds.begin(), o.anomalyIds.end(), [this](std::int64_t id) {
        return std::find(anomalies.begin(), anomalies.end(), id) != anomalies.end();
    });
}

Phrase vetoPhrase(const OperatorVeto& veto)
{
    const Phrase::Arg until = phrase::text(untilText(veto.atMs, veto.untilMs));
    switch (veto.how) {
    case OperatorVeto::How::Rejected:
        return makePhrase(
            QT_TRANSLATE_NOOP("payops::Phrase", "%1 rejected it in approval request #%2; not offered again before %3"),
            {phrase::text(veto.actor), phrase::whole(double(veto.id)), until});
    case OperatorVeto::How::RolledBack:
        return makePhrase(
            QT_TRANSLATE_NOOP("payops::Phrase", "%1 rolled it back (intervention #%2); not offered again before %3"),
            {phrase::text(veto.actor), phrase::whole(double(veto.id)), until});
    case OperatorVeto::How::RolledBackByLearning:
        break;
    }
    return makePhrase(QT_TRANSLATE_NOOP("payops::Phrase",
                                        "learning rolled it back as harmful (intervention #%1); not offered again "
                                        "before %2"),
                      {phrase::whole(double(veto.id)), until});
}

void OperatorVetoes::record(const InterventionOption& option, OperatorVeto::How how, std::int64_t id, std::string actor,
                            TimeMs atMs, TimeMs holdMs)
{
    if (holdMs <= 0 || option.isNoAction())
        return;
    OperatorVeto veto;
    veto.how = how;
    veto.id = id;
    veto.actor = std::move(actor);
    veto.atMs = atMs;
    veto.option = optionKey(option);
    veto.anomalies = option.anomalyIds;
    veto.untilMs = veto.atMs + holdMs;
    qCDebug(lcDecision) << "held back" << veto.option.c_str() << "until" << veto.untilMs;
    std::erase_if(m_vetoes,
                  [&](const OperatorVeto& v) { return v.option == veto.option && v.anomalies == veto.anomalies; });
    m_vetoes.push_back(std::move(veto));
}

void OperatorVetoes::setHold(TimeMs holdMs)
{
    for (auto& v : m_vetoes)
        v.untilMs = std::min(v.untilMs, v.atMs + holdMs);
}

void OperatorVetoes::expire(TimeMs nowMs)
{
    std::erase_if(m_vetoes, [nowMs](const OperatorVeto& v) { return v.untilMs <= nowMs; });
}

nlohmann::json OperatorVetoes::saveState() const
{
    nlohmann::json list = nlohmann::json::array();
    for (const auto& v : m_vetoes) {
        const auto how =
            std::find_if(std::begin(kHowNames), std::end(kHowNames), [&](const auto& h) { return h.first == v.how; });
        list.push_back({{"option", v.option},
                        {"anomalies", v.anomalies},
                        {"how", how->second},
                        {"id", v.id},
                        {"actor", v.actor},
                        {"at_ms", v.atMs},
                        {"until_ms", v.untilMs}});
    }
    return list;
}

Status OperatorVetoes::restoreState(const nlohmann::json& state)
{
    std::vector<OperatorVeto> restored;
    try {
        for (const auto& j : state) {
            OperatorVeto v;
            const std::string how = j.at("how");
            const auto known = std::find_if(std::begin(kHowNames), std::end(kHowNames),
                                            [&](const auto& h) { return how == h.second; });
            if (known == std::end(kHowNames))
                return Error{"operator veto state is damaged: \"" + how +
                             "\" is not rejected, rolled_back or rolled_back_by_learning"};
            v.how = known->first;
            v.option = j.at("option");
            v.anomalies = j.at("anomalies").get<std::vector<std::int64_t>>();
            v.id = j.at("id");
            v.actor = j.at("actor");
            v.atMs = j.at("at_ms");
            v.untilMs = j.at("until_ms");
            restored.push_back(std::move(v));
        }
    } catch (const nlohmann::json::exception& e) {
        return Error{std::string("operator veto state is damaged: ") + jsonErrorText(e)};
    }
    m_vetoes = std::move(restored);
    return {};
}

} // namespace payops
