#include "UsageQuery.h"

#include "SqliteScan.h"
#include "core/Page.h"
#include "query/Aggregate.h"
#include "query/BucketCalendar.h"
#include "query/BucketGroups.h"
#include "query/MetadataGroupMemo.h"
#include "query/MetadataPath.h"
#include "query/QueryPreflight.h"
#include "query/RollupPlan.h"
#include "query/RollupScan.h"
#include "rollup/RollupDelta.h"
#include "rollup/RollupKeys.h"
#include "store/Store.h"

#include <QHash>
#include <QVarLengthArray>

#include <sqlite3.h>

#include <algorithm>
#include <functional>
#include <utility>

namespace osc::query {

namespace {

const QString kSubjectField = QStringLiteral("subject");

// The page cache of a bucket scan (PageCacheCap): the index's and table's upper levels and the
// pages being read fit many times over; measured on 10M events, 256 KiB to 2 MiB scan ~10% faster
// than the connections' usual 64 MiB, and memory stays flat however long the export.
constexpr int kScanPageCacheKiB = 2048;

bool needsEventIds(Aggregation aggregation)
{
    return aggregation == Aggregation::First || aggregation == Aggregation::Last;
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

ScanWhere baseWhere(const QString &workspaceId, const QString &meter, std::optional<qint64> fromNs,
    std::optional<qint64> toNs, const QString &subject)
{
    ScanWhere where;
    where.sql = " FROM usage_events WHERE workspace_id = ? AND meter = ?";
    where.binds = {workspaceId, meter};
    if (fromNs) {
        where.sql += " AND event_time >= ?";
        where.binds.append(*fromNs);
    }
    if (toNs) {
        where.sql += " AND event_time < ?";
        where.binds.append(*toNs);
    }
    if (!subject.isEmpty()) {
        where.sql += " AND subject = ?";
        where.binds.append(subject);
    }
    return where;
}

// Which rollup table can answer a bucket query exactly, before looking at whether it is built.
enum class RollupSource
{
    None, // raw events only
    Dimensions, // usage_rollups: every subject, grouped and filtered by dimensions only
    Subjects, // usage_subject_rollups: one subject, or grouped by subject, no filters
};

RollupSource rollupSourceFor(
    const Meter &meter, const BucketQuery &query, const QList<MetadataEquals> &metadataFilters)
{
    const bool dimensionFiltersOnly = (!query.filter || onlyDimensionConditions(*query.filter, meter))
        && std::all_of(metadataFilters.begin(), metadataFilters.end(),
            [&](const MetadataEquals &equals) { return rollup::isDimensionPath(meter, equals.path); });
    const bool groupsBySubject = query.groupBy.contains(kSubjectField);
    if (query.subject.isEmpty() && !groupsBySubject && dimensionFiltersOnly)
        return RollupSource::Dimensions;
    const bool unfiltered = !query.filter && metadataFilters.isEmpty();
    if (unfiltered && query.subject.isEmpty() && query.groupBy == QStringList{kSubjectField})
        return RollupSource::Subjects;
    if (unfiltered && !query.subject.isEmpty() && query.groupBy.isEmpty())
        return RollupSource::Subjects;
    return RollupSource::None;
}

using RowSink = std::function<bool(const BucketResult &meta, UsageBucket &&row)>;

// What one validated bucket query scans, shared by its raw-event and rollup segments.
struct ScanInputs
{
    const Principal &principal;
    const Meter &meter;
    const BucketQuery &query;
    const QList<MetadataEquals> &metadataFilters;
    RollupSource rollupSource;
    qsizetype metadataMemoLimit;
};

// Rows arrive in time order (every scan is ordered and the segments follow each other), so only
// the bucket being filled is held: when a later bucket starts, the finished one is sorted by group
// values and handed to the sink. Memory stays at one bucket's groups however long the range.
class BucketRows
{
public:
    BucketRows(const ScanInputs &in, const BucketCalendar &calendar, const BucketLocator &locator,
        GroupTable &groups, const BucketResult &meta, const RowSink &sink)
        : m_query(in.query)
        , m_aggregation(in.meter.aggregation)
        , m_calendar(calendar)
        , m_locator(locator)
        , m_groups(groups)
        , m_meta(meta)
        , m_sink(sink)
    { }

    // False when `bucket` comes before one already seen: the scans' order is broken.
    bool inOrder(qsizetype bucket)
    {
        if (bucket < m_lastBucket)
            return false;
        m_lastBucket = bucket;
        return true;
    }
    // The state of (bucket, group), finishing earlier buckets first; nullptr once the sink has stopped.
    AggregateState *stateFor(qsizetype bucket, qsizetype group)
    {
        if (bucket != m_current) {
            finishBucket();
            m_current = bucket;
        }
        return m_stopped ? nullptr : &m_states.at(group);
    }
    bool stopped() const { return m_stopped; }
    // The caller gave the query up (BucketQuery::interrupt): no further row is emitted.
    void abandon() { m_stopped = true; }
    // The last bucket, then (fill_empty) the empty ones after it.
    void finish()
    {
        finishBucket();
        emitEmptyUntil(m_locator.bucketCount());
    }

private:
    // What every row of a bucket shares, computed once per bucket rather than per row.
    struct BucketStart
    {
        qint64 ns;
        QString text;
        double seconds;
    };

    BucketStart startOf(qsizetype bucket) const
    {
        const qint64 ns = m_locator.startOf(bucket);
        return {ns, m_calendar.formatStart(ns), m_calendar.bucketSeconds(ns)};
    }

    void emitRow(const BucketStart &start, qsizetype group, const AggregateState *state)
    {
        if (m_stopped)
            return;
        UsageBucket row;
        row.bucketStartNs = start.ns;
        row.bucketStart = start.text;
        row.quantity = state ? state->value(m_aggregation, start.seconds) : 0.0;
        row.groupValues = m_groups.values(group);
        const qsizetype subjectColumn = m_groups.subjectColumn();
        row.subject = subjectColumn >= 0 ? row.groupValues.at(subjectColumn) : m_query.subject;
        m_stopped = !m_sink(m_meta, std::move(row));
    }

    void emitEmptyUntil(qsizetype end)
    {
        if (m_query.fillEmpty)
            for (; m_nextUnfilled < end && !m_stopped; ++m_nextUnfilled)
                emitRow(startOf(m_nextUnfilled), 0, nullptr);
    }

    // Each link of a row's pointer chains a few rows before the row needs it (GroupTable::prefetchEntry).
    void prefetchAhead(const std::vector<qsizetype> &order, size_t i) const
    {
        constexpr size_t kStep = 4;
        if (i + 3 * kStep < order.size()) {
            m_groups.prefetchEntry(order[i + 3 * kStep]);
            m_states.prefetchSlot(order[i + 3 * kStep]);
        }
        if (i + 2 * kStep < order.size()) {
            m_groups.prefetchValues(order[i + 2 * kStep]);
            m_states.prefetchState(order[i + 2 * kStep]);
        }
        if (i + kStep < order.size())
            m_groups.prefetchStrings(order[i + kStep]);
    }

    void finishBucket()
    {
        if (m_current < 0)
            return;
        emitEmptyUntil(m_current);
        std::vector<qsizetype> &order = m_states.touched();
        m_groups.sort(order);
        const BucketStart start = startOf(m_current);
        for (size_t i = 0; i < order.size(); ++i) {
            prefetchAhead(order, i);
            emitRow(start, order[i], &m_states.stateOf(order[i]));
        }
        m_nextUnfilled = m_current + 1;
        m_states.clear();
        m_current = -1;
    }

    const BucketQuery &m_query;
    const Aggregation m_aggregation;
    const BucketCalendar &m_calendar;
    const BucketLocator &m_locator;
    GroupTable &m_groups;
    const BucketResult &m_meta;
    const RowSink &m_sink;
    BucketStates m_states;
    qsizetype m_current = -1; // the bucket being filled
    qsizetype m_lastBucket = 0;
    qsizetype m_nextUnfilled = 0; // fill_empty: first bucket not emitted yet
    bool m_stopped = false;
};

// The first raw row, in (event_time, seq) order, that a raw-event scan stopping midway had not
// folded in: a scan that switches how it renders group values resumes there, so no event is counted
// twice or skipped and every aggregate adds its events in the same order as one uninterrupted scan.
struct RawResume
{
    bool active = false;
    qint64 eventTimeNs = 0;
    qint64 seq = 0;
};

// Reads the segments of one bucket query in time order and folds their rows into BucketRows.
class BucketScan
{
public:
    BucketScan(const ScanInputs &in, const BucketLocator &locator, GroupTable &groups, BucketRows &rows)
        : m_in(in)
        , m_withIds(needsEventIds(in.meter.aggregation))
        , m_locator(locator)
        , m_groups(groups)
        , m_rows(rows)
        , m_memo(in.metadataMemoLimit)
        , m_memoFilters((in.query.filter || !in.metadataFilters.isEmpty())
              && (!in.query.filter || readsMetadataOnly(*in.query.filter)))
    {
        for (const QString &field : in.query.groupBy) {
            const QByteArray value = field == kSubjectField
                ? QByteArray("subject")
                : sqliteGroupValue("metadata", field.split(QLatin1Char('.')));
            m_groupSql += ", " + value;
            if (field != kSubjectField)
                m_dimensionSql += ", " + value;
        }
    }

    Status run(sqlite3 *db, const QList<ScanSegment> &segments)
    {
        m_db = db;
        for (const ScanSegment &segment : segments) {
            const Status scanned
                = segment.source == ScanSegment::Source::RawEvents ? scanRaw(segment) : scanRollups(segment);
            if (!scanned)
                return scanned;
            if (m_rows.stopped())
                return {};
        }
        m_rows.finish();
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
        if (m_in.query.filter)
            out.append(toSqlite(*m_in.query.filter));
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
        if (m_groups.columnCount() == 0)
            return 0;
        QVarLengthArray<QByteArrayView, 8> columns;
        for (int c = 0; c < m_groups.columnCount(); ++c)
            columns.append(scan.bytes(firstColumn + c));
        return m_groups.groupOf(columns);
    }

    // Dimension group values and metadata-only filters memoized per metadata text (a few thousand
    // distinct texts for millions of events), unless the memo gives up on texts that hardly repeat:
    // then SQLite evaluates them in the scan from where the memoized part stopped.
    Status scanRaw(const ScanSegment &segment)
    {
        RawResume resume;
        const bool memoPays = m_groups.dimensionColumnCount() > 0 || m_memoFilters;
        if (m_in.metadataMemoLimit > 0 && memoPays && !m_memo.gaveUp()) {
            if (!m_memoPrepared) {
                if (auto s
                    = m_memo.prepare(m_db, m_memoFilters ? memoFilter() : SqlFragment(), m_dimensionSql);
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
        return m_in.query.interrupt && (++m_interruptPoll & 0xfff) == 0
            && m_in.query.interrupt->load(std::memory_order_relaxed);
    }

    // Columns: 0 event_time, 1 quantity, 2 id (or NULL), 3 seq, then `subject` (or NULL) and
    // `metadata` when memoized, else the group values. False when the memo gave up; `resume` then
    // names the row it gave up on.
    Result<bool> scanRawRows(const ScanSegment &segment, bool memoized, RawResume &resume)
    {
        ScanWhere where = baseWhere(m_in.principal.workspaceId, m_in.meter.name,
            resume.active ? resume.eventTimeNs : segment.fromNs, segment.toNs, m_in.query.subject);
        if (resume.active)
            where.add({"event_time > ? OR seq >= ?", {resume.eventTimeNs, resume.seq}});
        if (!memoized || !m_memoFilters)
            filterWhere(where);
        QByteArray sql
            = m_withIds ? "SELECT event_time, quantity, id, seq" : "SELECT event_time, quantity, NULL, seq";
        if (memoized)
            sql += m_groups.subjectColumn() >= 0 ? ", subject, metadata" : ", NULL, metadata";
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
            const qint64 eventTime = scan.int64(0);
            const qsizetype bucket = m_locator.indexOf(eventTime);
            if (bucket < 0)
                continue; // cannot happen for rows inside [from, to); kept as a guard
            qsizetype group = 0;
            if (memoized) {
                auto dimensions = m_memo.dimensionsOf(scan, 5, m_groups);
                if (!dimensions)
                    return dimensions.error();
                if (dimensions.value() == MetadataGroupMemo::kGiveUp) {
                    resume = {true, eventTime, scan.int64(3)};
                    return false;
                }
                if (dimensions.value() == MetadataGroupMemo::kFilteredOut)
                    continue;
                const QByteArrayView subject
                    = m_groups.subjectColumn() >= 0 ? scan.bytes(4) : QByteArrayView();
                group = m_groups.groupId(subject, dimensions.value());
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
    Result<qsizetype> projectionGroup(QByteArrayView dimensions)
    {
        // fromRawData: a lookup key without copying the row's bytes.
        const auto known
            = m_projectionGroups.constFind(QByteArray::fromRawData(dimensions.data(), dimensions.size()));
        if (known != m_projectionGroups.constEnd())
            return known.value();
        if (m_projectionBind == 0) {
            ScanWhere where;
            filterWhere(where);
            where.binds.append(QString());
            m_projectionBind = int(where.binds.size());
            if (auto s = m_projection.prepare(
                    m_db, "SELECT 1" + where.sql + m_groupSql + " FROM (SELECT ? AS metadata)", where.binds);
                !s)
                return s.error();
        }
        if (auto s = m_projection.rerun(m_projectionBind, dimensions); !s)
            return s.error();
        qsizetype group = -1;
        if (m_projection.next() && m_projection.int64(0) == 1)
            group = groupOfColumns(m_projection, 1);
        if (auto s = m_projection.status(); !s)
            return s.error();
        m_projectionGroups.insert(dimensions.toByteArray(), group);
        return group;
    }

    // Columns: 0 bucket_start, 1..10 the aggregate, 11.. group values (subject rollups) or the
    // projection (dimension rollups).
    QByteArray rollupSql(const ScanSegment &segment, QList<QVariant> &binds) const
    {
        const QString &workspaceId = m_in.principal.workspaceId;
        if (m_in.rollupSource == RollupSource::Subjects) {
            if (!m_in.query.subject.isEmpty()) {
                // One primary-key probe per hour of the range.
                binds = {segment.fromNs, segment.toNs, rollup::kHourNs, workspaceId, m_in.meter.name,
                    m_in.query.subject};
                return "WITH RECURSIVE hours(t) AS (SELECT ?1 UNION ALL SELECT t + ?3 FROM hours "
                       "WHERE t + ?3 < ?2) SELECT r.bucket_start, "
                    + QByteArray(kAggregateColumns) + m_groupSql
                    + " FROM hours CROSS JOIN usage_subject_rollups r ON "
                      "r.workspace_id = ?4 AND r.meter = ?5 AND r.bucket_start = hours.t "
                      "AND r.subject = ?6 ORDER BY r.bucket_start";
            }
            binds = {workspaceId, m_in.meter.name, segment.fromNs, segment.toNs};
            return "SELECT bucket_start, " + QByteArray(kAggregateColumns) + m_groupSql
                + " FROM usage_subject_rollups WHERE workspace_id = ? AND meter = ? AND "
                  "bucket_start >= ? AND bucket_start < ? ORDER BY bucket_start";
        }
        binds = {workspaceId, m_in.meter.name,
            int(segment.source == ScanSegment::Source::DayRollups ? rollup::Granularity::Day
                                                                  : rollup::Granularity::Hour),
            segment.fromNs, segment.toNs};
        return "SELECT bucket_start, " + QByteArray(kAggregateColumns)
            + ", metadata FROM usage_rollups WHERE workspace_id = ? AND meter = ? AND "
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
            const qsizetype bucket = m_locator.indexOf(scan.int64(0));
            if (bucket < 0)
                continue;
            qsizetype group = 0;
            if (m_in.rollupSource == RollupSource::Dimensions) {
                auto known = projectionGroup(scan.bytes(11));
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
        return scan.status();
    }

    const ScanInputs &m_in;
    const bool m_withIds;
    const BucketLocator &m_locator;
    GroupTable &m_groups;
    BucketRows &m_rows;
    sqlite3 *m_db = nullptr;
    MetadataGroupMemo m_memo;
    const bool m_memoFilters; // the filters read metadata only: the memo evaluates them
    bool m_memoPrepared = false;
    QHash<QByteArray, qsizetype> m_projectionGroups; // → group index, or -1 when filtered out
    SqliteScan m_projection;
    int m_projectionBind = 0;
    quint32 m_interruptPoll = 0;
};

} // namespace

QStringList normalizeGroupBy(const QStringList &raw)
{
    QStringList out;
    for (const QString &entry : raw) {
        for (const QString &part : entry.split(QLatin1Char(','))) {
            const QString field = part.trimmed();
            if (!field.isEmpty() && !out.contains(field))
                out.append(field);
        }
    }
    return out;
}

UsageQueries::UsageQueries(Store &store)
    : m_store(store)
{ }

QueryPreflight UsageQueries::preflight() const
{
    return QueryPreflight([&store = m_store](const QString &workspaceId, const QString &name) {
        return store.findMeterByName(workspaceId, name);
    });
}

Result<BucketResult> UsageQueries::buckets(
    const Principal &principal, const BucketQuery &query, Operation operation)
{
    const int limit = clampLimit(query.limit, kDefaultQueryLimit, kMaxQueryLimit);
    QList<UsageBucket> rows;
    auto meta = scanBuckets(
        principal, query, operation, /*capPageCache=*/true, [&](const BucketResult &, UsageBucket &&row) {
            rows.append(std::move(row));
            return rows.size() < limit; // rows arrive in result order, so the scan can stop here
        });
    if (!meta)
        return meta.error();
    meta->rows = std::move(rows);
    return meta;
}

Status UsageQueries::forEachBucket(
    const Principal &principal, const BucketQuery &query, const BucketSink &sink, Operation operation)
{
    auto meta = scanBuckets(principal, query, operation, /*capPageCache=*/true,
        [&](const BucketResult &meta, UsageBucket &&row) { return sink(meta, row); });
    if (!meta)
        return meta.error();
    return {};
}

Result<BucketResult> UsageQueries::scanBuckets(const Principal &principal, const BucketQuery &query,
    Operation operation, bool capPageCache, const RowSink &sink)
{
    auto checked = preflight().bucketQuery(principal, query, operation);
    if (!checked)
        return checked.error();
    // Optionals, so the scan below reads the checked values as it did the step results.
    const std::optional<Meter> meter = std::move(checked->meter);
    const std::optional<BucketSize> size = checked->size;
    const std::optional<BucketCalendar> calendar = std::move(checked->calendar);
    const std::optional<QList<MetadataEquals>> metadataFilters = std::move(checked->metadataFilters);

    const RollupSource rollupSource = m_rollupsEnabled.load()
        ? rollupSourceFor(meter.value(), query, metadataFilters.value())
        : RollupSource::None;
    const BucketLocator locator(calendar->boundaries(query.fromNs, query.toNs));
    const ScanInputs in{
        principal, meter.value(), query, metadataFilters.value(), rollupSource, m_metadataMemoLimit.load()};

    BucketResult meta;
    meta.meter = meter->name;
    meta.unit = meter->unit;
    meta.aggregation = meter->aggregation;
    meta.bucketSize = bucketSizeName(size.value());
    meta.groupBy = query.groupBy;
    GroupTable groups(query.groupBy.size(), query.groupBy.indexOf(kSubjectField));
    BucketRows rows(in, calendar.value(), locator, groups, meta, sink);
    BucketScan scan(in, locator, groups, rows);

    auto scanned = withReadConnection(m_store, [&](sqlite3 *db) -> Status {
        // One snapshot for the rollup state, the rollup rows and the raw edges: a commit landing
        // between them would otherwise be counted in one part and missed in another.
        ReadSnapshot snapshot(db);
        std::optional<PageCacheCap> cacheCap;
        if (capPageCache)
            cacheCap.emplace(db, kScanPageCacheKiB);
        QList<ScanSegment> segments{{ScanSegment::Source::RawEvents, query.fromNs, query.toNs}};
        if (rollupSource != RollupSource::None) {
            auto ready = rollupsReady(db, principal.workspaceId, meter.value());
            if (!ready)
                return ready.error();
            if (ready.value())
                segments = planSegments(
                    locator.boundaries(), query.fromNs, query.toNs, rollupSource == RollupSource::Dimensions);
        }
        for (const ScanSegment &segment : segments)
            meta.usedRollups = meta.usedRollups || segment.source != ScanSegment::Source::RawEvents;
        return scan.run(db, segments);
    });
    if (!scanned)
        return scanned.error();
    meta.memoizedMetadata = scan.memo().evaluated();
    meta.metadataMemoEvictions = scan.memo().evictions();
    meta.metadataMemoGaveUp = scan.memo().gaveUp();
    return meta;
}

} // namespace osc::query
