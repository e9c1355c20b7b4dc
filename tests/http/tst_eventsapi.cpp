// Contract §6.9, §6.10, §7.2 and §13.7/§13.8 through a real server: raw events, subjects and the
// raw-event CSV export.

#include "ApiTestServer.h"

#include <QJsonArray>
#include <QSet>
#include <QtTest>

using osc::test::ApiTestServer;
using osc::test::HttpResult;

namespace {

QByteArray compact(const QJsonValue &value)
{
    return value.isArray() ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)
                           : QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
}

QJsonObject usage(const QString &subject, const QString &meter, double quantity, const QString &timestamp,
    const QJsonObject &metadata = {}, const QString &key = QString())
{
    QJsonObject e{{"subject", subject}, {"meter", meter}, {"quantity", quantity}, {"timestamp", timestamp},
        {"metadata", metadata}};
    if (!key.isEmpty())
        e.insert("idempotency_key", key);
    return e;
}

void createMeter(ApiTestServer &server, const QString &name)
{
    const auto r = server.call("POST", "/v1/meters", QJsonObject{{"name", name}, {"unit", "token"}});
    QCOMPARE(r.status, 201);
}

// Through the real bulk endpoint, in chunks of the bulk limit.
void ingest(ApiTestServer &server, const QJsonArray &events)
{
    for (qsizetype start = 0; start < events.size(); start += 1000) {
        QJsonArray chunk;
        for (qsizetype i = start; i < std::min<qsizetype>(events.size(), start + 1000); ++i)
            chunk.append(events[i]);
        const auto r = server.call("POST", "/v1/usages/bulk", compact(chunk));
        QCOMPARE(r.status, 201);
        QVERIFY2(r.object().value("accepted").toInteger() == chunk.size(), r.body.constData());
    }
}

QJsonArray items(const HttpResult &r)
{
    return r.object().value("items").toArray();
}

QList<double> quantities(const QJsonArray &events)
{
    QList<double> out;
    for (const QJsonValue &e : events)
        out.append(e.toObject().value("quantity").toDouble());
    return out;
}

QStringList keys(const QJsonArray &events)
{
    QStringList out;
    for (const QJsonValue &e : events)
        out.append(e.toObject().value("idempotency_key").toString());
    return out;
}

QJsonObject cond(const QString &field, const QString &op, const QJsonValue &value = QJsonValue::Undefined)
{
    QJsonObject c{{"type", "condition"}, {"field", field}, {"op", op}};
    if (!value.isUndefined())
        c.insert("value", value);
    return c;
}

QJsonObject group(const QString &op, const QJsonArray &rules)
{
    return {{"type", "group"}, {"op", op}, {"rules", rules}};
}

// §13.7 #47-#49: the `tokens` fixture.
void ingestTokens(ApiTestServer &server)
{
    createMeter(server, "tokens");
    ingest(server,
        QJsonArray{usage("org_123", "tokens", 11, "2026-06-08T14:30:00Z", {{"region", "us-east-1"}}, "t1"),
            usage("org_123", "tokens", 5, "2026-06-08T15:30:00Z", {{"region", "us-west-2"}}, "t2")});
}

// §13.7 #60: the filter-operator fixture; keys name the events, timestamps make the order.
void ingestFilterEvents(ApiTestServer &server)
{
    createMeter(server, "requests");
    createMeter(server, "other");
    ingest(server,
        QJsonArray{
            usage("org_123", "requests", 1, "2026-06-08T10:00:00Z",
                {{"endpoint", "/orders"}, {"status_code", 200}, {"retry", false},
                    {"service", QJsonObject{{"tier", "gold"}}}, {"region-name", "us-east"}},
                "e1"),
            usage("org_123", "requests", 2, "2026-06-08T10:01:00Z",
                {{"endpoint", "/users"}, {"status_code", 503}, {"retry", true},
                    {"service", QJsonObject{{"tier", "gold"}}}, {"region-name", "eu-west"}},
                "e2"),
            usage("org_456", "requests", 3, "2026-06-08T10:02:00Z",
                {{"endpoint", "/admin"}, {"status_code", 429}, {"optional", "x"},
                    {"service", QJsonObject{{"tier", "silver"}}}, {"region-name", "us-west"}},
                "e3"),
            usage("org_456", "requests", 12, "2026-06-08T10:03:00Z",
                {{"endpoint", "/orders"}, {"status_code", 503}, {"nullable", QJsonValue::Null},
                    {"service", QJsonObject{{"tier", "bronze"}}}},
                "e4"),
            usage("org_789", "other", 4, "2026-06-08T10:04:00Z", {}, "e5"),
        });
}

} // namespace

class tst_EventsApi final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void pagesAcrossMetersMergeInOrder();
    void eventsListNewestFirstWithCursor();
    void sameTimestampPagesAreDisjointAndComplete();
    void topLevelFilters();
    void searchFilters_data();
    void searchFilters();
    void filteredCursorPaging();
    void filterErrors_data();
    void filterErrors();
    void validation_data();
    void validation();
    void unknownMeterIsEmpty();
    void subjects();
    void subjectEvents();
    void exportCsvBytes();
    void exportFiltersAndLimits();
    void exportErrors_data();
    void exportErrors();
    void authentication_data();
    void authentication();
    void permissions();

