#include "Engine.h"
#include "HttpServer.h"
#include "ServerControlAdapter.h"
#include "UiTestSupport.h"
#include "auth/Scope.h"
#include "ui/MainWindow.h"
#include "ui/alerts/AlertsPage.h"
#include "ui/events/EventsPage.h"
#include "ui/exports/ExportsPage.h"
#include "ui/keys/ApiKeyTableModel.h"
#include "ui/keys/ApiKeysPage.h"
#include "ui/keys/CreateApiKeyDialog.h"
#include "ui/keys/RateLimitDialog.h"
#include "ui/keys/RateLimitFields.h"
#include "ui/meters/MeterTableModel.h"
#include "ui/meters/MetersPage.h"
#include "ui/server/RequestLogModel.h"
#include "ui/server/ServerPage.h"
#include "ui/usage/UsagePage.h"

#include <QClipboard>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace osc::testsupport;
using osc::ui::MainWindow;

namespace {

constexpr int kTimeoutMs = 10'000;

void clickSidebarRow(QListWidget *sidebar, int row)
{
    const QRect rect = sidebar->visualItemRect(sidebar->item(row));
    QTest::mouseClick(sidebar->viewport(), Qt::LeftButton, {}, rect.center());
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void endToEnd();
};

void TestMainWindow::initTestCase()
{
    // Window geometry goes to a throwaway settings location, never the developer's own.
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("OpenSpannerConsoleTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
    QSettings().clear();
}

void TestMainWindow::endToEnd()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto opened = osc::Engine::open({dir.filePath(QStringLiteral("t.db")), true});
    QVERIFY2(opened.ok(), opened.ok() ? "" : qPrintable(opened.error().message));
    osc::Engine &engine = *opened.value();

    osc::MeterDraft draft;
    draft.name = QStringLiteral("api_calls");
    draft.unit = QStringLiteral("calls");
    draft.aggregation = QStringLiteral("sum");
    draft.dimensions
        = {osc::DimensionDraft{QStringLiteral("region"), {}, {}, QStringLiteral("string"), {}, {}}};
    auto meter = engine.meters().create(engine.owner(), draft);
    QVERIFY2(meter.ok(), meter.ok() ? "" : qPrintable(meter.error().message));

    osc::http::HttpServer server(engine);
    osc::http::HttpServer::Options options;
    options.address = QHostAddress::LocalHost;
    options.port = 0;
    options.maxBodyBytes = 4096; // a custom limit must survive stop/start from the Server page
    auto port = server.start(options);
    QVERIFY2(port.ok(), port.ok() ? "" : qPrintable(port.error().message));

    osc::app::ServerControlAdapter control(server);
    MainWindow window(engine, control);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.windowTitle(), QStringLiteral("Open Spanner Console"));
    QCOMPARE(window.currentPage(), MainWindow::Page::Overview); // the start page
    window.showPage(MainWindow::Page::Meters);

    auto *status = window.findChild<QLabel *>(QStringLiteral("serverStatusLabel"));
    QVERIFY(status);
    QVERIFY2(status->text().contains(QStringLiteral(":%1").arg(port.value())), qPrintable(status->text()));

    // Meters arrive from a worker thread.
    QTableView *metersTable = window.metersPage()->tableView();
    QTRY_COMPARE_WITH_TIMEOUT(metersTable->model()->rowCount(), 1, kTimeoutMs);
    QCOMPARE(metersTable->model()->index(0, osc::ui::MeterTableModel::NameColumn).data().toString(),
        QStringLiteral("api_calls"));
    QCOMPARE(metersTable->model()->index(0, osc::ui::MeterTableModel::DimensionsColumn).data().toString(),
        QStringLiteral("region"));
    QVERIFY(window.metersPage()->errorText().isEmpty());
    saveScreenshot(window, QStringLiteral("mainwindow-meters.png"));

    // Every sidebar entry selects its page; unbuilt features say so.
    auto *sidebar = window.findChild<QListWidget *>(QStringLiteral("sidebar"));
    QVERIFY(sidebar);
    QCOMPARE(sidebar->count(), 11);
    auto *pages = window.findChild<QStackedWidget *>(QStringLiteral("pages"));
    QVERIFY(pages);
    for (int row = sidebar->count() - 1; row >= 0; --row) {
        clickSidebarRow(sidebar, row);
        QCOMPARE(window.currentPage(), MainWindow::Page(row));
    }
    QCOMPARE(pages->widget(int(MainWindow::Page::Exports)), static_cast<QWidget *>(window.exportsPage()));
    QCOMPARE(pages->widget(int(MainWindow::Page::Events)), static_cast<QWidget *>(window.eventsPage()));
    QCOMPARE(pages->widget(int(MainWindow::Page::Alerts)), static_cast<QWidget *>(window.alertsPage()));
    window.showPage(MainWindow::Page::Usage);
    QCOMPARE(window.currentPage(), MainWindow::Page::Usage);
    QCOMPARE(sidebar->currentRow(), int(MainWindow::Page::Usage));
    QCOMPARE(pages->currentWidget(), static_cast<QWidget *>(window.usagePage()));
    saveScreenshot(window, QStringLiteral("mainwindow-usage.png"));

