#pragma once

#include "store/EventLog.h"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

namespace osc {

// Group commit for ingestion: callers enqueue batches from any thread and return at once; one writer
// thread takes everything queued so far and hands it to `writeGroup`, which stores the whole group in
// one transaction (one fsync) and completes each batch's callback. While a group is being written the
// next one accumulates, so the commit rate of the disk bounds the number of groups, not of requests.
class GroupCommitQueue
{
public:
    struct Job
    {
        QString workspaceId;
        IngestBatch batch;
        EventLog::IngestCallback done;
    };
    using GroupWriter = std::function<void(std::vector<Job> &group)>;

    // A group closes once it holds this many events, so one huge backlog does not become one huge
    // transaction (memory, and latency for the requests at its front).
    static constexpr qsizetype kMaxEventsPerGroup = 20'000;

    // How long a commit may wait for more concurrent batches (only after a group of several).
    static constexpr std::chrono::microseconds kLinger{200};
    // Bulk traffic (the last group held at least kBulkGroupEvents events from several requests) waits up
    // to kBulkLinger for kBulkGroupEvents more: per-commit costs (fsync, WAL frames, one rollup upsert
    // per distinct subject and hour) then spread over more events. A bulk request takes milliseconds
    // to parse, so this adds little to its latency.
    static constexpr qsizetype kBulkGroupEvents = 4'000;
    static constexpr std::chrono::microseconds kBulkLinger{2'000};

    explicit GroupCommitQueue(GroupWriter writeGroup);
    // Writes what is still queued, then stops the thread: nothing accepted into the queue is dropped.
    ~GroupCommitQueue();

    void submit(Job job);

private:
    void run();

    GroupWriter m_writeGroup;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Job> m_pending;
    bool m_stopping = false;
    std::thread m_thread;
};

} // namespace osc
