#include "store/sqlite/SqliteConnection.h"

#include "store/sqlite/SqliteTime.h"

#include <QDebug>

#include <sqlite3.h>

namespace osc {

SqliteConnection::~SqliteConnection()
{
    close();
}

Status SqliteConnection::open(const QString &path, Mode mode, Durability durability)
{
    close();
    const int flags
        = (mode == Mode::ReadOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
        | SQLITE_OPEN_NOMUTEX;
    const QByteArray utf8 = path.toUtf8();
    if (sqlite3_open_v2(utf8.constData(), &m_db, flags, nullptr) != SQLITE_OK) {
        const QString message
            = m_db ? QString::fromUtf8(sqlite3_errmsg(m_db)) : QStringLiteral("out of memory");
        close();
        return Error::internal(QStringLiteral("cannot open database %1: %2").arg(path, message));
    }
    sqlite3_busy_timeout(m_db, 10000);
    if (!sqlite_time::registerFunctions(m_db)) {
        close();
        return Error::internal(QStringLiteral("cannot register SQL functions on %1").arg(path));
    }
    sqlite3_extended_result_codes(m_db, 1);
    // journal_mode is persistent in the file; setting it on a read-only handle is not allowed.
    if (mode == Mode::ReadWrite) {
        if (auto s = exec("PRAGMA journal_mode=WAL"); !s)
            return s;
    }
    const char *sync
        = durability == Durability::Full ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL";
    for (const char *pragma :
        {sync, "PRAGMA foreign_keys=ON", "PRAGMA temp_store=MEMORY", "PRAGMA cache_size=-65536"}) {
        if (auto s = exec(pragma); !s)
            return s;
    }
    return {};
}

void SqliteConnection::close()
{
    for (sqlite3_stmt *stmt : std::as_const(m_statements))
        sqlite3_finalize(stmt);
    m_statements.clear();
    if (m_db) {
        sqlite3_close_v2(m_db);
        m_db = nullptr;
    }
}

Status SqliteConnection::exec(const char *sql)
{
    char *message = nullptr;
    if (sqlite3_exec(m_db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
        const QString text = QString::fromUtf8(message ? message : "unknown error");
        sqlite3_free(message);
        qWarning().noquote() << "sqlite:" << text << "in" << sql;
        return Error::internal(text);
    }
    return {};
}

SqliteStatement SqliteConnection::prepare(const char *sql)
{
    // Keyed by the literal's address: every call site passes a string literal.
    sqlite3_stmt *stmt = m_statements.value(sql, nullptr);
    if (!stmt) {
        if (sqlite3_prepare_v3(m_db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) != SQLITE_OK) {
            qWarning().noquote() << "sqlite prepare:" << sqlite3_errmsg(m_db) << "in" << sql;
            return SqliteStatement(nullptr, this);
        }
        m_statements.insert(sql, stmt);
    }
    return SqliteStatement(stmt, this);
}

Status SqliteConnection::begin(bool immediate)
{
    return exec(immediate ? "BEGIN IMMEDIATE" : "BEGIN");
}

Status SqliteConnection::commit()
{
    return exec("COMMIT");
}

void SqliteConnection::rollback()
{
    if (m_db && !sqlite3_get_autocommit(m_db))
        sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
}

qint64 SqliteConnection::changes() const
{
    return sqlite3_changes64(m_db);
}

QString SqliteConnection::lastErrorMessage() const
{
    return QString::fromUtf8(sqlite3_errmsg(m_db));
}

int SqliteConnection::lastErrorCode() const
{
    return sqlite3_extended_errcode(m_db);
}

SqliteStatement::SqliteStatement(sqlite3_stmt *stmt, SqliteConnection *connection)
    : m_stmt(stmt)
    , m_connection(connection)
    , m_ok(stmt != nullptr)
{ }

SqliteStatement::SqliteStatement(SqliteStatement &&other) noexcept
    : m_stmt(std::exchange(other.m_stmt, nullptr))
    , m_connection(other.m_connection)
    , m_ok(other.m_ok)
    , m_errorCode(other.m_errorCode)
{ }

SqliteStatement::~SqliteStatement()
{
    if (m_stmt) {
        sqlite3_reset(m_stmt);
        sqlite3_clear_bindings(m_stmt);
    }
}

void SqliteStatement::reset()
{
    if (m_stmt)
        sqlite3_reset(m_stmt);
}

SqliteStatement &SqliteStatement::bind(int index, const QString &value)
{
    return bind(index, value.toUtf8());
}

SqliteStatement &SqliteStatement::bind(int index, const QByteArray &value)
{
    if (m_stmt)
        sqlite3_bind_text(m_stmt, index, value.constData(), int(value.size()), SQLITE_TRANSIENT);
    return *this;
}

SqliteStatement &SqliteStatement::bindText(int index, const char *utf8, int length)
{
    if (m_stmt)
        sqlite3_bind_text(m_stmt, index, utf8, length, SQLITE_TRANSIENT);
    return *this;
}

SqliteStatement &SqliteStatement::bind(int index, qint64 value)
{
    if (m_stmt)
        sqlite3_bind_int64(m_stmt, index, value);
    return *this;
}

SqliteStatement &SqliteStatement::bind(int index, TimeNs value)
{
    if (m_stmt) {
        const sqlite_time::Key key = sqlite_time::encode(value);
        sqlite3_bind_blob(m_stmt, index, key.data(), sqlite_time::kKeyBytes, SQLITE_TRANSIENT);
    }
    return *this;
}

SqliteStatement &SqliteStatement::bind(int index, double value)
{
    if (m_stmt)
        sqlite3_bind_double(m_stmt, index, value);
    return *this;
}

SqliteStatement &SqliteStatement::bindNull(int index)
{
    if (m_stmt)
        sqlite3_bind_null(m_stmt, index);
    return *this;
}

bool SqliteStatement::next()
{
    if (!m_stmt || !m_ok)
        return false;
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc != SQLITE_DONE) {
        m_ok = false;
        m_errorCode = sqlite3_extended_errcode(m_connection->handle());
        qWarning().noquote() << "sqlite step:" << m_connection->lastErrorMessage();
    }
    return false;
}

Status SqliteStatement::run()
{
    while (next()) { }
    return status();
}

Status SqliteStatement::status() const
{
    if (m_ok)
        return {};
    if ((m_errorCode & 0xff) == SQLITE_CONSTRAINT)
        return Error::conflictBare();
    return Error::internal(m_connection ? m_connection->lastErrorMessage() : QString());
}

bool SqliteStatement::isNull(int column) const
{
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

QString SqliteStatement::text(int column) const
{
    const auto *data = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, column));
    return QString::fromUtf8(data, sqlite3_column_bytes(m_stmt, column));
}

QByteArray SqliteStatement::bytes(int column) const
{
    const auto *data = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, column));
    return QByteArray(data, sqlite3_column_bytes(m_stmt, column));
}

QByteArrayView SqliteStatement::view(int column) const
{
    const auto *data = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, column));
    return QByteArrayView(data, sqlite3_column_bytes(m_stmt, column));
}

qint64 SqliteStatement::int64(int column) const
{
    return sqlite3_column_int64(m_stmt, column);
}

double SqliteStatement::real(int column) const
{
    return sqlite3_column_double(m_stmt, column);
}

std::optional<qint64> SqliteStatement::optionalInt64(int column) const
{
    if (isNull(column))
        return std::nullopt;
    return int64(column);
}

std::optional<TimeNs> SqliteStatement::optionalTime(int column) const
{
    return sqlite_time::column(m_stmt, column);
}

} // namespace osc
