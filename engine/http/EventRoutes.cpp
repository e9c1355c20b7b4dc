// Raw events, subjects and the raw-event export (contract §6.9, §6.10, §7.2; `format` json/ndjson is ours).

#include "ApiRoutes.h"

#include "Engine.h"
#include "QueryParams.h"
#include "core/Rfc3339.h"
#include "format/JsonWriter.h"
#include "wire/QueryRequests.h"
#include "wire/UsageJson.h"
#include "json/StrictJson.h"

namespace osc::http {

namespace {

Result<EventSearch> searchFromQuery(const Request &request)
{
    return wire::eventSearchFromUrl(request.query);
}

// POST form: a body limit of 0 or below means the default for lists; exports reject negatives.
Result<EventSearch> searchFromBody(const Request &request)
{
    return fromJsonBody(request, [](const QJsonObject &body) { return wire::eventSearchFromJson(body); });
}

Response pageResponse(const Page<UsageEvent> &page)
{
    QByteArray out = "{\"items\":" + wire::usageEventsJsonArray(page.items);
    if (page.nextCursor) {
        out += ",\"next_cursor\":";
        wire::appendJsonString(out, *page.nextCursor);
    }
    out += '}';
    return Response::json(200, std::move(out));
}

Response listResponse(
    Engine &engine, const Principal &principal, const Result<EventSearch> &search, bool form)
{
    if (!search)
        return Response::error(search.error());
    auto page = engine.events().listEvents(principal, search.value(), form);
    if (!page)
        return Response::error(page.error());
    return pageResponse(page.value());
}

// The direct event export in CSV (upstream) or, with `format`, JSON / NDJSON (ours): the GET form reads
// it from the query, the POST form from the body.
Response exportResponse(Engine &engine, const Principal &principal, const Result<EventSearch> &search,
    const Request &request, bool fromBody)
{
    if (!search)
        return Response::error(search.error());
    auto format = directExportFormat(request, fromBody);
    if (!format)
        return Response::error(format.error());
    auto csvSafe = csvSafeOption(request, fromBody);
    if (!csvSafe)
        return Response::error(csvSafe.error());
    auto bytes = engine.exports().exportEvents(principal, search.value(), format.value(), csvSafe.value());
    if (!bytes)
        return Response::error(bytes.error()); // JSON envelope, as upstream (contract §15 Q19)
    Response response{200, exportContentType(format.value()), std::move(bytes.value()), {}, {}, {}};
    response.headers.append(qMakePair(QByteArray("Content-Disposition"),
        QByteArray("attachment; filename=\"usage-events.") + exportFileExtension(format.value()).toLatin1()
            + '"'));
    return response;
}

QByteArray subjectsJson(const Page<SubjectSummary> &page)
{
    QByteArray out = "{\"items\":[";
    for (qsizetype i = 0; i < page.items.size(); ++i) {
        const SubjectSummary &s = page.items[i];
        if (i > 0)
            out += ',';
        out += "{\"subject\":";
        wire::appendJsonString(out, s.subject);
        out += ",\"usage_events\":" + QByteArray::number(s.usageEvents);
        out += ",\"meters\":" + QByteArray::number(s.meters);
        out += ",\"last_event_at\":\"" + rfc3339::formatSeconds(s.lastEventAtNs).toLatin1() + "\"}";
    }
    out += ']';
    if (page.nextCursor) {
        out += ",\"next_cursor\":";
        wire::appendJsonString(out, *page.nextCursor);
    }
    out += '}';
    return out;
}

} // namespace

void addEventRoutes(Router &router, Engine &engine)
{
    router.addHeavy(Method::Get, QStringLiteral("/v1/usageevents"),
        authenticated(engine, [&engine](const Request &request, const Principal &principal) {
            return listResponse(engine, principal, searchFromQuery(request), false);
        }));
    router.addHeavy(Method::Post, QStringLiteral("/v1/usageevents/search"),
        authenticated(engine, [&engine](const Request &request, const Principal &principal) {
            return listResponse(engine, principal, searchFromBody(request), true);
        }));
    router.addHeavy(Method::Get, QStringLiteral("/v1/usageevents/export"),
        authenticated(engine, [&engine](const Request &request, const Principal &principal) {
            return exportResponse(engine, principal, searchFromQuery(request), request, false);
        }));
    router.addHeavy(Method::Post, QStringLiteral("/v1/usageevents/export"),
        authenticated(engine, [&engine](const Request &request, const Principal &principal) {
            return exportResponse(engine, principal, searchFromBody(request), request, true);
        }));

    router.addHeavy(Method::Get, QStringLiteral("/v1/subjects"),
        authenticated(engine, [&engine](const Request &request, const Principal &principal) {
            auto limit = optionalLimit(request);
            if (!limit)
                return Response::error(limit.error());
            auto page = engine.events().listSubjects(
                principal, limit.value(), request.queryValue(QStringLiteral("cursor")));
            if (!page)
                return Response::error(page.error());
            return Response::json(200, subjectsJson(page.value()));
        }));
    router.addHeavy(Method::Get, QStringLiteral("/v1/subjects/{subject}/usageevents"),
        authenticated(engine, [&engine](const Request &request, const Principal &principal) {
            auto limit = optionalLimit(request);
            if (!limit)
                return Response::error(limit.error());
            auto events = engine.events().subjectEvents(
                principal, request.pathParams.value(QStringLiteral("subject")), limit.value());
            if (!events)
                return Response::error(events.error());
            return Response::json(200, wire::usageEventsJsonArray(events.value()));
        }));
}

} // namespace osc::http
