#pragma once
// Keeps the hypotheses of the anomalies in force: creates them when a pattern appears, refreshes their framing
// every cycle, and resolves them when their pattern clears (the Python original kept them forever, so stale
// explanations piled up). Resolved ones are kept in a short, bounded history for the UI.

#include "config/agent_config.h"
#include "core/result.h"
#include "reasoning/hypothesis.h"

#include <deque>
#include <nlohmann/json_fwd.hpp>
#include <vector>

namespace payops {

struct HypothesisUpdate {
    std::vector<Hypothesis> active;
    std::vector<Hypothesis> resolvedNow;
    double systemHealth = 1.0; // 1 - 0.5 * mean(confidence) of the active hypotheses
    double uncertainty = 0.0;  // min(1, 2 * mean((confidence - 0.5)^2))
};

class HypothesisTracker {
public:
    static constexpr std::size_t kResolvedHistory = 50;

    explicit HypothesisTracker(std::vector<HypothesisTemplate> templates) : m_templates(std::move(templates)) {}
    void setTemplates(std::vector<HypothesisTemplate> templates) { m_templates = std::move(templates); }

    HypothesisUpdate update(const std::vector<Anomaly>& active, TimeMs nowMs);
    const std::deque<Hypothesis>& recentlyResolved() const { return m_resolved; }

    nlohmann::json saveState() const;
    Status restoreState(const nlohmann::json& state);

private:
    static void frame(Hypothesis& h, const Anomaly& a);

    std::vector<HypothesisTemplate> m_templates;
    std::vector<Hypothesis> m_active;
    std::deque<Hypothesis> m_resolved;
    std::int64_t m_nextId = 1;
};

} // namespace payops
