// The detector core's statistical properties: scores stay in range, quiet streams stay quiet, a level shift, a
// spike and a variance change are caught soon after they happen, a small shift by the second core on block means,
// an hourly job and its stop, one episode raises one alarm, the same input gives the same scores, and a restored
// detector continues exactly where the saved one was.
#include "detect/stream_detector.h"

#include <QTest>
#include <algorithm>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>
#include <vector>

using namespace payops::detect;

namespace {

constexpr double kStep = 300; // five-minute rows, as most NAB files

// Gaussian noise around a daily sine: the kind of series the seasonal predictors exist for.
std::vector<double> dailyNoise(int rows, unsigned seed, double noise = 1.0)
{
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> n(0.0, noise);
    std::vector<double> v(rows);
    for (int i = 0; i < rows; ++i)
        v[i] = 50 + 10 * std::sin(2 * M_PI * i * kStep / 86400.0) + n(rng);
    return v;
}

struct Run {
    std::vector<DetectorReading> readings;
    int firstAlarmAtOrAfter(int row) const
    {
        for (int i = row; i < static_cast<int>(readings.size()); ++i)
            if (readings[i].alarm)
                return i;
        return -1;
    }
    int alarmsBetween(int from, int to) const
    {
        int n = 0;
        for (int i = from; i < to; ++i)
            n += readings[i].alarm ? 1 : 0;
        return n;
    }
};

Run run(const std::vector<double>& values, StreamDetector& d)
{
    Run r;
    for (std::size_t i = 0; i < values.size(); ++i)
        r.readings.push_back(d.update(static_cast<double>(i) * kStep, values[i]));
    return r;
}

Run run(const std::vector<double>& values)
{
    StreamDetector d;
    return run(values, d);
}

} // namespace

