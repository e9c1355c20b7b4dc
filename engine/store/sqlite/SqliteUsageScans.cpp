// Usage scans on SQLite: bucket queries, breakdowns and dimension values read usage_events and the
// rollup tables (migration 5) with SQL assembled per request; filters and group values are the
// filter language compiled by SqliteFilterSql.
#include "store/sqlite/SqliteUsageScans.h"
#include "store/sqlite/SqliteTime.h"

#include "rollup/RollupKeys.h"
#include "store/sqlite/MetadataGroupMemo.h"
#include "store/sqlite/SqliteFilterSql.h"
#include "store/sqlite/SqliteScan.h"
#include "store/sqlite/SqliteStore.h"

#include <QHash>
#include <QVarLengthArray>

#include <sqlite3.h>

#include <algorithm>
#include <optional>

namespace osc::sqlite {

namespace {

using query::AggregateState;
using query::FilterField;

// The page cache of a bucket scan (PageCacheCap): the index's and table's upper levels and the
// pages being read fit many times over; measured on 10M events, 256 KiB to 2 MiB scan ~10% faster
// than the connections' usual 64 MiB, and memory stays flat however long the export.
constexpr int kScanPageCacheKiB = 2048;

// The aggregate columns of both rollup tables, in aggregateFromScan()'s order.
constexpr const char *kAggregateColumns = "events, qty_sum, qty_min, qty_max, first_time, first_id, "
                                          "first_quantity, last_time, last_id, last_quantity";

// Ids are only read for first/last: two string copies per row are most of a rollup row's cost.
AggregateState aggregateFromScan(const SqliteScan &scan, int first, bool withIds)
{
    AggregateState state;
    state.count = scan.int64(first);
    state.sum = scan.real(first + 1);
    state.min = scan.real(first + 2);
    state.max = scan.real(first + 3);
    state.firstTimeNs = scan.time(first + 4);
    if (withIds)
        state.firstId = scan.text(first + 5);
    state.firstQuantity = scan.real(first + 6);
    state.lastTimeNs = scan.time(first + 7);
    if (withIds)
        state.lastId = scan.text(first + 8);
    state.lastQuantity = scan.real(first + 9);
    return state;
}

// Rollups are used only when built for the meter's current dimensions and nothing awaits a rebuild.
Result<bool> rollupsReady(sqlite3 *db, const QString &workspaceId, const Meter &meter)
{
    SqliteScan state;
    if (auto s = state.prepare(db,
            "SELECT signature IS NOT NULL AND signature = ? AND pending_to IS NULL FROM rollup_state "
            "WHERE workspace_id = ? AND meter = ?",
            {QString::fromUtf8(rollup::dimensionSignature(meter)), workspaceId, meter.name});
        !s)
        return s.error();
    const bool ready = state.next() && state.int64(0) == 1;
    if (auto s = state.status(); !s)
        return s.error();
    return ready;
}

// Beyond this many events after the rollup watermark (a maintainer far behind, e.g. stopped by an
// error), a scan reads raw events rather than holding the tail in memory (about 56 bytes an event).
// The maintainer keeps the tail to a few batches of 8,192 under sustained load.
constexpr qint64 kMaxTailEvents = 250'000;

// What a scan reads: its segments, and when some of them read rollups, the seq up to which the
// rollups hold the stored events (the raw events after it are added to those segments).
struct ScanPlan
{
    QList<ScanSegment> segments;
    std::optional<qint64> tailAfterSeq;
};

// The rollup watermark and the newest seq, in the caller's snapshot.
Result<std::pair<qint64, qint64>> rollupWatermark(sqlite3 *db)
{
    SqliteScan progress;
    if (auto s = progress.prepare(db,
            "SELECT folded_seq, COALESCE((SELECT MAX(seq) FROM usage_events), 0) FROM rollup_progress "
            "WHERE id = 1",
            {});
        !s)
        return s.error();
    if (!progress.next())
        return progress.status() ? Error::internal(QStringLiteral("no rollup progress row"))
                                 : progress.status().error();
    return std::pair{progress.int64(0), progress.int64(1)};
}

// The segments a scan reads: the whole range raw, unless the spec's rollup table is ready.
Result<ScanPlan> planFor(sqlite3 *db, const UsageScanSpec &spec)
{
    ScanPlan plan{{{ScanSegment::Source::RawEvents, spec.fromNs, spec.toNs}}, std::nullopt};
    if (spec.rollups == RollupTable::None || !spec.rollupSegments)
        return plan;
    auto ready = rollupsReady(db, spec.workspaceId, *spec.meter);
    if (!ready)
        return ready.error();
    if (!ready.value())
        return plan;
    auto watermark = rollupWatermark(db);
    if (!watermark)
        return watermark.error();
    const auto [folded, newest] = watermark.value();
    // Seqs are dense (given by the writer), so newest - folded bounds the tail from above.
    if (newest - folded > kMaxTailEvents)
        return plan;
    plan.segments = spec.rollupSegments();
    if (newest > folded)
        plan.tailAfterSeq = folded;
    return plan;
}

bool readsRollups(const ScanSegment &segment)
{
    return segment.source != ScanSegment::Source::RawEvents;
}

// A group column's value over a row with `subject`, `metadata` and `api_key_id` columns (raw events,
// rollup rows, the projection statements).
QByteArray valueExpression(const QString &field)
{
    if (field == kSubjectGroupField)
        return "subject";
    if (field == kApiKeyScanColumn)
        return "COALESCE(api_key_id, '')";
    return sqliteGroupValue("metadata", field.split(QLatin1Char('.')));
}

bool readsApiKey(const FilterNode &node)
{
    if (node.kind == FilterNode::Kind::Condition)
        return node.field == FilterField::ApiKey;
    return std::any_of(node.rules.begin(), node.rules.end(), readsApiKey);
}

// A filter whose every condition reads a metadata path depends on the metadata text alone.
bool readsMetadataOnly(const FilterNode &node)
{
    if (node.kind == FilterNode::Kind::Condition)
        return node.field == FilterField::Metadata;
    return std::all_of(node.rules.begin(), node.rules.end(), readsMetadataOnly);
}

// The WHERE clause shared by every scan: workspace, meter, [from, to), subject, DSL filter and GET
// metadata equality, all on the (workspace_id, meter, event_time) index's columns first.
struct ScanWhere
{
    QByteArray sql;
    QList<QVariant> binds;

