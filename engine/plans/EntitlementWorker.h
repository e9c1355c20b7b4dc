#pragma once

#include <QtGlobal>

#include <condition_variable>
#include <mutex>
#include <thread>

namespace osc {

class Entitlements;

// The in-process entitlement worker (§10.7): a thread that runs Entitlements::runPendingJobs every
// poll interval, like the export worker pool and the retention scheduler. Jobs live in the store, so
// nothing is lost when the process stops between an event and its evaluation.
class EntitlementWorker
{
public:
    static constexpr qint64 kDefaultPollIntervalMs = 250;

    explicit EntitlementWorker(Entitlements &entitlements, qint64 pollIntervalMs = kDefaultPollIntervalMs);
    ~EntitlementWorker();
    EntitlementWorker(const EntitlementWorker &) = delete;
    EntitlementWorker &operator=(const EntitlementWorker &) = delete;

    void start();
    void stop();

private:
    void loop();

    Entitlements &m_entitlements;
    qint64 m_pollIntervalMs;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stop = false;
    std::thread m_thread;
};

} // namespace osc
