// Crash test of the durability promise: a 201 is sent only after the event is committed. The built
// binary serves while this test posts single events and bulk batches over several connections; the
// server is SIGKILLed mid-stream, restarted, and every acknowledged event must be stored exactly once,
// with counters that agree with the rows. A few cycles, each killing at a different moment. Bulk
// events of the subjects without a plan are spread over 30 days (a backfill), so the rollup
// maintainer is folding when the kill lands: after the restart it catches up and the rollups hold every event
// exactly once.

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QProcess>
#include <QProcessEnvironment>
#include <QSet>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <sqlite3.h>

namespace {

const QByteArray kBootstrapKey = "osp_sk_crashcrashcrashcrashcrashcrashcrash1234";
constexpr int kCycles = 4;
constexpr int kRequestsInFlight = 8;
constexpr int kEventsPerBatch = 20;

quint16 freePort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        return 0;
    return server.serverPort();
}

} // namespace

class TstCrashRecovery : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void acknowledgedEventsSurviveSigkill();
    void exportJobResumesAfterSigkill();

private:
    bool startServer();
    void killServer();
    qint64 rollupLagEvents();
    int send(const QByteArray &method, const QString &path, const QByteArray &body,
        QByteArray *response = nullptr);
    void postNext(int cycle);
    QHash<QString, qint64> storedKeyCounts();
    qint64 scalar(const char *sql);

    QString jobStatus(const QString &id);

    QString m_binary;
    QTemporaryDir m_dir;
    quint16 m_port = 0;
    QProcess m_server;
    QNetworkAccessManager m_network;

    // Client state for one cycle.
    bool m_stopping = false;
    int m_inFlight = 0;
    int m_sent = 0;
    QSet<QString> m_acked; // idempotency keys the server acknowledged with 201
    int m_ackedThisCycle = 0;
};

void TstCrashRecovery::initTestCase()
{
    m_binary = qEnvironmentVariable("OPEN_SPANNER_TEST_BINARY");
    QVERIFY2(!m_binary.isEmpty(), "OPEN_SPANNER_TEST_BINARY is not set (run through ctest)");
    QVERIFY(m_dir.isValid());
    m_network.setProxy(QNetworkProxy::NoProxy);
}

bool TstCrashRecovery::startServer()
{
    m_port = freePort();
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("OPEN_SPANNER_BOOTSTRAP_API_KEY"), QString::fromLatin1(kBootstrapKey));
    m_server.setProcessEnvironment(env);
    m_server.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_server.start(m_binary,
        {QStringLiteral("--headless"), QStringLiteral("--data-dir"), m_dir.path(), QStringLiteral("--listen"),
            QStringLiteral("127.0.0.1:%1").arg(m_port)});
    if (!m_server.waitForStarted(10'000))
        return false;
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < 20'000) {
        if (send("GET", QStringLiteral("/health"), {}) == 204)
            return true;
        QTest::qWait(50);
    }
    return false;
}

void TstCrashRecovery::killServer()
{
    m_server.kill(); // SIGKILL: no shutdown code runs, no buffers are flushed by us
    m_server.waitForFinished(10'000);
}

int TstCrashRecovery::send(
    const QByteArray &method, const QString &path, const QByteArray &body, QByteArray *response)
{
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path)));
    request.setRawHeader("Authorization", "Bearer " + kBootstrapKey);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QNetworkReply *reply = m_network.sendCustomRequest(request, method, body);
    QEventLoop loop;
    connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(5000, &loop, &QEventLoop::quit);
    loop.exec();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (response)
        *response = reply->readAll();
    reply->abort();
    reply->deleteLater();
    return status;
}

qint64 TstCrashRecovery::rollupLagEvents()
{
    QByteArray body;
    if (send("GET", QStringLiteral("/v1/system/stats"), QByteArray(), &body) != 200)
        return -1;
    const QJsonObject lag
        = QJsonDocument::fromJson(body).object().value(QStringLiteral("rollup_lag")).toObject();
    return lag.contains(QStringLiteral("events")) ? qint64(lag.value(QStringLiteral("events")).toDouble())
                                                  : -1;
}

