// The PostgreSQL store's own mechanics (engine/store/postgres/): DSN masking, the time keys in bytea,
// goNumberText in SQL, a server that cannot be reached at start, and a connection lost mid-run (503
// with the envelope, then it reconnects by itself). Runs against the postgres_cluster fixture's server
// (OSC_TEST_STORE=postgres); the HTTP behaviour of every capability is the *_postgres HTTP suites' job.
#include "ApiTestServer.h"

#include "filter/MetadataPath.h"
#include "store/StoreFactory.h"
#include "store/postgres/PgConnection.h"
#include "store/postgres/PgStore.h"

#include <QJsonArray>
#include <QScopeGuard>
#include <QTest>

#include <cmath>
#include <limits>
#include <thread>

using osc::TimeNs;
using osc::pg::Param;

namespace {

QString serverDsn()
{
    QFile file(QString::fromLocal8Bit(qgetenv("OSC_TEST_POSTGRES_DSN_FILE")));
    if (!qEnvironmentVariableIsEmpty("OSC_TEST_POSTGRES_DSN"))
        return QString::fromLocal8Bit(qgetenv("OSC_TEST_POSTGRES_DSN"));
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()).trimmed() : QString();
}

} // namespace

class tst_PgStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void maskedDsn_data();
    void maskedDsn();
    void timeKeysOrderInBytea_data();
    void timeKeysOrderInBytea();
    void goNumberTextInSql_data();
    void goNumberTextInSql();
    void unreachableServerAtStart();
    void lostConnectionAnswers503ThenReconnects();
    void twoEnginesShareIdempotency();

private:
    osc::pg::Connection m_admin;
};

void tst_PgStore::initTestCase()
{
    QVERIFY2(
        !serverDsn().isEmpty(), "no PostgreSQL server (run through ctest: the postgres_cluster fixture)");
    QVERIFY(m_admin.open(serverDsn().toUtf8()));
}

void tst_PgStore::maskedDsn_data()
{
    QTest::addColumn<QString>("dsn");
    QTest::addColumn<QString>("masked");
    QTest::newRow("key=value") << "host=db port=5432 user=osc password=s3cret dbname=meter"
                               << "host=db port=5432 user=osc password=*** dbname=meter";
    QTest::newRow("quoted password") << "user=osc password='se cr\\'et' host=db"
                                     << "user=osc password=*** host=db";
    QTest::newRow("spaces around =") << "password = s3cret host=db"
                                     << "password = *** host=db";
    QTest::newRow("uri") << "postgresql://osc:s3cret@db:5432/meter"
                         << "postgresql://osc:***@db:5432/meter";
    QTest::newRow("uri query parameter") << "postgres://osc@db/meter?sslmode=require&password=s3cret"
                                         << "postgres://osc@db/meter?sslmode=require&password=***";
    QTest::newRow("no password") << "host=/tmp/pg port=5432 user=postgres"
                                 << "host=/tmp/pg port=5432 user=postgres";
}

void tst_PgStore::maskedDsn()
{
    QFETCH(QString, dsn);
    QFETCH(QString, masked);
    QCOMPARE(osc::pg::maskedDsn(dsn), masked);
}

void tst_PgStore::timeKeysOrderInBytea_data()
{
    QTest::addColumn<TimeNs>("earlier");
    QTest::addColumn<TimeNs>("later");
    const TimeNs year1 = *osc::TimeNs::fromDecimal("-62135596800000000000"); // 0001-01-01T00:00:00Z
    const TimeNs year9999
        = *osc::TimeNs::fromDecimal("253402300799999999999"); // 9999-12-31T23:59:59.999999999Z
    QTest::newRow("year 1 < epoch") << year1 << TimeNs(0);
    QTest::newRow("before epoch by 1ns") << TimeNs(-1) << TimeNs(0);
    QTest::newRow("epoch < 1ns") << TimeNs(0) << TimeNs(1);
    QTest::newRow("int64 max < year 9999") << TimeNs(std::numeric_limits<qint64>::max()) << year9999;
    QTest::newRow("int64 min < -1") << TimeNs(std::numeric_limits<qint64>::min()) << TimeNs(-1);
}

// Event-domain times are bytea keys in PostgreSQL: bytewise comparison must be time order, and a key
// must come back as the same instant.
void tst_PgStore::timeKeysOrderInBytea()
{
    QFETCH(TimeNs, earlier);
    QFETCH(TimeNs, later);
    auto rows = m_admin.exec(
        "SELECT $1::bytea < $2::bytea, $1::bytea, $2::bytea", {Param::time(earlier), Param::time(later)});
    QVERIFY(rows);
    QCOMPARE(rows->boolean(0, 0), true);
    QCOMPARE(rows->time(0, 1), std::optional<TimeNs>(earlier));
    QCOMPARE(rows->time(0, 2), std::optional<TimeNs>(later));
}

void tst_PgStore::goNumberTextInSql_data()
{
    QTest::addColumn<double>("value");
    for (const double v : {1.0, -1.0, 100.0, 0.5, 123.456, 1e20, 1e21, 1.5e21, 123456789012345678.0, 1e-6,
             9.99e-7, 1e-7, 2.3148148148148147e-05, 0.1 + 0.2, 1.0 / 3.0, 73786976294838206464.0, 1e15,
             1.5e15, 1e308, 5e-324, 2.2250738585072014e-308, -0.000123, 4503599627370497.0})
        QTest::newRow(qPrintable(QString::number(v, 'g', 17))) << v;
}

