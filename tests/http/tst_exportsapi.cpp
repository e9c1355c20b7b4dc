// Queued export jobs (contract §7.3, §13.8 #67–#69 and the export-jobs issue) through a real server:
// the lifecycle and every 409, cursor listing, failed jobs with readable errors, cancel while running
// (from this process and from another engine on the same database), retry, downloads with
// Content-Length, Last-Modified and ranges, formats, kinds, and a completed job's bytes equal to the
// direct export of the same query. Workers run synchronously in the test (ExportWorker::runOnce), so
// every state change happens at a known point; only the cancel test runs one on a thread, paused by a
// hook at a known row.

#include "ApiTestServer.h"

#include "export/ExportWorker.h"
#include "export/ExportWorkerPool.h"
#include "store/Store.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QLocale>
#include <QSemaphore>
#include <QSet>
#include <QTcpSocket>
#include <QtTest>

#include <thread>

using osc::test::ApiTestServer;
using osc::test::HttpResult;

namespace {

QByteArray compact(const QJsonValue &value)
{
    return value.isArray() ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)
                           : QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
}

QJsonObject usage(const QString &subject, const QString &meter, double quantity, const QString &timestamp,
    const QJsonObject &metadata = {})
{
    return {{"subject", subject}, {"meter", meter}, {"quantity", quantity}, {"timestamp", timestamp},
        {"metadata", metadata}};
}

void createMeter(ApiTestServer &server, const QString &name)
{
    const auto r = server.call("POST", "/v1/meters",
        QJsonObject{{"name", name}, {"unit", "call"},
            {"dimensions",
                QJsonArray{QJsonObject{{"name", "region"}, {"type", "string"}, {"required", false}},
                    QJsonObject{{"name", "plan"}, {"type", "string"}, {"required", false}}}}});
    QCOMPARE(r.status, 201);
}

void ingest(ApiTestServer &server, const QJsonArray &events)
{
    for (qsizetype start = 0; start < events.size(); start += 1000) {
        QJsonArray chunk;
        for (qsizetype i = start; i < std::min<qsizetype>(events.size(), start + 1000); ++i)
            chunk.append(events[i]);
        const auto r = server.call("POST", "/v1/usages/bulk", compact(chunk));
        QCOMPARE(r.status, 201);
    }
}

// `count` events of meter `api` on 2026-06-08, one per minute, with varied subjects and metadata
// (including a comma and a quote, so CSV quoting is exercised).
void ingestApiEvents(ApiTestServer &server, int count)
{
    createMeter(server, "api");
    static const QStringList regions = {"us-east-1", "eu-west,1", "ap \"south\""};
    static const QStringList plans = {"free", "pro"};
    QJsonArray events;
    for (int i = 0; i < count; ++i) {
        const QString time = QStringLiteral("2026-06-08T%1:%2:00Z")
                                 .arg(i / 60 % 24, 2, 10, QLatin1Char('0'))
                                 .arg(i % 60, 2, 10, QLatin1Char('0'));
        events.append(usage(QStringLiteral("org_%1").arg(i % 3), "api", (i % 7) + 0.5, time,
            {{"region", regions[i % 3]}, {"plan", plans[i % 2]}}));
    }
    ingest(server, events);
}

QJsonObject bucketQuery(const QJsonObject &extra = {})
{
    QJsonObject q{{"meter", "api"}, {"from", "2026-06-08T00:00:00Z"}, {"to", "2026-06-09T00:00:00Z"},
        {"bucket_size", "hour"}};
    for (auto it = extra.begin(); it != extra.end(); ++it)
        q.insert(it.key(), it.value());
    return q;
}

HttpResult createJob(ApiTestServer &server, const QJsonObject &query, const QString &kind = "usage_buckets",
    const QString &format = "csv")
{
    return server.call(
        "POST", "/v1/exports", QJsonObject{{"kind", kind}, {"format", format}, {"query", query}});
}

// Claims and runs every claimable job on `engine`.
int drain(osc::Engine &engine, osc::ExportWorker::Options options = osc::ExportWorker::Options())
{
    osc::ExportWorker worker(engine.exportServices(), std::move(options));
    int ran = 0;
    for (;;) {
        auto r = worker.runOnce();
        if (!r || !r.value())
            break;
        ++ran;
    }
    return ran;
}

QStringList filesOf(ApiTestServer &server)
{
    return QDir(server.engine().exports().settings().storageDir).entryList(QDir::Files | QDir::Hidden);
}

} // namespace

class tst_ExportsApi final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void createQueuesAndEchoes();
    void createValidation_data();
    void createValidation();
    void unknownJobIs404();
    void lifecycleAndConflicts();
    void missingMeterFailsReadably_data();
    void missingMeterFailsReadably();
    void cursorListing();
    void cancelWhileRunning_data();
    void cancelWhileRunning();
    void downloadHeadersAndRanges();
    void headDownloadSendsHeadersOnly();
    void jobBytesEqualDirectExport_data();
    void jobBytesEqualDirectExport();
    void queuedJobsHaveNoRowCap();
    void directExportFormats();
    void unwritableExportDirFailsJob();
    void permissions();
    void artifactRetention();
    void workerPoolPicksUpJobs();
};

