#include "core/ByteKeyIndex.h"

#include <QHashFunctions>

#include <cstring>

namespace osc {

namespace {

constexpr size_t kInitialSlots = 64;

} // namespace

ByteKeyIndex::ByteKeyIndex()
    : m_seed(QHashSeed::globalSeed())
    , m_slots(kInitialSlots)
{ }

size_t ByteKeyIndex::hashOf(QByteArrayView key) const
{
    return qHash(key, m_seed);
}

QByteArrayView ByteKeyIndex::keyAt(qsizetype offset) const
{
    quint32 length = 0;
    std::memcpy(&length, m_arena.data() + offset, sizeof length);
    return QByteArrayView(m_arena.data() + offset + qsizetype(sizeof length), qsizetype(length));
}

std::optional<qint32> ByteKeyIndex::find(QByteArrayView key) const
{
    const size_t hash = hashOf(key);
    const auto tag = quint32(hash >> 32);
    const size_t mask = m_slots.size() - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
        const Slot &slot = m_slots[i];
        if (slot.offset < 0)
            return std::nullopt;
        if (slot.tag != tag)
            continue;
        const QByteArrayView stored = keyAt(slot.offset);
        if (stored.size() == key.size() && std::memcmp(stored.data(), key.data(), size_t(key.size())) == 0)
            return slot.value;
    }
}

void ByteKeyIndex::insert(QByteArrayView key, qint32 value)
{
    if (size_t(m_size + 1) * 2 > m_slots.size())
        grow();
    const auto offset = qsizetype(m_arena.size());
    const auto length = quint32(key.size());
    const auto *lengthBytes = reinterpret_cast<const char *>(&length);
    m_arena.insert(m_arena.end(), lengthBytes, lengthBytes + sizeof length);
    m_arena.insert(m_arena.end(), key.begin(), key.end());
    place(hashOf(key), value, offset);
    ++m_size;
}

void ByteKeyIndex::place(size_t hash, qint32 value, qsizetype offset)
{
    const size_t mask = m_slots.size() - 1;
    size_t i = hash & mask;
    while (m_slots[i].offset >= 0)
        i = (i + 1) & mask;
    m_slots[i] = {quint32(hash >> 32), value, offset};
}

void ByteKeyIndex::grow()
{
    std::vector<Slot> old(m_slots.size() * 2);
    old.swap(m_slots);
    // Rare (the table doubles): the hashes are computed again from the arena's keys.
    for (const Slot &slot : old)
        if (slot.offset >= 0)
            place(hashOf(keyAt(slot.offset)), slot.value, slot.offset);
}

void ByteKeyIndex::clear()
{
    m_slots.assign(kInitialSlots, Slot());
    m_arena.clear();
    m_size = 0;
}

} // namespace osc
