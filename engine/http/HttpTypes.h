#pragma once

#include "core/Error.h"

#include <QByteArray>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QUrlQuery>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

namespace osc::http {

enum class Method
{
    Get,
    Post,
    Put,
    Delete,
    Head,
    Options,
    Patch,
    Other
};
QByteArray methodName(Method method);

// A request snapshot, independent of QHttpServer so handlers and tests never touch its 6.4-only types.
struct Request
{
    Method method = Method::Get;
    QByteArray methodToken; // as sent (`FOO` when method is Other)
    QString path;
    QUrlQuery query;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QHash<QString, QString> pathParams; // filled by the router from `{name}` segments
    // Set by the server once the answer is no longer wanted (the client disconnected, or the request ran
    // past its query timeout); a handler may hand it to the engine's interrupt flags
    // (BucketQuery::interrupt) so a long scan stops early. Never null on requests from HttpServer.
    std::shared_ptr<std::atomic<bool>> cancelled = std::make_shared<std::atomic<bool>>(false);

    // Case-insensitive header lookup; the first match wins.
    QByteArray header(QByteArrayView name) const;
    // Fully decoded query value (first occurrence), and all values of a repeated key.
    QString queryValue(const QString &key) const;
    QStringList queryValues(const QString &key) const;
    bool hasQuery(const QString &key) const { return query.hasQueryItem(key); }
};

struct Response
{
    int status = 200;
    QByteArray contentType;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    // When set, the body is encoded by this function on the server thread just before sending, so work
    // completing on the group-commit thread hands back its result without spending that thread's time.
    std::function<QByteArray()> encodeBody;
    // When set, the body is `length` bytes of this file from `offset`, streamed by the server in chunks
    // (export downloads): memory stays flat whatever the file's size, and Content-Length is `length`.
    struct FileBody
    {
        QString path;
        qint64 offset = 0;
        qint64 length = 0;
    };
    std::optional<FileBody> file;

    // Body plus the trailing newline of contract §1.3.
    static Response json(int status, const QJsonObject &object);
    static Response json(int status, const QJsonArray &array);
    // Already-encoded JSON (the fast writers of wire/); the newline is appended here.
    static Response json(int status, QByteArray encoded);
    // JSON encoded later by `encode` (see encodeBody); the newline is appended after it.
    static Response jsonLater(int status, std::function<QByteArray()> encode);
    static Response error(const Error &error);
    static Response noContent();
    static Response empty(int status);
};

} // namespace osc::http
