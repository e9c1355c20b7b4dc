// storedJsonToProto: stored metadata (written by wire::compactJson, Go-style escapes) decodes to the
// same values as Qt's JSON parser sees, for every escape and number form the writer produces.

#include "ProtoConvert.h"
#include "StoredJson.h"
#include "format/JsonWriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

class TestStoredJson : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void malformedIsRefused_data();
    void malformedIsRefused();
};

void TestStoredJson::roundTrip_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("empty") << QByteArray("{}");
    QTest::newRow("scalars") << QByteArray(R"({"a":"x","b":200,"c":true,"d":false,"e":null})");
    QTest::newRow("numbers") << QByteArray(
        R"({"a":-0.25,"b":1e-7,"c":1e+21,"d":123456789012,"e":0,"f":3.141592653589793})");
    QTest::newRow("nested") << QByteArray(R"({"a":{"b":{"c":[1,"two",[],{}]}},"z":[]})");
    QTest::newRow("escapes") << QByteArray(
        R"({"q":"a\"b\\c\/d\b\f\n\r\t","html":"\u003ctag\u003e\u0026","ls":"\u2028\u2029","ctl":"\u0001"})");
    QTest::newRow("utf8 and surrogates")
        << QByteArray("{\"k\\u00e9y\":\"caf\xc3\xa9 \\ud83d\\ude00 \xf0\x9f\x98\x80\"}");
    // What the engine's writer makes of an object, whatever Qt holds.
    QJsonObject written{{QStringLiteral("note"), QStringLiteral("x<y>&z\u2028\n\"\u00e9\U0001F600")},
        {QStringLiteral("n"), 1e300}, {QStringLiteral("list"), QJsonArray{1.5, QJsonValue::Null, false}}};
    QTest::newRow("compactJson") << osc::wire::compactJson(written);
}

void TestStoredJson::roundTrip()
{
    QFETCH(QByteArray, json);
    google::protobuf::Map<std::string, google::protobuf::Value> fields;
    QVERIFY(osc::rpc::storedJsonToProto(json, &fields));
    auto decoded = osc::rpc::metadataFromProto(fields);
    QVERIFY(decoded.ok());
    QJsonParseError error;
    const QJsonObject expected = QJsonDocument::fromJson(json, &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(decoded.value(), expected);
}

void TestStoredJson::malformedIsRefused_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("empty input") << QByteArray();
    QTest::newRow("not an object") << QByteArray("[1]");
    QTest::newRow("unterminated") << QByteArray(R"({"a":"b)");
    QTest::newRow("trailing data") << QByteArray(R"({"a":1}x)");
    QTest::newRow("bad escape") << QByteArray(R"({"a":"\q"})");
    QTest::newRow("lone surrogate") << QByteArray(R"({"a":"\ud800x"})");
    QTest::newRow("lone low surrogate") << QByteArray(R"({"a":"\udc00"})");
    QTest::newRow("bad literal") << QByteArray(R"({"a":nul})");
    QTest::newRow("missing colon") << QByteArray(R"({"a" 1})");
}

void TestStoredJson::malformedIsRefused()
{
    QFETCH(QByteArray, json);
    google::protobuf::Map<std::string, google::protobuf::Value> fields;
    QVERIFY(!osc::rpc::storedJsonToProto(json, &fields));
}

QTEST_APPLESS_MAIN(TestStoredJson)
#include "tst_storedjson.moc"
