// Contract §10.4–§10.7 through real HTTP: anchored periods, usage counters (only newly stored events
// inside an effective assignment), progress, the check decision table, worker-maintained states,
// events and snapshots, and the §13.10 vectors. The clock is a ManualClock so period boundaries are
// exact.

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

class tst_EntitlementsApi final : public QObject, private PlansFixture
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void checkAndProgressVectors();
    void integrationCheckVector();
    void checkDecisionTable();
    void countersOnlyForNewEventsInsideAnAssignment();
    void monthOverflowJan31();
    void workerStateEventSnapshotVectors();
    void workerExceededAndRecovered();
    void entitlementListFilters();
    void workerDrainsSeveralPasses();
};

void tst_EntitlementsApi::init()
{
    startServer();
}

void tst_EntitlementsApi::cleanup()
{
    stopServer();
}

void tst_EntitlementsApi::checkAndProgressVectors()
{
    // §10.6 vector: limit 10 / month / warning 80.
    const QString plan = createPlan("Quota", {limitJson("api_calls", 10, "month", 80)});
    const QJsonObject assignment = assign("org_quota", plan);
    QCOMPARE(assignment.value("status").toString(), QStringLiteral("active"));
    QCOMPARE(assignment.value("active").toBool(), true);
    QCOMPARE(assignment.value("period_anchor_at").toString(), QStringLiteral("2026-06-08T10:00:00Z"));
    QVERIFY(!assignment.contains("unassigned_at"));

    QJsonObject c = check("org_quota", "api_calls", 3);
    QCOMPARE(c.value("allowed").toBool(), true);
    QCOMPARE(c.value("state").toString(), QStringLiteral("ok"));
    QCOMPARE(c.value("current").toDouble(), 0.0);
    QCOMPARE(c.value("remaining").toDouble(), 7.0);
    QCOMPARE(c.value("overage").toDouble(), 0.0);
    QVERIFY(!c.contains("retry_after_seconds"));
    QCOMPARE(c.value("period_reset_at").toString(), QStringLiteral("2026-07-08T10:00:00Z"));
    QCOMPARE(c.value("from").toString(), QStringLiteral("2026-06-08T10:00:00Z"));
    QCOMPARE(c.value("plan_id").toString(), plan);
    QCOMPARE(c.value("period").toString(), QStringLiteral("month"));
    QCOMPARE(c.value("message").toString(), QStringLiteral("quota is available"));

    m_clock->advance(kHourNs);
    postUsage("org_quota", "api_calls", 8);

    const auto progress = m_server->call("GET", "/v1/plans/subjects/org_quota/progress");
    QCOMPARE(progress.status, 200);
    const QJsonObject item = progress.object().value("items").toArray()[0].toObject();
    QCOMPARE(progress.object().value("subject").toString(), QStringLiteral("org_quota"));
    QCOMPARE(progress.object().value("plan").toObject().value("id").toString(), plan);
    QCOMPARE(item.value("current").toDouble(), 8.0);
    QCOMPARE(item.value("remaining").toDouble(), 2.0);
    QCOMPARE(item.value("overage").toDouble(), 0.0);
    QCOMPARE(item.value("percent").toDouble(), 80.0);
    QCOMPARE(item.value("state").toString(), QStringLiteral("warning"));
    QCOMPARE(item.value("aggregation").toString(), QStringLiteral("sum"));
    QCOMPARE(item.value("unit").toString(), QStringLiteral("unit"));
    QVERIFY(!item.value("period_reset_at").toString().isEmpty());

    c = check("org_quota", "api_calls", 1);
    QCOMPARE(c.value("allowed").toBool(), true);
    QCOMPARE(c.value("state").toString(), QStringLiteral("warning"));
    QCOMPARE(c.value("current").toDouble(), 8.0);
    QCOMPARE(c.value("remaining").toDouble(), 1.0);
    QCOMPARE(c.value("message").toString(), QStringLiteral("quota is available; warning threshold reached"));

    c = check("org_quota", "api_calls", 2);
    QCOMPARE(c.value("allowed").toBool(), true);
    QCOMPARE(c.value("state").toString(), QStringLiteral("exceeded"));
    QCOMPARE(c.value("message").toString(), QStringLiteral("quota is available; quota limit reached"));

    c = check("org_quota", "api_calls", 3);
    QCOMPARE(c.value("allowed").toBool(), false);
    QCOMPARE(c.value("state").toString(), QStringLiteral("exceeded"));
    QCOMPARE(c.value("current").toDouble(), 8.0);
    QCOMPARE(c.value("remaining").toDouble(), 0.0);
    QCOMPARE(c.value("overage").toDouble(), 1.0);
    QCOMPARE(c.value("message").toString(), QStringLiteral("quota would be exceeded"));
    // Reset at 2026-07-08T10:00:00Z, now 2026-06-08T11:00:00.25Z: ceil of the rest.
    QCOMPARE(c.value("retry_after_seconds").toInteger(), qint64(30 * 86400 - 3600));

    // Nothing recorded by checks.
    QCOMPARE(check("org_quota", "api_calls", 1).value("current").toDouble(), 8.0);
    // Progress of an unknown / unassigned subject, and a bad subject.
    QCOMPARE(m_server->call("GET", "/v1/plans/subjects/nobody/progress").status, 404);
    QCOMPARE(m_server->call("GET", "/v1/plans/subjects/nobody/progress").errorMessage(),
        QStringLiteral("not found"));
    QCOMPARE(m_server->call("GET", "/v1/plans/subjects/bad%20subject/progress").status, 400);
}

