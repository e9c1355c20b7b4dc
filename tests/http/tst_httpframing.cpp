// Request framing of the HTTP/1.1 front (RFC 9112, issue 21): raw bytes on a socket, exactly as a
// hostile or broken client sends them. Each case: the statuses answered in order, whether the server
// closed the connection, how many meters exist afterwards (a smuggled request must never run), and
// /health still answering on a new connection.

#include "ApiTestServer.h"
#include "RawHttpClient.h"

#include <QJsonArray>
#include <QtTest>

using osc::test::ApiTestServer;
using osc::test::RawHttpClient;

namespace {

const QByteArray kAuth = QByteArray("Authorization: Bearer ") + ApiTestServer::kAdminKey + "\r\n";
const QByteArray kMeter = R"({"name":"smuggled","unit":"u"})";

// POST /v1/meters creating "smuggled", with the given framing header lines and body bytes.
QByteArray postMeter(
    const QByteArray &framing, const QByteArray &body, const QByteArray &version = "HTTP/1.1")
{
    return "POST /v1/meters " + version + "\r\nHost: localhost\r\n" + kAuth + framing + "\r\n" + body;
}

QByteArray withLength(const QByteArray &body)
{
    return "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
}

// What a front that mis-frames would run as a second request.
const QByteArray kSmuggled = postMeter(withLength(kMeter), kMeter);

QByteArray chunked(const QByteArray &body)
{
    return QByteArray::number(body.size(), 16) + "\r\n" + body + "\r\n0\r\n\r\n";
}

} // namespace

class tst_HttpFraming final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void framing_data();
    void framing();
    void oversizedContentLengthIsRefusedBeforeTheBody();
    void expectContinueGetsAnInterimAnswer();
};

