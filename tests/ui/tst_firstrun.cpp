#include "Engine.h"
#include "HttpServer.h"
#include "ServerControlAdapter.h"
#include "UiTestSupport.h"
#include "ui/MainWindow.h"
#include "ui/common/Theme.h"
#include "ui/common/WorkspaceContext.h"
#include "ui/events/EventsPage.h"
#include "ui/keys/ApiKeysPage.h"
#include "ui/meters/MeterEditorDialog.h"
#include "ui/meters/MeterTableModel.h"
#include "ui/meters/MetersPage.h"
#include "ui/overview/OverviewPage.h"
#include "ui/server/RequestLogModel.h"
#include "ui/server/ServerPage.h"
#include "ui/server/TrafficSampler.h"
#include "ui/settings/SettingsPage.h"
#include "ui/usage/UsagePage.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDateTime>
#include <QElapsedTimer>
#include <QLabel>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace osc::testsupport;
using osc::ui::MainWindow;

namespace {

constexpr int kTimeoutMs = 60'000;

bool screenshotsWanted()
{
    return !qEnvironmentVariableIsEmpty("OSC_SCREENSHOT_DIR");
}

} // namespace

// First run: an empty workspace offers "Create a meter" and "Load demo data"; loading demo data runs in
// the background with progress and fills every page. With OSC_SCREENSHOT_DIR set it also photographs
// every page of the window with that data (scripts/screenshots.sh).
class TestFirstRun : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void emptyStateCreatesMeter();
    void demoDataFillsEveryPage();
};

void TestFirstRun::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("OpenSpannerConsoleTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_firstrun"));
    QSettings().clear();
}

void TestFirstRun::emptyStateCreatesMeter()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto opened = osc::Engine::open({dir.filePath(QStringLiteral("t.db")), false});
    QVERIFY(opened.ok());
    osc::ui::WorkspaceContext workspace(opened.value()->defaultWorkspaceId());
    osc::ui::MetersPage page(*opened.value(), workspace);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    auto *create = page.findChild<QPushButton *>(QStringLiteral("createFirstMeterButton"));
    auto *demo = page.findChild<QPushButton *>(QStringLiteral("loadDemoDataButton"));
    QVERIFY(create && demo);
    QTRY_VERIFY_WITH_TIMEOUT(!page.isLoading(), kTimeoutMs);
    QTRY_VERIFY(create->isVisible() && demo->isVisible());
    QVERIFY(page.findChild<QLabel *>(QStringLiteral("metersEmptyState"))
                ->text()
                .startsWith(QStringLiteral("No meters yet.")));
    QTest::mouseClick(create, Qt::LeftButton);
    auto *dialog = page.findChild<osc::ui::MeterEditorDialog *>();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    dialog->reject();
}

