// open_spanner_console.v1.IngestService/IngestStream through a real gRPC client: acknowledgements after
// commit with the client's sequence numbers, resend after a reconnect without double counting, and which
// problems are per event (the stream goes on) and which end the stream.

#include "ApiTestServer.h"
#include "GrpcServer.h"
#include "GrpcTestClient.h"

#include <QJsonArray>
#include <QtTest>

#include <cmath>

using namespace osc::test;

namespace {

using Stream = grpc::ClientReaderWriter<pbc::IngestBatch, pbc::IngestAck>;

pbc::IngestBatch batchOf(
    quint64 sequence, const QString &prefix, int events, const QString &meter = QStringLiteral("telemetry"))
{
    pbc::IngestBatch batch;
    batch.set_sequence(sequence);
    for (int i = 0; i < events; ++i)
        *batch.add_events() = eventInput(
            QStringLiteral("%1-%2").arg(prefix).arg(i), meter, 1, QStringLiteral("device-%1").arg(i % 3));
    return batch;
}

} // namespace

class TestGrpcIngestStream : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void acksCarrySequenceNumbersInOrder();
    void resendAfterReconnectDoesNotDoubleCount();
    void eventProblemsAreReportedAndTheStreamGoesOn();
    void batchProblemsEndTheStream();

private:
    qint64 stored();
    std::unique_ptr<Stream> open(grpc::ClientContext &context, const QString &key);

    std::unique_ptr<ApiTestServer> m_api;
    std::unique_ptr<osc::rpc::GrpcServer> m_grpc;
    std::unique_ptr<pbc::IngestService::Stub> m_stub;
    QString m_key = QString::fromLatin1(ApiTestServer::kAdminKey);
};

void TestGrpcIngestStream::initTestCase()
{
    m_api = std::make_unique<ApiTestServer>();
    QVERIFY(m_api->ok());
    for (const char *meter : {"telemetry", "other"}) {
        const HttpResult created = m_api->call("POST", QStringLiteral("/v1/meters"),
            QJsonObject{{QStringLiteral("name"), QLatin1StringView(meter)},
                {QStringLiteral("unit"), QStringLiteral("reading")}});
        QCOMPARE(created.status, 201);
    }
    m_grpc = std::make_unique<osc::rpc::GrpcServer>(m_api->engine());
    osc::rpc::GrpcServer::Options options;
    options.port = 0;
    auto port = m_grpc->start(options);
    QVERIFY(port);
    m_stub = pbc::IngestService::NewStub(grpcChannel(port.value()));
}

void TestGrpcIngestStream::cleanupTestCase()
{
    m_stub.reset();
    m_grpc->stop();
}

qint64 TestGrpcIngestStream::stored()
{
    auto count = m_api->engine().store().countMeterEvents(
        m_api->engine().defaultWorkspaceId(), QStringLiteral("telemetry"));
    return count ? count.value() : -1;
}

std::unique_ptr<Stream> TestGrpcIngestStream::open(grpc::ClientContext &context, const QString &key)
{
    authorize(context, key);
    return m_stub->IngestStream(&context);
}

void TestGrpcIngestStream::acksCarrySequenceNumbersInOrder()
{
    const qint64 before = stored();
    grpc::ClientContext context;
    auto stream = open(context, m_key);
    // Written before any ack is read: the server still answers each in order, after its commit.
    for (quint64 sequence : {10u, 11u, 12u})
        QVERIFY(stream->Write(batchOf(sequence, QStringLiteral("order-%1").arg(sequence), 5)));
    for (quint64 sequence : {10u, 11u, 12u}) {
        pbc::IngestAck ack;
        QVERIFY(stream->Read(&ack));
        QCOMPARE(ack.sequence(), sequence);
        QCOMPARE(ack.accepted_count(), 5);
        QCOMPARE(ack.duplicate_count(), 0);
        QCOMPARE(ack.failed_count(), 0);
    }
    // An ack means committed: the events are there before the stream ends.
    QCOMPARE(stored(), before + 15);
    QVERIFY(stream->WritesDone());
    const grpc::Status status = stream->Finish();
    QVERIFY2(status.ok(), status.error_message().c_str());

    // Each batch is one ingestion run of kind `stream`.
    const QJsonArray runs = m_api->call("GET", QStringLiteral("/v1/usageingestions?limit=3"))
                                .object()
                                .value(QStringLiteral("items"))
                                .toArray();
    QCOMPARE(runs.size(), 3);
    for (const QJsonValue &run : runs) {
        QCOMPARE(run.toObject().value(QStringLiteral("kind")).toString(), QStringLiteral("stream"));
        QCOMPARE(run.toObject().value(QStringLiteral("accepted")).toInt(), 5);
    }
}

