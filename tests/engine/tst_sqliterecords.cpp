// The SQLite store's own records of meter dimensions and replayed events (store/sqlite/SqliteRecords).
#include "store/sqlite/SqliteRecords.h"

#include <QTest>

using namespace osc;

class tst_SqliteRecords final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void eventsKeepTheirNanoseconds()
    {
        UsageEvent event;
        event.id = QStringLiteral("evt_1");
        event.idempotencyKey = QStringLiteral("k\"1");
        event.subject = QStringLiteral("customer_ü");
        event.meter = QStringLiteral("api_requests");
        event.quantity = 1.5;
        event.eventTimeNs = -1'000'000'000'000'000'123; // before 1970, to the nanosecond
        event.receivedAtNs = 1'780'000'000'123'456'789;
        event.metadata = R"({"region":"eu","tier":{"a":1}})";
        UsageEvent plain = event;
        plain.id = QStringLiteral("evt_2");
        plain.idempotencyKey.reset();
        plain.metadata = "{}";

        const QList<UsageEvent> back = sqlite::eventsFromRecord(sqlite::eventsRecord({event, plain}));
        QCOMPARE(back.size(), 2);
        QCOMPARE(back[0].id, event.id);
        QCOMPARE(back[0].idempotencyKey, event.idempotencyKey);
        QCOMPARE(back[0].subject, event.subject);
        QCOMPARE(back[0].meter, event.meter);
        QCOMPARE(back[0].quantity, event.quantity);
        QCOMPARE(back[0].eventTimeNs, event.eventTimeNs);
        QCOMPARE(back[0].receivedAtNs, event.receivedAtNs);
        QCOMPARE(back[0].metadata, event.metadata);
        QVERIFY(!back[1].idempotencyKey);
        QCOMPARE(back[1].metadata, QByteArray("{}"));
    }

    void readsRecordsOfEarlierVersions()
    {
        // Databases written before the store had its own record kept the API's event JSON.
        const QByteArray legacy = R"([{"id":"evt_1","idempotency_key":"k1","subject":"s","meter":"m",)"
                                  R"("quantity":2,"timestamp":"2026-03-01T10:00:00Z",)"
                                  R"("received_at":"2026-03-01T10:00:05Z","metadata":{"b":1,"a":"x"}}])";
        const QList<UsageEvent> back = sqlite::eventsFromRecord(legacy);
        QCOMPARE(back.size(), 1);
        QCOMPARE(back[0].idempotencyKey, std::optional<QString>(QStringLiteral("k1")));
        QCOMPARE(back[0].quantity, 2.0);
        QCOMPARE(back[0].eventTimeNs, qint64(1772359200) * 1'000'000'000);
        QCOMPARE(back[0].receivedAtNs, qint64(1772359205) * 1'000'000'000);
        QCOMPARE(back[0].metadata, QByteArray(R"({"a":"x","b":1})"));
    }

    void dimensionsRoundTrip()
    {
        Dimension region;
        region.name = QStringLiteral("region");
        region.displayName = QStringLiteral("Region");
        region.type = DimensionType::String;
        Dimension code;
        code.name = QStringLiteral("status_code");
        code.type = DimensionType::Number;
        code.required = false;
        code.deprecated = true;
        const QList<Dimension> back = sqlite::dimensionsFromRecord(sqlite::dimensionsRecord({region, code}));
        QCOMPARE(back.size(), 2);
        QCOMPARE(back[0].name, region.name);
        QCOMPARE(back[0].displayName, region.displayName);
        QCOMPARE(back[1].type, DimensionType::Number);
        QCOMPARE(back[1].required, false);
        QCOMPARE(back[1].deprecated, true);
    }
};

QTEST_GUILESS_MAIN(tst_SqliteRecords)
#include "tst_sqliterecords.moc"
