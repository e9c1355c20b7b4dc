// Contract §6.1–§6.8, §7.1, §13.7 and §13.8 through a real server: bucket queries, aggregations,
// group_by, metadata filters, the filter DSL, breakdowns, dimension values and the direct bucket CSV
// export, plus this product's extensions (timezone, extra bucket sizes, fill_empty).

#include "ApiTestServer.h"

#include <QJsonArray>
#include <QUrl>
#include <QtTest>

using osc::test::ApiTestServer;
using osc::test::HttpResult;

namespace {

QByteArray compact(const QJsonValue &value)
{
    return value.isArray() ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)
                           : QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
}

QJsonObject dim(const QString &name, const QString &type = QStringLiteral("string"), bool required = false)
{
    return {{"name", name}, {"type", type}, {"required", required}};
}

void createMeter(ApiTestServer &server, const QString &name, const QString &unit,
    const QString &aggregation = QStringLiteral("sum"), const QJsonArray &dimensions = {})
{
    const auto r = server.call("POST", "/v1/meters",
        QJsonObject{
            {"name", name}, {"unit", unit}, {"aggregation", aggregation}, {"dimensions", dimensions}});
    QVERIFY2(r.status == 201, r.body.constData());
}

QJsonObject ev(const QString &subject, const QString &meter, double quantity, const QString &timestamp,
    const QJsonObject &metadata = {})
{
    return {{"subject", subject}, {"meter", meter}, {"quantity", quantity}, {"timestamp", timestamp},
        {"metadata", metadata}};
}

// Ingests through the real bulk endpoint and returns the accepted events (with their ids).
QJsonArray ingest(ApiTestServer &server, const QJsonArray &events)
{
    const auto r = server.call("POST", "/v1/usages/bulk", compact(events));
    if (r.status != 201 || r.object().value("failed").toInt() != 0)
        qWarning() << "bulk failed:" << r.body;
    return r.object().value("accepted_items").toArray();
}

HttpResult search(ApiTestServer &server, const QJsonObject &body, const QString &path = "/v1/usages/search")
{
    return server.call("POST", path, compact(body));
}

QString enc(const QString &text)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(text));
}

// "bucket_start|group values…|quantity" per row, for compact order-sensitive comparisons.
QStringList rows(const HttpResult &r, const QStringList &groupFields = {})
{
    QStringList out;
    for (const QJsonValue &value : r.array()) {
        const QJsonObject row = value.toObject();
        QStringList parts{row.value("bucket_start").toString()};
        for (const QString &field : groupFields)
            parts.append(row.value("group").toObject().value(field).toString());
        parts.append(QString::number(row.value("quantity").toDouble(), 'g', 17));
        out.append(parts.join('|'));
    }
    return out;
}

QString num(double value)
{
    return QString::number(value, 'g', 17);
}

// The §13.7 api_calls fixture: (plan, region, quantity) for org_123 on 2026-06-08.
void seedApiCalls(ApiTestServer &server)
{
    createMeter(server, "api_calls", "call", "sum", QJsonArray{dim("region"), dim("plan")});
    ingest(server,
        QJsonArray{ev("org_123", "api_calls", 2, "2026-06-08T09:00:00Z",
                       {{"plan", "free"}, {"region", "us-east-1"}}),
            ev("org_123", "api_calls", 3, "2026-06-08T10:00:00Z", {{"plan", "pro"}, {"region", "us-east-1"}}),
            ev("org_123", "api_calls", 5, "2026-06-08T11:00:00Z",
                {{"plan", "free"}, {"region", "us-west-2"}}),
            ev("org_123", "api_calls", 7, "2026-06-08T12:00:00Z",
                {{"plan", "free"}, {"region", "us-east-1"}})});
}

// The §13.7 tokens fixture: 11 @14:30 us-east-1, 5 @15:30 us-west-2 for org_123.
void seedTokens(ApiTestServer &server)
{
    createMeter(server, "tokens", "token", "sum", QJsonArray{dim("region")});
    ingest(server,
        QJsonArray{ev("org_123", "tokens", 11, "2026-06-08T14:30:00Z", {{"region", "us-east-1"}}),
            ev("org_123", "tokens", 5, "2026-06-08T15:30:00Z", {{"region", "us-west-2"}})});
}

const QString kDay = QStringLiteral("from=2026-06-08T00:00:00Z&to=2026-06-09T00:00:00Z");

} // namespace

class tst_QueryApi final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void daySumBucket();
    void metadataQueryFilters();
    void groupByRegionAndPlan();
    void subjectAggregationAndGrouping();
    void limitCapsRows();
    void validation_data();
    void validation();
    void aggregations_data();
    void aggregations();
    void firstLastTieBreakById();
    void rateDayAndMonth();
    void groupByNilAndTypedValues();
    void nestedFilter();
    void hyphenatedDimension();
    void dottedDimensionParity();
    void breakdowns();
    void breakdownRateAndFilters();
    void dimensionValues();
    void exportCsvExact();
    void exportLimitsAndHeaders();
    void authorization();
    void timezoneNewYorkDst();
    void timezoneKolkata();
    void fillEmpty();
    void extraBucketSizes();

private:
    // Shared by the data-driven validation rows (one server instead of one per row).
    std::unique_ptr<ApiTestServer> m_validationServer;
};

void tst_QueryApi::initTestCase()
{
    m_validationServer = std::make_unique<ApiTestServer>();
    QVERIFY(m_validationServer->ok());
    createMeter(*m_validationServer, "api_calls", "call", "sum", QJsonArray{dim("region")});
}

void tst_QueryApi::cleanupTestCase()
{
    m_validationServer.reset();
}

void tst_QueryApi::daySumBucket()
{
    ApiTestServer server;
    seedTokens(server);
    const auto r = server.call("GET", "/v1/usages?meter=tokens&subject=org_123&bucket_size=day&" + kDay);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("Content-Type"), QByteArray("application/json"));
    // Byte-exact: field order of §6.1, no `group` without group_by, bare array, trailing newline.
    QCOMPARE(r.body,
        QByteArray(
            R"([{"subject":"org_123","meter":"tokens","bucket_size":"day","bucket_start":"2026-06-08T00:00:00Z",)"
            R"("aggregation":"sum","unit":"token","quantity":16}])"
            "\n"));
    // bucket_size defaults to day; the search form answers the same.
    const auto viaSearch = search(server,
        {{"meter", "tokens"}, {"subject", "org_123"}, {"from", "2026-06-08T00:00:00Z"},
            {"to", "2026-06-09T00:00:00Z"}});
    QCOMPARE(viaSearch.status, 200);
    QCOMPARE(viaSearch.body, r.body);
    // Nothing matches → [] (no zero-filling by default).
    const auto empty
        = server.call("GET", "/v1/usages?meter=tokens&from=2026-07-01T00:00:00Z&to=2026-07-02T00:00:00Z");
    QCOMPARE(empty.status, 200);
    QCOMPARE(empty.body, QByteArray("[]\n"));
}

void tst_QueryApi::metadataQueryFilters()
{
    ApiTestServer server;
    seedTokens(server);
    auto r = server.call("GET", "/v1/usages?meter=tokens&subject=org_123&metadata.region=us-east-1&" + kDay);
    QCOMPARE(r.status, 200);
    QCOMPARE(rows(r), QStringList{"2026-06-08T00:00:00Z|11"});
    r = search(server,
        {{"meter", "tokens"}, {"subject", "org_123"}, {"from", "2026-06-08T00:00:00Z"},
            {"to", "2026-06-09T00:00:00Z"},
            {"filter",
                QJsonObject{{"type", "condition"}, {"field", "metadata.region"}, {"op", "eq"},
                    {"value", "us-west-2"}}}});
    QCOMPARE(r.status, 200);
    QCOMPARE(rows(r), QStringList{"2026-06-08T00:00:00Z|5"});

    // §6.5: textual comparison matches numbers and booleans; keys need not be dimensions.
    createMeter(server, "requests", "request");
    ingest(server,
        QJsonArray{ev("org_1", "requests", 1, "2026-06-08T01:00:00Z", {{"status", 200}, {"retry", true}}),
            ev("org_1", "requests", 2, "2026-06-08T02:00:00Z", {{"status", 503}, {"retry", false}}),
            ev("org_1", "requests", 4, "2026-06-08T03:00:00Z", {{"status", "200"}}),
            ev("org_1", "requests", 8, "2026-06-08T04:00:00Z", {{"nested", QJsonObject{{"k", 1.5}}}})});
    r = server.call("GET", "/v1/usages?meter=requests&metadata.status=200&" + kDay);
    QCOMPARE(rows(r), QStringList{"2026-06-08T00:00:00Z|5"}); // numeric 200 and string "200"
    r = server.call("GET", "/v1/usages?meter=requests&metadata.retry=true&" + kDay);
    QCOMPARE(rows(r), QStringList{"2026-06-08T00:00:00Z|1"});
    r = server.call("GET", "/v1/usages?meter=requests&metadata.retry=false&metadata.status=503&" + kDay);
    QCOMPARE(rows(r), QStringList{"2026-06-08T00:00:00Z|2"});
    r = server.call("GET", "/v1/usages?meter=requests&metadata.nested.k=1.5&" + kDay);
    QCOMPARE(rows(r), QStringList{"2026-06-08T00:00:00Z|8"});
    // Values are trimmed; a missing key never matches.
    r = server.call("GET", "/v1/usages?meter=requests&metadata.status=%20503%20&" + kDay);
    QCOMPARE(rows(r), QStringList{"2026-06-08T00:00:00Z|2"});
    r = server.call("GET", "/v1/usages?meter=requests&metadata.absent=x&" + kDay);
    QCOMPARE(r.body, QByteArray("[]\n"));
}