private:
    // Read-only tests share one server holding the filter fixture.
    std::unique_ptr<ApiTestServer> m_shared;
};

void tst_EventsApi::initTestCase()
{
    m_shared = std::make_unique<ApiTestServer>();
    QVERIFY(m_shared->ok());
    ingestFilterEvents(*m_shared);
}

void tst_EventsApi::cleanupTestCase()
{
    m_shared.reset();
}

void tst_EventsApi::eventsListNewestFirstWithCursor()
{
    ApiTestServer server;
    ingestTokens(server);
    // #48: limit=1 → the newest event and a cursor; the cursor page → the older one and no cursor.
    auto r = server.call("GET", "/v1/usageevents?meter=tokens&limit=1");
    QCOMPARE(r.status, 200);
    QCOMPARE(quantities(items(r)), QList<double>{5});
    QCOMPARE(items(r)[0].toObject().value("timestamp").toString(), QString("2026-06-08T15:30:00Z"));
    const QString cursor = r.object().value("next_cursor").toString();
    QVERIFY(!cursor.isEmpty());
    r = server.call("GET", "/v1/usageevents?meter=tokens&limit=1&cursor=" + cursor);
    QCOMPARE(r.status, 200);
    QCOMPARE(quantities(items(r)), QList<double>{11});
    QVERIFY(!r.object().contains("next_cursor"));

    // The cursor is §1.8's base64url JSON of the last row's time (nanoseconds) and id.
    const QJsonObject decoded
        = QJsonDocument::fromJson(QByteArray::fromBase64(cursor.toLatin1(), QByteArray::Base64UrlEncoding))
              .object();
    QCOMPARE(decoded.value("time").toString(), QString("2026-06-08T15:30:00.000000000Z"));
    QVERIFY(!decoded.value("id").toString().isEmpty());

    // #49: event search `quantity gte 10` → the 11.
    r = server.call("POST", "/v1/usageevents/search",
        QJsonObject{{"meter", "tokens"}, {"filter", cond("quantity", "gte", 10)}});
    QCOMPARE(r.status, 200);
    QCOMPARE(quantities(items(r)), QList<double>{11});
    QVERIFY(!r.object().contains("next_cursor"));

    // A whole event as §5.1 renders it.
    const QJsonObject e = items(r)[0].toObject();
    QCOMPARE(e.value("idempotency_key").toString(), QString("t1"));
    QCOMPARE(e.value("subject").toString(), QString("org_123"));
    QCOMPARE(e.value("metadata").toObject(), (QJsonObject{{"region", "us-east-1"}}));
    QVERIFY(e.value("received_at").toString().endsWith('Z'));
    QVERIFY(r.body.endsWith("}\n"));
}

void tst_EventsApi::sameTimestampPagesAreDisjointAndComplete()
{
    ApiTestServer server;
    createMeter(server, "m");
    QJsonArray events;
    for (int i = 0; i < 250; ++i)
        events.append(usage("org_1", "m", i + 1, "2026-06-08T10:00:00.123456789Z"));
    ingest(server, events);

    // GET pages with the query cursor and POST pages with the body cursor must agree.
    for (const bool post : {false, true}) {
        QSet<QString> seen;
        QList<qsizetype> sizes;
        QString cursor;
        QStringList previousIds;
        do {
            const HttpResult r = post
                ? server.call("POST", "/v1/usageevents/search",
                    QJsonObject{{"meter", "m"}, {"limit", 100}, {"cursor", cursor}})
                : server.call("GET", "/v1/usageevents?meter=m&limit=100&cursor=" + cursor);
            QCOMPARE(r.status, 200);
            const QJsonArray page = items(r);
            sizes.append(page.size());
            QStringList ids;
            for (const QJsonValue &e : page) {
                const QString id = e.toObject().value("id").toString();
                QVERIFY2(!seen.contains(id), qPrintable("duplicate " + id));
                seen.insert(id);
                ids.append(id);
            }
            // id DESC breaks the tie.
            QStringList sorted = ids;
            std::sort(sorted.begin(), sorted.end(), std::greater<>());
            QCOMPARE(ids, sorted);
            if (!previousIds.isEmpty())
                QVERIFY(previousIds.last() > ids.first());
            previousIds = ids;
            cursor = r.object().value("next_cursor").toString();
        } while (!cursor.isEmpty());
        QCOMPARE(sizes, (QList<qsizetype>{100, 100, 50}));
        QCOMPARE(seen.size(), 250);
    }

    // #60: two events with the identical timestamp paged with limit 1 → each exactly once.
    createMeter(server, "pair");
    ingest(server,
        QJsonArray{usage("org_1", "pair", 1, "2026-06-08T12:00:00Z"),
            usage("org_1", "pair", 2, "2026-06-08T12:00:00Z")});
    auto first = server.call("POST", "/v1/usageevents/search", QJsonObject{{"meter", "pair"}, {"limit", 1}});
    QCOMPARE(items(first).size(), 1);
    auto second = server.call("POST", "/v1/usageevents/search",
        QJsonObject{{"meter", "pair"}, {"limit", 1}, {"cursor", first.object().value("next_cursor")}});
    QCOMPARE(items(second).size(), 1);
    QVERIFY(!second.object().contains("next_cursor"));
    QCOMPARE((QSet<double>{quantities(items(first))[0], quantities(items(second))[0]}), (QSet<double>{1, 2}));
}

