#pragma once
// The offline payment stream: every issuer x method path drifts as its own Ornstein-Uhlenbeck process,
// scenarios override parameters on a timeline, and active interventions feed back into traffic.
//
// Determinism: the drift is stepped only at fixed simulated-time boundaries (every kStepMs) and arrivals are a
// Poisson process drawn from the same generator in time order, so the transactions produced depend only on the
// seed, the config, the scenario and when feedback changed, never on how callers chunk advanceTo().

#include "config/agent_config.h"
#include "core/result.h"
#include "stream/dictionary.h"
#include "stream/rng.h"
#include "stream/scenario.h"
#include "stream/simulator_feedback.h"
#include "stream/transaction.h"

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <vector>

namespace payops {

struct PathParams {
    double success = 0.95;
    double latencyMs = 200;
    double retryProb = 0.05;
    double retryCountMean = 2.0;
    double traffic = 1.0;       // relative weight after scenario and feedback
    double incidentShare = 0.0; // share of failures caused by the active scenario event
    std::uint8_t incidentCode = 0;
    // A slow tail (an event with a share below 1): this share of the path's transactions take tailLatencyMs.
    double tailShare = 0.0;
    double tailLatencyMs = 0.0;
};

class Simulator {
public:
    static constexpr TimeMs kStepMs = 1000;

    // Registers the configured issuers and methods in `dict`.
    Simulator(const SimulatorConfig& config, Dictionary& dict, std::uint64_t seed);

    // Scenario offsets count from `startMs`. Fails when the scenario names an unknown issuer, method or code.
    Status setScenario(const Scenario& scenario, TimeMs startMs);
    void clearScenario();
    const std::optional<Scenario>& scenario() const { return m_scenario; }
    TimeMs scenarioStartMs() const { return m_scenarioStartMs; }
    void setFeedback(const SimulatorFeedback& feedback);
    const SimulatorFeedback& feedback() const { return m_feedback; }
    // Replaces the simulator parameters (a config change); drift state is kept.
    void setConfig(const SimulatorConfig& config);
    // Looks up the config's currency and geography in the dictionary again (adding them where missing): after a
    // checkpoint rebuilt those tables in its own order.
    void rebindNames();

    // Generates every transaction with timestamp in (timeMs(), toMs], appending in time order.
    void advanceTo(TimeMs toMs, std::vector<Transaction>& out);
    TimeMs timeMs() const { return m_timeMs; }

    std::size_t pathCount() const { return m_paths.size(); }
    std::uint16_t pathIssuer(std::size_t p) const { return m_paths[p].issuer; }
    std::uint8_t pathMethod(std::size_t p) const { return m_paths[p].method; }
    const PathParams& effective(std::size_t p) const { return m_effective[p]; }

    nlohmann::json saveState() const;
    Status restoreState(const nlohmann::json& state);

private:
    struct Path {
        std::uint16_t issuer = 0;
        std::uint8_t method = 0;
        double issuerWeight = 1, methodWeight = 1;
        double success = 0.95, latencyMs = 200, retry = 0.05; // drift state
        double retrySpike = 0;
    };

    void stepDrift(double dtSeconds);
    void recomputeEffective();
    void generateUntil(TimeMs toMs, std::vector<Transaction>& out);
    void emit(TimeMs ts, std::vector<Transaction>& out);
    std::uint8_t baseFailureCode(std::uint8_t method, Outcome outcome);

    SimulatorConfig m_config;
    Dictionary& m_dict;
    Rng m_rng;
    std::vector<Path> m_paths;
    std::vector<PathParams> m_effective;
    std::vector<double> m_cumulativeTraffic; // for picking a path per arrival
    std::optional<Scenario> m_scenario;
    TimeMs m_scenarioStartMs = 0;
    SimulatorFeedback m_feedback;
    TimeMs m_timeMs = 0;
    TimeMs m_lastStepMs = 0;
    double m_nextArrivalMs = 0;
    std::uint64_t m_nextId = 1;
    std::uint8_t m_currency = 0, m_geography = 0;
    // Response-code mixes by method family, resolved to dictionary ids once.
    struct CodeMix {
        std::vector<std::uint8_t> codes;
        std::vector<double> cumulative;
    };
    std::vector<CodeMix> m_softMix, m_hardMix; // by method id
};

} // namespace payops
