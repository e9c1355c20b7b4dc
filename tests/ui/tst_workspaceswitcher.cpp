// The header's workspace switcher in a real MainWindow: it lists every workspace (default first),
// choosing one makes the data pages show that workspace's meters and keys (Usage, Events and Exports
// follow the same context), the choice persists, a remembered workspace that is gone falls back to the
// default, and a user added on Users & workspaces appears in it.

#include "Engine.h"
#include "HttpServer.h"
#include "ServerControlAdapter.h"
#include "UiTestSupport.h"
#include "ui/MainWindow.h"
#include "ui/accounts/AccountsPage.h"
#include "ui/accounts/UserTableModel.h"
#include "ui/accounts/WorkspaceSwitcher.h"
#include "ui/alerts/AlertsPage.h"
#include "ui/common/Language.h"
#include "ui/common/WorkspaceContext.h"
#include "ui/events/EventTableModel.h"
#include "ui/events/EventsPage.h"
#include "ui/keys/ApiKeyTableModel.h"
#include "ui/keys/ApiKeysPage.h"
#include "ui/keys/CreateApiKeyDialog.h"
#include "ui/meters/MeterTableModel.h"
#include "ui/meters/MetersPage.h"
#include "ui/settings/AppSettings.h"
#include "ui/usage/UsagePage.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QListWidget>
#include <QMetaEnum>
#include <QPushButton>
#include <QScopeGuard>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace osc::testsupport;
using osc::ui::MainWindow;

namespace {

constexpr int kTimeoutMs = 10'000;

QStringList column(QAbstractItemModel *model, int column)
{
    QStringList out;
    for (int row = 0; row < model->rowCount(); ++row)
        out.append(model->index(row, column).data().toString());
    out.sort();
    return out;
}

osc::MeterDraft meterDraft(const QString &name)
{
    osc::MeterDraft draft;
    draft.name = name;
    draft.unit = QStringLiteral("calls");
    draft.aggregation = QStringLiteral("sum");
    return draft;
}

} // namespace

class TestWorkspaceSwitcher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void switchingMovesEveryPage();
    void choicePersists();
    void goneWorkspaceFallsBackToDefault();
    void addedUserAppears();
    void accountsPageFits_data();
    void accountsPageFits();
    void everyPageFits_data();
    void everyPageFits();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<osc::Engine> m_engine;
    std::unique_ptr<osc::http::HttpServer> m_server; // never started: the window works without it
    std::unique_ptr<osc::app::ServerControlAdapter> m_control;
    QString m_adaWorkspace;
};

void TestWorkspaceSwitcher::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("OpenSpannerConsoleTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_workspaceswitcher"));
}

void TestWorkspaceSwitcher::init()
{
    QSettings().clear();
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_engine = openEngine(*m_dir);
    m_engine->accounts().configure({osc::password::Cost::minimal(), {}});
    // The default workspace: one meter, one console key.
    QVERIFY(m_engine->meters().create(m_engine->owner(), meterDraft(QStringLiteral("default_calls"))).ok());
    osc::ApiKeyDraft key;
    key.name = QStringLiteral("default-key");
    QVERIFY(m_engine->apiKeys().create(m_engine->defaultWorkspaceId(), key).ok());
    // Ada's workspace: two meters, a key she made over a session.
    auto ada = m_engine->accounts().registerUser(QStringLiteral("ada@example.com"),
        QStringLiteral("correct horse battery"), osc::AccountService::Door::Console);
    QVERIFY(ada.ok());
    m_adaWorkspace = m_engine->store().findUserByEmail(ada->email).value()->workspaceId;
    const osc::Principal adaOwner = osc::Principal::owner(m_adaWorkspace);
    QVERIFY(m_engine->meters().create(adaOwner, meterDraft(QStringLiteral("ada_tokens"))).ok());
    QVERIFY(m_engine->meters().create(adaOwner, meterDraft(QStringLiteral("ada_storage"))).ok());
    key.name = QStringLiteral("ada-sdk");
    QVERIFY(m_engine->apiKeys().createForUser(osc::Principal::session(m_adaWorkspace, ada->id), key).ok());

    m_server = std::make_unique<osc::http::HttpServer>(*m_engine);
    m_control = std::make_unique<osc::app::ServerControlAdapter>(*m_server);
}

void TestWorkspaceSwitcher::cleanup()
{
    m_control.reset();
    m_server.reset();
    m_engine.reset();
    m_dir.reset();
}

