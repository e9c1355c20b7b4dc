// Usage arriving by gRPC (CreateUsage, CreateUsageBulk, StreamUsage) feeds the same plan counters and
// entitlement worker as REST (contract §10.4, §10.7 stream vector: limit 5, usage 7 → `exceeded`).

#include "ApiTestServer.h"
#include "GrpcServer.h"
#include "GrpcTestClient.h"

#include <QJsonArray>
#include <QtTest>

using namespace osc::test;

class TestGrpcEntitlements : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void streamVector();
    void singleAndBulkCount();

private:
    std::unique_ptr<ApiTestServer> m_api;
    std::unique_ptr<osc::rpc::GrpcServer> m_grpc;
    std::unique_ptr<pb::UsageService::Stub> m_stub;
    QString m_key = QString::fromLatin1(ApiTestServer::kAdminKey);
    QString m_planId;
};

void TestGrpcEntitlements::initTestCase()
{
    m_api = std::make_unique<ApiTestServer>();
    QVERIFY(m_api->ok());
    QCOMPARE(
        m_api->call("POST", "/v1/meters", QJsonObject{{"name", "api_calls"}, {"unit", "call"}}).status, 201);
    const auto plan = m_api->call(
        "POST", "/v1/plans", QByteArray(R"({"name":"stream","limits":[{"meter":"api_calls","limit":5}]})"));
    QCOMPARE(plan.status, 201);
    m_planId = plan.object().value("id").toString();
    m_grpc = std::make_unique<osc::rpc::GrpcServer>(m_api->engine());
    osc::rpc::GrpcServer::Options options;
    options.port = 0;
    auto port = m_grpc->start(options);
    QVERIFY(port);
    m_stub = pb::UsageService::NewStub(grpcChannel(port.value()));
}

void TestGrpcEntitlements::cleanupTestCase()
{
    m_stub.reset();
    m_grpc->stop();
}

void TestGrpcEntitlements::streamVector()
{
    QCOMPARE(
        m_api->call("PUT", "/v1/plans/subjects/org_stream", QJsonObject{{"plan_id", m_planId}}).status, 200);
    grpc::ClientContext context;
    authorize(context, m_key);
    pb::StreamUsageResponse response;
    auto writer = m_stub->StreamUsage(&context, &response);
    for (const auto &[key, quantity] : {std::pair{"s-1", 3.0}, std::pair{"s-2", 4.0}}) {
        pb::StreamUsageRequest message;
        *message.mutable_event() = eventInput(
            QString::fromLatin1(key), QStringLiteral("api_calls"), quantity, QStringLiteral("org_stream"));
        QVERIFY(writer->Write(message));
    }
    QVERIFY(writer->WritesDone());
    const grpc::Status status = writer->Finish();
    QVERIFY2(status.ok(), status.error_message().c_str());
    QCOMPARE(response.accepted_count(), 2);

    QCOMPARE(m_api->engine().entitlements().runPendingJobs().value(), 1);
    const QJsonArray states
        = m_api->call("GET", "/v1/entitlements/states?subject=org_stream").object().value("items").toArray();
    QCOMPARE(states.size(), 1);
    QCOMPARE(states[0].toObject().value("state").toString(), QStringLiteral("exceeded"));
    QCOMPARE(states[0].toObject().value("current").toDouble(), 7.0);
    const QJsonArray events
        = m_api->call("GET", "/v1/entitlements/events?subject=org_stream").object().value("items").toArray();
    QCOMPARE(events.size(), 1);
    QCOMPARE(events[0].toObject().value("type").toString(), QStringLiteral("exceeded"));
}

void TestGrpcEntitlements::singleAndBulkCount()
{
    QCOMPARE(
        m_api->call("PUT", "/v1/plans/subjects/org_rpc", QJsonObject{{"plan_id", m_planId}}).status, 200);
    {
        grpc::ClientContext context;
        authorize(context, m_key);
        pb::CreateUsageRequest request;
        *request.mutable_event()
            = eventInput(QStringLiteral("r-1"), QStringLiteral("api_calls"), 1, QStringLiteral("org_rpc"));
        pb::CreateUsageResponse response;
        QVERIFY(m_stub->CreateUsage(&context, request, &response).ok());
    }
    {
        grpc::ClientContext context;
        authorize(context, m_key);
        pb::CreateUsageBulkRequest request;
        *request.add_events()
            = eventInput(QStringLiteral("r-2"), QStringLiteral("api_calls"), 2, QStringLiteral("org_rpc"));
        *request.add_events()
            = eventInput(QStringLiteral("r-1"), QStringLiteral("api_calls"), 1, QStringLiteral("org_rpc"));
        pb::CreateUsageBulkResponse response;
        QVERIFY(m_stub->CreateUsageBulk(&context, request, &response).ok());
        QCOMPARE(response.duplicates_size(), 1);
    }
    // 1 + 2; the duplicate is not counted again.
    const QJsonObject check = m_api
                                  ->call("POST", "/v1/entitlements/check",
                                      QJsonObject{{"subject", "org_rpc"}, {"meter", "api_calls"}})
                                  .object();
    QCOMPARE(check.value("current").toDouble(), 3.0);
    QCOMPARE(check.value("state").toString(), QStringLiteral("warning"));
}

QTEST_GUILESS_MAIN(TestGrpcEntitlements)
#include "tst_grpcentitlements.moc"
