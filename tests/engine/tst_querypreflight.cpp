// query::QueryPreflight: every check of the bucket (§6.2), breakdown (§6.7), dimension-value (§6.8)
// and event (§6.9) preflights, each table in the contract's order, with exact codes and messages.
// The meters come from a lookup function, so no store is involved.

#include "query/QueryPreflight.h"

#include <QJsonDocument>
#include <QTest>

using namespace osc;
using namespace osc::query;

namespace {

constexpr qint64 kNs = 1'000'000'000;
constexpr qint64 kDayNs = 86'400 * kNs;
constexpr qint64 kT0 = 1'780'876'800 * kNs; // 2026-06-08T00:00:00Z

Meter apiCalls()
{
    Meter meter;
    meter.name = QStringLiteral("api_calls");
    meter.unit = QStringLiteral("call");
    for (const char *name : {"region", "plan", "service.tier"})
        meter.dimensions.append(
            Dimension{QString::fromLatin1(name), {}, {}, DimensionType::String, true, false});
    return meter;
}

QueryPreflight preflight()
{
    return QueryPreflight([](const QString &, const QString &name) -> Result<std::optional<Meter>> {
        if (name == QLatin1String("api_calls"))
            return std::optional<Meter>(apiCalls());
        return std::optional<Meter>();
    });
}

// An API key that may read usage of another meter only: every meter-bound query is forbidden.
Principal otherMeterKey()
{
    Principal key;
    key.kind = Principal::Kind::ApiKey;
    key.workspaceId = QStringLiteral("ws");
    key.apiKeyId = QStringLiteral("key");
    key.scopes = {QStringLiteral("usage:read"), QStringLiteral("exports:read")};
    key.allowedMeters = {QStringLiteral("other")};
    return key;
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

const QString kInvalidInput = QStringLiteral("invalid_input");
const QString kBare = QStringLiteral("invalid input");
const QString kRange = QStringLiteral("invalid input: valid from and to range is required");

} // namespace

class TstQueryPreflight : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void requestChecks_data();
    void requestChecks();
    void bucketQuery_data();
    void bucketQuery();
    void checkedBucketQuery();
    void breakdownQuery_data();
    void breakdownQuery();
    void dimensionValuesQuery_data();
    void dimensionValuesQuery();
    void eventSearch_data();
    void eventSearch();
};

void TstQueryPreflight::requestChecks_data()
{
    QTest::addColumn<qint64>("exportLimit");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");
    QTest::newRow("default") << qint64(0) << QString() << QString();
    QTest::newRow("at the cap") << qint64(kMaxQueryLimit) << QString() << QString();
    QTest::newRow("negative") << qint64(-1) << QStringLiteral("invalid_limit")
                              << QStringLiteral("limit must be a positive integer");
    QTest::newRow("above the cap") << qint64(kMaxQueryLimit + 1) << QStringLiteral("invalid_limit")
                                   << QStringLiteral("limit must be less than or equal to 1000");
}

void TstQueryPreflight::requestChecks()
{
    QFETCH(qint64, exportLimit);
    QFETCH(QString, code);
    QFETCH(QString, message);
    const Status status = checkExportLimit(exportLimit);
    if (code.isEmpty()) {
        QVERIFY(status.ok());
        return;
    }
    QVERIFY(!status.ok());
    QCOMPARE(status.error().code, code);
    QCOMPARE(status.error().message, message);

    compareError(parseRequiredTime(std::nullopt, {}, true), QStringLiteral("invalid_from"),
        QStringLiteral("from must be RFC3339"));
    compareError(parseRequiredTime(QStringLiteral("x"), {}, false), QStringLiteral("invalid_to"),
        QStringLiteral("to must be RFC3339"));
    QCOMPARE(normalizeQueryField(QStringLiteral("  metadata.region ")), QStringLiteral("region"));
}

