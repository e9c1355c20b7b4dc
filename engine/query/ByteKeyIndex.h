#pragma once

#include <QByteArrayView>
#include <QtGlobal>

#include <vector>

namespace osc::query {

// Byte strings → values, for the lookups a scan makes on every row (metadata texts, groups).
// Open addressing over eight-byte slots, entries in insertion order and every key copied into one
// contiguous arena: a lookup touches a dense slot array, one entry and the key's bytes, where
// QHash<QByteArray, …> follows its node to a separately allocated key, memory a long scan keeps
// flushing from the CPU caches. Hashes are seeded like QHash's (QHashSeed::globalSeed()), so
// crafted keys cannot pile up in one probe chain.
class ByteKeyIndex
{
public:
    ByteKeyIndex();

    // The value of `key`, or nullptr. Valid until the next insert() or clear().
    const qsizetype *find(QByteArrayView key) const;
    // `key` must be absent.
    void insert(QByteArrayView key, qsizetype value);
    qsizetype size() const { return qsizetype(m_entries.size()); }
    void clear();

private:
    // A slot holds the upper half of its key's hash and the key's entry number + 1 (0 = empty):
    // eight bytes, so probing stays within few cache lines, and a different key is usually told
    // apart without reading its entry.
    struct Slot
    {
        quint32 tag = 0;
        quint32 entry = 0;
    };
    struct Entry
    {
        qsizetype offset; // of the key in m_arena
        qsizetype length;
        qsizetype value;
    };

    size_t hashOf(QByteArrayView key) const;
    void grow();
    void place(size_t hash, quint32 entry);

    size_t m_seed;
    std::vector<Slot> m_slots; // power-of-two size, at most half full
    std::vector<size_t> m_hashes; // per entry, for growing
    std::vector<Entry> m_entries;
    std::vector<char> m_arena;
};

} // namespace osc::query
