#include "core/Cursor.h"

#include "core/Rfc3339.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace osc::wire {

QString encodeCursor(const Cursor &cursor)
{
    QJsonObject object;
    if (cursor.name)
        object.insert(QStringLiteral("name"), *cursor.name);
    if (cursor.timeNs)
        object.insert(QStringLiteral("time"), rfc3339::formatNanos(*cursor.timeNs));
    if (cursor.id)
        object.insert(QStringLiteral("id"), *cursor.id);
    const QByteArray json = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return QString::fromLatin1(json.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

Result<Cursor> decodeCursor(const QString &text)
{
    Cursor cursor;
    if (text.isEmpty())
        return cursor;
    const auto decoded = QByteArray::fromBase64Encoding(
        text.toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return Error::invalidInputBare();
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(*decoded, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return Error::invalidInputBare();
    const QJsonObject object = document.object();
    if (const QJsonValue name = object.value(QLatin1StringView("name")); !name.isUndefined()) {
        if (!name.isString())
            return Error::invalidInputBare();
        cursor.name = name.toString();
    }
    if (const QJsonValue time = object.value(QLatin1StringView("time")); !time.isUndefined()) {
        const auto parsed = time.isString() ? rfc3339::parse(time.toString()) : std::nullopt;
        if (!parsed)
            return Error::invalidInputBare();
        cursor.timeNs = *parsed;
    }
    if (const QJsonValue id = object.value(QLatin1StringView("id")); !id.isUndefined()) {
        if (!id.isString())
            return Error::invalidInputBare();
        cursor.id = id.toString();
    }
    return cursor;
}

} // namespace osc::wire
