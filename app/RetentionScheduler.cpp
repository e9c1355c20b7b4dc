#include "RetentionScheduler.h"

#include "Engine.h"

#include <QTextStream>
#include <QtConcurrent>

namespace osc::app {

RetentionScheduler::RetentionScheduler(Engine &engine, qint64 intervalMs, qint64 timeoutMs, QObject *parent)
    : QObject(parent)
    , m_engine(engine)
    , m_timeoutMs(timeoutMs)
{
    m_timer.setInterval(std::chrono::milliseconds(intervalMs));
    connect(&m_timer, &QTimer::timeout, this, &RetentionScheduler::tick);
}

RetentionScheduler::~RetentionScheduler()
{
    m_timer.stop();
    m_running.waitForFinished();
}

void RetentionScheduler::start()
{
    m_timer.start();
}

void RetentionScheduler::tick()
{
    if (m_running.isRunning())
        return;
    const qint64 deadlineNs = m_engine.clock().nowNs() + m_timeoutMs * 1'000'000;
    m_running = QtConcurrent::run([this, deadlineNs] {
        auto ran = m_engine.retention().pruneAllWorkspaces(deadlineNs);
        if (!ran) {
            QTextStream(stderr) << "open-spanner-console: retention prune failed: " << ran.error().message
                                << '\n';
        }
    });
}

} // namespace osc::app