void tst_QueryApi::groupByRegionAndPlan()
{
    ApiTestServer server;
    seedApiCalls(server);
    const QStringList expected{"2026-06-08T00:00:00Z|us-east-1|free|9",
        "2026-06-08T00:00:00Z|us-east-1|pro|3", "2026-06-08T00:00:00Z|us-west-2|free|5"};
    const QStringList fields{"region", "plan"};
    auto r = server.call(
        "GET", "/v1/usages?meter=api_calls&subject=org_123&group_by=region&group_by=plan&" + kDay);
    QCOMPARE(r.status, 200);
    QCOMPARE(rows(r, fields), expected);
    // group keys sorted like Go's map marshalling; subject = the filter subject.
    QVERIFY(r.body.startsWith(
        R"([{"subject":"org_123","meter":"api_calls","bucket_size":"day","bucket_start":"2026-06-08T00:00:00Z","aggregation":"sum","unit":"call","quantity":9,"group":{"plan":"free","region":"us-east-1"}})"));
    // Comma-separated, padded and duplicated forms normalize to the same list.
    r = server.call(
        "GET", "/v1/usages?meter=api_calls&group_by=" + enc(" region , plan,,region") + "&" + kDay);
    QCOMPARE(rows(r, fields), expected);

    r = search(server,
        {{"meter", "api_calls"}, {"subject", "org_123"}, {"from", "2026-06-08T00:00:00Z"},
            {"to", "2026-06-09T00:00:00Z"}, {"group_by", QJsonArray{"region"}}});
    QCOMPARE(r.status, 200);
    QCOMPARE(rows(r, {"region"}),
        (QStringList{"2026-06-08T00:00:00Z|us-east-1|12", "2026-06-08T00:00:00Z|us-west-2|5"}));
    r = search(server,
        {{"meter", "api_calls"}, {"from", "2026-06-08T00:00:00Z"}, {"to", "2026-06-09T00:00:00Z"},
            {"group_by", QJsonArray{"region", "plan"}}});
    QCOMPARE(rows(r, fields), expected);
    r = search(server,
        {{"meter", "api_calls"}, {"from", "2026-06-08T00:00:00Z"}, {"to", "2026-06-09T00:00:00Z"},
            {"group_by", QJsonArray{"region,plan"}}});
    QCOMPARE(rows(r, fields), expected);
    r = search(server,
        {{"meter", "api_calls"}, {"from", "2026-06-08T00:00:00Z"}, {"to", "2026-06-09T00:00:00Z"},
            {"group_by", "region"}});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), QString("invalid_json"));
    // Case-insensitive body keys (Go encoding/json).
    r = search(server,
        {{"Meter", "api_calls"}, {"FROM", "2026-06-08T00:00:00Z"}, {"To", "2026-06-09T00:00:00Z"},
            {"Group_By", QJsonArray{"region", "plan"}}});
    QCOMPARE(rows(r, fields), expected);
}

void tst_QueryApi::subjectAggregationAndGrouping()
{
    ApiTestServer server;
    createMeter(server, "api_calls", "call");
    ingest(server,
        QJsonArray{ev("org_123", "api_calls", 2, "2026-06-08T09:00:00Z"),
            ev("org_123", "api_calls", 3, "2026-06-08T10:00:00Z"),
            ev("org_456", "api_calls", 5, "2026-06-08T11:00:00Z")});
    auto r = server.call("GET", "/v1/usages?meter=api_calls&" + kDay);
    QCOMPARE(r.array().size(), 1);
    QCOMPARE(r.array().at(0).toObject().value("subject").toString(), QString(""));
    QVERIFY(r.array().at(0).toObject().contains("subject"));
    QCOMPARE(r.array().at(0).toObject().value("quantity").toDouble(), 10.0);
    QVERIFY(!r.array().at(0).toObject().contains("group"));

    r = search(server,
        {{"meter", "api_calls"}, {"from", "2026-06-08T00:00:00Z"}, {"to", "2026-06-09T00:00:00Z"},
            {"group_by", QJsonArray{"subject"}}});
    const QJsonArray a = r.array();
    QCOMPARE(a.size(), 2);
    QCOMPARE(a.at(0).toObject().value("subject").toString(), QString("org_123"));
    QCOMPARE(a.at(0).toObject().value("group").toObject().value("subject").toString(), QString("org_123"));
    QCOMPARE(a.at(0).toObject().value("quantity").toDouble(), 5.0);
    QCOMPARE(a.at(1).toObject().value("subject").toString(), QString("org_456"));
    QCOMPARE(a.at(1).toObject().value("group").toObject().value("subject").toString(), QString("org_456"));
    QCOMPARE(a.at(1).toObject().value("quantity").toDouble(), 5.0);
}

void tst_QueryApi::limitCapsRows()
{
    ApiTestServer server;
    createMeter(server, "api_calls", "call");
    ingest(server,
        QJsonArray{ev("org_123", "api_calls", 1, "2026-06-08T09:00:00Z"),
            ev("org_123", "api_calls", 2, "2026-06-09T09:00:00Z")});
    const QString range = "from=2026-06-08T00:00:00Z&to=2026-06-10T00:00:00Z";
    auto r = server.call("GET", "/v1/usages?meter=api_calls&limit=1&" + range);
    QCOMPARE(rows(r), QStringList{"2026-06-08T00:00:00Z|1"});
    r = server.call("GET", "/v1/usages?meter=api_calls&" + range);
    QCOMPARE(rows(r), (QStringList{"2026-06-08T00:00:00Z|1", "2026-06-09T00:00:00Z|2"}));
    // Above the maximum is clamped silently; 0 / negative in a body means the default.
    r = server.call("GET", "/v1/usages?meter=api_calls&limit=5000&" + range);
    QCOMPARE(r.array().size(), 2);
    r = search(server,
        {{"meter", "api_calls"}, {"from", "2026-06-08T00:00:00Z"}, {"to", "2026-06-10T00:00:00Z"},
            {"limit", -3}});
    QCOMPARE(r.array().size(), 2);
    // First bucket may start before `from` and holds only events >= from.
    r = server.call("GET", "/v1/usages?meter=api_calls&from=2026-06-08T10:00:00Z&to=2026-06-10T00:00:00Z");
    QCOMPARE(rows(r), QStringList{"2026-06-09T00:00:00Z|2"});
    r = server.call("GET", "/v1/usages?meter=api_calls&from=2026-06-08T08:00:00Z&to=2026-06-09T09:00:00Z");
    QCOMPARE(rows(r), QStringList{"2026-06-08T00:00:00Z|1"}); // `to` is exclusive
}

