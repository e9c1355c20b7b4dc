// A slice's scan also stops in the middle of a bucket when its BucketQuery::interrupt is set (an
// export job canceled while one bucket holds millions of raw events).
//
// bucketchunks::split cuts a bucket query into consecutive slices at bucket starts, so that slices
// scanned in parallel give exactly the rows of the whole query (checked end to end by tst_exportsapi's
// job-equals-direct-export cases). Here: the slices tile [from, to) with no gap or overlap, every cut
// is a bucket start of the query's calendar, and queries that cannot be cut stay whole.

#include "Engine.h"
#include "core/Rfc3339.h"
#include "export/BucketChunks.h"
#include "filter/Filter.h"
#include "query/BucketCalendar.h"

#include <QTemporaryDir>
#include <QTest>

#include <atomic>

using namespace osc;

namespace {

osc::TimeNs at(const char *text)
{
    return *rfc3339::parse(QString::fromLatin1(text));
}

} // namespace

class TestBucketChunks : public QObject
{
    Q_OBJECT

private slots:
    void split_data()
    {
        QTest::addColumn<QString>("bucketSize");
        QTest::addColumn<QString>("zone");
        QTest::addColumn<qint64>("from");
        QTest::addColumn<qint64>("to");
        QTest::addColumn<int>("target");
        QTest::addColumn<int>("expectedChunks");

        QTest::newRow("721 hours in 64")
            << "hour"
            << "" << at("2026-10-24T16:00:00Z").toInt64() << at("2026-11-23T17:00:00Z").toInt64() << 64
            << 61; // 12 buckets per slice
        QTest::newRow("unaligned ends")
            << "hour"
            << "" << at("2026-10-24T16:20:00Z").toInt64() << at("2026-10-25T16:40:00Z").toInt64() << 8 << 7;
        QTest::newRow("fewer buckets than slices")
            << "day"
            << "" << at("2026-06-01T00:00:00Z").toInt64() << at("2026-06-04T00:00:00Z").toInt64() << 64 << 3;
        QTest::newRow("one bucket") << "day"
                                    << "" << at("2026-06-01T03:00:00Z").toInt64()
                                    << at("2026-06-01T09:00:00Z").toInt64() << 64 << 1;
        QTest::newRow("New York days across DST")
            << "day"
            << "America/New_York" << at("2026-03-01T05:00:00Z").toInt64()
            << at("2026-03-15T04:00:00Z").toInt64() << 4 << 4;
        QTest::newRow("Kolkata hours") << "hour"
                                       << "Asia/Kolkata" << at("2026-06-01T00:00:00Z").toInt64()
                                       << at("2026-06-01T10:00:00Z").toInt64() << 64 << 11;
        QTest::newRow("months") << "month"
                                << "" << at("2026-01-15T00:00:00Z").toInt64()
                                << at("2026-07-01T00:00:00Z").toInt64() << 64 << 6;
        QTest::newRow("bad bucket size stays whole")
            << "fortnight"
            << "" << at("2026-06-01T00:00:00Z").toInt64() << at("2026-07-01T00:00:00Z").toInt64() << 64 << 1;
        QTest::newRow("bad zone stays whole") << "hour"
                                              << "Mars/Olympus" << at("2026-06-01T00:00:00Z").toInt64()
                                              << at("2026-06-02T00:00:00Z").toInt64() << 64 << 1;
        QTest::newRow("reversed range stays whole")
            << "hour"
            << "" << at("2026-06-02T00:00:00Z").toInt64() << at("2026-06-01T00:00:00Z").toInt64() << 64 << 1;
    }

