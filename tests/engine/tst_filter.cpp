// Contract §6.6 filter DSL. Every evaluation case runs three ways over the same ~30 stored events —
// the C++ reference matcher, the SQLite translation (with and without a column prefix) and the ids
// written in the table — so the store can push filters into SQL without changing a single answer.
// Parse cases pin the exact §6.6 messages, our time-literal 400 and the depth/node limits.

#include "core/Rfc3339.h"
#include "filter/Filter.h"
#include "store/sqlite/SqliteFilterSql.h"
#include "store/sqlite/SqliteTime.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <sqlite3.h>

#include <set>

using namespace osc;
using namespace osc::query;
using namespace osc::sqlite;

using Ids = QList<int>;

namespace {

// Just enough of the sqlite3 C API for the tests; failures abort the test with SQLite's message.
class Db
{
public:
    Db()
    {
        if (sqlite3_open(":memory:", &m_db) != SQLITE_OK || !osc::sqlite_time::registerFunctions(m_db))
            qFatal("cannot open in-memory SQLite");
    }
    ~Db() { sqlite3_close(m_db); }
    Db(const Db &) = delete;
    Db &operator=(const Db &) = delete;

    void exec(const QByteArray &sql)
    {
        char *message = nullptr;
        if (sqlite3_exec(m_db, sql.constData(), nullptr, nullptr, &message) != SQLITE_OK) {
            const QByteArray text = message ? message : "?";
            sqlite3_free(message);
            qFatal("SQLite exec failed: %s\n%s", text.constData(), sql.constData());
        }
    }

    // The first column of every row, as ints.
    Ids ids(const QByteArray &sql, const QList<QVariant> &binds = {})
    {
        sqlite3_stmt *stmt = nullptr;
        if (sqlite3_prepare_v2(m_db, sql.constData(), int(sql.size()), &stmt, nullptr) != SQLITE_OK)
            qFatal("SQLite prepare failed: %s\n%s", sqlite3_errmsg(m_db), sql.constData());
        for (int i = 0; i < binds.size(); ++i)
            bind(stmt, i + 1, binds.at(i));
        Ids out;
        int rc;
        while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
            out.append(sqlite3_column_int(stmt, 0));
        if (rc != SQLITE_DONE)
            qFatal("SQLite step failed: %s\n%s", sqlite3_errmsg(m_db), sql.constData());
        sqlite3_finalize(stmt);
        return out;
    }

    static void bind(sqlite3_stmt *stmt, int index, const QVariant &value)
    {
        if (osc::sqlite_time::isTime(value)) { // stored as the store stores it (SqliteTime.h)
            const auto key = osc::sqlite_time::encode(value.value<osc::TimeNs>());
            sqlite3_bind_blob(stmt, index, key.data(), int(key.size()), SQLITE_TRANSIENT);
            return;
        }
        switch (value.metaType().id()) {
        case QMetaType::Double:
            sqlite3_bind_double(stmt, index, value.toDouble());
            break;
        case QMetaType::LongLong:
        case QMetaType::Int:
            sqlite3_bind_int64(stmt, index, value.toLongLong());
            break;
        case QMetaType::QString: {
            const QByteArray utf8 = value.toString().toUtf8();
            sqlite3_bind_text(stmt, index, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
            break;
        }
        case QMetaType::UnknownType:
            sqlite3_bind_null(stmt, index);
            break;
        default:
            qFatal("unexpected bind type %s", value.metaType().name());
        }
    }

private:
    sqlite3 *m_db = nullptr;
};

struct EventRow
{
    int id;
    const char *subject;
    const char *meter;
    double quantity;
    const char *eventTime; // nullptr: 2026-06-09T<id-7>:00:00Z
    const char *receivedAt; // nullptr: event time + 30 s
    const char *idempotencyKey; // nullptr: none
    const char *metadata; // stored verbatim, so SQLite sees `200.0` as a REAL
};

// Objects nested inside metadata are written in Qt's compact form (sorted keys, no spaces) — the
// form the store persists — because `contains` compares their text.
const EventRow kEvents[] = {
    {1, "org_123", "api_requests", 1, "2026-06-08T10:00:00Z", "2026-06-08T10:00:01Z", "usage_001",
        R"({"endpoint":"/orders","status":200,"status_code":200,"service":{"tier":"gold"},"retry":true,"region-name":"us-east"})"},
    {2, "org_123", "api_requests", 2, "2026-06-08T10:00:00.5Z", "2026-06-08T10:00:02Z", "usage_002",
        R"({"endpoint":"/users","status":200.0,"status_code":503,"service":{"tier":"silver"},"retry":false,"region-name":"eu-west"})"},
    {3, "org_456", "api_requests", 10, "2026-06-08T11:00:00Z", "2026-06-08T11:00:00.25Z", nullptr,
        R"({"endpoint":"/Orders/Archive","status":"200","status_code":429,"service":{"tier":"gold"},"region-name":"eu-west"})"},
    {4, "ORG_789", "tokens", 11, "2026-06-08T12:00:00+02:00", "2026-06-08T10:05:00Z", "Key_%",
        R"({"endpoint":"/admin","status_code":404,"optional":null,"retry":"true"})"},
    {5, "org_123", "tokens", 5, "2026-06-08T09:59:59.999999999Z", "2026-06-08T10:00:00Z", "KEY_X",
        R"({"note":"100% done","code":"a_b","service":{"tier":null}})"},
    {6, "org_456", "tokens", 0.5, "2026-06-07T23:59:59Z", "2026-06-08T00:00:00Z", "",
        R"({"ratio":1.5,"status_code":500})"},
    {7, "org%1", "tokens", 1e-7, nullptr, nullptr, nullptr,
        R"({"tiny":0.000023148148148148147,"code":"axb"})"},
    {8, "orgx1", "api_requests", 3, nullptr, nullptr, nullptr, R"({"service":"flat-string"})"},
    {9, "org_1", "api_requests", 4, nullptr, nullptr, "idem-9", R"({"service.tier":"gold"})"},
    {10, "org_123", "api_requests", 7, nullptr, nullptr, nullptr,
        R"({"tags":["a","B"],"obj":{"a":"x","b":1}})"},
    {11, "org_123", "api_requests", 9, nullptr, nullptr, nullptr, R"({})"},
    {12, "org_456", "api_requests", 12.25, nullptr, nullptr, nullptr,
        R"({"big":1e21,"neg":-3,"negf":-2.5,"zero":0})"},
    {13, "org_456", "api_requests", 100, nullptr, nullptr, nullptr, R"({"flag":"true","status":true})"},
    {14, "M\xc3\xbcnchen", "api_requests", 1, nullptr, nullptr, nullptr, "{\"city\":\"M\xc3\x9cNCHEN\"}"},
    {15, "org_999", "api_requests", 1, nullptr, nullptr, nullptr, R"({"sym":"\uFFFD"})"},
    {16, "org_999", "api_requests", 1, nullptr, nullptr, nullptr, R"({"sym":"\ud83d\ude00"})"},
    {17, "org_123", "api_requests", 20, nullptr, nullptr, nullptr,
        R"({"status_code":"404","endpoint":"/orders/1"})"},
    {18, "org_123", "api_requests", 3, nullptr, nullptr, nullptr, R"({"n":9007199254740993})"},
    {19, "org_123", "api_requests", 6, nullptr, nullptr, nullptr,
        R"({"region-name":"EU-WEST","service":{"level":{"deep":2},"tier":"Gold"}})"},
    {20, "org_123", "api_requests", 8, nullptr, nullptr, nullptr,
        R"({"service":{"tier":"silver"},"retry":true,"region-name":"us-west"})"},
    {21, "org_456", "api_requests", 15, nullptr, nullptr, nullptr, R"({"status":"OK","status_code":200.5})"},
    {22, "org_456", "tokens", 1000000, nullptr, nullptr, nullptr, R"({"latency":162.338082})"},
    {23, "org_456", "tokens", 2.5, nullptr, nullptr, nullptr, R"({"status":null,"endpoint":null})"},
    {24, "org_abc", "tokens", 3, nullptr, nullptr, nullptr,
        R"({"123":"numeric-key","_x":"underscore","-dash":1})"},
    {25, "org_123", "api_requests", 1, nullptr, nullptr, "usage_025",
        R"({"endpoint":"/orders","status":503,"status_code":503,"service":{"tier":"gold"},"retry":true,"region-name":"eu-west"})"},
    {26, "org_123", "api_requests", 1, nullptr, nullptr, nullptr,
        R"({"items":[1,2.5,"x"],"empty":{},"arr0":[]})"},
    {27, "org_123", "api_requests", 1, nullptr, nullptr, nullptr,
        R"({"pct":"50%","under":"a_b_c","x":"A%B"})"},
    {28, "org_%", "api_requests", 1e21, nullptr, nullptr, nullptr, R"({"b":false,"retry":false})"},
    {29, "Org_123", "API_Requests", 42, nullptr, nullptr, nullptr, R"({"endpoint":"/ORDERS"})"},
    {30, "org_123", "api_requests", 0.30000000000000004, nullptr, nullptr, nullptr, R"({"ratio":0.1})"},
};
constexpr int kEventCount = int(std::size(kEvents));

Ids range(int first, int last)
{
    Ids out;
    for (int id = first; id <= last; ++id)
        out.append(id);
    return out;
}

Ids allIds()
{
    return range(1, kEventCount);
}

Ids allExcept(const Ids &excluded)
{
    Ids out;
    for (int id = 1; id <= kEventCount; ++id)
        if (!excluded.contains(id))
            out.append(id);
    return out;
}

Ids sorted(Ids ids)
{
    std::sort(ids.begin(), ids.end());
    return ids;
}

// A condition node as JSON text; `value` is raw JSON (omitted when empty).
QByteArray c(const char *field, const char *op, const QByteArray &value = {})
{
    // Plain literals: moc's lexer trips over raw strings that end in a quote here.
    QByteArray out = "{\"type\":\"condition\",\"field\":\"" + QByteArray(field) + "\",\"op\":\"" + op + '"';
    if (!value.isEmpty())
        out += ",\"value\":" + value;
    return out + '}';
}

QByteArray g(const char *op, const QList<QByteArray> &rules)
{
    return "{\"type\":\"group\",\"op\":\"" + QByteArray(op) + "\",\"rules\":[" + rules.join(',') + "]}";
}

QByteArray nestedGroups(int depth)
{
    // depth 1 = the condition alone; each extra level wraps it in an `and` group.
    QByteArray node = c("subject", "eq", R"("org_abc")");
    for (int level = 1; level < depth; ++level)
        node = g("and", {node});
    return node;
}

QByteArray wideGroup(int conditions)
{
    QList<QByteArray> rules;
    for (int i = 0; i < conditions - 1; ++i)
        rules.append(c("subject", "eq", "\"s" + QByteArray::number(i) + '"'));
    rules.append(c("subject", "eq", R"("org_abc")"));
    return g("or", rules);
}

QJsonValue parseJson(const QByteArray &text)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson("[" + text + "]", &error);
    if (!document.isArray())
        qFatal("bad test JSON %s: %s", text.constData(), qPrintable(error.errorString()));
    return document.array().at(0);
}

} // namespace

