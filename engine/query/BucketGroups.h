#pragma once

#include "core/ByteKeyIndex.h"
#include "model/Aggregate.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringList>

#include <span>
#include <string>
#include <vector>

namespace osc::query {

// Code-point order of two group-value lists, column by column (the order of a bucket's rows).
int compareGroupValues(const QStringList &a, const QStringList &b);

// The distinct groups of one bucket query, as dense ids. A group is a (subject, dimension values)
// pair: raw events resolve the dimension values once per metadata text (MetadataGroupMemo) to an
// interned id, so a row finds its group by that id and its subject's bytes, without building or
// hashing the dimension values' text.
class GroupTable
{
public:
    // `columnCount` group_by fields, the subject at `subjectColumn` (-1 = not grouped by subject).
    // Without group columns the table holds the one empty group, id 0.
    GroupTable(qsizetype columnCount, qsizetype subjectColumn);

    qsizetype columnCount() const { return m_columnCount; }
    qsizetype subjectColumn() const { return m_subjectColumn; }
    qsizetype dimensionColumnCount() const { return m_columnCount - (m_subjectColumn >= 0 ? 1 : 0); }

    // Interned id of dimension values: UTF-8 bytes of the dimension columns, in group_by order
    // without the subject.
    qsizetype dimensionsId(std::span<const QByteArrayView> values);
    // The group of `subject` (its UTF-8 bytes; ignored when not grouped by subject) and `dimensions`.
    qsizetype groupId(QByteArrayView subject, qsizetype dimensions);
    // All columns in group_by order (subject included): the generic form for rollup rows and scans
    // that render every group value in SQL.
    qsizetype groupOf(std::span<const QByteArrayView> columns);

    qsizetype size() const { return m_groups.size(); }
    const QStringList &values(qsizetype group) const { return m_groups.at(group); }

    // Emitting a bucket reads groups the scan has long flushed from the CPU caches, one chain of
    // pointers each (list entry → values → strings): a pass over many groups asks for each link a
    // few groups ahead, so the misses overlap instead of stalling one after the other.
    void prefetchEntry(qsizetype group) const { __builtin_prefetch(m_groups.constData() + group); }
    void prefetchValues(qsizetype group) const;
    void prefetchStrings(qsizetype group) const;

    // Puts `groups` (distinct ids) in compareGroupValues order. Groups are ranked once and a bucket
    // sorts by rank; a bucket that brings new groups re-ranks unless that costs much more than
    // sorting its own groups by value.
    void sort(std::vector<qsizetype> &groups);

private:
    bool lessByValues(qsizetype a, qsizetype b) const;
    void rerank();
    // sort() when every group is ranked and the ranks are few enough to scan a bitmap of them.
    void sortByMarkingRanks(std::vector<qsizetype> &groups);

    qsizetype m_columnCount;
    qsizetype m_subjectColumn;
    QByteArray m_key; // scratch for dimensionsId
    std::string m_groupKey; // scratch for groupId (on every row: no QByteArray bookkeeping)
    ByteKeyIndex m_subjectIds;
    QList<QString> m_subjects;
    ByteKeyIndex m_dimensionIds; // length-prefixed bytes of the dimension columns
    QList<QStringList> m_dimensions;
    ByteKeyIndex m_groupIds; // dimensions id, then the subject's bytes
    QList<QStringList> m_groups;
    std::vector<qsizetype> m_rank; // per group; -1 until ranked
    std::vector<qsizetype> m_ranked; // ranked groups in value order
    std::vector<qsizetype> m_unranked; // groups created since the last rerank()
    std::vector<quint64> m_marks; // scratch for sortByMarkingRanks: one bit per rank
};

// The running aggregates of the bucket being filled, one per group touched in it. Slots are reused
// from bucket to bucket, so a scan allocates for the largest bucket only.
class BucketStates
{
public:
    AggregateState &at(qsizetype group);
    // Groups touched since clear(), in first-touch order (every one has a state, even if empty).
    std::vector<qsizetype> &touched() { return m_touched; }
    // See GroupTable::prefetchEntry: the slot first, then the state it names.
    void prefetchSlot(qsizetype group) const { __builtin_prefetch(m_slot.data() + group); }
    void prefetchState(qsizetype group) const { __builtin_prefetch(m_states.data() + m_slot[size_t(group)]); }
    const AggregateState &stateOf(qsizetype group) const { return m_states[size_t(m_slot[size_t(group)])]; }
    bool isEmpty() const { return m_touched.empty(); }
    void clear();

private:
    std::vector<qsizetype> m_slot; // per group id: index into m_states, -1 when untouched
    std::vector<AggregateState> m_states;
    std::vector<qsizetype> m_touched;
};

} // namespace osc::query
