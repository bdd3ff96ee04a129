#include "outcome_learner.h"

#include "core/json_error.h"
#include "core/logging.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

namespace payops {

OutcomeLearner::OutcomeLearner(const std::vector<InterventionTemplate>& templates)
{
    for (const auto& t : templates)
        m_confidence[t.type] = t.confidence;
}

void OutcomeLearner::adoptTemplates(const std::vector<InterventionTemplate>& templates)
{
    for (const auto& t : templates) {
        if (!m_learned.count(t.type))
            m_confidence[t.type] = t.confidence;
    }
}

double OutcomeLearner::confidence(const std::string& type) const
{
    auto it = m_confidence.find(type);
    return it == m_confidence.end() ? 0.5 : it->second;
}

LearningResult OutcomeLearner::evaluate(const Intervention& iv, const CumulativeCounters& now, TimeMs nowMs,
                                        const LearningConfig& c)
{
    LearningResult r;
    r.interventionId = iv.id;
    r.type = iv.option.type;
    r.evaluatedMs = nowMs;
    r.expectedSuccessDelta = iv.option.successImpact;
    r.expectedLatencyDeltaMs = iv.option.latencyImpactMs;

    const CumulativeCounters& b0 = iv.countersBefore;
    const CumulativeCounters& b1 = iv.countersAtApply;
    r.beforeCount = b1.count - b0.count;
    r.afterCount = now.count - b1.count;
    if (r.beforeCount > 0 && r.afterCount > 0) {
        const double sBefore = static_cast<double>(b1.success - b0.success) / static_cast<double>(r.beforeCount);
        const double sAfter = static_cast<double>(now.success - b1.success) / static_cast<double>(r.afterCount);
        const double lBefore = static_cast<double>(b1.latencySum - b0.latencySum) / static_cast<double>(r.beforeCount);
        const double lAfter = static_cast<double>(now.latencySum - b1.latencySum) / static_cast<double>(r.afterCount);
        r.actualSuccessDelta = sAfter - sBefore;
        r.actualLatencyDeltaMs = lAfter - lBefore;
    }
    r.accuracy = 1.0 - std::min(1.0, (std::abs(r.expectedSuccessDelta - r.actualSuccessDelta) +
                                      std::abs(r.expectedLatencyDeltaMs - r.actualLatencyDeltaMs) / 1000.0) /
                                         2.0);
    char buf[160];
    if (r.actualSuccessDelta < -c.rollbackSuccessDrop) {
        std::snprintf(buf, sizeof buf, "success dropped %.1f points (limit %.1f)", -r.actualSuccessDelta * 100,
                      c.rollbackSuccessDrop * 100);
        r.unexpected = buf;
    } else if (r.actualLatencyDeltaMs > c.rollbackLatencyRiseMs) {
        std::snprintf(buf, sizeof buf, "latency rose %.0f ms (limit %.0f ms)", r.actualLatencyDeltaMs,
                      c.rollbackLatencyRiseMs);
        r.unexpected = buf;
    }
    r.rollback = !r.unexpected.empty();
    r.rollbackReason = r.unexpected;
    r.success = r.actualSuccessDelta >= r.expectedSuccessDelta / 2.0 && r.unexpected.empty();

    r.confidenceBefore = confidence(r.type);
    const double step = r.success ? c.confidenceStep * (r.accuracy - 0.5) : -c.confidenceStep * (1.0 - r.accuracy);
    r.confidenceAfter = std::clamp(r.confidenceBefore + step, c.confidenceMin, c.confidenceMax);
    m_confidence[r.type] = r.confidenceAfter;
    m_learned.insert(r.type);
    qCDebug(lcLearning) << "evaluated" << iv.id << "accuracy" << r.accuracy << "success" << r.success;
    return r;
}

nlohmann::json OutcomeLearner::saveState() const
{
    return {{"confidence", m_confidence}, {"learned", m_learned}};
}

Status OutcomeLearner::restoreState(const nlohmann::json& state)
{
    try {
        m_confidence = state.at("confidence").get<std::map<std::string, double>>();
        m_learned = state.at("learned").get<std::set<std::string>>();
    } catch (const nlohmann::json::exception& e) {
        return Error{std::string("learning state is damaged: ") + jsonErrorText(e)};
    }
    return {};
}

} // namespace payops
