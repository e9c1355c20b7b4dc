// Bucket boundaries (contract §6.2 plus this product's sizes and time zones): UTC truncation by
// integer arithmetic, calendar lengths, range caps at the exact limit, DST days in several zones,
// wall-clock query bounds and the binary-search locator.

#include "core/Rfc3339.h"
#include "query/BucketCalendar.h"

#include <QDateTime>
#include <QRandomGenerator>
#include <QTest>

#include <limits>

using namespace osc;
using namespace osc::query;

namespace {

constexpr qint64 kNs = 1'000'000'000;
constexpr qint64 kDay = 86'400;

// Test instants are written as RFC 3339 (with offsets where a zone is involved) for readability.
TimeNs at(const QString &text)
{
    const auto ns = rfc3339::parse(text);
    if (!ns)
        qFatal("bad test instant %s", qPrintable(text));
    return *ns;
}

BucketCalendar calendar(BucketSize size, const QString &zone = {})
{
    auto created = BucketCalendar::create(size, zone);
    if (!created)
        qFatal("cannot create calendar for %s", qPrintable(zone));
    return created.value();
}

QStringList formatted(const BucketCalendar &cal, const QList<TimeNs> &starts)
{
    QStringList out;
    for (const TimeNs start : starts)
        out.append(cal.formatStart(start));
    return out;
}

} // namespace

Q_DECLARE_METATYPE(osc::query::BucketSize)

class TstBucketCalendar : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void names_data();
    void names();
    void parseBucketSizeErrors_data();
    void parseBucketSizeErrors();
    void zones_data();
    void zones();
    void utcTruncation_data();
    void utcTruncation();
    void utcMatchesQDateTime();
    void bucketSeconds_data();
    void bucketSeconds();
    void rangeCaps_data();
    void rangeCaps();
    void boundaries_data();
    void boundaries();
    void zoneTruncation_data();
    void zoneTruncation();
    void zoneBoundaries_data();
    void zoneBoundaries();
    void parseQueryTime_data();
    void parseQueryTime();
    void formatStart_data();
    void formatStart();
    void locatorAgreesWithBucketStart_data();
    void locatorAgreesWithBucketStart();
    void locatorOutside();
};

void TstBucketCalendar::names_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<BucketSize>("size");
    QTest::addColumn<bool>("upstream");

    QTest::newRow("minute") << "minute" << BucketSize::Minute << false;
    QTest::newRow("hour") << "hour" << BucketSize::Hour << true;
    QTest::newRow("day") << "day" << BucketSize::Day << true;
    QTest::newRow("week") << "week" << BucketSize::Week << false;
    QTest::newRow("month") << "month" << BucketSize::Month << true;
    QTest::newRow("quarter") << "quarter" << BucketSize::Quarter << false;
    QTest::newRow("year") << "year" << BucketSize::Year << false;
}

void TstBucketCalendar::names()
{
    QFETCH(QString, name);
    QFETCH(BucketSize, size);
    QFETCH(bool, upstream);

    QCOMPARE(bucketSizeFromName(name), std::optional<BucketSize>(size));
    QCOMPARE(bucketSizeName(size), name);
    QCOMPARE(isUpstreamBucketSize(size), upstream);
    const auto parsed = parseBucketSize(name);
    QVERIFY(parsed.ok());
    QCOMPARE(parsed.value(), size);
}

void TstBucketCalendar::parseBucketSizeErrors_data()
{
    QTest::addColumn<QString>("raw");

    QTest::newRow("capitalised") << "Day";
    QTest::newRow("plural") << "days";
    QTest::newRow("leading space") << " day";
    QTest::newRow("fortnight") << "fortnight";
    QTest::newRow("quote inside") << "d\"ay";
}

void TstBucketCalendar::parseBucketSizeErrors()
{
    QFETCH(QString, raw);

    QVERIFY(!bucketSizeFromName(raw));
    const auto parsed = parseBucketSize(raw);
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().code, QStringLiteral("invalid_input"));
    QCOMPARE(
        parsed.error().message, QStringLiteral("invalid input: unsupported bucket size \"%1\"").arg(raw));
    QCOMPARE(parsed.error().httpStatus(), 400);

    // Empty is the contract default, not an error.
    const auto empty = parseBucketSize(QString());
    QVERIFY(empty.ok());
    QCOMPARE(empty.value(), BucketSize::Day);
}

void TstBucketCalendar::zones_data()
{
    QTest::addColumn<QString>("zone");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<bool>("utc");

    QTest::newRow("empty = UTC") << "" << true << true;
    QTest::newRow("UTC") << "UTC" << true << true;
    QTest::newRow("Etc/UTC") << "Etc/UTC" << true << true;
    QTest::newRow("Etc/GMT") << "Etc/GMT" << true << true;
    QTest::newRow("America/New_York") << "America/New_York" << true << false;
    QTest::newRow("Asia/Kolkata") << "Asia/Kolkata" << true << false;
    QTest::newRow("link name Asia/Calcutta") << "Asia/Calcutta" << true << false;
    QTest::newRow("fixed Etc/GMT-5") << "Etc/GMT-5" << true << false;
    QTest::newRow("three-part name") << "America/Argentina/Buenos_Aires" << true << false;
    QTest::newRow("unknown") << "Nowhere/City" << false << false;
    QTest::newRow("lowercase utc") << "utc" << false << false;
    QTest::newRow("POSIX rule word") << "XYZ" << false << false;
    QTest::newRow("POSIX rule string") << "EST5EDT,M3.2.0/2,M11.1.0" << false << false;
    QTest::newRow("path traversal") << "../etc/passwd" << false << false;
    QTest::newRow("space") << "America/New York" << false << false;
}

void TstBucketCalendar::zones()
{
    QFETCH(QString, zone);
    QFETCH(bool, valid);
    QFETCH(bool, utc);

    const auto created = BucketCalendar::create(BucketSize::Day, zone);
    QCOMPARE(created.ok(), valid);
    if (!valid) {
        QCOMPARE(
            created.error().message, QStringLiteral("invalid input: unknown time zone \"%1\"").arg(zone));
        return;
    }
    QCOMPARE(created->isUtc(), utc);
    QCOMPARE(created->timeZoneId(), zone);
    QCOMPARE(created->size(), BucketSize::Day);
    if (zone.isEmpty()) {
        const BucketCalendar utc = BucketCalendar::utc(BucketSize::Day);
        QVERIFY(utc.isUtc());
        QCOMPARE(utc.timeZoneId(), QString());
    }
}

