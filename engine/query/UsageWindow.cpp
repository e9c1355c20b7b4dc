// Window aggregates for alert rules: a bucket scan with one bucket spanning the window.
#include "UsageQuery.h"

#include "model/Aggregate.h"
#include "query/BucketGroups.h"
#include "query/RollupPlan.h"
#include "store/UsageScans.h"

namespace osc::query {

namespace {

// The BucketFold of a single bucket [from, to): the scan's ordering checks hold trivially.
class WindowFold final : public BucketFold
{
public:
    WindowFold(TimeNs fromNs, TimeNs toNs, GroupTable &groups)
        : m_fromNs(fromNs)
        , m_toNs(toNs)
        , m_groups(groups)
    { }

    qsizetype bucketOf(TimeNs timeNs) const override
    {
        return timeNs >= m_fromNs && timeNs < m_toNs ? 0 : -1;
    }
    bool inOrder(qsizetype) override { return true; }
    qsizetype dimensionsId(std::span<const QByteArrayView> values) override
    {
        return m_groups.dimensionsId(values);
    }
    qsizetype groupId(QByteArrayView subject, qsizetype dimensions) override
    {
        return m_groups.groupId(subject, dimensions);
    }
    qsizetype groupOf(std::span<const QByteArrayView> columns) override { return m_groups.groupOf(columns); }
    AggregateState *stateFor(qsizetype, qsizetype group) override { return &m_states.at(group); }
    bool stopped() const override { return false; }
    void abandon() override { }

    BucketStates &states() { return m_states; }

private:
    TimeNs m_fromNs;
    TimeNs m_toNs;
    GroupTable &m_groups;
    BucketStates m_states;
};

} // namespace

Result<QList<WindowGroup>> UsageQueries::window(const WindowQuery &query)
{
    const QStringList groupBy = query.groupField.isEmpty() ? QStringList() : QStringList{query.groupField};
    GroupTable groups(groupBy.size(), groupBy.indexOf(kSubjectGroupField));
    WindowFold fold(query.fromNs, query.toNs, groups);

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
