// Contract §4.2 (create rules, messages and validation order), §4.4 (partial update), §4.6 (dimensions)
// and §4.7 / §13.5 item 34 (dimension evolution once usage exists).

#include "meters/MeterValidator.h"

#include <QTest>

using namespace osc;

Q_DECLARE_METATYPE(osc::MeterDraft)
Q_DECLARE_METATYPE(osc::Dimension)

namespace {

DimensionDraft dimDraft(const QString &name, const QString &type = QStringLiteral("string"),
    std::optional<bool> required = std::nullopt, std::optional<bool> deprecated = std::nullopt)
{
    DimensionDraft d;
    d.name = name;
    d.type = type;
    d.required = required;
    d.deprecated = deprecated;
    return d;
}

MeterDraft draft(const QList<DimensionDraft> &dimensions = {})
{
    MeterDraft d;
    d.name = QStringLiteral("api_calls");
    d.unit = QStringLiteral("call");
    d.dimensions = dimensions;
    return d;
}

MeterDraft withName(MeterDraft d, const QString &name)
{
    d.name = name;
    return d;
}

MeterDraft withUnit(MeterDraft d, const QString &unit)
{
    d.unit = unit;
    return d;
}

MeterDraft withAggregation(MeterDraft d, const QString &aggregation)
{
    d.aggregation = aggregation;
    return d;
}

MeterDraft withRetention(MeterDraft d, qint64 days)
{
    d.eventRetentionDays = days;
    return d;
}

Dimension dim(const QString &name, DimensionType type = DimensionType::String, bool required = true,
    bool deprecated = false)
{
    Dimension d;
    d.name = name;
    d.displayName = MeterValidator::humanize(name);
    d.type = type;
    d.required = required;
    d.deprecated = deprecated;
    return d;
}

Dimension relabelled(Dimension d, const QString &displayName, const QString &description)
{
    d.displayName = displayName;
    d.description = description;
    return d;
}

DimensionDraft toDraft(const Dimension &d)
{
    DimensionDraft draft;
    draft.name = d.name;
    draft.displayName = d.displayName;
    draft.description = d.description;
    draft.type = dimensionTypeName(d.type);
    draft.required = d.required;
    draft.deprecated = d.deprecated;
    return draft;
}

Meter storedMeter(const QList<Dimension> &dimensions = {})
{
    Meter m;
    m.id = QStringLiteral("3f1c2a4e-0000-4000-8000-000000000001");
    m.name = QStringLiteral("api_calls");
    m.description = QStringLiteral("API calls");
    m.unit = QStringLiteral("call");
    m.aggregation = Aggregation::Max;
    m.dimensions = dimensions;
    m.eventRetentionDays = 30;
    m.createdAtNs = 1'780'912'800'000'000'000;
    return m;
}

const QString kNameChars = QStringLiteral("must use letters, numbers, underscores, hyphens, or dots");

} // namespace

class TstMeterValidator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void create_data();
    void create();
    void createDefaultsAndTrimming();
    void aggregationNames_data();
    void aggregationNames();
    void dimensionDefaults();
    void dimensionsKeepRequestOrder();
    void dimensionName_data();
    void dimensionName();
    void humanize_data();
    void humanize();

    void evolution_data();
    void evolution();
    void updateIsPartial();
    void updateFields_data();
    void updateFields();
    void updateChecksEvolutionOnlyWithUsageAndDimensions();
    void updateValidationBeforeEvolution();
};

