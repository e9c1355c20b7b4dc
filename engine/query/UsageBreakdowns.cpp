// Breakdowns (contract §6.7) and dimension values (§6.8).
#include "UsageQuery.h"

#include "SqliteScan.h"
#include "core/Page.h"
#include "query/Aggregate.h"
#include "query/BucketCalendar.h"
#include "query/MetadataPath.h"
#include "query/QueryPreflight.h"
#include "query/RollupPlan.h"
#include "query/RollupScan.h"
#include "rollup/RollupDelta.h"

#include <QHash>

#include <algorithm>
#include <optional>

namespace osc::query {

namespace {

const QString kSubjectField = QStringLiteral("subject");

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

QByteArray valueExpression(const QString &field)
{
    return field == kSubjectField ? QByteArray("subject")
                                  : sqliteGroupValue("metadata", field.split(QLatin1Char('.')));
}

} // namespace

Result<BreakdownResult> UsageQueries::breakdowns(const Principal &principal, const BreakdownQuery &query)
{
    auto checked = preflight().breakdownQuery(principal, query);
    if (!checked)
        return checked.error();
    const std::optional<Meter> meter = std::move(checked->meter);
    const QString field = checked->field;

    const Aggregation aggregation = meter->aggregation;
    const bool withIds = aggregation == Aggregation::First || aggregation == Aggregation::Last;
    // Like bucket queries, a breakdown reads rollups where they answer exactly: a dimension field with
    // dimension-only filters over all subjects (dimension rollups), or the subject field unfiltered
    // (subject rollups); the range's partial hours come from raw events.
    enum class Source
    {
        RawOnly,
        Dimensions,
        Subjects
    };
    Source source = Source::RawOnly;
    if (m_rollupsEnabled.load() && query.subject.isEmpty()) {
        if (field == kSubjectField && !query.filter)
            source = Source::Subjects;
        else if (field != kSubjectField && meter->dimension(field)
            && (!query.filter || onlyDimensionConditions(*query.filter, meter.value())))
            source = Source::Dimensions;
    }
    QByteArray conditions; // beyond workspace, meter and time
    QList<QVariant> conditionBinds;
    if (!query.subject.isEmpty()) {
        conditions += " AND subject = ?";
        conditionBinds.append(query.subject);
    }
    if (field != kSubjectField)
        conditions += " AND " + presentValueCondition(field);
    if (query.filter) {
        const SqlFragment fragment = toSqlite(*query.filter);
        conditions += " AND (" + fragment.sql + ")";
        conditionBinds += fragment.binds;
    }

    QHash<QString, AggregateState> states;
    auto scanned = withReadConnection(m_store, [&](sqlite3 *db) -> Status {
        ReadSnapshot snapshot(db);
        QList<ScanSegment> segments{{ScanSegment::Source::RawEvents, query.fromNs, query.toNs}};
        if (source != Source::RawOnly) {
            auto ready = rollupsReady(db, principal.workspaceId, meter.value());
            if (!ready)
                return ready.error();
            if (ready.value())
                segments = planSegments(
                    {query.fromNs, query.toNs}, query.fromNs, query.toNs, source == Source::Dimensions);
        }
        // Dimension rollups: the value and the conditions depend on the projection alone.
        QHash<QByteArray, std::optional<QString>> projectionValues;
        SqliteScan projection;
        if (source == Source::Dimensions) {
            QList<QVariant> binds = conditionBinds;
            binds.append(QString());
            if (auto s = projection.prepare(db,
                    "SELECT 1" + conditions + ", " + valueExpression(field) + " FROM (SELECT ? AS metadata)",
                    binds);
                !s)
                return s;
        }
        const int projectionBind = int(conditionBinds.size()) + 1;
        QString id;
        for (const ScanSegment &segment : segments) {
            SqliteScan scan;
            if (segment.source == ScanSegment::Source::RawEvents) {
                QList<QVariant> binds{principal.workspaceId, meter->name, segment.fromNs, segment.toNs};
                binds += conditionBinds;
                const QByteArray sql = QByteArray(withIds ? "SELECT event_time, quantity, id, "
                                                          : "SELECT event_time, quantity, NULL, ")
                    + valueExpression(field)
                    + " FROM usage_events WHERE workspace_id = ? AND meter = ? AND event_time >= ? AND "
                      "event_time < ?"
                    + conditions;
                if (auto s = scan.prepare(db, sql, binds); !s)
                    return s;
                while (scan.next()) {
                    const QByteArrayView value = scan.bytes(3);
                    if (value.isEmpty())
                        continue;
                    if (withIds)
                        id = scan.text(2);
                    states[QString::fromUtf8(value)].add(scan.real(1), scan.int64(0), id);
                }
            } else if (source == Source::Subjects) {
                if (auto s = scan.prepare(db,
                        "SELECT " + QByteArray(kAggregateColumns)
                            + ", subject FROM usage_subject_rollups WHERE workspace_id = ? AND meter = ? AND "
                              "bucket_start >= ? AND bucket_start < ?",
                        {principal.workspaceId, meter->name, segment.fromNs, segment.toNs});
                    !s)
                    return s;
                while (scan.next())
                    if (const QByteArrayView value = scan.bytes(10); !value.isEmpty())
                        states[QString::fromUtf8(value)].merge(aggregateFromScan(scan, 0, withIds));
            } else {
                const int granularity
                    = int(segment.source == ScanSegment::Source::DayRollups ? rollup::Granularity::Day
                                                                            : rollup::Granularity::Hour);
                if (auto s = scan.prepare(db,
                        "SELECT " + QByteArray(kAggregateColumns)
                            + ", metadata FROM usage_rollups WHERE workspace_id = ? AND meter = ? AND "
                              "granularity = ? "
                              "AND bucket_start >= ? AND bucket_start < ?",
                        {principal.workspaceId, meter->name, granularity, segment.fromNs, segment.toNs});
                    !s)
                    return s;
                while (scan.next()) {
                    const QByteArrayView dimensions = scan.bytes(10);
                    const QByteArray key = QByteArray::fromRawData(dimensions.data(), dimensions.size());
                    auto known = projectionValues.constFind(key);
                    if (known == projectionValues.constEnd()) {
                        if (auto s = projection.rerun(projectionBind, dimensions); !s)
                            return s;
                        std::optional<QString> value;
                        if (projection.next() && projection.int64(0) == 1 && !projection.bytes(1).isEmpty())
                            value = projection.text(1);
                        if (auto s = projection.status(); !s)
                            return s;
                        known = projectionValues.insert(dimensions.toByteArray(), value);
                    }
                    if (known.value())
                        states[*known.value()].merge(aggregateFromScan(scan, 0, withIds));
                }
            }
            if (auto s = scan.status(); !s)
                return s;
        }
        return {};
    });
    if (!scanned)
        return scanned.error();

    BreakdownResult result;
    result.field = field;
    result.unit = meter->unit;
    result.aggregation = aggregation;
    // §6.3: a breakdown's rate window is the whole requested range.
    const double windowSeconds = double(query.toNs - query.fromNs) / 1e9;
    result.items.reserve(states.size());
    for (auto it = states.cbegin(); it != states.cend(); ++it)
        result.items.append({it.key(), it->value(aggregation, windowSeconds), it->count});
    std::sort(result.items.begin(), result.items.end(), [](const BreakdownItem &a, const BreakdownItem &b) {
        if (a.quantity != b.quantity)
            return a.quantity > b.quantity;
        return compareCodePoints(a.value, b.value) < 0;
    });
    const int limit = clampLimit(query.limit, kDefaultQueryLimit, kMaxQueryLimit);
    if (result.items.size() > limit)
        result.items.resize(limit);
    return result;
}

Result<DimensionValuesResult> UsageQueries::dimensionValues(
    const Principal &principal, const DimensionValuesQuery &query)
{
    auto checked = preflight().dimensionValuesQuery(principal, query);
    if (!checked)
        return checked.error();
    const std::optional<Meter> meter = std::move(checked->meter);
    const QString field = checked->field;

    // Counting needs no per-event work here, so SQLite groups, orders (BINARY = code-point order) and
    // limits on its own.
    QByteArray inner = "SELECT " + valueExpression(field)
        + " AS v FROM usage_events WHERE workspace_id = ? AND meter = ? AND " + presentValueCondition(field);
    QList<QVariant> binds{principal.workspaceId, meter->name};
    if (query.fromNs) {
        inner += " AND event_time >= ?";
        binds.append(*query.fromNs);
    }
    if (query.toNs) {
        inner += " AND event_time < ?";
        binds.append(*query.toNs);
    }
    if (!query.subject.isEmpty()) {
        inner += " AND subject = ?";
        binds.append(query.subject);
    }
    const QByteArray sql = "SELECT v, COUNT(*) AS n FROM (" + inner
        + ") WHERE v != '' GROUP BY v ORDER BY n DESC, v ASC LIMIT ?";
    binds.append(qint64(clampLimit(query.limit, kDefaultQueryLimit, kMaxQueryLimit)));

    DimensionValuesResult result;
    result.field = field;
    auto scanned = withReadConnection(m_store, [&](sqlite3 *db) -> Status {
        SqliteScan scan;
        if (auto s = scan.prepare(db, sql, binds); !s)
            return s;
        while (scan.next())
            result.items.append({scan.text(0), scan.int64(1)});
        return scan.status();
    });
    if (!scanned)
        return scanned.error();
    return result;
}

} // namespace osc::query
