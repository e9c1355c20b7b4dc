// Contract §4 and §13.5 through a real server: every meters case, status code and message.

#include "ApiTestServer.h"
#include "RawEvents.h"
#include "core/Rfc3339.h"

#include <QJsonArray>
#include <QtTest>

using osc::test::ApiTestServer;

namespace {

QJsonObject dimension(const QString &name, const QString &type, std::optional<bool> required = std::nullopt,
    std::optional<bool> deprecated = std::nullopt)
{
    QJsonObject d{{"name", name}, {"type", type}};
    if (required)
        d.insert("required", *required);
    if (deprecated)
        d.insert("deprecated", *deprecated);
    return d;
}

osc::TimeNs at(const char *text)
{
    return *osc::rfc3339::parse(std::string_view(text));
}

} // namespace

class tst_MetersApi final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void createReturnsFullMeter();
    void apiRequestsDefinitionFromTheDocs();
    void listGetUpdateDelete();
    void listPaginationWithCursor();
    void listNameFilter();
    void meterStats();
    void deleteWithUsageConflicts();
    void unsafeDimensionChangeConflicts_data();
    void unsafeDimensionChangeConflicts();
    void safeDimensionChangesAllowedWithUsage();
    void createValidation_data();
    void createValidation();
    void invalidJsonBodies_data();
    void invalidJsonBodies();
    void duplicateNameConflicts();
    void unknownIdIsNotFound();
    void updateIsPartial();
    void badCursorIsInvalidInput();
    void badLimitIsInvalidLimit();
};

void tst_MetersApi::createReturnsFullMeter()
{
    ApiTestServer server;
    QVERIFY(server.ok());
    const auto r = server.call("POST", "/v1/meters",
        QJsonObject{{"name", "api_calls"}, {"unit", "call"}, {"event_retention_days", 30},
            {"dimensions",
                QJsonArray{QJsonObject{{"name", "region"}, {"display_name", "Region"},
                    {"description", "Deployment region"}, {"type", "string"}, {"required", true},
                    {"deprecated", true}}}}});
    QCOMPARE(r.status, 201);
    QVERIFY(r.header("Content-Type").startsWith("application/json"));
    QVERIFY(r.body.endsWith('\n'));
    const QJsonObject m = r.object();
    QVERIFY(!m.value("id").toString().isEmpty());
    QCOMPARE(m.value("name").toString(), QString("api_calls"));
    QCOMPARE(m.value("description").toString(), QString(""));
    QCOMPARE(m.value("aggregation").toString(), QString("sum"));
    QCOMPARE(m.value("event_retention_days").toInt(), 30);
    QVERIFY(osc::rfc3339::parse(m.value("created_at").toString()).has_value());
    QVERIFY(m.value("created_at").toString().endsWith('Z'));
    const QJsonObject d = m.value("dimensions").toArray().at(0).toObject();
    QCOMPARE(d.value("display_name").toString(), QString("Region"));
    QCOMPARE(d.value("deprecated").toBool(), true);
    QCOMPARE(d.value("required").toBool(), true);
    QCOMPARE(m.keys().size(), 8);
}

void tst_MetersApi::apiRequestsDefinitionFromTheDocs()
{
    ApiTestServer server;
    const QByteArray body = R"({
      "name": "api_requests", "description": "API requests served", "unit": "request",
      "aggregation": "sum", "event_retention_days": 90,
      "dimensions": [
        { "name": "region", "type": "string", "required": true },
        { "name": "plan", "type": "string", "required": true },
        { "name": "cache_hit", "type": "boolean", "required": false }
      ]})";
    const auto created = server.call("POST", "/v1/meters", body);
    QCOMPARE(created.status, 201);
    const QJsonArray dims = created.object().value("dimensions").toArray();
    QCOMPARE(dims.size(), 3);
    QCOMPARE(dims.at(2).toObject().value("display_name").toString(), QString("Cache Hit"));
    QCOMPARE(dims.at(2).toObject().value("required").toBool(), false);

    const auto unauthenticated = server.send("POST", "/v1/meters", body);
    QCOMPARE(unauthenticated.status, 401);
    QCOMPARE(unauthenticated.body,
        QByteArray("{\"error\":{\"code\":\"unauthorized\",\"message\":\"unauthorized\"}}\n"));

    const auto again = server.call("POST", "/v1/meters", body);
    QCOMPARE(again.status, 409);
    QCOMPARE(again.errorCode(), QString("conflict"));
}

