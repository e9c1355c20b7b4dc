#include "ui/meters/DemoDataLoader.h"

#include "Engine.h"
#include "ui/common/DisplayFormat.h"

#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

namespace osc::ui {

DemoDataLoader::DemoDataLoader(Engine &engine, QObject *parent)
    : QObject(parent)
    , m_engine(engine)
{
    m_pool.setMaxThreadCount(1);
    m_pool.setObjectName(QStringLiteral("ui-demo-data"));
}

DemoDataLoader::~DemoDataLoader()
{
    cancel();
    m_pool.waitForDone();
}

void DemoDataLoader::cancel()
{
    if (m_cancel)
        m_cancel->store(true);
}

void DemoDataLoader::start(const DemoDataOptions &options)
{
    if (m_running)
        return;
    m_running = true;
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    Engine &engine = m_engine;
    QPointer<DemoDataLoader> self(this);
    auto cancelled = m_cancel;
    QtConcurrent::run(&m_pool, [&engine, options, self, cancelled] {
        return generateDemoData(engine, options, [&](qint64 written) {
            // Queued to the loader's thread; dropped by Qt if the loader is gone by then.
            if (self)
                QMetaObject::invokeMethod(
                    self.data(),
                    [self, written, total = options.events] {
                        if (self)
                            Q_EMIT self->progressChanged(written, total);
                    },
                    Qt::QueuedConnection);
            return !cancelled->load();
        });
    }).then(this, [this](Result<DemoDataSummary> result) {
        m_running = false;
        if (result)
            Q_EMIT finished(result->metersCreated, result->eventsWritten, QString());
        else
            Q_EMIT finished(0, 0, errorText(result.error()));
    });
}

} // namespace osc::ui
