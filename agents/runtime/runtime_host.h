#pragma once
// Owns the runtime's worker thread on the GUI side: calls are queued to the worker, results come back as queued
// signals carrying immutable values. Destroying the host stops the worker and joins the thread, so the runner
// lock and the database are released before the process exits.

#include "runtime/runtime_worker.h"

#include <QObject>
#include <QThread>

namespace payops {

class RuntimeHost : public QObject {
    Q_OBJECT
public:
    explicit RuntimeHost(QObject* parent = nullptr);
    ~RuntimeHost() override;

    void open(const RuntimeOpenOptions& options);
    void setRunning(bool running);
    void stepOnce();
    void setSpeed(double speed);
    void restart(const QString& scenario, quint64 seed);

    const RuntimeStatus& status() const { return m_status; }

Q_SIGNALS:
    void opened(bool resumed);
    void snapshotReady(const payops::CycleSnapshotPtr& snapshot);
    void statusChanged(const payops::RuntimeStatus& status);
    // damaged: the database file is (Error::damaged), which no retry mends; busy: another process holds it
    // (Error::busy), which a retry mends once it lets go and a new run in the same file does not.
    void failed(const QString& message, bool damaged, bool busy);

private:
    QThread m_thread;
    RuntimeWorker* m_worker = nullptr; // lives in m_thread, deleted when it finishes
    RuntimeStatus m_status;
};

} // namespace payops