void tst_EntitlementsApi::integrationCheckVector()
{
    const QString plan = createPlan("Int", {limitJson("api_calls", 20, "month", 60)});
    assign("org_int", plan);
    postUsage("org_int", "api_calls", 13);
    QJsonObject c = check("org_int", "api_calls", 2);
    QCOMPARE(c.value("allowed").toBool(), true);
    QCOMPARE(c.value("state").toString(), QStringLiteral("warning"));
    QCOMPARE(c.value("remaining").toDouble(), 5.0);
    c = check("org_int", "api_calls", 8);
    QCOMPARE(c.value("allowed").toBool(), false);
    QCOMPARE(c.value("state").toString(), QStringLiteral("exceeded"));
    QCOMPARE(c.value("remaining").toDouble(), 0.0);
}

void tst_EntitlementsApi::checkDecisionTable()
{
    const QString plan
        = createPlan("Table", {limitJson("api_calls", 10, "month"), limitJson("api_calls", 1, "day")});
    QJsonObject c = check("org_none", "api_calls", 1);
    QCOMPARE(c.value("allowed").toBool(), false);
    QCOMPARE(c.value("state").toString(), QStringLiteral("no_plan"));
    QCOMPARE(c.value("message").toString(), QStringLiteral("subject is not assigned to a plan"));
    QVERIFY(!c.contains("plan_id"));
    assign("org_t", plan);
    c = check("org_t", "storage", 1);
    QCOMPARE(c.value("state").toString(), QStringLiteral("not_in_plan"));
    QCOMPARE(c.value("allowed").toBool(), false);
    QCOMPARE(c.value("plan_id").toString(), plan);
    QCOMPARE(c.value("plan_name").toString(), QStringLiteral("Table"));
    QCOMPARE(c.value("message").toString(), QStringLiteral("meter is not included in the subject's plan"));
    // Several limits for one meter: the first by (meter, period) string order, `day` (Q18).
    c = check("org_t", "api_calls", 0); // 0 → 1
    QCOMPARE(c.value("period").toString(), QStringLiteral("day"));
    QCOMPARE(c.value("quantity").toDouble(), 1.0);
    QCOMPARE(c.value("state").toString(), QStringLiteral("exceeded"));
    QCOMPARE(c.value("allowed").toBool(), true);
    QCOMPARE(m_server
                 ->call("POST", "/v1/entitlements/check",
                     QJsonObject{{"subject", "org_t"}, {"meter", "api_calls"}})
                 .object()
                 .value("quantity")
                 .toDouble(),
        1.0);

    // Bad input: 400 with the envelope.
    const auto bad = [&](const QByteArray &body, const QString &code, const QString &message) {
        const auto r = m_server->call("POST", "/v1/entitlements/check", body);
        QCOMPARE(r.status, 400);
        QCOMPARE(r.errorCode(), code);
        QCOMPARE(r.errorMessage(), message);
    };
    bad(R"({"subject":"org_t","meter":"api_calls","quantity":-1})", "invalid_input",
        "invalid input: quantity must be greater than zero");
    bad(R"({"subject":"org_t"})", "invalid_input", "invalid input: meter is required");
    bad(R"({"meter":"api_calls"})", "invalid_input", "invalid input: subject is required");
    bad(R"({"subject":"bad subject","meter":"api_calls"})", "invalid_input",
        "invalid input: subject \"bad subject\" must use letters, numbers, underscores, hyphens, dots, or "
        "colons");
    bad(R"({"subject":"org_t","meter":"api_calls","quantity":"1"})", "invalid_json", "invalid JSON body");
    bad("{", "invalid_json", "invalid JSON body");
}