void TestGrpcIngestStream::resendAfterReconnectDoesNotDoubleCount()
{
    const qint64 before = stored();
    qint64 acceptedAcked = 0;
    const pbc::IngestBatch first = batchOf(1, QStringLiteral("resend-1"), 20);
    const pbc::IngestBatch second = batchOf(2, QStringLiteral("resend-2"), 20);
    const pbc::IngestBatch third = batchOf(3, QStringLiteral("resend-3"), 20);
    {
        grpc::ClientContext context;
        auto stream = open(context, m_key);
        QVERIFY(stream->Write(first));
        pbc::IngestAck ack;
        QVERIFY(stream->Read(&ack));
        QCOMPARE(ack.sequence(), 1u);
        acceptedAcked += ack.accepted_count();
        // The second batch goes out, then the connection drops before its ack is read: it may or may
        // not be committed, the client cannot know.
        QVERIFY(stream->Write(second));
        context.TryCancel();
        stream->Finish();
    }
    {
        grpc::ClientContext context;
        auto stream = open(context, m_key);
        // Resend everything without an ack (batch 2), and batch 1 as well, as a client that lost its
        // ack would; then carry on with batch 3.
        for (const pbc::IngestBatch *batch : {&first, &second, &third})
            QVERIFY(stream->Write(*batch));
        QVERIFY(stream->WritesDone());
        pbc::IngestAck ack;
        QVERIFY(stream->Read(&ack));
        QCOMPARE(ack.sequence(), 1u);
        QCOMPARE(ack.accepted_count(), 0);
        QCOMPARE(ack.duplicate_count(), 20); // committed by the first attempt
        QVERIFY(stream->Read(&ack));
        QCOMPARE(ack.sequence(), 2u);
        QCOMPARE(ack.accepted_count() + ack.duplicate_count(), 20);
        acceptedAcked += ack.accepted_count();
        QVERIFY(stream->Read(&ack));
        QCOMPARE(ack.sequence(), 3u);
        QCOMPARE(ack.accepted_count(), 20);
        acceptedAcked += ack.accepted_count();
        QVERIFY(!stream->Read(&ack));
        QVERIFY(stream->Finish().ok());
    }
    // Every event stored once. The acked accepted counts miss batch 2 only if its first, unacknowledged
    // attempt committed; they never exceed what is stored.
    QCOMPARE(stored(), before + 60);
    QVERIFY2(acceptedAcked == 40 || acceptedAcked == 60, qPrintable(QString::number(acceptedAcked)));
}