void tst_MetersApi::listGetUpdateDelete()
{
    ApiTestServer server;
    const auto created = server.call("POST", "/v1/meters",
        QJsonObject{{"name", "api_calls"}, {"unit", "call"},
            {"dimensions", QJsonArray{dimension("region", "string")}}});
    QCOMPARE(created.status, 201);
    const QString id = created.object().value("id").toString();

    const auto list = server.call("GET", "/v1/meters");
    QCOMPARE(list.status, 200);
    QCOMPARE(list.object().value("items").toArray().size(), 1);
    QVERIFY(!list.object().contains("next_cursor"));

    const auto got = server.call("GET", "/v1/meters/" + id);
    QCOMPARE(got.status, 200);
    QCOMPARE(got.object(), created.object());

    const auto updated = server.call("PUT", "/v1/meters/" + id,
        QJsonObject{{"name", "renamed"}, {"description", "Calls"}, {"unit", "request"},
            {"aggregation", "count"}, {"event_retention_days", 365},
            {"dimensions", QJsonArray{dimension("plan", "string", false, true)}}});
    QCOMPARE(updated.status, 200);
    const QJsonObject m = updated.object();
    QCOMPARE(m.value("name").toString(), QString("api_calls"));
    QCOMPARE(m.value("description").toString(), QString("Calls"));
    QCOMPARE(m.value("unit").toString(), QString("request"));
    QCOMPARE(m.value("aggregation").toString(), QString("count"));
    QCOMPARE(m.value("event_retention_days").toInt(), 365);
    QCOMPARE(m.value("created_at"), created.object().value("created_at"));
    const QJsonObject plan = m.value("dimensions").toArray().at(0).toObject();
    QCOMPARE(plan.value("display_name").toString(), QString("Plan"));
    QCOMPARE(plan.value("required").toBool(), false);
    QCOMPARE(plan.value("deprecated").toBool(), true);

    const auto removed = server.call("DELETE", "/v1/meters/" + id);
    QCOMPARE(removed.status, 204);
    QVERIFY(removed.body.isEmpty());
    QCOMPARE(server.call("GET", "/v1/meters/" + id).status, 404);
    QCOMPARE(server.call("DELETE", "/v1/meters/" + id).status, 404);
}

void tst_MetersApi::listPaginationWithCursor()
{
    ApiTestServer server;
    QCOMPARE(server.call("POST", "/v1/meters", QJsonObject{{"name", "b_meter"}, {"unit", "u"}}).status, 201);
    QCOMPARE(server.call("POST", "/v1/meters", QJsonObject{{"name", "a_meter"}, {"unit", "u"}}).status, 201);
    const auto first = server.call("GET", "/v1/meters?limit=1");
    QCOMPARE(first.status, 200);
    QCOMPARE(first.object().value("items").toArray().size(), 1);
    QCOMPARE(first.object().value("items").toArray().at(0).toObject().value("name").toString(),
        QString("a_meter"));
    const QString cursor = first.object().value("next_cursor").toString();
    QVERIFY(!cursor.isEmpty());
    const auto second = server.call("GET", "/v1/meters?limit=1&cursor=" + cursor);
    QCOMPARE(second.status, 200);
    QCOMPARE(second.object().value("items").toArray().at(0).toObject().value("name").toString(),
        QString("b_meter"));
    QVERIFY(!second.object().contains("next_cursor"));
}

void tst_MetersApi::listNameFilter()
{
    ApiTestServer server;
    server.call("POST", "/v1/meters", QJsonObject{{"name", "tokens"}, {"unit", "token"}});
    server.call("POST", "/v1/meters", QJsonObject{{"name", "api_calls"}, {"unit", "call"}});
    const auto r = server.call("GET", "/v1/meters?name=tokens");
    QCOMPARE(r.status, 200);
    const QJsonArray items = r.object().value("items").toArray();
    QCOMPARE(items.size(), 1);
    QCOMPARE(items.at(0).toObject().value("name").toString(), QString("tokens"));
}

