#pragma once

#include "core/TimeNs.h"
#include "store/TimeKey.h"

#include <QByteArrayView>
#include <QVariant>

#include <array>

struct sqlite3;
struct sqlite3_stmt;

namespace osc::sqlite_time {

// The 9-byte time keys of store/TimeKey.h, as SQLite BLOBs (memcmp order is chronological order).
using time_key::decode;
using time_key::encode;
using time_key::Key;
using time_key::kKeyBytes;

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