class TstFilter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void absentOrNullIsNoFilter();
    void parseErrors_data();
    void parseErrors();
    void parseAccepts_data();
    void parseAccepts();
    void parsedStructure();
    void depthAndNodeLimits();
    void hostileDepthFailsFast();

    void matchesAndSqlAgree_data();
    void matchesAndSqlAgree();
    void longInListsBindOnce();
    void largestFiltersRunInSqlite();

private:
    struct Stored
    {
        int id;
        QString subject;
        QString meter;
        double quantity;
        TimeNs eventTimeNs;
        TimeNs receivedAtNs;
        std::optional<QString> idempotencyKey;
        QJsonObject metadata;
    };

    Ids cppMatches(const FilterNode &node) const;
    Ids sqlMatches(const FilterNode &node);

    Db m_db;
    QList<Stored> m_events;
};

void TstFilter::initTestCase()
{
    m_db.exec("CREATE TABLE usage_events (id INTEGER PRIMARY KEY, subject TEXT NOT NULL, meter TEXT NOT NULL,"
              " quantity REAL NOT NULL, event_time BLOB NOT NULL, received_at BLOB NOT NULL,"
              " idempotency_key TEXT, metadata TEXT NOT NULL)");
    for (const EventRow &row : kEvents) {
        Stored e;
        e.id = row.id;
        e.subject = QString::fromUtf8(row.subject);
        e.meter = QString::fromUtf8(row.meter);
        e.quantity = row.quantity;
        const QString eventTime = row.eventTime
            ? QString::fromUtf8(row.eventTime)
            : QStringLiteral("2026-06-09T%1:00:00Z").arg(row.id - 7, 2, 10, QChar(u'0'));
        e.eventTimeNs = rfc3339::parse(eventTime).value();
        e.receivedAtNs = row.receivedAt ? rfc3339::parse(QString::fromUtf8(row.receivedAt)).value()
                                        : e.eventTimeNs + 30'000'000'000LL;
        if (row.idempotencyKey)
            e.idempotencyKey = QString::fromUtf8(row.idempotencyKey);
        const QJsonDocument metadata = QJsonDocument::fromJson(row.metadata);
        QVERIFY2(metadata.isObject(), row.metadata);
        e.metadata = metadata.object();
        m_db.ids("INSERT INTO usage_events VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            {e.id, e.subject, e.meter, e.quantity, osc::sqlite_time::param(e.eventTimeNs),
                osc::sqlite_time::param(e.receivedAtNs),
                e.idempotencyKey ? QVariant(*e.idempotencyKey) : QVariant(),
                QString::fromUtf8(row.metadata)});
        m_events.append(e);
    }
}

Ids TstFilter::cppMatches(const FilterNode &node) const
{
    Ids out;
    for (const Stored &e : m_events) {
        FilterEvent event;
        event.subject = e.subject;
        event.meter = e.meter;
        event.quantity = e.quantity;
        event.eventTimeNs = e.eventTimeNs;
        event.receivedAtNs = e.receivedAtNs;
        event.idempotencyKey = e.idempotencyKey ? &*e.idempotencyKey : nullptr;
        event.metadata = &e.metadata;
        if (matches(node, event))
            out.append(e.id);
    }
    return out;
}