void TstBucketCalendar::utcTruncation_data()
{
    QTest::addColumn<BucketSize>("size");
    QTest::addColumn<QString>("instant");
    QTest::addColumn<QString>("start");
    QTest::addColumn<QString>("next");

    const auto row = [](const char *name, BucketSize size, const char *instant, const char *start,
                         const char *next) { QTest::newRow(name) << size << instant << start << next; };
    row("minute", BucketSize::Minute, "2026-06-08T10:15:42.5Z", "2026-06-08T10:15:00Z",
        "2026-06-08T10:16:00Z");
    row("minute exact", BucketSize::Minute, "2026-06-08T10:15:00Z", "2026-06-08T10:15:00Z",
        "2026-06-08T10:16:00Z");
    row("minute 1ns before epoch", BucketSize::Minute, "1969-12-31T23:59:59.999999999Z",
        "1969-12-31T23:59:00Z", "1970-01-01T00:00:00Z");
    row("hour", BucketSize::Hour, "2026-06-08T10:59:59.999999999Z", "2026-06-08T10:00:00Z",
        "2026-06-08T11:00:00Z");
    row("hour pre-1970", BucketSize::Hour, "1969-12-31T23:30:00.5Z", "1969-12-31T23:00:00Z",
        "1970-01-01T00:00:00Z");
    row("day", BucketSize::Day, "2026-06-08T23:59:59Z", "2026-06-08T00:00:00Z", "2026-06-09T00:00:00Z");
    row("day leap day", BucketSize::Day, "2028-02-29T12:00:00Z", "2028-02-29T00:00:00Z",
        "2028-03-01T00:00:00Z");
    row("day pre-1970", BucketSize::Day, "1969-07-20T20:17:40Z", "1969-07-20T00:00:00Z",
        "1969-07-21T00:00:00Z");
    row("day 1ns before epoch", BucketSize::Day, "1969-12-31T23:59:59.999999999Z", "1969-12-31T00:00:00Z",
        "1970-01-01T00:00:00Z");
    row("week Monday itself", BucketSize::Week, "2026-06-08T00:00:00Z", "2026-06-08T00:00:00Z",
        "2026-06-15T00:00:00Z");
    row("week Sunday night", BucketSize::Week, "2026-06-14T23:59:59Z", "2026-06-08T00:00:00Z",
        "2026-06-15T00:00:00Z");
    row("week across new year", BucketSize::Week, "2027-01-01T08:00:00Z", "2026-12-28T00:00:00Z",
        "2027-01-04T00:00:00Z");
    row("week of the epoch", BucketSize::Week, "1970-01-01T00:00:00Z", "1969-12-29T00:00:00Z",
        "1970-01-05T00:00:00Z");
    row("week pre-1970 Sunday", BucketSize::Week, "1969-12-28T12:00:00Z", "1969-12-22T00:00:00Z",
        "1969-12-29T00:00:00Z");
    row("week leap day", BucketSize::Week, "2028-02-29T00:00:00Z", "2028-02-28T00:00:00Z",
        "2028-03-06T00:00:00Z");
    row("month end of June", BucketSize::Month, "2026-06-30T23:59:59Z", "2026-06-01T00:00:00Z",
        "2026-07-01T00:00:00Z");
    row("month December", BucketSize::Month, "2026-12-15T00:00:00Z", "2026-12-01T00:00:00Z",
        "2027-01-01T00:00:00Z");
    row("month leap February", BucketSize::Month, "2028-02-29T12:00:00Z", "2028-02-01T00:00:00Z",
        "2028-03-01T00:00:00Z");
    row("month February 2000", BucketSize::Month, "2000-02-29T00:00:00Z", "2000-02-01T00:00:00Z",
        "2000-03-01T00:00:00Z");
    row("month February 1900", BucketSize::Month, "1900-02-28T23:00:00Z", "1900-02-01T00:00:00Z",
        "1900-03-01T00:00:00Z");
    row("month pre-1970", BucketSize::Month, "1969-02-15T00:00:00Z", "1969-02-01T00:00:00Z",
        "1969-03-01T00:00:00Z");
    row("quarter Q2 end", BucketSize::Quarter, "2026-06-30T23:59:59Z", "2026-04-01T00:00:00Z",
        "2026-07-01T00:00:00Z");
    row("quarter Q4", BucketSize::Quarter, "2026-11-05T00:00:00Z", "2026-10-01T00:00:00Z",
        "2027-01-01T00:00:00Z");
    row("quarter Q1 start", BucketSize::Quarter, "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z",
        "2026-04-01T00:00:00Z");
    row("quarter pre-1970", BucketSize::Quarter, "1969-11-30T00:00:00Z", "1969-10-01T00:00:00Z",
        "1970-01-01T00:00:00Z");
    row("year last ns", BucketSize::Year, "2024-12-31T23:59:59.999999999Z", "2024-01-01T00:00:00Z",
        "2025-01-01T00:00:00Z");
    row("year 1900", BucketSize::Year, "1900-06-01T00:00:00Z", "1900-01-01T00:00:00Z",
        "1901-01-01T00:00:00Z");
}

void TstBucketCalendar::utcTruncation()
{
    QFETCH(BucketSize, size);
    QFETCH(QString, instant);
    QFETCH(QString, start);
    QFETCH(QString, next);

    for (const QString &zone : {QString(), QStringLiteral("UTC")}) {
        const BucketCalendar cal = calendar(size, zone);
        QCOMPARE(rfc3339::formatNanos(cal.bucketStart(at(instant))), rfc3339::formatNanos(at(start)));
        QCOMPARE(cal.nextStart(at(instant)), at(next));
        QCOMPARE(cal.nextStart(at(start)), at(next));
        QCOMPARE(cal.bucketStart(at(next) - 1), at(start));
        QCOMPARE(cal.formatStart(cal.bucketStart(at(instant))), start);
    }
}

