#include "UiTestSupport.h"
#include "ui/filter/ConditionEditor.h"
#include "ui/filter/FilterBuilder.h"
#include "ui/filter/FilterTreeModel.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTreeView>
#include <QtTest>

using namespace osc::testsupport;
using osc::ui::FilterBuilder;
using osc::ui::FilterTreeModel;

namespace {

QJsonValue parse(const QString &text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

QString compact(const QJsonValue &value)
{
    if (!value.isObject())
        return value.isNull() ? QStringLiteral("null") : QStringLiteral("?");
    return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
}

QList<osc::Dimension> demoDimensions()
{
    osc::Dimension region;
    region.name = QStringLiteral("region");
    region.displayName = QStringLiteral("Region");
    osc::Dimension status;
    status.name = QStringLiteral("status_code");
    status.displayName = QStringLiteral("Status Code");
    status.type = osc::DimensionType::Number;
    osc::Dimension cacheHit;
    cacheHit.name = QStringLiteral("cache_hit");
    cacheHit.displayName = QStringLiteral("Cache Hit");
    cacheHit.type = osc::DimensionType::Boolean;
    return {region, status, cacheHit};
}

bool chooseData(QComboBox *combo, const QVariant &data)
{
    const int index = combo->findData(data);
    if (index < 0)
        return false;
    combo->setCurrentIndex(index);
    Q_EMIT combo->activated(index);
    return true;
}

// The value of the only condition of the builder's filter.
QJsonValue conditionValue(const FilterBuilder &builder)
{
    return builder.filter()[QStringLiteral("value")];
}

} // namespace

class TestFilterBuilder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void jsonEditUpdatesTree();
    void invalidJsonKeepsTree_data();
    void invalidJsonKeepsTree();
    void typedValueEditors();
    void listAndFreeMetadata();
    void nestedGroups();
};

void TestFilterBuilder::roundTrip_data()
{
    QTest::addColumn<QString>("filter");
    const QStringList ops = {QStringLiteral("eq"), QStringLiteral("neq"), QStringLiteral("gt"),
        QStringLiteral("gte"), QStringLiteral("lt"), QStringLiteral("lte")};
    for (const QString &op : ops) {
        QTest::addRow("%s number", qPrintable(op))
            << QStringLiteral(R"({"type":"condition","field":"metadata.status_code","op":"%1","value":404})")
                   .arg(op);
        QTest::addRow("%s time", qPrintable(op)) << QStringLiteral(
            R"({"type":"condition","field":"timestamp","op":"%1","value":"2026-03-01T10:00:00Z"})")
                                                        .arg(op);
        QTest::addRow("%s text", qPrintable(op))
            << QStringLiteral(R"({"type":"condition","field":"metadata.region","op":"%1","value":"eu-west"})")
                   .arg(op);
    }
    QTest::newRow("in") << QStringLiteral(
        R"({"type":"condition","field":"metadata.status_code","op":"in","value":[200,503]})");
    QTest::newRow("contains") << QStringLiteral(
        R"({"type":"condition","field":"subject","op":"contains","value":"org"})");
    QTest::newRow("exists") << QStringLiteral(
        R"({"type":"condition","field":"metadata.trace.id","op":"exists"})");
    QTest::newRow("bool") << QStringLiteral(
        R"({"type":"condition","field":"metadata.cache_hit","op":"eq","value":false})");
    QTest::newRow("nested") << QStringLiteral(R"({"type":"group","op":"or","rules":[
        {"type":"group","op":"and","rules":[
            {"type":"condition","field":"metadata.region","op":"eq","value":"eu-west"},
            {"type":"condition","field":"quantity","op":"gte","value":10}]},
        {"type":"condition","field":"metadata.cache_hit","op":"eq","value":true}]})");
}

void TestFilterBuilder::roundTrip()
{
    QFETCH(QString, filter);
    const QJsonValue input = parse(filter);
    FilterBuilder builder;
    builder.setDimensions(demoDimensions());
    QSignalSpy changed(&builder, &FilterBuilder::filterChanged);
    QCOMPARE(builder.setFilter(input), QString());
    QCOMPARE(changed.count(), 1);
    QCOMPARE(compact(builder.filter()), compact(input));
    // The JSON pane shows the same filter, and applying it back changes nothing.
    QCOMPARE(compact(parse(builder.jsonEdit()->toPlainText())), compact(input));
    builder.applyJsonText();
    QCOMPARE(changed.count(), 1);
    QVERIFY(builder.errorText().isEmpty());

    // Selecting each condition loads it into the editor without changing it.
    QTreeView *tree = builder.treeView();
    std::function<void(const QModelIndex &)> visit = [&](const QModelIndex &parent) {
        for (int row = 0; row < builder.model()->rowCount(parent); ++row) {
            const QModelIndex index = builder.model()->index(row, 0, parent);
            tree->setCurrentIndex(index);
            visit(index);
        }
    };
    visit({});
    QCOMPARE(compact(builder.filter()), compact(input));
    QCOMPARE(changed.count(), 1);
}

