// Issue 13: times from 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z as upstream (Go time.Time) accepts
// them, through a real server: ingest (single, bulk), filters on both time fields, bucket ranges at the
// ends of the range, keyset cursors across centuries, and the raw-event CSV; year 0000 and 10000 get
// `invalid_timestamp` and change nothing.

#include "ApiTestServer.h"

#include <QJsonArray>
#include <QtTest>

using osc::test::ApiTestServer;
using osc::test::HttpResult;

namespace {

QByteArray compact(const QJsonValue &value)
{
    return value.isArray() ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)
                           : QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
}

QJsonObject usage(const QString &timestamp, double quantity, const QString &key)
{
    return QJsonObject{{"subject", "org_1"}, {"meter", "calls"}, {"quantity", quantity},
        {"timestamp", timestamp}, {"idempotency_key", key}};
}

QStringList timestamps(const HttpResult &r)
{
    QStringList out;
    for (const QJsonValue &e : r.object().value("items").toArray())
        out.append(e.toObject().value("timestamp").toString());
    return out;
}

QJsonObject timeFilter(const char *field, const char *op, const QString &value)
{
    return QJsonObject{{"type", "condition"}, {"field", field}, {"op", op}, {"value", value}};
}

} // namespace

class TestTimestampRange : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void storedAndReturnedAsSent_data();
    void storedAndReturnedAsSent();
    void outOfRangeIsRefusedAndChangesNothing_data();
    void outOfRangeIsRefusedAndChangesNothing();
    void filtersAcceptTheWholeRange();
    void cursorPagesAcrossCenturies();
    void bucketRangesAtTheEnds();
    void csvExportWritesFourDigitYears();
    void meterStatsNameTheNewestEvent();

private:
    qint64 eventCount();

    std::unique_ptr<ApiTestServer> m_server;
};

void TestTimestampRange::initTestCase()
{
    m_server = std::make_unique<ApiTestServer>();
    QVERIFY(m_server->ok());
    QCOMPARE(
        m_server->call("POST", "/v1/meters", QJsonObject{{"name", "calls"}, {"unit", "call"}}).status, 201);
    // Bulk: the far past, a Go zero-ish year, the contract's new-user example and the last second.
    const QJsonArray bulk{usage("0001-01-01T00:00:00Z", 1, "first"),
        usage("1066-10-14T09:00:00.5Z", 2, "1066"), usage("2026-06-08T10:00:00Z", 4, "now"),
        usage("9999-12-31T12:00:00Z", 8, "noon-9999"), usage("9999-12-31T23:59:59.999999999Z", 16, "last")};
    const HttpResult r = m_server->call("POST", "/v1/usages/bulk", compact(bulk));
    QCOMPARE(r.status, 201);
    QCOMPARE(r.object().value("accepted").toInt(), 5);
}

qint64 TestTimestampRange::eventCount()
{
    const HttpResult r = m_server->call("GET", "/v1/usageevents?meter=calls&limit=1000");
    return r.object().value("items").toArray().size();
}

void TestTimestampRange::storedAndReturnedAsSent_data()
{
    QTest::addColumn<QString>("sent");
    QTest::addColumn<QString>("returned");
    QTest::newRow("the issue's example") << "2999-12-31T23:59:59Z"
                                         << "2999-12-31T23:59:59Z";
    QTest::newRow("offset into the next year") << "2999-12-31T23:30:00-01:00"
                                               << "3000-01-01T00:30:00Z";
    QTest::newRow("fraction truncated in output") << "1500-02-28T08:00:00.999Z"
                                                  << "1500-02-28T08:00:00Z";
}

void TestTimestampRange::storedAndReturnedAsSent()
{
    QFETCH(QString, sent);
    QFETCH(QString, returned);
    const QString key = QStringLiteral("single-") + QString::fromLatin1(QTest::currentDataTag());
    const HttpResult created = m_server->call("POST", "/v1/usages", usage(sent, 1, key));
    QCOMPARE(created.status, 201);
    QCOMPARE(created.object().value("timestamp").toString(), returned);
    // Replay: the stored event comes back, with the same time.
    const HttpResult replay = m_server->call("POST", "/v1/usages", usage(sent, 1, key));
    QCOMPARE(replay.status, 201);
    QCOMPARE(replay.object().value("timestamp").toString(), returned);
    QCOMPARE(replay.object().value("id"), created.object().value("id"));
    // And the events list finds it at that time.
    const HttpResult listed = m_server->call("POST", "/v1/usageevents/search",
        QJsonObject{{"meter", "calls"}, {"filter", timeFilter("timestamp", "eq", sent)}});
    QCOMPARE(listed.status, 200);
    QCOMPARE(timestamps(listed), QStringList{returned});
}

