// Contract §10.2–§10.3 through real HTTP: plan validation, versions and assignment migration,
// preview, deletes, assignments and scheduling, anchor inheritance, workspace isolation and the §13.10
// plan vectors. The clock is a ManualClock so scheduling is exact.

#include "ApiTestServer.h"
#include "PlansFixture.h"
#include "SessionClient.h"

#include "core/Rfc3339.h"

#include <QJsonArray>
#include <QtTest>

using namespace osc;
using namespace osc::test;

namespace {

qint64 at(const char *rfc3339)
{
    return planTime(rfc3339);
}

} // namespace

class tst_PlansApi final : public QObject, private PlansFixture
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void createValidation_data();
    void createValidation();
    void createGetListAndNameConflict();
    void updateCreatesVersionTwoAndMovesAssignments();
    void previewVector();
    void deleteRules();
    void scheduledAssignmentIgnoredUntilEffective();
    void anchorInheritedAcrossPlanChanges();
    void unassign();
    void assignmentValidation_data();
    void assignmentValidation();
    void workspaceIsolation();
};

void tst_PlansApi::init()
{
    startServer();
}

void tst_PlansApi::cleanup()
{
    stopServer();
}

void tst_PlansApi::createValidation_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");
    const auto row
        = [](const char *name, const QByteArray &body, int status, const char *code, const QString &message) {
              QTest::newRow(name) << body << status << QString::fromLatin1(code) << message;
          };
    const QByteArray limit = R"([{"meter":"api_calls","limit":10}])";
    row("no name", R"({"limits":)" + limit + "}", 400, "invalid_input",
        "invalid input: plan name is required");
    row("blank name", R"({"name":"  ","limits":)" + limit + "}", 400, "invalid_input",
        "invalid input: plan name is required");
    row("long name", R"({"name":")" + QByteArray(121, 'n') + R"(","limits":)" + limit + "}", 400,
        "invalid_input", "invalid input: plan name cannot exceed 120 characters");
    row("no limits", R"({"name":"p"})", 400, "invalid_input",
        "invalid input: at least one plan limit is required");
    row("empty limits", R"({"name":"p","limits":[]})", 400, "invalid_input",
        "invalid input: at least one plan limit is required");
    row("no meter", R"({"name":"p","limits":[{"limit":10}]})", 400, "invalid_input",
        "invalid input: meter is required");
    row("unknown meter", R"({"name":"p","limits":[{"meter":"nope","limit":10}]})", 404, "not_found",
        "not found: meter \"nope\" was not found");
    row("bad period", R"({"name":"p","limits":[{"meter":"api_calls","period":"hour","limit":10}]})", 400,
        "invalid_input", "invalid input: unsupported plan period \"hour\"");
    row("zero limit", R"({"name":"p","limits":[{"meter":"api_calls","limit":0}]})", 400, "invalid_input",
        "invalid input: limit must be greater than zero");
    row("negative limit", R"({"name":"p","limits":[{"meter":"api_calls","limit":-1}]})", 400, "invalid_input",
        "invalid input: limit must be greater than zero");
    row("missing limit", R"({"name":"p","limits":[{"meter":"api_calls"}]})", 400, "invalid_input",
        "invalid input: limit must be greater than zero");
    row("warning over 100",
        R"({"name":"p","limits":[{"meter":"api_calls","limit":1,"warning_percent":101}]})", 400,
        "invalid_input", "invalid input: warning percent must be greater than zero and at most 100");
    row("negative warning", R"({"name":"p","limits":[{"meter":"api_calls","limit":1,"warning_percent":-5}]})",
        400, "invalid_input", "invalid input: warning percent must be greater than zero and at most 100");
    row("duplicate",
        R"({"name":"p","limits":[{"meter":"api_calls","limit":1},{"meter":"api_calls","period":"MONTH","limit":2}]})",
        400, "invalid_input", "invalid input: duplicate limit for meter \"api_calls\" and period \"month\"");
    row("limit as string", R"({"name":"p","limits":[{"meter":"api_calls","limit":"10"}]})", 400,
        "invalid_json", "invalid JSON body");
    row("limits as object", R"({"name":"p","limits":{}})", 400, "invalid_json", "invalid JSON body");
    row("trailing data", R"({"name":"p"} {})", 400, "invalid_json", "invalid JSON body");
}

