#pragma once

#include <QFuture>
#include <QObject>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <type_traits>
#include <utility>

namespace osc::ui {

// Runs engine work off the GUI thread and hands its result back on this object's thread.
//
// Every run() gets a new generation number; a result whose generation is no longer the latest is dropped,
// so a slow refresh can never overwrite a newer one. Work runs on a private single-thread pool: that keeps
// one runner's engine calls in the order they were issued, and lets the destructor wait for work that still
// references the engine (the engine outlives the window, but not necessarily a worker thread).
class AsyncRunner : public QObject
{
    Q_OBJECT

public:
    explicit AsyncRunner(QObject *parent = nullptr);
    ~AsyncRunner() override;

    // `work` runs on the worker thread and must only touch thread-safe objects (the Engine). `done`
    // receives its return value on this object's thread, unless a newer run() started meanwhile or this
    // runner was destroyed.
    template <typename Work, typename Done> quint64 run(Work work, Done done)
    {
        using ResultType = std::invoke_result_t<Work>;
        const quint64 generation = ++m_generation;
        setBusy(true);
        QtConcurrent::run(&m_pool, std::move(work))
            .then(this, [this, generation, done = std::move(done)](ResultType result) mutable {
                if (generation != m_generation)
                    return;
                setBusy(false);
                done(std::move(result));
            });
        return generation;
    }

    // Drops the result of any run still in flight.
    void discardPending();
    bool isBusy() const { return m_busy; }
    quint64 generation() const { return m_generation; }

Q_SIGNALS:
    void busyChanged(bool busy);

private:
    void setBusy(bool busy);

    QThreadPool m_pool;
    quint64 m_generation = 0;
    bool m_busy = false;
};

} // namespace osc::ui
