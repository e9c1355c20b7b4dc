#include "HttpTypes.h"

#include "wire/ErrorJson.h"

#include <QJsonDocument>

namespace osc::http {

QByteArray methodName(Method method)
{
    switch (method) {
    case Method::Get:
        return "GET";
    case Method::Post:
        return "POST";
    case Method::Put:
        return "PUT";
    case Method::Delete:
        return "DELETE";
    case Method::Head:
        return "HEAD";
    case Method::Options:
        return "OPTIONS";
    case Method::Patch:
        return "PATCH";
    case Method::Other:
        break;
    }
    return "OTHER";
}

QByteArray Request::header(QByteArrayView name) const
{
    for (const auto &[key, value] : headers)
        if (QByteArrayView(key).compare(name, Qt::CaseInsensitive) == 0)
            return value;
    return {};
}

QString Request::queryValue(const QString &key) const
{
    return query.queryItemValue(key, QUrl::FullyDecoded);
}

QStringList Request::queryValues(const QString &key) const
{
    return query.allQueryItemValues(key, QUrl::FullyDecoded);
}

Response Response::json(int status, const QJsonObject &object)
{
    return {
        status, "application/json", QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n', {}, {}, {}};
}

Response Response::json(int status, const QJsonArray &array)
{
    return {
        status, "application/json", QJsonDocument(array).toJson(QJsonDocument::Compact) + '\n', {}, {}, {}};
}

Response Response::json(int status, QByteArray encoded)
{
    encoded.append('\n');
    return {status, "application/json", std::move(encoded), {}, {}, {}};
}

Response Response::jsonLater(int status, std::function<QByteArray()> encode)
{
    Response response{status, "application/json", {}, {}, {}, {}};
    response.encodeBody = [encode = std::move(encode)] { return encode() + '\n'; };
    return response;
}

Response Response::error(const Error &error)
{
    return {error.httpStatus(), "application/json", wire::errorEnvelope(error), {}, {}, {}};
}

Response Response::noContent()
{
    return {204, {}, {}, {}, {}, {}};
}

Response Response::empty(int status)
{
    return {status, {}, {}, {}, {}, {}};
}

} // namespace osc::http
