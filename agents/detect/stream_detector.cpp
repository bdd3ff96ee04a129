#include "detect/stream_detector.h"

#include <algorithm>
#include <cmath>

namespace payops::detect {

namespace {
// Mean absolute error of a normal variable is sigma * sqrt(2 / pi); this turns it back into sigma.
constexpr double kMaeToSigma = 1.2533141373155003;

double upperTail(double z)
{
    return 0.5 * std::erfc(z / std::sqrt(2.0));
}
} // namespace

StreamDetector::StreamDetector(const DetectorParams& params) : m_p(params)
{
    m_p.shortWindow = std::clamp(m_p.shortWindow, 1, static_cast<int>(m_ring.size()));
    m_day.fill(NAN);
    m_week.fill(NAN);
}

int StreamDetector::phaseOf(double timeSeconds, double period, int bins) const
{
    double t = std::fmod(timeSeconds, period);
    if (t < 0)
        t += period;
    return std::min(bins - 1, static_cast<int>(t / period * bins));
}

DetectorReading StreamDetector::update(double timeSeconds, double value)
{
    DetectorReading r;
    if (!std::isfinite(value))
        return r;
    const int dayBin = phaseOf(timeSeconds, 86400.0, kDayBins);
    const int weekBin = phaseOf(timeSeconds, 7 * 86400.0, kWeekBins);
    if (m_rows == 0) {
        m_last = value;
        m_mean.fill(value);
        m_min = m_max = value;
        m_lastDayBin = dayBin;
        ++m_rows;
        return r;
    }
    const double range = m_max - m_min;
    const double floorError = 1e-3 * range + 1e-9 * std::abs(value) + 1e-12;

    // Score against every predictor before any of them learns from this row.
    std::array<double, PredictorCount> predicted{};
    predicted[Last] = m_last;
    predicted[FastMean] = m_mean[0];
    predicted[SlowMean] = m_mean[1];
    // A time slot not seen yet predicts the slow mean.
    const auto slot = [&](double v) { return std::isnan(v) ? m_mean[1] : v; };
    predicted[Daily] = slot(m_day[dayBin]);
    predicted[Weekly] = slot(m_week[weekBin]);
    predicted[DailyStep] = m_last + slot(m_day[dayBin]) - slot(m_day[m_lastDayBin]);

    // The predictor with the smallest recent error is the model of this stream; its error is the surprise.
    std::size_t best = 0;
    for (std::size_t i = 1; i < predicted.size(); ++i)
        if (m_mae[i] < m_mae[best])
            best = i;
    r.expected = predicted[best];
    r.typicalError = m_mae[best] * kMaeToSigma + floorError;
    const double bestZ = std::abs(value - r.expected) / r.typicalError;
    r.z = bestZ;

    // Short-window mean of the (capped) error, compared with its own long-run distribution.
    const double zc = std::min(bestZ, 50.0);
    const int pos = m_ringPos;
    m_ringSum += zc - m_ring[pos];
    m_ring[pos] = zc;
    m_ringPos = (pos + 1) % m_p.shortWindow;
    const double shortMean = m_ringSum / m_p.shortWindow;
    const bool warm = m_rows >= m_p.warmupRows;
    const double level = shortMean;
    double tail = 0.5;
    if (warm) {
        const double sd = std::sqrt(std::max(m_llVar, 1e-6));
        tail = upperTail((level - m_llMean) / sd);
    }
    double score = std::clamp(-std::log(std::max(tail, 1e-300)) / std::log(1e10), 0.0, 1.0);

    if (warm && range > 0) {
        const double margin = m_p.rangeTolerance * range;
        if (value > m_max + margin || value < m_min - margin) {
            r.spatial = true;
            score = std::max(score, 0.9);
        }
    }

    if (m_rows < m_quietUntil) {
        r.suppressed = true;
        score = std::min(score, 0.4);
    } else if (warm && score >= m_p.alarmLevel) {
        m_quietUntil = m_rows + m_p.refractoryRows;
    }
    r.score = score;

    // Learn from this row.
    const double lr = m_p.likelihoodRate;
    const double d = level - m_llMean;
    if (m_rows < 2LL * m_p.shortWindow) {
        m_llMean = level;
    } else {
        const double rate = std::max(lr, 1.0 / static_cast<double>(m_rows));
        m_llMean += rate * d;
        m_llVar = (1 - rate) * (m_llVar + rate * d * d);
    }
    for (std::size_t i = 0; i < predicted.size(); ++i) {
        const double e = std::abs(value - predicted[i]);
        const double rate = std::max(m_p.errorRate, 1.0 / static_cast<double>(m_rows));
        m_mae[i] += rate * (e - m_mae[i]);
    }
    const auto learn = [&](double& v) { v = std::isnan(v) ? value : v + m_p.seasonRate * (value - v); };
    learn(m_day[dayBin]);
    learn(m_week[weekBin]);
    m_last = value;
    m_lastDayBin = dayBin;
    for (std::size_t i = 0; i < m_mean.size(); ++i)
        m_mean[i] += m_p.meanRates[i] * (value - m_mean[i]);
    m_min = std::min(m_min, value);
    m_max = std::max(m_max, value);
    ++m_rows;
    return r;
}

} // namespace payops::detect