    void split()
    {
        QFETCH(QString, bucketSize);
        QFETCH(QString, zone);
        QFETCH(qint64, from);
        QFETCH(qint64, to);
        QFETCH(int, target);
        QFETCH(int, expectedChunks);

        query::BucketQuery whole;
        whole.meter = QStringLiteral("api");
        whole.bucketSize = bucketSize;
        whole.timeZone = zone;
        whole.fromNs = from;
        whole.toNs = to;
        whole.groupBy = {QStringLiteral("subject")};
        whole.limit = 5000;
        const QList<query::BucketQuery> chunks = bucketchunks::split(whole, target);
        QCOMPARE(chunks.size(), expectedChunks);
        QVERIFY(chunks.size() <= std::max(1, target));
        QCOMPARE(chunks.first().fromNs, from);
        QCOMPARE(chunks.last().toNs, to);

        auto size = query::parseBucketSize(bucketSize);
        auto calendar = size ? query::BucketCalendar::create(size.value(), zone)
                             : Result<query::BucketCalendar>(Error::invalidInputBare());
        for (qsizetype i = 0; i < chunks.size(); ++i) {
            const query::BucketQuery &chunk = chunks.at(i);
            // Everything but the range is the query's own.
            QCOMPARE(chunk.meter, whole.meter);
            QCOMPARE(chunk.bucketSize, whole.bucketSize);
            QCOMPARE(chunk.timeZone, whole.timeZone);
            QCOMPARE(chunk.groupBy, whole.groupBy);
            QCOMPARE(chunk.limit, whole.limit);
            if (i > 0) {
                QCOMPARE(chunk.fromNs, chunks.at(i - 1).toNs); // no gap, no overlap
                QVERIFY(calendar);
                QCOMPARE(calendar->bucketStart(chunk.fromNs), chunk.fromNs); // cut at a bucket start
            }
            if (chunks.size() > 1)
                QVERIFY(chunk.fromNs < chunk.toNs);
        }
    }

    void interruptStopsARawScanInsideABucket()
    {
        QTemporaryDir dir;
        auto engine = Engine::open({dir.filePath(QStringLiteral("chunks.db")), false},
            std::make_unique<ManualClock>(at("2026-06-02T00:00:00Z")));
        QVERIFY(engine);
        MeterDraft draft;
        draft.name = QStringLiteral("api");
        draft.unit = QStringLiteral("requests");
        draft.aggregation = QStringLiteral("sum");
        QVERIFY((*engine)->meters().create((*engine)->owner(), draft));
        // 12,000 events in one hour, one in the next: the first bucket takes ~3 polls to scan.
        for (int batch = 0; batch < 13; ++batch) {
            QList<UsageDraft> events;
            for (int i = 0; i < (batch < 12 ? 1000 : 1); ++i) {
                UsageDraft event;
                event.meter = draft.name;
                event.subject = QStringLiteral("org_%1").arg(i % 7);
                event.quantity = 1;
                event.idempotencyKey = QStringLiteral("e%1-%2").arg(batch).arg(i);
                event.metadata = QJsonObject{{"note", QStringLiteral("n%1").arg(i)}};
                event.timestamp = rfc3339::formatNanos(
                    at(batch < 12 ? "2026-06-01T10:00:00Z" : "2026-06-01T11:00:00Z") + qint64(i) * 1000);
                events.append(event);
            }
            QVERIFY((*engine)->ingestor().createBulk((*engine)->owner(), events, QString()));
        }
        query::BucketQuery q;
        q.meter = draft.name;
        q.bucketSize = QStringLiteral("hour");
        q.fromNs = at("2026-06-01T00:00:00Z");
        q.toNs = at("2026-06-02T00:00:00Z");
        // A filter on plain metadata keeps the query on the raw events (no rollup can answer it).
        auto filter = query::parseFilter(
            QJsonObject{{"type", "condition"}, {"field", "metadata.note"}, {"op", "neq"}, {"value", "none"}});
        QVERIFY(filter && filter->has_value());
        q.filter = **filter;
        const auto rows = [&](const std::atomic<bool> *interrupt) {
            q.interrupt = interrupt;
            QStringList out;
            Status status = (*engine)->queries().forEachBucket(
                (*engine)->owner(), q, [&](const query::BucketResult &, const query::UsageBucket &row) {
                    out.append(QStringLiteral("%1 %2").arg(row.bucketStart).arg(row.quantity));
                    return true;
                });
            [&] { QVERIFY(status); }();
            return out;
        };
        const std::atomic<bool> running = false;
        const std::atomic<bool> interrupted = true;
        QCOMPARE(rows(nullptr), QStringList({"2026-06-01T10:00:00Z 12000", "2026-06-01T11:00:00Z 1"}));
        QCOMPARE(rows(&running), rows(nullptr));
        QCOMPARE(rows(&interrupted), QStringList()); // stopped before the first bucket ended
    }
};

QTEST_GUILESS_MAIN(TestBucketChunks)
#include "tst_bucketchunks.moc"
