#include "ui/filter/FilterTreeModel.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QtTest>

using osc::ui::FilterTreeModel;

namespace {

QJsonValue json(const char *text)
{
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray(text));
    if (document.isNull())
        qFatal("bad test JSON: %s", text);
    return document.object();
}

QString compact(const QJsonValue &value)
{
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    return value.isNull() ? QStringLiteral("null") : QStringLiteral("?");
}

// The tree as text, read through the model's roles only: what a view would see.
QString dump(const FilterTreeModel &model, const QModelIndex &parent = {}, int level = 0)
{
    QString out;
    for (int row = 0; row < model.rowCount(parent); ++row) {
        const QModelIndex index = model.index(row, 0, parent);
        out += QString(level * 2, QLatin1Char(' '));
        if (index.data(FilterTreeModel::IsGroupRole).toBool()) {
            out += QStringLiteral("group %1\n").arg(index.data(FilterTreeModel::GroupOpRole).toString());
            out += dump(model, index, level + 1);
        } else {
            const QJsonValue value = index.data(FilterTreeModel::ValueRole).value<QJsonValue>();
            out += QStringLiteral("%1 %2 %3 (type %4)\n")
                       .arg(index.data(FilterTreeModel::FieldRole).toString(),
                           index.data(FilterTreeModel::OpRole).toString(),
                           compact(QJsonObject{{QStringLiteral("v"), value}}))
                       .arg(int(value.type()));
        }
    }
    return out;
}

} // namespace

class TestFilterTreeModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void builtTreeRoundTrip();
    void typedValues();
    void topLevelConditionIsWrapped();
    void emptyGroupsAreNotFilter();
    void invalidJsonLeavesTree();
    void displayText();
};

void TestFilterTreeModel::roundTrip_data()
{
    QTest::addColumn<QString>("filter");
    const char *rows[][2] = {
        {"eq text", R"({"type":"condition","field":"metadata.region","op":"eq","value":"eu-west"})"},
        {"neq number", R"({"type":"condition","field":"metadata.status_code","op":"neq","value":200})"},
        {"gt quantity", R"({"type":"condition","field":"quantity","op":"gt","value":10})"},
        {"gte time", R"({"type":"condition","field":"timestamp","op":"gte","value":"2026-03-01T00:00:00Z"})"},
        {"lt received",
            R"({"type":"condition","field":"received_at","op":"lt","value":"2026-03-01T12:30:00.5Z"})"},
        {"lte fraction", R"({"type":"condition","field":"quantity","op":"lte","value":2.5})"},
        {"in texts",
            R"({"type":"condition","field":"metadata.endpoint","op":"in","value":["/orders","/users"]})"},
        {"in numbers", R"({"type":"condition","field":"metadata.status_code","op":"in","value":[200,503]})"},
        {"in mixed", R"({"type":"condition","field":"metadata.code","op":"in","value":[200,"200",true]})"},
        {"contains", R"({"type":"condition","field":"subject","op":"contains","value":"org_"})"},
        {"exists nested key", R"({"type":"condition","field":"metadata.service.tier","op":"exists"})"},
        {"exists key", R"({"type":"condition","field":"idempotency_key","op":"exists"})"},
        {"eq bool", R"({"type":"condition","field":"metadata.retry","op":"eq","value":true})"},
        {"eq false", R"({"type":"condition","field":"metadata.cache_hit","op":"eq","value":false})"},
        {"event_time alias",
            R"({"type":"condition","field":"event_time","op":"lt","value":"2026-01-01T00:00:00Z"})"},
        {"meter", R"({"type":"condition","field":"meter","op":"eq","value":"api_requests"})"},
        {"and group", R"({"type":"group","op":"and","rules":[
            {"type":"condition","field":"metadata.service.tier","op":"eq","value":"gold"},
            {"type":"condition","field":"metadata.retry","op":"eq","value":true}]})"},
        {"or group", R"({"type":"group","op":"or","rules":[
            {"type":"condition","field":"metadata.service.tier","op":"eq","value":"silver"},
            {"type":"condition","field":"metadata.region-name","op":"eq","value":"eu-west"}]})"},
        {"single-rule group", R"({"type":"group","op":"or","rules":[
            {"type":"condition","field":"quantity","op":"gte","value":1}]})"},
        {"nested", R"({"type":"group","op":"and","rules":[
            {"type":"group","op":"or","rules":[
                {"type":"condition","field":"metadata.region","op":"in","value":["us-east","us-west"]},
                {"type":"group","op":"and","rules":[
                    {"type":"condition","field":"metadata.plan","op":"eq","value":"pro"},
                    {"type":"condition","field":"metadata.status_code","op":"gte","value":400}]}]},
            {"type":"condition","field":"quantity","op":"lt","value":1000},
            {"type":"condition","field":"metadata.trace.id","op":"exists"}]})"},
    };
    for (const auto &row : rows)
        QTest::newRow(row[0]) << QString::fromUtf8(row[1]);
}

