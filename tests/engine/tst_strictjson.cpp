// Contract §1.2: a body is exactly one JSON value; malformed JSON, empty bodies, trailing data, type
// mismatches and out-of-range numbers are `400 invalid_json` / `invalid JSON body`. Keys match
// case-insensitively (exact match first), and `null` means absent.

#include "json/StrictJson.h"

#include <QJsonDocument>
#include <QTest>

using namespace osc;
using osc::json::ObjectReader;

namespace {

QByteArray nestedObjects(int depth)
{
    // depth 1 = {}, depth 2 = {"a":{}}, ...
    QByteArray body;
    for (int i = 1; i < depth; ++i)
        body += "{\"a\":";
    body += "{}";
    for (int i = 1; i < depth; ++i)
        body += "}";
    return body;
}

QByteArray nestedArrays(int depth)
{
    return QByteArray(depth, '[') + QByteArray(depth, ']');
}

QByteArray nestedMixed(int depth)
{
    // {"a":[{"a":[ ... ]}]} alternating, `depth` containers in all.
    QByteArray open;
    QByteArray close;
    for (int i = 0; i < depth; ++i) {
        if (i % 2 == 0) {
            open += (i + 1 == depth) ? "{" : "{\"a\":";
            close.prepend("}");
        } else {
            open += "[";
            close.prepend("]");
        }
    }
    return open + close;
}

QJsonObject object(const char *json)
{
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray(json));
    Q_ASSERT(document.isObject());
    return document.object();
}

void verifyInvalidJson(const Error &error)
{
    QCOMPARE(error.code, QStringLiteral("invalid_json"));
    QCOMPARE(error.message, QStringLiteral("invalid JSON body"));
    QCOMPARE(error.httpStatus(), 400);
}

} // namespace

class TstStrictJson : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parseBody_data();
    void parseBody();
    void nestingLimitIsThirtyTwo();
    void parseObjectBody_data();
    void parseObjectBody();
    void nestingDepth_data();
    void nestingDepth();

    void readerCaseInsensitiveKey_data();
    void readerCaseInsensitiveKey();
    void readerExactMatchPreferred_data();
    void readerExactMatchPreferred();
    void readerNullIsAbsent();
    void readerTypeMismatch_data();
    void readerTypeMismatch();
    void readerTypedValues();
    void readerFailureIsSticky();
};

void TstStrictJson::parseBody_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("accepted");

    QTest::newRow("malformed {") << QByteArray("{") << false;
    QTest::newRow("empty body") << QByteArray() << false;
    QTest::newRow("whitespace only") << QByteArray(" \n\t ") << false;
    QTest::newRow("trailing object") << QByteArray("{\"a\":1} {}") << false;
    QTest::newRow("trailing object, meter body")
        << QByteArray("{\"name\":\"api_calls\",\"unit\":\"call\"} {}") << false;
    QTest::newRow("trailing garbage") << QByteArray("{\"a\":1}x") << false;
    QTest::newRow("trailing scalar") << QByteArray("{\"a\":1} 1") << false;
    QTest::newRow("trailing whitespace is fine") << QByteArray("{\"a\":1}\n  ") << true;
    QTest::newRow("leading whitespace is fine") << QByteArray("  \n{\"a\":1}") << true;
    QTest::newRow("object") << QByteArray("{\"a\":1}") << true;
    QTest::newRow("empty object") << QByteArray("{}") << true;
    QTest::newRow("array") << QByteArray("[1,2,3]") << true;
    QTest::newRow("array of objects") << QByteArray("[{\"meter\":\"a\"},{\"meter\":\"b\"}]") << true;
    QTest::newRow("nesting 32 objects") << nestedObjects(32) << true;
    QTest::newRow("nesting 33 objects") << nestedObjects(33) << false;
    QTest::newRow("nesting 32 arrays") << nestedArrays(32) << true;
    QTest::newRow("nesting 33 arrays") << nestedArrays(33) << false;
    QTest::newRow("nesting 32 mixed") << nestedMixed(32) << true;
    QTest::newRow("nesting 33 mixed") << nestedMixed(33) << false;
    QTest::newRow("nesting 1000 arrays") << nestedArrays(1000) << false;
    QTest::newRow("brackets inside strings do not nest")
        << (QByteArray("{\"a\":\"") + QByteArray(60, '[') + QByteArray(60, '{') + "\"}") << true;
    QTest::newRow("escaped quote does not end the string")
        << (QByteArray("{\"a\":\"\\\"") + QByteArray(60, '[') + "\"}") << true;
    QTest::newRow("1e400 out of float64 range") << QByteArray("{\"quantity\":1e400}") << false;
    QTest::newRow("-1e400 out of float64 range") << QByteArray("{\"quantity\":-1e400}") << false;
    QTest::newRow("1e308 in range") << QByteArray("{\"quantity\":1e308}") << true;
    QTest::newRow("NaN literal") << QByteArray("{\"quantity\":NaN}") << false;
    QTest::newRow("Infinity literal") << QByteArray("{\"quantity\":Infinity}") << false;
    QTest::newRow("-Infinity literal") << QByteArray("{\"quantity\":-Infinity}") << false;
    QTest::newRow("single quotes") << QByteArray("{'a':1}") << false;
    QTest::newRow("trailing comma") << QByteArray("{\"a\":1,}") << false;
    QTest::newRow("unquoted key") << QByteArray("{a:1}") << false;
}

