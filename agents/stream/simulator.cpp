#include "simulator.h"

#include "core/json_error.h"
#include "core/logging.h"
#include "stream/scenario_loader.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

namespace payops {

namespace {

double clampTo(double v, double lo, double hi)
{
    return std::min(hi, std::max(lo, v));
}

// Exact Ornstein-Uhlenbeck transition over dt: correct for any step length, which is what makes
// "stepped with the time since the previous step" hold however time advances.
double ouStep(double x, double mean, double theta, double sigma, double dt, double gaussian)
{
    if (theta <= 0.0)
        return x + sigma * std::sqrt(dt) * gaussian;
    const double decay = std::exp(-theta * dt);
    const double sd = sigma * std::sqrt((1.0 - decay * decay) / (2.0 * theta));
    return mean + (x - mean) * decay + sd * gaussian;
}

struct WeightedCode {
    const char* code;
    double weight;
};

// Usual causes of failures when nothing is wrong with the issuer: customer-side soft declines, and the
// background rate of technical hard declines. UPI and net banking have their own code families.
std::vector<WeightedCode> softCodes(const std::string& method)
{
    if (method == "upi")
        return {{"51", 0.35}, {"ZM", 0.30}, {"U16", 0.20}, {"05", 0.15}};
    return {{"51", 0.40}, {"05", 0.30}, {"55", 0.15}, {"61", 0.15}};
}

std::vector<WeightedCode> hardCodes(const std::string& method)
{
    if (method == "upi")
        return {{"U30", 0.50}, {"96", 0.30}, {"91", 0.20}};
    if (method == "netbanking")
        return {{"NB01", 0.50}, {"96", 0.30}, {"91", 0.20}};
    if (method == "card")
        return {{"96", 0.35}, {"91", 0.25}, {"14", 0.20}, {"54", 0.20}};
    return {{"96", 0.60}, {"91", 0.40}};
}

} // namespace

Simulator::Simulator(const SimulatorConfig& config, Dictionary& dict, std::uint64_t seed)
    : m_config(config), m_dict(dict), m_rng(seed), m_timeMs(config.startTimeMs), m_lastStepMs(config.startTimeMs),
      m_nextArrivalMs(static_cast<double>(config.startTimeMs))
{
    rebindNames();
    for (const auto& issuer : config.issuers) {
        const auto issuerId = m_dict.issuers.intern(issuer.name);
        for (const auto& method : config.methods) {
            const auto methodId = m_dict.methods.intern(method.name);
            if (!issuerId || !methodId) {
                qCWarning(lcStream) << "too many issuers or methods; path ignored";
                continue;
            }
            Path p;
            p.issuer = *issuerId;
            p.method = static_cast<std::uint8_t>(*methodId);
            p.issuerWeight = issuer.weight;
            p.methodWeight = method.weight;
            p.success = issuer.success;
            p.latencyMs = issuer.latencyMs;
            p.retry = issuer.retryProb;
            m_paths.push_back(p);
        }
    }
    m_softMix.resize(Dictionary::kMaxMethods);
    m_hardMix.resize(Dictionary::kMaxMethods);
    for (const auto& method : config.methods) {
        const auto methodId = m_dict.methods.find(method.name);
        if (!methodId)
            continue;
        auto build = [&](const std::vector<WeightedCode>& codes, CodeMix& mix) {
            double total = 0;
            for (const auto& c : codes) {
                mix.codes.push_back(static_cast<std::uint8_t>(m_dict.errorCodes.intern(c.code).value_or(0)));
                total += c.weight;
                mix.cumulative.push_back(total);
            }
        };
        build(softCodes(method.name), m_softMix[*methodId]);
        build(hardCodes(method.name), m_hardMix[*methodId]);
    }
    m_feedback.issuerTrafficScale.assign(m_dict.issuers.size(), 1.0);
    m_feedback.methodRerouteTo.assign(m_dict.methods.size(), -1);
    m_nextArrivalMs += m_rng.exponential(1000.0 / std::max(1e-9, m_config.ratePerS));
    recomputeEffective();
}

namespace {
// Whether `scenario` can run with `config`: its events name configured issuers and methods (each unknown one is
// reported at the line that names it, with a suggestion) and a share below 1 changes latency only. A scenario read
// with the config's names (parseScenario) has had its names checked already; one built in code has not.
Status checkScenario(const Scenario& scenario, const SimulatorConfig& config)
{
    const ScenarioNames known = scenarioNamesOf(config);
    std::string errors;
    const auto check = [&](const ScenarioEvent& e, const std::string& what, const std::string& name,
                           const std::string& at, const std::vector<std::string>& names) {
        if (const auto unknown = unknownScenarioName(what, name, names))
            errors += (errors.empty() ? "" : "\n") + (at.empty() ? std::string() : at + ": ") + "scenario '" +
                      scenario.name + "', event '" + e.label + "': " + *unknown;
    };
    for (const auto& e : scenario.events) {
        check(e, "issuer", e.issuer, e.issuerAt, known.issuers);
        check(e, "method", e.method, e.methodAt, known.methods);
    }
    if (!errors.empty())
        return Error{errors};
    for (const auto& e : scenario.events) {
        // The loader says so with a line and column; a scenario built in code is checked here.
        if (!(e.share > 0.0 && e.share <= 1.0) || !e.shareFits())
            return Error{"scenario '" + scenario.name + "', event '" + e.label +
                         "': share must be in (0, 1], and below 1 the event may change latency_ms only"};
    }
    return {};
}
} // namespace

Status Simulator::setScenario(const Scenario& scenario, TimeMs startMs)
{
    if (Status s = checkScenario(scenario, m_config); !s.ok())
        return s;
    for (const auto& e : scenario.events) {
        if (!e.errorCode.empty() && !m_dict.errorCodes.intern(e.errorCode))
            return Error{"scenario '" + scenario.name + "': too many distinct response codes"};
    }
    m_scenario = scenario;
    m_scenarioStartMs = startMs;
    recomputeEffective();
    return {};
}

void Simulator::clearScenario()
{
    m_scenario.reset();
    recomputeEffective();
}

void Simulator::setFeedback(const SimulatorFeedback& feedback)
{
    m_feedback = feedback;
    m_feedback.issuerTrafficScale.resize(m_dict.issuers.size(), 1.0);
    m_feedback.methodRerouteTo.resize(m_dict.methods.size(), -1);
    recomputeEffective();
}

void Simulator::setConfig(const SimulatorConfig& config)
{
    m_config = config;
    // The transactions from now on carry the new currency and geography; those in the window keep theirs.
    rebindNames();
    for (auto& p : m_paths) {
        for (const auto& issuer : config.issuers) {
            if (issuer.name == m_dict.issuers.name(p.issuer))
                p.issuerWeight = issuer.weight;
        }
        for (const auto& method : config.methods) {
            if (method.name == m_dict.methods.name(p.method))
                p.methodWeight = method.weight;
        }
    }
    recomputeEffective();
}

void Simulator::rebindNames()
{
    m_currency = static_cast<std::uint8_t>(m_dict.currencies.intern(m_config.currency).value_or(0));
    m_geography = static_cast<std::uint8_t>(m_dict.geographies.intern(m_config.geography).value_or(0));
}

void Simulator::stepDrift(double dt)
{
    const auto& d = m_config.drift;
    const double spikeChance = 1.0 - std::exp(-d.retrySpikeRatePerS * dt);
    const double spikeDecay = std::pow(1.0 - d.retrySpikeDecayPerS, dt);
    for (auto& p : m_paths) {
        p.success = clampTo(ouStep(p.success, d.meanSuccess, d.theta, d.sigmaSuccess, dt, m_rng.normal()), d.successMin,
                            d.successMax);
        p.latencyMs = clampTo(ouStep(p.latencyMs, d.meanLatencyMs, d.theta, d.sigmaLatencyMs, dt, m_rng.normal()),
                              d.latencyMinMs, d.latencyMaxMs);
        p.retry =
            clampTo(ouStep(p.retry, d.meanRetry, d.theta, d.sigmaRetry, dt, m_rng.normal()), d.retryMin, d.retryMax);
        p.retrySpike *= spikeDecay;
        if (m_rng.chance(spikeChance))
            p.retrySpike += d.retrySpikeSize;
    }
}

void Simulator::recomputeEffective()
{
    const auto& d = m_config.drift;
    m_effective.resize(m_paths.size());
    const TimeMs offset = m_timeMs - m_scenarioStartMs;
    for (std::size_t i = 0; i < m_paths.size(); ++i) {
        const Path& p = m_paths[i];
        PathParams e;
        e.success = p.success;
        e.latencyMs = p.latencyMs;
        e.retryProb = clampTo(p.retry + p.retrySpike, d.retryMin, d.retryMax);
        e.retryCountMean = m_config.retryCountMean;
        e.traffic = p.issuerWeight * p.methodWeight;
        const double drifted = e.success;
        if (m_scenario) {
            for (const auto& ev : m_scenario->events) {
                if (!ev.issuer.empty() && ev.issuer != m_dict.issuers.name(p.issuer))
                    continue;
                if (!ev.method.empty() && ev.method != m_dict.methods.name(p.method))
                    continue;
                const double w = Scenario::eventWeight(ev, offset);
                if (w <= 0.0)
                    continue;
                if (ev.share < 1.0) {
                    // A slow tail: the reached transactions take the event's latency at full strength, and the ramp
                    // fades in how many are reached. Taken from the path's latency as the events before it left it.
                    double slow = e.latencyMs;
                    for (const auto& o : ev.overrides)
                        slow = o.set ? *o.set : slow * o.scale.value_or(1.0);
                    e.tailShare = w * ev.share;
                    e.tailLatencyMs = std::max(0.0, slow);
                    continue;
                }
                for (const auto& o : ev.overrides) {
                    double* value = nullptr;
                    switch (o.param) {
                    case PathParam::Success:
                        value = &e.success;
                        break;
                    case PathParam::LatencyMs:
                        value = &e.latencyMs;
                        break;
                    case PathParam::RetryProb:
                        value = &e.retryProb;
                        break;
                    case PathParam::RetryCountMean:
                        value = &e.retryCountMean;
                        break;
                    case PathParam::Traffic:
                        value = &e.traffic;
                        break;
                    }
                    const double target = o.set ? *o.set : *value * o.scale.value_or(1.0);
                    *value += w * (target - *value);
                }
                if (!ev.errorCode.empty())
                    e.incidentCode = static_cast<std::uint8_t>(m_dict.errorCodes.find(ev.errorCode).value_or(0));
            }
            e.success = clampTo(e.success, 0.0, 1.0);
            e.latencyMs = std::max(0.0, e.latencyMs);
            e.retryProb = clampTo(e.retryProb, 0.0, 1.0);
            // Of the failures now happening, the share the incident added on top of the drift's own failures
            // carries the incident's response code; the rest keep the usual mix.
            if (e.incidentCode != 0 && e.success < drifted && e.success < 1.0)
                e.incidentShare = (drifted - e.success) / (1.0 - e.success);
        }
        m_effective[i] = e;
    }
    // Feedback from active interventions.
    for (std::size_t i = 0; i < m_paths.size(); ++i) {
        const Path& p = m_paths[i];
        if (p.issuer < m_feedback.issuerTrafficScale.size())
            m_effective[i].traffic *= m_feedback.issuerTrafficScale[p.issuer];
        m_effective[i].retryProb *= m_feedback.retryProbScale;
    }
    // Reroute: a method's volume moves to its alternative on the same issuer.
    for (std::size_t i = 0; i < m_paths.size(); ++i) {
        const Path& p = m_paths[i];
        const int to = p.method < m_feedback.methodRerouteTo.size() ? m_feedback.methodRerouteTo[p.method] : -1;
        if (to < 0 || to == p.method)
            continue;
        for (std::size_t j = 0; j < m_paths.size(); ++j) {
            if (m_paths[j].issuer == p.issuer && m_paths[j].method == to) {
                m_effective[j].traffic += m_effective[i].traffic;
                m_effective[i].traffic = 0.0;
                break;
            }
        }
    }
    m_cumulativeTraffic.resize(m_paths.size());
    double total = 0.0;
    for (std::size_t i = 0; i < m_paths.size(); ++i) {
        total += std::max(0.0, m_effective[i].traffic);
        m_cumulativeTraffic[i] = total;
    }
}

void Simulator::advanceTo(TimeMs toMs, std::vector<Transaction>& out)
{
    while (m_timeMs < toMs) {
        const TimeMs boundary = m_lastStepMs + kStepMs;
        const TimeMs until = std::min(toMs, boundary);
        generateUntil(until, out);
        m_timeMs = until;
        if (m_timeMs == boundary) {
            stepDrift(static_cast<double>(boundary - m_lastStepMs) / 1000.0);
            m_lastStepMs = boundary;
            recomputeEffective();
        }
    }
}

void Simulator::generateUntil(TimeMs toMs, std::vector<Transaction>& out)
{
    const double meanGapMs = 1000.0 / std::max(1e-9, m_config.ratePerS);
    while (m_nextArrivalMs <= static_cast<double>(toMs)) {
        emit(static_cast<TimeMs>(m_nextArrivalMs), out);
        m_nextArrivalMs += m_rng.exponential(meanGapMs);
    }
}

std::uint8_t Simulator::baseFailureCode(std::uint8_t method, Outcome outcome)
{
    const CodeMix& mix = outcome == Outcome::SoftFail ? m_softMix[method] : m_hardMix[method];
    if (mix.codes.empty())
        return 0;
    const double u = m_rng.uniform() * mix.cumulative.back();
    const auto it = std::upper_bound(mix.cumulative.begin(), mix.cumulative.end(), u);
    return mix
        .codes[std::min<std::size_t>(static_cast<std::size_t>(it - mix.cumulative.begin()), mix.codes.size() - 1)];
}

void Simulator::emit(TimeMs ts, std::vector<Transaction>& out)
{
    if (m_cumulativeTraffic.empty() || m_cumulativeTraffic.back() <= 0.0)
        return;
    const double u = m_rng.uniform() * m_cumulativeTraffic.back();
    const auto it = std::upper_bound(m_cumulativeTraffic.begin(), m_cumulativeTraffic.end(), u);
    const std::size_t pi =
        std::min<std::size_t>(static_cast<std::size_t>(it - m_cumulativeTraffic.begin()), m_paths.size() - 1);
    const Path& path = m_paths[pi];
    const PathParams& e = m_effective[pi];

    Transaction t;
    t.id = m_nextId++;
    t.timestampMs = ts;
    t.issuer = path.issuer;
    t.method = path.method;
    t.currency = m_currency;
    t.geography = m_geography;
    if (!m_rng.chance(e.success)) {
        t.outcome = m_rng.chance(m_config.softFailShare) ? Outcome::SoftFail : Outcome::HardFail;
        t.errorCode = (e.incidentShare > 0.0 && m_rng.chance(e.incidentShare)) ? e.incidentCode
                                                                               : baseFailureCode(t.method, t.outcome);
    }
    const double jitter = m_rng.uniform(1.0 - m_config.latencyJitter, 1.0 + m_config.latencyJitter);
    // Drawn only on paths with a slow tail, so every other run draws the same numbers as before tails existed.
    const double latency = e.tailShare > 0.0 && m_rng.chance(e.tailShare) ? e.tailLatencyMs : e.latencyMs;
    t.latencyMs = static_cast<std::uint32_t>(std::max(0.0, std::round(latency * jitter)));
    if (m_rng.chance(e.retryProb)) {
        int cap = m_config.retryCountMax;
        if (m_feedback.retryCountCap >= 0)
            cap = std::min(cap, m_feedback.retryCountCap);
        const double drawn = std::floor(m_rng.exponential(e.retryCountMean));
        t.retries = static_cast<std::uint8_t>(std::min<double>(drawn, cap));
    }
    t.amountMinor = static_cast<std::int64_t>(std::round(m_rng.uniform(m_config.amountMin, m_config.amountMax) * 100));
    t.merchant =
        static_cast<std::uint16_t>(1 + m_rng.below(static_cast<std::uint32_t>(std::max(1, m_config.merchantCount))));
    out.push_back(t);
}

nlohmann::json Simulator::saveState() const
{
    nlohmann::json paths = nlohmann::json::array();
    for (const auto& p : m_paths)
        paths.push_back({p.success, p.latencyMs, p.retry, p.retrySpike});
    const auto& s = m_rng.state();
    return {{"time_ms", m_timeMs}, {"last_step_ms", m_lastStepMs},    {"next_arrival_ms", m_nextArrivalMs},
            {"next_id", m_nextId}, {"rng", {s[0], s[1], s[2], s[3]}}, {"paths", paths}};
}

Status Simulator::restoreState(const nlohmann::json& state)
{
    try {
        const auto& paths = state.at("paths");
        if (paths.size() != m_paths.size())
            return Error{"simulator state has " + std::to_string(paths.size()) + " paths, the config has " +
                         std::to_string(m_paths.size()) + " (issuers or methods changed)"};
        for (std::size_t i = 0; i < m_paths.size(); ++i) {
            m_paths[i].success = paths[i].at(0).get<double>();
            m_paths[i].latencyMs = paths[i].at(1).get<double>();
            m_paths[i].retry = paths[i].at(2).get<double>();
            m_paths[i].retrySpike = paths[i].at(3).get<double>();
        }
        std::array<std::uint64_t, 4> s{};
        for (std::size_t i = 0; i < 4; ++i)
            s[i] = state.at("rng").at(i).get<std::uint64_t>();
        m_rng.setState(s);
        m_timeMs = state.at("time_ms").get<TimeMs>();
        m_lastStepMs = state.at("last_step_ms").get<TimeMs>();
        m_nextArrivalMs = state.at("next_arrival_ms").get<double>();
        m_nextId = state.at("next_id").get<std::uint64_t>();
    } catch (const nlohmann::json::exception& e) {
        return Error{std::string("simulator state is damaged: ") + jsonErrorText(e)};
    }
    recomputeEffective();
    return {};
}

} // namespace payops
