#pragma once

#include "HttpTypes.h"

#include <functional>

namespace osc::http {

// Method + path dispatch with `{name}` segments. Unknown paths get a JSON 404; a known path with the
// wrong method gets 405 with an `Allow` header (contract §1.1). A trailing slash matches too.
class Router
{
public:
    // Completes a request. Callable from any thread, exactly once.
    using Reply = std::function<void(Response)>;
    using Handler = std::function<Response(const Request &)>;
    // For work that finishes later (a group commit): the handler copies what it needs from the request
    // before returning and calls `reply` when done.
    using AsyncHandler = std::function<void(const Request &, Reply)>;

    // Heavy routes (bucket queries, breakdowns, event reads, exports, stats) are answered on the HTTP
    // server's worker pool, so they never hold /health, ingestion and cheap reads behind them.
    enum class Cost
    {
        Cheap,
        Heavy,
    };

    // Every route in registration order, as registered (`/v1/meters/{id}`): the OpenAPI test walks it.
    struct RouteInfo
    {
        Method method;
        QString pattern;
    };
    QList<RouteInfo> routes() const;

    struct Route
    {
        Method method;
        QStringList segments;
        AsyncHandler handler;
        Cost cost = Cost::Cheap;
    };

    void add(Method method, const QString &pattern, Handler handler, Cost cost = Cost::Cheap);
    void addHeavy(Method method, const QString &pattern, Handler handler)
    {
        add(method, pattern, std::move(handler), Cost::Heavy);
    }
    void addAsync(Method method, const QString &pattern, AsyncHandler handler, Cost cost = Cost::Cheap);
    // The route for `request` (its pathParams filled), or null with the 404 / 405 answer in `refusal`.
    const Route *resolve(Request &request, Response *refusal) const;
    // resolve() and run the handler on the calling thread.
    void dispatch(Request &request, Reply reply) const;

private:
    static bool match(const QStringList &pattern, const QStringList &path, QHash<QString, QString> *params);

    QList<Route> m_routes;
};

} // namespace osc::http