void tst_MetersApi::meterStats()
{
    ApiTestServer server;
    server.call("POST", "/v1/meters",
        QJsonObject{{"name", "api_calls"}, {"unit", "call"}, {"event_retention_days", 30}});
    server.call("POST", "/v1/meters",
        QJsonObject{{"name", "tokens"}, {"unit", "token"}, {"event_retention_days", 30}});
    QVERIFY(insertRawEvent(server.engine(), "api_calls", at("2026-06-08T10:00:00Z")));
    QVERIFY(insertRawEvent(server.engine(), "api_calls", at("2026-06-08T12:00:00Z")));
    const auto r = server.call("GET", "/v1/meters/stats");
    QCOMPARE(r.status, 200);
    const QJsonArray items = r.object().value("items").toArray();
    QCOMPARE(items.size(), 2);
    const QJsonObject calls = items.at(0).toObject();
    QCOMPARE(calls.value("meter").toString(), QString("api_calls"));
    QCOMPARE(calls.value("usage_events").toInt(), 2);
    QCOMPARE(calls.value("last_event_at").toString(), QString("2026-06-08T12:00:00Z"));
    QCOMPARE(calls.value("retention_days").toInt(), 30);
    const QJsonObject tokens = items.at(1).toObject();
    QCOMPARE(tokens.value("usage_events").toInt(), 0);
    QVERIFY(!tokens.contains("last_event_at"));
}

void tst_MetersApi::deleteWithUsageConflicts()
{
    ApiTestServer server;
    const auto created
        = server.call("POST", "/v1/meters", QJsonObject{{"name", "api_calls"}, {"unit", "call"}});
    QVERIFY(insertRawEvent(server.engine(), "api_calls", at("2026-06-08T10:00:00Z")));
    const auto r = server.call("DELETE", "/v1/meters/" + created.object().value("id").toString());
    QCOMPARE(r.status, 409);
    QCOMPARE(r.errorCode(), QString("conflict"));
    QCOMPARE(r.errorMessage(), QString("conflict\nmeter has usage"));
    QCOMPARE(server.call("GET", "/v1/meters").object().value("items").toArray().size(), 1);
}

void tst_MetersApi::unsafeDimensionChangeConflicts_data()
{
    QTest::addColumn<QJsonArray>("dimensions");
    QTest::addColumn<QString>("message");
    QTest::newRow("remove status") << QJsonArray{dimension("region",
        "string")} << "conflict: dimension \"status\" cannot be removed after usage has been recorded";
    QTest::newRow("type change") << QJsonArray{dimension("region", "number"),
        dimension("status", "number",
            false)} << "conflict: dimension \"region\" type cannot change after usage has been recorded";
    QTest::newRow("optional to required")
        << QJsonArray{dimension("region", "string"), dimension("status", "number", true)}
        << "conflict: dimension \"status\" cannot become required after usage has been recorded";
    QTest::newRow("add required")
        << QJsonArray{dimension("region", "string"), dimension("status", "number", false),
               dimension("plan", "string")}
        << "conflict: required dimension \"plan\" cannot be added after usage has been recorded";
}

void tst_MetersApi::unsafeDimensionChangeConflicts()
{
    QFETCH(QJsonArray, dimensions);
    QFETCH(QString, message);
    ApiTestServer server;
    const auto created = server.call("POST", "/v1/meters",
        QJsonObject{{"name", "api_calls"}, {"unit", "call"},
            {"dimensions", QJsonArray{dimension("region", "string"), dimension("status", "number", false)}}});
    QCOMPARE(created.status, 201);
    QVERIFY(insertRawEvent(server.engine(), "api_calls", at("2026-06-08T10:00:00Z")));
    const QString id = created.object().value("id").toString();
    const auto r = server.call("PUT", "/v1/meters/" + id, QJsonObject{{"dimensions", dimensions}});
    QCOMPARE(r.status, 409);
    QCOMPARE(r.errorCode(), QString("conflict"));
    QCOMPARE(r.errorMessage(), message);
    // Nothing changed.
    QCOMPARE(server.call("GET", "/v1/meters/" + id).object(), created.object());
}

