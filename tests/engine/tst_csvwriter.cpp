// CSV bytes of contract §7.1/§7.2 (Go encoding/csv rules) and Go's FormatFloat(v, 'f', -1, 64).

#include "core/Rfc3339.h"
#include "export/ExportWriter.h"
#include "format/CsvWriter.h"

#include <QBuffer>
#include <QTest>

#include <cmath>
#include <limits>

using namespace osc;
using namespace osc::csv;

namespace {

osc::TimeNs at(const char *text)
{
    return *rfc3339::parse(QString::fromLatin1(text));
}

// A day bucket of the §7.1 examples.
query::BucketResult bucketResult(const QString &meter, const QString &unit, const QStringList &groupBy)
{
    query::BucketResult result;
    result.meter = meter;
    result.unit = unit;
    result.aggregation = Aggregation::Sum;
    result.bucketSize = QStringLiteral("day");
    result.groupBy = groupBy;
    return result;
}

void addRow(
    query::BucketResult &result, const QString &subject, double quantity, const QStringList &groups = {})
{
    query::UsageBucket row;
    row.subject = subject;
    row.bucketStartNs = at("2026-06-08T00:00:00Z");
    row.bucketStart = QStringLiteral("2026-06-08T00:00:00Z");
    row.quantity = quantity;
    row.groupValues = groups;
    result.rows.append(row);
}

UsageEvent sampleEvent(int i)
{
    UsageEvent e;
    e.id = QStringLiteral("id-%1").arg(i);
    e.subject = QStringLiteral("org_%1").arg(i % 17);
    e.meter = i % 5 == 0 ? QStringLiteral("needs, quoting") : QStringLiteral("plain");
    e.quantity = i / 8.0;
    e.eventTimeNs = at("2026-06-08T00:00:00Z") + qint64(i) * 1'000'000'000;
    e.receivedAtNs = e.eventTimeNs + 500'000'000;
    e.metadata = QByteArrayLiteral("{}");
    if (i % 3 == 0)
        e.idempotencyKey = QStringLiteral("key-%1").arg(i);
    return e;
}

} // namespace

class TstCsvWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void quoting_data();
    void quoting();
    void formatQuantity_data();
    void formatQuantity();
    void formatQuantityExtremes();
    void bucketExports_data();
    void bucketExports();
    void headerOnly();
    void eventExport();
    void formulaGuard_data();
    void formulaGuard();
    void formulaGuardedEventExport();
    void appendKeepsTarget();
    void deviceMatchesBuffer();
    void deviceError();
};

void TstCsvWriter::quoting_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QByteArray>("encoded");

    QTest::newRow("empty is not quoted") << "" << QByteArray("");
    QTest::newRow("plain") << "org_123" << QByteArray("org_123");
    QTest::newRow("comma") << "a,b" << QByteArray("\"a,b\"");
    QTest::newRow("quote doubled") << "say \"hi\"" << QByteArray("\"say \"\"hi\"\"\"");
    QTest::newRow("only a quote") << "\"" << QByteArray("\"\"\"\"");
    QTest::newRow("newline") << "a\nb" << QByteArray("\"a\nb\"");
    QTest::newRow("CR") << "a\rb" << QByteArray("\"a\rb\"");
    QTest::newRow("CRLF kept as given") << "a\r\nb" << QByteArray("\"a\r\nb\"");
    QTest::newRow("leading space") << " lead" << QByteArray("\" lead\"");
    QTest::newRow("leading tab") << "\tlead" << QByteArray("\"\tlead\"");
    QTest::newRow("leading vertical tab") << "\vx" << QByteArray("\"\vx\"");
    QTest::newRow("leading form feed") << "\fx" << QByteArray("\"\fx\"");
    QTest::newRow("only a space") << " " << QByteArray("\" \"");
    QTest::newRow("trailing space is not quoted") << "trail " << QByteArray("trail ");
    QTest::newRow("inner space is not quoted") << "a b" << QByteArray("a b");
    QTest::newRow("postgres end marker") << "\\." << QByteArray("\"\\.\"");
    QTest::newRow("backslash dot prefix") << "\\.x" << QByteArray("\\.x");
    QTest::newRow("backslash") << "a\\b" << QByteArray("a\\b");
    QTest::newRow("leading NBSP (unicode.IsSpace)")
        << QStringLiteral("\u00A0x") << QByteArray("\"\xC2\xA0x\"");
    QTest::newRow("leading NEL") << QStringLiteral("\u0085x") << QByteArray("\"\xC2\x85x\"");
    QTest::newRow("leading ideographic space")
        << QStringLiteral("\u3000x") << QByteArray("\"\xE3\x80\x80x\"");
    QTest::newRow("leading en quad") << QStringLiteral("\u2000x") << QByteArray("\"\xE2\x80\x80x\"");
    QTest::newRow("leading zero-width space is not a space")
        << QStringLiteral("\u200Bx") << QByteArray("\xE2\x80\x8Bx");
    QTest::newRow("leading BOM is not a space") << QStringLiteral("\uFEFFx") << QByteArray("\xEF\xBB\xBFx");
    QTest::newRow("trailing NBSP") << QStringLiteral("x\u00A0") << QByteArray("x\xC2\xA0");
    QTest::newRow("latin-1") << QStringLiteral("caf\u00E9") << QByteArray("caf\xC3\xA9");
    QTest::newRow("CJK") << QStringLiteral("\u65E5\u672C") << QByteArray("\xE6\x97\xA5\xE6\x9C\xAC");
    QTest::newRow("emoji") << QStringLiteral("\U0001F600") << QByteArray("\xF0\x9F\x98\x80");
    QTest::newRow("emoji with comma") << QStringLiteral("\U0001F600,") << QByteArray("\"\xF0\x9F\x98\x80,\"");
    QTest::newRow("lone surrogate → U+FFFD") << QString(QChar(0xD800)) + u'x' << QByteArray("\xEF\xBF\xBDx");
    QTest::newRow("metadata JSON (§7.2)")
        << "{\"region\":\"us-east-1\"}" << QByteArray("\"{\"\"region\"\":\"\"us-east-1\"\"}\"");
    QTest::newRow("missing group value") << "<nil>" << QByteArray("<nil>");
}