void TestGrpcIngestStream::eventProblemsAreReportedAndTheStreamGoesOn()
{
    const qint64 before = stored();
    grpc::ClientContext context;
    auto stream = open(context, m_key);
    pbc::IngestBatch batch;
    batch.set_sequence(7);
    *batch.add_events() = eventInput(QStringLiteral("mixed-ok"), QStringLiteral("telemetry"));
    *batch.add_events() = eventInput(QString(), QStringLiteral("telemetry")); // no key: unsafe to resend
    pb::UsageEventInput nan = eventInput(QStringLiteral("mixed-nan"), QStringLiteral("telemetry"));
    (*nan.mutable_metadata())["temperature"].set_number_value(std::nan(""));
    *batch.add_events() = nan;
    *batch.add_events() = eventInput(QStringLiteral("mixed-404"), QStringLiteral("no_such_meter"));
    pb::UsageEventInput badTime = eventInput(QStringLiteral("mixed-ts"), QStringLiteral("telemetry"));
    badTime.mutable_timestamp()->set_nanos(-5);
    *batch.add_events() = badTime;
    *batch.add_events() = eventInput(QStringLiteral("mixed-zero"), QStringLiteral("telemetry"), 0);
    QVERIFY(stream->Write(batch));
    pbc::IngestAck ack;
    QVERIFY(stream->Read(&ack));
    QCOMPARE(ack.sequence(), 7u);
    QCOMPARE(ack.accepted_count(), 1);
    QCOMPARE(ack.failed_count(), 5);
    QCOMPARE(ack.failed_size(), 5);
    const std::vector<std::pair<int, std::string>> expected{
        {1, "invalid input: idempotency_key is required on IngestStream"},
        {2, "invalid input: metadata value \"temperature\" must be a finite number"}, {3, "not found"},
        {4, "invalid input: invalid timestamp: timestamp (seconds:0 nanos:-5) has out-of-range nanos"},
        {5, "invalid input: quantity must be greater than zero"}};
    for (int i = 0; i < 5; ++i) {
        QCOMPARE(ack.failed(i).index(), expected[i].first);
        QCOMPARE(ack.failed(i).message(), expected[i].second);
    }
    // The stream is still usable.
    QVERIFY(stream->Write(batchOf(8, QStringLiteral("mixed-next"), 2)));
    QVERIFY(stream->Read(&ack));
    QCOMPARE(ack.sequence(), 8u);
    QCOMPARE(ack.accepted_count(), 2);
    stream->WritesDone();
    QVERIFY(stream->Finish().ok());
    QCOMPARE(stored(), before + 3);
}

void TestGrpcIngestStream::batchProblemsEndTheStream()
{
    const qint64 before = stored();
    int acks = 0;
    const auto finish = [&](const QString &key, const std::vector<pbc::IngestBatch> &batches) {
        grpc::ClientContext context;
        auto stream = open(context, key);
        for (const pbc::IngestBatch &batch : batches)
            stream->Write(batch);
        stream->WritesDone();
        pbc::IngestAck ack;
        acks = 0;
        while (stream->Read(&ack))
            ++acks;
        return stream->Finish();
    };
    grpc::Status status = finish(QString(), {batchOf(1, QStringLiteral("noauth"), 1)});
    QCOMPARE(status.error_code(), grpc::StatusCode::UNAUTHENTICATED);
    QCOMPARE(acks, 0);

    const QString limited = m_api->createKey({QStringLiteral("usage:write")}, {QStringLiteral("telemetry")});
    // Batch 1 is fine and acknowledged; batch 2 names a forbidden meter: the stream ends there.
    status = finish(limited,
        {batchOf(1, QStringLiteral("limited-ok"), 2),
            batchOf(2, QStringLiteral("limited-no"), 2, QStringLiteral("other")),
            batchOf(3, QStringLiteral("limited-after"), 2)});
    QCOMPARE(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
    QCOMPARE(acks, 1);
    QCOMPARE(stored(), before + 2);

    status = finish(m_key, {pbc::IngestBatch()});
    QCOMPARE(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    QCOMPARE(status.error_message(), "invalid input: at least one usage event is required");
    status = finish(m_key, {batchOf(1, QStringLiteral("toomany"), 1001)});
    QCOMPARE(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    QCOMPARE(status.error_message(), "invalid input: bulk usage event limit is 1000");
    QCOMPARE(stored(), before + 2);
}

QTEST_GUILESS_MAIN(TestGrpcIngestStream)
#include "tst_grpcingeststream.moc"