void tst_QueryApi::validation_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");

    const QString ok = "meter=api_calls&" + kDay;
    const QString rangeMsg = "invalid input: valid from and to range is required";
    auto get = [](const char *name, const QString &query, int status, const QString &code,
                   const QString &message) {
        QTest::newRow(name) << QByteArray("GET") << "/v1/usages?" + query << QByteArray() << status << code
                            << message;
    };
    auto post = [](const char *name, const QString &path, const QByteArray &body, int status,
                    const QString &code, const QString &message) {
        QTest::newRow(name) << QByteArray("POST") << path << body << status << code << message;
    };

    get("limit word", "limit=zero&" + ok, 400, "invalid_limit", "limit must be a positive integer");
    get("limit zero", "limit=0&" + ok, 400, "invalid_limit", "limit must be a positive integer");
    get("limit before from", "limit=-1&meter=api_calls", 400, "invalid_limit",
        "limit must be a positive integer");
    get("from missing", "meter=api_calls&to=2026-06-09T00:00:00Z", 400, "invalid_from",
        "from must be RFC3339");
    get("from garbled", "meter=api_calls&from=yesterday&to=2026-06-09T00:00:00Z", 400, "invalid_from",
        "from must be RFC3339");
    get("from date only", "meter=api_calls&from=2026-06-08&to=2026-06-09T00:00:00Z", 400, "invalid_from",
        "from must be RFC3339");
    get("from without zone", "meter=api_calls&from=2026-06-08T00:00:00&to=2026-06-09T00:00:00Z", 400,
        "invalid_from", "from must be RFC3339");
    get("to missing", "meter=api_calls&from=2026-06-08T00:00:00Z", 400, "invalid_to", "to must be RFC3339");
    get("to garbled", "meter=api_calls&from=2026-06-08T00:00:00Z&to=x", 400, "invalid_to",
        "to must be RFC3339");
    get("unknown meter", "meter=missing&" + kDay, 404, "not_found", "not found");
    get("unknown meter beats subject", "meter=missing&subject=bad!subject&" + kDay, 404, "not_found",
        "not found");
    get("no meter", kDay, 404, "not_found", "not found");
    get("six group_by", "group_by=a,b,c,d,e,f&" + ok, 400, "invalid_input",
        "invalid input: group_by supports up to 5 fields");
    get("five group_by unknown", "group_by=a,b,c,d,e,a&" + ok, 400, "invalid_input", "invalid input");
    get("group_by metadata prefix", "group_by=metadata.region&" + ok, 400, "invalid_input", "invalid input");
    get("group_by unknown", "group_by=plan&" + ok, 400, "invalid_input", "invalid input");
    get("bad subject", "subject=bad!subject&" + ok, 400, "invalid_input",
        "invalid input: subject \"bad!subject\" must use letters, numbers, underscores, hyphens, dots, or "
        "colons");
    get("from after to", "meter=api_calls&from=2026-06-09T00:00:00Z&to=2026-06-08T00:00:00Z", 400,
        "invalid_input", rangeMsg);
    get("from equals to", "meter=api_calls&from=2026-06-09T00:00:00Z&to=2026-06-09T00:00:00Z", 400,
        "invalid_input", rangeMsg);
    get("range before bucket size",
        "meter=api_calls&bucket_size=fortnight&from=2026-06-09T00:00:00Z&to=2026-06-08T00:00:00Z", 400,
        "invalid_input", rangeMsg);
    get("bucket size", "bucket_size=fortnight&" + ok, 400, "invalid_input",
        "invalid input: unsupported bucket size \"fortnight\"");
    get("bucket size case", "bucket_size=Day&" + ok, 400, "invalid_input",
        "invalid input: unsupported bucket size \"Day\"");
    get("hour 32 days", "meter=api_calls&bucket_size=hour&from=2026-01-01T00:00:00Z&to=2026-02-02T00:00:00Z",
        400, "invalid_input", "invalid input: hour bucket range cannot exceed 31 days");
    get("day 367 days", "meter=api_calls&bucket_size=day&from=2026-01-01T00:00:00Z&to=2027-01-03T00:00:00Z",
        400, "invalid_input", "invalid input: day bucket range cannot exceed 366 days");
    get("month over 5 years",
        "meter=api_calls&bucket_size=month&from=2026-01-01T00:00:00Z&to=2031-01-01T00:00:01Z", 400,
        "invalid_input", "invalid input: month bucket range cannot exceed 5 years");
    get("range before metadata",
        "meter=api_calls&bucket_size=hour&metadata.region=&from=2026-01-01T00:00:00Z&to=2026-02-02T00:00:00Z",
        400, "invalid_input", "invalid input: hour bucket range cannot exceed 31 days");
    get("metadata empty value", "metadata.region=%20&" + ok, 400, "invalid_input",
        "invalid input: metadata filter value is required");
    get("metadata bad key", "metadata.bad%20key=x&" + ok, 400, "invalid_input",
        "invalid input: unsupported metadata key \"bad key\"");
    get("fill_empty not bool", "fill_empty=maybe&" + ok, 400, "invalid_fill_empty",
        "fill_empty must be true or false");
    get("fill_empty with group_by", "fill_empty=true&group_by=region&" + ok, 400, "invalid_input",
        "invalid input: fill_empty cannot be combined with group_by");
    get("unknown zone", "timezone=Mars/Olympus&" + ok, 400, "invalid_input",
        "invalid input: unknown time zone \"Mars/Olympus\"");

    const QString search = "/v1/usages/search";
    post("group_by string", search,
        R"({"meter":"api_calls","from":"2026-06-08T00:00:00Z","to":"2026-06-09T00:00:00Z","group_by":"region"})",
        400, "invalid_json", "invalid JSON body");
    post("limit fraction", search,
        R"({"meter":"api_calls","from":"2026-06-08T00:00:00Z","to":"2026-06-09T00:00:00Z","limit":1.5})", 400,
        "invalid_json", "invalid JSON body");
    post("trailing data", search, R"({"meter":"api_calls"} {})", 400, "invalid_json", "invalid JSON body");
    post("empty body", search, "", 400, "invalid_json", "invalid JSON body");
    post("from number", search, R"({"meter":"api_calls","from":1,"to":"2026-06-09T00:00:00Z"})", 400,
        "invalid_json", "invalid JSON body");
    post("body from missing", search, R"({"meter":"api_calls","to":"2026-06-09T00:00:00Z"})", 400,
        "invalid_from", "from must be RFC3339");
    post("body to garbled", search, R"({"meter":"api_calls","from":"2026-06-08T00:00:00Z","to":"soon"})", 400,
        "invalid_to", "to must be RFC3339");
    post("filter after to", search,
        R"({"meter":"api_calls","from":"2026-06-08T00:00:00Z","filter":{"type":"nope"}})", 400, "invalid_to",
        "to must be RFC3339");
    post("mistyped filter first", search, R"({"meter":"api_calls","filter":{"type":1}})", 400, "invalid_json",
        "invalid JSON body");
    post("filter type", search,
        R"({"meter":"api_calls","from":"2026-06-08T00:00:00Z","to":"2026-06-09T00:00:00Z","filter":{"type":"nope"}})",
        400, "invalid_input", "invalid input: unsupported filter type \"nope\"");
    post("filter before meter", search,
        R"({"meter":"missing","from":"2026-06-08T00:00:00Z","to":"2026-06-09T00:00:00Z","filter":{"type":"group","op":"and","rules":[]}})",
        400, "invalid_input", "invalid input: filter group requires at least one rule");
    post("filter field", search,
        R"({"meter":"api_calls","from":"2026-06-08T00:00:00Z","to":"2026-06-09T00:00:00Z","filter":{"type":"condition","field":"metadata.bad key","op":"eq","value":1}})",
        400, "invalid_input", "invalid input: unsupported filter field \"metadata.bad key\"");
    post("body group_by region name", search,
        R"({"meter":"api_calls","from":"2026-06-08T00:00:00Z","to":"2026-06-09T00:00:00Z","group_by":["region name"]})",
        400, "invalid_input", "invalid input");
    post("body unknown meter", search,
        R"({"meter":"missing","from":"2026-06-08T00:00:00Z","to":"2026-06-09T00:00:00Z"})", 404, "not_found",
        "not found");

    const QString breakdowns = "/v1/usages/breakdowns/search";
    post("breakdown unknown field", breakdowns,
        R"({"meter":"api_calls","field":"plan","from":"2026-06-08T00:00:00Z","to":"2026-06-09T00:00:00Z"})",
        400, "invalid_input", "invalid input");
    post("breakdown empty field", breakdowns,
        R"({"meter":"api_calls","from":"2026-06-08T00:00:00Z","to":"2026-06-09T00:00:00Z"})", 400,
        "invalid_input", "invalid input");
    post("breakdown from missing", breakdowns, R"({"meter":"api_calls","field":"region"})", 400,
        "invalid_from", "from must be RFC3339");
    post("breakdown range", breakdowns,
        R"({"meter":"api_calls","field":"region","from":"2026-06-09T00:00:00Z","to":"2026-06-08T00:00:00Z"})",
        400, "invalid_input", rangeMsg);
    post("breakdown unknown meter", breakdowns,
        R"({"meter":"missing","field":"region","from":"2026-06-08T00:00:00Z","to":"2026-06-09T00:00:00Z"})",
        404, "not_found", "not found");
    post("breakdown limit type", breakdowns, R"({"meter":"api_calls","field":"region","limit":"5"})", 400,
        "invalid_json", "invalid JSON body");

    auto dims = [](const char *name, const QString &query, int status, const QString &code,
                    const QString &message) {
        QTest::newRow(name) << QByteArray("GET") << "/v1/usages/dimensions?" + query << QByteArray() << status
                            << code << message;
    };
    dims("dimension subject", "meter=api_calls&field=subject", 400, "invalid_input", "invalid input");
    dims("dimension unknown", "meter=api_calls&field=plan", 400, "invalid_input", "invalid input");
    dims("dimension missing field", "meter=api_calls", 400, "invalid_input", "invalid input");
    dims("dimension from", "meter=api_calls&field=region&from=bad", 400, "invalid_from",
        "from must be RFC3339");
    dims("dimension to", "meter=api_calls&field=region&to=bad", 400, "invalid_to", "to must be RFC3339");
    dims("dimension range", "meter=api_calls&field=region&from=2026-06-09T00:00:00Z&to=2026-06-08T00:00:00Z",
        400, "invalid_input", rangeMsg);
    dims("dimension limit", "meter=api_calls&field=region&limit=abc", 400, "invalid_limit",
        "limit must be a positive integer");
    dims("dimension unknown meter", "meter=missing&field=region", 404, "not_found", "not found");
}

void tst_QueryApi::validation()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, code);
    QFETCH(QString, message);
    const auto r = m_validationServer->call(method, path, body);
    QVERIFY2(r.status == status, r.body.constData());
    QCOMPARE(r.errorCode(), code);
    QCOMPARE(r.errorMessage(), message);
}

