// Contract §2.1, §2.4, §2.5 and §13.3 items 8–17 and 21 through a real server with cookies: register,
// login, current session, refresh rotation, logout, providers, API keys over the session, and the
// registration switch.

#include "ApiTestServer.h"
#include "SessionClient.h"

#include <QJsonArray>
#include <QtTest>

using namespace osc::test;

namespace {

const QString kPassword = QStringLiteral("correct horse battery");

QByteArray credentials(const QString &email, const QString &password)
{
    return QJsonDocument(
        QJsonObject{{QStringLiteral("email"), email}, {QStringLiteral("password"), password}})
        .toJson(QJsonDocument::Compact);
}

QList<QByteArray> setCookieLines(const QByteArray &rawResponse)
{
    QList<QByteArray> out;
    for (const QByteArray &line : rawResponse.left(rawResponse.indexOf("\r\n\r\n")).split('\n'))
        if (line.toLower().startsWith("set-cookie:"))
            out.append(line.mid(11).trimmed());
    return out;
}

} // namespace

class tst_AuthApi final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void registerNormalizesAndConflicts();
    void registerRejects_data();
    void registerRejects();
    void loginSetsTwoCookies();
    void loginRejects_data();
    void loginRejects();
    void currentSession();
    void sessionCredentialsRejected_data();
    void sessionCredentialsRejected();
    void refreshRotates();
    void logoutClearsBothCookies();
    void providersBothDisabled();
    void sessionWorksOnExistingRoutes();
    void apiKeysOverSession();
    void apiKeyValidation_data();
    void apiKeyValidation();
    void apiKeysNewestFirst();
    void sessionOnlyRoutesRefuseApiKeys_data();
    void sessionOnlyRoutesRefuseApiKeys();
    void registrationSwitch();
};

void tst_AuthApi::registerNormalizesAndConflicts()
{
    ApiTestServer server;
    const auto created = server.send("POST", "/v1/auth/users", credentials(" Admin@Example.COM ", kPassword));
    QCOMPARE(created.status, 201);
    const QJsonObject user = created.object();
    QCOMPARE(user.value("email").toString(), QStringLiteral("admin@example.com"));
    QVERIFY(!user.value("id").toString().isEmpty());
    QVERIFY(!user.value("created_at").toString().isEmpty());
    QCOMPARE(user.keys(), (QStringList{"created_at", "email", "id"})); // nothing about the password
    QCOMPARE(server.send("POST", "/v1/auth/users", credentials("second@example.com", kPassword)).status, 201);
    const auto duplicate = server.send("POST", "/v1/auth/users", credentials("ADMIN@example.com", kPassword));
    QCOMPARE(duplicate.status, 409);
    QCOMPARE(duplicate.errorCode(), QStringLiteral("conflict"));
    QCOMPARE(duplicate.errorMessage(), QStringLiteral("conflict\nuser email already exists"));
}

void tst_AuthApi::registerRejects_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");
    QTest::newRow("malformed email") << credentials("admin.example.com", kPassword) << "invalid_input"
                                     << "invalid input\nemail is required";
    QTest::newRow("no email") << QByteArray(R"({"password":"correct horse"})") << "invalid_input"
                              << "invalid input\nemail is required";
    QTest::newRow("short password") << credentials("a@example.com", "1234567") << "invalid_input"
                                    << "invalid input\npassword must be at least 8 characters";
    QTest::newRow("7 runes in 14 bytes")
        << credentials("a@example.com", QStringLiteral("äöüäöüä")) << "invalid_input"
        << "invalid input\npassword must be at least 8 characters";
    QTest::newRow("email not a string")
        << QByteArray(R"({"email":1,"password":"correct horse"})") << "invalid_json"
        << "invalid JSON body";
    QTest::newRow("trailing data") << credentials("a@example.com", kPassword) + " {}"
                                   << "invalid_json"
                                   << "invalid JSON body";
    QTest::newRow("empty body") << QByteArray() << "invalid_json"
                                << "invalid JSON body";
}

void tst_AuthApi::registerRejects()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, code);
    QFETCH(QString, message);
    ApiTestServer server;
    const auto r = server.send("POST", "/v1/auth/users", body);
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), code);
    QCOMPARE(r.errorMessage(), message);
    QCOMPARE(server.engine().accounts().listUsers()->size(), 0); // nothing changed
}