// QDateTime/QDate as an independent oracle for the integer UTC path over a wide span of instants.
void TstBucketCalendar::utcMatchesQDateTime()
{
    QRandomGenerator random(20260608);
    const BucketCalendar day = calendar(BucketSize::Day);
    const BucketCalendar week = calendar(BucketSize::Week);
    const BucketCalendar month = calendar(BucketSize::Month);
    const BucketCalendar quarter = calendar(BucketSize::Quarter);
    const BucketCalendar year = calendar(BucketSize::Year);
    const auto msOf = [](const QDate &date) {
        return QDateTime(date, QTime(0, 0), Qt::UTC).toMSecsSinceEpoch() * 1'000'000;
    };
    for (int i = 0; i < 20'000; ++i) {
        // 1700..2250: inside the int64 nanosecond range with every start representable.
        const qint64 t
            = random.bounded(qint64(-8'520'000'000), qint64(8'800'000'000)) * kNs + random.bounded(kNs);
        const QDate date
            = QDateTime::fromMSecsSinceEpoch(t / 1'000'000 - (t % 1'000'000 < 0), Qt::UTC).date();
        QCOMPARE(day.bucketStart(t), msOf(date));
        QCOMPARE(week.bucketStart(t), msOf(date.addDays(1 - date.dayOfWeek())));
        QCOMPARE(month.bucketStart(t), msOf(QDate(date.year(), date.month(), 1)));
        QCOMPARE(month.nextStart(t), msOf(QDate(date.year(), date.month(), 1).addMonths(1)));
        QCOMPARE(quarter.bucketStart(t), msOf(QDate(date.year(), (date.month() - 1) / 3 * 3 + 1, 1)));
        QCOMPARE(year.bucketStart(t), msOf(QDate(date.year(), 1, 1)));
    }
}

void TstBucketCalendar::bucketSeconds_data()
{
    QTest::addColumn<BucketSize>("size");
    QTest::addColumn<QString>("start");
    QTest::addColumn<double>("seconds");

    QTest::newRow("minute") << BucketSize::Minute << "2026-06-08T10:15:00Z" << 60.0;
    QTest::newRow("hour") << BucketSize::Hour << "2026-06-08T10:00:00Z" << 3600.0;
    QTest::newRow("day") << BucketSize::Day << "2026-06-08T00:00:00Z" << 86400.0;
    QTest::newRow("week") << BucketSize::Week << "2026-06-08T00:00:00Z" << 7 * 86400.0;
    QTest::newRow("February 2028 (leap)") << BucketSize::Month << "2028-02-01T00:00:00Z" << 29 * 86400.0;
    QTest::newRow("February 2026") << BucketSize::Month << "2026-02-01T00:00:00Z" << 28 * 86400.0;
    QTest::newRow("February 2100") << BucketSize::Month << "2100-02-01T00:00:00Z" << 28 * 86400.0;
    QTest::newRow("February 2000") << BucketSize::Month << "2000-02-01T00:00:00Z" << 29 * 86400.0;
    QTest::newRow("June") << BucketSize::Month << "2026-06-01T00:00:00Z" << 30 * 86400.0;
    QTest::newRow("July") << BucketSize::Month << "2026-07-01T00:00:00Z" << 31 * 86400.0;
    QTest::newRow("December 1969") << BucketSize::Month << "1969-12-01T00:00:00Z" << 31 * 86400.0;
    QTest::newRow("Q1 2026") << BucketSize::Quarter << "2026-01-01T00:00:00Z" << 90 * 86400.0;
    QTest::newRow("Q1 2028") << BucketSize::Quarter << "2028-01-01T00:00:00Z" << 91 * 86400.0;
    QTest::newRow("Q4") << BucketSize::Quarter << "2026-10-01T00:00:00Z" << 92 * 86400.0;
    QTest::newRow("year 2026") << BucketSize::Year << "2026-01-01T00:00:00Z" << 365 * 86400.0;
    QTest::newRow("year 2028") << BucketSize::Year << "2028-01-01T00:00:00Z" << 366 * 86400.0;
}

void TstBucketCalendar::bucketSeconds()
{
    QFETCH(BucketSize, size);
    QFETCH(QString, start);
    QFETCH(double, seconds);

    const BucketCalendar cal = calendar(size);
    QCOMPARE(cal.bucketSeconds(at(start)), seconds);
    QCOMPARE(double(cal.nextStart(at(start)) - at(start)) / kNs, seconds);
}