void tst_PlansApi::createValidation()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, code);
    QFETCH(QString, message);
    const auto r = m_server->call("POST", "/v1/plans", body);
    QCOMPARE(r.status, status);
    QCOMPARE(r.errorCode(), code);
    QCOMPARE(r.errorMessage(), message);
    // Nothing changed.
    QCOMPARE(m_server->call("GET", "/v1/plans").object().value("items").toArray().size(), 0);
}

void tst_PlansApi::createGetListAndNameConflict()
{
    const auto created = m_server->call("POST", "/v1/plans",
        QJsonObject{{"name", " Pro "}, {"description", "d"},
            {"limits",
                QJsonArray{limitJson("storage", 5, "year"), limitJson("api_calls", 10, "Week", 50),
                    limitJson("api_calls", 100)}}});
    QCOMPARE(created.status, 201);
    const QJsonObject plan = created.object();
    QCOMPARE(plan.value("name").toString(), QStringLiteral("Pro"));
    QCOMPARE(plan.value("version").toInt(), 1);
    QCOMPARE(plan.value("is_current").toBool(), true);
    QVERIFY(!plan.contains("parent_plan_id"));
    QVERIFY(!plan.value("created_at").toString().isEmpty());
    // Request order on create.
    const QJsonArray limits = plan.value("limits").toArray();
    QCOMPARE(limits.size(), 3);
    QCOMPARE(limits[0].toObject().value("meter").toString(), QStringLiteral("storage"));
    QCOMPARE(limits[1].toObject().value("period").toString(), QStringLiteral("week"));
    QCOMPARE(limits[1].toObject().value("warning_percent").toDouble(), 50.0);
    QCOMPARE(limits[2].toObject().value("period").toString(), QStringLiteral("month"));
    QCOMPARE(limits[2].toObject().value("warning_percent").toDouble(), 80.0);

    // GET: meter then period, string order.
    const auto got = m_server->call("GET", "/v1/plans/" + plan.value("id").toString());
    QCOMPARE(got.status, 200);
    const QJsonArray ordered = got.object().value("limits").toArray();
    QCOMPARE(ordered[0].toObject().value("period").toString(), QStringLiteral("month"));
    QCOMPARE(ordered[1].toObject().value("period").toString(), QStringLiteral("week"));
    QCOMPARE(ordered[2].toObject().value("meter").toString(), QStringLiteral("storage"));
    QCOMPARE(m_server->call("GET", "/v1/plans/unknown").status, 404);

    const auto dup = m_server->call("POST", "/v1/plans", planBody("Pro", {limitJson("api_calls", 1)}));
    QCOMPARE(dup.status, 409);
    QCOMPARE(dup.errorMessage(), QStringLiteral("conflict\nplan name already exists"));
    QVERIFY(!createPlan("Basic", {limitJson("api_calls", 1)}).isEmpty());
    const QJsonArray items = m_server->call("GET", "/v1/plans").object().value("items").toArray();
    QCOMPARE(items.size(), 2);
    QCOMPARE(items[0].toObject().value("name").toString(), QStringLiteral("Basic")); // by name
    QCOMPARE(m_server->call("GET", "/v1/plans?limit=1").object().value("items").toArray().size(), 1);
    QCOMPARE(m_server->call("GET", "/v1/plans?limit=0").errorCode(), QStringLiteral("invalid_limit"));
}