void tst_EventsApi::topLevelFilters()
{
    ApiTestServer server;
    ingestFilterEvents(server);
    // No meter → every meter, newest first (#61).
    auto r = server.call("GET", "/v1/usageevents");
    QCOMPARE(keys(items(r)), (QStringList{"e5", "e4", "e3", "e2", "e1"}));
    r = server.call("GET", "/v1/usageevents?subject=org_456");
    QCOMPARE(keys(items(r)), (QStringList{"e4", "e3"}));
    r = server.call("GET", "/v1/usageevents?meter=requests&subject=org_123");
    QCOMPARE(keys(items(r)), (QStringList{"e2", "e1"}));
    // from inclusive, to exclusive.
    r = server.call("GET", "/v1/usageevents?from=2026-06-08T10:01:00Z&to=2026-06-08T10:03:00Z");
    QCOMPARE(keys(items(r)), (QStringList{"e3", "e2"}));
    r = server.call("GET", "/v1/usageevents?from=2026-06-08T10:03:00Z");
    QCOMPARE(keys(items(r)), (QStringList{"e5", "e4"}));
    r = server.call("GET", "/v1/usageevents?to=2026-06-08T10:01:00Z");
    QCOMPARE(keys(items(r)), (QStringList{"e1"}));
    // An offset is converted to UTC (`+` percent-encoded).
    r = server.call("GET", "/v1/usageevents?from=2026-06-08T12:02:00%2B02:00");
    QCOMPARE(keys(items(r)), (QStringList{"e5", "e4", "e3"}));
    // The body form ANDs the top-level fields with the filter.
    r = server.call("POST", "/v1/usageevents/search",
        QJsonObject{{"Subject", "org_456"}, {"meter", "requests"}, {"from", "2026-06-08T10:00:00Z"},
            {"to", "2026-06-08T11:00:00Z"}, {"filter", cond("metadata.endpoint", "eq", "/orders")}});
    QCOMPARE(r.status, 200);
    QCOMPARE(keys(items(r)), (QStringList{"e4"}));
}

void tst_EventsApi::searchFilters_data()
{
    QTest::addColumn<QJsonValue>("filter");
    QTest::addColumn<QStringList>("expected");
    using L = QStringList;
    QTest::newRow("neq") << QJsonValue(cond("metadata.endpoint", "neq", "/users")) << L{"e4", "e3", "e1"};
    QTest::newRow("eq number") << QJsonValue(cond("metadata.status_code", "eq", 200.0)) << L{"e1"};
    QTest::newRow("eq string vs number") << QJsonValue(cond("metadata.status_code", "eq", "200")) << L{};
    QTest::newRow("eq bool") << QJsonValue(cond("metadata.retry", "eq", true)) << L{"e2"};
    QTest::newRow("in numbers") << QJsonValue(cond("metadata.status_code", "in", QJsonArray{200, 503}))
                                << L{"e4", "e2", "e1"};
    QTest::newRow("in strings") << QJsonValue(cond("metadata.endpoint", "in", QJsonArray{"/admin", "/users"}))
                                << L{"e3", "e2"};
    QTest::newRow("contains") << QJsonValue(cond("metadata.endpoint", "contains", "ORD")) << L{"e4", "e1"};
    QTest::newRow("contains hyphenated")
        << QJsonValue(cond("metadata.region-name", "contains", "us-")) << L{"e3", "e1"};
    QTest::newRow("gte") << QJsonValue(cond("metadata.status_code", "gte", 400)) << L{"e4", "e3", "e2"};
    QTest::newRow("lt quantity") << QJsonValue(cond("quantity", "lt", 3)) << L{"e2", "e1"};
    QTest::newRow("exists optional") << QJsonValue(cond("metadata.optional", "exists")) << L{"e3"};
    QTest::newRow("exists null value") << QJsonValue(cond("metadata.nullable", "exists")) << L{"e4"};
    QTest::newRow("exists idempotency_key")
        << QJsonValue(cond("idempotency_key", "exists")) << L{"e5", "e4", "e3", "e2", "e1"};
    QTest::newRow("subject field") << QJsonValue(cond("subject", "eq", "org_789")) << L{"e5"};
    QTest::newRow("timestamp gt") << QJsonValue(cond("timestamp", "gt", "2026-06-08T10:02:00Z"))
                                  << L{"e5", "e4"};
    QTest::newRow("or group") << QJsonValue(group("or",
        QJsonArray{
            cond("metadata.service.tier", "eq", "silver"), cond("metadata.region-name", "eq", "eu-west")}))
                              << L{"e3", "e2"};
    QTest::newRow("and group nested path") << QJsonValue(group(
        "and", QJsonArray{cond("metadata.service.tier", "eq", "gold"), cond("metadata.retry", "eq", true)}))
                                           << L{"e2"};
    QTest::newRow("nested groups") << QJsonValue(group("or",
        QJsonArray{group("and",
                       QJsonArray{cond("metadata.service.tier", "eq", "gold"),
                           cond("metadata.status_code", "gte", 500)}),
            group("and", QJsonArray{cond("subject", "eq", "org_456"), cond("quantity", "gt", 10)})}))
                                   << L{"e4", "e2"};
    QTest::newRow("null filter") << QJsonValue(QJsonValue::Null) << L{"e5", "e4", "e3", "e2", "e1"};
}

