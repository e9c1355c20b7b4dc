// Migrations 7 (accounts) and 8 (time keys) on a database written by schema version 6: it upgrades in
// place, every meter, event, key and counter stays in the default workspace and keeps working, and
// users registered afterwards get workspaces of their own that see none of it.

#include "Engine.h"
#include "auth/ApiKeyService.h"
#include "store/sqlite/SqliteConnection.h"
#include "store/sqlite/SqliteRecords.h"
#include "store/sqlite/SqliteSchema.h"
#include "store/sqlite/SqliteStore.h"

#include <QTemporaryDir>
#include <QTest>

using namespace osc;

namespace {

constexpr int kPreviousVersion = 6;
constexpr qint64 kNs = 1'000'000'000;
constexpr qint64 kT0 = 1'780'912'800 * kNs; // 2026-06-08T10:00:00Z
const QString kSecret = QStringLiteral("osp_sk_legacy-key-00000000000000000000000000000000");

// Writes what a version-6 program left behind: the default workspace with one meter, one event and
// one API key, through version 6's own migrations and SQL.
bool writeVersion6Database(const QString &path)
{
    SqliteConnection db;
    if (!db.open(path, SqliteConnection::Mode::ReadWrite))
        return false;
    const auto &migrations = sqlite_schema::migrations();
    for (int i = 0; i < kPreviousVersion; ++i)
        if (!db.exec(migrations[i]))
            return false;
    bool ok = db.exec("PRAGMA user_version=6").ok();
    {
        auto ws = db.prepare(
            "INSERT INTO workspaces (id, name, created_at) VALUES ('default', 'Default workspace', ?1)");
        ok = ok && ws.bind(1, kT0).run().ok();
        ok = ok
            && db.exec("INSERT INTO workspace_counters (workspace_id, meters, usage_events) VALUES "
                       "('default', 1, 1)")
                   .ok();
        auto meter = db.prepare(
            "INSERT INTO meters (id, workspace_id, name, description, unit, aggregation, dimensions, "
            "event_retention_days, created_at, updated_at) VALUES ('meter-1', 'default', "
            "'api_requests', 'legacy', 'requests', 'sum', ?1, 90, ?2, ?2)");
        ok = ok && meter.bind(1, sqlite::dimensionsRecord({})).bind(2, kT0).run().ok();
        ok = ok
            && db.exec("INSERT INTO rollup_state (workspace_id, meter) VALUES ('default', 'api_requests')")
                   .ok();
        auto event = db.prepare(
            "INSERT INTO usage_events (workspace_id, id, meter, subject, quantity, event_time, "
            "received_at, idempotency_key, metadata) VALUES ('default', 'event-1', 'api_requests', "
            "'acme', 3, ?1, ?1, 'usage_001', '{}')");
        ok = ok && event.bind(1, kT0).run().ok();
        ok = ok
            && db.exec("INSERT INTO meter_usage (workspace_id, meter, usage_events, last_event_at) "
                       "VALUES ('default', 'api_requests', 1, 1780912800000000000)")
                   .ok();
        auto key = db.prepare(
            "INSERT INTO api_keys (id, workspace_id, name, prefix, secret_hash, scopes, allowed_meters, "
            "created_at) VALUES ('key-1', 'default', 'legacy', ?1, ?2, '[\"*\"]', '[]', ?3)");
        ok = ok
            && key.bind(1, kSecret.left(18))
                   .bind(2, ApiKeyService::hashSecret(kSecret))
                   .bind(3, kT0)
                   .run()
                   .ok();
    } // statements end before the connection closes
    db.close();
    return ok;
}

} // namespace

class TstAccountMigration : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void upgradesInPlaceKeepingDefaultWorkspaceData();
};

void TstAccountMigration::upgradesInPlaceKeepingDefaultWorkspaceData()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("previous.db"));
    QVERIFY(writeVersion6Database(path));

    SqliteStore::Options options;
    options.path = path;
    auto opened = SqliteStore::open(options, QStringLiteral("default"));
    QVERIFY2(opened.ok(), qPrintable(opened.ok() ? QString() : opened.error().message));
    QCOMPARE(opened.value()->schemaVersion(), int(sqlite_schema::migrations().size()));
    QVERIFY(opened.value()->schemaVersion() > kPreviousVersion);
    Engine engine(std::move(opened.value()), std::make_unique<ManualClock>(kT0 + 60 * kNs));
    engine.accounts().configure({password::Cost::minimal(), {}});
    Store &store = engine.store();

    // The old key still authenticates, into the default workspace, and belongs to no user.
    auto principal = engine.apiKeys().authenticate(kSecret);
    QVERIFY(principal.ok());
    QCOMPARE(principal->workspaceId, QStringLiteral("default"));
    auto keys = store.listApiKeys(QStringLiteral("default"));
    QCOMPARE(keys->size(), 1);
    QVERIFY(keys->first().userId.isEmpty());

    // Meter, event and counters are where they were.
    auto meters = store.listMeters(QStringLiteral("default"), MeterListQuery{});
    QVERIFY(meters.ok());
    QCOMPARE(meters->size(), 1);
    QCOMPARE(meters->first().description, QStringLiteral("legacy"));
    auto events = store.listUsageEvents(QStringLiteral("default"), EventReadQuery{});
    QVERIFY(events.ok());
    QCOMPARE(events->size(), 1);
    QCOMPARE(events->first().idempotencyKey.value_or(QString()), QStringLiteral("usage_001"));
    // Migration 8 turned the INTEGER nanoseconds into time keys: the same instants read back.
    QCOMPARE(events->first().eventTimeNs, TimeNs(kT0));
    QCOMPARE(events->first().receivedAtNs, TimeNs(kT0));
    EventReadQuery atT0;
    atT0.fromNs = TimeNs(kT0);
    atT0.toNs = TimeNs(kT0 + 1);
    QCOMPARE(store.listUsageEvents(QStringLiteral("default"), atT0)->size(), 1);
    auto stats = store.listMeterStats(QStringLiteral("default"), MeterListQuery{});
    QVERIFY(stats.ok());
    QCOMPARE(stats->size(), 1);
    QCOMPARE(stats->first().lastEventAtNs, std::optional<TimeNs>(TimeNs(1780912800000000000)));
    QCOMPARE(engine.systemCounters(engine.owner())->usageEvents, 1);
    QCOMPARE(
        store.findWorkspace(QStringLiteral("default")).value()->name, QStringLiteral("Default workspace"));

    // Accounts work on the upgraded file; a new user's workspace is empty and may reuse the names.
    auto user
        = engine.accounts().registerUser(QStringLiteral("new@example.com"), QStringLiteral("correct horse"));
    QVERIFY2(user.ok(), qPrintable(user.ok() ? QString() : user.error().message));
    const QString workspace = store.findUserByEmail(QStringLiteral("new@example.com")).value()->workspaceId;
    QCOMPARE(store.listMeters(workspace, MeterListQuery{})->size(), 0);
    QCOMPARE(store.listUsageEvents(workspace, EventReadQuery{})->size(), 0);
    auto session
        = engine.accounts().login(QStringLiteral("new@example.com"), QStringLiteral("correct horse"));
    QVERIFY(session.ok());
    QCOMPARE(engine.accounts().authenticateSession(session->accessToken)->workspaceId, workspace);
}

QTEST_GUILESS_MAIN(TstAccountMigration)
#include "tst_accountmigration.moc"