    void add(const SqlFragment &fragment)
    {
        sql += " AND (" + fragment.sql + ")";
        binds += fragment.binds;
    }
};

ScanWhere baseWhere(const QString &workspaceId, const QString &meter, std::optional<TimeNs> fromNs,
    std::optional<TimeNs> toNs, const QString &subject)
{
    ScanWhere where;
    where.sql = " FROM usage_events WHERE workspace_id = ? AND meter = ?";
    where.binds = {workspaceId, meter};
    if (fromNs) {
        where.sql += " AND event_time >= ?";
        where.binds.append(sqlite_time::param(*fromNs));
    }
    if (toNs) {
        where.sql += " AND event_time < ?";
        where.binds.append(sqlite_time::param(*toNs));
    }
    if (!subject.isEmpty()) {
        where.sql += " AND subject = ?";
        where.binds.append(subject);
    }
    return where;
}

// The first raw row, in (event_time, seq) order, that a raw-event scan stopping midway had not
// folded in: a scan that switches how it renders group values resumes there, so no event is counted
// twice or skipped and every aggregate adds its events in the same order as one uninterrupted scan.
struct RawResume
{
    bool active = false;
    TimeNs eventTimeNs;
    qint64 seq = 0;
};

// Reads the segments of one bucket query in time order and folds their rows into BucketRows.
class BucketScan
{
public:
    BucketScan(const UsageScanSpec &in, BucketFold &rows)
        : m_in(in)
        , m_withIds(in.withIds)
        , m_rows(rows)
        , m_columnCount(int(in.groupBy.size()))
        , m_subjectColumn(int(in.groupBy.indexOf(kSubjectGroupField)))
        , m_memo(in.metadataMemoLimit)
        , m_memoFilters(
              (in.filter || !in.metadataFilters.isEmpty()) && (!in.filter || readsMetadataOnly(*in.filter)))
        , m_groupsByApiKey(in.groupBy.contains(kApiKeyScanColumn))
        , m_readsApiKey(m_groupsByApiKey || (in.filter && readsApiKey(*in.filter)))
    {
        for (const QString &field : in.groupBy) {
            const QByteArray value = valueExpression(field);
            m_groupSql += ", " + value;
            if (field != kSubjectGroupField)
                m_dimensionSql += ", " + value;
        }
    }

