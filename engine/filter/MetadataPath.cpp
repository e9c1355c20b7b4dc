#include "filter/MetadataPath.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>

#include <charconv>
#include <cmath>

namespace osc::query {

bool isValidMetadataKey(QStringView key)
{
    // anchoredPattern: a bare `$` would also accept a key followed by a trailing newline.
    static const QRegularExpression pattern(
        QRegularExpression::anchoredPattern(QStringLiteral("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*")));
    return pattern.match(key).hasMatch();
}

std::optional<QJsonValue> valueAtPath(const QJsonObject &metadata, const QStringList &path)
{
    if (path.isEmpty())
        return std::nullopt;
    QJsonObject current = metadata;
    for (qsizetype i = 0; i < path.size(); ++i) {
        const auto it = current.constFind(path.at(i));
        if (it == current.constEnd())
            return std::nullopt;
        const QJsonValue value = it.value();
        if (i + 1 == path.size())
            return value;
        if (!value.isObject())
            return std::nullopt;
        current = value.toObject();
    }
    return std::nullopt;
}

QString goNumberText(double value)
{
    if (!std::isfinite(value))
        return {}; // JSON cannot carry these; StrictJson refuses them at the door.
    if (value == 0)
        return std::signbit(value) ? QStringLiteral("-0") : QStringLiteral("0");

    // Shortest round-trip digits in scientific form, e.g. "2.3148148148148147e-05"; Go's encoding/json
    // picks the same digits (shortest, then closest) and only differs in layout, rebuilt below.
    char buffer[40];
    const auto result
        = std::to_chars(buffer, buffer + sizeof buffer, std::fabs(value), std::chars_format::scientific);
    const std::string_view scientific(buffer, result.ptr - buffer);
    const auto ePos = scientific.find('e');
    std::string digits;
    for (const char c : scientific.substr(0, ePos))
        if (c != '.')
            digits += c;
    while (digits.size() > 1 && digits.back() == '0')
        digits.pop_back();
    int exponent = 0;
    std::from_chars(scientific.data() + ePos + 1 + (scientific[ePos + 1] == '+' ? 1 : 0),
        scientific.data() + scientific.size(), exponent);

    std::string out = value < 0 ? "-" : "";
    const double magnitude = std::fabs(value);
    const int length = int(digits.size());
    if (magnitude < 1e-6 || magnitude >= 1e21) {
        // strconv 'e' then encoding/json's clean-up of "e-07" to "e-7".
        out += digits[0];
        if (length > 1) {
            out += '.';
            out += digits.substr(1);
        }
        out += exponent < 0 ? "e-" : "e+";
        out += std::to_string(std::abs(exponent));
    } else if (exponent >= length - 1) {
        // Integral: Go pads the shortest digits with zeros (2^66 → 73786976294838210000).
        out += digits;
        out.append(size_t(exponent - length + 1), '0');
    } else if (exponent >= 0) {
        out += digits.substr(0, size_t(exponent + 1));
        out += '.';
        out += digits.substr(size_t(exponent + 1));
    } else {
        out += "0.";
        out.append(size_t(-exponent - 1), '0');
        out += digits;
    }
    return QString::fromLatin1(out.data(), qsizetype(out.size()));
}

QString textualForm(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double:
        return goNumberText(value.toDouble());
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        break;
    }
    return kNilGroupValue;
}

QString groupValue(const QJsonObject &metadata, const QStringList &path)
{
    const auto value = valueAtPath(metadata, path);
    return value ? textualForm(*value) : QString(kNilGroupValue);
}

