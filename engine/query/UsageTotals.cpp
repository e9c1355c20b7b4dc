// Range totals for usage export reports: a bucket scan with one bucket spanning the range, read from
// rollups where they answer exactly (whole hours and days), like a bucket query.
#include "UsageQuery.h"

#include "model/Aggregate.h"
#include "query/ApiKeyUsage.h"
#include "query/BucketGroups.h"
#include "query/RollupPlan.h"
#include "query/SingleBucketFold.h"
#include "store/UsageScans.h"

namespace osc::query {

namespace {

// Subject rollups hold one subject per hour, dimension rollups every subject per projection and key.
RollupTable rollupTableFor(const QStringList &columns)
{
    if (columns == QStringList{kSubjectGroupField})
        return RollupTable::Subjects;
    if (columns.contains(kSubjectGroupField))
        return RollupTable::None;
    return RollupTable::Dimensions;
}

} // namespace

Result<QList<TotalsGroup>> UsageQueries::totals(const TotalsQuery &query)
{
    const QStringList columns = scanColumns(query.meter, query.groupBy);
    GroupTable groups(columns.size(), columns.indexOf(kSubjectGroupField));
    SingleBucketFold fold(query.fromNs, query.toNs, groups);

    UsageScanSpec spec;
    spec.workspaceId = query.workspaceId;
    spec.meter = &query.meter;
    spec.fromNs = query.fromNs;
    spec.toNs = query.toNs;
    spec.groupBy = columns;
    spec.rollups = m_rollupsEnabled.load() ? rollupTableFor(columns) : RollupTable::None;
    spec.rollupSegments = [&] {
        return planSegments(
            {query.fromNs, query.toNs}, query.fromNs, query.toNs, spec.rollups == RollupTable::Dimensions);
    };
    spec.withIds = needsEventIds(query.meter.aggregation);
    spec.metadataMemoLimit = m_metadataMemoLimit.load();
    spec.capPageCache = true;
    if (auto stats = m_scans.scanBuckets(spec, fold); !stats)
        return stats.error();

    const double rangeSeconds = double(query.toNs - query.fromNs) / 1e9;
    QList<TotalsGroup> out;
    for (const qsizetype group : fold.states().touched()) {
        const AggregateState &state = fold.states().stateOf(group);
        if (state.count == 0)
            continue;
        out.append({groups.values(group), state.value(query.meter.aggregation, rangeSeconds), state.count});
    }
    return out;
}

} // namespace osc::query