    Status run(sqlite3 *db, const ScanPlan &plan)
    {
        m_db = db;
        if (plan.tailAfterSeq)
            if (auto s = loadTail(*plan.tailAfterSeq, plan.segments); !s)
                return s;
        for (const ScanSegment &segment : plan.segments) {
            const Status scanned = readsRollups(segment) ? scanRollups(segment) : scanRaw(segment);
            if (!scanned)
                return scanned;
            if (m_rows.stopped())
                return {};
        }
        return {};
    }

    const MetadataGroupMemo &memo() const { return m_memo; }

private:
    // ", <group value 1>, …" over a row with `subject` and `metadata` columns: every group column,
    // and the dimension columns only (in group_by order, the subject left out).
    QByteArray m_groupSql;
    QByteArray m_dimensionSql;

    // The DSL filter and the GET metadata filters, each a boolean expression over the row.
    QList<SqlFragment> filters() const
    {
        QList<SqlFragment> out;
        if (m_in.filter)
            out.append(toSqlite(*m_in.filter));
        for (const MetadataEquals &equals : m_in.metadataFilters)
            out.append(toSqlite(equals, "metadata"));
        return out;
    }

    void filterWhere(ScanWhere &where) const
    {
        for (const SqlFragment &filter : filters())
            where.add(filter);
    }

    // All filters as one expression, for the memo to evaluate per metadata text.
    SqlFragment memoFilter() const
    {
        SqlFragment all;
        for (const SqlFragment &filter : filters()) {
            all.sql += (all.sql.isEmpty() ? "(" : " AND (") + filter.sql + ")";
            all.binds += filter.binds;
        }
        return all;
    }

    qsizetype groupOfColumns(const SqliteScan &scan, int firstColumn)
    {
        if (m_columnCount == 0)
            return 0;
        QVarLengthArray<QByteArrayView, 8> columns;
        for (int c = 0; c < m_columnCount; ++c)
            columns.append(scan.bytes(firstColumn + c));
        return m_rows.groupOf(columns);
    }

    // Dimension group values and metadata-only filters memoized per metadata text (a few thousand
    // distinct texts for millions of events), unless the memo gives up on texts that hardly repeat:
    // then SQLite evaluates them in the scan from where the memoized part stopped.
    Status scanRaw(const ScanSegment &segment)
    {
        skipTail(segment.toNs);
        RawResume resume;
        const bool memoPays = dimensionColumnCount() > 0 || m_memoFilters;
        // The memo resolves group values from the metadata text alone; the API key is not in it.
        if (m_in.metadataMemoLimit > 0 && memoPays && !m_groupsByApiKey && !m_memo.gaveUp()) {
            if (!m_memoPrepared) {
                if (auto s = m_memo.prepare(m_db, m_memoFilters ? memoFilter() : SqlFragment(),
                        m_dimensionSql, dimensionColumnCount());
                    !s)
                    return s;
                m_memoPrepared = true;
            }
            auto completed = scanRawRows(segment, /*memoized=*/true, resume);
            if (!completed)
                return completed.error();
            if (completed.value() || m_rows.stopped())
                return {};
        }
        auto completed = scanRawRows(segment, /*memoized=*/false, resume);
        if (!completed)
            return completed.error();
        return {};
    }

    // Polled every 4,096 raw rows (an atomic load per row would be measurable).
    bool interrupted()
    {
        return m_in.interrupt && (++m_interruptPoll & 0xfff) == 0
            && m_in.interrupt->load(std::memory_order_relaxed);
    }

