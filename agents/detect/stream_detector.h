#pragma once
// The streaming anomaly detector behind `payops-agent detect` and the runtime's per-dimension series.
// One instance watches one metric stream: each value is seen once, in order, in constant memory and time.
// docs/detector.md explains the method and how its parameters were chosen.

#include <array>
#include <cstdint>

namespace payops::detect {

// One parameter set for every stream. The defaults are the ones docs/detector.md reports scores for.
struct DetectorParams {
    // Rows seen before any score above 0.5 is given: baselines and the error distribution need data first.
    int warmupRows = 150;
    // Rate at which the daily and weekly profiles learn, per visit of a time slot.
    double seasonRate = 0.3;
    // Rates of the predictors' error scales and of the long-run error distribution.
    double errorRate = 0.01;
    // Predictors: the last value (random walk) and EWMAs at these rates; a value is only as surprising as the
    // predictor that explains it best.
    std::array<double, 2> meanRates = {0.1, 0.01};
    // Rows averaged before comparing with the long-run distribution (HTM's "short window").
    int shortWindow = 6;
    // Rate of the long-run mean/variance of the short-window error.
    double likelihoodRate = 0.002;
    // Values beyond the range seen so far by more than this fraction of the range are spatial anomalies.
    double rangeTolerance = 0.05;
    // After a score at or above alarmLevel the detector stays quiet for this many rows (one alarm per episode).
    double alarmLevel = 0.5;
    int refractoryRows = 100;
};

// What the score is made of, for people who want to see why (the runtime shows it as evidence).
struct DetectorReading {
    double score = 0;    // in [0, 1]; 0.5 = unremarkable
    double z = 0;        // error of the best predictor in units of its typical error
    double expected = 0; // the best predictor's value for this row
    double typicalError = 0;
    bool spatial = false;    // outside the range seen so far
    bool suppressed = false; // inside a refractory period after an alarm
};

class StreamDetector {
public:
    explicit StreamDetector(const DetectorParams& params = {});

    // timeSeconds: the row's time (seconds since any fixed epoch); it places the row in the day and week so
    // daily and weekly shapes become expected. Rows must come in time order.
    DetectorReading update(double timeSeconds, double value);
    std::int64_t rowsSeen() const { return m_rows; }

private:
    DetectorParams m_p;
    std::int64_t m_rows = 0;
    static constexpr int kDayBins = 288, kWeekBins = 7 * 288;
    enum Predictor { Last, FastMean, SlowMean, Daily, Weekly, DailyStep, PredictorCount };
    int phaseOf(double timeSeconds, double period, int bins) const;

    double m_last = 0;
    double m_lastTime = 0;
    int m_lastDayBin = -1;
    std::array<double, 2> m_mean{};
    std::array<double, PredictorCount> m_mae{};
    // Deviation of the value from the slow mean, by time of day and of week.
    std::array<double, kDayBins> m_day{};
    std::array<double, kWeekBins> m_week{};
    double m_min = 0, m_max = 0;
    // short-window ring of z values
    std::array<double, 64> m_ring{};
    double m_ringSum = 0;
    int m_ringPos = 0;
    double m_llMean = 0, m_llVar = 0;
    std::int64_t m_quietUntil = 0;
};

} // namespace payops::detect