void TstQueryPreflight::bucketQuery_data()
{
    QTest::addColumn<bool>("forbidden");
    QTest::addColumn<QString>("meter");
    QTest::addColumn<QStringList>("groupBy");
    QTest::addColumn<QString>("subject");
    QTest::addColumn<qint64>("toNs");
    QTest::addColumn<QString>("bucketSize");
    QTest::addColumn<QString>("timeZone");
    QTest::addColumn<QString>("metadataKey");
    QTest::addColumn<bool>("fillEmpty");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");

    const QStringList six{QStringLiteral("region"), QStringLiteral("plan"), QStringLiteral("service.tier"),
        QStringLiteral("subject"), QStringLiteral("a"), QStringLiteral("b")};
    const QString meter = QStringLiteral("api_calls");
    const qint64 day = kT0 + kDayNs;
    // Each row breaks one rule and every later one, so it proves the earlier rule wins.
    QTest::newRow("valid") << false << meter << QStringList{QStringLiteral("region")} << QString() << day
                           << QString() << QString() << QString() << false << QString() << QString();
    QTest::newRow("authorization first")
        << true << QStringLiteral("nope") << six << QStringLiteral("-") << kT0 << QStringLiteral("week!")
        << QString() << QString() << true << QStringLiteral("forbidden")
        << QStringLiteral("forbidden\napi key cannot access meter \"nope\"");
    QTest::newRow("unknown meter before subject")
        << false << QStringLiteral("nope") << six << QStringLiteral("-") << kT0 << QString() << QString()
        << QString() << false << QStringLiteral("not_found") << QStringLiteral("not found");
    QTest::newRow("group_by count") << false << meter << six << QStringLiteral("-") << kT0 << QString()
                                    << QString() << QString() << false << kInvalidInput
                                    << QStringLiteral("invalid input: group_by supports up to 5 fields");
    QTest::newRow("group_by field") << false << meter << QStringList{QStringLiteral("metadata.region")}
                                    << QStringLiteral("-") << kT0 << QString() << QString() << QString()
                                    << false << kInvalidInput << kBare;
    QTest::newRow("subject") << false << meter << QStringList{QStringLiteral("subject")}
                             << QStringLiteral("-") << kT0 << QString() << QString() << QString() << false
                             << kInvalidInput
                             << QStringLiteral("invalid input: subject \"-\" must use letters, numbers, "
                                               "underscores, hyphens, dots, or colons");
    QTest::newRow("from < to") << false << meter << QStringList() << QString() << kT0
                               << QStringLiteral("week!") << QString() << QString() << false << kInvalidInput
                               << kRange;
    QTest::newRow("bucket size") << false << meter << QStringList() << QString() << day
                                 << QStringLiteral("week!") << QString() << QString() << false
                                 << kInvalidInput
                                 << QStringLiteral("invalid input: unsupported bucket size \"week!\"");
    QTest::newRow("time zone") << false << meter << QStringList() << QString() << day
                               << QStringLiteral("hour") << QStringLiteral("Mars/Olympus") << QString()
                               << false << kInvalidInput
                               << QStringLiteral("invalid input: unknown time zone \"Mars/Olympus\"");
    QTest::newRow("range width") << false << meter << QStringList() << QString() << kT0 + 32 * kDayNs
                                 << QStringLiteral("hour") << QString() << QStringLiteral("bad key!") << false
                                 << kInvalidInput
                                 << QStringLiteral("invalid input: hour bucket range cannot exceed 31 days");
    QTest::newRow("metadata filter") << false << meter << QStringList{QStringLiteral("region")} << QString()
                                     << day << QString() << QString() << QStringLiteral("bad key!") << true
                                     << kInvalidInput
                                     << QStringLiteral(
                                            "invalid input: unsupported metadata key \"bad key!\"");
    QTest::newRow("fill_empty with group_by")
        << false << meter << QStringList{QStringLiteral("region")} << QString() << day << QString()
        << QString() << QString() << true << kInvalidInput
        << QStringLiteral("invalid input: fill_empty cannot be combined with group_by");
}

void TstQueryPreflight::bucketQuery()
{
    QFETCH(bool, forbidden);
    QFETCH(QString, meter);
    QFETCH(QStringList, groupBy);
    QFETCH(QString, subject);
    QFETCH(qint64, toNs);
    QFETCH(QString, bucketSize);
    QFETCH(QString, timeZone);
    QFETCH(QString, metadataKey);
    QFETCH(bool, fillEmpty);
    QFETCH(QString, code);
    QFETCH(QString, message);

    BucketQuery query;
    query.meter = meter;
    query.groupBy = groupBy;
    query.subject = subject;
    query.fromNs = kT0;
    query.toNs = toNs;
    query.bucketSize = bucketSize;
    query.timeZone = timeZone;
    if (!metadataKey.isEmpty())
        query.queryItems = {{QStringLiteral("metadata.") + metadataKey, QStringLiteral("x")}};
    query.fillEmpty = fillEmpty;
    const Principal principal = forbidden ? otherMeterKey() : Principal::owner(QStringLiteral("ws"));
    compareError(preflight().bucketQuery(principal, query, Operation::ListUsageBuckets), code, message);
}

