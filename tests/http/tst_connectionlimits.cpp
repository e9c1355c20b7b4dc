// Connection-level limits and timeouts of the HTTP/1.1 front (issue 21), each with a short setting so
// it runs in well under a second. The waits below are bounds against a hang, never assertions on how
// long something took.

#include "ApiTestServer.h"
#include "RawHttpClient.h"
#include "http/HttpTypes.h"

#include <QJsonArray>
#include <QSemaphore>
#include <QtTest>

#include <memory>

using osc::http::HttpServer;
using osc::test::ApiTestServer;
using osc::test::rawGet;
using osc::test::RawHttpClient;

namespace {

const QByteArray kAuth = QByteArray("Authorization: Bearer ") + ApiTestServer::kAdminKey + "\r\n";
const QByteArray kHeavy = "/v1/system/stats";

HttpServer::Options shortTimeouts()
{
    HttpServer::Options options;
    options.headerTimeoutMs = 300;
    options.bodyTimeoutMs = 300;
    options.idleTimeoutMs = 300;
    return options;
}

} // namespace

class tst_ConnectionLimits final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sizeLimits_data();
    void sizeLimits();
    void silentConnectionIsClosed();
    void slowHeadersAreClosed();
    void stalledBodyIs408();
    void idleKeepAliveIsClosed();
    void keepAliveSurvivesWithinTheIdleTimeout();
    void excessConnectionsAreRefused();
    void slowQueryTimesOut();
    void disconnectCancelsTheQuery();
    void fullQueueIs503();
    void beyondLoopbackIsWarned();
};

