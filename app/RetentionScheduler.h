#pragma once

#include <QFuture>
#include <QObject>
#include <QTimer>

namespace osc {
class Engine;
}

namespace osc::app {

// The background retention prune of OPEN_SPANNER_RETENTION_PRUNE_ENABLED: every interval the engine
// prunes every workspace on a worker thread, each run capped by the timeout. A tick that finds the
// previous run still going is skipped (the engine refuses a second concurrent prune).
class RetentionScheduler : public QObject
{
    Q_OBJECT

public:
    RetentionScheduler(Engine &engine, qint64 intervalMs, qint64 timeoutMs, QObject *parent = nullptr);
    // Waits for a run in progress: it stops at its next chunk boundary once the deadline passes.
    ~RetentionScheduler() override;

    void start();

private:
    void tick();

    Engine &m_engine;
    qint64 m_timeoutMs;
    QTimer m_timer;
    QFuture<void> m_running;
};

} // namespace osc::app
