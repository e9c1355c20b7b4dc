#pragma once

#include "RequestAuth.h"
#include "Router.h"

#include "Engine.h"

namespace osc::http {

// The REST surface: builds the route table over the engine. Handlers only translate between HTTP and
// the engine; every rule lives in the engine.
void addSystemRoutes(Router &router, Engine &engine);
void addMeterRoutes(Router &router, Engine &engine);
void addUsageRoutes(Router &router, Engine &engine);
void addQueryRoutes(Router &router, Engine &engine);
void addEventRoutes(Router &router, Engine &engine);
void addRetentionRoutes(Router &router, Engine &engine);
void addExportRoutes(Router &router, Engine &engine);
void addAuthRoutes(Router &router, Engine &engine); // users, sessions, providers
void addApiKeyRoutes(Router &router, Engine &engine); // /v1/auth/api-keys (session only)
void addSavedQueryRoutes(Router &router, Engine &engine); // /v1/usage/saved-queries (session only)
void addPlanRoutes(Router &router, Engine &engine); // /v1/plans*
void addEntitlementRoutes(Router &router, Engine &engine); // /v1/entitlements/*
void addAlertRoutes(Router &router, Engine &engine); // /v1/alerts* (§9)
void addUsageReportRoutes(Router &router, Engine &engine); // /export/{dataType}[/csv|/json] (ours)
void addOpenApiRoutes(Router &router); // GET /openapi.json (ours, no auth)

Router buildApiRouter(Engine &engine);

// The key's rate-limit headers (RateLimit-Limit/-Remaining/-Reset, and Retry-After on a 429); nothing
// for callers without a limit, so existing clients see no change.
void addRateLimitHeaders(Response &response, const RateDecision &decision);
Response rateLimited(const RateDecision &decision);

// Wraps a handler of a protected route: credentials are resolved first (401 before anything else),
// then `handler(request, principal)` runs.
// A key over its rate limit gets 429 before the handler runs (after 401: an unknown key has no bucket).
template <typename Handler> Router::Handler authenticated(Engine &engine, Handler handler)
{
    return [&engine, handler = std::move(handler)](const Request &request) -> Response {
        auto principal = authenticate(request, engine.apiKeys(), engine.accounts());
        if (!principal)
            return Response::error(principal.error());
        const RateDecision rate = engine.rateLimits().take(principal.value());
        if (!rate.allowed)
            return rateLimited(rate);
        Response response = handler(request, principal.value());
        addRateLimitHeaders(response, rate);
        return response;
    };
}

// The same for asynchronous handlers: `handler(request, principal, reply)`.
template <typename Handler> Router::AsyncHandler authenticatedAsync(Engine &engine, Handler handler)
{
    return [&engine, handler = std::move(handler)](const Request &request, Router::Reply reply) {
        auto principal = authenticate(request, engine.apiKeys(), engine.accounts());
        if (!principal)
            return reply(Response::error(principal.error()));
        const RateDecision rate = engine.rateLimits().take(principal.value());
        if (!rate.allowed)
            return reply(rateLimited(rate));
        if (!rate.limited)
            return handler(request, principal.value(), std::move(reply));
        handler(request, principal.value(), [rate, reply = std::move(reply)](Response response) {
            addRateLimitHeaders(response, rate);
            reply(std::move(response));
        });
    };
}

// Wraps a handler of a session-only route (key management, saved queries): an API key, even a valid
// one, is 401; then `handler(request, session)` runs.
template <typename Handler> Router::Handler sessionOnly(Engine &engine, Handler handler)
{
    return [&engine, handler = std::move(handler)](const Request &request) -> Response {
        auto principal = authenticateSession(request, engine.accounts());
        if (!principal)
            return Response::error(principal.error());
        return handler(request, principal.value());
    };
}

} // namespace osc::http
