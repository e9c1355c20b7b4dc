#pragma once

#include "demo/DemoData.h"

#include <QObject>
#include <QThreadPool>

#include <atomic>
#include <memory>

namespace osc::ui {

// Generates demo data (engine/demo) on a worker thread and reports progress on this object's thread.
// Destroying the loader cancels the run at the next batch and waits for it, so the engine is never used
// after the window that started the run has gone.
class DemoDataLoader : public QObject
{
    Q_OBJECT

public:
    explicit DemoDataLoader(osc::Engine &engine, QObject *parent = nullptr);
    ~DemoDataLoader() override;

    // Ignored while a run is in progress.
    void start(const osc::DemoDataOptions &options);
    void cancel();
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    void progressChanged(qint64 eventsWritten, qint64 eventsTotal);
    // `error` is empty on success; a cancelled run finishes with an error.
    void finished(int metersCreated, qint64 eventsWritten, const QString &error);

private:
    osc::Engine &m_engine;
    QThreadPool m_pool;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    bool m_running = false;
};

} // namespace osc::ui
