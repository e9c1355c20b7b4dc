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

Result<std::optional<bool>> csvSafeOption(const Request &request, bool fromBody)
{
    const QString key = QStringLiteral("csv_safe");
    if (!fromBody) {
        const QString text = request.queryValue(key);
        if (text.isEmpty())
            return std::optional<bool>();
        if (const auto parsed = parseGoBool(text))
            return std::optional<bool>(*parsed);
        return Error::request(
            QStringLiteral("invalid_csv_safe"), QStringLiteral("csv_safe must be true or false"));
    }
    return fromJsonBody(request, [](const QJsonObject &body) -> Result<std::optional<bool>> {
        json::ObjectReader reader(body);
        const auto value = reader.boolean(QLatin1StringView("csv_safe"));
        if (auto s = reader.status(); !s)
            return s.error();
        return value;
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
