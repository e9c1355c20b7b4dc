// Contract §2.1–§2.3 walked route by route: every protected REST route with no credentials (401),
// keys lacking each required scope (403 with the §2.2 message; a stored resource is looked up first,
// so an unknown id is 404 before 403), a key with exactly the required scopes, allow-listed keys (the
// resource meter, or "" for routes that name none; system stats ignore the list), and a dashboard
// session (allowed everything in its workspace).

#include "ApiTestServer.h"
#include "SessionClient.h"

#include <QJsonArray>
#include <QtTest>

using namespace osc::test;

namespace {

const QString kRange = QStringLiteral("from=2026-06-08T00:00:00Z&to=2026-06-09T00:00:00Z");
const QByteArray kQueryBody
    = R"({"meter":"m","from":"2026-06-08T00:00:00Z","to":"2026-06-09T00:00:00Z","bucket_size":"day"})";

// The singular resource word of §2.2 for a scope's area.
QString resourceWord(const QString &scope)
{
    QString area = scope.section(QLatin1Char(':'), 0, 0);
    if (area != QLatin1StringView("usage") && area != QLatin1StringView("system"))
        area.chop(1);
    return area;
}

bool allowed(int status)
{
    return status != 401 && status != 403;
}

} // namespace

class tst_PermissionWalk final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void walk_data();
    void walk();
    void bodyErrorsComeBefore403();
    void deleteAlertRule();

private:
    QString key(const QStringList &scopes, const QStringList &allowedMeters = {});
    QString expand(QString path) const;

    std::unique_ptr<ApiTestServer> m_server;
    std::unique_ptr<SessionClient> m_session;
    QString m_meterId;
    QString m_exportId;
    QString m_planId;
    QString m_destinationId;
    QString m_ruleId;
};

void tst_PermissionWalk::initTestCase()
{
    m_server = std::make_unique<ApiTestServer>();
    QVERIFY(m_server->ok());
    for (const char *name : {"m", "other"})
        QCOMPARE(
            m_server->call("POST", "/v1/meters", QJsonObject{{"name", name}, {"unit", "u"}}).status, 201);
    m_meterId = m_server->call("GET", "/v1/meters?name=m")
                    .object()
                    .value("items")
                    .toArray()[0]
                    .toObject()
                    .value("id")
                    .toString();
    QCOMPARE(m_server
                 ->call("POST", "/v1/usages",
                     QJsonObject{{"meter", "m"}, {"subject", "s"}, {"quantity", 1},
                         {"timestamp", "2026-06-08T10:00:00Z"}})
                 .status,
        201);
    const auto job = m_server->call("POST", "/v1/exports", QByteArray(R"({"query":)" + kQueryBody + "}"));
    QCOMPARE(job.status, 202);
    m_exportId = job.object().value("id").toString();
    // A plan on meter `m` with an assignment, so its delete is always 409 and it stays in place.
    const auto plan = m_server->call(
        "POST", "/v1/plans", QByteArray(R"({"name":"walk","limits":[{"meter":"m","limit":10}]})"));
    QCOMPARE(plan.status, 201);
    m_planId = plan.object().value("id").toString();
    QCOMPARE(
        m_server->call("PUT", "/v1/plans/subjects/walker", QJsonObject{{"plan_id", m_planId}}).status, 200);
    const auto destination = m_server->call("POST", "/v1/alerts/destinations",
        QJsonObject{{"name", "d"}, {"webhook_url", "https://example.com/hook"}});
    QCOMPARE(destination.status, 201);
    m_destinationId = destination.object().value("id").toString();
    const auto rule = m_server->call("POST", "/v1/alerts",
        QJsonObject{{"name", "r"}, {"meter", "m"}, {"destination_id", m_destinationId}});
    QCOMPARE(rule.status, 201);
    m_ruleId = rule.object().value("id").toString();
    m_session = std::make_unique<SessionClient>(*m_server);
    QVERIFY(m_session->signUp("walker@example.com"));
}

void tst_PermissionWalk::cleanupTestCase()
{
    m_session.reset();
    m_server.reset();
}

QString tst_PermissionWalk::key(const QStringList &scopes, const QStringList &allowedMeters)
{
    return m_server->createKey(scopes, allowedMeters);
}