void tst_QueryApi::aggregations_data()
{
    QTest::addColumn<QString>("aggregation");
    QTest::addColumn<QStringList>("expected");
    // §6.3 vectors: /orders 2 @09:00, /users 4 @10:00, /orders 8 @11:00.
    QTest::newRow("sum") << "sum"
                         << QStringList{"2026-06-08T00:00:00Z|/orders|10", "2026-06-08T00:00:00Z|/users|4"};
    QTest::newRow("count") << "count"
                           << QStringList{"2026-06-08T00:00:00Z|/orders|2", "2026-06-08T00:00:00Z|/users|1"};
    QTest::newRow("avg") << "avg"
                         << QStringList{"2026-06-08T00:00:00Z|/orders|5", "2026-06-08T00:00:00Z|/users|4"};
    QTest::newRow("min") << "min"
                         << QStringList{"2026-06-08T00:00:00Z|/orders|2", "2026-06-08T00:00:00Z|/users|4"};
    QTest::newRow("max") << "max"
                         << QStringList{"2026-06-08T00:00:00Z|/orders|8", "2026-06-08T00:00:00Z|/users|4"};
    QTest::newRow("first") << "first"
                           << QStringList{"2026-06-08T00:00:00Z|/orders|2", "2026-06-08T00:00:00Z|/users|4"};
    QTest::newRow("last") << "last"
                          << QStringList{"2026-06-08T00:00:00Z|/orders|8", "2026-06-08T00:00:00Z|/users|4"};
    QTest::newRow("rate") << "rate"
                          << QStringList{"2026-06-08T00:00:00Z|/orders|" + num(2.0 / 86400),
                                 "2026-06-08T00:00:00Z|/users|" + num(1.0 / 86400)};
}

void tst_QueryApi::aggregations()
{
    QFETCH(QString, aggregation);
    QFETCH(QStringList, expected);
    ApiTestServer server;
    createMeter(server, "requests", "request", aggregation, QJsonArray{dim("endpoint")});
    // Out of time order on purpose: first/last must follow event_time, not insertion order.
    ingest(server,
        QJsonArray{ev("org_1", "requests", 8, "2026-06-08T11:00:00Z", {{"endpoint", "/orders"}}),
            ev("org_1", "requests", 2, "2026-06-08T09:00:00Z", {{"endpoint", "/orders"}}),
            ev("org_1", "requests", 4, "2026-06-08T10:00:00Z", {{"endpoint", "/users"}})});
    const auto r = server.call("GET", "/v1/usages?meter=requests&group_by=endpoint&" + kDay);
    QCOMPARE(r.status, 200);
    QCOMPARE(rows(r, {"endpoint"}), expected);
    QCOMPARE(r.array().at(0).toObject().value("aggregation").toString(), aggregation);

    // Breakdowns use the same aggregation (rate over the whole range: 1 day here).
    const auto b = search(server,
        {{"meter", "requests"}, {"field", "endpoint"}, {"from", "2026-06-08T00:00:00Z"},
            {"to", "2026-06-09T00:00:00Z"}},
        "/v1/usages/breakdowns/search");
    QCOMPARE(b.status, 200);
    QStringList got;
    for (const QJsonValue &item : b.object().value("items").toArray())
        got.append("2026-06-08T00:00:00Z|" + item.toObject().value("value").toString() + "|"
            + num(item.toObject().value("quantity").toDouble()));
    got.sort();
    QStringList sortedExpected = expected;
    sortedExpected.sort();
    QCOMPARE(got, sortedExpected);
}

void tst_QueryApi::firstLastTieBreakById()
{
    ApiTestServer server;
    createMeter(server, "first_m", "u", "first");
    createMeter(server, "last_m", "u", "last");
    // §6.3 vectors: first of (12 @11:00, 7 @09:00) = 7; last of (7 @09:00, 12 @11:00) = 12.
    ingest(server,
        QJsonArray{ev("s", "first_m", 12, "2026-06-08T11:00:00Z"),
            ev("s", "first_m", 7, "2026-06-08T09:00:00Z"), ev("s", "last_m", 7, "2026-06-08T09:00:00Z"),
            ev("s", "last_m", 12, "2026-06-08T11:00:00Z")});
    QCOMPARE(
        rows(server.call("GET", "/v1/usages?meter=first_m&" + kDay)), QStringList{"2026-06-08T00:00:00Z|7"});
    QCOMPARE(
        rows(server.call("GET", "/v1/usages?meter=last_m&" + kDay)), QStringList{"2026-06-08T00:00:00Z|12"});

    // Identical timestamps: first = smallest id, last = largest id (ids are server-generated).
    ApiTestServer tie;
    createMeter(tie, "first_m", "u", "first");
    createMeter(tie, "last_m", "u", "last");
    QJsonArray events;
    for (int i = 1; i <= 6; ++i) {
        events.append(ev("s", "first_m", i, "2026-06-08T10:00:00Z"));
        events.append(ev("s", "last_m", i, "2026-06-08T10:00:00Z"));
    }
    const QJsonArray accepted = ingest(tie, events);
    QCOMPARE(accepted.size(), 12);
    QString minId, maxId;
    double minQ = 0, maxQ = 0;
    for (const QJsonValue &value : accepted) {
        const QJsonObject e = value.toObject();
        if (e.value("meter").toString() != "first_m")
            continue;
        const QString id = e.value("id").toString();
        if (minId.isEmpty() || id < minId)
            minId = id, minQ = e.value("quantity").toDouble();
        if (maxId.isEmpty() || id > maxId)
            maxId = id, maxQ = e.value("quantity").toDouble();
    }
    QCOMPARE(rows(tie.call("GET", "/v1/usages?meter=first_m&" + kDay)),
        QStringList{"2026-06-08T00:00:00Z|" + num(minQ)});
    double lastQ = 0;
    QString lastId;
    for (const QJsonValue &value : accepted) {
        const QJsonObject e = value.toObject();
        if (e.value("meter").toString() == "last_m" && e.value("id").toString() > lastId)
            lastId = e.value("id").toString(), lastQ = e.value("quantity").toDouble();
    }
    Q_UNUSED(maxQ);
    QCOMPARE(rows(tie.call("GET", "/v1/usages?meter=last_m&" + kDay)),
        QStringList{"2026-06-08T00:00:00Z|" + num(lastQ)});
}

void tst_QueryApi::rateDayAndMonth()
{
    ApiTestServer server;
    createMeter(server, "requests", "request", "rate", QJsonArray{dim("endpoint")});
    ingest(server,
        QJsonArray{ev("org_1", "requests", 5, "2026-06-08T09:00:00Z", {{"endpoint", "/orders"}}),
            ev("org_1", "requests", 9, "2026-06-08T11:00:00Z", {{"endpoint", "/orders"}}),
            ev("org_1", "requests", 1, "2026-06-08T10:00:00Z", {{"endpoint", "/users"}})});
    auto r = server.call("GET",
        "/v1/usages?meter=requests&group_by=endpoint&bucket_size=month&"
        "from=2026-06-01T00:00:00Z&to=2026-07-01T00:00:00Z");
    QCOMPARE(rows(r, {"endpoint"}),
        (QStringList{"2026-06-01T00:00:00Z|/orders|" + num(2.0 / (30 * 86400)),
            "2026-06-01T00:00:00Z|/users|" + num(1.0 / (30 * 86400))}));
    // Exponent form in JSON, as Go's encoding/json prints it (exponent without a leading zero).
    QVERIFY2(r.body.contains("\"quantity\":7.716049382716049e-7,"), r.body.constData());
    r = server.call("GET", "/v1/usages?meter=requests&metadata.endpoint=/orders&bucket_size=hour&" + kDay);
    QCOMPARE(rows(r),
        (QStringList{"2026-06-08T09:00:00Z|" + num(1.0 / 3600), "2026-06-08T11:00:00Z|" + num(1.0 / 3600)}));
    // Breakdown rate divides by the whole range (2 days here).
    r = search(server,
        {{"meter", "requests"}, {"field", "metadata.endpoint"}, {"from", "2026-06-08T00:00:00Z"},
            {"to", "2026-06-10T00:00:00Z"}},
        "/v1/usages/breakdowns/search");
    const QJsonArray items = r.object().value("items").toArray();
    QCOMPARE(items.size(), 2);
    QCOMPARE(items.at(0).toObject().value("quantity").toDouble(), 2.0 / (2 * 86400));
    QCOMPARE(items.at(0).toObject().value("aggregation").toString(), QString("rate"));
}