void tst_EventsApi::searchFilters()
{
    QFETCH(QJsonValue, filter);
    QFETCH(QStringList, expected);
    ApiTestServer *server = m_shared.get();
    const auto r = server->call("POST", "/v1/usageevents/search", QJsonObject{{"filter", filter}});
    QCOMPARE(r.status, 200);
    QCOMPARE(keys(items(r)), expected);
}

void tst_EventsApi::filteredCursorPaging()
{
    ApiTestServer server;
    ingestFilterEvents(server);
    // #58/#60: limit 2 over a filter matching three events → 2 + 1, the cursor carried in the body.
    const QJsonObject filter = cond("metadata.status_code", "gte", 400);
    auto r = server.call("POST", "/v1/usageevents/search", QJsonObject{{"filter", filter}, {"limit", 2}});
    QCOMPARE(keys(items(r)), (QStringList{"e4", "e3"}));
    const QJsonValue cursor = r.object().value("next_cursor");
    QVERIFY(cursor.isString());
    r = server.call(
        "POST", "/v1/usageevents/search", QJsonObject{{"filter", filter}, {"limit", 2}, {"cursor", cursor}});
    QCOMPARE(keys(items(r)), (QStringList{"e2"}));
    QVERIFY(!r.object().contains("next_cursor"));
}

void tst_EventsApi::filterErrors_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");
    QTest::newRow("type") << QByteArray(R"({"filter":{"type":"x"}})") << "invalid_input"
                          << "invalid input: unsupported filter type \"x\"";
    QTest::newRow("group op") << QByteArray(R"({"filter":{"type":"group","op":"xor","rules":[]}})")
                              << "invalid_input"
                              << "invalid input: unsupported filter group operator \"xor\"";
    QTest::newRow("empty group") << QByteArray(R"({"filter":{"type":"group","op":"and","rules":[]}})")
                                 << "invalid_input"
                                 << "invalid input: filter group requires at least one rule";
    QTest::newRow("field") << QByteArray(
        R"({"filter":{"type":"condition","field":"nope","op":"eq","value":1}})")
                           << "invalid_input"
                           << "invalid input: unsupported filter field \"nope\"";
    QTest::newRow("op") << QByteArray(
        R"({"filter":{"type":"condition","field":"subject","op":"like","value":1}})")
                        << "invalid_input"
                        << "invalid input: unsupported filter operator \"like\"";
    QTest::newRow("value") << QByteArray(R"({"filter":{"type":"condition","field":"subject","op":"eq"}})")
                           << "invalid_input"
                           << "invalid input: filter value is required";
    QTest::newRow("in") << QByteArray(
        R"({"filter":{"type":"condition","field":"subject","op":"in","value":[]}})")
                        << "invalid_input"
                        << "invalid input: in filter requires a non-empty value array";
    QTest::newRow("nested bad rule") << QByteArray(
        R"({"filter":{"type":"group","op":"and","rules":[{"type":"condition","field":"metadata.a b","op":"eq","value":1}]}})")
                                     << "invalid_input"
                                     << "invalid input: unsupported filter field \"metadata.a b\"";
    QTest::newRow("filter not object") << QByteArray(R"({"filter":"x"})") << "invalid_json"
                                       << "invalid JSON body";
    QTest::newRow("limit fraction") << QByteArray(R"({"limit":1.5})") << "invalid_json"
                                    << "invalid JSON body";
    QTest::newRow("subject number") << QByteArray(R"({"subject":1})") << "invalid_json"
                                    << "invalid JSON body";
    QTest::newRow("trailing data") << QByteArray(R"({} {})") << "invalid_json"
                                   << "invalid JSON body";
    QTest::newRow("empty body") << QByteArray() << "invalid_json"
                                << "invalid JSON body";
    QTest::newRow("bad from") << QByteArray(R"({"from":"yesterday"})") << "invalid_from"
                              << "from must be RFC3339";
}

