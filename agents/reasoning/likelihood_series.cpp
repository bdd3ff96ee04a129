#include "reasoning/likelihood_series.h"

#include "reasoning/binomial.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

namespace payops {

namespace {
// An alarm can come a cycle or two before the value is far enough out to matter (a slide, or the cycle that
// straddles the onset), so it arms the series for this many rows.
constexpr int kArmRows = 6;

// How much further the binomial tail of a row's failures reaches than a Gaussian at the same distance from the
// usual share 1 - `center` (1 when the row is not a share; 0 when its binomial tail says it is not beyond its usual
// share at all). The core's typical error also holds the paths' drift, which is not binomial; only the shape of
// the tail is taken from the binomial, so a spread is never narrowed by it.
double binomialStretch(double center, const RowSampling& s)
{
    if (s.tx == 0)
        return 1.0;
    const double usual = std::clamp(1.0 - center, 1e-4, 1.0 - 1e-4); // usual failure share
    const double gaussian = (s.failures - s.tx * usual) / std::sqrt(s.tx * usual * (1.0 - usual));
    if (!(gaussian > 0))
        return 1.0;
    // A deviate of 0 (a count above the mean whose mid-p tail is still half or more, as with few transactions and a
    // usual share near one half) says the row is not beyond its usual share at all: 0, for the caller. An infinite
    // one (a tail below the smallest double) says nothing about the tail's shape.
    const double binomial = binomialUpperDeviate(s.failures, s.tx, usual);
    if (!(binomial > 0))
        return 0.0;
    if (!std::isfinite(binomial))
        return 1.0;
    return std::max(1.0, gaussian / binomial);
}
} // namespace

const MetricEpisode& MetricLikelihood::update(double timeSeconds, double value, double holdSigmas, double referenceRate,
                                              const RowSampling& sampling)
{
    const detect::DetectorReading r = m_core.update(timeSeconds, value);
    const double sign = m_direction == Direction::Down ? -1.0 : 1.0;
    // Both directions go through the core; only the harmful one opens an episode (a recovery is not an incident).
    const bool harmful = sign * (value - r.expected) > 0;
    m_episode.score = harmful ? r.score : 0.0;
    m_episode.expected = r.expected;
    m_episode.value = value;
    double spread = r.typicalError * sampling.widen;
    m_episode.z = spread > 0 ? sign * (value - r.expected) / spread : 0.0;
    m_episode.typical = r.typicalError;
    // The core's refractory period is for one-alarm-per-episode CSV output; here the episode itself is the
    // deduplication, so any row at or above the level arms.
    if (harmful && (r.alarm || r.suppressed))
        m_armed = kArmRows;
    if (!m_episode.open) {
        // The binomial's shape can only lower z, so its tail (two sums over the row's failures) is computed only
        // for a row that would otherwise open an episode: a few a day, not every dimension every cycle.
        if (m_armed > 0 && spread > 0 && m_episode.z >= holdSigmas) {
            const double stretch = binomialStretch(r.expected, sampling);
            if (stretch > 0) {
                spread *= stretch;
                m_episode.z = sign * (value - r.expected) / spread;
            } else {
                m_episode.z = 0; // within the binomial's own spread
            }
        }
        m_episode.held = false;
        if (m_armed > 0 && r.typicalError > 0 && m_episode.z >= holdSigmas) {
            m_episode.open = true;
            m_episode.openingScore = m_episode.score;
            m_episode.reference = r.expected;
            m_episode.sigma = r.typicalError;
        }
        m_episode.judged = m_episode.reference;
        m_episode.spread = spread;
        m_episode.centre = r.expected;
    } else {
        // Held at the episode's own typical error, not the row's spread: a small row is noisy evidence either way,
        // and must not clear a flag (and raise it again a cycle later) that it could not have raised.
        m_episode.judged = m_episode.reference;
        m_episode.spread = m_episode.sigma;
        m_episode.centre = m_episode.reference;
        const double outside = sign * (value - m_episode.reference) / m_episode.spread;
        m_episode.held = outside >= holdSigmas;
        if (outside < holdSigmas)
            m_episode.open = false;
        else
            m_episode.reference += referenceRate * (value - m_episode.reference);
    }
    if (m_armed > 0)
        --m_armed;
    return m_episode;
}

nlohmann::json MetricLikelihood::saveState() const
{
    return {{"core", m_core.saveState()},
            {"open", m_episode.open},
            {"reference", m_episode.reference},
            {"sigma", m_episode.sigma},
            {"score", m_episode.score},
            {"expected", m_episode.expected},
            {"z", m_episode.z},
            {"value", m_episode.value},
            {"armed", m_armed},
            {"judged", m_episode.judged},
            {"typical", m_episode.typical},
            {"spread", m_episode.spread},
            {"opening_score",
             std::isnan(m_episode.openingScore) ? nlohmann::json(nullptr) : nlohmann::json(m_episode.openingScore)}};
}

bool MetricLikelihood::restoreState(const nlohmann::json& j)
{
    try {
        MetricEpisode e;
        e.open = j.at("open").get<bool>();
        e.reference = j.at("reference").get<double>();
        e.sigma = j.at("sigma").get<double>();
        e.score = j.at("score").get<double>();
        e.expected = j.at("expected").get<double>();
        e.z = j.at("z").get<double>();
        e.value = j.at("value").get<double>();
        e.judged = j.contains("judged") ? j.at("judged").get<double>() : e.reference; // older checkpoints
        e.typical = j.value("typical", 0.0);
        // Older checkpoints judged an open episode's rows at its sigma and the others at the typical error.
        e.spread = j.value("spread", e.open ? e.sigma : e.typical);
        // Checkpoints saved before the opening score was kept do not know it (NaN: the evidence then says the held
        // row's own likelihood, as it did).
        e.openingScore = j.contains("opening_score") && j.at("opening_score").is_number()
                             ? j.at("opening_score").get<double>()
                             : std::numeric_limits<double>::quiet_NaN();
        e.held = e.open;
        if (e.open && !(e.sigma > 0))
            return false;
        if (!std::isfinite(e.reference) || !std::isfinite(e.sigma) || !std::isfinite(e.score) ||
            !std::isfinite(e.expected) || !std::isfinite(e.z) || !std::isfinite(e.value) || !std::isfinite(e.judged) ||
            !(e.typical >= 0) || !std::isfinite(e.typical) || !(e.spread >= 0) || !std::isfinite(e.spread) ||
            !std::isfinite(e.openingScore))
            return false;
        // A larger count would keep the series armed for good: any 4-sigma row would open an episode unannounced.
        const int armed = j.at("armed").get<int>();
        if (armed < 0 || armed > kArmRows)
            return false;
        if (!m_core.restoreState(j.at("core")))
            return false;
        m_episode = e;
        m_armed = armed;
        return true;
    } catch (const nlohmann::json::exception&) {
        return false;
    }
}

} // namespace payops