void tst_AuthApi::loginSetsTwoCookies()
{
    ApiTestServer server;
    const QString id = server.send("POST", "/v1/auth/users", credentials("admin@example.com", kPassword))
                           .object()
                           .value("id")
                           .toString();
    // Through a socket, to see the headers exactly as sent.
    const QByteArray body = credentials(" ADMIN@example.com", kPassword);
    const QByteArray raw = rawExchange(server.port(),
        "POST /v1/auth/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
        "application/json\r\nContent-Length: "
            + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
    QVERIFY2(raw.startsWith("HTTP/1.1 201"), raw.constData());
    QList<QByteArray> lines = setCookieLines(raw);
    std::sort(lines.begin(), lines.end()); // the order of the two headers is not part of the contract
    QCOMPARE(lines.size(), 2);
    QVERIFY(lines[0].startsWith("open_spanner_access=osp_at_"));
    QVERIFY(lines[1].startsWith("open_spanner_refresh=osp_rt_"));
    const QByteArray responseBody = raw.mid(raw.indexOf("\r\n\r\n") + 4);
    QVERIFY(!responseBody.contains(kPassword.toUtf8()));
    QVERIFY(!responseBody.toLower().contains("token"));
    const QJsonObject json = QJsonDocument::fromJson(responseBody).object();
    QCOMPARE(json.value("user").toObject().value("id").toString(), id);
    QCOMPARE(json.value("user").toObject().value("email").toString(), QStringLiteral("admin@example.com"));

    // The same through the client, attribute by attribute.
    const auto login = server.send("POST", "/v1/auth/sessions", body);
    QCOMPARE(login.status, 201);
    QList<SetCookie> cookies = setCookies(login);
    std::sort(cookies.begin(), cookies.end(),
        [](const SetCookie &a, const SetCookie &b) { return a.name < b.name; });
    QCOMPARE(cookies.size(), 2);
    const QDateTime expiresAt
        = QDateTime::fromString(login.object().value("expires_at").toString(), Qt::ISODate);
    QVERIFY(expiresAt.isValid());
    QDateTime expiries[2];
    for (int i = 0; i < 2; ++i) {
        const SetCookie &cookie = cookies[i];
        QCOMPARE(
            cookie.name, i == 0 ? QByteArray("open_spanner_access") : QByteArray("open_spanner_refresh"));
        QCOMPARE(cookie.value.size(), 7 + 43);
        QVERIFY(cookie.has("HttpOnly"));
        QCOMPARE(cookie.attribute("SameSite"), QByteArray("Lax"));
        QCOMPARE(cookie.attribute("Path"), QByteArray("/"));
        QVERIFY(!cookie.has("Secure")); // plain HTTP
        expiries[i] = QLocale::c().toDateTime(QString::fromLatin1(cookie.attribute("Expires")),
            QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"));
        expiries[i].setTimeSpec(Qt::UTC);
        QVERIFY2(expiries[i].isValid(), cookie.attribute("Expires").constData());
    }
    QCOMPARE(expiries[0], expiresAt); // the access cookie expires with the session the body reports
    QCOMPARE(expiries[0].secsTo(expiries[1]), 30 * 86'400 - 15 * 60); // 15 minutes vs 30 days
}

void tst_AuthApi::loginRejects_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("message");
    const QString invalid = QStringLiteral("unauthorized\ninvalid credentials");
    QTest::newRow("wrong password") << credentials("admin@example.com", "wrong password") << 401 << invalid;
    QTest::newRow("unknown email") << credentials("nobody@example.com", kPassword) << 401 << invalid;
    QTest::newRow("malformed email") << credentials("admin", kPassword) << 401 << invalid;
    QTest::newRow("no password") << QByteArray(R"({"email":"admin@example.com"})") << 401 << invalid;
    QTest::newRow("invalid JSON") << QByteArray("{") << 400 << "invalid JSON body";
}

void tst_AuthApi::loginRejects()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, message);
    ApiTestServer server;
    QCOMPARE(server.send("POST", "/v1/auth/users", credentials("admin@example.com", kPassword)).status, 201);
    const auto r = server.send("POST", "/v1/auth/sessions", body);
    QCOMPARE(r.status, status);
    QCOMPARE(r.errorMessage(), message);
    QVERIFY(setCookies(r).isEmpty());
}