Ids TstFilter::sqlMatches(const FilterNode &node)
{
    const SqlFragment plain = toSqlite(node);
    const Ids ids = m_db.ids("SELECT id FROM usage_events WHERE " + plain.sql + " ORDER BY id", plain.binds);
    // Same answer with qualified columns, as the store writes in joins.
    const SqlFragment prefixed = toSqlite(node, "e.");
    const Ids viaAlias = m_db.ids(
        "SELECT e.id FROM usage_events AS e WHERE " + prefixed.sql + " ORDER BY e.id", prefixed.binds);
    if (viaAlias != ids)
        qWarning("prefixed SQL differs: %s", prefixed.sql.constData());
    return viaAlias == ids ? ids : Ids{-1};
}

void TstFilter::absentOrNullIsNoFilter()
{
    for (const QJsonValue &value : {QJsonValue(QJsonValue::Undefined), QJsonValue(QJsonValue::Null)}) {
        const auto result = parseFilter(value);
        QVERIFY(result.ok());
        QVERIFY(!result->has_value());
    }
}

void TstFilter::parseErrors_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");

    const QString json = QStringLiteral("invalid_json");
    const QString input = QStringLiteral("invalid_input");
    const QString badJson = QStringLiteral("invalid JSON body");
    const auto msg
        = [](const char *detail) { return QStringLiteral("invalid input: ") + QString::fromUtf8(detail); };
    const QByteArray ok = c("subject", "eq", R"("x")");

    // Not an object: Go cannot decode it into the node struct.
    QTest::newRow("number") << QByteArray("5") << json << badJson;
    QTest::newRow("string") << QByteArray(R"("x")") << json << badJson;
    QTest::newRow("array") << QByteArray("[]") << json << badJson;
    QTest::newRow("boolean") << QByteArray("true") << json << badJson;
    // Wrong JSON types for node fields, anywhere in the tree.
    QTest::newRow("type is a number") << QByteArray(R"({"type":5})") << json << badJson;
    QTest::newRow("op is an array") << QByteArray(R"({"type":"group","op":[],"rules":[]})") << json
                                    << badJson;
    QTest::newRow("field is a number")
        << QByteArray(R"({"type":"condition","field":5,"op":"eq","value":1})") << json << badJson;
    QTest::newRow("rules is an object")
        << QByteArray(R"({"type":"group","op":"and","rules":{}})") << json << badJson;
    QTest::newRow("rule is a number")
        << QByteArray(R"({"type":"group","op":"and","rules":[5]})") << json << badJson;
    QTest::newRow("decoding precedes validation")
        << QByteArray(R"({"type":"bogus","rules":[{"type":"condition","field":["x"]}]})") << json << badJson;
    QTest::newRow("type error in a condition's ignored rules")
        << QByteArray(R"({"type":"condition","field":"subject","op":"exists","rules":[{"op":1}]})") << json
        << badJson;

    // §6.6 validation table.
    QTest::newRow("empty object") << QByteArray("{}") << input << msg(R"(unsupported filter type "")");
    QTest::newRow("type case-sensitive")
        << g("and", {ok}).replace("group", "Group") << input << msg(R"(unsupported filter type "Group")");
    QTest::newRow("type unknown") << QByteArray(R"({"type":"not"})") << input
                                  << msg(R"(unsupported filter type "not")");
    QTest::newRow("type quoted like Go %q")
        << QByteArray(R"({"type":"a\"b\n"})") << input << msg(R"(unsupported filter type "a\"b\n")");
    QTest::newRow("null rule decodes to an empty node")
        << QByteArray(R"({"type":"group","op":"and","rules":[null]})") << input
        << msg(R"(unsupported filter type "")");
    QTest::newRow("group op uppercase")
        << g("AND", {ok}) << input << msg(R"(unsupported filter group operator "AND")");
    QTest::newRow("group op unknown")
        << g("not", {ok}) << input << msg(R"(unsupported filter group operator "not")");
    QTest::newRow("group op missing") << QByteArray(R"({"type":"group","rules":[)" + ok + "]}") << input
                                      << msg(R"(unsupported filter group operator "")");
    QTest::newRow("group op checked before rules") << QByteArray(R"({"type":"group","op":"xor"})") << input
                                                   << msg(R"(unsupported filter group operator "xor")");
    QTest::newRow("group rules missing") << QByteArray(R"({"type":"group","op":"and"})") << input
                                         << msg("filter group requires at least one rule");
    QTest::newRow("group rules null") << QByteArray(R"({"type":"group","op":"or","rules":null})") << input
                                      << msg("filter group requires at least one rule");
    QTest::newRow("group rules empty")
        << g("and", {}) << input << msg("filter group requires at least one rule");
    QTest::newRow("field unknown") << c("foo", "eq", "1") << input
                                   << msg(R"(unsupported filter field "foo")");
    QTest::newRow("field missing") << QByteArray(R"({"type":"condition","op":"eq","value":1})") << input
                                   << msg(R"(unsupported filter field "")");
    QTest::newRow("field case-sensitive")
        << c("Subject", "eq", "1") << input << msg(R"(unsupported filter field "Subject")");
    QTest::newRow("field metadata alone")
        << c("metadata", "eq", "1") << input << msg(R"(unsupported filter field "metadata")");
    QTest::newRow("field metadata dot")
        << c("metadata.", "eq", "1") << input << msg(R"(unsupported filter field "metadata.")");
    QTest::newRow("field metadata space") << c("metadata.region name", "eq", "1") << input
                                          << msg(R"(unsupported filter field "metadata.region name")");
    QTest::newRow("field metadata double dot")
        << c("metadata.a..b", "eq", "1") << input << msg(R"(unsupported filter field "metadata.a..b")");
    QTest::newRow("field metadata trailing dot")
        << c("metadata.a.", "eq", "1") << input << msg(R"(unsupported filter field "metadata.a.")");
    QTest::newRow("field metadata slash")
        << c("metadata.a/b", "eq", "1") << input << msg(R"(unsupported filter field "metadata.a/b")");
    QTest::newRow("field Metadata prefix")
        << c("Metadata.a", "eq", "1") << input << msg(R"(unsupported filter field "Metadata.a")");
    QTest::newRow("field metadata trailing newline")
        << c("metadata.a\\n", "eq", "1") << input << msg(R"(unsupported filter field "metadata.a\n")");
    QTest::newRow("field checked before op")
        << c("bogus", "bogus") << input << msg(R"(unsupported filter field "bogus")");
    QTest::newRow("op unknown") << c("subject", "like", R"("x")") << input
                                << msg(R"(unsupported filter operator "like")");
    QTest::newRow("op uppercase") << c("subject", "EQ", R"("x")") << input
                                  << msg(R"(unsupported filter operator "EQ")");
    QTest::newRow("op missing") << QByteArray(R"({"type":"condition","field":"subject","value":"x"})")
                                << input << msg(R"(unsupported filter operator "")");
    QTest::newRow("op checked before value")
        << c("subject", "has") << input << msg(R"(unsupported filter operator "has")");
    QTest::newRow("value missing") << c("subject", "eq") << input << msg("filter value is required");
    QTest::newRow("value null") << c("metadata.a", "neq", "null") << input << msg("filter value is required");
    QTest::newRow("value missing for in") << c("subject", "in") << input << msg("filter value is required");
    QTest::newRow("value missing for contains")
        << c("subject", "contains") << input << msg("filter value is required");
    QTest::newRow("in with a string")
        << c("subject", "in", R"("a")") << input << msg("in filter requires a non-empty value array");
    QTest::newRow("in with an empty array")
        << c("metadata.a", "in", "[]") << input << msg("in filter requires a non-empty value array");
    QTest::newRow("in with an object")
        << c("quantity", "in", "{}") << input << msg("in filter requires a non-empty value array");

    // Time literals: 400 instead of upstream's 500 (contract Q5).
    QTest::newRow("timestamp not a time") << c("timestamp", "eq",
        R"("yesterday")") << input << msg(R"(filter value for "timestamp" must be an RFC 3339 timestamp)");
    QTest::newRow("event_time date only") << c("event_time", "gt",
        R"("2026-06-08")") << input << msg(R"(filter value for "event_time" must be an RFC 3339 timestamp)");
    QTest::newRow("received_at number") << c("received_at", "lte",
        "5") << input << msg(R"(filter value for "received_at" must be an RFC 3339 timestamp)");
    QTest::newRow("timestamp lowercase separators")
        << c("timestamp", "neq", R"("2026-06-08t10:00:00z")") << input
        << msg(R"(filter value for "timestamp" must be an RFC 3339 timestamp)");
    QTest::newRow("timestamp missing zone")
        << c("timestamp", "lt", R"("2026-06-08T10:00:00")") << input
        << msg(R"(filter value for "timestamp" must be an RFC 3339 timestamp)");
    QTest::newRow("timestamp in with one bad element")
        << c("timestamp", "in", R"(["2026-06-08T10:00:00Z","bad"])") << input
        << msg(R"(filter value for "timestamp" must be an RFC 3339 timestamp)");
    QTest::newRow("received_at in with a number") << c("received_at", "in",
        "[5]") << input << msg(R"(filter value for "received_at" must be an RFC 3339 timestamp)");
    QTest::newRow("timestamp contains a fragment") << c("timestamp", "contains",
        R"("2026")") << input << msg(R"(filter value for "timestamp" must be an RFC 3339 timestamp)");
    QTest::newRow("in-array check before time parse")
        << c("timestamp", "in", R"("bad")") << input << msg("in filter requires a non-empty value array");

    // Nested: the first failing node in document order.
    QTest::newRow("nested bad field") << g("and", {ok, g("or", {ok, c("nope", "eq", "1")})}) << input
                                      << msg(R"(unsupported filter field "nope")");
    QTest::newRow("first error wins") << g("or", {c("subject", "xx", "1"), c("nope", "eq", "1")}) << input
                                      << msg(R"(unsupported filter operator "xx")");
    QTest::newRow("nested empty group")
        << g("and", {ok, g("or", {})}) << input << msg("filter group requires at least one rule");

    // Limits.
    QTest::newRow("depth 33") << nestedGroups(kMaxFilterDepth + 1) << input
                              << msg("filter nesting exceeds 32 levels");
    QTest::newRow("depth 40 with an invalid leaf")
        << nestedGroups(40).replace("subject", "bogus") << input << msg("filter nesting exceeds 32 levels");
    QTest::newRow("257 nodes") << wideGroup(kMaxFilterNodes) << input << msg("filter exceeds 256 nodes");
    QTest::newRow("nodes count across levels")
        << g("and", {wideGroup(200), wideGroup(55)}) << input << msg("filter exceeds 256 nodes");
}

