#include "store/postgres/PgStore.h"

#include "store/postgres/PgSchema.h"
#include "store/sqlite/SqliteRecords.h"

#include <QDateTime>
#include <QScopeGuard>

namespace osc {

using pg::Param;

namespace {

qint64 nowNs()
{
    return QDateTime::currentMSecsSinceEpoch() * 1'000'000;
}

#define OSC_PG_METER_COLUMNS                                                                                 \
    "id, name, description, unit, aggregation, dimensions, event_retention_days, created_at"

} // namespace

Meter pgMeterFromRow(const pg::Rows &rows, int row)
{
    Meter m;
    m.id = rows.text(row, 0);
    m.name = rows.text(row, 1);
    m.description = rows.text(row, 2);
    m.unit = rows.text(row, 3);
    m.aggregation = aggregationFromName(rows.text(row, 4)).value_or(Aggregation::Sum);
    // The dimensions record is the store's own JSON encoding, shared with SQLite (SqliteRecords.h).
    m.dimensions = sqlite::dimensionsFromRecord(rows.utf8(row, 5));
    m.eventRetentionDays = int(rows.int64(row, 6));
    m.createdAtNs = rows.int64(row, 7);
    return m;
}

PgStore::PgStore(const Options &options)
    : m_options(options)
    , m_location(pg::maskedDsn(options.dsn))
{ }

PgStore::~PgStore()
{
    m_commits.reset(); // writes what is queued before the connections close
    QMutexLocker lock(&m_poolMutex);
    m_idle.clear();
}

Result<std::unique_ptr<PgStore>> PgStore::open(const Options &options, const QString &defaultWorkspaceId)
{
    std::unique_ptr<PgStore> store(new PgStore(options));
    auto first = std::make_unique<pg::Connection>();
    if (auto s = first->open(options.dsn.toUtf8()); !s) {
        // Said at start, to the user: which server (password masked), not the wire's generic text.
        return Error{ErrorKind::Unavailable, s.error().code,
            QStringLiteral("cannot connect to PostgreSQL (%1)").arg(store->m_location)};
    }
    if (auto s = pg::migrate(*first, defaultWorkspaceId, nowNs()); !s)
        return s.error();
    store->m_open = 1;
    store->m_idle.push_back(std::move(first));
    PgStore *raw = store.get();
    store->m_commits = std::make_unique<GroupCommitQueue>(
        [raw](std::vector<GroupCommitQueue::Job> &group) { raw->writeIngestGroup(group); });
    return store;
}

PgStore::Lease::Lease(PgStore *store, std::unique_ptr<pg::Connection> connection)
    : m_store(store)
    , m_connection(std::move(connection))
{ }

PgStore::Lease::Lease(Lease &&other) noexcept
    : m_store(std::exchange(other.m_store, nullptr))
    , m_connection(std::move(other.m_connection))
{ }

PgStore::Lease::~Lease()
{
    if (m_store && m_connection)
        m_store->release(std::move(m_connection));
}

void PgStore::release(std::unique_ptr<pg::Connection> connection)
{
    QMutexLocker lock(&m_poolMutex);
    m_idle.push_back(std::move(connection));
    m_poolReleased.wakeOne();
}

Result<PgStore::Lease> PgStore::acquire()
{
    QMutexLocker lock(&m_poolMutex);
    while (m_idle.empty() && m_open >= m_options.maxConnections)
        m_poolReleased.wait(&m_poolMutex);
    if (!m_idle.empty()) {
        auto connection = std::move(m_idle.back());
        m_idle.pop_back();
        lock.unlock();
        // A connection lost since its last use (server restart) reconnects here.
        if (auto s = connection->ensureConnected(); !s) {
            release(std::move(connection));
            return s.error();
        }
        return Lease(this, std::move(connection));
    }
    ++m_open;
    lock.unlock();
    auto connection = std::make_unique<pg::Connection>();
    Status opened = connection->open(m_options.dsn.toUtf8());
    if (!opened) {
        // Kept (closed) in the pool: its next lease retries the connect.
        release(std::move(connection));
        return opened.error();
    }
    return Lease(this, std::move(connection));
}

Status PgStore::transaction(const std::function<Status(pg::Connection &)> &work, Isolation isolation)
{
    bool reconnected = false;
    for (int attempt = 1;; ++attempt) {
        auto lease = acquire();
        if (!lease)
            return lease.error();
        pg::Connection &db = *lease.value();
        Status result = db.run(isolation == Isolation::Serializable ? "BEGIN ISOLATION LEVEL SERIALIZABLE"
                                                                    : "BEGIN ISOLATION LEVEL READ COMMITTED");
        bool committing = false;
        if (result) {
            result = work(db);
            if (result) {
                committing = true;
                result = db.run("COMMIT");
            }
        }
        if (result)
            return {};
        const QByteArray state = db.lastSqlState();
        const bool lost = !db.isOpen();
        if (!lost)
            (void)db.run("ROLLBACK");
        // A unique violation is retried too: SQLite's single writer made every check-then-insert see
        // the rows committed before it; here two transactions may pass the check together, and the
        // loser's retry finds the winner's row and answers as SQLite would (e.g. a 409).
        if ((pg::isRetryable(state) || state == pg::kUniqueViolation) && attempt < kMaxTransactionAttempts)
            continue;
        // A connection lost before COMMIT went out: nothing was applied, run it once more on a fresh
        // connection. Lost during COMMIT, the outcome is unknown, so the caller gets the 503.
        if (lost && !committing && !reconnected) {
            reconnected = true;
            continue;
        }
        return result;
    }
}

Result<pg::Rows> PgStore::query(const QByteArray &sql, const pg::Params &params)
{
    for (int attempt = 1;; ++attempt) {
        auto lease = acquire();
        if (!lease)
            return lease.error();
        auto rows = (*lease.value()).exec(sql, params);
        if (rows || attempt > 1 || (*lease.value()).isOpen())
            return rows;
    }
}

Result<bool> PgStore::changesRow(const QByteArray &sql, const pg::Params &params)
{
    bool changed = false;
    Status status = transaction([&](pg::Connection &db) -> Status {
        auto rows = db.exec(sql, params);
        if (!rows)
            return rows.error();
        changed = rows->affected() > 0;
        return {};
    });
    if (!status)
        return status.error();
    return changed;
}

int PgStore::schemaVersion()
{
    auto lease = acquire();
    if (!lease)
        return -1;
    auto version = pg::schemaVersion(*lease.value());
    return version ? version.value() : -1;
}

Status PgStore::ping()
{
    auto rows = query("SELECT 1");
    if (!rows)
        return rows.error();
    return {};
}

void PgStore::forgetCachedMeters()
{
    QMutexLocker lock(&m_meterCacheMutex);
    m_meterCache.clear();
}

Status PgStore::insertMeter(const QString &workspaceId, const Meter &meter)
{
    return transaction([&](pg::Connection &db) -> Status {
        // The (workspace_id, name) constraint decides; ON CONFLICT keeps the transaction usable.
        auto insert = db.exec("INSERT INTO meters (id, workspace_id, name, description, unit, aggregation, "
                              "dimensions, event_retention_days, created_at, updated_at) "
                              "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) "
                              "ON CONFLICT (workspace_id, name) DO NOTHING",
            {Param::text(meter.id), Param::text(workspaceId), Param::text(meter.name),
                Param::text(meter.description), Param::text(meter.unit),
                Param::text(aggregationName(meter.aggregation)),
                Param::utf8(sqlite::dimensionsRecord(meter.dimensions)),
                Param::int64(meter.eventRetentionDays), Param::int64(meter.createdAtNs)});
        if (!insert)
            return insert.error();
        if (insert->affected() == 0)
            return Error::conflictLine(QStringLiteral("meter name already exists"));
        auto counter = db.exec("UPDATE workspace_counters SET meters = meters + 1 WHERE workspace_id = $1",
            {Param::text(workspaceId)});
        if (!counter)
            return counter.error();
        return {};
    });
}

Result<std::optional<Meter>> PgStore::findMeterById(const QString &workspaceId, const QString &id)
{
    auto rows = query("SELECT " OSC_PG_METER_COLUMNS " FROM meters WHERE workspace_id = $1 AND id = $2",
        {Param::text(workspaceId), Param::text(id)});
    if (!rows)
        return rows.error();
    if (rows->size() == 0)
        return std::optional<Meter>();
    return std::optional<Meter>(pgMeterFromRow(rows.value(), 0));
}

Result<std::optional<Meter>> PgStore::findMeterByName(const QString &workspaceId, const QString &name)
{
    const auto cacheKey = qMakePair(workspaceId, name);
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    {
        QMutexLocker lock(&m_meterCacheMutex);
        const auto it = m_meterCache.constFind(cacheKey);
        if (it != m_meterCache.constEnd() && nowMs - it->loadedAtMs < kMeterCacheTtlMs)
            return std::optional<Meter>(it->meter);
    }
    auto rows = query("SELECT " OSC_PG_METER_COLUMNS " FROM meters WHERE workspace_id = $1 AND name = $2",
        {Param::text(workspaceId), Param::text(name)});
    if (!rows)
        return rows.error();
    if (rows->size() == 0)
        return std::optional<Meter>();
    Meter meter = pgMeterFromRow(rows.value(), 0);
    // Only found meters are cached: a meter created elsewhere must be usable at once.
    QMutexLocker lock(&m_meterCacheMutex);
    m_meterCache.insert(cacheKey, {meter, nowMs});
    return std::optional<Meter>(std::move(meter));
}

Result<QList<Meter>> PgStore::listMeters(const QString &workspaceId, const MeterListQuery &query)
{
    auto rows = this->query("SELECT " OSC_PG_METER_COLUMNS " FROM meters WHERE workspace_id = $1 "
                            "AND ($2::text = '' OR name = $2::text) AND name > $3 ORDER BY name LIMIT $4",
        {Param::text(workspaceId), Param::text(query.nameFilter), Param::text(query.afterName),
            Param::int64(query.limit + 1)});
    if (!rows)
        return rows.error();
    QList<Meter> out;
    for (int i = 0; i < rows->size(); ++i)
        out.append(pgMeterFromRow(rows.value(), i));
    return out;
}

Result<QList<MeterUsageStats>> PgStore::listMeterStats(
    const QString &workspaceId, const MeterListQuery &query)
{
    auto rows
        = this->query("SELECT m.name, COALESCE(u.usage_events, 0), u.last_event_at, m.event_retention_days "
                      "FROM meters m LEFT JOIN meter_usage u ON u.workspace_id = m.workspace_id "
                      "AND u.meter = m.name WHERE m.workspace_id = $1 AND m.name > $2 "
                      "ORDER BY m.name LIMIT $3",
            {Param::text(workspaceId), Param::text(query.afterName), Param::int64(query.limit + 1)});
    if (!rows)
        return rows.error();
    QList<MeterUsageStats> out;
    for (int i = 0; i < rows->size(); ++i) {
        MeterUsageStats stats;
        stats.meter = rows->text(i, 0);
        stats.usageEvents = rows->int64(i, 1);
        stats.lastEventAtNs = stats.usageEvents > 0 ? rows->time(i, 2) : std::nullopt;
        stats.retentionDays = int(rows->int64(i, 3));
        out.append(stats);
    }
    return out;
}

Result<Meter> PgStore::updateMeter(const QString &workspaceId, const QString &id, const MeterUpdate &update)
{
    const auto forget = qScopeGuard([this] { forgetCachedMeters(); });
    std::optional<Meter> saved;
    Status status = transaction(
        [&](pg::Connection &db) -> Status {
            // FOR UPDATE: a concurrent update of the same meter waits instead of both deciding on one
            // version, and ingestion's FOR SHARE on the meter row makes the usage check below see its events.
            auto find = db.exec("SELECT " OSC_PG_METER_COLUMNS
                                " FROM meters WHERE workspace_id = $1 AND id = $2 FOR UPDATE",
                {Param::text(workspaceId), Param::text(id)});
            if (!find)
                return find.error();
            if (find->size() == 0)
                return Error::notFound();
            const Meter current = pgMeterFromRow(find.value(), 0);
            auto usage = db.exec("SELECT 1 FROM usage_events WHERE workspace_id = $1 AND meter = $2 LIMIT 1",
                {Param::text(workspaceId), Param::text(current.name)});
            if (!usage)
                return usage.error();
            auto next = update(current, usage->size() > 0);
            if (!next)
                return next.error();
            // updated_at in whole seconds, as SQLite's strftime('%s','now') writes it.
            auto write
                = db.exec("UPDATE meters SET description = $3, unit = $4, aggregation = $5, dimensions = $6, "
                          "event_retention_days = $7, "
                          "updated_at = floor(extract(epoch FROM clock_timestamp()))::bigint * 1000000000 "
                          "WHERE workspace_id = $1 AND id = $2",
                    {Param::text(workspaceId), Param::text(id), Param::text(next->description),
                        Param::text(next->unit), Param::text(aggregationName(next->aggregation)),
                        Param::utf8(sqlite::dimensionsRecord(next->dimensions)),
                        Param::int64(next->eventRetentionDays)});
            if (!write)
                return write.error();
            saved = next.value();
            return {};
        },
        Isolation::ReadCommitted);
    if (!status)
        return status.error();
    return *saved;
}

Result<DeleteMeterOutcome> PgStore::deleteMeterIfUnused(const QString &workspaceId, const QString &id)
{
    const auto forget = qScopeGuard([this] { forgetCachedMeters(); });
    DeleteMeterOutcome outcome = DeleteMeterOutcome::Deleted;
    Status status = transaction(
        [&](pg::Connection &db) -> Status {
            outcome = DeleteMeterOutcome::Deleted;
            auto find = db.exec("SELECT name FROM meters WHERE workspace_id = $1 AND id = $2 FOR UPDATE",
                {Param::text(workspaceId), Param::text(id)});
            if (!find)
                return find.error();
            if (find->size() == 0) {
                outcome = DeleteMeterOutcome::NotFound;
                return {};
            }
            const QString name = find->text(0, 0);
            auto usage = db.exec("SELECT 1 FROM usage_events WHERE workspace_id = $1 AND meter = $2 LIMIT 1",
                {Param::text(workspaceId), Param::text(name)});
            if (!usage)
                return usage.error();
            if (usage->size() > 0) {
                outcome = DeleteMeterOutcome::HasUsage;
                return {};
            }
            // Plans and alert rules are not stored on PostgreSQL yet (PgPending.cpp), so no plan limit or
            // rule can name the meter; their checks (UsedByPlan, HasAlertRules) come with those tables.
            auto remove = db.exec("DELETE FROM meters WHERE workspace_id = $1 AND id = $2",
                {Param::text(workspaceId), Param::text(id)});
            if (!remove)
                return remove.error();
            auto stats = db.exec("DELETE FROM meter_usage WHERE workspace_id = $1 AND meter = $2",
                {Param::text(workspaceId), Param::text(name)});
            if (!stats)
                return stats.error();
            auto counter = db.exec(
                "UPDATE workspace_counters SET meters = GREATEST(meters - 1, 0) WHERE workspace_id = $1",
                {Param::text(workspaceId)});
            if (!counter)
                return counter.error();
            return {};
        },
        Isolation::ReadCommitted);
    if (!status)
        return status.error();
    return outcome;
}

Result<qint64> PgStore::countMeterEvents(const QString &workspaceId, const QString &meterName)
{
    auto rows = query("SELECT usage_events FROM meter_usage WHERE workspace_id = $1 AND meter = $2",
        {Param::text(workspaceId), Param::text(meterName)});
    if (!rows)
        return rows.error();
    return rows->size() > 0 ? rows->int64(0, 0) : qint64(0);
}

Result<SystemCounters> PgStore::systemCounters(const QString &workspaceId)
{
    auto rows
        = query("SELECT meters, usage_events, prune_runs FROM workspace_counters WHERE workspace_id = $1",
            {Param::text(workspaceId)});
    if (!rows)
        return rows.error();
    SystemCounters counters;
    if (rows->size() > 0) {
        counters.meters = rows->int64(0, 0);
        counters.usageEvents = rows->int64(0, 1);
        counters.pruneRuns = rows->int64(0, 2);
    }
    return counters;
}

Result<qint64> PgStore::pendingRollupMeters()
{
    // Rollups are not kept on PostgreSQL yet (PgPending.cpp), so none is being built.
    return qint64(0);
}

Result<RollupLag> PgStore::rollupLag()
{
    // No rollups on PostgreSQL yet: every query reads raw events, nothing waits to be folded.
    return RollupLag{};
}

Result<QStringList> PgStore::listWorkspaceIds()
{
    auto rows = query("SELECT id FROM workspaces ORDER BY id");
    if (!rows)
        return rows.error();
    QStringList out;
    for (int i = 0; i < rows->size(); ++i)
        out.append(rows->text(i, 0));
    return out;
}

} // namespace osc
