// Per-key rate limits (issue 21) through a real server on a ManualClock: a token bucket per key,
// `RateLimit-*` headers on every answer to a limited key, 429 with `Retry-After` in the contract's
// envelope beyond it, nothing done for a refused request, and no change at all for unlimited keys.

#include "ApiTestServer.h"

#include <QtTest>

using namespace osc;
using osc::test::ApiTestServer;

namespace {

constexpr qint64 kStart = 1'780'000'000LL * kNanosPerSecond;

QByteArray usage(int i)
{
    return R"({"meter":"api_requests","subject":"org_1","quantity":1,"idempotency_key":"k)"
        + QByteArray::number(i) + R"("})";
}

} // namespace

class tst_RateLimitApi final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void unlimitedKeysSeeNoHeaders();
    void bucketDrainsThenRefuses();
    void refillsAtTheRate();
    void burstAboveTheRate();
    void eachKeyHasItsOwnBucket();
    void changesApplyToTheNextRequest();
    void outOfRangeLimitsAreRefused();

private:
    QString createKey(const RateLimit &limit);

    ManualClock *m_clock = nullptr;
    std::unique_ptr<ApiTestServer> m_server;
};

void tst_RateLimitApi::init()
{
    auto clock = std::make_unique<ManualClock>(kStart);
    m_clock = clock.get();
    m_server = std::make_unique<ApiTestServer>(std::move(clock));
    QVERIFY(m_server->ok());
    QCOMPARE(m_server->call("POST", "/v1/meters", QJsonObject{{"name", "api_requests"}, {"unit", "request"}})
                 .status,
        201);
}

void tst_RateLimitApi::cleanup()
{
    m_server.reset();
}

QString tst_RateLimitApi::createKey(const RateLimit &limit)
{
    ApiKeyDraft draft;
    draft.name = QStringLiteral("limited");
    draft.scopes = {QStringLiteral("*")};
    draft.rateLimit = limit;
    auto created = m_server->engine().apiKeys().create(m_server->engine().defaultWorkspaceId(), draft);
    return created ? created->secret : QString();
}

void tst_RateLimitApi::unlimitedKeysSeeNoHeaders()
{
    for (int i = 0; i < 50; ++i) {
        const auto r = m_server->call("GET", "/v1/meters");
        QCOMPARE(r.status, 200);
        QVERIFY(r.header("RateLimit-Limit").isEmpty());
        QVERIFY(r.header("Retry-After").isEmpty());
    }
    const QString zero = createKey({});
    QVERIFY(m_server->call("GET", "/v1/meters", QByteArray(), zero).header("RateLimit-Limit").isEmpty());
}

void tst_RateLimitApi::bucketDrainsThenRefuses()
{
    const QString key = createKey({3, 0}); // 3 per minute: one token every 20 s, 3 at once
    for (int i = 0; i < 3; ++i) {
        const auto r = m_server->call("POST", "/v1/usages", usage(i), key); // async route: headers too
        QCOMPARE(r.status, 201);
        QCOMPARE(r.header("RateLimit-Limit"), QByteArray("3"));
        QCOMPARE(r.header("RateLimit-Remaining"), QByteArray::number(2 - i));
        QCOMPARE(r.header("RateLimit-Reset"), QByteArray::number(20 * (i + 1)));
        QCOMPARE(r.header("RateLimit-Policy"), QByteArray("3;w=60;burst=3"));
        QVERIFY(r.header("Retry-After").isEmpty());
    }
    const auto refused = m_server->call("POST", "/v1/usages", usage(99), key);
    QCOMPARE(refused.status, 429);
    QCOMPARE(refused.errorCode(), QString("too_many_requests"));
    QCOMPARE(refused.errorMessage(), QString("too many requests: this API key allows 3 requests per minute"));
    QCOMPARE(refused.header("Retry-After"), QByteArray("20"));
    QCOMPARE(refused.header("RateLimit-Remaining"), QByteArray("0"));
    QCOMPARE(refused.header("RateLimit-Reset"), QByteArray("60"));
    // Nothing was done for it: three events, not four.
    QCOMPARE(m_server->call("GET", "/v1/system/stats").object().value("usage_events").toInteger(), 3);
    // Synchronous routes are refused the same way.
    QCOMPARE(m_server->call("GET", "/v1/meters", QByteArray(), key).status, 429);
    // An unknown key is still a 401, not a 429.
    QCOMPARE(
        m_server->call("GET", "/v1/meters", QByteArray(), "osp_sk_unknown-unknown-unknown-unknown").status,
        401);
}

