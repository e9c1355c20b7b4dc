// Issue 21: hostile ingest, meter and query inputs through a real server. Each row names its expected
// status and error, and how many events and meters it may store (0 for every refusal: a refused
// request changes nothing). After each row /health still answers.

#include "ApiTestServer.h"

#include <QJsonArray>
#include <QtTest>

using osc::test::ApiTestServer;

namespace {

using Headers = QList<QPair<QByteArray, QByteArray>>;

QByteArray repeated(char c, qsizetype n)
{
    return QByteArray(n, c);
}

// A single-event body with `subject`, `meter`, `quantity`, `metadata` and `key` spliced in raw, so rows
// can hold what QJsonDocument would never write (NaN, lone surrogates, duplicate keys, bad UTF-8).
QByteArray usageBody(const QByteArray &fields)
{
    return R"({"meter":"api_requests","subject":"org_1","quantity":1,"timestamp":"2026-06-08T10:00:00Z")"
        + (fields.isEmpty() ? QByteArray() : "," + fields) + "}";
}

QByteArray metadataWithKeys(int count, int valueBytes = 1)
{
    QByteArray out = R"("metadata":{)";
    for (int i = 0; i < count; ++i) {
        if (i)
            out += ',';
        out += "\"k" + QByteArray::number(i) + "\":\"" + repeated('v', valueBytes) + '"';
    }
    return out + '}';
}

QByteArray meter(const QByteArray &nameJson)
{
    return R"({"unit":"request","name":)" + nameJson + "}";
}

QByteArray bulk(int items)
{
    QByteArray out = "[";
    for (int i = 0; i < items; ++i)
        out += (i ? "," : "") + usageBody("\"idempotency_key\":\"b" + QByteArray::number(i) + "\"");
    return out + "]";
}

struct Counts
{
    qint64 events = 0;
    qint64 meters = 0;
};

Counts counts(ApiTestServer &server)
{
    const QJsonObject stats = server.call("GET", "/v1/system/stats").object();
    return {stats.value("usage_events").toInteger(), stats.value("meters").toInteger()};
}

} // namespace

class tst_HostileInputs final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void refusedOrNormalized_data();
    void refusedOrNormalized();
    void loneSurrogatesBecomeReplacementCharacters();
    void duplicateKeysKeepTheLast();
    void limitsFollowTheirSettings();
};

