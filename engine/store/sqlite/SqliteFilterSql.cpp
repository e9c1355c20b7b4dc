#include "store/sqlite/SqliteFilterSql.h"
#include "store/sqlite/SqliteTime.h"

#include "core/Rfc3339.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>

namespace osc::sqlite {

using namespace osc::query;

namespace {

bool isPlainIdentifier(QStringView segment)
{
    if (segment.isEmpty())
        return false;
    for (qsizetype i = 0; i < segment.size(); ++i) {
        const char16_t c = segment[i].unicode();
        const bool alpha = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || c == u'_';
        const bool digit = c >= u'0' && c <= u'9';
        if (!alpha && !(digit && i > 0))
            return false;
    }
    return true;
}

// Canonical Go text of `value` when `text` is exactly that text, so the SQL side can compare numbers
// numerically instead of formatting every stored number.
std::optional<double> canonicalNumber(const QString &text)
{
    bool ok = false;
    const double value = text.toDouble(&ok);
    if (!ok || !std::isfinite(value) || goNumberText(value) != text)
        return std::nullopt;
    // SQL cannot tell -0 from 0; "-0" only ever names a negative zero, which stored metadata never
    // holds (Qt writes it as `-0`, which reads back as the integer 0).
    if (value == 0 && std::signbit(value))
        return std::nullopt;
    return value;
}

// ---------------------------------------------------------------------------------------------------
// SQL translation

// Integral doubles within ±2^53 survive a JSON round trip through json_each() exactly.
bool isExactJsonInteger(double v)
{
    return std::trunc(v) == v && std::fabs(v) <= 9007199254740992.0;
}

// Could `needle` occur inside a goNumberText() rendering? Lets contains skip formatting numbers.
bool couldMatchNumber(QStringView needle)
{
    for (const QChar c : needle)
        if (!(c.isDigit() && c.unicode() < 0x80) && c != u'.' && c != u'-' && c != u'+' && c != u'e')
            return false;
    return true;
}

class SqlBuilder
{
public:
    explicit SqlBuilder(const QByteArray &prefix)
        : m_prefix(prefix)
    { }

    void node(const FilterNode &node)
    {
        if (!node.isGroup()) {
            condition(node);
            return;
        }
        const char *joiner = node.groupOp == FilterGroupOp::And ? " AND " : " OR ";
        m_sql += '(';
        for (size_t i = 0; i < node.rules.size(); ++i) {
            if (i > 0)
                m_sql += joiner;
            m_sql += '(';
            this->node(node.rules[i]);
            m_sql += ')';
        }
        m_sql += ')';
    }

    SqlFragment take() { return {std::move(m_sql), std::move(m_binds)}; }

private:
    void bind(QVariant value)
    {
        m_sql += '?';
        m_binds.append(std::move(value));
    }

    // One JSON array bound as text and expanded by json_each() on the SQLite side.
    void bindJsonList(const QJsonArray &array)
    {
        m_sql += "(SELECT value FROM json_each(";
        bind(QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact)));
        m_sql += "))";
    }

    QByteArray column(const char *name) const { return m_prefix + name; }

    void condition(const FilterNode &c)
    {
        switch (c.field) {
        case FilterField::Subject:
            textColumn(c, column("subject"), false);
            return;
        case FilterField::Meter:
            textColumn(c, column("meter"), false);
            return;
        case FilterField::IdempotencyKey:
            textColumn(c, column("idempotency_key"), true);
            return;
        case FilterField::Quantity:
            quantityColumn(c, column("quantity"));
            return;
        case FilterField::EventTime:
            timeColumn(c, column("event_time"));
            return;
        case FilterField::ReceivedAt:
            timeColumn(c, column("received_at"));
            return;
        case FilterField::Metadata:
            metadata(c);
            return;
        case FilterField::ApiKey:
            // '' for events written without a key, as the rollups store it (migration 12).
            textColumn(c, "COALESCE(" + column("api_key_id") + ", '')", false);
            return;
        }
    }

