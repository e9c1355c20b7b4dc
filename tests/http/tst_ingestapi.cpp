// Contract §5 and §13.6 through a real server: single, bulk and idempotent ingestion.

#include "ApiTestServer.h"

#include <QJsonArray>
#include <QtConcurrent>
#include <QtTest>

using osc::test::ApiTestServer;

namespace {

QJsonObject usage(const QString &key, const QString &meter, double quantity, const QJsonObject &metadata = {},
    const QString &timestamp = QStringLiteral("2026-06-08T10:00:00Z"))
{
    QJsonObject e{{"subject", "org_123"}, {"meter", meter}, {"quantity", quantity}, {"metadata", metadata}};
    if (!key.isEmpty())
        e.insert("idempotency_key", key);
    if (!timestamp.isEmpty())
        e.insert("timestamp", timestamp);
    return e;
}

QByteArray compact(const QJsonValue &value)
{
    return value.isArray() ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)
                           : QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
}

void createMeter(ApiTestServer &server, const QString &name, const QJsonArray &dimensions = {})
{
    const auto r = server.call(
        "POST", "/v1/meters", QJsonObject{{"name", name}, {"unit", "u"}, {"dimensions", dimensions}});
    QCOMPARE(r.status, 201);
}

qint64 storedEvents(ApiTestServer &server)
{
    return server.call("GET", "/v1/system/stats").object().value("usage_events").toInteger();
}

} // namespace

class tst_IngestApi final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void singleCreate();
    void unknownMeterIs404();
    void unknownMetadataKeysKept();
    void validation_data();
    void validation();
    void invalidJson_data();
    void invalidJson();
    void singleReplayReturnsOriginal();
    void bulkWithBatchKeyReplays();
    void bulkDuplicatesAgainstStorageAndBatch();
    void bulkPartialAcceptance();
    void bulkAllInvalidIs400WithBody();
    void bulkLimits();
    void dottedDimensionStoredNested();
    void deprecatedRequiredMayBeOmitted();
    void omittedTimestampDefaultsToNow();
    void timestampsWithOffsetsAndFractions();
    void meterWithUsageCannotBeDeleted();
    void ingestionHistory();
    void concurrentDistinctKeys();
    void concurrentSameKey();
    void replayOfAnotherMetersKeyIsRefused();
};

void tst_IngestApi::singleCreate()
{
    ApiTestServer server;
    createMeter(server, "api_requests");
    const auto r = server.call(
        "POST", "/v1/usages", compact(usage("usage_001", "api_requests", 1.5, {{"endpoint", "/checkout"}})));
    QCOMPARE(r.status, 201);
    const QJsonObject e = r.object();
    QVERIFY(!e.value("id").toString().isEmpty());
    QCOMPARE(e.value("idempotency_key").toString(), QString("usage_001"));
    QCOMPARE(e.value("subject").toString(), QString("org_123"));
    QCOMPARE(e.value("meter").toString(), QString("api_requests"));
    QCOMPARE(e.value("quantity").toDouble(), 1.5);
    QCOMPARE(e.value("timestamp").toString(), QString("2026-06-08T10:00:00Z"));
    QVERIFY(e.value("received_at").toString().endsWith('Z'));
    QCOMPARE(e.value("metadata").toObject().value("endpoint").toString(), QString("/checkout"));
    QCOMPARE(storedEvents(server), 1);

    const auto noKey = server.call("POST", "/v1/usages", compact(usage({}, "api_requests", 1)));
    QCOMPARE(noKey.status, 201);
    QVERIFY(!noKey.object().contains("idempotency_key"));
    QCOMPARE(noKey.object().value("metadata").toObject(), QJsonObject());
}

void tst_IngestApi::unknownMeterIs404()
{
    ApiTestServer server;
    const auto r = server.call("POST", "/v1/usages", compact(usage("k", "missing", 1)));
    QCOMPARE(r.status, 404);
    QCOMPARE(r.errorCode(), QString("not_found"));
    QVERIFY(!r.errorMessage().isEmpty());
}

void tst_IngestApi::unknownMetadataKeysKept()
{
    ApiTestServer server;
    createMeter(server, "m", QJsonArray{QJsonObject{{"name", "region"}, {"type", "string"}}});
    auto r = server.call(
        "POST", "/v1/usages", compact(usage("a", "m", 1, {{"region", "us"}, {"regoin", "typo"}})));
    QCOMPARE(r.status, 201);
    QCOMPARE(r.object().value("metadata").toObject().value("regoin").toString(), QString("typo"));
    r = server.call("POST", "/v1/usages", compact(usage("b", "m", 1, {{"regoin", "typo"}})));
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), QString("invalid_input"));
    QCOMPARE(r.errorMessage(), QString("invalid input: dimension \"region\" is required"));
}

