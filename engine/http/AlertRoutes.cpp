// Alerts (contract §9): destinations, rules, events and synchronous evaluation. Translation only.
#include "ApiRoutes.h"

#include "Engine.h"
#include "QueryParams.h"
#include "wire/AlertJson.h"
#include "json/StrictJson.h"

#include <QJsonArray>

namespace osc::http {

namespace {

QString pathId(const Request &request)
{
    return request.pathParams.value(QStringLiteral("id"));
}

Result<std::optional<bool>> enabledFilter(const Request &request)
{
    if (!request.hasQuery(QStringLiteral("enabled"))
        || request.queryValue(QStringLiteral("enabled")).isEmpty())
        return std::optional<bool>();
    auto value = optionalBool(request, QStringLiteral("enabled"), false, QStringLiteral("invalid_enabled"),
        QStringLiteral("enabled must be true or false"));
    if (!value)
        return value.error();
    return std::optional<bool>(value.value());
}

QJsonObject ruleViewJson(const AlertRuleView &view)
{
    return wire::ruleJson(view.rule, view.destination, view.states);
}

Response ruleResponse(int status, const Result<AlertRuleView> &view)
{
    if (!view)
        return Response::error(view.error());
    return Response::json(status, ruleViewJson(view.value()));
}

Response destinationResponse(int status, const Result<AlertDestination> &destination, bool withSecret)
{
    if (!destination)
        return Response::error(destination.error());
    return Response::json(status, wire::destinationJson(destination.value(), withSecret));
}

} // namespace

void addAlertRoutes(Router &router, Engine &engine)
{
    // Literal paths first: `/v1/alerts/events` and `/v1/alerts/destinations` before `/v1/alerts/{id}`.
    router.add(Method::Get, QStringLiteral("/v1/alerts/events"),
        authenticated(engine, [&engine](const Request &request, const Principal &principal) {
            auto limit = optionalLimit(request);
            if (!limit)
                return Response::error(limit.error());
            auto page = engine.alerts().listEvents(principal, request.queryValue(QStringLiteral("rule_id")),
                limit.value(), request.queryValue(QStringLiteral("cursor")));
            if (!page)
                return Response::error(page.error());
            QJsonArray items;
            for (const AlertEvent &event : page->items)
                items.append(wire::eventJson(event));
            QJsonObject body{{QStringLiteral("items"), items}};
            if (page->nextCursor)
                body.insert(QStringLiteral("next_cursor"), *page->nextCursor);
            return Response::json(200, body);
        }));

    // Ours (not upstream): every webhook attempt for one event or test delivery, oldest first. An id
    // with no attempt yet (queued, or never sent) lists none.
    router.add(Method::Get, QStringLiteral("/v1/alerts/events/{id}/deliveries"),
        authenticated(engine, [&engine](const Request &request, const Principal &principal) {
            auto log = engine.alerts().deliveryLog(principal, pathId(request));
            if (!log)
                return Response::error(log.error());
            QJsonArray items;
            for (const WebhookAttempt &attempt : log.value())
                items.append(wire::attemptJson(attempt));
            return Response::json(200, QJsonObject{{QStringLiteral("items"), items}});
        }));

    router.add(Method::Post, QStringLiteral("/v1/alerts/destinations"),
        authenticated(engine, [&engine](const Request &request, const Principal &principal) {
            auto draft = fromJsonBody(request, wire::destinationDraftFromJson);
            if (!draft)
                return Response::error(draft.error());
            return destinationResponse(
                201, engine.alerts().createDestination(principal, draft.value()), true);
        }));

    router.add(Method::Get, QStringLiteral("/v1/alerts/destinations"),
        authenticated(engine, [&engine](const Request &request, const Principal &principal) {
            auto enabled = enabledFilter(request);
            if (!enabled)
                return Response::error(enabled.error());
            auto limit = optionalLimit(request);
            if (!limit)
                return Response::error(limit.error());
            auto list = engine.alerts().listDestinations(
                principal, request.queryValue(QStringLiteral("type")), enabled.value(), limit.value());
            if (!list)
                return Response::error(list.error());
            QJsonArray items;
            for (const AlertDestination &destination : list.value())
                items.append(wire::destinationJson(destination));
            return Response::json(200, QJsonObject{{QStringLiteral("items"), items}});
        }));

    router.add(Method::Put, QStringLiteral("/v1/alerts/destinations/{id}"),
        authenticated(engine, [&engine](const Request &request, const Principal &principal) {
            auto patch = fromJsonBody(request, wire::destinationPatchFromJson);
            if (!patch)
                return Response::error(patch.error());
            return destinationResponse(
                200, engine.alerts().updateDestination(principal, pathId(request), patch.value()), false);
        }));

    router.add(Method::Delete, QStringLiteral("/v1/alerts/destinations/{id}"),
        authenticated(engine, [&engine](const Request &request, const Principal &principal) {
            const Status removed = engine.alerts().removeDestination(principal, pathId(request));
            return removed ? Response::noContent() : Response::error(removed.error());
        }));

    router.add(Method::Post, QStringLiteral("/v1/alerts/destinations/{id}/webhook-secret/rotate"),
        authenticated(engine, [&engine](const Request &request, const Principal &principal) {
            return destinationResponse(200, engine.alerts().rotateSecret(principal, pathId(request)), true);
        }));

    // Ours (not upstream): queues a signed `test` event to the destination through the worker's delivery
    // path (retries included); 202 with the id its delivery log is filed under.
    router.add(Method::Post, QStringLiteral("/v1/alerts/destinations/{id}/test"),
        authenticated(engine, [&engine](const Request &request, const Principal &principal) {
            auto eventId = engine.alerts().sendTestEvent(principal, pathId(request));
            if (!eventId)
                return Response::error(eventId.error());
            return Response::json(202,
                QJsonObject{{QStringLiteral("event_id"), eventId.value()},
                    {QStringLiteral("destination_id"), pathId(request)}});
        }));

    router.add(Method::Post, QStringLiteral("/v1/alerts"),
        authenticated(engine, [&engine](const Request &request, const Principal &principal) {
            auto draft = fromJsonBody(request, wire::ruleDraftFromJson);
            if (!draft)
                return Response::error(draft.error());
            return ruleResponse(201, engine.alerts().createRule(principal, draft.value()));
        }));

    router.add(Method::Get, QStringLiteral("/v1/alerts"),
        authenticated(engine, [&engine](const Request &request, const Principal &principal) {
            auto enabled = enabledFilter(request);
            if (!enabled)
                return Response::error(enabled.error());
            auto limit = optionalLimit(request);
            if (!limit)
                return Response::error(limit.error());
            auto list = engine.alerts().listRules(
                principal, request.queryValue(QStringLiteral("meter")), enabled.value(), limit.value());
            if (!list)
                return Response::error(list.error());
            QJsonArray items;
            for (const AlertRuleView &view : list.value())
                items.append(ruleViewJson(view));
            return Response::json(200, QJsonObject{{QStringLiteral("items"), items}});
        }));

    router.add(Method::Get, QStringLiteral("/v1/alerts/{id}"),
        authenticated(engine, [&engine](const Request &request, const Principal &principal) {
            return ruleResponse(200, engine.alerts().getRule(principal, pathId(request)));
        }));

    router.add(Method::Put, QStringLiteral("/v1/alerts/{id}"),
        authenticated(engine, [&engine](const Request &request, const Principal &principal) {
            auto patch = fromJsonBody(request, wire::rulePatchFromJson);
            if (!patch)
                return Response::error(patch.error());
            return ruleResponse(200, engine.alerts().updateRule(principal, pathId(request), patch.value()));
        }));

    router.add(Method::Delete, QStringLiteral("/v1/alerts/{id}"),
        authenticated(engine, [&engine](const Request &request, const Principal &principal) {
            const Status removed = engine.alerts().removeRule(principal, pathId(request));
            return removed ? Response::noContent() : Response::error(removed.error());
        }));

    router.add(Method::Post, QStringLiteral("/v1/alerts/{id}/evaluate"),
        authenticated(engine, [&engine](const Request &request, const Principal &principal) {
            auto result = engine.alerts().evaluateNow(principal, pathId(request));
            if (!result)
                return Response::error(result.error());
            QJsonObject body{{QStringLiteral("rule"), ruleViewJson(result->view)},
                {QStringLiteral("state"), wire::stateJson(result->state)}};
            if (!result->events.isEmpty()) {
                body.insert(QStringLiteral("event"), wire::eventJson(result->events.first()));
                QJsonArray events;
                for (const AlertEvent &event : result->events)
                    events.append(wire::eventJson(event));
                body.insert(QStringLiteral("events"), events);
            }
            return Response::json(200, body);
        }));
}

} // namespace osc::http