    // The server page logs requests the REST API answers (signals queued from the server thread).
    window.showPage(MainWindow::Page::Server);
    {
        QNetworkAccessManager network;
        std::unique_ptr<QNetworkReply> reply(network.get(
            QNetworkRequest(QUrl(QStringLiteral("http://127.0.0.1:%1/health").arg(port.value())))));
        QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), kTimeoutMs);
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 204);
    }
    osc::ui::ServerPage *serverPage = window.serverPage();
    QTRY_VERIFY_WITH_TIMEOUT(serverPage->requestLog()->rowCount() >= 1, kTimeoutMs);
    QCOMPARE(serverPage->requestLog()->entryAt(0).path, QStringLiteral("/health"));
    QCOMPARE(serverPage->requestLog()->entryAt(0).status, 204);
    QTRY_COMPARE_WITH_TIMEOUT(serverPage->findChild<QLabel *>(QStringLiteral("requestsServedLabel"))->text(),
        QString::number(server.requestsServed()), kTimeoutMs);
    QVERIFY(
        serverPage->curlCommand().contains(QStringLiteral("http://127.0.0.1:%1/health").arg(port.value())));
    QVERIFY(
        serverPage->curlCommand().startsWith(QStringLiteral("curl -s -o /dev/null -w '%{http_code}\\n' ")));
    saveScreenshot(window, QStringLiteral("mainwindow-server.png"));

    // API keys: create one through the dialog, see the secret once, find it in the list, revoke it.
    window.showPage(MainWindow::Page::ApiKeys);
    osc::ui::ApiKeysPage *keysPage = window.apiKeysPage();
    QTRY_VERIFY_WITH_TIMEOUT(!keysPage->isLoading(), kTimeoutMs);
    QCOMPARE(keysPage->tableView()->model()->rowCount(), 0);
    auto *keysEmpty = keysPage->findChild<QLabel *>(QStringLiteral("keysEmptyState"));
    QVERIFY(keysEmpty && keysEmpty->isVisible());
    QVERIFY(keysEmpty->text().startsWith(QStringLiteral("No API keys yet.")));
    saveScreenshot(window, QStringLiteral("mainwindow-keys-empty.png"));
    auto *createButton = keysPage->findChild<QPushButton *>(QStringLiteral("createKeyButton"));
    QVERIFY(createButton);
    QTest::mouseClick(createButton, Qt::LeftButton);
    auto *dialog = keysPage->findChild<osc::ui::CreateApiKeyDialog *>();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    QCOMPARE(dialog->draft().scopes, osc::scopes::defaults());

    auto *submit = dialog->findChild<QPushButton *>(QStringLiteral("submitKeyButton"));
    QVERIFY(submit);
    saveScreenshot(*dialog, QStringLiteral("createkey-form.png"));
    QTest::mouseClick(submit, Qt::LeftButton); // no name yet: the engine's message shows inline
    auto *keyError = dialog->findChild<QWidget *>(QStringLiteral("keyError"));
    QTRY_VERIFY_WITH_TIMEOUT(keyError->isVisible(), kTimeoutMs);
    QVERIFY(keyError->findChild<QLabel *>()->text().contains(QStringLiteral("name is required")));
    QVERIFY(dialog->secret().isEmpty());

    dialog->findChild<QLineEdit *>(QStringLiteral("keyName"))->setText(QStringLiteral("ci-runner"));
    dialog->findChild<QLineEdit *>(QStringLiteral("keyAllowedMeters"))
        ->setText(QStringLiteral("api_calls, "));
    // A rate limit (issue 21): the burst only applies with a rate.
    auto *burstBox = dialog->findChild<QSpinBox *>(QStringLiteral("keyRateBurst"));
    QVERIFY(burstBox && !burstBox->isEnabled());
    dialog->findChild<QSpinBox *>(QStringLiteral("keyRatePerMinute"))->setValue(120);
    QVERIFY(burstBox->isEnabled());
    burstBox->setValue(20);
    QTest::mouseClick(submit, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->secret().isEmpty(), kTimeoutMs);
    const QString secret = dialog->secret();
    QVERIFY(secret.startsWith(QStringLiteral("osp_sk_")));
    QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("secretWarning"))->isVisible());
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("copySecretButton")), Qt::LeftButton);
    QCOMPARE(QGuiApplication::clipboard()->text(), secret);
    saveScreenshot(*dialog, QStringLiteral("createkey-secret.png"));
    auto authenticated = engine.apiKeys().authenticate(secret);
    QVERIFY(authenticated.ok());
    QCOMPARE(authenticated->allowedMeters, QStringList{QStringLiteral("api_calls")});
    QCOMPARE(authenticated->rateLimit, (osc::RateLimit{120, 20}));
    dialog->accept();

    QAbstractItemModel *keys = keysPage->tableView()->model();
    QTRY_COMPARE_WITH_TIMEOUT(keys->rowCount(), 1, kTimeoutMs);
    using KeyColumn = osc::ui::ApiKeyTableModel::Column;
    QCOMPARE(keys->index(0, KeyColumn::NameColumn).data().toString(), QStringLiteral("ci-runner"));
    QCOMPARE(keys->index(0, KeyColumn::AllowedMetersColumn).data().toString(), QStringLiteral("api_calls"));
    QCOMPARE(keys->index(0, KeyColumn::StatusColumn).data().toString(), QStringLiteral("Active"));
    QVERIFY(secret.startsWith(keys->index(0, KeyColumn::PrefixColumn).data().toString().chopped(1)));
    keysPage->tableView()->selectRow(0);
    QCOMPARE(keysPage->selectedKeyId(), authenticated->apiKeyId);
    QVERIFY(keysPage->findChild<QPushButton *>(QStringLiteral("revokeKeyButton"))->isEnabled());
    QCOMPARE(
        keys->index(0, KeyColumn::RateLimitColumn).data().toString(), QStringLiteral("120/min, burst 20"));
    saveScreenshot(window, QStringLiteral("mainwindow-keys.png"));

    // Change the rate limit through its dialog; the key's next authentication carries it.
    QVERIFY(keysPage->findChild<QPushButton *>(QStringLiteral("rateLimitKeyButton"))->isEnabled());
    QTest::mouseClick(
        keysPage->findChild<QPushButton *>(QStringLiteral("rateLimitKeyButton")), Qt::LeftButton);
    auto *rateDialog = keysPage->findChild<osc::ui::RateLimitDialog *>();
    QVERIFY(rateDialog);
    QTRY_VERIFY(rateDialog->isVisible());
    QCOMPARE(rateDialog->fields()->value(), (osc::RateLimit{120, 20}));
    rateDialog->fields()->perMinuteBox()->setValue(0); // unlimited
    QVERIFY(!rateDialog->fields()->burstBox()->isEnabled());
    QTest::mouseClick(
        rateDialog->findChild<QPushButton *>(QStringLiteral("saveRateLimitButton")), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(keys->index(0, KeyColumn::RateLimitColumn).data().toString(),
        QStringLiteral("unlimited"), kTimeoutMs);
    QCOMPARE(engine.apiKeys().authenticate(secret)->rateLimit, osc::RateLimit{});
    keysPage->tableView()->selectRow(0);

    keysPage->revokeKey(keysPage->selectedKeyId());
    QTRY_COMPARE_WITH_TIMEOUT(
        keys->index(0, KeyColumn::StatusColumn).data().toString(), QStringLiteral("Revoked"), kTimeoutMs);
    QVERIFY(!engine.apiKeys().authenticate(secret).ok());
    QVERIFY(!keysPage->findChild<QPushButton *>(QStringLiteral("revokeKeyButton"))->isEnabled());

    // Stop and start from the Server page; the status bar follows.
    window.showPage(MainWindow::Page::Server);
    QTest::mouseClick(
        serverPage->findChild<QPushButton *>(QStringLiteral("stopServerButton")), Qt::LeftButton);
    QVERIFY(!server.isListening());
    QTRY_COMPARE_WITH_TIMEOUT(status->text(), QStringLiteral("Server stopped"), kTimeoutMs);
    serverPage->findChild<QSpinBox *>(QStringLiteral("serverPort"))->setValue(0); // any free port
    QTest::mouseClick(
        serverPage->findChild<QPushButton *>(QStringLiteral("startServerButton")), Qt::LeftButton);
    QVERIFY(server.isListening());
    QTRY_COMPARE_WITH_TIMEOUT(
        status->text(), QStringLiteral("Serving on 127.0.0.1:%1").arg(server.port()), kTimeoutMs);
    QVERIFY(serverPage->errorText().isEmpty());
    QCOMPARE(server.options().maxBodyBytes, 4096);
    server.stop();
    QTRY_COMPARE_WITH_TIMEOUT(status->text(), QStringLiteral("Server stopped"), kTimeoutMs);

    window.close();
    QVERIFY(QSettings().contains(QStringLiteral("mainWindow/geometry")));
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
