#include "runtime_host.h"

namespace payops {

RuntimeHost::RuntimeHost(QObject* parent) : QObject(parent), m_worker(new RuntimeWorker)
{
    qRegisterMetaType<payops::CycleSnapshotPtr>();
    qRegisterMetaType<payops::RuntimeStatus>();
    qRegisterMetaType<payops::RuntimeOpenOptions>();
    m_thread.setObjectName(QStringLiteral("payops-runtime"));
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &RuntimeWorker::opened, this, &RuntimeHost::opened);
    connect(m_worker, &RuntimeWorker::snapshotReady, this, &RuntimeHost::snapshotReady);
    connect(m_worker, &RuntimeWorker::statusChanged, this, [this](const RuntimeStatus& status) {
        m_status = status;
        Q_EMIT statusChanged(status);
    });
    connect(m_worker, &RuntimeWorker::failed, this, &RuntimeHost::failed);
    m_thread.start();
}

RuntimeHost::~RuntimeHost()
{
    QMetaObject::invokeMethod(m_worker, &RuntimeWorker::close, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void RuntimeHost::open(const RuntimeOpenOptions& options)
{
    QMetaObject::invokeMethod(m_worker, [w = m_worker, options] { w->open(options); });
}

void RuntimeHost::setRunning(bool running)
{
    QMetaObject::invokeMethod(m_worker, [w = m_worker, running] { w->setRunning(running); });
}

void RuntimeHost::stepOnce()
{
    QMetaObject::invokeMethod(m_worker, &RuntimeWorker::stepOnce);
}

void RuntimeHost::setSpeed(double speed)
{
    QMetaObject::invokeMethod(m_worker, [w = m_worker, speed] { w->setSpeed(speed); });
}

void RuntimeHost::restart(const QString& scenario, quint64 seed)
{
    QMetaObject::invokeMethod(m_worker, [w = m_worker, scenario, seed] { w->restart(scenario, seed); });
}

} // namespace payops
