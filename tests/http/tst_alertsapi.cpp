// Alerts over REST (contract §9, §13.11): destinations, rules, validation tables, evaluation and its
// states/events, the §13.11 webhook vectors through a real worker and a local receiver that checks
// the signature, ingest-triggered evaluation and workspace isolation. The engine's clock is a
// ManualClock and evaluation is driven explicitly, so nothing waits on wall-clock time.

#include "ApiTestServer.h"
#include "SessionClient.h"
#include "WebhookReceiver.h"

#include "AlertWorker.h"
#include "core/Rfc3339.h"

#include <QJsonArray>
#include <QtTest>

using namespace osc;
using namespace osc::test;

namespace {

const TimeNs kNow = *rfc3339::parse(std::string_view("2026-06-08T11:00:00Z"));

QJsonObject usage(
    const char *subject, double quantity, const char *endpoint, const char *at = "2026-06-08T10:30:00Z")
{
    return {{"meter", "api_calls"}, {"subject", subject}, {"quantity", quantity}, {"timestamp", at},
        {"metadata", QJsonObject{{"endpoint", endpoint}}}};
}

} // namespace

class tst_AlertsApi final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void destinationLifecycle(); // §13.11 #82, #84
    void destinationValidation_data();
    void destinationValidation();
    void ruleValidation_data();
    void ruleValidation();
    void ruleUnknownReferences();
    void webhookVectors(); // §13.11 #83, #85, #86
    void evaluateTransitionsAndOrder();
    void ruleValueEqualsBucketQuery();
    void ingestQueuesEvaluation();
    void disabledRule();
    void eventsCursorPaging();
    void workspaceIsolation();
    void meterWithRulesCannotBeDeleted();

private:
    QString createDestination(const QString &url = QStringLiteral("https://example.com/hook"));
    QJsonObject createRule(const QJsonObject &body);
    void drain(webhook::AlertWorker &worker);

    ManualClock *m_clock = nullptr;
    std::unique_ptr<ApiTestServer> m_server;
};

void tst_AlertsApi::init()
{
    auto clock = std::make_unique<ManualClock>(kNow);
    m_clock = clock.get();
    m_server = std::make_unique<ApiTestServer>(std::move(clock));
    QVERIFY(m_server->ok());
    QCOMPARE(m_server
                 ->call("POST", "/v1/meters",
                     QJsonObject{{"name", "api_calls"}, {"unit", "call"}, {"aggregation", "sum"},
                         {"dimensions", QJsonArray{QJsonObject{{"name", "endpoint"}, {"type", "string"}}}}})
                 .status,
        201);
}

void tst_AlertsApi::cleanup()
{
    m_server.reset();
}

QString tst_AlertsApi::createDestination(const QString &url)
{
    const auto r = m_server->call(
        "POST", "/v1/alerts/destinations", QJsonObject{{"name", "ops"}, {"webhook_url", url}});
    [&] { QCOMPARE(r.status, 201); }();
    return r.object().value("id").toString();
}

QJsonObject tst_AlertsApi::createRule(const QJsonObject &body)
{
    const auto r = m_server->call("POST", "/v1/alerts", body);
    [&] { QVERIFY2(r.status == 201, r.body.constData()); }();
    return r.object();
}

void tst_AlertsApi::drain(webhook::AlertWorker &worker)
{
    QVERIFY(QTest::qWaitFor([&] { return worker.inFlight() == 0; }, 30000));
}