void TstMeterValidator::create_data()
{
    QTest::addColumn<MeterDraft>("input");
    QTest::addColumn<QString>("expectedError"); // empty = accepted

    QTest::newRow("minimal ok") << draft() << QString();
    QTest::newRow("name required") << withName(draft(), QString()) << "invalid input: meter name is required";
    QTest::newRow("blank name required")
        << withName(draft(), QStringLiteral("  \t")) << "invalid input: meter name is required";
    QTest::newRow("name has no character restriction")
        << withName(draft(), QStringLiteral("api calls/v2 ☃")) << QString();
    QTest::newRow("unit required") << withUnit(draft(), QString()) << "invalid input: meter unit is required";
    QTest::newRow("blank unit required")
        << withUnit(draft(), QStringLiteral("   ")) << "invalid input: meter unit is required";
    QTest::newRow("unsupported aggregation bogus") << withAggregation(draft(), QStringLiteral("bogus"))
                                                   << "invalid input: unsupported aggregation \"bogus\"";
    QTest::newRow("aggregation is case-sensitive") << withAggregation(draft(), QStringLiteral("SUM"))
                                                   << "invalid input: unsupported aggregation \"SUM\"";
    QTest::newRow("aggregation Count rejected") << withAggregation(draft(), QStringLiteral("Count"))
                                                << "invalid input: unsupported aggregation \"Count\"";
    QTest::newRow("aggregation empty means sum") << withAggregation(draft(), QString()) << QString();

    QTest::newRow("dimension name required")
        << draft({dimDraft(QString())}) << "invalid input: dimension name is required";
    QTest::newRow("dimension blank name required")
        << draft({dimDraft(QStringLiteral("  "))}) << "invalid input: dimension name is required";
    QTest::newRow("dimension name with space")
        << draft({dimDraft(QStringLiteral("region name"))})
        << "invalid input: dimension name \"region name\" " + kNameChars;
    QTest::newRow("dimension name with slash")
        << draft({dimDraft(QStringLiteral("region/name"))})
        << "invalid input: dimension name \"region/name\" " + kNameChars;
    QTest::newRow("dimension name leading dot") << draft({dimDraft(QStringLiteral(".region"))})
                                                << "invalid input: dimension name \".region\" " + kNameChars;
    QTest::newRow("dimension name trailing dot") << draft({dimDraft(QStringLiteral("region."))})
                                                 << "invalid input: dimension name \"region.\" " + kNameChars;
    QTest::newRow("dimension name double dot")
        << draft({dimDraft(QStringLiteral("region..name"))})
        << "invalid input: dimension name \"region..name\" " + kNameChars;
    QTest::newRow("dimension name is trimmed before the check")
        << draft({dimDraft(QStringLiteral("  region  "))}) << QString();
    QTest::newRow("reserved subject") << draft({dimDraft(QStringLiteral("subject"))})
                                      << "invalid input: dimension name \"subject\" is reserved";
    QTest::newRow("unsupported dimension type")
        << draft({dimDraft(QStringLiteral("region"), QStringLiteral("bogus"))})
        << "invalid input: unsupported dimension type \"bogus\"";
    QTest::newRow("dimension type is case-sensitive")
        << draft({dimDraft(QStringLiteral("region"), QStringLiteral("String"))})
        << "invalid input: unsupported dimension type \"String\"";
    QTest::newRow("dimension type missing") << draft({dimDraft(QStringLiteral("region"), QString())})
                                            << "invalid input: unsupported dimension type \"\"";
    QTest::newRow("dimension types string number boolean")
        << draft({dimDraft(QStringLiteral("a")), dimDraft(QStringLiteral("b"), QStringLiteral("number")),
               dimDraft(QStringLiteral("c"), QStringLiteral("boolean"))})
        << QString();
    QTest::newRow("duplicate dimension") << draft(
        {dimDraft(QStringLiteral("region")), dimDraft(QStringLiteral("region"), QStringLiteral("number"))})
                                         << "invalid input: dimension \"region\" is already defined";
    QTest::newRow("duplicate after trimming")
        << draft({dimDraft(QStringLiteral("region")), dimDraft(QStringLiteral(" region "))})
        << "invalid input: dimension \"region\" is already defined";
    QTest::newRow("dimension names are case-sensitive (no duplicate)")
        << draft({dimDraft(QStringLiteral("region")), dimDraft(QStringLiteral("Region"))}) << QString();

    QTest::newRow("retention -1") << withRetention(draft(), -1)
                                  << "invalid input: event retention days must be greater than zero";
    QTest::newRow("retention 0 ok (default)") << withRetention(draft(), 0) << QString();
    QTest::newRow("retention 1 ok") << withRetention(draft(), 1) << QString();
    QTest::newRow("retention 3650 ok") << withRetention(draft(), 3650) << QString();
    QTest::newRow("retention 3651 refused")
        << withRetention(draft(), 3651) << "invalid input: event retention days cannot exceed 3650";

    // Validation order (§4.2): dimensions (each in order), name, unit, aggregation, duplicates, retention.
    QTest::newRow("order: bad dimension before missing name")
        << withName(draft({dimDraft(QStringLiteral("region name"))}), QString())
        << "invalid input: dimension name \"region name\" " + kNameChars;
    QTest::newRow("order: reserved dimension before everything") << withRetention(
        withAggregation(
            withUnit(withName(draft({dimDraft(QStringLiteral("subject"))}), QString()), QString()),
            QStringLiteral("bogus")),
        -1) << "invalid input: dimension name \"subject\" is reserved";
    QTest::newRow("order: first bad dimension wins") << draft({dimDraft(QStringLiteral("ok")),
        dimDraft(QStringLiteral("region"), QStringLiteral("bogus")), dimDraft(QStringLiteral("bad name"))})
                                                     << "invalid input: unsupported dimension type \"bogus\"";
    QTest::newRow("order: dimension name checked before its type")
        << draft({dimDraft(QStringLiteral("bad name"), QStringLiteral("bogus"))})
        << "invalid input: dimension name \"bad name\" " + kNameChars;
    QTest::newRow("order: every dimension before duplicates")
        << draft({dimDraft(QStringLiteral("region")), dimDraft(QStringLiteral("region")),
               dimDraft(QStringLiteral("bad name"))})
        << "invalid input: dimension name \"bad name\" " + kNameChars;
    QTest::newRow("order: name before unit")
        << withUnit(withName(draft(), QString()), QString()) << "invalid input: meter name is required";
    QTest::newRow("order: unit before aggregation") << withAggregation(withUnit(draft(), QString()),
        QStringLiteral("bogus")) << "invalid input: meter unit is required";
    QTest::newRow("order: aggregation before duplicate dimension") << withAggregation(
        draft({dimDraft(QStringLiteral("region")), dimDraft(QStringLiteral("region"))}),
        QStringLiteral("bogus")) << "invalid input: unsupported aggregation \"bogus\"";
    QTest::newRow("order: duplicate dimension before retention")
        << withRetention(draft({dimDraft(QStringLiteral("region")), dimDraft(QStringLiteral("region"))}), -1)
        << "invalid input: dimension \"region\" is already defined";
    QTest::newRow("order: aggregation before retention")
        << withRetention(withAggregation(draft(), QStringLiteral("bogus")), 5000)
        << "invalid input: unsupported aggregation \"bogus\"";
}

