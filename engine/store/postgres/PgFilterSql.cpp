#include "store/postgres/PgFilterSql.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace osc::pg {

using namespace osc::query;

namespace {

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
    SqlBuilder(Params &params, const QByteArray &prefix)
        : m_params(params)
        , m_prefix(prefix)
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

    QByteArray take() { return std::move(m_sql); }

private:
    // Appends the parameter and returns its placeholder, cast to `type`.
    QByteArray bind(Param value, const char *type)
    {
        m_params.append(std::move(value));
        return "$" + QByteArray::number(m_params.size()) + "::" + type;
    }
    QByteArray bindText(const QString &text) { return bind(Param::text(text), "text"); }
    QByteArray bindReal(double v) { return bind(Param::real(v), "float8"); }

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

    // Text columns are COLLATE "C": comparisons are bytewise, as SQLite's BINARY collation.
    void textColumn(const FilterNode &c, const QByteArray &col, bool nullable)
    {
        const QByteArray present = nullable ? "(" + col + " IS NOT NULL)" : QByteArray("true");
        switch (c.op) {
        case FilterOp::Exists:
            m_sql += present;
            return;
        case FilterOp::Eq:
            if (!c.value.isString()) {
                m_sql += "false";
                return;
            }
            m_sql += "COALESCE(" + col + " = " + bindText(c.value.toString()) + ", false)";
            return;
        case FilterOp::Neq:
            if (!c.value.isString()) {
                m_sql += present;
                return;
            }
            m_sql += "COALESCE(" + col + " <> " + bindText(c.value.toString()) + ", false)";
            return;
        case FilterOp::In: {
            ArrayParam strings;
            bool any = false;
            for (const QJsonValue &element : c.value.toArray())
                if (element.isString()) {
                    strings.append(element.toString());
                    any = true;
                }
            if (!any) {
                m_sql += "false";
                return;
            }
            m_sql += "COALESCE(" + col + " = ANY(" + bind(strings.param(), "text[]") + "), false)";
            return;
        }
        case FilterOp::Gt:
        case FilterOp::Gte:
        case FilterOp::Lt:
        case FilterOp::Lte:
            if (!c.value.isString()) {
                m_sql += "false";
                return;
            }
            m_sql += "COALESCE(" + col + comparison(c.op) + bindText(c.value.toString()) + ", false)";
            return;
        case FilterOp::Contains:
            // lower() under the "C" collation folds ASCII only, like the reference.
            m_sql += "COALESCE(strpos(lower(" + col + "), " + bindText(c.needle) + ") > 0, false)";
            return;
        }
    }

    // `expr = ANY(numbers of the in list)`; false when there are none.
    void numberIn(const QByteArray &expr, const QJsonArray &elements)
    {
        ArrayParam numbers;
        bool any = false;
        for (const QJsonValue &element : elements)
            if (element.isDouble()) {
                numbers.appendReal(element.toDouble());
                any = true;
            }
        if (!any) {
            m_sql += "false";
            return;
        }
        m_sql += expr + " = ANY(" + bind(numbers.param(), "float8[]") + ")";
    }

    void quantityColumn(const FilterNode &c, const QByteArray &col)
    {
        switch (c.op) {
        case FilterOp::Exists:
            m_sql += "true";
            return;
        case FilterOp::Eq:
        case FilterOp::Gt:
        case FilterOp::Gte:
        case FilterOp::Lt:
        case FilterOp::Lte:
            if (!c.value.isDouble()) {
                m_sql += "false";
                return;
            }
            m_sql += col + comparison(c.op) + bindReal(c.value.toDouble());
            return;
        case FilterOp::Neq:
            if (!c.value.isDouble()) {
                m_sql += "true";
                return;
            }
            m_sql += col + " <> " + bindReal(c.value.toDouble());
            return;
        case FilterOp::In:
            numberIn(col, c.value.toArray());
            return;
        case FilterOp::Contains:
            if (!couldMatchNumber(c.needle)) {
                m_sql += "false";
                return;
            }
            m_sql += "strpos(osc_go_number_text(" + col + "), " + bindText(c.needle) + ") > 0";
            return;
        }
    }

