// The Users & workspaces page against a real engine, driven through its widgets: users with their
// workspaces and roles, every workspace's keys with the user who made them, adding a user and resetting
// a password through the dialog (errors inline; the old sessions end), and the registration switch with
// and without an environment override. Its models run under QAbstractItemModelTester throughout.

#include "Engine.h"
#include "UiTestSupport.h"
#include "ui/accounts/AccountsPage.h"
#include "ui/accounts/UserPasswordDialog.h"
#include "ui/accounts/UserTableModel.h"
#include "ui/keys/ApiKeyTableModel.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace osc::testsupport;
using osc::ui::AccountsPage;
using osc::ui::ApiKeyTableModel;
using osc::ui::UserPasswordDialog;
using osc::ui::UserTableModel;

namespace {

constexpr int kTimeoutMs = 10'000;
const QString kPassword = QStringLiteral("correct horse battery");

// The cell of `column` in the row whose `keyColumn` shows `key`, as the view shows it; empty when none.
QString cellOf(QAbstractItemModel *model, int keyColumn, const QString &key, int column)
{
    for (int row = 0; row < model->rowCount(); ++row)
        if (model->index(row, keyColumn).data().toString() == key)
            return model->index(row, column).data().toString();
    return {};
}

} // namespace

class TestAccountsPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void listsUsersWorkspacesAndKeys();
    void resetPasswordThroughDialog();
    void addUserThroughDialog();
    void registrationToggle();
    void registrationOverrideDisablesToggle();

private:
    std::unique_ptr<AccountsPage> showPage();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<osc::Engine> m_engine;
    osc::User m_ada;
    osc::User m_grace;
};

void TestAccountsPage::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_engine = openEngine(*m_dir);
    m_engine->accounts().configure({osc::password::Cost::minimal(), {}});
    auto ada = m_engine->accounts().registerUser(QStringLiteral("ada@example.com"), kPassword);
    auto grace = m_engine->accounts().registerUser(QStringLiteral("grace@example.com"), kPassword);
    QVERIFY(ada.ok() && grace.ok());
    m_ada = ada.value();
    m_grace = grace.value();
}

void TestAccountsPage::cleanup()
{
    m_engine.reset();
    m_dir.reset();
}

std::unique_ptr<AccountsPage> TestAccountsPage::showPage()
{
    auto page = std::make_unique<AccountsPage>(*m_engine);
    page->resize(1000, 640);
    page->show();
    if (!QTest::qWaitForWindowExposed(page.get()))
        qWarning("page not exposed");
    return page;
}