void tst_QueryApi::groupByNilAndTypedValues()
{
    ApiTestServer server;
    // `plan` becomes a dimension only after usage exists, so stored events can hold null or lack it.
    const auto created = server.call("POST", "/v1/meters",
        QJsonObject{{"name", "requests"}, {"unit", "request"}, {"aggregation", "sum"},
            {"dimensions", QJsonArray{dim("status", "number"), dim("retry", "boolean")}}});
    QCOMPARE(created.status, 201);
    ingest(server,
        QJsonArray{ev("org_1", "requests", 1, "2026-06-08T01:00:00Z",
                       {{"plan", "pro"}, {"status", 200}, {"retry", true}}),
            ev("org_1", "requests", 2, "2026-06-08T02:00:00Z", {{"status", 1.5}}),
            ev("org_1", "requests", 4, "2026-06-08T03:00:00Z",
                {{"plan", QJsonValue::Null}, {"retry", false}}),
            ev("org_1", "requests", 8, "2026-06-08T04:00:00Z",
                {{"plan", "pro"}, {"status", 200}, {"retry", true}})});
    const auto updated = server.call("PUT", "/v1/meters/" + created.object().value("id").toString(),
        QJsonObject{
            {"dimensions", QJsonArray{dim("status", "number"), dim("retry", "boolean"), dim("plan")}}});
    QVERIFY2(updated.status == 200, updated.body.constData());
    auto r = server.call("GET", "/v1/usages?meter=requests&group_by=plan&" + kDay);
    QCOMPARE(rows(r, {"plan"}), (QStringList{"2026-06-08T00:00:00Z|<nil>|6", "2026-06-08T00:00:00Z|pro|9"}));
    r = server.call("GET", "/v1/usages?meter=requests&group_by=status,retry&" + kDay);
    QCOMPARE(rows(r, {"status", "retry"}),
        (QStringList{"2026-06-08T00:00:00Z|1.5|<nil>|2", "2026-06-08T00:00:00Z|200|true|9",
            "2026-06-08T00:00:00Z|<nil>|false|4"}));
    // Breakdowns and dimension values drop missing/null values instead.
    r = search(server,
        {{"meter", "requests"}, {"field", "plan"}, {"from", "2026-06-08T00:00:00Z"},
            {"to", "2026-06-09T00:00:00Z"}},
        "/v1/usages/breakdowns/search");
    QCOMPARE(r.body,
        QByteArray(
            R"({"items":[{"field":"plan","value":"pro","quantity":9,"events":2,"aggregation":"sum","unit":"request"}]})"
            "\n"));
    r = server.call("GET", "/v1/usages/dimensions?meter=requests&field=metadata.status");
    QCOMPARE(r.body,
        QByteArray(
            R"({"items":[{"field":"status","value":"200","events":2},{"field":"status","value":"1.5","events":1}]})"
            "\n"));
}

void tst_QueryApi::nestedFilter()
{
    ApiTestServer server;
    createMeter(server, "requests", "request", "sum", QJsonArray{dim("endpoint")});
    ingest(server,
        QJsonArray{ev("org_1", "requests", 1, "2026-06-08T01:00:00Z",
                       {{"endpoint", "/orders"}, {"status_code", 200}}),
            ev("org_1", "requests", 2, "2026-06-08T02:00:00Z",
                {{"endpoint", "/orders"}, {"status_code", 503}}),
            ev("org_2", "requests", 4, "2026-06-08T03:00:00Z",
                {{"endpoint", "/admin"}, {"status_code", 429}}),
            ev("org_2", "requests", 8, "2026-06-08T04:00:00Z",
                {{"endpoint", "/users"}, {"status_code", 200}}),
            ev("org_2", "requests", 16, "2026-06-08T05:00:00Z", {{"status_code", 500}})});
    auto cond = [](const QString &field, const QString &op, const QJsonValue &value) {
        return QJsonObject{{"type", "condition"}, {"field", field}, {"op", op}, {"value", value}};
    };
    // and[ or[endpoint contains "ORD", subject eq org_2], status_code gte 400 ]
    const QJsonObject filter{{"type", "group"}, {"op", "and"},
        {"rules",
            QJsonArray{QJsonObject{{"type", "group"}, {"op", "or"},
                           {"rules",
                               QJsonArray{cond("metadata.endpoint", "contains", "ORD"),
                                   cond("subject", "eq", "org_2")}}},
                cond("metadata.status_code", "gte", 400)}}};
    auto r = search(server,
        {{"meter", "requests"}, {"from", "2026-06-08T00:00:00Z"}, {"to", "2026-06-09T00:00:00Z"},
            {"group_by", QJsonArray{"endpoint"}}, {"filter", filter}});
    QCOMPARE(r.status, 200);
    QCOMPARE(rows(r, {"endpoint"}),
        (QStringList{"2026-06-08T00:00:00Z|/admin|4", "2026-06-08T00:00:00Z|/orders|2",
            "2026-06-08T00:00:00Z|<nil>|16"}));
    // neq excludes events without the key; in is type-aware.
    r = search(server,
        {{"meter", "requests"}, {"from", "2026-06-08T00:00:00Z"}, {"to", "2026-06-09T00:00:00Z"},
            {"filter", cond("metadata.endpoint", "neq", "/users")}});
    QCOMPARE(rows(r), QStringList{"2026-06-08T00:00:00Z|7"});
    r = search(server,
        {{"meter", "requests"}, {"from", "2026-06-08T00:00:00Z"}, {"to", "2026-06-09T00:00:00Z"},
            {"filter", cond("metadata.status_code", "in", QJsonArray{200, 503, "429"})}});
    QCOMPARE(rows(r), QStringList{"2026-06-08T00:00:00Z|11"});
    // Filtered breakdown with `in` (§6.6).
    r = search(server,
        {{"meter", "requests"}, {"field", "subject"}, {"from", "2026-06-08T00:00:00Z"},
            {"to", "2026-06-09T00:00:00Z"},
            {"filter", cond("metadata.status_code", "in", QJsonArray{200, 503})}},
        "/v1/usages/breakdowns/search");
    QCOMPARE(r.body,
        QByteArray(
            R"({"items":[{"field":"subject","value":"org_2","quantity":8,"events":1,"aggregation":"sum","unit":"request"},)"
            R"({"field":"subject","value":"org_1","quantity":3,"events":2,"aggregation":"sum","unit":"request"}]})"
            "\n"));
}

void tst_QueryApi::hyphenatedDimension()
{
    ApiTestServer server;
    createMeter(server, "requests", "request", "sum", QJsonArray{dim("region-name")});
    ingest(server,
        QJsonArray{ev("org_1", "requests", 3, "2026-06-08T01:00:00Z", {{"region-name", "eu-west"}}),
            ev("org_1", "requests", 5, "2026-06-08T02:00:00Z", {{"region-name", "us-east"}}),
            ev("org_1", "requests", 7, "2026-06-08T03:00:00Z", {{"region-name", "us-east"}})});
    auto r = server.call("GET", "/v1/usages?meter=requests&metadata.region-name=us-east&" + kDay);
    QCOMPARE(rows(r), QStringList{"2026-06-08T00:00:00Z|12"});
    r = server.call("GET", "/v1/usages?meter=requests&group_by=region-name&" + kDay);
    QCOMPARE(rows(r, {"region-name"}),
        (QStringList{"2026-06-08T00:00:00Z|eu-west|3", "2026-06-08T00:00:00Z|us-east|12"}));
    r = search(server,
        {{"meter", "requests"}, {"field", "metadata.region-name"}, {"from", "2026-06-08T00:00:00Z"},
            {"to", "2026-06-09T00:00:00Z"}},
        "/v1/usages/breakdowns/search");
    QCOMPARE(r.object().value("items").toArray().at(0).toObject().value("field").toString(),
        QString("region-name"));
    QCOMPARE(
        r.object().value("items").toArray().at(0).toObject().value("value").toString(), QString("us-east"));
    r = server.call("GET", "/v1/usages/dimensions?meter=requests&field=region-name");
    QCOMPARE(r.body,
        QByteArray(
            R"({"items":[{"field":"region-name","value":"us-east","events":2},{"field":"region-name","value":"eu-west","events":1}]})"
            "\n"));
}

