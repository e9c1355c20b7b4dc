#include "AlertWorkerThread.h"

#include "AlertWorker.h"

namespace osc::app {

AlertWorkerThread::AlertWorkerThread(AlertService &alerts, qint64 pollIntervalMs)
{
    webhook::AlertWorker::Options options;
    options.pollIntervalMs = pollIntervalMs;
    m_worker = std::make_unique<webhook::AlertWorker>(alerts, options);
    m_thread.setObjectName(QStringLiteral("alert-worker"));
    m_worker->moveToThread(&m_thread);
}

AlertWorkerThread::~AlertWorkerThread()
{
    if (m_thread.isRunning()) {
        // The worker's timer and network objects belong to its thread: stop them there.
        QMetaObject::invokeMethod(m_worker.get(), "stop", Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }
    m_worker.reset();
}

void AlertWorkerThread::start()
{
    m_thread.start();
    QMetaObject::invokeMethod(m_worker.get(), "start", Qt::QueuedConnection);
}

} // namespace osc::app
