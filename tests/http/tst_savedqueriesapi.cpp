// Contract §8 and §13.3 item 16 through a real server: saved queries over a dashboard session, per
// user; API keys get 401.

#include "ApiTestServer.h"
#include "SessionClient.h"

#include <QJsonArray>
#include <QtTest>

using namespace osc::test;

namespace {

const QJsonObject kTree{{"combinator", "and"},
    {"rules", QJsonArray{QJsonObject{{"field", "subject"}, {"operator", "eq"}, {"value", "acme"}}}}};

QJsonArray items(const HttpResult &r)
{
    return r.object().value("items").toArray();
}

} // namespace

class tst_SavedQueriesApi final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void createListUpdateDelete();
    void rejects_data();
    void rejects();
    void apiKeysGet401_data();
    void apiKeysGet401();
    void perUser();
};

void tst_SavedQueriesApi::createListUpdateDelete()
{
    ApiTestServer server;
    SessionClient alice(server);
    QVERIFY(alice.signUp("alice@example.com"));
    const auto created = alice.send("POST", "/v1/usage/saved-queries",
        QJsonObject{{"name", " Top customers "}, {"query", kTree},
            {"group_by", QJsonArray{"region, plan", "region"}}, {"bucket_size", "hour"}, {"limit", 5000},
            {"pinned", true}, {"position", -3}});
    QCOMPARE(created.status, 201);
    const QJsonObject q = created.object();
    QCOMPARE(q.keys(),
        (QStringList{"bucket_size", "created_at", "group_by", "id", "limit", "name", "pinned", "position",
            "query", "updated_at"}));
    QCOMPARE(q.value("name").toString(), QStringLiteral("Top customers"));
    QCOMPARE(q.value("query").toObject(), kTree);
    QCOMPARE(q.value("group_by").toArray(), (QJsonArray{"region", "plan"}));
    QCOMPARE(q.value("bucket_size").toString(), QStringLiteral("hour"));
    QCOMPARE(q.value("limit").toInt(), 1000);
    QCOMPARE(q.value("pinned").toBool(), true);
    QCOMPARE(q.value("position").toInt(), 0);

    QCOMPARE(
        alice
            .send("POST", "/v1/usage/saved-queries", QJsonObject{{"name", "Top customers"}, {"query", kTree}})
            .status,
        409);
    const QJsonArray listed = items(alice.send("GET", "/v1/usage/saved-queries"));
    QCOMPARE(listed.size(), 1);
    QCOMPARE(listed[0].toObject(), q);

    const QString path = "/v1/usage/saved-queries/" + q.value("id").toString();
    const auto updated = alice.send(
        "PUT", path, QJsonObject{{"name", "Renamed"}, {"query", QJsonObject{{"combinator", "or"}}}});
    QCOMPARE(updated.status, 200);
    QCOMPARE(updated.object().value("name").toString(), QStringLiteral("Renamed"));
    QCOMPARE(updated.object().value("limit").toInt(), 500); // omitted → 500
    QCOMPARE(updated.object().value("bucket_size").toString(), QStringLiteral("day"));
    QCOMPARE(updated.object().value("group_by").toArray(), QJsonArray());
    QCOMPARE(updated.object().value("pinned").toBool(), true); // omitted → unchanged
    QCOMPARE(updated.object().value("created_at"), q.value("created_at"));

    QCOMPARE(alice.send("DELETE", path).status, 204);
    QCOMPARE(alice.send("DELETE", path).status, 404);
    QCOMPARE(alice.send("PUT", path, QJsonObject{{"name", "x"}, {"query", kTree}}).status, 404);
    QCOMPARE(items(alice.send("GET", "/v1/usage/saved-queries")).size(), 0);
}

