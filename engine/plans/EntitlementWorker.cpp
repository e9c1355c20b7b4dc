#include "EntitlementWorker.h"

#include "Entitlements.h"

#include <QDebug>

#include <chrono>

namespace osc {

EntitlementWorker::EntitlementWorker(Entitlements &entitlements, qint64 pollIntervalMs)
    : m_entitlements(entitlements)
    , m_pollIntervalMs(pollIntervalMs)
{ }

EntitlementWorker::~EntitlementWorker()
{
    stop();
}

void EntitlementWorker::start()
{
    if (m_thread.joinable())
        return;
    m_stop = false;
    m_thread = std::thread([this] { loop(); });
}

void EntitlementWorker::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

void EntitlementWorker::loop()
{
    std::unique_lock lock(m_mutex);
    while (!m_stop) {
        lock.unlock();
        if (auto ran = m_entitlements.runPendingJobs(); !ran)
            qWarning("entitlement worker: %s", qPrintable(ran.error().message));
        lock.lock();
        m_wake.wait_for(lock, std::chrono::milliseconds(m_pollIntervalMs), [this] { return m_stop; });
    }
}

} // namespace osc
