#include "ui/common/DisplayFormat.h"
#include "ui/usage/UsageBucketModel.h"
#include "ui/usage/UsageSeries.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

using osc::ui::UsageBucketModel;
using osc::ui::UsageBucketRow;

namespace {

constexpr qint64 kDayNs = 86'400LL * 1'000'000'000LL;
constexpr qint64 kStartNs = 1'780'000'000LL * 1'000'000'000LL;

QList<UsageBucketRow> sampleRows()
{
    return {{kStartNs, QStringLiteral("eu-west"), 12.0}, {kStartNs + kDayNs, QStringLiteral("us-east"), 7.5},
        {kStartNs + 2 * kDayNs, QStringLiteral("All"), 0.0}};
}

} // namespace

class TestUsageBucketModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void emptyModel();
    void cells_data();
    void cells();
    void headers();
    void resetSignals();
    void seriesKeepTopGroupsAndOther();
};

void TestUsageBucketModel::emptyModel()
{
    UsageBucketModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.columnCount(), int(UsageBucketModel::ColumnCount));
    QVERIFY(!model.index(0, 0).isValid());
}

void TestUsageBucketModel::cells_data()
{
    QTest::addColumn<int>("row");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("display");
    QTest::addColumn<QVariant>("raw");

    QTest::newRow("start") << 0 << int(UsageBucketModel::BucketStartColumn)
                           << osc::ui::formatLocalDateTime(kStartNs) << QVariant(kStartNs);
    QTest::newRow("group") << 1 << int(UsageBucketModel::GroupColumn) << QStringLiteral("us-east")
                           << QVariant(QStringLiteral("us-east"));
    QTest::newRow("integer quantity")
        << 0 << int(UsageBucketModel::QuantityColumn) << QLocale().toString(12.0, 'f', 0) << QVariant(12.0);
    QTest::newRow("fractional quantity")
        << 1 << int(UsageBucketModel::QuantityColumn) << QLocale().toString(7.5, 'f', 4) << QVariant(7.5);
    QTest::newRow("zero quantity") << 2 << int(UsageBucketModel::QuantityColumn)
                                   << QLocale().toString(0.0, 'f', 0) << QVariant(0.0);
}

void TestUsageBucketModel::cells()
{
    QFETCH(int, row);
    QFETCH(int, column);
    QFETCH(QString, display);
    QFETCH(QVariant, raw);

    UsageBucketModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setRows(sampleRows());
    QCOMPARE(model.rowCount(), 3);
    const QModelIndex index = model.index(row, column);
    QCOMPARE(index.data().toString(), display);
    QCOMPARE(index.data(UsageBucketModel::RawValueRole), raw);
    if (column == UsageBucketModel::QuantityColumn)
        QCOMPARE(index.data(Qt::TextAlignmentRole).value<Qt::Alignment>(), Qt::AlignRight | Qt::AlignVCenter);
    if (column == UsageBucketModel::BucketStartColumn)
        QVERIFY(index.data(Qt::ToolTipRole).toString().endsWith(QLatin1Char('Z')));
}

void TestUsageBucketModel::headers()
{
    UsageBucketModel model;
    QCOMPARE(model.headerData(UsageBucketModel::BucketStartColumn, Qt::Horizontal).toString(),
        QStringLiteral("Bucket start"));
    QCOMPARE(
        model.headerData(UsageBucketModel::GroupColumn, Qt::Horizontal).toString(), QStringLiteral("Group"));
    QCOMPARE(model.headerData(UsageBucketModel::QuantityColumn, Qt::Horizontal).toString(),
        QStringLiteral("Quantity"));
}

void TestUsageBucketModel::resetSignals()
{
    UsageBucketModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.setRows(sampleRows());
    model.setRows({});
    model.setRows(sampleRows().mid(0, 1));
    QCOMPARE(reset.count(), 3);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.rowCount(model.index(0, 0)), 0); // a table: rows have no children
}

void TestUsageBucketModel::seriesKeepTopGroupsAndOther()
{
    // Ten groups over two buckets; group i has quantity i+1 in the first bucket only.
    osc::query::BucketResult result;
    result.groupBy = {QStringLiteral("region")};
    for (int i = 0; i < 10; ++i) {
        osc::query::UsageBucket row;
        row.bucketStartNs = kStartNs;
        row.quantity = i + 1;
        row.groupValues = {QStringLiteral("g%1").arg(i)};
        result.rows.append(row);
    }
    osc::query::UsageBucket late;
    late.bucketStartNs = kStartNs + kDayNs;
    late.quantity = 100;
    late.groupValues = {QStringLiteral("g0")};
    result.rows.append(late);

    const auto series = osc::ui::buildUsageSeries(result, 8);
    QCOMPARE(series.size(), 9);
    QCOMPARE(series.first().name, QStringLiteral("g0")); // 101 in total
    QCOMPARE(series.last().name, QStringLiteral("Other"));
    QVERIFY(series.last().isOther);
    QCOMPARE(series.last().total, 5.0); // g1 (2) and g2 (3) did not make the top 8
    for (const auto &line : series)
        QCOMPARE(line.points.size(), 2); // missing buckets are zero, not gaps
    QCOMPARE(series.at(1).points.at(1).y(), 0.0);
}

QTEST_MAIN(TestUsageBucketModel)
#include "tst_usagebucketmodel.moc"