void TestFilterBuilder::jsonEditUpdatesTree()
{
    FilterBuilder builder;
    builder.setDimensions(demoDimensions());
    QSignalSpy changed(&builder, &FilterBuilder::filterChanged);
    builder.jsonEdit()->setPlainText(
        QStringLiteral(R"({"type":"group","op":"and","rules":[{"type":"condition","field":"metadata.region",
        "op":"eq","value":"eu-west"},{"type":"condition","field":"quantity","op":"gt","value":5}]})"));
    // Applied shortly after typing stops.
    QTRY_COMPARE(changed.count(), 1);
    QCOMPARE(builder.model()->rowCount(), 1);
    QCOMPARE(builder.model()->rowCount(builder.model()->index(0, 0)), 2);
    QCOMPARE(changed.last().first().value<QJsonValue>()[QStringLiteral("rules")][1][QStringLiteral("value")],
        QJsonValue(5));

    // Emptying the JSON removes the filter.
    builder.jsonEdit()->clear();
    builder.applyJsonText();
    QCOMPARE(changed.count(), 2);
    QCOMPARE(builder.filter(), QJsonValue(QJsonValue::Null));
    QVERIFY(builder.model()->isEmpty());
}

void TestFilterBuilder::invalidJsonKeepsTree_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("syntax") << QStringLiteral(R"({"type":"condition", "field": )")
                            << QStringLiteral("syntax error");
    QTest::newRow("field") << QStringLiteral(
        R"({"type":"condition","field":"colour","op":"eq","value":"red"})")
                           << QStringLiteral("colour");
    QTest::newRow("operator") << QStringLiteral(
        R"({"type":"condition","field":"quantity","op":"like","value":1})")
                              << QStringLiteral("like");
    QTest::newRow("empty in") << QStringLiteral(
        R"({"type":"condition","field":"metadata.region","op":"in","value":[]})")
                              << QStringLiteral("at least one value");
    QTest::newRow("time") << QStringLiteral(
        R"({"type":"condition","field":"timestamp","op":"gt","value":"today"})")
                          << QStringLiteral("RFC 3339");
    QTest::newRow("not a filter") << QStringLiteral(R"([1, 2])") << QStringLiteral("not a filter");
    QTest::newRow("empty group") << QStringLiteral(R"({"type":"group","op":"and","rules":[]})")
                                 << QStringLiteral("at least one rule");
}

void TestFilterBuilder::invalidJsonKeepsTree()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    FilterBuilder builder;
    builder.setDimensions(demoDimensions());
    const QJsonValue valid = parse(
        QStringLiteral(R"({"type":"condition","field":"metadata.region","op":"eq","value":"us-east"})"));
    QCOMPARE(builder.setFilter(valid), QString());
    QSignalSpy changed(&builder, &FilterBuilder::filterChanged);

    builder.jsonEdit()->setPlainText(text);
    builder.applyJsonText();
    QVERIFY2(builder.errorText().contains(expected, Qt::CaseInsensitive), qPrintable(builder.errorText()));
    QVERIFY(builder.findChild<QWidget *>(QStringLiteral("filterError"))->isVisibleTo(&builder));
    QCOMPARE(changed.count(), 0);
    QCOMPARE(compact(builder.filter()), compact(valid));
    QCOMPARE(compact(builder.model()->toJson()), compact(valid));
    // The user's text stays for them to fix.
    QCOMPARE(builder.jsonEdit()->toPlainText(), text);
}

