#include "UsageQuery.h"

#include "core/Page.h"
#include "filter/MetadataPath.h"
#include "model/Aggregate.h"
#include "query/ApiKeyUsage.h"
#include "query/BucketCalendar.h"
#include "query/BucketGroups.h"
#include "query/QueryPreflight.h"
#include "query/RollupEligibility.h"
#include "query/RollupPlan.h"
#include "rollup/RollupDelta.h"
#include "rollup/RollupKeys.h"
#include "store/MeterStore.h"
#include "store/UsageScans.h"

#include <QHash>
#include <QVarLengthArray>

#include <algorithm>
#include <functional>
#include <utility>

namespace osc::query {

namespace {

// Which rollup table can answer a bucket query exactly, before looking at whether it is built.
RollupTable rollupTableFor(
    const Meter &meter, const BucketQuery &query, const QList<MetadataEquals> &metadataFilters)
{
    const bool dimensionFiltersOnly = (!query.filter || onlyDimensionConditions(*query.filter, meter))
        && std::all_of(metadataFilters.begin(), metadataFilters.end(),
            [&](const MetadataEquals &equals) { return rollup::isDimensionPath(meter, equals.path); });
    const bool groupsBySubject = query.groupBy.contains(kSubjectGroupField);
    if (query.subject.isEmpty() && !groupsBySubject && dimensionFiltersOnly)
        return RollupTable::Dimensions;
    const bool unfiltered = !query.filter && metadataFilters.isEmpty();
    if (unfiltered && query.subject.isEmpty() && query.groupBy == QStringList{kSubjectGroupField})
        return RollupTable::Subjects;
    if (unfiltered && !query.subject.isEmpty() && query.groupBy.isEmpty())
        return RollupTable::Subjects;
    return RollupTable::None;
}

using RowSink = std::function<bool(const BucketResult &meta, UsageBucket &&row)>;

// Rows arrive in time order (every scan is ordered and the segments follow each other), so only
// the bucket being filled is held: when a later bucket starts, the finished one is sorted by group
// values and handed to the sink. Memory stays at one bucket's groups however long the range.
class BucketRows final : public BucketFold
{
public:
    BucketRows(const BucketQuery &query, Aggregation aggregation, const BucketCalendar &calendar,
        const BucketLocator &locator, GroupTable &groups, const BucketResult &meta, const RowSink &sink,
        qsizetype apiKeyColumn, const ApiKeyNames &apiKeyNames)
        : m_query(query)
        , m_aggregation(aggregation)
        , m_calendar(calendar)
        , m_locator(locator)
        , m_groups(groups)
        , m_meta(meta)
        , m_sink(sink)
        , m_apiKeyColumn(apiKeyColumn)
        , m_apiKeyNames(apiKeyNames)
    { }

    qsizetype bucketOf(TimeNs timeNs) const override { return m_locator.indexOf(timeNs); }
    bool inOrder(qsizetype bucket) override
    {
        if (bucket < m_lastBucket)
            return false;
        m_lastBucket = bucket;
        return true;
    }
    qsizetype dimensionsId(std::span<const QByteArrayView> values) override
    {
        return m_groups.dimensionsId(values);
    }
    qsizetype groupId(QByteArrayView subject, qsizetype dimensions) override
    {
        return m_groups.groupId(subject, dimensions);
    }
    qsizetype groupOf(std::span<const QByteArrayView> columns) override { return m_groups.groupOf(columns); }
    // Finishes earlier buckets first.
    AggregateState *stateFor(qsizetype bucket, qsizetype group) override
    {
        if (bucket != m_current) {
            finishBucket();
            m_current = bucket;
        }
        return m_stopped ? nullptr : &m_states.at(group);
    }
    bool stopped() const override { return m_stopped; }
    void abandon() override { m_stopped = true; }
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
        TimeNs ns;
        QString text;
        double seconds;
    };