// Keeps kRequestsInFlight requests going: every third one a single event, the others bulk batches.
void TstCrashRecovery::postNext(int cycle)
{
    if (m_stopping)
        return;
    const int n = m_sent++;
    QByteArray body;
    QString path;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    auto event = [&](const QString &key, int hoursBack) {
        QJsonObject object{{QStringLiteral("idempotency_key"), key},
            {QStringLiteral("subject"), QStringLiteral("org_%1").arg(n % 7)},
            {QStringLiteral("meter"), QStringLiteral("crash")}, {QStringLiteral("quantity"), 1},
            {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("region"), QStringLiteral("eu-west")}}}};
        if (hoursBack > 0)
            object.insert(
                QStringLiteral("timestamp"), now.addSecs(-3600LL * hoursBack).toString(Qt::ISODate));
        return object;
    };
    if (n % 3 == 0) {
        path = QStringLiteral("/v1/usages");
        body = QJsonDocument(event(QStringLiteral("c%1-s%2").arg(cycle).arg(n), 0))
                   .toJson(QJsonDocument::Compact);
    } else {
        path = QStringLiteral("/v1/usages/bulk");
        QJsonArray items;
        for (int i = 0; i < kEventsPerBatch; ++i)
            // The assigned subjects' events stay in the current plan periods (the counters check below).
            items.append(event(QStringLiteral("c%1-b%2-%3").arg(cycle).arg(n).arg(i),
                n % 7 < 4 ? 0 : (n * 31 + i * 7) % 720));
        body = QJsonDocument(items).toJson(QJsonDocument::Compact);
    }
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path)));
    request.setRawHeader("Authorization", "Bearer " + kBootstrapKey);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QNetworkReply *reply = m_network.post(request, body);
    ++m_inFlight;
    connect(reply, &QNetworkReply::finished, this, [this, reply, cycle] {
        --m_inFlight;
        reply->deleteLater();
        if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 201) {
            const QJsonObject object = QJsonDocument::fromJson(reply->readAll()).object();
            const QJsonArray accepted = object.value(QStringLiteral("accepted_items")).toArray();
            if (object.contains(QStringLiteral("accepted_items"))) {
                for (const QJsonValue &item : accepted)
                    m_acked.insert(item.toObject().value(QStringLiteral("idempotency_key")).toString());
            } else {
                m_acked.insert(object.value(QStringLiteral("idempotency_key")).toString());
            }
            ++m_ackedThisCycle;
        }
        postNext(cycle);
    });
}

qint64 TstCrashRecovery::scalar(const char *sql)
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

