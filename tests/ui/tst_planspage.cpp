// The Plans page against a real engine, driven through its widgets: a plan made in the New plan dialog,
// an edit that previews its effect on an assigned subject before saving version 2, assigning subjects
// (now and scheduled) with the quota progress of usage posted through the engine, the entitlement event
// feed, a delete refused inline, and a workspace switch that empties the page. The page's models run
// under QAbstractItemModelTester throughout. With OSC_SCREENSHOT_DIR set, the window is grabbed at two
// sizes, in English and German, light and dark.

#include "Engine.h"
#include "HttpServer.h"
#include "ServerControlAdapter.h"
#include "UiTestSupport.h"
#include "ui/MainWindow.h"
#include "ui/common/Language.h"
#include "ui/common/Theme.h"
#include "ui/common/WorkspaceContext.h"
#include "ui/events/EventsPage.h"
#include "ui/events/SubjectListModel.h"
#include "ui/plans/AssignmentTableModel.h"
#include "ui/plans/EntitlementEventModel.h"
#include "ui/plans/PlanEditorDialog.h"
#include "ui/plans/PlanPreviewDialog.h"
#include "ui/plans/PlanTableModel.h"
#include "ui/plans/PlansPage.h"
#include "ui/plans/QuotaBar.h"
#include "ui/plans/QuotaProgressView.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

using namespace osc::testsupport;
using osc::ui::AssignmentTableModel;
using osc::ui::EntitlementEventModel;
using osc::ui::PlanEditorDialog;
using osc::ui::PlansPage;
using osc::ui::PlanTableModel;
using osc::ui::WorkspaceContext;

namespace {

constexpr int kTimeoutMs = 10'000;
const QString kMeter = QStringLiteral("api_requests");

osc::Meter createMeter(osc::Engine &engine, const osc::Principal &owner, const QString &name)
{
    osc::MeterDraft draft;
    draft.name = name;
    draft.unit = QStringLiteral("request");
    auto meter = engine.meters().create(owner, draft);
    if (!meter)
        qFatal("cannot create meter: %s", qPrintable(meter.error().message));
    return meter.value();
}

osc::Plan createPlan(osc::Engine &engine, const QString &name, double limit)
{
    osc::PlanDraft draft;
    draft.name = name;
    draft.limits = {{kMeter, QStringLiteral("month"), limit, 80}};
    auto plan = engine.plans().create(engine.owner(), draft);
    if (!plan)
        qFatal("cannot create plan: %s", qPrintable(plan.error().message));
    return plan.value();
}

void postUsage(osc::Engine &engine, const QString &subject, int events)
{
    QList<osc::UsageDraft> drafts;
    for (int i = 0; i < events; ++i) {
        osc::UsageDraft event;
        event.subject = subject;
        event.meter = kMeter;
        event.quantity = 1;
        drafts.append(event);
    }
    auto written = engine.ingestor().createBulk(engine.owner(), drafts, {});
    if (!written || written->accepted.size() != events)
        qFatal("cannot ingest");
}

// The model row whose `column` shows `text`, or -1.
int rowShowing(QAbstractItemModel *model, int column, const QString &text)
{
    for (int row = 0; row < model->rowCount(); ++row)
        if (model->index(row, column).data().toString() == text)
            return row;
    return -1;
}

QString cell(QAbstractItemModel *model, int row, int column)
{
    return model->index(row, column).data().toString();
}

// Waits for the next load of `page` to reach the models.
bool waitForRefresh(PlansPage &page, const std::function<void()> &action)
{
    QSignalSpy refreshed(&page, &PlansPage::refreshed);
    action();
    return QTest::qWaitFor([&] { return refreshed.count() > 0; }, kTimeoutMs);
}

void clickSave(PlanEditorDialog &dialog)
{
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("savePlanButton")), Qt::LeftButton);
}

} // namespace

class TestPlansPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void createPlanThroughDialog();
    void createErrorShowsNextToName();
    void editPreviewsThenSavesVersion2();
    void assignShowsProgressAndEvents();
    void scheduledAndEndedAssignments();
    void deleteRefusedInline();
    void switchingWorkspaceEmptiesPage();
    void eventsPageShowsSubjectQuota();
    void screenshots_data();
    void screenshots();