void tst_AlertsApi::destinationLifecycle()
{
    const auto created = m_server->call("POST", "/v1/alerts/destinations",
        QJsonObject{{"name", "ops"}, {"webhook_url", "https://example.com/hook"}});
    QCOMPARE(created.status, 201);
    const QJsonObject d = created.object();
    const QJsonObject signing = d.value("webhook_signing").toObject();
    QCOMPARE(d.value("type").toString(), QStringLiteral("webhook"));
    QCOMPARE(d.value("enabled").toBool(), true);
    QCOMPARE(signing.value("enabled").toBool(), true);
    QCOMPARE(signing.value("algorithm").toString(), QStringLiteral("hmac-sha256"));
    QCOMPARE(signing.value("signature_header").toString(), QStringLiteral("X-Open-Spanner-Signature"));
    QCOMPARE(signing.value("timestamp_header").toString(), QStringLiteral("X-Open-Spanner-Timestamp"));
    const QString secret = signing.value("secret").toString();
    QVERIFY(secret.startsWith("osp_whsec_"));
    QCOMPARE(secret.size(), 10 + 43); // base64url of 32 bytes, no padding

    const auto list = m_server->call("GET", "/v1/alerts/destinations");
    QCOMPARE(list.status, 200);
    const QJsonObject listed = list.object().value("items").toArray().at(0).toObject();
    QCOMPARE(listed.value("id").toString(), d.value("id").toString());
    QVERIFY(!listed.value("webhook_signing").toObject().contains("secret"));

    const QString id = d.value("id").toString();
    const auto rotated = m_server->call("POST", "/v1/alerts/destinations/" + id + "/webhook-secret/rotate");
    QCOMPARE(rotated.status, 200);
    const QString newSecret = rotated.object().value("webhook_signing").toObject().value("secret").toString();
    QVERIFY(newSecret.startsWith("osp_whsec_"));
    QVERIFY(newSecret != secret);

    // Partial update: empty name keeps, enabled replaced; signing follows enabled; no secret shown.
    const auto updated = m_server->call(
        "PUT", "/v1/alerts/destinations/" + id, QJsonObject{{"name", ""}, {"enabled", false}});
    QCOMPARE(updated.status, 200);
    QCOMPARE(updated.object().value("name").toString(), QStringLiteral("ops"));
    QCOMPARE(updated.object().value("enabled").toBool(), false);
    QCOMPARE(updated.object().value("webhook_signing").toObject().value("enabled").toBool(), false);
    QVERIFY(!updated.object().value("webhook_signing").toObject().contains("secret"));
    QCOMPARE(m_server->call("GET", "/v1/alerts/destinations?enabled=false")
                 .object()
                 .value("items")
                 .toArray()
                 .size(),
        1);
    QCOMPARE(m_server->call("GET", "/v1/alerts/destinations?enabled=true")
                 .object()
                 .value("items")
                 .toArray()
                 .size(),
        0);
    const auto badEnabled = m_server->call("GET", "/v1/alerts/destinations?enabled=maybe");
    QCOMPARE(badEnabled.status, 400);
    QCOMPARE(badEnabled.errorCode(), QStringLiteral("invalid_enabled"));
    QCOMPARE(badEnabled.errorMessage(), QStringLiteral("enabled must be true or false"));

    // #84: in use by a rule → 409, and nothing changes.
    createRule({{"name", "r"}, {"meter", "api_calls"}, {"destination_id", id}});
    const auto inUse = m_server->call("DELETE", "/v1/alerts/destinations/" + id);
    QCOMPARE(inUse.status, 409);
    QCOMPARE(inUse.errorMessage(), QStringLiteral("conflict\nalert destination is used by alert rules"));
    QCOMPARE(m_server->call("GET", "/v1/alerts/destinations").object().value("items").toArray().size(), 1);

    const QString unused = createDestination();
    QCOMPARE(m_server->call("DELETE", "/v1/alerts/destinations/" + unused).status, 204);
    QCOMPARE(m_server->call("DELETE", "/v1/alerts/destinations/" + unused).status, 404);
    QCOMPARE(m_server->call("PUT", "/v1/alerts/destinations/nope", QJsonObject{{"name", "x"}}).status, 404);
    QCOMPARE(m_server->call("POST", "/v1/alerts/destinations/nope/webhook-secret/rotate").status, 404);
}

