#include "ui/common/DisplayFormat.h"
#include "ui/meters/MeterTableModel.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QtTest>

using osc::ui::MeterTableModel;

namespace {

constexpr qint64 kLastEventSeconds = 1'700'000'000; // 2023-11-14T22:13:20Z

QList<osc::Meter> twoMeters()
{
    osc::Meter calls;
    calls.id = QStringLiteral("m_calls");
    calls.name = QStringLiteral("api_calls");
    calls.description = QStringLiteral("Requests to the public API");
    calls.unit = QStringLiteral("calls");
    calls.aggregation = osc::Aggregation::Sum;
    calls.dimensions = {osc::Dimension{QStringLiteral("region"), QStringLiteral("Region"), {}},
        osc::Dimension{QStringLiteral("plan"), QStringLiteral("Plan"), {}}};
    calls.eventRetentionDays = 30;

    osc::Meter storage;
    storage.id = QStringLiteral("m_storage");
    storage.name = QStringLiteral("storage_gb");
    storage.unit = QStringLiteral("GB");
    storage.aggregation = osc::Aggregation::Max;
    storage.eventRetentionDays = 90;
    return {calls, storage};
}

QList<osc::MeterUsageStats> statsForOneMeter()
{
    osc::MeterUsageStats calls;
    calls.meter = QStringLiteral("api_calls");
    calls.usageEvents = 42;
    calls.lastEventAtNs = kLastEventSeconds * 1'000'000'000;
    calls.retentionDays = 30;
    // Stats for a meter the list does not contain (deleted meanwhile) must not add a row.
    osc::MeterUsageStats gone;
    gone.meter = QStringLiteral("deleted_meter");
    gone.usageEvents = 7;
    return {calls, gone};
}

} // namespace

class TestMeterTableModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void emptyModel();
    void shape();
    void headers_data();
    void headers();
    void cells_data();
    void cells();
    void sortRoleIsRaw();
    void resetToFewerRows();
};

void TestMeterTableModel::emptyModel()
{
    MeterTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.columnCount(), int(MeterTableModel::ColumnCount));
}

void TestMeterTableModel::shape()
{
    MeterTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    model.setMeters(twoMeters(), statsForOneMeter());
    QCOMPARE(resets.count(), 1);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.columnCount(), 7);
    QCOMPARE(model.rowCount(model.index(0, 0)), 0); // a table: no children
    QCOMPARE(model.meterAt(1).name, QStringLiteral("storage_gb"));
}

void TestMeterTableModel::headers_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("title");
    QTest::newRow("name") << int(MeterTableModel::NameColumn) << QStringLiteral("Name");
    QTest::newRow("unit") << int(MeterTableModel::UnitColumn) << QStringLiteral("Unit");
    QTest::newRow("aggregation") << int(MeterTableModel::AggregationColumn) << QStringLiteral("Aggregation");
    QTest::newRow("dimensions") << int(MeterTableModel::DimensionsColumn) << QStringLiteral("Dimensions");
    QTest::newRow("retention") << int(MeterTableModel::RetentionColumn) << QStringLiteral("Retention (days)");
    QTest::newRow("events") << int(MeterTableModel::EventsColumn) << QStringLiteral("Events");
    QTest::newRow("last event") << int(MeterTableModel::LastEventColumn) << QStringLiteral("Last event");
}

void TestMeterTableModel::headers()
{
    QFETCH(int, column);
    QFETCH(QString, title);
    MeterTableModel model;
    QCOMPARE(model.headerData(column, Qt::Horizontal).toString(), title);
}

void TestMeterTableModel::cells_data()
{
    QTest::addColumn<int>("row");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("text");

    const QString lastEvent = QDateTime::fromSecsSinceEpoch(kLastEventSeconds)
                                  .toLocalTime()
                                  .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    const QString dash = QStringLiteral("\u2014");
    QTest::newRow("name") << 0 << int(MeterTableModel::NameColumn) << QStringLiteral("api_calls");
    QTest::newRow("unit") << 0 << int(MeterTableModel::UnitColumn) << QStringLiteral("calls");
    QTest::newRow("aggregation sum") << 0 << int(MeterTableModel::AggregationColumn) << QStringLiteral("sum");
    QTest::newRow("aggregation max") << 1 << int(MeterTableModel::AggregationColumn) << QStringLiteral("max");
    QTest::newRow("dimensions") << 0 << int(MeterTableModel::DimensionsColumn)
                                << QStringLiteral("region, plan");
    QTest::newRow("no dimensions") << 1 << int(MeterTableModel::DimensionsColumn) << dash;
    QTest::newRow("retention") << 0 << int(MeterTableModel::RetentionColumn) << QStringLiteral("30");
    QTest::newRow("events") << 0 << int(MeterTableModel::EventsColumn) << QStringLiteral("42");
    QTest::newRow("events without stats") << 1 << int(MeterTableModel::EventsColumn) << QStringLiteral("0");
    QTest::newRow("last event") << 0 << int(MeterTableModel::LastEventColumn) << lastEvent;
    QTest::newRow("never used") << 1 << int(MeterTableModel::LastEventColumn) << dash;
}

void TestMeterTableModel::cells()
{
    QFETCH(int, row);
    QFETCH(int, column);
    QFETCH(QString, text);
    MeterTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setMeters(twoMeters(), statsForOneMeter());
    QCOMPARE(model.index(row, column).data().toString(), text);
}

void TestMeterTableModel::sortRoleIsRaw()
{
    MeterTableModel model;
    model.setMeters(twoMeters(), statsForOneMeter());
    QCOMPARE(model.index(0, MeterTableModel::EventsColumn).data(MeterTableModel::SortRole).toLongLong(), 42);
    QCOMPARE(model.index(0, MeterTableModel::LastEventColumn).data(MeterTableModel::SortRole).toLongLong(),
        kLastEventSeconds * 1'000); // milliseconds: exact order over years 0001–9999
    QCOMPARE(model.index(1, MeterTableModel::LastEventColumn).data(MeterTableModel::SortRole).toLongLong(),
        std::numeric_limits<qint64>::min());
    QCOMPARE(model.index(1, 0).data(MeterTableModel::MeterIdRole).toString(), QStringLiteral("m_storage"));
}

void TestMeterTableModel::resetToFewerRows()
{
    MeterTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setMeters(twoMeters(), statsForOneMeter());
    model.setMeters(twoMeters().mid(1), {});
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, MeterTableModel::NameColumn).data().toString(), QStringLiteral("storage_gb"));
    model.setMeters({}, {});
    QCOMPARE(model.rowCount(), 0);
}

QTEST_MAIN(TestMeterTableModel)
#include "tst_metertablemodel.moc"
