// No request waits behind another (issue 21): heavy routes run on the worker pool, so /health,
// ingestion and cheap reads answer while a slow query is in flight. The query is made slow
// deterministically: the server's beforeHeavyHandler hook holds it on the worker until the test lets
// it go, so "/health answered first" is a fact of ordering, not of durations.

#include "ApiTestServer.h"
#include "RawHttpClient.h"

#include <QJsonArray>
#include <QSemaphore>
#include <QtTest>

#include <memory>

using osc::test::ApiTestServer;
using osc::test::rawGet;
using osc::test::RawHttpClient;

namespace {

const QByteArray kAuth = QByteArray("Authorization: Bearer ") + ApiTestServer::kAdminKey + "\r\n";
const QByteArray kQuery = "/v1/usages?meter=tokens&from=2026-06-08T00:00:00Z&to=2026-06-09T00:00:00Z";

// Holds heavy handlers until released; counts those that entered.
struct QueryGate
{
    QSemaphore entered;
    QSemaphore release;
};

osc::http::HttpServer::Options gatedOptions(const std::shared_ptr<QueryGate> &gate, int workers)
{
    osc::http::HttpServer::Options options;
    options.workerThreads = workers;
    options.beforeHeavyHandler = [gate](const osc::http::Request &) {
        gate->entered.release();
        gate->release.acquire();
    };
    return options;
}

void seed(ApiTestServer &server)
{
    QCOMPARE(
        server.call("POST", "/v1/meters", QJsonObject{{"name", "tokens"}, {"unit", "token"}}).status, 201);
    QCOMPARE(server
                 .call("POST", "/v1/usages",
                     QJsonObject{{"meter", "tokens"}, {"subject", "org_1"}, {"quantity", 5},
                         {"timestamp", "2026-06-08T10:00:00Z"}})
                 .status,
        201);
}

} // namespace

class tst_SlowQueries final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void healthAnswersWhileAQueryRuns();
    void healthAnswersWhileEveryWorkerIsBusy();
    void pipelinedAnswersKeepTheirOrder();
};

void tst_SlowQueries::healthAnswersWhileAQueryRuns()
{
    auto gate = std::make_shared<QueryGate>();
    ApiTestServer server(gatedOptions(gate, 2));
    QVERIFY(server.ok());
    seed(server);

    RawHttpClient query(server.port());
    query.send(rawGet(kQuery, kAuth));
    QVERIFY(gate->entered.tryAcquire(1, 10'000)); // the query is on a worker, held there

    // With the query in flight: /health, ingestion and a cheap read all answer.
    QCOMPARE(server.send("GET", "/health").status, 204);
    QCOMPARE(server
                 .call("POST", "/v1/usages",
                     QJsonObject{{"meter", "tokens"}, {"subject", "org_1"}, {"quantity", 2},
                         {"timestamp", "2026-06-08T11:00:00Z"}})
                 .status,
        201);
    QCOMPARE(server.call("GET", "/v1/meters").status, 200);

    gate->release.release();
    const auto answers = query.read(1);
    QCOMPARE(answers.size(), 1);
    QCOMPARE(answers.first().status, 200);
    // Both events: the query ran after the ingest it was held behind.
    QCOMPARE(
        QJsonDocument::fromJson(answers.first().body).array().first().toObject().value("quantity").toDouble(),
        7.0);
}

void tst_SlowQueries::healthAnswersWhileEveryWorkerIsBusy()
{
    constexpr int kWorkers = 4;
    auto gate = std::make_shared<QueryGate>();
    ApiTestServer server(gatedOptions(gate, kWorkers));
    QVERIFY(server.ok());
    seed(server);

    std::vector<std::unique_ptr<RawHttpClient>> queries;
    for (int i = 0; i < kWorkers + 2; ++i) { // two more than workers: they wait in the queue
        queries.push_back(std::make_unique<RawHttpClient>(server.port()));
        queries.back()->send(rawGet(kQuery, kAuth));
    }
    QVERIFY(gate->entered.tryAcquire(kWorkers, 10'000));
    QCOMPARE(server.send("GET", "/health").status, 204);

    gate->release.release(kWorkers + 2);
    for (auto &client : queries) {
        const auto answers = client->read(1);
        QCOMPARE(answers.size(), 1);
        QCOMPARE(answers.first().status, 200);
    }
}

void tst_SlowQueries::pipelinedAnswersKeepTheirOrder()
{
    // A heavy request answered later on a worker, and a cheap one right behind it on the same
    // connection: the answers come back in request order (QHttpServer 6.4 swapped them).
    auto gate = std::make_shared<QueryGate>();
    ApiTestServer server(gatedOptions(gate, 2));
    QVERIFY(server.ok());
    seed(server);
    RawHttpClient client(server.port());
    client.send(rawGet(kQuery, kAuth) + rawGet("/health"));
    QVERIFY(gate->entered.tryAcquire(1, 10'000));
    gate->release.release();
    const auto answers = client.read(2);
    QCOMPARE(answers.size(), 2);
    QCOMPARE(answers[0].status, 200);
    QCOMPARE(answers[1].status, 204);
}

QTEST_GUILESS_MAIN(tst_SlowQueries)
#include "tst_slowqueries.moc"
