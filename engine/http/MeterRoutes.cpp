#include "ApiRoutes.h"

#include "Engine.h"
#include "QueryParams.h"
#include "RequestAuth.h"
#include "wire/MeterJson.h"
#include "json/StrictJson.h"

namespace osc::http {

namespace {

template <typename T, typename ToJson> Response pageResponse(const Page<T> &page, ToJson toJson)
{
    QJsonArray items;
    for (const T &item : page.items)
        items.append(toJson(item));
    QJsonObject body{{QStringLiteral("items"), items}};
    if (page.nextCursor)
        body.insert(QStringLiteral("next_cursor"), *page.nextCursor);
    return Response::json(200, body);
}

} // namespace

void addMeterRoutes(Router &router, Engine &engine)
{
    router.add(Method::Post, QStringLiteral("/v1/meters"),
        authenticated(engine, [&engine](const Request &request, const Principal &principal) {
            auto body = json::parseObjectBody(request.body);
            if (!body)
                return Response::error(body.error());
            auto draft = wire::meterDraftFromJson(body.value());
            if (!draft)
                return Response::error(draft.error());
            auto meter = engine.meters().create(principal, draft.value());
            if (!meter)
                return Response::error(meter.error());
            return Response::json(201, wire::meterToJson(meter.value()));
        }));

    router.add(Method::Get, QStringLiteral("/v1/meters"),
        authenticated(engine, [&engine](const Request &request, const Principal &principal) {
            auto limit = optionalLimit(request);
            if (!limit)
                return Response::error(limit.error());
            auto page = engine.meters().list(principal, request.queryValue(QStringLiteral("name")),
                limit.value(), request.queryValue(QStringLiteral("cursor")));
            if (!page)
                return Response::error(page.error());
            return pageResponse(page.value(), wire::meterToJson);
        }));

    router.addHeavy(Method::Get, QStringLiteral("/v1/meters/stats"),
        authenticated(engine, [&engine](const Request &request, const Principal &principal) {
            auto limit = optionalLimit(request);
            if (!limit)
                return Response::error(limit.error());
            auto page = engine.meters().stats(
                principal, limit.value(), request.queryValue(QStringLiteral("cursor")));
            if (!page)
                return Response::error(page.error());
            return pageResponse(page.value(), wire::meterStatsToJson);
        }));

    router.add(Method::Get, QStringLiteral("/v1/meters/{id}"),
        authenticated(engine, [&engine](const Request &request, const Principal &principal) {
            auto meter = engine.meters().get(principal, request.pathParams.value(QStringLiteral("id")));
            if (!meter)
                return Response::error(meter.error());
            return Response::json(200, wire::meterToJson(meter.value()));
        }));

    router.add(Method::Put, QStringLiteral("/v1/meters/{id}"),
        authenticated(engine, [&engine](const Request &request, const Principal &principal) {
            auto body = json::parseObjectBody(request.body);
            if (!body)
                return Response::error(body.error());
            auto patch = wire::meterPatchFromJson(body.value());
            if (!patch)
                return Response::error(patch.error());
            auto meter = engine.meters().update(
                principal, request.pathParams.value(QStringLiteral("id")), patch.value());
            if (!meter)
                return Response::error(meter.error());
            return Response::json(200, wire::meterToJson(meter.value()));
        }));

    router.add(Method::Delete, QStringLiteral("/v1/meters/{id}"),
        authenticated(engine, [&engine](const Request &request, const Principal &principal) {
            const Status removed
                = engine.meters().remove(principal, request.pathParams.value(QStringLiteral("id")));
            if (!removed)
                return Response::error(removed.error());
            return Response::noContent();
        }));
}

} // namespace osc::http
