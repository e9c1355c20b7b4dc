// Contract §2.1–§2.3 and §13.3 items 15, 18, 20, 21 through a real server.

#include "ApiTestServer.h"

#include <QJsonArray>
#include <QtTest>

using osc::test::ApiTestServer;

class tst_ApiAuth final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void missingCredentialsIs401();
    void credentialHeaders_data();
    void credentialHeaders();
    void apiKeyHeaderIsUsedExclusively();
    void unknownKeyIs401();
    void revokedAndExpiredKeysAre401();
    void lastUsedIsRecorded();
    void defaultScopesCannotReadSystemStats();
    void scopeAndAllowListEnforced();
    void notFoundBeforeForbidden();
};

void tst_ApiAuth::missingCredentialsIs401()
{
    ApiTestServer server;
    const auto r = server.send("GET", "/v1/meters");
    QCOMPARE(r.status, 401);
    QCOMPARE(r.body, QByteArray("{\"error\":{\"code\":\"unauthorized\",\"message\":\"unauthorized\"}}\n"));
    QCOMPARE(server.call("GET", "/v1/meters").status, 200);
}

void tst_ApiAuth::credentialHeaders_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QByteArray>("prefix");
    QTest::newRow("X-Open-Spanner-API-Key") << QByteArray("X-Open-Spanner-API-Key") << QByteArray();
    QTest::newRow("X-API-Key") << QByteArray("X-API-Key") << QByteArray();
    QTest::newRow("Bearer") << QByteArray("Authorization") << QByteArray("Bearer ");
    QTest::newRow("lowercase bearer") << QByteArray("Authorization") << QByteArray("bearer ");
    QTest::newRow("padded") << QByteArray("X-API-Key") << QByteArray("  ");
}

void tst_ApiAuth::credentialHeaders()
{
    QFETCH(QByteArray, header);
    QFETCH(QByteArray, prefix);
    ApiTestServer server;
    const auto r = server.send("GET", "/v1/meters", {}, {{header, prefix + ApiTestServer::kAdminKey + "  "}});
    QCOMPARE(r.status, 200);
    const auto basic = server.send(
        "GET", "/v1/meters", {}, {{"Authorization", QByteArray("Basic ") + ApiTestServer::kAdminKey}});
    QCOMPARE(basic.status, 401);
}

void tst_ApiAuth::apiKeyHeaderIsUsedExclusively()
{
    ApiTestServer server;
    // A bad key in the first header wins over a good bearer token.
    const auto r = server.send("GET", "/v1/meters", {},
        {{"X-Open-Spanner-API-Key", "osp_sk_wrong-wrong-wrong-wrong-wrong"},
            {"Authorization", QByteArray("Bearer ") + ApiTestServer::kAdminKey}});
    QCOMPARE(r.status, 401);
    QCOMPARE(r.errorMessage(), QString("unauthorized\ninvalid credentials"));
}

void tst_ApiAuth::unknownKeyIs401()
{
    ApiTestServer server;
    const auto r = server.call(
        "GET", "/v1/meters", QByteArray(), QStringLiteral("osp_sk_doesnotexist0000000000000000000000000000"));
    QCOMPARE(r.status, 401);
    QCOMPARE(r.body,
        QByteArray(
            "{\"error\":{\"code\":\"unauthorized\",\"message\":\"unauthorized\\ninvalid credentials\"}}\n"));
}