void TstMeterValidator::create()
{
    QFETCH(MeterDraft, input);
    QFETCH(QString, expectedError);

    const Result<Meter> result = MeterValidator::validateCreate(input);
    if (expectedError.isEmpty()) {
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
        return;
    }
    QVERIFY(!result.ok());
    QCOMPARE(result.error().message, expectedError);
    QCOMPARE(result.error().code, QStringLiteral("invalid_input"));
    QCOMPARE(result.error().httpStatus(), 400);
}

void TstMeterValidator::createDefaultsAndTrimming()
{
    MeterDraft input;
    input.name = QStringLiteral("  api_calls \n");
    input.description = QStringLiteral("  API calls  ");
    input.unit = QStringLiteral(" call ");
    const auto meter = MeterValidator::validateCreate(input);
    QVERIFY(meter.ok());
    QCOMPARE(meter->name, QStringLiteral("api_calls"));
    QCOMPARE(meter->description, QStringLiteral("API calls"));
    QCOMPARE(meter->unit, QStringLiteral("call"));
    QCOMPARE(meter->aggregation, Aggregation::Sum);
    QCOMPARE(meter->eventRetentionDays, 90);
    QCOMPARE(meter->eventRetentionDays, kDefaultEventRetentionDays);
    QVERIFY(meter->dimensions.isEmpty());

    input.eventRetentionDays = 3650;
    QCOMPARE(MeterValidator::validateCreate(input)->eventRetentionDays, 3650);
    input.eventRetentionDays = 30;
    QCOMPARE(MeterValidator::validateCreate(input)->eventRetentionDays, 30);
}

