// The Plans page's item models on their own, under QAbstractItemModelTester: plans with their subject
// counts, assignments with the status computed at load time, and the entitlement event feed kept newest
// first whatever order it arrives in.

#include "ui/plans/AssignmentTableModel.h"
#include "ui/plans/EntitlementEventModel.h"
#include "ui/plans/PlanTableModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

using osc::ui::AssignmentTableModel;
using osc::ui::EntitlementEventModel;
using osc::ui::PlanTableModel;

namespace {

constexpr qint64 kSecond = 1'000'000'000;
constexpr qint64 kNow = 1'780'000'000 * kSecond;

osc::Plan plan(const QString &id, const QString &name, int version, int limits)
{
    osc::Plan p;
    p.id = id;
    p.name = name;
    p.version = version;
    for (int i = 0; i < limits; ++i)
        p.limits.append(osc::PlanLimit{});
    return p;
}

osc::PlanAssignment assignment(const QString &subject, qint64 from, std::optional<qint64> until)
{
    osc::PlanAssignment a;
    a.id = subject + QString::number(from);
    a.subject = subject;
    a.planId = QStringLiteral("p1");
    a.planName = QStringLiteral("Pro");
    a.planVersion = 2;
    a.assignedAtNs = from;
    a.unassignedAtNs = until;
    return a;
}

osc::EntitlementEvent entitlementEvent(const QString &type, qint64 at, osc::QuotaState state)
{
    osc::EntitlementEvent e;
    e.id = type;
    e.type = type;
    e.subject = QStringLiteral("org_1");
    e.meter = QStringLiteral("api_requests");
    e.period = osc::PlanPeriod::Day;
    e.state = state;
    e.current = 12.5;
    e.limit = 10;
    e.createdAtNs = at;
    return e;
}

} // namespace

class TestPlanModels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void plans();
    void assignments();
    void events();
};

void TestPlanModels::plans()
{
    PlanTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.columnCount(), int(PlanTableModel::ColumnCount));
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.setPlans({plan(QStringLiteral("p1"), QStringLiteral("Pro"), 2, 3),
                       plan(QStringLiteral("p2"), QStringLiteral("Free"), 1, 1)},
        {{QStringLiteral("p1"), 4}});
    QCOMPARE(reset.count(), 1);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(0, PlanTableModel::NameColumn).data().toString(), QStringLiteral("Pro"));
    QCOMPARE(model.index(0, PlanTableModel::VersionColumn).data().toString(), QStringLiteral("v2"));
    QCOMPARE(model.index(0, PlanTableModel::LimitsColumn).data().toString(), QStringLiteral("3"));
    QCOMPARE(model.index(0, PlanTableModel::SubjectsColumn).data().toString(), QStringLiteral("4"));
    QCOMPARE(model.index(1, PlanTableModel::SubjectsColumn).data().toString(), QStringLiteral("0"));
    QCOMPARE(model.index(1, PlanTableModel::SubjectsColumn).data(PlanTableModel::SortRole).toInt(), 0);
    QCOMPARE(model.index(1, 0).data(PlanTableModel::PlanIdRole).toString(), QStringLiteral("p2"));
    QCOMPARE(model.rowOfPlan(QStringLiteral("p2")), 1);
    QCOMPARE(model.rowOfPlan(QStringLiteral("nope")), -1);
    QCOMPARE(model.headerData(PlanTableModel::SubjectsColumn, Qt::Horizontal).toString(),
        QStringLiteral("Subjects"));
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

void TestPlanModels::assignments()
{
    AssignmentTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setAssignments({assignment(QStringLiteral("later"), kNow + 60 * kSecond, std::nullopt),
                             assignment(QStringLiteral("now"), kNow - 60 * kSecond, std::nullopt),
                             assignment(QStringLiteral("past"), kNow - 120 * kSecond, kNow - 60 * kSecond)},
        kNow);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(
        model.index(0, AssignmentTableModel::StatusColumn).data().toString(), QStringLiteral("scheduled"));
    QCOMPARE(model.index(1, AssignmentTableModel::StatusColumn).data().toString(), QStringLiteral("active"));
    QCOMPARE(model.index(2, AssignmentTableModel::StatusColumn).data().toString(), QStringLiteral("ended"));
    QCOMPARE(
        model.index(2, 0).data(AssignmentTableModel::StatusRole).toInt(), int(osc::AssignmentStatus::Ended));
    QCOMPARE(model.index(1, AssignmentTableModel::PlanColumn).data().toString(), QStringLiteral("Pro (v2)"));
    QCOMPARE(model.index(1, AssignmentTableModel::UntilColumn).data().toString(), QStringLiteral("\u2014"));
    QVERIFY(
        model.index(2, AssignmentTableModel::UntilColumn).data().toString().startsWith(QStringLiteral("20")));
    QVERIFY(model.index(2, 0).data(Qt::ForegroundRole).isValid()); // history is muted
    QVERIFY(!model.index(1, 0).data(Qt::ForegroundRole).isValid());
    QCOMPARE(model.rowOfSubject(QStringLiteral("past")), 2);
    // The same rows read later: the scheduled one has started.
    model.setAssignments(
        {assignment(QStringLiteral("later"), kNow + 60 * kSecond, std::nullopt)}, kNow + 61 * kSecond);
    QCOMPARE(model.statusAt(0), osc::AssignmentStatus::Active);
}

void TestPlanModels::events()
{
    EntitlementEventModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setEvents(
        {entitlementEvent(QStringLiteral("warning"), kNow - 10 * kSecond, osc::QuotaState::Warning),
            entitlementEvent(QStringLiteral("recovered"), kNow, osc::QuotaState::Ok),
            entitlementEvent(QStringLiteral("exceeded"), kNow - 5 * kSecond, osc::QuotaState::Exceeded)});
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.index(0, 0).data(EntitlementEventModel::TypeRole).toString(), QStringLiteral("recovered"));
    QCOMPARE(model.index(1, 0).data(EntitlementEventModel::TypeRole).toString(), QStringLiteral("exceeded"));
    QCOMPARE(model.index(2, 0).data(EntitlementEventModel::TypeRole).toString(), QStringLiteral("warning"));
    QCOMPARE(model.index(1, EntitlementEventModel::TypeColumn).data().toString(), QStringLiteral("exceeded"));
    QCOMPARE(model.index(1, EntitlementEventModel::MeterColumn).data().toString(),
        QStringLiteral("api_requests / day"));
    QCOMPARE(
        model.index(1, EntitlementEventModel::UsageColumn).data().toString(), QStringLiteral("12.5 of 10"));
    QVERIFY(model.index(1, EntitlementEventModel::TypeColumn).data(Qt::ForegroundRole).isValid());
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

QTEST_MAIN(TestPlanModels)
#include "tst_planmodels.moc"