void TstCsvWriter::quoting()
{
    QFETCH(QString, field);
    QFETCH(QByteArray, encoded);

    QCOMPARE(csvField(field), encoded);
    QCOMPARE(fieldNeedsQuotes(field), encoded.startsWith('"'));
    // The UTF-8 entry point (for pre-encoded fields such as metadata JSON) agrees byte for byte.
    if (!field.isValidUtf16())
        return; // QString::toUtf8 writes '?' for a lone surrogate; there is no UTF-8 input to compare
    const QByteArray utf8 = field.toUtf8();
    QCOMPARE(fieldNeedsQuotes(QByteArrayView(utf8)), encoded.startsWith('"'));
    QByteArray appended("x,");
    appendField(appended, QByteArrayView(utf8));
    QCOMPARE(appended, "x," + encoded);
}

void TstCsvWriter::formatQuantity_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("expected");

    // Expected strings are Go's strconv.FormatFloat(v, 'f', -1, 64).
    QTest::newRow("integer") << 11.0 << "11";
    QTest::newRow("one") << 1.0 << "1";
    QTest::newRow("hundred") << 100.0 << "100";
    QTest::newRow("half") << 0.5 << "0.5";
    QTest::newRow("negative") << -1.5 << "-1.5";
    QTest::newRow("zero") << 0.0 << "0";
    QTest::newRow("negative zero") << -0.0 << "-0";
    QTest::newRow("rate per day 2/86400") << 2.0 / 86400 << "0.000023148148148148147";
    QTest::newRow("rate per June 2/(30*86400)") << 2.0 / (30 * 86400) << "0.0000007716049382716049";
    QTest::newRow("rate per June 1/(30*86400)") << 1.0 / (30 * 86400) << "0.00000038580246913580245";
    QTest::newRow("0.1+0.2") << 0.1 + 0.2 << "0.30000000000000004";
    QTest::newRow("1/3") << 1.0 / 3 << "0.3333333333333333";
    QTest::newRow("1e-7") << 1e-7 << "0.0000001";
    QTest::newRow("2.5e-5") << 2.5e-5 << "0.000025";
    QTest::newRow("0.001") << 0.001 << "0.001";
    QTest::newRow("4.35") << 4.35 << "4.35";
    QTest::newRow("299792.458") << 299792.458 << "299792.458";
    QTest::newRow("1e15 + 0.3") << 1e15 + 0.3 << "1000000000000000.2";
    QTest::newRow("2^53") << 9007199254740992.0 << "9007199254740992";
    QTest::newRow("1e21") << 1e21 << "1000000000000000000000";
    // Shortest digits padded with zeros, not the exact binary value (99999999999999991611392).
    QTest::newRow("1e23") << 1e23 << "100000000000000000000000";
    QTest::newRow("123456789012345678") << 123456789012345678.0 << "123456789012345680";
    QTest::newRow("2^63") << 9223372036854775808.0 << "9223372036854776000";
    QTest::newRow("-1e22") << -1e22 << "-10000000000000000000000";
    QTest::newRow("NaN") << std::numeric_limits<double>::quiet_NaN() << "NaN";
    QTest::newRow("+Inf") << std::numeric_limits<double>::infinity() << "+Inf";
    QTest::newRow("-Inf") << -std::numeric_limits<double>::infinity() << "-Inf";
}