void tst_RateLimitApi::refillsAtTheRate()
{
    const QString key = createKey({60, 1}); // one per second, one at once
    QCOMPARE(m_server->call("GET", "/v1/meters", QByteArray(), key).status, 200);
    const auto early = m_server->call("GET", "/v1/meters", QByteArray(), key);
    QCOMPARE(early.status, 429);
    QCOMPARE(early.header("Retry-After"), QByteArray("1"));
    m_clock->advance(999'000'000);
    QCOMPARE(m_server->call("GET", "/v1/meters", QByteArray(), key).status, 429);
    m_clock->advance(1'000'000);
    const auto refilled = m_server->call("GET", "/v1/meters", QByteArray(), key);
    QCOMPARE(refilled.status, 200);
    QCOMPARE(refilled.header("RateLimit-Remaining"), QByteArray("0"));
    // A long pause refills to the burst, never beyond.
    m_clock->advance(3600 * kNanosPerSecond);
    QCOMPARE(m_server->call("GET", "/v1/meters", QByteArray(), key).header("RateLimit-Remaining"),
        QByteArray("0"));
    QCOMPARE(m_server->call("GET", "/v1/meters", QByteArray(), key).status, 429);
}

void tst_RateLimitApi::burstAboveTheRate()
{
    const QString key = createKey({1, 5}); // 5 at once, then one a minute
    for (int i = 0; i < 5; ++i)
        QCOMPARE(m_server->call("GET", "/v1/meters", QByteArray(), key).status, 200);
    const auto refused = m_server->call("GET", "/v1/meters", QByteArray(), key);
    QCOMPARE(refused.status, 429);
    QCOMPARE(refused.header("Retry-After"), QByteArray("60"));
    QCOMPARE(refused.header("RateLimit-Limit"), QByteArray("5"));
    QCOMPARE(refused.header("RateLimit-Reset"), QByteArray("300"));
}

void tst_RateLimitApi::eachKeyHasItsOwnBucket()
{
    const QString first = createKey({1, 0});
    const QString second = createKey({1, 0});
    QCOMPARE(m_server->call("GET", "/v1/meters", QByteArray(), first).status, 200);
    QCOMPARE(m_server->call("GET", "/v1/meters", QByteArray(), first).status, 429);
    QCOMPARE(m_server->call("GET", "/v1/meters", QByteArray(), second).status, 200);
    QCOMPARE(m_server->call("GET", "/v1/meters").status, 200); // the unlimited admin key
}

void tst_RateLimitApi::changesApplyToTheNextRequest()
{
    const QString key = createKey({1, 0});
    QCOMPARE(m_server->call("GET", "/v1/meters", QByteArray(), key).status, 200);
    QCOMPARE(m_server->call("GET", "/v1/meters", QByteArray(), key).status, 429);
    // By name: the admin key was made at the same (manual) instant, so list order does not tell them apart.
    QString id;
    const auto listed = m_server->engine().apiKeys().list(m_server->engine().defaultWorkspaceId());
    QVERIFY(listed);
    for (const ApiKey &k : listed.value())
        if (k.name == QLatin1StringView("limited"))
            id = k.id;
    QVERIFY(!id.isEmpty());

    // A new limit starts a fresh bucket at once (no cache delay within the process).
    QVERIFY(m_server->engine()
                .apiKeys()
                .setRateLimit(m_server->engine().defaultWorkspaceId(), id, {10, 0})
                .value());
    const auto raised = m_server->call("GET", "/v1/meters", QByteArray(), key);
    QCOMPARE(raised.status, 200);
    QCOMPARE(raised.header("RateLimit-Limit"), QByteArray("10"));
    // Unlimited again: no headers.
    QVERIFY(
        m_server->engine().apiKeys().setRateLimit(m_server->engine().defaultWorkspaceId(), id, {}).value());
    QVERIFY(m_server->call("GET", "/v1/meters", QByteArray(), key).header("RateLimit-Limit").isEmpty());
    // Revocation too takes effect on the very next request.
    QVERIFY(m_server->engine().apiKeys().revoke(m_server->engine().defaultWorkspaceId(), id).value());
    QCOMPARE(m_server->call("GET", "/v1/meters", QByteArray(), key).status, 401);
}

void tst_RateLimitApi::outOfRangeLimitsAreRefused()
{
    ApiKeyDraft draft;
    draft.name = QStringLiteral("bad");
    draft.rateLimit = {-1, 0};
    auto created = m_server->engine().apiKeys().create(m_server->engine().defaultWorkspaceId(), draft);
    QVERIFY(!created);
    QCOMPARE(created.error().message,
        QString("invalid input\nrate limit must be from 0 to 1000000 requests per minute"));
    draft.rateLimit = {10, kMaxRateLimitBurst + 1};
    created = m_server->engine().apiKeys().create(m_server->engine().defaultWorkspaceId(), draft);
    QVERIFY(!created);
    QCOMPARE(created.error().message,
        QString("invalid input\nrate limit burst must be from 0 to 1000000 requests"));
    QVERIFY(
        !m_server->engine().apiKeys().setRateLimit(m_server->engine().defaultWorkspaceId(), "x", {-5, 0}));
    QCOMPARE(m_server->engine()
                 .apiKeys()
                 .setRateLimit(m_server->engine().defaultWorkspaceId(), "nope", {5, 0})
                 .value(),
        false);
}

QTEST_GUILESS_MAIN(tst_RateLimitApi)
#include "tst_ratelimitapi.moc"