    static const char *comparison(FilterOp op)
    {
        switch (op) {
        case FilterOp::Gt:
            return " > ";
        case FilterOp::Gte:
            return " >= ";
        case FilterOp::Lt:
            return " < ";
        case FilterOp::Lte:
            return " <= ";
        default:
            return " = ";
        }
    }

    void textColumn(const FilterNode &c, const QByteArray &col, bool nullable)
    {
        const QByteArray present = nullable ? col + " IS NOT NULL" : QByteArray("1");
        switch (c.op) {
        case FilterOp::Exists:
            m_sql += present;
            return;
        case FilterOp::Eq:
            if (!c.value.isString()) {
                m_sql += '0';
                return;
            }
            m_sql += col + " = ";
            bind(c.value.toString());
            return;
        case FilterOp::Neq:
            if (!c.value.isString()) {
                m_sql += present;
                return;
            }
            m_sql += "(" + present + " AND " + col + " <> ";
            bind(c.value.toString());
            m_sql += ')';
            return;
        case FilterOp::In: {
            QJsonArray strings;
            for (const QJsonValue &element : c.value.toArray())
                if (element.isString())
                    strings.append(element);
            if (strings.isEmpty()) {
                m_sql += '0';
                return;
            }
            m_sql += col + " IN ";
            bindJsonList(strings);
            return;
        }
        case FilterOp::Gt:
        case FilterOp::Gte:
        case FilterOp::Lt:
        case FilterOp::Lte:
            if (!c.value.isString()) {
                m_sql += '0';
                return;
            }
            m_sql += col + comparison(c.op);
            bind(c.value.toString());
            return;
        case FilterOp::Contains:
            // SQLite's built-in lower() folds ASCII only, like the reference.
            m_sql += "instr(lower(" + col + "), ";
            bind(c.needle);
            m_sql += ") > 0";
            return;
        }
    }

    // `expr IN (...)` for the numbers of an `in` list; false when there are none.
    void numberIn(const QByteArray &expr, const QJsonArray &elements)
    {
        QJsonArray integers;
        QList<double> others;
        for (const QJsonValue &element : elements) {
            if (!element.isDouble())
                continue;
            if (isExactJsonInteger(element.toDouble()))
                integers.append(qint64(element.toDouble()));
            else
                others.append(element.toDouble()); // bound one by one: binds carry doubles exactly
        }
        if (integers.isEmpty() && others.isEmpty()) {
            m_sql += '0';
            return;
        }
        m_sql += '(';
        if (!integers.isEmpty()) {
            m_sql += expr + " IN ";
            bindJsonList(integers);
        }
        if (!others.isEmpty()) {
            if (!integers.isEmpty())
                m_sql += " OR ";
            m_sql += expr + " IN (";
            for (qsizetype i = 0; i < others.size(); ++i) {
                if (i > 0)
                    m_sql += ", ";
                bind(others[i]);
            }
            m_sql += ')';
        }
        m_sql += ')';
    }

    void quantityColumn(const FilterNode &c, const QByteArray &col)
    {
        switch (c.op) {
        case FilterOp::Exists:
            m_sql += '1';
            return;
        case FilterOp::Eq:
        case FilterOp::Gt:
        case FilterOp::Gte:
        case FilterOp::Lt:
        case FilterOp::Lte:
            if (!c.value.isDouble()) {
                m_sql += '0';
                return;
            }
            m_sql += col + comparison(c.op);
            bind(c.value.toDouble());
            return;
        case FilterOp::Neq:
            if (!c.value.isDouble()) {
                m_sql += '1';
                return;
            }
            m_sql += col + " <> ";
            bind(c.value.toDouble());
            return;
        case FilterOp::In:
            numberIn(col, c.value.toArray());
            return;
        case FilterOp::Contains:
            if (!couldMatchNumber(c.needle)) {
                m_sql += '0';
                return;
            }
            m_sql += "instr(" + sqliteGoNumberText(col) + ", ";
            bind(c.needle);
            m_sql += ") > 0";
            return;
        }
    }

