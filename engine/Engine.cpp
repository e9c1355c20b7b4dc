#include "Engine.h"

#include "auth/Permission.h"
#include "store/StoreFactory.h"

#include <QDir>
#include <QFileInfo>

#include <algorithm>

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
    , m_exports(*m_store, QDir(m_store->filesDirectory()).filePath(QStringLiteral("exports")), *m_clock,
          m_queries, m_events)
    , m_plans(*m_store, *m_store, *m_clock)
    , m_assignments(*m_store, *m_clock)
    , m_entitlements(*m_store, *m_store, m_assignments, *m_clock)
    , m_alerts(*m_store, *m_store, m_queries, *m_clock)
    , m_reports(*m_store, *m_store, m_queries, m_exports, *m_clock)
    , m_rateLimits(*m_clock)
    , m_overview(m_meters, m_queries)
{
    m_queries.setApiKeyStore(m_store.get());
    m_ingestor.setAcceptedListener([this](const QString &workspaceId, const QList<UsageEvent> &accepted) {
        m_alerts.noteAcceptedEvents(workspaceId, accepted);
    });
}

Engine::~Engine() = default;

ExportServices Engine::exportServices()
{
    ExportServices services{*m_store, m_exports, m_queries, m_events, *m_clock, {}};
    services.rebuildReport = [this](const ExportJob &job) -> Result<std::pair<QByteArray, qint64>> {
        auto report = m_reports.rebuild(job);
        if (!report)
            return report.error();
        return std::pair<QByteArray, qint64>(reports::usageReportCsv(report.value()), report->rows.size());
    };
    return services;
}

Result<std::unique_ptr<Engine>> Engine::open(const StoreOptions &options, std::unique_ptr<Clock> clock)
{
    auto store = openStore(options, QString(kDefaultWorkspaceId));
    if (!store)
        return store.error();
    return std::make_unique<Engine>(std::move(store.value()), std::move(clock));
}

Result<QList<Workspace>> Engine::workspaces()
{
    auto all = m_accounts.listWorkspaces();
    if (!all)
        return all.error();
    QList<Workspace> ordered = std::move(all.value());
    const auto isDefault = [](const Workspace &w) { return w.id == kDefaultWorkspaceId; };
    std::stable_partition(ordered.begin(), ordered.end(), isDefault);
    return ordered;
}

Result<Workspace> Engine::findWorkspace(const QString &idOrName)
{
    auto all = workspaces();
    if (!all)
        return all.error();
    QList<Workspace> named;
    for (const Workspace &workspace : all.value()) {
        if (workspace.id == idOrName)
            return workspace;
        if (workspace.name == idOrName)
            named.append(workspace);
    }
    if (named.size() > 1)
        return Error::invalidInputLine(
            QStringLiteral("%1 workspaces are named \"%2\"; use the id").arg(named.size()).arg(idOrName));
    if (named.isEmpty())
        return Error::notFound(QStringLiteral("unknown workspace \"%1\"").arg(idOrName));
    return named.first();
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

Result<RollupLag> Engine::rollupLag(const Principal &principal)
{
    if (auto s = authorize(principal, Operation::SystemStats, {}); !s)
        return s.error();
    return m_store->rollupLag();
}

} // namespace osc