void tst_IngestApi::validation_data()
{
    QTest::addColumn<QJsonObject>("body");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");
    const QJsonObject ok = usage("k", "m", 1, {{"status", 200}});
    auto with = [&](const QString &key, const QJsonValue &value) {
        QJsonObject o = ok;
        o.insert(key, value);
        return o;
    };
    QTest::newRow("zero quantity") << with("quantity", 0) << "invalid_input"
                                   << "invalid input: quantity must be greater than zero";
    QTest::newRow("negative quantity") << with("quantity", -2) << "invalid_input"
                                       << "invalid input: quantity must be greater than zero";
    QTest::newRow("missing quantity") <<
        [&] {
            QJsonObject o = ok;
            o.remove("quantity");
            return o;
        }() << "invalid_input"
                                      << "invalid input: quantity must be greater than zero";
    QTest::newRow("bad timestamp") << with("timestamp", "nope") << "invalid_timestamp"
                                   << "timestamp must be RFC3339";
    QTest::newRow("date only") << with("timestamp", "2026-06-08") << "invalid_timestamp"
                               << "timestamp must be RFC3339";
    QTest::newRow("no subject") << with("subject", " ") << "invalid_input"
                                << "invalid input: subject is required";
    QTest::newRow("bad subject") << with("subject", "org 1") << "invalid_input"
                                 << "invalid input: subject \"org 1\" must use letters, numbers, "
                                    "underscores, hyphens, dots, or colons";
    QTest::newRow("long subject") << with("subject", QString(129, 'a')) << "invalid_input"
                                  << "invalid input: subject cannot exceed 128 characters";
    QTest::newRow("empty meter") << with("meter", "") << "invalid_input"
                                 << "invalid input: meter is required";
    QTest::newRow("string dimension as number")
        << with("metadata", QJsonObject{{"status", "200"}}) << "invalid_input"
        << "invalid input: dimension \"status\" must be number";
    QTest::newRow("null dimension") << with("metadata", QJsonObject{{"status", QJsonValue::Null}})
                                    << "invalid_input"
                                    << "invalid input: dimension \"status\" must be number";
    // Order: the timestamp is checked before the meter (404), the meter before the subject.
    QTest::newRow("timestamp before meter") <<
        [&] {
            QJsonObject o = with("timestamp", "x");
            o.insert("meter", "missing");
            return o;
        }() << "invalid_timestamp"
                                            << "timestamp must be RFC3339";
    QTest::newRow("meter before subject") <<
        [&] {
            QJsonObject o = with("subject", "bad subject");
            o.insert("meter", "missing");
            return o;
        }() << "not_found"
                                          << "not found";
}

void tst_IngestApi::validation()
{
    QFETCH(QJsonObject, body);
    QFETCH(QString, code);
    QFETCH(QString, message);
    ApiTestServer server;
    createMeter(server, "m", QJsonArray{QJsonObject{{"name", "status"}, {"type", "number"}}});
    const auto r = server.call("POST", "/v1/usages", compact(body));
    QCOMPARE(r.errorCode(), code);
    QCOMPARE(r.errorMessage(), message);
    QCOMPARE(r.status, code == "not_found" ? 404 : 400);
    QCOMPARE(storedEvents(server), 0);
}

void tst_IngestApi::invalidJson_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("string quantity") << QByteArray(R"({"subject":"s","meter":"m","quantity":"1"})");
    QTest::newRow("NaN") << QByteArray(R"({"subject":"s","meter":"m","quantity":NaN})");
    QTest::newRow("Infinity") << QByteArray(R"({"subject":"s","meter":"m","quantity":Infinity})");
    QTest::newRow("out of range") << QByteArray(R"({"subject":"s","meter":"m","quantity":1e999})");
    QTest::newRow("scalar") << QByteArray("42");
    QTest::newRow("array for single") << QByteArray("[]");
    QTest::newRow("trailing") << QByteArray(R"({"subject":"s","meter":"m","quantity":1} x)");
    QTest::newRow("metadata array") << QByteArray(
        R"({"subject":"s","meter":"m","quantity":1,"metadata":[]})");
    QByteArray deep = R"({"subject":"s","meter":"m","quantity":1,"metadata":)";
    for (int i = 0; i < 40; ++i)
        deep += R"({"a":)";
    deep += "1";
    for (int i = 0; i < 40; ++i)
        deep += "}";
    deep += "}";
    QTest::newRow("metadata nested 40 deep") << deep;
}