    void timeColumn(const FilterNode &c, const QByteArray &col)
    {
        switch (c.op) {
        case FilterOp::Exists:
            m_sql += '1';
            return;
        case FilterOp::Eq:
        case FilterOp::Contains: // a full timestamp only contains itself
        case FilterOp::Gt:
        case FilterOp::Gte:
        case FilterOp::Lt:
        case FilterOp::Lte:
            m_sql += col + comparison(c.op);
            bind(sqlite_time::param(c.timesNs.value(0)));
            return;
        case FilterOp::Neq:
            m_sql += col + " <> ";
            bind(sqlite_time::param(c.timesNs.value(0)));
            return;
        case FilterOp::In: {
            QJsonArray times;
            for (const TimeNs ns : c.timesNs)
                times.append(QString::fromLatin1(ns.toDecimal()));
            m_sql += col + " IN (SELECT osc_time_key(value) FROM json_each(";
            bind(QString::fromUtf8(QJsonDocument(times).toJson(QJsonDocument::Compact)));
            m_sql += "))";
            return;
        }
        }
    }

    // Metadata: json_type() says which JSON type sits at the path (NULL = missing) and json_extract()
    // yields its SQL value. Terms put the json_extract() comparison first so most rows fail before
    // the type check; SQLite caches the parsed JSON across the calls of one row.
    struct Json
    {
        QByteArray type; // json_type(metadata, path)
        QByteArray value; // json_extract(metadata, path)
    };

    // Never NULL once `type` is known to be non-NULL, which `neq` relies on.
    void metadataEquals(const Json &j, const QJsonValue &value)
    {
        switch (value.type()) {
        case QJsonValue::String:
            m_sql += "(" + j.value + " = ";
            bind(value.toString());
            m_sql += " AND " + j.type + " = 'text')";
            return;
        case QJsonValue::Double:
            m_sql += "(CAST(" + j.value + " AS REAL) = ";
            bind(value.toDouble());
            m_sql += " AND " + j.type + " IN ('integer', 'real'))";
            return;
        case QJsonValue::Bool:
            m_sql += j.type + (value.toBool() ? " = 'true'" : " = 'false'");
            return;
        case QJsonValue::Null:
            m_sql += j.type + " = 'null'";
            return;
        case QJsonValue::Array:
        case QJsonValue::Object:
        case QJsonValue::Undefined:
            m_sql += '0';
            return;
        }
    }

    void metadata(const FilterNode &c)
    {
        const QByteArray column = this->column("metadata");
        const QByteArray path = sqlStringLiteral(sqliteJsonPath(c.metadataPath));
        const Json j{"json_type(" + column + ", " + path + ")", "json_extract(" + column + ", " + path + ")"};
        switch (c.op) {
        case FilterOp::Exists:
            m_sql += j.type + " IS NOT NULL";
            return;
        case FilterOp::Eq:
            metadataEquals(j, c.value);
            return;
        case FilterOp::Neq:
            m_sql += "(" + j.type + " IS NOT NULL AND NOT ";
            metadataEquals(j, c.value);
            m_sql += ')';
            return;
        case FilterOp::In:
            metadataIn(j, c.value.toArray());
            return;
        case FilterOp::Gt:
        case FilterOp::Gte:
        case FilterOp::Lt:
        case FilterOp::Lte:
            if (c.value.isDouble()) {
                m_sql += "(CAST(" + j.value + " AS REAL)" + comparison(c.op);
                bind(c.value.toDouble());
                m_sql += " AND " + j.type + " IN ('integer', 'real'))";
            } else if (c.value.isString()) {
                m_sql += "(" + j.value + comparison(c.op);
                bind(c.value.toString());
                m_sql += " AND " + j.type + " = 'text')";
            } else {
                m_sql += '0';
            }
            return;
        case FilterOp::Contains:
            metadataContains(j, c.needle);
            return;
        }
    }

