// Opt-in quota reservations (ours, beyond the contract): `"reserve": true` on POST
// /v1/entitlements/check holds the quantity atomically until the usage event with the same idempotency
// key is stored (then it is usage) or the reservation expires. Concurrent reservers never over-allocate.

#include "ApiTestServer.h"

#include "core/Rfc3339.h"

#include <QJsonArray>
#include <QtTest>

#include <atomic>
#include <thread>

using namespace osc;
using namespace osc::test;

class tst_ReservationsApi final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void reservationHoldsQuotaUntilItsEventArrives();
    void reservationExpires();
    void sixteenThreadsNeverOverAllocate();
    void badReservations();

private:
    QJsonObject reserve(const QString &subject, double quantity, const QString &key, qint64 ttl = 0);

    ManualClock *m_clock = nullptr;
    std::unique_ptr<ApiTestServer> m_server;
};

void tst_ReservationsApi::init()
{
    auto clock = std::make_unique<ManualClock>(*rfc3339::parse(std::string_view("2026-06-08T10:00:00Z")));
    m_clock = clock.get();
    m_server = std::make_unique<ApiTestServer>(std::move(clock));
    QVERIFY(m_server->ok());
    QCOMPARE(
        m_server->call("POST", "/v1/meters", QJsonObject{{"name", "tokens"}, {"unit", "token"}}).status, 201);
    QCOMPARE(
        m_server
            ->call("POST", "/v1/meters", QJsonObject{{"name", "peak"}, {"unit", "u"}, {"aggregation", "max"}})
            .status,
        201);
    const auto plan = m_server->call("POST", "/v1/plans",
        QByteArray(R"({"name":"r","limits":[{"meter":"tokens","limit":10},{"meter":"peak","limit":10}]})"));
    QCOMPARE(plan.status, 201);
    for (const char *subject : {"org_r", "org_t"})
        QCOMPARE(m_server
                     ->call("PUT", QStringLiteral("/v1/plans/subjects/%1").arg(subject),
                         QJsonObject{{"plan_id", plan.object().value("id").toString()}})
                     .status,
            200);
}

void tst_ReservationsApi::cleanup()
{
    m_server.reset();
}

QJsonObject tst_ReservationsApi::reserve(
    const QString &subject, double quantity, const QString &key, qint64 ttl)
{
    QJsonObject body{{"subject", subject}, {"meter", "tokens"}, {"quantity", quantity}, {"reserve", true},
        {"idempotency_key", key}};
    if (ttl > 0)
        body.insert("reservation_ttl_seconds", ttl);
    const auto r = m_server->call("POST", "/v1/entitlements/check", body);
    if (r.status != 200)
        qWarning() << r.body;
    return r.object();
}

void tst_ReservationsApi::reservationHoldsQuotaUntilItsEventArrives()
{
    QJsonObject r = reserve("org_r", 6, "job-1");
    QCOMPARE(r.value("allowed").toBool(), true);
    QCOMPARE(r.value("reservation_recorded").toBool(), true);
    QCOMPARE(r.value("reservation_expires_at").toString(), QStringLiteral("2026-06-08T10:05:00Z"));
    QCOMPARE(r.value("remaining").toDouble(), 4.0);
    // A retry with the same key replaces the hold, it does not add to it.
    QCOMPARE(reserve("org_r", 6, "job-1").value("reserved").toDouble(), 0.0);

    // A plain check now sees the hold.
    QJsonObject c = m_server
                        ->call("POST", "/v1/entitlements/check",
                            QJsonObject{{"subject", "org_r"}, {"meter", "tokens"}, {"quantity", 5}})
                        .object();
    QCOMPARE(c.value("allowed").toBool(), false);
    QCOMPARE(c.value("current").toDouble(), 0.0);
    QCOMPARE(c.value("reserved").toDouble(), 6.0);
    QVERIFY(!c.contains("reservation_recorded"));
    // Another reservation that does not fit is refused and records nothing.
    r = reserve("org_r", 5, "job-2");
    QCOMPARE(r.value("allowed").toBool(), false);
    QVERIFY(!r.contains("reservation_recorded"));

    // The event with the reservation's key arrives: the hold becomes usage (counted once).
    QCOMPARE(m_server
                 ->call("POST", "/v1/usages",
                     QJsonObject{{"subject", "org_r"}, {"meter", "tokens"}, {"quantity", 6},
                         {"idempotency_key", "job-1"}})
                 .status,
        201);
    c = m_server
            ->call("POST", "/v1/entitlements/check",
                QJsonObject{{"subject", "org_r"}, {"meter", "tokens"}, {"quantity", 4}})
            .object();
    QCOMPARE(c.value("current").toDouble(), 6.0);
    QVERIFY(!c.contains("reserved"));
    QCOMPARE(c.value("allowed").toBool(), true);
    QCOMPARE(c.value("remaining").toDouble(), 0.0);
}