void tst_QueryApi::dottedDimensionParity()
{
    ApiTestServer server;
    createMeter(server, "requests", "request", "sum",
        QJsonArray{dim("service.tier"), dim("region-name"), dim("status_code", "number")});
    // Flat and nested forms of the same dotted dimension aggregate together (§4.8, §13.7 #58).
    ingest(server,
        QJsonArray{ev("org_1", "requests", 2, "2026-06-08T01:00:00Z",
                       {{"service.tier", "gold"}, {"region-name", "us-east"}, {"status_code", 200}}),
            ev("org_1", "requests", 7, "2026-06-08T02:00:00Z",
                {{"service", QJsonObject{{"tier", "gold"}}}, {"region-name", "us-east"},
                    {"status_code", 503}}),
            ev("org_1", "requests", 3, "2026-06-08T03:00:00Z",
                {{"service.tier", "gold"}, {"region-name", "us-west"}, {"status_code", 200}}),
            ev("org_1", "requests", 1, "2026-06-08T04:00:00Z",
                {{"service", QJsonObject{{"tier", "silver"}}}, {"region-name", "us-east"},
                    {"status_code", 500}})});
    auto r = server.call(
        "GET", "/v1/usages?meter=requests&metadata.service.tier=gold&metadata.region-name=us-east&" + kDay);
    QCOMPARE(rows(r), QStringList{"2026-06-08T00:00:00Z|9"});
    auto cond = [](const QString &field, const QString &op, const QJsonValue &value) {
        return QJsonObject{{"type", "condition"}, {"field", field}, {"op", op}, {"value", value}};
    };
    r = search(server,
        {{"meter", "requests"}, {"from", "2026-06-08T00:00:00Z"}, {"to", "2026-06-09T00:00:00Z"},
            {"group_by", QJsonArray{"service.tier", "region-name"}},
            {"filter", cond("metadata.service.tier", "eq", "gold")}});
    QCOMPARE(rows(r, {"service.tier", "region-name"}),
        (QStringList{"2026-06-08T00:00:00Z|gold|us-east|9", "2026-06-08T00:00:00Z|gold|us-west|3"}));
    const QJsonObject goldErrors{{"type", "group"}, {"op", "and"},
        {"rules",
            QJsonArray{
                cond("metadata.service.tier", "eq", "gold"), cond("metadata.status_code", "gte", 500)}}};
    r = search(server,
        {{"meter", "requests"}, {"from", "2026-06-08T00:00:00Z"}, {"to", "2026-06-09T00:00:00Z"},
            {"group_by", QJsonArray{"region-name"}}, {"filter", goldErrors}});
    QCOMPARE(rows(r, {"region-name"}), QStringList{"2026-06-08T00:00:00Z|us-east|7"});
    r = search(server,
        {{"meter", "requests"}, {"field", "metadata.service.tier"}, {"from", "2026-06-08T00:00:00Z"},
            {"to", "2026-06-09T00:00:00Z"}, {"filter", cond("metadata.region-name", "eq", "us-east")}},
        "/v1/usages/breakdowns/search");
    const QJsonArray items = r.object().value("items").toArray();
    QCOMPARE(items.size(), 2);
    QCOMPARE(items.at(0).toObject().value("field").toString(), QString("service.tier"));
    QCOMPARE(items.at(0).toObject().value("value").toString(), QString("gold"));
    QCOMPARE(items.at(0).toObject().value("quantity").toDouble(), 9.0);
    QCOMPARE(items.at(1).toObject().value("value").toString(), QString("silver"));
    r = server.call("GET", "/v1/usages/dimensions?meter=requests&field=service.tier");
    QCOMPARE(r.body,
        QByteArray(
            R"({"items":[{"field":"service.tier","value":"gold","events":3},{"field":"service.tier","value":"silver","events":1}]})"
            "\n"));

    // Spaces are outside the dimension grammar everywhere.
    r = search(server,
        {{"meter", "requests"}, {"from", "2026-06-08T00:00:00Z"}, {"to", "2026-06-09T00:00:00Z"},
            {"group_by", QJsonArray{"region name"}}});
    QCOMPARE(r.status, 400);
    r = search(server,
        {{"meter", "requests"}, {"field", "metadata.region name"}, {"from", "2026-06-08T00:00:00Z"},
            {"to", "2026-06-09T00:00:00Z"}},
        "/v1/usages/breakdowns/search");
    QCOMPARE(r.status, 400);
    r = server.call("GET", "/v1/usages/dimensions?meter=requests&field=region%20name");
    QCOMPARE(r.status, 400);
}

void tst_QueryApi::breakdowns()
{
    ApiTestServer server;
    createMeter(server, "requests", "request", "sum", QJsonArray{dim("endpoint")});
    ingest(server,
        QJsonArray{ev("org_123", "requests", 2, "2026-06-08T09:00:00Z", {{"endpoint", "/orders"}}),
            ev("org_123", "requests", 3, "2026-06-08T10:00:00Z", {{"endpoint", "/users"}}),
            ev("org_456", "requests", 7, "2026-06-08T11:00:00Z", {{"endpoint", "/orders"}}),
            ev("org_789", "requests", 1, "2026-06-08T12:00:00Z", {{"endpoint", "/users"}})});
    const QString b = "/v1/usages/breakdowns/search";
    auto r = search(server,
        {{"meter", "requests"}, {"field", "subject"}, {"from", "2026-06-08T00:00:00Z"},
            {"to", "2026-06-09T00:00:00Z"}},
        b);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body,
        QByteArray(
            R"({"items":[{"field":"subject","value":"org_456","quantity":7,"events":1,"aggregation":"sum","unit":"request"},)"
            R"({"field":"subject","value":"org_123","quantity":5,"events":2,"aggregation":"sum","unit":"request"},)"
            R"({"field":"subject","value":"org_789","quantity":1,"events":1,"aggregation":"sum","unit":"request"}]})"
            "\n"));
    r = search(server,
        {{"meter", "requests"}, {"subject", "org_123"}, {"field", " metadata.endpoint "},
            {"from", "2026-06-08T00:00:00Z"}, {"to", "2026-06-09T00:00:00Z"}},
        b);
    QCOMPARE(r.body,
        QByteArray(
            R"({"items":[{"field":"endpoint","value":"/users","quantity":3,"events":1,"aggregation":"sum","unit":"request"},)"
            R"({"field":"endpoint","value":"/orders","quantity":2,"events":1,"aggregation":"sum","unit":"request"}]})"
            "\n"));
    // Limit, and ties ordered by value ASC.
    r = search(server,
        {{"meter", "requests"}, {"field", "endpoint"}, {"from", "2026-06-08T00:00:00Z"},
            {"to", "2026-06-09T00:00:00Z"}, {"limit", 1}},
        b);
    QCOMPARE(r.object().value("items").toArray().size(), 1);
    QCOMPARE(
        r.object().value("items").toArray().at(0).toObject().value("value").toString(), QString("/orders"));
    r = search(server,
        {{"meter", "requests"}, {"field", "subject"}, {"from", "2026-07-08T00:00:00Z"},
            {"to", "2026-07-09T00:00:00Z"}},
        b);
    QCOMPARE(r.body, QByteArray("{\"items\":[]}\n"));
}

void tst_QueryApi::breakdownRateAndFilters()
{
    ApiTestServer server;
    createMeter(server, "requests", "request", "count", QJsonArray{dim("endpoint")});
    ingest(server,
        QJsonArray{ev("org_1", "requests", 1, "2026-06-08T01:00:00Z", {{"endpoint", ""}}),
            ev("org_1", "requests", 1, "2026-06-08T02:00:00Z", {{"endpoint", "/a"}}),
            ev("org_2", "requests", 1, "2026-06-08T03:00:00Z", {{"endpoint", "/b"}}),
            ev("org_2", "requests", 1, "2026-06-08T04:00:00Z", {{"endpoint", "/b"}})});
    // The empty string is excluded like missing values; subject filter applies.
    auto r = search(server,
        {{"meter", "requests"}, {"field", "endpoint"}, {"from", "2026-06-08T00:00:00Z"},
            {"to", "2026-06-09T00:00:00Z"}},
        "/v1/usages/breakdowns/search");
    QCOMPARE(r.body,
        QByteArray(
            R"({"items":[{"field":"endpoint","value":"/b","quantity":2,"events":2,"aggregation":"count","unit":"request"},)"
            R"({"field":"endpoint","value":"/a","quantity":1,"events":1,"aggregation":"count","unit":"request"}]})"
            "\n"));
    r = server.call("GET", "/v1/usages/dimensions?meter=requests&field=endpoint&subject=org_1");
    QCOMPARE(r.body,
        QByteArray(R"({"items":[{"field":"endpoint","value":"/a","events":1}]})"
                   "\n"));
}

void tst_QueryApi::dimensionValues()
{
    ApiTestServer server;
    createMeter(server, "api_calls", "call", "sum", QJsonArray{dim("region")});
    ingest(server,
        QJsonArray{ev("org_123", "api_calls", 1, "2026-06-08T09:00:00Z", {{"region", "us-east-1"}}),
            ev("org_123", "api_calls", 1, "2026-06-08T10:00:00Z", {{"region", "us-east-1"}}),
            ev("org_123", "api_calls", 1, "2026-06-08T11:00:00Z", {{"region", "us-west-2"}}),
            ev("org_456", "api_calls", 1, "2026-06-08T12:00:00Z", {{"region", "us-central-1"}})});
    auto r = server.call("GET", "/v1/usages/dimensions?meter=api_calls&field=region&subject=org_123");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body,
        QByteArray(
            R"({"items":[{"field":"region","value":"us-east-1","events":2},{"field":"region","value":"us-west-2","events":1}]})"
            "\n"));
    r = server.call("GET", "/v1/usages/dimensions?meter=api_calls&field=region");
    QCOMPARE(r.object().value("items").toArray().size(), 3);
    QCOMPARE(r.object().value("items").toArray().at(1).toObject().value("value").toString(),
        QString("us-central-1"));
    r = server.call("GET", "/v1/usages/dimensions?meter=api_calls&field=region&limit=1");
    QCOMPARE(r.object().value("items").toArray().size(), 1);
    r = server.call("GET", "/v1/usages/dimensions?meter=api_calls&field=region&from=2026-06-08T10:30:00Z");
    QCOMPARE(r.body,
        QByteArray(
            R"({"items":[{"field":"region","value":"us-central-1","events":1},{"field":"region","value":"us-west-2","events":1}]})"
            "\n"));
    r = server.call("GET", "/v1/usages/dimensions?meter=api_calls&field=region&to=2026-06-08T10:30:00Z");
    QCOMPARE(r.body,
        QByteArray(R"({"items":[{"field":"region","value":"us-east-1","events":2}]})"
                   "\n"));
    r = server.call("GET", "/v1/usages/dimensions?meter=api_calls&field=plan");
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorMessage(), QString("invalid input"));
}

