#include "detect/stream_detector.h"

#include "detect/gaussian_tail.h"

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <nlohmann/json.hpp>

namespace payops::detect {

namespace {
// How many ranges beyond the range seen a value must be to alarm during a refractory period.
constexpr double kBreakthroughRanges = 1.0;
// Mean absolute error of a normal variable is sigma * sqrt(2 / pi); this turns it back into sigma.
constexpr double kMaeToSigma = 1.2533141373155003;
// Scores are -ln(tail probability) / ln(1e10): a one-in-ten-billion short-window error scores 1.
const double kScoreScale = 1.0 / std::log(1e10);
// A single error is capped so one absurd value cannot dominate the short-window mean for long.
constexpr double kMaxZ = 50.0;

int slotOf(double timeSeconds, double period, int slots)
{
    double t = std::fmod(timeSeconds, period);
    if (t < 0)
        t += period;
    return std::clamp(static_cast<int>(t / period * slots), 0, slots - 1);
}

template <typename Values> nlohmann::json toJson(const Values& a)
{
    auto j = nlohmann::json::array();
    for (double v : a)
        j.push_back(std::isnan(v) ? nlohmann::json(nullptr) : nlohmann::json(v));
    return j;
}

// allowUnseen: null reads as NaN (a profile slot not seen yet); elsewhere every number must be finite.
bool readValue(const nlohmann::json& v, double& out, bool allowUnseen)
{
    if (v.is_null() && allowUnseen) {
        out = NAN;
        return true;
    }
    if (!v.is_number() || !std::isfinite(v.get<double>()))
        return false;
    out = v.get<double>();
    return true;
}

// A whole number in [0, limit): a float out of int's range must not reach the conversion.
bool readIndex(const nlohmann::json& v, int limit, int& out)
{
    if (!v.is_number())
        return false;
    const double d = v.get<double>();
    if (!(d >= 0 && d < limit) || d != std::floor(d))
        return false;
    out = static_cast<int>(d);
    return true;
}

// A count of rows, likewise, from 0 to 2^62: a float beyond int64's range converted would be undefined behaviour, and
// so would arithmetic on a count near its limits.
bool readRows(const nlohmann::json& v, std::int64_t& out)
{
    constexpr double kMaxRows = 4.611686018427388e18; // 2^62
    if (!v.is_number())
        return false;
    if (v.is_number_integer()) {
        if (v.is_number_unsigned() ? v.get<std::uint64_t>() > (std::uint64_t{1} << 62)
                                   : (v.get<std::int64_t>() < 0 || v.get<std::int64_t>() > (std::int64_t{1} << 62)))
            return false;
        out = v.get<std::int64_t>();
        return true;
    }
    const double d = v.get<double>();
    if (!(d >= 0 && d <= kMaxRows) || d != std::floor(d))
        return false;
    out = static_cast<std::int64_t>(d);
    return true;
}

// Into an array, or a vector already sized as the parameters want it.
template <typename Values> bool fromJson(const nlohmann::json& j, Values& a, bool allowUnseen = false)
{
    if (!j.is_array() || j.size() != a.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (!readValue(j[i], a[i], allowUnseen))
            return false;
    return true;
}
} // namespace

double inverseUpperTail(double p)
{
    const double t = std::sqrt(-2.0 * std::log(std::max(p, 1e-300)));
    return t - (2.515517 + t * (0.802853 + t * 0.010328)) / (1 + t * (1.432788 + t * (0.189269 + t * 0.001308)));
}

std::string validate(const DetectorParams& p)
{
    const auto rate = [](double r) { return r > 0 && r <= 1; };
    if (p.warmupRows < 1)
        return "warmup_rows must be at least 1";
    if (!rate(p.seasonRate) || !(p.hourRate >= 0 && p.hourRate <= 1) || !rate(p.errorRate) || !rate(p.likelihoodRate) ||
        !rate(p.meanRates[0]) || !rate(p.meanRates[1]))
        return "rates must be in (0, 1] (hour_rate in [0, 1])";
    if (!(p.tailThreshold >= 0) || !(p.tailRate > 0 && p.tailRate <= 1))
        return "tail_threshold must not be negative and tail_rate must be in (0, 1]";
    if (p.shortWindow < 1 || p.shortWindow > StreamDetector::kMaxShortWindow)
        return "short_window must be between 1 and 64";
    if (!(p.rangeTolerance >= 0))
        return "range_tolerance must not be negative";
    if (!(p.runNovelty >= 0))
        return "run_novelty must not be negative";
    if (!(p.learnRanges >= 0))
        return "learn_ranges must not be negative";
    if (!(p.alarmLevel > 0 && p.alarmLevel <= 1))
        return "alarm_level must be in (0, 1]";
    if (p.refractoryRows < 0)
        return "refractory_rows must not be negative";
    if (p.coarseRows < 0 || p.coarseRows > 10000)
        return "coarse_rows must be between 0 and 10000";
    return {};
}

StreamDetector::StreamDetector(const DetectorParams& params) : m_p(params)
{
    m_p.shortWindow = std::clamp(m_p.shortWindow, 1, kMaxShortWindow);
    if (m_p.seasonal) {
        m_day.assign(kDayBins, NAN);
        m_week.assign(kWeekBins, NAN);
    }
    // Off (hourRate 0), the hourly slots stay unseen and predict the slow mean: the same errors, never smaller.
    m_hour.fill(NAN);
    if (!m_p.seasonal) // never the best predictor
        m_mae[Daily] = m_mae[Weekly] = m_mae[DailyStep] = m_mae[Hourly] = INFINITY;
    // The tail starts as the Gaussian one: |z| > u has probability 2·Q(u) and mean excess φ(u)/Q(u) − u.
    if (m_p.tailThreshold > 0) {
        const double u = m_p.tailThreshold;
        m_tailRate = 2 * upperTail(u);
        m_tailExcess = std::exp(-0.5 * u * u) / std::sqrt(2 * M_PI) / upperTail(u) - u;
    }
    m_tailRow = 2LL * m_p.shortWindow; // the tail learns only once the short window has filled twice
    if (m_p.coarseRows > 0)
        m_coarse.emplace_back(coarseParams(m_p));
}

DetectorParams StreamDetector::coarseParams(const DetectorParams& fine)
{
    DetectorParams p = fine;
    p.seasonal = false;
    p.shortWindow = 2;
    // 20 block means before a score: after 10 its spread rested on a handful of overlapping averages, and an ordinary
    // block scored 1 (early non-spatial alarms on 80 synthetic noise streams: 6 at 10 blocks, 3 at 20). The NAB
    // split scores the same at 10, 15 and 20 (its probationary periods are longer), 70.97 at 30.
    p.warmupRows = std::max(20, fine.warmupRows / fine.coarseRows);
    p.rangeTolerance = INFINITY; // no spatial novelty: the fine core judges the range
    p.runNovelty = 0;            // nor runs of repeats: the fine core sees a stuck value a block before the means do
    p.refractoryRows = 0;        // the fine core's refractory period covers both
    p.coarseRows = 0;
    return p;
}

DetectorReading StreamDetector::update(double timeSeconds, double value)
{
    DetectorReading r;
    // Beyond 1e300 differences of values could overflow; without a usable time a row has no place in the profiles.
    if (!std::isfinite(value) || std::abs(value) > kMaxValueMagnitude || (m_p.seasonal && !std::isfinite(timeSeconds)))
        return r;
    // Without profiles the slots are never read: skip the three fmod calls (a tenth of a row's cost).
    const int dayBin = m_p.seasonal ? slotOf(timeSeconds, 86400.0, kDayBins) : 0;
    const int weekBin = m_p.seasonal ? slotOf(timeSeconds, 7 * 86400.0, kWeekBins) : 0;
    const int hourBin = m_p.seasonal ? slotOf(timeSeconds, 3600.0, kHourBins) : 0;
    if (m_rows == 0) {
        m_last = m_prevValue = value;
        m_mean.fill(value);
        m_min = m_max = value;
        m_lastDayBin = dayBin;
        if (m_p.seasonal)
            m_day[dayBin] = m_week[weekBin] = value;
        if (m_p.seasonal && m_p.hourRate > 0)
            m_hour[hourBin] = value;
        r.expected = value;
        ++m_rows;
        return r;
    }
    const double range = m_max - m_min;
    // Keeps a flat stream's first wobble from being infinitely surprising. Scaled by the slow mean's typical error
    // rather than by the range: one absurd value (1e6 in a stream of about 1) widens the range for good, and a
    // floor of a thousandth of it would hide every later anomaly; the typical error forgets it within a few
    // thousand rows. The last term only keeps a stream of exact zeros from dividing by zero: an absolute floor
    // any larger would make the scores depend on the unit (a stream of capacitances in farads, about 1e-12, would
    // lose half its sensitivity).
    const double floorError = 1e-3 * m_mae[SlowMean] + 1e-9 * std::abs(value) + 1e-300;

    // Every predictor scores this row before any of them learns from it.
    std::array<double, PredictorCount> predicted{};
    predicted[Last] = m_last;
    predicted[FastMean] = m_mean[0];
    predicted[SlowMean] = m_mean[1];
    const auto slot = [&](double v) { return std::isnan(v) ? m_mean[1] : v; }; // unseen slot: the slow mean
    if (m_p.seasonal) {
        predicted[Daily] = slot(m_day[dayBin]);
        predicted[Weekly] = slot(m_week[weekBin]);
        predicted[DailyStep] = m_last + slot(m_day[dayBin]) - slot(m_day[m_lastDayBin]);
        predicted[Hourly] = slot(m_hour[hourBin]);
    }

    // The predictor with the smallest recent error is the model of this stream; its error is the surprise.
    // (Taking the smallest error instead would let a poor predictor with a wide error band explain anything.)
    std::size_t best = 0;
    for (std::size_t i = 1; i < predicted.size(); ++i)
        if (m_mae[i] < m_mae[best])
            best = i;
    r.expected = predicted[best];
    r.typicalError = m_mae[best] * kMaeToSigma + floorError;
    r.z = std::abs(value - r.expected) / r.typicalError;

    // An extreme error counts as the Gaussian error with the probability the stream's own extremes give it
    // (never more than its size in sigmas, never less than the threshold).
    const double zRaw = std::min(r.z, kMaxZ);
    double zc = zRaw;
    const double u = m_p.tailThreshold;
    const bool exceeds = u > 0 && zRaw > u;
    if (exceeds) {
        // Rows since the last update were all below the threshold: each scaled the rate by (1 - errorRate).
        const std::int64_t since = m_rows - 1 - m_tailRow;
        if (since > 0) {
            m_tailRate *= std::pow(1 - m_p.errorRate, static_cast<double>(since));
            m_tailRow = m_rows - 1;
        }
        const double p = m_tailRate * std::exp(-(zc - u) / m_tailExcess);
        if (p < 1)
            zc = std::min(zc, std::max(u, inverseUpperTail(0.5 * p)));
        else
            zc = u;
    }

    // The mean error over the last shortWindow rows, against its own long-run distribution: a sustained change
    // stands out more than one noisy row.
    m_ringSum += zc - m_ring[m_ringPos];
    m_ring[m_ringPos] = zc;
    m_ringPos = (m_ringPos + 1) % m_p.shortWindow;
    if (m_ringPos == 0) { // recompute once per lap so rounding never accumulates over a long stream
        m_ringSum = 0;
        for (int i = 0; i < m_p.shortWindow; ++i)
            m_ringSum += m_ring[i];
    }
    const double shortMean = m_ringSum / m_p.shortWindow;
    const bool warm = m_rows >= m_p.warmupRows;
    double score = 0;
    bool breakthrough = false; // this row alarms through a refractory period
    if (warm) {
        const double sd = std::sqrt(std::max(m_errVar, 1e-6));
        const double tail = upperTail((shortMean - m_errMean) / sd);
        score = std::clamp(-std::log(std::max(tail, 1e-300)) * kScoreScale, 0.0, 1.0);
        const double margin = m_p.rangeTolerance * range;
        if (range > 0 && (value > m_max + margin || value < m_min - margin)) {
            r.spatial = true;
            score = std::max(score, 0.9);
            // Beyond the range by more than the whole range: a far larger event than whatever opened a refractory
            // period (often a new extreme of ordinary noise), so it alarms through it, once: a runaway value that
            // doubles each row is one event. On a noise stream a 20-sigma spike 140 rows after such an alarm was
            // capped at 0.4. Never the case on the NAB split (scores unchanged).
            if (m_rows < m_quietUntil && !m_brokeThrough &&
                std::max(value - m_max, m_min - value) > kBreakthroughRanges * range) {
                breakthrough = true;
                m_quietUntil = 0;
            }
        }
    }
    // Repeats are counted on the raw value: a broken counter stuck at 2^64 - 1 is stuck, however it is clamped below.
    const bool repeated = value == m_prevValue;
    // Most rows neither repeat nor end a run: they skip the call.
    const double runScore = m_p.runNovelty > 0 && (m_run > 0 || repeated) ? scoreRun(value, repeated) : 0;
    score = std::max(score, runScore);
    if (!m_coarse.empty()) {
        m_blockSum += value;
        if (++m_blockRows == m_p.coarseRows) {
            const DetectorReading coarse = m_coarse.front().update(timeSeconds, m_blockSum / m_p.coarseRows);
            if (warm)
                score = std::max(score, coarse.score);
            m_blockSum = 0;
            m_blockRows = 0;
        }
    }
    r.stuck = runScore > 0 && runScore >= score;
    if (m_rows < m_quietUntil) {
        r.suppressed = score >= m_p.alarmLevel;
        score = std::min(score, m_p.alarmLevel * 0.8);
    } else if (warm && score >= m_p.alarmLevel) {
        r.alarm = true;
        m_quietUntil = m_rows + 1 + m_p.refractoryRows;
        m_brokeThrough = breakthrough;
    }
    // A stuck value is one event however long: once its run has alarmed, the rest of it is not judged. Only an alarm
    // counts: a run capped in the quiet period of an alarm just before it (a sensor that spikes, then sticks) alarms
    // once that period is over.
    if (r.alarm && runScore >= m_p.alarmLevel)
        m_runAlarmed = true;
    r.score = score;

    m_prevValue = value;

    // Learn from this row, at most learnRanges ranges beyond the range seen so far (the range may grow (1 +
    // learnRanges)-fold a row, so a real move to a new level is followed within a few rows): one absurd value (1e300
    // from a broken counter) taught every predictor, mean and error scale its size, and nothing alarmed for the rest
    // of the stream.
    // A stream flat so far (a stuck sensor, the first rows) has no range: its values' size stands in for it.
    const double scale = range > 0 ? range : std::max(std::abs(m_min), std::abs(m_max));
    if (scale > 0 && m_p.learnRanges > 0)
        value = std::clamp(value, m_min - m_p.learnRanges * scale, m_max + m_p.learnRanges * scale);
    const double d = shortMean - m_errMean;
    if (m_rows < 2LL * m_p.shortWindow) {
        m_errMean = shortMean;
    } else {
        const double rate = std::max(m_p.likelihoodRate, 1.0 / static_cast<double>(m_rows));
        m_errMean += rate * d;
        m_errVar = (1 - rate) * (m_errVar + rate * d * d);
    }
    // The tail learns from the error of the value learned (the raw one but for a row the bound clamped), after this
    // row is scored: a glitch's 50 sigmas taught it that extremes are large, and a 20-sigma spike later scored 0.25.
    const double zLearned = std::min(std::abs(value - r.expected) / r.typicalError, kMaxZ);
    if (u > 0 && zLearned > u && m_rows > m_tailRow) {
        m_tailRate += m_p.errorRate * (1 - m_tailRate);
        m_tailExcess += m_p.tailRate * (zLearned - u - m_tailExcess);
        m_tailRow = m_rows;
    }
    const double errorRate = std::max(m_p.errorRate, 1.0 / static_cast<double>(m_rows));
    ++m_repeatRows;
    m_repeatRate +=
        std::max(m_p.errorRate, 1.0 / static_cast<double>(m_repeatRows)) * ((repeated ? 1.0 : 0.0) - m_repeatRate);
    const std::size_t learned = m_p.seasonal ? predicted.size() : static_cast<std::size_t>(Daily);
    for (std::size_t i = 0; i < learned; ++i)
        m_mae[i] += errorRate * (std::abs(value - predicted[i]) - m_mae[i]);
    if (m_p.seasonal) {
        const auto learn = [&](double& v, double rate) { v = std::isnan(v) ? value : v + rate * (value - v); };
        learn(m_day[dayBin], m_p.seasonRate);
        learn(m_week[weekBin], m_p.seasonRate);
        if (m_p.hourRate > 0)
            learn(m_hour[hourBin], m_p.hourRate);
    }
    m_last = value;
    m_lastDayBin = dayBin;
    for (std::size_t i = 0; i < m_mean.size(); ++i)
        m_mean[i] += m_p.meanRates[i] * (value - m_mean[i]);
    m_min = std::min(m_min, value);
    m_max = std::max(m_max, value);
    ++m_rows;
    return r;
}

double StreamDetector::scoreRun(double value, bool repeated)
{
    if (!repeated) {
        m_longestRun = std::max(m_longestRun, m_run);
        m_run = 0;
        m_runAlarmed = false;
        return 0;
    }
    if (m_run == 0) {
        // The chance that a row repeats the one before, from the rows so far with half a repeat of prior weight: a
        // stream that has never repeated has a small chance of doing so, not none.
        const double n = std::min(static_cast<double>(m_repeatRows), 1.0 / m_p.errorRate);
        m_runRate = (m_repeatRate * n + 0.5) / (n + 1);
    }
    ++m_run;
    // A run that began in the warm-up (a stream flat from its start) is what the stream is, not a change in it; so is
    // one that began before the rate of repeats had seen as many rows. A run at the lowest value seen is a metric at
    // rest (no requests, no bytes written), which such streams do for hours whenever they are idle; stuck sensors and
    // exporters repeat a reading.
    if (m_runAlarmed || m_repeatRows + 1 - m_run < m_p.warmupRows || m_run <= m_p.runNovelty * m_longestRun ||
        value <= m_min)
        return 0;
    // The odds of m_run repeats in a row at that chance, on the likelihood's scale (one in 1e10 scores 1).
    return std::clamp(-std::log(m_runRate) * m_run * kScoreScale, 0.0, 1.0);
}

nlohmann::json StreamDetector::saveState() const
{
    nlohmann::json j = {{"rows", m_rows},
                        {"last", m_last},
                        {"last_day_bin", m_lastDayBin},
                        {"mean", toJson(m_mean)},
                        {"mae", toJson(m_mae)},
                        {"min", m_min},
                        {"max", m_max},
                        {"day", toJson(m_day)},
                        {"week", toJson(m_week)},
                        {"hour", toJson(m_hour)},
                        {"ring", toJson(m_ring)},
                        {"ring_pos", m_ringPos},
                        {"err_mean", m_errMean},
                        {"err_var", m_errVar},
                        {"tail_rate", m_tailRate},
                        {"tail_excess", m_tailExcess},
                        {"tail_row", m_tailRow},
                        {"quiet_until", m_quietUntil},
                        {"broke_through", m_brokeThrough},
                        {"prev_value", m_prevValue},
                        {"run", m_run},
                        {"longest_run", m_longestRun},
                        {"repeat_rate", m_repeatRate},
                        {"repeat_rows", m_repeatRows},
                        {"run_rate", m_runRate},
                        {"run_alarmed", m_runAlarmed}};
    if (!m_coarse.empty()) {
        j["coarse"] = m_coarse.front().saveState();
        j["block_sum"] = m_blockSum;
        j["block_rows"] = m_blockRows;
        j["coarse_rows"] = m_p.coarseRows;
    }
    if (!m_p.seasonal) {
        j.erase("day");
        j.erase("week");
        j.erase("hour");
        j["mae"] = toJson(std::array<double, 3>{m_mae[Last], m_mae[FastMean], m_mae[SlowMean]});
    }
    return j;
}

bool StreamDetector::restoreState(const nlohmann::json& j)
{
    try {
        StreamDetector s(m_p);
        if (!readRows(j.at("rows"), s.m_rows))
            return false;
        s.m_last = j.at("last").get<double>();
        if (!readIndex(j.at("last_day_bin"), kDayBins, s.m_lastDayBin))
            return false;
        s.m_min = j.at("min").get<double>();
        s.m_max = j.at("max").get<double>();
        if (!readIndex(j.at("ring_pos"), s.m_p.shortWindow, s.m_ringPos))
            return false;
        s.m_errMean = j.at("err_mean").get<double>();
        s.m_errVar = j.at("err_var").get<double>();
        if (!readRows(j.at("quiet_until"), s.m_quietUntil))
            return false;
        s.m_brokeThrough = j.value("broke_through", false); // states saved before the breakthrough existed
        // States saved before runs of repeats were judged start them afresh at the last value.
        s.m_prevValue = j.value("prev_value", s.m_last);
        if (j.contains("run") && (!readRows(j.at("run"), s.m_run) || !readRows(j.at("longest_run"), s.m_longestRun)))
            return false;
        s.m_repeatRate = j.value("repeat_rate", 0.0);
        // Their rate of repeats starts from nothing too: taken as one learned over all their rows, a coarse stream's
        // would read as "never repeats" and its ordinary runs alarm.
        if (j.contains("repeat_rows") && !readRows(j.at("repeat_rows"), s.m_repeatRows))
            return false;
        s.m_runRate = j.value("run_rate", 0.0);
        s.m_runAlarmed = j.value("run_alarmed", false);
        // States saved before the tail model existed start it afresh.
        s.m_tailRate = j.value("tail_rate", s.m_tailRate);
        s.m_tailExcess = j.value("tail_excess", s.m_tailExcess);
        s.m_tailRow = std::max(s.m_tailRow, s.m_rows - 1);
        if (j.contains("tail_row") && !readRows(j.at("tail_row"), s.m_tailRow))
            return false;
        if (m_p.tailThreshold > 0 && !(s.m_tailRate >= 0 && s.m_tailExcess > 0))
            return false;
        // States saved before the second core start it afresh, so it may have seen fewer rows than the first core
        // has fed it (every row but the first), never more.
        if (j.contains("coarse")) {
            int savedBlock = 0; // a state saved with other blocks would mix means of two sizes
            if (s.m_coarse.empty() || !readIndex(j.at("coarse_rows"), m_p.coarseRows + 1, savedBlock) ||
                savedBlock != m_p.coarseRows || !readIndex(j.at("block_rows"), m_p.coarseRows, s.m_blockRows))
                return false;
            s.m_blockSum = j.at("block_sum").get<double>();
            StreamDetector& coarse = s.m_coarse.front();
            const std::int64_t fed = std::max<std::int64_t>(s.m_rows - 1, 0);
            if (!coarse.restoreState(j.at("coarse")) || coarse.rowsSeen() > fed / m_p.coarseRows || // no overflow below
                coarse.rowsSeen() * m_p.coarseRows + s.m_blockRows > fed || !std::isfinite(s.m_blockSum) ||
                std::abs(s.m_blockSum) > s.m_blockRows * kMaxValueMagnitude)
                return false;
        }
        if (!fromJson(j.at("mean"), s.m_mean) || !fromJson(j.at("ring"), s.m_ring))
            return false;
        if (m_p.seasonal) {
            if (!fromJson(j.at("day"), s.m_day, true) || !fromJson(j.at("week"), s.m_week, true))
                return false;
            if (j.contains("hour")) {
                if (!fromJson(j.at("mae"), s.m_mae) || !fromJson(j.at("hour"), s.m_hour, true))
                    return false;
            } else { // saved before the hourly profile: it starts unseen, where it predicts the slow mean
                std::array<double, Hourly> mae{};
                if (!fromJson(j.at("mae"), mae))
                    return false;
                std::copy(mae.begin(), mae.end(), s.m_mae.begin());
            }
            if (!(m_p.hourRate > 0) || !j.contains("hour")) { // the profile is off here, or unseen as just said
                s.m_hour.fill(NAN);
                s.m_mae[Hourly] = s.m_mae[SlowMean];
            }
        } else {
            std::array<double, 3> mae{};
            if (!fromJson(j.at("mae"), mae))
                return false;
            std::copy(mae.begin(), mae.end(), s.m_mae.begin());
        }
        // A corrupt number here would poison every later score (NaN) or silence the stream (a refractory period
        // without end), so the state must be one the detector could have reached.
        const auto finite = [](std::initializer_list<double> values) {
            return std::all_of(values.begin(), values.end(), [](double v) { return std::isfinite(v); });
        };
        if (!finite(
                {s.m_last, s.m_min, s.m_max, s.m_errMean, s.m_errVar, s.m_tailRate, s.m_tailExcess, s.m_prevValue}) ||
            s.m_min > s.m_max || s.m_errVar < 0 || s.m_tailRate < 0 || s.m_tailRate > 1 ||
            !(s.m_repeatRate >= 0 && s.m_repeatRate <= 1) || !(s.m_runRate >= 0 && s.m_runRate <= 1) ||
            s.m_run >= std::max<std::int64_t>(s.m_rows, 1) || s.m_longestRun >= std::max<std::int64_t>(s.m_rows, 1) ||
            (s.m_run > 0 && !(s.m_runRate > 0)) || (s.m_runAlarmed && s.m_run == 0) ||
            s.m_repeatRows > std::max<std::int64_t>(s.m_rows - 1, 0) ||
            s.m_quietUntil > s.m_rows + 1 + s.m_p.refractoryRows ||
            s.m_tailRow > std::max<std::int64_t>(s.m_rows, 2LL * s.m_p.shortWindow))
            return false;
        const std::size_t learned = s.m_p.seasonal ? s.m_mae.size() : static_cast<std::size_t>(Daily);
        for (std::size_t i = 0; i < learned; ++i)
            if (!(s.m_mae[i] >= 0))
                return false;
        for (int i = 0; i < s.m_p.shortWindow; ++i)
            s.m_ringSum += s.m_ring[i];
        *this = s;
        return true;
    } catch (const nlohmann::json::exception&) {
        return false;
    }
}

} // namespace payops::detect