void TestAccountsPage::listsUsersWorkspacesAndKeys()
{
    // Ada made a key over a dashboard session; the console made one in the default workspace.
    const QString adaWorkspace = m_engine->store().findUserByEmail(m_ada.email).value()->workspaceId;
    osc::ApiKeyDraft draft;
    draft.name = QStringLiteral("ada-sdk");
    QVERIFY(m_engine->apiKeys().createForUser(osc::Principal::session(adaWorkspace, m_ada.id), draft).ok());
    draft.name = QStringLiteral("console-key");
    QVERIFY(m_engine->apiKeys().create(m_engine->defaultWorkspaceId(), draft).ok());

    auto page = showPage();
    QAbstractItemModelTester userTester(
        page->userModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester keyTester(
        page->keyModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy refreshed(page.get(), &AccountsPage::refreshed);
    QTRY_COMPARE_WITH_TIMEOUT(page->userTable()->model()->rowCount(), 2, kTimeoutMs);
    QVERIFY(page->errorText().isEmpty());

    QAbstractItemModel *users = page->userTable()->model();
    QCOMPARE(cellOf(users, UserTableModel::EmailColumn, m_ada.email, UserTableModel::WorkspaceColumn),
        QStringLiteral("ada's workspace"));
    QCOMPARE(cellOf(users, UserTableModel::EmailColumn, m_ada.email, UserTableModel::RoleColumn),
        QStringLiteral("owner"));
    QCOMPARE(cellOf(users, UserTableModel::EmailColumn, m_grace.email, UserTableModel::WorkspaceColumn),
        QStringLiteral("grace's workspace"));

    // Every workspace's keys, with owner and workspace.
    QAbstractItemModel *keys = page->keyTable()->model();
    QCOMPARE(keys->rowCount(), 2);
    QCOMPARE(
        cellOf(keys, ApiKeyTableModel::NameColumn, QStringLiteral("ada-sdk"), ApiKeyTableModel::OwnerColumn),
        m_ada.email);
    QCOMPARE(cellOf(keys, ApiKeyTableModel::NameColumn, QStringLiteral("ada-sdk"),
                 ApiKeyTableModel::WorkspaceColumn),
        QStringLiteral("ada's workspace"));
    QCOMPARE(cellOf(keys, ApiKeyTableModel::NameColumn, QStringLiteral("console-key"),
                 ApiKeyTableModel::OwnerColumn),
        QStringLiteral("\u2014"));
    QCOMPARE(cellOf(keys, ApiKeyTableModel::NameColumn, QStringLiteral("console-key"),
                 ApiKeyTableModel::WorkspaceColumn),
        QStringLiteral("Default workspace"));

    // The workspace filter narrows the key table to one workspace.
    QComboBox *filter = page->keyWorkspaceFilter();
    QCOMPARE(filter->count(), 4); // all, default, ada's, grace's
    QCOMPARE(filter->itemText(1), QStringLiteral("Default workspace"));
    QVERIFY(selectData(filter, adaWorkspace));
    QCOMPARE(keys->rowCount(), 1);
    QCOMPARE(keys->index(0, ApiKeyTableModel::NameColumn).data().toString(), QStringLiteral("ada-sdk"));
    const QString graceWorkspace = m_engine->store().findUserByEmail(m_grace.email).value()->workspaceId;
    QVERIFY(selectData(filter, graceWorkspace));
    QCOMPARE(keys->rowCount(), 0);
    // A reload keeps the chosen workspace.
    page->refresh();
    QTRY_VERIFY_WITH_TIMEOUT(refreshed.count() >= 1 && !page->isLoading(), kTimeoutMs);
    QCOMPARE(filter->currentText(), QStringLiteral("grace's workspace"));
    QVERIFY(selectData(filter, QString()));
    QCOMPARE(keys->rowCount(), 2);
    saveScreenshot(*page, QStringLiteral("accounts-page.png"));
}

void TestAccountsPage::resetPasswordThroughDialog()
{
    auto before = m_engine->accounts().login(m_ada.email, kPassword);
    QVERIFY(before.ok());

    auto page = showPage();
    QAbstractItemModelTester userTester(
        page->userModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_COMPARE_WITH_TIMEOUT(page->userModel()->rowCount(), 2, kTimeoutMs);
    auto *resetButton = page->findChild<QPushButton *>(QStringLiteral("resetPasswordButton"));
    QVERIFY(resetButton);
    QVERIFY(!resetButton->isEnabled()); // nobody selected
    page->selectUser(m_ada.id);
    QCOMPARE(page->selectedUserId(), m_ada.id);
    QVERIFY(resetButton->isEnabled());
    QTest::mouseClick(resetButton, Qt::LeftButton);
    QPointer<UserPasswordDialog> dialog = page->findChild<UserPasswordDialog *>();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    QVERIFY(dialog->isResetting());
    QVERIFY(!dialog->emailEdit()->isVisible());
    auto *submit = dialog->findChild<QPushButton *>(QStringLiteral("submitUserButton"));
    QVERIFY(submit);

    // The two fields differ: said inline, nothing reaches the engine.
    QTest::keyClicks(dialog->passwordEdit(), QStringLiteral("new passphrase 1"));
    QTest::keyClicks(dialog->confirmEdit(), QStringLiteral("new passphrase 2"));
    QTest::mouseClick(submit, Qt::LeftButton);
    QCOMPARE(dialog->errorText(), QStringLiteral("The two passwords differ."));
    QVERIFY(dialog->isVisible());

    // Too short: the engine's rule, inline; the dialog stays open and editable.
    dialog->passwordEdit()->setText(QStringLiteral("short"));
    dialog->confirmEdit()->setText(QStringLiteral("short"));
    QTest::mouseClick(submit, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isSubmitting() && !dialog->errorText().isEmpty(), kTimeoutMs);
    QVERIFY2(dialog->errorText().contains(QStringLiteral("password must be at least 8 characters")),
        qPrintable(dialog->errorText()));
    QVERIFY(dialog->isVisible());
    QVERIFY(dialog->passwordEdit()->isEnabled());
    QVERIFY(m_engine->accounts().authenticateSession(before->accessToken).ok()); // nothing changed yet
    saveScreenshot(*dialog, QStringLiteral("accounts-reset-error.png"));

    const QString newPassword = QStringLiteral("a brand new passphrase");
    dialog->passwordEdit()->setText(newPassword);
    dialog->confirmEdit()->setText(newPassword);
    QSignalSpy reset(dialog.data(), &UserPasswordDialog::passwordReset);
    QTest::mouseClick(submit, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(reset.count(), 1, kTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(dialog.isNull(), kTimeoutMs); // accepted and deleted on close
    QVERIFY2(page->noticeText().contains(m_ada.email), qPrintable(page->noticeText()));

    // Old cookies stop working; the new password logs in, the old one does not.
    QVERIFY(!m_engine->accounts().authenticateSession(before->accessToken).ok());
    QVERIFY(!m_engine->accounts().refresh(before->refreshToken).ok());
    QVERIFY(!m_engine->accounts().login(m_ada.email, kPassword).ok());
    QVERIFY(m_engine->accounts().login(m_ada.email, newPassword).ok());
    QVERIFY(m_engine->accounts().login(m_grace.email, kPassword).ok()); // others untouched
}

void TestAccountsPage::addUserThroughDialog()
{
    QVERIFY(m_engine->accounts().setRegistrationEnabled(false).ok()); // the console door ignores it
    auto page = showPage();
    QAbstractItemModelTester userTester(
        page->userModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_COMPARE_WITH_TIMEOUT(page->userModel()->rowCount(), 2, kTimeoutMs);
    QSignalSpy workspacesChanged(page.get(), &AccountsPage::workspacesChanged);

    QTest::mouseClick(page->findChild<QPushButton *>(QStringLiteral("addUserButton")), Qt::LeftButton);
    QPointer<UserPasswordDialog> dialog = page->findChild<UserPasswordDialog *>();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    QVERIFY(!dialog->isResetting());
    auto *submit = dialog->findChild<QPushButton *>(QStringLiteral("submitUserButton"));

    // A taken email: the engine's conflict, inline.
    QTest::keyClicks(dialog->emailEdit(), QStringLiteral("ADA@example.com"));
    dialog->passwordEdit()->setText(kPassword);
    dialog->confirmEdit()->setText(kPassword);
    QTest::mouseClick(submit, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isSubmitting() && !dialog->errorText().isEmpty(), kTimeoutMs);
    QVERIFY2(dialog->errorText().contains(QStringLiteral("already exists")), qPrintable(dialog->errorText()));
    saveScreenshot(*dialog, QStringLiteral("accounts-add-user.png"));

    dialog->emailEdit()->setText(QStringLiteral(" Linus@Example.com "));
    QTest::mouseClick(submit, Qt::LeftButton);
    // The result may arrive while the click is still being delivered: count, do not wait for a next one.
    QTRY_COMPARE_WITH_TIMEOUT(workspacesChanged.count(), 1, kTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(dialog.isNull(), kTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(page->userModel()->rowCount(), 3, kTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(!page->selectedUserId().isEmpty(), kTimeoutMs); // the new user is selected
    QCOMPARE(page->userModel()->userAt(page->userModel()->rowOfUser(page->selectedUserId())).email,
        QStringLiteral("linus@example.com"));
    QVERIFY(m_engine->accounts().login(QStringLiteral("linus@example.com"), kPassword).ok());
    QCOMPARE(m_engine->workspaces()->size(), 4);
}

void TestAccountsPage::registrationToggle()
{
    auto page = showPage();
    QTRY_COMPARE_WITH_TIMEOUT(page->userModel()->rowCount(), 2, kTimeoutMs);
    QCheckBox *toggle = page->registrationToggle();
    QVERIFY(toggle->isChecked()); // open by default
    QVERIFY(toggle->isEnabled());
    QVERIFY(page->registrationNote().contains(QStringLiteral("POST /v1/auth/users")));

    QSignalSpy saved(page.get(), &AccountsPage::registrationSaved);
    QTest::mouseClick(toggle, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, kTimeoutMs);
    QVERIFY(!toggle->isChecked());
    QCOMPARE(m_engine->accounts().registrationEnabled().value(), false);
    QCOMPARE(
        m_engine->accounts().registerUser(QStringLiteral("x@example.com"), kPassword).error().httpStatus(),
        403);
    QVERIFY2(
        page->registrationNote().contains(QStringLiteral("refused")), qPrintable(page->registrationNote()));

    QTest::mouseClick(toggle, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 2, kTimeoutMs);
    QVERIFY(toggle->isChecked());
    QCOMPARE(m_engine->accounts().registrationEnabled().value(), true);
}

void TestAccountsPage::registrationOverrideDisablesToggle()
{
    QVERIFY(m_engine->accounts().setRegistrationEnabled(true).ok());
    m_engine->accounts().configure({osc::password::Cost::minimal(), false}); // as --registration=false
    auto page = showPage();
    QTRY_COMPARE_WITH_TIMEOUT(page->userModel()->rowCount(), 2, kTimeoutMs);
    QCheckBox *toggle = page->registrationToggle();
    QVERIFY(!toggle->isChecked()); // the override wins
    QVERIFY(!toggle->isEnabled());
    QVERIFY2(page->registrationNote().contains(QStringLiteral("OPEN_SPANNER_REGISTRATION")),
        qPrintable(page->registrationNote()));
    QVERIFY(page->registrationNote().contains(QStringLiteral("closed")));
    // A click on the disabled box changes nothing.
    QTest::mouseClick(toggle, Qt::LeftButton);
    m_engine->accounts().configure({osc::password::Cost::minimal(), {}});
    QCOMPARE(m_engine->accounts().registrationEnabled().value(), true);
    saveScreenshot(*page, QStringLiteral("accounts-override.png"));
}

QTEST_MAIN(TestAccountsPage)
#include "tst_accountspage.moc"
