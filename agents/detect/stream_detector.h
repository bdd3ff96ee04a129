#pragma once
// The streaming anomaly detector behind `payops-agent detect` and the runtime's per-dimension series.
// One instance watches one metric stream: each value is seen once, in order, in constant memory and time.
// docs/detector.md explains the method, how its parameters were chosen and what it scores on NAB.

#include <array>
#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

namespace payops::detect {

// Values beyond this magnitude are not scored (and `detect` refuses them): the detector takes differences of
// values, and those must stay finite.
inline constexpr double kMaxValueMagnitude = 1e300;

// One parameter set for every stream. The defaults are the ones docs/detector.md reports scores for.
struct DetectorParams {
    // Rows seen before any score other than 0 is given: the error scales and their distribution need data.
    int warmupRows = 150;
    // Hourly, daily and weekly profiles as predictors. Off for series too short to have a day (they also cost 2.3 k
    // numbers of state).
    bool seasonal = true;
    // Rate at which the daily and weekly profiles learn, per visit of a time slot.
    double seasonRate = 0.6;
    // Rate at which the hourly profile learns, per visit of a slot (24 a day); 0 turns it off. Slower per visit
    // than the daily profile: an hour's slot is seen 24 times as often, and a fast one would only echo the value
    // an hour ago.
    double hourRate = 0.1;
    // Rate of each predictor's mean absolute error (its "typical error").
    double errorRate = 0.003;
    // Predictors besides the last value and the profiles: EWMAs at these rates.
    std::array<double, 2> meanRates = {0.1, 0.01};
    // Rows whose errors are averaged before comparing with the long-run distribution of that average.
    int shortWindow = 10;
    // Rate of the long-run mean and variance of the short-window error.
    double likelihoodRate = 0.003;
    // Extreme single-row errors are judged against the stream's own history of extremes (peaks over a
    // threshold with an exponential tail): an error above tailThreshold sigmas gets the probability the
    // stream's past exceedances give it and counts as the Gaussian error of that probability. A stream that
    // spikes every day stops alarming on spikes of the usual size; a stream that never spikes keeps full
    // sensitivity. tailThreshold 0 turns this off. tailRate: how fast the mean excess follows each exceedance
    // (the rate of exceedances follows errorRate).
    double tailThreshold = 7.0;
    double tailRate = 0.05;
    // A second core watches the means of this many rows (0: none), and the row that completes a block scores the
    // higher of the two: a change too slow or too small to stand out among single rows shows in their means. The
    // second core has no profiles and no spatial novelty (the first judges the range), and averages 2 means.
    int coarseRows = 24;
    // A value beyond the range seen so far by more than this fraction of the range is a spatial anomaly.
    double rangeTolerance = 0.02;
    // A value that stops changing (a stuck sensor, an exporter that repeats its last reading) is a run of repeats
    // in time, as a new extreme is novelty in value: a run longer than runNovelty times the longest seen so far
    // scores by how improbable so many repeats are at the stream's own rate of repeats. 0 turns it off.
    double runNovelty = 2.0;
    // What one row teaches is bounded to this many ranges beyond the range seen so far (0: unbounded): a value of
    // 1e300 from a broken counter blinded the detector for the rest of its stream. Chosen on the payment scenarios
    // (docs/detector.md, "Bounded learning"), not on NAB.
    double learnRanges = 3.0;
    // A score at or above alarmLevel is an alarm; for refractoryRows after it, scores are capped below the
    // level, so one episode raises one alarm.
    double alarmLevel = 0.5;
    int refractoryRows = 100;

    bool operator==(const DetectorParams&) const = default;
};

// Checks ranges; returns an empty string when the parameters are usable, else what is wrong.
std::string validate(const DetectorParams& params);

// What the score is made of, for people who want to see why (the runtime shows it as evidence).
struct DetectorReading {
    double score = 0;        // in [0, 1]
    double z = 0;            // error of the best predictor in units of its typical error (sigma)
    double expected = 0;     // the best predictor's value for this row
    double typicalError = 0; // that predictor's typical error, as a standard deviation
    bool spatial = false;    // outside the range seen so far
    bool stuck = false;      // the score is that of a run of one repeated value (runNovelty)
    bool alarm = false;      // score >= alarmLevel and not inside a refractory period
    bool suppressed = false; // inside a refractory period after an alarm
};

class StreamDetector {
public:
    static constexpr int kMaxShortWindow = 64;