void tst_ExportsApi::createQueuesAndEchoes()
{
    ApiTestServer server;
    QVERIFY(server.ok());
    // #67: kind, csv, group_by, limit 500, filter.
    const QJsonObject filter{
        {"type", "condition"}, {"field", "metadata.region"}, {"op", "eq"}, {"value", ""}};
    const auto r = createJob(server,
        bucketQuery({{"bucket_size", "day"}, {"group_by", QJsonArray{"region"}}, {"limit", 500},
            {"filter", filter}}));
    QCOMPARE(r.status, 202);
    QVERIFY(r.body.endsWith("}\n"));
    const QJsonObject job = r.object();
    QCOMPARE(job.value("status").toString(), QString("queued"));
    QCOMPARE(job.value("kind").toString(), QString("usage_buckets"));
    QCOMPARE(job.value("format").toString(), QString("csv"));
    QVERIFY(!job.value("id").toString().isEmpty());
    QVERIFY(job.value("created_at").toString().endsWith('Z'));
    QVERIFY(job.value("updated_at").toString().endsWith('Z'));
    for (const char *absent : {"completed_at", "download_url", "error", "artifact_size", "record_count"})
        QVERIFY2(!job.contains(absent), absent);
    const QJsonObject query = job.value("query").toObject();
    QCOMPARE(query.value("meter").toString(), QString("api"));
    QCOMPARE(query.value("bucket_size").toString(), QString("day"));
    QCOMPARE(query.value("limit").toInt(), 500);
    QCOMPARE(query.value("group_by").toArray(), QJsonArray{"region"});
    // Stored verbatim: the empty filter value survives (contract QUIRK Q4).
    QCOMPARE(query.value("filter").toObject(), filter);
    QVERIFY(!query.contains("subject"));

    // bucket_size is always echoed, "" when not given.
    const auto bare = createJob(server,
        QJsonObject{{"meter", "api"}, {"from", "2026-06-08T00:00:00Z"}, {"to", "2026-06-09T00:00:00Z"}});
    QCOMPARE(bare.status, 202);
    QCOMPARE(bare.object().value("query").toObject().value("bucket_size"), QJsonValue(""));
    // kind and format default to usage_buckets / csv.
    const auto defaults = server.call("POST", "/v1/exports", QJsonObject{{"query", bucketQuery()}});
    QCOMPARE(defaults.status, 202);
    QCOMPARE(defaults.object().value("format").toString(), QString("csv"));

    const QString id = job.value("id").toString();
    const auto got = server.call("GET", "/v1/exports/" + id);
    QCOMPARE(got.status, 200);
    QCOMPARE(got.object(), job);
    const auto list = server.call("GET", "/v1/exports?limit=10");
    QCOMPARE(list.status, 200);
    QSet<QString> ids;
    for (const QJsonValue &item : list.object().value("items").toArray())
        ids.insert(item.toObject().value("id").toString());
    QVERIFY(ids.contains(id));
    QCOMPARE(ids.size(), 3);
}

void tst_ExportsApi::createValidation_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");

    const QByteArray from = R"("from":"2026-06-08T00:00:00Z")";
    const QByteArray to = R"("to":"2026-06-09T00:00:00Z")";
    QTest::newRow("malformed json") << QByteArray("{") << 400 << "invalid_json"
                                    << "invalid JSON body";
    QTest::newRow("no query") << QByteArray(R"({"kind":"usage_buckets"})") << 400 << "invalid_query"
                              << "query is required";
    QTest::newRow("null query") << QByteArray(R"({"query":null})") << 400 << "invalid_query"
                                << "query is required";
    QTest::newRow("query not object") << QByteArray(R"({"query":"x"})") << 400 << "invalid_json"
                                      << "invalid JSON body";
    QTest::newRow("group_by not array")
        << QByteArray(R"({"query":{"meter":"api",)" + from + "," + to + R"(,"group_by":"region"}})") << 400
        << "invalid_json"
        << "invalid JSON body";
    QTest::newRow("missing to") << QByteArray(R"({"query":{"meter":"api",)" + from + "}}") << 400
                                << "invalid_to"
                                << "to must be RFC3339";
    QTest::newRow("bad from") << QByteArray(R"({"query":{"meter":"api","from":"2026-06-08",)" + to + "}}")
                              << 400 << "invalid_from"
                              << "from must be RFC3339";
    QTest::newRow("bad filter") << QByteArray(R"({"query":{"meter":"api",)" + from + "," + to
        + R"(,"filter":{"type":"condition","field":"quantity","op":"near","value":1}}})")
                                << 400 << "invalid_input" << QString();
    QTest::newRow("bad kind") << QByteArray(R"({"kind":"usage_rows","query":{"meter":"api",)" + from + ","
        + to + "}}") << 400 << "invalid_input"
                              << "invalid input: export job kind is invalid";
    QTest::newRow("bad format") << QByteArray(R"({"format":"xlsx","query":{"meter":"api",)" + from + "," + to
        + "}}") << 400 << "invalid_input"
                                << "invalid input: export job format is invalid";
    // Lenient as upstream: meter, bucket size and range are checked by the worker.
    QTest::newRow("missing meter accepted")
        << QByteArray(R"({"query":{"meter":"nope",)" + from + "," + to + R"(,"bucket_size":"fortnight"}})")
        << 202 << QString() << QString();
    QTest::newRow("events without range")
        << QByteArray(R"({"kind":"usage_events","query":{"meter":"api"}})") << 202 << QString() << QString();
    QTest::newRow("events bad to") << QByteArray(R"({"kind":"usage_events","query":{"to":"tomorrow"}})")
                                   << 400 << "invalid_to"
                                   << "to must be RFC3339";
}

