#pragma once

#include "accounts/SavedQueryService.h"
#include "alerts/AlertService.h"
#include "auth/AccountService.h"
#include "auth/ApiKeyService.h"
#include "auth/Principal.h"
#include "core/Clock.h"
#include "export/ExportJobs.h"
#include "export/ExportWorker.h"
#include "ingest/UsageIngestor.h"
#include "meters/MeterCatalog.h"
#include "overview/UsageOverview.h"
#include "plans/Entitlements.h"
#include "plans/PlanAssignments.h"
#include "plans/PlanCatalog.h"
#include "query/EventQuery.h"
#include "query/UsageQuery.h"
#include "ratelimit/KeyRateLimiter.h"
#include "reports/UsageReports.h"
#include "retention/RetentionPruner.h"
#include "store/Store.h"
#include "store/StoreFactory.h"

#include <memory>

namespace osc {

// The facade every door (GUI, REST, CLI) calls: meters, API keys, system state; ingestion, queries,
// retention and exports. Thread-safe: the HTTP thread, GUI worker threads and the CLI share one instance.
class Engine
{
public:
    static constexpr QLatin1StringView kDefaultWorkspaceId{"default"};

    Engine(std::unique_ptr<Store> store, std::unique_ptr<Clock> clock);
    ~Engine();

    static Result<std::unique_ptr<Engine>> open(
        const StoreOptions &options, std::unique_ptr<Clock> clock = nullptr);

    QString defaultWorkspaceId() const { return kDefaultWorkspaceId; }
    // The console user: allowed everything in the default workspace.
    Principal owner() const { return Principal::owner(defaultWorkspaceId()); }

    Store &store() { return *m_store; }
    const Clock &clock() const { return *m_clock; }
    ApiKeyService &apiKeys() { return m_apiKeys; }
    AccountService &accounts() { return m_accounts; }
    SavedQueryService &savedQueries() { return m_savedQueries; }
    MeterCatalog &meters() { return m_meters; }
    UsageIngestor &ingestor() { return m_ingestor; }
    query::UsageQueries &queries() { return m_queries; }
    EventQueries &events() { return m_events; }
    RetentionPruner &retention() { return m_retention; }
    ExportJobs &exports() { return m_exports; }
    // Plans and entitlements (contract §10).
    PlanCatalog &plans() { return m_plans; }
    PlanAssignments &assignments() { return m_assignments; }
    Entitlements &entitlements() { return m_entitlements; }
    AlertService &alerts() { return m_alerts; }
    // The usage export reports (POST /export/{dataType}).
    reports::UsageReports &usageReports() { return m_reports; }
    // Per-key token buckets (issue 21): the REST adapter takes one token per authenticated request.
    KeyRateLimiter &rateLimits() { return m_rateLimits; }
    // The console's Overview page.
    UsageOverview &overview() { return m_overview; }
    // What export workers (in-process pool, `--export-worker`) use.
    ExportServices exportServices();

    // Every workspace of the instance, the default one first, then the users' in the order they were
    // made: what the console's workspace switcher offers.
    Result<QList<Workspace>> workspaces();
    // A workspace by its id, else by its exact name (`keys --workspace`). Unknown → not found; a name
    // two workspaces share (two users named bob@ on different domains) → invalid input, asking for the id.
    Result<Workspace> findWorkspace(const QString &idOrName);

    // The size limits of ingestion and meter creation (OPEN_SPANNER_MAX_*); call before serving.
    void setInputLimits(const InputLimits &limits)
    {
        m_ingestor.setLimits(limits);
        m_meters.setLimits(limits);
    }
    const InputLimits &inputLimits() const { return m_ingestor.limits(); }

    // `/ready`: the store answers.
    Status ready();
    Result<SystemCounters> systemCounters(const Principal &principal);
    // How far the rollups are behind the stored events (instance-wide: one maintainer folds every
    // workspace); answers stay exact either way.
    Result<RollupLag> rollupLag(const Principal &principal);

private:
    std::unique_ptr<Store> m_store;
    std::unique_ptr<Clock> m_clock;
    ApiKeyService m_apiKeys;
    AccountService m_accounts;
    SavedQueryService m_savedQueries;
    MeterCatalog m_meters;
    UsageIngestor m_ingestor;
    query::UsageQueries m_queries;
    EventQueries m_events;
    RetentionPruner m_retention;
    ExportJobs m_exports;
    PlanCatalog m_plans;
    PlanAssignments m_assignments;
    Entitlements m_entitlements;
    AlertService m_alerts;
    reports::UsageReports m_reports;
    KeyRateLimiter m_rateLimits;
    UsageOverview m_overview;
};

} // namespace osc
