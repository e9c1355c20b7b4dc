#include "TimeNs.h"

namespace osc {

QByteArray TimeNs::toDecimal() const
{
    if (fitsInt64())
        return QByteArray::number(qint64(m_ns));
    char digits[48];
    int length = 0;
    const bool negative = m_ns < 0;
    // Digits of the magnitude, least significant first; -(-2^127) does not occur (|ns| < 2^71).
    unsigned __int128 magnitude
        = negative ? static_cast<unsigned __int128>(-m_ns) : static_cast<unsigned __int128>(m_ns);
    do {
        digits[length++] = char('0' + int(magnitude % 10));
        magnitude /= 10;
    } while (magnitude != 0);
    QByteArray out;
    out.reserve(length + 1);
    if (negative)
        out += '-';
    while (length > 0)
        out += digits[--length];
    return out;
}

std::optional<TimeNs> TimeNs::fromDecimal(QByteArrayView text)
{
    qsizetype pos = 0;
    const bool negative = !text.isEmpty() && text.front() == '-';
    if (negative)
        ++pos;
    if (pos == text.size() || text.size() - pos > 30) // 30 digits is far beyond any instant we hold
        return std::nullopt;
    WideInt value = 0;
    for (; pos < text.size(); ++pos) {
        const char c = text.at(pos);
        if (c < '0' || c > '9')
            return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return fromWide(negative ? -value : value);
}

} // namespace osc
