#pragma once

#include "store/EventReads.h"

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <vector>

namespace osc {

// Hands pages of stored events from the thread that reads them to the thread that encodes and writes
// them, so an event export uses two cores: SQLite's row fetches on one, the file format on the other.
// At most `depth` pages are in flight; their buffers circulate between the two threads, so memory
// stays at depth + 2 pages and nothing is allocated per page once warm.
class EventPagePipeline
{
public:
    static constexpr int kDefaultDepth = 4;

    explicit EventPagePipeline(int depth = kDefaultDepth);
    EventPagePipeline(const EventPagePipeline &) = delete;
    EventPagePipeline &operator=(const EventPagePipeline &) = delete;

    // Reader: moves `page` into the queue (waiting while it is full) and hands back a cleared buffer.
    // False once the writer has stopped: the reader should stop too.
    bool push(UsageEventRows &page);
    // Reader: no more pages will come.
    void close();

    // Writer: the next page, or nullptr when the reader closed and every page was taken. The page
    // stays valid until the next call. While it waits, `whileWaiting` runs every kWaitTickMs; false
    // gives up (nullptr, and the pipeline stops).
    static constexpr int kWaitTickMs = 100;
    UsageEventRows *pop(const std::function<bool()> &whileWaiting = {});
    // Writer: takes no more pages (also wakes a reader waiting in push()).
    void stop();

private:
    const std::size_t m_depth;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<UsageEventRows> m_queue;
    std::vector<UsageEventRows> m_free;
    UsageEventRows m_current; // the page the writer works on
    bool m_closed = false;
    bool m_stopped = false;
};

} // namespace osc
