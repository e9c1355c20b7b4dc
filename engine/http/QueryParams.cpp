#include "QueryParams.h"

#include "core/GoBool.h"
#include "wire/QueryRequests.h"

namespace osc::http {

Result<qint64> optionalLimit(const Request &request)
{
    return wire::limitFromUrl(request.query);
}

Result<bool> optionalBool(
    const Request &request, const QString &key, bool fallback, const QString &code, const QString &message)
{
    if (!request.hasQuery(key))
        return fallback;
    const QString text = request.queryValue(key);
    if (text.isEmpty())
        return fallback;
    if (const auto parsed = parseGoBool(text))
        return *parsed;
    return Error::request(code, message);
}

} // namespace osc::http