void tst_EventsApi::filterErrors()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, code);
    QFETCH(QString, message);
    ApiTestServer *server = m_shared.get();
    for (const char *path : {"/v1/usageevents/search", "/v1/usageevents/export"}) {
        const auto r = server->call("POST", path, body);
        QCOMPARE(r.status, 400);
        QCOMPARE(r.errorCode(), code);
        QCOMPARE(r.errorMessage(), message);
    }
}

void tst_EventsApi::validation_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");
    const QString limitMsg = "limit must be a positive integer";
    QTest::newRow("limit zero") << "limit=0"
                                << "invalid_limit" << limitMsg;
    QTest::newRow("limit negative") << "limit=-1"
                                    << "invalid_limit" << limitMsg;
    QTest::newRow("limit text") << "limit=zero"
                                << "invalid_limit" << limitMsg;
    QTest::newRow("bad from") << "from=not-a-time"
                              << "invalid_from"
                              << "from must be RFC3339";
    QTest::newRow("date-only from") << "from=2026-06-08"
                                    << "invalid_from"
                                    << "from must be RFC3339";
    QTest::newRow("bad to") << "to=later"
                            << "invalid_to"
                            << "to must be RFC3339";
    QTest::newRow("limit before from") << "limit=0&from=x"
                                       << "invalid_limit" << limitMsg;
    QTest::newRow("from before to") << "from=x&to=y"
                                    << "invalid_from"
                                    << "from must be RFC3339";
    QTest::newRow("empty range") << "from=2026-06-08T10:00:00Z&to=2026-06-08T10:00:00Z"
                                 << "invalid_input"
                                 << "invalid input: valid from and to range is required";
    QTest::newRow("reversed range") << "from=2026-06-09T00:00:00Z&to=2026-06-08T00:00:00Z"
                                    << "invalid_input"
                                    << "invalid input: valid from and to range is required";
    QTest::newRow("bad subject") << "subject=org%201"
                                 << "invalid_input"
                                 << "invalid input: subject \"org 1\" must use letters, numbers, "
                                    "underscores, hyphens, dots, or colons";
    QTest::newRow("long subject") << "subject=" + QString(129, 'a') << "invalid_input"
                                  << "invalid input: subject cannot exceed 128 characters";
    QTest::newRow("bad cursor") << "cursor=%25%25%25"
                                << "invalid_input"
                                << "invalid input";
    QTest::newRow("cursor not json") << "cursor=bm90LWpzb24"
                                     << "invalid_input"
                                     << "invalid input";
}

void tst_EventsApi::validation()
{
    QFETCH(QString, query);
    QFETCH(QString, code);
    QFETCH(QString, message);
    ApiTestServer *server = m_shared.get();
    const auto r = server->call("GET", "/v1/usageevents?" + query);
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), code);
    QCOMPARE(r.errorMessage(), message);
}

void tst_EventsApi::unknownMeterIsEmpty()
{
    ApiTestServer server;
    ingestTokens(server);
    auto r = server.call("GET", "/v1/usageevents?meter=missing");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, QByteArray("{\"items\":[]}\n"));
    r = server.call("POST", "/v1/usageevents/search", QJsonObject{{"meter", "missing"}});
    QCOMPARE(r.status, 200);
    QCOMPARE(items(r).size(), 0);
    // Over-max limits are clamped for lists.
    r = server.call("GET", "/v1/usageevents?limit=5000");
    QCOMPARE(r.status, 200);
    QCOMPARE(items(r).size(), 2);
    r = server.call("POST", "/v1/usageevents/search", QJsonObject{{"limit", -3}});
    QCOMPARE(r.status, 200);
    QCOMPARE(items(r).size(), 2);
}

// Without a meter, pages merge the meters' own newest-first scans; the merged order must still be one
// global (event_time DESC, id DESC) order, complete and disjoint across pages and equal timestamps.
void tst_EventsApi::pagesAcrossMetersMergeInOrder()
{
    ApiTestServer server;
    const QStringList meters{"m_a", "m_b", "m_c"};
    for (const QString &meter : meters)
        createMeter(server, meter);
    QJsonArray events;
    for (int i = 0; i < 30; ++i)
        events.append(usage("org_1", meters[i % 3], i + 1,
            QStringLiteral("2026-06-08T10:00:%1Z").arg(i / 4, 2, 10, QLatin1Char('0')))); // ties of 4
    ingest(server, events);

    QList<QPair<QString, QString>> seen; // (timestamp, id)
    QString cursor;
    for (int page = 0; page < 20; ++page) {
        const auto r = server.call(
            "GET", "/v1/usageevents?limit=4" + (cursor.isEmpty() ? QString() : "&cursor=" + cursor));
        QCOMPARE(r.status, 200);
        for (const QJsonValue &item : items(r))
            seen.append(
                {item.toObject().value("timestamp").toString(), item.toObject().value("id").toString()});
        cursor = r.object().value("next_cursor").toString();
        if (cursor.isEmpty())
            break;
    }
    QCOMPARE(seen.size(), 30);
    auto sorted = seen;
    std::sort(sorted.begin(), sorted.end(), [](const auto &a, const auto &b) { return a > b; });
    QCOMPARE(seen, sorted);
    QSet<QString> ids;
    for (const auto &entry : seen)
        ids.insert(entry.second);
    QCOMPARE(ids.size(), 30);
}

