#pragma once

#include "HttpTypes.h"
#include "core/Result.h"
#include "model/ExportJob.h"
#include "json/StrictJson.h"

#include <QJsonObject>

namespace osc::http {

// HTTP-level parameter parsing of contract §1.2/§1.9 (400 with the request-level codes).
// `limit` absent → 0 (the engine applies its default); present must be a positive integer.
Result<qint64> optionalLimit(const Request &request);
// `format` of a direct export (ours): from the query string (GET) or the body (POST); absent = csv.
Result<ExportFormat> directExportFormat(const Request &request, bool fromBody);
// `csv_safe` of a direct export (ours): a Go bool in the query string (GET) or a JSON bool in the body
// (POST); absent = the server's setting. Bad values → 400 `invalid_csv_safe`.
Result<std::optional<bool>> csvSafeOption(const Request &request, bool fromBody);
// POST forms: the body as a JSON object (`invalid_json` otherwise), then one of the shared parsers.
template <typename Parse>
auto fromJsonBody(const Request &request, Parse parse) -> decltype(parse(QJsonObject()))
{
    auto body = json::parseObjectBody(request.body);
    if (!body)
        return body.error();
    return parse(body.value());
}
// Go strconv.ParseBool spellings; absent → fallback.
Result<bool> optionalBool(
    const Request &request, const QString &key, bool fallback, const QString &code, const QString &message);

} // namespace osc::http
