// Webhook delivery (contract §9.3 plus our retries): receivers that answer 500, hang or close the
// connection are retried with backoff up to the attempt limit and then recorded failed, while the
// worker keeps delivering to healthy receivers; queued deliveries survive a restart. The engine's
// clock is a ManualClock: backoff is passed by advancing it, never by sleeping.

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
constexpr int kMaxAttempts = 3;

} // namespace

class tst_WebhookDelivery final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void settingsAreNamed();
    void backoffGrows();
    void failingReceiverIsRetriedThenFailed_data();
    void failingReceiverIsRetriedThenFailed();
    void disabledDestinationFailsWithoutSending();
    void testEventIsSigned();
    void queuedDeliverySurvivesRestart();

private:
    void open(const QString &databasePath = {});
    // A rule over subject `s` alerting on any usage, pointed at `url`; returns the rule id.
    QString alertingRule(const QString &url, const QString &name);
    void tickAndDrain();

    QTemporaryDir m_dir;
    QString m_databasePath;
    int m_databases = 0;
    ManualClock *m_clock = nullptr;
    std::unique_ptr<ApiTestServer> m_server;
    std::unique_ptr<webhook::AlertWorker> m_worker;
};

void tst_WebhookDelivery::open(const QString &databasePath)
{
    // Read the time before the old server (which owns the clock) goes: ASan caught the read after it.
    const TimeNs now = m_clock ? TimeNs(m_clock->nowNs()) : kNow;
    m_worker.reset();
    m_server.reset();
    m_clock = nullptr;
    auto clock = std::make_unique<ManualClock>(now);
    m_clock = clock.get();
    m_server = std::make_unique<ApiTestServer>(std::move(clock), databasePath);
    QVERIFY(m_server->ok());
    WebhookSettings settings;
    settings.maxAttempts = kMaxAttempts;
    settings.timeoutMs = 300; // the hanging receiver: short, so the test is quick (nothing asserts it)
    settings.initialBackoffMs = 1000;
    settings.maxBackoffMs = 4000;
    m_server->engine().alerts().deliveries().configure(settings);
    m_server->engine().alerts().deliveries().setJitter([] { return 1.0; });
    m_worker = std::make_unique<webhook::AlertWorker>(m_server->engine().alerts());
}

void tst_WebhookDelivery::init()
{
    m_clock = nullptr;
    // A database per test in this test's directory, so a restart can reopen it.
    m_databasePath = m_dir.filePath(QStringLiteral("alerts-%1.db").arg(++m_databases));
    open(m_databasePath);
    QCOMPARE(m_server->call("POST", "/v1/meters", QJsonObject{{"name", "m"}, {"unit", "u"}}).status, 201);
    QCOMPARE(m_server
                 ->call("POST", "/v1/usages",
                     QJsonObject{{"meter", "m"}, {"subject", "s"}, {"quantity", 5},
                         {"timestamp", "2026-06-08T10:30:00Z"}})
                 .status,
        201);
}

void tst_WebhookDelivery::cleanup()
{
    m_worker.reset();
    m_server.reset();
    m_clock = nullptr;
}

QString tst_WebhookDelivery::alertingRule(const QString &url, const QString &name)
{
    const auto d = m_server->call(
        "POST", "/v1/alerts/destinations", QJsonObject{{"name", name}, {"webhook_url", url}});
    [&] { QCOMPARE(d.status, 201); }();
    const auto r = m_server->call("POST", "/v1/alerts",
        QJsonObject{{"name", name}, {"meter", "m"}, {"threshold", 1}, {"evaluation_interval_seconds", 86400},
            {"destination_id", d.object().value("id").toString()}});
    [&] { QCOMPARE(r.status, 201); }();
    return r.object().value("id").toString();
}

void tst_WebhookDelivery::tickAndDrain()
{
    m_worker->tick();
    QVERIFY(QTest::qWaitFor([&] { return m_worker->inFlight() == 0; }, 30000));
}

