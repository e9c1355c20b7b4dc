#include "QueryParams.h"

#include "core/GoBool.h"

namespace osc::http {

Result<qint64> optionalLimit(const Request &request)
{
    if (!request.hasQuery(QStringLiteral("limit")))
        return qint64(0);
    const QString text = request.queryValue(QStringLiteral("limit")).trimmed();
    if (text.isEmpty())
        return qint64(0);
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    if (!ok || value <= 0)
        return Error::request(
            QStringLiteral("invalid_limit"), QStringLiteral("limit must be a positive integer"));
    return value;
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
