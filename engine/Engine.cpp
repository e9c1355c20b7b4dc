#include "Engine.h"

#include "auth/Permission.h"
#include "store/StoreFactory.h"

#include <QDir>
#include <QFileInfo>

namespace osc {

Engine::Engine(std::unique_ptr<Store> store, std::unique_ptr<Clock> clock)
    : m_store(std::move(store))
    , m_clock(clock ? std::move(clock) : std::make_unique<SystemClock>())
    , m_apiKeys(*m_store, *m_clock)
    , m_accounts(*m_store, *m_clock)
    , m_savedQueries(*m_store, *m_clock)
    , m_meters(*m_store, *m_clock)
    , m_ingestor(*m_store, *m_store, *m_clock)
    , m_queries(*m_store, *m_store)
    , m_events(*m_store, *m_clock)
    , m_retention(*m_store, *m_store, *m_clock)
    , m_exports(*m_store, QFileInfo(m_store->location()).absoluteDir().filePath(QStringLiteral("exports")),
          *m_clock, m_queries, m_events)
    , m_alerts(*m_store, *m_store, m_queries, *m_clock)
{
    m_ingestor.setAcceptedListener([this](const QString &workspaceId, const QList<UsageEvent> &accepted) {
        m_alerts.noteAcceptedEvents(workspaceId, accepted);
    });
}

Engine::~Engine() = default;

Result<std::unique_ptr<Engine>> Engine::open(const StoreOptions &options, std::unique_ptr<Clock> clock)
{
    auto store = openStore(options, QString(kDefaultWorkspaceId));
    if (!store)
        return store.error();
    return std::make_unique<Engine>(std::move(store.value()), std::move(clock));
}

Status Engine::ready()
{
    return m_store->ping();
}

Result<SystemCounters> Engine::systemCounters(const Principal &principal)
{
    if (auto s = authorize(principal, Operation::SystemStats, {}); !s)
        return s.error();
    return m_store->systemCounters(principal.workspaceId);
}

} // namespace osc
