// The Go-compatible JSON writer (wire/JsonWriter) and the id generator: byte-exact output for strings,
// numbers and key order, since stored metadata is emitted verbatim in responses and CSV exports.

#include "core/Ids.h"
#include "format/JsonWriter.h"

#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace osc;

class TstJsonWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void strings_data();
    void strings();
    void numbers_data();
    void numbers();
    void objectsSortKeysAndNest();
    void idsAreLowercaseUuidV4();
};

void TstJsonWriter::strings_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("plain") << QStringLiteral("org_123") << QByteArray(R"("org_123")");
    QTest::newRow("quote and backslash") << QStringLiteral("a\"b\\c") << QByteArray(R"("a\"b\\c")");
    QTest::newRow("short escapes") << QStringLiteral("a\nb\rc\td") << QByteArray(R"("a\nb\rc\td")");
    QTest::newRow("other control") << QString(QChar(0x01)) + QChar(0x1f) << QByteArray(R"("\u0001\u001f")");
    QTest::newRow("html escaped as Go does")
        << QStringLiteral("<a>&") << QByteArray(R"("\u003ca\u003e\u0026")");
    QTest::newRow("line separators") << QString(QChar(0x2028)) + QChar(0x2029)
                                     << QByteArray(R"("\u2028\u2029")");
    QTest::newRow("utf8") << QStringLiteral("Grüße €")
                          << QByteArray("\"Gr\xc3\xbc\xc3\x9f"
                                        "e \xe2\x82\xac\"");
    QTest::newRow("astral") << QString::fromUcs4(U"\U0001F600") << QByteArray("\"\xf0\x9f\x98\x80\"");
    QTest::newRow("lone surrogate") << QString(QChar(0xd800)) << QByteArray("\"\xef\xbf\xbd\"");
    QTest::newRow("slash not escaped") << QStringLiteral("/orders") << QByteArray(R"("/orders")");
}

void TstJsonWriter::strings()
{
    QFETCH(QString, text);
    QFETCH(QByteArray, json);
    QByteArray out;
    wire::appendJsonString(out, text);
    QCOMPARE(out, json);
}

void TstJsonWriter::numbers_data()
{
    // Expected values are what Go's json.Marshal(float64) prints.
    QTest::addColumn<double>("value");
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("integer") << 200.0 << QByteArray("200");
    QTest::newRow("zero") << 0.0 << QByteArray("0");
    QTest::newRow("negative") << -3.5 << QByteArray("-3.5");
    QTest::newRow("fraction") << 0.1 << QByteArray("0.1");
    QTest::newRow("rate per day") << 2.0 / 86400 << QByteArray("0.000023148148148148147");
    QTest::newRow("just above 1e-6") << 0.000001 << QByteArray("0.000001");
    QTest::newRow("below 1e-6") << 1e-7 << QByteArray("1e-7");
    QTest::newRow("small mantissa") << 1.5e-10 << QByteArray("1.5e-10");
    QTest::newRow("large plain") << 1e20 << QByteArray("100000000000000000000");
    QTest::newRow("1e21") << 1e21 << QByteArray("1e+21");
    QTest::newRow("big") << 1.2345e300 << QByteArray("1.2345e+300");
    QTest::newRow("max safe") << 9007199254740993.0 << QByteArray("9007199254740992");
}

void TstJsonWriter::numbers()
{
    QFETCH(double, value);
    QFETCH(QByteArray, json);
    QByteArray out;
    wire::appendJsonNumber(out, value);
    QCOMPARE(out, json);
}

void TstJsonWriter::objectsSortKeysAndNest()
{
    const QJsonObject object = QJsonDocument::fromJson(
        R"({"zeta":1,"alpha":{"y":true,"b":null},"list":[1,"x",false,{"k":2.5}],"Beta":"<"})")
                                   .object();
    QCOMPARE(wire::compactJson(object),
        QByteArray(
            R"({"Beta":"\u003c","alpha":{"b":null,"y":true},"list":[1,"x",false,{"k":2.5}],"zeta":1})"));
    QCOMPARE(wire::compactJson(QJsonObject()), QByteArray("{}"));
    // Go sorts by UTF-8 bytes: U+1F600 (F0 ..) after U+E000 (EE ..), unlike UTF-16 order.
    QJsonObject astral;
    astral.insert(QString::fromUcs4(U"\U0001F600"), 1);
    astral.insert(QString(QChar(0xe000)), 2);
    const QByteArray sorted = wire::compactJson(astral);
    QVERIFY(sorted.indexOf("\xee\x80\x80") < sorted.indexOf("\xf0\x9f\x98\x80"));
}

void TstJsonWriter::idsAreLowercaseUuidV4()
{
    static const QRegularExpression uuid(QRegularExpression::anchoredPattern(
        QStringLiteral("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")));
    QSet<QString> seen;
    for (int i = 0; i < 10'000; ++i) {
        const QString id = newId();
        QVERIFY2(uuid.match(id).hasMatch(), qPrintable(id));
        seen.insert(id);
    }
    QCOMPARE(seen.size(), 10'000);
}

QTEST_APPLESS_MAIN(TstJsonWriter)
#include "tst_jsonwriter.moc"
