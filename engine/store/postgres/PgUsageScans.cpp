// Usage scans on PostgreSQL: bucket queries, breakdowns and dimension values read usage_events with
// SQL assembled per request; filters and group values are the filter language compiled by
// PgFilterSql. Rollups are not kept on PostgreSQL yet, so every scan reads raw events, which is what
// SQLite does too while a meter's rollups are not built: the same answers, without the shortcut.
#include "store/postgres/PgStore.h"

#include "store/postgres/PgFilterSql.h"

#include <QVarLengthArray>

namespace osc {

using pg::Param;

namespace {

// Rows fetched per round trip of a scan's cursor: memory stays flat however many events match.
constexpr int kScanBatchRows = 10'000;

QByteArray placeholder(pg::Params &params, Param value, const char *type)
{
    params.append(std::move(value));
    return "$" + QByteArray::number(params.size()) + "::" + type;
}

// workspace, meter, [from, to), subject: the (workspace_id, meter, event_time) index's columns first.
QByteArray baseWhere(pg::Params &params, const QString &workspaceId, const QString &meter,
    std::optional<TimeNs> fromNs, std::optional<TimeNs> toNs, const QString &subject)
{
    QByteArray sql
        = " FROM usage_events WHERE workspace_id = " + placeholder(params, Param::text(workspaceId), "text")
        + " AND meter = " + placeholder(params, Param::text(meter), "text");
    if (fromNs)
        sql += " AND event_time >= " + placeholder(params, Param::time(*fromNs), "bytea");
    if (toNs)
        sql += " AND event_time < " + placeholder(params, Param::time(*toNs), "bytea");
    if (!subject.isEmpty())
        sql += " AND subject = " + placeholder(params, Param::text(subject), "text");
    return sql;
}

QByteArray valueExpression(const QString &field, pg::Params &params)
{
    return field == kSubjectGroupField ? QByteArray("subject")
                                       : pg::groupValueSql(field.split(QLatin1Char('.')), params);
}

// The DSL filter and the GET metadata filters, ANDed onto a WHERE clause.
QByteArray filterConditions(const UsageScanSpec &spec, pg::Params &params)
{
    QByteArray sql;
    if (spec.filter)
        sql += " AND (" + pg::filterSql(*spec.filter, params) + ")";
    for (const query::MetadataEquals &equals : spec.metadataFilters)
        sql += " AND " + pg::metadataEqualsSql(equals, params);
    return sql;
}

} // namespace

Status PgStore::readCursor(
    const QByteArray &select, const pg::Params &params, const std::function<bool(const pg::Rows &, int)> &row)
{
    auto lease = acquire();
    if (!lease)
        return lease.error();
    pg::Connection &db = *lease.value();
    if (auto s = db.run("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"); !s)
        return s;
    const auto finish = [&db](Status status) {
        if (db.isOpen())
            (void)db.run(status ? "COMMIT" : "ROLLBACK");
        return status;
    };
    if (auto declared = db.execOnce("DECLARE osc_scan NO SCROLL CURSOR FOR " + select, params); !declared)
        return finish(declared.error());
    const QByteArray fetch = "FETCH FORWARD " + QByteArray::number(kScanBatchRows) + " FROM osc_scan";
    for (;;) {
        auto rows = db.execOnce(fetch);
        if (!rows)
            return finish(rows.error());
        for (int i = 0; i < rows->size(); ++i)
            if (!row(rows.value(), i))
                return finish({});
        if (rows->size() < kScanBatchRows)
            return finish({});
    }
}

Result<BucketScanStats> PgStore::scanBuckets(const UsageScanSpec &spec, BucketFold &fold)
{
    pg::Params params;
    const int columnCount = int(spec.groupBy.size());
    QByteArray sql = spec.withIds ? "SELECT event_time, quantity, id" : "SELECT event_time, quantity, NULL";
    for (const QString &field : spec.groupBy)
        sql += ", " + valueExpression(field, params);
    sql += baseWhere(params, spec.workspaceId, spec.meter->name, spec.fromNs, spec.toNs, spec.subject);
    sql += filterConditions(spec, params);
    // seq breaks event_time ties in insertion order, as SQLite's (meter, event_time) index walk does, so
    // first/last and the order sums are added in are the same on both stores.
    sql += " ORDER BY event_time, seq";
    Status failure;
    quint32 poll = 0;
    QString id;
    Status scanned = readCursor(sql, params, [&](const pg::Rows &rows, int i) {
        // Polled every 4,096 rows (an atomic load per row would be measurable).
        if (spec.interrupt && (++poll & 0xfff) == 0 && spec.interrupt->load(std::memory_order_relaxed)) {
            fold.abandon();
            return false;
        }
        const TimeNs eventTime = rows.time(i, 0).value_or(TimeNs());
        const qsizetype bucket = fold.bucketOf(eventTime);
        if (bucket < 0)
            return true; // cannot happen for rows inside [from, to); kept as a guard
        qsizetype group = 0;
        if (columnCount > 0) {
            QVarLengthArray<QByteArrayView, 8> columns;
            for (int c = 0; c < columnCount; ++c)
                columns.append(rows.view(i, 3 + c));
            group = fold.groupOf(columns);
        }
        if (!fold.inOrder(bucket)) {
            failure = Error::internal(QStringLiteral("bucket scan out of time order"));
            return false;
        }
        if (spec.withIds)
            id = rows.text(i, 2);
        query::AggregateState *state = fold.stateFor(bucket, group);
        if (!state)
            return false;
        state->add(rows.real(i, 1), eventTime, id);
        return true;
    });
    if (!scanned)
        return scanned.error();
    if (!failure)
        return failure.error();
    return BucketScanStats{};
}

Status PgStore::scanBreakdown(const UsageScanSpec &spec, BreakdownFold &fold)
{
    if (spec.groupBy.size() != 1)
        return Error::internal(QStringLiteral("a breakdown scans one field"));
    const QString &field = spec.groupBy.first();
    pg::Params params;
    QByteArray sql
        = spec.withIds ? "SELECT event_time, quantity, id, " : "SELECT event_time, quantity, NULL, ";
    sql += valueExpression(field, params);
    sql += baseWhere(params, spec.workspaceId, spec.meter->name, spec.fromNs, spec.toNs, spec.subject);
    // Events whose value is missing or JSON null are skipped (the empty string below, after rendering).
    if (field != kSubjectGroupField)
        sql += " AND " + pg::presentValueSql(field.split(QLatin1Char('.')), params);
    sql += filterConditions(spec, params);
    // The fold's aggregates are order-sensitive (first/last, float sums): SQLite reads in index order.
    sql += " ORDER BY event_time, seq";
    QString id;
    return readCursor(sql, params, [&](const pg::Rows &rows, int i) {
        const QByteArrayView value = rows.view(i, 3);
        if (value.isEmpty())
            return true;
        if (spec.withIds)
            id = rows.text(i, 2);
        fold.stateFor(value).add(rows.real(i, 1), rows.time(i, 0).value_or(TimeNs()), id);
        return true;
    });
}

Result<QList<ValueCount>> PgStore::countDimensionValues(const DimensionValuesSpec &spec)
{
    pg::Params params;
    const QString field = spec.path.join(QLatin1Char('.'));
    QByteArray inner = "SELECT " + valueExpression(field, params) + " AS v"
        + baseWhere(params, spec.workspaceId, spec.meter, spec.fromNs, spec.toNs, spec.subject) + " AND "
        + pg::presentValueSql(spec.path, params);
    // The values are COLLATE "C": code-point order of UTF-8, as SQLite's BINARY collation.
    const QByteArray sql = "SELECT v, COUNT(*) AS n FROM (" + inner
        + ") AS vals WHERE v <> '' GROUP BY v ORDER BY n DESC, v ASC LIMIT "
        + placeholder(params, Param::int64(spec.limit), "bigint");
    auto rows = query(sql, params);
    if (!rows)
        return rows.error();
    QList<ValueCount> items;
    for (int i = 0; i < rows->size(); ++i)
        items.append({rows->text(i, 0), rows->int64(i, 1)});
    return items;
}

} // namespace osc
