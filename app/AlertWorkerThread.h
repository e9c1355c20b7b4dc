#pragma once

#include <QThread>

#include <memory>

namespace osc {
class AlertService;
namespace webhook {
class AlertWorker;
}
} // namespace osc

namespace osc::app {

// The alert worker on its own thread, so evaluation and webhook requests never run on the GUI or
// HTTP threads. Stopping aborts requests in flight; their deliveries are retried once the lease ends.
class AlertWorkerThread
{
public:
    AlertWorkerThread(AlertService &alerts, qint64 pollIntervalMs);
    ~AlertWorkerThread();
    AlertWorkerThread(const AlertWorkerThread &) = delete;
    AlertWorkerThread &operator=(const AlertWorkerThread &) = delete;

    void start();

private:
    QThread m_thread;
    std::unique_ptr<webhook::AlertWorker> m_worker;
};

} // namespace osc::app
