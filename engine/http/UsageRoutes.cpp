#include "ApiRoutes.h"

#include "Engine.h"
#include "QueryParams.h"
#include "RequestAuth.h"
#include "wire/UsageJson.h"
#include "json/StrictJson.h"

#include <QThreadPool>

namespace osc::http {

namespace {

void submitBulkBody(Engine &engine, const Principal &principal, const QByteArray &bytes,
    const QString &batchKey, Router::Reply reply)
{
    auto body = json::parseBody(bytes);
    if (!body)
        return reply(Response::error(body.error()));
    if (!body->isArray())
        return reply(Response::error(Error::invalidJson()));
    QList<UsageDraft> drafts;
    const QJsonArray items = body->toArray();
    drafts.reserve(items.size());
    for (const QJsonValue &item : items) {
        auto draft = wire::usageDraftFromJson(item);
        if (!draft)
            return reply(Response::error(draft.error()));
        drafts.append(std::move(draft.value()));
    }
    engine.ingestor().submitBulk(
        principal, drafts, batchKey, [reply = std::move(reply)](Result<BulkResult> result) {
            if (!result)
                return reply(Response::error(result.error()));
            const int status = UsageIngestor::isTotalFailure(result.value()) ? 400 : 201;
            reply(Response::jsonLater(
                status, [result = std::move(result.value())] { return wire::bulkResultJson(result); }));
        });
}

} // namespace

void addUsageRoutes(Router &router, Engine &engine)
{
    // Both writes answer only after the group commit holding them is durable (contract §5, README
    // "Durability"); the server thread stays free for other requests meanwhile.
    router.addAsync(Method::Post, QStringLiteral("/v1/usages"),
        authenticatedAsync(
            engine, [&engine](const Request &request, const Principal &principal, Router::Reply reply) {
                auto body = json::parseBody(request.body);
                if (!body)
                    return reply(Response::error(body.error()));
                auto draft = wire::usageDraftFromJson(body.value());
                if (!draft)
                    return reply(Response::error(draft.error()));
                engine.ingestor().submitOne(
                    principal, draft.value(), [reply = std::move(reply)](Result<UsageEvent> event) {
                        if (!event)
                            return reply(Response::error(event.error()));
                        // 201 for fresh events and idempotent replays alike (contract §5.3).
                        reply(Response::jsonLater(
                            201, [event = std::move(event.value())] { return wire::usageEventJson(event); }));
                    });
            }));

    // Decoding and validating 1,000 items takes milliseconds; it runs here, off the server thread, so
    // small requests on other connections (entitlement checks, single events) do not queue behind it.
    auto decodePool = std::make_shared<QThreadPool>();
    decodePool->setMaxThreadCount(2);
    decodePool->setObjectName(QStringLiteral("bulk-decode"));
    router.addAsync(Method::Post, QStringLiteral("/v1/usages/bulk"),
        authenticatedAsync(engine,
            [&engine, decodePool](const Request &request, const Principal &principal, Router::Reply reply) {
                decodePool->start([&engine, principal, body = request.body,
                                      batchKey = QString::fromUtf8(request.header("Idempotency-Key")),
                                      reply = std::move(reply)]() mutable {
                    submitBulkBody(engine, principal, body, batchKey, std::move(reply));
                });
            }));

    router.add(Method::Get, QStringLiteral("/v1/usageingestions"),
        authenticated(engine, [&engine](const Request &request, const Principal &principal) {
            auto limit = optionalLimit(request);
            if (!limit)
                return Response::error(limit.error());
            auto page = engine.ingestor().listRuns(
                principal, limit.value(), request.queryValue(QStringLiteral("cursor")));
            if (!page)
                return Response::error(page.error());
            QJsonArray items;
            for (const IngestionRun &run : page->items)
                items.append(wire::ingestionRunToJson(run));
            QJsonObject response{{QStringLiteral("items"), items}};
            if (page->nextCursor)
                response.insert(QStringLiteral("next_cursor"), *page->nextCursor);
            return Response::json(200, response);
        }));
}

} // namespace osc::http