void TstMeterValidator::aggregationNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("aggregation");
    QTest::newRow("sum") << "sum" << int(Aggregation::Sum);
    QTest::newRow("count") << "count" << int(Aggregation::Count);
    QTest::newRow("avg") << "avg" << int(Aggregation::Avg);
    QTest::newRow("min") << "min" << int(Aggregation::Min);
    QTest::newRow("max") << "max" << int(Aggregation::Max);
    QTest::newRow("first") << "first" << int(Aggregation::First);
    QTest::newRow("last") << "last" << int(Aggregation::Last);
    QTest::newRow("rate") << "rate" << int(Aggregation::Rate);
}

void TstMeterValidator::aggregationNames()
{
    QFETCH(QString, name);
    QFETCH(int, aggregation);
    const auto meter = MeterValidator::validateCreate(withAggregation(draft(), name));
    QVERIFY(meter.ok());
    QCOMPARE(int(meter->aggregation), aggregation);
    QCOMPARE(aggregationName(meter->aggregation), name);
}

void TstMeterValidator::dimensionDefaults()
{
    DimensionDraft plain = dimDraft(QStringLiteral("service.tier"));
    DimensionDraft explicitFalse
        = dimDraft(QStringLiteral("status_code"), QStringLiteral("number"), false, true);
    DimensionDraft labelled = dimDraft(QStringLiteral("region"), QStringLiteral("boolean"));
    labelled.displayName = QStringLiteral("  Deployment Region ");
    labelled.description = QStringLiteral("  where it ran ");
    DimensionDraft blankLabel = dimDraft(QStringLiteral("region-name"));
    blankLabel.displayName = QStringLiteral("   ");

    const auto meter = MeterValidator::validateCreate(draft({plain, explicitFalse, labelled, blankLabel}));
    QVERIFY(meter.ok());
    QCOMPARE(meter->dimensions.size(), 4);

    const Dimension &a = meter->dimensions.at(0);
    QCOMPARE(a.name, QStringLiteral("service.tier"));
    QCOMPARE(a.displayName, QStringLiteral("Service Tier"));
    QCOMPARE(a.description, QString());
    QCOMPARE(a.type, DimensionType::String);
    QCOMPARE(a.required, true); // MUST: omitted required means required
    QCOMPARE(a.deprecated, false);
    QVERIFY(a.enforced());

    const Dimension &b = meter->dimensions.at(1);
    QCOMPARE(b.displayName, QStringLiteral("Status Code"));
    QCOMPARE(b.type, DimensionType::Number);
    QCOMPARE(b.required, false);
    QCOMPARE(b.deprecated, true);
    QVERIFY(!b.enforced());

    const Dimension &c = meter->dimensions.at(2);
    QCOMPARE(c.displayName, QStringLiteral("Deployment Region"));
    QCOMPARE(c.description, QStringLiteral("where it ran"));
    QCOMPARE(c.type, DimensionType::Boolean);

    const Dimension &d = meter->dimensions.at(3);
    QCOMPARE(d.displayName, QStringLiteral("Region Name"));

    // required + deprecated: stored as given, but never enforced.
    const auto deprecatedRequired = MeterValidator::validateCreate(
        draft({dimDraft(QStringLiteral("plan"), QStringLiteral("string"), true, true)}));
    QVERIFY(deprecatedRequired.ok());
    QCOMPARE(deprecatedRequired->dimensions.first().required, true);
    QCOMPARE(deprecatedRequired->dimensions.first().deprecated, true);
    QVERIFY(!deprecatedRequired->dimensions.first().enforced());
}

