// CSV formula guard (issue 21, OWASP CSV injection) through a real server, byte for byte: upstream's
// bytes by default; with `csv_safe` (query, body or job) or the server's setting, every text cell that
// starts with = + - @ tab or CR gets a leading `'`, in bucket, event and job CSVs alike.

#include "ApiTestServer.h"

#include "export/ExportWorker.h"

#include <QFile>
#include <QJsonArray>
#include <QtTest>

using osc::test::ApiTestServer;

namespace {

// Meter `=m` with dimension `region`; one event whose region, key and unit are formulas.
void seed(ApiTestServer &server)
{
    const auto meter = server.call("POST", "/v1/meters",
        QJsonObject{{"name", "=m"}, {"unit", "@unit"},
            {"dimensions", QJsonArray{QJsonObject{{"name", "region"}, {"type", "string"}}}}});
    QCOMPARE(meter.status, 201);
    const auto event = server.call("POST", "/v1/usages",
        QJsonObject{{"meter", "=m"}, {"subject", "org_1"}, {"quantity", 2}, {"idempotency_key", "+key"},
            {"timestamp", "2026-06-08T10:00:00Z"}, {"metadata", QJsonObject{{"region", "-1+1"}}}});
    QCOMPARE(event.status, 201);
}

const QByteArray kBucketsUpstream
    = "bucket_start,subject,meter,bucket_size,aggregation,unit,quantity,region\n"
      "2026-06-08T00:00:00Z,,=m,day,sum,@unit,2,-1+1\n";
const QByteArray kBucketsGuarded = "bucket_start,subject,meter,bucket_size,aggregation,unit,quantity,region\n"
                                   "2026-06-08T00:00:00Z,,'=m,day,sum,'@unit,2,'-1+1\n";

QString bucketPath(const QString &extra = {})
{
    return "/v1/usages/export?meter=%3Dm&from=2026-06-08T00:00:00Z&to=2026-06-09T00:00:00Z&bucket_size=day"
           "&group_by=region"
        + extra;
}

QByteArray eventRowTail(bool guarded)
{
    return guarded ? QByteArray(",org_1,'=m,2,\"{\"\"region\"\":\"\"-1+1\"\"}\",")
                   : QByteArray(",org_1,=m,2,\"{\"\"region\"\":\"\"-1+1\"\"}\",");
}

} // namespace

class tst_CsvSafety final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void bucketExportBytes_data();
    void bucketExportBytes();
    void eventExport();
    void jobFiles();
    void badOptionIs400();
};

void tst_CsvSafety::bucketExportBytes_data()
{
    QTest::addColumn<bool>("setting");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("option"); // query suffix (GET) or body field value (POST); empty: absent
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("default: upstream bytes") << false << QByteArray("GET") << QString() << kBucketsUpstream;
    QTest::newRow("csv_safe=true") << false << QByteArray("GET") << "true" << kBucketsGuarded;
    QTest::newRow("csv_safe=1 (Go bool)") << false << QByteArray("GET") << "1" << kBucketsGuarded;
    QTest::newRow("csv_safe=false") << false << QByteArray("GET") << "false" << kBucketsUpstream;
    QTest::newRow("setting on") << true << QByteArray("GET") << QString() << kBucketsGuarded;
    QTest::newRow("setting on, csv_safe=false") << true << QByteArray("GET") << "false" << kBucketsUpstream;
    QTest::newRow("POST default") << false << QByteArray("POST") << QString() << kBucketsUpstream;
    QTest::newRow("POST csv_safe true") << false << QByteArray("POST") << "true" << kBucketsGuarded;
    QTest::newRow("POST setting on, csv_safe false")
        << true << QByteArray("POST") << "false" << kBucketsUpstream;
}

void tst_CsvSafety::bucketExportBytes()
{
    QFETCH(bool, setting);
    QFETCH(QByteArray, method);
    QFETCH(QString, option);
    QFETCH(QByteArray, expected);
    ApiTestServer server;
    auto settings = server.engine().exports().settings();
    settings.csvFormulaGuard = setting;
    server.engine().exports().configure(settings);
    seed(server);
    osc::test::HttpResult r;
    if (method == "GET") {
        r = server.call("GET", bucketPath(option.isEmpty() ? QString() : "&csv_safe=" + option));
    } else {
        QJsonObject body{{"meter", "=m"}, {"from", "2026-06-08T00:00:00Z"}, {"to", "2026-06-09T00:00:00Z"},
            {"bucket_size", "day"}, {"group_by", QJsonArray{"region"}}};
        if (!option.isEmpty())
            body.insert("csv_safe", option == "true");
        r = server.call("POST", "/v1/usages/export", body);
    }
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, expected);
}

