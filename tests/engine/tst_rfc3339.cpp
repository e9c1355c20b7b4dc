// Contract §1.4: RFC 3339 input parsed like Go's time.Parse(time.RFC3339, v); output in UTC with second
// precision (truncated), cursors with nine fractional digits.

#include "core/Rfc3339.h"

#include <QDate>
#include <QTest>

#include <algorithm>
#include <optional>
#include <string>

using namespace osc;

namespace {

constexpr qint64 kNs = 1'000'000'000;
// 2026-06-08T10:00:00Z
constexpr qint64 kJune8 = 1'780'912'800;
// 2024-02-29T00:00:00Z
constexpr qint64 kLeapDay = 1'709'164'800;
// 1969-07-20T20:17:40Z
constexpr qint64 kMoonLanding = -14'182'940;

} // namespace

class TstRfc3339 : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parseValid_data();
    void parseValid();
    void parseInvalid_data();
    void parseInvalid();
    void parseRange();
    void formatSeconds_data();
    void formatSeconds();
    void formatSecondsIntoBuffer();
    void formatNanos_data();
    void formatNanos();
    void nanosRoundTrip_data();
    void nanosRoundTrip();
    void daysFromCivil_data();
    void daysFromCivil();
    void civilRoundTrip();
};

void TstRfc3339::parseValid_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("expectedNs");

    QTest::newRow("Z") << "2026-06-08T10:00:00Z" << kJune8 * kNs;
    QTest::newRow("offset +05:30") << "2026-06-08T15:30:00+05:30" << kJune8 * kNs;
    QTest::newRow("offset -08:00") << "2026-06-08T02:00:00-08:00" << kJune8 * kNs;
    QTest::newRow("offset +00:00") << "2026-06-08T10:00:00+00:00" << kJune8 * kNs;
    QTest::newRow("offset crosses midnight") << "2026-06-07T23:00:00-11:00" << kJune8 * kNs;
    QTest::newRow("fraction 1 digit") << "2026-06-08T10:00:00.5Z" << kJune8 * kNs + 500'000'000;
    QTest::newRow("fraction 3 digits") << "2026-06-08T10:00:00.123Z" << kJune8 * kNs + 123'000'000;
    QTest::newRow("fraction 7 digits (C# SDK)")
        << "2026-06-08T10:00:00.1234567Z" << kJune8 * kNs + 123'456'700;
    QTest::newRow("fraction 9 digits") << "2026-06-08T10:00:00.123456789Z" << kJune8 * kNs + 123'456'789;
    QTest::newRow("fraction 12 digits truncated")
        << "2026-06-08T10:00:00.123456789999Z" << kJune8 * kNs + 123'456'789;
    QTest::newRow("fraction with offset") << "2026-06-08T15:30:00.25+05:30" << kJune8 * kNs + 250'000'000;
    QTest::newRow("leap day 2024-02-29") << "2024-02-29T00:00:00Z" << kLeapDay * kNs;
    QTest::newRow("leap day 2000-02-29 (div by 400)") << "2000-02-29T00:00:00Z" << 951'782'400 * kNs;
    QTest::newRow("epoch") << "1970-01-01T00:00:00Z" << qint64(0);
    QTest::newRow("pre-1970") << "1969-07-20T20:17:40Z" << kMoonLanding * kNs;
    QTest::newRow("pre-1970 with fraction") << "1969-12-31T23:59:59.5Z" << qint64(-500'000'000);
    QTest::newRow("end of day") << "2026-06-08T23:59:59Z" << (kJune8 + 13 * 3600 + 59 * 60 + 59) * kNs;
}

void TstRfc3339::parseValid()
{
    QFETCH(QString, text);
    QFETCH(qint64, expectedNs);

    const std::optional<TimeNs> parsed = rfc3339::parse(QStringView(text));
    QVERIFY2(parsed.has_value(), qPrintable(text));
    QCOMPARE(*parsed, expectedNs);

    // The std::string_view overload (hot path) must agree.
    const std::string utf8 = text.toStdString();
    const std::optional<TimeNs> parsedUtf8 = rfc3339::parse(std::string_view(utf8));
    QVERIFY(parsedUtf8.has_value());
    QCOMPARE(*parsedUtf8, expectedNs);
}