    // Columns: 0 event_time, 1 quantity, 2 id (or NULL), 3 seq, then `subject` (or NULL) and
    // `metadata` when memoized, else the group values. False when the memo gave up; `resume` then
    // names the row it gave up on.
    Result<bool> scanRawRows(const ScanSegment &segment, bool memoized, RawResume &resume)
    {
        ScanWhere where = baseWhere(m_in.workspaceId, m_in.meter->name,
            resume.active ? resume.eventTimeNs : segment.fromNs, segment.toNs, m_in.subject);
        if (resume.active)
            where.add({"event_time > ? OR seq >= ?", {sqlite_time::param(resume.eventTimeNs), resume.seq}});
        if (!memoized || !m_memoFilters)
            filterWhere(where);
        QByteArray sql
            = m_withIds ? "SELECT event_time, quantity, id, seq" : "SELECT event_time, quantity, NULL, seq";
        if (memoized)
            sql += m_subjectColumn >= 0 ? ", subject, metadata" : ", NULL, metadata";
        else
            sql += m_groupSql;
        // seq breaks event_time ties as the index does (its rows are in rowid order), so resuming
        // at a row is exact; the plan stays a walk of the index, without a sort.
        sql += where.sql + " ORDER BY event_time, seq";
        SqliteScan scan;
        if (auto s = scan.prepare(m_db, sql, where.binds); !s)
            return s.error();
        QString id;
        while (scan.next()) {
            if (interrupted()) {
                m_rows.abandon();
                return true;
            }
            const TimeNs eventTime = scan.time(0);
            const qsizetype bucket = m_rows.bucketOf(eventTime);
            if (bucket < 0)
                continue; // cannot happen for rows inside [from, to); kept as a guard
            qsizetype group = 0;
            if (memoized) {
                auto dimensions = m_memo.dimensionsOf(scan, 5, m_rows);
                if (!dimensions)
                    return dimensions.error();
                if (dimensions.value() == MetadataGroupMemo::kGiveUp) {
                    resume = {true, eventTime, scan.int64(3)};
                    return false;
                }
                if (dimensions.value() == MetadataGroupMemo::kFilteredOut)
                    continue;
                const QByteArrayView subject = m_subjectColumn >= 0 ? scan.bytes(4) : QByteArrayView();
                group = m_rows.groupId(subject, dimensions.value());
            } else {
                group = groupOfColumns(scan, 4);
            }
            if (!m_rows.inOrder(bucket))
                return Error::internal(QStringLiteral("bucket scan out of time order"));
            if (m_withIds)
                id = scan.text(2);
            AggregateState *state = m_rows.stateFor(bucket, group);
            if (!state)
                return true;
            state->add(scan.real(1), eventTime, id);
        }
        if (auto s = scan.status(); !s)
            return s.error();
        return true;
    }

    // Dimension rollup rows: the filter and the group values depend on the projection alone, so
    // SQLite evaluates them once per distinct projection (a few hundred) instead of once per row.
    // Same SQL expressions as the raw scan, so the answers cannot drift apart.
    // The API key is part of the answer only when the query groups or filters by it; otherwise rows
    // of every key share their projection's entry.
    Result<qsizetype> projectionGroup(QByteArrayView dimensions, QByteArrayView apiKeyId)
    {
        QByteArray keyed;
        if (m_readsApiKey) {
            keyed.reserve(dimensions.size() + apiKeyId.size() + 1);
            keyed.append(dimensions).append('\0').append(apiKeyId);
        }
        // fromRawData: a lookup key without copying the row's bytes.
        const QByteArray lookup
            = m_readsApiKey ? keyed : QByteArray::fromRawData(dimensions.data(), dimensions.size());
        const auto known = m_projectionGroups.constFind(lookup);
        if (known != m_projectionGroups.constEnd())
            return known.value();
        if (m_projectionBind == 0) {
            ScanWhere where;
            filterWhere(where);
            where.binds.append(QString());
            m_projectionBind = int(where.binds.size());
            where.binds.append(QString());
            if (auto s = m_projection.prepare(m_db,
                    "SELECT 1" + where.sql + m_groupSql + " FROM (SELECT ? AS metadata, ? AS api_key_id)",
                    where.binds);
                !s)
                return s.error();
        }
        if (auto s = m_projection.rerun(m_projectionBind + 1, apiKeyId); !s)
            return s.error();
        if (auto s = m_projection.rerun(m_projectionBind, dimensions); !s)
            return s.error();
        qsizetype group = -1;
        if (m_projection.next() && m_projection.int64(0) == 1)
            group = groupOfColumns(m_projection, 1);
        if (auto s = m_projection.status(); !s)
            return s.error();
        m_projectionGroups.insert(m_readsApiKey ? keyed : dimensions.toByteArray(), group);
        return group;
    }

