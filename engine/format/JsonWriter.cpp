#include "format/JsonWriter.h"

#include "format/CsvWriter.h"

#include <QJsonArray>
#include <QVarLengthArray>

#include <algorithm>
#include <charconv>
#include <cmath>

namespace osc::wire {

namespace {

constexpr char kHex[] = "0123456789abcdef";

void appendUnicodeEscape(QByteArray &out, char16_t unit)
{
    const char escape[6] = {'\\', 'u', kHex[(unit >> 12) & 0xf], kHex[(unit >> 8) & 0xf],
        kHex[(unit >> 4) & 0xf], kHex[unit & 0xf]};
    out.append(escape, 6);
}

void appendUtf8(QByteArray &out, char32_t cp)
{
    if (cp < 0x80) {
        out.append(char(cp));
    } else if (cp < 0x800) {
        out.append(char(0xc0 | (cp >> 6)));
        out.append(char(0x80 | (cp & 0x3f)));
    } else if (cp < 0x10000) {
        out.append(char(0xe0 | (cp >> 12)));
        out.append(char(0x80 | ((cp >> 6) & 0x3f)));
        out.append(char(0x80 | (cp & 0x3f)));
    } else {
        out.append(char(0xf0 | (cp >> 18)));
        out.append(char(0x80 | ((cp >> 12) & 0x3f)));
        out.append(char(0x80 | ((cp >> 6) & 0x3f)));
        out.append(char(0x80 | (cp & 0x3f)));
    }
}

} // namespace

void appendJsonString(QByteArray &out, QStringView text)
{
    out.append('"');
    const char16_t *units = reinterpret_cast<const char16_t *>(text.utf16());
    const qsizetype size = text.size();
    for (qsizetype i = 0; i < size; ++i) {
        const char16_t unit = units[i];
        if (unit < 0x80) {
            switch (unit) {
            case '"':
                out.append("\\\"", 2);
                break;
            case '\\':
                out.append("\\\\", 2);
                break;
            case '\n':
                out.append("\\n", 2);
                break;
            case '\r':
                out.append("\\r", 2);
                break;
            case '\t':
                out.append("\\t", 2);
                break;
            case '<':
            case '>':
            case '&':
                appendUnicodeEscape(out, unit);
                break;
            default:
                if (unit < 0x20)
                    appendUnicodeEscape(out, unit);
                else
                    out.append(char(unit));
            }
            continue;
        }
        if (unit == 0x2028 || unit == 0x2029) {
            appendUnicodeEscape(out, unit);
            continue;
        }
        if (QChar::isHighSurrogate(unit) && i + 1 < size && QChar::isLowSurrogate(units[i + 1])) {
            appendUtf8(out, QChar::surrogateToUcs4(unit, units[i + 1]));
            ++i;
            continue;
        }
        // A lone surrogate is invalid UTF-16; Go writes the replacement character.
        appendUtf8(out, QChar::isSurrogate(unit) ? char32_t(0xfffd) : char32_t(unit));
    }
    out.append('"');
}

void appendJsonNumber(QByteArray &out, double value)
{
    const double magnitude = std::fabs(value);
    if (magnitude != 0 && (magnitude < 1e-6 || magnitude >= 1e21)) {
        // Go: strconv 'e' format, shortest, with a two-digit negative exponent shortened (1e-07 → 1e-7).
        char buffer[64];
        const auto result
            = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::scientific);
        qsizetype length = result.ptr - buffer;
        if (length >= 4 && buffer[length - 4] == 'e' && buffer[length - 3] == '-'
            && buffer[length - 2] == '0') {
            buffer[length - 2] = buffer[length - 1];
            --length;
        }
        out.append(buffer, length);
        return;
    }
    char buffer[csv::kQuantityBufferSize];
    out.append(buffer, csv::formatQuantity(value, buffer));
}

void appendJsonValue(QByteArray &out, const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        out.append("null", 4);
        return;
    case QJsonValue::Bool:
        value.toBool() ? out.append("true", 4) : out.append("false", 5);
        return;
    case QJsonValue::Double:
        appendJsonNumber(out, value.toDouble());
        return;
    case QJsonValue::String:
        appendJsonString(out, value.toString());
        return;
    case QJsonValue::Array: {
        out.append('[');
        bool first = true;
        for (const QJsonValue &item : value.toArray()) {
            if (!first)
                out.append(',');
            first = false;
            appendJsonValue(out, item);
        }
        out.append(']');
        return;
    }
    case QJsonValue::Object: {
        const QJsonObject object = value.toObject();
        // QJsonObject orders keys by UTF-16 code units; Go sorts map keys by UTF-8 bytes. They differ only
        // for characters beyond the BMP against U+E000–U+FFFF, so the re-sort is skipped unless needed.
        QVarLengthArray<std::pair<QByteArray, QString>, 16> keys;
        bool needsSort = false;
        for (auto it = object.begin(); it != object.end(); ++it) {
            const QString key = it.key();
            for (QChar c : key)
                needsSort = needsSort || c.isSurrogate() || c.unicode() >= 0xe000;
            keys.append({QByteArray(), key});
        }
        if (needsSort) {
            for (auto &entry : keys)
                entry.first = entry.second.toUtf8();
            std::sort(
                keys.begin(), keys.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
        }
        out.append('{');
        bool first = true;
        for (const auto &entry : keys) {
            if (!first)
                out.append(',');
            first = false;
            appendJsonString(out, entry.second);
            out.append(':');
            appendJsonValue(out, object.value(entry.second));
        }
        out.append('}');
        return;
    }
    }
}

QByteArray compactJson(const QJsonObject &object)
{
    QByteArray out;
    out.reserve(128);
    appendJsonValue(out, object);
    return out;
}

} // namespace osc::wire