void tst_QueryApi::exportCsvExact()
{
    ApiTestServer server;
    seedApiCalls(server);
    createMeter(server, "single", "call");
    ingest(server, QJsonArray{ev("org_123", "single", 7, "2026-06-08T10:00:00Z")});

    auto r = server.call("GET", "/v1/usages/export?meter=single&subject=org_123&bucket_size=day&" + kDay);
    QCOMPARE(r.status, 200);
    QVERIFY(r.header("Content-Type").startsWith("text/csv"));
    QCOMPARE(r.body,
        QByteArray("bucket_start,subject,meter,bucket_size,aggregation,unit,quantity\n"
                   "2026-06-08T00:00:00Z,org_123,single,day,sum,call,7\n"));

    r = server.call("GET",
        "/v1/usages/export?meter=api_calls&subject=org_123&bucket_size=day&group_by=region,plan&" + kDay);
    QCOMPARE(r.body,
        QByteArray("bucket_start,subject,meter,bucket_size,aggregation,unit,quantity,region,plan\n"
                   "2026-06-08T00:00:00Z,org_123,api_calls,day,sum,call,9,us-east-1,free\n"
                   "2026-06-08T00:00:00Z,org_123,api_calls,day,sum,call,3,us-east-1,pro\n"
                   "2026-06-08T00:00:00Z,org_123,api_calls,day,sum,call,5,us-west-2,free\n"));
    // Normalized group_by: the upstream trailing-empty-column quirk is not reproduced.
    r = server.call("GET", "/v1/usages/export?meter=api_calls&group_by=region,&metadata.plan=pro&" + kDay);
    QCOMPARE(r.body,
        QByteArray("bucket_start,subject,meter,bucket_size,aggregation,unit,quantity,region\n"
                   "2026-06-08T00:00:00Z,,api_calls,day,sum,call,3,us-east-1\n"));

    ApiTestServer subjects;
    createMeter(subjects, "api_calls", "call");
    ingest(subjects,
        QJsonArray{ev("org_123", "api_calls", 2, "2026-06-08T09:00:00Z"),
            ev("org_123", "api_calls", 3, "2026-06-08T10:00:00Z"),
            ev("org_456", "api_calls", 5, "2026-06-08T11:00:00Z")});
    r = subjects.call("GET", "/v1/usages/export?meter=api_calls&bucket_size=day&group_by=subject&" + kDay);
    QCOMPARE(r.body,
        QByteArray("bucket_start,subject,meter,bucket_size,aggregation,unit,quantity\n"
                   "2026-06-08T00:00:00Z,org_123,api_calls,day,sum,call,5\n"
                   "2026-06-08T00:00:00Z,org_456,api_calls,day,sum,call,5\n"));

    seedTokens(server);
    r = search(server,
        {{"meter", "tokens"}, {"subject", "org_123"}, {"from", "2026-06-08T00:00:00Z"},
            {"to", "2026-06-09T00:00:00Z"}, {"bucket_size", "day"}, {"group_by", QJsonArray{"region"}},
            {"filter",
                QJsonObject{{"type", "condition"}, {"field", "metadata.region"}, {"op", "eq"},
                    {"value", "us-east-1"}}}},
        "/v1/usages/export");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body,
        QByteArray("bucket_start,subject,meter,bucket_size,aggregation,unit,quantity,region\n"
                   "2026-06-08T00:00:00Z,org_123,tokens,day,sum,token,11,us-east-1\n"));

    // Header even without rows; quantities never in exponent form; quoting of group values.
    r = server.call(
        "GET", "/v1/usages/export?meter=tokens&from=2026-07-01T00:00:00Z&to=2026-07-02T00:00:00Z");
    QCOMPARE(r.body, QByteArray("bucket_start,subject,meter,bucket_size,aggregation,unit,quantity\n"));
    createMeter(server, "rates", "req", "rate", QJsonArray{dim("label")});
    ingest(server,
        QJsonArray{ev("org_1", "rates", 1, "2026-06-08T10:00:00Z", {{"label", "a,b"}}),
            ev("org_1", "rates", 1, "2026-06-08T11:00:00Z", {{"label", "a,b"}})});
    r = server.call("GET", "/v1/usages/export?meter=rates&group_by=label&" + kDay);
    QCOMPARE(r.body,
        QByteArray("bucket_start,subject,meter,bucket_size,aggregation,unit,quantity,label\n"
                   "2026-06-08T00:00:00Z,,rates,day,rate,req,0.000023148148148148147,\"a,b\"\n"));
}

void tst_QueryApi::exportLimitsAndHeaders()
{
    ApiTestServer server;
    createMeter(server, "api_calls", "call");
    ingest(server,
        QJsonArray{ev("org_123", "api_calls", 1, "2026-06-08T09:00:00Z"),
            ev("org_123", "api_calls", 2, "2026-06-09T09:00:00Z")});
    const QString range = "from=2026-06-08T00:00:00Z&to=2026-06-10T00:00:00Z";
    auto r = server.call("GET", "/v1/usages/export?meter=api_calls&limit=1001&" + range);
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), QString("invalid_limit"));
    QCOMPARE(r.errorMessage(), QString("limit must be less than or equal to 1000"));
    QVERIFY(r.header("Content-Type").startsWith("application/json"));
    r = search(server,
        {{"meter", "api_calls"}, {"from", "2026-06-08T00:00:00Z"}, {"to", "2026-06-10T00:00:00Z"},
            {"limit", 1001}},
        "/v1/usages/export");
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorMessage(), QString("limit must be less than or equal to 1000"));
    r = search(server,
        {{"meter", "api_calls"}, {"from", "2026-06-08T00:00:00Z"}, {"to", "2026-06-10T00:00:00Z"},
            {"limit", -1}},
        "/v1/usages/export");
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), QString("invalid_limit"));
    QCOMPARE(r.errorMessage(), QString("limit must be a positive integer"));
    r = server.call("GET", "/v1/usages/export?meter=api_calls&limit=1&" + range);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body.count('\n'), 2);
    QCOMPARE(r.header("Content-Type"), QByteArray("text/csv; charset=utf-8"));
    QVERIFY(r.header("Content-Disposition").contains("attachment"));
    QVERIFY(r.header("Content-Disposition").contains("usage-buckets.csv"));
    r = search(server,
        {{"meter", "api_calls"}, {"from", "2026-06-08T00:00:00Z"}, {"to", "2026-06-10T00:00:00Z"},
            {"limit", 1000}},
        "/v1/usages/export");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body.count('\n'), 3);
    // Errors past HTTP parsing are JSON envelopes too.
    r = server.call("GET", "/v1/usages/export?meter=missing&" + range);
    QCOMPARE(r.status, 404);
    QCOMPARE(r.errorCode(), QString("not_found"));
}

void tst_QueryApi::authorization()
{
    ApiTestServer server;
    seedApiCalls(server);
    createMeter(server, "other", "u");
    // No credentials → 401 before parsing.
    auto r = server.send("GET", "/v1/usages?limit=zero");
    QCOMPARE(r.status, 401);
    // A default key reads buckets but cannot export (no exports:read).
    const QString reader = server.createKey({"usage:read"});
    r = server.call("GET", "/v1/usages?meter=api_calls&" + kDay, QByteArray(), reader);
    QCOMPARE(r.status, 200);
    r = server.call("GET", "/v1/usages/export?meter=api_calls&" + kDay, QByteArray(), reader);
    QCOMPARE(r.status, 403);
    QCOMPARE(r.errorCode(), QString("forbidden"));
    const QString exporter = server.createKey({"usage:read", "exports:read"});
    r = server.call("GET", "/v1/usages/export?meter=api_calls&" + kDay, QByteArray(), exporter);
    QCOMPARE(r.status, 200);
    const QString writer = server.createKey({"usage:write"});
    for (const QString &path : QStringList{
             "/v1/usages?meter=api_calls&" + kDay, "/v1/usages/dimensions?meter=api_calls&field=region"}) {
        r = server.call("GET", path, QByteArray(), writer);
        QCOMPARE(r.status, 403);
    }
    // allowed_meters: other meters (and unknown ones) are 403; HTTP-level errors still come first.
    const QString scoped = server.createKey({"usage:read"}, {"other"});
    r = server.call("GET", "/v1/usages?meter=api_calls&" + kDay, QByteArray(), scoped);
    QCOMPARE(r.status, 403);
    QCOMPARE(r.errorMessage(), QString("forbidden\napi key cannot access meter \"api_calls\""));
    r = server.call("GET", "/v1/usages?meter=missing&" + kDay, QByteArray(), scoped);
    QCOMPARE(r.status, 403);
    r = server.call("GET", "/v1/usages?meter=api_calls&from=bad", QByteArray(), scoped);
    QCOMPARE(r.status, 400);
    r = server.call("POST", "/v1/usages/breakdowns/search",
        compact(QJsonObject{{"meter", "api_calls"}, {"field", "region"}, {"from", "2026-06-08T00:00:00Z"},
            {"to", "2026-06-09T00:00:00Z"}}),
        scoped);
    QCOMPARE(r.status, 403);
    r = server.call("GET", "/v1/usages?meter=other&" + kDay, QByteArray(), scoped);
    QCOMPARE(r.status, 200);
}