void TstMeterValidator::dimensionsKeepRequestOrder()
{
    const QStringList names
        = {QStringLiteral("zeta"), QStringLiteral("alpha"), QStringLiteral("mid.dle"), QStringLiteral("b")};
    QList<DimensionDraft> drafts;
    for (const QString &name : names)
        drafts.append(dimDraft(name));
    const auto meter = MeterValidator::validateCreate(draft(drafts));
    QVERIFY(meter.ok());
    QStringList got;
    for (const Dimension &d : meter->dimensions)
        got.append(d.name);
    QCOMPARE(got, names);
}

void TstMeterValidator::dimensionName_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("valid");

    // §4.6 lists
    QTest::newRow("region") << "region" << true;
    QTest::newRow("region-name") << "region-name" << true;
    QTest::newRow("service.tier") << "service.tier" << true;
    QTest::newRow("status_code") << "status_code" << true;
    QTest::newRow("region name") << "region name" << false;
    QTest::newRow("region/name") << "region/name" << false;
    QTest::newRow(".region") << ".region" << false;
    QTest::newRow("region.") << "region." << false;
    QTest::newRow("region..name") << "region..name" << false;
    // More of the same regex ^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$
    QTest::newRow("upper case") << "Region" << true;
    QTest::newRow("digits") << "123" << true;
    QTest::newRow("three segments") << "a.b.c" << true;
    QTest::newRow("hyphen and underscore segments") << "-_.-_" << true;
    QTest::newRow("empty") << "" << false;
    QTest::newRow("dot only") << "." << false;
    QTest::newRow("non-ascii letter") << "régión" << false;
    QTest::newRow("colon") << "a:b" << false;
    QTest::newRow("trailing newline") << "region\n" << false;
}

void TstMeterValidator::dimensionName()
{
    QFETCH(QString, name);
    QFETCH(bool, valid);
    QCOMPARE(MeterValidator::isValidDimensionName(name), valid);
}

void TstMeterValidator::humanize_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("expected");

    QTest::newRow("service.tier") << "service.tier"
                                  << "Service Tier";
    QTest::newRow("region-name") << "region-name"
                                 << "Region Name";
    QTest::newRow("status_code") << "status_code"
                                 << "Status Code";
    QTest::newRow("region") << "region"
                            << "Region";
    QTest::newRow("plan") << "plan"
                          << "Plan";
    QTest::newRow("mixed separators") << "a.b-c_d"
                                      << "A B C D";
    QTest::newRow("rest of the word kept") << "HTTP_statusCode"
                                           << "HTTP StatusCode";
    QTest::newRow("digits") << "tier_2"
                            << "Tier 2";
    QTest::newRow("separators collapse to one space") << "a__b--c"
                                                      << "A B C";
}

void TstMeterValidator::humanize()
{
    QFETCH(QString, name);
    QFETCH(QString, expected);
    QCOMPARE(MeterValidator::humanize(name), expected);
}