void tst_ReservationsApi::reservationExpires()
{
    QCOMPARE(reserve("org_r", 9, "job-x", 60).value("allowed").toBool(), true);
    QCOMPARE(reserve("org_r", 2, "job-y").value("allowed").toBool(), false);
    m_clock->advance(61LL * 1'000'000'000);
    QCOMPARE(reserve("org_r", 2, "job-y").value("allowed").toBool(), true);
    QVERIFY(m_server->engine().entitlements().runPendingJobs().ok()); // sweeps the expired hold
    const QJsonObject c = m_server
                              ->call("POST", "/v1/entitlements/check",
                                  QJsonObject{{"subject", "org_r"}, {"meter", "tokens"}, {"quantity", 1}})
                              .object();
    QCOMPARE(c.value("reserved").toDouble(), 2.0);
}

void tst_ReservationsApi::sixteenThreadsNeverOverAllocate()
{
    // 6 used, 4 left: 16 threads each reserve 1 of the last units at once; exactly 4 succeed.
    QCOMPARE(m_server
                 ->call("POST", "/v1/usages",
                     QJsonObject{{"subject", "org_t"}, {"meter", "tokens"}, {"quantity", 6}})
                 .status,
        201);
    Engine &engine = m_server->engine();
    std::atomic<int> granted{0};
    std::atomic<int> failed{0};
    std::atomic<bool> go{false};
    std::vector<std::thread> threads;
    for (int i = 0; i < 16; ++i)
        threads.emplace_back([&, i] {
            while (!go.load())
                std::this_thread::yield();
            EntitlementCheckRequest request;
            request.subject = QStringLiteral("org_t");
            request.meter = QStringLiteral("tokens");
            request.quantity = 1;
            request.reserve = true;
            request.idempotencyKey = QStringLiteral("t-%1").arg(i);
            auto decision = engine.entitlements().check(engine.owner(), request);
            if (!decision)
                ++failed;
            else if (decision->reservationRecorded)
                ++granted;
        });
    go.store(true);
    for (std::thread &t : threads)
        t.join();
    QCOMPARE(failed.load(), 0);
    QCOMPARE(granted.load(), 4);
    const QJsonObject c = m_server
                              ->call("POST", "/v1/entitlements/check",
                                  QJsonObject{{"subject", "org_t"}, {"meter", "tokens"}, {"quantity", 1}})
                              .object();
    QCOMPARE(c.value("reserved").toDouble(), 4.0);
    QCOMPARE(c.value("allowed").toBool(), false);
}

void tst_ReservationsApi::badReservations()
{
    const auto bad = [&](const QByteArray &body, const QString &message) {
        const auto r = m_server->call("POST", "/v1/entitlements/check", body);
        QCOMPARE(r.status, 400);
        QCOMPARE(r.errorMessage(), message);
    };
    bad(R"({"subject":"org_r","meter":"tokens","reserve":true})",
        "invalid input: idempotency key is required to reserve quota");
    bad(R"({"subject":"org_r","meter":"tokens","reserve":true,"idempotency_key":"k","reservation_ttl_seconds":0})",
        "invalid input: reservation ttl must be between 1 and 86400 seconds");
    bad(R"({"subject":"org_r","meter":"tokens","reserve":true,"idempotency_key":"k","reservation_ttl_seconds":86401})",
        "invalid input: reservation ttl must be between 1 and 86400 seconds");
    bad(R"({"subject":"org_r","meter":"peak","reserve":true,"idempotency_key":"k"})",
        "invalid input: quota can only be reserved on sum or count meters");
    const auto typed = m_server->call("POST", "/v1/entitlements/check",
        QByteArray(R"({"subject":"org_r","meter":"tokens","reserve":"yes"})"));
    QCOMPARE(typed.errorCode(), QStringLiteral("invalid_json"));
}

QTEST_GUILESS_MAIN(tst_ReservationsApi)
#include "tst_reservationsapi.moc"