void TstQueryPreflight::checkedBucketQuery()
{
    BucketQuery query;
    query.meter = QStringLiteral("api_calls");
    query.fromNs = kT0;
    query.toNs = kT0 + kDayNs;
    query.bucketSize = QStringLiteral("hour");
    query.queryItems = {{QStringLiteral("metadata.region"), QStringLiteral("eu")},
        {QStringLiteral("limit"), QStringLiteral("5")}};
    auto checked
        = preflight().bucketQuery(Principal::owner(QStringLiteral("ws")), query, Operation::ListUsageBuckets);
    QVERIFY(checked.ok());
    QCOMPARE(checked->meter.name, QStringLiteral("api_calls"));
    QCOMPARE(checked->size, BucketSize::Hour);
    QCOMPARE(checked->calendar.size(), BucketSize::Hour);
    QCOMPARE(checked->metadataFilters.size(), 1);
}

void TstQueryPreflight::breakdownQuery_data()
{
    QTest::addColumn<bool>("forbidden");
    QTest::addColumn<QString>("meter");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("subject");
    QTest::addColumn<qint64>("toNs");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("normalized");
    const QString meter = QStringLiteral("api_calls");
    const qint64 day = kT0 + kDayNs;
    QTest::newRow("subject field") << false << meter << QStringLiteral("subject") << QString() << day
                                   << QString() << QString() << QStringLiteral("subject");
    QTest::newRow("metadata prefix") << false << meter << QStringLiteral(" metadata.service.tier ")
                                     << QString() << day << QString() << QString()
                                     << QStringLiteral("service.tier");
    QTest::newRow("authorization first")
        << true << QStringLiteral("nope") << QString() << QStringLiteral("-") << kT0
        << QStringLiteral("forbidden") << QStringLiteral("forbidden\napi key cannot access meter \"nope\"")
        << QString();
    QTest::newRow("unknown meter") << false << QStringLiteral("nope") << QString() << QStringLiteral("-")
                                   << kT0 << QStringLiteral("not_found") << QStringLiteral("not found")
                                   << QString();
    QTest::newRow("empty field") << false << meter << QStringLiteral("  ") << QStringLiteral("-") << kT0
                                 << kInvalidInput << kBare << QString();
    QTest::newRow("unknown field") << false << meter << QStringLiteral("metadata.plan_x")
                                   << QStringLiteral("-") << kT0 << kInvalidInput << kBare << QString();
    QTest::newRow("subject") << false << meter << QStringLiteral("region") << QStringLiteral("a b") << kT0
                             << kInvalidInput
                             << QStringLiteral("invalid input: subject \"a b\" must use letters, numbers, "
                                               "underscores, hyphens, dots, or colons")
                             << QString();
    QTest::newRow("from < to") << false << meter << QStringLiteral("region") << QString() << kT0
                               << kInvalidInput << kRange << QString();
}

void TstQueryPreflight::breakdownQuery()
{
    QFETCH(bool, forbidden);
    QFETCH(QString, meter);
    QFETCH(QString, field);
    QFETCH(QString, subject);
    QFETCH(qint64, toNs);
    QFETCH(QString, code);
    QFETCH(QString, message);
    QFETCH(QString, normalized);
    BreakdownQuery query;
    query.meter = meter;
    query.field = field;
    query.subject = subject;
    query.fromNs = kT0;
    query.toNs = toNs;
    const Principal principal = forbidden ? otherMeterKey() : Principal::owner(QStringLiteral("ws"));
    const auto checked = preflight().breakdownQuery(principal, query);
    compareError(checked, code, message);
    if (checked.ok())
        QCOMPARE(checked->field, normalized);
}

