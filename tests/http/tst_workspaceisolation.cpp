// Contract §1.6 and §13.4 through a real server: two users on one instance each create meter
// `api_requests`, post the same idempotency key and the same bulk batch key, and neither sees the
// other's meters, events, subjects, buckets, exports, runs or keys — another workspace's resource
// "looks like it does not exist" (empty lists, 404 by id).

#include "ApiTestServer.h"
#include "SessionClient.h"

#include <QJsonArray>
#include <QtTest>

using namespace osc::test;

namespace {

const QString kDay = QStringLiteral("from=2026-06-08T00:00:00Z&to=2026-06-09T00:00:00Z&bucket_size=day");

QJsonObject usage(const QString &subject, double quantity, const QString &key)
{
    return {{"meter", "api_requests"}, {"subject", subject}, {"quantity", quantity},
        {"timestamp", "2026-06-08T10:00:00Z"}, {"idempotency_key", key}};
}

QByteArray compact(const QJsonValue &value)
{
    return value.isArray() ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)
                           : QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
}

QJsonArray items(const HttpResult &r)
{
    return r.object().value("items").toArray();
}

// One tenant: a dashboard user with a session and an all-scopes key made over it.
struct Tenant
{
    explicit Tenant(ApiTestServer &server)
        : server(server)
        , session(server)
    { }

    HttpResult call(const QByteArray &method, const QString &path, const QByteArray &body = {})
    {
        return server.call(method, path, body, key);
    }
    HttpResult call(const QByteArray &method, const QString &path, const QJsonObject &body)
    {
        return server.call(method, path, body, key);
    }

    ApiTestServer &server;
    SessionClient session;
    QString key;
    QString keyId;
    QString meterId;
    QString eventId;
    QString subject;
};

} // namespace

class tst_WorkspaceIsolation final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void sameMeterNameAndKeysInBothWorkspaces();
    void metersAreInvisibleAcross();
    void eventsSubjectsAndBucketsAreInvisibleAcross();
    void exportJobsAreInvisibleAcross();
    void runsAndStatsArePerWorkspace();
    void apiKeysArePerUser();
    void defaultWorkspaceSeesNoneOfIt();

private:
    std::unique_ptr<ApiTestServer> m_server;
    std::unique_ptr<Tenant> m_a;
    std::unique_ptr<Tenant> m_b;
};

void tst_WorkspaceIsolation::init()
{
    m_server = std::make_unique<ApiTestServer>();
    QVERIFY(m_server->ok());
    m_a = std::make_unique<Tenant>(*m_server);
    m_b = std::make_unique<Tenant>(*m_server);
    const QList<std::tuple<Tenant *, QString, QString>> tenants{
        {m_a.get(), "alice@example.com", "acme_corp"}, {m_b.get(), "bob@example.com", "globex_inc"}};
    for (const auto &[tenant, email, subject] : tenants) {
        QVERIFY(tenant->session.signUp(email));
        tenant->subject = subject;
        // The same meter name in both workspaces: 201 both times.
        const auto meter = tenant->session.send(
            "POST", "/v1/meters", QJsonObject{{"name", "api_requests"}, {"unit", "request"}});
        QCOMPARE(meter.status, 201);
        tenant->meterId = meter.object().value("id").toString();
        const auto key = tenant->session.send(
            "POST", "/v1/auth/api-keys", QJsonObject{{"name", "ci"}, {"scopes", QJsonArray{"*"}}});
        QCOMPARE(key.status, 201);
        tenant->key = key.object().value("key").toString();
        tenant->keyId = key.object().value("id").toString();
        // The same idempotency key in both workspaces: both stored.
        const auto event = tenant->call("POST", "/v1/usages", usage(subject, 2, "usage_001"));
        QCOMPARE(event.status, 201);
        tenant->eventId = event.object().value("id").toString();
    }
    QVERIFY(m_a->meterId != m_b->meterId);
    QVERIFY(m_a->eventId != m_b->eventId);
}

void tst_WorkspaceIsolation::cleanup()
{
    m_a.reset();
    m_b.reset();
    m_server.reset();
}