void tst_ApiAuth::revokedAndExpiredKeysAre401()
{
    ApiTestServer server;
    osc::ApiKeyDraft draft;
    draft.name = QStringLiteral("short-lived");
    draft.expiresAtNs = server.engine().clock().nowNs() + 1'500'000'000; // 1.5 s
    auto expiring = server.engine().apiKeys().create(server.engine().defaultWorkspaceId(), draft);
    QVERIFY(expiring.ok());
    QCOMPARE(server.call("GET", "/v1/meters", QByteArray(), expiring->secret).status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(
        server.call("GET", "/v1/meters", QByteArray(), expiring->secret).status, 401, 5000);

    const QString key = server.createKey({});
    QCOMPARE(server.call("GET", "/v1/meters", QByteArray(), key).status, 200);
    auto keys = server.engine().apiKeys().list(server.engine().defaultWorkspaceId());
    QVERIFY(keys.ok());
    for (const osc::ApiKey &k : keys.value())
        if (key.startsWith(k.prefix) && k.name == QLatin1StringView("test"))
            QVERIFY(server.engine().apiKeys().revoke(server.engine().defaultWorkspaceId(), k.id).value());
    const auto revoked = server.call("GET", "/v1/meters", QByteArray(), key);
    QCOMPARE(revoked.status, 401);
    QCOMPARE(revoked.errorMessage(), QString("unauthorized\ninvalid credentials"));
}

void tst_ApiAuth::lastUsedIsRecorded()
{
    ApiTestServer server;
    const QString key = server.createKey({});
    auto before = server.engine().apiKeys().list(server.engine().defaultWorkspaceId());
    for (const osc::ApiKey &k : before.value())
        if (k.name == QLatin1StringView("test")) {
            QVERIFY(!k.lastUsedAtNs.has_value());
            QCOMPARE(k.scopes,
                QStringList({"usage:write", "usage:read", "meters:read", "meters:write", "plans:read"}));
            QVERIFY(key.startsWith(k.prefix));
            QCOMPARE(k.prefix.size(), 18);
            QCOMPARE(key.size(), 50);
        }
    QCOMPARE(server.call("GET", "/v1/meters", QByteArray(), key).status, 200);
    auto after = server.engine().apiKeys().list(server.engine().defaultWorkspaceId());
    bool seen = false;
    for (const osc::ApiKey &k : after.value())
        if (k.name == QLatin1StringView("test")) {
            QVERIFY(k.lastUsedAtNs.has_value());
            seen = true;
        }
    QVERIFY(seen);
}

void tst_ApiAuth::defaultScopesCannotReadSystemStats()
{
    ApiTestServer server;
    const QString key = server.createKey({});
    const auto r = server.call("GET", "/v1/system/stats", QByteArray(), key);
    QCOMPARE(r.status, 403);
    QCOMPARE(r.errorCode(), QString("forbidden"));
    QCOMPARE(r.errorMessage(), QString("forbidden\nnot allowed to system:read system"));
    const auto admin = server.call("GET", "/v1/system/stats");
    QCOMPARE(admin.status, 200);
    QCOMPARE(admin.object().value("meters").toInt(), 0);
    QVERIFY(admin.object().contains("last_prune_run"));
    QVERIFY(admin.object().value("last_prune_run").isNull());
}

void tst_ApiAuth::scopeAndAllowListEnforced()
{
    ApiTestServer server;
    QCOMPARE(server.call("POST", "/v1/meters", QJsonObject{{"name", "A"}, {"unit", "u"}}).status, 201);
    QCOMPARE(server.call("POST", "/v1/meters", QJsonObject{{"name", "B"}, {"unit", "u"}}).status, 201);

    const QString writer = server.createKey({"meters:write"}, {"A"});
    // Lacks meters:read.
    auto r = server.call("GET", "/v1/meters?name=A", QByteArray(), writer);
    QCOMPARE(r.status, 403);
    QCOMPARE(r.errorMessage(), QString("forbidden\nnot allowed to meters:read meter"));

    const QString reader = server.createKey({"meters:*"}, {"A"});
    QCOMPARE(server.call("GET", "/v1/meters?name=A", QByteArray(), reader).status, 200);
    r = server.call("GET", "/v1/meters?name=B", QByteArray(), reader);
    QCOMPARE(r.status, 403);
    QCOMPARE(r.errorMessage(), QString("forbidden\napi key cannot access meter \"B\""));
    // A request that names no meter is forbidden for a meter-restricted key.
    QCOMPARE(server.call("GET", "/v1/meters", QByteArray(), reader).status, 403);
    QCOMPARE(server.call("GET", "/v1/meters/stats", QByteArray(), reader).status, 403);
    // Creating a meter outside the allow-list.
    r = server.call("POST", "/v1/meters", QJsonObject{{"name", "C"}, {"unit", "u"}}, reader);
    QCOMPARE(r.status, 403);
    QCOMPARE(server.call("GET", "/v1/meters?name=C").object().value("items").toArray().size(), 0);

    const QString everything = server.createKey({"*"}, {"*"});
    QCOMPARE(server.call("GET", "/v1/meters", QByteArray(), everything).status, 200);
}

void tst_ApiAuth::notFoundBeforeForbidden()
{
    ApiTestServer server;
    const auto created = server.call("POST", "/v1/meters", QJsonObject{{"name", "B"}, {"unit", "u"}});
    const QString reader = server.createKey({"meters:read"}, {"A"});
    QCOMPARE(
        server.call("GET", "/v1/meters/00000000-0000-4000-8000-000000000000", QByteArray(), reader).status,
        404);
    QCOMPARE(server.call("GET", "/v1/meters/" + created.object().value("id").toString(), QByteArray(), reader)
                 .status,
        403);
}

QTEST_GUILESS_MAIN(tst_ApiAuth)
#include "tst_apiauth.moc"