    void metadataIn(const Json &j, const QJsonArray &elements)
    {
        QJsonArray strings;
        bool hasNumbers = false;
        QList<QByteArray> literalTypes; // true / false / null elements
        for (const QJsonValue &element : elements) {
            if (element.isString())
                strings.append(element);
            else if (element.isDouble())
                hasNumbers = true;
            else if (element.isBool())
                literalTypes.append(element.toBool() ? "'true'" : "'false'");
            else if (element.isNull())
                literalTypes.append("'null'");
        }
        int terms = 0;
        const auto next = [&] { m_sql += terms++ == 0 ? "(" : " OR "; };
        if (!strings.isEmpty()) {
            next();
            m_sql += "(" + j.value + " IN ";
            bindJsonList(strings);
            m_sql += " AND " + j.type + " = 'text')";
        }
        if (hasNumbers) {
            next();
            m_sql += '(';
            numberIn("CAST(" + j.value + " AS REAL)", elements);
            m_sql += " AND " + j.type + " IN ('integer', 'real'))";
        }
        if (!literalTypes.isEmpty()) {
            next();
            m_sql += j.type + " IN (" + literalTypes.join(", ") + ")";
        }
        m_sql += terms == 0 ? "0" : ")";
    }

    void metadataContains(const Json &j, const QString &needle)
    {
        // One CASE on the JSON type (missing counts as null). The eight JSON types are exhaustive, so the
        // ELSE branch sees exactly the numbers and the costly number formatting is emitted once, and
        // only when the needle could occur in a number's text at all.
        m_sql += "CASE coalesce(" + j.type + ", 'null')";
        for (const char *type : {"text", "object", "array"}) {
            m_sql += " WHEN '" + QByteArray(type) + "' THEN instr(lower(" + j.value + "), ";
            bind(needle);
            m_sql += ") > 0";
        }
        m_sql += QStringView(u"true").contains(needle) ? " WHEN 'true' THEN 1" : " WHEN 'true' THEN 0";
        m_sql += QStringView(u"false").contains(needle) ? " WHEN 'false' THEN 1" : " WHEN 'false' THEN 0";
        m_sql += " WHEN 'null' THEN 0 ELSE ";
        if (couldMatchNumber(needle)) {
            m_sql += "instr(" + sqliteGoNumberText(j.value) + ", ";
            bind(needle);
            m_sql += ") > 0";
        } else {
            m_sql += '0';
        }
        m_sql += " END";
    }

    QByteArray m_prefix;
    QByteArray m_sql;
    QList<QVariant> m_binds;
};

} // namespace

QByteArray sqliteJsonPath(const QStringList &path)
{
    QByteArray out = "$";
    for (const QString &segment : path) {
        out += '.';
        if (isPlainIdentifier(segment)) {
            out += segment.toUtf8();
        } else {
            out += '"';
            out += segment.toUtf8();
            out += '"';
        }
    }
    return out;
}

QByteArray sqlStringLiteral(QByteArrayView text)
{
    QByteArray out = "'";
    for (const char c : text) {
        if (c == '\'')
            out += '\'';
        out += c;
    }
    out += '\'';
    return out;
}

