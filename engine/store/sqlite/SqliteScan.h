#pragma once

#include "core/Result.h"
#include "core/TimeNs.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QVariant>

#include <optional>

struct sqlite3;
struct sqlite3_stmt;
struct sqlite3_value;

namespace osc::sqlite {

// One uncached statement on a pooled read connection. Query SQL is assembled per request (filters,
// group columns), so it must not go through SqliteConnection::prepare, whose cache is keyed by the
// address of a SQL literal.
class SqliteScan
{
public:
    SqliteScan() = default;
    ~SqliteScan();
    SqliteScan(const SqliteScan &) = delete;
    SqliteScan &operator=(const SqliteScan &) = delete;

    // Prepares `sql` and binds `binds` (QString → TEXT, double → REAL, integers → INTEGER) in order.
    Status prepare(sqlite3 *db, const QByteArray &sql, const QList<QVariant> &binds);
    // Rewinds the statement for another run with `utf8` bound at `index` (1-based); other binds stay.
    Status rerun(int index, QByteArrayView utf8);
    // The same with a column value of another statement's current row bound as it is (type included).
    Status rerun(int index, sqlite3_value *value);
    // True while a row is available; errors end the scan and show up in status().
    bool next();
    Status status() const;

    sqlite3_stmt *statement() const { return m_stmt; }
    qint64 int64(int column) const;
    // An event-domain time column (a 9-byte key, SqliteTime.h); anything else reads as 0.
    TimeNs time(int column) const;
    double real(int column) const;
    bool isNull(int column) const;
    // SQLITE_INTEGER, SQLITE_TEXT, …: the column's storage type, before any conversion.
    int type(int column) const;
    // The column's value, only to bind into another statement (SQLite's "unprotected" value).
    sqlite3_value *value(int column) const;
    // UTF-8 bytes of a text column, valid until the next step.
    QByteArrayView bytes(int column) const;
    QString text(int column) const { return QString::fromUtf8(bytes(column)); }

private:
    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_stmt = nullptr;
    int m_error = 0;
    QString m_errorMessage;
};

// A read transaction for the lifetime of the object: every statement in between sees one snapshot.
class ReadSnapshot
{
public:
    explicit ReadSnapshot(sqlite3 *db);
    ~ReadSnapshot();
    ReadSnapshot(const ReadSnapshot &) = delete;
    ReadSnapshot &operator=(const ReadSnapshot &) = delete;

private:
    sqlite3 *m_db;
    bool m_open = false;
};

// Caps the connection's page cache for the object's lifetime, then restores its size. A long scan
// reads each page once: a small cache reuses a few page buffers, where the connection's usual cache
// (tens of megabytes) cycles fresh memory through the CPU caches, evicting the scan's own working set,
// and grows with the scan.
class PageCacheCap
{
public:
    PageCacheCap(sqlite3 *db, int kibibytes);
    ~PageCacheCap();
    PageCacheCap(const PageCacheCap &) = delete;
    PageCacheCap &operator=(const PageCacheCap &) = delete;

private:
    sqlite3 *m_db;
    std::optional<qint64> m_previous; // `PRAGMA cache_size` as it was (pages, or -KiB)
};

} // namespace osc::sqlite