void TstBucketCalendar::rangeCaps_data()
{
    QTest::addColumn<BucketSize>("size");
    QTest::addColumn<QString>("zone");
    QTest::addColumn<qint64>("from");
    QTest::addColumn<qint64>("to");
    QTest::addColumn<QString>("error");

    const QString order = QStringLiteral("invalid input: valid from and to range is required");
    const auto capRows = [](const char *name, BucketSize size, const QString &zone, const char *from,
                             const char *limit, const QString &error) {
        QTest::newRow(qPrintable(QStringLiteral("%1 at limit").arg(QLatin1String(name))))
            << size << zone << at(from).toInt64() << at(limit).toInt64() << QString();
        QTest::newRow(qPrintable(QStringLiteral("%1 one ns over").arg(QLatin1String(name))))
            << size << zone << at(from).toInt64() << at(limit).toInt64() + 1 << error;
    };
    capRows("minute", BucketSize::Minute, {}, "2026-06-08T00:00:00Z", "2026-06-10T00:00:00Z",
        QStringLiteral("invalid input: minute bucket range cannot exceed 2 days"));
    capRows("hour", BucketSize::Hour, {}, "2026-06-01T00:00:00Z", "2026-07-02T00:00:00Z",
        QStringLiteral("invalid input: hour bucket range cannot exceed 31 days"));
    capRows("hour odd instants", BucketSize::Hour, {}, "2026-06-01T10:11:12.5Z", "2026-07-02T10:11:12.5Z",
        QStringLiteral("invalid input: hour bucket range cannot exceed 31 days"));
    capRows("day", BucketSize::Day, {}, "2026-01-01T00:00:00Z", "2027-01-02T00:00:00Z",
        QStringLiteral("invalid input: day bucket range cannot exceed 366 days"));
    capRows("week", BucketSize::Week, {}, "2026-06-08T10:00:00.5Z", "2031-06-08T10:00:00.5Z",
        QStringLiteral("invalid input: week bucket range cannot exceed 5 years"));
    capRows("month", BucketSize::Month, {}, "2026-01-31T00:00:00Z", "2031-01-31T00:00:00Z",
        QStringLiteral("invalid input: month bucket range cannot exceed 5 years"));
    // Go's AddDate normalises Feb 29 + 5 years to Mar 1.
    capRows("month from leap day", BucketSize::Month, {}, "2024-02-29T00:00:00Z", "2029-03-01T00:00:00Z",
        QStringLiteral("invalid input: month bucket range cannot exceed 5 years"));
    capRows("quarter", BucketSize::Quarter, {}, "2026-01-01T00:00:00Z", "2036-01-01T00:00:00Z",
        QStringLiteral("invalid input: quarter bucket range cannot exceed 10 years"));
    capRows("year", BucketSize::Year, {}, "1970-01-01T00:00:00Z", "2070-01-01T00:00:00Z",
        QStringLiteral("invalid input: year bucket range cannot exceed 100 years"));
    // Calendar years on the zone's wall clock: 2026-07-01 00:00 EDT + 5 years = 2031-07-01 00:00 EDT.
    capRows("month in a zone", BucketSize::Month, QStringLiteral("America/New_York"),
        "2026-07-01T00:00:00-04:00", "2031-07-01T00:00:00-04:00",
        QStringLiteral("invalid input: month bucket range cannot exceed 5 years"));
    // Durations do not depend on the zone.
    capRows("day in a zone", BucketSize::Day, QStringLiteral("Asia/Kolkata"), "2026-01-01T00:00:00+05:30",
        "2027-01-02T00:00:00+05:30",
        QStringLiteral("invalid input: day bucket range cannot exceed 366 days"));

    QTest::newRow("from == to") << BucketSize::Day << QString() << at("2026-06-08T00:00:00Z").toInt64()
                                << at("2026-06-08T00:00:00Z").toInt64() << order;
    QTest::newRow("from > to") << BucketSize::Hour << QString() << at("2026-06-09T00:00:00Z").toInt64()
                               << at("2026-06-08T00:00:00Z").toInt64() << order;
    QTest::newRow("one ns") << BucketSize::Minute << QString() << at("2026-06-08T00:00:00Z").toInt64()
                            << at("2026-06-08T00:00:00Z").toInt64() + 1 << QString();
    QTest::newRow("whole int64 range")
        << BucketSize::Day << QString() << std::numeric_limits<qint64>::min()
        << std::numeric_limits<qint64>::max()
        << QStringLiteral("invalid input: day bucket range cannot exceed 366 days");
    // The 100-year limit of a 2200 start lies past 2262: saturates instead of wrapping.
    QTest::newRow("year cap past int64")
        << BucketSize::Year << QString() << at("2200-01-01T00:00:00Z").toInt64()
        << at("2262-01-01T00:00:00Z").toInt64() << QString();
}

void TstBucketCalendar::rangeCaps()
{
    QFETCH(BucketSize, size);
    QFETCH(QString, zone);
    QFETCH(qint64, from);
    QFETCH(qint64, to);
    QFETCH(QString, error);

    const Status status = calendar(size, zone).checkRange(from, to);
    QCOMPARE(status.ok(), error.isEmpty());
    if (!error.isEmpty()) {
        QCOMPARE(status.error().message, error);
        QCOMPARE(status.error().code, QStringLiteral("invalid_input"));
    }
    QCOMPARE(checkTimeOrder(from, to).ok(), from < to);
}

void TstBucketCalendar::boundaries_data()
{
    QTest::addColumn<BucketSize>("size");
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<QStringList>("starts");

    QTest::newRow("day, from inside a bucket")
        << BucketSize::Day << "2026-06-08T10:00:00Z"
        << "2026-06-10T00:00:00Z"
        << QStringList{"2026-06-08T00:00:00Z", "2026-06-09T00:00:00Z", "2026-06-10T00:00:00Z"};
    QTest::newRow("day, to one ns past a start")
        << BucketSize::Day << "2026-06-08T00:00:00Z"
        << "2026-06-09T00:00:00.000000001Z"
        << QStringList{"2026-06-08T00:00:00Z", "2026-06-09T00:00:00Z", "2026-06-10T00:00:00Z"};
    QTest::newRow("day, one ns range")
        << BucketSize::Day << "2026-06-08T10:00:00Z"
        << "2026-06-08T10:00:00.000000001Z" << QStringList{"2026-06-08T00:00:00Z", "2026-06-09T00:00:00Z"};
    QTest::newRow("month across short months") << BucketSize::Month << "2026-01-31T12:00:00Z"
                                               << "2026-04-01T00:00:00Z"
                                               << QStringList{"2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z",
                                                      "2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z"};
    QTest::newRow("week") << BucketSize::Week << "2026-06-10T00:00:00Z"
                          << "2026-06-22T00:00:00Z"
                          << QStringList{
                                 "2026-06-08T00:00:00Z", "2026-06-15T00:00:00Z", "2026-06-22T00:00:00Z"};
    QTest::newRow("hour across the epoch") << BucketSize::Hour << "1969-12-31T22:30:00Z"
                                           << "1970-01-01T00:30:00Z"
                                           << QStringList{"1969-12-31T22:00:00Z", "1969-12-31T23:00:00Z",
                                                  "1970-01-01T00:00:00Z", "1970-01-01T01:00:00Z"};
    QTest::newRow("year") << BucketSize::Year << "2026-06-08T00:00:00Z"
                          << "2027-01-01T00:00:00Z"
                          << QStringList{"2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z"};
    QTest::newRow("from == to is empty") << BucketSize::Day << "2026-06-08T00:00:00Z"
                                         << "2026-06-08T00:00:00Z" << QStringList{};
    QTest::newRow("from > to is empty") << BucketSize::Day << "2026-06-09T00:00:00Z"
                                        << "2026-06-08T00:00:00Z" << QStringList{};
}

void TstBucketCalendar::boundaries()
{
    QFETCH(BucketSize, size);
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(QStringList, starts);

    const BucketCalendar cal = calendar(size);
    QCOMPARE(formatted(cal, cal.boundaries(at(from), at(to))), starts);
}