void tst_ExportsApi::createValidation()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, code);
    QFETCH(QString, message);
    ApiTestServer server;
    const auto r = server.call("POST", "/v1/exports", body);
    QCOMPARE(r.status, status);
    if (!code.isEmpty())
        QCOMPARE(r.errorCode(), code);
    if (!message.isEmpty())
        QCOMPARE(r.errorMessage(), message);
}

void tst_ExportsApi::unknownJobIs404()
{
    ApiTestServer server;
    for (const auto &[method, path] : {std::pair{"GET", "/v1/exports/missing"},
             std::pair{"POST", "/v1/exports/missing/cancel"}, std::pair{"POST", "/v1/exports/missing/retry"},
             std::pair{"GET", "/v1/exports/missing/download"}}) {
        const auto r = server.call(method, path);
        QCOMPARE(r.status, 404);
        QCOMPARE(r.errorCode(), QString("not_found"));
    }
}

void tst_ExportsApi::lifecycleAndConflicts()
{
    ApiTestServer server;
    ingestApiEvents(server, 30);
    const QString id = createJob(server, bucketQuery()).object().value("id").toString();
    const QString path = "/v1/exports/" + id;

    // queued: retry and download are conflicts.
    auto r = server.call("POST", path + "/retry");
    QCOMPARE(r.status, 409);
    QCOMPARE(r.errorMessage(), QString("conflict"));
    r = server.call("GET", path + "/download");
    QCOMPARE(r.status, 409);
    QCOMPARE(r.errorMessage(), QString("conflict\nexport job is not ready for download"));

    // queued → canceled; a second cancel and a download are conflicts.
    r = server.call("POST", path + "/cancel");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.object().value("status").toString(), QString("canceled"));
    QCOMPARE(r.object().value("error").toString(), QString("canceled by user"));
    QVERIFY(r.object().contains("completed_at"));
    QVERIFY(!r.object().contains("download_url"));
    QCOMPARE(server.call("POST", path + "/cancel").status, 409);
    QCOMPARE(server.call("GET", path + "/download").status, 409);
    QCOMPARE(drain(server.engine()), 0); // canceled jobs are not claimed

    // canceled → queued, error and completed_at cleared.
    r = server.call("POST", path + "/retry");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.object().value("status").toString(), QString("queued"));
    QVERIFY(!r.object().contains("error"));
    QVERIFY(!r.object().contains("completed_at"));

    // The worker completes it.
    QCOMPARE(drain(server.engine()), 1);
    r = server.call("GET", path);
    const QJsonObject done = r.object();
    QCOMPARE(done.value("status").toString(), QString("completed"));
    QCOMPARE(done.value("download_url").toString(), "/v1/exports/" + id + "/download");
    QVERIFY(done.value("artifact_size").toInteger() > 0);
    QVERIFY(done.contains("completed_at"));
    QVERIFY(done.value("record_count").toInteger() > 0);
    QVERIFY(!done.contains("rows_written"));
    QVERIFY(!done.contains("progress"));

    // completed: cancel and retry are conflicts; download works.
    QCOMPARE(server.call("POST", path + "/cancel").status, 409);
    QCOMPARE(server.call("POST", path + "/retry").status, 409);
    r = server.call("GET", path + "/download");
    QCOMPARE(r.status, 200);
    QVERIFY(r.body.startsWith("bucket_start,subject,meter,bucket_size,aggregation,unit,quantity\n"));
    QCOMPARE(r.body.size(), done.value("artifact_size").toInteger());
    QVERIFY(r.header("Content-Disposition").contains("open-spanner-export-" + id.toUtf8() + ".csv"));
    QVERIFY(r.header("Content-Type").startsWith("text/csv"));

    // The file is gone → 404 with the contract's message.
    QVERIFY(QFile::remove(QDir(server.engine().exports().settings().storageDir).filePath(id + ".csv")));
    r = server.call("GET", path + "/download");
    QCOMPARE(r.status, 404);
    QCOMPARE(r.errorMessage(), QString("not found\nexport artifact was not found"));
}

void tst_ExportsApi::missingMeterFailsReadably_data()
{
    QTest::addColumn<QJsonObject>("query");
    QTest::addColumn<QString>("error");
    QTest::newRow("missing meter") << bucketQuery({{"meter", "nope"}})
                                   << "not found: meter \"nope\" was not found";
    QTest::newRow("bad bucket size") << bucketQuery({{"bucket_size", "fortnight"}}) << QString();
    QTest::newRow("range too wide") << bucketQuery({{"to", "2026-09-09T00:00:00Z"}}) << QString();
    QTest::newRow("unknown group_by") << bucketQuery({{"group_by", QJsonArray{"colour"}}}) << "invalid input";
}