void TestTimestampRange::outOfRangeIsRefusedAndChangesNothing_data()
{
    QTest::addColumn<QString>("timestamp");
    QTest::newRow("year 0000") << "0000-12-31T23:59:59Z";
    QTest::newRow("year 10000") << "10000-01-01T00:00:00Z";
    QTest::newRow("offset before year 1") << "0001-01-01T00:00:00+00:01";
    QTest::newRow("offset after year 9999") << "9999-12-31T23:59:59-00:01";
}

void TestTimestampRange::outOfRangeIsRefusedAndChangesNothing()
{
    QFETCH(QString, timestamp);
    const qint64 before = eventCount();
    const HttpResult single = m_server->call("POST", "/v1/usages", usage(timestamp, 1, "bad-single"));
    QCOMPARE(single.status, 400);
    QCOMPARE(single.errorCode(), QStringLiteral("invalid_timestamp"));
    QCOMPARE(single.errorMessage(), QStringLiteral("timestamp must be RFC3339"));
    const HttpResult bulk
        = m_server->call("POST", "/v1/usages/bulk", compact(QJsonArray{usage(timestamp, 1, "bad-bulk")}));
    QCOMPARE(bulk.status, 400); // every item failed: the BulkResult with 400 (§5.4)
    QCOMPARE(bulk.object().value("accepted").toInt(), 0);
    QCOMPARE(bulk.object().value("failed_items").toArray().at(0).toObject().value("code").toString(),
        QStringLiteral("invalid_timestamp"));
    const HttpResult filtered = m_server->call("POST", "/v1/usageevents/search",
        QJsonObject{{"meter", "calls"}, {"filter", timeFilter("timestamp", "lt", timestamp)}});
    QCOMPARE(filtered.status, 400);
    QCOMPARE(eventCount(), before);
}

void TestTimestampRange::filtersAcceptTheWholeRange()
{
    // The filter: upstream accepts it, every event was received before 2999.
    HttpResult r = m_server->call("POST", "/v1/usageevents/search",
        QJsonObject{{"meter", "calls"}, {"limit", 1000},
            {"filter", timeFilter("received_at", "lte", "2999-01-01T00:00:00Z")}});
    QCOMPARE(r.status, 200);
    QCOMPARE(timestamps(r).size(), eventCount());
    r = m_server->call("POST", "/v1/usageevents/search",
        QJsonObject{{"meter", "calls"}, {"filter", timeFilter("received_at", "gt", "2999-01-01T00:00:00Z")}});
    QCOMPARE(timestamps(r), QStringList{});
    // Sub-second literals at the ends stay exact: the last nanosecond matches, one before does not.
    r = m_server->call("POST", "/v1/usageevents/search",
        QJsonObject{{"meter", "calls"},
            {"filter", timeFilter("timestamp", "gte", "9999-12-31T23:59:59.999999999Z")}});
    QCOMPARE(timestamps(r), QStringList{"9999-12-31T23:59:59Z"});
    r = m_server->call("POST", "/v1/usageevents/search",
        QJsonObject{{"meter", "calls"}, {"filter", timeFilter("timestamp", "lt", "1066-10-14T09:00:00.5Z")}});
    QCOMPARE(timestamps(r), QStringList{"0001-01-01T00:00:00Z"});
    // `in` over times outside int64 nanoseconds.
    r = m_server->call("POST", "/v1/usageevents/search",
        QJsonObject{{"meter", "calls"},
            {"filter",
                QJsonObject{{"type", "condition"}, {"field", "event_time"}, {"op", "in"},
                    {"value", QJsonArray{"0001-01-01T00:00:00Z", "9999-12-31T12:00:00Z"}}}}});
    QCOMPARE(timestamps(r), (QStringList{"9999-12-31T12:00:00Z", "0001-01-01T00:00:00Z"}));
    // from/to query bounds at the ends.
    r = m_server->call(
        "GET", "/v1/usageevents?meter=calls&from=0001-01-01T00:00:00Z&to=1067-01-01T00:00:00Z");
    QCOMPARE(r.status, 200);
    QCOMPARE(timestamps(r), (QStringList{"1066-10-14T09:00:00Z", "0001-01-01T00:00:00Z"}));
}

