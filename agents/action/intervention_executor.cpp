#include "intervention_executor.h"

#include "core/json_error.h"
#include "core/logging.h"
#include "runtime/json_codec.h"

#include <algorithm>

namespace payops {

const char* interventionStateName(InterventionState s)
{
    switch (s) {
    case InterventionState::Active:
        return "active";
    case InterventionState::Expired:
        return "expired";
    case InterventionState::RolledBack:
        return "rolled_back";
    case InterventionState::Completed:
        return "completed";
    }
    return "active";
}

Result<Intervention> InterventionExecutor::apply(const InterventionOption& option, TimeMs nowMs,
                                                 const std::string& source, const CumulativeCounters& before,
                                                 const CumulativeCounters& atApply, int maxActive)
{
    if (option.isNoAction())
        return Error{"no_action is not an intervention"};
    const bool instantaneous = option.type == "alert_ops" || option.durationMs <= 0;
    if (!instantaneous && activeCount() >= maxActive)
        return Error{"cannot execute " + option.type + " " + option.target + ": " + std::to_string(activeCount()) +
                     " interventions already in force (limit " + std::to_string(maxActive) + ")"};
    Intervention iv;
    iv.id = m_nextId++;
    iv.option = option;
    iv.source = source;
    iv.appliedMs = nowMs;
    iv.expiresMs = nowMs + std::max<TimeMs>(0, option.durationMs);
    iv.countersBefore = before;
    iv.countersAtApply = atApply;
    if (instantaneous) {
        iv.state = InterventionState::Completed;
        iv.endedMs = nowMs;
        iv.endedBy = "executor";
        iv.endReason = "sent";
        iv.evaluated = true; // an alert changes no traffic: nothing to learn from
        m_ended.push_back(iv);
        if (m_ended.size() > kEndedHistory)
            m_ended.pop_front();
    } else {
        m_active.push_back(iv);
    }
    qCInfo(lcAction) << "applied" << iv.id << option.type.c_str() << option.target.c_str();
    return iv;
}

void InterventionExecutor::end(std::size_t index, InterventionState state, TimeMs nowMs, std::string by,
                               std::string reason)
{
    Intervention iv = m_active[index];
    iv.state = state;
    iv.endedMs = nowMs;
    iv.endedBy = std::move(by);
    iv.endReason = std::move(reason);
    m_active.erase(m_active.begin() + static_cast<std::ptrdiff_t>(index));
    m_ended.push_back(iv);
    if (m_ended.size() > kEndedHistory)
        m_ended.pop_front();
}

std::vector<Intervention> InterventionExecutor::expire(TimeMs nowMs)
{
    std::vector<Intervention> out;
    for (std::size_t i = 0; i < m_active.size();) {
        if (m_active[i].expiresMs <= nowMs) {
            end(i, InterventionState::Expired, nowMs, "expiry", "duration elapsed");
            out.push_back(m_ended.back());
        } else {
            ++i;
        }
    }
    return out;
}

Result<Intervention> InterventionExecutor::rollback(std::int64_t id, TimeMs nowMs, const std::string& actor,
                                                    const std::string& reason)
{
    for (std::size_t i = 0; i < m_active.size(); ++i) {
        if (m_active[i].id == id) {
            end(i, InterventionState::RolledBack, nowMs, actor, reason);
            return m_ended.back();
        }
    }
    if (const Intervention* iv = find(id))
        return Error{"intervention " + std::to_string(id) + " is not in force (it is " +
                     interventionStateName(iv->state) + ")"};
    return Error{"no intervention " + std::to_string(id)};
}

void InterventionExecutor::markEvaluated(std::int64_t id)
{
    for (auto& iv : m_active) {
        if (iv.id == id)
            iv.evaluated = true;
    }
    for (auto& iv : m_ended) {
        if (iv.id == id)
            iv.evaluated = true;
    }
}

std::optional<double> InterventionExecutor::keptTraffic(const InterventionOption& o, const AgentConfig& config)
{
    if (o.type == "suppress_path" && o.target.rfind("issuer:", 0) == 0) {
        const InterventionTemplate* t = config.intervention(o.type);
        return t ? t->feedbackFactor : 1.0;
    }
    if (o.type == "reroute_traffic" && o.target.rfind("method:", 0) == 0 && o.alternative.rfind("method:", 0) == 0)
        return 0.0;
    return std::nullopt;
}

SimulatorFeedback InterventionExecutor::feedback(const Dictionary& dict, const AgentConfig& config) const
{
    SimulatorFeedback f;
    f.issuerTrafficScale.assign(dict.issuers.size(), 1.0);
    f.methodRerouteTo.assign(dict.methods.size(), -1);
    for (const auto& iv : m_active) {
        const auto& o = iv.option;
        const InterventionTemplate* t = config.intervention(o.type);
        const double factor = t ? t->feedbackFactor : 1.0;
        if (const auto kept = keptTraffic(o, config); kept && o.type == "suppress_path") {
            if (auto id = dict.issuers.find(o.target.substr(7)))
                f.issuerTrafficScale[*id] *= *kept;
        } else if (kept) {
            auto from = dict.methods.find(o.target.substr(7));
            auto to = dict.methods.find(o.alternative.substr(7));
            if (from && to)
                f.methodRerouteTo[*from] = *to;
        } else if (o.type == "reduce_retry_attempts") {
            f.retryProbScale *= factor;
            f.retryCountCap = f.retryCountCap < 0 ? o.maxRetries : std::min(f.retryCountCap, o.maxRetries);
        }
    }
    return f;
}

int InterventionExecutor::activeCount() const
{
    return static_cast<int>(m_active.size());
}

bool InterventionExecutor::isActive(const std::string& type, const std::string& target) const
{
    return std::any_of(m_active.begin(), m_active.end(),
                       [&](const auto& iv) { return iv.option.type == type && iv.option.target == target; });
}

const Intervention* InterventionExecutor::find(std::int64_t id) const
{
    for (const auto& iv : m_active) {
        if (iv.id == id)
            return &iv;
    }
    for (const auto& iv : m_ended) {
        if (iv.id == id)
            return &iv;
    }
    return nullptr;
}

nlohmann::json InterventionExecutor::saveState() const
{
    return {{"active", m_active}, {"ended", m_ended}, {"next_id", m_nextId}};
}

Status InterventionExecutor::restoreState(const nlohmann::json& state)
{
    try {
        m_active = state.at("active").get<std::vector<Intervention>>();
        m_ended = state.at("ended").get<std::deque<Intervention>>();
        m_nextId = state.at("next_id");
    } catch (const nlohmann::json::exception& e) {
        return Error{std::string("executor state is damaged: ") + jsonErrorText(e)};
    }
    return {};
}

} // namespace payops