QByteArray sqliteGoNumberText(const QByteArray &numericExpr)
{
    // SQLite has no shortest-round-trip formatting, so this takes the shortest of printf's 15-, 16- and
    // 17-significant-digit scientific forms that reads back as the same double, splits it into digits
    // `d` and decimal exponent `e`, and lays them out like goNumberText(). The round-trip test parses
    // through json_extract() because CAST(text AS REAL) is not always correctly rounded in SQLite,
    // while its JSON number parser is. Nested derived tables name the intermediate values so the
    // expression is computed once per row.
    QByteArray sql;
    sql += "(SELECT CASE WHEN v = 0 THEN '0' ELSE CASE WHEN v < 0 THEN '-' ELSE '' END || CASE"
           " WHEN a < 1e-6 OR a >= 1e21 THEN substr(d, 1, 1) || CASE WHEN length(d) > 1 THEN '.' ||"
           " substr(d, 2) ELSE '' END || 'e' || CASE WHEN e < 0 THEN '-' ELSE '+' END || abs(e)"
           " WHEN e >= length(d) - 1 THEN d || substr('00000000000000000000', 1, e - length(d) + 1)"
           " WHEN e >= 0 THEN substr(d, 1, e + 1) || '.' || substr(d, e + 2)"
           " ELSE '0.' || substr('000000', 1, -e - 1) || d END END"
           " FROM (SELECT v, a, rtrim(replace(substr(s, 1, instr(s, 'e') - 1), '.', ''), '0') AS d,"
           " CAST(substr(s, instr(s, 'e') + 1) AS INTEGER) AS e"
           " FROM (SELECT v, a, CASE WHEN json_extract(printf('%.14e', a), '$') = a THEN printf('%.14e', a)"
           " WHEN json_extract(printf('%.15e', a), '$') = a THEN printf('%.15e', a)"
           " ELSE printf('%!.16e', a) END AS s"
           " FROM (SELECT v, abs(v) AS a FROM (SELECT CAST(";
    sql += numericExpr;
    sql += " AS REAL) AS v)))))";
    return sql;
}

QByteArray sqliteGroupValue(const QByteArray &metadataColumn, const QStringList &path)
{
    const QByteArray pathLiteral = sqlStringLiteral(sqliteJsonPath(path));
    const QByteArray extract = "json_extract(" + metadataColumn + ", " + pathLiteral + ")";
    const QByteArray number = sqliteGoNumberText(extract);
    return "CASE json_type(" + metadataColumn + ", " + pathLiteral + ") WHEN 'text' THEN " + extract
        + " WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' WHEN 'integer' THEN " + number
        + " WHEN 'real' THEN " + number + " WHEN 'object' THEN " + extract + " WHEN 'array' THEN " + extract
        + " ELSE '<nil>' END";
}

SqlFragment toSqlite(const MetadataEquals &filter, const QByteArray &metadataColumn)
{
    const QByteArray pathLiteral = sqlStringLiteral(sqliteJsonPath(filter.path));
    const QByteArray extract = "json_extract(" + metadataColumn + ", " + pathLiteral + ")";
    SqlFragment out;
    out.sql
        = "CASE json_type(" + metadataColumn + ", " + pathLiteral + ") WHEN 'text' THEN " + extract + " = ?";
    out.binds.append(filter.value);
    out.sql += filter.value == QLatin1StringView("true") ? " WHEN 'true' THEN 1" : " WHEN 'true' THEN 0";
    out.sql += filter.value == QLatin1StringView("false") ? " WHEN 'false' THEN 1" : " WHEN 'false' THEN 0";
    if (const auto number = canonicalNumber(filter.value)) {
        for (const char *type : {"integer", "real"}) {
            out.sql += " WHEN '" + QByteArray(type) + "' THEN CAST(" + extract + " AS REAL) = ?";
            out.binds.append(*number);
        }
    }
    // Stored metadata is Qt's compact JSON and json_extract() re-emits a sub-object verbatim, so the
    // texts compare equal exactly when textualForm() does.
    if (filter.value.startsWith(u'{') || filter.value.startsWith(u'[')) {
        for (const char *type : {"object", "array"}) {
            out.sql += " WHEN '" + QByteArray(type) + "' THEN " + extract + " = ?";
            out.binds.append(filter.value);
        }
    }
    out.sql += " ELSE 0 END";
    return out;
}

SqlFragment toSqlite(const FilterNode &node, const QByteArray &columnPrefix)
{
    SqlBuilder builder(columnPrefix);
    builder.node(node);
    return builder.take();
}

} // namespace osc::sqlite