void tst_QueryApi::timezoneNewYorkDst()
{
    ApiTestServer server;
    createMeter(server, "requests", "request", "count");
    // DST starts in New York on 2026-03-08 at 02:00 local (-05:00 → -04:00).
    ingest(server,
        QJsonArray{ev("org_1", "requests", 1, "2026-03-07T12:00:00-05:00"),
            ev("org_1", "requests", 1, "2026-03-08T01:30:00-05:00"),
            ev("org_1", "requests", 1, "2026-03-08T12:00:00-04:00"),
            // 03:30Z on the 9th: still the 8th in New York.
            ev("org_1", "requests", 1, "2026-03-08T23:30:00-04:00"),
            ev("org_1", "requests", 1, "2026-03-09T12:00:00-04:00")});
    const QString zone = "timezone=America/New_York";
    auto r = server.call(
        "GET", "/v1/usages?meter=requests&" + zone + "&from=2026-03-07T00:00:00&to=2026-03-10T00:00:00");
    QCOMPARE(r.status, 200);
    QCOMPARE(rows(r),
        (QStringList{
            "2026-03-07T00:00:00-05:00|1", "2026-03-08T00:00:00-05:00|3", "2026-03-09T00:00:00-04:00|1"}));
    // The same events in UTC days.
    r = server.call("GET", "/v1/usages?meter=requests&from=2026-03-07T05:00:00Z&to=2026-03-10T04:00:00Z");
    QCOMPARE(
        rows(r), (QStringList{"2026-03-07T00:00:00Z|1", "2026-03-08T00:00:00Z|2", "2026-03-09T00:00:00Z|2"}));
    // The 23-hour day is the rate window of that bucket.
    createMeter(server, "rates", "request", "rate");
    ingest(server,
        QJsonArray{ev("org_1", "rates", 1, "2026-03-08T12:00:00-04:00"),
            ev("org_1", "rates", 1, "2026-03-09T12:00:00-04:00")});
    r = search(server,
        {{"meter", "rates"}, {"timezone", "America/New_York"}, {"from", "2026-03-08T00:00:00"},
            {"to", "2026-03-10T00:00:00"}});
    QCOMPARE(rows(r),
        (QStringList{"2026-03-08T00:00:00-05:00|" + num(1.0 / 82800),
            "2026-03-09T00:00:00-04:00|" + num(1.0 / 86400)}));
    // Hour buckets jump from 01:00-05:00 to 03:00-04:00; CSV carries the offset form.
    r = server.call("GET",
        "/v1/usages/export?meter=requests&bucket_size=hour&" + zone
            + "&from=2026-03-08T00:00:00&to=2026-03-08T04:00:00");
    QCOMPARE(r.body,
        QByteArray("bucket_start,subject,meter,bucket_size,aggregation,unit,quantity\n"
                   "2026-03-08T01:00:00-05:00,,requests,hour,count,request,1\n"));
    // Offsets are still accepted with a zone; without a zone an offset is required.
    r = server.call("GET",
        "/v1/usages?meter=requests&" + zone
            + "&from=2026-03-08T05:00:00Z&to=" + enc("2026-03-09T00:00:00-05:00"));
    QCOMPARE(rows(r), QStringList{"2026-03-08T00:00:00-05:00|3"});
}

void tst_QueryApi::timezoneKolkata()
{
    ApiTestServer server;
    createMeter(server, "requests", "request");
    ingest(server,
        QJsonArray{ev("org_1", "requests", 1, "2026-06-07T18:00:00Z"), // 23:30 on the 7th in Kolkata
            ev("org_1", "requests", 2, "2026-06-07T19:00:00Z"), // 00:30 on the 8th
            ev("org_1", "requests", 4, "2026-06-08T18:29:59Z"), // 23:59:59 on the 8th
            ev("org_1", "requests", 8, "2026-06-08T18:30:00Z")}); // 00:00 on the 9th
    auto r = server.call("GET",
        "/v1/usages?meter=requests&timezone=Asia/Kolkata&from=2026-06-07T00:00:00&to=2026-06-10T00:00:00");
    QCOMPARE(rows(r),
        (QStringList{
            "2026-06-07T00:00:00+05:30|1", "2026-06-08T00:00:00+05:30|6", "2026-06-09T00:00:00+05:30|8"}));
    // Hour buckets start at :30 UTC.
    r = server.call("GET",
        "/v1/usages?meter=requests&bucket_size=hour&timezone=Asia/"
        "Kolkata&from=2026-06-07T23:00:00&to=2026-06-08T01:00:00");
    QCOMPARE(rows(r), (QStringList{"2026-06-07T23:00:00+05:30|1", "2026-06-08T00:00:00+05:30|2"}));
    // UTC aliases keep the Z form.
    r = server.call(
        "GET", "/v1/usages?meter=requests&timezone=UTC&from=2026-06-08T00:00:00&to=2026-06-09T00:00:00");
    QCOMPARE(rows(r), QStringList{"2026-06-08T00:00:00Z|12"});
}

void tst_QueryApi::fillEmpty()
{
    ApiTestServer server;
    createMeter(server, "requests", "request", "avg");
    ingest(server,
        QJsonArray{ev("org_1", "requests", 4, "2026-06-08T09:00:00Z"),
            ev("org_1", "requests", 6, "2026-06-10T09:00:00Z")});
    const QString range = "from=2026-06-08T00:00:00Z&to=2026-06-11T00:00:00Z";
    auto r = server.call("GET", "/v1/usages?meter=requests&" + range);
    QCOMPARE(rows(r), (QStringList{"2026-06-08T00:00:00Z|4", "2026-06-10T00:00:00Z|6"}));
    r = server.call("GET", "/v1/usages?meter=requests&fill_empty=true&" + range);
    QCOMPARE(
        rows(r), (QStringList{"2026-06-08T00:00:00Z|4", "2026-06-09T00:00:00Z|0", "2026-06-10T00:00:00Z|6"}));
    QCOMPARE(r.array().at(1).toObject().value("subject").toString(), QString(""));
    r = server.call("GET", "/v1/usages?meter=requests&fill_empty=1&limit=2&" + range);
    QCOMPARE(r.array().size(), 2);
    // A partial first bucket is still listed; nothing at all → every bucket zero.
    r = search(server,
        {{"meter", "requests"}, {"from", "2026-07-01T12:00:00Z"}, {"to", "2026-07-03T00:00:00Z"},
            {"fill_empty", true}});
    QCOMPARE(rows(r), (QStringList{"2026-07-01T00:00:00Z|0", "2026-07-02T00:00:00Z|0"}));
    r = server.call("GET", "/v1/usages/export?meter=requests&fill_empty=true&" + range);
    QCOMPARE(r.body,
        QByteArray("bucket_start,subject,meter,bucket_size,aggregation,unit,quantity\n"
                   "2026-06-08T00:00:00Z,,requests,day,avg,request,4\n"
                   "2026-06-09T00:00:00Z,,requests,day,avg,request,0\n"
                   "2026-06-10T00:00:00Z,,requests,day,avg,request,6\n"));
    // With a zone across the DST change.
    r = server.call("GET",
        "/v1/usages?meter=requests&fill_empty=true&timezone=America/"
        "New_York&from=2026-03-07T00:00:00&to=2026-03-10T00:00:00");
    QCOMPARE(rows(r),
        (QStringList{
            "2026-03-07T00:00:00-05:00|0", "2026-03-08T00:00:00-05:00|0", "2026-03-09T00:00:00-04:00|0"}));
    r = search(server,
        {{"meter", "requests"}, {"from", "2026-06-08T00:00:00Z"}, {"to", "2026-06-09T00:00:00Z"},
            {"fill_empty", true}, {"group_by", QJsonArray{"subject"}}});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorMessage(), QString("invalid input: fill_empty cannot be combined with group_by"));
}

void tst_QueryApi::extraBucketSizes()
{
    ApiTestServer server;
    createMeter(server, "requests", "request");
    ingest(server,
        QJsonArray{ev("org_1", "requests", 1, "2026-06-08T09:00:10Z"),
            ev("org_1", "requests", 2, "2026-06-08T09:00:50Z"),
            ev("org_1", "requests", 4, "2026-06-10T09:01:00Z"),
            ev("org_1", "requests", 8, "2026-06-15T00:00:00Z")});
    auto r = server.call("GET",
        "/v1/usages?meter=requests&bucket_size=minute&from=2026-06-08T09:00:00Z&to=2026-06-08T10:00:00Z");
    QCOMPARE(rows(r), QStringList{"2026-06-08T09:00:00Z|3"});
    QCOMPARE(r.array().at(0).toObject().value("bucket_size").toString(), QString("minute"));
    // ISO weeks start on Monday (2026-06-08 is a Monday).
    r = server.call("GET",
        "/v1/usages?meter=requests&bucket_size=week&from=2026-06-01T00:00:00Z&to=2026-06-30T00:00:00Z");
    QCOMPARE(rows(r), (QStringList{"2026-06-08T00:00:00Z|7", "2026-06-15T00:00:00Z|8"}));
    r = server.call("GET",
        "/v1/usages?meter=requests&bucket_size=quarter&from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z");
    QCOMPARE(rows(r), QStringList{"2026-04-01T00:00:00Z|15"});
    r = server.call("GET",
        "/v1/usages?meter=requests&bucket_size=year&from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z");
    QCOMPARE(rows(r), QStringList{"2026-01-01T00:00:00Z|15"});
    r = server.call("GET",
        "/v1/usages?meter=requests&bucket_size=minute&from=2026-06-08T00:00:00Z&to=2026-06-11T00:00:00Z");
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), QString("invalid_input"));
}

QTEST_MAIN(tst_QueryApi)
#include "tst_queryapi.moc"
