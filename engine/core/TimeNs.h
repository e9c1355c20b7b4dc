#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QHashFunctions>
#include <QtGlobal>

#include <compare>
#include <limits>
#include <optional>

namespace osc {

__extension__ typedef __int128 WideInt;

// An instant as integer nanoseconds since the Unix epoch (UTC), wide enough for every time upstream's Go
// `time.Time` round-trips through RFC 3339: years 0001 to 9999. A plain qint64 of nanoseconds only
// reaches 1678–2262, which refused real inputs (a `2999-12-31` event, a `received_at lte 2999-…`
// filter). It converts implicitly *from* qint64, so clock readings and constants mix in, but never
// silently back: code that needs 64 bits (a clock, a Qt date type) says so with toInt64()/clampedInt64().
class TimeNs
{
public:
    constexpr TimeNs() = default;
    constexpr TimeNs(qint64 ns) // NOLINT(google-explicit-constructor): widening is lossless
        : m_ns(ns)
    { }
    static constexpr TimeNs fromWide(WideInt ns)
    {
        TimeNs t;
        t.m_ns = ns;
        return t;
    }
    static constexpr TimeNs fromSeconds(qint64 seconds, qint64 nanos = 0)
    {
        return fromWide(WideInt(seconds) * 1'000'000'000 + nanos);
    }

    constexpr WideInt wide() const { return m_ns; }
    constexpr bool fitsInt64() const
    {
        return m_ns >= std::numeric_limits<qint64>::min() && m_ns <= std::numeric_limits<qint64>::max();
    }
    // Only for values known to fit (durations, clock readings); check fitsInt64() otherwise.
    constexpr qint64 toInt64() const
    {
        Q_ASSERT(fitsInt64());
        return qint64(m_ns);
    }
    // Saturates: for bounds compared with columns that only ever hold clock readings (received_at).
    constexpr qint64 clampedInt64() const
    {
        if (m_ns > std::numeric_limits<qint64>::max())
            return std::numeric_limits<qint64>::max();
        if (m_ns < std::numeric_limits<qint64>::min())
            return std::numeric_limits<qint64>::min();
        return qint64(m_ns);
    }
    // Decimal nanoseconds ("-12", "253402300799999999999"): how records and SQL parameter lists carry a
    // time that may not fit a JSON/SQL integer.
    QByteArray toDecimal() const;
    static std::optional<TimeNs> fromDecimal(QByteArrayView text);

    // For ratios and progress only.
    constexpr explicit operator double() const { return double(m_ns); }
    // Whole seconds, rounded towards the past, and the nanoseconds after them (0..999'999'999).
    constexpr qint64 floorSeconds() const { return floorQuotient(1'000'000'000); }
    // Milliseconds rounded towards the past (Qt's date types); always fits qint64.
    constexpr qint64 floorMillis() const { return floorQuotient(1'000'000); }
    constexpr qint32 nanosOfSecond() const { return qint32(m_ns - WideInt(floorSeconds()) * 1'000'000'000); }

    friend constexpr TimeNs operator+(TimeNs a, TimeNs b) { return fromWide(a.m_ns + b.m_ns); }
    friend constexpr TimeNs operator-(TimeNs a, TimeNs b) { return fromWide(a.m_ns - b.m_ns); }
    friend constexpr TimeNs operator*(TimeNs a, TimeNs b) { return fromWide(a.m_ns * b.m_ns); }
    // Truncating like the built-in operators; floorDiv() below rounds towards the past. Both take the
    // 64-bit path when the operands fit, since 128-bit division is a library call.
    friend constexpr TimeNs operator/(TimeNs a, TimeNs b)
    {
        if (a.fitsInt64() && b.fitsInt64())
            return TimeNs(qint64(a.m_ns) / qint64(b.m_ns));
        return fromWide(a.m_ns / b.m_ns);
    }
    friend constexpr TimeNs operator%(TimeNs a, TimeNs b)
    {
        if (a.fitsInt64() && b.fitsInt64())
            return TimeNs(qint64(a.m_ns) % qint64(b.m_ns));
        return fromWide(a.m_ns % b.m_ns);
    }
    constexpr TimeNs operator-() const { return fromWide(-m_ns); }
    constexpr TimeNs &operator+=(TimeNs o)
    {
        m_ns += o.m_ns;
        return *this;
    }
    constexpr TimeNs &operator-=(TimeNs o)
    {
        m_ns -= o.m_ns;
        return *this;
    }
    friend constexpr bool operator==(TimeNs a, TimeNs b) = default;
    friend constexpr std::strong_ordering operator<=>(TimeNs a, TimeNs b) = default;

private:
    // Quotient rounded towards the past; 64-bit division when the value fits (nearly always), since
    // 128-bit division is a library call and output formatting divides once per row.
    constexpr qint64 floorQuotient(qint64 unit) const
    {
        if (fitsInt64()) {
            const qint64 v = qint64(m_ns);
            const qint64 q = v / unit;
            return v % unit < 0 ? q - 1 : q;
        }
        const WideInt q = m_ns / unit;
        return qint64(m_ns % unit < 0 ? q - 1 : q);
    }

    WideInt m_ns = 0;
};

// Division rounding towards negative infinity (bucket starts before 1970 stay on the grid).
constexpr TimeNs floorDiv(TimeNs a, TimeNs b)
{
    TimeNs q = a / b;
    if (a % b != TimeNs(0) && ((a < TimeNs(0)) != (b < TimeNs(0))))
        q -= TimeNs(1);
    return q;
}

// The range RFC 3339 text can name with a four-digit year: 0001-01-01T00:00:00Z to
// 9999-12-31T23:59:59.999999999Z.
constexpr TimeNs kMinTime = TimeNs::fromSeconds(-62'135'596'800);
constexpr TimeNs kMaxTime = TimeNs::fromSeconds(253'402'300'799, 999'999'999);

inline size_t qHash(TimeNs t, size_t seed = 0) noexcept
{
    return ::qHash(quint64(t.wide()) ^ quint64(t.wide() >> 64), seed);
}

} // namespace osc
