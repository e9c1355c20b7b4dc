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

void Router::add(Method method, const QString &pattern, Handler handler, Cost cost)
{
    addAsync(
        method, pattern,
        [handler = std::move(handler)](const Request &request, Reply reply) { reply(handler(request)); },
        cost);
}

void Router::addAsync(Method method, const QString &pattern, AsyncHandler handler, Cost cost)
{
    m_routes.append({method, splitPath(pattern), std::move(handler), cost});
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

const Router::Route *Router::resolve(Request &request, Response *refusal) const
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
        return &route;
    }
    const QString method = request.methodToken.isEmpty() ? QString::fromLatin1(methodName(request.method))
                                                         : QString::fromLatin1(request.methodToken);
    if (!allowed.isEmpty()) {
        // Upstream answers 405 with an empty body; the envelope is what every other error carries, and
        // clients that ignore bodies on 405 see no difference.
        *refusal = Response::error(Error{ErrorKind::InvalidInput, QStringLiteral("method_not_allowed"),
            QStringLiteral("method not allowed: %1 %2 (allowed: %3)")
                .arg(method, request.path, QString::fromLatin1(allowed.join(", ")))});
        refusal->status = 405;
        refusal->headers.append({"Allow", allowed.join(", ")});
        return nullptr;
    }
    *refusal = Response::error(
        Error::notFound(QStringLiteral("not found: no route for %1 %2").arg(method, request.path)));
    return nullptr;
}

void Router::dispatch(Request &request, Reply reply) const
{
    Response refusal;
    if (const Route *route = resolve(request, &refusal))
        return route->handler(request, std::move(reply));
    reply(std::move(refusal));
}

} // namespace osc::http