void tst_ExportsApi::missingMeterFailsReadably()
{
    QFETCH(QJsonObject, query);
    QFETCH(QString, error);
    ApiTestServer server;
    ingestApiEvents(server, 10);
    // #69: the bad job is accepted and fails; other jobs still complete; the failed one offers retry.
    const QString bad = createJob(server, query).object().value("id").toString();
    const QString good = createJob(server, bucketQuery()).object().value("id").toString();
    QCOMPARE(drain(server.engine()), 2);
    const QJsonObject failed = server.call("GET", "/v1/exports/" + bad).object();
    QCOMPARE(failed.value("status").toString(), QString("failed"));
    QVERIFY(!failed.value("error").toString().isEmpty());
    if (!error.isEmpty())
        QCOMPARE(failed.value("error").toString(), error);
    QVERIFY(failed.contains("completed_at"));
    QVERIFY(!failed.contains("download_url"));
    QCOMPARE(
        server.call("GET", "/v1/exports/" + good).object().value("status").toString(), QString("completed"));
    QVERIFY(!filesOf(server).contains(bad + ".csv"));
    const auto retried = server.call("POST", "/v1/exports/" + bad + "/retry");
    QCOMPARE(retried.status, 200);
    QCOMPARE(retried.object().value("status").toString(), QString("queued"));
    QVERIFY(!retried.object().contains("error"));
}

void tst_ExportsApi::cursorListing()
{
    ApiTestServer server;
    QStringList created;
    for (int i = 0; i < 5; ++i)
        created.prepend(createJob(server, bucketQuery()).object().value("id").toString());
    QStringList seen;
    QString cursor;
    QList<qsizetype> sizes;
    do {
        const auto r = server.call(
            "GET", "/v1/exports?limit=2" + (cursor.isEmpty() ? QString() : "&cursor=" + cursor));
        QCOMPARE(r.status, 200);
        const QJsonArray items = r.object().value("items").toArray();
        sizes.append(items.size());
        for (const QJsonValue &item : items)
            seen.append(item.toObject().value("id").toString());
        cursor = r.object().value("next_cursor").toString();
    } while (!cursor.isEmpty());
    QCOMPARE(sizes, (QList<qsizetype>{2, 2, 1}));
    // Newest first: created_at DESC, then id DESC for jobs created in the same nanosecond.
    QCOMPARE(QSet<QString>(seen.begin(), seen.end()).size(), 5);
    QCOMPARE(QSet<QString>(seen.begin(), seen.end()), QSet<QString>(created.begin(), created.end()));
    QCOMPARE(server.call("GET", "/v1/exports?limit=0").errorCode(), QString("invalid_limit"));
    QCOMPARE(server.call("GET", "/v1/exports?cursor=%%%").errorCode(), QString("invalid_input"));
}

void tst_ExportsApi::cancelWhileRunning_data()
{
    QTest::addColumn<bool>("otherEngine");
    // The same engine: the cancel request reaches the worker in-process. Another engine on the same
    // database (as a separate --export-worker process): the worker sees the status when it re-reads its
    // claim.
    QTest::newRow("same engine") << false;
    QTest::newRow("other engine, same database") << true;
}

