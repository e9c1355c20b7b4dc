#pragma once

#include "model/Aggregate.h"
#include "query/BucketGroups.h"
#include "store/UsageScans.h"

namespace osc::query {

// The BucketFold of a single bucket [from, to): the scan's ordering checks hold trivially. Window
// aggregates (alert rules, the overview) and range totals (usage export reports) fold into it.
class SingleBucketFold final : public BucketFold
{
public:
    SingleBucketFold(TimeNs fromNs, TimeNs toNs, GroupTable &groups)
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

} // namespace osc::query
