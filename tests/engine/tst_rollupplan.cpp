// query::planSegments: which stretches of a bucket query come from day rollups, hour rollups or raw
// events. Every plan must cover [from, to) exactly once and never let a rollup row cross a bucket
// boundary or the range's ends.

#include "core/Rfc3339.h"
#include "query/BucketCalendar.h"
#include "query/RollupPlan.h"

#include <QTest>

using namespace osc;
using namespace osc::query;
using Source = ScanSegment::Source;

Q_DECLARE_METATYPE(QList<osc::ScanSegment>)

namespace {

osc::TimeNs at(const char *rfc3339)
{
    return *rfc3339::parse(QString::fromLatin1(rfc3339));
}

ScanSegment seg(Source source, const char *from, const char *to)
{
    return {source, at(from), at(to)};
}

} // namespace

class TestRollupPlan : public QObject
{
    Q_OBJECT

private slots:
    void plans_data()
    {
        QTest::addColumn<QString>("bucketSize");
        QTest::addColumn<QString>("zone");
        QTest::addColumn<qint64>("from");
        QTest::addColumn<qint64>("to");
        QTest::addColumn<bool>("useDays");
        QTest::addColumn<QList<ScanSegment>>("expected");

        QTest::newRow("utc days, aligned: one day stretch")
            << "day"
            << "" << at("2026-06-01T00:00:00Z").toInt64() << at("2026-07-01T00:00:00Z").toInt64() << true
            << QList<ScanSegment>{seg(Source::DayRollups, "2026-06-01T00:00:00Z", "2026-07-01T00:00:00Z")};
        QTest::newRow("utc days, ragged ends: raw, hours, days, hours, raw")
            << "day"
            << "" << at("2026-06-01T10:30:00Z").toInt64() << at("2026-06-05T07:15:00Z").toInt64() << true
            << QList<ScanSegment>{seg(Source::RawEvents, "2026-06-01T10:30:00Z", "2026-06-01T11:00:00Z"),
                   seg(Source::HourRollups, "2026-06-01T11:00:00Z", "2026-06-02T00:00:00Z"),
                   seg(Source::DayRollups, "2026-06-02T00:00:00Z", "2026-06-05T00:00:00Z"),
                   seg(Source::HourRollups, "2026-06-05T00:00:00Z", "2026-06-05T07:00:00Z"),
                   seg(Source::RawEvents, "2026-06-05T07:00:00Z", "2026-06-05T07:15:00Z")};
        QTest::newRow("utc days without day rollups (subject table)")
            << "day"
            << "" << at("2026-06-01T00:00:00Z").toInt64() << at("2026-06-03T00:00:00Z").toInt64() << false
            << QList<ScanSegment>{seg(Source::HourRollups, "2026-06-01T00:00:00Z", "2026-06-03T00:00:00Z")};
        QTest::newRow("hour buckets: hours only, never days")
            << "hour"
            << "" << at("2026-06-01T00:00:00Z").toInt64() << at("2026-06-03T00:00:00Z").toInt64() << true
            << QList<ScanSegment>{seg(Source::HourRollups, "2026-06-01T00:00:00Z", "2026-06-03T00:00:00Z")};
        QTest::newRow("minute buckets: raw throughout")
            << "minute"
            << "" << at("2026-06-01T00:00:00Z").toInt64() << at("2026-06-01T03:00:00Z").toInt64() << true
            << QList<ScanSegment>{seg(Source::RawEvents, "2026-06-01T00:00:00Z", "2026-06-01T03:00:00Z")};
        QTest::newRow("range inside one hour: raw")
            << "hour"
            << "" << at("2026-06-01T10:05:00Z").toInt64() << at("2026-06-01T10:55:00Z").toInt64() << true
            << QList<ScanSegment>{seg(Source::RawEvents, "2026-06-01T10:05:00Z", "2026-06-01T10:55:00Z")};
        QTest::newRow("new york days: hour aligned, not UTC-day aligned")
            << "day"
            << "America/New_York" << at("2026-06-01T04:00:00Z").toInt64()
            << at("2026-06-03T04:00:00Z").toInt64() << true
            << QList<ScanSegment>{seg(Source::HourRollups, "2026-06-01T04:00:00Z", "2026-06-03T04:00:00Z")};
        QTest::newRow("kolkata days: half an hour of raw at each bucket edge")
            << "day"
            << "Asia/Kolkata" << at("2026-06-01T18:30:00Z").toInt64() << at("2026-06-02T18:30:00Z").toInt64()
            << true
            << QList<ScanSegment>{seg(Source::RawEvents, "2026-06-01T18:30:00Z", "2026-06-01T19:00:00Z"),
                   seg(Source::HourRollups, "2026-06-01T19:00:00Z", "2026-06-02T18:00:00Z"),
                   seg(Source::RawEvents, "2026-06-02T18:00:00Z", "2026-06-02T18:30:00Z")};
        QTest::newRow("kolkata hours: every hour bucket is raw (they start at :30)")
            << "hour"
            << "Asia/Kolkata" << at("2026-06-01T00:30:00Z").toInt64() << at("2026-06-01T03:30:00Z").toInt64()
            << true
            << QList<ScanSegment>{seg(Source::RawEvents, "2026-06-01T00:30:00Z", "2026-06-01T03:30:00Z")};
        QTest::newRow("utc months") << "month"
                                    << "" << at("2026-01-15T00:00:00Z").toInt64()
                                    << at("2026-03-01T00:00:00Z").toInt64() << true
                                    << QList<ScanSegment>{seg(Source::DayRollups, "2026-01-15T00:00:00Z",
                                           "2026-03-01T00:00:00Z")};
        QTest::newRow("before 1970")
            << "day"
            << "" << at("1969-12-30T12:00:00Z").toInt64() << at("1970-01-01T06:00:00Z").toInt64() << true
            << QList<ScanSegment>{seg(Source::HourRollups, "1969-12-30T12:00:00Z", "1969-12-31T00:00:00Z"),
                   seg(Source::DayRollups, "1969-12-31T00:00:00Z", "1970-01-01T00:00:00Z"),
                   seg(Source::HourRollups, "1970-01-01T00:00:00Z", "1970-01-01T06:00:00Z")};
    }