QHash<QString, qint64> TstCrashRecovery::storedKeyCounts()
{
    QHash<QString, qint64> counts;
    sqlite3 *db = nullptr;
    const QByteArray path = m_dir.filePath(QStringLiteral("open-spanner.db")).toUtf8();
    if (sqlite3_open_v2(path.constData(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
        return counts;
    sqlite3_stmt *stmt = nullptr;
    sqlite3_prepare_v2(db, "SELECT idempotency_key, COUNT(*) FROM usage_events GROUP BY idempotency_key", -1,
        &stmt, nullptr);
    while (stmt && sqlite3_step(stmt) == SQLITE_ROW)
        counts.insert(QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(stmt, 0))),
            sqlite3_column_int64(stmt, 1));
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return counts;
}

void TstCrashRecovery::acknowledgedEventsSurviveSigkill()
{
    QVERIFY(startServer());
    QCOMPARE(send("POST", QStringLiteral("/v1/meters"),
                 R"({"name":"crash","unit":"event","dimensions":[{"name":"region","type":"string"}]})"),
        201);
    // Plan usage counters ride in the same transactions as the events (contract §10.4): four of the
    // seven subjects the events name are assigned a plan on the meter.
    QByteArray plan;
    QCOMPARE(send("POST", QStringLiteral("/v1/plans"),
                 R"({"name":"crash","limits":[{"meter":"crash","limit":1e9}]})", &plan),
        201);
    const QByteArray planId
        = QJsonDocument::fromJson(plan).object().value(QStringLiteral("id")).toString().toUtf8();
    for (int subject = 0; subject < 4; ++subject)
        QCOMPARE(send("PUT", QStringLiteral("/v1/plans/subjects/org_%1").arg(subject),
                     R"({"plan_id":")" + planId + R"("})"),
            200);

    for (int cycle = 0; cycle < kCycles; ++cycle) {
        if (cycle > 0)
            QVERIFY2(startServer(), "the server must restart on the database a SIGKILL left behind");
        m_stopping = false;
        m_ackedThisCycle = 0;
        for (int i = 0; i < kRequestsInFlight; ++i)
            postNext(cycle);
        // Kill at a different moment each cycle, once some requests have been acknowledged.
        QTRY_VERIFY_WITH_TIMEOUT(m_ackedThisCycle >= 5, 20'000);
        QTest::qWait(150 + 170 * cycle);
        killServer();
        m_stopping = true;
        QTRY_COMPARE_WITH_TIMEOUT(m_inFlight, 0, 20'000);
        QVERIFY(m_ackedThisCycle > 0);
    }

    // Recovery: the restarted server opens the database, and every acknowledged event is there once.
    QVERIFY(startServer());
    const QHash<QString, qint64> stored = storedKeyCounts();
    QVERIFY(!m_acked.isEmpty());
    for (const QString &key : std::as_const(m_acked)) {
        QVERIFY2(stored.contains(key), qPrintable(QStringLiteral("acknowledged event %1 was lost").arg(key)));
        QCOMPARE(stored.value(key), 1);
    }
    // Nothing stored twice, and the counters updated in the same transactions agree with the rows.
    const qint64 rows = scalar("SELECT COUNT(*) FROM usage_events");
    QVERIFY(rows >= m_acked.size());
    qInfo("%lld acknowledged events, %lld stored (requests in flight at a kill may be stored unacknowledged)",
        qint64(m_acked.size()), rows);
    QCOMPARE(scalar("SELECT COUNT(DISTINCT idempotency_key) FROM usage_events"), rows);
    QCOMPARE(scalar("SELECT usage_events FROM meter_usage WHERE meter = 'crash'"), rows);
    QCOMPARE(scalar("SELECT usage_events FROM workspace_counters WHERE workspace_id = 'default'"), rows);
    QCOMPARE(scalar("SELECT SUM(accepted) FROM usage_ingestions"), rows);
    // Every period's counters hold exactly the stored events of the assigned subjects: never a counter
    // without its events, never an event of theirs without its counter.
    const qint64 assignedRows
        = scalar("SELECT COUNT(*) FROM usage_events WHERE subject IN ('org_0', 'org_1', 'org_2', 'org_3')");
    QVERIFY(assignedRows > 0);
    for (const char *sql : {"SELECT SUM(event_count) FROM plan_usage_counters WHERE period = 'day'",
             "SELECT SUM(event_count) FROM plan_usage_counters WHERE period = 'week'",
             "SELECT SUM(event_count) FROM plan_usage_counters WHERE period = 'month'",
             "SELECT CAST(SUM(sum_qty) AS INTEGER) FROM plan_usage_counters WHERE period = 'year'"})
        QCOMPARE(scalar(sql), assignedRows);

    // The rollups: the maintainer folds what the kills left after the watermark, and then the rollup
    // tables hold every stored event exactly once (the watermark commits with the rows it covers).
    QTRY_VERIFY_WITH_TIMEOUT(rollupLagEvents() == 0, 30'000);
    QCOMPARE(scalar("SELECT folded_seq FROM rollup_progress"), scalar("SELECT MAX(seq) FROM usage_events"));
    QCOMPARE(scalar("SELECT SUM(events) FROM usage_rollups WHERE meter = 'crash' AND granularity = 0"), rows);
    QCOMPARE(scalar("SELECT SUM(events) FROM usage_rollups WHERE meter = 'crash' AND granularity = 1"), rows);
    QCOMPARE(scalar("SELECT SUM(events) FROM usage_subject_rollups WHERE meter = 'crash'"), rows);
    QCOMPARE(scalar("SELECT COUNT(*) FROM (SELECT subject, COUNT(*) AS n FROM usage_events GROUP BY subject "
                    "EXCEPT SELECT subject, SUM(events) FROM usage_subject_rollups GROUP BY subject)"),
        0);

    // A client retrying an acknowledged event after the crash gets the original back, not a new row.
    const QString retried = *m_acked.constBegin();
    QByteArray response;
    QCOMPARE(send("POST", QStringLiteral("/v1/usages"),
                 QJsonDocument(
                     QJsonObject{{QStringLiteral("idempotency_key"), retried},
                         {QStringLiteral("subject"), QStringLiteral("org_1")},
                         {QStringLiteral("meter"), QStringLiteral("crash")}, {QStringLiteral("quantity"), 1},
                         {QStringLiteral("metadata"),
                             QJsonObject{{QStringLiteral("region"), QStringLiteral("eu-west")}}}})
                     .toJson(QJsonDocument::Compact),
                 &response),
        201);
    QCOMPARE(scalar("SELECT COUNT(*) FROM usage_events"), rows);
    m_server.terminate();
    QVERIFY(m_server.waitForFinished(10'000));
}

QString TstCrashRecovery::jobStatus(const QString &id)
{
    QByteArray body;
    if (send("GET", QStringLiteral("/v1/exports/") + id, {}, &body) != 200)
        return {};
    return QJsonDocument::fromJson(body).object().value(QStringLiteral("status")).toString();
}

// Issue 21: the server is SIGKILLed while its export worker writes a job. Restarted (default 5-minute
// lease), it reclaims its own dead lease at once: the job completes within seconds, and before that
// the download answers 409, never a partial file.
void TstCrashRecovery::exportJobResumesAfterSigkill()
{
    QVERIFY(startServer());
    QCOMPARE(send("POST", QStringLiteral("/v1/meters"), R"({"name":"exported","unit":"event"})"), 201);
    constexpr int kBatches = 25;
    for (int b = 0; b < kBatches; ++b) {
        QJsonArray items;
        for (int i = 0; i < 1000; ++i)
            items.append(QJsonObject{{QStringLiteral("subject"), QStringLiteral("org_%1").arg(i % 9)},
                {QStringLiteral("meter"), QStringLiteral("exported")}, {QStringLiteral("quantity"), 1},
                {QStringLiteral("timestamp"), QStringLiteral("2026-06-08T10:00:00Z")}});
        QCOMPARE(send("POST", QStringLiteral("/v1/usages/bulk"),
                     QJsonDocument(items).toJson(QJsonDocument::Compact)),
            201);
    }
    QByteArray created;
    QCOMPARE(send("POST", QStringLiteral("/v1/exports"),
                 R"({"kind":"usage_events","query":{"meter":"exported","limit":100000}})", &created),
        202);
    const QString id = QJsonDocument::fromJson(created).object().value(QStringLiteral("id")).toString();
    QElapsedTimer waited;
    waited.start();
    QString status = jobStatus(id);
    while (status == QLatin1StringView("queued") && waited.elapsed() < 20'000)
        status = jobStatus(id);
    killServer();
    if (status == QLatin1StringView("completed"))
        QSKIP("the export finished before the kill on this machine; nothing to reclaim");
    QCOMPARE(status, QStringLiteral("running"));

    QElapsedTimer resumed;
    resumed.start();
    QVERIFY(startServer());
    int downloadStatus = 0;
    QByteArray file;
    while (resumed.elapsed() < 60'000) {
        status = jobStatus(id);
        downloadStatus = send("GET", QStringLiteral("/v1/exports/%1/download").arg(id), {}, &file);
        if (status == QLatin1StringView("completed"))
            break;
        QCOMPARE(downloadStatus, 409); // nothing half-written is served
        QTest::qWait(20);
    }
    qInfo("job completed %lld ms after the restart", qint64(resumed.elapsed()));
    QCOMPARE(status, QStringLiteral("completed"));
    QVERIFY2(resumed.elapsed() < 30'000, "reclaimed long before the 5-minute lease ran out");
    if (downloadStatus != 200)
        downloadStatus = send("GET", QStringLiteral("/v1/exports/%1/download").arg(id), {}, &file);
    QCOMPARE(downloadStatus, 200);
    QCOMPARE(file.count('\n'), kBatches * 1000 + 1);
    QVERIFY(file.endsWith('\n'));
    killServer();
}

QTEST_GUILESS_MAIN(TstCrashRecovery)
#include "tst_crashrecovery.moc"
