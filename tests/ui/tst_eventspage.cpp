#include "Engine.h"
#include "HttpServer.h"
#include "ServerControlAdapter.h"
#include "UiTestSupport.h"
#include "demo/DemoData.h"
#include "ui/MainWindow.h"
#include "ui/common/WorkspaceContext.h"
#include "ui/events/EventDetailView.h"
#include "ui/events/EventTableModel.h"
#include "ui/events/EventsPage.h"
#include "ui/events/SubjectListModel.h"
#include "ui/filter/FilterBuilder.h"
#include "ui/filter/FilterTreeModel.h"
#include "ui/usage/UsagePage.h"

#include <QComboBox>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTreeView>
#include <QtTest>

#include <memory>

using namespace osc::testsupport;
using osc::ui::EventsPage;
using osc::ui::EventTableModel;

namespace {

constexpr int kTimeoutMs = 20'000;

void loadDemo(osc::Engine &engine)
{
    osc::DemoDataOptions options;
    options.events = 3'000;
    options.days = 7;
    options.subjects = 20;
    auto demo = osc::generateDemoData(engine, options);
    if (!demo.ok())
        qFatal("demo data: %s", qPrintable(demo.error().message));
}

bool idle(const EventsPage &page)
{
    return !page.isLoading() && page.model()->rowCount() > 0;
}

} // namespace

class TestEventsPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void emptyState();
    void browseDemoEvents();
    void openUsageFromSubject();
};

void TestEventsPage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("OpenSpannerConsoleTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_eventspage"));
    QSettings().clear();
}

void TestEventsPage::emptyState()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto engine = openEngine(dir);
    osc::ui::WorkspaceContext workspace(engine->defaultWorkspaceId());
    EventsPage page(*engine, workspace);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    auto *placeholder = page.findChild<QLabel *>(QStringLiteral("eventsEmptyState"));
    QTRY_VERIFY_WITH_TIMEOUT(!page.isLoading() && placeholder->isVisible()
            && placeholder->text().startsWith(QStringLiteral("No usage events yet")),
        kTimeoutMs);
    QVERIFY(placeholder->text().contains(QStringLiteral("POST /v1/usages")));
    QVERIFY(page.errorText().isEmpty());
}

