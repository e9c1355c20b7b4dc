// SqliteStore: the rollup tables (migration 5) — applying ingest deltas, rebuilding hours from raw
// events, and the background maintainer that builds rollups for existing events and after a meter's
// dimensions change.

#include "store/sqlite/SqliteStore.h"
#include "store/sqlite/SqliteTime.h"

#include "rollup/RollupKeys.h"

#include <QDebug>

#include <algorithm>
#include <chrono>

namespace osc {

namespace {

using query::AggregateState;

// How an upserted rollup row absorbs the new one: AggregateState::merge() in SQL. Row values compare
// (time, id, quantity) like AggregateState's first/last keys (TEXT in BINARY order = code points).
#define OSC_ROLLUP_MERGE_SET                                                                                 \
    "events = events + excluded.events, qty_sum = qty_sum + excluded.qty_sum, "                              \
    "qty_min = MIN(qty_min, excluded.qty_min), qty_max = MAX(qty_max, excluded.qty_max), "                   \
    "first_time = IIF((excluded.first_time, excluded.first_id, excluded.first_quantity) < (first_time, "     \
    "first_id, first_quantity), excluded.first_time, first_time), "                                          \
    "first_id = IIF((excluded.first_time, excluded.first_id, excluded.first_quantity) < (first_time, "       \
    "first_id, first_quantity), excluded.first_id, first_id), "                                              \
    "first_quantity = IIF((excluded.first_time, excluded.first_id, excluded.first_quantity) < (first_time, " \
    "first_id, first_quantity), excluded.first_quantity, first_quantity), "                                  \
    "last_time = IIF((excluded.last_time, excluded.last_id, excluded.last_quantity) > (last_time, "          \
    "last_id, last_quantity), excluded.last_time, last_time), "                                              \
    "last_id = IIF((excluded.last_time, excluded.last_id, excluded.last_quantity) > (last_time, "            \
    "last_id, last_quantity), excluded.last_id, last_id), "                                                  \
    "last_quantity = IIF((excluded.last_time, excluded.last_id, excluded.last_quantity) > (last_time, "      \
    "last_id, last_quantity), excluded.last_quantity, last_quantity)"

constexpr const char *kUpsertDimensionRollup
    = "INSERT INTO usage_rollups (workspace_id, meter, granularity, bucket_start, metadata, api_key_id, "
      "events, qty_sum, qty_min, qty_max, first_time, first_id, first_quantity, last_time, last_id, "
      "last_quantity) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16) "
      "ON CONFLICT (workspace_id, meter, granularity, bucket_start, metadata, api_key_id) DO UPDATE "
      "SET " OSC_ROLLUP_MERGE_SET;

constexpr const char *kUpsertSubjectRollup
    = "INSERT INTO usage_subject_rollups (workspace_id, meter, bucket_start, subject, events, qty_sum, "
      "qty_min, qty_max, first_time, first_id, first_quantity, last_time, last_id, last_quantity) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14) "
      "ON CONFLICT (workspace_id, meter, bucket_start, subject) DO UPDATE SET " OSC_ROLLUP_MERGE_SET;

#undef OSC_ROLLUP_MERGE_SET

// Binds the aggregate columns starting at `first` (events, sum, min, max, first ×3, last ×3).
void bindAggregate(SqliteStatement &stmt, int first, const AggregateState &state)
{
    stmt.bind(first, state.count)
        .bind(first + 1, state.sum)
        .bind(first + 2, state.min)
        .bind(first + 3, state.max)
        .bind(first + 4, state.firstTimeNs)
        .bind(first + 5, state.firstId)
        .bind(first + 6, state.firstQuantity)
        .bind(first + 7, state.lastTimeNs)
        .bind(first + 8, state.lastId)
        .bind(first + 9, state.lastQuantity);
}

// Reads the aggregate columns starting at `first`, in bindAggregate()'s order.
AggregateState aggregateFromRow(const SqliteStatement &row, int first)
{
    AggregateState state;
    state.count = row.int64(first);
    state.sum = row.real(first + 1);
    state.min = row.real(first + 2);
    state.max = row.real(first + 3);
    state.firstTimeNs = row.time(first + 4);
    state.firstId = row.text(first + 5);
    state.firstQuantity = row.real(first + 6);
    state.lastTimeNs = row.time(first + 7);
    state.lastId = row.text(first + 8);
    state.lastQuantity = row.real(first + 9);
    return state;
}

// The rows of `rows` in primary-key order: a fold's upserts then walk each table's b-tree forward
// instead of jumping to a random page per row (most of a backfill fold's cost at millions of rows).
template <typename Key>
std::vector<typename QHash<Key, AggregateState>::const_iterator> inKeyOrder(
    const QHash<Key, AggregateState> &rows)
{
    std::vector<typename QHash<Key, AggregateState>::const_iterator> order;
    order.reserve(rows.size());
    for (auto it = rows.cbegin(); it != rows.cend(); ++it)
        order.push_back(it);
    std::sort(order.begin(), order.end(), [](const auto &a, const auto &b) {
        const Key &x = a.key();
        const Key &y = b.key();
        if (const int c = x.workspaceId.compare(y.workspaceId); c != 0)
            return c < 0;
        if (const int c = x.meter.compare(y.meter); c != 0)
            return c < 0;
        if (x.bucketStartNs != y.bucketStartNs)
            return x.bucketStartNs < y.bucketStartNs;
        if constexpr (std::is_same_v<Key, rollup::DimensionKey>)
            return x.dimensions < y.dimensions;
        else
            return x.subject < y.subject;
    });
    return order;
}

Status upsertDimensionRows(SqliteConnection &db, rollup::Granularity granularity,
    const QHash<rollup::DimensionKey, AggregateState> &rows)
{
    for (const auto &it : inKeyOrder(rows)) {
        auto upsert = db.prepare(kUpsertDimensionRollup);
        upsert.bind(1, it.key().workspaceId)
            .bind(2, it.key().meter)
            .bind(3, int(granularity))
            .bind(4, it.key().bucketStartNs)
            .bind(5, it.key().dimensions)
            .bind(6, it.key().apiKeyId);
        bindAggregate(upsert, 7, it.value());
        if (auto s = upsert.run(); !s)
            return s;
    }
    return {};
}

} // namespace

Status SqliteStore::applyRollupDelta(SqliteConnection &db, const rollup::RollupDelta &delta)
{
    if (auto s = upsertDimensionRows(db, rollup::Granularity::Hour, delta.hours); !s)
        return s;
    if (auto s = upsertDimensionRows(db, rollup::Granularity::Day, delta.days); !s)
        return s;
    for (const auto &it : inKeyOrder(delta.subjectHours)) {
        auto upsert = db.prepare(kUpsertSubjectRollup);
        upsert.bind(1, it.key().workspaceId)
            .bind(2, it.key().meter)
            .bind(3, it.key().bucketStartNs)
            .bind(4, it.key().subject);
        bindAggregate(upsert, 5, it.value());
        if (auto s = upsert.run(); !s)
            return s;
    }
    return {};
}

Result<std::optional<Meter>> SqliteStore::loadMeter(
    SqliteConnection &db, const QString &workspaceId, const QString &name)
{
    auto find
        = db.prepare("SELECT id, name, description, unit, aggregation, dimensions, event_retention_days, "
                     "created_at FROM meters WHERE workspace_id = ?1 AND name = ?2");
    find.bind(1, workspaceId).bind(2, name);
    if (find.next())
        return std::optional<Meter>(meterFromRow(find));
    if (auto s = find.status(); !s)
        return s.error();
    return std::optional<Meter>();
}

Status SqliteStore::recomputeRollups(
    SqliteConnection &db, const QString &workspaceId, const Meter &meter, TimeNs fromNs, TimeNs toNs)
{
    using namespace rollup;
    {
        auto clear = db.prepare("DELETE FROM usage_rollups WHERE workspace_id = ?1 AND meter = ?2 AND "
                                "granularity = 0 AND bucket_start >= ?3 AND bucket_start < ?4");
        clear.bind(1, workspaceId).bind(2, meter.name).bind(3, fromNs).bind(4, toNs);
        if (auto s = clear.run(); !s)
            return s;
        auto clearSubjects = db.prepare("DELETE FROM usage_subject_rollups WHERE workspace_id = ?1 AND "
                                        "meter = ?2 AND bucket_start >= ?3 AND bucket_start < ?4");
        clearSubjects.bind(1, workspaceId).bind(2, meter.name).bind(3, fromNs).bind(4, toNs);
        if (auto s = clearSubjects.run(); !s)
            return s;
    }
    RollupDelta delta;
    {
        // Only the events the rollups already hold (up to the watermark): the maintainer folds the
        // later ones on its own, and they must not be counted twice.
        auto events = db.prepare("SELECT id, subject, quantity, event_time, metadata, "
                                 "COALESCE(api_key_id, '') FROM usage_events "
                                 "WHERE workspace_id = ?1 AND meter = ?2 AND event_time >= ?3 AND "
                                 "event_time < ?4 AND seq <= (SELECT folded_seq FROM rollup_progress)");
        events.bind(1, workspaceId).bind(2, meter.name).bind(3, fromNs).bind(4, toNs);
        UsageEvent event;
        event.meter = meter.name;
        while (events.next()) {
            event.id = events.text(0);
            event.subject = events.text(1);
            event.quantity = events.real(2);
            event.eventTimeNs = events.time(3);
            event.apiKeyId = events.text(5);
            delta.add(workspaceId, event, projectDimensions(meter, events.bytes(4)));
        }
        if (auto s = events.status(); !s)
            return s;
    }
    // Day rows are rebuilt below from the hour rows.
    delta.days.clear();
    if (auto s = applyRollupDelta(db, delta); !s)
        return s;

    const TimeNs dayFrom = floorTo(fromNs, kDayNs);
    const TimeNs dayTo = ceilTo(toNs, kDayNs);
    QHash<DimensionKey, AggregateState> days;
    {
        auto hours
            = db.prepare("SELECT bucket_start, metadata, events, qty_sum, qty_min, qty_max, first_time, "
                         "first_id, first_quantity, last_time, last_id, last_quantity, api_key_id "
                         "FROM usage_rollups "
                         "WHERE workspace_id = ?1 AND meter = ?2 AND granularity = 0 AND "
                         "bucket_start >= ?3 AND bucket_start < ?4");
        hours.bind(1, workspaceId).bind(2, meter.name).bind(3, dayFrom).bind(4, dayTo);
        while (hours.next())
            days[DimensionKey{
                     workspaceId, meter.name, floorTo(hours.time(0), kDayNs), hours.bytes(1), hours.text(12)}]
                .merge(aggregateFromRow(hours, 2));
        if (auto s = hours.status(); !s)
            return s;
    }
    auto clearDays = db.prepare("DELETE FROM usage_rollups WHERE workspace_id = ?1 AND meter = ?2 AND "
                                "granularity = 1 AND bucket_start >= ?3 AND bucket_start < ?4");
    clearDays.bind(1, workspaceId).bind(2, meter.name).bind(3, dayFrom).bind(4, dayTo);
    if (auto s = clearDays.run(); !s)
        return s;
    return upsertDimensionRows(db, Granularity::Day, days);
}

Status SqliteStore::markRollupsStale(
    SqliteConnection &db, const QString &workspaceId, const QString &meter, const QByteArray &signature)
{
    // Every hour holding events is rebuilt; until then queries read raw events.
    auto span = db.prepare(
        "SELECT MIN(event_time), MAX(event_time) FROM usage_events WHERE workspace_id = ?1 AND meter = ?2");
    span.bind(1, workspaceId).bind(2, meter);
    if (!span.next())
        return span.status();
    const std::optional<TimeNs> oldest = span.optionalTime(0);
    const std::optional<TimeNs> newest = span.optionalTime(1);
    span.reset();
    auto mark
        = db.prepare("INSERT INTO rollup_state (workspace_id, meter, signature, pending_from, pending_to) "
                     "VALUES (?1, ?2, ?3, ?4, ?5) "
                     "ON CONFLICT (workspace_id, meter) DO UPDATE SET signature = excluded.signature, "
                     "pending_from = excluded.pending_from, pending_to = excluded.pending_to");
    mark.bind(1, workspaceId).bind(2, meter).bind(3, signature);
    if (oldest && newest)
        mark.bind(4, rollup::floorTo(*oldest, rollup::kHourNs))
            .bind(5, rollup::floorTo(*newest, rollup::kHourNs) + rollup::kHourNs);
    else
        mark.bindNull(4).bindNull(5);
    return mark.run();
}

Result<bool> SqliteStore::rollupRebuildStep()
{
    QMutexLocker lock(&m_writerMutex);
    bool worked = false;
    Status status = m_writer.begin();
    if (status) {
        status = [&]() -> Status {
            auto next
                = m_writer.prepare("SELECT workspace_id, meter, signature, pending_from, pending_to "
                                   "FROM rollup_state WHERE signature IS NULL OR pending_to IS NOT NULL "
                                   "LIMIT 1");
            if (!next.next())
                return next.status(); // every rollup is complete
            worked = true;
            const QString workspaceId = next.text(0);
            const QString meterName = next.text(1);
            const bool unbuilt = next.isNull(2);
            const std::optional<TimeNs> pendingFrom = next.optionalTime(3);
            const std::optional<TimeNs> pendingTo = next.optionalTime(4);
            next.reset();
            auto meter = loadMeter(m_writer, workspaceId, meterName);
            if (!meter)
                return meter.error();
            if (!meter->has_value()) {
                auto drop
                    = m_writer.prepare("DELETE FROM rollup_state WHERE workspace_id = ?1 AND meter = ?2");
                drop.bind(1, workspaceId).bind(2, meterName);
                return drop.run();
            }
            if (unbuilt || !pendingFrom || !pendingTo)
                return markRollupsStale(
                    m_writer, workspaceId, meterName, rollup::dimensionSignature(**meter));

            // Newest hours first, one hour holding events per step, so each step is short and
            // ingestion waits at most one step for the writer.
            auto newest = m_writer.prepare("SELECT MAX(event_time) FROM usage_events WHERE workspace_id = ?1 "
                                           "AND meter = ?2 AND event_time >= ?3 AND event_time < ?4");
            newest.bind(1, workspaceId).bind(2, meterName).bind(3, *pendingFrom).bind(4, *pendingTo);
            if (!newest.next())
                return newest.status();
            const std::optional<TimeNs> newestNs = newest.optionalTime(0);
            newest.reset();
            const TimeNs stepFrom = newestNs
                ? std::max(*pendingFrom, rollup::floorTo(*newestNs, rollup::kHourNs))
                : *pendingFrom;
            if (auto s = recomputeRollups(m_writer, workspaceId, **meter, stepFrom, *pendingTo); !s)
                return s;
            auto advance = m_writer.prepare(
                "UPDATE rollup_state SET pending_from = IIF(?3 > pending_from, pending_from, NULL), "
                "pending_to = IIF(?3 > pending_from, ?3, NULL) WHERE workspace_id = ?1 AND meter = ?2");
            advance.bind(1, workspaceId).bind(2, meterName).bind(3, stepFrom);
            return advance.run();
        }();
    }
    if (status)
        status = m_writer.commit();
    if (!status) {
        m_writer.rollback();
        return status.error();
    }
    return worked;
}

Result<bool> SqliteStore::deriveSubjectTotals()
{
    auto lease = read();
    if (!lease)
        return lease.error();
    SqliteConnection &db = *lease.value();
    quint64 generation = 0;
    {
        // The snapshot is pinned while no commit can land: every commit before it is in the snapshot,
        // every later one reaches SubjectTotals::add() during the derivation and waits in its backlog.
        // Only this moment holds the writer; the scan below (seconds at millions of rollup rows) does not.
        QMutexLocker writer(&m_writerMutex);
        if (auto s = db.exec("BEGIN"); !s)
            return s.error();
        auto pending = db.prepare(
            "SELECT 1 FROM rollup_state WHERE signature IS NULL OR pending_to IS NOT NULL LIMIT 1");
        const bool rebuilding = pending.next();
        Status pinned = pending.status();
        pending.reset();
        const std::optional<quint64> started
            = pinned && !rebuilding ? m_subjectTotals.beginDerivation() : std::nullopt;
        if (!started) {
            (void)db.exec("ROLLBACK"); // ends the read transaction; nothing to undo
            if (!pinned)
                return pinned.error();
            return !rebuilding; // a rebuild first derives nothing; held totals need nothing
        }
        generation = *started;
    }

    if (m_options.subjectTotalsSnapshotHook)
        m_options.subjectTotalsSnapshotHook();

    // Primary-key order: each (workspace, meter) is one run of rows, so subjects are summed per run
    // by their bytes and turned into strings once per (subject, meter), not once per hour.
    sqlite::SubjectTotals::AllTotals derived;
    QHash<QByteArray, rollup::SubjectMeterTally> run;
    QByteArray runWorkspace;
    QByteArray runMeter;
    const auto closeRun = [&] {
        if (run.isEmpty())
            return;
        auto &into = derived[QString::fromUtf8(runWorkspace)];
        const QString meter = QString::fromUtf8(runMeter);
        for (auto it = run.cbegin(); it != run.cend(); ++it)
            into.insert(qMakePair(QString::fromUtf8(it.key()), meter), it.value());
        run.clear();
    };
    auto rows
        = db.prepare("SELECT workspace_id, meter, subject, events, last_time FROM usage_subject_rollups");
    while (rows.next()) {
        const QByteArrayView workspace = rows.view(0);
        const QByteArrayView meter = rows.view(1);
        if (workspace != runWorkspace || meter != runMeter) {
            closeRun();
            runWorkspace = workspace.toByteArray();
            runMeter = meter.toByteArray();
        }
        const QByteArrayView subject = rows.view(2);
        auto found = run.find(QByteArray::fromRawData(subject.data(), subject.size()));
        if (found == run.end())
            found = run.insert(subject.toByteArray(), {});
        const TimeNs lastTime = rows.time(4);
        found->lastEventNs = found->events == 0 ? lastTime : std::max(found->lastEventNs, lastTime);
        found->events += rows.int64(3);
    }
    Status scanned = rows.status();
    rows.reset();
    closeRun();
    if (scanned) {
        // The events after the watermark, in the same snapshot: not in the subject rollups yet.
        auto tail = db.prepare("SELECT workspace_id, meter, subject, COUNT(*), MAX(event_time) "
                               "FROM usage_events NOT INDEXED "
                               "WHERE seq > (SELECT folded_seq FROM rollup_progress WHERE id = 1) "
                               "GROUP BY workspace_id, meter, subject");
        while (tail.next()) {
            rollup::SubjectMeterTally &tally = derived[tail.text(0)][qMakePair(tail.text(2), tail.text(1))];
            const TimeNs lastTime = tail.time(4);
            tally.lastEventNs = tally.events == 0 ? lastTime : std::max(tally.lastEventNs, lastTime);
            tally.events += tail.int64(3);
        }
        scanned = tail.status();
    }
    (void)db.exec("COMMIT"); // ends the read transaction
    if (!scanned)
        return scanned.error();

    // False when a prune or an invalidation came in between: derive again.
    return m_subjectTotals.install(generation, std::move(derived));
}

void SqliteStore::invalidateSubjectTotals()
{
    m_subjectTotals.invalidate();
    wakeRollupMaintainer();
}

Result<qint64> SqliteStore::pendingRollupMeters()
{
    auto lease = read();
    if (!lease)
        return lease.error();
    auto count
        = (*lease.value())
              .prepare("SELECT COUNT(*) FROM rollup_state WHERE signature IS NULL OR pending_to IS NOT NULL");
    if (!count.next())
        return count.ok() ? Error::internal(QStringLiteral("no rollup count")) : count.status().error();
    return count.int64(0);
}

bool SqliteStore::subjectTotalsHeld()
{
    return m_subjectTotals.held();
}

void SqliteStore::wakeRollupMaintainer()
{
    {
        std::lock_guard lock(m_rollupMutex);
        m_rollupWake = true;
    }
    m_rollupCondition.notify_one();
}

void SqliteStore::runRollupMaintainer()
{
    std::unique_lock lock(m_rollupMutex);
    while (!m_rollupStop) {
        m_rollupCondition.wait(lock, [this] { return m_rollupStop || m_rollupWake; });
        // Let more commits land, so one fold merges many of them per rollup row (a steady stream of
        // small commits would otherwise be folded one at a time).
        m_rollupCondition.wait_for(lock, std::chrono::milliseconds(kFoldGatherMs),
            [this] { return m_rollupStop || m_rollupUnfolded >= kFoldBatchEvents; });
        m_rollupWake = false;
        m_rollupUnfolded = 0;
        while (!m_rollupStop) {
            // New events first: the shorter the tail after the watermark, the less each query reads raw.
            lock.unlock();
            auto folded = rollupFoldStep();
            lock.lock();
            if (!folded) {
                qWarning().noquote() << "rollup fold:" << folded.error().message;
                // Retried on the next wake-up (the next commit); queries read the unfolded events raw.
                break;
            }
            if (folded.value() == kFoldBatchEvents)
                continue; // a whole batch: more are waiting now
            lock.unlock();
            auto step = rollupRebuildStep();
            lock.lock();
            if (!step) {
                qWarning().noquote() << "rollup rebuild:" << step.error().message;
                // Retried on the next wake-up (the next meter change or restart); queries keep reading
                // raw events for the meter meanwhile.
                break;
            }
            if (step.value())
                continue;
            // Nothing to rebuild: derive the subject totals if they are not held yet.
            lock.unlock();
            auto derived = deriveSubjectTotals();
            lock.lock();
            if (!derived) {
                qWarning().noquote() << "subject totals:" << derived.error().message;
                break;
            }
            if (derived.value())
                break;
        }
    }
}

} // namespace osc
