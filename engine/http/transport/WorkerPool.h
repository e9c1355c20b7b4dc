#pragma once

#include <QString>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace osc::http {

// A fixed set of threads with a bounded queue for the heavy routes, so a slow query never holds the
// HTTP thread (and /health, ingestion and cheap reads behind it). Full means full: submit() refuses
// instead of queuing without bound, and the caller answers 503. Engine reads take a connection from the
// store's read pool for the duration of a call (SqliteStore::read), so any thread may run them.
class WorkerPool
{
public:
    class Task
    {
    public:
        // Set when the answer is no longer wanted (the client left, or the request timed out): a task
        // still queued is skipped; a running one cannot be stopped from here, so it finishes and its
        // answer is dropped.
        void cancel() { m_cancelled.store(true); }
        bool cancelled() const { return m_cancelled.load(); }

    private:
        friend class WorkerPool;
        std::function<void()> m_work;
        std::atomic<bool> m_cancelled{false};
    };

    WorkerPool(int threads, int queueCapacity, const QString &name);
    // Drops what is still queued and waits for the running tasks.
    ~WorkerPool();

    // Null when the queue is full.
    std::shared_ptr<Task> trySubmit(std::function<void()> work);

    int queued() const;
    int busy() const;

private:
    void run();

    const int m_capacity;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<std::shared_ptr<Task>> m_queue;
    std::vector<std::thread> m_threads;
    int m_busy = 0;
    bool m_stopping = false;
};

} // namespace osc::http