// osc_go_number_text() (PgSchema migration 1) renders what filter/'s goNumberText() renders.
void tst_PgStore::goNumberTextInSql()
{
    QFETCH(double, value);
    osc::pg::Connection db;
    // The function lives in the store's schema: open a store on a fresh database.
    osc::test::ApiTestServer server;
    QVERIFY(server.ok());
    QVERIFY(db.open(server.sameDatabase().postgresDsn.toUtf8()));
    auto rows = db.exec("SELECT osc_go_number_text($1::float8)", {Param::real(value)});
    QVERIFY(rows);
    QCOMPARE(rows->text(0, 0), osc::query::goNumberText(value));
}

void tst_PgStore::unreachableServerAtStart()
{
    // Nothing listens on a socket in a fresh empty folder.
    QTemporaryDir nowhere;
    osc::StoreOptions options;
    options.driver = osc::StoreOptions::Driver::Postgres;
    options.databasePath = nowhere.filePath(QStringLiteral("unused.db"));
    options.postgresDsn
        = QStringLiteral("host=%1 port=1 user=osc password=hunter2 connect_timeout=2").arg(nowhere.path());
    auto store = osc::openStore(options, QStringLiteral("default"));
    QVERIFY(!store);
    QCOMPARE(store.error().kind, osc::ErrorKind::Unavailable);
    QCOMPARE(store.error().httpStatus(), 503);
    QVERIFY2(store.error().message.contains(QLatin1StringView("cannot connect to PostgreSQL")),
        qPrintable(store.error().message));
    QVERIFY2(
        store.error().message.contains(QLatin1StringView("password=***")), qPrintable(store.error().message));
    QVERIFY2(
        !store.error().message.contains(QLatin1StringView("hunter2")), qPrintable(store.error().message));
}

// The server drops the store's connections and refuses new ones: requests answer 503 with the
// envelope; once it accepts connections again the store reconnects on its own.
void tst_PgStore::lostConnectionAnswers503ThenReconnects()
{
    osc::test::ApiTestServer server;
    QVERIFY(server.ok());
    QCOMPARE(server
                 .call("POST", "/v1/meters",
                     QJsonObject{{"name", "api"}, {"unit", "call"}, {"aggregation", "sum"}})
                 .status,
        201);
    QCOMPARE(server.call("GET", "/v1/meters").status, 200);

    const QString database = server.sameDatabase().postgresDsn.section(QStringLiteral("dbname="), -1);
    const QByteArray quoted = "\"" + database.toUtf8() + "\"";
    const auto restore
        = qScopeGuard([&] { (void)m_admin.run("ALTER DATABASE " + quoted + " ALLOW_CONNECTIONS true"); });
    QVERIFY(m_admin.run("ALTER DATABASE " + quoted + " ALLOW_CONNECTIONS false"));
    auto terminated
        = m_admin.exec("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = $1",
            {Param::text(database)});
    QVERIFY(terminated);
    QVERIFY(terminated->int64(0, 0) >= 1);

    const auto down = server.call("GET", "/v1/meters?limit=5");
    QCOMPARE(down.status, 503);
    QCOMPARE(down.errorCode(), QStringLiteral("unavailable"));
    QVERIFY(!down.errorMessage().isEmpty());
    QCOMPARE(server.engine().store().ping().ok(), false);

    QVERIFY(m_admin.run("ALTER DATABASE " + quoted + " ALLOW_CONNECTIONS true"));
    const auto back = server.call("GET", "/v1/meters");
    QCOMPARE(back.status, 200);
    QCOMPARE(back.object().value("items").toArray().size(), 1);
    QVERIFY(server.engine().store().ping().ok());
}

// Two engines (as two processes would) on one database ingest the same idempotency keys at once: the
// unique index decides inside each write transaction, so every key is stored once and both engines
// answer the original event for it.
void tst_PgStore::twoEnginesShareIdempotency()
{
    osc::test::ApiTestServer server;
    QVERIFY(server.ok());
    QCOMPARE(server
                 .call("POST", "/v1/meters",
                     QJsonObject{{"name", "api"}, {"unit", "call"}, {"aggregation", "sum"}})
                 .status,
        201);
    auto opened = osc::Engine::open(server.sameDatabase());
    QVERIFY(opened);
    osc::Engine &other = *opened.value();

    constexpr int kKeys = 200;
    QList<osc::UsageDraft> drafts;
    for (int i = 0; i < kKeys; ++i) {
        osc::UsageDraft draft;
        draft.idempotencyKey = QStringLiteral("key-%1").arg(i);
        draft.subject = QStringLiteral("org_%1").arg(i % 7);
        draft.meter = QStringLiteral("api");
        draft.quantity = 1;
        drafts.append(draft);
    }
    QHash<QString, QString> firstIds;
    QHash<QString, QString> secondIds;
    QList<osc::UsageDraft> reversed(drafts.rbegin(), drafts.rend());
    std::thread second([&] {
        for (const osc::UsageDraft &draft : reversed) {
            auto stored = other.ingestor().createOne(other.owner(), draft);
            if (stored)
                secondIds.insert(*stored->idempotencyKey, stored->id);
        }
    });
    for (const osc::UsageDraft &draft : drafts) {
        auto stored = server.engine().ingestor().createOne(server.engine().owner(), draft);
        if (stored)
            firstIds.insert(*stored->idempotencyKey, stored->id);
    }
    second.join();
    QCOMPARE(firstIds.size(), kKeys);
    QCOMPARE(secondIds.size(), kKeys);
    QCOMPARE(firstIds, secondIds);
    QCOMPARE(server.engine().store().countMeterEvents(server.engine().defaultWorkspaceId(), "api").value(),
        qint64(kKeys));
    QCOMPARE(other.store().systemCounters(other.defaultWorkspaceId()).value().usageEvents, qint64(kKeys));
}

QTEST_GUILESS_MAIN(tst_PgStore)
#include "tst_pgstore.moc"