void TestTimestampRange::cursorPagesAcrossCenturies()
{
    // limit=1 pages: every event exactly once, newest first, the cursor carrying times beyond int64.
    QStringList paged;
    QString cursor;
    for (int page = 0; page < 100; ++page) {
        QJsonObject body{{"meter", "calls"}, {"limit", 1}};
        if (!cursor.isEmpty())
            body.insert("cursor", cursor);
        const HttpResult r = m_server->call("POST", "/v1/usageevents/search", body);
        QCOMPARE(r.status, 200);
        paged += timestamps(r);
        cursor = r.object().value("next_cursor").toString();
        if (cursor.isEmpty())
            break;
    }
    const HttpResult all = m_server->call("GET", "/v1/usageevents?meter=calls&limit=1000");
    QCOMPARE(paged, timestamps(all));
    QCOMPARE(paged.first(), QStringLiteral("9999-12-31T23:59:59Z"));
    QCOMPARE(paged.last(), QStringLiteral("0001-01-01T00:00:00Z"));
}

void TestTimestampRange::bucketRangesAtTheEnds()
{
    HttpResult r = m_server->call(
        "GET", "/v1/usages?meter=calls&bucket_size=day&from=0001-01-01T00:00:00Z&to=0001-01-03T00:00:00Z");
    QCOMPARE(r.status, 200);
    QJsonArray buckets = r.array();
    QCOMPARE(buckets.size(), 1);
    QCOMPARE(
        buckets.at(0).toObject().value("bucket_start").toString(), QStringLiteral("0001-01-01T00:00:00Z"));
    QCOMPARE(buckets.at(0).toObject().value("quantity").toDouble(), 1.0);

    r = m_server->call("POST", "/v1/usages/search",
        QJsonObject{{"meter", "calls"}, {"bucket_size", "hour"}, {"from", "9999-12-31T00:00:00Z"},
            {"to", "9999-12-31T23:59:59.999999999Z"}});
    QCOMPARE(r.status, 200);
    buckets = r.array();
    QCOMPARE(buckets.size(), 1); // `to` is exclusive: the last nanosecond's event is outside
    QCOMPARE(
        buckets.at(0).toObject().value("bucket_start").toString(), QStringLiteral("9999-12-31T12:00:00Z"));
    QCOMPARE(buckets.at(0).toObject().value("quantity").toDouble(), 8.0);

    // A range one nanosecond past the end is not RFC 3339 of a four-digit year: invalid_to.
    r = m_server->call(
        "GET", "/v1/usages?meter=calls&bucket_size=day&from=9999-12-30T00:00:00Z&to=10000-01-01T00:00:00Z");
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), QStringLiteral("invalid_to"));
}

void TestTimestampRange::csvExportWritesFourDigitYears()
{
    const HttpResult r = m_server->call("GET", "/v1/usageevents/export?meter=calls&limit=1000");
    QCOMPARE(r.status, 200);
    const QList<QByteArray> lines = r.body.split('\n');
    QVERIFY(lines.first().startsWith("timestamp,received_at,"));
    QVERIFY(lines.at(1).startsWith("9999-12-31T23:59:59Z,"));
    QVERIFY2(r.body.contains("\n1066-10-14T09:00:00Z,"), r.body.constData());
    QVERIFY2(r.body.contains("\n0001-01-01T00:00:00Z,"), r.body.constData());
}

void TestTimestampRange::meterStatsNameTheNewestEvent()
{
    // last_event_at is the newest event time, kept in the same form (beyond int64 nanoseconds).
    const HttpResult r = m_server->call("GET", "/v1/meters/stats");
    QCOMPARE(r.status, 200);
    QJsonObject calls;
    for (const QJsonValue &item : r.object().value("items").toArray())
        if (item.toObject().value("meter").toString() == QLatin1String("calls"))
            calls = item.toObject();
    QCOMPARE(calls.value("last_event_at").toString(), QStringLiteral("9999-12-31T23:59:59Z"));
}

QTEST_GUILESS_MAIN(TestTimestampRange)
#include "tst_timestamprange.moc"
