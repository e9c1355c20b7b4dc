#include "ByteKeyIndex.h"

#include <QHashFunctions>

#include <cstring>

namespace osc::query {

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

const qsizetype *ByteKeyIndex::find(QByteArrayView key) const
{
    const size_t hash = hashOf(key);
    const auto tag = quint32(hash >> 32);
    const size_t mask = m_slots.size() - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
        const Slot &slot = m_slots[i];
        if (slot.entry == 0)
            return nullptr;
        if (slot.tag != tag)
            continue;
        const Entry &entry = m_entries[slot.entry - 1];
        if (entry.length == key.size()
            && std::memcmp(m_arena.data() + entry.offset, key.data(), size_t(key.size())) == 0)
            return &entry.value;
    }
}

void ByteKeyIndex::insert(QByteArrayView key, qsizetype value)
{
    if ((m_entries.size() + 1) * 2 > m_slots.size())
        grow();
    const size_t hash = hashOf(key);
    m_entries.push_back({qsizetype(m_arena.size()), key.size(), value});
    m_hashes.push_back(hash);
    m_arena.insert(m_arena.end(), key.begin(), key.end());
    place(hash, quint32(m_entries.size()));
}

void ByteKeyIndex::place(size_t hash, quint32 entry)
{
    const size_t mask = m_slots.size() - 1;
    size_t i = hash & mask;
    while (m_slots[i].entry != 0)
        i = (i + 1) & mask;
    m_slots[i] = {quint32(hash >> 32), entry};
}

void ByteKeyIndex::grow()
{
    m_slots.assign(m_slots.size() * 2, Slot());
    for (size_t e = 0; e < m_entries.size(); ++e)
        place(m_hashes[e], quint32(e + 1));
}

void ByteKeyIndex::clear()
{
    m_slots.assign(kInitialSlots, Slot());
    m_hashes.clear();
    m_entries.clear();
    m_arena.clear();
}

} // namespace osc::query