void tst_EntitlementsApi::countersOnlyForNewEventsInsideAnAssignment()
{
    const QString plan = createPlan("Counted", {limitJson("api_calls", 100), limitJson("storage", 100)});
    postUsage("org_c", "api_calls", 50); // before any assignment: never counted, no backfill
    m_clock->advance(1'000'000); // same second as the assignment below
    assign("org_c", plan);
    // An event stamped earlier in the assignment's second still counts (whole-second rule, §10.4).
    QCOMPARE(m_server
                 ->call("POST", "/v1/usages",
                     QJsonObject{{"subject", "org_c"}, {"meter", "api_calls"}, {"quantity", 1},
                         {"timestamp", "2026-06-08T10:00:00Z"}})
                 .status,
        201);
    // Before the second: not counted.
    QCOMPARE(m_server
                 ->call("POST", "/v1/usages",
                     QJsonObject{{"subject", "org_c"}, {"meter", "api_calls"}, {"quantity", 1000},
                         {"timestamp", "2026-06-08T09:59:59.999Z"}})
                 .status,
        201);
    postUsage("org_c", "api_calls", 2, "key-1");
    postUsage("org_c", "api_calls", 2, "key-1"); // idempotent replay: not counted again
    const auto bulk = m_server->call("POST", "/v1/usages/bulk",
        QByteArray(R"([{"subject":"org_c","meter":"api_calls","quantity":3},)"
                   R"({"subject":"org_c","meter":"api_calls","quantity":4,"idempotency_key":"key-1"},)"
                   R"({"subject":"org_c","meter":"storage","quantity":7},)"
                   R"({"subject":"org_c","meter":"storage","quantity":5},)"
                   R"({"subject":"org_c","meter":"nope","quantity":5}])"));
    QCOMPARE(bulk.status, 201);
    const QJsonArray items
        = m_server->call("GET", "/v1/plans/subjects/org_c/progress").object().value("items").toArray();
    QCOMPARE(items[0].toObject().value("meter").toString(), QStringLiteral("api_calls"));
    QCOMPARE(items[0].toObject().value("current").toDouble(), 6.0); // 1 + 2 + 3
    QCOMPARE(items[1].toObject().value("current").toDouble(), 7.0); // storage aggregates by max
    // A replayed bulk batch counts nothing.
    const QByteArray batch = R"([{"subject":"org_c","meter":"api_calls","quantity":10}])";
    QCOMPARE(m_server
                 ->send("POST", "/v1/usages/bulk", batch,
                     {{"Authorization", QByteArray("Bearer ") + ApiTestServer::kAdminKey},
                         {"Idempotency-Key", "b1"}})
                 .status,
        201);
    QCOMPARE(m_server
                 ->send("POST", "/v1/usages/bulk", batch,
                     {{"Authorization", QByteArray("Bearer ") + ApiTestServer::kAdminKey},
                         {"Idempotency-Key", "b1"}})
                 .status,
        201);
    QCOMPARE(check("org_c", "api_calls", 1).value("current").toDouble(), 16.0);
}

