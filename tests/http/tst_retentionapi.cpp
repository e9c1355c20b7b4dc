// Contract §6.11 and §13.9 through a real server: retention prune (dry and real), prune history, the
// counters and stats that pruning changes, and what a pruned meter allows afterwards.

#include "ApiTestServer.h"

#include <QDateTime>
#include <QJsonArray>
#include <QtTest>

using osc::test::ApiTestServer;

namespace {

QString nowRfc3339()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
}

void postEvent(ApiTestServer &server, const QString &meter, const QString &key, const QString &timestamp)
{
    const auto r = server.call("POST", "/v1/usages",
        QJsonObject{{"idempotency_key", key}, {"subject", "org_123"}, {"meter", meter}, {"quantity", 1},
            {"timestamp", timestamp}});
    QCOMPARE(r.status, 201);
}

QJsonObject meterStats(ApiTestServer &server, const QString &meter)
{
    for (const QJsonValue &item : server.call("GET", "/v1/meters/stats").object().value("items").toArray())
        if (item.toObject().value("meter").toString() == meter)
            return item.toObject();
    return {};
}

} // namespace

class tst_RetentionApi final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void dryRunThenPrune();
    void historyPagesNewestFirst();
    void invalidDryRun_data();
    void invalidDryRun();
    void permissions();
    void prunedMeterCanBeDeleted();
};

void tst_RetentionApi::dryRunThenPrune()
{
    ApiTestServer server;
    QVERIFY(server.ok());
    QCOMPARE(server
                 .call("POST", "/v1/meters",
                     QJsonObject{{"name", "retained_events"}, {"unit", "event"}, {"event_retention_days", 1}})
                 .status,
        201);
    QCOMPARE(server.call("POST", "/v1/meters", QJsonObject{{"name", "kept"}, {"unit", "event"}}).status, 201);
    postEvent(server, "retained_events", "old", "2026-01-01T00:00:00Z");
    postEvent(server, "retained_events", "recent", nowRfc3339());

    const auto dry = server.call("POST", "/v1/usageevents/prune?dry_run=true");
    QCOMPARE(dry.status, 200);
    QCOMPARE(dry.object().value("deleted").toInteger(), 1);
    QCOMPARE(dry.object().value("dry_run").toBool(), true);
    QCOMPARE(meterStats(server, "retained_events").value("usage_events").toInteger(), 2); // nothing removed

    const auto real = server.call("POST", "/v1/usageevents/prune");
    QCOMPARE(real.status, 200);
    const QJsonObject run = real.object();
    QCOMPARE(run.value("deleted").toInteger(), 1);
    QCOMPARE(run.value("dry_run").toBool(), false);
    QVERIFY(!run.value("id").toString().isEmpty());
    QVERIFY(!run.value("created_at").toString().isEmpty());
    // Every meter is listed, also the ones with nothing to delete; `before` = now - retention days.
    const QJsonArray meters = run.value("meters").toArray();
    QCOMPARE(meters.size(), 2);
    QCOMPARE(meters[0].toObject().value("meter").toString(), QStringLiteral("kept"));
    QCOMPARE(meters[0].toObject().value("deleted").toInteger(), 0);
    const QJsonObject retained = meters[1].toObject();
    QCOMPARE(retained.value("meter").toString(), QStringLiteral("retained_events"));
    QCOMPARE(retained.value("deleted").toInteger(), 1);
    const QDateTime before = QDateTime::fromString(retained.value("before").toString(), Qt::ISODate);
    QVERIFY(qAbs(before.secsTo(QDateTime::currentDateTimeUtc().addDays(-1))) < 60);

    // The recent event stays; counters and stats follow the deletion.
    QCOMPARE(meterStats(server, "retained_events").value("usage_events").toInteger(), 1);
    const QJsonObject stats = server.call("GET", "/v1/system/stats").object();
    QCOMPARE(stats.value("usage_events").toInteger(), 1);
    QCOMPARE(stats.value("prune_runs").toInteger(), 2); // dry runs count too
    const QJsonObject last = stats.value("last_prune_run").toObject();
    QCOMPARE(last.value("id").toString(), run.value("id").toString());
    QCOMPARE(last.value("deleted").toInteger(), 1);
    QCOMPARE(last.value("dry_run").toBool(), false);
    QVERIFY(!last.contains("meters"));

    const auto again = server.call("POST", "/v1/usageevents/prune?dry_run=false");
    QCOMPARE(again.object().value("deleted").toInteger(), 0);
}