private:
    std::unique_ptr<PlansPage> showPage();
    void attachTesters(PlansPage &page);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<osc::Engine> m_engine;
    std::unique_ptr<WorkspaceContext> m_workspace;
    std::vector<std::unique_ptr<QAbstractItemModelTester>> m_testers;
};

void TestPlansPage::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_engine = openEngine(*m_dir);
    m_workspace = std::make_unique<WorkspaceContext>(m_engine->defaultWorkspaceId());
    createMeter(*m_engine, m_engine->owner(), kMeter);
}

void TestPlansPage::cleanup()
{
    m_testers.clear();
    m_workspace.reset();
    m_engine.reset();
    m_dir.reset();
}

void TestPlansPage::attachTesters(PlansPage &page)
{
    using Mode = QAbstractItemModelTester::FailureReportingMode;
    m_testers.push_back(std::make_unique<QAbstractItemModelTester>(page.planModel(), Mode::QtTest));
    m_testers.push_back(std::make_unique<QAbstractItemModelTester>(page.assignmentModel(), Mode::QtTest));
    m_testers.push_back(std::make_unique<QAbstractItemModelTester>(page.eventModel(), Mode::QtTest));
    m_testers.push_back(std::make_unique<QAbstractItemModelTester>(page.planTable()->model(), Mode::QtTest));
}

std::unique_ptr<PlansPage> TestPlansPage::showPage()
{
    // The page loads in its constructor; a result may arrive before a spy could be attached, so the
    // first load is awaited through the status it leaves behind.
    auto page = std::make_unique<PlansPage>(*m_engine, *m_workspace);
    attachTesters(*page);
    page->resize(1100, 720);
    page->show();
    if (!QTest::qWaitForWindowExposed(page.get()))
        qWarning("page not exposed");
    if (!QTest::qWaitFor(
            [&] { return page->findChild<QPushButton *>(QStringLiteral("plansRefreshButton"))->isEnabled(); },
            kTimeoutMs))
        qWarning("first load did not finish");
    return page;
}

void TestPlansPage::createPlanThroughDialog()
{
    auto page = showPage();
    QCOMPARE(page->planModel()->rowCount(), 0);
    QVERIFY(page->findChild<QWidget *>(QStringLiteral("plansEmptyNote"))->isVisible());

    PlanEditorDialog *dialog = page->openNewPlanDialog();
    QVERIFY(dialog);
    QCOMPARE(dialog->limitsTable()->rowCount(), 1); // a first limit row to fill in
    QCOMPARE(dialog->meterCombo(0)->currentData().toString(), kMeter);
    QTest::keyClicks(dialog->nameEdit(), QStringLiteral("Starter"));
    dialog->limitSpin(0)->setValue(10);
    dialog->warningSpin(0)->setValue(75);
    QSignalSpy saved(dialog, &PlanEditorDialog::planSaved);
    QVERIFY(waitForRefresh(*page, [&] { clickSave(*dialog); }));
    QCOMPARE(saved.count(), 1);

    QAbstractItemModel *plans = page->planTable()->model();
    QCOMPARE(plans->rowCount(), 1);
    QCOMPARE(cell(plans, 0, PlanTableModel::NameColumn), QStringLiteral("Starter"));
    QCOMPARE(cell(plans, 0, PlanTableModel::VersionColumn), QStringLiteral("v1"));
    QCOMPARE(cell(plans, 0, PlanTableModel::LimitsColumn), QStringLiteral("1"));
    QCOMPARE(cell(plans, 0, PlanTableModel::SubjectsColumn), QStringLiteral("0"));
    // The new plan is selected, its limit shown.
    QCOMPARE(page->selectedPlanId(), saved.first().first().value<osc::Plan>().id);
    QCOMPARE(page->limitsTable()->rowCount(), 1);
    QCOMPARE(page->limitsTable()->item(0, 0)->text(), kMeter);
    QCOMPARE(page->limitsTable()->item(0, 2)->text(), QStringLiteral("10"));
    QCOMPARE(page->limitsTable()->item(0, 3)->text(), QStringLiteral("75 %"));
    QTRY_COMPARE_WITH_TIMEOUT(page->historyList()->count(), 1, kTimeoutMs);
    QVERIFY(!page->findChild<QWidget *>(QStringLiteral("plansEmptyNote"))->isVisible());
}