    BucketStart startOf(qsizetype bucket) const
    {
        const TimeNs ns = m_locator.startOf(bucket);
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
        if (m_apiKeyColumn >= 0) // the name follows the id (reportedColumns)
            row.groupValues.insert(
                m_apiKeyColumn + 1, m_apiKeyNames.value(row.groupValues.at(m_apiKeyColumn)));
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
    const qsizetype m_apiKeyColumn; // -1: not grouped by API key
    const ApiKeyNames &m_apiKeyNames;
    BucketStates m_states;
    qsizetype m_current = -1; // the bucket being filled
    qsizetype m_lastBucket = 0;
    qsizetype m_nextUnfilled = 0; // fill_empty: first bucket not emitted yet
    bool m_stopped = false;
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

UsageQueries::UsageQueries(MeterStore &meters, UsageScans &scans)
    : m_meters(meters)
    , m_scans(scans)
{ }

Result<ApiKeyNames> UsageQueries::apiKeyNamesOf(const QString &workspaceId) const
{
    if (!m_apiKeys)
        return ApiKeyNames();
    return query::apiKeyNames(*m_apiKeys, workspaceId);
}

QStringList UsageQueries::reportedGroupBy(const Principal &principal, const BucketQuery &query)
{
    auto meter = m_meters.findMeterByName(principal.workspaceId, query.meter);
    if (!meter || !meter->has_value())
        return query.groupBy;
    return reportedColumns(query.groupBy, scanColumns(**meter, query.groupBy).indexOf(kApiKeyScanColumn));
}

QueryPreflight UsageQueries::preflight() const
{
    return QueryPreflight([&meters = m_meters](const QString &workspaceId, const QString &name) {
        return meters.findMeterByName(workspaceId, name);
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

    BucketResult meta;
    meta.meter = meter->name;
    meta.unit = meter->unit;
    meta.aggregation = meter->aggregation;
    meta.bucketSize = bucketSizeName(size.value());
    const QStringList columns = scanColumns(meter.value(), query.groupBy);
    const qsizetype apiKeyColumn = columns.indexOf(kApiKeyScanColumn);
    meta.groupBy = reportedColumns(query.groupBy, apiKeyColumn);
    ApiKeyNames names;
    if (apiKeyColumn >= 0) {
        auto listed = apiKeyNamesOf(principal.workspaceId);
        if (!listed)
            return listed.error();
        names = std::move(listed.value());
    }
    const BucketLocator locator(calendar->boundaries(query.fromNs, query.toNs));
    GroupTable groups(columns.size(), columns.indexOf(kSubjectGroupField));
    BucketRows rows(
        query, meter->aggregation, calendar.value(), locator, groups, meta, sink, apiKeyColumn, names);

    UsageScanSpec spec;
    spec.workspaceId = principal.workspaceId;
    spec.meter = &meter.value();
    spec.subject = query.subject;
    spec.fromNs = query.fromNs;
    spec.toNs = query.toNs;
    spec.filter = query.filter ? &*query.filter : nullptr;
    spec.metadataFilters = metadataFilters.value();
    spec.groupBy = columns;
    spec.rollups = m_rollupsEnabled.load() ? rollupTableFor(meter.value(), query, metadataFilters.value())
                                           : RollupTable::None;
    spec.rollupSegments = [&] {
        return planSegments(
            locator.boundaries(), query.fromNs, query.toNs, spec.rollups == RollupTable::Dimensions);
    };
    spec.withIds = needsEventIds(meter->aggregation);
    spec.metadataMemoLimit = m_metadataMemoLimit.load();
    spec.capPageCache = capPageCache;
    spec.interrupt = query.interrupt;
    auto stats = m_scans.scanBuckets(spec, rows);
    if (!stats)
        return stats.error();
    rows.finish();
    meta.usedRollups = stats->usedRollups;
    meta.memoizedMetadata = stats->memoizedMetadata;
    meta.metadataMemoEvictions = stats->metadataMemoEvictions;
    meta.metadataMemoGaveUp = stats->metadataMemoGaveUp;
    return meta;
}

} // namespace osc::query