void TstStrictJson::parseBody()
{
    QFETCH(QByteArray, body);
    QFETCH(bool, accepted);

    const Result<QJsonValue> result = json::parseBody(body);
    QCOMPARE(result.ok(), accepted);
    if (!accepted)
        verifyInvalidJson(result.error());
}

void TstStrictJson::nestingLimitIsThirtyTwo()
{
    QCOMPARE(json::kMaxNestingDepth, 32);
    const auto ok = json::parseBody(nestedObjects(json::kMaxNestingDepth));
    QVERIFY(ok.ok());
    QCOMPARE(json::nestingDepth(ok.value()), json::kMaxNestingDepth);
    QVERIFY(!json::parseBody(nestedObjects(json::kMaxNestingDepth + 1)).ok());
}

void TstStrictJson::parseObjectBody_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("accepted");

    QTest::newRow("object") << QByteArray("{\"name\":\"x\"}") << true;
    QTest::newRow("empty object") << QByteArray("{}") << true;
    QTest::newRow("top-level number") << QByteArray("1") << false;
    QTest::newRow("top-level string") << QByteArray("\"x\"") << false;
    QTest::newRow("top-level true") << QByteArray("true") << false;
    QTest::newRow("top-level null") << QByteArray("null") << false;
    QTest::newRow("top-level array") << QByteArray("[]") << false;
    QTest::newRow("malformed") << QByteArray("{") << false;
    QTest::newRow("trailing data") << QByteArray("{\"a\":1} {}") << false;
    QTest::newRow("empty") << QByteArray("") << false;
}

void TstStrictJson::parseObjectBody()
{
    QFETCH(QByteArray, body);
    QFETCH(bool, accepted);

    const Result<QJsonObject> result = json::parseObjectBody(body);
    QCOMPARE(result.ok(), accepted);
    if (!accepted)
        verifyInvalidJson(result.error());
}

void TstStrictJson::nestingDepth_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("depth");

    QTest::newRow("{}") << QByteArray("{}") << 1;
    QTest::newRow("[]") << QByteArray("[]") << 1;
    QTest::newRow("flat object") << QByteArray("{\"a\":1,\"b\":\"x\"}") << 1;
    QTest::newRow("{a:[{}]}") << QByteArray("{\"a\":[{}]}") << 3;
    QTest::newRow("deepest branch wins") << QByteArray("{\"a\":{},\"b\":[[[1]]],\"c\":2}") << 4;
}

void TstStrictJson::nestingDepth()
{
    QFETCH(QByteArray, body);
    QFETCH(int, depth);
    const auto value = json::parseBody(body);
    QVERIFY(value.ok());
    QCOMPARE(json::nestingDepth(value.value()), depth);
    QCOMPARE(json::nestingDepth(QJsonValue(5)), 0);
    QCOMPARE(json::nestingDepth(QJsonValue(QStringLiteral("s"))), 0);
}

void TstStrictJson::readerCaseInsensitiveKey_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("expected");

    QTest::newRow("exact") << QByteArray("{\"name\":\"x\"}") << "x";
    QTest::newRow("Name fills name") << QByteArray("{\"Name\":\"x\"}") << "x";
    QTest::newRow("NAME fills name") << QByteArray("{\"NAME\":\"x\"}") << "x";
    QTest::newRow("nAmE fills name") << QByteArray("{\"nAmE\":\"x\"}") << "x";
}