void TestPlansPage::createErrorShowsNextToName()
{
    auto page = showPage();
    PlanEditorDialog *dialog = page->openNewPlanDialog();
    clickSave(*dialog); // no name
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->errorText().isEmpty(), kTimeoutMs);
    QCOMPARE(dialog->errorField(), osc::ui::PlanErrorText::Field::Name);
    QVERIFY(dialog->findChild<QWidget *>(QStringLiteral("planNameError"))->isVisible());
    QVERIFY(dialog->isVisible()); // still editable
    QCOMPARE(m_engine->plans().list(m_engine->owner(), 0)->size(), 0);
    dialog->reject();
}

void TestPlansPage::editPreviewsThenSavesVersion2()
{
    const osc::Plan plan = createPlan(*m_engine, QStringLiteral("Pro"), 100);
    QVERIFY(m_engine->assignments().assign(m_engine->owner(), QStringLiteral("org_1"), plan.id, {}).ok());
    postUsage(*m_engine, QStringLiteral("org_1"), 30);
    auto page = showPage();
    QCOMPARE(page->planModel()->rowCount(), 1);
    QCOMPARE(cell(page->planTable()->model(), 0, PlanTableModel::SubjectsColumn), QStringLiteral("1"));
    page->selectPlan(plan.id);

    PlanEditorDialog *dialog = page->openEditPlanDialog();
    QVERIFY(dialog && dialog->isEditing());
    QCOMPARE(dialog->nameEdit()->text(), QStringLiteral("Pro"));
    QCOMPARE(dialog->limitSpin(0)->value(), 100.0);
    dialog->limitSpin(0)->setValue(35); // 30 used: ok → warning
    clickSave(*dialog);
    QTRY_VERIFY_WITH_TIMEOUT(dialog->previewDialog() != nullptr, kTimeoutMs);
    osc::ui::PlanPreviewDialog *preview = dialog->previewDialog();
    QVERIFY(preview->isVisible());
    QCOMPARE(preview->subjects(), QStringList{QStringLiteral("org_1")});
    QVERIFY2(
        preview->summaryText().contains(QStringLiteral("version 2")), qPrintable(preview->summaryText()));
    QTableWidget *table = preview->table();
    QCOMPARE(table->rowCount(), 1);
    QCOMPARE(table->item(0, osc::ui::PlanPreviewDialog::UsedColumn)->text(), QStringLiteral("30"));
    QCOMPARE(
        table->item(0, osc::ui::PlanPreviewDialog::ChangeColumn)->text(), QStringLiteral("100 \u2192 35"));
    QCOMPARE(
        table->item(0, osc::ui::PlanPreviewDialog::StateColumn)->text(), QStringLiteral("ok \u2192 warning"));
    // Nothing saved before the confirmation.
    QCOMPARE(m_engine->plans().get(m_engine->owner(), plan.id)->isCurrent, true);

    QSignalSpy history(page.get(), &PlansPage::historyShown);
    QVERIFY(waitForRefresh(*page, [&] { QTest::mouseClick(preview->confirmButton(), Qt::LeftButton); }));
    QAbstractItemModel *plans = page->planTable()->model();
    QCOMPARE(plans->rowCount(), 1);
    QCOMPARE(cell(plans, 0, PlanTableModel::VersionColumn), QStringLiteral("v2"));
    QCOMPARE(cell(plans, 0, PlanTableModel::SubjectsColumn), QStringLiteral("1")); // moved along
    QCOMPARE(page->limitsTable()->item(0, 2)->text(), QStringLiteral("35"));
    QTRY_COMPARE_WITH_TIMEOUT(page->historyList()->count(), 2, kTimeoutMs);
    QVERIFY(page->historyList()->item(0)->text().startsWith(QStringLiteral("v2")));
    QVERIFY(page->historyList()->item(0)->text().contains(QStringLiteral("(current)")));
    QVERIFY(page->historyList()->item(1)->text().startsWith(QStringLiteral("v1")));
}