void tst_PlansApi::updateCreatesVersionTwoAndMovesAssignments()
{
    const QString v1 = createPlan("Growth", {limitJson("api_calls", 10)});
    const QJsonObject first = assign("org_up", v1);
    const QString anchor = first.value("period_anchor_at").toString();
    postUsage("org_up", "api_calls", 12);
    m_clock->advance(kHourNs);

    const auto updated
        = m_server->call("PUT", "/v1/plans/" + v1, planBody("Growth", {limitJson("api_calls", 20)}));
    QCOMPARE(updated.status, 200);
    const QJsonObject v2 = updated.object();
    const QString v2id = v2.value("id").toString();
    QVERIFY(v2id != v1);
    QCOMPARE(v2.value("version").toInt(), 2);
    QCOMPARE(v2.value("parent_plan_id").toString(), v1);
    QCOMPARE(v2.value("is_current").toBool(), true);
    QCOMPARE(v2.value("limits").toArray()[0].toObject().value("limit").toDouble(), 20.0);
    QCOMPARE(m_server->call("GET", "/v1/plans/" + v1).object().value("is_current").toBool(), false);

    const QJsonArray plans = m_server->call("GET", "/v1/plans").object().value("items").toArray();
    QCOMPARE(plans.size(), 1);
    // The engine's version history (for the console): newest first.
    const auto versions = m_server->engine().plans().history(m_server->engine().owner(), v2id);
    QVERIFY(versions.ok());
    QCOMPARE(versions->size(), 2);
    QCOMPARE(versions->at(0).version, 2);
    QCOMPARE(versions->at(1).id, v1);
    QCOMPARE(plans[0].toObject().value("id").toString(), v2id);

    const QJsonArray history
        = m_server->call("GET", "/v1/plans/assignments?include_history=true&subject=org_up")
              .object()
              .value("items")
              .toArray();
    QCOMPARE(history.size(), 2);
    QJsonObject active, ended;
    for (const QJsonValue &v : history)
        (v.toObject().value("status").toString() == QLatin1StringView("active") ? active : ended)
            = v.toObject();
    QCOMPARE(active.value("plan_id").toString(), v2id);
    QCOMPARE(active.value("plan_version").toInt(), 2);
    QCOMPARE(active.value("active").toBool(), true);
    QCOMPARE(active.value("period_anchor_at").toString(), anchor);
    QCOMPARE(ended.value("status").toString(), QStringLiteral("ended"));
    QCOMPARE(ended.value("plan_id").toString(), v1);
    QCOMPARE(ended.value("unassigned_at").toString(), QStringLiteral("2026-06-08T11:00:00Z"));
    // Without history: only the open one.
    QCOMPARE(m_server->call("GET", "/v1/plans/assignments?subject=org_up")
                 .object()
                 .value("items")
                 .toArray()
                 .size(),
        1);
    QCOMPARE(m_server->call("GET", "/v1/plans/assignments?include_history=maybe").errorCode(),
        QStringLiteral("invalid_include_history"));

    // Progress uses the new limit over the same window (the counter survives the version change).
    const QJsonObject item = m_server->call("GET", "/v1/plans/subjects/org_up/progress")
                                 .object()
                                 .value("items")
                                 .toArray()[0]
                                 .toObject();
    QCOMPARE(item.value("limit").toDouble(), 20.0);
    QCOMPARE(item.value("current").toDouble(), 12.0);
    QCOMPARE(item.value("state").toString(), QStringLiteral("ok"));
    QCOMPARE(item.value("from").toString(), anchor);
    QVERIFY(item.value("to").toString() > anchor);

    // The retired version: update, preview and assign are 409.
    const auto stale
        = m_server->call("PUT", "/v1/plans/" + v1, planBody("Growth", {limitJson("api_calls", 30)}));
    QCOMPARE(stale.status, 409);
    QCOMPARE(stale.errorMessage(), QStringLiteral("conflict\nplan version is not current"));
    QCOMPARE(
        m_server
            ->call("POST", "/v1/plans/" + v1 + "/preview", planBody("Growth", {limitJson("api_calls", 30)}))
            .status,
        409);
    const auto retired = m_server->call("PUT", "/v1/plans/subjects/org_other", QJsonObject{{"plan_id", v1}});
    QCOMPARE(retired.status, 409);
    QCOMPARE(retired.errorMessage(), QStringLiteral("conflict\nplan version is not current"));
    QCOMPARE(
        m_server->call("PUT", "/v1/plans/unknown", planBody("Growth", {limitJson("api_calls", 30)})).status,
        404);
    // A bad body changes nothing.
    QCOMPARE(
        m_server->call("PUT", "/v1/plans/" + v2id, planBody("Growth", {limitJson("nope", 30)})).status, 404);
    QCOMPARE(m_server->call("GET", "/v1/plans/" + v2id).object().value("is_current").toBool(), true);
}