void TstRfc3339::parseInvalid_data()
{
    QTest::addColumn<QString>("text");

    QTest::newRow("empty") << "";
    QTest::newRow("date only") << "2026-06-08";
    QTest::newRow("missing zone") << "2026-06-08T10:00:00";
    QTest::newRow("missing zone with fraction") << "2026-06-08T10:00:00.123";
    QTest::newRow("lowercase t") << "2026-06-08t10:00:00Z";
    QTest::newRow("lowercase z") << "2026-06-08T10:00:00z";
    QTest::newRow("space separator") << "2026-06-08 10:00:00Z";
    QTest::newRow("2023-02-29 (not a leap year)") << "2023-02-29T00:00:00Z";
    QTest::newRow("1900-02-29 (century, not leap)") << "1900-02-29T00:00:00Z";
    QTest::newRow("april 31") << "2026-04-31T00:00:00Z";
    QTest::newRow("month 13") << "2026-13-01T00:00:00Z";
    QTest::newRow("month 00") << "2026-00-01T00:00:00Z";
    QTest::newRow("day 00") << "2026-06-00T00:00:00Z";
    QTest::newRow("hour 24") << "2026-06-08T24:00:00Z";
    QTest::newRow("minute 60") << "2026-06-08T10:60:00Z";
    QTest::newRow("second 60") << "2026-06-08T10:00:60Z";
    QTest::newRow("trailing junk") << "2026-06-08T10:00:00Zjunk";
    QTest::newRow("trailing space") << "2026-06-08T10:00:00Z ";
    QTest::newRow("leading space") << " 2026-06-08T10:00:00Z";
    QTest::newRow("dot without digits") << "2026-06-08T10:00:00.Z";
    QTest::newRow("offset without colon") << "2026-06-08T10:00:00+0530";
    QTest::newRow("offset hour only") << "2026-06-08T10:00:00+05";
    QTest::newRow("offset truncated") << "2026-06-08T10:00:00+05:3";
    QTest::newRow("offset with trailing junk") << "2026-06-08T10:00:00+05:30x";
    QTest::newRow("space instead of plus (unencoded query)") << "2026-06-08T10:00:00 05:30";
    QTest::newRow("two-digit year") << "26-06-08T10:00:00Z";
    QTest::newRow("single-digit month") << "2026-6-08T10:00:00Z";
    QTest::newRow("garbage") << "soon";
}

void TstRfc3339::parseInvalid()
{
    QFETCH(QString, text);
    QVERIFY2(!rfc3339::parse(QStringView(text)).has_value(), qPrintable(text));
    const std::string utf8 = text.toStdString();
    QVERIFY2(!rfc3339::parse(std::string_view(utf8)).has_value(), qPrintable(text));
}

void TstRfc3339::parseRange()
{
    // Years 0001–9999 as Go round-trips them, exact to the nanosecond at both ends; year 0000 and
    // instants an offset pushes outside (into year 0 or 10000) → nullopt.
    QCOMPARE(rfc3339::parse(QStringView(u"0001-01-01T00:00:00Z")), std::optional<TimeNs>(kMinTime));
    QCOMPARE(rfc3339::parse(QStringView(u"9999-12-31T23:59:59.999999999Z")), std::optional<TimeNs>(kMaxTime));
    QCOMPARE(rfc3339::formatNanos(kMinTime), QStringLiteral("0001-01-01T00:00:00.000000000Z"));
    QCOMPARE(rfc3339::formatNanos(kMaxTime), QStringLiteral("9999-12-31T23:59:59.999999999Z"));
    QCOMPARE(rfc3339::formatSeconds(*rfc3339::parse(QStringView(u"2999-12-31T23:59:59Z"))),
        QStringLiteral("2999-12-31T23:59:59Z"));
    QCOMPARE(rfc3339::formatSeconds(*rfc3339::parse(QStringView(u"1066-10-14T09:00:00.5Z"))),
        QStringLiteral("1066-10-14T09:00:00Z"));
    QCOMPARE(rfc3339::parse(QStringView(u"2262-04-11T23:47:16.854775808Z"))->fitsInt64(), false);
    QVERIFY(!rfc3339::parse(QStringView(u"0000-12-31T23:59:59Z")).has_value());
    QVERIFY(!rfc3339::parse(QStringView(u"0001-01-01T00:00:00+00:01")).has_value());
    QVERIFY(!rfc3339::parse(QStringView(u"9999-12-31T23:59:59-00:01")).has_value());
    QVERIFY(rfc3339::parse(QStringView(u"9999-12-31T23:59:59+00:01")).has_value());
    QVERIFY(!rfc3339::parse(QStringView(u"10000-01-01T00:00:00Z")).has_value());
}