void tst_ConnectionLimits::sizeLimits_data()
{
    QTest::addColumn<QString>("limit");
    QTest::addColumn<int>("value");
    QTest::addColumn<QByteArray>("within");
    QTest::addColumn<QByteArray>("beyond");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");

    const auto withHeaders = [](int count) {
        QByteArray lines;
        for (int i = 0; i < count; ++i)
            lines += "X-H" + QByteArray::number(i) + ": v\r\n";
        return rawGet("/health", lines);
    };
    // Host counts as one header line.
    QTest::newRow("header count") << "maxHeaderCount" << 5 << withHeaders(4) << withHeaders(5) << 431
                                  << "header_too_large";
    QTest::newRow("header bytes") << "maxHeaderBytes" << 1024
                                  << rawGet("/health", "X-A: " + QByteArray(900, 'a') + "\r\n")
                                  << rawGet("/health", "X-A: " + QByteArray(1100, 'a') + "\r\n") << 431
                                  << "header_too_large";
    QTest::newRow("request line") << "maxRequestLineBytes" << 256
                                  << rawGet("/health?p=" + QByteArray(200, 'a'))
                                  << rawGet("/health?p=" + QByteArray(300, 'a')) << 414 << "uri_too_long";
    const QByteArray meter = R"({"name":"m","unit":"u"})";
    const auto post = [&](const QByteArray &body) {
        return "POST /v1/meters HTTP/1.1\r\nHost: x\r\n" + kAuth
            + "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    };
    QTest::newRow("body bytes") << "maxBodyBytes" << 64 << post(meter) << post(meter + QByteArray(60, ' '))
                                << 413 << "payload_too_large";
}

void tst_ConnectionLimits::sizeLimits()
{
    QFETCH(QString, limit);
    QFETCH(int, value);
    QFETCH(QByteArray, within);
    QFETCH(QByteArray, beyond);
    QFETCH(int, status);
    QFETCH(QString, code);

    HttpServer::Options options;
    if (limit == "maxHeaderCount")
        options.maxHeaderCount = value;
    else if (limit == "maxHeaderBytes")
        options.maxHeaderBytes = value;
    else if (limit == "maxRequestLineBytes")
        options.maxRequestLineBytes = value;
    else
        options.maxBodyBytes = value;
    ApiTestServer server(options);
    QVERIFY(server.ok());

    RawHttpClient ok(server.port());
    ok.send(within);
    const auto accepted = ok.read(1);
    QCOMPARE(accepted.size(), 1);
    QVERIFY2(accepted.first().status < 300, accepted.first().body);

    RawHttpClient refused(server.port());
    refused.send(beyond);
    const auto answers = refused.read(1);
    QCOMPARE(answers.size(), 1);
    QCOMPARE(answers.first().status, status);
    QCOMPARE(answers.first().errorCode(), code);
    QVERIFY(refused.waitForClose());
    RawHttpClient after(server.port()); // a raw client: the limits under test are below what Qt sends
    after.send(rawGet("/health"));
    QCOMPARE(after.read(1).value(0).status, 204);
}

void tst_ConnectionLimits::silentConnectionIsClosed()
{
    ApiTestServer server(shortTimeouts());
    RawHttpClient client(server.port());
    QVERIFY(client.isOpen());
    QVERIFY(client.waitForClose());
    QCOMPARE(client.read(1).size(), 0); // nothing was asked, nothing is answered
}

void tst_ConnectionLimits::slowHeadersAreClosed()
{
    // Slowloris: a header line now and then never completes the head; the timeout is not extended.
    ApiTestServer server(shortTimeouts());
    RawHttpClient client(server.port());
    client.send("GET /health HTTP/1.1\r\nHost: x\r\n");
    for (int i = 0; i < 100 && client.isOpen(); ++i) {
        client.send("X-Trickle-" + QByteArray::number(i) + ": x\r\n");
        QTest::qWait(50);
    }
    QVERIFY(client.waitForClose());
    const auto answers = client.read(1);
    QCOMPARE(answers.size(), 1);
    QCOMPARE(answers.first().status, 408);
    QCOMPARE(answers.first().errorCode(), QString("request_timeout"));
    QCOMPARE(server.send("GET", "/health").status, 204);
}

void tst_ConnectionLimits::stalledBodyIs408()
{
    // A body shorter than its Content-Length used to get no answer at all.
    ApiTestServer server(shortTimeouts());
    RawHttpClient client(server.port());
    client.send("POST /v1/meters HTTP/1.1\r\nHost: x\r\n" + kAuth + "Content-Length: 100\r\n\r\n{\"name\":");
    QVERIFY(client.waitForClose());
    const auto answers = client.read(1);
    QCOMPARE(answers.size(), 1);
    QCOMPARE(answers.first().status, 408);
    QCOMPARE(server.call("GET", "/v1/meters").object().value("items").toArray().size(), 0);
}

void tst_ConnectionLimits::idleKeepAliveIsClosed()
{
    ApiTestServer server(shortTimeouts());
    RawHttpClient client(server.port());
    client.send(rawGet("/health"));
    QCOMPARE(client.read(1).value(0).status, 204);
    QVERIFY(client.waitForClose());
    QCOMPARE(client.read(1).size(), 0); // closed without an answer
}

void tst_ConnectionLimits::keepAliveSurvivesWithinTheIdleTimeout()
{
    // The default idle timeout (120 s) keeps a connection for the next request.
    ApiTestServer server;
    RawHttpClient client(server.port());
    for (int i = 0; i < 3; ++i) {
        client.send(rawGet("/health"));
        QCOMPARE(client.read(1).value(0).status, 204);
    }
    QVERIFY(client.isOpen());
}

void tst_ConnectionLimits::excessConnectionsAreRefused()
{
    HttpServer::Options options;
    options.maxConnections = 3;
    ApiTestServer server(options);
    std::vector<std::unique_ptr<RawHttpClient>> open;
    for (int i = 0; i < 3; ++i) {
        open.push_back(std::make_unique<RawHttpClient>(server.port()));
        open.back()->send(rawGet("/health"));
        QCOMPARE(open.back()->read(1).value(0).status, 204); // accepted and counted
    }
    RawHttpClient excess(server.port());
    const auto refused = excess.read(1);
    QCOMPARE(refused.size(), 1);
    QCOMPARE(refused.first().status, 503);
    QCOMPARE(refused.first().errorCode(), QString("too_many_connections"));
    QCOMPARE(refused.first().header("Retry-After"), QByteArray("1"));
    QVERIFY(excess.waitForClose());
    // The open connections are not disturbed.
    for (auto &client : open) {
        client->send(rawGet("/health"));
        QCOMPARE(client->read(1).value(0).status, 204);
    }
    // Once one closes, a new connection is served (the server learns of the close asynchronously, so
    // the new connection may need a few tries).
    open.front().reset();
    int status = 0;
    for (int attempt = 0; attempt < 100 && status != 204; ++attempt) {
        RawHttpClient next(server.port());
        next.send(rawGet("/health"));
        status = next.read(1).value(0).status;
        if (status != 204)
            QTest::qWait(20);
    }
    QCOMPARE(status, 204);
}

void tst_ConnectionLimits::slowQueryTimesOut()
{
    auto release = std::make_shared<QSemaphore>();
    auto entered = std::make_shared<QSemaphore>();
    auto cancelledSeen = std::make_shared<QSemaphore>();
    HttpServer::Options options;
    options.queryTimeoutMs = 200;
    options.beforeHeavyHandler = [release, entered, cancelledSeen](const osc::http::Request &request) {
        entered->release();
        release->acquire();
        if (request.cancelled->load()) // the server gave up on it before it was let go
            cancelledSeen->release();
    };
    ApiTestServer server(options);
    RawHttpClient client(server.port());
    client.send(rawGet(kHeavy, kAuth));
    const auto answers = client.read(1);
    QCOMPARE(answers.size(), 1);
    QCOMPARE(answers.first().status, 503);
    QCOMPARE(answers.first().errorCode(), QString("query_timeout"));
    QCOMPARE(answers.first().header("Retry-After"), QByteArray("1"));
    QVERIFY(entered->tryAcquire(1, 10'000));
    release->release();
    QVERIFY(cancelledSeen->tryAcquire(1, 10'000));
    // The connection goes on; the late answer of the abandoned query is dropped, not sent here.
    client.send(rawGet("/health"));
    QCOMPARE(client.read(1).value(0).status, 204);
}

void tst_ConnectionLimits::disconnectCancelsTheQuery()
{
    auto release = std::make_shared<QSemaphore>();
    auto entered = std::make_shared<QSemaphore>();
    auto flag = std::make_shared<std::shared_ptr<std::atomic<bool>>>();
    HttpServer::Options options;
    options.beforeHeavyHandler = [release, entered, flag](const osc::http::Request &request) {
        *flag = request.cancelled;
        entered->release();
        release->acquire();
    };
    ApiTestServer server(options);
    {
        RawHttpClient client(server.port());
        client.send(rawGet(kHeavy, kAuth));
        QVERIFY(entered->tryAcquire(1, 10'000));
        QVERIFY(!(*flag)->load());
    } // the client goes away with its query in flight
    QTRY_VERIFY_WITH_TIMEOUT((*flag)->load(), 10'000);
    release->release();
    QCOMPARE(server.send("GET", "/health").status, 204);
}

void tst_ConnectionLimits::fullQueueIs503()
{
    auto release = std::make_shared<QSemaphore>();
    auto entered = std::make_shared<QSemaphore>();
    HttpServer::Options options;
    options.workerThreads = 1;
    options.workerQueue = 1;
    options.beforeHeavyHandler = [release, entered](const osc::http::Request &) {
        entered->release();
        release->acquire();
    };
    ApiTestServer server(options);
    RawHttpClient running(server.port());
    running.send(rawGet(kHeavy, kAuth));
    QVERIFY(entered->tryAcquire(1, 10'000));
    RawHttpClient queued(server.port());
    queued.send(rawGet(kHeavy, kAuth));
    // Until the queued one is surely queued, a third could find the queue empty: send the third only
    // after the second request was framed, which /health on the second's heels shows.
    RawHttpClient probe(server.port());
    probe.send(rawGet("/health"));
    QCOMPARE(probe.read(1).value(0).status, 204);
    int busy = 0;
    for (int attempt = 0; attempt < 100 && busy != 503; ++attempt) {
        RawHttpClient excess(server.port());
        excess.send(rawGet(kHeavy, kAuth));
        const auto answer = excess.read(1, 500);
        busy = answer.value(0).status;
        if (busy == 503) {
            QCOMPARE(answer.first().errorCode(), QString("server_busy"));
            QCOMPARE(answer.first().header("Retry-After"), QByteArray("1"));
        }
    }
    QCOMPARE(busy, 503);
    QCOMPARE(server.send("GET", "/health").status, 204); // the fast path is not queued
    release->release(100);
    QCOMPARE(running.read(1).value(0).status, 200);
    QCOMPARE(queued.read(1).value(0).status, 200);
}

void tst_ConnectionLimits::beyondLoopbackIsWarned()
{
    ApiTestServer loopback;
    HttpServer server(loopback.engine());
    HttpServer::Options options;
    options.address = QHostAddress::AnyIPv4;
    options.port = 0;
    QTest::ignoreMessage(
        QtWarningMsg, QRegularExpression("REST API listening on 0\\.0\\.0\\.0:\\d+, beyond loopback"));
    QVERIFY(server.start(options));
    QVERIFY(server.listensBeyondLoopback());
    server.stop();
    options.address = QHostAddress::LocalHost;
    QVERIFY(server.start(options));
    QVERIFY(!server.listensBeyondLoopback());
}

QTEST_GUILESS_MAIN(tst_ConnectionLimits)
#include "tst_connectionlimits.moc"
