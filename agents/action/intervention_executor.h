#pragma once
// Executes interventions, ends them at their expiry or on rollback, and turns the ones in force into the
// simulator feedback (suppress_path: the issuer's traffic share x factor, its success rate untouched;
// reroute_traffic: the method's volume moves to its alternative; reduce_retry_attempts: retry probability x
// factor and a cap on retry count). Active interventions are bounded by the safety limit; ended ones are kept in a
// bounded history.

#include "action/intervention.h"
#include "config/agent_config.h"
#include "core/result.h"
#include "stream/dictionary.h"
#include "stream/simulator_feedback.h"

#include <deque>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <vector>

namespace payops {

class InterventionExecutor {
public:
    static constexpr std::size_t kEndedHistory = 50;

    Result<Intervention> apply(const InterventionOption& option, TimeMs nowMs, const std::string& source,
                               const CumulativeCounters& before, const CumulativeCounters& atApply, int maxActive);
    std::vector<Intervention> expire(TimeMs nowMs);
    Result<Intervention> rollback(std::int64_t id, TimeMs nowMs, const std::string& actor, const std::string& reason);
    void markEvaluated(std::int64_t id);

    SimulatorFeedback feedback(const Dictionary& dict, const AgentConfig& config) const;
    // The share of its target's traffic an intervention leaves there (suppress_path on an issuer: the template's
    // factor; reroute_traffic from one method to another: none), or nothing when it does not steer traffic. The
    // simulator's feedback and the detector's expected traffic both read it.
    static std::optional<double> keptTraffic(const InterventionOption& option, const AgentConfig& config);
    int activeCount() const;
    bool isActive(const std::string& type, const std::string& target) const;
    const std::vector<Intervention>& active() const { return m_active; }
    const std::deque<Intervention>& ended() const { return m_ended; }
    const Intervention* find(std::int64_t id) const;

    nlohmann::json saveState() const;
    Status restoreState(const nlohmann::json& state);

private:
    void end(std::size_t index, InterventionState state, TimeMs nowMs, std::string by, std::string reason);

    std::vector<Intervention> m_active;
    std::deque<Intervention> m_ended;
    std::int64_t m_nextId = 1;
};

} // namespace payops