void tst_PlansApi::previewVector()
{
    const QString plan = createPlan("Preview", {limitJson("api_calls", 10), limitJson("storage", 3)});
    assign("org_pv", plan);
    postUsage("org_pv", "api_calls", 8);
    const auto r = m_server->call("POST", "/v1/plans/" + plan + "/preview",
        planBody("Preview", {limitJson("api_calls", 5), limitJson("seats", 2, "day")}));
    QCOMPARE(r.status, 200);
    const QJsonObject preview = r.object();
    QCOMPARE(preview.value("current").toObject().value("id").toString(), plan);
    QCOMPARE(preview.value("proposed").toObject().value("version").toInt(), 2);
    const QJsonObject summary = preview.value("summary").toObject();
    QCOMPARE(summary.value("subjects").toInt(), 1);
    QCOMPARE(summary.value("exceeded").toInt(), 1);
    QCOMPARE(summary.value("ok").toInt(), 0);
    QCOMPARE(summary.value("removed_limits").toInt(), 1);
    const QJsonObject subject = preview.value("subjects").toArray()[0].toObject();
    QCOMPARE(subject.value("subject").toString(), QStringLiteral("org_pv"));
    QCOMPARE(subject.value("assignment_status").toString(), QStringLiteral("active"));
    QCOMPARE(subject.value("current_plan_version").toInt(), 1);
    const QJsonArray items = subject.value("items").toArray();
    QCOMPARE(items.size(), 3);
    const QJsonObject calls = items[0].toObject();
    QCOMPARE(calls.value("meter").toString(), QStringLiteral("api_calls"));
    QCOMPARE(calls.value("current").toDouble(), 8.0);
    QCOMPARE(calls.value("current_limit").toDouble(), 10.0);
    QCOMPARE(calls.value("proposed_limit").toDouble(), 5.0);
    QCOMPARE(calls.value("current_state").toString(), QStringLiteral("warning"));
    QCOMPARE(calls.value("proposed_state").toString(), QStringLiteral("exceeded"));
    QCOMPARE(calls.value("overage").toDouble(), 3.0);
    QCOMPARE(calls.value("existing_limit_found").toBool(), true);
    QCOMPARE(calls.value("event_count").toInt(), 1);
    const QJsonObject seats = items[1].toObject();
    QCOMPARE(seats.value("current_state").toString(), QStringLiteral("not_in_plan"));
    QCOMPARE(seats.value("existing_limit_found").toBool(), false);
    const QJsonObject storage = items[2].toObject();
    QCOMPARE(storage.value("removed").toBool(), true);
    QCOMPARE(storage.value("proposed_state").toString(), QStringLiteral("not_in_plan"));
    // Nothing saved.
    const auto still = m_server->call("GET", "/v1/plans/" + plan).object();
    QCOMPARE(still.value("is_current").toBool(), true);
    QCOMPARE(still.value("limits").toArray()[0].toObject().value("limit").toDouble(), 10.0);
    QCOMPARE(m_server->call("GET", "/v1/plans").object().value("items").toArray().size(), 1);
    // Validation applies to the proposal too.
    QCOMPARE(m_server->call("POST", "/v1/plans/" + plan + "/preview", planBody("Preview", {})).status, 400);
}

void tst_PlansApi::deleteRules()
{
    const QString unused = createPlan("Unused", {limitJson("api_calls", 1)});
    QCOMPARE(m_server->call("DELETE", "/v1/plans/" + unused).status, 204);
    QCOMPARE(m_server->call("DELETE", "/v1/plans/" + unused).status, 404);
    const QString used = createPlan("Used", {limitJson("api_calls", 1)});
    assign("org_del", used);
    QCOMPARE(m_server->call("DELETE", "/v1/plans/subjects/org_del").status, 204);
    // Ended history still blocks the delete.
    const auto r = m_server->call("DELETE", "/v1/plans/" + used);
    QCOMPARE(r.status, 409);
    QCOMPARE(r.errorMessage(), QStringLiteral("conflict\nplan has assigned subjects"));
    // A meter named by a plan limit cannot be deleted (Q9).
    const QString meterId = m_server->call("GET", "/v1/meters?name=api_calls")
                                .object()
                                .value("items")
                                .toArray()[0]
                                .toObject()
                                .value("id")
                                .toString();
    const auto meterDelete = m_server->call("DELETE", "/v1/meters/" + meterId);
    QCOMPARE(meterDelete.status, 409);
    QCOMPARE(meterDelete.errorMessage(), QStringLiteral("conflict\nmeter is used by a plan"));
}

