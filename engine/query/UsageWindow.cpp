// Window aggregates for alert rules: a bucket scan with one bucket spanning the window.
#include "UsageQuery.h"

#include "model/Aggregate.h"
#include "query/BucketGroups.h"
#include "query/RollupPlan.h"
#include "query/SingleBucketFold.h"
#include "store/UsageScans.h"

namespace osc::query {

Result<QList<WindowGroup>> UsageQueries::window(const WindowQuery &query)
{
    const QStringList groupBy = query.groupField.isEmpty() ? QStringList() : QStringList{query.groupField};
    GroupTable groups(groupBy.size(), groupBy.indexOf(kSubjectGroupField));
    SingleBucketFold fold(query.fromNs, query.toNs, groups);

    // Alert rules read raw events only: their filters are arbitrary metadata paths, so rollups would
    // answer only part of it. The overview's unfiltered windows read rollups, raw at the partial hours.
    UsageScanSpec spec;
    spec.workspaceId = query.workspaceId;
    spec.meter = &query.meter;
    spec.subject = query.subject;
    spec.fromNs = query.fromNs;
    spec.toNs = query.toNs;
    spec.metadataFilters = query.metadataFilters;
    spec.groupBy = groupBy;
    spec.rollups = RollupTable::None;
    if (query.useRollups && m_rollupsEnabled.load() && query.subject.isEmpty()
        && query.metadataFilters.isEmpty()) {
        if (query.groupField.isEmpty())
            spec.rollups = RollupTable::Dimensions; // every projection folds into the one group
        else if (query.groupField == kSubjectGroupField)
            spec.rollups = RollupTable::Subjects;
    }
    spec.rollupSegments = [&] {
        if (spec.rollups == RollupTable::None)
            return QList<ScanSegment>{{ScanSegment::Source::RawEvents, query.fromNs, query.toNs}};
        return planSegments(
            {query.fromNs, query.toNs}, query.fromNs, query.toNs, spec.rollups == RollupTable::Dimensions);
    };
    spec.withIds = needsEventIds(query.meter.aggregation);
    spec.metadataMemoLimit = m_metadataMemoLimit.load();
    if (auto stats = m_scans.scanBuckets(spec, fold); !stats)
        return stats.error();

    // §6.3: the rate window of an alert is the rule's window.
    const double windowSeconds = double(query.toNs - query.fromNs) / 1e9;
    QList<WindowGroup> out;
    for (const qsizetype group : fold.states().touched()) {
        const AggregateState &state = fold.states().stateOf(group);
        if (state.count == 0)
            continue;
        const QStringList values = groups.values(group);
        out.append({values.isEmpty() ? QString() : values.first(),
            state.value(query.meter.aggregation, windowSeconds), state.count});
    }
    return out;
}

} // namespace osc::query
