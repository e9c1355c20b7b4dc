// The console's alert routes beyond upstream (README "Alerts and webhooks"): POST
// /v1/alerts/destinations/{id}/test queues a signed `test` event through the worker's delivery path,
// and GET /v1/alerts/events/{id}/deliveries lists every attempt of an event or test delivery. A local
// receiver checks what arrives; the engine's clock is a ManualClock so retries pass without sleeping.

#include "ApiTestServer.h"
#include "WebhookReceiver.h"

#include "AlertWorker.h"
#include "core/Rfc3339.h"

#include <QJsonArray>
#include <QtTest>

using namespace osc;
using namespace osc::test;

namespace {

const TimeNs kNow = *rfc3339::parse(std::string_view("2026-06-08T11:00:00Z"));
constexpr int kMaxAttempts = 2;

} // namespace

class tst_AlertDeliveriesApi final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void testEventIsSignedAndLogged();
    void testEventUsesTheRotatedSecret();
    void testEventIsRetriedThenFailed();
    void ruleEventLogMatchesItsDelivery();
    void refusals_data();
    void refusals();

private:
    QJsonObject createDestination(const QString &url);
    QJsonArray deliveries(const QString &eventId);
    void tickAndDrain();

    ManualClock *m_clock = nullptr;
    std::unique_ptr<ApiTestServer> m_server;
    std::unique_ptr<webhook::AlertWorker> m_worker;
};

void tst_AlertDeliveriesApi::init()
{
    auto clock = std::make_unique<ManualClock>(kNow);
    m_clock = clock.get();
    m_server = std::make_unique<ApiTestServer>(std::move(clock));
    QVERIFY(m_server->ok());
    WebhookSettings settings;
    settings.maxAttempts = kMaxAttempts;
    settings.initialBackoffMs = 1000;
    settings.maxBackoffMs = 1000;
    m_server->engine().alerts().deliveries().configure(settings);
    m_server->engine().alerts().deliveries().setJitter([] { return 1.0; });
    m_worker = std::make_unique<webhook::AlertWorker>(m_server->engine().alerts());
}

void tst_AlertDeliveriesApi::cleanup()
{
    m_worker.reset();
    m_server.reset();
    m_clock = nullptr;
}

QJsonObject tst_AlertDeliveriesApi::createDestination(const QString &url)
{
    const auto created = m_server->call(
        "POST", "/v1/alerts/destinations", QJsonObject{{"name", "hooks"}, {"webhook_url", url}});
    [&] { QCOMPARE(created.status, 201); }();
    return created.object();
}

QJsonArray tst_AlertDeliveriesApi::deliveries(const QString &eventId)
{
    const auto listed = m_server->call("GET", "/v1/alerts/events/" + eventId + "/deliveries");
    [&] { QCOMPARE(listed.status, 200); }();
    return listed.object().value("items").toArray();
}

void tst_AlertDeliveriesApi::tickAndDrain()
{
    m_worker->tick();
    QVERIFY(QTest::qWaitFor([&] { return m_worker->inFlight() == 0; }, 30000));
}

