#include "store/sqlite/SqliteTime.h"

#include <sqlite3.h>

namespace osc::sqlite_time {

namespace {

void timeKeyFunction(sqlite3_context *context, int, sqlite3_value **argv)
{
    std::optional<TimeNs> t;
    switch (sqlite3_value_type(argv[0])) {
    case SQLITE_INTEGER: // the nanoseconds of schema 7 and earlier
        t = TimeNs(sqlite3_value_int64(argv[0]));
        break;
    case SQLITE_TEXT: // TimeNs::toDecimal(), for lists bound as JSON (filter `in`)
        t = TimeNs::fromDecimal(QByteArrayView(
            reinterpret_cast<const char *>(sqlite3_value_text(argv[0])), sqlite3_value_bytes(argv[0])));
        break;
    default:
        break;
    }
    if (!t) {
        sqlite3_result_null(context);
        return;
    }
    const Key key = encode(*t);
    sqlite3_result_blob(context, key.data(), kKeyBytes, SQLITE_TRANSIENT);
}

// osc_time_add(key BLOB, ns INTEGER) → key + ns, so SQL can step through hours of key-valued times.
void timeAddFunction(sqlite3_context *context, int, sqlite3_value **argv)
{
    const std::optional<TimeNs> t = sqlite3_value_type(argv[0]) == SQLITE_BLOB
        ? decode(QByteArrayView(
            static_cast<const char *>(sqlite3_value_blob(argv[0])), sqlite3_value_bytes(argv[0])))
        : std::nullopt;
    if (!t || sqlite3_value_type(argv[1]) != SQLITE_INTEGER) {
        sqlite3_result_null(context);
        return;
    }
    const Key key = encode(*t + TimeNs(sqlite3_value_int64(argv[1])));
    sqlite3_result_blob(context, key.data(), kKeyBytes, SQLITE_TRANSIENT);
}

// osc_time_ns(key BLOB) → INTEGER nanoseconds, NULL outside qint64 (tools and reference queries).
void timeNsFunction(sqlite3_context *context, int, sqlite3_value **argv)
{
    const std::optional<TimeNs> t = sqlite3_value_type(argv[0]) == SQLITE_BLOB
        ? decode(QByteArrayView(
            static_cast<const char *>(sqlite3_value_blob(argv[0])), sqlite3_value_bytes(argv[0])))
        : std::nullopt;
    if (!t || !t->fitsInt64())
        sqlite3_result_null(context);
    else
        sqlite3_result_int64(context, t->toInt64());
}

} // namespace

std::optional<TimeNs> column(sqlite3_stmt *stmt, int index)
{
    // The sqlite3_value_* calls on the column's value skip the per-call checks of sqlite3_column_*,
    // which showed up in scan profiles (three calls per time column per row).
    sqlite3_value *value = sqlite3_column_value(stmt, index);
    if (sqlite3_value_type(value) != SQLITE_BLOB)
        return std::nullopt;
    return decode(
        QByteArrayView(static_cast<const char *>(sqlite3_value_blob(value)), sqlite3_value_bytes(value)));
}

bool registerFunctions(sqlite3 *db)
{
    constexpr int kFlags = SQLITE_UTF8 | SQLITE_DETERMINISTIC;
    return sqlite3_create_function(db, "osc_time_key", 1, kFlags, nullptr, timeKeyFunction, nullptr, nullptr)
        == SQLITE_OK
        && sqlite3_create_function(db, "osc_time_add", 2, kFlags, nullptr, timeAddFunction, nullptr, nullptr)
        == SQLITE_OK
        && sqlite3_create_function(db, "osc_time_ns", 1, kFlags, nullptr, timeNsFunction, nullptr, nullptr)
        == SQLITE_OK;
}

} // namespace osc::sqlite_time