void TstMeterValidator::evolution_data()
{
    QTest::addColumn<QList<Dimension>>("previous");
    QTest::addColumn<QList<Dimension>>("next");
    QTest::addColumn<QString>("expectedError"); // empty = allowed

    const Dimension region = dim(QStringLiteral("region"));
    const Dimension status = dim(QStringLiteral("status"), DimensionType::Number, false);
    const QList<Dimension> base = {region, status};

    // §13.5 item 31: status removed → conflict
    QTest::newRow("remove")
        << base << QList<Dimension>{region}
        << "conflict: dimension \"status\" cannot be removed after usage has been recorded";
    QTest::newRow("remove all")
        << base << QList<Dimension>{}
        << "conflict: dimension \"region\" cannot be removed after usage has been recorded";
    QTest::newRow("rename")
        << base << QList<Dimension>{dim(QStringLiteral("zone")), status}
        << "conflict: dimension \"region\" cannot be removed after usage has been recorded";
    QTest::newRow("rename optional")
        << base << QList<Dimension>{region, dim(QStringLiteral("status_code"), DimensionType::Number, false)}
        << "conflict: dimension \"status\" cannot be removed after usage has been recorded";
    QTest::newRow("type change number→string")
        << base << QList<Dimension>{region, dim(QStringLiteral("status"), DimensionType::String, false)}
        << "conflict: dimension \"status\" type cannot change after usage has been recorded";
    QTest::newRow("type change string→boolean")
        << base << QList<Dimension>{dim(QStringLiteral("region"), DimensionType::Boolean), status}
        << "conflict: dimension \"region\" type cannot change after usage has been recorded";
    QTest::newRow("optional→required")
        << base << QList<Dimension>{region, dim(QStringLiteral("status"), DimensionType::Number, true)}
        << "conflict: dimension \"status\" cannot become required after usage has been recorded";
    QTest::newRow("un-deprecate a required dimension")
        << QList<Dimension>{dim(QStringLiteral("region"), DimensionType::String, true, true)}
        << QList<Dimension>{region}
        << "conflict: dimension \"region\" cannot become required after usage has been recorded";
    QTest::newRow("add required")
        << base << QList<Dimension>{region, status, dim(QStringLiteral("plan"))}
        << "conflict: required dimension \"plan\" cannot be added after usage has been recorded";
    QTest::newRow("add required to an empty list")
        << QList<Dimension>{} << QList<Dimension>{dim(QStringLiteral("plan"))}
        << "conflict: required dimension \"plan\" cannot be added after usage has been recorded";

    QTest::newRow("unchanged") << base << base << QString();
    QTest::newRow("deprecate")
        << base << QList<Dimension>{dim(QStringLiteral("region"), DimensionType::String, true, true), status}
        << QString();
    QTest::newRow("relabel") << base
                             << QList<Dimension>{relabelled(
                                                     region, QStringLiteral("Area"), QStringLiteral("where")),
                                    relabelled(status, QStringLiteral("HTTP"), QStringLiteral("code"))}
                             << QString();
    QTest::newRow("add optional") << base
                                  << QList<Dimension>{region, status,
                                         dim(QStringLiteral("plan"), DimensionType::String, false)}
                                  << QString();
    QTest::newRow("add deprecated-required")
        << base
        << QList<Dimension>{region, status, dim(QStringLiteral("plan"), DimensionType::String, true, true)}
        << QString();
    QTest::newRow("required→optional")
        << base << QList<Dimension>{dim(QStringLiteral("region"), DimensionType::String, false), status}
        << QString();
    QTest::newRow("deprecate an optional one")
        << base << QList<Dimension>{region, dim(QStringLiteral("status"), DimensionType::Number, false, true)}
        << QString();
    QTest::newRow("optional→required but deprecated")
        << base << QList<Dimension>{region, dim(QStringLiteral("status"), DimensionType::Number, true, true)}
        << QString();
    QTest::newRow("reorder") << base << QList<Dimension>{status, region} << QString();
    QTest::newRow("add optional to an empty list")
        << QList<Dimension>{} << QList<Dimension>{dim(QStringLiteral("plan"), DimensionType::String, false)}
        << QString();
}

void TstMeterValidator::evolution()
{
    QFETCH(QList<Dimension>, previous);
    QFETCH(QList<Dimension>, next);
    QFETCH(QString, expectedError);

    const Status direct = MeterValidator::checkDimensionEvolution(previous, next);
    QCOMPARE(direct.ok(), expectedError.isEmpty());
    if (!direct.ok()) {
        QCOMPARE(direct.error().message, expectedError);
        QCOMPARE(direct.error().code, QStringLiteral("conflict"));
        QCOMPARE(direct.error().httpStatus(), 409);
    }

    // The same change through a PUT with usage...
    QList<DimensionDraft> drafts;
    for (const Dimension &d : next)
        drafts.append(toDraft(d));
    MeterPatch patch;
    patch.dimensions = drafts;
    const Result<Meter> withUsage = MeterValidator::validateUpdate(storedMeter(previous), patch, true);
    QCOMPARE(withUsage.ok(), expectedError.isEmpty());
    if (!withUsage.ok())
        QCOMPARE(withUsage.error().message, expectedError);
    else
        QCOMPARE(withUsage->dimensions, next);

    // ...and without usage anything goes.
    const Result<Meter> withoutUsage = MeterValidator::validateUpdate(storedMeter(previous), patch, false);
    QVERIFY(withoutUsage.ok());
    QCOMPARE(withoutUsage->dimensions, next);
}

