#include "BucketGroups.h"

#include <QVarLengthArray>

#include <algorithm>
#include <bit>
#include <iterator>

namespace osc::query {

namespace {

// A bucket with groups never ranked before re-ranks all groups (a merge: linear in their number)
// while there are at most this many groups per group of the bucket; beyond that its own
// value-sort (n log n compares of n groups) is cheaper, e.g. when every bucket brings new subjects.
constexpr qsizetype kRerankFactor = 8;
// Ranked groups come out in order by marking their ranks in a bitmap and reading it back: linear in
// the bucket's groups plus a word per 64 ranked groups, so cheaper than sorting while the bitmap is
// at most a few words per group of the bucket.
constexpr qsizetype kMarkFactor = 256;

// Length-prefixed concatenation of the group columns' bytes: a hash key without building QStrings.
void appendKeyPart(QByteArray &key, QByteArrayView part)
{
    const qsizetype size = part.size();
    key.append(reinterpret_cast<const char *>(&size), sizeof size);
    key.append(part);
}

// Interned id of `key` in `ids`, appending `make()` to `values` for a new one.
template <typename T, typename Make>
qsizetype intern(ByteKeyIndex &ids, QList<T> &values, QByteArrayView key, Make make)
{
    if (const auto known = ids.find(key))
        return *known;
    values.append(make());
    ids.insert(key, qint32(values.size() - 1));
    return values.size() - 1;
}

} // namespace

int compareGroupValues(const QStringList &a, const QStringList &b)
{
    for (qsizetype i = 0; i < a.size() && i < b.size(); ++i)
        if (const int c = compareCodePoints(a.at(i), b.at(i)); c != 0)
            return c;
    return int(a.size() - b.size());
}

GroupTable::GroupTable(qsizetype columnCount, qsizetype subjectColumn)
    : m_columnCount(columnCount)
    , m_subjectColumn(subjectColumn)
{
    if (columnCount == 0)
        groupId({}, dimensionsId({}));
}

qsizetype GroupTable::dimensionsId(std::span<const QByteArrayView> values)
{
    m_key.resize(0);
    for (const QByteArrayView value : values)
        appendKeyPart(m_key, value);
    return intern(m_dimensionIds, m_dimensions, m_key, [&] {
        QStringList texts;
        texts.reserve(qsizetype(values.size()));
        for (const QByteArrayView value : values)
            texts.append(QString::fromUtf8(value));
        return texts;
    });
}

qsizetype GroupTable::groupId(QByteArrayView subject, qsizetype dimensions)
{
    m_groupKey.assign(reinterpret_cast<const char *>(&dimensions), sizeof dimensions);
    if (m_subjectColumn >= 0)
        m_groupKey.append(subject.data(), size_t(subject.size()));
    const QByteArrayView key(m_groupKey.data(), qsizetype(m_groupKey.size()));
    if (const auto known = m_groupIds.find(key))
        return *known;
    QStringList values = m_dimensions.at(dimensions);
    if (m_subjectColumn >= 0) {
        // Subjects are interned so that a subject's groups share its one string.
        const qsizetype id
            = intern(m_subjectIds, m_subjects, subject, [&] { return QString::fromUtf8(subject); });
        values.insert(m_subjectColumn, m_subjects.at(id));
    }
    m_groups.append(std::move(values));
    const qsizetype group = m_groups.size() - 1;
    m_groupIds.insert(key, qint32(group));
    m_rank.push_back(-1);
    m_unranked.push_back(group);
    return group;
}

qsizetype GroupTable::groupOf(std::span<const QByteArrayView> columns)
{
    QVarLengthArray<QByteArrayView, 8> dimensions;
    QByteArrayView subject;
    for (qsizetype c = 0; c < qsizetype(columns.size()); ++c) {
        if (c == m_subjectColumn)
            subject = columns[size_t(c)];
        else
            dimensions.append(columns[size_t(c)]);
    }
    return groupId(subject, dimensionsId(dimensions));
}

void GroupTable::prefetchValues(qsizetype group) const
{
    // The list's header sits right before its first element, usually in the same cache line.
    const QString *values = m_groups.at(group).constData();
    __builtin_prefetch(reinterpret_cast<const char *>(values) - sizeof(QArrayData));
}

void GroupTable::prefetchStrings(qsizetype group) const
{
    for (const QString &value : m_groups.at(group))
        __builtin_prefetch(reinterpret_cast<const char *>(value.constData()) - sizeof(QArrayData));
}

bool GroupTable::lessByValues(qsizetype a, qsizetype b) const
{
    // Distinct groups have distinct values unless two byte strings decode to the same text; the id
    // keeps even that case a strict, deterministic order.
    const int c = compareGroupValues(m_groups.at(a), m_groups.at(b));
    return c != 0 ? c < 0 : a < b;
}

void GroupTable::rerank()
{
    const auto less = [this](qsizetype a, qsizetype b) { return lessByValues(a, b); };
    std::sort(m_unranked.begin(), m_unranked.end(), less);
    std::vector<qsizetype> merged;
    merged.reserve(m_ranked.size() + m_unranked.size());
    std::merge(m_ranked.begin(), m_ranked.end(), m_unranked.begin(), m_unranked.end(),
        std::back_inserter(merged), less);
    m_ranked = std::move(merged);
    m_unranked.clear();
    for (size_t i = 0; i < m_ranked.size(); ++i)
        m_rank[size_t(m_ranked[i])] = qsizetype(i);
}

void GroupTable::sort(std::vector<qsizetype> &groups)
{
    const bool allRanked
        = std::all_of(groups.begin(), groups.end(), [this](qsizetype g) { return m_rank[size_t(g)] >= 0; });
    if (!allRanked) {
        if (qsizetype(m_ranked.size()) > kRerankFactor * qsizetype(groups.size())) {
            std::sort(groups.begin(), groups.end(),
                [this](qsizetype a, qsizetype b) { return lessByValues(a, b); });
            return;
        }
        rerank();
    }
    if (qsizetype(m_ranked.size()) > kMarkFactor * qsizetype(groups.size())) {
        std::sort(groups.begin(), groups.end(),
            [this](qsizetype a, qsizetype b) { return m_rank[size_t(a)] < m_rank[size_t(b)]; });
        return;
    }
    sortByMarkingRanks(groups);
}

void GroupTable::sortByMarkingRanks(std::vector<qsizetype> &groups)
{
    m_marks.assign((m_ranked.size() + 63) / 64, 0);
    for (const qsizetype group : groups) {
        const auto rank = size_t(m_rank[size_t(group)]);
        m_marks[rank / 64] |= quint64(1) << (rank % 64);
    }
    size_t next = 0;
    for (size_t word = 0; word < m_marks.size(); ++word) {
        for (quint64 bits = m_marks[word]; bits != 0; bits &= bits - 1)
            groups[next++] = m_ranked[word * 64 + size_t(std::countr_zero(bits))];
    }
}

AggregateState &BucketStates::at(qsizetype group)
{
    if (size_t(group) >= m_slot.size())
        m_slot.resize(size_t(group) + 1, -1);
    qsizetype &slot = m_slot[size_t(group)];
    if (slot >= 0)
        return m_states[size_t(slot)];
    slot = qsizetype(m_touched.size());
    m_touched.push_back(group);
    if (size_t(slot) == m_states.size())
        return m_states.emplace_back();
    AggregateState &state = m_states[size_t(slot)];
    state.clear();
    return state;
}

void BucketStates::clear()
{
    for (const qsizetype group : m_touched)
        m_slot[size_t(group)] = -1;
    m_touched.clear();
}

} // namespace osc::query
