// The usage export reports (the peer's Usage Export API, issue 18): POST /export/{dataType} and its
// /csv and /json forms. Bearer keys only; errors in the peer's body shape, {"message","code"}.
#include "ApiRoutes.h"

#include "Engine.h"
#include "auth/Permission.h"
#include "reports/UsageReports.h"

namespace osc::http {

namespace {

// The peer's error body: a message and an upper-case code (none on 401, as the peer shows it).
Response peerError(int status, const QString &message, const QString &code = {})
{
    QJsonObject body{{QStringLiteral("message"), message}};
    if (!code.isEmpty())
        body.insert(QStringLiteral("code"), code);
    return Response::json(status, body);
}

QString peerCode(const Error &error)
{
    switch (error.kind) {
    case ErrorKind::InvalidInput:
    case ErrorKind::PayloadTooLarge:
        return QStringLiteral("BAD_REQUEST");
    case ErrorKind::Unauthorized:
        return QStringLiteral("UNAUTHORIZED");
    case ErrorKind::Forbidden:
        return QStringLiteral("FORBIDDEN");
    case ErrorKind::NotFound:
        return QStringLiteral("NOT_FOUND");
    case ErrorKind::Conflict:
        return QStringLiteral("CONFLICT");
    case ErrorKind::Unavailable:
        return QStringLiteral("SERVICE_UNAVAILABLE");
    case ErrorKind::Internal:
        break;
    }
    return QStringLiteral("INTERNAL_SERVER_ERROR");
}

Response peerError(const Error &error)
{
    const QString message
        = error.kind == ErrorKind::Internal ? QStringLiteral("Internal server error") : error.message;
    return peerError(error.httpStatus(), message, peerCode(error));
}

Response invalidKey()
{
    return peerError(401, QStringLiteral("The provided API key is invalid."));
}

// `Authorization: Bearer <key>` only: the peer names no other scheme, and a browser cookie must not
// export a workspace's usage.
Result<Principal> bearerPrincipal(const Request &request, Engine &engine)
{
    const QByteArray authorization = request.header("Authorization").trimmed();
    if (authorization.size() <= 7 || authorization.left(7).compare("bearer ", Qt::CaseInsensitive) != 0)
        return Error::unauthorized();
    const QString secret = QString::fromUtf8(authorization.mid(7).trimmed());
    return engine.apiKeys().authenticate(secret);
}

// Where the file of a CSV report is served: the export job's download, on the host the client used.
QString downloadUrl(const Request &request, const QString &jobId)
{
    QString host = QString::fromUtf8(request.header("Host").trimmed());
    if (host.isEmpty())
        host = QStringLiteral("127.0.0.1");
    return QStringLiteral("http://%1/v1/exports/%2/download").arg(host, jobId);
}

Response report(Engine &engine, const Request &request, const QString &format)
{
    auto principal = bearerPrincipal(request, engine);
    if (!principal)
        return principal.error().kind == ErrorKind::Internal ? peerError(principal.error()) : invalidKey();
    reports::UsageReports &reports = engine.usageReports();
    if (const auto retryAfter = reports.admit(principal.value())) {
        Response response = peerError(429,
            QStringLiteral("Rate limit exceeded: %1 requests per minute")
                .arg(reports.rateLimiter().requestsPerMinute()),
            QStringLiteral("TOO_MANY_REQUESTS"));
        response.headers.append({"Retry-After", QByteArray::number(*retryAfter)});
        return response;
    }
    // The scopes before the body (403 before 400), as the engine's permission matrix states them;
    // UsageReports checks them again.
    if (auto allowed = authorize(principal.value(), Operation::ExportUsageReport, {}); !allowed)
        return peerError(Error{ErrorKind::Forbidden, QStringLiteral("FORBIDDEN"), allowed.error().message});
    const QString dataType = request.pathParams.value(QStringLiteral("dataType"));
    if (format != QLatin1StringView("csv") && format != QLatin1StringView("json"))
        return peerError(
            404, QStringLiteral("Unknown export format \"%1\"").arg(format), QStringLiteral("NOT_FOUND"));
    auto parsed = reports::parseUsageReportRequest(dataType, request.body);
    if (!parsed)
        return peerError(parsed.error());
    if (format == QLatin1StringView("json")) {
        auto built = reports.build(principal.value(), parsed.value());
        if (!built)
            return peerError(built.error());
        return Response::json(200, reports::usageReportJson(built.value()));
    }
    auto stored = reports.store(principal.value(), parsed.value());
    if (!stored)
        return peerError(stored.error());
    return Response::json(200,
        reports::usageReportFileJson(stored->report, stored->filePath, downloadUrl(request, stored->job.id)));
}

} // namespace

void addUsageReportRoutes(Router &router, Engine &engine)
{
    // The bare form answers as CSV, the peer's first (file) response form. Reports scan usage: they run
    // on the worker pool, like bucket queries.
    router.addHeavy(Method::Post, QStringLiteral("/export/{dataType}"),
        [&engine](const Request &request) { return report(engine, request, QStringLiteral("csv")); });
    router.addHeavy(
        Method::Post, QStringLiteral("/export/{dataType}/{format}"), [&engine](const Request &request) {
            return report(engine, request, request.pathParams.value(QStringLiteral("format")));
        });
}

} // namespace osc::http