void TstFilter::parseErrors()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, code);
    QFETCH(QString, message);

    const auto result = parseFilter(parseJson(json));
    QVERIFY2(!result.ok(), json.constData());
    QCOMPARE(result.error().code, code);
    QCOMPARE(result.error().message, message);
    QCOMPARE(result.error().httpStatus(), 400);
}

void TstFilter::parseAccepts_data()
{
    QTest::addColumn<QByteArray>("json");

    QTest::newRow("exists without value") << c("metadata.a", "exists");
    QTest::newRow("exists with null value") << c("idempotency_key", "exists", "null");
    QTest::newRow("exists ignores a bad time value") << c("timestamp", "exists", R"("garbage")");
    QTest::newRow("exists ignores a non-array") << c("subject", "exists", "5");
    QTest::newRow("falsy values are values (Q4)")
        << g("and", {c("quantity", "eq", "0"), c("subject", "eq", R"("")"), c("metadata.b", "eq", "false")});
    QTest::newRow("case-insensitive keys") << QByteArray(
        R"({"TYPE":"group","Op":"or","RULES":[{"Type":"condition","FIELD":"subject","OP":"eq","VALUE":"x"}]})");
    QTest::newRow("unknown keys ignored")
        << QByteArray(R"({"type":"condition","field":"meter","op":"eq","value":"a","x":1})");
    QTest::newRow("rules of a condition are ignored")
        << QByteArray(R"({"type":"condition","field":"meter","op":"exists","rules":[{"type":"bogus"}]})");
    QTest::newRow("field/value of a group are ignored") << QByteArray(
        R"({"type":"group","op":"and","field":"bogus","rules":[)" + c("meter", "exists") + "]}");
    QTest::newRow("time with offset and fraction")
        << c("received_at", "gte", R"("2026-06-08T12:00:00.123456789+02:00")");
    QTest::newRow("in with mixed types") << c("metadata.a", "in", R"([1,"1",true,null,[1],{"a":1}])");
    QTest::newRow("metadata path with digits and dashes") << c("metadata.123.-x_y", "exists");
    QTest::newRow("depth 32") << nestedGroups(kMaxFilterDepth);
    QTest::newRow("256 nodes") << wideGroup(kMaxFilterNodes - 1);
    QTest::newRow("value object for eq") << c("metadata.a", "eq", R"({"x":1})");
    QTest::newRow("contains with a number") << c("metadata.a", "contains", "50");
}

void TstFilter::parseAccepts()
{
    QFETCH(QByteArray, json);
    const auto result = parseFilter(parseJson(json));
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    QVERIFY(result->has_value());
}

void TstFilter::parsedStructure()
{
    const auto result = parseFilter(parseJson(g("or",
        {g("and", {c("metadata.service.tier", "eq", R"("gold")"), c("metadata.retry", "eq", "true")}),
            c("timestamp", "in", R"(["2026-06-08T12:00:00+02:00","2026-06-08T10:00:00.5Z"])"),
            c("idempotency_key", "contains", R"("Key_%")"), c("metadata.status", "contains", "200.0"),
            c("quantity", "exists")})));
    QVERIFY(result.ok());
    const FilterNode &root = **result;
    QVERIFY(root.isGroup());
    QCOMPARE(root.groupOp, FilterGroupOp::Or);
    QCOMPARE(root.rules.size(), size_t(5));
    QCOMPARE(nodeCount(root), 8);
    QCOMPARE(depth(root), 3);

    const FilterNode &tier = root.rules[0].rules[0];
    QVERIFY(!tier.isGroup());
    QCOMPARE(root.rules[0].groupOp, FilterGroupOp::And);
    QCOMPARE(tier.field, FilterField::Metadata);
    QCOMPARE(tier.fieldName, QStringLiteral("metadata.service.tier"));
    QCOMPARE(tier.metadataPath, (QStringList{"service", "tier"}));
    QCOMPARE(tier.op, FilterOp::Eq);
    QCOMPARE(tier.value, QJsonValue(QStringLiteral("gold")));

    const FilterNode &times = root.rules[1];
    QCOMPARE(times.field, FilterField::EventTime);
    QCOMPARE(times.fieldName, QStringLiteral("timestamp"));
    QCOMPARE(times.op, FilterOp::In);
    QCOMPARE(times.timesNs,
        (QList<TimeNs>{rfc3339::parse(QStringLiteral("2026-06-08T10:00:00Z")).value(),
            rfc3339::parse(QStringLiteral("2026-06-08T10:00:00.5Z")).value()}));

    QCOMPARE(root.rules[2].field, FilterField::IdempotencyKey);
    QCOMPARE(root.rules[2].needle, QStringLiteral("key_%"));
    // A number value is matched by its textual form: 200.0 → "200".
    QCOMPARE(root.rules[3].needle, QStringLiteral("200"));
    QCOMPARE(root.rules[4].field, FilterField::Quantity);
    QCOMPARE(root.rules[4].op, FilterOp::Exists);
    QVERIFY(root.rules[4].value.isUndefined());

    const auto single = parseFilter(parseJson(c("received_at", "exists")));
    QVERIFY(single.ok());
    QCOMPARE(nodeCount(**single), 1);
    QCOMPARE(depth(**single), 1);
}

