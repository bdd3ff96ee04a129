#pragma once
// Learns from outcomes. After an intervention's effect window, compares the change it was expected to make
// with the change measured on global traffic (the effect window after applying vs the same length before):
//   accuracy = 1 - min(1, (|dS_exp - dS_act| + |dL_exp - dL_act| / 1000) / 2)
//   success  = dS_act >= dS_exp / 2 and no unexpected effects
//   confidence of the type += 0.1 (accuracy - 0.5) on success, -= 0.1 (1 - accuracy) on failure, in [0.3, 0.95]
// and asks for an automatic rollback when success dropped more than 5 points or latency rose more than 100 ms.

#include "action/intervention.h"
#include "config/agent_config.h"
#include "core/result.h"
#include "learning/learning_result.h"

#include <map>
#include <nlohmann/json_fwd.hpp>
#include <set>
#include <string>

namespace payops {

class OutcomeLearner {
public:
    explicit OutcomeLearner(const std::vector<InterventionTemplate>& templates);

    LearningResult evaluate(const Intervention& intervention, const CumulativeCounters& now, TimeMs nowMs,
                            const LearningConfig& config);
    double confidence(const std::string& type) const;
    // A new config's template confidences take over for every type the learner has not learned about yet;
    // learned ones keep what experience taught.
    void adoptTemplates(const std::vector<InterventionTemplate>& templates);
    const std::map<std::string, double>& confidences() const { return m_confidence; }

    nlohmann::json saveState() const;
    Status restoreState(const nlohmann::json& state);

private:
    std::map<std::string, double> m_confidence;
    std::set<std::string> m_learned; // types with at least one evaluated outcome
};

} // namespace payops
