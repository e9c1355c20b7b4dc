#include "ui/common/AsyncRunner.h"

namespace osc::ui {

AsyncRunner::AsyncRunner(QObject *parent)
    : QObject(parent)
{
    m_pool.setMaxThreadCount(1);
    m_pool.setObjectName(QStringLiteral("ui-async"));
}

AsyncRunner::~AsyncRunner()
{
    // Results are dropped (the continuation's context is going away), but the work itself may still be
    // inside the engine; finish it before whoever owns the engine can destroy it.
    ++m_generation;
    m_pool.waitForDone();
}

void AsyncRunner::discardPending()
{
    ++m_generation;
    setBusy(false);
}

void AsyncRunner::setBusy(bool busy)
{
    if (m_busy == busy)
        return;
    m_busy = busy;
    Q_EMIT busyChanged(busy);
}

} // namespace osc::ui
