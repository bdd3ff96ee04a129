#include "agent_config_schema.h"

namespace payops {

namespace {

const Range kProbability = Range::probability();
const Range kPositive = Range::positive();
const Range kNonNegative = Range::nonNegative();
const Range kAny = Range::any();
// Durations are added to timestamps (now + ttl): bounded to 30 days so the sum can never overflow.
constexpr double kMaxDurationMs = 30.0 * 24 * 3600 * 1000;
const Range kDurationMs{0.0, kMaxDurationMs, true, false};
const Range kNonNegativeDurationMs{0.0, kMaxDurationMs, false, false};
const Range kEpochMs{0.0, 32503680000000.0, false, false}; // up to the year 3000
// The simulator's rate: a five-minute window holds 3 M transactions at 10 000 a second, about 300 MB (measured); ten
// times that took a machine's memory down in one cycle, from a config `config check` called valid.
const Range kRatePerS{0.0, 10000.0, true, false};
// Latencies are kept in 32-bit milliseconds: ten minutes is past any gateway's timeout, 1e308 read back as 0 ms.
const Range kLatencyMs = Range::closed(0.0, 600000.0);
// Impacts on a success rate are differences of two probabilities.
const Range kSuccessDelta = Range::closed(-1.0, 1.0);

} // namespace

const std::vector<std::string_view>& anomalyPatternNames()
{
    static const std::vector<std::string_view> names = {"ISSUER_DEGRADATION", "RETRY_STORM", "METHOD_FATIGUE",
                                                        "LATENCY_SPIKE"};
    return names;
}

const std::vector<std::string_view>& detectorMethodNames()
{
    static const std::vector<std::string_view> names = {"likelihood", "zscore"};
    return names;
}

const std::vector<std::string_view>& interventionTypeNames()
{
    static const std::vector<std::string_view> names = {"suppress_path", "reroute_traffic", "reduce_retry_attempts",
                                                        "alert_ops"};
    return names;
}

const std::vector<std::string_view>& agentConfigSectionNames()
{
    static const std::vector<std::string_view> names = {"version",       "simulator", "detector", "hypotheses",
                                                        "interventions", "nrv",       "policy",   "safety",
                                                        "learning",      "store"};
    return names;
}

const FieldTable<SimulatorConfig>& simulatorFields()
{
    using S = SimulatorConfig;
    static const FieldTable<S> table = {
        {"rate_per_s", &S::ratePerS, kRatePerS},
        {"soft_fail_share", &S::softFailShare, kProbability},
        {"latency_jitter", &S::latencyJitter, kProbability},
        {"retry_count_mean", &S::retryCountMean, kPositive},
        // Transactions store their retry count in one byte.
        {"retry_count_max", &S::retryCountMax, Range::closed(0, 255)},
        {"amount_min", &S::amountMin, kPositive},
        {"amount_max", &S::amountMax, kPositive},
        // Merchant ids are 16-bit in a transaction.
        {"merchant_count", &S::merchantCount, Range::closed(1, 65535)},
        {"currency", &S::currency, kAny, false, true},
        {"geography", &S::geography, kAny, false, true},
        {"start_time_ms", &S::startTimeMs, kEpochMs},
    };
    return table;
}

const FieldTable<DriftConfig>& driftFields()
{
    using S = DriftConfig;
    static const FieldTable<S> table = {
        {"theta", &S::theta, kNonNegative},
        {"mean_success", &S::meanSuccess, kProbability},
        {"mean_latency_ms", &S::meanLatencyMs, kLatencyMs},
        {"mean_retry", &S::meanRetry, kProbability},
        {"sigma_success", &S::sigmaSuccess, kNonNegative},
        {"sigma_latency_ms", &S::sigmaLatencyMs, kLatencyMs},
        {"sigma_retry", &S::sigmaRetry, kNonNegative},
        {"retry_spike_rate_per_s", &S::retrySpikeRatePerS, kProbability},
        {"retry_spike_size", &S::retrySpikeSize, kProbability},
        {"retry_spike_decay_per_s", &S::retrySpikeDecayPerS, kProbability},
        {"success_min", &S::successMin, kProbability},
        {"success_max", &S::successMax, kProbability},
        {"latency_min_ms", &S::latencyMinMs, kLatencyMs},
        {"latency_max_ms", &S::latencyMaxMs, kLatencyMs},
        {"retry_min", &S::retryMin, kProbability},
        {"retry_max", &S::retryMax, kProbability},
    };
    return table;
}

const FieldTable<IssuerProfile>& issuerFields()
{
    using S = IssuerProfile;
    static const FieldTable<S> table = {
        {"name", &S::name, kAny, true, true},      {"success", &S::success, kProbability},
        {"latency_ms", &S::latencyMs, kLatencyMs}, {"retry_prob", &S::retryProb, kProbability},
        {"weight", &S::weight, kNonNegative},
    };
    return table;
}

const FieldTable<MethodProfile>& methodFields()
{
    using S = MethodProfile;
    static const FieldTable<S> table = {
        {"name", &S::name, kAny, true, true},
        {"weight", &S::weight, kNonNegative},
        {"alternative", &S::alternative},
    };
    return table;
}

const FieldTable<DetectorConfig>& detectorFields()
{
    using S = DetectorConfig;
    static const FieldTable<S> table = {
        {"method", &S::method, kAny, false, true, detectorMethodNames()},
        // Warm-ups of up to a day of 8-second cycles. `evaluate` runs the longest of them before each scenario: a
        // billion (which "at least 1" let through) ran for hours with no word.
        {"likelihood_warmup_cycles", &S::likelihoodWarmupCycles, Range::closed(1, 10000)},
        {"likelihood_short_window", &S::likelihoodShortWindow, Range::closed(1, 64)},
        {"likelihood_error_rate", &S::likelihoodErrorRate, Range{0.0, 1.0, true}},
        {"likelihood_rate", &S::likelihoodRate, Range{0.0, 1.0, true}},
        {"likelihood_alarm_level", &S::likelihoodAlarmLevel, Range{0.0, 1.0, true}},
        {"likelihood_hold_sigmas", &S::likelihoodHoldSigmas, kNonNegative},
        {"code_mix_z_threshold", &S::codeMixZThreshold, kNonNegative},
        {"code_mix_rate", &S::codeMixRate, Range{0.0, 1.0, true}},
        {"slow_tail_factor", &S::slowTailFactor, Range::atLeast(1.0)},
        {"slow_tail_z_threshold", &S::slowTailZThreshold, kNonNegative},
        // The statistics of the last minutes, not of days: the window keeps its transactions in memory (30 days of the
        // simulator's traffic took gigabytes), and a fixed bar on a long window answers hours late.
        {"window_ms", &S::windowMs, Range{0.0, 3'600'000.0, true, false}},
        {"min_window_tx", &S::minWindowTx, kNonNegative},
        {"recent_window_cycles", &S::recentWindowCycles, Range::closed(0, 100)}, // ~2 KB a dimension and cycle
        {"ewma_alpha", &S::ewmaAlpha, Range{0.0, 1.0, true}},
        {"std_floor_success", &S::stdFloorSuccess, kPositive},
        {"std_floor_latency_ms", &S::stdFloorLatencyMs, kPositive},
        {"std_floor_retries", &S::stdFloorRetries, kPositive},
        {"z_threshold", &S::zThreshold, kPositive},
        {"min_tx_for_z", &S::minTxForZ, Range::atLeast(1)}, // a rate over no transactions is not 0, it is nothing
        {"anomalous_update_weight", &S::anomalousUpdateWeight, kProbability},
        {"cycle_z_threshold", &S::cycleZThreshold, kNonNegative},
        {"cycle_ewma_alpha", &S::cycleEwmaAlpha, Range{0.0, 1.0, true}},
        {"degradation_failure_share", &S::degradationFailureShare, kProbability},
        {"degradation_min_tx", &S::degradationMinTx, kNonNegative},
        {"retry_storm_mean", &S::retryStormMean, kNonNegative},
        {"retry_storm_share", &S::retryStormShare, kProbability},
        {"retry_storm_high_count", &S::retryStormHighCount, Range::atLeast(1)},
        {"retry_storm_min_tx", &S::retryStormMinTx, kNonNegative},
        {"fatigue_failure_share", &S::fatigueFailureShare, kProbability},
        {"fatigue_min_tx", &S::fatigueMinTx, kNonNegative},
        {"latency_spike_ratio", &S::latencySpikeRatio, Range::atLeast(1.0)},
        {"latency_spike_min_tx", &S::latencySpikeMinTx, kNonNegative},
        {"severity_critical", &S::severityCritical, kProbability},
        {"severity_high", &S::severityHigh, kProbability},
        {"severity_medium", &S::severityMedium, kProbability},
        {"confidence_sample_weight", &S::confidenceSampleWeight, kProbability},
        {"confidence_sample_failures", &S::confidenceSampleFailures, kPositive},
        {"confidence_code_weight", &S::confidenceCodeWeight, kProbability},
        {"confidence_deviation_weight", &S::confidenceDeviationWeight, kProbability},
        {"deviation_z_low", &S::deviationZLow, kNonNegative},
        {"deviation_z_high", &S::deviationZHigh, kPositive},
        {"baseline_warmup_cycles", &S::baselineWarmupCycles, Range::closed(0, 10000)},
    };
    return table;
}

const FieldTable<HypothesisTemplate>& hypothesisFields()
{
    using S = HypothesisTemplate;
    static const FieldTable<S> table = {
        {"pattern", &S::pattern, kAny, true, true, anomalyPatternNames()},
        {"cause", &S::cause, kAny, true, true},
        {"confidence", &S::confidence, kProbability},
        {"success_impact", &S::successImpact, kSuccessDelta},
        {"latency_impact_ms", &S::latencyImpactMs, kAny},
        {"cost_impact", &S::costImpact, kAny},
        {"risk_impact", &S::riskImpact, kProbability},
    };
    return table;
}

const FieldTable<InterventionTemplate>& interventionFields()
{
    using S = InterventionTemplate;
    static const FieldTable<S> table = {
        {"type", &S::type, kAny, true, true, interventionTypeNames()},
        {"duration_ms", &S::durationMs, kNonNegativeDurationMs},
        {"success_impact", &S::successImpact, kSuccessDelta},
        {"latency_impact_ms", &S::latencyImpactMs, kAny},
        {"cost_impact", &S::costImpact, kAny},
        {"confidence", &S::confidence, kProbability},
        {"risk", &S::risk, kProbability},
        {"friction", &S::friction, kProbability},
        {"blast_radius", &S::blastRadius, kProbability},
        {"reversible", &S::reversible},
        {"max_retries", &S::maxRetries, Range::closed(0, 255)},
        {"feedback_factor", &S::feedbackFactor, kProbability},
    };
    return table;
}

const FieldTable<NrvConfig>& nrvFields()
{
    using S = NrvConfig;
    static const FieldTable<S> table = {
        {"avg_ticket", &S::avgTicket, kNonNegative},
        {"cost_per_intervention", &S::costPerIntervention, kNonNegative},
        {"latency_cost_per_ms", &S::latencyCostPerMs, kNonNegative},
    };
    return table;
}

const FieldTable<PolicyConfig>& policyFields()
{
    using S = PolicyConfig;
    static const FieldTable<S> table = {
        {"cycle_interval_ms", &S::cycleIntervalMs, kDurationMs},
        {"min_action_frequency_cycles", &S::minActionFrequencyCycles, kNonNegative},
        {"min_confidence", &S::minConfidence, kProbability},
        {"approval_blast_radius", &S::approvalBlastRadius, kProbability},
        {"approval_uncertainty", &S::approvalUncertainty, kProbability},
        {"approval_premortem_risk", &S::approvalPremortemRisk, kProbability},
        {"approval_ttl_ms", &S::approvalTtlMs, kDurationMs},
        {"baseline_alert_nrv", &S::baselineAlertNrv, kAny},
    };
    return table;
}

const FieldTable<SafetyConfig>& safetyFields()
{
    using S = SafetyConfig;
    static const FieldTable<S> table = {
        {"max_autonomous_blast_radius", &S::maxAutonomousBlastRadius, kProbability},
        {"max_autonomous_duration_ms", &S::maxAutonomousDurationMs, kDurationMs},
        {"max_fraud_risk", &S::maxFraudRisk, kProbability},
        {"max_compliance_risk", &S::maxComplianceRisk, kProbability},
        {"max_active_interventions", &S::maxActiveInterventions, kNonNegative},
        {"max_suppressed_issuer_share", &S::maxSuppressedIssuerShare, kProbability},
        {"operator_veto_ms", &S::operatorVetoMs, kNonNegativeDurationMs},
        {"premortem_blast_weight", &S::premortemBlastWeight, kProbability},
        {"premortem_irreversible_weight", &S::premortemIrreversibleWeight, kProbability},
        {"premortem_irreversible_penalty", &S::premortemIrreversiblePenalty, kProbability},
        {"premortem_risk_friction_weight", &S::premortemRiskFrictionWeight, kProbability},
        {"premortem_confidence_weight", &S::premortemConfidenceWeight, kProbability},
    };
    return table;
}

const FieldTable<LearningConfig>& learningFields()
{
    using S = LearningConfig;
    static const FieldTable<S> table = {
        {"effect_window_ms", &S::effectWindowMs, kDurationMs},
        {"confidence_step", &S::confidenceStep, kProbability},
        {"confidence_min", &S::confidenceMin, kProbability},
        {"confidence_max", &S::confidenceMax, kProbability},
        {"rollback_success_drop", &S::rollbackSuccessDrop, kProbability},
        {"rollback_latency_rise_ms", &S::rollbackLatencyRiseMs, kNonNegative},
    };
    return table;
}

const FieldTable<StoreConfig>& storeFields()
{
    using S = StoreConfig;
    static const FieldTable<S> table = {
        {"history_cycles", &S::historyCycles, Range::atLeast(1)},
    };
    return table;
}

} // namespace payops