    // Columns: 0 bucket_start, 1..10 the aggregate, 11.. group values (subject rollups) or the
    // projection (dimension rollups).
    QByteArray rollupSql(const ScanSegment &segment, QList<QVariant> &binds) const
    {
        const QString &workspaceId = m_in.workspaceId;
        if (m_in.rollups == RollupTable::Subjects) {
            if (!m_in.subject.isEmpty()) {
                // One primary-key probe per hour of the range.
                binds = {sqlite_time::param(segment.fromNs), sqlite_time::param(segment.toNs),
                    rollup::kHourNs, workspaceId, m_in.meter->name, m_in.subject};
                return "WITH RECURSIVE hours(t) AS (SELECT ?1 UNION ALL SELECT osc_time_add(t, ?3) FROM "
                       "hours WHERE osc_time_add(t, ?3) < ?2) SELECT r.bucket_start, "
                    + QByteArray(kAggregateColumns) + m_groupSql
                    + " FROM hours CROSS JOIN usage_subject_rollups r ON "
                      "r.workspace_id = ?4 AND r.meter = ?5 AND r.bucket_start = hours.t "
                      "AND r.subject = ?6 ORDER BY r.bucket_start";
            }
            binds = {workspaceId, m_in.meter->name, sqlite_time::param(segment.fromNs),
                sqlite_time::param(segment.toNs)};
            return "SELECT bucket_start, " + QByteArray(kAggregateColumns) + m_groupSql
                + " FROM usage_subject_rollups WHERE workspace_id = ? AND meter = ? AND "
                  "bucket_start >= ? AND bucket_start < ? ORDER BY bucket_start";
        }
        binds = {workspaceId, m_in.meter->name,
            int(segment.source == ScanSegment::Source::DayRollups ? rollup::Granularity::Day
                                                                  : rollup::Granularity::Hour),
            sqlite_time::param(segment.fromNs), sqlite_time::param(segment.toNs)};
        return "SELECT bucket_start, " + QByteArray(kAggregateColumns)
            + ", metadata, api_key_id FROM usage_rollups WHERE workspace_id = ? AND meter = ? AND "
              "granularity = ? AND bucket_start >= ? AND bucket_start < ? ORDER BY bucket_start";
    }

    Status scanRollups(const ScanSegment &segment)
    {
        QList<QVariant> binds;
        const QByteArray sql = rollupSql(segment, binds);
        SqliteScan scan;
        if (auto s = scan.prepare(m_db, sql, binds); !s)
            return s;
        while (scan.next()) {
            const TimeNs bucketStart = scan.time(0);
            auto more = foldTail(bucketStart);
            if (!more)
                return more.error();
            if (!more.value())
                return {};
            const qsizetype bucket = m_rows.bucketOf(bucketStart);
            if (bucket < 0)
                continue;
            qsizetype group = 0;
            if (m_in.rollups == RollupTable::Dimensions) {
                auto known = projectionGroup(scan.bytes(11), scan.bytes(12));
                if (!known)
                    return known.error();
                if (known.value() < 0)
                    continue; // the filter rejects this projection
                group = known.value();
            } else {
                group = groupOfColumns(scan, 11);
            }
            if (!m_rows.inOrder(bucket))
                return Error::internal(QStringLiteral("bucket scan out of time order"));
            AggregateState *state = m_rows.stateFor(bucket, group);
            if (!state)
                return {};
            state->merge(aggregateFromScan(scan, 1, m_withIds));
        }
        if (auto s = scan.status(); !s)
            return s;
        auto more = foldTail(segment.toNs);
        return more ? Status() : Status(more.error());
    }