void TestPlansPage::assignShowsProgressAndEvents()
{
    const osc::Plan plan = createPlan(*m_engine, QStringLiteral("Starter"), 10);
    auto page = showPage();
    page->selectPlan(plan.id);
    QTest::keyClicks(page->subjectEdit(), QStringLiteral("org_1"));
    auto *assign = page->findChild<QPushButton *>(QStringLiteral("assignSubjectButton"));
    QVERIFY(assign->isEnabled());
    QSignalSpy progressShown(
        page->progressView()->parent() ? page.get() : page.get(), &PlansPage::progressShown);
    QVERIFY(waitForRefresh(*page, [&] { QTest::mouseClick(assign, Qt::LeftButton); }));
    QAbstractItemModel *assignments = page->assignmentTable()->model();
    QCOMPARE(assignments->rowCount(), 1);
    QCOMPARE(cell(assignments, 0, AssignmentTableModel::SubjectColumn), QStringLiteral("org_1"));
    QCOMPARE(cell(assignments, 0, AssignmentTableModel::StatusColumn), QStringLiteral("active"));
    QCOMPARE(cell(assignments, 0, AssignmentTableModel::PlanColumn), QStringLiteral("Starter (v1)"));
    QTRY_COMPARE_WITH_TIMEOUT(page->progressView()->barCount(), 1, kTimeoutMs);
    QCOMPARE(page->progressView()->bar(0)->used(), 0.0);

    // Usage posted through the engine: 9 of 10 crosses the 80 % warning.
    postUsage(*m_engine, QStringLiteral("org_1"), 9);
    QVERIFY(m_engine->entitlements().runPendingJobs().ok());
    QVERIFY(waitForRefresh(*page, [&] { page->refresh(); }));
    QTRY_COMPARE_WITH_TIMEOUT(page->progressView()->bar(0)->used(), 9.0, kTimeoutMs);
    osc::ui::QuotaBar *bar = page->progressView()->bar(0);
    QCOMPARE(bar->limit(), 10.0);
    QCOMPARE(bar->warningPercent(), 80.0);
    QCOMPARE(bar->state(), osc::QuotaState::Warning);
    QCOMPARE(bar->fraction(), 0.9);
    QVERIFY(bar->isVisible());
    const QString detail = page->progressView()->detailText(0);
    QVERIFY2(detail.startsWith(QStringLiteral("9 of 10\u00a0request")), qPrintable(detail));
    QVERIFY2(detail.contains(QStringLiteral("resets ")), qPrintable(detail));

    // The feed has the warning, newest first once it is exceeded too.
    QAbstractItemModel *events = page->eventTable()->model();
    QCOMPARE(events->rowCount(), 1);
    QCOMPARE(events->index(0, 0).data(EntitlementEventModel::TypeRole).toString(), QStringLiteral("warning"));
    QCOMPARE(cell(events, 0, EntitlementEventModel::SubjectColumn), QStringLiteral("org_1"));
    QCOMPARE(cell(events, 0, EntitlementEventModel::UsageColumn), QStringLiteral("9 of 10"));
    postUsage(*m_engine, QStringLiteral("org_1"), 2);
    QVERIFY(m_engine->entitlements().runPendingJobs().ok());
    QVERIFY(waitForRefresh(*page, [&] { page->refresh(); }));
    QCOMPARE(events->rowCount(), 2);
    QCOMPARE(
        events->index(0, 0).data(EntitlementEventModel::TypeRole).toString(), QStringLiteral("exceeded"));
    QTRY_COMPARE_WITH_TIMEOUT(page->progressView()->bar(0)->state(), osc::QuotaState::Exceeded, kTimeoutMs);
    QCOMPARE(page->progressView()->bar(0)->fraction(), 1.0); // capped at the track
}

