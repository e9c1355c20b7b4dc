// Usage query routes of contract §6.1–§6.8 and the direct bucket export of §7.1 (with our `format`:
// csv by default, json, ndjson). The request-level checks the contract orders before authorization are
// the shared parsers' (wire/QueryRequests.h); everything else is query::QueryPreflight's.
#include "ApiRoutes.h"

#include "Engine.h"
#include "QueryParams.h"
#include "export/ExportWriter.h"
#include "query/UsageQuery.h"
#include "wire/QueryRequests.h"
#include "json/StrictJson.h"

namespace osc::http {

namespace {

using query::BucketQuery;

wire::LimitRule limitRule(bool isExport)
{
    return isExport ? wire::LimitRule::RefuseAboveMax : wire::LimitRule::Clamp;
}

Result<BucketQuery> bucketQueryFromUrl(const Request &request, bool isExport)
{
    return wire::bucketQueryFromUrl(request.query, limitRule(isExport));
}

Result<BucketQuery> bucketQueryFromBody(const Request &request, bool isExport)
{
    return fromJsonBody(request,
        [&](const QJsonObject &body) { return wire::bucketQueryFromJson(body, limitRule(isExport)); });
}

// Direct exports in CSV (upstream) or, with `format`, JSON / NDJSON (ours).
Response exportBody(QByteArray body, ExportFormat format)
{
    Response response{200, exportContentType(format), std::move(body), {}, {}, {}};
    response.headers.append(qMakePair(QByteArray("Content-Disposition"),
        QByteArray("attachment; filename=\"usage-buckets.") + exportFileExtension(format).toLatin1() + '"'));
    return response;
}

// A client that went away or a request out of time (HttpServer sets `cancelled`) stops the scan at
// its next poll instead of holding a worker to the end; its answer is dropped anyway.
BucketQuery interruptible(BucketQuery query, const Request &request)
{
    query.interrupt = request.cancelled.get();
    return query;
}

Response bucketsResponse(Engine &engine, const Principal &principal, const Result<BucketQuery> &q,
    const Request &request, Operation op)
{
    if (!q)
        return Response::error(q.error());
    auto result = engine.queries().buckets(principal, interruptible(q.value(), request), op);
    if (!result)
        return Response::error(result.error());
    // The JSON writer's array ends with the newline Response::json would add.
    return Response{
        200, "application/json", ExportWriter::buckets(ExportFormat::Json, result.value()), {}, {}, {}};
}

Response exportResponse(Engine &engine, const Principal &principal, const Result<BucketQuery> &q,
    const Request &request, bool fromBody)
{
    if (!q)
        return Response::error(q.error());
    auto format = directExportFormat(request, fromBody);
    if (!format)
        return Response::error(format.error());
    auto csvSafe = csvSafeOption(request, fromBody);
    if (!csvSafe)
        return Response::error(csvSafe.error());
    auto bytes = engine.exports().exportBuckets(
        principal, interruptible(q.value(), request), format.value(), csvSafe.value());
    if (!bytes)
        return Response::error(bytes.error());
    return exportBody(std::move(bytes.value()), format.value());
}

} // namespace

void addQueryRoutes(Router &router, Engine &engine)
{
    // POST /v1/usages is ingestion (UsageRoutes.cpp); the router dispatches on the method.
    router.addHeavy(Method::Get, QStringLiteral("/v1/usages"),
        authenticated(engine, [&engine](const Request &request, const Principal &principal) {
            return bucketsResponse(
                engine, principal, bucketQueryFromUrl(request, false), request, Operation::ListUsageBuckets);
        }));
    router.addHeavy(Method::Post, QStringLiteral("/v1/usages/search"),
        authenticated(engine, [&engine](const Request &request, const Principal &principal) {
            return bucketsResponse(engine, principal, bucketQueryFromBody(request, false), request,
                Operation::SearchUsageBuckets);
        }));
    router.addHeavy(Method::Get, QStringLiteral("/v1/usages/export"),
        authenticated(engine, [&engine](const Request &request, const Principal &principal) {
            return exportResponse(engine, principal, bucketQueryFromUrl(request, true), request, false);
        }));
    router.addHeavy(Method::Post, QStringLiteral("/v1/usages/export"),
        authenticated(engine, [&engine](const Request &request, const Principal &principal) {
            return exportResponse(engine, principal, bucketQueryFromBody(request, true), request, true);
        }));

    router.addHeavy(Method::Post, QStringLiteral("/v1/usages/breakdowns/search"),
        authenticated(engine, [&engine](const Request &request, const Principal &principal) {
            auto q = fromJsonBody(request, wire::breakdownQueryFromJson);
            if (!q)
                return Response::error(q.error());
            auto result = engine.queries().breakdowns(principal, q.value());
            if (!result)
                return Response::error(result.error());
            return Response::json(200, query::breakdownsJson(result.value()));
        }));

    router.addHeavy(Method::Get, QStringLiteral("/v1/usages/dimensions"),
        authenticated(engine, [&engine](const Request &request, const Principal &principal) {
            auto q = wire::dimensionValuesQueryFromUrl(request.query);
            if (!q)
                return Response::error(q.error());
            auto result = engine.queries().dimensionValues(principal, q.value());
            if (!result)
                return Response::error(result.error());
            return Response::json(200, query::dimensionValuesJson(result.value()));
        }));
}

} // namespace osc::http