QString tst_PermissionWalk::expand(QString path) const
{
    return path.replace(QStringLiteral("{meter}"), m_meterId)
        .replace(QStringLiteral("{export}"), m_exportId)
        .replace(QStringLiteral("{plan}"), m_planId)
        .replace(QStringLiteral("{range}"), kRange)
        .replace(QStringLiteral("{destination}"), m_destinationId)
        .replace(QStringLiteral("{rule}"), m_ruleId);
}

void tst_PermissionWalk::walk_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path"); // {meter}, {export}: ids of stored resources; {range}: from/to
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QStringList>("scopes"); // all required (§2.3)
    QTest::addColumn<QString>("meter"); // the resource meter; "" = none; "-" = system resource
    QTest::addColumn<QString>("unknownPath"); // same route with an unknown stored id (404 before 403)

    const QString none;
    const auto row = [](const char *name, const char *method, const QString &path, const QByteArray &body,
                         const QStringList &scopes, const QString &meter, const QString &unknown = {}) {
        QTest::newRow(name) << QByteArray(method) << path << body << scopes << meter << unknown;
    };
    const QStringList usageRead{"usage:read"};
    const QStringList usageWrite{"usage:write"};
    const QStringList directExport{"usage:read", "exports:read"};
    row("create meter", "POST", "/v1/meters", R"({"name":"m","unit":"u"})", {"meters:write"}, "m");
    row("list meters by name", "GET", "/v1/meters?name=m", {}, {"meters:read"}, "m");
    row("list meters", "GET", "/v1/meters", {}, {"meters:read"}, none);
    row("meter stats", "GET", "/v1/meters/stats", {}, {"meters:read"}, none);
    row("get meter", "GET", "/v1/meters/{meter}", {}, {"meters:read"}, "m", "/v1/meters/unknown");
    row("update meter", "PUT", "/v1/meters/{meter}", R"({"description":"d"})", {"meters:write"}, "m",
        "/v1/meters/unknown");
    row("delete meter", "DELETE", "/v1/meters/{meter}", {}, {"meters:write"}, "m", "/v1/meters/unknown");
    row("create usage", "POST", "/v1/usages", R"({"meter":"m","subject":"s","quantity":1})", usageWrite, "m");
    row("bulk usage", "POST", "/v1/usages/bulk", R"([{"meter":"m","subject":"s","quantity":1}])", usageWrite,
        "m");
    row("list buckets", "GET", "/v1/usages?meter=m&{range}", {}, usageRead, "m");
    row("search buckets", "POST", "/v1/usages/search", kQueryBody, usageRead, "m");
    row("breakdowns", "POST", "/v1/usages/breakdowns/search", kQueryBody, usageRead, "m");
    row("dimension values", "GET", "/v1/usages/dimensions?meter=m&{range}", {}, usageRead, "m");
    row("bucket export GET", "GET", "/v1/usages/export?meter=m&{range}", {}, directExport, "m");
    row("bucket export POST", "POST", "/v1/usages/export", kQueryBody, directExport, "m");
    row("list events", "GET", "/v1/usageevents?meter=m", {}, usageRead, "m");
    row("search events", "POST", "/v1/usageevents/search", R"({"meter":"m"})", usageRead, "m");
    row("event export GET", "GET", "/v1/usageevents/export?meter=m", {}, directExport, "m");
    row("event export POST", "POST", "/v1/usageevents/export", R"({"meter":"m"})", directExport, "m");
    row("prune", "POST", "/v1/usageevents/prune?dry_run=true", {}, usageWrite, none);
    row("prune runs", "GET", "/v1/usageevents/prunes", {}, usageRead, none);
    row("ingestion runs", "GET", "/v1/usageingestions", {}, usageRead, none);
    row("subjects", "GET", "/v1/subjects", {}, usageRead, none);
    row("subject events", "GET", "/v1/subjects/s/usageevents", {}, usageRead, none);
    row("create export", "POST", "/v1/exports", R"({"query":)" + kQueryBody + "}",
        {"usage:read", "exports:write"}, "m");
    row("list exports", "GET", "/v1/exports", {}, {"exports:read"}, none);
    row("get export", "GET", "/v1/exports/{export}", {}, {"exports:read"}, "m", "/v1/exports/unknown");
    row("download export", "GET", "/v1/exports/{export}/download", {}, {"exports:read"}, "m",
        "/v1/exports/unknown/download");
    row("cancel export", "POST", "/v1/exports/{export}/cancel", {}, {"exports:write"}, "m",
        "/v1/exports/unknown/cancel");
    row("retry export", "POST", "/v1/exports/{export}/retry", {}, {"exports:write"}, "m",
        "/v1/exports/unknown/retry");
    row("system stats", "GET", "/v1/system/stats", {}, {"system:read"}, "-");
    // Plans and entitlements (§2.3, §10); {plan} has a limit on `m` and an assignment.
    const QStringList plansRead{"plans:read"};
    const QStringList plansWrite{"plans:write"};
    const QByteArray planBody = R"({"name":"walk","limits":[{"meter":"m","limit":5}]})";
    row("list plans", "GET", "/v1/plans", {}, plansRead, none);
    row("create plan", "POST", "/v1/plans", R"({"name":"walk2","limits":[{"meter":"m","limit":1}]})",
        plansWrite, "m");
    row("list assignments", "GET", "/v1/plans/assignments?include_history=true", {}, plansRead, none);
    row("progress", "GET", "/v1/plans/subjects/walker/progress", {}, plansRead, none);
    row("get plan", "GET", "/v1/plans/{plan}", {}, plansRead, "m", "/v1/plans/unknown");
    row("preview plan", "POST", "/v1/plans/{plan}/preview", planBody, plansRead, "m",
        "/v1/plans/unknown/preview");
    row("delete plan", "DELETE", "/v1/plans/{plan}", {}, plansWrite, "m", "/v1/plans/unknown");
    row("update plan", "PUT", "/v1/plans/{plan}", planBody, plansWrite, "m", "/v1/plans/unknown");
    row("assign subject", "PUT", "/v1/plans/subjects/other", R"({"plan_id":"unknown"})", plansWrite, none);
    row("unassign subject", "DELETE", "/v1/plans/subjects/other", {}, plansWrite, none);
    row("check", "POST", "/v1/entitlements/check", R"({"subject":"walker","meter":"m"})", plansRead, "m");
    row("entitlement states", "GET", "/v1/entitlements/states?meter=m", {}, plansRead, "m");
    row("entitlement states, no meter", "GET", "/v1/entitlements/states", {}, plansRead, none);
    row("entitlement events", "GET", "/v1/entitlements/events?meter=m", {}, plansRead, "m");
    row("entitlement periods", "GET", "/v1/entitlements/periods?meter=m", {}, plansRead, "m");
    // Alerts (§2.3). Destination routes name no meter, so authorization comes before the lookup.
    const QStringList alertsRead{"alerts:read"};
    const QStringList alertsWrite{"alerts:write"};
    row("list alert rules by meter", "GET", "/v1/alerts?meter=m", {}, alertsRead, "m");
    row("list alert rules", "GET", "/v1/alerts", {}, alertsRead, none);
    row("create alert rule", "POST", "/v1/alerts",
        R"({"name":"w","meter":"m","destination_id":"{destination}"})", alertsWrite, "m");
    row("list alert events", "GET", "/v1/alerts/events", {}, alertsRead, none);
    row("list rule events", "GET", "/v1/alerts/events?rule_id={rule}", {}, alertsRead, "m",
        "/v1/alerts/events?rule_id=unknown");
    row("list destinations", "GET", "/v1/alerts/destinations", {}, alertsRead, none);
    row("create destination", "POST", "/v1/alerts/destinations",
        R"({"name":"x","webhook_url":"https://e.com"})", alertsWrite, none);
    row("update destination", "PUT", "/v1/alerts/destinations/{destination}", R"({"name":"d2"})", alertsWrite,
        none);
    row("rotate secret", "POST", "/v1/alerts/destinations/{destination}/webhook-secret/rotate", {},
        alertsWrite, none);
    row("delete destination in use", "DELETE", "/v1/alerts/destinations/{destination}", {}, alertsWrite,
        none);
    row("get alert rule", "GET", "/v1/alerts/{rule}", {}, alertsRead, "m", "/v1/alerts/unknown");
    row("update alert rule", "PUT", "/v1/alerts/{rule}", R"({"threshold":2})", alertsWrite, "m",
        "/v1/alerts/unknown");
    row("evaluate alert rule", "POST", "/v1/alerts/{rule}/evaluate", {}, alertsWrite, "m",
        "/v1/alerts/unknown/evaluate");
}