void tst_ExportsApi::cancelWhileRunning()
{
    QFETCH(bool, otherEngine);
    ApiTestServer server;
    ingestApiEvents(server, 50);
    std::unique_ptr<osc::Engine> second;
    osc::Engine *workerEngine = &server.engine();
    if (otherEngine) {
        auto opened = osc::Engine::open(server.sameDatabase());
        QVERIFY(opened);
        second = std::move(opened.value());
        second->exports().configure(server.engine().exports().settings());
        workerEngine = second.get();
    }
    const QString id = createJob(server, QJsonObject{{"meter", "api"}, {"limit", 50}}, "usage_events")
                           .object()
                           .value("id")
                           .toString();

    // A check after every row; the hook pauses the worker at its 10th row until the test has canceled.
    QSemaphore reached;
    QSemaphore proceed;
    osc::ExportWorker::Options options;
    options.rowsPerCheck = 1;
    options.checkIntervalMs = 0;
    options.onCheck = [&](const osc::ExportJob &, qint64 rows) {
        if (rows == 10) {
            reached.release();
            proceed.tryAcquire(1, 30'000);
        }
    };
    osc::ExportWorker worker(workerEngine->exportServices(), options);
    std::thread thread([&] { (void)worker.runOnce(); });
    const auto joinThread = qScopeGuard([&] {
        if (thread.joinable()) {
            proceed.release();
            thread.join();
        }
    });
    QVERIFY(reached.tryAcquire(1, 30'000));

    auto r = server.call("GET", "/v1/exports/" + id);
    QCOMPARE(r.object().value("status").toString(), QString("running"));
    QVERIFY(r.object().contains("rows_written"));
    QVERIFY(r.object().value("progress").toDouble() >= 0);
    QVERIFY(r.object().value("progress").toDouble() <= 1);
    QCOMPARE(server.call("POST", "/v1/exports/" + id + "/retry").status, 409); // running: no retry
    r = server.call("POST", "/v1/exports/" + id + "/cancel");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.object().value("status").toString(), QString("canceled"));
    proceed.release();
    thread.join();

    r = server.call("GET", "/v1/exports/" + id);
    QCOMPARE(r.object().value("status").toString(), QString("canceled"));
    QCOMPARE(r.object().value("error").toString(), QString("canceled by user"));
    QVERIFY(!r.object().contains("artifact_size"));
    QCOMPARE(server.call("GET", "/v1/exports/" + id + "/download").status, 409);
    QCOMPARE(filesOf(server), QStringList()); // no file, not even a temporary one
}

void tst_ExportsApi::downloadHeadersAndRanges()
{
    ApiTestServer server;
    ingestApiEvents(server, 40);
    const QString id = createJob(server, QJsonObject{{"meter", "api"}, {"limit", 40}}, "usage_events")
                           .object()
                           .value("id")
                           .toString();
    QCOMPARE(drain(server.engine()), 1);
    const QString path = "/v1/exports/" + id + "/download";
    const auto full = server.call("GET", path);
    QCOMPARE(full.status, 200);
    const qint64 size = full.body.size();
    QVERIFY(size > 100);
    QCOMPARE(full.header("Content-Length"), QByteArray::number(size));
    QCOMPARE(full.header("Accept-Ranges"), QByteArray("bytes"));
    const QByteArray lastModified = full.header("Last-Modified");
    QVERIFY(QLocale::c()
                .toDateTime(QString::fromLatin1(lastModified), "ddd, dd MMM yyyy hh:mm:ss 'GMT'")
                .isValid());
    QCOMPARE(QByteArray::number(
                 server.call("GET", "/v1/exports/" + id).object().value("artifact_size").toInteger()),
        QByteArray::number(size));

    struct Case
    {
        QByteArray range;
        qint64 from;
        qint64 length;
    };
    for (const Case &c : {Case{"bytes=0-9", 0, 10}, Case{"bytes=10-", 10, size - 10},
             Case{"bytes=-7", size - 7, 7}, Case{"bytes=5-100000000", 5, size - 5}}) {
        const auto r = server.send("GET", path, {},
            {{"Authorization", QByteArray("Bearer ") + ApiTestServer::kAdminKey}, {"Range", c.range}});
        QCOMPARE(r.status, 206);
        QCOMPARE(r.body, full.body.mid(c.from, c.length));
        QCOMPARE(r.header("Content-Length"), QByteArray::number(c.length));
        QCOMPARE(r.header("Content-Range"),
            "bytes " + QByteArray::number(c.from) + '-' + QByteArray::number(c.from + c.length - 1) + '/'
                + QByteArray::number(size));
    }
    const auto auth
        = qMakePair(QByteArray("Authorization"), QByteArray("Bearer ") + ApiTestServer::kAdminKey);
    auto r = server.send("GET", path, {}, {auth, {"Range", "bytes=" + QByteArray::number(size) + "-"}});
    QCOMPARE(r.status, 416);
    QCOMPARE(r.header("Content-Range"), "bytes */" + QByteArray::number(size));
    // Several ranges are not served as multipart: the whole file comes back.
    r = server.send("GET", path, {}, {auth, {"Range", "bytes=0-1,4-5"}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, full.body);
    // If-Range with another date: the range does not apply.
    r = server.send(
        "GET", path, {}, {auth, {"Range", "bytes=0-1"}, {"If-Range", "Mon, 01 Jan 2001 00:00:00 GMT"}});
    QCOMPARE(r.status, 200);
    r = server.send("GET", path, {}, {auth, {"Range", "bytes=0-1"}, {"If-Range", lastModified}});
    QCOMPARE(r.status, 206);
    // The connection stays usable after a streamed body.
    QCOMPARE(server.call("GET", "/v1/exports/" + id).status, 200);
}

// HEAD gives what GET would say about the file (status, length, date) and no body: checked on the
// wire, where a stray body would show up in front of the next response on the same connection.
void tst_ExportsApi::headDownloadSendsHeadersOnly()
{
    ApiTestServer server;
    ingestApiEvents(server, 30);
    const QString id = createJob(server, QJsonObject{{"meter", "api"}, {"limit", 30}}, "usage_events")
                           .object()
                           .value("id")
                           .toString();
    QCOMPARE(drain(server.engine()), 1);
    const QString path = "/v1/exports/" + id + "/download";
    const auto full = server.call("GET", path);
    QCOMPARE(full.status, 200);

    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), server.port());
    QVERIFY(socket.waitForConnected(10000));
    const QByteArray auth = QByteArray("Authorization: Bearer ") + ApiTestServer::kAdminKey + "\r\n";
    const auto exchange = [&](const QByteArray &method, const QString &target) {
        socket.write(method + ' ' + target.toUtf8() + " HTTP/1.1\r\nHost: test\r\n" + auth + "\r\n");
        QByteArray head;
        while (!head.contains("\r\n\r\n") && socket.waitForReadyRead(10000))
            head += socket.readAll();
        return head;
    };
    const auto header = [](const QByteArray &head, const QByteArray &name) {
        for (const QByteArray &line : head.split('\n'))
            if (line.toLower().startsWith(name.toLower() + ':'))
                return line.mid(name.size() + 1).trimmed();
        return QByteArray();
    };

    const QByteArray head = exchange("HEAD", path);
    QVERIFY2(head.startsWith("HTTP/1.1 200"), head.constData());
    QCOMPARE(header(head, "Content-Length"), QByteArray::number(full.body.size()));
    QCOMPARE(header(head, "Last-Modified"), full.header("Last-Modified"));
    QCOMPARE(header(head, "Accept-Ranges"), QByteArray("bytes"));
    QVERIFY(head.endsWith("\r\n\r\n")); // nothing after the header block

    // A HEAD for an unknown job is the GET's 404, also without its JSON body.
    const QByteArray missing = exchange("HEAD", "/v1/exports/00000000-0000-4000-8000-000000000000/download");
    QVERIFY2(missing.startsWith("HTTP/1.1 404"), missing.constData());
    QVERIFY(missing.endsWith("\r\n\r\n"));

    // The next response on the connection starts right at its status line.
    const QByteArray next = exchange("GET", "/v1/exports/" + id);
    QVERIFY2(next.startsWith("HTTP/1.1 200"), next.constData());
}

void tst_ExportsApi::jobBytesEqualDirectExport_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("format");
    QTest::addColumn<QJsonObject>("query");

    const QJsonObject filter{{"type", "condition"}, {"field", "quantity"}, {"op", "gte"}, {"value", 2}};
    for (const char *format : {"csv", "json", "ndjson"}) {
        QTest::addRow("buckets %s", format) << "usage_buckets" << format << bucketQuery({{"limit", 1000}});
        QTest::addRow("buckets grouped %s", format)
            << "usage_buckets" << format
            << bucketQuery({{"group_by", QJsonArray{"region", "subject", "plan"}}, {"limit", 1000},
                   {"filter", filter}});
        QTest::addRow("events %s", format)
            << "usage_events" << format
            << QJsonObject{{"meter", "api"}, {"from", "2026-06-08T01:00:00Z"}, {"to", "2026-06-08T03:00:00Z"},
                   {"limit", 1000}, {"filter", filter}};
    }
    QTest::newRow("buckets default limit")
        << "usage_buckets"
        << "csv" << bucketQuery({{"bucket_size", "hour"}, {"group_by", QJsonArray{"subject", "region"}}});
    QTest::newRow("buckets in a time zone")
        << "usage_buckets"
        << "csv"
        << bucketQuery({{"from", "2026-06-08T00:00:00"}, {"to", "2026-06-09T00:00:00"},
               {"timezone", "America/New_York"}, {"limit", 1000}});
    QTest::newRow("events all meters") << "usage_events"
                                       << "csv" << QJsonObject{{"limit", 1000}};
    QTest::newRow("events all meters, filtered")
        << "usage_events"
        << "ndjson" << QJsonObject{{"limit", 700}, {"subject", "org_9"}, {"from", "2026-06-08T01:00:00Z"}};
    QTest::newRow("no rows") << "usage_buckets"
                             << "json" << bucketQuery({{"subject", "org_nobody"}});
}