void tst_WebhookDelivery::settingsAreNamed()
{
    const WebhookSettings defaults;
    QCOMPARE(defaults.maxAttempts, WebhookSettings::kDefaultMaxAttempts);
    QCOMPARE(defaults.timeoutMs, qint64(10'000)); // §9.3
    QCOMPARE(m_server->engine().alerts().deliveries().settings().maxAttempts, kMaxAttempts);
    WebhookSettings zero;
    zero.maxAttempts = 0;
    m_server->engine().alerts().deliveries().configure(zero);
    QCOMPARE(m_server->engine().alerts().deliveries().settings().maxAttempts, 1); // at least one attempt
}

void tst_WebhookDelivery::backoffGrows()
{
    WebhookDeliveries &deliveries = m_server->engine().alerts().deliveries();
    QCOMPARE(deliveries.backoffMs(1), qint64(1000));
    QCOMPARE(deliveries.backoffMs(2), qint64(2000));
    QCOMPARE(deliveries.backoffMs(3), qint64(4000));
    QCOMPARE(deliveries.backoffMs(10), qint64(4000)); // capped
}

void tst_WebhookDelivery::failingReceiverIsRetriedThenFailed_data()
{
    QTest::addColumn<int>("mode");
    QTest::addColumn<QString>("error");
    QTest::newRow("500") << int(WebhookReceiver::Mode::Status) << "webhook returned status 500";
    QTest::newRow("hang") << int(WebhookReceiver::Mode::Hang) << "webhook request timed out after 300 ms";
    QTest::newRow("close") << int(WebhookReceiver::Mode::Close) << "webhook request failed";
}

void tst_WebhookDelivery::failingReceiverIsRetriedThenFailed()
{
    QFETCH(int, mode);
    QFETCH(QString, error);
    WebhookReceiver bad;
    bad.setMode(WebhookReceiver::Mode(mode), 500);
    WebhookReceiver good;
    const QString badRule = alertingRule(bad.url(), QStringLiteral("bad"));
    const QString goodRule = alertingRule(good.url(), QStringLiteral("good"));

    tickAndDrain(); // both rules trigger; the good receiver gets its webhook despite the bad one
    QCOMPARE(good.received().size(), 1);
    QVERIFY(bad.received().size() >= 1);
    const QJsonObject event = m_server->call("GET", "/v1/alerts/events?rule_id=" + badRule)
                                  .object()
                                  .value("items")
                                  .toArray()
                                  .at(0)
                                  .toObject();
    const auto attempts = [&] {
        auto log = m_server->engine().alerts().deliveryLog(
            m_server->engine().owner(), event.value("id").toString());
        return log ? log->size() : -1;
    };
    // Qt's HTTP client itself resends once a request whose connection closed before any answer, so a
    // closing receiver sees up to two requests per attempt; the others exactly one.
    const int perAttempt = mode == int(WebhookReceiver::Mode::Close) ? 2 : 1;
    QCOMPARE(attempts(), 1);
    for (int attempt = 2; attempt <= kMaxAttempts + 1; ++attempt) {
        tickAndDrain(); // not due yet: the backoff has not passed
        QCOMPARE(attempts(), attempt - 1);
        m_clock->advance(5 * kNanosPerSecond); // beyond the capped backoff
        tickAndDrain();
        QCOMPARE(attempts(), std::min(attempt, kMaxAttempts));
        QVERIFY(bad.received().size() >= attempts() && bad.received().size() <= perAttempt * attempts());
    }
    QCOMPARE(good.received().size(), 1); // delivered once, never repeated
    QCOMPARE(m_server->engine().alerts().deliveries().pendingCount().value(), 0);

    const QJsonObject delivery = event.value("delivery").toObject();
    QCOMPARE(delivery.value("status").toString(), QStringLiteral("failed"));
    QVERIFY2(
        delivery.value("error").toString().startsWith(error), qPrintable(delivery.value("error").toString()));
    QCOMPARE(delivery.contains("status_code"), mode == int(WebhookReceiver::Mode::Status));
    auto log
        = m_server->engine().alerts().deliveryLog(m_server->engine().owner(), event.value("id").toString());
    QVERIFY(log.ok());
    QCOMPARE(log->size(), kMaxAttempts); // every attempt recorded
    for (const WebhookAttempt &attempt : log.value())
        QVERIFY(!attempt.delivered);
    const QJsonObject goodEvent = m_server->call("GET", "/v1/alerts/events?rule_id=" + goodRule)
                                      .object()
                                      .value("items")
                                      .toArray()
                                      .at(0)
                                      .toObject();
    QCOMPARE(goodEvent.value("delivery").toObject().value("status").toString(), QStringLiteral("delivered"));
}

void tst_WebhookDelivery::disabledDestinationFailsWithoutSending()
{
    WebhookReceiver receiver;
    const QString rule = alertingRule(receiver.url(), QStringLiteral("r"));
    QVERIFY(m_server->engine().alerts().evaluateDue().ok()); // queued while enabled
    const QString destination
        = m_server->call("GET", "/v1/alerts/" + rule).object().value("destination_id").toString();
    QCOMPARE(m_server->call("PUT", "/v1/alerts/destinations/" + destination, QJsonObject{{"enabled", false}})
                 .status,
        200);
    tickAndDrain();
    QCOMPARE(receiver.received().size(), 0);
    const QJsonObject delivery = m_server->call("GET", "/v1/alerts/events?rule_id=" + rule)
                                     .object()
                                     .value("items")
                                     .toArray()
                                     .at(0)
                                     .toObject()
                                     .value("delivery")
                                     .toObject();
    QCOMPARE(delivery.value("status").toString(), QStringLiteral("failed"));
    QCOMPARE(delivery.value("error").toString(), QStringLiteral("alert destination is disabled"));
    QCOMPARE(m_server->engine().alerts().deliveries().pendingCount().value(), 0);
}

void tst_WebhookDelivery::testEventIsSigned()
{
    WebhookReceiver receiver;
    const auto d = m_server->call(
        "POST", "/v1/alerts/destinations", QJsonObject{{"name", "t"}, {"webhook_url", receiver.url()}});
    const QByteArray secret
        = d.object().value("webhook_signing").toObject().value("secret").toString().toUtf8();
    auto eventId = m_server->engine().alerts().sendTestEvent(
        m_server->engine().owner(), d.object().value("id").toString());
    QVERIFY(eventId.ok());
    tickAndDrain();
    QCOMPARE(receiver.received().size(), 1);
    const auto &hook = receiver.received().first();
    QCOMPARE(hook.header("X-Open-Spanner-Signature"),
        WebhookReceiver::expectedSignature(secret, hook.header("X-Open-Spanner-Timestamp"), hook.body));
    QCOMPARE(QJsonDocument::fromJson(hook.body).object().value("event").toObject().value("type").toString(),
        QStringLiteral("test"));
    auto log = m_server->engine().alerts().deliveryLog(m_server->engine().owner(), eventId.value());
    QVERIFY(log.ok());
    QCOMPARE(log->size(), 1);
    QVERIFY(log->first().delivered);
    QCOMPARE(m_server->engine().alerts().sendTestEvent(m_server->engine().owner(), "nope").error().kind,
        ErrorKind::NotFound);
}

void tst_WebhookDelivery::queuedDeliverySurvivesRestart()
{
    WebhookReceiver receiver;
    const QString rule = alertingRule(receiver.url(), QStringLiteral("r"));
    QVERIFY(m_server->engine().alerts().evaluateDue().ok()); // evaluated and queued, not sent
    QCOMPARE(m_server->engine().alerts().deliveries().pendingCount().value(), 1);
    open(m_databasePath); // closes the database (and the old clock, after reading its time) and reopens it
    QCOMPARE(m_server->engine().alerts().deliveries().pendingCount().value(), 1);
    tickAndDrain();
    QCOMPARE(receiver.received().size(), 1);
    const QJsonObject event = m_server->call("GET", "/v1/alerts/events?rule_id=" + rule)
                                  .object()
                                  .value("items")
                                  .toArray()
                                  .at(0)
                                  .toObject();
    QCOMPARE(event.value("delivery").toObject().value("status").toString(), QStringLiteral("delivered"));
    QCOMPARE(m_server->engine().alerts().deliveries().pendingCount().value(), 0);
}

QTEST_GUILESS_MAIN(tst_WebhookDelivery)
#include "tst_webhookdelivery.moc"