void tst_EventsApi::subjects()
{
    ApiTestServer server;
    createMeter(server, "a");
    createMeter(server, "b");
    ingest(server,
        QJsonArray{usage("org_123", "a", 1, "2026-06-08T10:00:00Z"),
            usage("org_123", "b", 1, "2026-06-08T11:00:00Z"),
            usage("org_456", "a", 1, "2026-06-08T12:00:00Z")});
    auto r = server.call("GET", "/v1/subjects");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body,
        QByteArray(
            R"({"items":[{"subject":"org_456","usage_events":1,"meters":1,"last_event_at":"2026-06-08T12:00:00Z"},)"
            R"({"subject":"org_123","usage_events":2,"meters":2,"last_event_at":"2026-06-08T11:00:00Z"}]})"
            "\n"));

    // Ties on last_event_at go by subject ascending, and the cursor continues after them.
    ingest(server, QJsonArray{usage("org_000", "a", 1, "2026-06-08T11:00:00Z")});
    QStringList seen;
    QString cursor;
    int pages = 0;
    do {
        r = server.call("GET", "/v1/subjects?limit=1&cursor=" + cursor);
        QCOMPARE(r.status, 200);
        QCOMPARE(items(r).size(), 1);
        seen.append(items(r)[0].toObject().value("subject").toString());
        cursor = r.object().value("next_cursor").toString();
        ++pages;
    } while (!cursor.isEmpty() && pages < 10);
    QCOMPARE(seen, (QStringList{"org_456", "org_000", "org_123"}));

    r = server.call("GET", "/v1/subjects?limit=0");
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), QString("invalid_limit"));
    r = server.call("GET", "/v1/subjects?cursor=***");
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), QString("invalid_input"));
}

void tst_EventsApi::subjectEvents()
{
    ApiTestServer server;
    createMeter(server, "a");
    ingest(server,
        QJsonArray{usage("org_123", "a", 3, "2026-06-08T10:00:00Z"),
            usage("org_123", "a", 7, "2026-06-08T11:00:00Z"),
            usage("org_456", "a", 9, "2026-06-08T12:00:00Z")});
    auto r = server.call("GET", "/v1/subjects/org_123/usageevents");
    QCOMPARE(r.status, 200);
    QVERIFY(r.json().isArray());
    QCOMPARE(quantities(r.json().toArray()), (QList<double>{7, 3}));
    r = server.call("GET", "/v1/subjects/org_123/usageevents?limit=1");
    QCOMPARE(quantities(r.json().toArray()), (QList<double>{7}));
    r = server.call("GET", "/v1/subjects/nobody/usageevents");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, QByteArray("[]\n"));
    r = server.call("GET", "/v1/subjects/bad%20subject/usageevents");
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), QString("invalid_input"));
    QCOMPARE(r.errorMessage(),
        QString(
            "invalid input: subject \"bad subject\" must use letters, numbers, underscores, hyphens, dots, "
            "or colons"));
    r = server.call("GET", "/v1/subjects/org_123/usageevents?limit=-1");
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), QString("invalid_limit"));
}

