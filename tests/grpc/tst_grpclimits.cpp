// Limits of the gRPC server (contract §11.3, issue "bad input"): event counts per call, the message size
// limit, and clients that open streams and send nothing. Nothing is stored and the server stays usable.

#include "ApiTestServer.h"
#include "GrpcServer.h"
#include "GrpcTestClient.h"

#include <QtTest>

using namespace osc::test;

class TestGrpcLimits : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void bulkLimitsAreInvalidArgument();
    void thousandAndFirstStreamedEventAborts();
    void messageLargerThanTheLimitIsRefused();
    void idleStreamsCannotExhaustTheServer();

private:
    qint64 stored(const QString &meter);

    std::unique_ptr<ApiTestServer> m_api;
    std::unique_ptr<osc::rpc::GrpcServer> m_grpc;
    std::unique_ptr<pb::UsageService::Stub> m_stub;
    QString m_key = QString::fromLatin1(ApiTestServer::kAdminKey);
};

void TestGrpcLimits::initTestCase()
{
    m_api = std::make_unique<ApiTestServer>();
    QVERIFY(m_api->ok());
    const HttpResult created = m_api->call("POST", QStringLiteral("/v1/meters"),
        QJsonObject{{QStringLiteral("name"), QStringLiteral("meter_b")},
            {QStringLiteral("unit"), QStringLiteral("call")}});
    QCOMPARE(created.status, 201);
    m_grpc = std::make_unique<osc::rpc::GrpcServer>(m_api->engine());
    osc::rpc::GrpcServer::Options options;
    options.port = 0;
    auto port = m_grpc->start(options);
    QVERIFY(port);
    m_stub = pb::UsageService::NewStub(grpcChannel(port.value()));
}

void TestGrpcLimits::cleanupTestCase()
{
    m_stub.reset();
    m_grpc->stop();
}

qint64 TestGrpcLimits::stored(const QString &meter)
{
    auto count = m_api->engine().store().countMeterEvents(m_api->engine().defaultWorkspaceId(), meter);
    return count ? count.value() : -1;
}