    void plans()
    {
        QFETCH(QString, bucketSize);
        QFETCH(QString, zone);
        QFETCH(qint64, from);
        QFETCH(qint64, to);
        QFETCH(bool, useDays);
        QFETCH(QList<ScanSegment>, expected);

        auto size = parseBucketSize(bucketSize);
        QVERIFY(size);
        auto calendar = BucketCalendar::create(size.value(), zone);
        QVERIFY(calendar);
        const QList<TimeNs> boundaries = calendar->boundaries(from, to);
        const QList<ScanSegment> plan = planSegments(boundaries, from, to, useDays);
        if (plan != expected) {
            for (const ScanSegment &s : plan)
                qWarning() << int(s.source) << rfc3339::formatNanos(s.fromNs) << rfc3339::formatNanos(s.toNs);
        }
        QCOMPARE(plan, expected);

        // Coverage: contiguous from `from` to `to`; no rollup stretch crosses a bucket boundary.
        TimeNs cursor = from;
        for (const ScanSegment &s : plan) {
            QCOMPARE(s.fromNs, cursor);
            QVERIFY(s.fromNs < s.toNs);
            cursor = s.toNs;
            if (s.source == Source::RawEvents)
                continue;
            const qint64 unit = s.source == Source::DayRollups ? 86'400'000'000'000LL : 3'600'000'000'000LL;
            for (TimeNs row = s.fromNs; row < s.toNs; row += unit)
                for (const TimeNs boundary : boundaries)
                    QVERIFY2(
                        !(boundary > row && boundary < row + unit), "rollup row crosses a bucket boundary");
        }
        QCOMPARE(cursor, to);
    }
};

QTEST_APPLESS_MAIN(TestRollupPlan)
#include "tst_rollupplan.moc"
