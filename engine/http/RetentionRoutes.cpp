#include "ApiRoutes.h"

#include "Engine.h"
#include "QueryParams.h"
#include "wire/PruneJson.h"

namespace osc::http {

void addRetentionRoutes(Router &router, Engine &engine)
{
    router.add(Method::Post, QStringLiteral("/v1/usageevents/prune"),
        authenticated(engine, [&engine](const Request &request, const Principal &principal) {
            auto dryRun = optionalBool(request, QStringLiteral("dry_run"), false,
                QStringLiteral("invalid_dry_run"), QStringLiteral("dry_run must be true or false"));
            if (!dryRun)
                return Response::error(dryRun.error());
            auto run = engine.retention().prune(principal, dryRun.value());
            if (!run)
                return Response::error(run.error());
            return Response::json(200, wire::pruneRunToJson(run.value()));
        }));

    router.add(Method::Get, QStringLiteral("/v1/usageevents/prunes"),
        authenticated(engine, [&engine](const Request &request, const Principal &principal) {
            auto limit = optionalLimit(request);
            if (!limit)
                return Response::error(limit.error());
            auto page = engine.retention().listRuns(
                principal, limit.value(), request.queryValue(QStringLiteral("cursor")));
            if (!page)
                return Response::error(page.error());
            QJsonArray items;
            for (const PruneRun &run : page->items)
                items.append(wire::pruneRunToJson(run));
            QJsonObject response{{QStringLiteral("items"), items}};
            if (page->nextCursor)
                response.insert(QStringLiteral("next_cursor"), *page->nextCursor);
            return Response::json(200, response);
        }));
}

} // namespace osc::http