void TstStrictJson::readerCaseInsensitiveKey()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, expected);

    const auto parsed = json::parseObjectBody(body);
    QVERIFY(parsed.ok());
    ObjectReader reader(parsed.value());
    QVERIFY(reader.has(QLatin1StringView("name")));
    const std::optional<QString> value = reader.string(QLatin1StringView("name"));
    QVERIFY(value.has_value());
    QCOMPARE(*value, expected);
    QVERIFY(!reader.failed());
    QVERIFY(reader.status().ok());

    // A different key never matches.
    QVERIFY(!reader.has(QLatin1StringView("names")));
    QVERIFY(!reader.string(QLatin1StringView("nam")).has_value());
    QVERIFY(!reader.failed());
}

void TstStrictJson::readerExactMatchPreferred_data()
{
    QTest::addColumn<QByteArray>("body");

    QTest::newRow("exact first in text") << QByteArray("{\"name\":\"exact\",\"Name\":\"folded\"}");
    QTest::newRow("exact last in text") << QByteArray("{\"Name\":\"folded\",\"name\":\"exact\"}");
    QTest::newRow("two folded variants")
        << QByteArray("{\"NAME\":\"folded\",\"name\":\"exact\",\"Name\":\"f2\"}");
}

void TstStrictJson::readerExactMatchPreferred()
{
    QFETCH(QByteArray, body);
    const auto parsed = json::parseObjectBody(body);
    QVERIFY(parsed.ok());
    ObjectReader reader(parsed.value());
    QCOMPARE(reader.string(QLatin1StringView("name")).value_or(QString()), QStringLiteral("exact"));
    QCOMPARE(reader.raw(QLatin1StringView("name")).toString(), QStringLiteral("exact"));
}

void TstStrictJson::readerNullIsAbsent()
{
    ObjectReader reader(object(R"({"name":null,"limit":null,"quantity":null,"flag":null,"items":null,
                                   "obj":null,"list":null})"));
    QVERIFY(!reader.has(QLatin1StringView("name")));
    QVERIFY(reader.raw(QLatin1StringView("name")).isNull());
    QVERIFY(reader.raw(QLatin1StringView("missing")).isUndefined());
    QVERIFY(!reader.string(QLatin1StringView("name")).has_value());
    QVERIFY(!reader.integer(QLatin1StringView("limit")).has_value());
    QVERIFY(!reader.number(QLatin1StringView("quantity")).has_value());
    QVERIFY(!reader.boolean(QLatin1StringView("flag")).has_value());
    QVERIFY(!reader.array(QLatin1StringView("items")).has_value());
    QVERIFY(!reader.object(QLatin1StringView("obj")).has_value());
    QVERIFY(!reader.stringList(QLatin1StringView("list")).has_value());
    QVERIFY(!reader.string(QLatin1StringView("missing")).has_value());
    QVERIFY(!reader.failed());
    QVERIFY(reader.status().ok());
}

void TstStrictJson::readerTypeMismatch_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("accessor");
    QTest::addColumn<bool>("failed");

    // §1.2 examples: "quantity":"1", "group_by":"region", "limit":1.5
    QTest::newRow("string for integer") << QByteArray(R"({"v":"1"})") << "integer" << true;
    QTest::newRow("1.5 for integer") << QByteArray(R"({"v":1.5})") << "integer" << true;
    QTest::newRow("bool for integer") << QByteArray(R"({"v":true})") << "integer" << true;
    QTest::newRow("string for number") << QByteArray(R"({"v":"1"})") << "number" << true;
    QTest::newRow("array for string") << QByteArray(R"({"v":["a"]})") << "string" << true;
    QTest::newRow("number for string") << QByteArray(R"({"v":5})") << "string" << true;
    QTest::newRow("object for string") << QByteArray(R"({"v":{}})") << "string" << true;
    QTest::newRow("string for boolean") << QByteArray(R"({"v":"true"})") << "boolean" << true;
    QTest::newRow("number for boolean") << QByteArray(R"({"v":1})") << "boolean" << true;
    QTest::newRow("string for array (group_by)") << QByteArray(R"({"v":"region"})") << "array" << true;
    QTest::newRow("object for array") << QByteArray(R"({"v":{}})") << "array" << true;
    QTest::newRow("array for object") << QByteArray(R"({"v":[]})") << "object" << true;
    QTest::newRow("string for object") << QByteArray(R"({"v":"x"})") << "object" << true;
    QTest::newRow("string list with a number") << QByteArray(R"({"v":["a",1]})") << "stringList" << true;
    QTest::newRow("string list with null") << QByteArray(R"({"v":["a",null]})") << "stringList" << true;
    QTest::newRow("string for string list") << QByteArray(R"({"v":"a"})") << "stringList" << true;
    QTest::newRow("case-folded key, wrong type") << QByteArray(R"({"V":"1"})") << "integer" << true;

    QTest::newRow("integer ok") << QByteArray(R"({"v":42})") << "integer" << false;
    QTest::newRow("negative integer ok") << QByteArray(R"({"v":-3})") << "integer" << false;
    QTest::newRow("number ok") << QByteArray(R"({"v":1.5})") << "number" << false;
    QTest::newRow("integer as number ok") << QByteArray(R"({"v":2})") << "number" << false;
    QTest::newRow("string ok") << QByteArray(R"({"v":"x"})") << "string" << false;
    QTest::newRow("empty string ok") << QByteArray(R"({"v":""})") << "string" << false;
    QTest::newRow("boolean ok") << QByteArray(R"({"v":false})") << "boolean" << false;
    QTest::newRow("array ok") << QByteArray(R"({"v":[1,"a"]})") << "array" << false;
    QTest::newRow("object ok") << QByteArray(R"({"v":{"a":1}})") << "object" << false;
    QTest::newRow("string list ok") << QByteArray(R"({"v":["a","b"]})") << "stringList" << false;
    QTest::newRow("empty string list ok") << QByteArray(R"({"v":[]})") << "stringList" << false;
}