void tst_IngestApi::invalidJson()
{
    QFETCH(QByteArray, body);
    ApiTestServer server;
    createMeter(server, "m");
    const auto r = server.call("POST", "/v1/usages", body);
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), QString("invalid_json"));
    QCOMPARE(storedEvents(server), 0);
}

void tst_IngestApi::singleReplayReturnsOriginal()
{
    ApiTestServer server;
    createMeter(server, "m");
    const auto first = server.call("POST", "/v1/usages", compact(usage("same", "m", 13)));
    QCOMPARE(first.status, 201);
    const auto replay
        = server.call("POST", "/v1/usages", compact(usage("same", "m", 9, {}, "2026-07-01T00:00:00Z")));
    QCOMPARE(replay.status, 201);
    QCOMPARE(replay.object(), first.object());
    QCOMPARE(storedEvents(server), 1);
    // A replay is still validated first.
    QCOMPARE(server.call("POST", "/v1/usages", compact(usage("same", "m", 0))).status, 400);
}

void tst_IngestApi::bulkWithBatchKeyReplays()
{
    ApiTestServer server;
    createMeter(server, "m");
    const QByteArray body = compact(QJsonArray{usage("e1", "m", 2), usage("e2", "m", 3)});
    const auto first = server.send("POST", "/v1/usages/bulk", body,
        {{"Authorization", QByteArray("Bearer ") + ApiTestServer::kAdminKey},
            {"Idempotency-Key", "batch-1"}});
    QCOMPARE(first.status, 201);
    QCOMPARE(first.object().value("accepted").toInt(), 2);
    const QJsonArray ids = first.object().value("accepted_items").toArray();
    const auto replay = server.send("POST", "/v1/usages/bulk", compact(QJsonArray{usage("other", "m", 100)}),
        {{"Authorization", QByteArray("Bearer ") + ApiTestServer::kAdminKey},
            {"Idempotency-Key", "batch-1"}});
    QCOMPARE(replay.status, 201);
    QCOMPARE(replay.object().value("accepted").toInt(), 2);
    QCOMPARE(replay.object().value("duplicates").toInt(), 0);
    QCOMPARE(replay.object().value("accepted_items").toArray().at(0).toObject().value("id"),
        ids.at(0).toObject().value("id"));
    QCOMPARE(replay.object().value("accepted_items").toArray().at(1).toObject().value("id"),
        ids.at(1).toObject().value("id"));
    QCOMPARE(storedEvents(server), 2);
}

void tst_IngestApi::bulkDuplicatesAgainstStorageAndBatch()
{
    ApiTestServer server;
    createMeter(server, "m");
    const auto original = server.call("POST", "/v1/usages", compact(usage("used", "m", 2)));
    const auto r = server.call("POST", "/v1/usages/bulk",
        compact(QJsonArray{usage("used", "m", 100), usage("fresh", "m", 3), usage("fresh", "m", 7)}));
    QCOMPARE(r.status, 201);
    const QJsonObject result = r.object();
    QCOMPARE(result.value("accepted").toInt(), 1);
    QCOMPARE(result.value("duplicates").toInt(), 2);
    QCOMPARE(result.value("failed").toInt(), 0);
    const QJsonArray duplicates = result.value("duplicate_items").toArray();
    QCOMPARE(duplicates.at(0).toObject(), original.object());
    QCOMPARE(duplicates.at(0).toObject().value("quantity").toDouble(), 2.0);
    QCOMPARE(duplicates.at(1).toObject().value("id"),
        result.value("accepted_items").toArray().at(0).toObject().value("id"));
    QCOMPARE(storedEvents(server), 2);
}

