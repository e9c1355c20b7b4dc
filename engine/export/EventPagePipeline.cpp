#include "EventPagePipeline.h"

#include <algorithm>
#include <chrono>
#include <utility>

namespace osc {

EventPagePipeline::EventPagePipeline(int depth)
    : m_depth(std::size_t(std::max(1, depth)))
{ }

bool EventPagePipeline::push(UsageEventRows &page)
{
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return m_stopped || m_queue.size() < m_depth; });
    if (m_stopped)
        return false;
    m_queue.push_back(std::move(page));
    page = UsageEventRows();
    if (!m_free.empty()) {
        page = std::move(m_free.back());
        m_free.pop_back();
    }
    page.clear();
    lock.unlock();
    m_changed.notify_all();
    return true;
}

void EventPagePipeline::close()
{
    {
        std::lock_guard lock(m_mutex);
        m_closed = true;
    }
    m_changed.notify_all();
}

UsageEventRows *EventPagePipeline::pop(const std::function<bool()> &whileWaiting)
{
    std::unique_lock lock(m_mutex);
    m_free.push_back(std::move(m_current)); // the writer is done with the previous page
    m_current = UsageEventRows();
    const auto available = [this] { return m_stopped || !m_queue.empty() || m_closed; };
    while (!m_changed.wait_for(lock, std::chrono::milliseconds(kWaitTickMs), available)) {
        if (!whileWaiting)
            continue;
        lock.unlock();
        const bool waiting = whileWaiting();
        lock.lock();
        if (!waiting) {
            m_stopped = true;
            m_queue.clear();
            m_changed.notify_all();
            return nullptr;
        }
    }
    if (m_stopped || m_queue.empty())
        return nullptr;
    m_current = std::move(m_queue.front());
    m_queue.pop_front();
    lock.unlock();
    m_changed.notify_all();
    return &m_current;
}

void EventPagePipeline::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopped = true;
        m_queue.clear();
    }
    m_changed.notify_all();
}

} // namespace osc