void TstMeterValidator::updateIsPartial()
{
    const Meter current = storedMeter({dim(QStringLiteral("region"))});

    // Empty patch: everything kept.
    const auto same = MeterValidator::validateUpdate(current, MeterPatch{}, true);
    QVERIFY(same.ok());
    QCOMPARE(same.value(), current);

    // Only the description: the rest is kept, including id, name and created_at.
    MeterPatch patch;
    patch.description = QStringLiteral("  new description ");
    const auto updated = MeterValidator::validateUpdate(current, patch, false);
    QVERIFY(updated.ok());
    QCOMPARE(updated->description, QStringLiteral("new description"));
    QCOMPARE(updated->id, current.id);
    QCOMPARE(updated->name, current.name);
    QCOMPARE(updated->createdAtNs, current.createdAtNs);
    QCOMPARE(updated->unit, current.unit);
    QCOMPARE(updated->aggregation, current.aggregation);
    QCOMPARE(updated->dimensions, current.dimensions);
    QCOMPARE(updated->eventRetentionDays, current.eventRetentionDays);

    // §13.5 item 26: the full PUT.
    MeterPatch full;
    full.description = QStringLiteral("Requests");
    full.unit = QStringLiteral("request");
    full.aggregation = QStringLiteral("count");
    full.eventRetentionDays = 365;
    full.dimensions
        = QList<DimensionDraft>{dimDraft(QStringLiteral("plan"), QStringLiteral("string"), false, true)};
    const auto replaced = MeterValidator::validateUpdate(current, full, false);
    QVERIFY(replaced.ok());
    QCOMPARE(replaced->name, QStringLiteral("api_calls"));
    QCOMPARE(replaced->description, QStringLiteral("Requests"));
    QCOMPARE(replaced->unit, QStringLiteral("request"));
    QCOMPARE(replaced->aggregation, Aggregation::Count);
    QCOMPARE(replaced->eventRetentionDays, 365);
    QCOMPARE(replaced->dimensions.size(), 1);
    QCOMPARE(replaced->dimensions.first().name, QStringLiteral("plan"));
    QCOMPARE(replaced->dimensions.first().displayName, QStringLiteral("Plan"));
    QCOMPARE(replaced->dimensions.first().required, false);
    QCOMPARE(replaced->dimensions.first().deprecated, true);
    QCOMPARE(replaced->id, current.id);
    QCOMPARE(replaced->createdAtNs, current.createdAtNs);

    // An empty dimensions list present replaces the list (no usage: allowed).
    MeterPatch clear;
    clear.dimensions = QList<DimensionDraft>{};
    const auto cleared = MeterValidator::validateUpdate(current, clear, false);
    QVERIFY(cleared.ok());
    QVERIFY(cleared->dimensions.isEmpty());
}

