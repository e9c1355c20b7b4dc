#pragma once

#include <QByteArrayView>
#include <QtGlobal>

#include <vector>

namespace osc::query {

// Byte strings → values, for the lookups a scan makes on every row (metadata texts, subjects,
// groups). Open addressing over one slot array, with every key copied into one contiguous arena: a
// hit reads a slot and its key's bytes, where QHash<QByteArray, …> also follows a pointer from its
// node to a separately allocated key, memory a long scan keeps flushing from the CPU caches.
// Hashes are seeded like QHash's (QHashSeed::globalSeed()), so crafted keys cannot pile up in
// one probe chain.
class ByteKeyIndex
{
public:
    ByteKeyIndex();

    // The value of `key`, or nullptr. Valid until the next insert() or clear().
    const qsizetype *find(QByteArrayView key) const;
    // `key` must be absent.
    void insert(QByteArrayView key, qsizetype value);
    qsizetype size() const { return m_size; }
    void clear();

private:
    struct Slot
    {
        size_t hash = 0;
        qsizetype offset = -1; // of the key in m_arena; -1 = empty slot
        qsizetype length = 0;
        qsizetype value = 0;
    };

    size_t hashOf(QByteArrayView key) const;
    void grow();
    void place(const Slot &slot);

    size_t m_seed;
    std::vector<Slot> m_slots; // power-of-two size, at most half full
    std::vector<char> m_arena;
    qsizetype m_size = 0;
};

} // namespace osc::query
