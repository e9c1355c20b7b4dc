// The bounded worker pool of the HTTP front: a full queue refuses, a task cancelled while queued never
// runs, and queued tasks that were cancelled stop counting against the bound.

#include "transport/WorkerPool.h"

#include <QSemaphore>
#include <QtTest>

#include <atomic>

using osc::http::WorkerPool;

class tst_WorkerPool final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fullQueueRefuses();
    void cancelledWhileQueuedNeverRuns();
    void destructionDropsTheQueue();
};

void tst_WorkerPool::fullQueueRefuses()
{
    QSemaphore entered;
    QSemaphore release;
    WorkerPool pool(1, 2, QStringLiteral("test"));
    QVERIFY(pool.trySubmit([&] {
        entered.release();
        release.acquire();
    }));
    QVERIFY(entered.tryAcquire(1, 10'000)); // the only thread is busy
    QVERIFY(pool.trySubmit([] {}));
    QVERIFY(pool.trySubmit([] {}));
    QCOMPARE(pool.queued(), 2);
    QCOMPARE(pool.busy(), 1);
    QVERIFY(!pool.trySubmit([] {})); // the bound: two waiting
    release.release();
}

void tst_WorkerPool::cancelledWhileQueuedNeverRuns()
{
    QSemaphore entered;
    QSemaphore release;
    QSemaphore done;
    std::atomic<int> ran{0};
    WorkerPool pool(1, 1, QStringLiteral("test"));
    pool.trySubmit([&] {
        entered.release();
        release.acquire();
    });
    QVERIFY(entered.tryAcquire(1, 10'000));
    auto cancelled = pool.trySubmit([&] { ran.fetch_add(1); });
    QVERIFY(cancelled);
    QVERIFY(!pool.trySubmit([] {})); // queue of one is full...
    cancelled->cancel();
    // ...until its task is cancelled: it no longer counts.
    QVERIFY(pool.trySubmit([&] {
        ran.fetch_add(10);
        done.release();
    }));
    release.release();
    QVERIFY(done.tryAcquire(1, 10'000));
    QCOMPARE(ran.load(), 10);
}

void tst_WorkerPool::destructionDropsTheQueue()
{
    QSemaphore entered;
    QSemaphore release;
    std::atomic<bool> queuedRan{false};
    {
        WorkerPool pool(1, 4, QStringLiteral("test"));
        pool.trySubmit([&] {
            entered.release();
            release.acquire();
        });
        QVERIFY(entered.tryAcquire(1, 10'000));
        pool.trySubmit([&] { queuedRan = true; });
        release.release(); // the destructor waits for the running task, not the queued one
    }
    QVERIFY(!queuedRan.load());
}

QTEST_GUILESS_MAIN(tst_WorkerPool)
#include "tst_workerpool.moc"
