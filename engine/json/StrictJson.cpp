#include "StrictJson.h"

#include <QJsonDocument>
#include <QJsonParseError>

#include <cmath>

namespace osc::json {

namespace {

// Counts bracket depth on the raw bytes (outside strings) so a hostile document is refused before Qt
// builds a tree for it. For a document that then parses, this is exactly its nesting depth, so the
// tree needs no second walk.
bool rawDepthWithin(const QByteArray &body, int limit)
{
    int depth = 0;
    bool inString = false;
    bool escaped = false;
    for (const char c : body) {
        if (inString) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"') {
            inString = true;
        } else if (c == '{' || c == '[') {
            if (++depth > limit)
                return false;
        } else if (c == '}' || c == ']') {
            --depth;
        }
    }
    return true;
}

bool asciiCaseEqual(QStringView a, QLatin1StringView b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

} // namespace

Result<QJsonValue> parseBody(const QByteArray &body)
{
    if (!rawDepthWithin(body, kMaxNestingDepth))
        return Error::invalidJson();
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || document.isNull())
        return Error::invalidJson();
    return document.isObject() ? QJsonValue(document.object()) : QJsonValue(document.array());
}

Result<QJsonObject> parseObjectBody(const QByteArray &body)
{
    auto value = parseBody(body);
    if (!value)
        return value.error();
    if (!value->isObject())
        return Error::invalidJson();
    return value->toObject();
}

int nestingDepth(const QJsonValue &value)
{
    int deepest = 0;
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            deepest = std::max(deepest, nestingDepth(it.value()));
        return deepest + 1;
    }
    if (value.isArray()) {
        for (const QJsonValue &element : value.toArray())
            deepest = std::max(deepest, nestingDepth(element));
        return deepest + 1;
    }
    return 0;
}

ObjectReader::ObjectReader(const QJsonObject &object)
    : m_object(object)
{ }

QJsonValue ObjectReader::raw(QLatin1StringView key) const
{
    const auto exact = m_object.constFind(key);
    if (exact != m_object.constEnd())
        return exact.value();
    for (auto it = m_object.constBegin(); it != m_object.constEnd(); ++it)
        if (asciiCaseEqual(it.key(), key))
            return it.value();
    return QJsonValue(QJsonValue::Undefined);
}

bool ObjectReader::has(QLatin1StringView key) const
{
    const QJsonValue v = raw(key);
    return !v.isUndefined() && !v.isNull();
}

std::optional<QString> ObjectReader::string(QLatin1StringView key)
{
    const QJsonValue v = raw(key);
    if (v.isUndefined() || v.isNull())
        return std::nullopt;
    if (!v.isString()) {
        m_failed = true;
        return std::nullopt;
    }
    return v.toString();
}

std::optional<qint64> ObjectReader::integer(QLatin1StringView key)
{
    const QJsonValue v = raw(key);
    if (v.isUndefined() || v.isNull())
        return std::nullopt;
    const double d = v.toDouble();
    if (!v.isDouble() || !std::isfinite(d) || std::trunc(d) != d || std::fabs(d) > 9.007199254740992e15) {
        m_failed = true;
        return std::nullopt;
    }
    return qint64(d);
}

std::optional<double> ObjectReader::number(QLatin1StringView key)
{
    const QJsonValue v = raw(key);
    if (v.isUndefined() || v.isNull())
        return std::nullopt;
    if (!v.isDouble() || !std::isfinite(v.toDouble())) {
        m_failed = true;
        return std::nullopt;
    }
    return v.toDouble();
}

std::optional<bool> ObjectReader::boolean(QLatin1StringView key)
{
    const QJsonValue v = raw(key);
    if (v.isUndefined() || v.isNull())
        return std::nullopt;
    if (!v.isBool()) {
        m_failed = true;
        return std::nullopt;
    }
    return v.toBool();
}

std::optional<QJsonArray> ObjectReader::array(QLatin1StringView key)
{
    const QJsonValue v = raw(key);
    if (v.isUndefined() || v.isNull())
        return std::nullopt;
    if (!v.isArray()) {
        m_failed = true;
        return std::nullopt;
    }
    return v.toArray();
}

std::optional<QJsonObject> ObjectReader::object(QLatin1StringView key)
{
    const QJsonValue v = raw(key);
    if (v.isUndefined() || v.isNull())
        return std::nullopt;
    if (!v.isObject()) {
        m_failed = true;
        return std::nullopt;
    }
    return v.toObject();
}

std::optional<QStringList> ObjectReader::stringList(QLatin1StringView key)
{
    const auto list = array(key);
    if (!list)
        return std::nullopt;
    QStringList out;
    out.reserve(list->size());
    for (const QJsonValue &element : *list) {
        if (!element.isString()) {
            m_failed = true;
            return std::nullopt;
        }
        out.append(element.toString());
    }
    return out;
}

Status ObjectReader::status() const
{
    if (m_failed)
        return Error::invalidJson();
    return {};
}

} // namespace osc::json