void tst_PlansApi::scheduledAssignmentIgnoredUntilEffective()
{
    const QString current = createPlan("Current", {limitJson("api_calls", 10)});
    const QString future = createPlan("Future", {limitJson("storage", 10)});
    assign("org_s", current);
    const QJsonObject scheduled = assign("org_s", future, "2026-06-09T10:00:00Z");
    QCOMPARE(scheduled.value("status").toString(), QStringLiteral("scheduled"));
    QCOMPARE(scheduled.value("active").toBool(), false);
    QCOMPARE(scheduled.value("assigned_at").toString(), QStringLiteral("2026-06-09T10:00:00Z"));

    const QJsonArray history
        = m_server->call("GET", "/v1/plans/assignments?include_history=true&subject=org_s")
              .object()
              .value("items")
              .toArray();
    QCOMPARE(history.size(), 2);
    QStringList statuses;
    for (const QJsonValue &v : history) {
        statuses.append(v.toObject().value("status").toString());
        if (v.toObject().value("status").toString() == QLatin1StringView("active"))
            QVERIFY(!v.toObject().contains("unassigned_at")
                || v.toObject().value("unassigned_at").toString() == "2026-06-09T10:00:00Z");
    }
    statuses.sort();
    QCOMPARE(statuses, (QStringList{"active", "scheduled"}));
    // Checks use the current plan only until the future one is effective.
    QCOMPARE(check("org_s", "storage", 1).value("state").toString(), QStringLiteral("not_in_plan"));
    QCOMPARE(check("org_s", "api_calls", 1).value("state").toString(), QStringLiteral("ok"));

    m_clock->set(at("2026-06-09T10:00:01Z"));
    QCOMPARE(check("org_s", "storage", 1).value("state").toString(), QStringLiteral("ok"));
    QCOMPARE(check("org_s", "api_calls", 1).value("state").toString(), QStringLiteral("not_in_plan"));
    const auto progress = m_server->call("GET", "/v1/plans/subjects/org_s/progress").object();
    QCOMPARE(progress.value("plan").toObject().value("id").toString(), future);
    // Anchor inherited from the assignment active when the change was scheduled.
    QCOMPARE(progress.value("items").toArray()[0].toObject().value("from").toString(),
        QStringLiteral("2026-06-08T10:00:00Z"));

    // Far-future and unparsable effective_at are bad input, and change nothing.
    for (const char *value : {"3000-01-01T00:00:00Z", "2250-01-01T00:00:00Z", "tomorrow", "2026-06-10"}) {
        const auto r = m_server->call(
            "PUT", "/v1/plans/subjects/org_s", QJsonObject{{"plan_id", current}, {"effective_at", value}});
        QCOMPARE(r.status, 400);
        QCOMPARE(r.errorCode(), QStringLiteral("invalid_effective_at"));
        QCOMPARE(r.errorMessage(), QStringLiteral("effective_at must be RFC3339"));
    }
    QCOMPARE(
        m_server->call("GET", "/v1/plans/assignments?subject=org_s").object().value("items").toArray().size(),
        1);
}

void tst_PlansApi::anchorInheritedAcrossPlanChanges()
{
    const QString a = createPlan("A", {limitJson("api_calls", 10)});
    const QString b = createPlan("B", {limitJson("api_calls", 20)});
    assign("org_a", a);
    m_clock->advance(5 * 24 * kHourNs);
    const QJsonObject moved = assign("org_a", b);
    QCOMPARE(moved.value("period_anchor_at").toString(), QStringLiteral("2026-06-08T10:00:00Z"));
    // After an unassign, a new assignment starts a new cycle.
    QCOMPARE(m_server->call("DELETE", "/v1/plans/subjects/org_a").status, 204);
    m_clock->advance(kHourNs);
    const QJsonObject fresh = assign("org_a", a);
    QCOMPARE(fresh.value("period_anchor_at").toString(), QStringLiteral("2026-06-13T11:00:00Z"));
}