class TestDetect : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void scoresAreInRangeWhateverTheInput()
    {
        std::vector<double> v = dailyNoise(3000, 1);
        v[500] = 1e12;
        v[900] = -1e12;
        for (int i = 1200; i < 1400; ++i)
            v[i] = 0; // flat
        v[1500] = 1e-300;
        const Run r = run(v);
        for (const auto& x : r.readings) {
            QVERIFY(x.score >= 0.0 && x.score <= 1.0);
            QVERIFY(std::isfinite(x.z));
        }
        StreamDetector d;
        QCOMPARE(d.update(0, NAN).score, 0.0); // ignored, not a crash or a NaN score
        QCOMPARE(d.rowsSeen(), std::int64_t(0));
    }

    void quietStreamsStayQuiet()
    {
        // Ten days of daily shape plus noise: after the first day, at most one alarm per 2000 rows.
        for (unsigned seed = 1; seed <= 3; ++seed) {
            const Run r = run(dailyNoise(2880, seed));
            QVERIFY2(r.alarmsBetween(288, 2880) <= 1, qPrintable(QString::number(r.alarmsBetween(288, 2880))));
        }
        const Run flat = run(std::vector<double>(2000, 7.0));
        QCOMPARE(flat.alarmsBetween(0, 2000), 0);
    }

    void aLevelShiftIsCaught()
    {
        std::vector<double> v = dailyNoise(2000, 4);
        for (int i = 1500; i < 2000; ++i)
            v[i] += 8; // eight noise sigmas
        const Run r = run(v);
        QVERIFY(r.alarmsBetween(600, 1500) <= 1); // the quiet rate, as quietStreamsStayQuiet
        const int at = r.firstAlarmAtOrAfter(1500);
        QVERIFY2(at >= 1500 && at <= 1502, qPrintable(QString::number(at)));
    }

    void aSpikeIsCaught()
    {
        std::vector<double> v = dailyNoise(2000, 5);
        v[1200] += 25;
        const Run r = run(v);
        QVERIFY(r.readings[1200].alarm);
        QVERIFY(r.alarmsBetween(600, 1200) <= 1);
    }

    void aVarianceChangeIsCaught()
    {
        std::vector<double> v = dailyNoise(2000, 6);
        const std::vector<double> wild = dailyNoise(2000, 7, 6.0);
        for (int i = 1400; i < 2000; ++i)
            v[i] = wild[i]; // same shape, six times the noise
        const Run r = run(v);
        QCOMPARE(r.alarmsBetween(600, 1400), 0);
        const int at = r.firstAlarmAtOrAfter(1400);
        QVERIFY2(at >= 1400 && at <= 1420, qPrintable(QString::number(at)));
    }

    // A far larger event than the one that opened a refractory period alarms through it: a new extreme of ordinary
    // noise once hid a spike of 20 standard deviations 140 rows later.
    void aFarLargerEventAlarmsThroughTheQuietPeriod()
    {
        std::vector<double> v = dailyNoise(2000, 9);
        const double low = *std::min_element(v.begin(), v.begin() + 1400);
        v[1400] = low - 2; // a new minimum, just beyond the range: a spatial alarm
        v[1450] += 40;     // beyond the range by more than the range itself
        const Run r = run(v);
        QVERIFY(r.readings[1400].alarm);
        QVERIFY(r.readings[1450].alarm);
        QCOMPARE(r.alarmsBetween(1401, 1450), 0);

        // A runaway value (each row three times the last) is one event: one alarm through the quiet period.
        std::vector<double> runaway = dailyNoise(2000, 9);
        runaway[1400] = low - 2;
        for (int i = 1450; i < 1460; ++i)
            runaway[i] = 100 * std::pow(3.0, i - 1450);
        const Run rr = run(runaway);
        QVERIFY(rr.readings[1450].alarm);
        QCOMPARE(rr.alarmsBetween(1401, 1500), 1);
    }

    void oneEpisodeRaisesOneAlarm()
    {
        std::vector<double> v = dailyNoise(2000, 8);
        for (int i = 1500; i < 1560; ++i)
            v[i] += 30 * ((i / 3) % 2); // an incident that flaps for an hour
        const Run r = run(v);
        QCOMPARE(r.alarmsBetween(1500, 1500 + 100), 1);
        QVERIFY(r.readings[1504].suppressed || r.readings[1504].score < 0.5);
    }

    void recurringSpikesOfOneSizeStopAlarming()
    {
        // A spike of the same size every 400 rows (not a daily slot, so no seasonal predictor learns it). The
        // stream's own tail of extreme errors makes the spike ordinary after a few; without the tail model each
        // one alarms as the first did.
        std::vector<double> v = dailyNoise(12000, 12);
        for (int i = 1000; i < 12000; i += 400)
            v[i] += 25;
        const Run withTail = run(v);
        DetectorParams gaussian;
        gaussian.tailThreshold = 0;
        StreamDetector plain(gaussian);
        const Run without = run(v, plain);
        QVERIFY(withTail.readings[1000].alarm); // the first one is news either way
        QVERIFY(without.readings[1000].alarm);
        int lateWith = 0, lateWithout = 0;
        for (int i = 8200; i < 12000; i += 400) { // ten spikes
            lateWith += withTail.readings[i].alarm ? 1 : 0;
            lateWithout += without.readings[i].alarm ? 1 : 0;
        }
        QVERIFY2(lateWithout >= 8, qPrintable(QString::number(lateWithout)));
        QVERIFY2(lateWith <= 1, qPrintable(QString::number(lateWith)));
    }

    // A job that runs at the same minute of every hour (a 12-sigma spike) becomes expected, and when it stops, its
    // first missing run alarms. The daily profile learns the job too, one day per slot and at a higher rate, so it
    // expects it less surely: without the hourly profile fewer streams notice the stop at once.
    void anHourlyJobThatStopsIsNoticed()
    {
        constexpr int stopRow = 2000, firstMissing = 2004; // the job runs at rows 0, 12, 24, ..., 1992
        const auto noticed = [&](double hourRate, int& alarmsWhileRunning) {
            int streams = 0;
            alarmsWhileRunning = 0;
            for (unsigned seed = 1; seed <= 20; ++seed) {
                std::mt19937_64 rng(seed);
                std::normal_distribution<double> n(0.0, 1.0);
                DetectorParams p;
                p.hourRate = hourRate;
                StreamDetector d(p);
                for (int i = 0; i <= firstMissing; ++i) {
                    const double value = 50 + n(rng) + (i % 12 == 0 && i < stopRow ? 12.0 : 0.0);
                    const DetectorReading r = d.update(i * kStep, value);
                    if (i >= 1000 && i < stopRow && r.alarm && !r.spatial)
                        ++alarmsWhileRunning;
                    if (i == firstMissing && r.alarm)
                        ++streams;
                }
            }
            return streams;
        };
        int runningWith = 0, runningWithout = 0;
        const int with = noticed(DetectorParams{}.hourRate, runningWith);
        const int without = noticed(0.0, runningWithout);
        QVERIFY2(with >= 17, qPrintable(QString::number(with)));
        QVERIFY2(without <= with - 4, qPrintable(QStringLiteral("%1 %2").arg(without).arg(with)));
        QVERIFY2(runningWith <= 2, qPrintable(QString::number(runningWith))); // the runs themselves are ordinary
    }

    // A sensor or exporter that stops updating repeats its last reading. Every row is then predicted perfectly, so
    // no prediction error can show it (without runs of repeats nothing alarmed for 400 rows); the run is judged by
    // how unlikely so many repeats are in a stream whose values had never repeated. It alarms once, however long.
    void aStuckValueIsCaught()
    {
        std::vector<double> v = dailyNoise(2400, 20);
        for (int i = 1500; i < 1900; ++i)
            v[i] = v[1499];
        const Run r = run(v);
        QVERIFY(r.alarmsBetween(600, 1500) <= 1); // the quiet rate, as quietStreamsStayQuiet
        const int at = r.firstAlarmAtOrAfter(1500);
        QVERIFY2(at >= 1500 && at <= 1503 && r.readings[at].stuck, qPrintable(QString::number(at)));
        QCOMPARE(r.alarmsBetween(1500, 1900), 1);
        DetectorParams off;
        off.runNovelty = 0;
        StreamDetector plain(off);
        QCOMPARE(run(v, plain).alarmsBetween(1500, 1900), 0);

        // A sensor that spikes, then sticks: the run reaches the alarm level inside the spike's quiet period, and
        // alarms once that is over (it was taken as alarmed, and never said).
        v[1450] += 25;
        const Run spiked = run(v);
        QVERIFY(spiked.readings[1450].alarm);
        const int after = spiked.firstAlarmAtOrAfter(1500);
        const int quietEnds = 1450 + 1 + DetectorParams{}.refractoryRows;
        QVERIFY2(after == quietEnds && spiked.readings[after].stuck, qPrintable(QString::number(after)));
        QCOMPARE(spiked.alarmsBetween(1500, 1900), 1);
    }

    // What is not stuck: values that repeat as a matter of course (a coarse unit, repeats every few rows), and a
    // metric resting at its floor (a request count at 0) for hours every night and for a whole weekend, which such
    // streams do: the weekend is a run of repeats far longer than any night's.
    void ordinaryRepeatsAreNotStuck()
    {
        for (unsigned seed = 1; seed <= 3; ++seed) {
            std::vector<double> coarse = dailyNoise(2880, seed), idle = dailyNoise(2880, seed + 10);
            for (double& x : coarse)
                x = std::round(x / 2); // units of twice the noise's spread: about half the rows repeat the one before
            for (int i = 0; i < 2880; ++i)
                idle[i] = i >= 2000 && i < 2600 ? 0.0 : std::max(0.0, idle[i] - 55); // zero two thirds of a day
            for (const auto& v : {coarse, idle}) {
                const Run r = run(v);
                for (int i = 0; i < 2880; ++i)
                    QVERIFY2(!r.readings[i].stuck || r.readings[i].score < 0.5,
                             qPrintable(QStringLiteral("seed %1, row %2").arg(seed).arg(i)));
            }
        }
    }

    // A shift too small to stand out among single rows (0.8 of the noise) shows in the means of blocks of rows: the
    // second core finds it within three blocks, the first alone two blocks later. On the quiet part the second core
    // adds no alarm (both alarm where the noise sets a new record, spatial novelty).
    void aSmallShiftIsCaughtByTheMeansOfBlocks()
    {
        std::mt19937_64 rng(23);
        std::normal_distribution<double> n(0.0, 1.0);
        std::vector<double> v(4000);
        for (int i = 0; i < 4000; ++i)
            v[i] = 50 + n(rng) + (i >= 3000 ? 0.8 : 0.0);
        const int block = DetectorParams{}.coarseRows;
        DetectorParams fineOnly;
        fineOnly.coarseRows = 0;
        StreamDetector fine(fineOnly);
        const Run both = run(v), single = run(v, fine);
        for (int i = 0; i < 3000; ++i)
            QCOMPARE(both.readings[i].alarm, single.readings[i].alarm);
        const int at = both.firstAlarmAtOrAfter(3000), fineAt = single.firstAlarmAtOrAfter(3000);
        QVERIFY2(at >= 3000 && at < 3000 + 3 * block && !both.readings[at].spatial, qPrintable(QString::number(at)));
        QVERIFY2(fineAt > at + 2 * block, qPrintable(QString::number(fineAt)));
        QCOMPARE(both.alarmsBetween(at + 1, 4000), 0); // one alarm for the shift
    }

    void aStateSavedByAnEarlierVersionStillRestores()
    {
        StreamDetector d;
        (void)run(dailyNoise(400, 13), d);
        nlohmann::json s = d.saveState();
        s.erase("tail_rate");
        s.erase("tail_excess");
        s.erase("tail_row");
        // Nor the second core.
        for (const char* key : {"coarse", "block_sum", "block_rows"})
            s.erase(key);
        // Nor the hourly profile, the last of the seven predictors.
        s.erase("hour");
        s["mae"].erase(6);
        // Nor runs of repeats.
        for (const char* key :
             {"prev_value", "run", "longest_run", "repeat_rate", "repeat_rows", "run_rate", "run_alarmed"})
            s.erase(key);
        StreamDetector restored;
        QVERIFY(restored.restoreState(s));
        // Its slots start unseen, where it predicts the slow mean, with the slow mean's typical error: a typical
        // error of 0 would make it the stream's model and every row a surprise.
        const nlohmann::json after = restored.saveState();
        for (const auto& slot : after.at("hour"))
            QVERIFY(slot.is_null());
        QCOMPARE(after.at("mae")[6].get<double>(), after.at("mae")[2].get<double>());
        // A short mae list is refused where the hourly profile's slots are saved.
        nlohmann::json mixed = d.saveState();
        mixed["mae"].erase(6);
        QVERIFY(!StreamDetector().restoreState(mixed));

        // With the profile off, such a state continues exactly as the detector that saved it.
        DetectorParams off;
        off.hourRate = 0;
        StreamDetector original(off), resumed(off);
        const std::vector<double> v = dailyNoise(2000, 16);
        for (int i = 0; i < 1000; ++i)
            (void)original.update(i * kStep, v[i]);
        nlohmann::json old = original.saveState();
        old.erase("hour");
        old["mae"].erase(6);
        QVERIFY(resumed.restoreState(old));
        for (int i = 1000; i < 2000; ++i) {
            const DetectorReading x = original.update(i * kStep, v[i]), y = resumed.update(i * kStep, v[i]);
            QCOMPARE(y.score, x.score);
            QCOMPARE(y.z, x.z);
        }

        // Such a state learns its rate of repeats afresh: read as one learned over all its rows, a coarse stream's
        // rate of 0 said "never repeats", and its ordinary runs alarmed as stuck.
        std::vector<double> coarse = dailyNoise(3000, 17);
        for (double& x : coarse)
            x = std::round(x / 2);
        StreamDetector before;
        for (int i = 0; i < 1000; ++i)
            (void)before.update(i * kStep, coarse[i]);
        nlohmann::json noRuns = before.saveState();
        for (const char* key :
             {"prev_value", "run", "longest_run", "repeat_rate", "repeat_rows", "run_rate", "run_alarmed"})
            noRuns.erase(key);
        StreamDetector later;
        QVERIFY(later.restoreState(noRuns));
        for (int i = 1000; i < 3000; ++i) {
            const DetectorReading x = later.update(i * kStep, coarse[i]);
            QVERIFY2(!x.stuck || x.score < 0.5, qPrintable(QString::number(i)));
        }
    }

    // Nothing in the detector has a unit: the same stream in picofarads or in farads (1e-12 apart), or multiplied
    // by a trillion, alarms on the same rows.
    void theUnitDoesNotMatter()
    {
        std::vector<double> v = dailyNoise(3000, 19);
        v[1800] += 25;
        for (int i = 2400; i < 3000; ++i)
            v[i] += 6;
        const Run base = run(v);
        QVERIFY(base.readings[1800].alarm);
        QVERIFY(base.firstAlarmAtOrAfter(2400) >= 2400 && base.firstAlarmAtOrAfter(2400) < 2410);
        for (double unit : {1e-15, 1e-12, 1e12}) {
            std::vector<double> scaled = v;
            for (double& x : scaled)
                x *= unit;
            const Run r = run(scaled);
            for (std::size_t i = 0; i < v.size(); ++i) {
                QCOMPARE(r.readings[i].alarm, base.readings[i].alarm);
                QVERIFY2(std::abs(r.readings[i].score - base.readings[i].score) < 1e-6,
                         qPrintable(QStringLiteral("row %1, unit %2").arg(i).arg(unit)));
            }
        }
    }

    void theSameInputGivesTheSameScores()
    {
        const std::vector<double> v = dailyNoise(3000, 9);
        const Run a = run(v), b = run(v);
        for (std::size_t i = 0; i < v.size(); ++i)
            QCOMPARE(a.readings[i].score, b.readings[i].score);
    }

    void aRestoredDetectorContinuesExactly()
    {
        std::vector<double> v = dailyNoise(3000, 10);
        // Saved a row into a plateau, in the middle of a block of the second core.
        for (int i = 1699; i < 1800; ++i)
            v[i] += 40;
        for (int i = 1690; i < 1720; ++i) // and in a run of repeats (a stuck value)
            v[i] = v[1689] + 40;
        v[2500] += 40;
        for (bool seasonal : {true, false}) {
            DetectorParams p;
            p.seasonal = seasonal;
            StreamDetector whole(p), first(p);
            std::vector<double> head(v.begin(), v.begin() + 1700);
            (void)run(head, first);
            for (int i = 0; i < 1700; ++i)
                (void)whole.update(i * kStep, v[i]);
            // Through text, as a checkpoint is stored.
            const nlohmann::json saved = nlohmann::json::parse(first.saveState().dump());
            StreamDetector restored(p);
            QVERIFY(restored.restoreState(saved));
            for (int i = 1700; i < 3000; ++i) {
                const auto x = whole.update(i * kStep, v[i]);
                const auto y = restored.update(i * kStep, v[i]);
                QCOMPARE(y.score, x.score);
                QCOMPARE(y.alarm, x.alarm);
            }
        }
    }

    // Whatever the row count, a state restores as saved: before the first row, after it (which starts no block of the
    // second core), at a block's end and just after it.
    void aStateRestoresAtAnyRow()
    {
        for (int rows : {0, 1, 2, 24, 25, 26, 400}) {
            StreamDetector d;
            (void)run(dailyNoise(rows, 14), d);
            const nlohmann::json saved = nlohmann::json::parse(d.saveState().dump());
            StreamDetector restored;
            QVERIFY2(restored.restoreState(saved), qPrintable(QString::number(rows)));
            QVERIFY(restored.saveState() == saved);
        }
        // The second core cannot have seen more rows than the first fed it, and blocks of another size do not fit.
        StreamDetector d;
        (void)run(dailyNoise(25, 15), d); // 24 rows fed: one block, none in progress
        nlohmann::json s = d.saveState();
        QVERIFY(StreamDetector().restoreState(s));
        s["block_rows"] = 23;
        QVERIFY(!StreamDetector().restoreState(s));
        DetectorParams other;
        other.coarseRows = 12;
        QVERIFY(!StreamDetector(other).restoreState(d.saveState()));
        DetectorParams none;
        none.coarseRows = 0;
        QVERIFY(!StreamDetector(none).restoreState(d.saveState()));
    }

    void damagedStateIsRefusedAndChangesNothing()
    {
        StreamDetector d;
        (void)run(dailyNoise(400, 11), d);
        nlohmann::json s = d.saveState();
        const nlohmann::json before = s;
        s["ring_pos"] = 99;
        QVERIFY(!d.restoreState(s));
        s = before;
        s["day"] = nlohmann::json::array({1, 2, 3});
        QVERIFY(!d.restoreState(s));
        s = before;
        s["hour"] = nlohmann::json::array({1, 2, 3}); // 12 slots
        QVERIFY(!d.restoreState(s));
        s["hour"] = "12 slots";
        QVERIFY(!d.restoreState(s));
        QVERIFY(!d.restoreState(nlohmann::json::object()));
        // Each would poison or silence every later score: NaN in the error ring, a negative typical error, a
        // refractory period without end, a tail rate above one, a range upside down.
        const std::vector<std::pair<std::string, nlohmann::json>> damage = {
            {"ring",
             [&] {
                 auto r = before["ring"];
                 r[0] = nullptr;
                 return r;
             }()},
            {"mae",
             [&] {
                 auto m = before["mae"];
                 m[0] = -1;
                 return m;
             }()},
            {"quiet_until", 1e18},
            {"block_rows", 24},
            {"block_sum", INFINITY},
            {"rows", 1e300},
            {"rows", -1},
            {"rows", std::numeric_limits<std::int64_t>::max()},
            {"tail_row", -5},
            {"coarse",
             [&] {
                 auto c = before["coarse"];
                 c["rows"] = 1000; // > 399 rows / 24
                 return c;
             }()},
            {"coarse",
             [&] {
                 auto c = before["coarse"];
                 c["rows"] = std::int64_t{1} << 62; // times 24 would overflow
                 return c;
             }()},
            {"tail_rate", 2.0},
            {"min", before["max"].get<double>() + 1},
            {"repeat_rate", 1.5},
            {"run", 400}, // as many repeats as rows
            {"longest_run", -1},
            {"prev_value", nullptr},
            {"repeat_rows", 400},  // as many as the rows: the first row repeats nothing
            {"run_alarmed", true}, // with no run going on: the next run would never be judged
            {"err_var", -1.0}};
        for (const auto& [key, value] : damage) {
            s = before;
            s[key] = value;
            QVERIFY2(!d.restoreState(s), key.c_str());
        }
        QVERIFY(d.saveState() == before);
    }

    // A single absurd value (a unit mix-up, a counter reset) widens the range for good; it must not flatten what
    // follows. With an error floor of a thousandth of the range (1e6 here), a +5 jump long after the glitch had z
    // 0.005 (and every score was squeezed below 0.05); with the floor from the typical error, its z is that of a
    // 5 in a stream whose noise is 0.1.
    void oneAbsurdValueDoesNotFlattenTheStream()
    {
        StreamDetector d;
        std::mt19937 rng(5);
        std::normal_distribution<double> noise(0.0, 0.1);
        double jumpZ = 0;
        for (int i = 0; i < 6000; ++i) {
            double v = std::sin(i / 20.0) + noise(rng);
            if (i == 200)
                v = 1e6;
            if (i >= 5000 && i < 5020)
                v += 5;
            const DetectorReading r = d.update(300.0 * i, v);
            if (i == 5000)
                jumpZ = r.z;
        }
        QVERIFY2(jumpZ > 10, qPrintable(QString::number(jumpZ)));
    }

    // One row learns no more than a few ranges' worth: a counter's 1e300 (or 2^64 - 1) taught every predictor and
    // error scale its size, and a 30-sigma spike 1500 rows later, or anything after, scored about 0.03. The spike
    // here (20 sigmas) stays inside the range the glitch widened, so it is caught by its error, not as a new extreme.
    void oneAbsurdValueDoesNotBlindTheDetector()
    {
        for (const double glitch : {1e300, 18446744073709551615.0, -1e9}) {
            StreamDetector d;
            std::mt19937 rng(7);
            std::normal_distribution<double> noise(0.0, 0.1);
            DetectorReading spike;
            for (int i = 0; i < 2600; ++i) {
                double v = 10 + noise(rng);
                if (i == 1000)
                    v = glitch;
                if (i == 2500)
                    v = glitch > 0 ? 12 : 8;
                const DetectorReading r = d.update(300.0 * i, v);
                if (i == 2500)
                    spike = r;
            }
            QVERIFY2(spike.alarm && !spike.spatial,
                     qPrintable(QStringLiteral("glitch %1: spike scored %2 (z %3%4)")
                                    .arg(glitch)
                                    .arg(spike.score)
                                    .arg(spike.z)
                                    .arg(spike.spatial ? QStringLiteral(", spatial") : QString())));
        }
        // A stream flat so far has no range to bound by: its values' size does.
        StreamDetector flat;
        DetectorReading jump;
        for (int i = 0; i < 2600; ++i) {
            const DetectorReading r = flat.update(300.0 * i, i == 1000 ? 1e300 : i >= 2500 ? 50.0 : 5.0);
            if (i == 2500)
                jump = r;
        }
        QVERIFY2(jump.alarm, qPrintable(QString::number(jump.score)));
    }

    // Values near the largest double would make differences infinite, and NaN would then stay in every average.
    void hugeValuesAndBadTimesAreIgnored()
    {
        StreamDetector d;
        for (int i = 0; i < 300; ++i)
            (void)d.update(300.0 * i, 10 + i % 3);
        const nlohmann::json before = d.saveState();
        QCOMPARE(d.update(300.0 * 300, 1.7e308).score, 0.0);
        QCOMPARE(d.update(300.0 * 301, -1.7e308).score, 0.0);
        QCOMPARE(d.update(NAN, 10).score, 0.0);
        QVERIFY(d.saveState() == before);
        const DetectorReading r = d.update(300.0 * 302, 11);
        QVERIFY(std::isfinite(r.score) && std::isfinite(r.z));
    }

    void parametersAreValidated()
    {
        QVERIFY(validate(DetectorParams{}).empty());
        DetectorParams p;
        p.shortWindow = 0;
        QVERIFY(!validate(p).empty());
        p = {};
        p.likelihoodRate = 0;
        QVERIFY(!validate(p).empty());
        p = {};
        p.alarmLevel = 1.5;
        QVERIFY(!validate(p).empty());
        p = {};
        p.tailThreshold = -1;
        QVERIFY(!validate(p).empty());
        p = {};
        p.tailRate = 0;
        QVERIFY(!validate(p).empty());
        for (int rows : {-1, 10001}) {
            p = {};
            p.coarseRows = rows;
            QVERIFY(!validate(p).empty());
        }
        for (double rate : {-0.1, 1.5, double(NAN)}) {
            p = {};
            p.hourRate = rate;
            QVERIFY(!validate(p).empty());
        }
        p = {};
        p.hourRate = 0; // off
        QVERIFY(validate(p).empty());
    }
};

QTEST_GUILESS_MAIN(TestDetect)
#include "test_detect.moc"
