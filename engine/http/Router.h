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

    void add(Method method, const QString &pattern, Handler handler);
    void addAsync(Method method, const QString &pattern, AsyncHandler handler);
    void dispatch(Request &request, Reply reply) const;

    // Every route in registration order, as registered (`/v1/meters/{id}`): the OpenAPI test walks it.
    struct RouteInfo
    {
        Method method;
        QString pattern;
    };
    QList<RouteInfo> routes() const;

private:
    struct Route
    {
        Method method;
        QStringList segments;
        AsyncHandler handler;
    };
    static bool match(const QStringList &pattern, const QStringList &path, QHash<QString, QString> *params);

    QList<Route> m_routes;
};

} // namespace osc::http