void tst_IngestApi::bulkPartialAcceptance()
{
    ApiTestServer server;
    createMeter(server, "m");
    QJsonObject badTime = usage("b", "m", 1);
    badTime.insert("timestamp", "nope");
    const auto r = server.call("POST", "/v1/usages/bulk",
        compact(QJsonArray{usage("a", "m", 2), badTime, usage("c", "missing", 1)}));
    QCOMPARE(r.status, 201);
    const QJsonObject result = r.object();
    QCOMPARE(result.value("accepted").toInt(), 1);
    QCOMPARE(result.value("failed").toInt(), 2);
    const QJsonArray failed = result.value("failed_items").toArray();
    QCOMPARE(failed.at(0).toObject(),
        (QJsonObject{{"index", 1}, {"code", "invalid_timestamp"}, {"message", "timestamp must be RFC3339"}}));
    QCOMPARE(failed.at(1).toObject(),
        (QJsonObject{{"index", 2}, {"code", "not_found"}, {"message", "not found"}}));
    QCOMPARE(storedEvents(server), 1);
}

void tst_IngestApi::bulkAllInvalidIs400WithBody()
{
    ApiTestServer server;
    createMeter(server, "m");
    const auto r = server.call(
        "POST", "/v1/usages/bulk", compact(QJsonArray{usage("a", "m", 0), usage("b", "missing", 1)}));
    QCOMPARE(r.status, 400);
    const QJsonObject result = r.object();
    QCOMPARE(result.value("accepted").toInt(), 0);
    QCOMPARE(result.value("duplicates").toInt(), 0);
    QCOMPARE(result.value("failed").toInt(), 2);
    QCOMPARE(result.keys().size(), 6);
    QCOMPARE(result.value("accepted_items").toArray().size(), 0);
}

void tst_IngestApi::bulkLimits()
{
    ApiTestServer server;
    createMeter(server, "m");
    auto r = server.call("POST", "/v1/usages/bulk", QByteArray("[]"));
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorMessage(), QString("invalid input: at least one usage event is required"));
    QJsonArray many;
    for (int i = 0; i < 1001; ++i)
        many.append(usage(QString::number(i), "m", 1));
    r = server.call("POST", "/v1/usages/bulk", compact(many));
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorMessage(), QString("invalid input: bulk usage event limit is 1000"));
    many.removeLast();
    r = server.call("POST", "/v1/usages/bulk", compact(many));
    QCOMPARE(r.status, 201);
    QCOMPARE(r.object().value("accepted").toInt(), 1000);
    r = server.call("POST", "/v1/usages/bulk", QByteArray(R"({"subject":"s"})"));
    QCOMPARE(r.errorCode(), QString("invalid_json"));
    r = server.call("POST", "/v1/usages/bulk", QByteArray(R"([{"subject":"s","meter":"m","quantity":"1"}])"));
    QCOMPARE(r.errorCode(), QString("invalid_json"));
    QCOMPARE(storedEvents(server), 1000);
}

void tst_IngestApi::dottedDimensionStoredNested()
{
    ApiTestServer server;
    createMeter(server, "m", QJsonArray{QJsonObject{{"name", "service.tier"}, {"type", "string"}}});
    auto r = server.call("POST", "/v1/usages",
        compact(usage(
            "a", "m", 1, {{"service.tier", "gold"}, {"service", QJsonObject{{"name", "api"}}}, {"x.y", 1}})));
    QCOMPARE(r.status, 201);
    const QJsonObject metadata = r.object().value("metadata").toObject();
    QCOMPARE(
        metadata, (QJsonObject{{"service", QJsonObject{{"name", "api"}, {"tier", "gold"}}}, {"x.y", 1}}));
    r = server.call(
        "POST", "/v1/usages", compact(usage("b", "m", 1, {{"service", QJsonObject{{"tier", "silver"}}}})));
    QCOMPARE(r.status, 201);
    r = server.call(
        "POST", "/v1/usages", compact(usage("c", "m", 1, {{"service.tier", "gold"}, {"service", "flat"}})));
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorMessage(),
        QString("invalid input: dimension \"service.tier\" conflicts with existing metadata"));
}

void tst_IngestApi::deprecatedRequiredMayBeOmitted()
{
    ApiTestServer server;
    createMeter(server, "m",
        QJsonArray{
            QJsonObject{{"name", "legacy"}, {"type", "boolean"}, {"required", true}, {"deprecated", true}}});
    QCOMPARE(server.call("POST", "/v1/usages", compact(usage("a", "m", 1))).status, 201);
    const auto r = server.call("POST", "/v1/usages", compact(usage("b", "m", 1, {{"legacy", "yes"}})));
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorMessage(), QString("invalid input: dimension \"legacy\" must be boolean"));
}