void TestEventsPage::browseDemoEvents()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto engine = openEngine(dir);
    loadDemo(*engine);

    osc::ui::WorkspaceContext workspace(engine->defaultWorkspaceId());
    EventsPage page(*engine, workspace);
    page.resize(1280, 800);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QTRY_VERIFY_WITH_TIMEOUT(idle(page), kTimeoutMs);
    auto *meterCombo = page.findChild<QComboBox *>(QStringLiteral("eventsMeterCombo"));
    QCOMPARE(meterCombo->itemText(0), QStringLiteral("All meters"));
    QCOMPARE(meterCombo->count(), 8); // "All meters" + the seven demo meters
    QTRY_COMPARE_WITH_TIMEOUT(page.subjects()->rowCount(), 20, kTimeoutMs);

    // Newest first; the view pulls further pages when scrolled to the bottom.
    QTableView *table = page.tableView();
    const int firstPage = page.model()->rowCount();
    QCOMPARE(firstPage, EventTableModel::kDefaultPageSize);
    table->scrollToBottom();
    QTRY_VERIFY_WITH_TIMEOUT(page.model()->rowCount() > firstPage && !page.isLoading(), kTimeoutMs);

    // Selecting a row fills the detail pane, metadata pretty-printed.
    table->selectRow(3);
    const osc::UsageEvent &event = page.model()->eventAt(3);
    osc::ui::EventDetailView *detail = page.detailView();
    QCOMPARE(detail->eventId(), event.id);
    QCOMPARE(detail->findChild<QLabel *>(QStringLiteral("eventDetailSubject"))->text(), event.subject);
    QCOMPARE(detail->findChild<QLabel *>(QStringLiteral("eventDetailMeter"))->text(), event.meter);
    const QString metadata = detail->metadataText();
    QVERIFY2(metadata.contains(QStringLiteral("\n    \"")), qPrintable(metadata)); // indented JSON
    QCOMPARE(QJsonDocument::fromJson(metadata.toUtf8()).object(),
        QJsonDocument::fromJson(event.metadata).object());

    // A meter and a filter narrow the list.
    meterCombo->setCurrentIndex(meterCombo->findData(QStringLiteral("api_requests")));
    QTRY_VERIFY_WITH_TIMEOUT(
        idle(page) && page.model()->search().meter == QLatin1String("api_requests"), kTimeoutMs);
    auto *filterButton = page.findChild<QPushButton *>(QStringLiteral("eventsFilterButton"));
    QTest::mouseClick(filterButton, Qt::LeftButton);
    QVERIFY(page.filterBuilder()->isVisible());
    QCOMPARE(page.filterBuilder()->setFilter(QJsonDocument::fromJson(R"({"type":"group","op":"and","rules":[
        {"type":"condition","field":"metadata.region","op":"in","value":["eu-west","eu-central"]},
        {"type":"condition","field":"metadata.status_code","op":"gte","value":400}]})")
                                                 .object()),
        QString());
    QTRY_VERIFY_WITH_TIMEOUT(idle(page) && !page.model()->search().filter.isNull(), kTimeoutMs);
    QCOMPARE(filterButton->text(), QStringLiteral("Filter (on)"));
    for (int row = 0; row < page.model()->rowCount(); ++row) {
        const osc::UsageEvent &shown = page.model()->eventAt(row);
        QCOMPARE(shown.meter, QStringLiteral("api_requests"));
        const QJsonObject fields = QJsonDocument::fromJson(shown.metadata).object();
        QVERIFY(fields.value(QStringLiteral("status_code")).toDouble() >= 400);
        QVERIFY(fields.value(QStringLiteral("region")).toString().startsWith(QStringLiteral("eu-")));
    }
    table->selectRow(0);
    page.filterBuilder()->treeView()->setCurrentIndex(
        page.filterBuilder()->model()->index(1, 0, page.filterBuilder()->model()->index(0, 0)));
    saveScreenshot(page, QStringLiteral("events-filtered.png"));

    // Activating a subject shows that subject's events.
    QTest::mouseClick(filterButton, Qt::LeftButton);
    page.filterBuilder()->clearFilter();
    meterCombo->setCurrentIndex(0);
    QTableView *subjects = page.subjectView();
    subjects->selectRow(1);
    const QString subject = page.subjects()->subjectAt(1).subject;
    Q_EMIT subjects->activated(subjects->model()->index(1, 0));
    QCOMPARE(page.findChild<QLineEdit *>(QStringLiteral("eventsSubjectEdit"))->text(), subject);
    QTRY_VERIFY_WITH_TIMEOUT(idle(page) && page.model()->search().subject == subject
            && page.model()->search().filter.isNull() && page.model()->search().meter.isEmpty(),
        kTimeoutMs);
    for (int row = 0; row < page.model()->rowCount(); ++row)
        QCOMPARE(page.model()->eventAt(row).subject, subject);
    QVERIFY(page.errorText().isEmpty());
    table->selectRow(0);
    saveScreenshot(page, QStringLiteral("events.png"));

    // Nothing matches: the empty state says what to do.
    page.setSubject(QStringLiteral("nobody"));
    auto *placeholder = page.findChild<QLabel *>(QStringLiteral("eventsEmptyState"));
    QTRY_VERIFY_WITH_TIMEOUT(!page.isLoading() && placeholder->isVisible(), kTimeoutMs);
    QVERIFY2(
        placeholder->text().startsWith(QStringLiteral("No events match")), qPrintable(placeholder->text()));
    QCOMPARE(detail->eventId(), QString());
}

void TestEventsPage::openUsageFromSubject()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto engine = openEngine(dir);
    loadDemo(*engine);
    osc::http::HttpServer server(*engine);
    osc::app::ServerControlAdapter control(server);
    osc::ui::MainWindow window(*engine, control);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.showPage(osc::ui::MainWindow::Page::Events);
    EventsPage *page = window.eventsPage();
    QTRY_VERIFY_WITH_TIMEOUT(idle(*page) && page->subjects()->rowCount() > 0, kTimeoutMs);
    saveScreenshot(window, QStringLiteral("mainwindow-events.png"));

    page->subjectView()->selectRow(0);
    const QString subject = page->subjects()->subjectAt(0).subject;
    QTest::mouseClick(page->findChild<QPushButton *>(QStringLiteral("openUsageButton")), Qt::LeftButton);
    QCOMPARE(window.currentPage(), osc::ui::MainWindow::Page::Usage);
    QCOMPARE(window.usagePage()->subject(), subject);
    QTRY_VERIFY_WITH_TIMEOUT(!window.usagePage()->isLoading(), kTimeoutMs);
    QVERIFY(window.usagePage()->errorText().isEmpty());
    window.close();
}

QTEST_MAIN(TestEventsPage)
#include "tst_eventspage.moc"