void tst_CsvSafety::eventExport()
{
    ApiTestServer server;
    seed(server);
    const auto plain = server.call("GET", "/v1/usageevents/export?meter=%3Dm");
    QCOMPARE(plain.status, 200);
    QVERIFY2(plain.body.contains(eventRowTail(false)), plain.body.constData());
    QVERIFY(plain.body.endsWith(",+key\n"));
    const auto guarded = server.call("GET", "/v1/usageevents/export?meter=%3Dm&csv_safe=true");
    QCOMPARE(guarded.status, 200);
    QVERIFY2(guarded.body.contains(eventRowTail(true)), guarded.body.constData());
    QVERIFY(guarded.body.endsWith(",'+key\n"));
    // Only the guarded cells differ.
    QByteArray unguarded = guarded.body;
    unguarded.replace(",'=m,", ",=m,").replace(",'+key\n", ",+key\n");
    QCOMPARE(unguarded, plain.body);
    const auto posted
        = server.call("POST", "/v1/usageevents/export", QJsonObject{{"meter", "=m"}, {"csv_safe", true}});
    QCOMPARE(posted.body, guarded.body);
    // JSON is never guarded.
    QCOMPARE(server.call("GET", "/v1/usageevents/export?meter=%3Dm&format=json&csv_safe=true").body,
        server.call("GET", "/v1/usageevents/export?meter=%3Dm&format=json").body);
}

void tst_CsvSafety::jobFiles()
{
    ApiTestServer server;
    seed(server);
    const QJsonObject query{{"meter", "=m"}, {"from", "2026-06-08T00:00:00Z"}, {"to", "2026-06-09T00:00:00Z"},
        {"bucket_size", "day"}, {"group_by", QJsonArray{"region"}}};
    const auto plain = server.call("POST", "/v1/exports", QJsonObject{{"query", query}});
    const auto safe = server.call("POST", "/v1/exports", QJsonObject{{"query", query}, {"csv_safe", true}});
    const auto events = server.call("POST", "/v1/exports",
        QJsonObject{{"kind", "usage_events"}, {"query", QJsonObject{{"meter", "=m"}}}, {"csv_safe", true}});
    QCOMPARE(plain.status, 202);
    QCOMPARE(safe.status, 202);
    QCOMPARE(events.status, 202);
    QVERIFY(!plain.object().contains("csv_safe")); // upstream's job shape unless the guard is on
    QCOMPARE(safe.object().value("csv_safe").toBool(), true);

    osc::ExportWorker worker(server.engine().exportServices());
    for (int i = 0; i < 3; ++i)
        QVERIFY(worker.runOnce().value());
    const auto download = [&](const osc::test::HttpResult &created) {
        return server.call("GET", "/v1/exports/" + created.object().value("id").toString() + "/download")
            .body;
    };
    QCOMPARE(download(plain), kBucketsUpstream);
    QCOMPARE(download(safe), kBucketsGuarded);
    const QByteArray eventFile = download(events);
    QVERIFY2(eventFile.contains(eventRowTail(true)), eventFile.constData());
    QVERIFY(eventFile.endsWith(",'+key\n"));
    // The job keeps its option: listed again, still guarded.
    QCOMPARE(
        server.call("GET", "/v1/exports/" + safe.object().value("id").toString()).object().value("csv_safe"),
        QJsonValue(true));
}

void tst_CsvSafety::badOptionIs400()
{
    ApiTestServer server;
    seed(server);
    const auto r = server.call("GET", bucketPath("&csv_safe=maybe"));
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), QString("invalid_csv_safe"));
    QCOMPARE(r.errorMessage(), QString("csv_safe must be true or false"));
    const auto body = server.call("POST", "/v1/exports",
        QJsonObject{{"query",
                        QJsonObject{{"meter", "=m"}, {"from", "2026-06-08T00:00:00Z"},
                            {"to", "2026-06-09T00:00:00Z"}}},
            {"csv_safe", "yes"}});
    QCOMPARE(body.status, 400);
    QCOMPARE(body.errorCode(), QString("invalid_json"));
}

QTEST_GUILESS_MAIN(tst_CsvSafety)
#include "tst_csvsafety.moc"
