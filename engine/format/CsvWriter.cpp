#include "format/CsvWriter.h"

#include <charconv>
#include <cmath>
#include <cstring>

namespace osc::csv {

namespace {

// Go's unicode.IsSpace: the Latin-1 spaces plus the Unicode White_Space property.
bool isGoSpace(char32_t c)
{
    switch (c) {
    case u'\t':
    case u'\n':
    case u'\v':
    case u'\f':
    case u'\r':
    case u' ':
    case 0x85:
    case 0xA0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202F:
    case 0x205F:
    case 0x3000:
        return true;
    default:
        return c >= 0x2000 && c <= 0x200A;
    }
}

bool isSpecialByte(char16_t c)
{
    return c == u',' || c == u'"' || c == u'\r' || c == u'\n';
}

// The first code point of a UTF-8 string; U+FFFD for anything malformed (as Go's DecodeRune).
char32_t firstCodePoint(QByteArrayView utf8)
{
    const auto byte = [&](qsizetype i) { return i < utf8.size() ? uchar(utf8[i]) : 0u; };
    const uint b0 = byte(0);
    if (b0 < 0x80)
        return b0;
    const auto continuation = [&](qsizetype i) { return (byte(i) & 0xC0) == 0x80; };
    if (b0 >= 0xC2 && b0 < 0xE0 && continuation(1))
        return ((b0 & 0x1F) << 6) | (byte(1) & 0x3F);
    if (b0 >= 0xE0 && b0 < 0xF0 && continuation(1) && continuation(2))
        return ((b0 & 0x0F) << 12) | ((byte(1) & 0x3F) << 6) | (byte(2) & 0x3F);
    // Four-byte sequences are all above U+FFFF and never spaces.
    return 0xFFFD;
}

// Encodes `text` as UTF-8 at `p`, doubling quotes when `quoted`; returns the new end. Needs at most
// 3 bytes per UTF-16 unit (a surrogate pair is 4 bytes for 2 units, a doubled quote 2 for 1).
char *encodeUtf8(char *p, QStringView text, bool quoted)
{
    const char16_t *s = text.utf16();
    const char16_t *end = s + text.size();
    while (s < end) {
        const char16_t c = *s++;
        if (c < 0x80) {
            *p++ = char(c);
            if (quoted && c == u'"')
                *p++ = '"';
            continue;
        }
        if (c < 0x800) {
            *p++ = char(0xC0 | (c >> 6));
            *p++ = char(0x80 | (c & 0x3F));
            continue;
        }
        char32_t cp = c;
        if (QChar::isHighSurrogate(c) && s < end && QChar::isLowSurrogate(*s)) {
            cp = QChar::surrogateToUcs4(c, *s++);
            *p++ = char(0xF0 | (cp >> 18));
            *p++ = char(0x80 | ((cp >> 12) & 0x3F));
            *p++ = char(0x80 | ((cp >> 6) & 0x3F));
            *p++ = char(0x80 | (cp & 0x3F));
            continue;
        }
        if (QChar::isSurrogate(c))
            cp = QChar::ReplacementCharacter;
        *p++ = char(0xE0 | (cp >> 12));
        *p++ = char(0x80 | ((cp >> 6) & 0x3F));
        *p++ = char(0x80 | (cp & 0x3F));
    }
    return p;
}

// Grows `out` by up to `maxBytes`, lets `write` fill from the old end, then trims to what was
// written. QByteArray::resize grows geometrically and shrinking keeps the capacity, so appending
// many fields this way is amortised O(1) without a temporary per field.
template <typename Write> void appendBounded(QByteArray &out, qsizetype maxBytes, Write write)
{
    const qsizetype oldSize = out.size();
    out.resize(oldSize + maxBytes);
    char *begin = out.data();
    char *end = write(begin + oldSize);
    out.resize(end - begin);
}

} // namespace

bool fieldNeedsQuotes(QStringView field)
{
    if (field.isEmpty())
        return false;
    if (field == u"\\.") // Postgres' end-of-data marker
        return true;
    for (const QChar c : field) {
        if (isSpecialByte(c.unicode()))
            return true;
    }
    const char16_t first = field.front().unicode();
    // A surrogate pair encodes a code point above U+FFFF, none of which is a space.
    return !QChar::isSurrogate(first) && isGoSpace(first);
}

bool fieldNeedsQuotes(QByteArrayView utf8Field)
{
    if (utf8Field.isEmpty())
        return false;
    if (utf8Field == QByteArrayView("\\."))
        return true;
    for (const char c : utf8Field) {
        if (isSpecialByte(uchar(c)))
            return true;
    }
    return isGoSpace(firstCodePoint(utf8Field));
}

namespace {

bool isFormulaStart(char16_t c)
{
    return c == u'=' || c == u'+' || c == u'-' || c == u'@' || c == u'\t' || c == u'\r';
}

} // namespace

bool startsLikeFormula(QStringView field)
{
    return !field.isEmpty() && isFormulaStart(field.front().unicode());
}

bool startsLikeFormula(QByteArrayView utf8Field)
{
    return !utf8Field.isEmpty() && isFormulaStart(uchar(utf8Field.front()));
}

void appendGuardedField(QByteArray &out, QStringView field, bool formulaGuard)
{
    if (formulaGuard && startsLikeFormula(field)) {
        QString prefixed(QLatin1Char('\''));
        prefixed.append(field);
        appendField(out, QStringView(prefixed));
    } else {
        appendField(out, field);
    }
}

void appendGuardedField(QByteArray &out, QByteArrayView utf8Field, bool formulaGuard)
{
    if (formulaGuard && startsLikeFormula(utf8Field)) {
        QByteArray prefixed("'");
        prefixed.append(utf8Field);
        appendField(out, QByteArrayView(prefixed));
    } else
        appendField(out, utf8Field);
}

void appendField(QByteArray &out, QStringView field)
{
    const bool quoted = fieldNeedsQuotes(field);
    appendBounded(out, field.size() * 3 + 2, [&](char *p) {
        if (quoted)
            *p++ = '"';
        p = encodeUtf8(p, field, quoted);
        if (quoted)
            *p++ = '"';
        return p;
    });
}

void appendField(QByteArray &out, QByteArrayView utf8Field)
{
    if (!fieldNeedsQuotes(utf8Field)) {
        out.append(utf8Field);
        return;
    }
    appendBounded(out, utf8Field.size() * 2 + 2, [&](char *p) {
        *p++ = '"';
        for (const char c : utf8Field) {
            *p++ = c;
            if (c == '"')
                *p++ = '"';
        }
        *p++ = '"';
        return p;
    });
}

QByteArray csvField(QStringView field)
{
    QByteArray out;
    appendField(out, field);
    return out;
}

int formatQuantity(double value, char *out)
{
    const auto put = [out](const char *text) {
        const int length = int(std::strlen(text));
        std::memcpy(out, text, size_t(length));
        return length;
    };
    if (std::isnan(value))
        return put("NaN");
    if (std::isinf(value))
        return put(value > 0 ? "+Inf" : "-Inf");

    // Shortest round-trip digits come from to_chars in scientific form; Go then lays those digits
    // out in %f style, padding with zeros. (to_chars' own fixed form prints the exact binary value
    // of large numbers instead: 1e23 → 99999999999999991611392, Go → 100000000000000000000000.)
    char scientific[32];
    const auto converted
        = std::to_chars(scientific, scientific + sizeof scientific, value, std::chars_format::scientific);
    const char *s = scientific;
    const char *const end = converted.ptr;
    char *p = out;
    if (*s == '-') {
        *p++ = '-';
        ++s;
    }
    char digits[20];
    int digitCount = 0;
    for (; s < end && *s != 'e'; ++s) {
        if (*s != '.')
            digits[digitCount++] = *s;
    }
    int exponent = 0;
    std::from_chars(s + (s[1] == '+' ? 2 : 1), end, exponent); // "e+05" / "e-05"
    while (digitCount > 1 && digits[digitCount - 1] == '0') // "1.0e+01" never occurs, but be exact
        --digitCount;
    // The value is 0.d1d2…dn × 10^decimalPoint.
    const int decimalPoint = digits[0] == '0' ? 1 : exponent + 1;

    if (decimalPoint > 0) {
        for (int i = 0; i < decimalPoint; ++i)
            *p++ = i < digitCount ? digits[i] : '0';
    } else {
        *p++ = '0';
    }
    if (digitCount > decimalPoint) {
        *p++ = '.';
        for (int i = decimalPoint; i < digitCount; ++i)
            *p++ = i < 0 ? '0' : digits[i];
    }
    return int(p - out);
}

QString formatQuantity(double value)
{
    char text[kQuantityBufferSize];
    const int length = formatQuantity(value, text);
    return QString::fromLatin1(text, length);
}

} // namespace osc::csv