void tst_AuthApi::currentSession()
{
    ApiTestServer server;
    SessionClient alice(server);
    QVERIFY(alice.signUp("alice@example.com"));
    const auto session = alice.send("GET", "/v1/auth/session");
    QCOMPARE(session.status, 200);
    QCOMPARE(session.object().value("user").toObject().value("id").toString(), alice.userId);
    QCOMPARE(session.object().value("user").toObject().value("email").toString(),
        QStringLiteral("alice@example.com"));
}

void tst_AuthApi::sessionCredentialsRejected_data()
{
    QTest::addColumn<QByteArray>("cookie"); // {access} is replaced by the real access token
    QTest::addColumn<QString>("message");
    QTest::newRow("no cookie") << QByteArray() << "unauthorized";
    QTest::newRow("empty cookie") << QByteArray("open_spanner_access=") << "unauthorized";
    QTest::newRow("tampered") << QByteArray("open_spanner_access={access}x")
                              << "unauthorized\ninvalid credentials";
    QTest::newRow("unknown") << QByteArray(
        "open_spanner_access=osp_at_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
                             << "unauthorized\ninvalid credentials";
    QTest::newRow("not a token") << QByteArray("open_spanner_access=hello")
                                 << "unauthorized\ninvalid credentials";
    QTest::newRow("refresh cookie only") << QByteArray("open_spanner_refresh={access}") << "unauthorized";
}

void tst_AuthApi::sessionCredentialsRejected()
{
    QFETCH(QByteArray, cookie);
    QFETCH(QString, message);
    ApiTestServer server;
    SessionClient alice(server);
    QVERIFY(alice.signUp("alice@example.com"));
    cookie.replace("{access}", alice.access);
    QList<QPair<QByteArray, QByteArray>> headers;
    if (!cookie.isEmpty())
        headers.append({"Cookie", cookie});
    for (const char *path : {"/v1/auth/session", "/v1/meters"}) {
        const auto r = server.send("GET", path, {}, headers);
        QCOMPARE(r.status, 401);
        QCOMPARE(r.errorCode(), QStringLiteral("unauthorized"));
        QCOMPARE(r.errorMessage(), message);
    }
    // A session token sent as Bearer is taken for an API key, and refused.
    const auto bearer = server.send("GET", "/v1/meters", {}, {{"Authorization", "Bearer " + alice.access}});
    QCOMPARE(bearer.status, 401);
    QCOMPARE(bearer.errorMessage(), QStringLiteral("unauthorized\ninvalid credentials"));
}

void tst_AuthApi::refreshRotates()
{
    ApiTestServer server;
    SessionClient alice(server);
    QVERIFY(alice.signUp("alice@example.com"));
    const QByteArray oldAccess = alice.access;
    const QByteArray oldRefresh = alice.refresh;
    // Only the refresh cookie is read.
    const auto refreshed = server.send(
        "POST", "/v1/auth/session/refresh", {}, {{"Cookie", "open_spanner_refresh=" + oldRefresh}});
    QCOMPARE(refreshed.status, 200);
    QCOMPARE(refreshed.object().value("user").toObject().value("id").toString(), alice.userId);
    QVERIFY(!refreshed.object().value("expires_at").toString().isEmpty());
    QVERIFY(!refreshed.body.toLower().contains("token"));
    alice.keepCookies(refreshed);
    QCOMPARE(setCookies(refreshed).size(), 2);
    QVERIFY(!alice.access.isEmpty() && alice.access != oldAccess);
    QVERIFY(!alice.refresh.isEmpty() && alice.refresh != oldRefresh);
    QCOMPARE(alice.send("GET", "/v1/auth/session").status, 200);

    // The old refresh token is gone: reusing it is 401 and sets nothing; the old access token went with it.
    const auto reused = server.send(
        "POST", "/v1/auth/session/refresh", {}, {{"Cookie", "open_spanner_refresh=" + oldRefresh}});
    QCOMPARE(reused.status, 401);
    QCOMPARE(reused.errorMessage(), QStringLiteral("unauthorized\ninvalid credentials"));
    QVERIFY(setCookies(reused).isEmpty());
    QCOMPARE(
        server.send("GET", "/v1/auth/session", {}, {{"Cookie", "open_spanner_access=" + oldAccess}}).status,
        401);

    const auto missing = server.send("POST", "/v1/auth/session/refresh");
    QCOMPARE(missing.status, 401);
    QCOMPARE(missing.errorMessage(), QStringLiteral("unauthorized"));
    // An access cookie is no refresh cookie.
    QCOMPARE(
        server
            .send("POST", "/v1/auth/session/refresh", {}, {{"Cookie", "open_spanner_access=" + alice.access}})
            .status,
        401);
}

void tst_AuthApi::logoutClearsBothCookies()
{
    ApiTestServer server;
    SessionClient alice(server);
    QVERIFY(alice.signUp("alice@example.com"));
    const QByteArray raw = rawExchange(server.port(),
        "DELETE /v1/auth/session HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: open_spanner_access=" + alice.access
            + "; open_spanner_refresh=" + alice.refresh + "\r\nConnection: close\r\n\r\n");
    QVERIFY2(raw.startsWith("HTTP/1.1 204"), raw.constData());
    QList<QByteArray> lines = setCookieLines(raw);
    std::sort(lines.begin(), lines.end());
    QCOMPARE(lines.size(), 2); // exactly two Set-Cookie
    QCOMPARE(lines[0],
        QByteArray(
            "open_spanner_access=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; HttpOnly; "
            "SameSite=Lax"));
    QCOMPARE(lines[1],
        QByteArray(
            "open_spanner_refresh=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; HttpOnly; "
            "SameSite=Lax"));
    // Both tokens are dead.
    QCOMPARE(alice.send("GET", "/v1/auth/session").status, 401);
    QCOMPARE(alice.send("POST", "/v1/auth/session/refresh").status, 401);
    // Signed out already, or never signed in: still 204 with both cookies cleared.
    const auto again = alice.send("DELETE", "/v1/auth/session");
    QCOMPARE(again.status, 204);
    QCOMPARE(setCookies(again).size(), 2);
    const auto anonymous = server.send("DELETE", "/v1/auth/session");
    QCOMPARE(anonymous.status, 204);
    for (const SetCookie &cookie : setCookies(anonymous)) {
        QVERIFY(cookie.value.isEmpty());
        QCOMPARE(cookie.attribute("Max-Age"), QByteArray("0"));
    }
}

void tst_AuthApi::providersBothDisabled()
{
    ApiTestServer server;
    const auto r = server.send("GET", "/v1/auth/providers");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body,
        QByteArray(R"({"items":[{"enabled":false,"id":"google","name":"Google"},)"
                   R"({"enabled":false,"id":"github","name":"GitHub"}]})"
                   "\n"));
    QCOMPARE(server.send("GET", "/v1/auth/oauth/google").status, 404);
    const auto callback = server.send("GET", "/v1/auth/oauth/github/callback?code=x");
    QCOMPARE(callback.status, 302);
}

