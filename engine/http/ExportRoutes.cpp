// Queued export jobs (contract §7.3): create, list, get, cancel, retry and the download, which streams
// the file with Content-Length, Last-Modified and single-range requests (206), as Go's ServeContent.
#include "ApiRoutes.h"

#include "Engine.h"
#include "QueryParams.h"
#include "wire/ExportJson.h"
#include "json/StrictJson.h"

#include <QDateTime>
#include <QLocale>

namespace osc::http {

namespace {

struct ByteRange
{
    qint64 offset = 0;
    qint64 length = 0;
};

// IMF-fixdate of RFC 9110, e.g. "Sun, 06 Nov 1994 08:49:37 GMT".
QByteArray httpDate(qint64 msSinceEpoch)
{
    const QDateTime time = QDateTime::fromMSecsSinceEpoch(msSinceEpoch, Qt::UTC);
    return QLocale::c().toString(time, QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'")).toLatin1();
}

std::optional<qint64> parseNonNegative(QByteArrayView text)
{
    if (text.isEmpty())
        return std::nullopt;
    for (const char c : text)
        if (c < '0' || c > '9')
            return std::nullopt;
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    return ok ? std::optional<qint64>(value) : std::nullopt;
}

// One `bytes=` range of RFC 9110 §14.1.2 against a file of `size` bytes. Unset: serve the whole file
// (no header, a syntax we do not serve such as several ranges, which the RFC lets a server ignore).
// Error: the range cannot be satisfied (416).
struct RangeRequest
{
    std::optional<ByteRange> range;
    bool unsatisfiable = false;
};

RangeRequest parseRange(const QByteArray &header, qint64 size)
{
    RangeRequest request;
    const QByteArray value = header.trimmed();
    if (!value.startsWith("bytes=") || value.contains(','))
        return request;
    const QByteArray spec = value.mid(6).trimmed();
    const qsizetype dash = spec.indexOf('-');
    if (dash < 0)
        return request;
    const QByteArray first = spec.left(dash).trimmed();
    const QByteArray last = spec.mid(dash + 1).trimmed();
    if (first.isEmpty()) { // suffix: the last N bytes
        const auto suffix = parseNonNegative(last);
        if (!suffix)
            return request;
        if (*suffix == 0 || size == 0) {
            request.unsatisfiable = true;
            return request;
        }
        const qint64 length = std::min(*suffix, size);
        request.range = ByteRange{size - length, length};
        return request;
    }
    const auto start = parseNonNegative(first);
    if (!start)
        return request;
    std::optional<qint64> end;
    if (!last.isEmpty()) {
        end = parseNonNegative(last);
        if (!end || *end < *start)
            return request;
    }
    if (*start >= size) {
        request.unsatisfiable = true;
        return request;
    }
    const qint64 stop = std::min(end.value_or(size - 1), size - 1);
    request.range = ByteRange{*start, stop - *start + 1};
    return request;
}

Response downloadResponse(const ExportDownload &download, const Request &request)
{
    const QByteArray lastModified = httpDate(download.lastModifiedMs);
    RangeRequest range = parseRange(request.header("Range"), download.size);
    // If-Range: a range only applies to the version the client already has part of.
    if (const QByteArray ifRange = request.header("If-Range").trimmed();
        !ifRange.isEmpty() && ifRange != lastModified)
        range = {};
    if (range.unsatisfiable) {
        Response response = Response::json(416,
            QJsonObject{{QStringLiteral("error"),
                QJsonObject{{QStringLiteral("code"), QStringLiteral("invalid_range")},
                    {QStringLiteral("message"), QStringLiteral("requested range not satisfiable")}}}});
        response.headers.append(
            qMakePair(QByteArray("Content-Range"), "bytes */" + QByteArray::number(download.size)));
        return response;
    }
    Response response = Response::empty(range.range ? 206 : 200);
    response.contentType = download.contentType;
    response.headers.append(qMakePair(
        QByteArray("Content-Disposition"), "attachment; filename=\"" + download.fileName.toUtf8() + '"'));
    response.headers.append(qMakePair(QByteArray("Last-Modified"), lastModified));
    response.headers.append(qMakePair(QByteArray("Accept-Ranges"), QByteArray("bytes")));
    Response::FileBody body{download.path, 0, download.size};
    if (range.range) {
        body.offset = range.range->offset;
        body.length = range.range->length;
        response.headers.append(qMakePair(QByteArray("Content-Range"),
            "bytes " + QByteArray::number(body.offset) + '-'
                + QByteArray::number(body.offset + body.length - 1) + '/'
                + QByteArray::number(download.size)));
    }
    response.file = body;
    return response;
}

Response jobResponse(int status, const Result<ExportJob> &job)
{
    if (!job)
        return Response::error(job.error());
    return Response::json(status, wire::exportJobJson(job.value()));
}

QString jobId(const Request &request)
{
    return request.pathParams.value(QStringLiteral("id"));
}

} // namespace

void addExportRoutes(Router &router, Engine &engine)
{
    router.add(Method::Post, QStringLiteral("/v1/exports"),
        authenticated(engine, [&engine](const Request &request, const Principal &principal) {
            auto body = json::parseObjectBody(request.body);
            if (!body)
                return Response::error(body.error());
            auto draft = wire::exportJobDraftFromJson(body.value());
            if (!draft)
                return Response::error(draft.error());
            return jobResponse(202, engine.exports().create(principal, draft.value()));
        }));
    router.add(Method::Get, QStringLiteral("/v1/exports"),
        authenticated(engine, [&engine](const Request &request, const Principal &principal) {
            auto limit = optionalLimit(request);
            if (!limit)
                return Response::error(limit.error());
            auto page = engine.exports().list(
                principal, limit.value(), request.queryValue(QStringLiteral("cursor")));
            if (!page)
                return Response::error(page.error());
            return Response::json(200, wire::exportJobPageJson(page.value()));
        }));
    router.add(Method::Get, QStringLiteral("/v1/exports/{id}"),
        authenticated(engine, [&engine](const Request &request, const Principal &principal) {
            return jobResponse(200, engine.exports().get(principal, jobId(request)));
        }));
    router.add(Method::Post, QStringLiteral("/v1/exports/{id}/cancel"),
        authenticated(engine, [&engine](const Request &request, const Principal &principal) {
            return jobResponse(200, engine.exports().cancel(principal, jobId(request)));
        }));
    router.add(Method::Post, QStringLiteral("/v1/exports/{id}/retry"),
        authenticated(engine, [&engine](const Request &request, const Principal &principal) {
            return jobResponse(200, engine.exports().retry(principal, jobId(request)));
        }));
    // HEAD answers with the same status and headers as GET (a client checks size and date before it
    // downloads); the server leaves the body out.
    for (const Method method : {Method::Get, Method::Head})
        router.addHeavy(method, QStringLiteral("/v1/exports/{id}/download"),
            authenticated(engine, [&engine](const Request &request, const Principal &principal) {
                auto download = engine.exports().download(principal, jobId(request));
                if (!download)
                    return Response::error(download.error());
                return downloadResponse(download.value(), request);
            }));
}

} // namespace osc::http
