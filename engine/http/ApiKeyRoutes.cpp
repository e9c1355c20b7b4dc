// API key management over a dashboard session (contract §2.5). Session-only: an API key is 401.
#include "ApiRoutes.h"

#include "Engine.h"
#include "RequestAuth.h"
#include "core/Rfc3339.h"
#include "wire/ApiKeyJson.h"
#include "json/StrictJson.h"

namespace osc::http {

namespace {

Result<ApiKeyDraft> apiKeyDraftFromBody(const QByteArray &body)
{
    auto object = json::parseObjectBody(body);
    if (!object)
        return object.error();
    json::ObjectReader reader(object.value());
    ApiKeyDraft draft;
    draft.name = reader.string(QLatin1StringView("name")).value_or(QString());
    draft.scopes = reader.stringList(QLatin1StringView("scopes")).value_or(QStringList());
    draft.allowedMeters = reader.stringList(QLatin1StringView("allowed_meters")).value_or(QStringList());
    const std::optional<QString> expiresAt = reader.string(QLatin1StringView("expires_at"));
    if (auto s = reader.status(); !s)
        return s.error();
    if (expiresAt && !expiresAt->isEmpty()) {
        const std::optional<TimeNs> expires = rfc3339::parse(QStringView(*expiresAt));
        if (!expires)
            return Error::request(
                QStringLiteral("invalid_expires_at"), QStringLiteral("expires_at must be RFC3339"));
        // Expiry is only compared with the clock: a year-3000 expiry is "never" within qint64.
        draft.expiresAtNs = expires->clampedInt64();
    }
    return draft;
}

} // namespace

void addApiKeyRoutes(Router &router, Engine &engine)
{
    router.add(Method::Post, QStringLiteral("/v1/auth/api-keys"),
        sessionOnly(engine, [&engine](const Request &request, const Principal &session) {
            auto draft = apiKeyDraftFromBody(request.body);
            if (!draft)
                return Response::error(draft.error());
            auto created = engine.apiKeys().createForUser(session, draft.value());
            if (!created)
                return Response::error(created.error());
            return Response::json(201, wire::createdApiKeyToJson(created.value()));
        }));

    router.add(Method::Get, QStringLiteral("/v1/auth/api-keys"),
        sessionOnly(engine, [&engine](const Request &, const Principal &session) {
            auto keys = engine.apiKeys().listForUser(session);
            if (!keys)
                return Response::error(keys.error());
            QJsonArray items;
            for (const ApiKey &key : keys.value())
                items.append(wire::apiKeyToJson(key));
            return Response::json(200, QJsonObject{{QStringLiteral("items"), items}});
        }));

    router.add(Method::Delete, QStringLiteral("/v1/auth/api-keys/{id}"),
        sessionOnly(engine, [&engine](const Request &request, const Principal &session) {
            const Status removed
                = engine.apiKeys().removeForUser(session, request.pathParams.value(QStringLiteral("id")));
            return removed ? Response::noContent() : Response::error(removed.error());
        }));
}

} // namespace osc::http
