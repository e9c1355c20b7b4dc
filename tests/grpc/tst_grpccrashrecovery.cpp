// Crash test of IngestStream's promise: an ack is sent only after its batch is committed, and a client
// that resends every unacknowledged batch after a reconnect counts nothing twice. The built binary
// serves while this test streams batches; it is SIGKILLed with a batch in flight (written, not yet
// acknowledged), restarted, and the client resends. In the end every acknowledged event is stored
// exactly once and no event is stored twice.

#include "GrpcTestClient.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QProcess>
#include <QSet>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <sqlite3.h>

#include <deque>

using namespace osc::test;

namespace {

const QByteArray kBootstrapKey = "osp_sk_grpccrashgrpccrashgrpccrashgrpccrash123";
constexpr int kCycles = 3; // server kills
constexpr int kBatches = 24;
constexpr int kEventsPerBatch = 25;

quint16 freePort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        return 0;
    return server.serverPort();
}

pbc::IngestBatch makeBatch(quint64 sequence)
{
    pbc::IngestBatch batch;
    batch.set_sequence(sequence);
    for (int i = 0; i < kEventsPerBatch; ++i) {
        pb::UsageEventInput *event = batch.add_events();
        *event = eventInput(QStringLiteral("b%1-e%2").arg(sequence).arg(i), QStringLiteral("telemetry"), 1,
            QStringLiteral("device-%1").arg(i % 5));
        (*event->mutable_metadata())["temperature"].set_number_value(20.5 + i);
    }
    return batch;
}

} // namespace

class TstGrpcCrashRecovery : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void acknowledgedBatchesSurviveSigkill();

private:
    bool startServer();
    int httpPost(const QString &path, const QByteArray &body);
    qint64 scalar(const char *sql);

    QString m_binary;
    QTemporaryDir m_dir;
    quint16 m_httpPort = 0;
    quint16 m_grpcPort = 0;
    QProcess m_server;
    QNetworkAccessManager m_network;
};

void TstGrpcCrashRecovery::initTestCase()
{
    m_binary = qEnvironmentVariable("OPEN_SPANNER_TEST_BINARY");
    QVERIFY2(!m_binary.isEmpty(), "OPEN_SPANNER_TEST_BINARY is not set (run through ctest)");
    QVERIFY(m_dir.isValid());
    m_network.setProxy(QNetworkProxy::NoProxy);
}

bool TstGrpcCrashRecovery::startServer()
{
    m_httpPort = freePort();
    m_grpcPort = freePort();
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("OPEN_SPANNER_BOOTSTRAP_API_KEY"), QString::fromLatin1(kBootstrapKey));
    m_server.setProcessEnvironment(env);
    m_server.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_server.start(m_binary,
        {QStringLiteral("--headless"), QStringLiteral("--data-dir"), m_dir.path(), QStringLiteral("--listen"),
            QStringLiteral("127.0.0.1:%1").arg(m_httpPort), QStringLiteral("--grpc-listen"),
            QStringLiteral("127.0.0.1:%1").arg(m_grpcPort)});
    if (!m_server.waitForStarted(10'000))
        return false;
    // Ready when gRPC accepts connections (it starts right after REST).
    auto channel = grpcChannel(m_grpcPort);
    return channel->WaitForConnected(std::chrono::system_clock::now() + std::chrono::seconds(20));
}

int TstGrpcCrashRecovery::httpPost(const QString &path, const QByteArray &body)
{
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_httpPort).arg(path)));
    request.setRawHeader("Authorization", "Bearer " + kBootstrapKey);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QNetworkReply *reply = m_network.post(request, body);
    QEventLoop loop;
    connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(10'000, &loop, &QEventLoop::quit);
    loop.exec();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    reply->deleteLater();
    return status;
}