void TstBucketCalendar::zoneTruncation_data()
{
    QTest::addColumn<QString>("zone");
    QTest::addColumn<BucketSize>("size");
    QTest::addColumn<QString>("instant");
    QTest::addColumn<QString>("start");
    QTest::addColumn<double>("seconds");

    const auto row
        = [](const char *name, const char *zone, BucketSize size, const char *instant, const char *start,
              double seconds) { QTest::newRow(name) << zone << size << instant << start << seconds; };
    const char *ny = "America/New_York";
    // 2026-03-08 02:00 EST → 03:00 EDT; 2026-11-01 02:00 EDT → 01:00 EST.
    row("NY spring-forward day", ny, BucketSize::Day, "2026-03-08T12:00:00-04:00",
        "2026-03-08T00:00:00-05:00", 23 * 3600.0);
    row("NY spring-forward day, before the jump", ny, BucketSize::Day, "2026-03-08T01:59:59-05:00",
        "2026-03-08T00:00:00-05:00", 23 * 3600.0);
    row("NY day before", ny, BucketSize::Day, "2026-03-07T23:59:59-05:00", "2026-03-07T00:00:00-05:00",
        24 * 3600.0);
    row("NY day after", ny, BucketSize::Day, "2026-03-09T00:00:00-04:00", "2026-03-09T00:00:00-04:00",
        24 * 3600.0);
    row("NY fall-back day", ny, BucketSize::Day, "2026-11-01T12:00:00-05:00", "2026-11-01T00:00:00-04:00",
        25 * 3600.0);
    row("NY hour before the jump", ny, BucketSize::Hour, "2026-03-08T01:30:00-05:00",
        "2026-03-08T01:00:00-05:00", 3600.0);
    row("NY hour after the jump", ny, BucketSize::Hour, "2026-03-08T03:30:00-04:00",
        "2026-03-08T03:00:00-04:00", 3600.0);
    row("NY first 01:xx of fall-back", ny, BucketSize::Hour, "2026-11-01T01:30:00-04:00",
        "2026-11-01T01:00:00-04:00", 3600.0);
    row("NY second 01:xx of fall-back", ny, BucketSize::Hour, "2026-11-01T01:30:00-05:00",
        "2026-11-01T01:00:00-05:00", 3600.0);
    row("NY minute in the repeated hour", ny, BucketSize::Minute, "2026-11-01T01:59:30-05:00",
        "2026-11-01T01:59:00-05:00", 60.0);
    row("NY week of spring-forward", ny, BucketSize::Week, "2026-03-08T12:00:00-04:00",
        "2026-03-02T00:00:00-05:00", 7 * 86400.0 - 3600);
    row("NY month March", ny, BucketSize::Month, "2026-03-15T00:00:00-04:00", "2026-03-01T00:00:00-05:00",
        31 * 86400.0 - 3600);
    row("NY month November", ny, BucketSize::Month, "2026-11-20T00:00:00-05:00", "2026-11-01T00:00:00-04:00",
        30 * 86400.0 + 3600);
    row("NY month June", ny, BucketSize::Month, "2026-06-30T23:59:59-04:00", "2026-06-01T00:00:00-04:00",
        30 * 86400.0);
    row("NY month June, UTC already July", ny, BucketSize::Month, "2026-07-01T02:00:00Z",
        "2026-06-01T00:00:00-04:00", 30 * 86400.0);
    row("NY quarter Q1", ny, BucketSize::Quarter, "2026-02-01T00:00:00-05:00", "2026-01-01T00:00:00-05:00",
        90 * 86400.0 - 3600);
    row("NY quarter Q2", ny, BucketSize::Quarter, "2026-05-01T00:00:00-04:00", "2026-04-01T00:00:00-04:00",
        91 * 86400.0);
    row("NY year", ny, BucketSize::Year, "2026-07-04T12:00:00-04:00", "2026-01-01T00:00:00-05:00",
        365 * 86400.0);

    const char *berlin = "Europe/Berlin";
    // 2026-03-29 02:00 CET → 03:00 CEST; 2026-10-25 03:00 CEST → 02:00 CET.
    row("Berlin spring-forward day", berlin, BucketSize::Day, "2026-03-29T12:00:00+02:00",
        "2026-03-29T00:00:00+01:00", 23 * 3600.0);
    row("Berlin fall-back day", berlin, BucketSize::Day, "2026-10-25T12:00:00+01:00",
        "2026-10-25T00:00:00+02:00", 25 * 3600.0);
    row("Berlin hour skipped to 03:00", berlin, BucketSize::Hour, "2026-03-29T03:10:00+02:00",
        "2026-03-29T03:00:00+02:00", 3600.0);
    row("Berlin first 02:xx", berlin, BucketSize::Hour, "2026-10-25T02:30:00+02:00",
        "2026-10-25T02:00:00+02:00", 3600.0);
    row("Berlin second 02:xx", berlin, BucketSize::Hour, "2026-10-25T02:30:00+01:00",
        "2026-10-25T02:00:00+01:00", 3600.0);
    row("Berlin month March", berlin, BucketSize::Month, "2026-03-31T23:00:00+02:00",
        "2026-03-01T00:00:00+01:00", 31 * 86400.0 - 3600);
    row("Berlin month October", berlin, BucketSize::Month, "2026-10-01T00:00:00+02:00",
        "2026-10-01T00:00:00+02:00", 31 * 86400.0 + 3600);

    const char *kolkata = "Asia/Kolkata";
    // +05:30 all year: local days start at 18:30Z of the previous UTC day.
    row("Kolkata day", kolkata, BucketSize::Day, "2026-06-08T00:00:00Z", "2026-06-08T00:00:00+05:30",
        86400.0);
    row("Kolkata day, last second", kolkata, BucketSize::Day, "2026-06-08T18:29:59Z",
        "2026-06-08T00:00:00+05:30", 86400.0);
    row("Kolkata next day at 18:30Z", kolkata, BucketSize::Day, "2026-06-08T18:30:00Z",
        "2026-06-09T00:00:00+05:30", 86400.0);
    row("Kolkata hour starts at :30 UTC", kolkata, BucketSize::Hour, "2026-06-08T10:45:00Z",
        "2026-06-08T16:00:00+05:30", 3600.0);
    row("Kolkata hour, earlier half", kolkata, BucketSize::Hour, "2026-06-08T10:15:00Z",
        "2026-06-08T15:00:00+05:30", 3600.0);
    row("Kolkata month", kolkata, BucketSize::Month, "2026-06-15T00:00:00Z", "2026-06-01T00:00:00+05:30",
        30 * 86400.0);
    row("Kolkata month begins 18:30Z", kolkata, BucketSize::Month, "2026-05-31T18:30:00Z",
        "2026-06-01T00:00:00+05:30", 30 * 86400.0);
    row("Kolkata month, UTC still May", kolkata, BucketSize::Month, "2026-05-31T18:29:59Z",
        "2026-05-01T00:00:00+05:30", 31 * 86400.0);

    const char *lordHowe = "Australia/Lord_Howe";
    // 30-minute DST: 2026-04-05 02:00 +11:00 → 01:30 +10:30; 2026-10-04 02:00 +10:30 → 02:30 +11:00.
    row("Lord Howe 24.5 h day", lordHowe, BucketSize::Day, "2026-04-05T12:00:00+10:30",
        "2026-04-05T00:00:00+11:00", 24.5 * 3600);
    row("Lord Howe 23.5 h day", lordHowe, BucketSize::Day, "2026-10-04T12:00:00+11:00",
        "2026-10-04T00:00:00+10:30", 23.5 * 3600);
    row("Lord Howe half hour after the jump", lordHowe, BucketSize::Hour, "2026-10-04T02:45:00+11:00",
        "2026-10-04T02:30:00+11:00", 1800.0);
    row("Lord Howe hour before the jump", lordHowe, BucketSize::Hour, "2026-10-04T01:45:00+10:30",
        "2026-10-04T01:00:00+10:30", 3600.0);
    row("Lord Howe 01:xx before fall-back", lordHowe, BucketSize::Hour, "2026-04-05T01:45:00+11:00",
        "2026-04-05T01:00:00+11:00", 3600.0);
    row("Lord Howe repeated half hour", lordHowe, BucketSize::Hour, "2026-04-05T01:45:00+10:30",
        "2026-04-05T01:30:00+10:30", 1800.0);

    const char *santiago = "America/Santiago";
    // Transitions at midnight: on 2026-04-05 the clock goes from 23:59:59 -03:00 back to 23:00 -04:00 of
    // the 4th (a 25 h day whose last hour repeats); on 2026-09-06 from 23:59:59 -04:00 to 01:00 -03:00
    // (midnight skipped: the day begins at 01:00).
    row("Santiago day with skipped midnight", santiago, BucketSize::Day, "2026-09-06T12:00:00-03:00",
        "2026-09-06T01:00:00-03:00", 23 * 3600.0);
    row("Santiago day before skipped midnight", santiago, BucketSize::Day, "2026-09-05T23:59:59-04:00",
        "2026-09-05T00:00:00-04:00", 24 * 3600.0);
    row("Santiago first 23:xx", santiago, BucketSize::Day, "2026-04-04T23:30:00-03:00",
        "2026-04-04T00:00:00-03:00", 25 * 3600.0);
    row("Santiago repeated 23:xx", santiago, BucketSize::Day, "2026-04-04T23:30:00-04:00",
        "2026-04-04T00:00:00-03:00", 25 * 3600.0);
    row("Santiago day after fall-back", santiago, BucketSize::Day, "2026-04-05T00:00:00-04:00",
        "2026-04-05T00:00:00-04:00", 24 * 3600.0);
    row("Santiago hour of skipped midnight", santiago, BucketSize::Hour, "2026-09-06T01:30:00-03:00",
        "2026-09-06T01:00:00-03:00", 3600.0);
    // Pacific/Apia skipped 2011-12-30 entirely (24:00 -10:00 on the 29th became 00:00 +14:00 on the 31st).
    row("Apia day before the skipped day", "Pacific/Apia", BucketSize::Day, "2011-12-29T23:59:59-10:00",
        "2011-12-29T00:00:00-10:00", 24 * 3600.0);
    row("Apia day after the skipped day", "Pacific/Apia", BucketSize::Day, "2011-12-31T00:00:00+14:00",
        "2011-12-31T00:00:00+14:00", 24 * 3600.0);
    row("Apia six-day week", "Pacific/Apia", BucketSize::Week, "2011-12-31T12:00:00+14:00",
        "2011-12-26T00:00:00-10:00", 6 * 86400.0);
    row("Santiago month September", santiago, BucketSize::Month, "2026-09-20T00:00:00-03:00",
        "2026-09-01T00:00:00-04:00", 30 * 86400.0 - 3600);
}

