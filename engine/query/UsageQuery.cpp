#include "UsageQuery.h"

#include "SqliteScan.h"
#include "core/Page.h"
#include "ingest/IngestValidator.h"
#include "query/Aggregate.h"
#include "query/BucketCalendar.h"
#include "query/MetadataPath.h"
#include "store/Store.h"

#include <QHash>

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
    return bucketRows(principal, query, operation, clampLimit(query.limit, kDefaultQueryLimit, kMaxQueryLimit));
}

Status UsageQueries::forEachBucket(
    const Principal &principal, const BucketQuery &query, const BucketSink &sink, Operation operation)
{
    auto result = bucketRows(principal, query, operation, -1);
    if (!result)
        return result.error();
    BucketResult meta = std::move(result.value());
    const QList<UsageBucket> rows = std::exchange(meta.rows, {});
    for (const UsageBucket &row : rows)
        if (!sink(meta, row))
            break;
    return {};
}

Result<BucketResult> UsageQueries::bucketRows(
    const Principal &principal, const BucketQuery &query, Operation operation, int limit)
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
    ScanWhere where = baseWhere(principal.workspaceId, meter->name, query.fromNs, query.toNs, query.subject);
    if (query.filter)
        where.add(toSqlite(*query.filter));
    for (const MetadataEquals &equals : metadataFilters.value())
        where.add(toSqlite(equals, "metadata"));

    // Columns: 0 event_time, 1 quantity, 2 id (or NULL), 3.. group values rendered by SQLite.
    QByteArray sql = withIds ? "SELECT event_time, quantity, id" : "SELECT event_time, quantity, NULL";
    for (const QString &field : query.groupBy)
        sql += ", "
            + (field == kSubjectField ? QByteArray("subject")
                                      : sqliteGroupValue("metadata", field.split(QLatin1Char('.'))));
    sql += where.sql;

    const BucketLocator locator(calendar->boundaries(query.fromNs, query.toNs));
    const qsizetype groupColumns = query.groupBy.size();
    QHash<QByteArray, qsizetype> groupIndex;
    QList<QStringList> groups;
    // (group index << 32 | bucket index) → running aggregate.
    QHash<quint64, AggregateState> states;

    auto scanned = withReadConnection(m_store, [&](sqlite3 *db) -> Status {
        SqliteScan scan;
        if (auto s = scan.prepare(db, sql, where.binds); !s)
            return s;
        QByteArray key;
        QString id;
        if (groupColumns == 0)
            groups.append(QStringList());
        while (scan.next()) {
            const qint64 eventTime = scan.int64(0);
            const qsizetype bucket = locator.indexOf(eventTime);
            if (bucket < 0)
                continue; // cannot happen for rows inside [from, to); kept as a guard
            qsizetype group = 0;
            if (groupColumns > 0) {
                key.resize(0);
                for (int c = 0; c < groupColumns; ++c)
                    appendKeyPart(key, scan.bytes(3 + c));
                auto it = groupIndex.constFind(key);
                if (it == groupIndex.constEnd()) {
                    QStringList values;
                    for (int c = 0; c < groupColumns; ++c)
                        values.append(scan.text(3 + c));
                    groups.append(values);
                    it = groupIndex.insert(key, groups.size() - 1);
                }
                group = it.value();
            }
            if (withIds)
                id = scan.text(2);
            states[(quint64(group) << 32) | quint64(bucket)].add(scan.real(1), eventTime, id);
        }
        return scan.status();
    });
    if (!scanned)
        return scanned.error();

    BucketResult result;
    result.meter = meter->name;
    result.unit = meter->unit;
    result.aggregation = aggregation;
    result.bucketSize = bucketSizeName(size.value());
    result.groupBy = query.groupBy;
    const qsizetype subjectColumn = query.groupBy.indexOf(kSubjectField);

    auto makeRow = [&](qsizetype bucket, qsizetype group, const AggregateState *state) {
        UsageBucket row;
        row.bucketStartNs = locator.startOf(bucket);
        row.quantity = state ? state->value(aggregation, calendar->bucketSeconds(row.bucketStartNs)) : 0.0;
        row.groupValues = groups.value(group);
        row.subject = subjectColumn >= 0 ? row.groupValues.at(subjectColumn) : query.subject;
        return row;
    };
    if (query.fillEmpty) {
        for (qsizetype bucket = 0; bucket < locator.bucketCount(); ++bucket) {
            const auto it = states.constFind(quint64(bucket));
            result.rows.append(makeRow(bucket, 0, it == states.constEnd() ? nullptr : &it.value()));
        }
    } else {
        result.rows.reserve(states.size());
        for (auto it = states.cbegin(); it != states.cend(); ++it)
            result.rows.append(
                makeRow(qsizetype(it.key() & 0xffffffffu), qsizetype(it.key() >> 32), &it.value()));
        std::sort(result.rows.begin(), result.rows.end(), [](const UsageBucket &a, const UsageBucket &b) {
            if (a.bucketStartNs != b.bucketStartNs)
                return a.bucketStartNs < b.bucketStartNs;
            return compareGroupValues(a.groupValues, b.groupValues) < 0;
        });
    }
    if (limit >= 0 && result.rows.size() > limit)
        result.rows.resize(limit);
    for (UsageBucket &row : result.rows)
        row.bucketStart = calendar->formatStart(row.bucketStartNs);
    return result;
}

Result<QByteArray> UsageQueries::exportBucketsCsv(const Principal &principal, const BucketQuery &query)
{
    auto result = buckets(principal, query, Operation::ExportUsageBuckets);
    if (!result)
        return result.error();
    return bucketsCsv(result.value());
}

} // namespace osc::query