void TstFilter::depthAndNodeLimits()
{
    QCOMPARE(kMaxFilterDepth, 32);
    QCOMPARE(kMaxFilterNodes, 256);
    const auto deepest = parseFilter(parseJson(nestedGroups(kMaxFilterDepth)));
    QVERIFY(deepest.ok());
    QCOMPARE(depth(**deepest), kMaxFilterDepth);
    QCOMPARE(nodeCount(**deepest), kMaxFilterDepth);
    const auto widest = parseFilter(parseJson(wideGroup(kMaxFilterNodes - 1)));
    QVERIFY(widest.ok());
    QCOMPARE(nodeCount(**widest), kMaxFilterNodes);
    QCOMPARE(depth(**widest), 2);
}

void TstFilter::hostileDepthFailsFast()
{
    // Built directly (no JSON text, whose parsers have their own limits) to show the walk itself stops
    // at level 33 instead of recursing 10,000 times.
    QJsonObject node{{"type", "condition"}, {"field", "subject"}, {"op", "exists"}};
    for (int i = 0; i < 10000; ++i)
        node = QJsonObject{{"type", "group"}, {"op", "and"}, {"rules", QJsonArray{node}}};
    const auto result = parseFilter(node);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().message, QStringLiteral("invalid input: filter nesting exceeds 32 levels"));
}