void tst_AuthApi::sessionWorksOnExistingRoutes()
{
    ApiTestServer server;
    SessionClient alice(server);
    QVERIFY(alice.signUp("alice@example.com"));
    const auto meter
        = alice.send("POST", "/v1/meters", QJsonObject{{"name", "api_requests"}, {"unit", "request"}});
    QCOMPARE(meter.status, 201);
    const auto usage = alice.send(
        "POST", "/v1/usages", QJsonObject{{"meter", "api_requests"}, {"subject", "cust_1"}, {"quantity", 2}});
    QCOMPARE(usage.status, 201);
    // Sessions are allowed everything in their workspace, system stats included.
    const auto stats = alice.send("GET", "/v1/system/stats");
    QCOMPARE(stats.status, 200);
    QCOMPARE(stats.object().value("meters").toInt(), 1);
    QCOMPARE(stats.object().value("usage_events").toInt(), 1);
    QCOMPARE(alice.send("GET", "/v1/meters").object().value("items").toArray().size(), 1);
    // The console's default workspace does not see it.
    QCOMPARE(server.call("GET", "/v1/meters").object().value("items").toArray().size(), 0);
    // An API-key header is used exclusively, even next to a valid cookie.
    const auto badKey
        = alice.send("GET", "/v1/meters", {}, {{"X-API-Key", "osp_sk_wrong-wrong-wrong-wrong-wrong"}});
    QCOMPARE(badKey.status, 401);
    QCOMPARE(badKey.errorMessage(), QStringLiteral("unauthorized\ninvalid credentials"));
}