void tst_EntitlementsApi::monthOverflowJan31()
{
    m_clock->set(at("2027-01-31T12:00:00Z"));
    const QString plan = createPlan("Monthly", {limitJson("api_calls", 10)});
    assign("org_m", plan);
    m_clock->set(at("2027-03-02T00:00:00Z"));
    QJsonObject item = m_server->call("GET", "/v1/plans/subjects/org_m/progress")
                           .object()
                           .value("items")
                           .toArray()[0]
                           .toObject();
    QCOMPARE(item.value("from").toString(), QStringLiteral("2027-01-31T12:00:00Z"));
    QCOMPARE(item.value("to").toString(), QStringLiteral("2027-03-03T12:00:00Z")); // Go AddDate overflow
    m_clock->set(at("2027-03-04T00:00:00Z"));
    item = m_server->call("GET", "/v1/plans/subjects/org_m/progress")
               .object()
               .value("items")
               .toArray()[0]
               .toObject();
    QCOMPARE(item.value("from").toString(), QStringLiteral("2027-03-03T12:00:00Z"));
    QCOMPARE(item.value("to").toString(), QStringLiteral("2027-04-03T12:00:00Z"));
    // Usage in the new window starts from zero.
    postUsage("org_m", "api_calls", 4);
    QCOMPARE(item.value("current").toDouble(), 0.0);
    QCOMPARE(check("org_m", "api_calls", 1).value("current").toDouble(), 4.0);
}

void tst_EntitlementsApi::workerStateEventSnapshotVectors()
{
    // §10.7: limit 20 / warn 60, usage 13.
    const QString plan = createPlan("Worker", {limitJson("api_calls", 20, "month", 60)});
    const QString anchor = assign("org_w", plan).value("period_anchor_at").toString();
    postUsage("org_w", "api_calls", 13);
    QCOMPARE(m_server->engine().entitlements().runPendingJobs().value(), 1);
    QCOMPARE(m_server->engine().entitlements().runPendingJobs().value(), 0); // the queue is drained

    const QJsonArray states
        = m_server->call("GET", "/v1/entitlements/states?subject=org_w").object().value("items").toArray();
    QCOMPARE(states.size(), 1);
    const QJsonObject state = states[0].toObject();
    QCOMPARE(state.value("state").toString(), QStringLiteral("warning"));
    QCOMPARE(state.value("current").toDouble(), 13.0);
    QCOMPARE(state.value("limit").toDouble(), 20.0);
    QCOMPARE(state.value("remaining").toDouble(), 7.0);
    QCOMPARE(state.value("plan_id").toString(), plan);
    QCOMPARE(state.value("plan_name").toString(), QStringLiteral("Worker"));
    QCOMPARE(state.value("period").toString(), QStringLiteral("month"));
    QCOMPARE(state.value("message").toString(), QStringLiteral("quota warning threshold reached"));

    const QJsonArray periods
        = m_server->call("GET", "/v1/entitlements/periods?subject=org_w").object().value("items").toArray();
    QCOMPARE(periods.size(), 1);
    const QJsonObject snapshot = periods[0].toObject();
    QCOMPARE(snapshot.value("from").toString(), anchor);
    QCOMPARE(snapshot.value("included").toDouble(), 13.0);
    QCOMPARE(snapshot.value("overage").toDouble(), 0.0);
    QCOMPARE(snapshot.value("remaining").toDouble(), 7.0);
    QCOMPARE(snapshot.value("event_count").toInt(), 1);
    QCOMPARE(snapshot.value("plan_version").toInt(), 1);

    const QJsonArray events
        = m_server->call("GET", "/v1/entitlements/events?subject=org_w").object().value("items").toArray();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events[0].toObject().value("type").toString(), QStringLiteral("warning"));
    QCOMPARE(events[0].toObject().value("state").toString(), QStringLiteral("warning"));
    QVERIFY(!events[0].toObject().contains("previous_state"));

    // Coalesced: several events for one (subject, meter) make one job; an unchanged state adds no event.
    postUsage("org_w", "api_calls", 1);
    postUsage("org_w", "api_calls", 1);
    QCOMPARE(m_server->engine().entitlements().runPendingJobs().value(), 1);
    QCOMPARE(m_server->call("GET", "/v1/entitlements/events?subject=org_w")
                 .object()
                 .value("items")
                 .toArray()
                 .size(),
        1);
    QCOMPARE(m_server->call("GET", "/v1/entitlements/states?subject=org_w")
                 .object()
                 .value("items")
                 .toArray()[0]
                 .toObject()
                 .value("current")
                 .toDouble(),
        15.0);
}