void tst_RetentionApi::historyPagesNewestFirst()
{
    ApiTestServer server;
    QVERIFY(server.ok());
    QCOMPARE(
        server.call("GET", "/v1/system/stats").object().value("last_prune_run").type(), QJsonValue::Null);
    QStringList ids;
    for (int i = 0; i < 5; ++i)
        ids.prepend(server
                        .call("POST",
                            QStringLiteral("/v1/usageevents/prune?dry_run=%1").arg(i % 2 ? "true" : "false"))
                        .object()
                        .value("id")
                        .toString());
    QStringList seen;
    QString cursor;
    do {
        const auto page = server.call("GET",
            QStringLiteral("/v1/usageevents/prunes?limit=2")
                + (cursor.isEmpty() ? QString() : "&cursor=" + cursor));
        QCOMPARE(page.status, 200);
        for (const QJsonValue &item : page.object().value("items").toArray())
            seen.append(item.toObject().value("id").toString());
        cursor = page.object().value("next_cursor").toString();
    } while (!cursor.isEmpty());
    // Runs made within the same second are ordered by (created_at, id) at full precision, so the set
    // and the page sizes are what is guaranteed; newest-first holds for distinct times.
    QCOMPARE(seen.size(), 5);
    QCOMPARE(QSet<QString>(seen.begin(), seen.end()), QSet<QString>(ids.begin(), ids.end()));
    QCOMPARE(seen.first(), ids.first());
}

void tst_RetentionApi::invalidDryRun_data()
{
    QTest::addColumn<QString>("query");
    QTest::newRow("maybe") << QStringLiteral("dry_run=maybe");
    QTest::newRow("yes") << QStringLiteral("dry_run=yes");
}

void tst_RetentionApi::invalidDryRun()
{
    QFETCH(QString, query);
    ApiTestServer server;
    QVERIFY(server.ok());
    const auto r = server.call("POST", "/v1/usageevents/prune?" + query);
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), QStringLiteral("invalid_dry_run"));
    QCOMPARE(r.errorMessage(), QStringLiteral("dry_run must be true or false"));
    QCOMPARE(server.call("GET", "/v1/system/stats").object().value("prune_runs").toInteger(), 0);
}

void tst_RetentionApi::permissions()
{
    ApiTestServer server;
    QVERIFY(server.ok());
    const QString reader = server.createKey({"usage:read"});
    const QString writer = server.createKey({"usage:write"});
    QCOMPARE(server.call("POST", "/v1/usageevents/prune", QByteArray(), reader).status, 403);
    QCOMPARE(server.call("POST", "/v1/usageevents/prune", QByteArray(), writer).status, 200);
    QCOMPARE(server.call("GET", "/v1/usageevents/prunes", QByteArray(), reader).status, 200);
    QCOMPARE(server.send("POST", "/v1/usageevents/prune").status, 401);
}

void tst_RetentionApi::prunedMeterCanBeDeleted()
{
    ApiTestServer server;
    QVERIFY(server.ok());
    const auto meter = server.call("POST", "/v1/meters",
        QJsonObject{{"name", "short_lived"}, {"unit", "event"}, {"event_retention_days", 1}});
    QCOMPARE(meter.status, 201);
    const QString id = meter.object().value("id").toString();
    postEvent(server, "short_lived", "ancient", "2025-01-01T00:00:00Z");
    QCOMPARE(server.call("DELETE", "/v1/meters/" + id).status, 409); // has usage
    QCOMPARE(server.call("POST", "/v1/usageevents/prune").status, 200);
    QCOMPARE(server.call("DELETE", "/v1/meters/" + id).status, 204); // all its events pruned away
}

QTEST_GUILESS_MAIN(tst_RetentionApi)
#include "tst_retentionapi.moc"
