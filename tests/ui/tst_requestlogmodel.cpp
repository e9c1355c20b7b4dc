#include "ui/server/RequestLogModel.h"

#include <QAbstractItemModelTester>
#include <QtTest>

using osc::ui::RequestLogModel;
using osc::ui::ServedRequest;

namespace {

ServedRequest entry(int n, int status = 200)
{
    return {1'700'000'000'000 + n, QByteArrayLiteral("GET"), QStringLiteral("/r/%1").arg(n), status, 250};
}

QList<ServedRequest> entries(int from, int count)
{
    QList<ServedRequest> out;
    for (int n = from; n < from + count; ++n)
        out.append(entry(n));
    return out;
}

} // namespace

class TestRequestLogModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void newestFirst();
    void capped();
    void burstLargerThanCapacity();
    void duration_data();
    void duration();
};

void TestRequestLogModel::newestFirst()
{
    RequestLogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.append(entries(1, 2));
    model.append({entry(3, 404)});
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.columnCount(), 5);
    QCOMPARE(model.index(0, RequestLogModel::PathColumn).data().toString(), QStringLiteral("/r/3"));
    QCOMPARE(model.index(0, RequestLogModel::StatusColumn).data().toInt(), 404);
    QCOMPARE(model.index(2, RequestLogModel::PathColumn).data().toString(), QStringLiteral("/r/1"));
    QCOMPARE(model.index(2, RequestLogModel::MethodColumn).data().toString(), QStringLiteral("GET"));
    QCOMPARE(model.headerData(RequestLogModel::DurationColumn, Qt::Horizontal).toString(),
        QStringLiteral("Duration"));
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

void TestRequestLogModel::capped()
{
    RequestLogModel model(5);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.append(entries(1, 4));
    model.append(entries(5, 3)); // 7 served, 5 kept
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(model.entryAt(0).path, QStringLiteral("/r/7"));
    QCOMPARE(model.entryAt(4).path, QStringLiteral("/r/3"));
}

void TestRequestLogModel::burstLargerThanCapacity()
{
    RequestLogModel model(RequestLogModel::kDefaultCapacity);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.append(entries(1, 10));
    model.append(entries(11, 250));
    QCOMPARE(model.rowCount(), 200);
    QCOMPARE(model.entryAt(0).path, QStringLiteral("/r/260"));
    QCOMPARE(model.entryAt(199).path, QStringLiteral("/r/61"));
}

void TestRequestLogModel::duration_data()
{
    QTest::addColumn<qint64>("micros");
    QTest::addColumn<QString>("text");
    QTest::newRow("micros") << qint64(250) << QStringLiteral("250 µs");
    QTest::newRow("millis") << qint64(1240) << QStringLiteral("1.2 ms");
    QTest::newRow("seconds") << qint64(2'000'000) << QStringLiteral("2000.0 ms");
}

void TestRequestLogModel::duration()
{
    QFETCH(qint64, micros);
    QFETCH(QString, text);
    QLocale::setDefault(QLocale::c());
    QCOMPARE(RequestLogModel::formatDuration(micros), text);
}

QTEST_MAIN(TestRequestLogModel)
#include "tst_requestlogmodel.moc"