void TstRfc3339::formatSeconds_data()
{
    QTest::addColumn<qint64>("ns");
    QTest::addColumn<QString>("expected");

    QTest::newRow("whole second") << kJune8 * kNs << "2026-06-08T10:00:00Z";
    QTest::newRow("fraction truncated, not rounded") << kJune8 * kNs + 999'999'999 << "2026-06-08T10:00:00Z";
    QTest::newRow("half second truncated") << kJune8 * kNs + 500'000'000 << "2026-06-08T10:00:00Z";
    QTest::newRow("epoch") << qint64(0) << "1970-01-01T00:00:00Z";
    QTest::newRow("leap day") << kLeapDay * kNs + 1 << "2024-02-29T00:00:00Z";
    QTest::newRow("one ns before epoch") << qint64(-1) << "1969-12-31T23:59:59Z";
    QTest::newRow("-1.5 s floors to :58") << qint64(-1'500'000'000) << "1969-12-31T23:59:58Z";
    QTest::newRow("exactly -1 s") << qint64(-1'000'000'000) << "1969-12-31T23:59:59Z";
    QTest::newRow("pre-1970 with fraction") << kMoonLanding * kNs + 900'000'000 << "1969-07-20T20:17:40Z";
    QTest::newRow("pre-1970 whole second") << kMoonLanding * kNs << "1969-07-20T20:17:40Z";
}

void TstRfc3339::formatSeconds()
{
    QFETCH(qint64, ns);
    QFETCH(QString, expected);
    QCOMPARE(rfc3339::formatSeconds(ns), expected);
}

void TstRfc3339::formatSecondsIntoBuffer()
{
    char buffer[32];
    std::fill(std::begin(buffer), std::end(buffer), '#');
    const int length = rfc3339::formatSeconds(kJune8 * kNs + 123, buffer);
    QCOMPARE(length, 20);
    QCOMPARE(QByteArray(buffer, length), QByteArray("2026-06-08T10:00:00Z"));
    QCOMPARE(buffer[20], '#'); // writes exactly `length` bytes
}

void TstRfc3339::formatNanos_data()
{
    QTest::addColumn<qint64>("ns");
    QTest::addColumn<QString>("expected");

    QTest::newRow("epoch") << qint64(0) << "1970-01-01T00:00:00.000000000Z";
    QTest::newRow("half second") << kJune8 * kNs + 500'000'000 << "2026-06-08T10:00:00.500000000Z";
    QTest::newRow("all nine digits") << kJune8 * kNs + 123'456'789 << "2026-06-08T10:00:00.123456789Z";
    QTest::newRow("one ns") << kJune8 * kNs + 1 << "2026-06-08T10:00:00.000000001Z";
    QTest::newRow("one ns before epoch") << qint64(-1) << "1969-12-31T23:59:59.999999999Z";
    QTest::newRow("pre-1970 fraction")
        << kMoonLanding * kNs + 250'000'000 << "1969-07-20T20:17:40.250000000Z";
}

void TstRfc3339::formatNanos()
{
    QFETCH(qint64, ns);
    QFETCH(QString, expected);
    QCOMPARE(rfc3339::formatNanos(ns), expected);
}

void TstRfc3339::nanosRoundTrip_data()
{
    QTest::addColumn<qint64>("ns");
    QTest::newRow("epoch") << qint64(0);
    QTest::newRow("june 8 + 123456789") << kJune8 * kNs + 123'456'789;
    QTest::newRow("-1") << qint64(-1);
    QTest::newRow("moon landing + 1") << kMoonLanding * kNs + 1;
    QTest::newRow("leap day - 1") << kLeapDay * kNs - 1;
}

void TstRfc3339::nanosRoundTrip()
{
    // Cursors carry formatNanos output; decoding it must give the exact same instant (§1.8).
    QFETCH(qint64, ns);
    const QString text = rfc3339::formatNanos(ns);
    const auto parsed = rfc3339::parse(QStringView(text));
    QVERIFY2(parsed.has_value(), qPrintable(text));
    QCOMPARE(*parsed, ns);

    // formatSeconds output parses back to the truncated (floored) second.
    const QString seconds = rfc3339::formatSeconds(ns);
    const auto parsedSeconds = rfc3339::parse(QStringView(seconds));
    QVERIFY(parsedSeconds.has_value());
    QVERIFY(*parsedSeconds <= ns);
    QVERIFY(ns - *parsedSeconds < kNs);
    QCOMPARE(*parsedSeconds % kNs, qint64(0));
}

void TstRfc3339::daysFromCivil_data()
{
    QTest::addColumn<int>("year");
    QTest::addColumn<uint>("month");
    QTest::addColumn<uint>("day");
    QTest::addColumn<qint64>("days");

    QTest::newRow("epoch") << 1970 << 1u << 1u << qint64(0);
    QTest::newRow("day before epoch") << 1969 << 12u << 31u << qint64(-1);
    QTest::newRow("2000-03-01") << 2000 << 3u << 1u << qint64(11017);
    QTest::newRow("2024-02-29") << 2024 << 2u << 29u << kLeapDay / 86400;
    QTest::newRow("2026-06-08") << 2026 << 6u << 8u << kJune8 / 86400;
    QTest::newRow("1969-07-20") << 1969 << 7u << 20u << qint64(-165);
}

void TstRfc3339::daysFromCivil()
{
    QFETCH(int, year);
    QFETCH(uint, month);
    QFETCH(uint, day);
    QFETCH(qint64, days);

    QCOMPARE(rfc3339::daysFromCivil(year, month, day), days);
    const rfc3339::CivilDate date = rfc3339::civilFromDays(days);
    QCOMPARE(date.year, year);
    QCOMPARE(date.month, month);
    QCOMPARE(date.day, day);
}

void TstRfc3339::civilRoundTrip()
{
    // QDate is an independent proleptic-Gregorian oracle. Walk ~1600..2400 with a stride that hits
    // every month and day-of-month over time, plus every day of a few leap/non-leap years.
    const QDate epoch(1970, 1, 1);
    const auto check = [&](qint64 days) {
        const QDate expected = epoch.addDays(days);
        const rfc3339::CivilDate civil = rfc3339::civilFromDays(days);
        if (civil.year != expected.year() || int(civil.month) != expected.month()
            || int(civil.day) != expected.day())
            return false;
        return rfc3339::daysFromCivil(civil.year, civil.month, civil.day) == days;
    };
    for (qint64 days = -135'000; days <= 157'000; days += 7)
        QVERIFY2(check(days), qPrintable(QString::number(days)));
    for (const int year : {1900, 1999, 2000, 2023, 2024, 2100}) {
        const qint64 first = epoch.daysTo(QDate(year, 1, 1));
        const qint64 last = epoch.daysTo(QDate(year, 12, 31));
        for (qint64 days = first; days <= last; ++days)
            QVERIFY2(check(days), qPrintable(QString::number(days)));
    }
}

QTEST_APPLESS_MAIN(TstRfc3339)
#include "tst_rfc3339.moc"