void tst_WorkspaceIsolation::sameMeterNameAndKeysInBothWorkspaces()
{
    for (Tenant *tenant : {m_a.get(), m_b.get()}) {
        // A replay in each workspace returns that workspace's own event.
        const auto replay = tenant->call("POST", "/v1/usages", usage(tenant->subject, 9, "usage_001"));
        QCOMPARE(replay.status, 201);
        QCOMPARE(replay.object().value("id").toString(), tenant->eventId);
        QCOMPARE(replay.object().value("subject").toString(), tenant->subject);
        // The same bulk batch key in both workspaces: each accepts its own batch.
        const auto bulk = m_server->send("POST", "/v1/usages/bulk",
            compact(QJsonArray{usage(tenant->subject, 3, "bulk_001")}),
            {{"Authorization", "Bearer " + tenant->key.toUtf8()}, {"Idempotency-Key", "batch-1"}});
        QCOMPARE(bulk.status, 201);
        QCOMPARE(bulk.object().value("accepted").toInt(), 1);
        QCOMPARE(
            tenant->call("POST", "/v1/meters", QJsonObject{{"name", "api_requests"}, {"unit", "request"}})
                .status,
            409);
    }
}

void tst_WorkspaceIsolation::metersAreInvisibleAcross()
{
    for (auto [self, other] : {std::pair{m_a.get(), m_b.get()}, std::pair{m_b.get(), m_a.get()}}) {
        const QJsonArray meters = items(self->session.send("GET", "/v1/meters"));
        QCOMPARE(meters.size(), 1);
        QCOMPARE(meters[0].toObject().value("id").toString(), self->meterId);
        QCOMPARE(items(self->call("GET", "/v1/meters/stats")).size(), 1);
        const QString foreign = "/v1/meters/" + other->meterId;
        for (const char *method : {"GET", "DELETE"}) {
            QCOMPARE(self->call(method, foreign).status, 404);
            QCOMPARE(self->session.send(method, foreign).status, 404);
        }
        QCOMPARE(self->call("PUT", foreign, QJsonObject{{"description", "mine now"}}).status, 404);
    }
    // Nothing of the other workspace changed.
    QCOMPARE(
        m_b->call("GET", "/v1/meters/" + m_b->meterId).object().value("description").toString(), QString());
}

void tst_WorkspaceIsolation::eventsSubjectsAndBucketsAreInvisibleAcross()
{
    for (auto [self, other] : {std::pair{m_a.get(), m_b.get()}, std::pair{m_b.get(), m_a.get()}}) {
        const QJsonArray events = items(self->call("GET", "/v1/usageevents?meter=api_requests"));
        QCOMPARE(events.size(), 1);
        QCOMPARE(events[0].toObject().value("id").toString(), self->eventId);
        QCOMPARE(items(self->session.send("POST", "/v1/usageevents/search", QJsonObject{})).size(), 1);

        const QJsonArray subjects = items(self->call("GET", "/v1/subjects"));
        QCOMPARE(subjects.size(), 1);
        QCOMPARE(subjects[0].toObject().value("subject").toString(), self->subject);
        const auto foreignEvents = self->call("GET", "/v1/subjects/" + other->subject + "/usageevents");
        QCOMPARE(foreignEvents.status, 200);
        QCOMPARE(items(foreignEvents).size(), 0);

        // The other's subject on the same meter name: 200 and no buckets.
        const auto foreignBuckets
            = self->call("GET", "/v1/usages?meter=api_requests&subject=" + other->subject + "&" + kDay);
        QCOMPARE(foreignBuckets.status, 200);
        QCOMPARE(foreignBuckets.array().size(), 0);
        const auto own = self->call("GET", "/v1/usages?meter=api_requests&" + kDay);
        QCOMPARE(own.array().size(), 1);
        QCOMPARE(own.array()[0].toObject().value("quantity").toDouble(), 2.0);
    }
}

