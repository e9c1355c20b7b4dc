// wire/QueryRequests: the one parser per query type, in the request-level order of contract §6.2
// (GET: limit, from, to; bodies: JSON types, limit, from, to, filter), and the export-job form.

#include "query/QueryPreflight.h"
#include "wire/ExportJson.h"
#include "wire/QueryRequests.h"

#include <QJsonDocument>
#include <QTest>

using namespace osc;
using wire::LimitRule;

namespace {

const QString kFrom = QStringLiteral("2026-06-08T00:00:00Z");
const QString kTo = QStringLiteral("2026-06-09T00:00:00Z");
const QByteArray kBadField = R"({"type":"condition","field":"nope","op":"eq","value":1})";

QJsonObject object(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

template <typename T> void compareError(const Result<T> &result, const QString &code, const QString &message)
{
    if (code.isEmpty()) {
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
        return;
    }
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, code);
    QCOMPARE(result.error().message, message);
}

void addErrorColumns()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");
}

const Error kPositive = query::invalidLimitError();
const Error kTooLarge = query::limitTooLargeError();
const Error kInvalidFrom = query::invalidFromError();
const Error kInvalidTo = query::invalidToError();
const Error kInvalidJson = Error::invalidJson();
const QString kFilterMessage = QStringLiteral("invalid input: unsupported filter field \"nope\"");

} // namespace

class TstQueryRequests : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void bucketQueryFromUrl_data();
    void bucketQueryFromUrl();
    void bucketQueryFromJson_data();
    void bucketQueryFromJson();
    void normalizedFields();
    void breakdownAndDimensions();
    void eventSearches();
};

void TstQueryRequests::bucketQueryFromUrl_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<bool>("isExport");
    addErrorColumns();
    const QString range = QStringLiteral("from=%1&to=%2").arg(kFrom, kTo);
    QTest::newRow("limit first") << "limit=abc&from=x" << false << kPositive.code << kPositive.message;
    QTest::newRow("limit zero") << "limit=0&" + range << false << kPositive.code << kPositive.message;
    QTest::newRow("export cap before from") << "limit=1001&from=x" << true << kTooLarge.code
                                            << QStringLiteral("limit must be less than or equal to 1000");
    QTest::newRow("list limit above the cap is clamped later")
        << "limit=1001&" + range << false << QString() << QString();
    QTest::newRow("from") << "from=x&to=y" << false << kInvalidFrom.code << kInvalidFrom.message;
    QTest::newRow("missing from") << "to=y" << false << kInvalidFrom.code << kInvalidFrom.message;
    QTest::newRow("to") << "from=" + kFrom + "&to=" << false << kInvalidTo.code << kInvalidTo.message;
    QTest::newRow("fill_empty") << range + "&fill_empty=maybe" << false
                                << QStringLiteral("invalid_fill_empty")
                                << QStringLiteral("fill_empty must be true or false");
    // Everything else is the preflight's: an unknown bucket size parses here.
    QTest::newRow("rest unvalidated")
        << range + "&bucket_size=week!&subject=-" << true << QString() << QString();
}

void TstQueryRequests::bucketQueryFromUrl()
{
    QFETCH(QString, query);
    QFETCH(bool, isExport);
    QFETCH(QString, code);
    QFETCH(QString, message);
    compareError(
        wire::bucketQueryFromUrl(QUrlQuery(query), isExport ? LimitRule::RefuseAboveMax : LimitRule::Clamp),
        code, message);
}

void TstQueryRequests::bucketQueryFromJson_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("isExport");
    addErrorColumns();
    const QByteArray range = R"("from":")" + kFrom.toUtf8() + R"(","to":")" + kTo.toUtf8() + '"';
    QTest::newRow("group_by must be an array") << QByteArray(R"({"group_by":"region","from":"x"})") << false
                                               << kInvalidJson.code << kInvalidJson.message;
    QTest::newRow("mistyped filter is a decode error")
        << QByteArray(R"({"from":"x","filter":5})") << false << kInvalidJson.code << kInvalidJson.message;
    QTest::newRow("negative export limit")
        << QByteArray(R"({"limit":-1,"from":"x"})") << true << kPositive.code << kPositive.message;
    QTest::newRow("export cap") << QByteArray(R"({"limit":1001,"from":"x"})") << true << kTooLarge.code
                                << kTooLarge.message;
    QTest::newRow("negative list limit is the default")
        << "{" + range + R"(,"limit":-1})" << false << QString() << QString();
    QTest::newRow("from") << QByteArray(R"({"from":"x","filter":)" + kBadField + "}") << false
                          << kInvalidFrom.code << kInvalidFrom.message;
    QTest::newRow("to") << QByteArray(R"({"from":")" + kFrom.toUtf8() + R"("})") << false << kInvalidTo.code
                        << kInvalidTo.message;
    QTest::newRow("filter validation after to") << "{" + range + R"(,"filter":)" + kBadField + "}" << true
                                                << QStringLiteral("invalid_input") << kFilterMessage;
}

