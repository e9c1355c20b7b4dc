#include "Ids.h"

#include <QRandomGenerator>

#include <random>

namespace osc {

QString newId()
{
    // Ids are opaque, not secrets: a per-thread generator seeded once from the system source avoids a
    // hardware-random call per id (QUuid::createUuid uses RDRAND, which is slow on virtual machines and
    // showed up in bulk-ingest profiles). API key secrets keep using the system source.
    thread_local std::mt19937_64 generator = [] {
        std::seed_seq seed{QRandomGenerator::system()->generate(), QRandomGenerator::system()->generate(),
            QRandomGenerator::system()->generate(), QRandomGenerator::system()->generate()};
        return std::mt19937_64(seed);
    }();
    quint64 high = generator();
    quint64 low = generator();
    high = (high & ~quint64(0xf000)) | 0x4000; // version 4
    low = (low & ~(quint64(0xc) << 60)) | (quint64(0x8) << 60); // RFC 4122 variant
    static constexpr char hex[] = "0123456789abcdef";
    char text[36];
    int at = 0;
    auto put = [&](quint64 bits, int nibbles) {
        for (int shift = (nibbles - 1) * 4; shift >= 0; shift -= 4)
            text[at++] = hex[(bits >> shift) & 0xf];
    };
    put(high >> 32, 8);
    text[at++] = '-';
    put(high >> 16, 4);
    text[at++] = '-';
    put(high, 4);
    text[at++] = '-';
    put(low >> 48, 4);
    text[at++] = '-';
    put(low, 12);
    return QString::fromLatin1(text, 36);
}

} // namespace osc