void tst_IngestApi::omittedTimestampDefaultsToNow()
{
    ApiTestServer server;
    createMeter(server, "m");
    const qint64 before = QDateTime::currentSecsSinceEpoch();
    const auto r = server.call("POST", "/v1/usages", compact(usage("a", "m", 1, {}, {})));
    QCOMPARE(r.status, 201);
    const qint64 at
        = QDateTime::fromString(r.object().value("timestamp").toString(), Qt::ISODate).toSecsSinceEpoch();
    QVERIFY(at >= before - 1 && at <= QDateTime::currentSecsSinceEpoch() + 1);
}

void tst_IngestApi::timestampsWithOffsetsAndFractions()
{
    ApiTestServer server;
    createMeter(server, "m");
    auto r = server.call(
        "POST", "/v1/usages", compact(usage("a", "m", 1, {}, "2026-06-08T12:30:00.1234567+02:00")));
    QCOMPARE(r.status, 201);
    QCOMPARE(r.object().value("timestamp").toString(), QString("2026-06-08T10:30:00Z"));
    r = server.call("POST", "/v1/usages", compact(usage("b", "m", 1, {}, "1999-12-31T23:59:59.999Z")));
    QCOMPARE(r.object().value("timestamp").toString(), QString("1999-12-31T23:59:59Z"));
}

void tst_IngestApi::meterWithUsageCannotBeDeleted()
{
    ApiTestServer server;
    const auto meter = server.call("POST", "/v1/meters", QJsonObject{{"name", "m"}, {"unit", "u"}});
    QCOMPARE(server.call("POST", "/v1/usages", compact(usage("a", "m", 1))).status, 201);
    const auto r = server.call("DELETE", "/v1/meters/" + meter.object().value("id").toString());
    QCOMPARE(r.status, 409);
    const auto stats
        = server.call("GET", "/v1/meters/stats").object().value("items").toArray().at(0).toObject();
    QCOMPARE(stats.value("usage_events").toInt(), 1);
    QCOMPARE(stats.value("last_event_at").toString(), QString("2026-06-08T10:00:00Z"));
}

void tst_IngestApi::ingestionHistory()
{
    ApiTestServer server;
    createMeter(server, "m");
    server.call("POST", "/v1/usages", compact(usage("a", "m", 1)));
    server.call("POST", "/v1/usages", compact(usage("a", "m", 1)));
    server.call("POST", "/v1/usages/bulk",
        compact(QJsonArray{usage("a", "m", 1), usage("b", "m", 1), usage("c", "m", 0)}));
    const auto r = server.call("GET", "/v1/usageingestions?limit=2");
    QCOMPARE(r.status, 200);
    const QJsonArray items = r.object().value("items").toArray();
    QCOMPARE(items.size(), 2);
    const QJsonObject bulk = items.at(0).toObject();
    QCOMPARE(bulk.value("kind").toString(), QString("bulk"));
    QCOMPARE(bulk.value("accepted").toInt(), 1);
    QCOMPARE(bulk.value("duplicates").toInt(), 1);
    QCOMPARE(bulk.value("failed").toInt(), 1);
    const auto next = server.call(
        "GET", "/v1/usageingestions?limit=2&cursor=" + r.object().value("next_cursor").toString());
    QCOMPARE(next.object().value("items").toArray().size(), 1);
    QCOMPARE(
        next.object().value("items").toArray().at(0).toObject().value("kind").toString(), QString("single"));
    QVERIFY(!next.object().contains("next_cursor"));
}

void tst_IngestApi::concurrentDistinctKeys()
{
    ApiTestServer server;
    createMeter(server, "m");
    const QString url = server.baseUrl() + "/v1/usages";
    QList<QFuture<int>> workers;
    for (int t = 0; t < 8; ++t) {
        workers.append(QtConcurrent::run([url, t] {
            QNetworkAccessManager network;
            int created = 0;
            for (int i = 0; i < 200; ++i) {
                QNetworkRequest request{QUrl(url)};
                request.setRawHeader("Authorization", QByteArray("Bearer ") + ApiTestServer::kAdminKey);
                request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
                const QJsonObject body{{"subject", "org"}, {"meter", "m"}, {"quantity", 1},
                    {"idempotency_key", QStringLiteral("t%1-%2").arg(t).arg(i)}};
                QNetworkReply *reply
                    = network.post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
                QEventLoop loop;
                QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
                loop.exec();
                if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 201)
                    ++created;
                reply->deleteLater();
            }
            return created;
        }));
    }
    QThreadPool::globalInstance()->setMaxThreadCount(
        std::max(8, QThreadPool::globalInstance()->maxThreadCount()));
    int total = 0;
    for (auto &worker : workers)
        total += worker.result();
    QCOMPARE(total, 1600);
    QCOMPARE(storedEvents(server), 1600);
}