qint64 TstGrpcCrashRecovery::scalar(const char *sql)
{
    sqlite3 *db = nullptr;
    const QByteArray path = m_dir.filePath(QStringLiteral("open-spanner.db")).toUtf8();
    qint64 value = -1;
    if (sqlite3_open_v2(path.constData(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
        sqlite3_stmt *stmt = nullptr;
        if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW)
            value = sqlite3_column_int64(stmt, 0);
        sqlite3_finalize(stmt);
    }
    sqlite3_close(db);
    return value;
}

void TstGrpcCrashRecovery::acknowledgedBatchesSurviveSigkill()
{
    QVERIFY(startServer());
    QCOMPARE(httpPost(QStringLiteral("/v1/meters"), R"({"name":"telemetry","unit":"reading"})"), 201);

    // The client: batches not yet acknowledged, in order; resent after every reconnect.
    std::deque<pbc::IngestBatch> unacked;
    quint64 nextSequence = 1;
    QSet<QString> ackedKeys;
    qint64 acceptedAcked = 0; // sum of accepted_count over every ack received
    qint64 duplicatesAcked = 0;
    int kills = 0;
    int connections = 0;

    while (nextSequence <= kBatches || !unacked.empty()) {
        QVERIFY2(++connections <= kCycles + 2, "the stream must complete after the last restart");
        auto stub = pbc::IngestService::NewStub(grpcChannel(m_grpcPort));
        grpc::ClientContext context;
        authorize(context, QString::fromLatin1(kBootstrapKey), 60'000);
        auto stream = stub->IngestStream(&context);
        // Kill after a few acks on this connection, a different number each cycle.
        const int killAfterAcks = kills < kCycles ? 2 + 3 * kills : -1;
        int acksHere = 0;
        bool broken = false;
        while (!broken && (nextSequence <= kBatches || !unacked.empty())) {
            // Resend what has no ack first, then new batches; one in flight at a time, so at most one
            // batch is ever unacknowledged.
            if (unacked.empty())
                unacked.push_back(makeBatch(nextSequence++));
            const pbc::IngestBatch &batch = unacked.front();
            if (!stream->Write(batch)) {
                broken = true;
                break;
            }
            if (acksHere == killAfterAcks) {
                // The second kill waits until the batch is committed (its ack is then on the way): the
                // resend must report it as duplicates. The others kill at once; the batch may or may not
                // have committed.
                if (kills == 1) {
                    const std::string sql = "SELECT COUNT(*) FROM usage_events WHERE idempotency_key = '"
                        + batch.events(0).idempotency_key() + "'";
                    QTRY_COMPARE_WITH_TIMEOUT(scalar(sql.c_str()), qint64(1), 20'000);
                }
                m_server.kill(); // SIGKILL with this batch written and unacknowledged
                QVERIFY(m_server.waitForFinished(10'000));
                ++kills;
                broken = true;
                break;
            }
            pbc::IngestAck ack;
            if (!stream->Read(&ack)) {
                broken = true;
                break;
            }
            QCOMPARE(ack.sequence(), batch.sequence());
            QCOMPARE(ack.failed_count(), 0);
            QCOMPARE(ack.accepted_count() + ack.duplicate_count(), kEventsPerBatch);
            acceptedAcked += ack.accepted_count();
            duplicatesAcked += ack.duplicate_count();
            for (const pb::UsageEventInput &event : batch.events())
                ackedKeys.insert(QString::fromStdString(event.idempotency_key()));
            unacked.pop_front(); // acks come in order: the oldest unacked batch is done
            ++acksHere;
        }
        if (!broken) {
            stream->WritesDone();
            QVERIFY(stream->Finish().ok());
            break;
        }
        context.TryCancel();
        stream->Finish();
        if (m_server.state() == QProcess::NotRunning)
            QVERIFY2(startServer(), "the server must restart on the database a SIGKILL left behind");
    }
    QCOMPARE(kills, kCycles);
    QCOMPARE(qint64(ackedKeys.size()), qint64(kBatches) * kEventsPerBatch);

    // Every event exactly once; counters written in the same transactions agree with the rows.
    const qint64 rows = scalar("SELECT COUNT(*) FROM usage_events");
    QCOMPARE(rows, qint64(kBatches) * kEventsPerBatch);
    QCOMPARE(scalar("SELECT COUNT(DISTINCT idempotency_key) FROM usage_events"), rows);
    QCOMPARE(scalar("SELECT usage_events FROM meter_usage WHERE meter = 'telemetry'"), rows);
    QCOMPARE(scalar("SELECT SUM(accepted) FROM usage_ingestions WHERE kind = 'stream'"), rows);
    // Nothing counted twice by the client either: every event was reported accepted exactly once or,
    // for a batch committed just before a kill, as a duplicate on its resend (at least the one the
    // second kill waited for).
    QCOMPARE(acceptedAcked + duplicatesAcked, rows);
    QVERIFY(duplicatesAcked >= kEventsPerBatch);
    qInfo("%d kills, %d connections, %lld events stored, %lld reported accepted, %lld duplicates", kills,
        connections, rows, acceptedAcked, duplicatesAcked);
    m_server.terminate();
    QVERIFY(m_server.waitForFinished(10'000));
}

QTEST_GUILESS_MAIN(TstGrpcCrashRecovery)
#include "tst_grpccrashrecovery.moc"