void tst_AlertsApi::destinationValidation_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("message");
    const QString longUrl = "https://example.com/" + QString(2048, QLatin1Char('a'));
    QTest::newRow("no name") << QByteArray(R"({"webhook_url":"https://e.com"})") << 400
                             << "invalid input\nname is required";
    QTest::newRow("long name") << QByteArray(
        R"({"name":")" + QByteArray(121, 'n') + R"(","webhook_url":"https://e.com"})")
                               << 400 << "invalid input\nname cannot exceed 120 characters";
    QTest::newRow("120 runes ok") << QByteArray(
        R"({"name":")" + QString(120, QChar(0x00e9)).toUtf8() + R"(","webhook_url":"https://e.com"})")
                                  << 201 << QString();
    QTest::newRow("type") << QByteArray(R"({"name":"n","type":"email","webhook_url":"https://e.com"})") << 400
                          << "invalid input\nunsupported destination type";
    QTest::newRow("no url") << QByteArray(R"({"name":"n"})") << 400
                            << "invalid input\nwebhook url is required";
    QTest::newRow("relative") << QByteArray(R"({"name":"n","webhook_url":"/hook"})") << 400
                              << "invalid input\nwebhook url must be an absolute http or https url";
    QTest::newRow("no host") << QByteArray(R"({"name":"n","webhook_url":"https:///hook"})") << 400
                             << "invalid input\nwebhook url must be an absolute http or https url";
    QTest::newRow("file") << QByteArray(R"({"name":"n","webhook_url":"file:///etc/passwd"})") << 400
                          << "invalid input\nwebhook url must use http or https";
    QTest::newRow("ftp") << QByteArray(R"({"name":"n","webhook_url":"ftp://e.com/x"})") << 400
                         << "invalid input\nwebhook url must use http or https";
    QTest::newRow("javascript") << QByteArray(R"x({"name":"n","webhook_url":"javascript:alert(1)"})x") << 400
                                << "invalid input\nwebhook url must use http or https";
    QTest::newRow("too long") << QByteArray(R"({"name":"n","webhook_url":")" + longUrl.toUtf8() + R"("})")
                              << 400 << "invalid input\nwebhook url cannot exceed 2048 characters";
    QTest::newRow("type mismatch") << QByteArray(
        R"({"name":"n","webhook_url":"https://e.com","enabled":"yes"})")
                                   << 400 << "invalid JSON body";
    QTest::newRow("http ok") << QByteArray(R"({"name":"n","webhook_url":"http://127.0.0.1:9/x"})") << 201
                             << QString();
}

void tst_AlertsApi::destinationValidation()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, message);
    const auto r = m_server->call("POST", "/v1/alerts/destinations", body);
    QCOMPARE(r.status, status);
    const int stored
        = m_server->call("GET", "/v1/alerts/destinations").object().value("items").toArray().size();
    if (status == 201) {
        QCOMPARE(stored, 1);
        return;
    }
    QCOMPARE(r.errorMessage(), message);
    QCOMPARE(stored, 0); // nothing changed
    // The same checks guard updates.
    if (message.contains("webhook url") && !message.endsWith("required")) {
        const QString id = createDestination();
        const QJsonObject patch = QJsonDocument::fromJson(body).object();
        const auto put = m_server->call(
            "PUT", "/v1/alerts/destinations/" + id, QJsonObject{{"webhook_url", patch.value("webhook_url")}});
        QCOMPARE(put.status, 400);
        QCOMPARE(put.errorMessage(), message);
    }
}

void tst_AlertsApi::ruleValidation_data()
{
    QTest::addColumn<QJsonObject>("extra");
    QTest::addColumn<QString>("message");
    const auto row = [](const char *name, const QJsonObject &extra, const char *message) {
        QTest::newRow(name) << extra << QString::fromUtf8(message);
    };
    row("no name", {{"name", "  "}}, "invalid input\nname is required");
    row("long name", {{"name", QString(121, QLatin1Char('n'))}},
        "invalid input\nname cannot exceed 120 characters");
    row("window 59", {{"window_seconds", 59}}, "invalid input\nwindow must be at least 1m0s");
    row("window > 366d", {{"window_seconds", 31622401}}, "invalid input\nwindow cannot exceed 8784h0m0s");
    row("interval > 1d", {{"evaluation_interval_seconds", 86401}},
        "invalid input\nevaluation interval cannot exceed 24h0m0s");
    row("comparator", {{"comparator", "above"}}, "invalid input\nunsupported comparator \"above\"");
    row("no destination", {{"destination_id", ""}}, "invalid input\nalert destination is required");
    row("empty metadata key", {{"metadata", QJsonObject{{" ", "x"}}}},
        "invalid input\nmetadata key is required");
    row("empty metadata value", {{"metadata", QJsonObject{{"metadata.endpoint", " "}}}},
        "invalid input\nmetadata value for \"endpoint\" is required");
    row("bad metadata key", {{"metadata", QJsonObject{{"a b", "x"}}}},
        "invalid input\nunsupported metadata key \"a b\"");
    row("bad group_by", {{"group_by", "a b"}}, "invalid input\nunsupported group_by field \"a b\"");
    row("bad subject", {{"subject", "a b"}},
        "invalid input: subject \"a b\" must use letters, numbers, underscores, hyphens, dots, or colons");
    row("metadata not strings", {{"metadata", QJsonObject{{"k", 1}}}}, "invalid JSON body");
    row("window not integer", {{"window_seconds", 1.5}}, "invalid JSON body");
    row("no meter", {{"meter", ""}}, "invalid input\nmeter is required");
}

void tst_AlertsApi::ruleValidation()
{
    QFETCH(QJsonObject, extra);
    QFETCH(QString, message);
    const QString destination = createDestination();
    QJsonObject body{{"name", "r"}, {"meter", "api_calls"}, {"destination_id", destination}};
    for (auto it = extra.begin(); it != extra.end(); ++it)
        body.insert(it.key(), it.value());
    const auto r = m_server->call("POST", "/v1/alerts", body);
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorMessage(), message);
    QCOMPARE(m_server->call("GET", "/v1/alerts").object().value("items").toArray().size(), 0);

    // An update with the same field is refused the same way and leaves the rule as it was.
    const QJsonObject rule
        = createRule({{"name", "keep"}, {"meter", "api_calls"}, {"destination_id", destination}});
    if (extra.contains("meter") || extra.contains("name"))
        return; // empty means "keep" on PUT
    const auto put = m_server->call("PUT", "/v1/alerts/" + rule.value("id").toString(), extra);
    QCOMPARE(put.status, 400);
    QCOMPARE(put.errorMessage(), message);
    const auto after = m_server->call("GET", "/v1/alerts/" + rule.value("id").toString()).object();
    QCOMPARE(after.value("updated_at"), rule.value("updated_at"));
    QCOMPARE(after.value("window_seconds"), rule.value("window_seconds"));
}

void tst_AlertsApi::ruleUnknownReferences()
{
    const QString destination = createDestination();
    // The meter is looked up before any other validation (§9.2).
    const auto meter = m_server->call(
        "POST", "/v1/alerts", QJsonObject{{"name", ""}, {"meter", "nope"}, {"destination_id", destination}});
    QCOMPARE(meter.status, 404);
    const auto dest = m_server->call(
        "POST", "/v1/alerts", QJsonObject{{"name", "r"}, {"meter", "api_calls"}, {"destination_id", "nope"}});
    QCOMPARE(dest.status, 404);
    QCOMPARE(m_server->call("GET", "/v1/alerts").object().value("items").toArray().size(), 0);
    QCOMPARE(m_server->call("GET", "/v1/alerts/nope").status, 404);
    QCOMPARE(m_server->call("POST", "/v1/alerts/nope/evaluate").status, 404);
    QCOMPARE(m_server->call("DELETE", "/v1/alerts/nope").status, 404);
    QCOMPARE(m_server->call("GET", "/v1/alerts/events?rule_id=nope").status, 404);
}

void tst_AlertsApi::webhookVectors()
{
    WebhookReceiver receiver;
    const auto createdDestination = m_server->call(
        "POST", "/v1/alerts/destinations", QJsonObject{{"name", "ops"}, {"webhook_url", receiver.url()}});
    QCOMPARE(createdDestination.status, 201);
    const QString destinationId = createdDestination.object().value("id").toString();
    const QByteArray secret
        = createdDestination.object().value("webhook_signing").toObject().value("secret").toString().toUtf8();

    // #83
    const QJsonObject rule = createRule(
        {{"name", "orders spike"}, {"meter", "api_calls"}, {"metadata", QJsonObject{{"endpoint", "/orders"}}},
            {"group_by", "subject"}, {"window_seconds", 3600}, {"comparator", "gte"}, {"threshold", 10},
            {"evaluation_interval_seconds", 60}, {"destination_id", destinationId}});
    QCOMPARE(rule.value("enabled").toBool(), true);
    QCOMPARE(rule.value("group_by").toString(), QStringLiteral("subject"));
    QCOMPARE(rule.value("destination").toObject().value("id").toString(), destinationId);
    QVERIFY(!rule.value("destination").toObject().value("webhook_signing").toObject().contains("secret"));
    QCOMPARE(rule.value("next_evaluate_at").toString(), QStringLiteral("2026-06-08T11:00:00Z"));
    const QString ruleId = rule.value("id").toString();

    // #85: A has 12 on /orders, B 4 (and noise on /users that the filter excludes).
    QCOMPARE(m_server->call("POST", "/v1/usages", usage("A", 12, "/orders")).status, 201);
    QCOMPARE(m_server->call("POST", "/v1/usages", usage("B", 4, "/orders")).status, 201);
    QCOMPARE(m_server->call("POST", "/v1/usages", usage("B", 40, "/users")).status, 201);

    webhook::AlertWorker worker(m_server->engine().alerts());
    worker.tick();
    drain(worker);
    QCOMPARE(receiver.received().size(), 1);
    const WebhookReceiver::Received &hook = receiver.received().first();
    QVERIFY(hook.requestLine.startsWith("POST /hook "));
    QCOMPARE(hook.header("Content-Type"), QByteArray("application/json"));
    QCOMPARE(hook.header("User-Agent"), QByteArray("open-spanner-alert-worker"));
    const QByteArray ts = hook.header("X-Open-Spanner-Timestamp");
    bool numeric = false;
    QCOMPARE(ts.toLongLong(&numeric), kNow.toInt64() / kNanosPerSecond);
    QVERIFY(numeric);
    QVERIFY(hook.header("X-Open-Spanner-Signature").startsWith("v1="));
    QCOMPARE(
        hook.header("X-Open-Spanner-Signature"), WebhookReceiver::expectedSignature(secret, ts, hook.body));

    const QJsonObject payload = QJsonDocument::fromJson(hook.body).object();
    const QJsonObject event = payload.value("event").toObject();
    QCOMPARE(event.value("type").toString(), QStringLiteral("triggered"));
    QCOMPARE(event.value("value").toDouble(), 12.0);
    QCOMPARE(event.value("group_key").toString(), QStringLiteral("subject"));
    QCOMPARE(event.value("group_value").toString(), QStringLiteral("A"));
    QCOMPARE(event.value("rule_id").toString(), ruleId);
    const QJsonObject hookRule = payload.value("rule").toObject();
    QCOMPARE(hookRule.value("meter").toString(), QStringLiteral("api_calls"));
    QCOMPARE(hookRule.value("group_by").toString(), QStringLiteral("subject"));
    QCOMPARE(hookRule.value("destination_id").toString(), destinationId);
    QCOMPARE(hookRule.value("destination_name").toString(), QStringLiteral("ops"));
    const QJsonObject state = payload.value("state").toObject();
    QCOMPARE(state.value("status").toString(), QStringLiteral("alerting"));
    QCOMPARE(state.value("message").toString(),
        QStringLiteral("value 12.0000 gte threshold 10.0000 for subject A"));
    QVERIFY(state.contains("evaluated_at"));

    // #86
    const QJsonObject got = m_server->call("GET", "/v1/alerts/" + ruleId).object();
    QCOMPARE(got.value("state").toObject().value("status").toString(), QStringLiteral("alerting"));
    QCOMPARE(got.value("state").toObject().value("value").toDouble(), 12.0);
    QCOMPARE(got.value("state").toObject().value("group_value").toString(), QStringLiteral("A"));
    const QJsonArray states = got.value("states").toArray();
    QVERIFY(states.size() >= 2);
    QCOMPARE(states.at(1).toObject().value("status").toString(), QStringLiteral("ok"));
    QCOMPARE(states.at(1).toObject().value("message").toString(),
        QStringLiteral("value 4.0000 is within threshold 10.0000 for subject B"));
    QCOMPARE(got.value("next_evaluate_at").toString(), QStringLiteral("2026-06-08T11:01:00Z"));
    const QJsonArray events
        = m_server->call("GET", "/v1/alerts/events?rule_id=" + ruleId).object().value("items").toArray();
    QCOMPARE(events.size(), 1);
    const QJsonObject delivery = events.at(0).toObject().value("delivery").toObject();
    QCOMPARE(events.at(0).toObject().value("type").toString(), QStringLiteral("triggered"));
    QCOMPARE(delivery.value("status").toString(), QStringLiteral("delivered"));
    QCOMPARE(delivery.value("status_code").toInt(), 204);
    QCOMPARE(delivery.value("trigger_type").toString(), QStringLiteral("webhook"));
    QCOMPARE(delivery.value("event_id").toString(), events.at(0).toObject().value("id").toString());

    // Nothing new: the next tick (after the interval) sends nothing.
    m_clock->advance(61 * kNanosPerSecond);
    worker.tick();
    drain(worker);
    QCOMPARE(receiver.received().size(), 1);

    // After a rotation the next webhook is signed with the new secret. A leaves the window → resolved.
    const QByteArray rotated
        = m_server->call("POST", "/v1/alerts/destinations/" + destinationId + "/webhook-secret/rotate")
              .object()
              .value("webhook_signing")
              .toObject()
              .value("secret")
              .toString()
              .toUtf8();
    m_clock->set(*rfc3339::parse(std::string_view("2026-06-08T11:45:00Z")));
    worker.tick();
    drain(worker);
    QCOMPARE(receiver.received().size(), 2);
    const WebhookReceiver::Received &second = receiver.received().at(1);
    QCOMPARE(second.header("X-Open-Spanner-Signature"),
        WebhookReceiver::expectedSignature(rotated, second.header("X-Open-Spanner-Timestamp"), second.body));
    const QJsonObject resolved = QJsonDocument::fromJson(second.body).object();
    QCOMPARE(resolved.value("event").toObject().value("type").toString(), QStringLiteral("resolved"));
    QCOMPARE(resolved.value("state").toObject().value("status").toString(), QStringLiteral("no_data"));
}

void tst_AlertsApi::evaluateTransitionsAndOrder()
{
    const QString destination = createDestination();
    const QJsonObject rule = createRule({{"name", "by endpoint"}, {"meter", "api_calls"},
        {"group_by", "metadata.endpoint"}, {"window_seconds", 3600}, {"comparator", "gt"}, {"threshold", 5},
        {"destination_id", destination}});
    const QString id = rule.value("id").toString();
    QCOMPARE(rule.value("group_by").toString(), QStringLiteral("endpoint"));

    // Nothing at all → one no_data state, no event.
    auto r = m_server->call("POST", "/v1/alerts/" + id + "/evaluate");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.object().value("state").toObject().value("status").toString(), QStringLiteral("no_data"));
    QCOMPARE(r.object().value("state").toObject().value("message").toString(),
        QStringLiteral("no usage data in alert window"));
    QVERIFY(!r.object().contains("event"));
    QCOMPARE(r.object().value("rule").toObject().value("states").toArray().size(), 1);

    QCOMPARE(m_server->call("POST", "/v1/usages", usage("A", 9, "/orders")).status, 201);
    QCOMPARE(m_server->call("POST", "/v1/usages", usage("A", 2, "/users")).status, 201);
    r = m_server->call("POST", "/v1/alerts/" + id + "/evaluate");
    QCOMPARE(r.status, 200);
    QJsonObject body = r.object();
    QCOMPARE(body.value("event").toObject().value("type").toString(), QStringLiteral("triggered"));
    QCOMPARE(body.value("event").toObject().value("group_value").toString(), QStringLiteral("/orders"));
    QCOMPARE(body.value("events").toArray().size(), 1);
    QJsonArray states = body.value("rule").toObject().value("states").toArray();
    QCOMPARE(states.size(), 2);
    QCOMPARE(states.at(0).toObject().value("status").toString(), QStringLiteral("alerting"));
    QCOMPARE(states.at(0).toObject().value("message").toString(),
        QStringLiteral("value 9.0000 gt threshold 5.0000 for endpoint /orders"));
    QCOMPARE(states.at(1).toObject().value("status").toString(), QStringLiteral("ok"));

    // An hour later /orders is out of the window; /users has new usage: /orders resolves to no_data.
    m_clock->set(*rfc3339::parse(std::string_view("2026-06-08T12:00:00Z")));
    QCOMPARE(
        m_server->call("POST", "/v1/usages", usage("A", 1, "/users", "2026-06-08T11:30:00Z")).status, 201);
    body = m_server->call("POST", "/v1/alerts/" + id + "/evaluate").object();
    QCOMPARE(body.value("event").toObject().value("type").toString(), QStringLiteral("resolved"));
    states = body.value("rule").toObject().value("states").toArray();
    QCOMPARE(states.size(), 2);
    // Ordered alerting, error, no_data, ok.
    QCOMPARE(states.at(0).toObject().value("status").toString(), QStringLiteral("no_data"));
    QCOMPARE(states.at(0).toObject().value("message").toString(),
        QStringLiteral("no usage data in alert window for endpoint /orders"));
    QCOMPARE(states.at(1).toObject().value("status").toString(), QStringLiteral("ok"));
    QCOMPARE(body.value("state").toObject().value("status").toString(), QStringLiteral("no_data"));

    // The evaluate route records but never sends.
    QCOMPARE(m_server->engine().alerts().deliveries().pendingCount().value(), 0);
    const QJsonArray events
        = m_server->call("GET", "/v1/alerts/events?rule_id=" + id).object().value("items").toArray();
    QCOMPARE(events.size(), 2);
    QCOMPARE(events.at(0).toObject().value("type").toString(), QStringLiteral("resolved")); // newest first
    QVERIFY(!events.at(0).toObject().contains("delivery"));
}

void tst_AlertsApi::ruleValueEqualsBucketQuery()
{
    // A rule's value is the bucket query's over the same window, for every aggregation.
    for (const char *aggregation : {"sum", "count", "avg", "min", "max", "first", "last", "rate"}) {
        const QString meter = QStringLiteral("m_%1").arg(aggregation);
        QCOMPARE(m_server
                     ->call("POST", "/v1/meters",
                         QJsonObject{{"name", meter}, {"unit", "u"}, {"aggregation", aggregation}})
                     .status,
            201);
        for (const auto &[q, at] : {std::pair{2.0, "2026-06-08T10:00:00Z"}, {7.0, "2026-06-08T10:20:00Z"},
                 {3.0, "2026-06-08T10:59:59Z"}, {100.0, "2026-06-08T09:59:59Z"},
                 {50.0, "2026-06-08T11:00:00Z"}})
            QCOMPARE(
                m_server
                    ->call("POST", "/v1/usages",
                        QJsonObject{{"meter", meter}, {"subject", "s"}, {"quantity", q}, {"timestamp", at}})
                    .status,
                201);
        const QJsonObject rule = createRule({{"name", "v"}, {"meter", meter}, {"window_seconds", 3600},
            {"threshold", 1e9}, {"destination_id", createDestination()}});
        const double value = m_server->call("POST", "/v1/alerts/" + rule.value("id").toString() + "/evaluate")
                                 .object()
                                 .value("state")
                                 .toObject()
                                 .value("value")
                                 .toDouble();
        const auto buckets = m_server->call("GET",
            "/v1/usages?meter=" + meter
                + "&from=2026-06-08T10:00:00Z&to=2026-06-08T11:00:00Z&bucket_size=hour");
        QCOMPARE(buckets.status, 200);
        const QJsonArray rows = buckets.array();
        QCOMPARE(rows.size(), 1);
        QCOMPARE(value, rows.at(0).toObject().value("quantity").toDouble());
    }
}

void tst_AlertsApi::ingestQueuesEvaluation()
{
    const QString destination = createDestination();
    const QJsonObject rule = createRule({{"name", "A orders"}, {"meter", "api_calls"}, {"subject", "A"},
        {"metadata", QJsonObject{{"endpoint", "/orders"}}}, {"threshold", 10},
        {"evaluation_interval_seconds", 3600}, {"destination_id", destination}});
    const QString id = rule.value("id").toString();
    AlertService &alerts = m_server->engine().alerts();
    QCOMPARE(alerts.evaluateDue().value(), 1); // created → due now
    QCOMPARE(alerts.evaluateDue().value(), 0); // next in an hour

    // Not matching: another subject, another endpoint.
    QCOMPARE(m_server->call("POST", "/v1/usages", usage("B", 50, "/orders")).status, 201);
    QCOMPARE(m_server->call("POST", "/v1/usages", usage("A", 50, "/users")).status, 201);
    m_clock->advance(AlertService::kIngestDelayNs);
    QCOMPARE(alerts.evaluateDue().value(), 0);

    // Matching usage queues one job (coalesced) 5 s later.
    QCOMPARE(m_server->call("POST", "/v1/usages", usage("A", 6, "/orders")).status, 201);
    QCOMPARE(m_server
                 ->call("POST", "/v1/usages/bulk",
                     QByteArray("[" + QJsonDocument(usage("A", 6, "/orders")).toJson() + "]"))
                 .status,
        201);
    QCOMPARE(alerts.evaluateDue().value(), 0);
    m_clock->advance(AlertService::kIngestDelayNs);
    QCOMPARE(alerts.evaluateDue().value(), 1);
    QCOMPARE(alerts.evaluateDue().value(), 0);
    const QJsonObject got = m_server->call("GET", "/v1/alerts/" + id).object();
    QCOMPARE(got.value("state").toObject().value("status").toString(), QStringLiteral("alerting"));
    QCOMPARE(got.value("state").toObject().value("value").toDouble(), 12.0);
    QCOMPARE(alerts.deliveries().pendingCount().value(), 1); // the worker's evaluation queues the webhook
}

void tst_AlertsApi::disabledRule()
{
    const QJsonObject rule = createRule({{"name", "off"}, {"meter", "api_calls"}, {"enabled", false},
        {"destination_id", createDestination()}});
    const auto r = m_server->call("POST", "/v1/alerts/" + rule.value("id").toString() + "/evaluate");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.object().value("state").toObject().value("status").toString(), QStringLiteral("ok"));
    QCOMPARE(r.object().value("state").toObject().value("message").toString(),
        QStringLiteral("alert rule is disabled"));
    QCOMPARE(m_server->engine().alerts().evaluateDue().value(), 0); // the worker skips disabled rules
    QCOMPARE(m_server->call("GET", "/v1/alerts?enabled=false").object().value("items").toArray().size(), 1);
    QCOMPARE(m_server->call("GET", "/v1/alerts?enabled=true").object().value("items").toArray().size(), 0);
    QCOMPARE(m_server->call("GET", "/v1/alerts?meter=other").object().value("items").toArray().size(), 0);

    // Partial update: zero ints and empty strings keep; the rest replaces.
    const auto put = m_server->call("PUT", "/v1/alerts/" + rule.value("id").toString(),
        QJsonObject{{"enabled", true}, {"window_seconds", 0}, {"name", ""}, {"threshold", 3}});
    QCOMPARE(put.status, 200);
    QCOMPARE(put.object().value("enabled").toBool(), true);
    QCOMPARE(put.object().value("name").toString(), QStringLiteral("off"));
    QCOMPARE(put.object().value("window_seconds").toInt(), 3600);
    QCOMPARE(put.object().value("threshold").toDouble(), 3.0);
    QCOMPARE(m_server->call("DELETE", "/v1/alerts/" + rule.value("id").toString()).status, 204);
    QCOMPARE(m_server->call("GET", "/v1/alerts/" + rule.value("id").toString()).status, 404);
}

void tst_AlertsApi::eventsCursorPaging()
{
    const QJsonObject rule = createRule({{"name", "flap"}, {"meter", "api_calls"}, {"threshold", 5},
        {"window_seconds", 60}, {"destination_id", createDestination()}});
    const QString id = rule.value("id").toString();
    // Each minute alternates between 10 (alerting) and nothing (no_data): one event per evaluation.
    for (int i = 0; i < 5; ++i) {
        m_clock->advance(60 * kNanosPerSecond);
        if (i % 2 == 0) {
            const QString at = rfc3339::formatSeconds(TimeNs(m_clock->nowNs() - 30 * kNanosPerSecond));
            const auto posted = m_server->call("POST", "/v1/usages",
                QJsonObject{{"meter", "api_calls"}, {"subject", "s"}, {"quantity", 10}, {"timestamp", at},
                    {"metadata", QJsonObject{{"endpoint", "/x"}}}});
            QVERIFY2(posted.status == 201, posted.body.constData());
        }
        QCOMPARE(m_server->call("POST", "/v1/alerts/" + id + "/evaluate").status, 200);
    }
    QStringList seen;
    QString cursor;
    do {
        const auto page = m_server->call(
            "GET", "/v1/alerts/events?limit=2" + (cursor.isEmpty() ? QString() : "&cursor=" + cursor));
        QCOMPARE(page.status, 200);
        for (const QJsonValue &e : page.object().value("items").toArray())
            seen.append(e.toObject().value("type").toString());
        cursor = page.object().value("next_cursor").toString();
    } while (!cursor.isEmpty());
    QCOMPARE(seen, (QStringList{"triggered", "resolved", "triggered", "resolved", "triggered"}));
    QCOMPARE(m_server->call("GET", "/v1/alerts/events?cursor=%%%").status, 400);
    QCOMPARE(m_server->call("GET", "/v1/alerts/events?limit=0").errorCode(), QStringLiteral("invalid_limit"));
}

void tst_AlertsApi::workspaceIsolation()
{
    const QString destination = createDestination();
    const QJsonObject rule
        = createRule({{"name", "mine"}, {"meter", "api_calls"}, {"destination_id", destination}});
    const QString ruleId = rule.value("id").toString();
    QCOMPARE(m_server->call("POST", "/v1/alerts/" + ruleId + "/evaluate").status, 200);

    SessionClient other(*m_server);
    QVERIFY(other.signUp("other@example.com"));
    const QString key = other.createKey(QJsonObject{{"name", "k"}, {"scopes", QJsonArray{"*"}}});
    QVERIFY(!key.isEmpty());
    QCOMPARE(m_server->call("GET", "/v1/alerts/" + ruleId, QByteArray(), key).status, 404);
    QCOMPARE(m_server->call("PUT", "/v1/alerts/" + ruleId, QJsonObject{{"name", "x"}}, key).status, 404);
    QCOMPARE(m_server->call("DELETE", "/v1/alerts/" + ruleId, QByteArray(), key).status, 404);
    QCOMPARE(m_server->call("POST", "/v1/alerts/" + ruleId + "/evaluate", QByteArray(), key).status, 404);
    QCOMPARE(m_server->call("GET", "/v1/alerts/events?rule_id=" + ruleId, QByteArray(), key).status, 404);
    QCOMPARE(
        m_server->call("GET", "/v1/alerts", QByteArray(), key).object().value("items").toArray().size(), 0);
    QCOMPARE(m_server->call("GET", "/v1/alerts/events", QByteArray(), key)
                 .object()
                 .value("items")
                 .toArray()
                 .size(),
        0);
    QCOMPARE(m_server->call("GET", "/v1/alerts/destinations", QByteArray(), key)
                 .object()
                 .value("items")
                 .toArray()
                 .size(),
        0);
    QCOMPARE(
        m_server->call("DELETE", "/v1/alerts/destinations/" + destination, QByteArray(), key).status, 404);
    QCOMPARE(m_server->call("PUT", "/v1/alerts/destinations/" + destination, QJsonObject{{"name", "x"}}, key)
                 .status,
        404);
    QCOMPARE(m_server
                 ->call("POST", "/v1/alerts/destinations/" + destination + "/webhook-secret/rotate",
                     QByteArray(), key)
                 .status,
        404);
    // Another workspace's destination cannot be named by a rule either.
    QCOMPARE(
        m_server->call("POST", "/v1/meters", QJsonObject{{"name", "api_calls"}, {"unit", "u"}}, key).status,
        201);
    QCOMPARE(m_server
                 ->call("POST", "/v1/alerts",
                     QJsonObject{{"name", "x"}, {"meter", "api_calls"}, {"destination_id", destination}}, key)
                 .status,
        404);
    QCOMPARE(m_server->call("GET", "/v1/alerts/" + ruleId).status, 200);
}

void tst_AlertsApi::meterWithRulesCannotBeDeleted()
{
    const QString meterId = m_server->call("GET", "/v1/meters?name=api_calls")
                                .object()
                                .value("items")
                                .toArray()[0]
                                .toObject()
                                .value("id")
                                .toString();
    const QJsonObject rule
        = createRule({{"name", "r"}, {"meter", "api_calls"}, {"destination_id", createDestination()}});
    const auto r = m_server->call("DELETE", "/v1/meters/" + meterId);
    QCOMPARE(r.status, 409); // contract Q9
    QCOMPARE(r.errorMessage(), QStringLiteral("conflict\nmeter is used by alert rules"));
    QCOMPARE(m_server->call("DELETE", "/v1/alerts/" + rule.value("id").toString()).status, 204);
    QCOMPARE(m_server->call("DELETE", "/v1/meters/" + meterId).status, 204);
}

QTEST_GUILESS_MAIN(tst_AlertsApi)
#include "tst_alertsapi.moc"