void TstFilter::matchesAndSqlAgree_data()
{
    QTest::addColumn<QByteArray>("filter");
    QTest::addColumn<Ids>("expected");

    const Ids orgOneTwoThree{1, 2, 5, 10, 11, 17, 18, 19, 20, 25, 26, 27, 30};
    const Ids tokens{4, 5, 6, 7, 22, 23, 24};
    const Ids withKey{1, 2, 4, 5, 6, 9, 25};
    const Ids statusPresent{1, 2, 3, 13, 21, 23, 25};

    // Subject / meter (text).
    QTest::newRow("subject eq") << c("subject", "eq", R"("org_123")") << orgOneTwoThree;
    QTest::newRow("subject eq is case-sensitive") << c("subject", "eq", R"("ORG_123")") << Ids{};
    QTest::newRow("subject neq") << c("subject", "neq", R"("org_123")") << allExcept(orgOneTwoThree);
    QTest::newRow("subject eq number: cross-type") << c("subject", "eq", "5") << Ids{};
    QTest::newRow("subject neq number: exists and not eq") << c("subject", "neq", "5") << allIds();
    QTest::newRow("subject in") << c("subject", "in", R"(["org_456","org_999","nope",5])")
                                << Ids{3, 6, 12, 13, 15, 16, 21, 22, 23};
    QTest::newRow("subject in numbers only") << c("subject", "in", "[1,2]") << Ids{};
    QTest::newRow("subject gt: code-point order") << c("subject", "gt", R"("org_5")") << Ids{8, 15, 16, 24};
    QTest::newRow("subject lte") << c("subject", "lte", R"("org_1")") << Ids{4, 7, 9, 14, 28, 29};
    QTest::newRow("subject gte number: cross-type") << c("subject", "gte", "0") << Ids{};
    QTest::newRow("subject contains, ASCII case-insensitive") << c(
        "subject", "contains", R"("ORG_1")") << Ids{1, 2, 5, 9, 10, 11, 17, 18, 19, 20, 25, 26, 27, 29, 30};
    QTest::newRow("subject contains: _ is literal")
        << c("subject", "contains", R"("org_")") << allExcept({7, 8, 14});
    QTest::newRow("subject contains: % is literal") << c("subject", "contains", R"("%")") << Ids{7, 28};
    QTest::newRow("subject contains non-ASCII exactly")
        << c("subject", "contains", "\"\xc3\xbc\"") << Ids{14};
    QTest::newRow("subject contains: non-ASCII not folded")
        << c("subject", "contains", "\"\xc3\x9c\"") << Ids{};
    QTest::newRow("subject contains empty") << c("subject", "contains", R"("")") << allIds();
    QTest::newRow("subject exists") << c("subject", "exists") << allIds();
    QTest::newRow("meter eq") << c("meter", "eq", R"("tokens")") << tokens;
    QTest::newRow("meter eq mixed case") << c("meter", "eq", R"("API_Requests")") << Ids{29};
    QTest::newRow("meter in") << c("meter", "in", R"(["tokens","x"])") << tokens;
    QTest::newRow("meter contains") << c("meter", "contains", R"("API")") << allExcept(tokens);
    QTest::newRow("meter lt") << c("meter", "lt", R"("b")") << allExcept(tokens);

    // Quantity (number).
    QTest::newRow("quantity gte 10") << c("quantity", "gte", "10") << Ids{3, 4, 12, 13, 17, 21, 22, 28, 29};
    QTest::newRow("quantity eq 1") << c("quantity", "eq", "1") << Ids{1, 14, 15, 16, 25, 26, 27};
    QTest::newRow("quantity eq 1.0") << c("quantity", "eq", "1.0") << Ids{1, 14, 15, 16, 25, 26, 27};
    QTest::newRow("quantity eq string: cross-type") << c("quantity", "eq", R"("1")") << Ids{};
    QTest::newRow("quantity neq 1") << c("quantity", "neq", "1") << allExcept({1, 14, 15, 16, 25, 26, 27});
    QTest::newRow("quantity neq string") << c("quantity", "neq", R"("1")") << allIds();
    QTest::newRow("quantity in") << c("quantity", "in", R"([1,2.5,3,"4"])")
                                 << Ids{1, 8, 14, 15, 16, 18, 23, 24, 25, 26, 27};
    QTest::newRow("quantity in 17 digits") << c("quantity", "in", "[0.30000000000000004]") << Ids{30};
    QTest::newRow("quantity eq 0.3 is not 0.1+0.2") << c("quantity", "eq", "0.3") << Ids{};
    QTest::newRow("quantity lt 1") << c("quantity", "lt", "1") << Ids{6, 7, 30};
    QTest::newRow("quantity lte 0.5") << c("quantity", "lte", "0.5") << Ids{6, 7, 30};
    QTest::newRow("quantity gt 1e20") << c("quantity", "gt", "1e20") << Ids{28};
    QTest::newRow("quantity gt string") << c("quantity", "gt", R"("0")") << Ids{};
    QTest::newRow("quantity contains 1")
        << c("quantity", "contains", R"("1")") << Ids{1, 3, 4, 7, 12, 13, 14, 15, 16, 21, 22, 25, 26, 27, 28};
    QTest::newRow("quantity contains exponent") << c("quantity", "contains", R"("E+")") << Ids{28};
    QTest::newRow("quantity contains 1e-7") << c("quantity", "contains", R"("1E-7")") << Ids{7};
    QTest::newRow("quantity contains 0.3") << c("quantity", "contains", R"("0.3")") << Ids{30};
    QTest::newRow("quantity contains number value") << c("quantity", "contains", "12.25") << Ids{12};
    QTest::newRow("quantity contains letters") << c("quantity", "contains", R"("x")") << Ids{};
    QTest::newRow("quantity exists") << c("quantity", "exists") << allIds();

    // Time fields: chronological, offsets normalised, nanoseconds kept.
    QTest::newRow("timestamp eq") << c("timestamp", "eq", R"("2026-06-08T10:00:00Z")") << Ids{1, 4};
    QTest::newRow("event_time eq with offset")
        << c("event_time", "eq", R"("2026-06-08T12:00:00+02:00")") << Ids{1, 4};
    QTest::newRow("timestamp gt") << c("timestamp", "gt", R"("2026-06-08T10:00:00Z")")
                                  << (Ids{2, 3} + range(7, 30));
    QTest::newRow("timestamp lt one ns later")
        << c("timestamp", "lt", R"("2026-06-08T10:00:00.000000001Z")") << Ids{1, 4, 5, 6};
    QTest::newRow("timestamp lt .5 (not text order, Q10)")
        << c("timestamp", "lt", R"("2026-06-08T10:00:00.5Z")") << Ids{1, 4, 5, 6};
    QTest::newRow("event_time lte") << c("event_time", "lte", R"("2026-06-08T10:00:00Z")") << Ids{1, 4, 5, 6};
    QTest::newRow("timestamp gte") << c("timestamp", "gte", R"("2026-06-09T23:00:00Z")") << Ids{30};
    QTest::newRow("timestamp neq") << c("timestamp", "neq", R"("2026-06-08T10:00:00Z")") << allExcept({1, 4});
    QTest::newRow("timestamp in") << c(
        "timestamp", "in", R"(["2026-06-08T10:00:00.5Z","2026-06-09T00:00:00Z"])")
                                  << Ids{2, 7};
    QTest::newRow("timestamp contains = eq")
        << c("timestamp", "contains", R"("2026-06-08T11:00:00Z")") << Ids{3};
    QTest::newRow("timestamp exists") << c("timestamp", "exists") << allIds();
    QTest::newRow("received_at lt") << c("received_at", "lt", R"("2026-06-08T10:00:01Z")") << Ids{5, 6};
    QTest::newRow("received_at eq") << c("received_at", "eq", R"("2026-06-08T10:05:00Z")") << Ids{4};
    QTest::newRow("received_at gte fraction")
        << c("received_at", "gte", R"("2026-06-08T11:00:00.25Z")") << (Ids{3} + range(7, 30));
    QTest::newRow("received_at gt fraction")
        << c("received_at", "gt", R"("2026-06-08T11:00:00.25Z")") << range(7, 30);

    // idempotency_key (text, missing when the event has none).
    QTest::newRow("key exists") << c("idempotency_key", "exists") << withKey;
    QTest::newRow("key eq") << c("idempotency_key", "eq", R"("usage_001")") << Ids{1};
    QTest::newRow("key eq empty string") << c("idempotency_key", "eq", R"("")") << Ids{6};
    QTest::newRow("key neq skips events without a key")
        << c("idempotency_key", "neq", R"("usage_001")") << Ids{2, 4, 5, 6, 9, 25};
    QTest::newRow("key neq number") << c("idempotency_key", "neq", "5") << withKey;
    QTest::newRow("key in") << c("idempotency_key", "in", R"(["usage_002","idem-9","zzz"])") << Ids{2, 9};
    QTest::newRow("key contains") << c("idempotency_key", "contains", R"("key")") << Ids{4, 5};
    QTest::newRow("key contains literal _%") << c("idempotency_key", "contains", R"("_%")") << Ids{4};
    QTest::newRow("key contains empty") << c("idempotency_key", "contains", R"("")") << withKey;
    QTest::newRow("key gt") << c("idempotency_key", "gt", R"("usage_001")") << Ids{2, 25};
    QTest::newRow("key lt") << c("idempotency_key", "lt", R"("L")") << Ids{4, 5, 6};

    // Metadata: JSON-type-aware eq/in.
    QTest::newRow("status eq 200 (200 and 200.0)") << c("metadata.status", "eq", "200") << Ids{1, 2};
    QTest::newRow("status eq 200.0") << c("metadata.status", "eq", "200.0") << Ids{1, 2};
    QTest::newRow("status eq \"200\"") << c("metadata.status", "eq", R"("200")") << Ids{3};
    QTest::newRow("status neq 200 includes null")
        << c("metadata.status", "neq", "200") << Ids{3, 13, 21, 23, 25};
    QTest::newRow("status eq true") << c("metadata.status", "eq", "true") << Ids{13};
    QTest::newRow("status in [null,true]") << c("metadata.status", "in", "[null,true]") << Ids{13, 23};
    QTest::newRow("status in mixed") << c("metadata.status", "in", R"(["200",503,false])") << Ids{3, 25};
    QTest::newRow("status eq array never") << c("metadata.status", "eq", "[200]") << Ids{};
    QTest::newRow("status eq object never") << c("metadata.status", "eq", R"({"a":1})") << Ids{};
    QTest::newRow("status exists ignores value") << c("metadata.status", "exists", "5") << statusPresent;
    QTest::newRow("status gt bool never") << c("metadata.status", "gt", "true") << Ids{};
    QTest::newRow("status_code in [200,503]")
        << c("metadata.status_code", "in", "[200,503]") << Ids{1, 2, 25};
    QTest::newRow("status_code in [\"404\"]") << c("metadata.status_code", "in", R"(["404"])") << Ids{17};
    QTest::newRow("status_code in [404]") << c("metadata.status_code", "in", "[404]") << Ids{4};
    QTest::newRow("status_code in containers")
        << c("metadata.status_code", "in", R"([[404],{"a":1}])") << Ids{};
    QTest::newRow("status_code in decimals") << c("metadata.status_code", "in", "[200.5,1.25]") << Ids{21};
    QTest::newRow("status_code gte 400") << c("metadata.status_code", "gte", "400") << Ids{2, 3, 4, 6, 25};
    QTest::newRow("status_code gte \"400\" (strings only)")
        << c("metadata.status_code", "gte", R"("400")") << Ids{17};
    QTest::newRow("status_code lt 200.5") << c("metadata.status_code", "lt", "200.5") << Ids{1};
    QTest::newRow("status_code lte 200.5") << c("metadata.status_code", "lte", "200.5") << Ids{1, 21};
    QTest::newRow("endpoint eq") << c("metadata.endpoint", "eq", R"("/orders")") << Ids{1, 25};
    QTest::newRow("endpoint neq /users")
        << c("metadata.endpoint", "neq", R"("/users")") << Ids{1, 3, 4, 17, 23, 25, 29};
    QTest::newRow("endpoint in") << c("metadata.endpoint", "in", R"(["/orders","/users"])") << Ids{1, 2, 25};
    QTest::newRow("endpoint contains ord")
        << c("metadata.endpoint", "contains", R"("ord")") << Ids{1, 3, 17, 25, 29};
    QTest::newRow("endpoint contains ORD")
        << c("metadata.endpoint", "contains", R"("ORD")") << Ids{1, 3, 17, 25, 29};
    QTest::newRow("retry eq true") << c("metadata.retry", "eq", "true") << Ids{1, 20, 25};
    QTest::newRow("retry eq false") << c("metadata.retry", "eq", "false") << Ids{2, 28};
    QTest::newRow("retry eq \"true\"") << c("metadata.retry", "eq", R"("true")") << Ids{4};
    QTest::newRow("retry neq true") << c("metadata.retry", "neq", "true") << Ids{2, 4, 28};
    QTest::newRow("retry contains tru") << c("metadata.retry", "contains", R"("tru")") << Ids{1, 4, 20, 25};
    QTest::newRow("retry contains bool value")
        << c("metadata.retry", "contains", "true") << Ids{1, 4, 20, 25};
    QTest::newRow("retry contains als") << c("metadata.retry", "contains", R"("ALS")") << Ids{2, 28};
    QTest::newRow("flag eq \"true\"") << c("metadata.flag", "eq", R"("true")") << Ids{13};
    QTest::newRow("flag eq true") << c("metadata.flag", "eq", "true") << Ids{};
    QTest::newRow("b eq false") << c("metadata.b", "eq", "false") << Ids{28};

    // Nested paths, flat dotted keys, non-object intermediates.
    QTest::newRow("service.tier eq gold") << c("metadata.service.tier", "eq", R"("gold")") << Ids{1, 3, 25};
    QTest::newRow("service.tier exists (null counts)")
        << c("metadata.service.tier", "exists") << Ids{1, 2, 3, 5, 19, 20, 25};
    QTest::newRow("service.tier neq gold")
        << c("metadata.service.tier", "neq", R"("gold")") << Ids{2, 5, 19, 20};
    QTest::newRow("service.tier contains GOLD")
        << c("metadata.service.tier", "contains", R"("GOLD")") << Ids{1, 3, 19, 25};
    QTest::newRow("service exists") << c("metadata.service", "exists") << Ids{1, 2, 3, 5, 8, 19, 20, 25};
    QTest::newRow("service contains tier (objects by text)")
        << c("metadata.service", "contains", R"("tier")") << Ids{1, 2, 3, 5, 19, 20, 25};
    QTest::newRow("service contains FLAT") << c("metadata.service", "contains", R"("FLAT")") << Ids{8};
    QTest::newRow("service eq string") << c("metadata.service", "eq", R"("flat-string")") << Ids{8};
    QTest::newRow("service.level.deep eq 2") << c("metadata.service.level.deep", "eq", "2") << Ids{19};
    QTest::newRow("service.level contains deep")
        << c("metadata.service.level", "contains", R"("\"deep\":2")") << Ids{19};
    QTest::newRow("through a string is missing") << c("metadata.service.tier.x", "exists") << Ids{};
    QTest::newRow("numeric, underscore and dash keys") << g("and",
        {c("metadata.123", "eq", R"("numeric-key")"), c("metadata._x", "eq", R"("underscore")"),
            c("metadata.-dash", "eq", "1")}) << Ids{24};

    // Present null vs missing.
    QTest::newRow("optional exists (null)") << c("metadata.optional", "exists") << Ids{4};
    QTest::newRow("optional in [null]") << c("metadata.optional", "in", "[null]") << Ids{4};
    QTest::newRow("optional neq x (null is not x)") << c("metadata.optional", "neq", R"("x")") << Ids{4};
    QTest::newRow("optional contains nil: null has no text")
        << c("metadata.optional", "contains", R"("nil")") << Ids{};
    QTest::newRow("optional gt: null has no order") << c("metadata.optional", "gt", "1") << Ids{};
    QTest::newRow("missing key exists") << c("metadata.nothere", "exists") << Ids{};
    QTest::newRow("missing key neq") << c("metadata.nothere", "neq", R"("x")") << Ids{};
    QTest::newRow("missing key contains empty") << c("metadata.nothere", "contains", R"("")") << Ids{};

    // Hyphenated keys (contract §13.7 case 57).
    QTest::newRow("region-name eq") << c("metadata.region-name", "eq", R"("eu-west")") << Ids{2, 3, 25};
    QTest::newRow("region-name contains EU")
        << c("metadata.region-name", "contains", R"("EU")") << Ids{2, 3, 19, 25};
    QTest::newRow("region-name exists") << c("metadata.region-name", "exists") << Ids{1, 2, 3, 19, 20, 25};

    // contains: literal % and _, textual forms of numbers and containers.
    QTest::newRow("code contains a_b (not axb)") << c("metadata.code", "contains", R"("a_b")") << Ids{5};
    QTest::newRow("code contains _") << c("metadata.code", "contains", R"("_")") << Ids{5};
    QTest::newRow("note contains 100%") << c("metadata.note", "contains", R"("100%")") << Ids{5};
    QTest::newRow("x contains a%b") << c("metadata.x", "contains", R"("a%b")") << Ids{27};
    QTest::newRow("x contains ab: no wildcard") << c("metadata.x", "contains", R"("ab")") << Ids{};
    QTest::newRow("under contains b_c") << c("metadata.under", "contains", R"("b_c")") << Ids{27};
    QTest::newRow("status_code contains 50")
        << c("metadata.status_code", "contains", R"("50")") << Ids{2, 6, 25};
    QTest::newRow("status_code contains number 50")
        << c("metadata.status_code", "contains", "50") << Ids{2, 6, 25};
    QTest::newRow("status_code contains 0.5") << c("metadata.status_code", "contains", R"("0.5")") << Ids{21};
    QTest::newRow("status contains 200") << c("metadata.status", "contains", "200") << Ids{1, 2, 3};
    QTest::newRow("tags contains b") << c("metadata.tags", "contains", R"("b")") << Ids{10};
    QTest::newRow("tags contains array value") << c("metadata.tags", "contains", R"(["a","B"])") << Ids{10};
    QTest::newRow("tags eq array never") << c("metadata.tags", "eq", R"(["a","B"])") << Ids{};
    QTest::newRow("tags neq array: exists") << c("metadata.tags", "neq", R"(["a","B"])") << Ids{10};
    QTest::newRow("obj contains key text") << c("metadata.obj", "contains", R"("\"b\":1")") << Ids{10};
    QTest::newRow("obj.a eq") << c("metadata.obj.a", "eq", R"("x")") << Ids{10};
    QTest::newRow("items contains 2.5") << c("metadata.items", "contains", R"("2.5")") << Ids{26};
    QTest::newRow("empty object contains {}") << c("metadata.empty", "contains", R"("{}")") << Ids{26};
    QTest::newRow("empty array contains []") << c("metadata.arr0", "contains", R"("[]")") << Ids{26};
    QTest::newRow("city contains: no Unicode folding")
        << c("metadata.city", "contains", "\"m\xc3\xbcnchen\"") << Ids{};
    QTest::newRow("city contains: ASCII folding only")
        << c("metadata.city", "contains", "\"M\xc3\x9cn\"") << Ids{14};

    // Numbers: big, negative, tiny, decimals, beyond 2^53.
    QTest::newRow("big eq 1e21") << c("metadata.big", "eq", "1e21") << Ids{12};
    QTest::newRow("big contains e+21") << c("metadata.big", "contains", R"("e+21")") << Ids{12};
    QTest::newRow("big gt 1e20") << c("metadata.big", "gt", "1e20") << Ids{12};
    QTest::newRow("neg lt 0") << c("metadata.neg", "lt", "0") << Ids{12};
    QTest::newRow("neg contains -3") << c("metadata.neg", "contains", R"("-3")") << Ids{12};
    QTest::newRow("negf contains -2.5") << c("metadata.negf", "contains", R"("-2.5")") << Ids{12};
    QTest::newRow("zero eq 0") << c("metadata.zero", "eq", "0") << Ids{12};
    QTest::newRow("zero contains 0") << c("metadata.zero", "contains", "0") << Ids{12};
    QTest::newRow("n eq 2^53 (float64 semantics)") << c("metadata.n", "eq", "9007199254740992") << Ids{18};
    QTest::newRow("n contains its float64 text")
        << c("metadata.n", "contains", R"("9007199254740992")") << Ids{18};
    QTest::newRow("latency eq") << c("metadata.latency", "eq", "162.338082") << Ids{22};
    QTest::newRow("latency gt") << c("metadata.latency", "gt", "162.33808") << Ids{22};
    QTest::newRow("latency contains") << c("metadata.latency", "contains", R"("162.338")") << Ids{22};
    QTest::newRow("ratio eq 1.5") << c("metadata.ratio", "eq", "1.5") << Ids{6};
    QTest::newRow("ratio lt 1") << c("metadata.ratio", "lt", "1") << Ids{30};
    QTest::newRow("ratio contains 0.1") << c("metadata.ratio", "contains", R"("0.1")") << Ids{30};
    QTest::newRow("tiny contains decimal text") << c("metadata.tiny", "contains", R"("0.0000231")") << Ids{7};
    QTest::newRow("tiny lt 0.0001") << c("metadata.tiny", "lt", "0.0001") << Ids{7};

    // Code-point order beyond the BMP (UTF-16 unit order would flip these).
    QTest::newRow("sym gt U+FFFD") << c("metadata.sym", "gt", R"("\uFFFD")") << Ids{16};
    QTest::newRow("sym lt U+1F600") << c("metadata.sym", "lt", R"("\ud83d\ude00")") << Ids{15};
    QTest::newRow("sym gte U+E000") << c("metadata.sym", "gte", R"("\uE000")") << Ids{15, 16};

    // Groups (contract §6.6 tested examples first).
    QTest::newRow("and[tier gold, retry true]")
        << g("and", {c("metadata.service.tier", "eq", R"("gold")"), c("metadata.retry", "eq", "true")})
        << Ids{1, 25};
    QTest::newRow("or[tier silver, region-name eu-west]") << g("or",
        {c("metadata.service.tier", "eq", R"("silver")"), c("metadata.region-name", "eq", R"("eu-west")")})
                                                          << Ids{2, 3, 20, 25};
    QTest::newRow("and[tier gold, status_code gte 500]")
        << g("and", {c("metadata.service.tier", "eq", R"("gold")"), c("metadata.status_code", "gte", "500")})
        << Ids{25};
    QTest::newRow("or of ands") << g("or",
        {g("and", {c("meter", "eq", R"("tokens")"), c("quantity", "gt", "10")}),
            g("and", {c("subject", "eq", R"("org_999")"), c("metadata.sym", "gt", R"("\uFFFD")")})})
                                << Ids{4, 16, 22};
    QTest::newRow("single-rule group") << g("and", {c("subject", "eq", R"("org_abc")")}) << Ids{24};
    QTest::newRow("or with a missing field")
        << g("or", {c("metadata.nothere", "exists"), c("metadata.endpoint", "eq", R"("/admin")")}) << Ids{4};
    QTest::newRow("time window with key") << g("and",
        {c("timestamp", "gte", R"("2026-06-08T00:00:00Z")"),
            c("timestamp", "lt", R"("2026-06-09T00:00:00Z")"), c("idempotency_key", "exists")})
                                          << Ids{1, 2, 4, 5};
    QTest::newRow("and of or and neq") << g("and",
        {g("or", {c("metadata.endpoint", "contains", R"("order")"), c("metadata.status_code", "gte", "500")}),
            c("metadata.endpoint", "neq", R"("/orders")")})
                                       << Ids{2, 3, 17, 29};
    QTest::newRow("deep nesting") << nestedGroups(kMaxFilterDepth) << Ids{24};
}