    void timeColumn(const FilterNode &c, const QByteArray &col)
    {
        switch (c.op) {
        case FilterOp::Exists:
            m_sql += "true";
            return;
        case FilterOp::Eq:
        case FilterOp::Contains: // a full timestamp only contains itself
        case FilterOp::Gt:
        case FilterOp::Gte:
        case FilterOp::Lt:
        case FilterOp::Lte:
            m_sql += col + comparison(c.op) + bind(Param::time(c.timesNs.value(0)), "bytea");
            return;
        case FilterOp::Neq:
            m_sql += col + " <> " + bind(Param::time(c.timesNs.value(0)), "bytea");
            return;
        case FilterOp::In: {
            ArrayParam times;
            for (const TimeNs ns : c.timesNs)
                times.appendTime(ns);
            m_sql += col + " = ANY(" + bind(times.param(), "bytea[]") + ")";
            return;
        }
        }
    }

    // The jsonb value at the condition's path (NULL when missing), its type and its scalar text.
    struct Json
    {
        QByteArray value;
        QByteArray type;
        QByteArray text; // strings: the unquoted text, COLLATE "C"
        QByteArray number; // numbers: float8 (only evaluated once type = 'number')
    };

    Json json(const FilterNode &c)
    {
        const QByteArray value = "jsonb_path_query_first(" + column("metadata") + ", "
            + bind(Param::utf8(jsonPath(c.metadataPath)), "jsonpath") + ", '{}'::jsonb, true)";
        return {value, "jsonb_typeof(" + value + ")", "((" + value + " #>> '{}') COLLATE \"C\")",
            "(" + value + ")::float8"};
    }

    // `{"a": {"b": value}}` for `metadata @> …`: a necessary condition of equality at path a.b that
    // the GIN index (jsonb_path_ops) answers.
    QByteArray containment(const QStringList &path, const QJsonValue &value)
    {
        QJsonValue nested = value;
        for (qsizetype i = path.size() - 1; i >= 0; --i)
            nested = QJsonObject{{path[i], nested}};
        return "(" + column("metadata") + " @> "
            + bind(Param::utf8(QJsonDocument(nested.toObject()).toJson(QJsonDocument::Compact)), "jsonb")
            + ")";
    }

    // Never NULL, which `neq` relies on.
    void metadataEquals(const FilterNode &c, const Json &j, const QJsonValue &value, bool indexed)
    {
        switch (value.type()) {
        case QJsonValue::String:
            m_sql += "(";
            if (indexed)
                m_sql += containment(c.metadataPath, value) + " AND ";
            m_sql += "COALESCE(" + j.type + " = 'string' AND " + j.text + " = " + bindText(value.toString())
                + ", false))";
            return;
        case QJsonValue::Double:
            // Compared as doubles, as SQLite's CAST(… AS REAL) does (jsonb's numeric equality is exact).
            m_sql += "(CASE WHEN " + j.type + " = 'number' THEN " + j.number + " = "
                + bindReal(value.toDouble()) + " ELSE false END)";
            return;
        case QJsonValue::Bool:
            m_sql += "COALESCE(" + j.value + (value.toBool() ? " = 'true'::jsonb" : " = 'false'::jsonb")
                + ", false)";
            return;
        case QJsonValue::Null:
            m_sql += "COALESCE(" + j.type + " = 'null', false)";
            return;
        case QJsonValue::Array:
        case QJsonValue::Object:
        case QJsonValue::Undefined:
            m_sql += "false";
            return;
        }
    }