void TstCsvWriter::formatQuantity()
{
    QFETCH(double, value);
    QFETCH(QString, expected);

    QCOMPARE(csv::formatQuantity(value), expected);
    char buffer[kQuantityBufferSize];
    const int length = csv::formatQuantity(value, buffer);
    QCOMPARE(QByteArray(buffer, length), expected.toLatin1());
    // Shortest *and* exact: parsing the text gives the same double back.
    if (std::isfinite(value))
        QCOMPARE(expected.toDouble(), value);
}

void TstCsvWriter::formatQuantityExtremes()
{
    const QString tiny = csv::formatQuantity(std::numeric_limits<double>::denorm_min());
    QCOMPARE(tiny, QStringLiteral("0.") + QString(323, u'0') + u'5');
    const QString huge = csv::formatQuantity(std::numeric_limits<double>::max());
    QCOMPARE(huge, QStringLiteral("17976931348623157") + QString(292, u'0'));
    const QString smallestNormal = csv::formatQuantity(-std::numeric_limits<double>::min());
    QCOMPARE(
        smallestNormal, QStringLiteral("-0.") + QString(307, u'0') + QStringLiteral("22250738585072014"));
    QVERIFY(smallestNormal.size() < kQuantityBufferSize);
    QCOMPARE(smallestNormal.toDouble(), -std::numeric_limits<double>::min());
}

void TstCsvWriter::bucketExports_data()
{
    QTest::addColumn<int>("example");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("§7.1 single row")
        << 0
        << QByteArray("bucket_start,subject,meter,bucket_size,aggregation,unit,quantity\n"
                      "2026-06-08T00:00:00Z,org_123,api_calls,day,sum,call,7\n");
    QTest::newRow("§7.1 group_by=region,plan")
        << 1
        << QByteArray("bucket_start,subject,meter,bucket_size,aggregation,unit,quantity,region,plan\n"
                      "2026-06-08T00:00:00Z,org_123,api_calls,day,sum,call,9,us-east-1,free\n"
                      "2026-06-08T00:00:00Z,org_123,api_calls,day,sum,call,3,us-east-1,pro\n"
                      "2026-06-08T00:00:00Z,org_123,api_calls,day,sum,call,5,us-west-2,free\n");
    QTest::newRow("§7.1 grouped by subject")
        << 2
        << QByteArray("bucket_start,subject,meter,bucket_size,aggregation,unit,quantity\n"
                      "2026-06-08T00:00:00Z,org_123,api_calls,day,sum,call,5\n"
                      "2026-06-08T00:00:00Z,org_456,api_calls,day,sum,call,5\n");
    QTest::newRow("§7.1 filtered POST")
        << 3
        << QByteArray("bucket_start,subject,meter,bucket_size,aggregation,unit,quantity,region\n"
                      "2026-06-08T00:00:00Z,org_123,tokens,day,sum,token,11,us-east-1\n");
}

void TstCsvWriter::bucketExports()
{
    QFETCH(int, example);
    QFETCH(QByteArray, expected);

    query::BucketResult result;
    switch (example) {
    case 0:
        result = bucketResult(QStringLiteral("api_calls"), QStringLiteral("call"), {});
        addRow(result, QStringLiteral("org_123"), 7);
        break;
    case 1:
        result = bucketResult(QStringLiteral("api_calls"), QStringLiteral("call"), {"region", "plan"});
        addRow(result, QStringLiteral("org_123"), 9, {"us-east-1", "free"});
        addRow(result, QStringLiteral("org_123"), 3, {"us-east-1", "pro"});
        addRow(result, QStringLiteral("org_123"), 5, {"us-west-2", "free"});
        break;
    case 2:
        // Grouping by subject fills the subject column and adds none.
        result = bucketResult(QStringLiteral("api_calls"), QStringLiteral("call"), {"subject"});
        addRow(result, QStringLiteral("org_123"), 5, {"org_123"});
        addRow(result, QStringLiteral("org_456"), 5, {"org_456"});
        break;
    case 3:
        result = bucketResult(QStringLiteral("tokens"), QStringLiteral("token"), {"region"});
        addRow(result, QStringLiteral("org_123"), 11, {"us-east-1"});
        break;
    }
    QCOMPARE(ExportWriter::buckets(ExportFormat::Csv, result), expected);
}

