#pragma once

#include "HttpTypes.h"

#include <functional>

namespace osc::http {

// Method + path dispatch with `{name}` segments. Unknown paths get a JSON 404; a known path with the
// wrong method gets 405 with an `Allow` header (contract §1.1). A trailing slash matches too.
class Router
{
public:
    using Handler = std::function<Response(const Request &)>;

    void add(Method method, const QString &pattern, Handler handler);
    Response dispatch(Request &request) const;

private:
    struct Route
    {
        Method method;
        QStringList segments;
        Handler handler;
    };
    static bool match(const QStringList &pattern, const QStringList &path, QHash<QString, QString> *params);

    QList<Route> m_routes;
};

} // namespace osc::http
