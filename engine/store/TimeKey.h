#pragma once

#include "core/TimeNs.h"

#include <QByteArrayView>

#include <array>
#include <optional>

namespace osc::time_key {

// Event-domain times (event_time, received_at, rollup bucket starts, first/last times, last_event_at,
// rollup_state's pending range) are stored as a 9-byte big-endian key of (ns + 2^71): bytewise order
// is chronological order, so comparisons, ORDER BY, MIN/MAX and the (meter, event_time) index work on
// the column for any instant of years 0001–9999 (which needs 69 bits). SQLite stores the key as a BLOB
// (memcmp order), PostgreSQL as bytea (bytewise order), so both stores share this encoding.
// Clock-only times (accounts, export jobs, run histories) stay 64-bit integer nanoseconds.
constexpr int kKeyBytes = 9;
using Key = std::array<unsigned char, kKeyBytes>;

Key encode(TimeNs t);
// Anything but a 9-byte key decodes as nullopt.
std::optional<TimeNs> decode(QByteArrayView bytes);

} // namespace osc::time_key