void TstBucketCalendar::zoneTruncation()
{
    QFETCH(QString, zone);
    QFETCH(BucketSize, size);
    QFETCH(QString, instant);
    QFETCH(QString, start);
    QFETCH(double, seconds);

    const BucketCalendar cal = calendar(size, zone);
    const TimeNs bucket = cal.bucketStart(at(instant));
    QCOMPARE(cal.formatStart(bucket), start);
    QCOMPARE(bucket, at(start));
    QCOMPARE(cal.bucketSeconds(bucket), seconds);
    QVERIFY(cal.nextStart(at(instant)) > at(instant));
    QCOMPARE(cal.bucketStart(cal.nextStart(bucket) - 1), bucket);
    QCOMPARE(cal.bucketStart(bucket), bucket);
}

void TstBucketCalendar::zoneBoundaries_data()
{
    QTest::addColumn<QString>("zone");
    QTest::addColumn<BucketSize>("size");
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<QStringList>("starts");

    QTest::newRow("NY hours over spring-forward")
        << "America/New_York" << BucketSize::Hour << "2026-03-08T00:00:00-05:00"
        << "2026-03-08T05:00:00-04:00"
        << QStringList{"2026-03-08T00:00:00-05:00", "2026-03-08T01:00:00-05:00", "2026-03-08T03:00:00-04:00",
               "2026-03-08T04:00:00-04:00", "2026-03-08T05:00:00-04:00"};
    QTest::newRow("NY hours over fall-back")
        << "America/New_York" << BucketSize::Hour << "2026-11-01T00:00:00-04:00"
        << "2026-11-01T03:00:00-05:00"
        << QStringList{"2026-11-01T00:00:00-04:00", "2026-11-01T01:00:00-04:00", "2026-11-01T01:00:00-05:00",
               "2026-11-01T02:00:00-05:00", "2026-11-01T03:00:00-05:00"};
    QTest::newRow("NY days over spring-forward")
        << "America/New_York" << BucketSize::Day << "2026-03-07T00:00:00-05:00"
        << "2026-03-10T00:00:00-04:00"
        << QStringList{"2026-03-07T00:00:00-05:00", "2026-03-08T00:00:00-05:00", "2026-03-09T00:00:00-04:00",
               "2026-03-10T00:00:00-04:00"};
    QTest::newRow("Berlin days over fall-back")
        << "Europe/Berlin" << BucketSize::Day << "2026-10-24T12:00:00+02:00"
        << "2026-10-26T00:00:00+01:00"
        << QStringList{"2026-10-24T00:00:00+02:00", "2026-10-25T00:00:00+02:00", "2026-10-26T00:00:00+01:00"};
    QTest::newRow("Kolkata months") << "Asia/Kolkata" << BucketSize::Month << "2026-05-15T00:00:00Z"
                                    << "2026-06-30T18:30:00Z"
                                    << QStringList{"2026-05-01T00:00:00+05:30", "2026-06-01T00:00:00+05:30",
                                           "2026-07-01T00:00:00+05:30"};
    QTest::newRow("Apia days over the skipped day")
        << "Pacific/Apia" << BucketSize::Day << "2011-12-29T12:00:00-10:00"
        << "2012-01-01T00:00:00+14:00"
        << QStringList{"2011-12-29T00:00:00-10:00", "2011-12-31T00:00:00+14:00", "2012-01-01T00:00:00+14:00"};
    QTest::newRow("Lord Howe hours over +30 min")
        << "Australia/Lord_Howe" << BucketSize::Hour << "2026-10-04T01:00:00+10:30"
        << "2026-10-04T04:00:00+11:00"
        << QStringList{"2026-10-04T01:00:00+10:30", "2026-10-04T02:30:00+11:00", "2026-10-04T03:00:00+11:00",
               "2026-10-04T04:00:00+11:00"};
}