    void metadata(const FilterNode &c)
    {
        const Json j = json(c);
        switch (c.op) {
        case FilterOp::Exists:
            m_sql += "(" + j.value + " IS NOT NULL)";
            return;
        case FilterOp::Eq:
            metadataEquals(c, j, c.value, true);
            return;
        case FilterOp::Neq:
            m_sql += "(" + j.value + " IS NOT NULL AND NOT ";
            metadataEquals(c, j, c.value, false);
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
                m_sql += "(CASE WHEN " + j.type + " = 'number' THEN " + j.number + comparison(c.op)
                    + bindReal(c.value.toDouble()) + " ELSE false END)";
            } else if (c.value.isString()) {
                m_sql += "(CASE WHEN " + j.type + " = 'string' THEN " + j.text + comparison(c.op)
                    + bindText(c.value.toString()) + " ELSE false END)";
            } else {
                m_sql += "false";
            }
            return;
        case FilterOp::Contains:
            metadataContains(c, j, c.needle);
            return;
        }
    }

    void metadataIn(const Json &j, const QJsonArray &elements)
    {
        ArrayParam strings;
        bool hasStrings = false;
        bool hasNumbers = false;
        QList<QByteArray> literals; // true / false / null elements
        for (const QJsonValue &element : elements) {
            if (element.isString()) {
                strings.append(element.toString());
                hasStrings = true;
            } else if (element.isDouble()) {
                hasNumbers = true;
            } else if (element.isBool()) {
                literals.append(element.toBool() ? "'true'::jsonb" : "'false'::jsonb");
            } else if (element.isNull()) {
                literals.append("'null'::jsonb");
            }
        }
        int terms = 0;
        const auto next = [&] { m_sql += terms++ == 0 ? "(" : " OR "; };
        if (hasStrings) {
            next();
            m_sql += "COALESCE(" + j.type + " = 'string' AND " + j.text + " = ANY("
                + bind(strings.param(), "text[]") + "), false)";
        }
        if (hasNumbers) {
            next();
            m_sql += "(CASE WHEN " + j.type + " = 'number' THEN ";
            numberIn(j.number, elements);
            m_sql += " ELSE false END)";
        }
        if (!literals.isEmpty()) {
            next();
            m_sql += "COALESCE(" + j.value + " IN (" + literals.join(", ") + "), false)";
        }
        m_sql += terms == 0 ? "false" : ")";
    }

    void metadataContains(const FilterNode &c, const Json &j, const QString &needle)
    {
        // Objects and arrays are searched in their stored text (metadata_text as json keeps it verbatim:
        // the compact, key-sorted JSON textualForm() renders), not in jsonb's re-rendering.
        ArrayParam path;
        for (const QString &segment : c.metadataPath)
            path.append(segment);
        const QByteArray verbatim = "(((" + column("metadata_text") + ")::json #> "
            + bind(path.param(), "text[]") + ")::text COLLATE \"C\")";
        const QByteArray needleParam = bindText(needle);
        m_sql += "COALESCE(CASE " + j.type;
        m_sql += " WHEN 'string' THEN strpos(lower(" + j.text + "), " + needleParam + ") > 0";
        m_sql += " WHEN 'object' THEN strpos(lower(" + verbatim + "), " + needleParam + ") > 0";
        m_sql += " WHEN 'array' THEN strpos(lower(" + verbatim + "), " + needleParam + ") > 0";
        m_sql += " WHEN 'boolean' THEN ";
        const bool inTrue = QStringView(u"true").contains(needle);
        const bool inFalse = QStringView(u"false").contains(needle);
        if (inTrue == inFalse)
            m_sql += inTrue ? "true" : "false";
        else
            m_sql += "(" + j.value + (inTrue ? " = 'true'::jsonb)" : " = 'false'::jsonb)");
        m_sql += " WHEN 'number' THEN ";
        if (couldMatchNumber(needle))
            m_sql += "strpos(osc_go_number_text(" + j.number + "), " + needleParam + ") > 0";
        else
            m_sql += "false";
        m_sql += " ELSE false END, false)";
    }

    Params &m_params;
    QByteArray m_prefix;
    QByteArray m_sql;
};

} // namespace

QByteArray jsonPath(const QStringList &path)
{
    QByteArray out = "strict $";
    for (const QString &segment : path) {
        out += ".\"";
        for (const char c : segment.toUtf8()) {
            if (c == '"' || c == '\\')
                out += '\\';
            out += c;
        }
        out += '"';
    }
    return out;
}

