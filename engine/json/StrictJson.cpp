#include "StrictJson.h"

#include <QJsonDocument>
#include <QJsonParseError>

#include <cmath>

namespace osc::json {

namespace {

// Counts bracket depth on the raw bytes (outside strings) so a hostile document is refused before Qt
// builds a tree for it. For a document that then parses, this is exactly its nesting depth, so the
// tree needs no second walk. Also notes whether a string escapes a surrogate (`\uD800`–`\uDFFF`): only
// then can the tree hold a lone one, so only then is it walked.
struct RawScan
{
    bool depthWithin = true;
    bool escapesSurrogate = false;
};

bool isSurrogateEscape(const QByteArray &body, qsizetype u)
{
    // body[u] == 'u'; a surrogate is \uD800–\uDFFF: 'd' or 'D', then 8–9 or a–f.
    if (u + 2 >= body.size())
        return false;
    const char d = body[u + 1];
    const char n = char(body[u + 2] | 0x20);
    return (d == 'd' || d == 'D') && ((n >= '8' && n <= '9') || (n >= 'a' && n <= 'f'));
}

RawScan scanRaw(const QByteArray &body, int limit)
{
    RawScan scan;
    int depth = 0;
    bool inString = false;
    bool escaped = false;
    for (qsizetype i = 0; i < body.size(); ++i) {
        const char c = body[i];
        if (inString) {
            if (escaped) {
                escaped = false;
                if (c == 'u' && !scan.escapesSurrogate)
                    scan.escapesSurrogate = isSurrogateEscape(body, i);
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '"') {
                inString = false;
            }
            continue;
        }
        if (c == '"') {
            inString = true;
        } else if (c == '{' || c == '[') {
            if (++depth > limit) {
                scan.depthWithin = false;
                return scan;
            }
        } else if (c == '}' || c == ']') {
            --depth;
        }
    }
    return scan;
}

QJsonValue withoutLoneSurrogates(const QJsonValue &value)
{
    if (value.isString())
        return replaceLoneSurrogates(value.toString());
    if (value.isArray()) {
        QJsonArray out;
        for (const QJsonValue &element : value.toArray())
            out.append(withoutLoneSurrogates(element));
        return out;
    }
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        QJsonObject out;
        for (auto it = object.constBegin(); it != object.constEnd(); ++it)
            out.insert(replaceLoneSurrogates(it.key()), withoutLoneSurrogates(it.value()));
        return out;
    }
    return value;
}

bool asciiCaseEqual(QStringView a, QLatin1StringView b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

} // namespace

QString replaceLoneSurrogates(const QString &text)
{
    QString out;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        const bool paired = c.isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate();
        if (paired) {
            ++i;
            continue;
        }
        if (c.isSurrogate()) {
            if (out.isNull())
                out = text;
            out[i] = QChar::ReplacementCharacter; // same length: indexes stay valid
        }
    }
    return out.isNull() ? text : out;
}

Result<QJsonValue> parseBody(const QByteArray &body)
{
    const RawScan scan = scanRaw(body, kMaxNestingDepth);
    if (!scan.depthWithin)
        return Error::invalidJson();
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || document.isNull())
        return Error::invalidJson();
    const QJsonValue value
        = document.isObject() ? QJsonValue(document.object()) : QJsonValue(document.array());
    // Go's decoder turns an escaped lone surrogate into U+FFFD; Qt's keeps it, and it would be stored.
    return scan.escapesSurrogate ? withoutLoneSurrogates(value) : value;
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
