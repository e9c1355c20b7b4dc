#include "store/sqlite/GroupCommitQueue.h"

#include <pthread.h>

namespace osc {

GroupCommitQueue::GroupCommitQueue(GroupWriter writeGroup)
    : m_writeGroup(std::move(writeGroup))
{
    m_thread = std::thread([this] { run(); });
    pthread_setname_np(m_thread.native_handle(), "group-commit");
}

GroupCommitQueue::~GroupCommitQueue()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_one();
    m_thread.join();
}

void GroupCommitQueue::submit(Job job)
{
    {
        std::lock_guard lock(m_mutex);
        m_pending.push_back(std::move(job));
    }
    m_wake.notify_one();
}

void GroupCommitQueue::run()
{
    std::vector<Job> group;
    std::size_t lastGroupSize = 0;
    qsizetype lastGroupEvents = 0;
    for (;;) {
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stopping || !m_pending.empty(); });
            if (m_pending.empty())
                return; // stopping and drained
            // Concurrent writers were seen last time: linger briefly so this commit serves more of them
            // (fewer fsyncs and WAL frames per request). A lone sequential client never waits.
            if (lastGroupSize > 1 && !m_stopping) {
                if (lastGroupEvents >= kBulkGroupEvents) {
                    const auto deadline = std::chrono::steady_clock::now() + kBulkLinger;
                    m_wake.wait_until(lock, deadline, [&] {
                        qsizetype pending = 0;
                        for (const Job &job : m_pending)
                            pending += job.batch.events.size();
                        return m_stopping || pending >= kBulkGroupEvents;
                    });
                } else {
                    const auto deadline = std::chrono::steady_clock::now() + kLinger;
                    m_wake.wait_until(
                        lock, deadline, [&] { return m_stopping || m_pending.size() > 2 * lastGroupSize; });
                }
            }
            qsizetype events = 0;
            while (!m_pending.empty()
                && (group.empty() || events + m_pending.front().batch.events.size() <= kMaxEventsPerGroup)) {
                events += m_pending.front().batch.events.size();
                group.push_back(std::move(m_pending.front()));
                m_pending.pop_front();
            }
        }
        lastGroupSize = group.size();
        lastGroupEvents = 0;
        for (const Job &job : group)
            lastGroupEvents += job.batch.events.size();
        m_writeGroup(group);
        group.clear();
    }
}

} // namespace osc
