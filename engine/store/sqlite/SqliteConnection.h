#pragma once

#include "core/Result.h"
#include "core/TimeNs.h"

#include <QByteArray>
#include <QHash>
#include <QString>

struct sqlite3;
struct sqlite3_stmt;

namespace osc {

class SqliteStatement;

// One sqlite3 handle with the pragmas of the product (WAL, busy timeout, foreign keys) and a cache of
// prepared statements. Not thread-safe: a connection is used by one thread at a time (the store hands
// connections out under a lock).
class SqliteConnection
{
public:
    enum class Mode
    {
        ReadWrite,
        ReadOnly
    };
    enum class Durability
    {
        Normal,
        Full
    };

    SqliteConnection() = default;
    ~SqliteConnection();
    SqliteConnection(const SqliteConnection &) = delete;
    SqliteConnection &operator=(const SqliteConnection &) = delete;

    Status open(const QString &path, Mode mode, Durability durability = Durability::Full);
    void close();
    bool isOpen() const { return m_db != nullptr; }

    Status exec(const char *sql);
    // Returns a cached prepared statement, reset and with bindings cleared.
    SqliteStatement prepare(const char *sql);

    Status begin(bool immediate = true);
    Status commit();
    void rollback();

    qint64 changes() const;
    QString lastErrorMessage() const;
    int lastErrorCode() const;
    sqlite3 *handle() const { return m_db; }

private:
    sqlite3 *m_db = nullptr;
    QHash<const char *, sqlite3_stmt *> m_statements;
};

// A borrowed, cached statement. Binding indexes are 1-based as in the C API.
class SqliteStatement
{
public:
    SqliteStatement(sqlite3_stmt *stmt, SqliteConnection *connection);
    ~SqliteStatement();
    SqliteStatement(SqliteStatement &&other) noexcept;
    SqliteStatement(const SqliteStatement &) = delete;
    SqliteStatement &operator=(const SqliteStatement &) = delete;

    bool valid() const { return m_stmt != nullptr; }

    SqliteStatement &bind(int index, const QString &value);
    SqliteStatement &bind(int index, const QByteArray &value);
    SqliteStatement &bindText(int index, const char *utf8, int length);
    SqliteStatement &bind(int index, qint64 value);
    SqliteStatement &bind(int index, int value) { return bind(index, qint64(value)); }
    SqliteStatement &bind(int index, double value);
    // An event-domain time as its 9-byte key (store/sqlite/SqliteTime.h).
    SqliteStatement &bind(int index, TimeNs value);
    SqliteStatement &bindNull(int index);
    template <typename T> SqliteStatement &bind(int index, const std::optional<T> &value)
    {
        return value ? bind(index, *value) : bindNull(index);
    }

    // Steps once: true when a row is available, false when done. Errors set ok() to false.
    bool next();
    // Runs to completion, for statements that return no rows.
    Status run();
    bool ok() const { return m_ok; }
    Status status() const;
    // Ends a read early (keeps the bindings), so the connection holds no open cursor while it writes.
    void reset();

    bool isNull(int column) const;
    QString text(int column) const;
    QByteArray bytes(int column) const;
    // The column's UTF-8 bytes without a copy; valid until the next step or reset.
    QByteArrayView view(int column) const;
    qint64 int64(int column) const;
    double real(int column) const;
    std::optional<qint64> optionalInt64(int column) const;
    // An event-domain time column (a 9-byte key); NULL → nullopt, and so does anything that is not a key.
    std::optional<TimeNs> optionalTime(int column) const;
    TimeNs time(int column) const { return optionalTime(column).value_or(TimeNs()); }

private:
    sqlite3_stmt *m_stmt = nullptr;
    SqliteConnection *m_connection = nullptr;
    bool m_ok = true;
    int m_errorCode = 0;
};

} // namespace osc
