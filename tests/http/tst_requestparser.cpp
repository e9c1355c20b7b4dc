// RequestParser on bytes alone: the same requests whether they arrive whole or one byte at a time
// (TCP may split anywhere, a CR and its LF included), pipelined requests kept apart, bodies de-chunked.

#include "transport/RequestParser.h"

#include <QtTest>

using osc::http::ParsedRequest;
using osc::http::RequestParser;
using osc::http::TransportLimits;

namespace {

const QByteArray kPipeline = "POST /v1/usages?x=1 HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello"
                             "PUT /chunked HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                             "3;ext=1\r\nabc\r\n2\r\nde\r\n0\r\nTrailer: t\r\n\r\n"
                             "GET /last HTTP/1.0\r\n\r\n";

struct Framed
{
    QList<ParsedRequest> requests;
    bool failed = false;
};

Framed frame(const QByteArray &bytes, qsizetype step)
{
    RequestParser parser{TransportLimits{}};
    Framed framed;
    for (qsizetype i = 0; i < bytes.size() && !framed.failed; i += step) {
        parser.feed(bytes.mid(i, step));
        for (;;) {
            const auto status = parser.parse();
            if (status == RequestParser::Status::Failed)
                framed.failed = true;
            if (status != RequestParser::Status::Complete)
                break;
            framed.requests.append(parser.takeRequest());
        }
    }
    return framed;
}

} // namespace

class tst_RequestParser final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void splitAnywhere_data();
    void splitAnywhere();
    void bareCrIsRefusedEvenWhenSplit();
};

void tst_RequestParser::splitAnywhere_data()
{
    QTest::addColumn<int>("step");
    for (int step : {1, 2, 3, 7, 64, 100'000})
        QTest::newRow(QByteArray::number(step)) << step;
}

void tst_RequestParser::splitAnywhere()
{
    QFETCH(int, step);
    const Framed framed = frame(kPipeline, step);
    QVERIFY(!framed.failed);
    QCOMPARE(framed.requests.size(), 3);
    QCOMPARE(framed.requests[0].method, QByteArray("POST"));
    QCOMPARE(framed.requests[0].target, QByteArray("/v1/usages?x=1"));
    QCOMPARE(framed.requests[0].body, QByteArray("hello"));
    QVERIFY(framed.requests[0].keepAlive);
    QCOMPARE(framed.requests[1].body, QByteArray("abcde"));
    QCOMPARE(framed.requests[1].headers.size(), 2); // the trailer is not a header
    QCOMPARE(framed.requests[2].target, QByteArray("/last"));
    QCOMPARE(framed.requests[2].minorVersion, 0);
    QVERIFY(!framed.requests[2].keepAlive);
}

void tst_RequestParser::bareCrIsRefusedEvenWhenSplit()
{
    const QByteArray bytes = "GET / HTTP/1.1\r\nHost: a\rb\r\n\r\n";
    for (int step : {1, 2, 100}) {
        const Framed framed = frame(bytes, step);
        QVERIFY2(framed.failed, QByteArray::number(step));
        QCOMPARE(framed.requests.size(), 0);
    }
}

QTEST_GUILESS_MAIN(tst_RequestParser)
#include "tst_requestparser.moc"
