#pragma once

#include "core/TimeNs.h"

#include <QByteArrayView>
#include <QVariant>

#include <array>

struct sqlite3;
struct sqlite3_stmt;

namespace osc::sqlite_time {

// Event-domain times (event_time, received_at, rollup bucket starts, first/last times, last_event_at,
// rollup_state's pending range) are stored as a 9-byte big-endian BLOB of (ns + 2^71): memcmp order is
// chronological order, so comparisons, ORDER BY, MIN/MAX and the (meter, event_time) index work on the
// column as they did on INTEGER nanoseconds, for any instant of years 0001–9999 (which needs 69 bits).
// Clock-only times (accounts, export jobs, run histories) stay INTEGER nanoseconds.
constexpr int kKeyBytes = 9;
using Key = std::array<unsigned char, kKeyBytes>;

Key encode(TimeNs t);
// Anything but a 9-byte key (a NULL, a stray INTEGER) decodes as nullopt.
std::optional<TimeNs> decode(QByteArrayView bytes);

// The time in a result column; a NULL or anything but a key reads as nullopt.
std::optional<TimeNs> column(sqlite3_stmt *stmt, int index);

// A time as a bind parameter of the QVariant lists dynamic SQL is assembled with.
inline QVariant param(TimeNs t)
{
    return QVariant::fromValue(t);
}
inline bool isTime(const QVariant &value)
{
    return value.metaType() == QMetaType::fromType<TimeNs>();
}

// Registers osc_time_key(ns) → key BLOB, for an INTEGER of nanoseconds (the migration that converted
// schema 7's columns) or TimeNs::toDecimal() text (time lists bound as JSON); anything else → NULL.
// osc_time_add(key, ns INTEGER) → the key of key + ns (hour probes in SQL); osc_time_ns(key) → INTEGER
// nanoseconds, NULL beyond qint64 (reference queries in tests and benchmarks).
bool registerFunctions(sqlite3 *db);

} // namespace osc::sqlite_time
