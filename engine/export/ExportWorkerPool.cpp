#include "ExportWorkerPool.h"

#include "core/PrivateFiles.h"
#include "export/ExportJobs.h"
#include "query/EventQuery.h"
#include "query/UsageQuery.h"
#include "store/ExportJobQueue.h"

#include <QDebug>
#include <QElapsedTimer>

#include <pthread.h>

namespace osc {

ExportWorkerPool::ExportWorkerPool(
    ExportServices services, int workers, qint64 pollIntervalMs, ExportWorker::Options options)
    : m_services(services)
    , m_workers(std::max(0, workers))
    , m_pollIntervalMs(std::max<qint64>(1, pollIntervalMs))
    , m_options(std::move(options))
{ }

ExportWorkerPool::~ExportWorkerPool()
{
    stop();
}

void ExportWorkerPool::start()
{
    if (!m_threads.empty())
        return;
    // Exports written by earlier versions were readable by every local user.
    privatefiles::restrictTree(m_services.jobs.settings().storageDir);
    m_stop.store(false);
    for (int i = 0; i < m_workers; ++i) {
        m_threads.emplace_back([this, i] { loop(i); });
        pthread_setname_np(m_threads.back().native_handle(), "export-worker");
    }
}

void ExportWorkerPool::stop()
{
    m_stop.store(true);
    m_services.jobs.notifyWork();
    for (std::thread &thread : m_threads)
        thread.join();
    m_threads.clear();
}

void ExportWorkerPool::loop(int index)
{
    ExportWorker worker(m_services, m_options);
    QElapsedTimer sinceSweep;
    while (!m_stop.load()) {
        const quint64 generation = m_services.jobs.workGeneration();
        auto ran = worker.runOnce(&m_stop);
        if (!ran)
            qWarning().noquote() << "export worker: cannot claim a job:" << ran.error().message;
        if (ran && ran.value())
            continue; // drain the queue before waiting
        if (index == 0 && (!sinceSweep.isValid() || sinceSweep.elapsed() >= kRetentionSweepIntervalMs)) {
            sinceSweep.start();
            if (auto swept = m_services.jobs.deleteExpiredArtifacts(); !swept)
                qWarning().noquote() << "export worker: artifact retention failed:" << swept.error().message;
        }
        m_services.jobs.waitForWork(generation, m_pollIntervalMs);
    }
}

} // namespace osc