void tst_PermissionWalk::walk()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(QStringList, scopes);
    QFETCH(QString, meter);
    QFETCH(QString, unknownPath);
    path = expand(path);
    body = expand(QString::fromUtf8(body)).toUtf8();

    // No credentials: 401 before anything else, even before the body is read.
    const auto anonymous = m_server->send(method, path, "{");
    QCOMPARE(anonymous.status, 401);
    QCOMPARE(anonymous.errorMessage(), QStringLiteral("unauthorized"));

    // Lacking each required scope in turn (holding the others): 403 naming the first one missing.
    for (qsizetype missing = 0; missing < scopes.size(); ++missing) {
        QStringList held = scopes;
        held.removeAt(missing);
        if (held.isEmpty())
            // A valid key granting nothing here.
            held = {scopes.contains(QStringLiteral("plans:read")) ? QStringLiteral("system:read")
                                                                  : QStringLiteral("plans:read")};
        const QString lacking = key(held);
        if (!unknownPath.isEmpty()) {
            const auto unknown = m_server->call(method, unknownPath, body, lacking);
            QCOMPARE(unknown.status, 404);
        }
        const auto r = m_server->call(method, path, body, lacking);
        QCOMPARE(r.status, 403);
        QCOMPARE(r.errorCode(), QStringLiteral("forbidden"));
        QCOMPARE(r.errorMessage(),
            QStringLiteral("forbidden\nnot allowed to %1 %2")
                .arg(scopes[missing], resourceWord(scopes[missing])));
    }

    // Exactly the required scopes, through each way of presenting a key.
    const QString exact = key(scopes);
    const auto granted = m_server->call(method, path, body, exact);
    QVERIFY2(allowed(granted.status), granted.body.constData());
    QVERIFY(allowed(m_server->send(method, path, body, {{"X-API-Key", exact.toUtf8()}}).status));

    // Allow-listed to another meter: the resource meter (or "" when the route names none) is refused;
    // the system resource is no meter at all.
    const auto listed = m_server->call(method, path, body, key(scopes, {QStringLiteral("zzz")}));
    if (meter == QLatin1StringView("-")) {
        QVERIFY2(allowed(listed.status), listed.body.constData());
    } else {
        QCOMPARE(listed.status, 403);
        QCOMPARE(listed.errorMessage(),
            QStringLiteral("forbidden\napi key cannot access meter \"%1\"").arg(meter));
        if (!meter.isEmpty()) {
            const auto own = m_server->call(method, path, body, key(scopes, {meter}));
            QVERIFY2(allowed(own.status), own.body.constData());
        }
    }

    // A dashboard session is allowed everything (in its own workspace, where these ids do not exist).
    const auto session = m_session->send(method, path, body);
    QVERIFY2(allowed(session.status), session.body.constData());
}