    // The stored events after the rollup watermark inside the rollup segments' span, in (time, seq)
    // order with their groups, filtered as a raw scan filters: scanRollups() interleaves them with
    // the rollup rows (raw segments read them anyway). A rowid range, as long as the tail.
    Status loadTail(qint64 afterSeq, const QList<ScanSegment> &segments)
    {
        const auto first = std::find_if(segments.begin(), segments.end(), readsRollups);
        const auto last = std::find_if(segments.rbegin(), segments.rend(), readsRollups);
        if (first == segments.end())
            return {};
        ScanWhere where
            = baseWhere(m_in.workspaceId, m_in.meter->name, first->fromNs, last->toNs, m_in.subject);
        where.sql.replace(" FROM usage_events WHERE ", " FROM usage_events NOT INDEXED WHERE seq > ? AND ");
        where.binds.prepend(afterSeq);
        filterWhere(where);
        const QByteArray sql
            = (m_withIds ? "SELECT event_time, quantity, id, seq" : "SELECT event_time, quantity, NULL, seq")
            + m_groupSql + where.sql + " ORDER BY event_time, seq";
        SqliteScan scan;
        if (auto s = scan.prepare(m_db, sql, where.binds); !s)
            return s;
        while (scan.next()) {
            m_tail.push_back(
                {scan.time(0), scan.real(1), m_withIds ? scan.text(2) : QString(), groupOfColumns(scan, 4)});
        }
        return scan.status();
    }

    // Folds the tail events before `beforeNs` not folded yet; false when the fold wants no more rows.
    Result<bool> foldTail(TimeNs beforeNs)
    {
        for (; m_tailNext < m_tail.size() && m_tail[m_tailNext].timeNs < beforeNs; ++m_tailNext) {
            const TailEvent &event = m_tail[m_tailNext];
            const qsizetype bucket = m_rows.bucketOf(event.timeNs);
            if (bucket < 0)
                continue;
            if (!m_rows.inOrder(bucket))
                return Error::internal(QStringLiteral("bucket scan out of time order"));
            AggregateState *state = m_rows.stateFor(bucket, event.group);
            if (!state)
                return false;
            state->add(event.quantity, event.timeNs, event.id);
        }
        return true;
    }

    // A raw segment reads its tail events itself.
    void skipTail(TimeNs beforeNs)
    {
        while (m_tailNext < m_tail.size() && m_tail[m_tailNext].timeNs < beforeNs)
            ++m_tailNext;
    }

    int dimensionColumnCount() const { return m_columnCount - (m_subjectColumn >= 0 ? 1 : 0); }

    struct TailEvent
    {
        TimeNs timeNs;
        double quantity = 0;
        QString id;
        qsizetype group = 0;
    };

