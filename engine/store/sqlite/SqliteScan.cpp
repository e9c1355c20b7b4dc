#include "store/sqlite/SqliteScan.h"

#include "store/sqlite/SqliteTime.h"

#include <QDebug>

#include <sqlite3.h>

namespace osc::sqlite {

SqliteScan::~SqliteScan()
{
    if (m_stmt)
        sqlite3_finalize(m_stmt);
}

Status SqliteScan::prepare(sqlite3 *db, const QByteArray &sql, const QList<QVariant> &binds)
{
    m_db = db;
    if (sqlite3_prepare_v2(db, sql.constData(), int(sql.size()), &m_stmt, nullptr) != SQLITE_OK) {
        qWarning().noquote() << "sqlite prepare:" << sqlite3_errmsg(db) << "in" << sql;
        return Error::internal(QString::fromUtf8(sqlite3_errmsg(db)));
    }
    int index = 1;
    for (const QVariant &value : binds) {
        int rc = SQLITE_OK;
        if (sqlite_time::isTime(value)) {
            const sqlite_time::Key key = sqlite_time::encode(value.value<TimeNs>());
            rc = sqlite3_bind_blob(m_stmt, index, key.data(), sqlite_time::kKeyBytes, SQLITE_TRANSIENT);
            if (rc != SQLITE_OK)
                return Error::internal(QString::fromUtf8(sqlite3_errmsg(db)));
            ++index;
            continue;
        }
        switch (value.typeId()) {
        case QMetaType::Double:
            rc = sqlite3_bind_double(m_stmt, index, value.toDouble());
            break;
        case QMetaType::LongLong:
        case QMetaType::Int:
        case QMetaType::ULongLong:
        case QMetaType::UInt:
        case QMetaType::Bool:
            rc = sqlite3_bind_int64(m_stmt, index, value.toLongLong());
            break;
        default: {
            const QByteArray utf8 = value.toString().toUtf8();
            rc = sqlite3_bind_text(m_stmt, index, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
            break;
        }
        }
        if (rc != SQLITE_OK)
            return Error::internal(QString::fromUtf8(sqlite3_errmsg(db)));
        ++index;
    }
    return {};
}

Status SqliteScan::rerun(int index, QByteArrayView utf8)
{
    sqlite3_reset(m_stmt);
    m_error = 0;
    if (sqlite3_bind_text(m_stmt, index, utf8.data(), int(utf8.size()), SQLITE_TRANSIENT) != SQLITE_OK)
        return Error::internal(QString::fromUtf8(sqlite3_errmsg(m_db)));
    return {};
}

Status SqliteScan::rerun(int index, sqlite3_value *value)
{
    sqlite3_reset(m_stmt);
    m_error = 0;
    if (sqlite3_bind_value(m_stmt, index, value) != SQLITE_OK)
        return Error::internal(QString::fromUtf8(sqlite3_errmsg(m_db)));
    return {};
}

bool SqliteScan::next()
{
    if (!m_stmt || m_error)
        return false;
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc != SQLITE_DONE) {
        m_error = rc;
        m_errorMessage = QString::fromUtf8(sqlite3_errmsg(m_db));
        qWarning().noquote() << "sqlite step:" << m_errorMessage;
    }
    return false;
}

Status SqliteScan::status() const
{
    if (m_error)
        return Error::internal(m_errorMessage);
    return {};
}

qint64 SqliteScan::int64(int column) const
{
    return sqlite3_column_int64(m_stmt, column);
}

TimeNs SqliteScan::time(int column) const
{
    return sqlite_time::column(m_stmt, column).value_or(TimeNs());
}

double SqliteScan::real(int column) const
{
    return sqlite3_column_double(m_stmt, column);
}

bool SqliteScan::isNull(int column) const
{
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

int SqliteScan::type(int column) const
{
    return sqlite3_column_type(m_stmt, column);
}

sqlite3_value *SqliteScan::value(int column) const
{
    return sqlite3_column_value(m_stmt, column);
}

QByteArrayView SqliteScan::bytes(int column) const
{
    const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, column));
    return QByteArrayView(text, sqlite3_column_bytes(m_stmt, column));
}

ReadSnapshot::ReadSnapshot(sqlite3 *db)
    : m_db(db)
    , m_open(sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr) == SQLITE_OK)
{ }

ReadSnapshot::~ReadSnapshot()
{
    if (m_open)
        sqlite3_exec(m_db, "COMMIT", nullptr, nullptr, nullptr);
}

PageCacheCap::PageCacheCap(sqlite3 *db, int kibibytes)
    : m_db(db)
{
    sqlite3_stmt *stmt = nullptr;
    if (sqlite3_prepare_v2(db, "PRAGMA cache_size", -1, &stmt, nullptr) == SQLITE_OK
        && sqlite3_step(stmt) == SQLITE_ROW)
        m_previous = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    if (m_previous) // without the size to restore, the connection keeps its cache
        sqlite3_exec(db, QByteArray("PRAGMA cache_size=-" + QByteArray::number(kibibytes)).constData(),
            nullptr, nullptr, nullptr);
}

PageCacheCap::~PageCacheCap()
{
    if (m_previous)
        sqlite3_exec(m_db, QByteArray("PRAGMA cache_size=" + QByteArray::number(*m_previous)).constData(),
            nullptr, nullptr, nullptr);
}

} // namespace osc::sqlite