void TestFilterTreeModel::roundTrip()
{
    QFETCH(QString, filter);
    const QJsonValue input = QJsonDocument::fromJson(filter.toUtf8()).object();
    QVERIFY(input.isObject());

    FilterTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const osc::Status status = model.setJson(input);
    QVERIFY2(status.ok(), status.ok() ? "" : qPrintable(status.error().message));
    // JSON → tree → JSON: identical (same types, same order).
    QCOMPARE(compact(model.toJson()), compact(input));

    // tree → JSON → tree: the same tree, node for node.
    FilterTreeModel again;
    QAbstractItemModelTester againTester(&again, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(again.setJson(model.toJson()).ok());
    QCOMPARE(dump(again), dump(model));
}

void TestFilterTreeModel::builtTreeRoundTrip()
{
    FilterTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy edited(&model, &FilterTreeModel::filterEdited);
    const QModelIndex top = model.addGroup({}, QStringLiteral("and"));
    model.addCondition(
        top, QStringLiteral("metadata.region"), QStringLiteral("eq"), QStringLiteral("eu-west"));
    const QModelIndex any = model.addGroup(top, QStringLiteral("or"));
    const QString ops[] = {QStringLiteral("eq"), QStringLiteral("neq"), QStringLiteral("gt"),
        QStringLiteral("gte"), QStringLiteral("lt"), QStringLiteral("lte")};
    for (const QString &op : ops)
        model.addCondition(any, QStringLiteral("metadata.status_code"), op, 404.0);
    model.addCondition(any, QStringLiteral("metadata.endpoint"), QStringLiteral("in"),
        QJsonArray{QStringLiteral("/orders"), QStringLiteral("/users")});
    model.addCondition(any, QStringLiteral("subject"), QStringLiteral("contains"), QStringLiteral("org"));
    const QModelIndex inner = model.addGroup(any, QStringLiteral("and"));
    model.addCondition(inner, QStringLiteral("metadata.cache_hit"), QStringLiteral("exists"), {});
    model.addCondition(inner, QStringLiteral("metadata.cache_hit"), QStringLiteral("eq"), false);
    model.addCondition(
        inner, QStringLiteral("timestamp"), QStringLiteral("gte"), QStringLiteral("2026-03-01T00:00:00Z"));
    QVERIFY(edited.count() > 0);
    QCOMPARE(model.depthOf(model.index(0, 0, inner)), 4);

    const QJsonValue json = model.toJson();
    const QJsonArray anyRules = json[QStringLiteral("rules")][1][QStringLiteral("rules")].toArray();
    QCOMPARE(anyRules.size(), 9);
    QCOMPARE(anyRules.at(0)[QStringLiteral("value")].type(), QJsonValue::Double);

    FilterTreeModel again;
    QAbstractItemModelTester againTester(&again, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const osc::Status status = again.setJson(json);
    QVERIFY2(status.ok(), status.ok() ? "" : qPrintable(status.error().message));
    QCOMPARE(dump(again), dump(model));
    QCOMPARE(compact(again.toJson()), compact(json));
}

void TestFilterTreeModel::typedValues()
{
    FilterTreeModel model;
    QVERIFY(model
                .setJson(json(R"({"type":"group","op":"and","rules":[
        {"type":"condition","field":"metadata.status","op":"eq","value":200},
        {"type":"condition","field":"metadata.status","op":"eq","value":"200"},
        {"type":"condition","field":"metadata.retry","op":"eq","value":true}]})"))
                .ok());
    const QModelIndex group = model.index(0, 0);
    QCOMPARE(model.index(0, 0, group).data(FilterTreeModel::ValueRole).value<QJsonValue>().type(),
        QJsonValue::Double);
    QCOMPARE(model.index(1, 0, group).data(FilterTreeModel::ValueRole).value<QJsonValue>().type(),
        QJsonValue::String);
    QCOMPARE(model.index(2, 0, group).data(FilterTreeModel::ValueRole).value<QJsonValue>().type(),
        QJsonValue::Bool);
    const QJsonArray rules = model.toJson()[QStringLiteral("rules")].toArray();
    QCOMPARE(rules.at(0)[QStringLiteral("value")], QJsonValue(200));
    QCOMPARE(rules.at(1)[QStringLiteral("value")], QJsonValue(QStringLiteral("200")));
    QCOMPARE(rules.at(2)[QStringLiteral("value")], QJsonValue(true));
}

void TestFilterTreeModel::topLevelConditionIsWrapped()
{
    FilterTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.toJson(), QJsonValue(QJsonValue::Null));
    const QModelIndex first
        = model.addCondition({}, QStringLiteral("subject"), QStringLiteral("eq"), QStringLiteral("a"));
    QCOMPARE(model.toJson()[QStringLiteral("type")].toString(), QStringLiteral("condition"));
    // A second rule next to a lone condition: both end up in an "and" group.
    model.addCondition(first, QStringLiteral("subject"), QStringLiteral("eq"), QStringLiteral("b"));
    QCOMPARE(model.rowCount(), 1);
    const QJsonValue json = model.toJson();
    QCOMPARE(json[QStringLiteral("type")].toString(), QStringLiteral("group"));
    QCOMPARE(json[QStringLiteral("op")].toString(), QStringLiteral("and"));
    QCOMPARE(json[QStringLiteral("rules")].toArray().size(), 2);
    QVERIFY(model.setGroupOp(model.index(0, 0), QStringLiteral("or")));
    QCOMPARE(model.toJson()[QStringLiteral("op")].toString(), QStringLiteral("or"));
}

