#include "ApiRoutes.h"

#include "Engine.h"
#include "QueryParams.h"
#include "RequestAuth.h"
#include "wire/PlanJson.h"
#include "json/StrictJson.h"

namespace osc::http {

namespace {

template <typename T, typename ToJson> Response itemsResponse(const QList<T> &items, ToJson toJson)
{
    QJsonArray array;
    for (const T &item : items)
        array.append(toJson(item));
    return Response::json(200, QJsonObject{{QStringLiteral("items"), array}});
}

QString pathParam(const Request &request, const char *name)
{
    return request.pathParams.value(QString::fromLatin1(name));
}

} // namespace

// Contract §10.2–§10.3. Literal paths (/v1/plans/assignments, /v1/plans/subjects/…) are registered
// before /v1/plans/{id} so the first match wins.
void addPlanRoutes(Router &router, Engine &engine)
{
    router.add(Method::Get, QStringLiteral("/v1/plans/assignments"),
        authenticated(engine, [&engine](const Request &request, const Principal &principal) {
            auto limit = optionalLimit(request);
            if (!limit)
                return Response::error(limit.error());
            auto history = optionalBool(request, QStringLiteral("include_history"), false,
                QStringLiteral("invalid_include_history"),
                QStringLiteral("include_history must be true or false"));
            if (!history)
                return Response::error(history.error());
            auto rows = engine.assignments().list(principal, request.queryValue(QStringLiteral("subject")),
                request.queryValue(QStringLiteral("plan_id")), history.value(), limit.value());
            if (!rows)
                return Response::error(rows.error());
            const qint64 now = engine.clock().nowNs();
            return itemsResponse(
                rows.value(), [now](const PlanAssignment &a) { return wire::assignmentToJson(a, now); });
        }));

    router.add(Method::Put, QStringLiteral("/v1/plans/subjects/{subject}"),
        authenticated(engine, [&engine](const Request &request, const Principal &principal) {
            auto body = fromJsonBody(request, wire::assignmentRequestFromJson);
            if (!body)
                return Response::error(body.error());
            auto assignment = engine.assignments().assign(
                principal, pathParam(request, "subject"), body->planId, body->effectiveAt);
            if (!assignment)
                return Response::error(assignment.error());
            return Response::json(200, wire::assignmentToJson(assignment.value(), engine.clock().nowNs()));
        }));

    router.add(Method::Delete, QStringLiteral("/v1/plans/subjects/{subject}"),
        authenticated(engine, [&engine](const Request &request, const Principal &principal) {
            const Status ended = engine.assignments().unassign(principal, pathParam(request, "subject"));
            if (!ended)
                return Response::error(ended.error());
            return Response::noContent();
        }));

    router.add(Method::Get, QStringLiteral("/v1/plans/subjects/{subject}/progress"),
        authenticated(engine, [&engine](const Request &request, const Principal &principal) {
            auto progress = engine.entitlements().progress(principal, pathParam(request, "subject"));
            if (!progress)
                return Response::error(progress.error());
            return Response::json(200, wire::progressToJson(progress.value()));
        }));

    router.add(Method::Post, QStringLiteral("/v1/plans"),
        authenticated(engine, [&engine](const Request &request, const Principal &principal) {
            auto draft = fromJsonBody(request, wire::planDraftFromJson);
            if (!draft)
                return Response::error(draft.error());
            auto plan = engine.plans().create(principal, draft.value());
            if (!plan)
                return Response::error(plan.error());
            return Response::json(201, wire::planToJson(plan.value()));
        }));

    router.add(Method::Get, QStringLiteral("/v1/plans"),
        authenticated(engine, [&engine](const Request &request, const Principal &principal) {
            auto limit = optionalLimit(request);
            if (!limit)
                return Response::error(limit.error());
            auto plans = engine.plans().list(principal, limit.value());
            if (!plans)
                return Response::error(plans.error());
            return itemsResponse(plans.value(), wire::planToJson);
        }));

    router.add(Method::Get, QStringLiteral("/v1/plans/{id}"),
        authenticated(engine, [&engine](const Request &request, const Principal &principal) {
            auto plan = engine.plans().get(principal, pathParam(request, "id"));
            if (!plan)
                return Response::error(plan.error());
            return Response::json(200, wire::planToJson(plan.value()));
        }));

    router.add(Method::Put, QStringLiteral("/v1/plans/{id}"),
        authenticated(engine, [&engine](const Request &request, const Principal &principal) {
            auto draft = fromJsonBody(request, wire::planDraftFromJson);
            if (!draft)
                return Response::error(draft.error());
            auto plan = engine.plans().update(principal, pathParam(request, "id"), draft.value());
            if (!plan)
                return Response::error(plan.error());
            return Response::json(200, wire::planToJson(plan.value()));
        }));

    router.add(Method::Delete, QStringLiteral("/v1/plans/{id}"),
        authenticated(engine, [&engine](const Request &request, const Principal &principal) {
            const Status removed = engine.plans().remove(principal, pathParam(request, "id"));
            if (!removed)
                return Response::error(removed.error());
            return Response::noContent();
        }));

    router.add(Method::Post, QStringLiteral("/v1/plans/{id}/preview"),
        authenticated(engine, [&engine](const Request &request, const Principal &principal) {
            auto draft = fromJsonBody(request, wire::planDraftFromJson);
            if (!draft)
                return Response::error(draft.error());
            auto preview = engine.plans().preview(principal, pathParam(request, "id"), draft.value());
            if (!preview)
                return Response::error(preview.error());
            return Response::json(200, wire::previewToJson(preview.value()));
        }));
}

// Contract §10.6–§10.7.
void addEntitlementRoutes(Router &router, Engine &engine)
{
    router.add(Method::Post, QStringLiteral("/v1/entitlements/check"),
        authenticated(engine, [&engine](const Request &request, const Principal &principal) {
            auto body = fromJsonBody(request, wire::checkRequestFromJson);
            if (!body)
                return Response::error(body.error());
            auto decision = engine.entitlements().check(principal, body.value());
            if (!decision)
                return Response::error(decision.error());
            return Response::json(200, wire::decisionToJson(decision.value())); // 200 for every decision
        }));

    const auto filterFrom = [](const Request &request, qint64 limit) {
        EntitlementFilter filter;
        filter.subject = request.queryValue(QStringLiteral("subject"));
        filter.meter = request.queryValue(QStringLiteral("meter"));
        filter.planId = request.queryValue(QStringLiteral("plan_id"));
        filter.state = request.queryValue(QStringLiteral("state"));
        filter.type = request.queryValue(QStringLiteral("type"));
        filter.cursor = request.queryValue(QStringLiteral("cursor"));
        filter.limit = limit;
        return filter;
    };

    router.add(Method::Get, QStringLiteral("/v1/entitlements/states"),
        authenticated(engine, [&engine, filterFrom](const Request &request, const Principal &principal) {
            auto limit = optionalLimit(request);
            if (!limit)
                return Response::error(limit.error());
            auto rows = engine.entitlements().states(principal, filterFrom(request, limit.value()));
            if (!rows)
                return Response::error(rows.error());
            return itemsResponse(rows.value(), wire::entitlementStateToJson);
        }));

    router.add(Method::Get, QStringLiteral("/v1/entitlements/events"),
        authenticated(engine, [&engine, filterFrom](const Request &request, const Principal &principal) {
            auto limit = optionalLimit(request);
            if (!limit)
                return Response::error(limit.error());
            auto page = engine.entitlements().events(principal, filterFrom(request, limit.value()));
            if (!page)
                return Response::error(page.error());
            QJsonArray items;
            for (const EntitlementEvent &e : page->items)
                items.append(wire::entitlementEventToJson(e));
            QJsonObject body{{QStringLiteral("items"), items}};
            if (page->nextCursor)
                body.insert(QStringLiteral("next_cursor"), *page->nextCursor);
            return Response::json(200, body);
        }));

    router.add(Method::Get, QStringLiteral("/v1/entitlements/periods"),
        authenticated(engine, [&engine, filterFrom](const Request &request, const Principal &principal) {
            auto limit = optionalLimit(request);
            if (!limit)
                return Response::error(limit.error());
            auto rows = engine.entitlements().periods(principal, filterFrom(request, limit.value()));
            if (!rows)
                return Response::error(rows.error());
            return itemsResponse(rows.value(), wire::periodSnapshotToJson);
        }));
}

} // namespace osc::http