void tst_EventsApi::exportCsvBytes()
{
    ApiTestServer server;
    createMeter(server, "api_calls");
    ingest(server,
        QJsonArray{
            usage("org_123", "api_calls", 7, "2026-06-08T10:00:00.999Z", {{"region", "us-east-1"}}, "exp_1"),
            usage("org_123", "api_calls", 0.000015, "2026-06-08T09:00:00Z")});
    const auto list = server.call("GET", "/v1/usageevents?meter=api_calls");
    QCOMPARE(items(list).size(), 2);
    const QJsonObject e1 = items(list)[0].toObject();
    const QJsonObject e2 = items(list)[1].toObject();

    const QByteArray header = "timestamp,received_at,subject,meter,quantity,metadata,id,idempotency_key\n";
    const QByteArray expected = header + "2026-06-08T10:00:00Z," + e1.value("received_at").toString().toUtf8()
        + ",org_123,api_calls,7,\"{\"\"region\"\":\"\"us-east-1\"\"}\"," + e1.value("id").toString().toUtf8()
        + ",exp_1\n" + "2026-06-08T09:00:00Z," + e2.value("received_at").toString().toUtf8()
        + ",org_123,api_calls,0.000015,{}," + e2.value("id").toString().toUtf8() + ",\n";

    const auto get = server.call("GET", "/v1/usageevents/export?meter=api_calls");
    QCOMPARE(get.status, 200);
    QCOMPARE(get.header("Content-Type"), QByteArray("text/csv; charset=utf-8"));
    QCOMPARE(get.header("Content-Disposition"), QByteArray("attachment; filename=\"usage-events.csv\""));
    QCOMPARE(get.body, expected);
    const auto post = server.call("POST", "/v1/usageevents/export", QJsonObject{{"meter", "api_calls"}});
    QCOMPARE(post.status, 200);
    QCOMPARE(post.body, expected);

    // Header only when nothing matches; the cursor is ignored (always the first page).
    auto r = server.call("GET", "/v1/usageevents/export?meter=missing");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, header);
    const QString cursor
        = server.call("GET", "/v1/usageevents?limit=1").object().value("next_cursor").toString();
    r = server.call("GET", "/v1/usageevents/export?meter=api_calls&cursor=" + cursor);
    QCOMPARE(r.body, expected);

    // Quoting: commas and quotes inside metadata, Go-escaped <>& and sorted keys, large quantities
    // in plain decimal.
    ingest(server,
        QJsonArray{usage("org_9", "api_calls", 1e21, "2026-06-08T08:00:00Z",
            {{"b", QJsonArray{1, 2}}, {"a", "x,y"}, {"c", "<&>"}})});
    r = server.call("GET", "/v1/usageevents/export?subject=org_9");
    const QList<QByteArray> lines = r.body.split('\n');
    QCOMPARE(lines.size(), 3);
    QVERIFY2(lines[1].contains(
                 ",org_9,api_calls,1000000000000000000000,"
                 "\"{\"\"a\"\":\"\"x,y\"\",\"\"b\"\":[1,2],\"\"c\"\":\"\"\\u003c\\u0026\\u003e\"\"}\","),
        lines[1].constData());
    QVERIFY(lines[1].endsWith(","));
}

void tst_EventsApi::exportFiltersAndLimits()
{
    ApiTestServer server;
    ingestTokens(server);
    // #64: filtered POST event export → header + one record.
    auto r = server.call("POST", "/v1/usageevents/export",
        QJsonObject{{"meter", "tokens"}, {"subject", "org_123"}, {"from", "2026-06-08T00:00:00Z"},
            {"to", "2026-06-09T00:00:00Z"}, {"filter", cond("metadata.region", "eq", "us-east-1")}});
    QCOMPARE(r.status, 200);
    QList<QByteArray> lines = r.body.split('\n');
    QCOMPARE(lines.size(), 3);
    QVERIFY(lines[2].isEmpty());
    const QList<QByteArray> fields = lines[1].split(',');
    QCOMPARE(fields[0], QByteArray("2026-06-08T14:30:00Z"));
    QCOMPARE(fields[2], QByteArray("org_123"));
    QCOMPARE(fields[3], QByteArray("tokens"));
    QCOMPARE(fields[4], QByteArray("11"));
    QVERIFY(fields[5].contains("us-east-1"));
    QCOMPARE(fields[7], QByteArray("t1"));

    // limit: newest rows first; 1000 is allowed; body 0 means the default.
    r = server.call("GET", "/v1/usageevents/export?limit=1");
    QCOMPARE(r.body.count('\n'), 2);
    QVERIFY(r.body.split('\n')[1].contains(",5,"));
    r = server.call("GET", "/v1/usageevents/export?limit=1000");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body.count('\n'), 3);
    r = server.call("POST", "/v1/usageevents/export", QJsonObject{{"limit", 0}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body.count('\n'), 3);
}

void tst_EventsApi::exportErrors_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");
    const QString tooMany = "limit must be less than or equal to 1000";
    const QString positive = "limit must be a positive integer";
    QTest::newRow("GET 1001") << QByteArray("GET") << "/v1/usageevents/export?limit=1001" << QByteArray()
                              << "invalid_limit" << tooMany;
    QTest::newRow("POST 1001") << QByteArray("POST") << "/v1/usageevents/export"
                               << QByteArray(R"({"limit":1001})") << "invalid_limit" << tooMany;
    QTest::newRow("GET 0") << QByteArray("GET") << "/v1/usageevents/export?limit=0" << QByteArray()
                           << "invalid_limit" << positive;
    QTest::newRow("GET -1") << QByteArray("GET") << "/v1/usageevents/export?limit=-1" << QByteArray()
                            << "invalid_limit" << positive;
    QTest::newRow("POST -1") << QByteArray("POST") << "/v1/usageevents/export"
                             << QByteArray(R"({"limit":-1})") << "invalid_limit" << positive;
    QTest::newRow("limit before from")
        << QByteArray("POST") << "/v1/usageevents/export" << QByteArray(R"({"limit":1001,"from":"x"})")
        << "invalid_limit" << tooMany;
    QTest::newRow("bad to") << QByteArray("GET") << "/v1/usageevents/export?to=x" << QByteArray()
                            << "invalid_to"
                            << "to must be RFC3339";
    QTest::newRow("bad subject") << QByteArray("GET") << "/v1/usageevents/export?subject=-x" << QByteArray()
                                 << "invalid_input"
                                 << "invalid input: subject \"-x\" must use letters, numbers, underscores, "
                                    "hyphens, dots, or colons";
}