void tst_HostileInputs::refusedOrNormalized_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<Headers>("headers");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code"); // empty: not checked (success rows)
    QTest::addColumn<QString>("message"); // exact; empty: not checked
    QTest::addColumn<int>("eventsStored");
    QTest::addColumn<int>("metersStored");

    const QString usages = QStringLiteral("/v1/usages");
    const QString meters = QStringLiteral("/v1/meters");
    const QString badInput = QStringLiteral("invalid_input");
    const QString badJson = QStringLiteral("invalid_json");
    const QString jsonMessage = QStringLiteral("invalid JSON body");
    const auto row = [](const char *name, const QByteArray &method, const QString &path,
                         const QByteArray &body, int status, const QString &code, const QString &message,
                         int events, int meters, const Headers &headers = {}) {
        QTest::newRow(name) << method << path << body << headers << status << code << message << events
                            << meters;
    };

    // Meter names: length (bytes) and control characters.
    row("meter name 1 MB", "POST", meters, meter('"' + repeated('m', 1 << 20) + '"'), 400, badInput,
        "invalid input: meter name cannot exceed 256 bytes", 0, 0);
    row("meter name 257 bytes", "POST", meters, meter('"' + repeated('m', 257) + '"'), 400, badInput,
        "invalid input: meter name cannot exceed 256 bytes", 0, 0);
    row("meter name 256 bytes", "POST", meters, meter('"' + repeated('m', 256) + '"'), 201, {}, {}, 0, 1);
    row("meter name 86 three-byte characters", "POST", meters,
        meter('"' + QString(86, QChar(0x20AC)).toUtf8() + '"'), 400, badInput,
        "invalid input: meter name cannot exceed 256 bytes", 0, 0);
    row("meter name with NUL", "POST", meters, meter(R"("a\u0000b")"), 400, badInput,
        "invalid input: meter name must not contain control characters", 0, 0);
    row("meter name with CR LF", "POST", meters, meter(R"("a\r\nb")"), 400, badInput,
        "invalid input: meter name must not contain control characters", 0, 0);
    row("meter name with LF", "POST", meters, meter(R"("a\nSet-Cookie: x")"), 400, badInput,
        "invalid input: meter name must not contain control characters", 0, 0);
    row("meter name with tab", "POST", meters, meter(R"("a\tb")"), 400, badInput,
        "invalid input: meter name must not contain control characters", 0, 0);
    row("meter name with DEL", "POST", meters, meter(R"("a\u007fb")"), 400, badInput,
        "invalid input: meter name must not contain control characters", 0, 0);
    row("meter name with C1 control", "POST", meters, meter(R"("a\u0085b")"), 400, badInput,
        "invalid input: meter name must not contain control characters", 0, 0);
    row("meter name CSV formula (stored, guarded on export)", "POST", meters,
        meter(R"j("=HYPERLINK(\"http://x\",\"y\")")j"), 201, {}, {}, 0, 1);
    row("meter name SQL injection (stored verbatim)", "POST", meters, meter(R"("x'); DROP TABLE meters;--")"),
        201, {}, {}, 0, 1);

    // Idempotency keys: event keys and the bulk batch key.
    row("idempotency key 1 MB", "POST", usages,
        usageBody("\"idempotency_key\":\"" + repeated('k', 1 << 20) + '"'), 400, badInput,
        "invalid input: idempotency key cannot exceed 512 bytes", 0, 0);
    row("idempotency key 513 bytes", "POST", usages,
        usageBody("\"idempotency_key\":\"" + repeated('k', 513) + '"'), 400, badInput,
        "invalid input: idempotency key cannot exceed 512 bytes", 0, 0);
    row("idempotency key 512 bytes", "POST", usages,
        usageBody("\"idempotency_key\":\"" + repeated('k', 512) + '"'), 201, {}, {}, 1, 0);
    row("bulk batch key 513 bytes", "POST", usages + "/bulk", bulk(2), 400, badInput,
        "invalid input: idempotency key cannot exceed 512 bytes", 0, 0,
        Headers{{"Idempotency-Key", repeated('b', 513)}});

    // Subjects (contract §5.2: ≤ 128 bytes, a fixed pattern).
    row("subject 129 bytes", "POST", usages, usageBody("\"subject\":\"" + repeated('s', 129) + '"'), 400,
        badInput, "invalid input: subject cannot exceed 128 characters", 0, 0);
    row("subject 1 MB", "POST", usages, usageBody("\"subject\":\"" + repeated('s', 1 << 20) + '"'), 400,
        badInput, "invalid input: subject cannot exceed 128 characters", 0, 0);
    row("subject with NUL", "POST", usages, usageBody(R"("subject":"org\u0000x")"), 400, badInput, {}, 0, 0);
    row("subject with CR LF", "POST", usages, usageBody(R"("subject":"org\r\nx")"), 400, badInput, {}, 0, 0);
    row("subject SQL injection", "POST", usages, usageBody(R"("subject":"x' OR '1'='1")"), 400, badInput,
        R"(invalid input: subject "x' OR '1'='1" must use letters, numbers, underscores, hyphens, dots, or colons)",
        0, 0);
    row("subject CSV formula", "POST", usages, usageBody(R"("subject":"=1+1")"), 400, badInput, {}, 0, 0);

    // Metadata: key count (every level), key length, value length, total size, depth.
    row("metadata 10000 keys", "POST", usages, usageBody(metadataWithKeys(10000)), 400, badInput,
        "invalid input: metadata cannot have more than 256 keys", 0, 0);
    row("metadata 257 keys", "POST", usages, usageBody(metadataWithKeys(257)), 400, badInput,
        "invalid input: metadata cannot have more than 256 keys", 0, 0);
    row("metadata 256 keys", "POST", usages, usageBody(metadataWithKeys(256)), 201, {}, {}, 1, 0);
    {
        QByteArray inner = metadataWithKeys(200).mid(11); // `{…}` of 200 keys
        row("metadata keys counted in nested objects", "POST", usages,
            usageBody(R"("metadata":{"a":)" + inner + R"(,"b":)" + inner + "}"), 400, badInput,
            "invalid input: metadata cannot have more than 256 keys", 0, 0);
    }
    row("metadata key 257 bytes", "POST", usages,
        usageBody(R"("metadata":{")" + repeated('k', 257) + R"(":1})"), 400, badInput,
        "invalid input: metadata key cannot exceed 256 bytes", 0, 0);
    row("metadata value 1 MB", "POST", usages,
        usageBody(R"("metadata":{"v":")" + repeated('v', 1 << 20) + R"("})"), 400, badInput,
        "invalid input: metadata value cannot exceed 16384 bytes", 0, 0);
    row("metadata value in an array too long", "POST", usages,
        usageBody(R"("metadata":{"v":["ok",")" + repeated('v', 16385) + R"("]})"), 400, badInput,
        "invalid input: metadata value cannot exceed 16384 bytes", 0, 0);
    row("metadata 100 KB in total", "POST", usages, usageBody(metadataWithKeys(10, 10000)), 400, badInput,
        "invalid input: metadata cannot exceed 65536 bytes", 0, 0);
    row("metadata nested 40 deep", "POST", usages,
        usageBody(R"("metadata":{"a":)" + repeated('[', 40) + repeated(']', 40) + "}"), 400, badJson,
        jsonMessage, 0, 0);
    row("metadata SQL injection (stored verbatim)", "POST", usages,
        usageBody(R"("metadata":{"q":"'); DELETE FROM usage_events;--"})"), 201, {}, {}, 1, 0);
    row("metadata CSV formula (stored, guarded on export)", "POST", usages,
        usageBody(R"j("metadata":{"f":"=cmd|' /C calc'!A0","g":"+1","h":"-1","i":"@SUM(A1)"})j"), 201, {}, {},
        1, 0);
    row("metadata lone surrogate (replaced)", "POST", usages, usageBody(R"("metadata":{"s":"\ud800"})"), 201,
        {}, {}, 1, 0);

    // Numbers.
    row("quantity NaN", "POST", usages, usageBody(R"("quantity":NaN)"), 400, badJson, jsonMessage, 0, 0);
    row("quantity Infinity", "POST", usages, usageBody(R"("quantity":Infinity)"), 400, badJson, jsonMessage,
        0, 0);
    row("quantity 1e400", "POST", usages, usageBody(R"("quantity":1e400)"), 400, badJson, jsonMessage, 0, 0);
    row("quantity -1e400", "POST", usages, usageBody(R"("quantity":-1e400)"), 400, badJson, jsonMessage, 0,
        0);
    row("quantity 2^53+1 (a float, as Go reads it)", "POST", usages,
        usageBody(R"("quantity":9007199254740993)"), 201, {}, {}, 1, 0);
    row("quantity hex", "POST", usages, usageBody(R"("quantity":0x10)"), 400, badJson, jsonMessage, 0, 0);
    row("quantity leading plus", "POST", usages, usageBody(R"("quantity":+1)"), 400, badJson, jsonMessage, 0,
        0);
    row("quantity as string", "POST", usages, usageBody(R"("quantity":"1")"), 400, badJson, jsonMessage, 0,
        0);

    // Encoding and shape.
    row("invalid UTF-8 byte", "POST", usages, usageBody("\"metadata\":{\"s\":\"\xff\"}"), 400, badJson,
        jsonMessage, 0, 0);
    row("overlong UTF-8 slash", "POST", usages, usageBody("\"metadata\":{\"s\":\"\xc0\xaf\"}"), 400, badJson,
        jsonMessage, 0, 0);
    row("truncated UTF-8 sequence", "POST", usages, usageBody("\"metadata\":{\"s\":\"\xe2\x82\"}"), 400,
        badJson, jsonMessage, 0, 0);
    row("top-level scalar", "POST", usages, "42", 400, badJson, jsonMessage, 0, 0);
    row("trailing garbage", "POST", usages, usageBody({}) + "{}", 400, badJson, jsonMessage, 0, 0);
    row("empty body", "POST", usages, {}, 400, badJson, jsonMessage, 0, 0);
    row("body nested 10000 deep", "POST", usages, repeated('[', 10000) + repeated(']', 10000), 400, badJson,
        jsonMessage, 0, 0);
    row("bulk 1001 items", "POST", usages + "/bulk", bulk(1001), 400, badInput,
        "invalid input: bulk usage event limit is 1000", 0, 0);

    // Times: the whole range Go accepts, nothing beyond.
    row("timestamp year 0001", "POST", usages, usageBody(R"("timestamp":"0001-01-01T00:00:00Z")"), 201, {},
        {}, 1, 0);
    row("timestamp year 9999", "POST", usages, usageBody(R"("timestamp":"9999-12-31T23:59:59.999999999Z")"),
        201, {}, {}, 1, 0);
    row("timestamp year 0000", "POST", usages, usageBody(R"("timestamp":"0000-12-31T23:59:59Z")"), 400,
        "invalid_timestamp", "timestamp must be RFC3339", 0, 0);
    row("timestamp year 10000", "POST", usages, usageBody(R"("timestamp":"10000-01-01T00:00:00Z")"), 400,
        "invalid_timestamp", "timestamp must be RFC3339", 0, 0);
    row("timestamp without zone", "POST", usages, usageBody(R"("timestamp":"2026-06-08T10:00:00")"), 400,
        "invalid_timestamp", "timestamp must be RFC3339", 0, 0);

    // Meter lookups and paths.
    row("unknown meter SQL injection", "POST", usages, usageBody(R"("meter":"x' OR '1'='1")"), 404,
        "not_found", "not found", 0, 0);
    row("query parameter SQL injection", "GET", "/v1/usageevents?meter=api_requests&subject=x'%20OR%201=1",
        {}, 400, badInput, {}, 0, 0);
    row("export id path traversal", "GET", "/v1/exports/..%2F..%2F..%2Fetc%2Fpasswd/download", {}, 404, {},
        {}, 0, 0);
    row("export id dot segments", "GET", "/v1/exports/../../../etc/passwd", {}, 404, {}, {}, 0, 0);
}

void tst_HostileInputs::refusedOrNormalized()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(Headers, headers);
    QFETCH(int, status);
    QFETCH(QString, code);
    QFETCH(QString, message);
    QFETCH(int, eventsStored);
    QFETCH(int, metersStored);

    ApiTestServer server;
    QVERIFY(server.ok());
    QCOMPARE(
        server.call("POST", "/v1/meters", QJsonObject{{"name", "api_requests"}, {"unit", "request"}}).status,
        201);
    const Counts before = counts(server);

    Headers all = headers;
    all.append({"Authorization", QByteArray("Bearer ") + ApiTestServer::kAdminKey});
    all.append({QByteArray("Content-Type"), QByteArray("application/json")});
    const auto r = server.send(method, path, body, all);
    QCOMPARE(r.status, status);
    if (status >= 400)
        QVERIFY2(r.object().value("error").isObject(), r.body.left(200).constData());
    if (!code.isEmpty())
        QCOMPARE(r.errorCode(), code);
    if (!message.isEmpty())
        QCOMPARE(r.errorMessage(), message);

    const Counts after = counts(server);
    QCOMPARE(after.events - before.events, qint64(eventsStored));
    QCOMPARE(after.meters - before.meters, qint64(metersStored));
    QCOMPARE(server.send("GET", "/health").status, 204);
}

void tst_HostileInputs::loneSurrogatesBecomeReplacementCharacters()
{
    ApiTestServer server;
    const auto created = server.send("POST", "/v1/meters", meter(R"("m\ud800x\udc00y\ud83d\ude00")"),
        {{"Authorization", QByteArray("Bearer ") + ApiTestServer::kAdminKey}});
    QCOMPARE(created.status, 201);
    // Lone high and low surrogates each become U+FFFD; the valid pair (😀) stays.
    const QString expected = QStringLiteral("m\uFFFDx\uFFFDy") + QString::fromUtf8("\xF0\x9F\x98\x80");
    QCOMPARE(created.object().value("name").toString(), expected);

    const auto stored = server.send("POST", "/v1/usages",
        usageBody(R"("meter":")" + expected.toUtf8() + R"(","metadata":{"\udfff":"a\ud800"})"),
        {{"Authorization", QByteArray("Bearer ") + ApiTestServer::kAdminKey}});
    QCOMPARE(stored.status, 201);
    const QJsonObject metadata = stored.object().value("metadata").toObject();
    QCOMPARE(metadata.value(QStringLiteral("\uFFFD")).toString(), QStringLiteral("a\uFFFD"));
    const auto listed = server.call("GET", "/v1/usageevents?meter=" + QUrl::toPercentEncoding(expected));
    QCOMPARE(listed.status, 200);
    QCOMPARE(
        listed.object().value("items").toArray().first().toObject().value("metadata").toObject(), metadata);
}

void tst_HostileInputs::duplicateKeysKeepTheLast()
{
    // Go's encoding/json keeps the last of duplicate keys, and so do we (contract: same decoding).
    ApiTestServer server;
    QCOMPARE(
        server.call("POST", "/v1/meters", QJsonObject{{"name", "api_requests"}, {"unit", "request"}}).status,
        201);
    const auto r = server.send("POST", "/v1/usages", usageBody(R"("quantity":5,"quantity":7)"),
        {{"Authorization", QByteArray("Bearer ") + ApiTestServer::kAdminKey}});
    QCOMPARE(r.status, 201);
    QCOMPARE(r.object().value("quantity").toDouble(), 7.0);
}

void tst_HostileInputs::limitsFollowTheirSettings()
{
    ApiTestServer server;
    osc::InputLimits limits;
    limits.maxMeterNameBytes = 4;
    limits.maxIdempotencyKeyBytes = 3;
    limits.maxMetadataKeys = 2;
    limits.maxMetadataKeyBytes = 2;
    limits.maxMetadataValueBytes = 3;
    limits.maxMetadataBytes = 16;
    server.engine().setInputLimits(limits);
    const QByteArray auth = QByteArray("Bearer ") + ApiTestServer::kAdminKey;
    const auto post = [&](const QString &path, const QByteArray &body) {
        return server.send("POST", path, body, {{"Authorization", auth}});
    };
    QCOMPARE(post("/v1/meters", meter(R"("abcde")")).errorMessage(),
        QString("invalid input: meter name cannot exceed 4 bytes"));
    QCOMPARE(post("/v1/meters", meter(R"("abcd")")).status, 201);
    const auto usage = [](const QByteArray &fields) {
        return R"({"meter":"abcd","subject":"s","quantity":1,)" + fields + "}";
    };
    QCOMPARE(post("/v1/usages", usage(R"("idempotency_key":"abcd")")).errorMessage(),
        QString("invalid input: idempotency key cannot exceed 3 bytes"));
    QCOMPARE(post("/v1/usages", usage(R"("metadata":{"a":1,"b":2,"c":3})")).errorMessage(),
        QString("invalid input: metadata cannot have more than 2 keys"));
    QCOMPARE(post("/v1/usages", usage(R"("metadata":{"abc":1})")).errorMessage(),
        QString("invalid input: metadata key cannot exceed 2 bytes"));
    QCOMPARE(post("/v1/usages", usage(R"("metadata":{"a":"abcd"})")).errorMessage(),
        QString("invalid input: metadata value cannot exceed 3 bytes"));
    QCOMPARE(post("/v1/usages", usage(R"("metadata":{"a":"abc","b":"abc"})")).errorMessage(),
        QString("invalid input: metadata cannot exceed 16 bytes"));
    QCOMPARE(post("/v1/usages", usage(R"("idempotency_key":"abc","metadata":{"a":"abc"})")).status, 201);
}

QTEST_GUILESS_MAIN(tst_HostileInputs)
#include "tst_hostileinputs.moc"