void tst_ExportsApi::jobBytesEqualDirectExport()
{
    QFETCH(QString, kind);
    QFETCH(QString, format);
    QFETCH(QJsonObject, query);
    ApiTestServer server;
    ingestApiEvents(server, 600);
    // A second meter with events at the same instants: jobs without a meter merge the meters' streams,
    // ties broken by id as the direct export orders them.
    createMeter(server, "other");
    // Idempotency keys are free text: CSV quoting must treat them alike whether written from the stored
    // bytes (jobs) or from QStrings (direct export).
    static const QStringList keys
        = {QStringLiteral(" lead"), QStringLiteral("a,b"), QStringLiteral("q\"d"), QStringLiteral("ключ"),
            QStringLiteral("\u00a0nbsp"), QStringLiteral("\\."), QStringLiteral("line\nbreak")};
    QJsonArray others;
    for (int i = 0; i < 250; ++i) {
        QJsonObject event = usage("org_9", "other", i + 1,
            QStringLiteral("2026-06-08T%1:%2:00Z")
                .arg(i / 60, 2, 10, QLatin1Char('0'))
                .arg(i % 60, 2, 10, QLatin1Char('0')));
        if (i % 2 == 0)
            event.insert("idempotency_key", keys[(i / 2) % keys.size()] + QString::number(i));
        others.append(event);
    }
    ingest(server, others);

    QJsonObject direct = query;
    direct.insert("format", format);
    const QString endpoint = kind == "usage_events" ? "/v1/usageevents/export" : "/v1/usages/export";
    const auto expected = server.call("POST", endpoint, direct);
    QCOMPARE(expected.status, 200);

    const auto created = createJob(server, query, kind, format);
    QCOMPARE(created.status, 202);
    const QString id = created.object().value("id").toString();
    osc::ExportWorker::Options options;
    options.eventPageRows = 64; // many pages per stream
    QCOMPARE(drain(server.engine(), options), 1);
    const QJsonObject job = server.call("GET", "/v1/exports/" + id).object();
    QCOMPARE(job.value("status").toString(), QString("completed"));
    const auto downloaded = server.call("GET", "/v1/exports/" + id + "/download");
    QCOMPARE(downloaded.status, 200);
    QCOMPARE(downloaded.body, expected.body);
    QCOMPARE(downloaded.header("Content-Type"), expected.header("Content-Type"));
    QVERIFY(downloaded.header("Content-Disposition").endsWith("." + format.toUtf8() + "\""));
    QCOMPARE(job.value("artifact_size").toInteger(), qint64(expected.body.size()));
}

