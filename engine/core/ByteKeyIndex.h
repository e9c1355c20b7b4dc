#pragma once

#include <QByteArrayView>
#include <QtGlobal>

#include <optional>
#include <vector>

namespace osc {

// Byte strings → values, for the lookups a scan makes on every row (metadata texts, groups).
// Open addressing over 16-byte slots that hold the value, with every key copied (length first) into
// one contiguous arena: a hit touches one slot and the key's bytes, where QHash<QByteArray, …>
// also goes through a node to a separately allocated key, memory a long scan keeps flushing from the
// CPU caches. Hashes are seeded like QHash's (QHashSeed::globalSeed()), so crafted keys cannot pile
// up in one probe chain.
class ByteKeyIndex
{
public:
    ByteKeyIndex();

    // The value of `key`, if present.
    std::optional<qint32> find(QByteArrayView key) const;
    // `key` must be absent. Values are ids and markers, well within 32 bits.
    void insert(QByteArrayView key, qint32 value);
    qsizetype size() const { return m_size; }
    // Bytes held for the keys.
    qsizetype keyBytes() const { return qsizetype(m_arena.size()); }
    void clear();

private:
    // The upper half of the key's hash tells most other keys apart without reading the arena.
    struct Slot
    {
        quint32 tag = 0;
        qint32 value = 0;
        qsizetype offset = -1; // of the key's length in m_arena; -1 = empty slot
    };

    size_t hashOf(QByteArrayView key) const;
    QByteArrayView keyAt(qsizetype offset) const;
    void grow();
    void place(size_t hash, qint32 value, qsizetype offset);

    size_t m_seed;
    std::vector<Slot> m_slots; // power-of-two size, at most half full
    std::vector<char> m_arena; // per key: its length (quint32), then its bytes
    qsizetype m_size = 0;
};

} // namespace osc