void TestFirstRun::demoDataFillsEveryPage()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto opened = osc::Engine::open({dir.filePath(QStringLiteral("t.db")), false});
    QVERIFY(opened.ok());
    osc::Engine &engine = *opened.value();
    osc::http::HttpServer server(engine);
    osc::http::HttpServer::Options options;
    options.port = 0;
    auto port = server.start(options);
    QVERIFY(port.ok());

    osc::app::ServerControlAdapter control(server);
    MainWindow window(engine, control);
    window.settingsPage()->setDataPaths(dir.path(), dir.filePath(QStringLiteral("t.db")));
    window.resize(1280, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    osc::ui::MetersPage *meters = window.metersPage();
    QCOMPARE(meters->demoDataOptions().events, 20'000);
    QCOMPARE(meters->demoDataOptions().days, 30);
    QCOMPARE(meters->demoDataOptions().subjects, 50);
    if (!screenshotsWanted()) {
        osc::DemoDataOptions small = meters->demoDataOptions();
        small.events = 2'000; // the same path, a quicker test
        meters->setDemoDataOptions(small);
    }
    // The start page is the Overview; with no meters it points to the Meters page.
    QCOMPARE(window.currentPage(), MainWindow::Page::Overview);
    auto *openMeters = window.overviewPage()->findChild<QPushButton *>(QStringLiteral("openMetersButton"));
    QVERIFY(openMeters);
    QTRY_VERIFY_WITH_TIMEOUT(openMeters->isVisible(), kTimeoutMs);
    QTest::mouseClick(openMeters, Qt::LeftButton);
    QCOMPARE(window.currentPage(), MainWindow::Page::Meters);
    auto *demo = meters->findChild<QPushButton *>(QStringLiteral("loadDemoDataButton"));
    QTRY_VERIFY_WITH_TIMEOUT(demo->isVisible(), kTimeoutMs);
    saveScreenshot(window, QStringLiteral("window-first-run.png"));

    QSignalSpy loaded(meters, &osc::ui::MetersPage::demoDataLoaded);
    QTest::mouseClick(demo, Qt::LeftButton);
    QVERIFY(meters->isLoadingDemoData());
    auto *progress = meters->findChild<QProgressBar *>(QStringLiteral("demoDataProgress"));
    QVERIFY(progress->isVisible());
    QVERIFY(!demo->isVisible()); // no second run while one is going
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, kTimeoutMs);
    QVERIFY(!progress->isVisible());
    QVERIFY(meters->errorText().isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(meters->tableView()->model()->rowCount(), 7, kTimeoutMs);
    QCOMPARE(engine.systemCounters(engine.owner())->usageEvents, meters->demoDataOptions().events);
    meters->tableView()->selectRow(0);
    saveScreenshot(window, QStringLiteral("window-meters.png"));

    // The Usage page picked the new meters up without a manual refresh.
    auto *meterCombo = window.usagePage()->findChild<QComboBox *>(QStringLiteral("usageMeterCombo"));
    QTRY_COMPARE_WITH_TIMEOUT(meterCombo->count(), 7, kTimeoutMs);
    if (!screenshotsWanted())
        return;

    // Photographs of every page with the demo data.
    window.usagePage()->setMeter(QStringLiteral("api_requests"));
    auto *range = window.usagePage()->findChild<QComboBox *>(QStringLiteral("usageRangeCombo"));
    range->setCurrentIndex(range->findText(QStringLiteral("Last 30 days")));
    window.showPage(MainWindow::Page::Usage);
    auto *group = window.usagePage()->findChild<QComboBox *>(QStringLiteral("usageGroupCombo"));
    QTRY_VERIFY_WITH_TIMEOUT(group->findData(QStringLiteral("region")) >= 0, kTimeoutMs);
    group->setCurrentIndex(group->findData(QStringLiteral("region")));
    QTRY_VERIFY_WITH_TIMEOUT(!window.usagePage()->isLoading(), kTimeoutMs);
    saveScreenshot(window, QStringLiteral("window-usage.png"));
    window.showPage(MainWindow::Page::Events);
    auto *events = window.eventsPage()->findChild<QTableView *>(QStringLiteral("eventsTable"));
    // Reloads triggered by the page switch may still reset the table; select until the selection holds.
    const auto selectedAndIdle = [&] {
        if (!events->selectionModel()->hasSelection() && events->model()->rowCount() > 1)
            events->selectRow(1); // the detail pane shows the event in full
        return events->selectionModel()->hasSelection() && !window.eventsPage()->isLoading();
    };
    QTRY_VERIFY_WITH_TIMEOUT(selectedAndIdle(), kTimeoutMs);
    saveScreenshot(window, QStringLiteral("window-events.png"));

    const auto key = [&engine](const QString &name, const QStringList &scopes, const QStringList &meters,
                         std::optional<qint64> expiresAtNs = std::nullopt) {
        return engine.apiKeys().create(engine.defaultWorkspaceId(), {name, scopes, meters, expiresAtNs});
    };
    const qint64 inThirtyDays = (QDateTime::currentMSecsSinceEpoch() + 30LL * 86'400'000) * 1'000'000;
    auto ciKey = key(QStringLiteral("ci-runner"),
        {QStringLiteral("usage:write"), QStringLiteral("usage:read")}, {QStringLiteral("api_requests")});
    QVERIFY(ciKey.ok());
    QVERIFY(key(QStringLiteral("billing-service"), {QStringLiteral("usage:read")}, {}).ok());
    QVERIFY(key(QStringLiteral("ingest-gateway"), {QStringLiteral("usage:write")}, {}).ok());
    QVERIFY(key(QStringLiteral("staging-sdk"), {QStringLiteral("usage:write")},
        {QStringLiteral("ai_tokens"), QStringLiteral("api_requests")}, inThirtyDays)
                .ok());
    auto retired = key(QStringLiteral("old-cron-job"), {QStringLiteral("usage:write")}, {});
    QVERIFY(retired.ok());
    QVERIFY(engine.apiKeys().revoke(engine.defaultWorkspaceId(), retired->key.id).ok());
    window.showPage(MainWindow::Page::ApiKeys);
    QTRY_COMPARE_WITH_TIMEOUT(window.apiKeysPage()->tableView()->model()->rowCount(), 5, kTimeoutMs);
    saveScreenshot(window, QStringLiteral("window-keys.png"));

    // Server: a burst of requests between samples draws the sparklines.
    window.showPage(MainWindow::Page::Server);
    osc::ui::TrafficSampler *sampler = window.serverPage()->trafficSampler();
    sampler->stop();
    QSignalSpy sampled(sampler, &osc::ui::TrafficSampler::sampled);
    sampler->sample();
    QTRY_VERIFY_WITH_TIMEOUT(sampler->hasBaseline(), kTimeoutMs);
    QNetworkAccessManager network;
    // Each round: a few single-event posts (what a service sends) and a health check.
    QNetworkRequest post(QUrl(QStringLiteral("http://127.0.0.1:%1/v1/usages").arg(port.value())));
    post.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    post.setRawHeader("Authorization", "Bearer " + ciKey->secret.toUtf8());
    const QByteArray event = R"({"subject":"org_42","meter":"api_requests","quantity":1,)"
                             R"("metadata":{"region":"eu-west","plan":"pro","endpoint":"/v1/checkout"}})";
    for (int round = 1; round <= 40; ++round) {
        const int posts = 1 + (round * 7) % 5;
        for (int i = 0; i <= posts; ++i) {
            std::unique_ptr<QNetworkReply> reply(i < posts
                    ? network.post(post, event)
                    : network.get(QNetworkRequest(
                        QUrl(QStringLiteral("http://127.0.0.1:%1/health").arg(port.value())))));
            QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), kTimeoutMs);
            QVERIFY2(reply->error() == QNetworkReply::NoError, qPrintable(reply->errorString()));
        }
        sampler->sample();
        QTRY_COMPARE_WITH_TIMEOUT(sampled.count(), round, kTimeoutMs);
    }
    QTRY_VERIFY_WITH_TIMEOUT(window.serverPage()->requestLog()->rowCount() > 20, kTimeoutMs);
    saveScreenshot(window, QStringLiteral("window-server.png"));

    window.showPage(MainWindow::Page::Settings);
    saveScreenshot(window, QStringLiteral("window-settings.png"));

    // The dark theme reaches the chart too (QChart has its own colours).
    osc::ui::applyTheme(osc::ui::Theme::Dark);
    window.showPage(MainWindow::Page::Usage);
    QTRY_VERIFY_WITH_TIMEOUT(!window.usagePage()->isLoading(), kTimeoutMs);
    auto *chart = window.usagePage()->findChild<QChartView *>(QStringLiteral("usageChart"))->chart();
    QTRY_VERIFY(chart->backgroundBrush().color().lightness() < 80);
    saveScreenshot(window, QStringLiteral("window-usage-dark.png"));
    osc::ui::applyTheme(osc::ui::Theme::System);
    server.stop();
}

QTEST_MAIN(TestFirstRun)
#include "tst_firstrun.moc"
