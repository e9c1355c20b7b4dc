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
    const size_t mask = m_slots.size() - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
        const Slot &slot = m_slots[i];
        if (slot.offset < 0)
            return nullptr;
        if (slot.hash == hash && slot.length == key.size()
            && std::memcmp(m_arena.data() + slot.offset, key.data(), size_t(key.size())) == 0)
            return &slot.value;
    }
}

void ByteKeyIndex::insert(QByteArrayView key, qsizetype value)
{
    if (size_t(m_size + 1) * 2 > m_slots.size())
        grow();
    const auto offset = qsizetype(m_arena.size());
    m_arena.insert(m_arena.end(), key.begin(), key.end());
    place({hashOf(key), offset, key.size(), value});
    ++m_size;
}

void ByteKeyIndex::place(const Slot &slot)
{
    const size_t mask = m_slots.size() - 1;
    size_t i = slot.hash & mask;
    while (m_slots[i].offset >= 0)
        i = (i + 1) & mask;
    m_slots[i] = slot;
}

void ByteKeyIndex::grow()
{
    std::vector<Slot> old(m_slots.size() * 2);
    old.swap(m_slots);
    for (const Slot &slot : old)
        if (slot.offset >= 0)
            place(slot);
}

void ByteKeyIndex::clear()
{
    m_slots.assign(kInitialSlots, Slot());
    m_arena.clear();
    m_size = 0;
}

} // namespace osc::query