void TestPlansPage::scheduledAndEndedAssignments()
{
    const osc::Plan plan = createPlan(*m_engine, QStringLiteral("Starter"), 10);
    QVERIFY(m_engine->assignments().assign(m_engine->owner(), QStringLiteral("org_1"), plan.id, {}).ok());
    auto page = showPage();
    page->selectPlan(plan.id);
    const qint64 tomorrow = m_engine->clock().nowNs() + 86'400'000'000'000LL;
    QVERIFY(waitForRefresh(*page, [&] { page->assignSubject(QStringLiteral("org_2"), tomorrow); }));
    QAbstractItemModel *assignments = page->assignmentTable()->model();
    const int scheduled
        = rowShowing(assignments, AssignmentTableModel::SubjectColumn, QStringLiteral("org_2"));
    QVERIFY(scheduled >= 0);
    QCOMPARE(cell(assignments, scheduled, AssignmentTableModel::StatusColumn), QStringLiteral("scheduled"));
    QTRY_VERIFY_WITH_TIMEOUT(
        page->progressView()->message().contains(QStringLiteral("No plan is in effect")), kTimeoutMs);
    QCOMPARE(cell(page->planTable()->model(), 0, PlanTableModel::SubjectsColumn), QStringLiteral("2"));

    QVERIFY(waitForRefresh(*page, [&] { page->unassignSubject(QStringLiteral("org_1")); }));
    // Ended assignments are history: listed once asked for.
    QCOMPARE(rowShowing(assignments, AssignmentTableModel::SubjectColumn, QStringLiteral("org_1")), -1);
    QVERIFY(page->assignmentTable()->isColumnHidden(AssignmentTableModel::UntilColumn));
    page->showEndedBox()->setChecked(true);
    QVERIFY(!page->assignmentTable()->isColumnHidden(AssignmentTableModel::UntilColumn));
    const int ended = rowShowing(assignments, AssignmentTableModel::SubjectColumn, QStringLiteral("org_1"));
    QVERIFY(ended >= 0);
    QCOMPARE(cell(assignments, ended, AssignmentTableModel::StatusColumn), QStringLiteral("ended"));
    QVERIFY(cell(assignments, ended, AssignmentTableModel::UntilColumn) != QStringLiteral("\u2014"));
    QCOMPARE(cell(page->planTable()->model(), 0, PlanTableModel::SubjectsColumn), QStringLiteral("1"));
    QVERIFY(page->errorText().isEmpty());

    // Unassigning a subject with nothing open says so inline.
    QVERIFY(waitForRefresh(*page, [&] { page->unassignSubject(QStringLiteral("nobody")); }));
    QVERIFY2(page->errorText().contains(QStringLiteral("nobody")), qPrintable(page->errorText()));
}

void TestPlansPage::deleteRefusedInline()
{
    const osc::Plan used = createPlan(*m_engine, QStringLiteral("Used"), 10);
    const osc::Plan unused = createPlan(*m_engine, QStringLiteral("Unused"), 10);
    QVERIFY(m_engine->assignments().assign(m_engine->owner(), QStringLiteral("org_1"), used.id, {}).ok());
    QVERIFY(m_engine->assignments().unassign(m_engine->owner(), QStringLiteral("org_1")).ok());
    auto page = showPage();
    QCOMPARE(page->planModel()->rowCount(), 2);

    QVERIFY(waitForRefresh(*page, [&] { page->deletePlan(used.id); }));
    QCOMPARE(page->planModel()->rowCount(), 2);
    auto *error = page->findChild<QWidget *>(QStringLiteral("plansError"));
    QVERIFY(error->isVisible());
    QVERIFY2(page->errorText().contains(QStringLiteral("Could not delete \u201cUsed\u201d")),
        qPrintable(page->errorText()));
    QVERIFY2(page->errorText().contains(QStringLiteral("plan has assigned subjects")),
        qPrintable(page->errorText()));

    QVERIFY(waitForRefresh(*page, [&] { page->deletePlan(unused.id); }));
    QCOMPARE(page->planModel()->rowCount(), 1);
    QVERIFY(page->errorText().isEmpty());
}

