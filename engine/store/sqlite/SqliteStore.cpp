#include "store/sqlite/SqliteStore.h"
#include "core/PrivateFiles.h"
#include "store/sqlite/SqliteTime.h"

#include "rollup/RollupKeys.h"
#include "store/sqlite/SqliteRecords.h"
#include "store/sqlite/SqliteSchema.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QScopeGuard>

#include <sqlite3.h>

namespace osc {

namespace {

QByteArray compact(const QJsonArray &array)
{
    return QJsonDocument(array).toJson(QJsonDocument::Compact);
}

QStringList stringListFrom(const QByteArray &json)
{
    QStringList out;
    for (const QJsonValue &v : QJsonDocument::fromJson(json).array())
        out.append(v.toString());
    return out;
}

} // namespace

Meter meterFromRow(const SqliteStatement &row)
{
    Meter m;
    m.id = row.text(0);
    m.name = row.text(1);
    m.description = row.text(2);
    m.unit = row.text(3);
    m.aggregation = aggregationFromName(row.text(4)).value_or(Aggregation::Sum);
    m.dimensions = sqlite::dimensionsFromRecord(row.bytes(5));
    m.eventRetentionDays = int(row.int64(6));
    m.createdAtNs = row.int64(7);
    return m;
}

namespace {

ApiKey apiKeyFromRow(const SqliteStatement &row)
{
    ApiKey k;
    k.id = row.text(0);
    k.workspaceId = row.text(1);
    k.name = row.text(2);
    k.prefix = row.text(3);
    k.scopes = stringListFrom(row.bytes(4));
    k.allowedMeters = stringListFrom(row.bytes(5));
    k.expiresAtNs = row.optionalInt64(6);
    k.revokedAtNs = row.optionalInt64(7);
    k.createdAtNs = row.int64(8);
    k.lastUsedAtNs = row.optionalInt64(9);
    k.userId = row.text(10);
    k.rateLimit = {int(row.int64(11)), int(row.int64(12))};
    return k;
}

} // namespace

SqliteStore::SqliteStore(const Options &options)
    : m_options(options)
{ }

SqliteStore::~SqliteStore()
{
    m_commits.reset(); // writes what is queued before the connections close
    if (m_rollupThread.joinable()) {
        {
            std::lock_guard lock(m_rollupMutex);
            m_rollupStop = true;
        }
        m_rollupCondition.notify_one();
        m_rollupThread.join();
    }
    m_checkpointer.reset();
    QMutexLocker poolLock(&m_poolMutex);
    m_readPool.clear();
    QMutexLocker writerLock(&m_writerMutex);
    m_writer.close();
}

Result<std::unique_ptr<SqliteStore>> SqliteStore::open(
    const Options &options, const QString &defaultWorkspaceId)
{
    const QFileInfo info(options.path);
    if (!privatefiles::ensureDir(info.absolutePath()))
        return Error::internal(QStringLiteral("cannot create %1").arg(info.absolutePath()));
    std::unique_ptr<SqliteStore> store(new SqliteStore(options));
    if (auto s = store->m_writer.open(options.path, SqliteConnection::Mode::ReadWrite, options.durability);
        !s)
        return s.error();
    // The writer's open created the file (0644 under the usual umask) and the WAL pragma its -wal and
    // -shm files; SQLite gives later ones the database file's mode.
    for (const char *suffix : {"", "-wal", "-shm"})
        privatefiles::restrict(options.path + QLatin1String(suffix));
    if (auto s = store->migrate(defaultWorkspaceId); !s)
        return s.error();
    auto checkpointer = WalCheckpointer::start(store->m_writer.handle(), options.path, options.durability);
    if (!checkpointer)
        return checkpointer.error();
    store->m_checkpointer = std::move(checkpointer.value());
    SqliteStore *raw = store.get();
    store->m_commits = std::make_unique<GroupCommitQueue>(
        [raw](std::vector<GroupCommitQueue::Job> &group) { raw->writeIngestGroup(group); });
    store->m_rollupThread = std::thread([raw] { raw->runRollupMaintainer(); });
    store->wakeRollupMaintainer(); // rollups of events stored before this version (migration 5)
    return store;
}

int SqliteStore::schemaVersion()
{
    QMutexLocker lock(&m_writerMutex);
    auto stmt = m_writer.prepare("PRAGMA user_version");
    return stmt.next() ? int(stmt.int64(0)) : -1;
}

Status SqliteStore::migrate(const QString &defaultWorkspaceId)
{
    QMutexLocker lock(&m_writerMutex);
    const auto &migrations = sqlite_schema::migrations();
    int version = 0;
    {
        auto stmt = m_writer.prepare("PRAGMA user_version");
        if (stmt.next())
            version = int(stmt.int64(0));
    }
    if (version > migrations.size())
        return Error::internal(QStringLiteral("database schema version %1 is newer than this program (%2)")
                                   .arg(version)
                                   .arg(migrations.size()));
    for (int next = version; next < migrations.size(); ++next) {
        if (auto s = m_writer.begin(); !s)
            return s;
        Status applied = m_writer.exec(migrations[next]);
        if (applied) {
            const QByteArray pragma = "PRAGMA user_version=" + QByteArray::number(next + 1);
            applied = m_writer.exec(pragma.constData());
        }
        if (!applied) {
            m_writer.rollback();
            return applied;
        }
        if (auto s = m_writer.commit(); !s)
            return s;
    }
    auto insert = m_writer.prepare(
        "INSERT INTO workspaces (id, name, created_at) VALUES (?1, ?2, ?3) ON CONFLICT (id) DO NOTHING");
    insert.bind(1, defaultWorkspaceId)
        .bind(2, QStringLiteral("Default workspace"))
        .bind(3, qint64(QDateTime::currentMSecsSinceEpoch()) * 1'000'000);
    if (auto s = insert.run(); !s)
        return s;
    auto counters = m_writer.prepare(
        "INSERT INTO workspace_counters (workspace_id) VALUES (?1) ON CONFLICT DO NOTHING");
    counters.bind(1, defaultWorkspaceId);
    return counters.run();
}

SqliteStore::ReadLease::ReadLease(SqliteStore *store, std::unique_ptr<SqliteConnection> connection)
    : m_store(store)
    , m_connection(std::move(connection))
{ }

SqliteStore::ReadLease::~ReadLease()
{
    if (m_connection && m_store) {
        QMutexLocker lock(&m_store->m_poolMutex);
        m_store->m_readPool.push_back(std::move(m_connection));
    }
}

Result<SqliteStore::ReadLease> SqliteStore::read()
{
    {
        QMutexLocker lock(&m_poolMutex);
        if (!m_readPool.empty()) {
            auto connection = std::move(m_readPool.back());
            m_readPool.pop_back();
            return ReadLease(this, std::move(connection));
        }
    }
    auto connection = std::make_unique<SqliteConnection>();
    // Readers are separate read-only handles on the same file (WAL lets them run beside the writer), so
    // the store needs a file path; ":memory:" is not supported.
    if (auto s = connection->open(m_options.path, SqliteConnection::Mode::ReadOnly, m_options.durability); !s)
        return s.error();
    return ReadLease(this, std::move(connection));
}

void SqliteStore::forgetCachedMeters()
{
    QMutexLocker lock(&m_meterCacheMutex);
    m_meterCache.clear();
}

Status SqliteStore::writeTransaction(const std::function<Status(SqliteConnection &)> &work)
{
    QMutexLocker lock(&m_writerMutex);
    if (auto s = m_writer.begin(); !s)
        return s;
    Status result = work(m_writer);
    if (!result) {
        m_writer.rollback();
        return result;
    }
    if (auto s = m_writer.commit(); !s) {
        m_writer.rollback();
        return s;
    }
    return {};
}

Status SqliteStore::ping()
{
    auto lease = read();
    if (!lease)
        return lease.error();
    auto stmt = (*lease.value()).prepare("SELECT 1");
    if (!stmt.next())
        return Error::internal(QStringLiteral("ping failed"));
    return {};
}

Status SqliteStore::insertMeter(const QString &workspaceId, const Meter &meter)
{
    return writeTransaction([&](SqliteConnection &db) -> Status {
        auto exists = db.prepare("SELECT 1 FROM meters WHERE workspace_id = ?1 AND name = ?2");
        exists.bind(1, workspaceId).bind(2, meter.name);
        if (exists.next())
            return Error::conflictLine(QStringLiteral("meter name already exists"));
        auto insert
            = db.prepare("INSERT INTO meters (id, workspace_id, name, description, unit, aggregation, "
                         "dimensions, event_retention_days, created_at, updated_at) "
                         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)");
        insert.bind(1, meter.id)
            .bind(2, workspaceId)
            .bind(3, meter.name)
            .bind(4, meter.description)
            .bind(5, meter.unit)
            .bind(6, aggregationName(meter.aggregation))
            .bind(7, sqlite::dimensionsRecord(meter.dimensions))
            .bind(8, meter.eventRetentionDays)
            .bind(9, meter.createdAtNs);
        if (auto s = insert.run(); !s)
            return s;
        auto counter
            = db.prepare("UPDATE workspace_counters SET meters = meters + 1 WHERE workspace_id = ?1");
        counter.bind(1, workspaceId);
        if (auto s = counter.run(); !s)
            return s;
        auto state
            = db.prepare("INSERT INTO rollup_state (workspace_id, meter, signature) VALUES (?1, ?2, ?3) "
                         "ON CONFLICT (workspace_id, meter) DO UPDATE SET signature = excluded.signature, "
                         "pending_from = NULL, pending_to = NULL");
        state.bind(1, workspaceId).bind(2, meter.name).bind(3, rollup::dimensionSignature(meter));
        return state.run();
    });
}

Result<std::optional<Meter>> SqliteStore::findMeterById(const QString &workspaceId, const QString &id)
{
    return readOneRow("SELECT id, name, description, unit, aggregation, dimensions, event_retention_days, "
                      "created_at FROM meters WHERE workspace_id = ?1 AND id = ?2",
        meterFromRow, workspaceId, id);
}

Result<std::optional<Meter>> SqliteStore::findMeterByName(const QString &workspaceId, const QString &name)
{
    const auto cacheKey = qMakePair(workspaceId, name);
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    {
        QMutexLocker lock(&m_meterCacheMutex);
        const auto it = m_meterCache.constFind(cacheKey);
        if (it != m_meterCache.constEnd() && nowMs - it->loadedAtMs < kMeterCacheTtlMs)
            return std::optional<Meter>(it->meter);
    }
    auto lease = read();
    if (!lease)
        return lease.error();
    auto stmt
        = (*lease.value())
              .prepare("SELECT id, name, description, unit, aggregation, dimensions, event_retention_days, "
                       "created_at FROM meters WHERE workspace_id = ?1 AND name = ?2");
    stmt.bind(1, workspaceId).bind(2, name);
    if (stmt.next()) {
        Meter meter = meterFromRow(stmt);
        // Only found meters are cached: a meter created elsewhere must be usable at once.
        QMutexLocker lock(&m_meterCacheMutex);
        m_meterCache.insert(cacheKey, {meter, nowMs});
        return std::optional<Meter>(std::move(meter));
    }
    if (auto s = stmt.status(); !s)
        return s.error();
    return std::optional<Meter>();
}

Result<QList<Meter>> SqliteStore::listMeters(const QString &workspaceId, const MeterListQuery &query)
{
    auto lease = read();
    if (!lease)
        return lease.error();
    auto stmt
        = (*lease.value())
              .prepare("SELECT id, name, description, unit, aggregation, dimensions, event_retention_days, "
                       "created_at FROM meters WHERE workspace_id = ?1 AND (?2 = '' OR name = ?2) "
                       "AND name > ?3 ORDER BY name LIMIT ?4");
    stmt.bind(1, workspaceId).bind(2, query.nameFilter).bind(3, query.afterName).bind(4, query.limit + 1);
    QList<Meter> out;
    while (stmt.next())
        out.append(meterFromRow(stmt));
    if (auto s = stmt.status(); !s)
        return s.error();
    return out;
}

Result<QList<MeterUsageStats>> SqliteStore::listMeterStats(
    const QString &workspaceId, const MeterListQuery &query)
{
    auto lease = read();
    if (!lease)
        return lease.error();
    auto stmt
        = (*lease.value())
              .prepare("SELECT m.name, COALESCE(u.usage_events, 0), u.last_event_at, m.event_retention_days "
                       "FROM meters m LEFT JOIN meter_usage u ON u.workspace_id = m.workspace_id "
                       "AND u.meter = m.name WHERE m.workspace_id = ?1 AND m.name > ?2 "
                       "ORDER BY m.name LIMIT ?3");
    stmt.bind(1, workspaceId).bind(2, query.afterName).bind(3, query.limit + 1);
    QList<MeterUsageStats> out;
    while (stmt.next()) {
        MeterUsageStats stats;
        stats.meter = stmt.text(0);
        stats.usageEvents = stmt.int64(1);
        stats.lastEventAtNs = stats.usageEvents > 0 ? stmt.optionalTime(2) : std::nullopt;
        stats.retentionDays = int(stmt.int64(3));
        out.append(stats);
    }
    if (auto s = stmt.status(); !s)
        return s.error();
    return out;
}

Result<Meter> SqliteStore::updateMeter(
    const QString &workspaceId, const QString &id, const MeterUpdate &update)
{
    const auto forget = qScopeGuard([this] { forgetCachedMeters(); });
    std::optional<Meter> saved;
    bool rebuildRollups = false;
    Status status = writeTransaction([&](SqliteConnection &db) -> Status {
        auto find
            = db.prepare("SELECT id, name, description, unit, aggregation, dimensions, event_retention_days, "
                         "created_at FROM meters WHERE workspace_id = ?1 AND id = ?2");
        find.bind(1, workspaceId).bind(2, id);
        if (!find.next())
            return find.ok() ? Error::notFound() : find.status();
        const Meter current = meterFromRow(find);
        auto usage = db.prepare("SELECT 1 FROM usage_events WHERE workspace_id = ?1 AND meter = ?2 LIMIT 1");
        usage.bind(1, workspaceId).bind(2, current.name);
        const bool hasUsage = usage.next();
        auto next = update(current, hasUsage);
        if (!next)
            return next.error();
        auto write
            = db.prepare("UPDATE meters SET description = ?3, unit = ?4, aggregation = ?5, dimensions = ?6, "
                         "event_retention_days = ?7, updated_at = strftime('%s','now') * 1000000000 "
                         "WHERE workspace_id = ?1 AND id = ?2");
        write.bind(1, workspaceId)
            .bind(2, id)
            .bind(3, next->description)
            .bind(4, next->unit)
            .bind(5, aggregationName(next->aggregation))
            .bind(6, sqlite::dimensionsRecord(next->dimensions))
            .bind(7, next->eventRetentionDays);
        if (auto s = write.run(); !s)
            return s;
        saved = next.value();
        const QByteArray signature = rollup::dimensionSignature(*saved);
        if (signature == rollup::dimensionSignature(current))
            return {};
        // New dimension paths: the rollups' projections no longer match; rebuild them from raw events.
        rebuildRollups = true;
        return markRollupsStale(db, workspaceId, current.name, signature);
    });
    if (!status)
        return status.error();
    if (rebuildRollups)
        wakeRollupMaintainer();
    return *saved;
}

Result<DeleteMeterOutcome> SqliteStore::deleteMeterIfUnused(const QString &workspaceId, const QString &id)
{
    const auto forget = qScopeGuard([this] { forgetCachedMeters(); });
    DeleteMeterOutcome outcome = DeleteMeterOutcome::Deleted;
    Status status = writeTransaction([&](SqliteConnection &db) -> Status {
        auto find = db.prepare("SELECT name FROM meters WHERE workspace_id = ?1 AND id = ?2");
        find.bind(1, workspaceId).bind(2, id);
        if (!find.next()) {
            outcome = DeleteMeterOutcome::NotFound;
            return find.status();
        }
        const QString name = find.text(0);
        auto usage = db.prepare("SELECT 1 FROM usage_events WHERE workspace_id = ?1 AND meter = ?2 LIMIT 1");
        usage.bind(1, workspaceId).bind(2, name);
        if (usage.next()) {
            outcome = DeleteMeterOutcome::HasUsage;
            return {};
        }
        usage.reset();
        auto planned = db.prepare("SELECT 1 FROM plan_limits WHERE workspace_id = ?1 AND meter = ?2 LIMIT 1");
        planned.bind(1, workspaceId).bind(2, name);
        if (planned.next()) {
            outcome = DeleteMeterOutcome::UsedByPlan;
            return {};
        }
        if (auto s = planned.status(); !s)
            return s;
        auto rules = db.prepare("SELECT 1 FROM alert_rules WHERE workspace_id = ?1 AND meter = ?2 LIMIT 1");
        rules.bind(1, workspaceId).bind(2, name);
        if (rules.next()) {
            outcome = DeleteMeterOutcome::HasAlertRules;
            return {};
        }
        if (auto s = rules.status(); !s)
            return s;
        rules.reset();
        auto remove = db.prepare("DELETE FROM meters WHERE workspace_id = ?1 AND id = ?2");
        remove.bind(1, workspaceId).bind(2, id);
        if (auto s = remove.run(); !s)
            return s;
        auto stats = db.prepare("DELETE FROM meter_usage WHERE workspace_id = ?1 AND meter = ?2");
        stats.bind(1, workspaceId).bind(2, name);
        if (auto s = stats.run(); !s)
            return s;
        // No events means no rollup rows either; the state row goes with the meter.
        auto state = db.prepare("DELETE FROM rollup_state WHERE workspace_id = ?1 AND meter = ?2");
        state.bind(1, workspaceId).bind(2, name);
        if (auto s = state.run(); !s)
            return s;
        auto counter
            = db.prepare("UPDATE workspace_counters SET meters = MAX(meters - 1, 0) WHERE workspace_id = ?1");
        counter.bind(1, workspaceId);
        return counter.run();
    });
    if (!status)
        return status.error();
    return outcome;
}

Result<qint64> SqliteStore::countMeterEvents(const QString &workspaceId, const QString &meterName)
{
    auto lease = read();
    if (!lease)
        return lease.error();
    auto stmt = (*lease.value())
                    .prepare("SELECT usage_events FROM meter_usage WHERE workspace_id = ?1 AND meter = ?2");
    stmt.bind(1, workspaceId).bind(2, meterName);
    if (stmt.next())
        return stmt.int64(0);
    if (auto s = stmt.status(); !s)
        return s.error();
    return qint64(0);
}

Status SqliteStore::insertApiKey(const ApiKey &key, const QByteArray &secretHash)
{
    return writeTransaction([&](SqliteConnection &db) -> Status {
        auto insert = db.prepare("INSERT INTO api_keys (id, workspace_id, name, prefix, secret_hash, scopes, "
                                 "allowed_meters, expires_at, revoked_at, created_at, last_used_at, user_id, "
                                 "rate_limit_per_minute, rate_limit_burst) "
                                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)");
        insert.bind(1, key.id)
            .bind(2, key.workspaceId)
            .bind(3, key.name)
            .bind(4, key.prefix)
            .bind(5, secretHash)
            .bind(6, compact(QJsonArray::fromStringList(key.scopes)))
            .bind(7, compact(QJsonArray::fromStringList(key.allowedMeters)))
            .bind(8, key.expiresAtNs)
            .bind(9, key.revokedAtNs)
            .bind(10, key.createdAtNs)
            .bind(11, key.lastUsedAtNs)
            .bind(13, qint64(key.rateLimit.perMinute))
            .bind(14, qint64(key.rateLimit.burst));
        if (key.userId.isEmpty())
            insert.bindNull(12);
        else
            insert.bind(12, key.userId);
        return insert.run();
    });
}

Result<std::optional<ApiKey>> SqliteStore::findApiKeyByHash(const QByteArray &secretHash)
{
    return readOneRow(
        "SELECT id, workspace_id, name, prefix, scopes, allowed_meters, expires_at, revoked_at, "
        "created_at, last_used_at, user_id, rate_limit_per_minute, rate_limit_burst FROM api_keys WHERE "
        "secret_hash = ?1",
        apiKeyFromRow, secretHash);
}

Result<QList<ApiKey>> SqliteStore::listApiKeys(const QString &workspaceId)
{
    auto lease = read();
    if (!lease)
        return lease.error();
    auto stmt
        = (*lease.value())
              .prepare(
                  "SELECT id, workspace_id, name, prefix, scopes, allowed_meters, expires_at, revoked_at, "
                  "created_at, last_used_at, user_id, rate_limit_per_minute, rate_limit_burst FROM api_keys "
                  "WHERE workspace_id = ?1 "
                  "ORDER BY created_at DESC, id DESC");
    stmt.bind(1, workspaceId);
    QList<ApiKey> out;
    while (stmt.next())
        out.append(apiKeyFromRow(stmt));
    if (auto s = stmt.status(); !s)
        return s.error();
    return out;
}

Result<bool> SqliteStore::deleteApiKey(const QString &workspaceId, const QString &id)
{
    return writeChangesRow("DELETE FROM api_keys WHERE workspace_id = ?1 AND id = ?2", workspaceId, id);
}

Result<bool> SqliteStore::revokeApiKey(const QString &workspaceId, const QString &id, qint64 revokedAtNs)
{
    return writeChangesRow(
        "UPDATE api_keys SET revoked_at = COALESCE(revoked_at, ?3) WHERE workspace_id = ?1 AND id = ?2",
        workspaceId, id, revokedAtNs);
}

Result<bool> SqliteStore::setApiKeyRateLimit(
    const QString &workspaceId, const QString &id, const RateLimit &limit)
{
    return writeChangesRow("UPDATE api_keys SET rate_limit_per_minute = ?3, rate_limit_burst = ?4 "
                           "WHERE workspace_id = ?1 AND id = ?2",
        workspaceId, id, qint64(limit.perMinute), qint64(limit.burst));
}

Status SqliteStore::touchApiKey(const QString &id, qint64 usedAtNs)
{
    return writeTransaction([&](SqliteConnection &db) -> Status {
        auto update = db.prepare("UPDATE api_keys SET last_used_at = ?2 WHERE id = ?1");
        update.bind(1, id).bind(2, usedAtNs);
        return update.run();
    });
}

Result<SystemCounters> SqliteStore::systemCounters(const QString &workspaceId)
{
    auto lease = read();
    if (!lease)
        return lease.error();
    auto stmt
        = (*lease.value())
              .prepare(
                  "SELECT meters, usage_events, prune_runs FROM workspace_counters WHERE workspace_id = ?1");
    stmt.bind(1, workspaceId);
    SystemCounters counters;
    if (stmt.next()) {
        counters.meters = stmt.int64(0);
        counters.usageEvents = stmt.int64(1);
        counters.pruneRuns = stmt.int64(2);
    }
    if (auto s = stmt.status(); !s)
        return s.error();
    return counters;
}

} // namespace osc