void TstFilter::matchesAndSqlAgree()
{
    QFETCH(QByteArray, filter);
    QFETCH(Ids, expected);

    const auto parsed = parseFilter(parseJson(filter));
    QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
    QVERIFY(parsed->has_value());
    const FilterNode &node = **parsed;

    const Ids cpp = cppMatches(node);
    const Ids sql = sqlMatches(node);
    if (cpp != sql)
        qWarning("SQL: %s", toSqlite(node).sql.constData());
    QCOMPARE(cpp, sorted(expected));
    QCOMPARE(sql, sorted(expected));
}

void TstFilter::longInListsBindOnce()
{
    // 40,000 strings would exceed SQLite's default host-parameter limit (32,766) if bound one by one.
    QJsonArray subjects;
    for (int i = 0; i < 40000; ++i)
        subjects.append(QStringLiteral("subject-%1").arg(i));
    subjects.append(QStringLiteral("org_abc"));
    QJsonArray quantities;
    for (int i = 0; i < 40000; ++i)
        quantities.append(1000 + i);
    quantities.append(42);

    const QList<std::pair<QJsonObject, Ids>> cases = {
        {QJsonObject{{"type", "condition"}, {"field", "subject"}, {"op", "in"}, {"value", subjects}},
            Ids{24}},
        {QJsonObject{
             {"type", "condition"}, {"field", "metadata.endpoint"}, {"op", "in"}, {"value", subjects}},
            Ids{}},
        {QJsonObject{{"type", "condition"}, {"field", "quantity"}, {"op", "in"}, {"value", quantities}},
            Ids{29}},
        {QJsonObject{
             {"type", "condition"}, {"field", "metadata.status_code"}, {"op", "in"}, {"value", quantities}},
            Ids{}},
    };
    for (const auto &[json, expected] : cases) {
        const auto parsed = parseFilter(json);
        QVERIFY(parsed.ok());
        const SqlFragment fragment = toSqlite(**parsed);
        QCOMPARE(fragment.binds.size(), 1);
        QCOMPARE(sqlMatches(**parsed), expected);
        QCOMPARE(cppMatches(**parsed), expected);
    }
}

void TstFilter::largestFiltersRunInSqlite()
{
    // The widest and the deepest accepted filters stay within SQLite's expression-depth limit.
    for (const QByteArray &json : {wideGroup(kMaxFilterNodes - 1), nestedGroups(kMaxFilterDepth)}) {
        const auto parsed = parseFilter(parseJson(json));
        QVERIFY(parsed.ok());
        QCOMPARE(sqlMatches(**parsed), Ids{24});
        QCOMPARE(cppMatches(**parsed), Ids{24});
    }
    // 255 metadata `contains` terms on numbers: the heaviest SQL per node.
    QList<QByteArray> rules;
    for (int i = 0; i < kMaxFilterNodes - 1; ++i)
        rules.append(c("metadata.status_code", "contains", '"' + QByteArray::number(900 + i) + '"'));
    const auto parsed = parseFilter(parseJson(g("or", rules)));
    QVERIFY(parsed.ok());
    QCOMPARE(sqlMatches(**parsed), Ids{});
    QCOMPARE(cppMatches(**parsed), Ids{});
}

QTEST_APPLESS_MAIN(TstFilter)
#include "tst_filter.moc"