void TstQueryRequests::bucketQueryFromJson()
{
    QFETCH(QByteArray, body);
    QFETCH(bool, isExport);
    QFETCH(QString, code);
    QFETCH(QString, message);
    compareError(
        wire::bucketQueryFromJson(object(body), isExport ? LimitRule::RefuseAboveMax : LimitRule::Clamp),
        code, message);
    // An export job's query is the same parser without the direct-export limit rule.
    if (!isExport) {
        const QByteArray job = R"({"query":)" + body + "}";
        compareError(wire::exportJobDraftFromJson(object(job)), code, message);
    }
}

// GET and POST give the same query: group_by split, trimmed and de-duplicated (§6.4), names trimmed.
void TstQueryRequests::normalizedFields()
{
    const QString url = QStringLiteral("meter=%20api%20&from=%1&to=%2&group_by=region,%20plan&group_by=region"
                                       "&metadata.tier=gold&bucket_size=hour")
                            .arg(kFrom, kTo);
    auto fromUrl = wire::bucketQueryFromUrl(QUrlQuery(url), LimitRule::Clamp);
    QVERIFY(fromUrl.ok());
    auto fromJson = wire::bucketQueryFromJson(
        object(R"({"meter":" api ","from":")" + kFrom.toUtf8() + R"(","to":")" + kTo.toUtf8()
            + R"(","group_by":["region, plan","region"],"bucket_size":"hour"})"),
        LimitRule::Clamp);
    QVERIFY(fromJson.ok());
    for (const query::BucketQuery *q : {&fromUrl.value(), &fromJson.value()}) {
        QCOMPARE(q->meter, QStringLiteral("api"));
        QCOMPARE(q->groupBy, (QStringList{QStringLiteral("region"), QStringLiteral("plan")}));
        QCOMPARE(q->bucketSize, QStringLiteral("hour"));
        QCOMPARE(q->fromNs, fromUrl->fromNs);
        QCOMPARE(q->toNs, fromUrl->toNs);
    }
    QVERIFY(fromUrl->queryItems.contains(qMakePair(QStringLiteral("metadata.tier"), QStringLiteral("gold"))));
}

void TstQueryRequests::breakdownAndDimensions()
{
    compareError(
        wire::breakdownQueryFromJson(object(R"({"field":5})")), kInvalidJson.code, kInvalidJson.message);
    compareError(wire::breakdownQueryFromJson(object(R"({"from":"x","filter":)" + kBadField + "}")),
        kInvalidFrom.code, kInvalidFrom.message);
    compareError(wire::breakdownQueryFromJson(object(R"({"from":")" + kFrom.toUtf8() + R"(","to":")"
                     + kTo.toUtf8() + R"(","filter":)" + kBadField + "}")),
        QStringLiteral("invalid_input"), kFilterMessage);

    compareError(wire::dimensionValuesQueryFromUrl(QUrlQuery(QStringLiteral("limit=-2&from=x"))),
        kPositive.code, kPositive.message);
    compareError(wire::dimensionValuesQueryFromUrl(QUrlQuery(QStringLiteral("from=x"))), kInvalidFrom.code,
        kInvalidFrom.message);
    compareError(wire::dimensionValuesQueryFromUrl(QUrlQuery(QStringLiteral("to=x"))), kInvalidTo.code,
        kInvalidTo.message);
    auto unbounded = wire::dimensionValuesQueryFromUrl(QUrlQuery(QStringLiteral("from=&field=region")));
    QVERIFY(unbounded.ok());
    QVERIFY(!unbounded->fromNs && !unbounded->toNs);
}

void TstQueryRequests::eventSearches()
{
    compareError(wire::eventSearchFromUrl(QUrlQuery(QStringLiteral("limit=x&from=y"))), kPositive.code,
        kPositive.message);
    // Times and filter stay text for the engine (QueryPreflight::eventSearch) on the event endpoints…
    auto search = wire::eventSearchFromJson(object(R"({"from":"x","filter":5,"cursor":"c"})"));
    QVERIFY(search.ok());
    QCOMPARE(search->cursor, QStringLiteral("c"));
    compareError(
        query::QueryPreflight::eventSearchRequest(search.value()), kInvalidFrom.code, kInvalidFrom.message);
    compareError(
        wire::eventSearchFromJson(object(R"({"cursor":5})")), kInvalidJson.code, kInvalidJson.message);
    // …while an event export job is checked at creation, the filter's types first as in bucket bodies,
    // and has no cursor.
    compareError(
        wire::exportJobDraftFromJson(object(R"({"kind":"usage_events","query":{"from":"x","filter":5}})")),
        kInvalidJson.code, kInvalidJson.message);
    compareError(wire::exportJobDraftFromJson(object(R"({"kind":"usage_events","query":{"from":"x"}})")),
        kInvalidFrom.code, kInvalidFrom.message);
    auto job = wire::exportJobDraftFromJson(
        object(R"({"kind":"usage_events","query":{"meter":" m ","cursor":5}})"));
    QVERIFY(job.ok());
    QCOMPARE(job->meter, QStringLiteral("m"));
}

QTEST_APPLESS_MAIN(TstQueryRequests)
#include "tst_queryrequests.moc"
