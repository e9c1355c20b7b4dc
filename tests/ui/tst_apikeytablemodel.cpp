#include "ui/keys/ApiKeyTableModel.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QtTest>

using osc::ui::ApiKeyTableModel;

namespace {

constexpr qint64 kNanos = 1'000'000'000;
constexpr qint64 kNowSeconds = 1'750'000'000;
constexpr qint64 kNowNs = kNowSeconds * kNanos;

QString localTime(qint64 seconds)
{
    return QDateTime::fromSecsSinceEpoch(seconds).toLocalTime().toString(
        QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QList<osc::ApiKey> threeKeys()
{
    osc::ApiKey active;
    active.id = QStringLiteral("k_active");
    active.name = QStringLiteral("billing-service");
    active.prefix = QStringLiteral("osp_sk_abcdefghijk");
    active.scopes = {QStringLiteral("usage:write"), QStringLiteral("meters:read")};
    active.createdAtNs = (kNowSeconds - 3600) * kNanos;
    active.lastUsedAtNs = (kNowSeconds - 60) * kNanos;
    active.expiresAtNs = (kNowSeconds + 86'400) * kNanos;
    active.workspaceId = QStringLiteral("ws_ada");
    active.userId = QStringLiteral("u_ada"); // made over a dashboard session

    osc::ApiKey revoked;
    revoked.id = QStringLiteral("k_revoked");
    revoked.name = QStringLiteral("old-laptop");
    revoked.prefix = QStringLiteral("osp_sk_zyxwvutsrqp");
    revoked.scopes = {QStringLiteral("*")};
    revoked.allowedMeters = {QStringLiteral("api_calls"), QStringLiteral("storage_gb")};
    revoked.createdAtNs = (kNowSeconds - 7200) * kNanos;
    revoked.revokedAtNs = (kNowSeconds - 10) * kNanos;
    revoked.workspaceId = QStringLiteral("default");
    revoked.userId = QStringLiteral("u_gone"); // a user the names do not know

    osc::ApiKey expired;
    expired.id = QStringLiteral("k_expired");
    expired.name = QStringLiteral("ci-2024");
    expired.prefix = QStringLiteral("osp_sk_0123456789a");
    expired.scopes = {QStringLiteral("usage:read")};
    expired.createdAtNs = (kNowSeconds - 86'400) * kNanos;
    expired.expiresAtNs = kNowNs; // expiry is exclusive: at that instant the key no longer works
    expired.workspaceId = QStringLiteral("ws_unnamed");
    return {active, revoked, expired};
}

osc::ui::ApiKeyTableModel::Names names()
{
    return {{{QStringLiteral("u_ada"), QStringLiteral("ada@example.com")}},
        {{QStringLiteral("ws_ada"), QStringLiteral("ada's workspace")},
            {QStringLiteral("default"), QStringLiteral("Default workspace")}}};
}

} // namespace

class TestApiKeyTableModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shape();
    void headers_data();
    void headers();
    void cells_data();
    void cells();
    void status_data();
    void status();
    void lookupById();
};

void TestApiKeyTableModel::shape()
{
    ApiKeyTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    model.setKeys(threeKeys(), kNowNs);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.columnCount(), 11);
    model.setKeys(threeKeys(), kNowNs, names());
    QCOMPARE(model.rowCount(), 3);
    model.setKeys({}, kNowNs);
    QCOMPARE(model.rowCount(), 0);
}

void TestApiKeyTableModel::headers_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("title");
    QTest::newRow("name") << int(ApiKeyTableModel::NameColumn) << QStringLiteral("Name");
    QTest::newRow("owner") << int(ApiKeyTableModel::OwnerColumn) << QStringLiteral("Owner");
    QTest::newRow("workspace") << int(ApiKeyTableModel::WorkspaceColumn) << QStringLiteral("Workspace");
    QTest::newRow("prefix") << int(ApiKeyTableModel::PrefixColumn) << QStringLiteral("Prefix");
    QTest::newRow("scopes") << int(ApiKeyTableModel::ScopesColumn) << QStringLiteral("Scopes");
    QTest::newRow("allowed") << int(ApiKeyTableModel::AllowedMetersColumn)
                             << QStringLiteral("Allowed meters");
    QTest::newRow("created") << int(ApiKeyTableModel::CreatedColumn) << QStringLiteral("Created");
    QTest::newRow("last used") << int(ApiKeyTableModel::LastUsedColumn) << QStringLiteral("Last used");
    QTest::newRow("expires") << int(ApiKeyTableModel::ExpiresColumn) << QStringLiteral("Expires");
    QTest::newRow("status") << int(ApiKeyTableModel::StatusColumn) << QStringLiteral("Status");
}

void TestApiKeyTableModel::headers()
{
    QFETCH(int, column);
    QFETCH(QString, title);
    ApiKeyTableModel model;
    QCOMPARE(model.headerData(column, Qt::Horizontal).toString(), title);
}

void TestApiKeyTableModel::cells_data()
{
    QTest::addColumn<int>("row");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("text");
    QTest::newRow("name") << 0 << int(ApiKeyTableModel::NameColumn) << QStringLiteral("billing-service");
    QTest::newRow("owner by email") << 0 << int(ApiKeyTableModel::OwnerColumn)
                                    << QStringLiteral("ada@example.com");
    QTest::newRow("unknown owner by id")
        << 1 << int(ApiKeyTableModel::OwnerColumn) << QStringLiteral("u_gone");
    QTest::newRow("console key has no owner")
        << 2 << int(ApiKeyTableModel::OwnerColumn) << QStringLiteral("\u2014");
    QTest::newRow("workspace by name")
        << 0 << int(ApiKeyTableModel::WorkspaceColumn) << QStringLiteral("ada's workspace");
    QTest::newRow("unnamed workspace by id")
        << 2 << int(ApiKeyTableModel::WorkspaceColumn) << QStringLiteral("ws_unnamed");
    QTest::newRow("prefix") << 0 << int(ApiKeyTableModel::PrefixColumn)
                            << QStringLiteral("osp_sk_abcdefghijk\u2026");
    QTest::newRow("scopes") << 0 << int(ApiKeyTableModel::ScopesColumn)
                            << QStringLiteral("usage:write, meters:read");
    QTest::newRow("all meters") << 0 << int(ApiKeyTableModel::AllowedMetersColumn) << QStringLiteral("all");
    QTest::newRow("some meters") << 1 << int(ApiKeyTableModel::AllowedMetersColumn)
                                 << QStringLiteral("api_calls, storage_gb");
    QTest::newRow("created") << 0 << int(ApiKeyTableModel::CreatedColumn) << localTime(kNowSeconds - 3600);
    QTest::newRow("last used") << 0 << int(ApiKeyTableModel::LastUsedColumn) << localTime(kNowSeconds - 60);
    QTest::newRow("never used") << 1 << int(ApiKeyTableModel::LastUsedColumn) << QStringLiteral("never");
    QTest::newRow("expires") << 0 << int(ApiKeyTableModel::ExpiresColumn) << localTime(kNowSeconds + 86'400);
    QTest::newRow("never expires") << 1 << int(ApiKeyTableModel::ExpiresColumn) << QStringLiteral("never");
}

void TestApiKeyTableModel::cells()
{
    QFETCH(int, row);
    QFETCH(int, column);
    QFETCH(QString, text);
    ApiKeyTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setKeys(threeKeys(), kNowNs, names());
    QCOMPARE(model.index(row, column).data().toString(), text);
}

void TestApiKeyTableModel::status_data()
{
    QTest::addColumn<qint64>("nowNs");
    QTest::addColumn<int>("row");
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("status");
    using Status = ApiKeyTableModel::KeyStatus;
    QTest::newRow("active") << kNowNs << 0 << QStringLiteral("Active") << int(Status::Active);
    QTest::newRow("revoked") << kNowNs << 1 << QStringLiteral("Revoked") << int(Status::Revoked);
    QTest::newRow("expired at the instant")
        << kNowNs << 2 << QStringLiteral("Expired") << int(Status::Expired);
    QTest::newRow("not yet expired") << kNowNs - 1 << 2 << QStringLiteral("Active") << int(Status::Active);
    QTest::newRow("active key past expiry")
        << kNowNs + 2 * 86'400 * kNanos << 0 << QStringLiteral("Expired") << int(Status::Expired);
    QTest::newRow("revoked wins over expired")
        << kNowNs + 2 * 86'400 * kNanos << 1 << QStringLiteral("Revoked") << int(Status::Revoked);
}

void TestApiKeyTableModel::status()
{
    QFETCH(qint64, nowNs);
    QFETCH(int, row);
    QFETCH(QString, text);
    QFETCH(int, status);
    ApiKeyTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setKeys(threeKeys(), nowNs);
    const QModelIndex cell = model.index(row, ApiKeyTableModel::StatusColumn);
    QCOMPARE(cell.data().toString(), text);
    QCOMPARE(cell.data(ApiKeyTableModel::StatusRole).toInt(), status);
    QVERIFY(cell.data(Qt::ForegroundRole).isValid());
}

void TestApiKeyTableModel::lookupById()
{
    ApiKeyTableModel model;
    model.setKeys(threeKeys(), kNowNs);
    QCOMPARE(model.rowOfKey(QStringLiteral("k_expired")), 2);
    QCOMPARE(model.rowOfKey(QStringLiteral("nope")), -1);
    QCOMPARE(model.index(1, 0).data(ApiKeyTableModel::KeyIdRole).toString(), QStringLiteral("k_revoked"));
}

QTEST_MAIN(TestApiKeyTableModel)
#include "tst_apikeytablemodel.moc"