    explicit StreamDetector(const DetectorParams& params = {});

    // timeSeconds: the row's time (seconds since any fixed epoch); it places the row in the hour, the day and the week
    // so hourly, daily and weekly shapes become expected. A row whose value is not finite or beyond 1e300 in magnitude,
    // or (with profiles) whose time is not finite, is ignored and scores 0.
    DetectorReading update(double timeSeconds, double value);
    std::int64_t rowsSeen() const { return m_rows; }
    const DetectorParams& params() const { return m_p; }

    nlohmann::json saveState() const;
    // False (and the detector unchanged) when the state does not fit these parameters or holds values the detector
    // cannot reach (non-finite numbers, min above max, a refractory period longer than refractoryRows, ...).
    bool restoreState(const nlohmann::json& state);

private:
    static constexpr int kHourBins = 12, kDayBins = 288, kWeekBins = 7 * 288; // 5-minute slots
    enum Predictor { Last, FastMean, SlowMean, Daily, Weekly, DailyStep, Hourly, PredictorCount };

    static DetectorParams coarseParams(const DetectorParams& fine);
    // The score of the run of repeats this row (repeating the row before, or not) continues or ends (runNovelty);
    // keeps the run's state.
    double scoreRun(double value, bool repeated);

    DetectorParams m_p;
    std::int64_t m_rows = 0;
    double m_last = 0;
    int m_lastDayBin = 0;
    std::array<double, 2> m_mean{};
    std::array<double, PredictorCount> m_mae{};
    double m_min = 0, m_max = 0;
    // The value by time of day and of week (NaN = slot not seen yet).
    // Allocated only with profiles on: 2 304 slots (18 KB) a stream that has no use for them (the runtime's
    // series) need not carry.
    std::vector<double> m_day, m_week;
    // The value by time of the hour: jobs that run every hour (NaN = not seen yet; its 12 slots cost nothing
    // worth allocating).
    std::array<double, kHourBins> m_hour{};
    // The last shortWindow errors and their sum.
    std::array<double, kMaxShortWindow> m_ring{};
    double m_ringSum = 0;
    int m_ringPos = 0;
    // Long-run mean and variance of the short-window mean error.
    double m_errMean = 0, m_errVar = 0;
    // Tail of the single-row error beyond tailThreshold: how often it is exceeded (an average over rows, brought
    // up to date only when read, at the next exceedance, so ordinary rows pay nothing) and by how much on average.
    double m_tailRate = 0, m_tailExcess = 0;
    std::int64_t m_tailRow = 0; // the last row m_tailRate accounts for
    std::int64_t m_quietUntil = 0;
    // Runs of repeats: the raw value of the row before (the learned one may be clamped), how many rows in a row
    // have repeated it, the longest such run before this one, the rate of repeats (an average over rows at
    // errorRate), that rate as it was when the current run began (a run must not make itself look usual), and
    // whether the current run has alarmed already (a stuck value is one event however long).
    double m_prevValue = 0;
    std::int64_t m_run = 0, m_longestRun = 0;
    double m_repeatRate = 0, m_runRate = 0;
    std::int64_t m_repeatRows = 0; // rows m_repeatRate has learned (a state saved before it existed starts at 0)
    bool m_runAlarmed = false;
    bool m_brokeThrough = false; // the current refractory period was opened by an alarm through the one before
    // The second core (coarseRows), fed the mean of each block of rows. A vector (empty or one core) because the
    // class cannot hold an optional of itself; it copies with the detector.
    std::vector<StreamDetector> m_coarse;
    double m_blockSum = 0;
    int m_blockRows = 0;
};

} // namespace payops::detect