void tst_EventsApi::exportErrors()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(QString, code);
    QFETCH(QString, message);
    ApiTestServer *server = m_shared.get();
    const auto r = server->call(method, path, body);
    QCOMPARE(r.status, 400);
    // Errors are the JSON envelope even on CSV routes (§15 Q19).
    QVERIFY(r.header("Content-Type").startsWith("application/json"));
    QCOMPARE(r.errorCode(), code);
    QCOMPARE(r.errorMessage(), message);
}

void tst_EventsApi::authentication_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::newRow("list") << QByteArray("GET") << "/v1/usageevents";
    QTest::newRow("search") << QByteArray("POST") << "/v1/usageevents/search";
    QTest::newRow("export GET") << QByteArray("GET") << "/v1/usageevents/export";
    QTest::newRow("export POST") << QByteArray("POST") << "/v1/usageevents/export";
    QTest::newRow("subjects") << QByteArray("GET") << "/v1/subjects";
    QTest::newRow("subject events") << QByteArray("GET") << "/v1/subjects/org_1/usageevents";
}

void tst_EventsApi::authentication()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    ApiTestServer *server = m_shared.get();
    auto r = server->send(method, path, "{}");
    QCOMPARE(r.status, 401);
    QCOMPARE(r.errorCode(), QString("unauthorized"));
    r = server->call(method, path, "{}", "osp_sk_unknown");
    QCOMPARE(r.status, 401);
}

void tst_EventsApi::permissions()
{
    ApiTestServer server;
    ingestTokens(server);
    const QString readOnly = server.createKey({"usage:read"});
    const QString exporter = server.createKey({"usage:read", "exports:read"});
    const QString metersOnly = server.createKey({"meters:read"});
    const QString tokensOnly = server.createKey({"usage:*", "exports:read"}, {"tokens"});
    const QString defaultKey
        = server.createKey({"usage:write", "usage:read", "meters:read", "meters:write", "plans:read"});

    struct Case
    {
        QByteArray method;
        QString path;
        QByteArray body;
        QString key;
        int status;
    };
    const QList<Case> cases = {
        {"GET", "/v1/usageevents", {}, readOnly, 200},
        {"POST", "/v1/usageevents/search", "{}", readOnly, 200},
        {"GET", "/v1/subjects", {}, readOnly, 200},
        {"GET", "/v1/subjects/org_123/usageevents", {}, readOnly, 200},
        // Export needs usage:read and exports:read — a default key cannot export (§2.3).
        {"GET", "/v1/usageevents/export", {}, readOnly, 403},
        {"POST", "/v1/usageevents/export", "{}", defaultKey, 403},
        {"GET", "/v1/usageevents/export", {}, exporter, 200},
        {"POST", "/v1/usageevents/export", "{}", exporter, 200},
        {"GET", "/v1/usageevents", {}, metersOnly, 403},
        {"POST", "/v1/usageevents/search", "{}", metersOnly, 403},
        {"GET", "/v1/subjects", {}, metersOnly, 403},
        {"GET", "/v1/subjects/org_123/usageevents", {}, metersOnly, 403},
        // allowed_meters: the named meter must be allowed; naming none is forbidden.
        {"GET", "/v1/usageevents?meter=tokens", {}, tokensOnly, 200},
        {"POST", "/v1/usageevents/search", R"({"meter":"tokens"})", tokensOnly, 200},
        {"GET", "/v1/usageevents/export?meter=tokens", {}, tokensOnly, 200},
        {"GET", "/v1/usageevents", {}, tokensOnly, 403},
        {"GET", "/v1/usageevents?meter=other", {}, tokensOnly, 403},
        {"POST", "/v1/usageevents/export", R"({"meter":"other"})", tokensOnly, 403},
        {"GET", "/v1/subjects", {}, tokensOnly, 403},
        {"GET", "/v1/subjects/org_123/usageevents", {}, tokensOnly, 403},
        // Request-level errors surface before 403.
        {"GET", "/v1/usageevents?from=x", {}, metersOnly, 400},
        {"POST", "/v1/usageevents/search", R"({"filter":{"type":"x"}})", metersOnly, 400},
        {"GET", "/v1/usageevents/export?limit=1001", {}, readOnly, 400},
    };
    for (const Case &c : cases) {
        const auto r = server.call(c.method, c.path, c.body, c.key);
        QVERIFY2(r.status == c.status,
            qPrintable(QString("%1 %2 → %3 %4").arg(c.method, c.path).arg(r.status).arg(QString(r.body))));
        if (c.status == 403)
            QCOMPARE(r.errorCode(), QString("forbidden"));
    }
    // The meter-restricted key only ever sees its meter's events.
    const auto r = server.call("GET", "/v1/usageevents?meter=tokens", QByteArray(), tokensOnly);
    QCOMPARE(items(r).size(), 2);
}

QTEST_MAIN(tst_EventsApi)
#include "tst_eventsapi.moc"
