#include "WorkerPool.h"

#include <cerrno>

#include <QThread>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <unistd.h>
#endif

namespace osc::http {

namespace {

// Workers run this much nicer than the HTTP thread and the group-commit writer (Linux schedules
// threads as tasks, so a thread's nice value is its own): when heavy queries saturate the cores,
// /health and ingestion still get a core as soon as they need one. Raising one's own nice value needs
// no privilege.
constexpr int kWorkerNiceIncrement = 10;

void lowerCurrentThreadPriority()
{
#ifdef Q_OS_LINUX
    const pid_t tid = gettid();
    errno = 0;
    const int current = getpriority(PRIO_PROCESS, id_t(tid));
    if (errno == 0)
        setpriority(PRIO_PROCESS, id_t(tid), std::min(19, current + kWorkerNiceIncrement));
#endif
}

} // namespace

WorkerPool::WorkerPool(int threads, int queueCapacity, const QString &name)
    : m_capacity(std::max(0, queueCapacity))
{
    for (int i = 0; i < std::max(1, threads); ++i) {
        m_threads.emplace_back([this, name, i] {
            QThread::currentThread()->setObjectName(QStringLiteral("%1-%2").arg(name).arg(i));
            lowerCurrentThreadPriority();
            run();
        });
    }
}

WorkerPool::~WorkerPool()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
        m_queue.clear();
    }
    m_wake.notify_all();
    for (std::thread &thread : m_threads)
        thread.join();
}

std::shared_ptr<WorkerPool::Task> WorkerPool::trySubmit(std::function<void()> work)
{
    auto task = std::make_shared<Task>();
    task->m_work = std::move(work);
    {
        std::lock_guard lock(m_mutex);
        // Tasks cancelled while queued no longer count against the bound.
        std::erase_if(m_queue, [](const std::shared_ptr<Task> &queued) { return queued->cancelled(); });
        const bool idleThread = m_busy + int(m_queue.size()) < int(m_threads.size());
        if (m_stopping || (!idleThread && int(m_queue.size()) >= m_capacity))
            return nullptr;
        m_queue.push_back(task);
    }
    m_wake.notify_one();
    return task;
}

int WorkerPool::queued() const
{
    std::lock_guard lock(m_mutex);
    return int(m_queue.size());
}

int WorkerPool::busy() const
{
    std::lock_guard lock(m_mutex);
    return m_busy;
}

void WorkerPool::run()
{
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
        if (m_stopping)
            return;
        std::shared_ptr<Task> task = std::move(m_queue.front());
        m_queue.pop_front();
        if (task->cancelled())
            continue;
        ++m_busy;
        lock.unlock();
        task->m_work();
        task->m_work = nullptr; // release what the work captured before the next wait
        lock.lock();
        --m_busy;
    }
}

} // namespace osc::http