void TstStrictJson::readerTypeMismatch()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, accessor);
    QFETCH(bool, failed);

    const auto parsed = json::parseObjectBody(body);
    QVERIFY(parsed.ok());
    ObjectReader reader(parsed.value());
    const QLatin1StringView key("v");
    bool hasValue = false;
    if (accessor == QLatin1StringView("integer"))
        hasValue = reader.integer(key).has_value();
    else if (accessor == QLatin1StringView("number"))
        hasValue = reader.number(key).has_value();
    else if (accessor == QLatin1StringView("string"))
        hasValue = reader.string(key).has_value();
    else if (accessor == QLatin1StringView("boolean"))
        hasValue = reader.boolean(key).has_value();
    else if (accessor == QLatin1StringView("array"))
        hasValue = reader.array(key).has_value();
    else if (accessor == QLatin1StringView("object"))
        hasValue = reader.object(key).has_value();
    else if (accessor == QLatin1StringView("stringList"))
        hasValue = reader.stringList(key).has_value();
    else
        QFAIL("unknown accessor");

    QCOMPARE(reader.failed(), failed);
    QCOMPARE(hasValue, !failed);
    QCOMPARE(reader.status().ok(), !failed);
    if (failed)
        verifyInvalidJson(reader.status().error());
}

void TstStrictJson::readerTypedValues()
{
    ObjectReader reader(object(R"({"Meter":"api_calls","LIMIT":7,"quantity":2.5,"dry_run":true,
                                   "group_by":["subject","region"],"metadata":{"region":"eu"},"items":[1,2]})"));
    QCOMPARE(reader.string(QLatin1StringView("meter")).value_or(QString()), QStringLiteral("api_calls"));
    QCOMPARE(reader.integer(QLatin1StringView("limit")).value_or(-1), qint64(7));
    QCOMPARE(reader.number(QLatin1StringView("quantity")).value_or(-1.0), 2.5);
    QCOMPARE(reader.boolean(QLatin1StringView("dry_run")).value_or(false), true);
    QCOMPARE(reader.stringList(QLatin1StringView("group_by")).value_or(QStringList()),
        QStringList({QStringLiteral("subject"), QStringLiteral("region")}));
    const auto metadata = reader.object(QLatin1StringView("metadata"));
    QVERIFY(metadata.has_value());
    QCOMPARE(metadata->value(QLatin1StringView("region")).toString(), QStringLiteral("eu"));
    const auto items = reader.array(QLatin1StringView("items"));
    QVERIFY(items.has_value());
    QCOMPARE(items->size(), 2);
    QVERIFY(!reader.failed());
}

void TstStrictJson::readerFailureIsSticky()
{
    ObjectReader reader(object(R"({"quantity":"1","meter":"m"})"));
    QVERIFY(!reader.number(QLatin1StringView("quantity")).has_value());
    QVERIFY(reader.failed());
    // A later good read does not clear the failure: the request is still invalid_json.
    QCOMPARE(reader.string(QLatin1StringView("meter")).value_or(QString()), QStringLiteral("m"));
    QVERIFY(reader.failed());
    QVERIFY(!reader.status().ok());
    verifyInvalidJson(reader.status().error());
}

QTEST_APPLESS_MAIN(TstStrictJson)
#include "tst_strictjson.moc"