void tst_EntitlementsApi::workerExceededAndRecovered()
{
    const QString plan = createPlan("Small", {limitJson("api_calls", 5)});
    assign("org_x", plan);
    postUsage("org_x", "api_calls", 7);
    QCOMPARE(m_server->engine().entitlements().runPendingJobs().value(), 1);
    QJsonObject state = m_server->call("GET", "/v1/entitlements/states?subject=org_x")
                            .object()
                            .value("items")
                            .toArray()[0]
                            .toObject();
    QCOMPARE(state.value("state").toString(), QStringLiteral("exceeded"));
    QCOMPARE(state.value("message").toString(), QStringLiteral("quota exceeded"));
    QJsonArray events = m_server->call("GET", "/v1/entitlements/events?subject=org_x&type=exceeded")
                            .object()
                            .value("items")
                            .toArray();
    QCOMPARE(events.size(), 1);
    const QJsonObject snapshot = m_server->call("GET", "/v1/entitlements/periods?subject=org_x")
                                     .object()
                                     .value("items")
                                     .toArray()[0]
                                     .toObject();
    QCOMPARE(snapshot.value("included").toDouble(), 5.0);
    QCOMPARE(snapshot.value("overage").toDouble(), 2.0);

    // Next month: a new window; the first event there brings the state back to ok → `recovered`.
    m_clock->set(at("2026-07-09T00:00:00Z"));
    postUsage("org_x", "api_calls", 1);
    QCOMPARE(m_server->engine().entitlements().runPendingJobs().value(), 1);
    state = m_server->call("GET", "/v1/entitlements/states?subject=org_x")
                .object()
                .value("items")
                .toArray()[0]
                .toObject();
    QCOMPARE(state.value("state").toString(), QStringLiteral("ok"));
    events = m_server->call("GET", "/v1/entitlements/events?subject=org_x").object().value("items").toArray();
    QCOMPARE(events.size(), 2);
    QCOMPARE(events[0].toObject().value("type").toString(), QStringLiteral("recovered"));
    QCOMPARE(events[0].toObject().value("previous_state").toString(), QStringLiteral("exceeded"));
    // Two period snapshots, newest period first.
    const QJsonArray periods
        = m_server->call("GET", "/v1/entitlements/periods?subject=org_x").object().value("items").toArray();
    QCOMPARE(periods.size(), 2);
    QCOMPARE(periods[0].toObject().value("from").toString(), QStringLiteral("2026-07-08T10:00:00Z"));
    QCOMPARE(periods[1].toObject().value("state").toString(), QStringLiteral("exceeded"));
    // First evaluation landing on ok: no event.
    const QString other = createPlan("Roomy", {limitJson("storage", 100)});
    assign("org_ok", other);
    postUsage("org_ok", "storage", 1);
    QCOMPARE(m_server->engine().entitlements().runPendingJobs().value(), 1);
    QCOMPARE(m_server->call("GET", "/v1/entitlements/events?subject=org_ok")
                 .object()
                 .value("items")
                 .toArray()
                 .size(),
        0);
    QCOMPARE(m_server->call("GET", "/v1/entitlements/states?subject=org_ok")
                 .object()
                 .value("items")
                 .toArray()
                 .size(),
        1);
}

