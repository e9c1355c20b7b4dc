// Saved usage queries over a dashboard session (contract §8). Session-only: an API key is 401.
#include "ApiRoutes.h"

#include "Engine.h"
#include "core/Rfc3339.h"
#include "json/StrictJson.h"

namespace osc::http {

namespace {

QJsonObject savedQueryToJson(const SavedQuery &query)
{
    return {
        {QStringLiteral("id"), query.id},
        {QStringLiteral("name"), query.name},
        {QStringLiteral("query"), query.query},
        {QStringLiteral("group_by"), QJsonArray::fromStringList(query.groupBy)},
        {QStringLiteral("bucket_size"), query.bucketSize},
        {QStringLiteral("limit"), query.limit},
        {QStringLiteral("pinned"), query.pinned},
        {QStringLiteral("position"), query.position},
        {QStringLiteral("created_at"), rfc3339::formatSeconds(query.createdAtNs)},
        {QStringLiteral("updated_at"), rfc3339::formatSeconds(query.updatedAtNs)},
    };
}

Result<SavedQueryDraft> draftFromBody(const QByteArray &body)
{
    auto object = json::parseObjectBody(body);
    if (!object)
        return object.error();
    json::ObjectReader reader(object.value());
    SavedQueryDraft draft;
    draft.name = reader.string(QLatin1StringView("name")).value_or(QString());
    // `query` is opaque to the server; anything but an object is refused by the service as empty.
    const QJsonValue query = reader.raw(QLatin1StringView("query"));
    if (query.isObject())
        draft.query = query.toObject();
    else if (!query.isUndefined() && !query.isNull())
        draft.query = QJsonObject();
    draft.groupBy = reader.stringList(QLatin1StringView("group_by")).value_or(QStringList());
    draft.bucketSize = reader.string(QLatin1StringView("bucket_size")).value_or(QString());
    draft.limit = reader.integer(QLatin1StringView("limit"));
    draft.pinned = reader.boolean(QLatin1StringView("pinned"));
    draft.position = reader.integer(QLatin1StringView("position"));
    if (auto s = reader.status(); !s)
        return s.error();
    return draft;
}

} // namespace

void addSavedQueryRoutes(Router &router, Engine &engine)
{
    router.add(Method::Get, QStringLiteral("/v1/usage/saved-queries"),
        sessionOnly(engine, [&engine](const Request &, const Principal &session) {
            auto queries = engine.savedQueries().list(session);
            if (!queries)
                return Response::error(queries.error());
            QJsonArray items;
            for (const SavedQuery &query : queries.value())
                items.append(savedQueryToJson(query));
            return Response::json(200, QJsonObject{{QStringLiteral("items"), items}});
        }));

    router.add(Method::Post, QStringLiteral("/v1/usage/saved-queries"),
        sessionOnly(engine, [&engine](const Request &request, const Principal &session) {
            auto draft = draftFromBody(request.body);
            if (!draft)
                return Response::error(draft.error());
            auto created = engine.savedQueries().create(session, draft.value());
            if (!created)
                return Response::error(created.error());
            return Response::json(201, savedQueryToJson(created.value()));
        }));

    router.add(Method::Put, QStringLiteral("/v1/usage/saved-queries/{id}"),
        sessionOnly(engine, [&engine](const Request &request, const Principal &session) {
            auto draft = draftFromBody(request.body);
            if (!draft)
                return Response::error(draft.error());
            auto updated = engine.savedQueries().update(
                session, request.pathParams.value(QStringLiteral("id")), draft.value());
            if (!updated)
                return Response::error(updated.error());
            return Response::json(200, savedQueryToJson(updated.value()));
        }));

    router.add(Method::Delete, QStringLiteral("/v1/usage/saved-queries/{id}"),
        sessionOnly(engine, [&engine](const Request &request, const Principal &session) {
            const Status removed
                = engine.savedQueries().remove(session, request.pathParams.value(QStringLiteral("id")));
            return removed ? Response::noContent() : Response::error(removed.error());
        }));
}

} // namespace osc::http