void TstMeterValidator::updateFields_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("number");
    QTest::addColumn<QString>("expectedError");

    QTest::newRow("retention 0 → 90") << "retention" << QString() << qint64(0) << QString();
    QTest::newRow("retention 7") << "retention" << QString() << qint64(7) << QString();
    QTest::newRow("retention 3650") << "retention" << QString() << qint64(3650) << QString();
    QTest::newRow("retention -1") << "retention" << QString() << qint64(-1)
                                  << "invalid input: event retention days must be greater than zero";
    QTest::newRow("retention 3651") << "retention" << QString() << qint64(3651)
                                    << "invalid input: event retention days cannot exceed 3650";
    QTest::newRow("unit replaced") << "unit"
                                   << "request" << qint64(0) << QString();
    QTest::newRow("unit must stay non-empty") << "unit"
                                              << "  " << qint64(0) << "invalid input: meter unit is required";
    QTest::newRow("aggregation replaced") << "aggregation"
                                          << "rate" << qint64(0) << QString();
    QTest::newRow("aggregation validated")
        << "aggregation"
        << "bogus" << qint64(0) << "invalid input: unsupported aggregation \"bogus\"";
    QTest::newRow("aggregation empty → sum") << "aggregation"
                                             << "" << qint64(0) << QString();
}

void TstMeterValidator::updateFields()
{
    QFETCH(QString, field);
    QFETCH(QString, text);
    QFETCH(qint64, number);
    QFETCH(QString, expectedError);

    const Meter current = storedMeter();
    MeterPatch patch;
    if (field == QLatin1StringView("retention"))
        patch.eventRetentionDays = number;
    else if (field == QLatin1StringView("unit"))
        patch.unit = text;
    else
        patch.aggregation = text;

    const auto result = MeterValidator::validateUpdate(current, patch, true);
    if (!expectedError.isEmpty()) {
        QVERIFY(!result.ok());
        QCOMPARE(result.error().message, expectedError);
        QCOMPARE(result.error().httpStatus(), 400);
        return;
    }
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    if (field == QLatin1StringView("retention"))
        QCOMPARE(result->eventRetentionDays, number == 0 ? 90 : int(number));
    else if (field == QLatin1StringView("unit"))
        QCOMPARE(result->unit, text);
    else
        QCOMPARE(aggregationName(result->aggregation), text.isEmpty() ? QStringLiteral("sum") : text);
    QCOMPARE(result->name, current.name);
}

void TstMeterValidator::updateChecksEvolutionOnlyWithUsageAndDimensions()
{
    const Meter current = storedMeter(
        {dim(QStringLiteral("region")), dim(QStringLiteral("status"), DimensionType::Number, false)});
    MeterPatch unsafe;
    unsafe.dimensions = QList<DimensionDraft>{dimDraft(QStringLiteral("region"))}; // removes status

    // Usage + dimensions supplied → §4.7 conflict.
    const auto conflict = MeterValidator::validateUpdate(current, unsafe, true);
    QVERIFY(!conflict.ok());
    QCOMPARE(conflict.error().code, QStringLiteral("conflict"));
    QCOMPARE(conflict.error().message,
        QStringLiteral("conflict: dimension \"status\" cannot be removed after usage has been recorded"));

    // No usage → allowed.
    QVERIFY(MeterValidator::validateUpdate(current, unsafe, false).ok());

    // Usage but no dimensions in the patch → other fields update freely, dimensions kept.
    MeterPatch other;
    other.unit = QStringLiteral("request");
    other.aggregation = QStringLiteral("count");
    other.eventRetentionDays = 0;
    const auto updated = MeterValidator::validateUpdate(current, other, true);
    QVERIFY(updated.ok());
    QCOMPARE(updated->dimensions, current.dimensions);
    QCOMPARE(updated->unit, QStringLiteral("request"));
    QCOMPARE(updated->eventRetentionDays, 90);
}

void TstMeterValidator::updateValidationBeforeEvolution()
{
    // A malformed dimension is a 400 even when the list would also be an unsafe change.
    const Meter current = storedMeter({dim(QStringLiteral("region"))});
    MeterPatch patch;
    patch.dimensions = QList<DimensionDraft>{dimDraft(QStringLiteral("bad name"))};
    const auto result = MeterValidator::validateUpdate(current, patch, true);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, QStringLiteral("invalid_input"));
    QCOMPARE(result.error().message, "invalid input: dimension name \"bad name\" " + kNameChars);
}

QTEST_APPLESS_MAIN(TstMeterValidator)
#include "tst_metervalidator.moc"