void tst_EntitlementsApi::entitlementListFilters()
{
    const QString plan = createPlan("Lists", {limitJson("api_calls", 2), limitJson("storage", 100)});
    for (const char *subject : {"org_l1", "org_l2", "org_l3"}) {
        assign(subject, plan);
        postUsage(subject, "api_calls", 3);
        postUsage(subject, "storage", 1);
        m_clock->advance(1'000'000'000);
    }
    QCOMPARE(m_server->engine().entitlements().runPendingJobs().value(), 6);
    QCOMPARE(m_server->call("GET", "/v1/entitlements/states").object().value("items").toArray().size(), 6);
    QCOMPARE(m_server->call("GET", "/v1/entitlements/states?state=exceeded")
                 .object()
                 .value("items")
                 .toArray()
                 .size(),
        3);
    QCOMPARE(m_server->call("GET", "/v1/entitlements/states?meter=storage")
                 .object()
                 .value("items")
                 .toArray()
                 .size(),
        3);
    QCOMPARE(
        m_server->call("GET", "/v1/entitlements/states?limit=2").object().value("items").toArray().size(), 2);
    QCOMPARE(
        m_server->call("GET", "/v1/entitlements/periods?state=ok").object().value("items").toArray().size(),
        3);
    QCOMPARE(m_server->call("GET", "/v1/entitlements/states?state=bogus").status, 400);
    // Events page with cursors.
    const auto first = m_server->call("GET", "/v1/entitlements/events?limit=2").object();
    QCOMPARE(first.value("items").toArray().size(), 2);
    const QString cursor = first.value("next_cursor").toString();
    QVERIFY(!cursor.isEmpty());
    const auto second = m_server->call("GET", "/v1/entitlements/events?limit=2&cursor=" + cursor).object();
    QCOMPARE(second.value("items").toArray().size(), 1);
    QVERIFY(!second.contains("next_cursor"));
    QCOMPARE(m_server->call("GET", "/v1/entitlements/events?cursor=%%%").status, 400);
    QCOMPARE(m_server->call("GET", "/v1/entitlements/events?plan_id=" + plan)
                 .object()
                 .value("items")
                 .toArray()
                 .size(),
        3);
}

void tst_EntitlementsApi::workerDrainsSeveralPasses()
{
    // More due jobs than one pass takes (Entitlements::kJobsPerPass): runPendingJobs keeps going.
    const int subjects = Entitlements::kJobsPerPass + 50;
    const QString plan = createPlan("Many", {limitJson("api_calls", 10)});
    QByteArray bulk = "[";
    for (int i = 0; i < subjects; ++i) {
        QCOMPARE(m_server
                     ->call("PUT", QStringLiteral("/v1/plans/subjects/org_%1").arg(i),
                         QJsonObject{{"plan_id", plan}})
                     .status,
            200);
        bulk += QStringLiteral(R"(%1{"subject":"org_%2","meter":"api_calls","quantity":9})")
                    .arg(i ? QStringLiteral(",") : QString())
                    .arg(i)
                    .toUtf8();
    }
    QCOMPARE(m_server->call("POST", "/v1/usages/bulk", bulk + "]").status, 201);
    QCOMPARE(m_server->engine().entitlements().runPendingJobs().value(), subjects);
    QCOMPARE(m_server->call("GET", "/v1/entitlements/states?state=warning&limit=5000")
                 .object()
                 .value("items")
                 .toArray()
                 .size(),
        subjects);
    // Page sizes above the maximum are clamped silently (§1.9).
    QCOMPARE(m_server->call("GET", "/v1/plans/assignments?limit=5000").status, 200);
}

QTEST_GUILESS_MAIN(tst_EntitlementsApi)
#include "tst_entitlementsapi.moc"