void tst_ExportsApi::queuedJobsHaveNoRowCap()
{
    ApiTestServer server;
    ingestApiEvents(server, 1500);
    // Direct exports keep upstream's 1,000-row cap …
    QCOMPARE(
        server.call("POST", "/v1/usageevents/export", QJsonObject{{"meter", "api"}, {"limit", 1200}}).status,
        400);
    // … queued jobs honour any limit, and stream page by page past the page size.
    osc::ExportWorker::Options options;
    options.eventPageRows = 250;
    const QString events
        = createJob(server, QJsonObject{{"meter", "api"}, {"limit", 1200}}, "usage_events", "ndjson")
              .object()
              .value("id")
              .toString();
    const QString all = createJob(server, QJsonObject{{"meter", "api"}, {"limit", 100000}}, "usage_events")
                            .object()
                            .value("id")
                            .toString();
    QCOMPARE(drain(server.engine(), options), 2);
    auto r = server.call("GET", "/v1/exports/" + events);
    QCOMPARE(r.object().value("record_count").toInteger(), 1200);
    QByteArray body = server.call("GET", "/v1/exports/" + events + "/download").body;
    QCOMPARE(body.count('\n'), 1200);
    // Newest first across pages, no duplicates.
    QStringList times;
    QSet<QString> ids;
    for (const QByteArray &line : body.split('\n')) {
        if (line.isEmpty())
            continue;
        const QJsonObject e = QJsonDocument::fromJson(line).object();
        times.append(e.value("timestamp").toString());
        ids.insert(e.value("id").toString());
    }
    QCOMPARE(ids.size(), 1200);
    QStringList sorted = times;
    std::sort(sorted.begin(), sorted.end(), std::greater<>());
    QCOMPARE(times, sorted);
    r = server.call("GET", "/v1/exports/" + all);
    QCOMPARE(r.object().value("record_count").toInteger(), 1500);
    body = server.call("GET", "/v1/exports/" + all + "/download").body;
    QCOMPARE(body.count('\n'), 1501); // header + every event
}

void tst_ExportsApi::directExportFormats()
{
    ApiTestServer server;
    ingestApiEvents(server, 5);
    const QString q = "meter=api&from=2026-06-08T00:00:00Z&to=2026-06-09T00:00:00Z&bucket_size=day";
    // No format: upstream's CSV, unchanged.
    auto r = server.call("GET", "/v1/usages/export?" + q);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body,
        QByteArray("bucket_start,subject,meter,bucket_size,aggregation,unit,quantity\n"
                   "2026-06-08T00:00:00Z,,api,day,sum,call,12.5\n"));
    QCOMPARE(r.header("Content-Disposition"), QByteArray("attachment; filename=\"usage-buckets.csv\""));
    QCOMPARE(server.call("GET", "/v1/usages/export?format=csv&" + q).body, r.body);
    r = server.call("GET", "/v1/usages/export?format=json&" + q);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("Content-Type"), QByteArray("application/json"));
    QCOMPARE(r.body,
        QByteArray(
            R"([{"subject":"","meter":"api","bucket_size":"day","bucket_start":"2026-06-08T00:00:00Z","aggregation":"sum","unit":"call","quantity":12.5}])"
            "\n"));
    QCOMPARE(server.call("GET", "/v1/usages?" + q).body, r.body); // the same objects as the query API
    r = server.call("GET", "/v1/usages/export?format=ndjson&" + q);
    QCOMPARE(r.header("Content-Type"), QByteArray("application/x-ndjson"));
    QCOMPARE(r.header("Content-Disposition"), QByteArray("attachment; filename=\"usage-buckets.ndjson\""));
    QVERIFY(r.body.startsWith("{\"subject\":\"\"") && r.body.endsWith("}\n") && r.body.count('\n') == 1);
    r = server.call("GET", "/v1/usageevents/export?format=ndjson&meter=api");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body.count('\n'), 5);
    QCOMPARE(r.header("Content-Disposition"), QByteArray("attachment; filename=\"usage-events.ndjson\""));
    const auto listed = server.call("GET", "/v1/usageevents?meter=api");
    r = server.call("POST", "/v1/usageevents/export", QJsonObject{{"meter", "api"}, {"format", "json"}});
    QCOMPARE(QJsonDocument::fromJson(r.body).array(), listed.object().value("items").toArray());

    for (const auto &[method, path, body] :
        {std::tuple{"GET", "/v1/usages/export?format=xml&" + q, QJsonObject{}},
            std::tuple{"GET", QString("/v1/usageevents/export?format=XML"), QJsonObject{}},
            std::tuple{"POST", QString("/v1/usages/export"), bucketQuery({{"format", "parquet"}})},
            std::tuple{"POST", QString("/v1/usageevents/export"), QJsonObject{{"format", "xlsx"}}}}) {
        r = body.isEmpty() ? server.call(method, path) : server.call(method, path, body);
        QCOMPARE(r.status, 400);
        QCOMPARE(r.errorCode(), QString("invalid_input"));
        QCOMPARE(r.errorMessage(), QString("invalid input: export format is invalid"));
    }
    r = server.call("POST", "/v1/usages/export", bucketQuery({{"format", 3}}));
    QCOMPARE(r.errorCode(), QString("invalid_json"));
}

