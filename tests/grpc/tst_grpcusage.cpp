// open_spanner.v1.UsageService through a real gRPC client (contract §11): a real engine on a temporary
// SQLite file, served by the REST server and the gRPC server side by side, as the console runs them.

#include "ApiTestServer.h"
#include "GrpcServer.h"
#include "GrpcTestClient.h"

#include <QJsonArray>
#include <QtTest>

#include <cmath>
#include <thread>

using namespace osc::test;

class TestGrpcUsage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void bulkOfTwoIsAccepted();
    void streamOfOneIsAcceptedAndVisibleOverRest();
    void createUsageReplaysAndMapsErrors();
    void limitedKeyWritingAnotherMeterIsDenied();
    void credentialsAreRequired_data();
    void credentialsAreRequired();
    void metadataLookupOrder();
    void allInvalidBulkIsOkWithFailures();
    void emptyStreamAndMissingEventAreInvalid();
    void nonFiniteMetadataIsInvalid();
    void timestampsKeepFullPrecision_data();
    void timestampsKeepFullPrecision();
    void invalidTimestampIsInvalid_data();
    void invalidTimestampIsInvalid();
    void batchReplayByKeyReturnsTheStoredBatch();
    void restAndGrpcWritingOneKeyStoreOneEvent();

private:
    void createMeter(const QString &name);
    qint64 stored(const QString &meter);

    std::unique_ptr<ApiTestServer> m_api;
    std::unique_ptr<osc::rpc::GrpcServer> m_grpc;
    std::unique_ptr<pb::UsageService::Stub> m_stub;
    QString m_key = QString::fromLatin1(ApiTestServer::kAdminKey);
};

void TestGrpcUsage::initTestCase()
{
    m_api = std::make_unique<ApiTestServer>();
    QVERIFY(m_api->ok());
    m_grpc = std::make_unique<osc::rpc::GrpcServer>(m_api->engine());
    osc::rpc::GrpcServer::Options options;
    options.port = 0;
    auto port = m_grpc->start(options);
    QVERIFY2(port, port ? "" : qPrintable(port.error().message));
    QVERIFY(m_grpc->isListening());
    QCOMPARE(m_grpc->listenAddress(), QStringLiteral("127.0.0.1:%1").arg(port.value()));
    m_stub = pb::UsageService::NewStub(grpcChannel(port.value()));
    for (const char *meter : {"api_calls", "meter_a", "meter_b", "strict"})
        createMeter(QString::fromLatin1(meter));
}

void TestGrpcUsage::cleanupTestCase()
{
    m_stub.reset();
    if (m_grpc)
        m_grpc->stop();
    QVERIFY(!m_grpc->isListening());
}

void TestGrpcUsage::createMeter(const QString &name)
{
    QJsonObject meter{{QStringLiteral("name"), name}, {QStringLiteral("unit"), QStringLiteral("call")}};
    if (name == QLatin1StringView("strict"))
        meter.insert(QStringLiteral("dimensions"),
            QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("region")},
                {QStringLiteral("type"), QStringLiteral("string")}, {QStringLiteral("required"), true}}});
    const HttpResult created = m_api->call("POST", QStringLiteral("/v1/meters"), meter);
    QVERIFY2(created.status == 201, created.body.constData());
}

qint64 TestGrpcUsage::stored(const QString &meter)
{
    auto count = m_api->engine().store().countMeterEvents(m_api->engine().defaultWorkspaceId(), meter);
    return count ? count.value() : -1;
}