Result<QList<MetadataEquals>> parseMetadataQueryFilters(const QList<QPair<QString, QString>> &queryItems)
{
    static const QString prefix = QStringLiteral("metadata.");
    QList<MetadataEquals> filters;
    // Go's url.Values keeps the first value per raw parameter name; names that only trim to the same
    // key stay separate filters (both must hold).
    QSet<QString> seen;
    for (const auto &[name, rawValue] : queryItems) {
        if (!name.startsWith(prefix) || seen.contains(name))
            continue;
        seen.insert(name);
        const QString key = name.mid(prefix.size()).trimmed();
        const QString value = rawValue.trimmed();
        if (value.isEmpty())
            return Error::invalidInput(QStringLiteral("metadata filter value is required"));
        if (!isValidMetadataKey(key))
            return Error::invalidInput(QStringLiteral("unsupported metadata key %1").arg(goQuote(key)));
        filters.append({key, key.split(u'.'), value});
    }
    return filters;
}

bool matches(const MetadataEquals &filter, const QJsonObject &metadata)
{
    const auto value = valueAtPath(metadata, filter.path);
    if (!value || value->isNull())
        return false;
    return textualForm(*value) == filter.value;
}

QString goQuote(QStringView text)
{
    // strconv.Quote: printable runes as-is, the usual C escapes, \xNN for other ASCII controls and
    // \uNNNN / \UNNNNNNNN for other non-printable runes. Lone surrogates cannot occur in Go strings
    // (invalid UTF-8 decodes to U+FFFD), so they print as U+FFFD here too.
    QString out = QStringLiteral("\"");
    const auto hex = [&out](char32_t value, int width) {
        out += QString::number(uint(value), 16).rightJustified(width, u'0');
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        char32_t c = text[i].unicode();
        if (QChar::isHighSurrogate(c) && i + 1 < text.size() && text[i + 1].isLowSurrogate()) {
            c = QChar::surrogateToUcs4(char16_t(c), text[i + 1].unicode());
            ++i;
        } else if (QChar::isSurrogate(c)) {
            c = 0xFFFD;
        }
        switch (c) {
        case U'\a':
            out += QLatin1StringView("\\a");
            continue;
        case U'\b':
            out += QLatin1StringView("\\b");
            continue;
        case U'\f':
            out += QLatin1StringView("\\f");
            continue;
        case U'\n':
            out += QLatin1StringView("\\n");
            continue;
        case U'\r':
            out += QLatin1StringView("\\r");
            continue;
        case U'\t':
            out += QLatin1StringView("\\t");
            continue;
        case U'\v':
            out += QLatin1StringView("\\v");
            continue;
        case U'\\':
            out += QLatin1StringView("\\\\");
            continue;
        case U'"':
            out += QLatin1StringView("\\\"");
            continue;
        default:
            break;
        }
        if (c < 0x20 || c == 0x7F) {
            out += QLatin1StringView("\\x");
            hex(c, 2);
            continue;
        }
        if (c < 0x80) {
            out += QChar(char16_t(c));
            continue;
        }
        // Go's IsPrint: letters, marks, numbers, punctuation and symbols (no spaces beyond ASCII ' ').
        switch (QChar::category(c)) {
        case QChar::Letter_Uppercase:
        case QChar::Letter_Lowercase:
        case QChar::Letter_Titlecase:
        case QChar::Letter_Modifier:
        case QChar::Letter_Other:
        case QChar::Mark_NonSpacing:
        case QChar::Mark_SpacingCombining:
        case QChar::Mark_Enclosing:
        case QChar::Number_DecimalDigit:
        case QChar::Number_Letter:
        case QChar::Number_Other:
        case QChar::Punctuation_Connector:
        case QChar::Punctuation_Dash:
        case QChar::Punctuation_Open:
        case QChar::Punctuation_Close:
        case QChar::Punctuation_InitialQuote:
        case QChar::Punctuation_FinalQuote:
        case QChar::Punctuation_Other:
        case QChar::Symbol_Math:
        case QChar::Symbol_Currency:
        case QChar::Symbol_Modifier:
        case QChar::Symbol_Other:
            out += QString::fromUcs4(&c, 1);
            continue;
        default:
            break;
        }
        if (c < 0x10000) {
            out += QLatin1StringView("\\u");
            hex(c, 4);
        } else {
            out += QLatin1StringView("\\U");
            hex(c, 8);
        }
    }
    out += u'"';
    return out;
}

} // namespace osc::query