void tst_AlertDeliveriesApi::testEventIsSignedAndLogged()
{
    WebhookReceiver receiver;
    const QJsonObject destination = createDestination(receiver.url());
    const QString id = destination.value("id").toString();
    const QByteArray secret
        = destination.value("webhook_signing").toObject().value("secret").toString().toUtf8();

    const auto queued = m_server->call("POST", "/v1/alerts/destinations/" + id + "/test");
    QCOMPARE(queued.status, 202);
    const QString eventId = queued.object().value("event_id").toString();
    QVERIFY(!eventId.isEmpty());
    QCOMPARE(queued.object().value("destination_id").toString(), id);
    QCOMPARE(deliveries(eventId).size(), 0); // queued, not attempted: the worker sends it
    QCOMPARE(receiver.received().size(), 0);

    tickAndDrain();
    QCOMPARE(receiver.received().size(), 1);
    const WebhookReceiver::Received &hook = receiver.received().first();
    QVERIFY(hook.requestLine.startsWith("POST /hook "));
    QCOMPARE(hook.header("Content-Type"), QByteArray("application/json"));
    QCOMPARE(hook.header("User-Agent"), QByteArray("open-spanner-alert-worker"));
    QCOMPARE(hook.header("X-Open-Spanner-Timestamp"), QByteArray::number(kNow.floorSeconds()));
    QCOMPARE(hook.header("X-Open-Spanner-Signature"),
        WebhookReceiver::expectedSignature(secret, hook.header("X-Open-Spanner-Timestamp"), hook.body));
    const QJsonObject body = QJsonDocument::fromJson(hook.body).object();
    QCOMPARE(body.value("event").toObject().value("id").toString(), eventId);
    QCOMPARE(body.value("event").toObject().value("type").toString(), QStringLiteral("test"));
    QCOMPARE(body.value("rule").toObject().value("destination_name").toString(), QStringLiteral("hooks"));

    const QJsonArray log = deliveries(eventId);
    QCOMPARE(log.size(), 1);
    const QJsonObject attempt = log.first().toObject();
    QCOMPARE(attempt.value("event_id").toString(), eventId);
    QCOMPARE(attempt.value("trigger_type").toString(), QStringLiteral("webhook"));
    QCOMPARE(attempt.value("status").toString(), QStringLiteral("delivered"));
    QCOMPARE(attempt.value("status_code").toInt(), 204);
    QVERIFY(!attempt.contains("error"));
    QCOMPARE(attempt.value("attempted_at").toString(), QStringLiteral("2026-06-08T11:00:00Z"));
}

void tst_AlertDeliveriesApi::testEventUsesTheRotatedSecret()
{
    WebhookReceiver receiver;
    const QString id = createDestination(receiver.url()).value("id").toString();
    const auto rotated = m_server->call("POST", "/v1/alerts/destinations/" + id + "/webhook-secret/rotate");
    QCOMPARE(rotated.status, 200);
    const QByteArray secret
        = rotated.object().value("webhook_signing").toObject().value("secret").toString().toUtf8();
    QCOMPARE(m_server->call("POST", "/v1/alerts/destinations/" + id + "/test").status, 202);
    tickAndDrain();
    QCOMPARE(receiver.received().size(), 1);
    const WebhookReceiver::Received &hook = receiver.received().first();
    QCOMPARE(hook.header("X-Open-Spanner-Signature"),
        WebhookReceiver::expectedSignature(secret, hook.header("X-Open-Spanner-Timestamp"), hook.body));
}

void tst_AlertDeliveriesApi::testEventIsRetriedThenFailed()
{
    WebhookReceiver receiver;
    receiver.setMode(WebhookReceiver::Mode::Status, 500);
    const QString id = createDestination(receiver.url()).value("id").toString();
    const QString eventId = m_server->call("POST", "/v1/alerts/destinations/" + id + "/test")
                                .object()
                                .value("event_id")
                                .toString();
    tickAndDrain();
    QCOMPARE(deliveries(eventId).size(), 1);
    tickAndDrain(); // the backoff has not passed
    QCOMPARE(deliveries(eventId).size(), 1);
    m_clock->advance(2 * kNanosPerSecond);
    tickAndDrain();
    const QJsonArray log = deliveries(eventId);
    QCOMPARE(log.size(), kMaxAttempts);
    for (const QJsonValue &value : log) {
        const QJsonObject attempt = value.toObject();
        QCOMPARE(attempt.value("status").toString(), QStringLiteral("failed"));
        QCOMPARE(attempt.value("status_code").toInt(), 500);
        QCOMPARE(attempt.value("error").toString(), QStringLiteral("webhook returned status 500"));
    }
    // Oldest first.
    QVERIFY(log.at(0).toObject().value("attempted_at").toString()
        < log.at(1).toObject().value("attempted_at").toString());
    m_clock->advance(10 * kNanosPerSecond);
    tickAndDrain();
    QCOMPARE(receiver.received().size(), kMaxAttempts); // failed for good: no further attempt
    QCOMPARE(m_server->engine().alerts().deliveries().pendingCount().value(), 0);
}