void TestFilterBuilder::typedValueEditors()
{
    FilterBuilder builder;
    builder.setDimensions(demoDimensions());
    builder.resize(900, 300);
    builder.show();
    QVERIFY(QTest::qWaitForWindowExposed(&builder));
    builder.addCondition();
    auto *editor = builder.conditionEditor();
    QVERIFY(editor->isVisible());
    auto *field = editor->findChild<QComboBox *>(QStringLiteral("conditionField"));
    auto *op = editor->findChild<QComboBox *>(QStringLiteral("conditionOperator"));
    QVERIFY(field && op);
    QCOMPARE(field->currentData().toString(), QStringLiteral("metadata.region"));

    // Number dimension: typed digits become a JSON number.
    QVERIFY(chooseData(field, QStringLiteral("metadata.status_code")));
    QVERIFY(chooseData(op, QStringLiteral("gte")));
    auto *number = editor->findChild<QLineEdit *>(QStringLiteral("conditionNumberValue"));
    QVERIFY(number->isVisible());
    number->selectAll();
    QTest::keyClicks(number, QStringLiteral("404"));
    QCOMPARE(conditionValue(builder), QJsonValue(404));
    QCOMPARE(conditionValue(builder).type(), QJsonValue::Double);
    QCOMPARE(builder.filter()[QStringLiteral("op")].toString(), QStringLiteral("gte"));
    // Not a number: the last good value stays.
    QTest::keyClicks(number, QStringLiteral("x"));
    QCOMPARE(conditionValue(builder), QJsonValue(404));

    // Boolean dimension: true/false, as JSON booleans.
    QVERIFY(chooseData(field, QStringLiteral("metadata.cache_hit")));
    auto *boolean = editor->findChild<QComboBox *>(QStringLiteral("conditionBooleanValue"));
    QVERIFY(boolean->isVisible());
    QVERIFY(chooseData(boolean, false));
    QCOMPARE(conditionValue(builder), QJsonValue(false));
    QCOMPARE(builder.filter()[QStringLiteral("op")].toString(), QStringLiteral("eq"));

    // Text stays text, even when it looks like a number.
    QVERIFY(chooseData(field, QStringLiteral("metadata.region")));
    auto *text = editor->findChild<QLineEdit *>(QStringLiteral("conditionTextValue"));
    text->clear();
    QTest::keyClicks(text, QStringLiteral("200"));
    QCOMPARE(conditionValue(builder), QJsonValue(QStringLiteral("200")));

    // Time fields store UTC RFC 3339.
    QVERIFY(chooseData(field, QStringLiteral("timestamp")));
    auto *time = editor->findChild<QDateTimeEdit *>(QStringLiteral("conditionTimeValue"));
    QVERIFY(time->isVisible());
    time->setDateTime(QDateTime(QDate(2026, 3, 1), QTime(12, 0), Qt::UTC).toLocalTime());
    QCOMPARE(conditionValue(builder), QJsonValue(QStringLiteral("2026-03-01T12:00:00Z")));

    // The tree shows the same condition the JSON has.
    const QModelIndex condition = builder.model()->index(0, 0);
    QCOMPARE(condition.data(FilterTreeModel::FieldRole).toString(), QStringLiteral("timestamp"));
    QCOMPARE(compact(parse(builder.jsonEdit()->toPlainText())), compact(builder.filter()));
}

