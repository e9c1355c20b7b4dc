#pragma once

#include "ApiTestServer.h"

#include "core/Clock.h"

#include <QJsonArray>
#include <QJsonObject>

#include <memory>

namespace osc::test {

// Plan times in tests: qint64 nanoseconds of an RFC 3339 literal.
qint64 planTime(const char *rfc3339);
constexpr qint64 kHourNs = 3600LL * 1'000'000'000;

QJsonObject limitJson(const QString &meter, double limit, const QString &period = {}, double warning = 0);
QJsonObject planBody(const QString &name, const QJsonArray &limits);

// The plan and entitlement API tests' shared state: a real server on a ManualClock pinned at
// 2026-06-08T10:00:00.250Z with the meters api_calls (sum), storage (max) and seats (sum), and the calls
// the tests make over and over. Test classes derive from it after QObject.
class PlansFixture
{
protected:
    // Call from the test's init().
    void startServer();
    // Call from the test's cleanup().
    void stopServer() { m_server.reset(); }

    QString createPlan(const QString &name, const QJsonArray &limits);
    QJsonObject assign(const QString &subject, const QString &planId, const QString &effectiveAt = {});
    void postUsage(const QString &subject, const QString &meter, double quantity, const QString &key = {});
    QJsonObject check(const QString &subject, const QString &meter, double quantity);

    ManualClock *m_clock = nullptr;
    std::unique_ptr<ApiTestServer> m_server;
};

} // namespace osc::test
