// Usage query routes of contract §6.1–§6.8 and the direct bucket export of §7.1 (with our `format`:
// csv by default, json, ndjson). Handlers do the
// HTTP-level parsing (limit, from, to, JSON shape, filter structure), which the contract orders before
// authorization; everything else is validated by query::UsageQueries.
#include "ApiRoutes.h"

#include "Engine.h"
#include "QueryParams.h"
#include "core/Rfc3339.h"
#include "query/BucketCalendar.h"
#include "query/UsageQuery.h"
#include "wire/BucketQueryJson.h"
#include "json/StrictJson.h"

namespace osc::http {

namespace {

using query::BucketQuery;

const QString kTimeZoneParam = QStringLiteral("timezone");

Error invalidFrom()
{
    return Error::request(QStringLiteral("invalid_from"), QStringLiteral("from must be RFC3339"));
}

Error invalidTo()
{
    return Error::request(QStringLiteral("invalid_to"), QStringLiteral("to must be RFC3339"));
}

Error limitTooLarge()
{
    return Error::request(
        QStringLiteral("invalid_limit"), QStringLiteral("limit must be less than or equal to 1000"));
}

// A required bound: missing or empty → the request code; with a zone the offset may be omitted.
Result<qint64> requiredTime(const std::optional<QString> &text, const QString &timeZone, bool isFrom)
{
    if (!text || text->isEmpty())
        return isFrom ? invalidFrom() : invalidTo();
    return query::parseQueryTime(*text, timeZone,
        isFrom ? QStringLiteral("invalid_from") : QStringLiteral("invalid_to"),
        isFrom ? QStringLiteral("from must be RFC3339") : QStringLiteral("to must be RFC3339"));
}

std::optional<QString> queryText(const Request &request, const QString &key)
{
    if (!request.hasQuery(key))
        return std::nullopt;
    return request.queryValue(key);
}

// GET /v1/usages and GET /v1/usages/export: limit, from, to (§6.2 order), then the rest unvalidated.
Result<BucketQuery> bucketQueryFromUrl(const Request &request, bool isExport)
{
    auto limit = optionalLimit(request);
    if (!limit)
        return limit.error();
    if (isExport && limit.value() > query::kMaxQueryLimit)
        return limitTooLarge();
    BucketQuery q;
    q.limit = limit.value();
    q.timeZone = request.queryValue(kTimeZoneParam).trimmed();
    auto from = requiredTime(queryText(request, QStringLiteral("from")), q.timeZone, true);
    if (!from)
        return from.error();
    auto to = requiredTime(queryText(request, QStringLiteral("to")), q.timeZone, false);
    if (!to)
        return to.error();
    auto fillEmpty = optionalBool(request, QStringLiteral("fill_empty"), false,
        QStringLiteral("invalid_fill_empty"), QStringLiteral("fill_empty must be true or false"));
    if (!fillEmpty)
        return fillEmpty.error();
    q.fromNs = from.value();
    q.toNs = to.value();
    q.fillEmpty = fillEmpty.value();
    q.meter = request.queryValue(QStringLiteral("meter")).trimmed();
    q.subject = request.queryValue(QStringLiteral("subject")).trimmed();
    q.bucketSize = request.queryValue(QStringLiteral("bucket_size")).trimmed();
    q.groupBy = query::normalizeGroupBy(request.queryValues(QStringLiteral("group_by")));
    const auto items = request.query.queryItems(QUrl::FullyDecoded);
    for (const auto &[key, value] : items)
        q.queryItems.append({key, value});
    return q;
}

// POST /v1/usages/search and POST /v1/usages/export: JSON (incl. types), [export limit], from, to,
// filter structure.
Result<BucketQuery> bucketQueryFromBody(const Request &request, bool isExport)
{
    auto body = json::parseObjectBody(request.body);
    if (!body)
        return body.error();
    auto fields = wire::decodeBucketQueryFields(body.value());
    if (!fields)
        return fields.error();
    BucketQuery q = std::move(fields->query);
    const std::optional<QString> &fromText = fields->fromText;
    const std::optional<QString> &toText = fields->toText;
    // A mistyped filter was a decode error; its validation errors come after to.
    auto &filter = fields->filter;
    if (isExport) {
        if (q.limit < 0)
            return Error::request(
                QStringLiteral("invalid_limit"), QStringLiteral("limit must be a positive integer"));
        if (q.limit > query::kMaxQueryLimit)
            return limitTooLarge();
    }
    auto from = requiredTime(fromText, q.timeZone, true);
    if (!from)
        return from.error();
    auto to = requiredTime(toText, q.timeZone, false);
    if (!to)
        return to.error();
    if (!filter)
        return filter.error();
    q.fromNs = from.value();
    q.toNs = to.value();
    q.filter = std::move(filter.value());
    return q;
}

// Direct exports in CSV (upstream) or, with `format`, JSON / NDJSON (ours).
Response exportBody(QByteArray body, ExportFormat format)
{
    Response response{200, exportContentType(format), std::move(body), {}, {}, {}};
    response.headers.append(qMakePair(QByteArray("Content-Disposition"),
        QByteArray("attachment; filename=\"usage-buckets.") + exportFileExtension(format).toLatin1() + '"'));
    return response;
}

// `format` of the GET form (query) or the POST form (body); absent = csv.
Result<ExportFormat> exportFormat(const Request &request, bool fromBody)
{
    if (!fromBody)
        return ExportJobs::parseDirectFormat(request.queryValue(QStringLiteral("format")));
    auto body = json::parseObjectBody(request.body);
    if (!body)
        return body.error();
    json::ObjectReader reader(body.value());
    const QString name = reader.string(QLatin1StringView("format")).value_or(QString());
    if (auto s = reader.status(); !s)
        return s.error();
    return ExportJobs::parseDirectFormat(name);
}

Response bucketsResponse(
    Engine &engine, const Principal &principal, const Result<BucketQuery> &q, Operation op)
{
    if (!q)
        return Response::error(q.error());
    auto result = engine.queries().buckets(principal, q.value(), op);
    if (!result)
        return Response::error(result.error());
    return Response::json(200, query::bucketsJson(result.value()));
}

Response exportResponse(Engine &engine, const Principal &principal, const Result<BucketQuery> &q,
    const Request &request, bool fromBody)
{
    if (!q)
        return Response::error(q.error());
    auto format = exportFormat(request, fromBody);
    if (!format)
        return Response::error(format.error());
    auto bytes = engine.exports().exportBuckets(principal, q.value(), format.value());
    if (!bytes)
        return Response::error(bytes.error());
    return exportBody(std::move(bytes.value()), format.value());
}

} // namespace

void addQueryRoutes(Router &router, Engine &engine)
{
    // POST /v1/usages is ingestion (UsageRoutes.cpp); the router dispatches on the method.
    router.add(Method::Get, QStringLiteral("/v1/usages"),
        authenticated(engine, [&engine](const Request &request, const Principal &principal) {
            return bucketsResponse(
                engine, principal, bucketQueryFromUrl(request, false), Operation::ListUsageBuckets);
        }));
    router.add(Method::Post, QStringLiteral("/v1/usages/search"),
        authenticated(engine, [&engine](const Request &request, const Principal &principal) {
            return bucketsResponse(
                engine, principal, bucketQueryFromBody(request, false), Operation::SearchUsageBuckets);
        }));
    router.add(Method::Get, QStringLiteral("/v1/usages/export"),
        authenticated(engine, [&engine](const Request &request, const Principal &principal) {
            return exportResponse(engine, principal, bucketQueryFromUrl(request, true), request, false);
        }));
    router.add(Method::Post, QStringLiteral("/v1/usages/export"),
        authenticated(engine, [&engine](const Request &request, const Principal &principal) {
            return exportResponse(engine, principal, bucketQueryFromBody(request, true), request, true);
        }));

    router.add(Method::Post, QStringLiteral("/v1/usages/breakdowns/search"),
        authenticated(engine, [&engine](const Request &request, const Principal &principal) {
            auto body = json::parseObjectBody(request.body);
            if (!body)
                return Response::error(body.error());
            json::ObjectReader reader(body.value());
            query::BreakdownQuery q;
            q.meter = reader.string(QLatin1StringView("meter")).value_or(QString()).trimmed();
            q.subject = reader.string(QLatin1StringView("subject")).value_or(QString()).trimmed();
            q.field = reader.string(QLatin1StringView("field")).value_or(QString());
            const auto fromText = reader.string(QLatin1StringView("from"));
            const auto toText = reader.string(QLatin1StringView("to"));
            q.limit = reader.integer(QLatin1StringView("limit")).value_or(0);
            const QJsonValue filterJson = reader.raw(QLatin1StringView("filter"));
            if (auto s = reader.status(); !s)
                return Response::error(s.error());
            auto filter = query::parseFilter(filterJson);
            if (!filter && filter.error().code == QLatin1String("invalid_json"))
                return Response::error(filter.error());
            auto from = requiredTime(fromText, {}, true);
            if (!from)
                return Response::error(from.error());
            auto to = requiredTime(toText, {}, false);
            if (!to)
                return Response::error(to.error());
            if (!filter)
                return Response::error(filter.error());
            q.fromNs = from.value();
            q.toNs = to.value();
            q.filter = std::move(filter.value());
            auto result = engine.queries().breakdowns(principal, q);
            if (!result)
                return Response::error(result.error());
            return Response::json(200, query::breakdownsJson(result.value()));
        }));

    router.add(Method::Get, QStringLiteral("/v1/usages/dimensions"),
        authenticated(engine, [&engine](const Request &request, const Principal &principal) {
            auto limit = optionalLimit(request);
            if (!limit)
                return Response::error(limit.error());
            query::DimensionValuesQuery q;
            q.limit = limit.value();
            // Both bounds are optional here; present ones must parse.
            for (const bool isFrom : {true, false}) {
                const auto text = queryText(request, isFrom ? QStringLiteral("from") : QStringLiteral("to"));
                if (!text || text->isEmpty())
                    continue;
                const auto ns = rfc3339::parse(QStringView(*text));
                if (!ns)
                    return Response::error(isFrom ? invalidFrom() : invalidTo());
                (isFrom ? q.fromNs : q.toNs) = *ns;
            }
            q.meter = request.queryValue(QStringLiteral("meter")).trimmed();
            q.field = request.queryValue(QStringLiteral("field"));
            q.subject = request.queryValue(QStringLiteral("subject")).trimmed();
            auto result = engine.queries().dimensionValues(principal, q);
            if (!result)
                return Response::error(result.error());
            return Response::json(200, query::dimensionValuesJson(result.value()));
        }));
}

} // namespace osc::http