void tst_PermissionWalk::bodyErrorsComeBefore403()
{
    // §2.3: the body is parsed during authorization, so a malformed body is 400 before a missing scope.
    const QString lacking = key({QStringLiteral("plans:read")});
    QCOMPARE(m_server->call("POST", "/v1/usages", QByteArray("{"), lacking).status, 400);
    QCOMPARE(m_server->call("POST", "/v1/meters", QByteArray("{} {}"), lacking).status, 400);
}

void tst_PermissionWalk::deleteAlertRule()
{
    // Deleting succeeds once, so this route is walked on its own rule: 404 before 403, then the scope,
    // then the meter allow-list, then allowed.
    const auto rule = m_server->call("POST", "/v1/alerts",
        QJsonObject{{"name", "gone"}, {"meter", "m"}, {"destination_id", m_destinationId}});
    QCOMPARE(rule.status, 201);
    const QString path = "/v1/alerts/" + rule.object().value("id").toString();
    QCOMPARE(m_server->send("DELETE", path).status, 401);
    QCOMPARE(m_server->call("DELETE", "/v1/alerts/unknown", QByteArray(), key({"alerts:read"})).status, 404);
    const auto lacking = m_server->call("DELETE", path, QByteArray(), key({"alerts:read"}));
    QCOMPARE(lacking.status, 403);
    QCOMPARE(lacking.errorMessage(), QStringLiteral("forbidden\nnot allowed to alerts:write alert"));
    const auto listed = m_server->call("DELETE", path, QByteArray(), key({"alerts:write"}, {"zzz"}));
    QCOMPARE(listed.status, 403);
    QCOMPARE(listed.errorMessage(), QStringLiteral("forbidden\napi key cannot access meter \"m\""));
    QCOMPARE(m_server->call("DELETE", path, QByteArray(), key({"alerts:write"}, {"m"})).status, 204);
}

QTEST_GUILESS_MAIN(tst_PermissionWalk)
#include "tst_permissionwalk.moc"
