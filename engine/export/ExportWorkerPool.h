#pragma once

#include "export/ExportWorker.h"

#include <atomic>
#include <thread>
#include <vector>

namespace osc {

// Threads running the export worker loop: claim and run jobs until none is claimable, then wait for
// a wake-up from this process (a job queued or retried) or the poll interval (jobs queued by another
// process, leases that expired). Between polls the first thread also applies the artifact retention.
// Used in-process by the server and, alone, by `open-spanner-console --export-worker`.
class ExportWorkerPool
{
public:
    // How often the artifact retention runs at most.
    static constexpr qint64 kRetentionSweepIntervalMs = 60'000;

    ExportWorkerPool(
        ExportServices services, int workers, qint64 pollIntervalMs, ExportWorker::Options options = {});
    // Stops the threads; a job in progress goes back to the queue.
    ~ExportWorkerPool();
    ExportWorkerPool(const ExportWorkerPool &) = delete;
    ExportWorkerPool &operator=(const ExportWorkerPool &) = delete;

    void start();
    void stop();
    int workerCount() const { return m_workers; }

private:
    void loop(int index);

    ExportServices m_services;
    int m_workers;
    qint64 m_pollIntervalMs;
    ExportWorker::Options m_options;
    std::atomic<bool> m_stop{false};
    std::vector<std::thread> m_threads;
};

} // namespace osc