void TestPlansPage::switchingWorkspaceEmptiesPage()
{
    m_engine->accounts().configure({osc::password::Cost::minimal(), {}});
    auto ada = m_engine->accounts().registerUser(QStringLiteral("ada@example.com"),
        QStringLiteral("correct horse battery"), osc::AccountService::Door::Console);
    QVERIFY(ada.ok());
    const QString adaWorkspace = m_engine->store().findUserByEmail(ada->email).value()->workspaceId;
    const osc::Plan plan = createPlan(*m_engine, QStringLiteral("Starter"), 10);
    QVERIFY(m_engine->assignments().assign(m_engine->owner(), QStringLiteral("org_1"), plan.id, {}).ok());
    auto page = showPage();
    QCOMPARE(page->planModel()->rowCount(), 1);
    QCOMPARE(page->assignmentModel()->rowCount(), 1);
    page->assignmentTable()->selectRow(0);
    QTRY_COMPARE_WITH_TIMEOUT(page->progressView()->barCount(), 1, kTimeoutMs);

    QVERIFY(waitForRefresh(*page, [&] { m_workspace->setWorkspaceId(adaWorkspace); }));
    QCOMPARE(page->planModel()->rowCount(), 0);
    QCOMPARE(page->assignmentModel()->rowCount(), 0);
    QCOMPARE(page->eventModel()->rowCount(), 0);
    QCOMPARE(page->limitsTable()->rowCount(), 0);
    QCOMPARE(page->historyList()->count(), 0);
    QCOMPARE(page->progressView()->barCount(), 0);
    QVERIFY(page->subjectEdit()->text().isEmpty());
    QVERIFY(page->errorText().isEmpty());

    // And back: the default workspace's plan again.
    QVERIFY(waitForRefresh(*page, [&] { m_workspace->setWorkspaceId(m_engine->defaultWorkspaceId()); }));
    QCOMPARE(page->planModel()->rowCount(), 1);
}

void TestPlansPage::eventsPageShowsSubjectQuota()
{
    const osc::Plan plan = createPlan(*m_engine, QStringLiteral("Starter"), 10);
    QVERIFY(m_engine->assignments().assign(m_engine->owner(), QStringLiteral("org_1"), plan.id, {}).ok());
    postUsage(*m_engine, QStringLiteral("org_1"), 4);
    postUsage(*m_engine, QStringLiteral("no_plan"), 1);
    osc::ui::EventsPage page(*m_engine, *m_workspace);
    page.resize(1100, 720);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QTRY_COMPARE_WITH_TIMEOUT(page.subjects()->rowCount(), 2, kTimeoutMs);
    const auto select = [&](const QString &subject) {
        const int row = page.subjects()->rowOfSubject(subject);
        QVERIFY(row >= 0);
        page.subjectView()->selectRow(row);
    };
    select(QStringLiteral("org_1"));
    QTRY_VERIFY_WITH_TIMEOUT(page.quotaView()->isVisible(), kTimeoutMs);
    QCOMPARE(page.quotaView()->barCount(), 1);
    QCOMPARE(page.quotaView()->bar(0)->used(), 4.0);
    QCOMPARE(page.quotaView()->bar(0)->limit(), 10.0);
    saveScreenshot(page, QStringLiteral("events-subject-quota.png"));
    // A subject on no plan: no empty bars, the pane is as before.
    select(QStringLiteral("no_plan"));
    QTRY_VERIFY_WITH_TIMEOUT(!page.quotaView()->isVisible(), kTimeoutMs);
}

void TestPlansPage::screenshots_data()
{
    QTest::addColumn<QSize>("size");
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("theme");
    for (const QSize size : {QSize(1280, 800), QSize(1024, 700)})
        for (const QString &language : {QStringLiteral("en"), QStringLiteral("de")})
            for (const QString &theme : {QStringLiteral("light"), QStringLiteral("dark")})
                QTest::newRow(qPrintable(
                    QStringLiteral("%1x%2 %3 %4").arg(size.width()).arg(size.height()).arg(language, theme)))
                    << size << language << theme;
}