void TstQueryPreflight::dimensionValuesQuery_data()
{
    QTest::addColumn<bool>("forbidden");
    QTest::addColumn<QString>("meter");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("subject");
    QTest::addColumn<bool>("bounded");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");
    const QString meter = QStringLiteral("api_calls");
    QTest::newRow("valid, unbounded") << false << meter << QStringLiteral("metadata.region") << QString()
                                      << false << QString() << QString();
    QTest::newRow("authorization first")
        << true << QStringLiteral("nope") << QString() << QStringLiteral("-") << true
        << QStringLiteral("forbidden") << QStringLiteral("forbidden\napi key cannot access meter \"nope\"");
    QTest::newRow("unknown meter") << false << QStringLiteral("nope") << QString() << QStringLiteral("-")
                                   << true << QStringLiteral("not_found") << QStringLiteral("not found");
    QTest::newRow("subject is not a dimension") << false << meter << QStringLiteral("subject")
                                                << QStringLiteral("-") << true << kInvalidInput << kBare;
    QTest::newRow("empty field") << false << meter << QString() << QStringLiteral("-") << true
                                 << kInvalidInput << kBare;
    QTest::newRow("subject") << false << meter << QStringLiteral("plan") << QStringLiteral("-") << true
                             << kInvalidInput
                             << QStringLiteral("invalid input: subject \"-\" must use letters, numbers, "
                                               "underscores, hyphens, dots, or colons");
    QTest::newRow("from < to") << false << meter << QStringLiteral("plan") << QString() << true
                               << kInvalidInput << kRange;
}

void TstQueryPreflight::dimensionValuesQuery()
{
    QFETCH(bool, forbidden);
    QFETCH(QString, meter);
    QFETCH(QString, field);
    QFETCH(QString, subject);
    QFETCH(bool, bounded);
    QFETCH(QString, code);
    QFETCH(QString, message);
    DimensionValuesQuery query;
    query.meter = meter;
    query.field = field;
    query.subject = subject;
    if (bounded) {
        query.fromNs = kT0;
        query.toNs = kT0; // empty range
    }
    const Principal principal = forbidden ? otherMeterKey() : Principal::owner(QStringLiteral("ws"));
    compareError(preflight().dimensionValuesQuery(principal, query), code, message);
}

void TstQueryPreflight::eventSearch_data()
{
    QTest::addColumn<bool>("forbidden");
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<QByteArray>("filter");
    QTest::addColumn<QString>("subject");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");
    const QString early = QStringLiteral("2026-06-08T00:00:00Z");
    const QString late = QStringLiteral("2026-06-09T00:00:00Z");
    const QByteArray badFilter = R"({"type":"condition","field":"nope","op":"eq","value":1})";
    QTest::newRow("unbounded") << false << QString() << QString() << QByteArray() << QString() << QString()
                               << QString();
    // The request part comes before authorization (upstream decodes first).
    QTest::newRow("from") << true << QStringLiteral("yesterday") << QStringLiteral("x") << badFilter
                          << QStringLiteral("-") << QStringLiteral("invalid_from")
                          << QStringLiteral("from must be RFC3339");
    QTest::newRow("to") << true << late << QStringLiteral("x") << badFilter << QStringLiteral("-")
                        << QStringLiteral("invalid_to") << QStringLiteral("to must be RFC3339");
    QTest::newRow("filter") << true << late << early << badFilter << QStringLiteral("-") << kInvalidInput
                            << QStringLiteral("invalid input: unsupported filter field \"nope\"");
    QTest::newRow("authorization") << true << late << early << QByteArray() << QStringLiteral("-")
                                   << QStringLiteral("forbidden")
                                   << QStringLiteral("forbidden\napi key cannot access meter \"api_calls\"");
    QTest::newRow("subject") << false << late << early << QByteArray() << QStringLiteral("-") << kInvalidInput
                             << QStringLiteral("invalid input: subject \"-\" must use letters, numbers, "
                                               "underscores, hyphens, dots, or colons");
    QTest::newRow("from < to") << false << late << early << QByteArray() << QString() << kInvalidInput
                               << kRange;
}

void TstQueryPreflight::eventSearch()
{
    QFETCH(bool, forbidden);
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(QByteArray, filter);
    QFETCH(QString, subject);
    QFETCH(QString, code);
    QFETCH(QString, message);
    EventSearch search;
    search.meter = QStringLiteral(" api_calls ");
    search.from = from;
    search.to = to;
    search.subject = subject;
    if (!filter.isEmpty())
        search.filter = QJsonDocument::fromJson(filter).object();
    const Principal principal = forbidden ? otherMeterKey() : Principal::owner(QStringLiteral("ws"));
    const auto checked = QueryPreflight::eventSearch(principal, search, Operation::ListUsageEvents);
    compareError(checked, code, message);
    if (checked.ok())
        QCOMPARE(checked->meter, QStringLiteral("api_calls"));
}

QTEST_APPLESS_MAIN(TstQueryPreflight)
#include "tst_querypreflight.moc"