void TestFilterBuilder::listAndFreeMetadata()
{
    FilterBuilder builder;
    builder.setDimensions(demoDimensions());
    builder.resize(900, 300);
    builder.show();
    QVERIFY(QTest::qWaitForWindowExposed(&builder));
    builder.addCondition();
    auto *editor = builder.conditionEditor();
    auto *field = editor->findChild<QComboBox *>(QStringLiteral("conditionField"));
    auto *op = editor->findChild<QComboBox *>(QStringLiteral("conditionOperator"));

    // `in` on a number dimension: a list of numbers.
    QVERIFY(chooseData(field, QStringLiteral("metadata.status_code")));
    QVERIFY(chooseData(op, QStringLiteral("in")));
    auto *list = editor->findChild<QListWidget *>(QStringLiteral("conditionListValue"));
    QVERIFY(list->isVisible());
    QCOMPARE(list->count(), 1);
    list->item(0)->setText(QStringLiteral("200"));
    QTest::mouseClick(editor->findChild<QPushButton *>(QStringLiteral("conditionListAdd")), Qt::LeftButton);
    list->item(1)->setText(QStringLiteral("503"));
    QCOMPARE(conditionValue(builder), QJsonValue(QJsonArray{200, 503}));

    // A metadata key that is no dimension, compared as a number.
    QVERIFY(chooseData(field, QStringLiteral("\x01metadata")));
    auto *path = editor->findChild<QLineEdit *>(QStringLiteral("conditionMetadataPath"));
    QVERIFY(path->isVisible());
    QVERIFY(!builder.errorText().isEmpty()); // no key yet: the last valid filter stays
    QCOMPARE(builder.filter()[QStringLiteral("field")].toString(), QStringLiteral("metadata.status_code"));
    QTest::keyClicks(path, QStringLiteral("http.retries"));
    QVERIFY(builder.errorText().isEmpty());
    QCOMPARE(builder.filter()[QStringLiteral("field")].toString(), QStringLiteral("metadata.http.retries"));
    auto *kind = editor->findChild<QComboBox *>(QStringLiteral("conditionValueKind"));
    QVERIFY(kind->isVisible());
    QVERIFY(chooseData(kind, int(osc::ui::FilterValueKind::Number)));
    QVERIFY(chooseData(op, QStringLiteral("gt")));
    auto *number = editor->findChild<QLineEdit *>(QStringLiteral("conditionNumberValue"));
    number->clear();
    QTest::keyClicks(number, QStringLiteral("2"));
    QCOMPARE(compact(builder.filter()),
        compact(parse(
            QStringLiteral(R"({"type":"condition","field":"metadata.http.retries","op":"gt","value":2})"))));

    // exists carries no value.
    QVERIFY(chooseData(op, QStringLiteral("exists")));
    QVERIFY(!builder.filter().toObject().contains(QStringLiteral("value")));
}

void TestFilterBuilder::nestedGroups()
{
    FilterBuilder builder;
    builder.setDimensions(demoDimensions());
    builder.resize(960, 320);
    builder.show();
    QVERIFY(QTest::qWaitForWindowExposed(&builder));
    QSignalSpy changed(&builder, &FilterBuilder::filterChanged);

    builder.addCondition(); // region eq ""
    builder.addCondition(); // wraps both in "and"
    builder.addGroup(); // and[ region, region, or[ region ] ]
    builder.addCondition(); // into the "or" group: the new condition is selected
    const QJsonValue json = builder.filter();
    QCOMPARE(json[QStringLiteral("op")].toString(), QStringLiteral("and"));
    const QJsonArray rules = json[QStringLiteral("rules")].toArray();
    QCOMPARE(rules.size(), 3);
    QCOMPARE(rules.at(2)[QStringLiteral("op")].toString(), QStringLiteral("or"));
    QCOMPARE(rules.at(2)[QStringLiteral("rules")].toArray().size(), 2);

    // Switching a group's combinator.
    builder.treeView()->setCurrentIndex(builder.model()->index(0, 0));
    auto *groupOp = builder.findChild<QComboBox *>(QStringLiteral("filterGroupOp"));
    QVERIFY(groupOp->isVisible());
    QVERIFY(chooseData(groupOp, QStringLiteral("or")));
    QCOMPARE(builder.filter()[QStringLiteral("op")].toString(), QStringLiteral("or"));

    // Remove the nested group's conditions: the emptied group goes too.
    const QModelIndex nested = builder.model()->index(2, 0, builder.model()->index(0, 0));
    builder.treeView()->setCurrentIndex(builder.model()->index(1, 0, nested));
    builder.removeSelected();
    builder.treeView()->setCurrentIndex(builder.model()->index(0, 0, nested));
    builder.removeSelected();
    QCOMPARE(builder.filter()[QStringLiteral("rules")].toArray().size(), 2);

    // A realistic filter for the screenshot.
    QCOMPARE(builder.setFilter(parse(QStringLiteral(R"({"type":"group","op":"and","rules":[
        {"type":"condition","field":"metadata.region","op":"in","value":["eu-west","eu-central"]},
        {"type":"group","op":"or","rules":[
            {"type":"condition","field":"metadata.status_code","op":"gte","value":500},
            {"type":"condition","field":"metadata.cache_hit","op":"eq","value":false}]},
        {"type":"condition","field":"timestamp","op":"gte","value":"2026-03-01T00:00:00Z"}]})"))),
        QString());
    builder.treeView()->setCurrentIndex(builder.model()->index(0, 0, builder.model()->index(0, 0)));
    saveScreenshot(builder, QStringLiteral("filter-builder.png"));
    QVERIFY(changed.count() >= 4);
}

QTEST_MAIN(TestFilterBuilder)
#include "tst_filterbuilder.moc"
