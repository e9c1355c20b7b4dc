#include "Rfc3339.h"

#include "Clock.h"

#include <limits>

namespace osc::rfc3339 {

namespace {

bool isLeap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

unsigned daysInMonth(int y, unsigned m)
{
    static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && isLeap(y) ? 29 : kDays[m - 1];
}

template <typename Char> bool digits(const Char *p, int count, int &out)
{
    int v = 0;
    for (int i = 0; i < count; ++i) {
        const auto c = p[i];
        if (c < '0' || c > '9')
            return false;
        v = v * 10 + int(c - '0');
    }
    out = v;
    return true;
}

template <typename Char> std::optional<TimeNs> parseImpl(const Char *s, qsizetype n)
{
    // Fixed part: 2006-01-02T15:04:05 (19 chars), then fraction, then zone.
    if (n < 20)
        return std::nullopt;
    int year, month, day, hour, minute, second;
    if (!digits(s, 4, year) || s[4] != '-' || !digits(s + 5, 2, month) || s[7] != '-'
        || !digits(s + 8, 2, day) || s[10] != 'T' || !digits(s + 11, 2, hour) || s[13] != ':'
        || !digits(s + 14, 2, minute) || s[16] != ':' || !digits(s + 17, 2, second))
        return std::nullopt;
    if (month < 1 || month > 12 || day < 1 || unsigned(day) > daysInMonth(year, unsigned(month)) || hour > 23
        || minute > 59 || second > 59)
        return std::nullopt;

    qsizetype pos = 19;
    qint64 fraction = 0;
    if (s[pos] == '.') {
        ++pos;
        int fractionDigits = 0;
        while (pos < n && s[pos] >= '0' && s[pos] <= '9') {
            if (fractionDigits < 9) {
                fraction = fraction * 10 + (s[pos] - '0');
                ++fractionDigits;
            }
            ++pos;
        }
        if (pos == 20) // a dot with no digit
            return std::nullopt;
        for (int i = fractionDigits; i < 9; ++i)
            fraction *= 10;
    }
    if (pos >= n)
        return std::nullopt;

    qint64 offsetSeconds = 0;
    if (s[pos] == 'Z') {
        ++pos;
    } else if (s[pos] == '+' || s[pos] == '-') {
        int oh, om;
        if (n - pos < 6 || !digits(s + pos + 1, 2, oh) || s[pos + 3] != ':' || !digits(s + pos + 4, 2, om))
            return std::nullopt;
        if (oh > 23 || om > 59)
            return std::nullopt;
        offsetSeconds = (oh * 3600 + om * 60) * (s[pos] == '-' ? -1 : 1);
        pos += 6;
    } else {
        return std::nullopt;
    }
    if (pos != n)
        return std::nullopt;

    const qint64 days = daysFromCivil(year, unsigned(month), unsigned(day));
    const qint64 seconds = days * kSecondsPerDay + hour * 3600 + minute * 60 + second - offsetSeconds;
    const TimeNs t = TimeNs::fromSeconds(seconds, fraction);
    if (t < kMinTime || t > kMaxTime) // year 0000, or 10000, after the offset
        return std::nullopt;
    return t;
}

qint64 floorDiv(qint64 a, qint64 b)
{
    qint64 q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0)))
        --q;
    return q;
}

void put2(char *p, unsigned v)
{
    p[0] = char('0' + v / 10);
    p[1] = char('0' + v % 10);
}

} // namespace

// Howard Hinnant's days_from_civil / civil_from_days.
qint64 daysFromCivil(int y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const qint64 era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = unsigned(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + qint64(doe) - 719468;
}

CivilDate civilFromDays(qint64 z)
{
    z += 719468;
    const qint64 era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = unsigned(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const qint64 y = qint64(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return {int(y + (m <= 2)), m, d};
}

std::optional<TimeNs> parse(QStringView text)
{
    return parseImpl(text.utf16(), text.size());
}

std::optional<TimeNs> parse(std::string_view text)
{
    return parseImpl(text.data(), qsizetype(text.size()));
}

int formatSeconds(TimeNs ns, char *out)
{
    const qint64 seconds = ns.floorSeconds();
    const qint64 days = floorDiv(seconds, kSecondsPerDay);
    const qint64 secOfDay = seconds - days * kSecondsPerDay;
    const CivilDate date = civilFromDays(days);
    const unsigned year = unsigned(date.year);
    out[0] = char('0' + year / 1000 % 10);
    out[1] = char('0' + year / 100 % 10);
    out[2] = char('0' + year / 10 % 10);
    out[3] = char('0' + year % 10);
    out[4] = '-';
    put2(out + 5, date.month);
    out[7] = '-';
    put2(out + 8, date.day);
    out[10] = 'T';
    put2(out + 11, unsigned(secOfDay / 3600));
    out[13] = ':';
    put2(out + 14, unsigned(secOfDay / 60 % 60));
    out[16] = ':';
    put2(out + 17, unsigned(secOfDay % 60));
    out[19] = 'Z';
    return 20;
}

QString formatSeconds(TimeNs ns)
{
    char buf[24];
    const int len = formatSeconds(ns, buf);
    return QString::fromLatin1(buf, len);
}

QString formatNanos(TimeNs ns)
{
    char buf[24];
    formatSeconds(ns, buf);
    const qint64 fraction = ns.nanosOfSecond();
    return QString::fromLatin1(buf, 19) + QStringLiteral(".%1Z").arg(fraction, 9, 10, QLatin1Char('0'));
}

} // namespace osc::rfc3339