void TestGrpcLimits::bulkLimitsAreInvalidArgument()
{
    const auto bulk = [&](int events) {
        pb::CreateUsageBulkRequest request;
        for (int i = 0; i < events; ++i)
            *request.add_events() = eventInput(QStringLiteral("limit-%1").arg(i), QStringLiteral("meter_b"));
        grpc::ClientContext context;
        authorize(context, m_key);
        pb::CreateUsageBulkResponse response;
        return m_stub->CreateUsageBulk(&context, request, &response);
    };
    const qint64 before = stored(QStringLiteral("meter_b"));
    grpc::Status status = bulk(0);
    QCOMPARE(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    QCOMPARE(status.error_message(), "invalid input: at least one usage event is required");
    status = bulk(1001);
    QCOMPARE(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    QCOMPARE(status.error_message(), "invalid input: bulk usage event limit is 1000");
    QCOMPARE(stored(QStringLiteral("meter_b")), before);
}

void TestGrpcLimits::thousandAndFirstStreamedEventAborts()
{
    const qint64 before = stored(QStringLiteral("meter_b"));
    grpc::ClientContext context;
    authorize(context, m_key);
    pb::StreamUsageResponse response;
    auto writer = m_stub->StreamUsage(&context, &response);
    pb::StreamUsageRequest message;
    int written = 0;
    for (int i = 0; i < 1001; ++i) {
        *message.mutable_event() = eventInput(QStringLiteral("s1001-%1").arg(i), QStringLiteral("meter_b"));
        if (!writer->Write(message))
            break; // the server may end the call as soon as it read the 1001st
        ++written;
    }
    QVERIFY(written >= 1000);
    writer->WritesDone();
    const grpc::Status status = writer->Finish();
    QCOMPARE(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    QCOMPARE(status.error_message(), "invalid input: bulk usage event limit is 1000");
    QCOMPARE(stored(QStringLiteral("meter_b")), before);

    // Exactly 1000 is fine.
    grpc::ClientContext full;
    authorize(full, m_key);
    pb::StreamUsageResponse fullResponse;
    auto fullWriter = m_stub->StreamUsage(&full, &fullResponse);
    for (int i = 0; i < 1000; ++i) {
        *message.mutable_event() = eventInput(QStringLiteral("s1000-%1").arg(i), QStringLiteral("meter_b"));
        QVERIFY(fullWriter->Write(message));
    }
    fullWriter->WritesDone();
    QVERIFY(fullWriter->Finish().ok());
    QCOMPARE(fullResponse.accepted_count(), 1000);
    QCOMPARE(stored(QStringLiteral("meter_b")), before + 1000);
}

void TestGrpcLimits::messageLargerThanTheLimitIsRefused()
{
    const qint64 before = stored(QStringLiteral("meter_b"));
    pb::CreateUsageBulkRequest request;
    pb::UsageEventInput event = eventInput(QStringLiteral("big-1"), QStringLiteral("meter_b"));
    (*event.mutable_metadata())["blob"].set_string_value(std::string(osc::rpc::kMaxMessageBytes + 1, 'x'));
    *request.add_events() = event;
    grpc::ClientContext context;
    authorize(context, m_key);
    pb::CreateUsageBulkResponse response;
    const grpc::Status status = m_stub->CreateUsageBulk(&context, request, &response);
    QCOMPARE(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED);
    QCOMPARE(stored(QStringLiteral("meter_b")), before);
}

void TestGrpcLimits::idleStreamsCannotExhaustTheServer()
{
    // A small server: streams that open and send nothing get a thread each until the quota is used up;
    // beyond it nothing more is spent on them and new calls fail fast. Closing them frees it all, and
    // nothing was stored.
    constexpr int kStreams = 1000;
    osc::rpc::GrpcServer small(m_api->engine());
    osc::rpc::GrpcServer::Options options;
    options.port = 0;
    options.maxThreads = 16;
    auto port = small.start(options);
    QVERIFY(port);
    auto stub = pb::UsageService::NewStub(grpcChannel(port.value()));
    struct Idle
    {
        grpc::ClientContext context;
        pb::StreamUsageResponse response;
        std::unique_ptr<grpc::ClientWriter<pb::StreamUsageRequest>> writer;
    };
    std::vector<std::unique_ptr<Idle>> idle;
    for (int i = 0; i < kStreams; ++i) {
        auto stream = std::make_unique<Idle>();
        authorize(stream->context, m_key);
        stream->writer = stub->StreamUsage(&stream->context, &stream->response);
        idle.push_back(std::move(stream));
    }
    // A unary call now is served or refused at once with RESOURCE_EXHAUSTED (no free thread); it never
    // hangs until its deadline.
    {
        pb::CreateUsageRequest request;
        *request.mutable_event() = eventInput(QStringLiteral("idle-probe"), QStringLiteral("meter_b"));
        grpc::ClientContext context;
        authorize(context, m_key, 10'000);
        pb::CreateUsageResponse response;
        const grpc::StatusCode code = stub->CreateUsage(&context, request, &response).error_code();
        QVERIFY2(code == grpc::StatusCode::OK || code == grpc::StatusCode::RESOURCE_EXHAUSTED,
            qPrintable(QString::number(int(code))));
    }
    // Only as many streams as there are threads reached a handler; the rest wait in the transport, costing no
    // thread.
    const auto handled
        = [&] { return small.stats().snapshot()[int(osc::rpc::GrpcStats::Method::StreamUsage)].calls; };
    QTRY_VERIFY(handled() > 0);
    QVERIFY2(handled() <= options.maxThreads, qPrintable(QString::number(handled())));
    for (auto &stream : idle) {
        stream->context.TryCancel();
        QCOMPARE(stream->writer->Finish().error_code(), grpc::StatusCode::CANCELLED);
    }
    idle.clear();
    // The server is unharmed: a normal call succeeds once the idle streams are gone.
    pb::CreateUsageRequest request;
    *request.mutable_event() = eventInput(QStringLiteral("idle-after"), QStringLiteral("meter_b"));
    grpc::Status status;
    for (int attempt = 0; attempt < 50; ++attempt) { // threads are released as the cancellations land
        grpc::ClientContext context;
        authorize(context, m_key);
        pb::CreateUsageResponse response;
        status = stub->CreateUsage(&context, request, &response);
        if (status.error_code() != grpc::StatusCode::RESOURCE_EXHAUSTED)
            break;
        QTest::qWait(100);
    }
    QVERIFY2(status.ok(), status.error_message().c_str());
    small.stop();
}

QTEST_GUILESS_MAIN(TestGrpcLimits)
#include "tst_grpclimits.moc"
