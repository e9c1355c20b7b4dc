#include "UsageQuery.h"

#include "SqliteScan.h"
#include "core/Page.h"
#include "ingest/IngestValidator.h"
#include "query/Aggregate.h"
#include "query/BucketCalendar.h"
#include "query/MetadataPath.h"
#include "query/RollupPlan.h"
#include "query/RollupScan.h"
#include "rollup/RollupDelta.h"
#include "rollup/RollupKeys.h"
#include "store/Store.h"

#include <QHash>

#include <sqlite3.h>

#include <algorithm>
#include <utility>

namespace osc::query {

namespace {

const QString kSubjectField = QStringLiteral("subject");

bool needsEventIds(Aggregation aggregation)
{
    return aggregation == Aggregation::First || aggregation == Aggregation::Last;
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

// Length-prefixed concatenation of the group columns' bytes: a hash key without building QStrings.
void appendKeyPart(QByteArray &key, QByteArrayView part)
{
    const qsizetype size = part.size();
    key.append(reinterpret_cast<const char *>(&size), sizeof size);
    key.append(part);
}

int compareGroupValues(const QStringList &a, const QStringList &b)
{
    for (qsizetype i = 0; i < a.size() && i < b.size(); ++i)
        if (const int c = compareCodePoints(a.at(i), b.at(i)); c != 0)
            return c;
    return int(a.size() - b.size());
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

Result<Meter> UsageQueries::findMeter(const Principal &principal, const QString &name)
{
    auto meter = m_store.findMeterByName(principal.workspaceId, name);
    if (!meter)
        return meter.error();
    if (!meter->has_value())
        return Error::notFound();
    return std::move(**meter);
}

Result<BucketResult> UsageQueries::buckets(
    const Principal &principal, const BucketQuery &query, Operation operation)
{
    const int limit = clampLimit(query.limit, kDefaultQueryLimit, kMaxQueryLimit);
    QList<UsageBucket> rows;
    auto meta = scanBuckets(
        principal, query, operation, /*releaseCache=*/true, [&](const BucketResult &, UsageBucket &&row) {
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
    auto meta = scanBuckets(principal, query, operation, /*releaseCache=*/true,
        [&](const BucketResult &meta, UsageBucket &&row) { return sink(meta, row); });
    if (!meta)
        return meta.error();
    return {};
}

Result<BucketResult> UsageQueries::scanBuckets(const Principal &principal, const BucketQuery &query,
    Operation operation, bool releaseCache, const RowSink &sink)
{
    // Contract §6.2 order: authorization, meter (404), group_by count, group_by fields, subject, from < to,
    // bucket size, range width, metadata filters. fill_empty (ours) is checked last.
    if (auto s = authorize(principal, operation, {query.meter}); !s)
        return s.error();
    auto meter = findMeter(principal, query.meter);
    if (!meter)
        return meter.error();
    if (query.groupBy.size() > kMaxGroupByFields)
        return Error::invalidInput(QStringLiteral("group_by supports up to 5 fields"));
    for (const QString &field : query.groupBy)
        if (field != kSubjectField && !meter->dimension(field))
            return Error::invalidInputBare();
    if (!query.subject.isEmpty())
        if (auto s = IngestValidator::validateSubject(query.subject); !s)
            return s.error();
    if (auto s = checkTimeOrder(query.fromNs, query.toNs); !s)
        return s.error();
    auto size = parseBucketSize(query.bucketSize);
    if (!size)
        return size.error();
    auto calendar = BucketCalendar::create(size.value(), query.timeZone.trimmed());
    if (!calendar)
        return calendar.error();
    if (auto s = calendar->checkRange(query.fromNs, query.toNs); !s)
        return s.error();
    auto metadataFilters = parseMetadataQueryFilters(query.queryItems);
    if (!metadataFilters)
        return metadataFilters.error();
    if (query.fillEmpty && !query.groupBy.isEmpty())
        return Error::invalidInput(QStringLiteral("fill_empty cannot be combined with group_by"));

    const Aggregation aggregation = meter->aggregation;
    const bool withIds = needsEventIds(aggregation);
    const RollupSource rollupSource = m_rollupsEnabled.load()
        ? rollupSourceFor(meter.value(), query, metadataFilters.value())
        : RollupSource::None;
    const BucketLocator locator(calendar->boundaries(query.fromNs, query.toNs));
    const qsizetype groupColumns = query.groupBy.size();
    QByteArray groupSql; // ", <group value 1>, …" over a row with `subject` and `metadata` columns
    for (const QString &field : query.groupBy)
        groupSql += ", "
            + (field == kSubjectField ? QByteArray("subject")
                                      : sqliteGroupValue("metadata", field.split(QLatin1Char('.'))));
    auto filterWhere = [&](ScanWhere &where) {
        if (query.filter)
            where.add(toSqlite(*query.filter));
        for (const MetadataEquals &equals : metadataFilters.value())
            where.add(toSqlite(equals, "metadata"));
    };

    QHash<QByteArray, qsizetype> groupIndex;
    QList<QStringList> groups;
    if (groupColumns == 0)
        groups.append(QStringList());

    BucketResult meta;
    meta.meter = meter->name;
    meta.unit = meter->unit;
    meta.aggregation = aggregation;
    meta.bucketSize = bucketSizeName(size.value());
    meta.groupBy = query.groupBy;
    const qsizetype subjectColumn = query.groupBy.indexOf(kSubjectField);

    // Rows arrive in time order (every scan is ordered and the segments follow each other), so only
    // the bucket being filled is held: when a later bucket starts, the finished one is sorted by group
    // values and handed to the sink. Memory stays at one bucket's groups however long the range.
    qsizetype currentBucket = -1;
    QHash<qsizetype, AggregateState> currentStates; // group index → running aggregate
    qsizetype nextUnfilled = 0; // fill_empty: first bucket not emitted yet
    bool stopped = false;
    auto emitRow = [&](qsizetype bucket, qsizetype group, const AggregateState *state) {
        if (stopped)
            return;
        UsageBucket row;
        row.bucketStartNs = locator.startOf(bucket);
        row.bucketStart = calendar->formatStart(row.bucketStartNs);
        row.quantity = state ? state->value(aggregation, calendar->bucketSeconds(row.bucketStartNs)) : 0.0;
        row.groupValues = groups.value(group);
        row.subject = subjectColumn >= 0 ? row.groupValues.at(subjectColumn) : query.subject;
        stopped = !sink(meta, std::move(row));
    };
    auto emitEmptyUntil = [&](qsizetype end) {
        if (query.fillEmpty)
            for (; nextUnfilled < end && !stopped; ++nextUnfilled)
                emitRow(nextUnfilled, 0, nullptr);
    };
    auto finishBucket = [&] {
        if (currentBucket < 0)
            return;
        emitEmptyUntil(currentBucket);
        QList<qsizetype> order = currentStates.keys();
        std::sort(order.begin(), order.end(),
            [&](qsizetype a, qsizetype b) { return compareGroupValues(groups.at(a), groups.at(b)) < 0; });
        for (qsizetype group : order)
            emitRow(currentBucket, group, &currentStates[group]);
        nextUnfilled = currentBucket + 1;
        currentStates.clear();
        currentBucket = -1;
    };
    // The state of (bucket, group), finishing earlier buckets first; nullptr once the sink has stopped.
    auto stateFor = [&](qsizetype bucket, qsizetype group) -> AggregateState * {
        if (bucket != currentBucket) {
            finishBucket();
            currentBucket = bucket;
        }
        return stopped ? nullptr : &currentStates[group];
    };
    qsizetype lastBucket = 0;

    auto scanned = withReadConnection(m_store, [&](sqlite3 *db) -> Status {
        // One snapshot for the rollup state, the rollup rows and the raw edges: a commit landing
        // between them would otherwise be counted in one part and missed in another.
        ReadSnapshot snapshot(db);
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
        { }

        QByteArray key;
        auto groupOf = [&](const SqliteScan &scan, int firstColumn) -> qsizetype {
            if (groupColumns == 0)
                return 0;
            key.resize(0);
            for (int c = 0; c < groupColumns; ++c)
                appendKeyPart(key, scan.bytes(firstColumn + c));
            auto it = groupIndex.constFind(key);
            if (it == groupIndex.constEnd()) {
                QStringList values;
                for (int c = 0; c < groupColumns; ++c)
                    values.append(scan.text(firstColumn + c));
                groups.append(values);
                it = groupIndex.insert(key, groups.size() - 1);
            }
            return it.value();
        };

        // Dimension rollup rows: the filter and the group values depend on the projection alone, so
        // SQLite evaluates them once per distinct projection (a few hundred) instead of once per row.
        // Same SQL expressions as the raw scan, so the answers cannot drift apart.
        QHash<QByteArray, qsizetype> projectionGroups; // → group index, or -1 when filtered out
        SqliteScan projection;
        int projectionBind = 0;
        auto projectionGroup = [&](QByteArrayView dimensions) -> Result<qsizetype> {
            // fromRawData: a lookup key without copying the row's bytes.
            const auto known
                = projectionGroups.constFind(QByteArray::fromRawData(dimensions.data(), dimensions.size()));
            if (known != projectionGroups.constEnd())
                return known.value();
            if (projectionBind == 0) {
                ScanWhere where;
                filterWhere(where);
                where.binds.append(QString());
                projectionBind = int(where.binds.size());
                if (auto s = projection.prepare(
                        db, "SELECT 1" + where.sql + groupSql + " FROM (SELECT ? AS metadata)", where.binds);
                    !s)
                    return s.error();
            }
            if (auto s = projection.rerun(projectionBind, dimensions); !s)
                return s.error();
            qsizetype group = -1;
            if (projection.next() && projection.int64(0) == 1)
                group = groupOf(projection, 1);
            if (auto s = projection.status(); !s)
                return s.error();
            projectionGroups.insert(dimensions.toByteArray(), group);
            return group;
        };

        QString id;
        for (const ScanSegment &segment : segments) {
            SqliteScan scan;
            if (segment.source == ScanSegment::Source::RawEvents) {
                // Columns: 0 event_time, 1 quantity, 2 id (or NULL), 3.. group values.
                ScanWhere where = baseWhere(
                    principal.workspaceId, meter->name, segment.fromNs, segment.toNs, query.subject);
                filterWhere(where);
                const QByteArray sql
                    = (withIds ? "SELECT event_time, quantity, id" : "SELECT event_time, quantity, NULL")
                    + groupSql + where.sql + " ORDER BY event_time";
                if (auto s = scan.prepare(db, sql, where.binds); !s)
                    return s;
                qint64 scanned = 0;
                while (scan.next()) {
                    // An export reads each page once: drop the pages it has passed so the connection's
                    // cache does not grow with the export (memory stays flat whatever its size).
                    if (releaseCache && (++scanned & 0xffff) == 0)
                        sqlite3_db_release_memory(db);
                    const qint64 eventTime = scan.int64(0);
                    const qsizetype bucket = locator.indexOf(eventTime);
                    if (bucket < 0)
                        continue; // cannot happen for rows inside [from, to); kept as a guard
                    if (bucket < lastBucket)
                        return Error::internal(QStringLiteral("bucket scan out of time order"));
                    lastBucket = bucket;
                    if (withIds)
                        id = scan.text(2);
                    AggregateState *state = stateFor(bucket, groupOf(scan, 3));
                    if (!state)
                        return {};
                    state->add(scan.real(1), eventTime, id);
                }
            } else {
                // Columns: 0 bucket_start, 1..10 the aggregate, 11.. group values.
                QByteArray sql;
                QList<QVariant> binds;
                if (rollupSource == RollupSource::Subjects) {
                    if (!query.subject.isEmpty()) {
                        // One primary-key probe per hour of the range.
                        sql = "WITH RECURSIVE hours(t) AS (SELECT ?1 UNION ALL SELECT t + ?3 FROM hours "
                              "WHERE t + ?3 < ?2) SELECT r.bucket_start, "
                            + QByteArray(kAggregateColumns) + groupSql
                            + " FROM hours CROSS JOIN usage_subject_rollups r ON "
                              "r.workspace_id = ?4 AND r.meter = ?5 AND r.bucket_start = hours.t "
                              "AND r.subject = ?6 ORDER BY r.bucket_start";
                        binds = {segment.fromNs, segment.toNs, rollup::kHourNs, principal.workspaceId,
                            meter->name, query.subject};
                    } else {
                        sql = "SELECT bucket_start, " + QByteArray(kAggregateColumns) + groupSql
                            + " FROM usage_subject_rollups WHERE workspace_id = ? AND meter = ? AND "
                              "bucket_start >= ? AND bucket_start < ? ORDER BY bucket_start";
                        binds = {principal.workspaceId, meter->name, segment.fromNs, segment.toNs};
                    }
                } else {
                    sql = "SELECT bucket_start, " + QByteArray(kAggregateColumns)
                        + ", metadata FROM usage_rollups WHERE workspace_id = ? AND meter = ? AND "
                          "granularity = ? AND bucket_start >= ? AND bucket_start < ? ORDER BY bucket_start";
                    binds = {principal.workspaceId, meter->name,
                        int(segment.source == ScanSegment::Source::DayRollups ? rollup::Granularity::Day
                                                                              : rollup::Granularity::Hour),
                        segment.fromNs, segment.toNs};
                }
                if (auto s = scan.prepare(db, sql, binds); !s)
                    return s;
                while (scan.next()) {
                    const qsizetype bucket = locator.indexOf(scan.int64(0));
                    if (bucket < 0)
                        continue;
                    qsizetype group = 0;
                    if (rollupSource == RollupSource::Dimensions) {
                        auto known = projectionGroup(scan.bytes(11));
                        if (!known)
                            return known.error();
                        if (known.value() < 0)
                            continue; // the filter rejects this projection
                        group = known.value();
                    } else {
                        group = groupOf(scan, 11);
                    }
                    if (bucket < lastBucket)
                        return Error::internal(QStringLiteral("bucket scan out of time order"));
                    lastBucket = bucket;
                    AggregateState *state = stateFor(bucket, group);
                    if (!state)
                        return {};
                    state->merge(aggregateFromScan(scan, 1, withIds));
                }
            }
            if (auto s = scan.status(); !s)
                return s;
            if (stopped)
                return {};
        }
        finishBucket();
        emitEmptyUntil(locator.bucketCount());
        return {};
    });
    if (!scanned)
        return scanned.error();
    return meta;
}

Result<QByteArray> UsageQueries::exportBucketsCsv(const Principal &principal, const BucketQuery &query)
{
    auto result = buckets(principal, query, Operation::ExportUsageBuckets);
    if (!result)
        return result.error();
    return bucketsCsv(result.value());
}

} // namespace osc::query