void tst_HttpFraming::framing_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QList<int>>("statuses");
    QTest::addColumn<bool>("closed");
    QTest::addColumn<int>("meters");

    const QList<int> badRequest{400};

    // Content-Length and Transfer-Encoding together: the rest of the body used to run as a request.
    QTest::newRow("cl-and-te") << postMeter(
        "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n", "0\r\n\r\n" + kSmuggled)
                               << badRequest << true << 0;
    QTest::newRow("te-and-cl") << postMeter(
        "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n", "0\r\n\r\n" + kSmuggled)
                               << badRequest << true << 0;
    QTest::newRow("two-equal-cl") << postMeter(withLength(kMeter) + withLength(kMeter), kMeter) << badRequest
                                  << true << 0;
    QTest::newRow("conflicting-cl") << postMeter("Content-Length: 2\r\n" + withLength(kMeter), kMeter)
                                    << badRequest << true << 0;
    QTest::newRow("cl-list") << postMeter("Content-Length: 30, 30\r\n", kMeter) << badRequest << true << 0;
    QTest::newRow("cl-plus-sign") << postMeter("Content-Length: +30\r\n", kMeter) << badRequest << true << 0;
    QTest::newRow("cl-hex") << postMeter("Content-Length: 0x1e\r\n", kMeter) << badRequest << true << 0;
    QTest::newRow("cl-negative") << postMeter("Content-Length: -1\r\n", kMeter) << badRequest << true << 0;
    QTest::newRow("cl-empty") << postMeter("Content-Length: \r\n", kMeter) << badRequest << true << 0;

    const QByteArray te = "Transfer-Encoding: chunked\r\n";
    QTest::newRow("chunk-size-not-hex")
        << postMeter(te, "zz\r\n" + kMeter + "\r\n0\r\n\r\n") << badRequest << true << 0;
    QTest::newRow("chunk-size-0x") << postMeter(te, "0x1e\r\n" + kMeter + "\r\n0\r\n\r\n") << badRequest
                                   << true << 0;
    QTest::newRow("chunk-size-negative")
        << postMeter(te, "-1e\r\n" + kMeter + "\r\n0\r\n\r\n") << badRequest << true << 0;
    QTest::newRow("chunk-size-empty")
        << postMeter(te, "\r\n" + kMeter + "\r\n0\r\n\r\n") << badRequest << true << 0;
    QTest::newRow("chunk-size-trailing-space")
        << postMeter(te, "1e \r\n" + kMeter + "\r\n0\r\n\r\n") << badRequest << true << 0;
    QTest::newRow("chunk-size-overflow")
        << postMeter(te, "1000000000000000001e\r\n" + kMeter + "\r\n0\r\n\r\n") << badRequest << true << 0;
    QTest::newRow("chunk-longer-than-size")
        << postMeter(te, "2\r\n" + kMeter + "\r\n0\r\n\r\n") << badRequest << true << 0;
    QTest::newRow("chunk-bare-lf") << postMeter(te, "1e\n" + kMeter + "\r\n0\r\n\r\n") << badRequest << true
                                   << 0;
    QTest::newRow("chunk-over-body-limit")
        << postMeter(te, "7fffffffffff\r\n" + kMeter) << QList<int>{413} << true << 0;
    QTest::newRow("te-gzip") << postMeter("Transfer-Encoding: gzip\r\n", kMeter) << badRequest << true << 0;
    QTest::newRow("te-gzip-chunked") << postMeter("Transfer-Encoding: gzip, chunked\r\n", chunked(kMeter))
                                     << QList<int>{501} << true << 0;
    QTest::newRow("te-chunked-twice")
        << postMeter("Transfer-Encoding: chunked, chunked\r\n", chunked(kMeter)) << badRequest << true << 0;
    QTest::newRow("te-in-http10") << postMeter(te, chunked(kMeter), "HTTP/1.0") << badRequest << true << 0;

    QTest::newRow("no-host-on-1.1") << QByteArray("GET /health HTTP/1.1\r\n\r\n") << badRequest << true << 0;
    QTest::newRow("two-hosts") << osc::test::rawGet("/health", "Host: other\r\n") << badRequest << true << 0;
    QTest::newRow("http-9.9") << QByteArray("GET /health HTTP/9.9\r\nHost: x\r\n\r\n") << QList<int>{505}
                              << true << 0;
    QTest::newRow("http-2.0") << QByteArray("GET /health HTTP/2.0\r\nHost: x\r\n\r\n") << QList<int>{505}
                              << true << 0;
    QTest::newRow("http-1.2") << QByteArray("GET /health HTTP/1.2\r\nHost: x\r\n\r\n") << QList<int>{505}
                              << true << 0;
    QTest::newRow("version-malformed")
        << QByteArray("GET /health HTTP/1\r\nHost: x\r\n\r\n") << badRequest << true << 0;
    QTest::newRow("version-lowercase")
        << QByteArray("GET /health http/1.1\r\nHost: x\r\n\r\n") << badRequest << true << 0;
    QTest::newRow("http-0.9") << QByteArray("GET /health\r\n\r\n") << badRequest << true << 0;
    QTest::newRow("double-space") << QByteArray("GET  /health HTTP/1.1\r\nHost: x\r\n\r\n") << badRequest
                                  << true << 0;
    QTest::newRow("target-not-a-path")
        << QByteArray("GET health HTTP/1.1\r\nHost: x\r\n\r\n") << badRequest << true << 0;
    QTest::newRow("bare-lf") << QByteArray("GET /health HTTP/1.1\nHost: x\n\n") << badRequest << true << 0;
    QTest::newRow("bare-cr-in-header")
        << QByteArray("GET /health HTTP/1.1\r\nHost: x\rX-A: b\r\n\r\n") << badRequest << true << 0;
    QTest::newRow("obs-fold") << QByteArray("GET /health HTTP/1.1\r\nHost: x\r\nX-A: b\r\n c\r\n\r\n")
                              << badRequest << true << 0;
    QTest::newRow("space-before-colon")
        << QByteArray("GET /health HTTP/1.1\r\nHost : x\r\n\r\n") << badRequest << true << 0;
    QTest::newRow("bad-header-name") << QByteArray("GET /health HTTP/1.1\r\nHost: x\r\nX(A): b\r\n\r\n")
                                     << badRequest << true << 0;
    QTest::newRow("nul-in-header") << QByteArray("GET /health HTTP/1.1\r\nHost: x\r\nX-A: a\0b\r\n\r\n", 45)
                                   << badRequest << true << 0;
    QTest::newRow("no-colon") << QByteArray("GET /health HTTP/1.1\r\nHost: x\r\nX-A\r\n\r\n") << badRequest
                              << true << 0;

    // More than 100 header lines used to drop every header and run the body as the next request.
    QByteArray many;
    for (int i = 0; i < 120; ++i)
        many += "X-Filler-" + QByteArray::number(i) + ": x\r\n";
    QTest::newRow("too-many-headers")
        << postMeter(many + withLength(kSmuggled), kSmuggled) << QList<int>{431} << true << 0;
    QTest::newRow("header-too-large")
        << postMeter("X-Big: " + QByteArray(70 * 1024, 'a') + "\r\n", {}) << QList<int>{431} << true << 0;
    QTest::newRow("header-16mib") << postMeter("X-Big: " + QByteArray(16 * 1024 * 1024, 'a') + "\r\n", {})
                                  << QList<int>{431} << true << 0;
    QTest::newRow("request-line-too-long")
        << osc::test::rawGet("/health?x=" + QByteArray(9 * 1024, 'a')) << QList<int>{414} << true << 0;

    // Lengths that disagree with the body: the extra bytes are framed as a request of their own.
    QTest::newRow("cl-shorter-than-body")
        << postMeter("Content-Length: 2\r\n", "{}garbage\r\n\r\n") << QList<int>{400, 400} << true << 0;

    // What must keep working.
    QTest::newRow("cl-body") << postMeter(withLength(kMeter), kMeter) << QList<int>{201} << false << 1;
    QTest::newRow("chunked-body") << postMeter(te, chunked(kMeter)) << QList<int>{201} << false << 1;
    QTest::newRow("chunked-in-pieces-with-ext") << postMeter(te,
        "a;name=value\r\n" + kMeter.left(10) + "\r\n" + QByteArray::number(kMeter.size() - 10, 16) + "\r\n"
            + kMeter.mid(10) + "\r\n0\r\nX-Trailer: t\r\n\r\n")
                                                << QList<int>{201} << false << 1;
    QTest::newRow("leading-empty-line")
        << "\r\n" + osc::test::rawGet("/health") << QList<int>{204} << false << 0;
    QTest::newRow("absolute-form") << QByteArray(
        "GET http://localhost/health HTTP/1.1\r\nHost: localhost\r\n\r\n")
                                   << QList<int>{204} << false << 0;
    QTest::newRow("connection-close")
        << osc::test::rawGet("/health", "Connection: close\r\n") << QList<int>{204} << true << 0;
    QTest::newRow("http-1.0") << QByteArray("GET /health HTTP/1.0\r\n\r\n") << QList<int>{204} << true << 0;
    QTest::newRow("unknown-method") << QByteArray("FOO /health HTTP/1.1\r\nHost: x\r\n\r\n")
                                    << QList<int>{405} << false << 0;
    QTest::newRow("pipelined") << osc::test::rawGet("/health") + osc::test::rawGet("/v1/meters", kAuth)
            + postMeter(withLength(kMeter), kMeter) + osc::test::rawGet("/nope")
                               << QList<int>{204, 200, 201, 404} << false << 1;
    QTest::newRow("pipelined-then-smuggling") << osc::test::rawGet("/health")
            + postMeter("Content-Length: 5\r\nTransfer-Encoding: chunked\r\n", "0\r\n\r\n" + kSmuggled)
                                              << QList<int>{204, 400} << true << 0;
}