void TstBucketCalendar::zoneBoundaries()
{
    QFETCH(QString, zone);
    QFETCH(BucketSize, size);
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(QStringList, starts);

    const BucketCalendar cal = calendar(size, zone);
    QCOMPARE(formatted(cal, cal.boundaries(at(from), at(to))), starts);
}

void TstBucketCalendar::parseQueryTime_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("zone");
    QTest::addColumn<QString>("expected"); // RFC 3339 instant; empty = parse error; "zone" = zone error

    QTest::newRow("RFC 3339 without zone") << "2026-03-08T00:00:00Z"
                                           << ""
                                           << "2026-03-08T00:00:00Z";
    QTest::newRow("offset wins over zone") << "2026-03-08T00:00:00+05:30"
                                           << "America/New_York"
                                           << "2026-03-07T18:30:00Z";
    QTest::newRow("offset with unknown zone") << "2026-03-08T00:00:00Z"
                                              << "Nowhere/City"
                                              << "2026-03-08T00:00:00Z";
    QTest::newRow("wall clock needs a zone") << "2026-03-08T00:00:00"
                                             << ""
                                             << "";
    QTest::newRow("wall clock in NY") << "2026-03-08T00:00:00"
                                      << "America/New_York"
                                      << "2026-03-08T05:00:00Z";
    QTest::newRow("NY nonexistent 02:30 → 03:30 EDT") << "2026-03-08T02:30:00"
                                                      << "America/New_York"
                                                      << "2026-03-08T07:30:00Z";
    QTest::newRow("NY ambiguous 01:30 → EDT (earlier)") << "2026-11-01T01:30:00"
                                                        << "America/New_York"
                                                        << "2026-11-01T05:30:00Z";
    QTest::newRow("Berlin nonexistent 02:30") << "2026-03-29T02:30:00"
                                              << "Europe/Berlin"
                                              << "2026-03-29T01:30:00Z";
    QTest::newRow("Berlin ambiguous 02:30") << "2026-10-25T02:30:00"
                                            << "Europe/Berlin"
                                            << "2026-10-25T00:30:00Z";
    QTest::newRow("Kolkata with fraction") << "2026-06-08T00:00:00.123456789"
                                           << "Asia/Kolkata"
                                           << "2026-06-07T18:30:00.123456789Z";
    QTest::newRow("wall clock in UTC") << "2026-06-08T00:00:00"
                                       << "UTC"
                                       << "2026-06-08T00:00:00Z";
    QTest::newRow("date only") << "2026-06-08"
                               << "America/New_York"
                               << "";
    QTest::newRow("dangling dot") << "2026-06-08T00:00:00."
                                  << "America/New_York"
                                  << "";
    QTest::newRow("lowercase t") << "2026-06-08t00:00:00"
                                 << "America/New_York"
                                 << "";
    QTest::newRow("short offset") << "2026-06-08T00:00:00+05"
                                  << "America/New_York"
                                  << "";
    QTest::newRow("invalid day") << "2026-02-30T00:00:00"
                                 << "America/New_York"
                                 << "";
    QTest::newRow("garbage") << "yesterday"
                             << "America/New_York"
                             << "";
    QTest::newRow("empty") << ""
                           << ""
                           << "";
    QTest::newRow("unknown zone") << "2026-06-08T00:00:00"
                                  << "Nowhere/City"
                                  << "zone";
}

void TstBucketCalendar::parseQueryTime()
{
    QFETCH(QString, text);
    QFETCH(QString, zone);
    QFETCH(QString, expected);

    const QString code = QStringLiteral("invalid_from");
    const QString message = QStringLiteral("from must be an RFC3339 timestamp");
    const auto parsed = query::parseQueryTime(text, zone, code, message);
    if (expected.isEmpty()) {
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.error().code, code);
        QCOMPARE(parsed.error().message, message);
        QCOMPARE(parsed.error().httpStatus(), 400);
    } else if (expected == u"zone") {
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.error().message, QStringLiteral("invalid input: unknown time zone \"%1\"").arg(zone));
    } else {
        QVERIFY(parsed.ok());
        QCOMPARE(rfc3339::formatNanos(parsed.value()), rfc3339::formatNanos(at(expected)));
    }
}