void TstCsvWriter::headerOnly()
{
    const query::BucketResult empty
        = bucketResult(QStringLiteral("api_calls"), QStringLiteral("call"), {"subject", "a b,c"});
    QCOMPARE(ExportWriter::buckets(ExportFormat::Csv, empty),
        QByteArray("bucket_start,subject,meter,bucket_size,aggregation,unit,quantity,\"a b,c\"\n"));
    QCOMPARE(ExportWriter::events(ExportFormat::Csv, {}),
        QByteArray("timestamp,received_at,subject,meter,quantity,metadata,id,idempotency_key\n"));
}

// §7.2: metadata is compact JSON with sorted keys, quoted by the CSV rules; empty idempotency key.
void TstCsvWriter::eventExport()
{
    UsageEvent e;
    e.eventTimeNs = at("2026-06-08T10:00:00.999Z");
    e.receivedAtNs = at("2026-06-08T10:00:01.5Z");
    e.subject = QStringLiteral("org_123");
    e.meter = QStringLiteral("api_calls");
    e.quantity = 0.5;
    e.metadata = "{\"region\":\"us-east-1\"}";
    e.id = QStringLiteral("3f2b8c1e-9d4a-4f6b-8e2c-1a2b3c4d5e6f");
    QCOMPARE(ExportWriter::events(ExportFormat::Csv, {e}),
        QByteArray("timestamp,received_at,subject,meter,quantity,metadata,id,idempotency_key\n"
                   "2026-06-08T10:00:00Z,2026-06-08T10:00:01Z,org_123,api_calls,0.5,"
                   "\"{\"\"region\"\":\"\"us-east-1\"\"}\",3f2b8c1e-9d4a-4f6b-8e2c-1a2b3c4d5e6f,\n"));
}