    const UsageScanSpec &m_in;
    const bool m_withIds;
    BucketFold &m_rows;
    const int m_columnCount;
    const int m_subjectColumn; // -1: not grouped by subject
    sqlite3 *m_db = nullptr;
    MetadataGroupMemo m_memo;
    const bool m_memoFilters; // the filters read metadata only: the memo evaluates them
    const bool m_groupsByApiKey;
    const bool m_readsApiKey; // grouped or filtered by the API key
    bool m_memoPrepared = false;
    QHash<QByteArray, qsizetype> m_projectionGroups; // → group index, or -1 when filtered out
    SqliteScan m_projection;
    int m_projectionBind = 0;
    quint32 m_interruptPoll = 0;
    std::vector<TailEvent> m_tail;
    std::size_t m_tailNext = 0;
};

QByteArray metadataPathLiteral(const QString &field)
{
    return sqlStringLiteral(sqliteJsonPath(field.split(QLatin1Char('.'))));
}

// Rows whose value at the field is missing or JSON null are excluded (the empty string is dropped by
// the callers, after rendering).
QByteArray presentValueCondition(const QString &field)
{
    return "json_type(metadata, " + metadataPathLiteral(field) + ") != 'null'";
}

} // namespace

SqliteUsageScans::SqliteUsageScans(SqliteStore &store)
    : m_store(store)
{ }

Result<BucketScanStats> SqliteUsageScans::scanBuckets(const UsageScanSpec &spec, BucketFold &fold)
{
    auto lease = m_store.read();
    if (!lease)
        return lease.error();
    sqlite3 *db = (*lease.value()).handle();
    BucketScan scan(spec, fold);
    BucketScanStats stats;
    {
        // One snapshot for the rollup state, the rollup rows and the raw edges: a commit landing
        // between them would otherwise be counted in one part and missed in another.
        ReadSnapshot snapshot(db);
        std::optional<PageCacheCap> cacheCap;
        if (spec.capPageCache)
            cacheCap.emplace(db, kScanPageCacheKiB);
        auto plan = planFor(db, spec);
        if (!plan)
            return plan.error();
        stats.usedRollups = std::any_of(plan->segments.begin(), plan->segments.end(), readsRollups);
        if (auto s = scan.run(db, plan.value()); !s)
            return s.error();
    }
    stats.memoizedMetadata = scan.memo().evaluated();
    stats.metadataMemoEvictions = scan.memo().evictions();
    stats.metadataMemoGaveUp = scan.memo().gaveUp();
    return stats;
}

Status SqliteUsageScans::scanBreakdown(const UsageScanSpec &spec, BreakdownFold &fold)
{
    if (spec.groupBy.size() != 1)
        return Error::internal(QStringLiteral("a breakdown scans one field"));
    const QString &field = spec.groupBy.first();
    const bool withIds = spec.withIds;
    QByteArray conditions; // beyond workspace, meter and time
    QList<QVariant> conditionBinds;
    if (!spec.subject.isEmpty()) {
        conditions += " AND subject = ?";
        conditionBinds.append(spec.subject);
    }
    if (field != kSubjectGroupField && field != kApiKeyScanColumn)
        conditions += " AND " + presentValueCondition(field);
    if (spec.filter) {
        const SqlFragment fragment = toSqlite(*spec.filter);
        conditions += " AND (" + fragment.sql + ")";
        conditionBinds += fragment.binds;
    }

    auto lease = m_store.read();
    if (!lease)
        return lease.error();
    sqlite3 *db = (*lease.value()).handle();
    ReadSnapshot snapshot(db);
    auto plan = planFor(db, spec);
    if (!plan)
        return plan.error();
    // Dimension rollups: the value and the conditions depend on the projection alone.
    QHash<QByteArray, std::optional<QByteArray>> projectionValues;
    SqliteScan projection;
    if (spec.rollups == RollupTable::Dimensions) {
        QList<QVariant> binds = conditionBinds;
        binds.append(QString());
        binds.append(QString());
        if (auto s = projection.prepare(db,
                "SELECT 1" + conditions + ", " + valueExpression(field)
                    + " FROM (SELECT ? AS metadata, ? AS api_key_id)",
                binds);
            !s)
            return s;
    }
    const int projectionBind = int(conditionBinds.size()) + 1;
    QString id;
    // Raw events of [from, to): all of them, or (a rollup segment's tail) those after the watermark.
    const auto scanRawEvents
        = [&](SqliteScan &scan, const ScanSegment &segment, std::optional<qint64> afterSeq) -> Status {
        QList<QVariant> binds{spec.workspaceId, spec.meter->name, sqlite_time::param(segment.fromNs),
            sqlite_time::param(segment.toNs)};
        QByteArray from = " FROM usage_events WHERE ";
        if (afterSeq) {
            from = " FROM usage_events NOT INDEXED WHERE seq > ? AND ";
            binds.prepend(*afterSeq);
        }
        binds += conditionBinds;
        const QByteArray sql = QByteArray(withIds ? "SELECT event_time, quantity, id, "
                                                  : "SELECT event_time, quantity, NULL, ")
            + valueExpression(field) + from
            + "workspace_id = ? AND meter = ? AND event_time >= ? AND event_time < ?" + conditions;
        if (auto s = scan.prepare(db, sql, binds); !s)
            return s;
        while (scan.next()) {
            const QByteArrayView value = scan.bytes(3);
            if (value.isEmpty())
                continue;
            if (withIds)
                id = scan.text(2);
            fold.stateFor(value).add(scan.real(1), scan.time(0), id);
        }
        return scan.status();
    };
    for (const ScanSegment &segment : plan->segments) {
        SqliteScan scan;
        if (!readsRollups(segment)) {
            if (auto s = scanRawEvents(scan, segment, std::nullopt); !s)
                return s;
            continue;
        }
        if (plan->tailAfterSeq) {
            SqliteScan tail;
            if (auto s = scanRawEvents(tail, segment, plan->tailAfterSeq); !s)
                return s;
        }
        if (spec.rollups == RollupTable::Subjects) {
            if (auto s = scan.prepare(db,
                    "SELECT " + QByteArray(kAggregateColumns)
                        + ", subject FROM usage_subject_rollups WHERE workspace_id = ? AND meter = ? AND "
                          "bucket_start >= ? AND bucket_start < ?",
                    {spec.workspaceId, spec.meter->name, sqlite_time::param(segment.fromNs),
                        sqlite_time::param(segment.toNs)});
                !s)
                return s;
            while (scan.next())
                if (const QByteArrayView value = scan.bytes(10); !value.isEmpty())
                    fold.stateFor(value).merge(aggregateFromScan(scan, 0, withIds));
        } else {
            const int granularity
                = int(segment.source == ScanSegment::Source::DayRollups ? rollup::Granularity::Day
                                                                        : rollup::Granularity::Hour);
            if (auto s = scan.prepare(db,
                    "SELECT " + QByteArray(kAggregateColumns)
                        + ", metadata, api_key_id FROM usage_rollups WHERE workspace_id = ? AND meter = ? "
                          "AND granularity = ? "
                          "AND bucket_start >= ? AND bucket_start < ?",
                    {spec.workspaceId, spec.meter->name, granularity, sqlite_time::param(segment.fromNs),
                        sqlite_time::param(segment.toNs)});
                !s)
                return s;
            const bool readsKey = field == kApiKeyScanColumn || (spec.filter && readsApiKey(*spec.filter));
            QByteArray keyed;
            while (scan.next()) {
                const QByteArrayView dimensions = scan.bytes(10);
                const QByteArrayView apiKeyId = scan.bytes(11);
                if (readsKey) // the API key decides too: one entry per (projection, key)
                    keyed = dimensions.toByteArray() + '\0' + apiKeyId.toByteArray();
                const QByteArray key
                    = readsKey ? keyed : QByteArray::fromRawData(dimensions.data(), dimensions.size());
                auto known = projectionValues.constFind(key);
                if (known == projectionValues.constEnd()) {
                    if (auto s = projection.rerun(projectionBind + 1, apiKeyId); !s)
                        return s;
                    if (auto s = projection.rerun(projectionBind, dimensions); !s)
                        return s;
                    std::optional<QByteArray> value;
                    if (projection.next() && projection.int64(0) == 1 && !projection.bytes(1).isEmpty())
                        value = projection.bytes(1).toByteArray();
                    if (auto s = projection.status(); !s)
                        return s;
                    known = projectionValues.insert(readsKey ? keyed : dimensions.toByteArray(), value);
                }
                if (known.value())
                    fold.stateFor(*known.value()).merge(aggregateFromScan(scan, 0, withIds));
            }
        }
        if (auto s = scan.status(); !s)
            return s;
    }
    return {};
}

Result<QList<ValueCount>> SqliteUsageScans::countDimensionValues(const DimensionValuesSpec &spec)
{
    // Counting needs no per-event work here, so SQLite groups, orders (BINARY = code-point order) and
    // limits on its own.
    const QString field = spec.path.join(QLatin1Char('.'));
    QByteArray inner = "SELECT " + valueExpression(field)
        + " AS v FROM usage_events WHERE workspace_id = ? AND meter = ? AND " + presentValueCondition(field);
    QList<QVariant> binds{spec.workspaceId, spec.meter};
    if (spec.fromNs) {
        inner += " AND event_time >= ?";
        binds.append(sqlite_time::param(*spec.fromNs));
    }
    if (spec.toNs) {
        inner += " AND event_time < ?";
        binds.append(sqlite_time::param(*spec.toNs));
    }
    if (!spec.subject.isEmpty()) {
        inner += " AND subject = ?";
        binds.append(spec.subject);
    }
    const QByteArray sql = "SELECT v, COUNT(*) AS n FROM (" + inner
        + ") WHERE v != '' GROUP BY v ORDER BY n DESC, v ASC LIMIT ?";
    binds.append(qint64(spec.limit));

    auto lease = m_store.read();
    if (!lease)
        return lease.error();
    SqliteScan scan;
    if (auto s = scan.prepare((*lease.value()).handle(), sql, binds); !s)
        return s.error();
    QList<ValueCount> items;
    while (scan.next())
        items.append({scan.text(0), scan.int64(1)});
    if (auto s = scan.status(); !s)
        return s.error();
    return items;
}

} // namespace osc::sqlite