void TstBucketCalendar::formatStart_data()
{
    QTest::addColumn<QString>("zone");
    QTest::addColumn<QString>("instant");
    QTest::addColumn<QString>("expected");

    QTest::newRow("UTC truncates fraction") << ""
                                            << "2026-06-08T10:00:00.7Z"
                                            << "2026-06-08T10:00:00Z";
    QTest::newRow("UTC alias keeps Z") << "Etc/UTC"
                                       << "2026-06-08T00:00:00Z"
                                       << "2026-06-08T00:00:00Z";
    QTest::newRow("NY EST") << "America/New_York"
                            << "2026-03-08T05:00:00Z"
                            << "2026-03-08T00:00:00-05:00";
    QTest::newRow("NY EDT") << "America/New_York"
                            << "2026-06-08T04:00:00Z"
                            << "2026-06-08T00:00:00-04:00";
    QTest::newRow("Kolkata") << "Asia/Kolkata"
                             << "2026-06-07T18:30:00Z"
                             << "2026-06-08T00:00:00+05:30";
    QTest::newRow("Kathmandu") << "Asia/Kathmandu"
                               << "2026-06-07T18:15:00Z"
                               << "2026-06-08T00:00:00+05:45";
    QTest::newRow("St Johns") << "America/St_Johns"
                              << "2026-01-01T03:30:00Z"
                              << "2026-01-01T00:00:00-03:30";
    QTest::newRow("London winter is Z like Go") << "Europe/London"
                                                << "2026-01-01T00:00:00Z"
                                                << "2026-01-01T00:00:00Z";
    QTest::newRow("London summer") << "Europe/London"
                                   << "2026-07-01T00:00:00Z"
                                   << "2026-07-01T01:00:00+01:00";
    QTest::newRow("Kiribati +14") << "Pacific/Kiritimati"
                                  << "2026-06-07T10:00:00Z"
                                  << "2026-06-08T00:00:00+14:00";
}

void TstBucketCalendar::formatStart()
{
    QFETCH(QString, zone);
    QFETCH(QString, instant);
    QFETCH(QString, expected);

    const BucketCalendar cal = calendar(BucketSize::Day, zone);
    QCOMPARE(cal.formatStart(at(instant)), expected);
    QCOMPARE(at(expected), at(instant) / kNs * kNs); // the text denotes the same (whole-second) instant
}

void TstBucketCalendar::locatorAgreesWithBucketStart_data()
{
    QTest::addColumn<QString>("zone");
    QTest::addColumn<BucketSize>("size");
    QTest::addColumn<qint64>("from");
    QTest::addColumn<qint64>("to");

    const QStringList zones = {QString(), QStringLiteral("America/New_York"), QStringLiteral("Europe/Berlin"),
        QStringLiteral("Asia/Kolkata"), QStringLiteral("Australia/Lord_Howe"),
        QStringLiteral("America/Santiago")};
    for (const QString &zone : zones) {
        const auto add = [&](BucketSize size, TimeNs from, TimeNs to) {
            const QString name = QStringLiteral("%1 %2").arg(
                zone.isEmpty() ? QStringLiteral("UTC") : zone, bucketSizeName(size));
            QTest::newRow(qPrintable(name)) << zone << size << from.toInt64() << to.toInt64();
        };
        // Each range spans transitions of every zone above, at that size's cap.
        add(BucketSize::Minute, at("2026-04-04T12:00:00Z"), at("2026-04-06T12:00:00Z"));
        add(BucketSize::Hour, at("2026-03-20T00:00:00Z"), at("2026-04-20T00:00:00Z"));
        add(BucketSize::Day, at("2026-01-01T00:00:00Z"), at("2027-01-01T00:00:00Z"));
        add(BucketSize::Week, at("2024-01-01T00:00:00Z"), at("2028-12-31T00:00:00Z"));
        add(BucketSize::Month, at("1968-01-01T00:00:00Z"), at("1972-12-31T00:00:00Z"));
        add(BucketSize::Quarter, at("2020-02-01T00:00:00Z"), at("2029-12-31T00:00:00Z"));
        add(BucketSize::Year, at("1950-07-01T00:00:00Z"), at("2049-07-01T00:00:00Z"));
    }
}

// Boundaries are consistent with bucketStart/nextStart, and the locator finds the same bucket as the
// one-off functions for random instants (with extra instants right at and around transitions).
void TstBucketCalendar::locatorAgreesWithBucketStart()
{
    QFETCH(QString, zone);
    QFETCH(BucketSize, size);
    QFETCH(qint64, from);
    QFETCH(qint64, to);

    const BucketCalendar cal = calendar(size, zone);
    QVERIFY(cal.checkRange(from, to).ok());
    const QList<TimeNs> starts = cal.boundaries(from, to);
    QVERIFY(starts.size() >= 2);
    QVERIFY(starts.constFirst() <= from);
    QVERIFY(starts.constLast() >= to);
    QVERIFY(starts.at(starts.size() - 2) < to);
    for (qsizetype i = 0; i + 1 < starts.size(); ++i) {
        QVERIFY(starts.at(i) < starts.at(i + 1));
        QCOMPARE(starts.at(i) % kNs, 0);
        QCOMPARE(cal.bucketStart(starts.at(i)), starts.at(i));
        QCOMPARE(cal.bucketStart(starts.at(i + 1) - 1), starts.at(i));
        QCOMPARE(cal.nextStart(starts.at(i)), starts.at(i + 1));
    }

    const BucketLocator locator(starts);
    QCOMPARE(locator.bucketCount(), starts.size() - 1);
    QRandomGenerator random(quint32(qHash(zone) ^ quint32(size)));
    for (int i = 0; i < 300; ++i) {
        const qint64 t = random.bounded(from, to);
        const qsizetype index = locator.indexOf(t);
        QVERIFY(index >= 0);
        QCOMPARE(locator.startOf(index), cal.bucketStart(t));
        QCOMPARE(locator.endOf(index), cal.nextStart(t));
        QVERIFY(locator.startOf(index) <= t && t < locator.endOf(index));
    }
    for (qsizetype i = 1; i + 1 < starts.size(); ++i) {
        QCOMPARE(locator.indexOf(starts.at(i)), i);
        QCOMPARE(locator.indexOf(starts.at(i) - 1), i - 1);
    }
}

void TstBucketCalendar::locatorOutside()
{
    const BucketLocator empty;
    QCOMPARE(empty.bucketCount(), 0);
    QCOMPARE(empty.indexOf(0), -1);

    const BucketLocator locator({10, 20, 30});
    QCOMPARE(locator.bucketCount(), 2);
    QCOMPARE(locator.indexOf(9), -1);
    QCOMPARE(locator.indexOf(10), 0);
    QCOMPARE(locator.indexOf(19), 0);
    QCOMPARE(locator.indexOf(20), 1);
    QCOMPARE(locator.indexOf(29), 1);
    QCOMPARE(locator.indexOf(30), -1);
    QCOMPARE(locator.startOf(1), 20);
    QCOMPARE(locator.endOf(1), 30);
}

QTEST_APPLESS_MAIN(TstBucketCalendar)
#include "tst_bucketcalendar.moc"