void tst_MetersApi::safeDimensionChangesAllowedWithUsage()
{
    ApiTestServer server;
    const auto created = server.call("POST", "/v1/meters",
        QJsonObject{{"name", "api_calls"}, {"unit", "call"},
            {"dimensions", QJsonArray{dimension("region", "string"), dimension("status", "number", false)}}});
    QVERIFY(insertRawEvent(server.engine(), "api_calls", at("2026-06-08T10:00:00Z")));
    QJsonObject relabelled = dimension("region", "string", true, true);
    relabelled.insert("display_name", "Deployment region");
    const auto r = server.call("PUT", "/v1/meters/" + created.object().value("id").toString(),
        QJsonObject{{"dimensions",
            QJsonArray{relabelled, dimension("status", "number", false), dimension("tier", "string", false),
                dimension("legacy", "string", true, true)}}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.object().value("dimensions").toArray().size(), 4);
    QCOMPARE(r.object().value("dimensions").toArray().at(0).toObject().value("display_name").toString(),
        QString("Deployment region"));
}

void tst_MetersApi::createValidation_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("message");
    QTest::newRow("no name") << QByteArray(R"({"unit":"call"})") << "invalid input: meter name is required";
    QTest::newRow("blank name") << QByteArray(R"({"name":"  ","unit":"call"})")
                                << "invalid input: meter name is required";
    QTest::newRow("no unit") << QByteArray(R"({"name":"x"})") << "invalid input: meter unit is required";
    QTest::newRow("bad aggregation") << QByteArray(R"({"name":"x","unit":"u","aggregation":"median"})")
                                     << "invalid input: unsupported aggregation \"median\"";
    QTest::newRow("space in dimension")
        << QByteArray(R"({"name":"x","unit":"u","dimensions":[{"name":"region name","type":"string"}]})")
        << "invalid input: dimension name \"region name\" must use letters, numbers, underscores, hyphens, "
           "or dots";
    QTest::newRow("reserved subject")
        << QByteArray(R"({"name":"x","unit":"u","dimensions":[{"name":"subject","type":"string"}]})")
        << "invalid input: dimension name \"subject\" is reserved";
    QTest::newRow("bad type") << QByteArray(
        R"({"name":"x","unit":"u","dimensions":[{"name":"a","type":"integer"}]})")
                              << "invalid input: unsupported dimension type \"integer\"";
    QTest::newRow("duplicate dimension") << QByteArray(
        R"({"name":"x","unit":"u","dimensions":[{"name":"a","type":"string"},{"name":"a","type":"number"}]})")
                                         << "invalid input: dimension \"a\" is already defined";
    QTest::newRow("negative retention") << QByteArray(R"({"name":"x","unit":"u","event_retention_days":-1})")
                                        << "invalid input: event retention days must be greater than zero";
    QTest::newRow("retention too long")
        << QByteArray(R"({"name":"x","unit":"u","event_retention_days":3651})")
        << "invalid input: event retention days cannot exceed 3650";
    QTest::newRow("dimensions checked before name")
        << QByteArray(R"({"dimensions":[{"name":"","type":"string"}]})")
        << "invalid input: dimension name is required";
}

void tst_MetersApi::createValidation()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, message);
    ApiTestServer server;
    const auto r = server.call("POST", "/v1/meters", body);
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), QString("invalid_input"));
    QCOMPARE(r.errorMessage(), message);
    QCOMPARE(server.call("GET", "/v1/meters").object().value("items").toArray().size(), 0);
}

