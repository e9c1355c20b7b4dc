#include "store/postgres/PgConnection.h"

#include "store/TimeKey.h"

#include <QDebug>
#include <QRegularExpression>

#include <libpq-fe.h>

#include <vector>

namespace osc::pg {

namespace {

// Notices ("relation already exists, skipping") are not errors; keep them out of stderr.
void ignoreNotice(void *, const char *) { }

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

} // namespace

Param Param::real(double v)
{
    // 17 significant digits round-trip every double (float8 parses them exactly).
    return {QByteArray::number(v, 'g', 17), false, false};
}

Param Param::time(TimeNs t)
{
    const time_key::Key key = time_key::encode(t);
    return {QByteArray(reinterpret_cast<const char *>(key.data()), time_key::kKeyBytes), false, true};
}

void ArrayParam::separate()
{
    if (!m_empty)
        m_text.append(',');
    m_empty = false;
}

void ArrayParam::append(QByteArrayView utf8)
{
    separate();
    m_text.append('"');
    for (char c : utf8) {
        if (c == '"' || c == '\\')
            m_text.append('\\');
        m_text.append(c);
    }
    m_text.append('"');
}

void ArrayParam::appendNull()
{
    separate();
    m_text.append("NULL");
}

void ArrayParam::appendInt64(qint64 v)
{
    separate();
    m_text.append(QByteArray::number(v));
}

void ArrayParam::appendReal(double v)
{
    separate();
    m_text.append(QByteArray::number(v, 'g', 17));
}

void ArrayParam::appendBytes(QByteArrayView bytes)
{
    // bytea's text form \x<hex>, its backslash escaped for the array literal.
    separate();
    m_text.append("\"\\\\x");
    m_text.append(QByteArray::fromRawData(bytes.data(), bytes.size()).toHex());
    m_text.append('"');
}

void ArrayParam::appendTime(TimeNs t)
{
    const time_key::Key key = time_key::encode(t);
    appendBytes(QByteArrayView(reinterpret_cast<const char *>(key.data()), time_key::kKeyBytes));
}

Rows::Rows(pg_result *result)
    : m_result(result)
{ }

Rows::Rows(Rows &&other) noexcept
    : m_result(std::exchange(other.m_result, nullptr))
{ }

Rows &Rows::operator=(Rows &&other) noexcept
{
    if (this != &other) {
        if (m_result)
            PQclear(m_result);
        m_result = std::exchange(other.m_result, nullptr);
    }
    return *this;
}

Rows::~Rows()
{
    if (m_result)
        PQclear(m_result);
}

int Rows::size() const
{
    return m_result ? PQntuples(m_result) : 0;
}

bool Rows::isNull(int row, int column) const
{
    return PQgetisnull(m_result, row, column) != 0;
}

QString Rows::text(int row, int column) const
{
    return QString::fromUtf8(PQgetvalue(m_result, row, column), PQgetlength(m_result, row, column));
}

QByteArray Rows::utf8(int row, int column) const
{
    return QByteArray(PQgetvalue(m_result, row, column), PQgetlength(m_result, row, column));
}

QByteArrayView Rows::view(int row, int column) const
{
    return QByteArrayView(PQgetvalue(m_result, row, column), PQgetlength(m_result, row, column));
}

qint64 Rows::int64(int row, int column) const
{
    return isNull(row, column) ? 0 : QByteArray(PQgetvalue(m_result, row, column)).toLongLong();
}

std::optional<qint64> Rows::optionalInt64(int row, int column) const
{
    if (isNull(row, column))
        return std::nullopt;
    return int64(row, column);
}

double Rows::real(int row, int column) const
{
    return isNull(row, column) ? 0.0 : QByteArray(PQgetvalue(m_result, row, column)).toDouble();
}

bool Rows::boolean(int row, int column) const
{
    return !isNull(row, column) && PQgetvalue(m_result, row, column)[0] == 't';
}

QByteArray Rows::bytes(int row, int column) const
{
    if (isNull(row, column))
        return {};
    // Text-format bytea is "\x" followed by two hex digits per byte (bytea_output = hex, set at connect).
    const char *text = PQgetvalue(m_result, row, column);
    const int length = PQgetlength(m_result, row, column);
    if (length < 2 || text[0] != '\\' || text[1] != 'x')
        return {};
    QByteArray out;
    out.reserve((length - 2) / 2);
    for (int i = 2; i + 1 < length; i += 2) {
        const int high = hexValue(text[i]);
        const int low = hexValue(text[i + 1]);
        if (high < 0 || low < 0)
            return {};
        out.append(char(high << 4 | low));
    }
    return out;
}

std::optional<TimeNs> Rows::time(int row, int column) const
{
    if (isNull(row, column))
        return std::nullopt;
    return time_key::decode(bytes(row, column));
}

qint64 Rows::affected() const
{
    return m_result ? QByteArray(PQcmdTuples(m_result)).toLongLong() : 0;
}

Connection::~Connection()
{
    if (m_conn)
        PQfinish(m_conn);
}

Status Connection::open(const QByteArray &dsn)
{
    m_dsn = dsn;
    if (m_conn) {
        PQfinish(m_conn);
        m_conn = nullptr;
    }
    m_prepared.clear();
    m_conn = PQconnectdb(dsn.constData());
    if (!m_conn || PQstatus(m_conn) != CONNECTION_OK) {
        const QString detail = m_conn ? QString::fromUtf8(PQerrorMessage(m_conn)).trimmed() : QString();
        if (m_conn) {
            PQfinish(m_conn);
            m_conn = nullptr;
        }
        return unavailable(QStringLiteral("cannot connect to PostgreSQL: %1").arg(detail));
    }
    PQsetNoticeProcessor(m_conn, ignoreNotice, nullptr);
    // UTF-8 text, hex bytea, UTC, and no statement left waiting on a lock forever.
    return run("SET client_encoding = 'UTF8'; SET bytea_output = 'hex'; SET TIME ZONE 'UTC'; "
               "SET extra_float_digits = 1; SET lock_timeout = '30s'");
}

bool Connection::isOpen() const
{
    return m_conn && PQstatus(m_conn) == CONNECTION_OK;
}

Status Connection::ensureConnected()
{
    if (isOpen())
        return {};
    return open(m_dsn);
}

Error Connection::failure(const QByteArray &what)
{
    const QString detail = m_conn ? QString::fromUtf8(PQerrorMessage(m_conn)).trimmed() : QString();
    // Constraint hits and serialization failures are answers the store handles, not faults to log.
    if (m_lastSqlState != kUniqueViolation && !isRetryable(m_lastSqlState))
        qWarning("postgres: %s: %s", what.constData(), qUtf8Printable(detail));
    // A lost connection (or a server shutting down): the caller answers 503 and the next use reconnects.
    if (!m_conn || PQstatus(m_conn) != CONNECTION_OK || m_lastSqlState.startsWith("08")
        || m_lastSqlState.startsWith("57P"))
        return unavailable(QStringLiteral("PostgreSQL connection lost: %1").arg(detail));
    return Error::internal(QStringLiteral("%1: %2").arg(QString::fromUtf8(what), detail));
}

Result<Rows> Connection::exec(const QByteArray &sql, const Params &params)
{
    m_lastSqlState.clear();
    if (auto s = ensureConnected(); !s)
        return s.error();
    auto name = m_prepared.constFind(sql);
    if (name == m_prepared.constEnd()) {
        // Filters make statements dynamic: keep the per-connection set of prepared plans bounded.
        if (m_prepared.size() >= kMaxPreparedStatements) {
            if (auto s = run("DEALLOCATE ALL"); !s)
                return s.error();
            m_prepared.clear();
        }
        const QByteArray statementName = "osc_" + QByteArray::number(++m_statementSerial);
        pg_result *prepared = PQprepare(m_conn, statementName.constData(), sql.constData(), 0, nullptr);
        const Rows preparedRows(prepared);
        if (!prepared || PQresultStatus(prepared) != PGRES_COMMAND_OK) {
            if (prepared)
                m_lastSqlState = QByteArray(PQresultErrorField(prepared, PG_DIAG_SQLSTATE));
            return failure("prepare " + sql.left(80));
        }
        name = m_prepared.insert(sql, statementName);
    }
    std::vector<const char *> values(size_t(params.size()));
    std::vector<int> lengths(size_t(params.size()));
    std::vector<int> formats(size_t(params.size()));
    for (qsizetype i = 0; i < params.size(); ++i) {
        const Param &p = params[i];
        values[size_t(i)] = p.null ? nullptr : p.value.constData();
        lengths[size_t(i)] = int(p.value.size());
        formats[size_t(i)] = p.binary ? 1 : 0;
    }
    pg_result *result = PQexecPrepared(
        m_conn, name->constData(), int(params.size()), values.data(), lengths.data(), formats.data(), 0);
    auto rows = finished(result, sql);
    // A statement the server forgot (e.g. after DISCARD) is prepared again next time.
    if (!rows && m_lastSqlState == "26000")
        m_prepared.remove(sql);
    return rows;
}

Result<Rows> Connection::finished(pg_result *result, const QByteArray &sql)
{
    Rows rows(result);
    const ExecStatusType status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
        if (result)
            m_lastSqlState = QByteArray(PQresultErrorField(result, PG_DIAG_SQLSTATE));
        return failure(sql.left(80));
    }
    return rows;
}

