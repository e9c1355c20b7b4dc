#include "QueryParams.h"

#include "core/GoBool.h"
#include "export/ExportJobs.h"
#include "wire/QueryRequests.h"

namespace osc::http {

Result<qint64> optionalLimit(const Request &request)
{
    return wire::limitFromUrl(request.query);
}

Result<ExportFormat> directExportFormat(const Request &request, bool fromBody)
{
    if (!fromBody)
        return ExportJobs::parseDirectFormat(request.queryValue(QStringLiteral("format")));
    return fromJsonBody(request, [](const QJsonObject &body) -> Result<ExportFormat> {
        json::ObjectReader reader(body);
        const QString name = reader.string(QLatin1StringView("format")).value_or(QString());
        if (auto s = reader.status(); !s)
            return s.error();
        return ExportJobs::parseDirectFormat(name);
    });
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