void TestPlansPage::screenshots()
{
    QFETCH(QSize, size);
    QFETCH(QString, language);
    QFETCH(QString, theme);
    QVERIFY(osc::ui::installLanguage(language));
    osc::ui::applyTheme(osc::ui::themeFromKey(theme));
    auto restore = qScopeGuard([] {
        osc::ui::installLanguage(QStringLiteral("en"));
        osc::ui::applyTheme(osc::ui::Theme::Light);
    });
    createMeter(*m_engine, m_engine->owner(), QStringLiteral("tokens"));
    osc::PlanDraft draft;
    draft.name = QStringLiteral("Team");
    draft.description = QStringLiteral("For small teams");
    draft.limits = {{kMeter, QStringLiteral("month"), 100, 80},
        {QStringLiteral("tokens"), QStringLiteral("day"), 50, 90}};
    auto team = m_engine->plans().create(m_engine->owner(), draft);
    QVERIFY(team.ok());
    createPlan(*m_engine, QStringLiteral("Enterprise"), 100000);
    for (const QString &subject :
        {QStringLiteral("acme-corp"), QStringLiteral("globex"), QStringLiteral("initech")})
        QVERIFY(m_engine->assignments().assign(m_engine->owner(), subject, team->id, {}).ok());
    postUsage(*m_engine, QStringLiteral("acme-corp"), 85);
    postUsage(*m_engine, QStringLiteral("globex"), 40);
    postUsage(*m_engine, QStringLiteral("initech"), 101);
    QVERIFY(m_engine->entitlements().runPendingJobs().ok());
    // An edit to version 2, so the history has two entries.
    draft.limits[0].limit = 90;
    auto v2 = m_engine->plans().update(m_engine->owner(), team->id, draft);
    QVERIFY(v2.ok());

    auto server = std::make_unique<osc::http::HttpServer>(*m_engine);
    osc::app::ServerControlAdapter control(*server);
    osc::ui::MainWindow window(*m_engine, control);
    window.resize(size);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.showPage(osc::ui::MainWindow::Page::Plans);
    PlansPage *page = window.plansPage();
    QTRY_COMPARE_WITH_TIMEOUT(page->planModel()->rowCount(), 2, kTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(
        page->findChild<QPushButton *>(QStringLiteral("plansRefreshButton"))->isEnabled(), kTimeoutMs);
    page->selectPlan(v2->id);
    QTRY_COMPARE_WITH_TIMEOUT(page->historyList()->count(), 2, kTimeoutMs);
    const int acme = page->assignmentModel()->rowOfSubject(QStringLiteral("acme-corp"));
    QVERIFY(acme >= 0);
    for (int row = 0; row < page->assignmentTable()->model()->rowCount(); ++row)
        if (page->assignmentTable()->model()->index(row, 0).data().toString()
            == QStringLiteral("acme-corp")) {
            page->assignmentTable()->selectRow(row);
            break;
        }
    QTRY_COMPARE_WITH_TIMEOUT(page->progressView()->barCount(), 2, kTimeoutMs);
    QCOMPARE(window.size(), size);
    // Every button's text fits.
    for (QPushButton *button : page->findChildren<QPushButton *>())
        if (button->isVisible())
            QVERIFY2(button->width() >= button->sizeHint().width(), qPrintable(button->text()));
    const QString suffix
        = QStringLiteral("%1x%2-%3-%4.png").arg(size.width()).arg(size.height()).arg(language, theme);
    saveScreenshot(window, QStringLiteral("window-plans-") + suffix);
    page->tabs()->setCurrentIndex(1);
    saveScreenshot(window, QStringLiteral("window-plans-events-") + suffix);
    page->tabs()->setCurrentIndex(0);

    // The preview of lowering the limit below two subjects' usage.
    PlanEditorDialog *dialog = page->openEditPlanDialog();
    QVERIFY(dialog);
    dialog->limitSpin(0)->setValue(60);
    clickSave(*dialog);
    QTRY_VERIFY_WITH_TIMEOUT(dialog->previewDialog() != nullptr, kTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(dialog->previewDialog()->isVisible(), kTimeoutMs);
    saveScreenshot(*dialog, QStringLiteral("plan-editor-") + suffix);
    saveScreenshot(*dialog->previewDialog(), QStringLiteral("plan-preview-") + suffix);
    dialog->previewDialog()->reject();
    dialog->reject();
}

QTEST_MAIN(TestPlansPage)
#include "tst_planspage.moc"