void tst_AuthApi::apiKeysOverSession()
{
    ApiTestServer server;
    SessionClient alice(server);
    QVERIFY(alice.signUp("alice@example.com"));
    const auto created = alice.send("POST", "/v1/auth/api-keys", QJsonObject{{"name", "sdk"}});
    QCOMPARE(created.status, 201);
    const QJsonObject key = created.object();
    for (const char *field : {"id", "name", "prefix", "key", "created_at"})
        QVERIFY2(!key.value(field).toString().isEmpty(), field);
    QVERIFY(!created.body.contains("password"));
    const QString secret = key.value("key").toString();
    QVERIFY(secret.startsWith(key.value("prefix").toString()));
    QCOMPARE(key.value("scopes").toArray(),
        (QJsonArray{"usage:write", "usage:read", "meters:read", "meters:write", "plans:read"}));
    QCOMPARE(key.value("allowed_meters").toArray(), QJsonArray());
    QVERIFY(!key.contains("last_used_at"));

    auto list = alice.send("GET", "/v1/auth/api-keys");
    QCOMPARE(list.status, 200);
    QJsonArray items = list.object().value("items").toArray();
    QCOMPARE(items.size(), 1);
    QVERIFY(!items[0].toObject().contains("key"));
    QCOMPARE(items[0].toObject().value("id"), key.value("id"));

    // The key works, in the user's workspace, and its use is recorded.
    QCOMPARE(
        alice.send("POST", "/v1/meters", QJsonObject{{"name", "api_requests"}, {"unit", "request"}}).status,
        201);
    const auto meters = server.call("GET", "/v1/meters", QByteArray(), secret);
    QCOMPARE(meters.status, 200);
    QCOMPARE(meters.object().value("items").toArray().size(), 1);
    items = alice.send("GET", "/v1/auth/api-keys").object().value("items").toArray();
    QVERIFY(!items[0].toObject().value("last_used_at").toString().isEmpty());

    const QString path = "/v1/auth/api-keys/" + key.value("id").toString();
    QCOMPARE(alice.send("DELETE", path).status, 204);
    const auto deleted = server.call("GET", "/v1/meters", QByteArray(), secret);
    QCOMPARE(deleted.status, 401);
    QCOMPARE(deleted.errorMessage(), QStringLiteral("unauthorized\ninvalid credentials"));
    const auto again = alice.send("DELETE", path);
    QCOMPARE(again.status, 404);
    QCOMPARE(again.errorCode(), QStringLiteral("not_found"));
    QCOMPARE(alice.send("GET", "/v1/auth/api-keys").object().value("items").toArray().size(), 0);
}

void tst_AuthApi::apiKeyValidation_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");
    QTest::newRow("no name") << QByteArray("{}") << "invalid_input"
                             << "invalid input\nname is required";
    QTest::newRow("blank name") << QByteArray(R"({"name":"  "})") << "invalid_input"
                                << "invalid input\nname is required";
    QTest::newRow("unknown scope") << QByteArray(R"({"name":"k","scopes":["usage:delete"]})")
                                   << "invalid_input"
                                   << "invalid input\nunsupported api key scope \"usage:delete\"";
    QTest::newRow("blank scopes") << QByteArray(R"({"name":"k","scopes":[" "]})") << "invalid_input"
                                  << "invalid input\nat least one api key scope is required";
    QTest::newRow("bad expires_at") << QByteArray(R"({"name":"k","expires_at":"soon"})")
                                    << "invalid_expires_at"
                                    << "expires_at must be RFC3339";
    QTest::newRow("past expires_at") << QByteArray(R"({"name":"k","expires_at":"2001-01-01T00:00:00Z"})")
                                     << "invalid_input"
                                     << "invalid input\nexpires_at must be in the future";
    QTest::newRow("scopes not an array")
        << QByteArray(R"({"name":"k","scopes":"usage:read"})") << "invalid_json"
        << "invalid JSON body";
}

void tst_AuthApi::apiKeyValidation()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, code);
    QFETCH(QString, message);
    ApiTestServer server;
    SessionClient alice(server);
    QVERIFY(alice.signUp("alice@example.com"));
    const auto r = alice.send("POST", "/v1/auth/api-keys", body);
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), code);
    QCOMPARE(r.errorMessage(), message);
    QCOMPARE(alice.send("GET", "/v1/auth/api-keys").object().value("items").toArray().size(), 0);
}

