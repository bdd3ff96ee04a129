#pragma once
// The agent's whole configuration. Every number in docs/AGENT.md is a field here with the reference default;
// the YAML loader (config_loader.h) maps `section.key` onto these fields and validates types and ranges.
// Field comments name the YAML key when it differs from the field name in snake_case.

#include <cstdint>
#include <string>
#include <vector>

namespace payops {

struct IssuerProfile {
    std::string name;
    double success = 0.95;   // initial success probability of each of its paths
    double latencyMs = 200;  // initial latency
    double retryProb = 0.05; // initial retry probability
    double weight = 1.0;     // relative traffic share
};

struct MethodProfile {
    std::string name;
    double weight = 1.0;     // relative traffic share
    std::string alternative; // where reroute_traffic moves this method's volume
};

struct DriftConfig {    // Ornstein-Uhlenbeck per issuer x method path
    double theta = 0.1; // mean reversion, 1/s
    double meanSuccess = 0.95;
    double meanLatencyMs = 200;
    double meanRetry = 0.05;
    double sigmaSuccess = 0.05; // per sqrt(s)
    double sigmaLatencyMs = 20;
    double sigmaRetry = 0.02;
    double retrySpikeRatePerS = 0.01; // probability per second of a retry spike
    double retrySpikeSize = 0.2;
    double retrySpikeDecayPerS = 0.01; // the spike decays 1 %/s
    double successMin = 0.0, successMax = 1.0;
    double latencyMinMs = 50, latencyMaxMs = 2000;
    double retryMin = 0.0, retryMax = 0.5;
};

struct SimulatorConfig {
    std::vector<IssuerProfile> issuers;
    std::vector<MethodProfile> methods;
    double ratePerS = 20;        // simulated transactions per simulated second
    double softFailShare = 0.7;  // of failures; the rest are hard failures
    double latencyJitter = 0.2;  // latency uniform in [1-j, 1+j] x path latency
    double retryCountMean = 2.0; // retries ~ min(floor(Exp(mean)), max) when a retry happens
    int retryCountMax = 10;
    double amountMin = 10, amountMax = 1000;
    int merchantCount = 20;
    std::string currency = "INR";
    std::string geography = "IN";
    std::int64_t startTimeMs = 1767225600000; // 2026-01-01T00:00:00Z: simulated time starts here
    DriftConfig drift;
};

struct DetectorConfig {
    // "likelihood": the detector core of docs/detector.md scores every issuer's, method's and the global
    // dimension's per-cycle series (success rate, mean latency, mean retries, volume) and its episodes raise the
    // anomalies, with the failure-code test below. "zscore": the original rule, window success-rate z against the
    // EWMA baseline >= z_threshold, with the cycle z rules below. The pattern rules on failure share, retry counts
    // and latency ratio apply in both. docs/detector.md compares the two.
    std::string method = "likelihood";
    // The core's parameters for per-cycle series (a cycle is one row). Shorter than for metric CSVs: incidents
    // must be seen within two cycles, and runs are too short for daily profiles.
    int likelihoodWarmupCycles = 10;
    int likelihoodShortWindow = 2;
    double likelihoodErrorRate = 0.02;
    double likelihoodRate = 0.01;
    double likelihoodAlarmLevel = 0.8;
    // An episode opens when the value is this many typical errors beyond what the core expected (at the row's
    // size, and for a success rate by its binomial tail: likelihood_series.h), and stays open while it remains
    // that many of the episode's typical errors from the expectation at its onset.
    double likelihoodHoldSigmas = 4.0;
    // Method "likelihood": a cycle whose failures carry one code far more often than usual flags the issuer or
    // method: the binomial tail of that code's count, as a normal deviate, at or above code_mix_z_threshold (0
    // turns it off). The cycle is tested alone and with the short window's earlier cycles together; the better of
    // the two counts as one test with its tail doubled. The usual mix follows the failures at code_mix_rate per
    // cycle.
    double codeMixZThreshold = 4.0;
    double codeMixRate = 0.01;
    // Slow tail (method "likelihood"): transactions slower than slowTailFactor x the dimension's usual p95 are
    // counted each cycle and tested against their usual share (binomial tail as z, learned at codeMixRate).
    double slowTailFactor = 2.0;
    double slowTailZThreshold = 4.0; // 0 turns the rule off
    std::int64_t windowMs = 300000;
    int minWindowTx = 50; // if the time window holds fewer, use the last N transactions
    // The window rules (failure share, retry storm, p95 latency: fixed bars on the window's figures) flag only while
    // the transactions of the last recentWindowCycles cycles pass the bar too (0: no such check). A window
    // statistic peaks after an incident shorter than the window has ended; without the check it raised new anomalies
    // minutes after the recovery.
    int recentWindowCycles = 8; // about a minute at 8 s a cycle
    double ewmaAlpha = 0.2;
    double stdFloorSuccess = 0.01;
    double stdFloorLatencyMs = 10;
    double stdFloorRetries = 0.1;
    double zThreshold = 2.0;
    int minTxForZ = 10;
    // While a dimension is anomalous its baseline update is scaled by this weight (0 = skip). Not 0 by default:
    // a baseline that never learns while flagged keeps a drifted issuer flagged forever (99.7 % of 1000 quiet cycles
    // in a measurement); at 0.1 an incident moves the baseline 2 % per cycle, so it stays flagged but a lasting
    // shift is eventually accepted.
    double anomalousUpdateWeight = 0.1;
    // Each cycle's own figures (the transactions of the last cycle only) against their own EWMA baselines: a
    // change shows in the first cycle it fills, while the window's figures move by under 3 % per 8-second cycle.
    // A cycle holds few transactions, and paths drift, so its figures are noisier: a higher bar (at 5, 1.2-1.6 %
    // of 10 000 quiet cycles raised an anomaly; at 6, 0.5-0.7 %), and a slower baseline that scores nothing until
    // it has seen 1 / alpha cycles. A threshold of 0 turns the cycle rules off. Method "zscore" only: the core
    // scores the same cycle figures under "likelihood". The baselines are kept under both for the evidence's z.
    double cycleZThreshold = 6.0;
    double cycleEwmaAlpha = 0.05;
    double degradationFailureShare = 0.20;
    int degradationMinTx = 5;
    double retryStormMean = 2.0;
    double retryStormShare = 0.20; // share of transactions with >= retryStormHighCount retries
    int retryStormHighCount = 3;
    int retryStormMinTx = 10;
    double fatigueFailureShare = 0.40;
    int fatigueMinTx = 10;
    double latencySpikeRatio = 1.5;
    int latencySpikeMinTx = 10;
    // Severity classes shown to users.
    double severityCritical = 0.75, severityHigh = 0.5, severityMedium = 0.25;
    // Confidence = wSample * min(1, failed / sampleFailures) + wCodes * code consistency + wDeviation * dev(z).
    double confidenceSampleWeight = 0.3;
    double confidenceSampleFailures = 50;
    double confidenceCodeWeight = 0.4;
    double confidenceDeviationWeight = 0.3;
    double deviationZLow = 1.0, deviationZHigh = 3.0;
    // A baseline scores nothing until it has seen this many windows: an EWMA variance (alpha 0.2) started at 0
    // needs about this long to mean something (3 cycles flagged normal drift as anomalous).
    int baselineWarmupCycles = 8;
};

struct HypothesisTemplate {
    std::string pattern; // ISSUER_DEGRADATION | RETRY_STORM | METHOD_FATIGUE | LATENCY_SPIKE
    std::string cause;   // issuer_downtime, network_issues, excessive_retries, method_failure, system_overload
    double confidence = 0.5;
    double successImpact = 0, latencyImpactMs = 0, costImpact = 0, riskImpact = 0;
};

struct InterventionTemplate {
    std::string type; // suppress_path | reroute_traffic | reduce_retry_attempts | alert_ops
    std::int64_t durationMs = 300000;
    double successImpact = 0, latencyImpactMs = 0, costImpact = 0;
    double confidence = 0.7;
    double risk = 0, friction = 0, blastRadius = 0;
    bool reversible = true;
    int maxRetries = 2;          // reduce_retry_attempts only
    double feedbackFactor = 1.0; // suppress: traffic share x factor; reduce_retry: retry prob x factor
};

struct NrvConfig {
    double avgTicket = 100;
    double costPerIntervention = 5;
    double latencyCostPerMs = 0.01;
};

struct PolicyConfig {
    std::int64_t cycleIntervalMs = 8000;
    int minActionFrequencyCycles = 6; // 0 disables
    double minConfidence = 0.7;
    double approvalBlastRadius = 0.3;    // approval when blast > this
    double approvalUncertainty = 0.5;    // approval when uncertainty > this
    double approvalPremortemRisk = 0.7;  // approval when pre-mortem risk >= this
    std::int64_t approvalTtlMs = 900000; // a pending request also expires after this long
    double baselineAlertNrv = -5;
};

struct SafetyConfig {
    double maxAutonomousBlastRadius = 0.3;
    std::int64_t maxAutonomousDurationMs = 600000;
    double maxFraudRisk = 0.5; // options are refused when the supplied fraud risk input exceeds this
    double maxComplianceRisk = 0.5;
    int maxActiveInterventions = 8;
    // At most this share of the issuers suppressed at once (in force or awaiting approval), rounded down: when most
    // issuers fail together the fault is not theirs (a network, the acquirer), and routing away from all of them
    // leaves nowhere to route. With one issuer, never.
    double maxSuppressedIssuerShare = 0.5;
    // An option a person rejected or rolled back is not offered again on the same target for this long (0: at once).
    std::int64_t operatorVetoMs = 900000;
    // Pre-mortem weights (see pre_mortem.cpp for the formula).
    double premortemBlastWeight = 0.3;
    double premortemIrreversibleWeight = 0.2;
    double premortemIrreversiblePenalty = 0.3;
    double premortemRiskFrictionWeight = 0.3;
    double premortemConfidenceWeight = 0.2;
};

struct LearningConfig {
    std::int64_t effectWindowMs = 60000; // how long after applying an intervention its effect is measured
    double confidenceStep = 0.1;
    double confidenceMin = 0.3, confidenceMax = 0.95;
    double rollbackSuccessDrop = 0.05;  // automatic rollback if success drops more than this
    double rollbackLatencyRiseMs = 100; // ... or latency rises more than this
};

struct StoreConfig {
    int historyCycles = 2000; // cycle snapshots kept in the database (older ones are pruned; the audit log is not)
};

struct AgentConfig {
    SimulatorConfig simulator;
    DetectorConfig detector;
    std::vector<HypothesisTemplate> hypotheses;
    std::vector<InterventionTemplate> interventions;
    NrvConfig nrv;
    PolicyConfig policy;
    SafetyConfig safety;
    LearningConfig learning;
    StoreConfig store;

    const InterventionTemplate* intervention(const std::string& type) const;
    const MethodProfile* method(const std::string& name) const;
};

// The reference defaults of AGENT.md (four issuers, five methods, the hypothesis and intervention catalogues).
AgentConfig defaultAgentConfig();

} // namespace payops
