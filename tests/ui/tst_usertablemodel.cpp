// UserTableModel under QAbstractItemModelTester: one row per user with the workspaces they belong to
// (by name, the id when the workspace is unknown) and their role there.

#include "ui/accounts/UserTableModel.h"

#include <QAbstractItemModelTester>
#include <QtTest>

using osc::ui::UserTableModel;

namespace {

QList<osc::User> users()
{
    return {{QStringLiteral("u1"), QStringLiteral("ada@example.com"), 2'000},
        {QStringLiteral("u2"), QStringLiteral("grace@example.com"), 1'000},
        {QStringLiteral("u3"), QStringLiteral("orphan@example.com"), 3'000}};
}

QList<osc::Workspace> workspaces()
{
    return {{QStringLiteral("default"), QStringLiteral("Default workspace"), 0},
        {QStringLiteral("w1"), QStringLiteral("ada's workspace"), 2'000}};
}

QList<osc::Membership> memberships()
{
    return {{QStringLiteral("w1"), QStringLiteral("u1"), QStringLiteral("owner")},
        {QStringLiteral("w_gone"), QStringLiteral("u2"), QStringLiteral("owner")},
        {QStringLiteral("default"), QStringLiteral("u1"), QStringLiteral("member")}};
}

} // namespace

class TestUserTableModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shape();
    void cells_data();
    void cells();
    void lookupAndSort();
};

void TestUserTableModel::shape()
{
    UserTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    model.setAccounts(users(), workspaces(), memberships());
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.columnCount(), 4);
    QCOMPARE(
        model.headerData(UserTableModel::EmailColumn, Qt::Horizontal).toString(), QStringLiteral("Email"));
    QCOMPARE(model.headerData(UserTableModel::RoleColumn, Qt::Horizontal).toString(), QStringLiteral("Role"));
    model.setAccounts({}, {}, {});
    QCOMPARE(model.rowCount(), 0);
}

void TestUserTableModel::cells_data()
{
    QTest::addColumn<int>("row");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("text");
    QTest::newRow("email") << 0 << int(UserTableModel::EmailColumn) << QStringLiteral("ada@example.com");
    QTest::newRow("two workspaces") << 0 << int(UserTableModel::WorkspaceColumn)
                                    << QStringLiteral("ada's workspace, Default workspace");
    QTest::newRow("roles in the same order")
        << 0 << int(UserTableModel::RoleColumn) << QStringLiteral("owner, member");
    QTest::newRow("unknown workspace by id")
        << 1 << int(UserTableModel::WorkspaceColumn) << QStringLiteral("w_gone");
    QTest::newRow("no workspace") << 2 << int(UserTableModel::WorkspaceColumn) << QStringLiteral("—");
    QTest::newRow("no role") << 2 << int(UserTableModel::RoleColumn) << QStringLiteral("—");
}

void TestUserTableModel::cells()
{
    QFETCH(int, row);
    QFETCH(int, column);
    QFETCH(QString, text);
    UserTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setAccounts(users(), workspaces(), memberships());
    QCOMPARE(model.index(row, column).data().toString(), text);
}

void TestUserTableModel::lookupAndSort()
{
    UserTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setAccounts(users(), workspaces(), memberships());
    QCOMPARE(model.rowOfUser(QStringLiteral("u2")), 1);
    QCOMPARE(model.rowOfUser(QStringLiteral("nobody")), -1);
    QCOMPARE(model.userAt(1).email, QStringLiteral("grace@example.com"));
    QCOMPARE(model.index(1, 0).data(UserTableModel::UserIdRole).toString(), QStringLiteral("u2"));
    // Created sorts by time, not by the localized text.
    QCOMPARE(
        model.index(1, UserTableModel::CreatedColumn).data(UserTableModel::SortRole).toLongLong(), 1'000);
    QCOMPARE(model.index(0, UserTableModel::EmailColumn).data(UserTableModel::SortRole).toString(),
        QStringLiteral("ada@example.com"));
}

QTEST_MAIN(TestUserTableModel)
#include "tst_usertablemodel.moc"