void TestFilterTreeModel::emptyGroupsAreNotFilter()
{
    FilterTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QModelIndex top = model.addGroup({}, QStringLiteral("and"));
    QCOMPARE(model.toJson(), QJsonValue(QJsonValue::Null)); // the engine refuses empty groups
    const QModelIndex condition
        = model.addCondition(top, QStringLiteral("quantity"), QStringLiteral("gt"), 1.0);
    model.addGroup(top, QStringLiteral("or"));
    QCOMPARE(model.toJson()[QStringLiteral("rules")].toArray().size(), 1);
    // Removing a group's last rule removes the group too.
    model.removeNode(condition);
    QCOMPARE(model.rowCount(model.index(0, 0)), 1);
    model.removeNode(model.index(0, 0, model.index(0, 0)));
    QVERIFY(model.isEmpty());
}

void TestFilterTreeModel::invalidJsonLeavesTree()
{
    FilterTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.setJson(json(R"({"type":"condition","field":"quantity","op":"gt","value":1})")).ok());
    const QString before = dump(model);
    QSignalSpy edited(&model, &FilterTreeModel::filterEdited);
    const char *bad[] = {
        R"({"type":"condition","field":"colour","op":"eq","value":"red"})",
        R"({"type":"condition","field":"quantity","op":"approx","value":1})",
        R"({"type":"condition","field":"quantity","op":"eq"})",
        R"({"type":"condition","field":"metadata.region","op":"in","value":[]})",
        R"({"type":"group","op":"xor","rules":[{"type":"condition","field":"quantity","op":"gt","value":1}]})",
        R"({"type":"group","op":"and","rules":[]})",
        R"({"type":"condition","field":"timestamp","op":"gt","value":"yesterday"})",
        R"({"type":"condition","field":"quantity","op":1,"value":1})",
    };
    for (const char *text : bad) {
        const osc::Status status = model.setJson(json(text));
        QVERIFY2(!status.ok(), text);
        QVERIFY(!status.error().message.isEmpty());
    }
    QCOMPARE(dump(model), before);
    QCOMPARE(edited.count(), 0);
}

void TestFilterTreeModel::displayText()
{
    FilterTreeModel model;
    osc::ui::FilterFields fields;
    osc::Dimension region;
    region.name = QStringLiteral("region");
    region.displayName = QStringLiteral("Region");
    fields.setDimensions({region});
    model.setFields(fields);
    QVERIFY(model
                .setJson(json(R"({"type":"group","op":"or","rules":[
        {"type":"condition","field":"metadata.region","op":"in","value":["us-east","eu-west"]},
        {"type":"condition","field":"timestamp","op":"lt","value":"2026-03-01T00:00:00Z"}]})"))
                .ok());
    const QModelIndex group = model.index(0, 0);
    QCOMPARE(group.data().toString(), QStringLiteral("Any of (OR)"));
    QCOMPARE(model.index(0, FilterTreeModel::FieldColumn, group).data().toString(), QStringLiteral("Region"));
    QCOMPARE(model.index(0, FilterTreeModel::OperatorColumn, group).data().toString(),
        QStringLiteral("is one of"));
    QCOMPARE(model.index(0, FilterTreeModel::ValueColumn, group).data().toString(),
        QStringLiteral("us-east, eu-west"));
    QCOMPARE(
        model.index(1, FilterTreeModel::OperatorColumn, group).data().toString(), QStringLiteral("before"));
}

QTEST_MAIN(TestFilterTreeModel)
#include "tst_filtertreemodel.moc"