void tst_AlertDeliveriesApi::ruleEventLogMatchesItsDelivery()
{
    WebhookReceiver receiver;
    const QString destination = createDestination(receiver.url()).value("id").toString();
    QCOMPARE(m_server->call("POST", "/v1/meters", QJsonObject{{"name", "m"}, {"unit", "u"}}).status, 201);
    QCOMPARE(m_server
                 ->call("POST", "/v1/usages",
                     QJsonObject{{"meter", "m"}, {"subject", "s"}, {"quantity", 5},
                         {"timestamp", "2026-06-08T10:30:00Z"}})
                 .status,
        201);
    const auto rule = m_server->call("POST", "/v1/alerts",
        QJsonObject{{"name", "r"}, {"meter", "m"}, {"threshold", 1}, {"destination_id", destination}});
    QCOMPARE(rule.status, 201);
    tickAndDrain();
    QCOMPARE(receiver.received().size(), 1);
    const QJsonObject event
        = m_server->call("GET", "/v1/alerts/events?rule_id=" + rule.object().value("id").toString())
              .object()
              .value("items")
              .toArray()
              .at(0)
              .toObject();
    QCOMPARE(event.value("type").toString(), QStringLiteral("triggered"));
    const QJsonArray log = deliveries(event.value("id").toString());
    QCOMPARE(log.size(), 1);
    QCOMPARE(log.first().toObject(), event.value("delivery").toObject()); // the latest attempt, in full
}

void tst_AlertDeliveriesApi::refusals_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QStringList>("scopes"); // empty: no credentials
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("message");
    const QString test = QStringLiteral("/v1/alerts/destinations/{destination}/test");
    const QString log = QStringLiteral("/v1/alerts/events/any/deliveries");
    QTest::newRow("test: unknown destination") << QByteArray("POST") << "/v1/alerts/destinations/nope/test"
                                               << QStringList{"alerts:write"} << 404 << "not found";
    QTest::newRow("test: read scope only") << QByteArray("POST") << test << QStringList{"alerts:read"} << 403
                                           << "forbidden\nnot allowed to alerts:write alert";
    QTest::newRow("test: no credentials") << QByteArray("POST") << test << QStringList() << 401 << QString();
    QTest::newRow("test: GET is not allowed")
        << QByteArray("GET") << test << QStringList{"alerts:read"} << 405 << QString();
    QTest::newRow("log: write scope only") << QByteArray("GET") << log << QStringList{"alerts:write"} << 403
                                           << "forbidden\nnot allowed to alerts:read alert";
    QTest::newRow("log: no credentials") << QByteArray("GET") << log << QStringList() << 401 << QString();
}

void tst_AlertDeliveriesApi::refusals()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QStringList, scopes);
    QFETCH(int, status);
    QFETCH(QString, message);
    WebhookReceiver receiver;
    const QString destination = createDestination(receiver.url()).value("id").toString();
    path.replace(QStringLiteral("{destination}"), destination);
    const HttpResult result = scopes.isEmpty()
        ? m_server->send(method, path)
        : m_server->call(method, path, QByteArray(), m_server->createKey(scopes));
    QCOMPARE(result.status, status);
    if (status == 405)
        QCOMPARE(result.header("Allow"), QByteArray("POST")); // as every route: no body
    else
        QVERIFY(!result.errorCode().isEmpty()); // the contract's envelope
    if (!message.isEmpty())
        QCOMPARE(result.errorMessage(), message);
    tickAndDrain();
    QCOMPARE(receiver.received().size(), 0); // nothing was queued
    QCOMPARE(m_server->engine().alerts().deliveries().pendingCount().value(), 0);
}

QTEST_GUILESS_MAIN(tst_AlertDeliveriesApi)
#include "tst_alertdeliveriesapi.moc"