void tst_IngestApi::concurrentSameKey()
{
    ApiTestServer server;
    createMeter(server, "m");
    const QString url = server.baseUrl() + "/v1/usages";
    QThreadPool::globalInstance()->setMaxThreadCount(
        std::max(8, QThreadPool::globalInstance()->maxThreadCount()));
    QList<QFuture<QString>> workers;
    for (int t = 0; t < 8; ++t) {
        workers.append(QtConcurrent::run([url, t] {
            QNetworkAccessManager network;
            QNetworkRequest request{QUrl(url)};
            request.setRawHeader("Authorization", QByteArray("Bearer ") + ApiTestServer::kAdminKey);
            request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
            const QJsonObject body{
                {"subject", "org"}, {"meter", "m"}, {"quantity", t + 1}, {"idempotency_key", "the-one"}};
            QNetworkReply *reply = network.post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
            QEventLoop loop;
            QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
            loop.exec();
            const QString id = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 201
                ? QJsonDocument::fromJson(reply->readAll()).object().value("id").toString()
                : QString();
            reply->deleteLater();
            return id;
        }));
    }
    QSet<QString> ids;
    for (auto &worker : workers)
        ids.insert(worker.result());
    QCOMPARE(ids.size(), 1);
    QVERIFY(!ids.values().first().isEmpty());
    QCOMPARE(storedEvents(server), 1);
}

void tst_IngestApi::replayOfAnotherMetersKeyIsRefused()
{
    // Issue 21: a key limited to meter A must not read meter B's stored event by replaying its key.
    ApiTestServer server;
    createMeter(server, "meter_a");
    createMeter(server, "meter_b");
    QCOMPARE(
        server.call("POST", "/v1/usages", compact(usage("shared", "meter_b", 7, {{"secret", "b"}}))).status,
        201);
    QCOMPARE(server
                 .send("POST", "/v1/usages/bulk", compact(QJsonArray{usage("b-batch", "meter_b", 2)}),
                     {{"Idempotency-Key", "batch-b"},
                         {"Authorization", QByteArray("Bearer ") + ApiTestServer::kAdminKey}})
                 .status,
        201);
    const qint64 before = storedEvents(server);
    const QString limited = server.createKey({"usage:write"}, {"meter_a"});

    auto r = server.call("POST", "/v1/usages", compact(usage("shared", "meter_a", 1)), limited);
    QCOMPARE(r.status, 409);
    QCOMPARE(r.errorCode(), QString("conflict"));
    QCOMPARE(r.errorMessage(), QString("conflict\nidempotency key was used for another meter"));
    QVERIFY(!r.body.contains("secret"));

    // Bulk: that item fails, the others go on.
    r = server.call("POST", "/v1/usages/bulk",
        compact(QJsonArray{usage("fresh", "meter_a", 1), usage("shared", "meter_a", 1)}), limited);
    QCOMPARE(r.status, 201);
    QCOMPARE(r.object().value("accepted").toInt(), 1);
    QCOMPARE(r.object().value("duplicates").toInt(), 0);
    const QJsonArray failed = r.object().value("failed_items").toArray();
    QCOMPARE(failed.size(), 1);
    QCOMPARE(failed.at(0).toObject().value("index").toInt(), 1);
    QCOMPARE(failed.at(0).toObject().value("code").toString(), QString("conflict"));
    QVERIFY(!r.body.contains("secret"));

    // A batch key whose stored batch wrote meter B.
    r = server.send("POST", "/v1/usages/bulk", compact(QJsonArray{usage("other", "meter_a", 1)}),
        {{"Idempotency-Key", "batch-b"}, {"Authorization", "Bearer " + limited.toUtf8()}});
    QCOMPARE(r.status, 409);
    QCOMPARE(r.errorCode(), QString("conflict"));
    QCOMPARE(storedEvents(server), before + 1); // only "fresh"

    // The same meter still replays as upstream does (201, the stored event).
    r = server.call("POST", "/v1/usages", compact(usage("fresh", "meter_a", 99)), limited);
    QCOMPARE(r.status, 201);
    QCOMPARE(r.object().value("quantity").toDouble(), 1.0);
}

QTEST_GUILESS_MAIN(tst_IngestApi)
#include "tst_ingestapi.moc"