void tst_WorkspaceIsolation::exportJobsAreInvisibleAcross()
{
    const QJsonObject query{{"meter", "api_requests"}, {"from", "2026-06-08T00:00:00Z"},
        {"to", "2026-06-09T00:00:00Z"}, {"bucket_size", "day"}};
    const auto job = m_a->call("POST", "/v1/exports", QJsonObject{{"query", query}});
    QCOMPARE(job.status, 202);
    const QString path = "/v1/exports/" + job.object().value("id").toString();
    QCOMPARE(m_a->call("GET", path).status, 200);
    QCOMPARE(items(m_a->call("GET", "/v1/exports")).size(), 1);
    QCOMPARE(items(m_b->call("GET", "/v1/exports")).size(), 0);
    QCOMPARE(items(m_b->session.send("GET", "/v1/exports")).size(), 0);
    for (const QString &suffix : {QString(), QStringLiteral("/download")})
        QCOMPARE(m_b->call("GET", path + suffix).status, 404);
    for (const char *action : {"/cancel", "/retry"})
        QCOMPARE(m_b->call("POST", path + action).status, 404);
    QVERIFY(m_a->call("GET", path).object().value("status").toString() != QStringLiteral("cancelled"));
}

void tst_WorkspaceIsolation::runsAndStatsArePerWorkspace()
{
    QCOMPARE(m_a->call("POST", "/v1/usageevents/prune?dry_run=true").status, 200);
    QCOMPARE(items(m_a->call("GET", "/v1/usageevents/prunes")).size(), 1);
    QCOMPARE(items(m_b->call("GET", "/v1/usageevents/prunes")).size(), 0);
    QCOMPARE(items(m_a->call("GET", "/v1/usageingestions")).size(), 1);
    QCOMPARE(items(m_b->call("GET", "/v1/usageingestions")).size(), 1);
    const QJsonObject a = m_a->call("GET", "/v1/system/stats").object();
    const QJsonObject b = m_b->call("GET", "/v1/system/stats").object();
    QCOMPARE(a.value("meters").toInt(), 1);
    QCOMPARE(a.value("usage_events").toInt(), 1);
    QCOMPARE(a.value("prune_runs").toInt(), 1);
    QCOMPARE(b.value("meters").toInt(), 1);
    QCOMPARE(b.value("usage_events").toInt(), 1);
    QCOMPARE(b.value("prune_runs").toInt(), 0);
    QVERIFY(b.value("last_prune_run").isNull());
}

void tst_WorkspaceIsolation::apiKeysArePerUser()
{
    const QJsonArray aKeys = items(m_a->session.send("GET", "/v1/auth/api-keys"));
    QCOMPARE(aKeys.size(), 1);
    QCOMPARE(aKeys[0].toObject().value("id").toString(), m_a->keyId);
    const auto foreign = m_b->session.send("DELETE", "/v1/auth/api-keys/" + m_a->keyId);
    QCOMPARE(foreign.status, 404);
    QCOMPARE(foreign.errorCode(), QStringLiteral("not_found"));
    QCOMPARE(m_a->call("GET", "/v1/meters").status, 200); // A's key still works
    QCOMPARE(items(m_b->session.send("GET", "/v1/auth/api-keys")).size(), 1);
    // A key from another workspace cannot reach this one's resources either.
    QCOMPARE(m_b->call("GET", "/v1/meters/" + m_a->meterId).status, 404);
}

void tst_WorkspaceIsolation::defaultWorkspaceSeesNoneOfIt()
{
    // The console's own workspace (the admin key of the test server) is a third, empty tenant.
    QCOMPARE(items(m_server->call("GET", "/v1/meters")).size(), 0);
    QCOMPARE(items(m_server->call("GET", "/v1/usageevents")).size(), 0);
    QCOMPARE(items(m_server->call("GET", "/v1/subjects")).size(), 0);
    QCOMPARE(m_server->call("GET", "/v1/meters/" + m_a->meterId).status, 404);
    QCOMPARE(m_server->call("GET", "/v1/system/stats").object().value("usage_events").toInt(), 0);
    // And the users see nothing of it: a meter the console makes stays in the default workspace.
    QCOMPARE(m_server->call("POST", "/v1/meters", QJsonObject{{"name", "console_only"}, {"unit", "request"}})
                 .status,
        201);
    QCOMPARE(items(m_a->call("GET", "/v1/meters")).size(), 1);
}

QTEST_GUILESS_MAIN(tst_WorkspaceIsolation)
#include "tst_workspaceisolation.moc"
