#include "PlansFixture.h"

#include "core/Rfc3339.h"

#include <QDebug>
#include <QtTest>

namespace osc::test {

qint64 planTime(const char *rfc3339)
{
    return rfc3339::parse(std::string_view(rfc3339))->toInt64();
}

QJsonObject limitJson(const QString &meter, double limit, const QString &period, double warning)
{
    QJsonObject o{{"meter", meter}, {"limit", limit}};
    if (!period.isEmpty())
        o.insert("period", period);
    if (warning != 0)
        o.insert("warning_percent", warning);
    return o;
}

QJsonObject planBody(const QString &name, const QJsonArray &limits)
{
    return QJsonObject{{"name", name}, {"limits", limits}};
}

void PlansFixture::startServer()
{
    auto clock = std::make_unique<ManualClock>(planTime("2026-06-08T10:00:00.250Z"));
    m_clock = clock.get();
    m_server = std::make_unique<ApiTestServer>(std::move(clock));
    QVERIFY(m_server->ok());
    for (const auto &[name, aggregation] :
        {std::pair{"api_calls", "sum"}, std::pair{"storage", "max"}, std::pair{"seats", "sum"}})
        QCOMPARE(m_server
                     ->call("POST", "/v1/meters",
                         QJsonObject{{"name", name}, {"unit", "unit"}, {"aggregation", aggregation}})
                     .status,
            201);
}

QString PlansFixture::createPlan(const QString &name, const QJsonArray &limits)
{
    const auto r = m_server->call("POST", "/v1/plans", planBody(name, limits));
    if (r.status != 201)
        qWarning() << r.status << r.body;
    return r.object().value("id").toString();
}

QJsonObject PlansFixture::assign(const QString &subject, const QString &planId, const QString &effectiveAt)
{
    QJsonObject body{{"plan_id", planId}};
    if (!effectiveAt.isEmpty())
        body.insert("effective_at", effectiveAt);
    const auto r = m_server->call("PUT", "/v1/plans/subjects/" + subject, body);
    if (r.status != 200)
        qWarning() << r.status << r.body;
    return r.object();
}

void PlansFixture::postUsage(
    const QString &subject, const QString &meter, double quantity, const QString &key)
{
    QJsonObject body{{"subject", subject}, {"meter", meter}, {"quantity", quantity}};
    if (!key.isEmpty())
        body.insert("idempotency_key", key);
    const auto r = m_server->call("POST", "/v1/usages", body);
    QCOMPARE(r.status, 201);
}

QJsonObject PlansFixture::check(const QString &subject, const QString &meter, double quantity)
{
    const auto r = m_server->call("POST", "/v1/entitlements/check",
        QJsonObject{{"subject", subject}, {"meter", meter}, {"quantity", quantity}});
    if (r.status != 200)
        qWarning() << r.status << r.body;
    return r.object();
}

} // namespace osc::test