// OWASP's CSV-injection rule: = + - @ tab CR at the start get a `'`, then Go's quoting as usual.
void TstCsvWriter::formulaGuard_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QByteArray>("guarded");
    QTest::addColumn<QByteArray>("plain");
    QTest::newRow("equals") << "=1+1" << QByteArray("'=1+1") << QByteArray("=1+1");
    QTest::newRow("plus") << "+1" << QByteArray("'+1") << QByteArray("+1");
    QTest::newRow("minus") << "-1" << QByteArray("'-1") << QByteArray("-1");
    QTest::newRow("at") << "@SUM(A1)" << QByteArray("'@SUM(A1)") << QByteArray("@SUM(A1)");
    // A leading tab made Go quote the field (a space); after the quote mark it no longer leads.
    QTest::newRow("tab") << "\t=x" << QByteArray("'\t=x") << QByteArray("\"\t=x\"");
    QTest::newRow("carriage return") << "\r=x" << QByteArray("\"'\r=x\"") << QByteArray("\"\r=x\"");
    QTest::newRow("formula with comma and quotes")
        << "=HYPERLINK(\"http://x\",\"y\")" << QByteArray("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"")
        << QByteArray("\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
    QTest::newRow("inner equals untouched") << "a=b" << QByteArray("a=b") << QByteArray("a=b");
    QTest::newRow("space then equals untouched") << " =x" << QByteArray("\" =x\"") << QByteArray("\" =x\"");
    QTest::newRow("empty") << "" << QByteArray() << QByteArray();
    QTest::newRow("json object") << "{\"a\":1}" << QByteArray("\"{\"\"a\"\":1}\"")
                                 << QByteArray("\"{\"\"a\"\":1}\"");
}

void TstCsvWriter::formulaGuard()
{
    QFETCH(QString, field);
    QFETCH(QByteArray, guarded);
    QFETCH(QByteArray, plain);
    QByteArray out;
    appendGuardedField(out, QStringView(field), true);
    QCOMPARE(out, guarded);
    out.clear();
    appendGuardedField(out, QStringView(field), false);
    QCOMPARE(out, plain);
    // The UTF-8 form (stored rows) agrees.
    const QByteArray utf8 = field.toUtf8();
    out.clear();
    appendGuardedField(out, QByteArrayView(utf8), true);
    QCOMPARE(out, guarded);
    out.clear();
    appendGuardedField(out, QByteArrayView(utf8), false);
    QCOMPARE(out, plain);
}

// Guarded text cells, unguarded numbers and times; the same event without the guard is upstream's row.
void TstCsvWriter::formulaGuardedEventExport()
{
    UsageEvent e;
    e.eventTimeNs = at("2026-06-08T10:00:00Z");
    e.receivedAtNs = at("2026-06-08T10:00:01Z");
    e.subject = QStringLiteral("org_1");
    e.meter = QStringLiteral("=cmd|' /C calc'!A0");
    e.quantity = 2;
    e.metadata = "{\"f\":\"=1\"}";
    e.id = QStringLiteral("id-1");
    e.idempotencyKey = QStringLiteral("@key");
    const QByteArray header("timestamp,received_at,subject,meter,quantity,metadata,id,idempotency_key\n");
    QCOMPARE(ExportWriter::events(ExportFormat::Csv, {e}, true),
        header
            + "2026-06-08T10:00:00Z,2026-06-08T10:00:01Z,org_1,'=cmd|' /C calc'!A0,2,"
              "\"{\"\"f\"\":\"\"=1\"\"}\",id-1,'@key\n");
    QCOMPARE(ExportWriter::events(ExportFormat::Csv, {e}, false),
        header
            + "2026-06-08T10:00:00Z,2026-06-08T10:00:01Z,org_1,=cmd|' /C calc'!A0,2,"
              "\"{\"\"f\"\":\"\"=1\"\"}\",id-1,@key\n");
    // JSON is never guarded: its strings are not run as formulas.
    QCOMPARE(
        ExportWriter::events(ExportFormat::Json, {e}, true), ExportWriter::events(ExportFormat::Json, {e}));
}

// A writer appends: what the array already held stays in front.
void TstCsvWriter::appendKeepsTarget()
{
    QByteArray existing("prefix\n");
    ExportWriter writer(ExportFormat::Csv, &existing);
    writer.beginEvents();
    QVERIFY(writer.finish());
    QCOMPARE(existing,
        QByteArray("prefix\ntimestamp,received_at,subject,meter,quantity,metadata,id,idempotency_key\n"));
}

// Many rows through a QIODevice (several flushes) give the same bytes as the in-memory form.
void TstCsvWriter::deviceMatchesBuffer()
{
    QByteArray direct;
    QBuffer device;
    QVERIFY(device.open(QIODevice::WriteOnly));
    {
        ExportWriter memory(ExportFormat::Csv, &direct);
        ExportWriter buffered(ExportFormat::Csv, &device);
        memory.beginEvents();
        buffered.beginEvents();
        for (int i = 0; i < 20'000; ++i) {
            const UsageEvent e = sampleEvent(i);
            memory.eventRow(e);
            buffered.eventRow(e);
        }
        QVERIFY(device.data().size() > 0); // flushed before the end
        QVERIFY(device.data().size() < direct.size());
        QVERIFY(buffered.finish());
        QVERIFY(!buffered.hasError());
        QCOMPARE(buffered.rowsWritten(), 20'000);
        QCOMPARE(buffered.bytesWritten(), direct.size());
    }
    QCOMPARE(device.data(), direct);
    QVERIFY(direct.contains(
        "\n2026-06-08T00:00:00Z,2026-06-08T00:00:00Z,org_0,\"needs, quoting\",0,{},id-0,key-0\n"));
}

void TstCsvWriter::deviceError()
{
    QBuffer closed; // never opened: every write fails
    ExportWriter writer(ExportFormat::Csv, &closed);
    writer.beginEvents();
    writer.eventRow(sampleEvent(1));
    QTest::ignoreMessage(QtWarningMsg, "QIODevice::write (QBuffer): device not open");
    QVERIFY(!writer.finish());
    QVERIFY(writer.hasError());
    QVERIFY(!writer.finish()); // stays failed without retrying
}

QTEST_APPLESS_MAIN(TstCsvWriter)
#include "tst_csvwriter.moc"