void tst_SavedQueriesApi::rejects_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");
    QTest::newRow("no name") << QByteArray(R"({"query":{"a":1}})") << "invalid_input"
                             << "invalid input\nname is required";
    QTest::newRow("no query") << QByteArray(R"({"name":"q"})") << "invalid_input"
                              << "invalid input\nquery must be a non-empty JSON object";
    QTest::newRow("empty query") << QByteArray(R"({"name":"q","query":{}})") << "invalid_input"
                                 << "invalid input\nquery must be a non-empty JSON object";
    QTest::newRow("query is a string") << QByteArray(R"({"name":"q","query":"a"})") << "invalid_input"
                                       << "invalid input\nquery must be a non-empty JSON object";
    QTest::newRow("bad bucket") << QByteArray(R"({"name":"q","query":{"a":1},"bucket_size":"week"})")
                                << "invalid_input"
                                << "invalid input\nunsupported bucket size";
    QTest::newRow("group_by string") << QByteArray(R"({"name":"q","query":{"a":1},"group_by":"region"})")
                                     << "invalid_json"
                                     << "invalid JSON body";
    QTest::newRow("trailing data") << QByteArray(R"({"name":"q","query":{"a":1}} {})") << "invalid_json"
                                   << "invalid JSON body";
}

void tst_SavedQueriesApi::rejects()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, code);
    QFETCH(QString, message);
    ApiTestServer server;
    SessionClient alice(server);
    QVERIFY(alice.signUp("alice@example.com"));
    const auto r = alice.send("POST", "/v1/usage/saved-queries", body);
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), code);
    QCOMPARE(r.errorMessage(), message);
    QCOMPARE(items(alice.send("GET", "/v1/usage/saved-queries")).size(), 0);
}

void tst_SavedQueriesApi::apiKeysGet401_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::newRow("list") << QByteArray("GET") << "/v1/usage/saved-queries";
    QTest::newRow("create") << QByteArray("POST") << "/v1/usage/saved-queries";
    QTest::newRow("update") << QByteArray("PUT") << "/v1/usage/saved-queries/{id}";
    QTest::newRow("delete") << QByteArray("DELETE") << "/v1/usage/saved-queries/{id}";
}

void tst_SavedQueriesApi::apiKeysGet401()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    ApiTestServer server;
    SessionClient alice(server);
    QVERIFY(alice.signUp("alice@example.com"));
    const QByteArray body
        = QJsonDocument(QJsonObject{{"name", "q"}, {"query", kTree}}).toJson(QJsonDocument::Compact);
    const auto created = alice.send("POST", "/v1/usage/saved-queries", body);
    QCOMPARE(created.status, 201); // §13.3 item 16: a session may
    path.replace("{id}", created.object().value("id").toString());
    const QString key = alice.createKey({{"name", "all"}, {"scopes", QJsonArray{"*"}}});
    const auto r = server.call(method, path, body, key);
    QCOMPARE(r.status, 401);
    QCOMPARE(r.errorMessage(), QStringLiteral("unauthorized"));
    QCOMPARE(server.send(method, path, body).status, 401); // no credentials
    QCOMPARE(items(alice.send("GET", "/v1/usage/saved-queries")).size(), 1);
}

void tst_SavedQueriesApi::perUser()
{
    ApiTestServer server;
    SessionClient alice(server);
    SessionClient bob(server);
    QVERIFY(alice.signUp("alice@example.com"));
    QVERIFY(bob.signUp("bob@example.com"));
    const auto mine
        = alice.send("POST", "/v1/usage/saved-queries", QJsonObject{{"name", "q"}, {"query", kTree}});
    QCOMPARE(mine.status, 201);
    // Bob may use the same name, sees none of alice's, and cannot touch them.
    QCOMPARE(bob.send("POST", "/v1/usage/saved-queries", QJsonObject{{"name", "q"}, {"query", kTree}}).status,
        201);
    QCOMPARE(items(bob.send("GET", "/v1/usage/saved-queries")).size(), 1);
    const QString path = "/v1/usage/saved-queries/" + mine.object().value("id").toString();
    QCOMPARE(bob.send("PUT", path, QJsonObject{{"name", "stolen"}, {"query", kTree}}).status, 404);
    QCOMPARE(bob.send("DELETE", path).status, 404);
    QCOMPARE(items(alice.send("GET", "/v1/usage/saved-queries"))[0].toObject().value("name").toString(),
        QStringLiteral("q"));
}

QTEST_GUILESS_MAIN(tst_SavedQueriesApi)
#include "tst_savedqueriesapi.moc"