namespace {

QByteArray placeholder(Params &params, Param value, const char *type)
{
    params.append(std::move(value));
    return "$" + QByteArray::number(params.size()) + "::" + type;
}

// The jsonb value at `path` (NULL when missing) and the stored text of it (objects, arrays).
QByteArray jsonValue(const QStringList &path, Params &params, const QByteArray &prefix)
{
    return "jsonb_path_query_first(" + prefix + "metadata, "
        + placeholder(params, Param::utf8(jsonPath(path)), "jsonpath") + ", '{}'::jsonb, true)";
}

QByteArray verbatimText(const QStringList &path, Params &params, const QByteArray &prefix)
{
    ArrayParam segments;
    for (const QString &segment : path)
        segments.append(segment);
    return "(((" + prefix + "metadata_text)::json #> " + placeholder(params, segments.param(), "text[]")
        + ")::text COLLATE \"C\")";
}

// Canonical Go text of `value` when `text` is exactly that text (SqliteFilterSql's rule).
std::optional<double> canonicalNumber(const QString &text)
{
    bool ok = false;
    const double value = text.toDouble(&ok);
    if (!ok || !std::isfinite(value) || goNumberText(value) != text)
        return std::nullopt;
    if (value == 0 && std::signbit(value))
        return std::nullopt;
    return value;
}

} // namespace

QByteArray groupValueSql(const QStringList &path, Params &params, const QByteArray &columnPrefix)
{
    const QByteArray value = jsonValue(path, params, columnPrefix);
    return "(CASE jsonb_typeof(" + value + ") WHEN 'string' THEN (" + value + " #>> '{}') COLLATE \"C\""
        + " WHEN 'boolean' THEN (" + value
        + " #>> '{}') COLLATE \"C\" WHEN 'number' THEN osc_go_number_text((" + value
        + ")::float8) COLLATE \"C\" WHEN 'object' THEN " + verbatimText(path, params, columnPrefix)
        + " WHEN 'array' THEN " + verbatimText(path, params, columnPrefix) + " ELSE '<nil>' END)";
}

QByteArray presentValueSql(const QStringList &path, Params &params, const QByteArray &columnPrefix)
{
    return "COALESCE(jsonb_typeof(" + jsonValue(path, params, columnPrefix) + ") <> 'null', false)";
}

QByteArray metadataEqualsSql(const MetadataEquals &filter, Params &params, const QByteArray &columnPrefix)
{
    const QByteArray value = jsonValue(filter.path, params, columnPrefix);
    QByteArray sql = "COALESCE(CASE jsonb_typeof(" + value + ") WHEN 'string' THEN (" + value
        + " #>> '{}') = " + placeholder(params, Param::text(filter.value), "text");
    sql += filter.value == QLatin1StringView("true") ? " WHEN 'boolean' THEN " + value + " = 'true'::jsonb"
        : filter.value == QLatin1StringView("false") ? " WHEN 'boolean' THEN " + value + " = 'false'::jsonb"
                                                     : QByteArray(" WHEN 'boolean' THEN false");
    if (const auto number = canonicalNumber(filter.value))
        sql += " WHEN 'number' THEN (" + value
            + ")::float8 = " + placeholder(params, Param::real(*number), "float8");
    // The stored text is Qt's compact JSON, so texts compare equal exactly when textualForm() does.
    if (filter.value.startsWith(u'{') || filter.value.startsWith(u'[')) {
        const QByteArray text = placeholder(params, Param::text(filter.value), "text");
        sql += " WHEN 'object' THEN " + verbatimText(filter.path, params, columnPrefix) + " = " + text;
        sql += " WHEN 'array' THEN " + verbatimText(filter.path, params, columnPrefix) + " = " + text;
    }
    sql += " ELSE false END, false)";
    return sql;
}

QByteArray filterSql(const FilterNode &node, Params &params, const QByteArray &columnPrefix)
{
    SqlBuilder builder(params, columnPrefix);
    builder.node(node);
    return builder.take();
}

} // namespace osc::pg