void tst_MetersApi::invalidJsonBodies_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("unterminated") << QByteArray("{");
    QTest::newRow("trailing object") << QByteArray(R"({"name":"api_calls","unit":"call"} {})");
    QTest::newRow("empty") << QByteArray("");
    QTest::newRow("array") << QByteArray("[]");
    QTest::newRow("number name") << QByteArray(R"({"name":5,"unit":"call"})");
    QTest::newRow("fractional retention")
        << QByteArray(R"({"name":"x","unit":"call","event_retention_days":1.5})");
    QTest::newRow("string retention")
        << QByteArray(R"({"name":"x","unit":"call","event_retention_days":"30"})");
    QTest::newRow("dimensions object") << QByteArray(R"({"name":"x","unit":"call","dimensions":{}})");
    QTest::newRow("required as string") << QByteArray(
        R"({"name":"x","unit":"c","dimensions":[{"name":"a","type":"string","required":"yes"}]})");
    QTest::newRow("huge number") << QByteArray(R"({"name":"x","unit":"call","event_retention_days":1e400})");
    QTest::newRow("NaN literal") << QByteArray(R"({"name":"x","unit":"call","event_retention_days":NaN})");
}

void tst_MetersApi::invalidJsonBodies()
{
    QFETCH(QByteArray, body);
    ApiTestServer server;
    const auto r = server.call("POST", "/v1/meters", body);
    QCOMPARE(r.status, 400);
    QCOMPARE(
        r.body, QByteArray("{\"error\":{\"code\":\"invalid_json\",\"message\":\"invalid JSON body\"}}\n"));
    QCOMPARE(server.call("GET", "/v1/meters").object().value("items").toArray().size(), 0);
}

void tst_MetersApi::duplicateNameConflicts()
{
    ApiTestServer server;
    QCOMPARE(
        server.call("POST", "/v1/meters", QJsonObject{{"name", "api_calls"}, {"unit", "call"}}).status, 201);
    const auto r = server.call("POST", "/v1/meters", QJsonObject{{"name", " api_calls "}, {"unit", "call"}});
    QCOMPARE(r.status, 409);
    QCOMPARE(r.errorMessage(), QString("conflict\nmeter name already exists"));
}

void tst_MetersApi::unknownIdIsNotFound()
{
    ApiTestServer server;
    for (const QByteArray method : {"GET", "PUT", "DELETE"}) {
        const auto r = server.call(method, "/v1/meters/00000000-0000-4000-8000-000000000000",
            method == "PUT" ? QByteArray("{}") : QByteArray());
        QCOMPARE(r.status, 404);
        QCOMPARE(r.body, QByteArray("{\"error\":{\"code\":\"not_found\",\"message\":\"not found\"}}\n"));
    }
}

void tst_MetersApi::updateIsPartial()
{
    ApiTestServer server;
    const auto created = server.call("POST", "/v1/meters",
        QJsonObject{{"name", "m"}, {"unit", "u"}, {"event_retention_days", 30},
            {"dimensions", QJsonArray{dimension("a", "string")}}});
    const QString id = created.object().value("id").toString();
    auto r = server.call("PUT", "/v1/meters/" + id, QJsonObject{{"description", "only this"}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.object().value("unit").toString(), QString("u"));
    QCOMPARE(r.object().value("event_retention_days").toInt(), 30);
    QCOMPARE(r.object().value("dimensions").toArray().size(), 1);
    r = server.call("PUT", "/v1/meters/" + id, QJsonObject{{"event_retention_days", 0}});
    QCOMPARE(r.object().value("event_retention_days").toInt(), 90);
    r = server.call("PUT", "/v1/meters/" + id, QJsonObject{{"unit", " "}});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorMessage(), QString("invalid input: meter unit is required"));
}

void tst_MetersApi::badCursorIsInvalidInput()
{
    ApiTestServer server;
    const auto r = server.call("GET", "/v1/meters?cursor=%25%25%25");
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), QString("invalid_input"));
    QCOMPARE(r.errorMessage(), QString("invalid input"));
}

void tst_MetersApi::badLimitIsInvalidLimit()
{
    ApiTestServer server;
    for (const char *limit : {"0", "-1", "abc", "1.5"}) {
        const auto r
            = server.call("GET", QStringLiteral("/v1/meters?limit=%1").arg(QLatin1StringView(limit)));
        QCOMPARE(r.status, 400);
        QCOMPARE(r.errorCode(), QString("invalid_limit"));
        QCOMPARE(r.errorMessage(), QString("limit must be a positive integer"));
    }
    QCOMPARE(server.call("GET", "/v1/meters?limit=100000").status, 200);
}

QTEST_GUILESS_MAIN(tst_MetersApi)
#include "tst_metersapi.moc"
