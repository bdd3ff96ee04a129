#include "runtime_worker.h"

#include "core/logging.h"
#include "stream/scenario_loader.h"

#include <algorithm>

namespace payops {

RuntimeWorker::RuntimeWorker(QObject* parent) : QObject(parent), m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    m_timer->setTimerType(Qt::PreciseTimer);
    connect(m_timer, &QTimer::timeout, this, &RuntimeWorker::runDueCycle);
}

RuntimeWorker::~RuntimeWorker() = default;

void RuntimeWorker::open(const RuntimeOpenOptions& options)
{
    m_options = options;
    m_status = {};
    m_status.dbPath = options.dbPath;
    m_status.speed = std::clamp(options.speed, kMinSpeed, kMaxSpeed);

    SessionOptions session;
    session.dbPath = options.dbPath.toStdString();
    session.seed = options.seed;
    session.configAuthor = "console";
    // A database with a checkpoint continues its run (the session decides, from the checkpoint it loads anyway);
    // otherwise a new run starts on the scenario. The scenario is checked either way: a wrong name is an error.
    session.resumeIfPresent = options.resumeIfPossible;
    session.newRun = true;
    session.leadIn = true; // the demo's scenario begins on an agent that has watched normal traffic
    auto scenario = builtinScenarioSource(options.scenario.toStdString());
    if (!scenario.ok()) {
        close(); // the views say which database is not running, and why
        Q_EMIT failed(QString::fromStdString(scenario.error()), false, false);
        return;
    }
    session.scenario = scenario.value();
    openSession(session);
}

void RuntimeWorker::openSession(const SessionOptions& options)
{
    m_timer->stop();
    m_session.reset(); // releases the runner lock before the new session takes it
    auto session = AgentSession::open(options);
    if (!session.ok()) {
        m_status.open = false;
        m_status.running = false;
        publishStatus();
        Q_EMIT failed(QString::fromStdString(session.error()), session.failure().damaged, session.failure().busy);
        return;
    }
    m_session = std::move(session.value());
    const AgentRuntime& rt = m_session->runtime();
    m_status.open = true;
    m_status.scenario = QString::fromStdString(rt.scenarioName());
    m_status.cycle = rt.cycle();
    m_status.simulatedMs = rt.nowMs();
    m_status.cycleIntervalMs = rt.config().policy.cycleIntervalMs;
    m_status.configVersion = rt.configVersion();
    const bool resumed = m_session->resumed();
    qCInfo(lcRuntime) << (resumed ? "resumed" : "started") << "console run on" << options.dbPath.c_str();
    publishStatus(); // the host's status is the opened run's when opened() reaches it (its cycle, its scenario)
    Q_EMIT opened(resumed);
    setRunning(m_options.startRunning);
}

void RuntimeWorker::setRunning(bool running)
{
    if (running && !m_session && !m_options.dbPath.isEmpty()) {
        // Run after a failure (another agent held the database, a commit failed, a scenario was refused): open the
        // database again, continuing its run if it has one, and run it. It fails again, with its reason, if nothing
        // has changed.
        RuntimeOpenOptions again = m_options;
        again.resumeIfPossible = true;
        again.startRunning = true;
        again.speed = m_status.speed;
        open(again);
        return;
    }
    m_status.running = running && m_session != nullptr;
    m_status.achievedSpeed = 0;
    if (m_status.running) {
        restartPacing();
        restartRate();
        scheduleNext();
    } else {
        m_timer->stop();
    }
    publishStatus();
}

void RuntimeWorker::setSpeed(double speed)
{
    m_status.speed = std::clamp(speed, kMinSpeed, kMaxSpeed);
    if (m_status.running && m_session) {
        // Pace from here at the new speed; the cycle in progress is not rushed or held back retroactively.
        restartPacing();
        m_status.achievedSpeed = 0;
        restartRate();
        scheduleNext();
    }
    publishStatus();
}

void RuntimeWorker::stepOnce()
{
    if (!m_session)
        return;
    if (m_status.running)
        setRunning(false);
    runOneCycle();
    publishStatus();
}

void RuntimeWorker::restart(const QString& scenario, quint64 seed)
{
    m_options.scenario = scenario;
    m_options.seed = seed;
    m_options.resumeIfPossible = false;
    m_options.startRunning = m_status.running || !m_session;
    m_options.speed = m_status.speed;
    open(m_options);
}

void RuntimeWorker::close()
{
    m_timer->stop();
    m_session.reset();
    m_status.open = false;
    m_status.running = false;
    publishStatus();
}

void RuntimeWorker::scheduleNext()
{
    if (!m_status.running || !m_session)
        return;
    const TimeMs due = m_session->runtime().nextCycleMs() - m_paceOriginSim; // simulated ms since pacing began
    const double wallDueMs = static_cast<double>(due) / m_status.speed;
    const qint64 wait = std::max<qint64>(0, static_cast<qint64>(wallDueMs) - m_wall.elapsed());
    m_timer->start(static_cast<int>(std::min<qint64>(wait, 60'000)));
}

double achievedSpeedOrZero(TimeMs simulatedMs, qint64 wallMs, double asked)
{
    if (wallMs <= 0)
        return 0;
    const double achieved = static_cast<double>(simulatedMs) / static_cast<double>(wallMs);
    return achieved < 0.9 * asked ? achieved : 0;
}

void RuntimeWorker::restartPacing()
{
    m_wall.restart();
    m_paceOriginSim = m_session->runtime().nowMs();
}

void RuntimeWorker::restartRate()
{
    m_rateWall.restart();
    m_rateOriginSim = m_session ? m_session->runtime().nowMs() : 0;
}

void RuntimeWorker::runDueCycle()
{
    if (!m_status.running || !m_session)
        return;
    const TimeMs due = m_session->runtime().nextCycleMs() - m_paceOriginSim;
    if (static_cast<double>(due) / m_status.speed > static_cast<double>(m_wall.elapsed()) + 1) {
        scheduleNext(); // woke early (the wait was capped)
        return;
    }
    if (!runOneCycle())
        return;
    // When cycles take longer than their wall budget (1000x on a slow disk), do not pile up a debt to catch up
    // on: restart pacing from now so the UI keeps getting a steady stream instead of a burst.
    const double lagMs = static_cast<double>(m_wall.elapsed()) -
                         static_cast<double>(m_session->runtime().nowMs() - m_paceOriginSim) / m_status.speed;
    if (lagMs > 250) {
        restartPacing();
    }
    // The speed shown must be the one achieved: at 1000x on a slow machine cycles take longer than their budget,
    // and the status bar said "1000x" while the run went at a fraction of it.
    if (const qint64 wallMs = m_rateWall.elapsed(); wallMs >= 2000) {
        m_status.achievedSpeed =
            achievedSpeedOrZero(m_session->runtime().nowMs() - m_rateOriginSim, wallMs, m_status.speed);
        restartRate();
    }
    publishStatus();
    scheduleNext();
}

bool RuntimeWorker::runOneCycle()
{
    auto snap = m_session->step();
    if (!snap.ok()) {
        // The session refuses further cycles after a failed commit (a hole in the audit log otherwise).
        close();
        Q_EMIT failed(QString::fromStdString(snap.error()), snap.failure().damaged, snap.failure().busy);
        return false;
    }
    const CycleSnapshotPtr& s = snap.value();
    m_status.cycle = s->cycle;
    m_status.simulatedMs = s->timeMs;
    m_status.configVersion = s->configVersion;
    Q_EMIT snapshotReady(s);
    return true;
}

void RuntimeWorker::publishStatus()
{
    Q_EMIT statusChanged(m_status);
}

} // namespace payops