Result<Rows> Connection::execOnce(const QByteArray &sql, const Params &params)
{
    m_lastSqlState.clear();
    if (auto s = ensureConnected(); !s)
        return s.error();
    std::vector<const char *> values(size_t(params.size()));
    std::vector<int> lengths(size_t(params.size()));
    std::vector<int> formats(size_t(params.size()));
    for (qsizetype i = 0; i < params.size(); ++i) {
        const Param &p = params[i];
        values[size_t(i)] = p.null ? nullptr : p.value.constData();
        lengths[size_t(i)] = int(p.value.size());
        formats[size_t(i)] = p.binary ? 1 : 0;
    }
    return finished(PQexecParams(m_conn, sql.constData(), int(params.size()), nullptr, values.data(),
                        lengths.data(), formats.data(), 0),
        sql);
}

Status Connection::run(const QByteArray &sql)
{
    m_lastSqlState.clear();
    if (!m_conn)
        return unavailable(QStringLiteral("PostgreSQL connection not open"));
    pg_result *result = PQexec(m_conn, sql.constData());
    Rows rows(result);
    const ExecStatusType status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
        if (result)
            m_lastSqlState = QByteArray(PQresultErrorField(result, PG_DIAG_SQLSTATE));
        return failure(sql.left(80));
    }
    return {};
}

bool isRetryable(const QByteArray &sqlState)
{
    return sqlState == "40001" || sqlState == "40P01";
}

QString maskedDsn(const QString &dsn)
{
    QString out = dsn;
    // URI form: postgresql://user:secret@host/db → postgresql://user:***@host/db
    static const QRegularExpression uriPassword(QStringLiteral(R"(^(postgres(?:ql)?://[^:/@]*:)[^@]*@)"));
    out.replace(uriPassword, QStringLiteral("\\1***@"));
    // URI query parameter and key=value form: password=secret, password='se cret'
    static const QRegularExpression keyPassword(
        QStringLiteral(R"((\bpassword\s*=\s*)('(?:[^'\\]|\\.)*'|[^\s&]*))"),
        QRegularExpression::CaseInsensitiveOption);
    out.replace(keyPassword, QStringLiteral("\\1***"));
    return out;
}

Error unavailable(const QString &detail)
{
    // The detail names the server's answer; it goes to logs, never into the wire message.
    Q_UNUSED(detail)
    return {ErrorKind::Unavailable, QStringLiteral("unavailable"), QStringLiteral("storage unavailable")};
}

} // namespace osc::pg
