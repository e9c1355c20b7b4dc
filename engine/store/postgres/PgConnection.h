#pragma once

#include "core/Result.h"
#include "core/TimeNs.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

#include <optional>

struct pg_conn;
struct pg_result;

namespace osc::pg {

// One bind parameter of a statement: text (the libpq text format PostgreSQL parses by the column's
// type), binary bytes (bytea: hashes, time keys), or NULL.
struct Param
{
    QByteArray value;
    bool null = false;
    bool binary = false;

    static Param text(const QString &s) { return {s.toUtf8(), false, false}; }
    static Param utf8(const QByteArray &s) { return {s, false, false}; }
    static Param bytes(const QByteArray &b) { return {b, false, true}; }
    static Param int64(qint64 v) { return {QByteArray::number(v), false, false}; }
    static Param optionalInt64(const std::optional<qint64> &v)
    {
        return v ? int64(*v) : Param{{}, true, false};
    }
    static Param boolean(bool v)
    {
        return {v ? QByteArrayLiteral("t") : QByteArrayLiteral("f"), false, false};
    }
    static Param real(double v);
    // An event-domain time as its 9-byte key (store/TimeKey.h), so bytea order is time order.
    static Param time(TimeNs t);
    static Param null_() { return {{}, true, false}; }
};
using Params = QList<Param>;

// A one-dimensional array literal ({"a","b",NULL}) bound as one text parameter: multi-row statements
// read their rows from unnest($1::text[], $2::bytea[], …), one prepared statement whatever the count.
class ArrayParam
{
public:
    void append(QByteArrayView utf8);
    void append(const QString &text) { append(QByteArrayView(text.toUtf8())); }
    void appendNull();
    void appendInt64(qint64 v);
    void appendReal(double v);
    void appendBytes(QByteArrayView bytes); // a bytea element
    void appendTime(TimeNs t); // its 9-byte key, as a bytea element
    Param param() const { return Param::utf8(m_text + '}'); }

private:
    void separate();
    QByteArray m_text = "{";
    bool m_empty = true;
};

// A statement's result (text format; bytea columns come back hex-escaped and are decoded by bytes()).
class Rows
{
public:
    Rows() = default;
    explicit Rows(pg_result *result);
    Rows(Rows &&other) noexcept;
    Rows &operator=(Rows &&other) noexcept;
    Rows(const Rows &) = delete;
    Rows &operator=(const Rows &) = delete;
    ~Rows();

    int size() const;
    bool isNull(int row, int column) const;
    QString text(int row, int column) const;
    QByteArray utf8(int row, int column) const;
    // The value's bytes in the result, valid while the Rows live (no copy).
    QByteArrayView view(int row, int column) const;
    qint64 int64(int row, int column) const;
    std::optional<qint64> optionalInt64(int row, int column) const;
    double real(int row, int column) const;
    bool boolean(int row, int column) const;
    QByteArray bytes(int row, int column) const; // bytea
    std::optional<TimeNs> time(int row, int column) const; // bytea time key
    // Rows an INSERT/UPDATE/DELETE touched.
    qint64 affected() const;

private:
    pg_result *m_result = nullptr;
};

// SQLSTATEs the store reacts to.
inline constexpr const char *kUniqueViolation = "23505";

// One libpq connection, used by one thread at a time (the store's pool hands it out). Statements are
// parameterized ($1, $2, …) and prepared once per connection; a lost connection is reset on the next
// use. Errors: a lost or refused connection → Unavailable (503 with the envelope), anything else →
// Internal; `lastSqlState()` tells callers which constraint failed.
class Connection
{
public:
    Connection() = default;
    ~Connection();
    Connection(const Connection &) = delete;
    Connection &operator=(const Connection &) = delete;

    Status open(const QByteArray &dsn);
    bool isOpen() const;
    // Reconnects when the connection was lost; Unavailable when the server cannot be reached.
    Status ensureConnected();

    // A prepared statement (prepared on first use on this connection, keyed by its text).
    Result<Rows> exec(const QByteArray &sql, const Params &params = {});
    // A statement run once, not prepared (DECLARE CURSOR, FETCH: statements PREPARE does not take).
    Result<Rows> execOnce(const QByteArray &sql, const Params &params = {});
    // Several statements without parameters (migrations, BEGIN/COMMIT).
    Status run(const QByteArray &sql);

    QByteArray lastSqlState() const { return m_lastSqlState; }

private:
    Error failure(const QByteArray &what);
    Result<Rows> finished(pg_result *result, const QByteArray &sql);

    pg_conn *m_conn = nullptr;
    QByteArray m_dsn;
    static constexpr qsizetype kMaxPreparedStatements = 512;
    QHash<QByteArray, QByteArray> m_prepared; // SQL text → statement name
    quint64 m_statementSerial = 0;
    QByteArray m_lastSqlState;
};

// Whether an SQLSTATE asks for the whole transaction to run again (serialization failure, deadlock).
bool isRetryable(const QByteArray &sqlState);

// The DSN with its password replaced by ***, for logs and location() (key=value and URI forms).
QString maskedDsn(const QString &dsn);

// The store's error for a lost or unreachable server: 503 with the contract's envelope.
Error unavailable(const QString &detail);

} // namespace osc::pg
