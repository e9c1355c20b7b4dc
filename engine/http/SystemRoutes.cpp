#include "ApiRoutes.h"

#include "Engine.h"
#include "RequestAuth.h"
#include "wire/PruneJson.h"

namespace osc::http {

void addSystemRoutes(Router &router, Engine &engine)
{
    router.add(Method::Get, QStringLiteral("/health"), [](const Request &) { return Response::noContent(); });
    router.add(
        Method::Head, QStringLiteral("/health"), [](const Request &) { return Response::noContent(); });
    router.add(Method::Get, QStringLiteral("/ready"),
        [&engine](const Request &) { return engine.ready() ? Response::noContent() : Response::empty(503); });
    router.addHeavy(Method::Get, QStringLiteral("/v1/system/stats"),
        authenticated(engine, [&engine](const Request &, const Principal &principal) {
            auto counters = engine.systemCounters(principal);
            if (!counters)
                return Response::error(counters.error());
            auto lastRun = engine.retention().lastRun(principal.workspaceId);
            if (!lastRun)
                return Response::error(lastRun.error());
            auto lag = engine.rollupLag(principal);
            if (!lag)
                return Response::error(lag.error());
            // Beyond upstream: how far the rollups (folded off the commit path) are behind.
            const TimeNs now = engine.clock().nowNs();
            const double lagSeconds = lag->oldestReceivedAtNs && *lag->oldestReceivedAtNs < now
                ? double((now - *lag->oldestReceivedAtNs).clampedInt64() / 1'000'000) / 1000.0
                : 0.0;
            return Response::json(200,
                QJsonObject{
                    {QStringLiteral("meters"), counters->meters},
                    {QStringLiteral("usage_events"), counters->usageEvents},
                    {QStringLiteral("prune_runs"), counters->pruneRuns},
                    {QStringLiteral("last_prune_run"),
                        lastRun.value() ? QJsonValue(wire::pruneRunSummaryToJson(*lastRun.value()))
                                        : QJsonValue(QJsonValue::Null)},
                    {QStringLiteral("rollup_lag"),
                        QJsonObject{{QStringLiteral("events"), lag->events},
                            {QStringLiteral("seconds"), lagSeconds}}},
                });
        }));
}

Router buildApiRouter(Engine &engine)
{
    Router router;
    addSystemRoutes(router, engine);
    addMeterRoutes(router, engine);
    addUsageRoutes(router, engine);
    addQueryRoutes(router, engine);
    addEventRoutes(router, engine);
    addRetentionRoutes(router, engine);
    addExportRoutes(router, engine);
    addAuthRoutes(router, engine);
    addApiKeyRoutes(router, engine);
    addSavedQueryRoutes(router, engine);
    addPlanRoutes(router, engine);
    addEntitlementRoutes(router, engine);
    addAlertRoutes(router, engine);
    addUsageReportRoutes(router, engine);
    addOpenApiRoutes(router);
    return router;
}

} // namespace osc::http