void tst_ExportsApi::unwritableExportDirFailsJob()
{
    ApiTestServer server;
    ingestApiEvents(server, 5);
    // A regular file where the export directory should be: it can be neither created nor written to
    // (permissions would not stop root, which runs these tests in CI).
    QTemporaryDir dir;
    const QString blocker = dir.filePath("not-a-dir");
    QFile file(blocker);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    auto settings = server.engine().exports().settings();
    settings.storageDir = blocker + "/exports";
    server.engine().exports().configure(settings);
    const QString id = createJob(server, bucketQuery()).object().value("id").toString();
    QCOMPARE(drain(server.engine()), 1);
    const QJsonObject job = server.call("GET", "/v1/exports/" + id).object();
    QCOMPARE(job.value("status").toString(), QString("failed"));
    QVERIFY2(job.value("error").toString().contains("cannot be created"),
        qPrintable(job.value("error").toString()));
    QCOMPARE(server.send("GET", "/health").status, 204); // the server is fine
}

void tst_ExportsApi::permissions()
{
    ApiTestServer server;
    ingestApiEvents(server, 5);
    const QString apiJob = createJob(server, bucketQuery()).object().value("id").toString();
    const QString writer = server.createKey({"usage:read", "exports:write"});
    const QString reader = server.createKey({"exports:read"});
    const QString otherMeter = server.createKey({"usage:read", "exports:*"}, {"other"});

    QCOMPARE(createJob(server, bucketQuery()).status, 202);
    auto r = server.call("POST", "/v1/exports", QJsonObject{{"query", bucketQuery()}}, reader);
    QCOMPARE(r.status, 403);
    QCOMPARE(r.errorMessage(), QString("forbidden\nnot allowed to usage:read usage"));
    QCOMPARE(server.call("POST", "/v1/exports", QJsonObject{{"query", bucketQuery()}}, writer).status, 202);
    QCOMPARE(server.call("GET", "/v1/exports", QByteArray(), writer).status, 403);
    QCOMPARE(server.call("GET", "/v1/exports", QByteArray(), reader).status, 200);
    QCOMPARE(server.call("GET", "/v1/exports/" + apiJob, QByteArray(), reader).status, 200);
    QCOMPARE(server.call("POST", "/v1/exports/" + apiJob + "/cancel", QByteArray(), reader).status, 403);
    // A meter-restricted key: another meter's job is forbidden, an empty-meter list too (§2.2).
    r = server.call("GET", "/v1/exports/" + apiJob, QByteArray(), otherMeter);
    QCOMPARE(r.status, 403);
    QCOMPARE(r.errorMessage(), QString("forbidden\napi key cannot access meter \"api\""));
    QCOMPARE(server.call("GET", "/v1/exports", QByteArray(), otherMeter).status, 403);
    QCOMPARE(server.call("GET", "/v1/exports/missing", QByteArray(), otherMeter).status, 404); // 404 first
    QCOMPARE(server
                 .call("POST", "/v1/exports", QJsonObject{{"query", bucketQuery({{"meter", "other"}})}},
                     otherMeter)
                 .status,
        202);
}

void tst_ExportsApi::artifactRetention()
{
    ApiTestServer server;
    ingestApiEvents(server, 5);
    const QString id = createJob(server, bucketQuery()).object().value("id").toString();
    QCOMPARE(drain(server.engine()), 1);
    QCOMPARE(server.call("GET", "/v1/exports/" + id + "/download").status, 200);

    // Another engine on the same database whose clock is three days ahead applies a 2-day retention.
    auto later
        = std::make_unique<osc::ManualClock>(osc::SystemClock().nowNs() + 3 * 86'400 * osc::kNanosPerSecond);
    auto opened = osc::Engine::open(server.sameDatabase(), std::move(later));
    QVERIFY(opened);
    auto settings = server.engine().exports().settings();
    settings.artifactRetentionDays = 4;
    opened.value()->exports().configure(settings);
    QCOMPARE(opened.value()->exports().deleteExpiredArtifacts().value(), 0); // not old enough
    settings.artifactRetentionDays = 2;
    opened.value()->exports().configure(settings);
    QCOMPARE(opened.value()->exports().deleteExpiredArtifacts().value(), 1);
    QCOMPARE(filesOf(server), QStringList());
    const auto r = server.call("GET", "/v1/exports/" + id + "/download");
    QCOMPARE(r.status, 404);
    QCOMPARE(r.errorMessage(), QString("not found\nexport artifact was not found"));
    QCOMPARE(
        server.call("GET", "/v1/exports/" + id).object().value("status").toString(), QString("completed"));
}

void tst_ExportsApi::workerPoolPicksUpJobs()
{
    ApiTestServer server;
    ingestApiEvents(server, 20);
    // A long poll interval: the pool must be woken by the new job, not by its timer.
    osc::ExportWorkerPool pool(server.engine().exportServices(), 2, 60'000);
    pool.start();
    const QString id = createJob(server, bucketQuery()).object().value("id").toString();
    QTRY_COMPARE_WITH_TIMEOUT(server.call("GET", "/v1/exports/" + id).object().value("status").toString(),
        QString("completed"), 30'000);
    pool.stop();
}

QTEST_MAIN(tst_ExportsApi)
#include "tst_exportsapi.moc"
