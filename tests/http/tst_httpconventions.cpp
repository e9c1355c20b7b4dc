// Transport conventions of contract §1.1, §1.3 and §3: health, readiness, unknown routes, methods,
// trailing slashes, the body limit and system stats.

#include "ApiTestServer.h"

#include <QJsonArray>
#include <QtTest>

using osc::test::ApiTestServer;

class tst_HttpConventions final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void healthIs204();
    void readyIs204();
    void unknownRouteIsJson404();
    void wrongMethodIs405WithAllow();
    void trailingSlashMatches();
    void oversizedBodyIs413();
    void systemStatsCountsMeters();
};

void tst_HttpConventions::healthIs204()
{
    ApiTestServer server;
    QVERIFY(server.ok());
    const auto r = server.send("GET", "/health");
    QCOMPARE(r.status, 204);
    QVERIFY(r.body.isEmpty());
}

void tst_HttpConventions::readyIs204()
{
    ApiTestServer server;
    QCOMPARE(server.send("GET", "/ready").status, 204);
}

void tst_HttpConventions::unknownRouteIsJson404()
{
    ApiTestServer server;
    const auto r = server.send("GET", "/v1/nope");
    QCOMPARE(r.status, 404);
    QVERIFY(r.header("Content-Type").startsWith("application/json"));
    QCOMPARE(r.errorCode(), QString("not_found"));
}

void tst_HttpConventions::wrongMethodIs405WithAllow()
{
    ApiTestServer server;
    const auto r = server.call("PATCH", "/v1/meters");
    QCOMPARE(r.status, 405);
    QCOMPARE(r.header("Allow"), QByteArray("POST, GET"));
    QCOMPARE(r.errorCode(), QString("method_not_allowed"));
    QCOMPARE(r.errorMessage(), QString("method not allowed: PATCH /v1/meters (allowed: POST, GET)"));
    // A method no route knows gets the same answer, with its own name.
    const auto unknown = server.call("FOO", "/v1/usages");
    QCOMPARE(unknown.status, 405);
    QCOMPARE(unknown.header("Allow"), QByteArray("POST, GET"));
    QCOMPARE(unknown.errorCode(), QString("method_not_allowed"));
    QVERIFY(unknown.errorMessage().startsWith("method not allowed: FOO /v1/usages"));
}

void tst_HttpConventions::trailingSlashMatches()
{
    ApiTestServer server;
    QCOMPARE(server.call("GET", "/v1/meters/").status, 200);
}

void tst_HttpConventions::oversizedBodyIs413()
{
    ApiTestServer server;
    QByteArray body = R"({"name":"big","unit":"u","description":")";
    body.append(QByteArray(osc::http::kDefaultMaxBodyBytes, 'x'));
    body.append(R"("})");
    const auto r = server.call("POST", "/v1/meters", body);
    QCOMPARE(r.status, 413);
    QCOMPARE(r.errorCode(), QString("payload_too_large"));
    QCOMPARE(server.call("GET", "/v1/meters").object().value("items").toArray().size(), 0);
}

void tst_HttpConventions::systemStatsCountsMeters()
{
    ApiTestServer server;
    const auto created = server.call("POST", "/v1/meters", QJsonObject{{"name", "a"}, {"unit", "u"}});
    server.call("POST", "/v1/meters", QJsonObject{{"name", "b"}, {"unit", "u"}});
    QCOMPARE(server.call("GET", "/v1/system/stats").object().value("meters").toInt(), 2);
    server.call("DELETE", "/v1/meters/" + created.object().value("id").toString());
    const auto r = server.call("GET", "/v1/system/stats");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.object().value("meters").toInt(), 1);
    QCOMPARE(r.object().value("usage_events").toInt(), 0);
    QCOMPARE(r.object().value("prune_runs").toInt(), 0);
}

QTEST_GUILESS_MAIN(tst_HttpConventions)
#include "tst_httpconventions.moc"
