// Range totals for usage export reports: a bucket scan with one bucket spanning the range, read from
// rollups where they answer exactly (whole hours and days), like a bucket query.
#include "UsageQuery.h"

#include "model/Aggregate.h"
#include "query/ApiKeyUsage.h"
#include "query/BucketGroups.h"
#include "query/RollupPlan.h"
#include "store/UsageScans.h"

namespace osc::query {

namespace {

// The BucketFold of a single bucket [from, to): the scan's ordering checks hold trivially.
class RangeFold final : public BucketFold
{
public:
    RangeFold(TimeNs fromNs, TimeNs toNs, GroupTable &groups)
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
    RangeFold fold(query.fromNs, query.toNs, groups);

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