void TestGrpcUsage::bulkOfTwoIsAccepted()
{
    pb::CreateUsageBulkRequest request;
    *request.add_events() = eventInput(QStringLiteral("bulk-1"), QStringLiteral("api_calls"), 2);
    pb::UsageEventInput second = eventInput(QStringLiteral("bulk-2"), QStringLiteral("api_calls"), 0.5);
    second.mutable_timestamp()->set_seconds(1'780'000'000);
    second.mutable_timestamp()->set_nanos(123'456'789);
    auto &metadata = *second.mutable_metadata();
    metadata["region"].set_string_value("eu-west");
    metadata["status"].set_number_value(200);
    metadata["cached"].set_bool_value(true);
    metadata["nothing"].set_null_value(google::protobuf::NULL_VALUE);
    (*metadata["nested"].mutable_struct_value()->mutable_fields())["tier"].set_string_value("gold");
    metadata["tags"].mutable_list_value()->add_values()->set_string_value("a");
    *request.add_events() = second;

    grpc::ClientContext context;
    authorize(context, m_key);
    pb::CreateUsageBulkResponse response;
    const grpc::Status status = m_stub->CreateUsageBulk(&context, request, &response);
    QVERIFY2(status.ok(), status.error_message().c_str());
    QCOMPARE(response.accepted_count(), 2);
    QCOMPARE(response.duplicate_count(), 0);
    QCOMPARE(response.failed_count(), 0);
    QCOMPARE(response.accepted_size(), 2);
    const pb::UsageEvent &event = response.accepted(1);
    QCOMPARE(event.idempotency_key(), "bulk-2");
    QCOMPARE(event.quantity(), 0.5);
    // Full precision on the way out (REST would say ...:40Z).
    QCOMPARE(event.timestamp().seconds(), 1'780'000'000);
    QCOMPARE(event.timestamp().nanos(), 123'456'789);
    QVERIFY(event.received_at().seconds() > 0);
    QVERIFY(!event.id().empty());
    QCOMPARE(event.metadata().at("region").string_value(), "eu-west");
    QCOMPARE(event.metadata().at("status").number_value(), 200.0);
    QCOMPARE(event.metadata().at("cached").bool_value(), true);
    QCOMPARE(event.metadata().at("nothing").kind_case(), google::protobuf::Value::kNullValue);
    QCOMPARE(event.metadata().at("nested").struct_value().fields().at("tier").string_value(), "gold");
    QCOMPARE(event.metadata().at("tags").list_value().values(0).string_value(), "a");
    QCOMPARE(stored(QStringLiteral("api_calls")), 2);
}

void TestGrpcUsage::streamOfOneIsAcceptedAndVisibleOverRest()
{
    grpc::ClientContext context;
    authorize(context, m_key);
    pb::StreamUsageResponse response;
    auto writer = m_stub->StreamUsage(&context, &response);
    pb::StreamUsageRequest message;
    *message.mutable_event() = eventInput(QStringLiteral("stream-1"), QStringLiteral("api_calls"), 3);
    QVERIFY(writer->Write(message));
    QVERIFY(writer->WritesDone());
    const grpc::Status status = writer->Finish();
    QVERIFY2(status.ok(), status.error_message().c_str());
    QCOMPARE(response.accepted_count(), 1);
    QCOMPARE(response.duplicate_count(), 0);
    QCOMPARE(response.failed_count(), 0);

    // Contract §11.3: bulk of 2 plus stream of 1 are then visible over REST (3 in total).
    const HttpResult events = m_api->call("GET", QStringLiteral("/v1/usageevents?meter=api_calls"));
    QCOMPARE(events.status, 200);
    QCOMPARE(events.object().value(QStringLiteral("items")).toArray().size(), 3);
    // And the ingestion history names the door: newest first, `stream`, then `bulk`.
    const HttpResult runs = m_api->call("GET", QStringLiteral("/v1/usageingestions"));
    const QJsonArray items = runs.object().value(QStringLiteral("items")).toArray();
    QVERIFY(items.size() >= 2);
    QCOMPARE(items[0].toObject().value(QStringLiteral("kind")).toString(), QStringLiteral("stream"));
    QCOMPARE(items[0].toObject().value(QStringLiteral("accepted")).toInt(), 1);
    QCOMPARE(items[1].toObject().value(QStringLiteral("kind")).toString(), QStringLiteral("bulk"));
    QCOMPARE(items[1].toObject().value(QStringLiteral("accepted")).toInt(), 2);
}

void TestGrpcUsage::createUsageReplaysAndMapsErrors()
{
    pb::CreateUsageRequest request;
    *request.mutable_event() = eventInput(QStringLiteral("single-1"), QStringLiteral("meter_a"), 13);
    pb::CreateUsageResponse first;
    {
        grpc::ClientContext context;
        authorize(context, m_key);
        QVERIFY(m_stub->CreateUsage(&context, request, &first).ok());
    }
    // A replay with another quantity returns the original event, OK (contract §5.3).
    request.mutable_event()->set_quantity(9);
    pb::CreateUsageResponse replay;
    {
        grpc::ClientContext context;
        authorize(context, m_key);
        QVERIFY(m_stub->CreateUsage(&context, request, &replay).ok());
    }
    QCOMPARE(replay.event().id(), first.event().id());
    QCOMPARE(replay.event().quantity(), 13.0);
    QCOMPARE(stored(QStringLiteral("meter_a")), 1);

    const auto call = [&](const pb::CreateUsageRequest &r) {
        grpc::ClientContext context;
        authorize(context, m_key);
        pb::CreateUsageResponse response;
        return m_stub->CreateUsage(&context, r, &response);
    };
    grpc::Status status = call(pb::CreateUsageRequest());
    QCOMPARE(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    QCOMPARE(status.error_message(), "invalid input: usage event is required");
    pb::CreateUsageRequest unknown;
    *unknown.mutable_event() = eventInput(QStringLiteral("u-1"), QStringLiteral("no_such_meter"));
    status = call(unknown);
    QCOMPARE(status.error_code(), grpc::StatusCode::NOT_FOUND);
    QCOMPARE(status.error_message(), "not found");
    pb::CreateUsageRequest zero;
    *zero.mutable_event() = eventInput(QStringLiteral("z-1"), QStringLiteral("meter_a"), 0);
    status = call(zero);
    QCOMPARE(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    QCOMPARE(status.error_message(), "invalid input: quantity must be greater than zero");
    QCOMPARE(stored(QStringLiteral("meter_a")), 1);
}

void TestGrpcUsage::limitedKeyWritingAnotherMeterIsDenied()
{
    const QString limited = m_api->createKey({QStringLiteral("usage:write")}, {QStringLiteral("meter_a")});
    const qint64 before = stored(QStringLiteral("meter_a"));
    // One allowed and one forbidden meter: the whole call fails before anything is written.
    pb::CreateUsageBulkRequest request;
    *request.add_events() = eventInput(QStringLiteral("lim-a"), QStringLiteral("meter_a"));
    *request.add_events() = eventInput(QStringLiteral("lim-b"), QStringLiteral("meter_b"));
    {
        grpc::ClientContext context;
        authorize(context, limited);
        pb::CreateUsageBulkResponse response;
        const grpc::Status status = m_stub->CreateUsageBulk(&context, request, &response);
        QCOMPARE(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
        QCOMPARE(status.error_message(), "forbidden\napi key cannot access meter \"meter_b\"");
    }
    {
        grpc::ClientContext context;
        authorize(context, limited);
        pb::StreamUsageResponse response;
        auto writer = m_stub->StreamUsage(&context, &response);
        pb::StreamUsageRequest message;
        *message.mutable_event() = eventInput(QStringLiteral("lim-s"), QStringLiteral("meter_b"));
        writer->Write(message);
        writer->WritesDone();
        QCOMPARE(writer->Finish().error_code(), grpc::StatusCode::PERMISSION_DENIED);
    }
    QCOMPARE(stored(QStringLiteral("meter_a")), before);
    QCOMPARE(stored(QStringLiteral("meter_b")), 0);

    // A key without usage:write at all.
    const QString readOnly = m_api->createKey({QStringLiteral("usage:read")});
    {
        pb::CreateUsageRequest request;
        *request.mutable_event() = eventInput(QStringLiteral("ro-1"), QStringLiteral("meter_b"));
        grpc::ClientContext context;
        authorize(context, readOnly);
        pb::CreateUsageResponse response;
        const grpc::Status status = m_stub->CreateUsage(&context, request, &response);
        QCOMPARE(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
        // The engine's message, the same REST answers with.
        QCOMPARE(status.error_message(), "forbidden\nnot allowed to usage:write usage");
    }
    QCOMPARE(stored(QStringLiteral("meter_b")), 0);

    // The same limited key writing its own meter works.
    pb::CreateUsageRequest own;
    *own.mutable_event() = eventInput(QStringLiteral("lim-own"), QStringLiteral("meter_a"));
    grpc::ClientContext context;
    authorize(context, limited);
    pb::CreateUsageResponse response;
    QVERIFY(m_stub->CreateUsage(&context, own, &response).ok());
}

void TestGrpcUsage::credentialsAreRequired_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("message");
    QTest::newRow("none") << QString() << "unauthorized";
    QTest::newRow("bad key") << "osp_sk_not-a-real-key-000000000000000000000000000"
                             << "unauthorized\ninvalid credentials";
}

void TestGrpcUsage::credentialsAreRequired()
{
    QFETCH(QString, key);
    QFETCH(QString, message);
    const qint64 before = stored(QStringLiteral("meter_b"));
    {
        grpc::ClientContext context;
        authorize(context, key);
        pb::CreateUsageRequest request;
        *request.mutable_event() = eventInput(QStringLiteral("auth-1"), QStringLiteral("meter_b"));
        pb::CreateUsageResponse response;
        const grpc::Status status = m_stub->CreateUsage(&context, request, &response);
        QCOMPARE(status.error_code(), grpc::StatusCode::UNAUTHENTICATED);
        QCOMPARE(QString::fromStdString(status.error_message()), message);
    }
    {
        grpc::ClientContext context;
        authorize(context, key);
        pb::CreateUsageBulkRequest request;
        *request.add_events() = eventInput(QStringLiteral("auth-2"), QStringLiteral("meter_b"));
        pb::CreateUsageBulkResponse response;
        QCOMPARE(m_stub->CreateUsageBulk(&context, request, &response).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
    }
    {
        grpc::ClientContext context;
        authorize(context, key);
        pb::StreamUsageResponse response;
        auto writer = m_stub->StreamUsage(&context, &response);
        pb::StreamUsageRequest message;
        *message.mutable_event() = eventInput(QStringLiteral("auth-3"), QStringLiteral("meter_b"));
        writer->Write(message);
        writer->WritesDone();
        QCOMPARE(writer->Finish().error_code(), grpc::StatusCode::UNAUTHENTICATED);
    }
    QCOMPARE(stored(QStringLiteral("meter_b")), before);
}

void TestGrpcUsage::metadataLookupOrder()
{
    const auto create = [&](const std::vector<std::pair<std::string, std::string>> &metadata) {
        grpc::ClientContext context;
        authorize(context, QString());
        for (const auto &[name, value] : metadata)
            context.AddMetadata(name, value);
        pb::CreateUsageRequest request;
        *request.mutable_event() = eventInput(QString(), QStringLiteral("meter_b"));
        pb::CreateUsageResponse response;
        return m_stub->CreateUsage(&context, request, &response).error_code();
    };
    const std::string good = m_key.toStdString();
    QCOMPARE(create({{"x-open-spanner-api-key", good}}), grpc::StatusCode::OK);
    QCOMPARE(create({{"x-api-key", good}}), grpc::StatusCode::OK);
    QCOMPARE(create({{"authorization", "bearer " + good}}), grpc::StatusCode::OK);
    // A present API-key header is used exclusively: a bad one is not rescued by a good bearer.
    QCOMPARE(create({{"x-open-spanner-api-key", "osp_sk_bad"}, {"authorization", "Bearer " + good}}),
        grpc::StatusCode::UNAUTHENTICATED);
    QCOMPARE(create({{"x-api-key", "osp_sk_bad"}, {"authorization", "Bearer " + good}}),
        grpc::StatusCode::UNAUTHENTICATED);
    QCOMPARE(create({{"authorization", "Basic " + good}}), grpc::StatusCode::UNAUTHENTICATED);
}

void TestGrpcUsage::allInvalidBulkIsOkWithFailures()
{
    pb::CreateUsageBulkRequest request;
    *request.add_events() = eventInput(QStringLiteral("inv-1"), QStringLiteral("meter_b"), -1);
    *request.add_events() = eventInput(QStringLiteral("inv-2"), QStringLiteral("no_such_meter"));
    *request.add_events()
        = eventInput(QStringLiteral("inv-3"), QStringLiteral("meter_b"), 1, QStringLiteral("bad subject!"));
    *request.add_events() = eventInput(QStringLiteral("inv-4"), QStringLiteral("strict")); // region required
    grpc::ClientContext context;
    authorize(context, m_key);
    pb::CreateUsageBulkResponse response;
    const grpc::Status status = m_stub->CreateUsageBulk(&context, request, &response);
    QVERIFY2(status.ok(), status.error_message().c_str()); // OK even though every item failed
    QCOMPARE(response.accepted_count(), 0);
    QCOMPARE(response.duplicate_count(), 0);
    QCOMPARE(response.failed_count(), 4);
    QCOMPARE(response.failed_size(), 4);
    for (int i = 0; i < 4; ++i)
        QCOMPARE(response.failed(i).index(), i);
    QCOMPARE(response.failed(0).code(), "invalid_input");
    QCOMPARE(response.failed(0).message(), "invalid input: quantity must be greater than zero");
    QCOMPARE(response.failed(1).code(), "not_found");
    QCOMPARE(response.failed(3).message(), "invalid input: dimension \"region\" is required");
    QCOMPARE(stored(QStringLiteral("strict")), 0);
}

void TestGrpcUsage::emptyStreamAndMissingEventAreInvalid()
{
    const qint64 before = stored(QStringLiteral("meter_b"));
    {
        grpc::ClientContext context;
        authorize(context, m_key);
        pb::StreamUsageResponse response;
        auto writer = m_stub->StreamUsage(&context, &response);
        writer->WritesDone();
        const grpc::Status status = writer->Finish();
        QCOMPARE(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
        QCOMPARE(status.error_message(), "invalid input: at least one usage event is required");
    }
    {
        // A message without its event (a null element): the whole stream is refused.
        grpc::ClientContext context;
        authorize(context, m_key);
        pb::StreamUsageResponse response;
        auto writer = m_stub->StreamUsage(&context, &response);
        pb::StreamUsageRequest message;
        *message.mutable_event() = eventInput(QStringLiteral("null-1"), QStringLiteral("meter_b"));
        writer->Write(message);
        writer->Write(pb::StreamUsageRequest());
        writer->WritesDone();
        const grpc::Status status = writer->Finish();
        QCOMPARE(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
        QCOMPARE(status.error_message(), "invalid input: usage event is required");
    }
    QCOMPARE(stored(QStringLiteral("meter_b")), before);
}

void TestGrpcUsage::nonFiniteMetadataIsInvalid()
{
    const qint64 before = stored(QStringLiteral("meter_b"));
    for (const double bad : {std::nan(""), HUGE_VAL}) {
        pb::CreateUsageBulkRequest request;
        *request.add_events() = eventInput(QStringLiteral("nan-ok"), QStringLiteral("meter_b"));
        pb::UsageEventInput event = eventInput(QStringLiteral("nan-1"), QStringLiteral("meter_b"));
        (*(*event.mutable_metadata())["deep"].mutable_struct_value()->mutable_fields())["ratio"]
            .set_number_value(bad);
        *request.add_events() = event;
        grpc::ClientContext context;
        authorize(context, m_key);
        pb::CreateUsageBulkResponse response;
        const grpc::Status status = m_stub->CreateUsageBulk(&context, request, &response);
        QCOMPARE(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
        QCOMPARE(status.error_message(), "invalid input: metadata value \"deep\" must be a finite number");
    }
    QCOMPARE(stored(QStringLiteral("meter_b")), before);
}

void TestGrpcUsage::timestampsKeepFullPrecision_data()
{
    QTest::addColumn<qint64>("seconds");
    QTest::addColumn<int>("nanos");
    QTest::newRow("2026") << qint64(1'780'000'000) << 123'456'789;
    QTest::newRow("epoch") << qint64(0) << 0;
    QTest::newRow("before 1970") << qint64(-1) << 5;
    QTest::newRow("last nanosecond of a second") << qint64(1'700'000'000) << 999'999'999;
    QTest::newRow("1700") << qint64(-8'520'336'000) << 1;
    QTest::newRow("2262") << qint64(9'214'646'400) << 42;
    // Beyond int64 nanoseconds (1678–2262), which the store once refused.
    QTest::newRow("2999, last nanosecond") << qint64(32'503'679'999) << 999'999'999;
    QTest::newRow("year 1, first instant") << qint64(-62'135'596'800) << 0;
    QTest::newRow("year 9999, last instant") << qint64(253'402'300'799) << 999'999'999;
    QTest::newRow("1066") << qint64(-28'502'755'200) << 7;
}

void TestGrpcUsage::timestampsKeepFullPrecision()
{
    QFETCH(qint64, seconds);
    QFETCH(int, nanos);
    pb::CreateUsageRequest request;
    *request.mutable_event() = eventInput(QString(), QStringLiteral("meter_a"));
    request.mutable_event()->mutable_timestamp()->set_seconds(seconds);
    request.mutable_event()->mutable_timestamp()->set_nanos(nanos);
    grpc::ClientContext context;
    authorize(context, m_key);
    pb::CreateUsageResponse response;
    const grpc::Status status = m_stub->CreateUsage(&context, request, &response);
    QVERIFY2(status.ok(), status.error_message().c_str());
    QCOMPARE(qint64(response.event().timestamp().seconds()), seconds);
    QCOMPARE(response.event().timestamp().nanos(), nanos);
}

void TestGrpcUsage::invalidTimestampIsInvalid_data()
{
    QTest::addColumn<qint64>("seconds");
    QTest::addColumn<int>("nanos");
    QTest::addColumn<QString>("why");
    QTest::newRow("negative nanos") << qint64(1'700'000'000) << -1 << "has out-of-range nanos";
    QTest::newRow("nanos overflow") << qint64(1'700'000'000) << 1'000'000'000 << "has out-of-range nanos";
    QTest::newRow("year 10000") << qint64(253'402'300'800) << 0 << "after 9999-12-31";
    QTest::newRow("before year 1") << qint64(-62'135'596'801) << 0 << "before 0001-01-01";
}

void TestGrpcUsage::invalidTimestampIsInvalid()
{
    QFETCH(qint64, seconds);
    QFETCH(int, nanos);
    QFETCH(QString, why);
    const qint64 before = stored(QStringLiteral("meter_b"));
    pb::CreateUsageRequest request;
    *request.mutable_event() = eventInput(QStringLiteral("ts-1"), QStringLiteral("meter_b"));
    request.mutable_event()->mutable_timestamp()->set_seconds(seconds);
    request.mutable_event()->mutable_timestamp()->set_nanos(nanos);
    grpc::ClientContext context;
    authorize(context, m_key);
    pb::CreateUsageResponse response;
    const grpc::Status status = m_stub->CreateUsage(&context, request, &response);
    QCOMPARE(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    const QString message = QString::fromStdString(status.error_message());
    QVERIFY2(message.startsWith(QStringLiteral("invalid input: invalid timestamp: ")), qPrintable(message));
    QVERIFY2(message.endsWith(why), qPrintable(message));
    QCOMPARE(stored(QStringLiteral("meter_b")), before);
}

void TestGrpcUsage::batchReplayByKeyReturnsTheStoredBatch()
{
    // CreateUsageBulk: the request's idempotency_key field.
    pb::CreateUsageBulkRequest request;
    request.set_idempotency_key("batch-1");
    *request.add_events() = eventInput(QStringLiteral("rb-1"), QStringLiteral("meter_b"));
    *request.add_events() = eventInput(QStringLiteral("rb-2"), QStringLiteral("meter_b"));
    pb::CreateUsageBulkResponse first;
    {
        grpc::ClientContext context;
        authorize(context, m_key);
        QVERIFY(m_stub->CreateUsageBulk(&context, request, &first).ok());
    }
    const qint64 after = stored(QStringLiteral("meter_b"));
    pb::CreateUsageBulkRequest replay;
    replay.set_idempotency_key("batch-1");
    *replay.add_events() = eventInput(QStringLiteral("rb-other"), QStringLiteral("meter_b"), 100);
    pb::CreateUsageBulkResponse second;
    {
        grpc::ClientContext context;
        authorize(context, m_key);
        QVERIFY(m_stub->CreateUsageBulk(&context, replay, &second).ok());
    }
    QCOMPARE(second.accepted_count(), 2);
    QCOMPARE(second.accepted(0).id(), first.accepted(0).id());
    QCOMPARE(second.accepted(1).id(), first.accepted(1).id());
    // The replay record keeps nanoseconds: the replayed events are the stored ones, to the nanosecond.
    for (int i = 0; i < 2; ++i) {
        QCOMPARE(second.accepted(i).timestamp().seconds(), first.accepted(i).timestamp().seconds());
        QCOMPARE(second.accepted(i).timestamp().nanos(), first.accepted(i).timestamp().nanos());
        QCOMPARE(second.accepted(i).received_at().nanos(), first.accepted(i).received_at().nanos());
    }
    QVERIFY(first.accepted(0).received_at().nanos() != 0 || first.accepted(1).received_at().nanos() != 0);
    QCOMPARE(stored(QStringLiteral("meter_b")), after);

    // StreamUsage: the batch key comes from metadata; per-event keys make a plain resend duplicates.
    const auto stream = [&](const char *metadataKey, const QString &batch, const QStringList &keys) {
        grpc::ClientContext context;
        authorize(context, m_key);
        if (metadataKey)
            context.AddMetadata(metadataKey, batch.toStdString());
        pb::StreamUsageResponse response;
        auto writer = m_stub->StreamUsage(&context, &response);
        for (const QString &key : keys) {
            pb::StreamUsageRequest message;
            *message.mutable_event() = eventInput(key, QStringLiteral("meter_b"));
            writer->Write(message);
        }
        writer->WritesDone();
        const grpc::Status status = writer->Finish();
        if (!status.ok())
            qWarning() << status.error_message().c_str();
        return response;
    };
    const pb::StreamUsageResponse firstStream = stream(
        "idempotency-key", QStringLiteral("sb-1"), {QStringLiteral("sb-e1"), QStringLiteral("sb-e2")});
    QCOMPARE(firstStream.accepted_count(), 2);
    const qint64 afterStream = stored(QStringLiteral("meter_b"));
    const pb::StreamUsageResponse replayedStream
        = stream("x-open-spanner-idempotency-key", QStringLiteral("sb-1"), {QStringLiteral("sb-new")});
    QCOMPARE(replayedStream.accepted_count(), 2);
    QCOMPARE(replayedStream.accepted(0).id(), firstStream.accepted(0).id());
    const pb::StreamUsageResponse resent
        = stream(nullptr, QString(), {QStringLiteral("sb-e1"), QStringLiteral("sb-e2")});
    QCOMPARE(resent.accepted_count(), 0);
    QCOMPARE(resent.duplicate_count(), 2);
    QCOMPARE(resent.duplicates(0).id(), firstStream.accepted(0).id());
    QCOMPARE(stored(QStringLiteral("meter_b")), afterStream);
}

void TestGrpcUsage::restAndGrpcWritingOneKeyStoreOneEvent()
{
    // Each round races one REST post and one gRPC call on the same key; both must answer with the one
    // stored event. (Which wins varies; the assertion holds for every interleaving.)
    constexpr int kRounds = 25;
    const qint64 before = stored(QStringLiteral("meter_a"));
    for (int round = 0; round < kRounds; ++round) {
        const QString key = QStringLiteral("race-%1").arg(round);
        std::string grpcId;
        grpc::Status grpcStatus;
        std::thread grpcClient([&] {
            pb::CreateUsageRequest request;
            *request.mutable_event() = eventInput(key, QStringLiteral("meter_a"), 2);
            grpc::ClientContext context;
            authorize(context, m_key);
            pb::CreateUsageResponse response;
            grpcStatus = m_stub->CreateUsage(&context, request, &response);
            grpcId = response.event().id();
        });
        const HttpResult rest = m_api->call("POST", QStringLiteral("/v1/usages"),
            QJsonObject{{QStringLiteral("idempotency_key"), key},
                {QStringLiteral("subject"), QStringLiteral("org_1")},
                {QStringLiteral("meter"), QStringLiteral("meter_a")}, {QStringLiteral("quantity"), 2}});
        grpcClient.join();
        QCOMPARE(rest.status, 201);
        QVERIFY2(grpcStatus.ok(), grpcStatus.error_message().c_str());
        QCOMPARE(QString::fromStdString(grpcId), rest.object().value(QStringLiteral("id")).toString());
    }
    QCOMPARE(stored(QStringLiteral("meter_a")), before + kRounds);
}

QTEST_GUILESS_MAIN(TestGrpcUsage)
#include "tst_grpcusage.moc"