void tst_HttpFraming::framing()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QList<int>, statuses);
    QFETCH(bool, closed);
    QFETCH(int, meters);

    ApiTestServer server;
    QVERIFY(server.ok());
    RawHttpClient client(server.port());
    QVERIFY(client.isOpen());
    client.send(bytes);
    const auto answers = client.read(int(statuses.size()));
    QList<int> got;
    for (const auto &answer : answers)
        got.append(answer.status);
    QCOMPARE(got, statuses);
    for (const auto &answer : answers) {
        if (answer.status >= 400) {
            QVERIFY2(answer.header("Content-Type").startsWith("application/json"), answer.body);
            QVERIFY2(!answer.errorCode().isEmpty(), answer.body);
        }
    }
    if (closed) {
        QVERIFY(answers.last().header("Connection") == "close");
        QVERIFY(client.waitForClose());
    } else {
        // Still usable: one more request on the same connection.
        client.send(osc::test::rawGet("/health"));
        const auto again = client.read(1);
        QCOMPARE(again.size(), 1);
        QCOMPARE(again.first().status, 204);
    }
    const auto list = server.call("GET", "/v1/meters");
    QCOMPARE(list.object().value("items").toArray().size(), meters);
    QCOMPARE(server.send("GET", "/health").status, 204);
}

void tst_HttpFraming::oversizedContentLengthIsRefusedBeforeTheBody()
{
    // The issue's `Content-Length: 100000000` followed by 10 bytes got no answer at all.
    osc::http::HttpServer::Options options;
    options.maxBodyBytes = 1024;
    ApiTestServer server(options);
    QVERIFY(server.ok());
    RawHttpClient client(server.port());
    client.send(postMeter("Content-Length: 100000000\r\n", "0123456789"));
    const auto answers = client.read(1);
    QCOMPARE(answers.size(), 1);
    QCOMPARE(answers.first().status, 413);
    QCOMPARE(answers.first().errorCode(), QString("payload_too_large"));
    QVERIFY(client.waitForClose());
    QCOMPARE(server.send("GET", "/health").status, 204);
}

void tst_HttpFraming::expectContinueGetsAnInterimAnswer()
{
    ApiTestServer server;
    RawHttpClient client(server.port());
    client.send(postMeter(withLength(kMeter) + "Expect: 100-continue\r\n", {}));
    auto interim = client.read(1);
    QCOMPARE(interim.size(), 1);
    QCOMPARE(interim.first().status, 100);
    client.send(kMeter);
    const auto answers = client.read(1);
    QCOMPARE(answers.size(), 1);
    QCOMPARE(answers.first().status, 201);
}

QTEST_GUILESS_MAIN(tst_HttpFraming)
#include "tst_httpframing.moc"