void TestWorkspaceSwitcher::switchingMovesEveryPage()
{
    MainWindow window(*m_engine, *m_control);
    window.resize(1280, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    osc::ui::WorkspaceSwitcher *switcher = window.workspaceSwitcher();
    QVERIFY(switcher && switcher->isVisible());
    QTRY_COMPARE_WITH_TIMEOUT(switcher->count(), 2, kTimeoutMs);
    QCOMPARE(switcher->itemText(0), QStringLiteral("Default workspace")); // default first
    QCOMPARE(switcher->itemText(1), QStringLiteral("ada's workspace"));
    QCOMPARE(switcher->currentIndex(), 0);

    QAbstractItemModel *meters = window.metersPage()->tableView()->model();
    QAbstractItemModelTester meterTester(
        window.metersPage()->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester keyTester(
        window.apiKeysPage()->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_COMPARE_WITH_TIMEOUT(column(meters, osc::ui::MeterTableModel::NameColumn),
        QStringList{QStringLiteral("default_calls")}, kTimeoutMs);
    QAbstractItemModel *keys = window.apiKeysPage()->tableView()->model();
    QTRY_COMPARE_WITH_TIMEOUT(column(keys, osc::ui::ApiKeyTableModel::NameColumn),
        QStringList{QStringLiteral("default-key")}, kTimeoutMs);
    QCOMPARE(
        keys->index(0, osc::ui::ApiKeyTableModel::OwnerColumn).data().toString(), QStringLiteral("\u2014"));

    // Choose Ada's workspace the way a user does: through the combo.
    QSignalSpy changed(window.workspaceContext(), &osc::ui::WorkspaceContext::workspaceChanged);
    switcher->setCurrentIndex(1);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(window.workspaceContext()->workspaceId(), m_adaWorkspace);
    QTRY_COMPARE_WITH_TIMEOUT(column(meters, osc::ui::MeterTableModel::NameColumn),
        (QStringList{QStringLiteral("ada_storage"), QStringLiteral("ada_tokens")}), kTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(column(keys, osc::ui::ApiKeyTableModel::NameColumn),
        QStringList{QStringLiteral("ada-sdk")}, kTimeoutMs);
    QCOMPARE(keys->index(0, osc::ui::ApiKeyTableModel::OwnerColumn).data().toString(),
        QStringLiteral("ada@example.com"));
    QCOMPARE(keys->index(0, osc::ui::ApiKeyTableModel::WorkspaceColumn).data().toString(),
        QStringLiteral("ada's workspace"));
    // Usage and Events offer Ada's meters and query her workspace.
    auto *usageMeters = window.usagePage()->findChild<QComboBox *>(QStringLiteral("usageMeterCombo"));
    QVERIFY(usageMeters);
    QTRY_VERIFY_WITH_TIMEOUT(usageMeters->findText(QStringLiteral("ada_tokens")) >= 0, kTimeoutMs);
    auto *eventMeters = window.eventsPage()->findChild<QComboBox *>(QStringLiteral("eventsMeterCombo"));
    QVERIFY(eventMeters);
    QTRY_VERIFY_WITH_TIMEOUT(eventMeters->findData(QStringLiteral("ada_tokens")) >= 0, kTimeoutMs);
    QCOMPARE(eventMeters->findData(QStringLiteral("default_calls")), -1);
    window.showPage(MainWindow::Page::Meters);
    saveScreenshot(window, QStringLiteral("workspace-switcher.png"));

    // A key created from the API keys page now lands in Ada's workspace, not the default one.
    window.showPage(MainWindow::Page::ApiKeys);
    osc::ui::CreateApiKeyDialog *dialog = window.apiKeysPage()->openCreateDialog();
    dialog->findChild<QLineEdit *>(QStringLiteral("keyName"))->setText(QStringLiteral("made-in-ada"));
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("submitKeyButton")), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->secret().isEmpty(), kTimeoutMs);
    dialog->accept();
    QTRY_COMPARE_WITH_TIMEOUT(column(keys, osc::ui::ApiKeyTableModel::NameColumn),
        (QStringList{QStringLiteral("ada-sdk"), QStringLiteral("made-in-ada")}), kTimeoutMs);
    QCOMPARE(m_engine->apiKeys().list(m_adaWorkspace)->size(), 2);
    QCOMPARE(m_engine->apiKeys().list(m_engine->defaultWorkspaceId())->size(), 1);

    // And back.
    switcher->setCurrentIndex(0);
    QTRY_COMPARE_WITH_TIMEOUT(column(meters, osc::ui::MeterTableModel::NameColumn),
        QStringList{QStringLiteral("default_calls")}, kTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(column(keys, osc::ui::ApiKeyTableModel::NameColumn),
        QStringList{QStringLiteral("default-key")}, kTimeoutMs);
}

void TestWorkspaceSwitcher::choicePersists()
{
    {
        MainWindow window(*m_engine, *m_control);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_COMPARE_WITH_TIMEOUT(window.workspaceSwitcher()->count(), 2, kTimeoutMs);
        QVERIFY(selectData(window.workspaceSwitcher(), m_adaWorkspace));
        QCOMPARE(osc::ui::settings::workspaceId(), m_adaWorkspace);
        window.close();
    }
    MainWindow window(*m_engine, *m_control);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.workspaceContext()->workspaceId(), m_adaWorkspace); // from the first load on
    QTRY_COMPARE_WITH_TIMEOUT(window.workspaceSwitcher()->count(), 2, kTimeoutMs);
    QCOMPARE(window.workspaceSwitcher()->currentData().toString(), m_adaWorkspace);
    QTRY_COMPARE_WITH_TIMEOUT(
        column(window.metersPage()->tableView()->model(), osc::ui::MeterTableModel::NameColumn),
        (QStringList{QStringLiteral("ada_storage"), QStringLiteral("ada_tokens")}), kTimeoutMs);
}

void TestWorkspaceSwitcher::goneWorkspaceFallsBackToDefault()
{
    osc::ui::settings::setWorkspaceId(QStringLiteral("a-workspace-of-another-database"));
    MainWindow window(*m_engine, *m_control);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_COMPARE_WITH_TIMEOUT(
        window.workspaceContext()->workspaceId(), m_engine->defaultWorkspaceId(), kTimeoutMs);
    QCOMPARE(window.workspaceSwitcher()->currentIndex(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(
        column(window.metersPage()->tableView()->model(), osc::ui::MeterTableModel::NameColumn),
        QStringList{QStringLiteral("default_calls")}, kTimeoutMs);
    QCOMPARE(osc::ui::settings::workspaceId(), m_engine->defaultWorkspaceId());
}

void TestWorkspaceSwitcher::addedUserAppears()
{
    MainWindow window(*m_engine, *m_control);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_COMPARE_WITH_TIMEOUT(window.workspaceSwitcher()->count(), 2, kTimeoutMs);
    window.showPage(MainWindow::Page::Accounts);
    osc::ui::AccountsPage *accounts = window.accountsPage();
    QTRY_COMPARE_WITH_TIMEOUT(accounts->userTable()->model()->rowCount(), 1, kTimeoutMs);
    QVERIFY(m_engine->accounts()
                .registerUser(QStringLiteral("grace@example.com"), QStringLiteral("correct horse battery"))
                .ok()); // e.g. over the REST API
    window.refreshCurrentPage(); // F5 on the page reloads the switcher too
    QTRY_COMPARE_WITH_TIMEOUT(window.workspaceSwitcher()->count(), 3, kTimeoutMs);
    QCOMPARE(window.workspaceSwitcher()->itemText(2), QStringLiteral("grace's workspace"));
    QTRY_COMPARE_WITH_TIMEOUT(accounts->userTable()->model()->rowCount(), 2, kTimeoutMs);
    saveScreenshot(window, QStringLiteral("accounts-window.png"));
}

void TestWorkspaceSwitcher::accountsPageFits_data()
{
    QTest::addColumn<QSize>("size");
    QTest::addColumn<QString>("language");
    QTest::newRow("1280x800") << QSize(1280, 800) << QStringLiteral("en");
    QTest::newRow("1024x700") << QSize(1024, 700) << QStringLiteral("en");
    QTest::newRow("1024x700 German") << QSize(1024, 700) << QStringLiteral("de"); // longer words
}

void TestWorkspaceSwitcher::accountsPageFits()
{
    QFETCH(QSize, size);
    QFETCH(QString, language);
    QVERIFY(osc::ui::installLanguage(language));
    auto english = qScopeGuard([] { osc::ui::installLanguage(QStringLiteral("en")); });
    QVERIFY(m_engine->accounts()
                .registerUser(
                    QStringLiteral("grace.hopper@navy.example.org"), QStringLiteral("correct horse battery"))
                .ok());
    MainWindow window(*m_engine, *m_control);
    window.resize(size);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_COMPARE_WITH_TIMEOUT(window.workspaceSwitcher()->count(), 3, kTimeoutMs);
    window.showPage(MainWindow::Page::Accounts);
    osc::ui::AccountsPage *accounts = window.accountsPage();
    QTRY_COMPARE_WITH_TIMEOUT(accounts->keyTable()->model()->rowCount(), 2, kTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(!accounts->isLoading(), kTimeoutMs);
    accounts->selectUser(accounts->userModel()->userAt(0).id);
    // The key table shows who made a key and whether it works without scrolling sideways.
    QTableView *keyTable = accounts->keyTable();
    const int statusRight = keyTable->columnViewportPosition(osc::ui::ApiKeyTableModel::StatusColumn)
        + keyTable->columnWidth(osc::ui::ApiKeyTableModel::StatusColumn);
    QVERIFY2(statusRight <= keyTable->viewport()->width() + 1, qPrintable(QString::number(statusRight)));
    // Nothing the page needs is cut off: the window is no wider than asked, and every button's text fits.
    QCOMPARE(window.size(), size);
    for (QPushButton *button : accounts->findChildren<QPushButton *>())
        QVERIFY2(button->width() >= button->sizeHint().width(), qPrintable(button->text()));
    QVERIFY(accounts->registrationToggle()->width() >= accounts->registrationToggle()->sizeHint().width());
    // No sidebar title is elided (German words are long): icon, spacing and text fit the item.
    auto *sidebar = window.findChild<QListWidget *>(QStringLiteral("sidebar"));
    QVERIFY(sidebar);
    for (int row = 0; row < sidebar->count(); ++row) {
        QListWidgetItem *item = sidebar->item(row);
        const int needed
            = sidebar->iconSize().width() + 16 + sidebar->fontMetrics().horizontalAdvance(item->text());
        QVERIFY2(needed <= sidebar->viewport()->width(), qPrintable(item->text()));
    }
    const QString suffix
        = QStringLiteral("%1x%2%3.png")
              .arg(size.width())
              .arg(size.height())
              .arg(language == QLatin1StringView("en") ? QString() : QStringLiteral("-") + language);
    saveScreenshot(window, QStringLiteral("window-accounts-") + suffix);
    QVERIFY(selectData(window.workspaceSwitcher(), m_adaWorkspace));
    window.showPage(MainWindow::Page::ApiKeys);
    QTRY_COMPARE_WITH_TIMEOUT(window.apiKeysPage()->tableView()->model()->rowCount(), 1, kTimeoutMs);
    saveScreenshot(window, QStringLiteral("window-keys-ada-") + suffix);
}

void TestWorkspaceSwitcher::everyPageFits_data()
{
    QTest::addColumn<QSize>("size");
    QTest::addColumn<QString>("language");
    for (const QSize size : {QSize(1280, 800), QSize(1024, 700)})
        for (const QString language : {QStringLiteral("en"), QStringLiteral("de")})
            QTest::addRow("%dx%d %s", size.width(), size.height(), qPrintable(language)) << size << language;
}

void TestWorkspaceSwitcher::everyPageFits()
{
    // The window is no wider or taller than asked on any page (it once grew to 1,372 px for the Usage
    // page's one-row toolbar), and the page's buttons show their whole text.
    QFETCH(QSize, size);
    QFETCH(QString, language);
    QVERIFY(osc::ui::installLanguage(language));
    auto english = qScopeGuard([] { osc::ui::installLanguage(QStringLiteral("en")); });
    MainWindow window(*m_engine, *m_control);
    window.resize(size);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const QMetaEnum pages = QMetaEnum::fromType<MainWindow::Page>();
    for (int i = 0; i < pages.keyCount(); ++i) {
        const auto page = MainWindow::Page(pages.value(i));
        window.showPage(page);
        QCoreApplication::processEvents();
        QVERIFY2(window.size() == size,
            qPrintable(QStringLiteral("%1: %2x%3")
                           .arg(QLatin1String(pages.key(i)))
                           .arg(window.width())
                           .arg(window.height())));
        if (page == MainWindow::Page::Usage || page == MainWindow::Page::Alerts) {
            // The Alerts page's button rows: every tab's, each shown in turn.
            auto *alertTabs = window.alertsPage()->tabs();
            for (int tab = 0; tab < (page == MainWindow::Page::Alerts ? alertTabs->count() : 1); ++tab) {
                if (page == MainWindow::Page::Alerts) {
                    alertTabs->setCurrentIndex(tab);
                    QCoreApplication::processEvents();
                    QCOMPARE(window.size(), size);
                }
                for (QPushButton *button : window.findChildren<QPushButton *>())
                    if (button->isVisible())
                        QVERIFY2(button->width() >= button->sizeHint().width(), qPrintable(button->text()));
            }
            saveScreenshot(window,
                QStringLiteral("window-%1-%2x%3-%4.png")
                    .arg(page == MainWindow::Page::Usage ? QStringLiteral("usage") : QStringLiteral("alerts"))
                    .arg(size.width())
                    .arg(size.height())
                    .arg(language));
        }
    }
}

QTEST_MAIN(TestWorkspaceSwitcher)
#include "tst_workspaceswitcher.moc"