void tst_PlansApi::unassign()
{
    const QString plan = createPlan("U", {limitJson("api_calls", 10)});
    QCOMPARE(m_server->call("DELETE", "/v1/plans/subjects/org_u").status, 404);
    assign("org_u", plan);
    assign("org_u", plan, "2026-07-01T00:00:00Z");
    QCOMPARE(m_server->call("DELETE", "/v1/plans/subjects/org_u").status, 204);
    QCOMPARE(m_server->call("DELETE", "/v1/plans/subjects/org_u").status, 404);
    QCOMPARE(
        m_server->call("GET", "/v1/plans/assignments?subject=org_u").object().value("items").toArray().size(),
        0);
    const QJsonArray history = m_server->call("GET", "/v1/plans/assignments?subject=org_u&include_history=1")
                                   .object()
                                   .value("items")
                                   .toArray();
    QCOMPARE(history.size(), 2);
    for (const QJsonValue &v : history) // the cancelled scheduled row reads as ended (Q20)
        QCOMPARE(v.toObject().value("status").toString(), QStringLiteral("ended"));
    QCOMPARE(check("org_u", "api_calls", 1).value("state").toString(), QStringLiteral("no_plan"));
    // Usage after the unassign is not counted, even once the subject is assigned again (no backfill).
    postUsage("org_u", "api_calls", 5);
    m_clock->advance(kHourNs);
    assign("org_u", plan);
    QCOMPARE(check("org_u", "api_calls", 1).value("current").toDouble(), 0.0);
    postUsage("org_u", "api_calls", 2);
    QCOMPARE(check("org_u", "api_calls", 1).value("current").toDouble(), 2.0);
    QCOMPARE(m_server->call("DELETE", "/v1/plans/subjects/bad%20subject").status, 400);
}

void tst_PlansApi::assignmentValidation_data()
{
    QTest::addColumn<QString>("subject");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");
    QTest::newRow("no plan id") << "org_v" << QByteArray("{}") << 400 << "invalid_input"
                                << "invalid input: plan id is required";
    QTest::newRow("unknown plan") << "org_v" << QByteArray(R"({"plan_id":"nope"})") << 404 << "not_found"
                                  << "not found";
    QTest::newRow("bad subject")
        << "bad%20subject" << QByteArray(R"({"plan_id":"nope"})") << 400 << "invalid_input"
        << "invalid input: subject \"bad subject\" must use letters, numbers, underscores, "
           "hyphens, dots, or colons";
    QTest::newRow("plan id type") << "org_v" << QByteArray(R"({"plan_id":1})") << 400 << "invalid_json"
                                  << "invalid JSON body";
    QTest::newRow("malformed") << "org_v" << QByteArray("{") << 400 << "invalid_json"
                               << "invalid JSON body";
}

void tst_PlansApi::assignmentValidation()
{
    QFETCH(QString, subject);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, code);
    QFETCH(QString, message);
    const auto r = m_server->call("PUT", "/v1/plans/subjects/" + subject, body);
    QCOMPARE(r.status, status);
    QCOMPARE(r.errorCode(), code);
    QCOMPARE(r.errorMessage(), message);
    QCOMPARE(m_server->call("GET", "/v1/plans/assignments?include_history=true")
                 .object()
                 .value("items")
                 .toArray()
                 .size(),
        0);
}

void tst_PlansApi::workspaceIsolation()
{
    const QString plan = createPlan("Mine", {limitJson("api_calls", 10)});
    assign("org_i", plan);
    SessionClient session(*m_server);
    QVERIFY(session.signUp("other@example.com"));
    QCOMPARE(session.send("GET", "/v1/plans").json().toObject().value("items").toArray().size(), 0);
    QCOMPARE(session.send("GET", "/v1/plans/" + plan).status, 404);
    QCOMPARE(
        session.send("PUT", "/v1/plans/" + plan, planBody("Mine", {limitJson("api_calls", 1)})).status, 404);
    QCOMPARE(session.send("DELETE", "/v1/plans/" + plan).status, 404);
    QCOMPARE(session.send("PUT", "/v1/plans/subjects/org_i", QJsonObject{{"plan_id", plan}}).status, 404);
    QCOMPARE(session.send("GET", "/v1/plans/subjects/org_i/progress").status, 404);
    QCOMPARE(session.send("GET", "/v1/plans/assignments?include_history=true")
                 .json()
                 .toObject()
                 .value("items")
                 .toArray()
                 .size(),
        0);
    // The same plan name is free in another workspace (a plan there needs its own meter).
    QCOMPARE(
        session.send("POST", "/v1/meters", QJsonObject{{"name", "api_calls"}, {"unit", "u"}}).status, 201);
    QCOMPARE(session.send("POST", "/v1/plans", planBody("Mine", {limitJson("api_calls", 1)})).status, 201);
    QCOMPARE(
        session
            .send("POST", "/v1/entitlements/check", QJsonObject{{"subject", "org_i"}, {"meter", "api_calls"}})
            .json()
            .toObject()
            .value("state")
            .toString(),
        QStringLiteral("no_plan"));
}

QTEST_GUILESS_MAIN(tst_PlansApi)
#include "tst_plansapi.moc"
