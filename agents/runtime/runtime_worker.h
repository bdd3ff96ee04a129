#pragma once
// Runs an AgentSession on its own thread for the console: cycles paced at `speed` times simulated time (1x-1000x),
// pause, single step, restart on another scenario. The UI only ever receives immutable snapshots and a status
// value through queued signals; it never touches the runtime. Use RuntimeHost to own one.

#include "runtime/agent_session.h"

#include <QElapsedTimer>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <QTimer>
#include <memory>

namespace payops {

struct RuntimeStatus {
    bool open = false;
    bool running = false;
    double speed = 1;         // as asked
    double achievedSpeed = 0; // measured over the last seconds when cycles cannot keep up with `speed`; 0 when they do
    QString scenario;
    std::int64_t cycle = 0;
    TimeMs simulatedMs = 0; // simulated clock at the last cycle
    TimeMs cycleIntervalMs = 0;
    std::int64_t configVersion = 0;
    QString dbPath;
};

// The speed achieved over a measurement (simulated ms advanced in wall ms), or 0 when it is within a tenth of the
// speed asked: the status bar shows it only when this machine cannot keep up.
double achievedSpeedOrZero(TimeMs simulatedMs, qint64 wallMs, double asked);

struct RuntimeOpenOptions {
    QString dbPath;
    QString scenario = QStringLiteral("issuer_outage"); // built-in name; used for a new run
    std::uint64_t seed = 7;
    bool resumeIfPossible = true; // continue the database's run if it has one
    bool startRunning = true;
    double speed = 16;
};

class RuntimeWorker : public QObject {
    Q_OBJECT
public:
    explicit RuntimeWorker(QObject* parent = nullptr);
    ~RuntimeWorker() override;

    static constexpr double kMinSpeed = 1;
    static constexpr double kMaxSpeed = 1000;

public Q_SLOTS:
    void open(const payops::RuntimeOpenOptions& options);
    void setRunning(bool running);
    void stepOnce();
    void setSpeed(double speed);
    // A new run on the same database (its audit log and approvals stay).
    void restart(const QString& scenario, quint64 seed);
    void close();

Q_SIGNALS:
    // resumed: the database's previous run continues (its triage belongs to it).
    void opened(bool resumed);
    void snapshotReady(const payops::CycleSnapshotPtr& snapshot);
    void statusChanged(const payops::RuntimeStatus& status);
    // damaged: the database file is (Error::damaged), which no retry mends; busy: another process holds it
    // (Error::busy), which a retry mends once it lets go and a new run in the same file does not.
    void failed(const QString& message, bool damaged, bool busy);

private:
    void openSession(const SessionOptions& options);
    void runDueCycle();
    void scheduleNext();
    bool runOneCycle();
    void publishStatus();

    std::unique_ptr<AgentSession> m_session;
    QTimer* m_timer = nullptr;
    QElapsedTimer m_wall;
    TimeMs m_paceOriginSim = 0; // simulated time when pacing (re)started
    void restartPacing();       // cycles are due from now at the current speed
    // The achieved speed's measurement: wall time and simulated time since it began (at least two seconds a figure).
    QElapsedTimer m_rateWall;
    TimeMs m_rateOriginSim = 0;
    void restartRate();
    RuntimeStatus m_status;
    RuntimeOpenOptions m_options;
};

} // namespace payops

Q_DECLARE_METATYPE(payops::RuntimeStatus)
Q_DECLARE_METATYPE(payops::RuntimeOpenOptions)