void tst_AuthApi::apiKeysNewestFirst()
{
    ApiTestServer server;
    SessionClient alice(server);
    QVERIFY(alice.signUp("alice@example.com"));
    QStringList ids;
    for (const char *name : {"first", "second", "third"})
        ids.prepend(alice.send("POST", "/v1/auth/api-keys", QJsonObject{{"name", name}})
                        .object()
                        .value("id")
                        .toString());
    // A key the console made in the same workspace is not alice's.
    const QString workspace
        = server.engine().store().findUserByEmail("alice@example.com").value()->workspaceId;
    osc::ApiKeyDraft draft;
    draft.name = QStringLiteral("console");
    QVERIFY(server.engine().apiKeys().create(workspace, draft).ok());
    const QJsonArray items = alice.send("GET", "/v1/auth/api-keys").object().value("items").toArray();
    QStringList listed;
    for (const QJsonValue &item : items)
        listed.append(item.toObject().value("id").toString());
    QCOMPARE(listed, ids);
}

void tst_AuthApi::sessionOnlyRoutesRefuseApiKeys_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::newRow("create key") << QByteArray("POST") << "/v1/auth/api-keys";
    QTest::newRow("list keys") << QByteArray("GET") << "/v1/auth/api-keys";
    QTest::newRow("delete key") << QByteArray("DELETE") << "/v1/auth/api-keys/{id}";
    QTest::newRow("current session") << QByteArray("GET") << "/v1/auth/session";
}

void tst_AuthApi::sessionOnlyRoutesRefuseApiKeys()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    ApiTestServer server;
    SessionClient alice(server);
    QVERIFY(alice.signUp("alice@example.com"));
    const QString secret = alice.createKey({{"name", "full"}, {"scopes", QJsonArray{"*"}}});
    const QString keyId = alice.send("GET", "/v1/auth/api-keys")
                              .object()
                              .value("items")
                              .toArray()[0]
                              .toObject()
                              .value("id")
                              .toString();
    path.replace("{id}", keyId);
    const QByteArray body = R"({"name":"another"})";
    // The admin key, the user's own all-scopes key, and a key next to a valid session cookie: all 401.
    for (const QString &key : {QString::fromLatin1(ApiTestServer::kAdminKey), secret}) {
        const auto r = server.call(method, path, body, key);
        QCOMPARE(r.status, 401);
        QCOMPARE(r.errorMessage(), QStringLiteral("unauthorized"));
    }
    QCOMPARE(alice.send(method, path, body, {{"Authorization", "Bearer " + secret.toUtf8()}}).status, 401);
    QCOMPARE(alice.send("GET", "/v1/auth/api-keys").object().value("items").toArray().size(), 1); // unchanged
}

void tst_AuthApi::registrationSwitch()
{
    ApiTestServer server;
    QVERIFY(server.engine().accounts().setRegistrationEnabled(false).ok());
    const auto refused = server.send("POST", "/v1/auth/users", credentials("new@example.com", kPassword));
    QCOMPARE(refused.status, 403);
    QCOMPARE(refused.errorCode(), QStringLiteral("forbidden"));
    QCOMPARE(refused.errorMessage(), QStringLiteral("forbidden\nregistration is disabled"));
    QCOMPARE(server.engine().accounts().listUsers()->size(), 0);
    // The console's owner adds the user; that user can log in over HTTP.
    QVERIFY(server.engine()
                .accounts()
                .registerUser("new@example.com", kPassword, osc::AccountService::Door::Console)
                .ok());
    SessionClient user(server);
    QCOMPARE(user.login("new@example.com", kPassword).status, 201);
    QCOMPARE(user.send("GET", "/v1/auth/session").status, 200);
    // The console itself needs no account at all: its default workspace keeps working.
    QCOMPARE(server.call("GET", "/v1/meters").status, 200);
    QVERIFY(server.engine().accounts().setRegistrationEnabled(true).ok());
    QCOMPARE(server.send("POST", "/v1/auth/users", credentials("other@example.com", kPassword)).status, 201);
}

QTEST_GUILESS_MAIN(tst_AuthApi)
#include "tst_authapi.moc"
