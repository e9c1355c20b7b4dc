#include "Router.h"

#include <QUrl>

namespace osc::http {

namespace {

QStringList splitPath(const QString &path)
{
    QStringList segments = path.split(QLatin1Char('/'));
    if (!segments.isEmpty() && segments.first().isEmpty())
        segments.removeFirst();
    if (segments.size() > 1 && segments.last().isEmpty())
        segments.removeLast(); // `/v1/usages/` matches `/v1/usages`
    return segments;
}

} // namespace

void Router::add(Method method, const QString &pattern, Handler handler)
{
    addAsync(method, pattern,
        [handler = std::move(handler)](const Request &request, Reply reply) { reply(handler(request)); });
}

void Router::addAsync(Method method, const QString &pattern, AsyncHandler handler)
{
    m_routes.append({method, splitPath(pattern), std::move(handler)});
}

QList<Router::RouteInfo> Router::routes() const
{
    QList<RouteInfo> out;
    out.reserve(m_routes.size());
    for (const Route &route : m_routes)
        out.append({route.method, QLatin1Char('/') + route.segments.join(QLatin1Char('/'))});
    return out;
}

bool Router::match(const QStringList &pattern, const QStringList &path, QHash<QString, QString> *params)
{
    if (pattern.size() != path.size())
        return false;
    for (qsizetype i = 0; i < pattern.size(); ++i) {
        const QString &p = pattern[i];
        if (p.startsWith(QLatin1Char('{')) && p.endsWith(QLatin1Char('}'))) {
            if (path[i].isEmpty())
                return false;
            if (params)
                params->insert(p.mid(1, p.size() - 2), QUrl::fromPercentEncoding(path[i].toUtf8()));
        } else if (p != path[i]) {
            return false;
        }
    }
    return true;
}

void Router::dispatch(Request &request, Reply reply) const
{
    const QStringList path = splitPath(request.path);
    QList<QByteArray> allowed;
    // Literal routes are registered before parameterised ones that could shadow them (`/v1/meters/stats`
    // before `/v1/meters/{id}`), so the first match wins.
    for (const Route &route : m_routes) {
        if (!match(route.segments, path, nullptr))
            continue;
        if (route.method != request.method) {
            if (!allowed.contains(methodName(route.method)))
                allowed.append(methodName(route.method));
            continue;
        }
        request.pathParams.clear();
        match(route.segments, path, &request.pathParams);
        return route.handler(request, std::move(reply));
    }
    if (!allowed.isEmpty()) {
        Response response = Response::empty(405);
        response.headers.append({"Allow", allowed.join(", ")});
        return reply(std::move(response));
    }
    reply(Response::error(
        Error::notFound(QStringLiteral("not found: no route for %1 %2")
                            .arg(QString::fromLatin1(methodName(request.method)), request.path))));
}

} // namespace osc::http
