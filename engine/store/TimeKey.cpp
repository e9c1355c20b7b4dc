#include "store/TimeKey.h"

#include <QtEndian>

#include <cstring>

namespace osc::time_key {

namespace {

constexpr WideInt kBias = WideInt(1) << 71;

} // namespace

Key encode(TimeNs t)
{
    const auto biased = static_cast<unsigned __int128>(t.wide() + kBias);
    Key key;
    for (int i = 0; i < kKeyBytes; ++i)
        key[size_t(i)] = static_cast<unsigned char>(biased >> (8 * (kKeyBytes - 1 - i)));
    return key;
}

std::optional<TimeNs> decode(QByteArrayView bytes)
{
    if (bytes.size() != kKeyBytes)
        return std::nullopt;
    // One byte of high bits, then a big-endian 64-bit word: two loads instead of nine shifts (scans
    // decode one key per row).
    quint64 low;
    std::memcpy(&low, bytes.data() + 1, sizeof low);
    const unsigned __int128 biased
        = (static_cast<unsigned __int128>(static_cast<unsigned char>(bytes[0])) << 64) | qFromBigEndian(low);
    return TimeNs::fromWide(WideInt(biased) - kBias);
}

} // namespace osc::time_key
