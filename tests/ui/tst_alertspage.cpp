// The Alerts page against a real engine, driven through its widgets: a destination made in its dialog
// whose secret is shown once (with Copy) and never listed; a rule made in the editor through the filter
// builder, with the current value per group shown while the threshold is typed; the state per group after
// usage is ingested and the alert worker evaluates (its webhook reaching a local receiver); the event
// feed with its delivery log; a signed test event with its own log; rotation; a delete refused inline;
// and a workspace switch that empties the page. Models run under QAbstractItemModelTester throughout.
// With OSC_SCREENSHOT_DIR set, the window is grabbed at two sizes, in English and German, light and dark.

#include "../http/WebhookReceiver.h"

#include "AlertWorker.h"
#include "Engine.h"
#include "HttpServer.h"
#include "ServerControlAdapter.h"
#include "UiTestSupport.h"
#include "ui/MainWindow.h"
#include "ui/alerts/AlertEventModel.h"
#include "ui/alerts/AlertRuleDialog.h"
#include "ui/alerts/AlertRuleModel.h"
#include "ui/alerts/AlertStateModel.h"
#include "ui/alerts/AlertsPage.h"
#include "ui/alerts/DeliveryAttemptModel.h"
#include "ui/alerts/DestinationDialog.h"
#include "ui/alerts/DestinationModel.h"
#include "ui/alerts/DurationEdit.h"
#include "ui/alerts/WebhookSecretDialog.h"
#include "ui/common/Language.h"
#include "ui/common/Theme.h"
#include "ui/common/WorkspaceContext.h"
#include "ui/filter/FilterBuilder.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace osc::testsupport;
using osc::ui::AlertRuleDialog;
using osc::ui::AlertRuleModel;
using osc::ui::AlertsPage;
using osc::ui::AlertStateModel;
using osc::ui::DestinationDialog;
using osc::ui::WorkspaceContext;

namespace {

constexpr int kTimeoutMs = 10'000;
const QString kMeter = QStringLiteral("api_requests");

void createMeter(osc::Engine &engine)
{
    osc::MeterDraft draft;
    draft.name = kMeter;
    draft.unit = QStringLiteral("request");
    osc::DimensionDraft endpoint;
    endpoint.name = QStringLiteral("endpoint");
    endpoint.type = QStringLiteral("string");
    endpoint.required = false;
    draft.dimensions = {endpoint};
    if (!engine.meters().create(engine.owner(), draft))
        qFatal("cannot create meter");
}

void postUsage(osc::Engine &engine, const QString &subject, const QString &endpoint, double quantity)
{
    osc::UsageDraft event;
    event.subject = subject;
    event.meter = kMeter;
    event.quantity = quantity;
    event.metadata = QJsonObject{{QStringLiteral("endpoint"), endpoint}};
    auto written = engine.ingestor().createBulk(engine.owner(), {event}, {});
    if (!written || written->accepted.size() != 1)
        qFatal("cannot ingest");
}

QJsonObject endpointIs(const QString &endpoint)
{
    return {{QStringLiteral("type"), QStringLiteral("condition")},
        {QStringLiteral("field"), QStringLiteral("metadata.endpoint")},
        {QStringLiteral("op"), QStringLiteral("eq")}, {QStringLiteral("value"), endpoint}};
}

// Waits until `spy` has seen its signal, then forgets it. Not QSignalSpy::wait(): the page's runner may
// hand a result back before run() returns (a future already finished), so the signal can precede wait().
bool arrived(QSignalSpy &spy)
{
    const bool ok = QTest::qWaitFor([&] { return spy.count() > 0; }, kTimeoutMs);
    spy.clear();
    return ok;
}

// Replaces the spin box's text as a user does: select all, type.
void typeInto(QDoubleSpinBox *spin, const QString &text)
{
    spin->setFocus();
    spin->selectAll();
    QTest::keyClicks(spin, text);
}

void clickSave(QDialog &dialog)
{
    auto *buttons = dialog.findChild<QDialogButtonBox *>();
    QTest::mouseClick(buttons->button(QDialogButtonBox::Save), Qt::LeftButton);
}

// Every text a widget tree shows (labels, line edits, table cells): where a secret must not appear.
QStringList visibleTexts(QWidget &root)
{
    QStringList texts;
    for (QLabel *label : root.findChildren<QLabel *>())
        texts << label->text();
    for (QLineEdit *edit : root.findChildren<QLineEdit *>())
        texts << edit->text();
    for (QTableView *table : root.findChildren<QTableView *>())
        for (int row = 0; row < table->model()->rowCount(); ++row)
            for (int column = 0; column < table->model()->columnCount(); ++column)
                texts << table->model()->index(row, column).data().toString()
                      << table->model()->index(row, column).data(Qt::ToolTipRole).toString();
    return texts;
}

} // namespace

class TestAlertsPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void destinationSecretIsShownOnce();
    void ruleEditorShowsCurrentValueThenStatePerGroup();
    void filterARuleCannotHoldIsRefused();
    void testEventIsDeliveredAndLogged();
    void deleteInUseRefusedInline();
    void switchingWorkspaceEmptiesPage();
    void screenshots_data();
    void screenshots();

private:
    std::unique_ptr<AlertsPage> showPage();
    QString createDestination(AlertsPage &page, const QString &name, QString *secret = nullptr);
    QString createRule(AlertsPage &page, double threshold);
    void tickAndDrain();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<osc::Engine> m_engine;
    std::unique_ptr<WorkspaceContext> m_workspace;
    std::unique_ptr<WebhookReceiver> m_receiver;
    std::unique_ptr<osc::webhook::AlertWorker> m_worker;
    std::vector<std::unique_ptr<QAbstractItemModelTester>> m_testers;
};

void TestAlertsPage::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestAlertsPage::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_engine = openEngine(*m_dir);
    m_engine->accounts().configure({osc::password::Cost::minimal(), {}});
    m_workspace = std::make_unique<WorkspaceContext>(m_engine->defaultWorkspaceId());
    m_receiver = std::make_unique<WebhookReceiver>();
    m_worker = std::make_unique<osc::webhook::AlertWorker>(m_engine->alerts());
    createMeter(*m_engine);
    // Subject A is over 10 on /orders, B under it; C's /users traffic is outside the rule's filter.
    postUsage(*m_engine, QStringLiteral("A"), QStringLiteral("/orders"), 12);
    postUsage(*m_engine, QStringLiteral("B"), QStringLiteral("/orders"), 4);
    postUsage(*m_engine, QStringLiteral("C"), QStringLiteral("/users"), 100);
}

void TestAlertsPage::cleanup()
{
    m_testers.clear();
    m_worker.reset();
    m_receiver.reset();
    m_workspace.reset();
    m_engine.reset();
    m_dir.reset();
}

void TestAlertsPage::tickAndDrain()
{
    m_worker->tick();
    QVERIFY(QTest::qWaitFor([&] { return m_worker->inFlight() == 0; }, kTimeoutMs));
}

std::unique_ptr<AlertsPage> TestAlertsPage::showPage()
{
    auto page = std::make_unique<AlertsPage>(*m_engine, *m_workspace);
    using Mode = QAbstractItemModelTester::FailureReportingMode;
    for (QAbstractItemModel *model : std::initializer_list<QAbstractItemModel *>{page->ruleModel(),
             page->stateModel(), page->eventModel(), page->deliveryModel(), page->destinationModel(),
             page->testDeliveryModel(), page->ruleTable()->model()})
        m_testers.push_back(std::make_unique<QAbstractItemModelTester>(model, Mode::QtTest));
    page->resize(1100, 720);
    page->show();
    if (!QTest::qWaitForWindowExposed(page.get()))
        qWarning("page not exposed");
    // The first load starts in the constructor: awaited through the button it re-enables.
    if (!QTest::qWaitFor(
            [&] {
                return page->findChild<QPushButton *>(QStringLiteral("alertsRefreshButton"))->isEnabled();
            },
            kTimeoutMs))
        qWarning("first load did not finish");
    return page;
}

QString TestAlertsPage::createDestination(AlertsPage &page, const QString &name, QString *secret)
{
    DestinationDialog *dialog = page.openNewDestinationDialog();
    dialog->nameEdit()->setText(name);
    dialog->urlEdit()->setText(m_receiver->url());
    QSignalSpy refreshed(&page, &AlertsPage::refreshed);
    clickSave(*dialog);
    if (!QTest::qWaitFor([&] { return page.secretDialog() != nullptr && refreshed.count() > 0; }, kTimeoutMs))
        return {};
    if (secret)
        *secret = page.secretDialog()->secret();
    page.secretDialog()->accept();
    return page.selectedDestinationId();
}

QString TestAlertsPage::createRule(AlertsPage &page, double threshold)
{
    AlertRuleDialog *dialog = page.openNewRuleDialog();
    dialog->nameEdit()->setText(QStringLiteral("Orders per customer"));
    dialog->filterBuilder()->setFilter(endpointIs(QStringLiteral("/orders")));
    dialog->groupByCombo()->setCurrentIndex(dialog->groupByCombo()->findData(QStringLiteral("subject")));
    dialog->thresholdSpin()->setValue(threshold);
    QSignalSpy refreshed(&page, &AlertsPage::refreshed);
    clickSave(*dialog);
    if (!QTest::qWaitFor([&] { return refreshed.count() > 0; }, kTimeoutMs))
        return {};
    return page.selectedRuleId();
}

void TestAlertsPage::destinationSecretIsShownOnce()
{
    auto page = showPage();
    QVERIFY(!page->findChild<QPushButton *>(QStringLiteral("newRuleButton"))->isEnabled()); // no destination
    page->tabs()->setCurrentIndex(AlertsPage::DestinationsTab);

    // A URL the engine refuses: its message inline, nothing created.
    DestinationDialog *bad = page->openNewDestinationDialog();
    bad->nameEdit()->setText(QStringLiteral("files"));
    bad->urlEdit()->setText(QStringLiteral("file:///etc/passwd"));
    clickSave(*bad);
    QTRY_COMPARE_WITH_TIMEOUT(
        bad->errorText(), QStringLiteral("invalid input: webhook url must use http or https"), kTimeoutMs);
    QVERIFY(bad->isVisible());
    bad->reject();

    QString secret;
    const QString id = createDestination(*page, QStringLiteral("On-call"), &secret);
    QVERIFY(!id.isEmpty());
    QVERIFY2(secret.startsWith(QStringLiteral("osp_whsec_")), qPrintable(secret));
    QCOMPARE(page->destinationModel()->rowCount(), 1);
    QCOMPARE(page->destinationModel()->destinationAt(0).webhookUrl, m_receiver->url());

    // Shown once, copyable; after closing nothing on the page shows it, and a reload does not bring it.
    QTRY_VERIFY_WITH_TIMEOUT(page->secretDialog() == nullptr, kTimeoutMs); // closed: deleted
    page->rotateSecret(id);
    QTRY_VERIFY_WITH_TIMEOUT(page->secretDialog() != nullptr, kTimeoutMs);
    osc::ui::WebhookSecretDialog *rotated = page->secretDialog();
    const QString newSecret = rotated->secret();
    QVERIFY(newSecret.startsWith(QStringLiteral("osp_whsec_")));
    QVERIFY(newSecret != secret);
    QTest::mouseClick(rotated->copyButton(), Qt::LeftButton);
    QCOMPARE(QApplication::clipboard()->text(), newSecret);
    QVERIFY(!rotated->copiedNote()->text().isEmpty());
    rotated->accept();
    QTRY_VERIFY_WITH_TIMEOUT(page->secretDialog() == nullptr, kTimeoutMs);
    QSignalSpy refreshed(page.get(), &AlertsPage::refreshed);
    page->refresh();
    QVERIFY(arrived(refreshed));
    for (const QString &text : visibleTexts(*page))
        QVERIFY2(!text.contains(QStringLiteral("osp_whsec_")), qPrintable(text));
    QVERIFY(page->findChild<QPushButton *>(QStringLiteral("newRuleButton"))->isEnabled());
}

void TestAlertsPage::ruleEditorShowsCurrentValueThenStatePerGroup()
{
    auto page = showPage();
    QVERIFY(!createDestination(*page, QStringLiteral("On-call")).isEmpty());

    AlertRuleDialog *dialog = page->openNewRuleDialog();
    QVERIFY(dialog);
    QCOMPARE(dialog->meterCombo()->currentData().toString(), kMeter);
    dialog->nameEdit()->setText(QStringLiteral("Orders per customer"));
    QCOMPARE(dialog->filterBuilder()->setFilter(endpointIs(QStringLiteral("/orders"))), QString());
    dialog->groupByCombo()->setCurrentIndex(dialog->groupByCombo()->findData(QStringLiteral("subject")));
    QCOMPARE(dialog->windowEdit()->seconds(), qint64(3600));

    // While the threshold is typed, the engine evaluates the draft: two groups on /orders (C's /users
    // usage is filtered out), A above 10, B not.
    typeInto(dialog->thresholdSpin(), QStringLiteral("10"));
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isPreviewPending()
            && dialog->currentValueLabel()->text().contains(QStringLiteral("1 alerting")),
        kTimeoutMs);
    QCOMPARE(dialog->currentValueLabel()->text(),
        QStringLiteral("2 groups now, 1 alerting; highest: <b>12</b> for subject A."));
    AlertStateModel *preview = dialog->previewModel();
    QAbstractItemModelTester previewTester(preview, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(preview->rowCount(), 2);
    QCOMPARE(preview->stateAt(0).groupValue, QStringLiteral("A"));
    QCOMPARE(preview->stateAt(0).status, osc::AlertStatus::Alerting);
    QCOMPARE(preview->stateAt(1).groupValue, QStringLiteral("B"));
    QCOMPARE(preview->stateAt(1).value, 4.0);
    // Raising it: the same value, no group alerting any more.
    typeInto(dialog->thresholdSpin(), QStringLiteral("20"));
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isPreviewPending()
            && dialog->currentValueLabel()->text().contains(QStringLiteral("0 alerting")),
        kTimeoutMs);
    // Ungrouped, the value is the sum over both subjects.
    dialog->groupByCombo()->setCurrentIndex(0);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isPreviewPending()
            && dialog->currentValueLabel()->text().contains(QStringLiteral("Current value")),
        kTimeoutMs);
    QCOMPARE(dialog->currentValueLabel()->text(),
        QStringLiteral("Current value: <b>16</b>, the rule would be \u201cOK\u201d."));
    dialog->groupByCombo()->setCurrentIndex(dialog->groupByCombo()->findData(QStringLiteral("subject")));
    typeInto(dialog->thresholdSpin(), QStringLiteral("10"));
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isPreviewPending(), kTimeoutMs);
    QCOMPARE(
        m_engine->alerts().listRules(m_engine->owner(), {}, {}, 10)->size(), 0); // previews store nothing

    QSignalSpy refreshed(page.get(), &AlertsPage::refreshed);
    clickSave(*dialog);
    QVERIFY(arrived(refreshed));
    QCOMPARE(page->ruleModel()->rowCount(), 1);
    const osc::AlertRule rule = page->ruleModel()->ruleAt(0).rule;
    QCOMPARE(rule.metadata,
        (QList<QPair<QString, QString>>{{QStringLiteral("endpoint"), QStringLiteral("/orders")}}));
    QCOMPARE(rule.groupBy, QStringLiteral("subject"));
    QCOMPARE(rule.threshold, 10.0);
    QCOMPARE(page->ruleTable()->model()->index(0, AlertRuleModel::StateColumn).data().toString(),
        QStringLiteral("Not evaluated"));

    // The worker evaluates it (usage queued it; it is due at once): A triggers, its webhook is sent.
    tickAndDrain();
    QCOMPARE(m_receiver->received().size(), 1);
    const QJsonObject hook = QJsonDocument::fromJson(m_receiver->received().first().body).object();
    QCOMPARE(hook.value("event").toObject().value("group_value").toString(), QStringLiteral("A"));
    page->refresh();
    QVERIFY(arrived(refreshed));
    QCOMPARE(page->ruleTable()->model()->index(0, AlertRuleModel::StateColumn).data().toString(),
        QStringLiteral("Alerting · 2 groups"));
    QCOMPARE(page->ruleTable()->model()->index(0, AlertRuleModel::ValueColumn).data().toString(),
        QStringLiteral("12"));
    QCOMPARE(page->stateModel()->rowCount(), 2);
    QCOMPARE(page->stateModel()->stateAt(0).status, osc::AlertStatus::Alerting);
    QCOMPARE(page->stateModel()->stateAt(0).groupValue, QStringLiteral("A"));
    QCOMPARE(page->stateModel()->stateAt(1).status, osc::AlertStatus::Ok);

    // More usage for B and Evaluate now: both alerting.
    postUsage(*m_engine, QStringLiteral("B"), QStringLiteral("/orders"), 7);
    QTest::mouseClick(page->findChild<QPushButton *>(QStringLiteral("evaluateRuleButton")), Qt::LeftButton);
    QVERIFY(arrived(refreshed));
    // Both alerting; B first, its state changed last (§9.2: alerting, then most recently updated).
    QCOMPARE(page->stateModel()->rowCount(), 2);
    QCOMPARE(page->stateModel()->stateAt(0).groupValue, QStringLiteral("B"));
    QCOMPARE(page->stateModel()->stateAt(0).status, osc::AlertStatus::Alerting);
    QCOMPARE(page->stateModel()->stateAt(0).value, 11.0);
    QCOMPARE(page->stateModel()->stateAt(1).status, osc::AlertStatus::Alerting);

    // The event feed: two triggered events, each with its delivery log.
    page->tabs()->setCurrentIndex(AlertsPage::EventsTab);
    QCOMPARE(page->eventModel()->rowCount(), 2);
    const int aRow = [&] {
        for (int row = 0; row < page->eventModel()->rowCount(); ++row)
            if (page->eventModel()->eventAt(row).groupValue == QStringLiteral("A"))
                return row;
        return -1;
    }();
    QVERIFY(aRow >= 0);
    QSignalSpy deliveries(page.get(), &AlertsPage::deliveriesShown);
    page->selectEvent(page->eventModel()->eventAt(aRow).id);
    QVERIFY(arrived(deliveries));
    QCOMPARE(page->deliveryModel()->rowCount(), 1);
    QVERIFY(page->deliveryModel()->attemptAt(0).delivered);
    QCOMPARE(page->deliveryModel()->attemptAt(0).statusCode, std::optional<int>(204));
}

void TestAlertsPage::filterARuleCannotHoldIsRefused()
{
    auto page = showPage();
    QVERIFY(!createDestination(*page, QStringLiteral("On-call")).isEmpty());
    AlertRuleDialog *dialog = page->openNewRuleDialog();
    dialog->nameEdit()->setText(QStringLiteral("not users"));
    QJsonObject neq = endpointIs(QStringLiteral("/users"));
    neq.insert(QStringLiteral("op"), QStringLiteral("neq"));
    QCOMPARE(dialog->filterBuilder()->setFilter(neq), QString()); // a valid query filter…
    dialog->updatePreview();
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isPreviewPending(), kTimeoutMs);
    QVERIFY2(dialog->currentValueLabel()->text().contains(QStringLiteral("equality only")),
        qPrintable(dialog->currentValueLabel()->text()));
    clickSave(*dialog); // …that a rule cannot hold: refused before the engine is asked
    QCOMPARE(dialog->errorText(),
        QStringLiteral("invalid input: an alert rule compares metadata.endpoint by equality only (is)"));
    QVERIFY(dialog->isVisible());
    // An empty name: the engine's message.
    dialog->filterBuilder()->clearFilter();
    dialog->nameEdit()->clear();
    clickSave(*dialog);
    QTRY_COMPARE_WITH_TIMEOUT(
        dialog->errorText(), QStringLiteral("invalid input: name is required"), kTimeoutMs);
    dialog->reject();
    QCOMPARE(m_engine->alerts().listRules(m_engine->owner(), {}, {}, 10)->size(), 0);
}

void TestAlertsPage::testEventIsDeliveredAndLogged()
{
    auto page = showPage();
    QString secret;
    const QString id = createDestination(*page, QStringLiteral("On-call"), &secret);
    QVERIFY(!id.isEmpty());
    page->tabs()->setCurrentIndex(AlertsPage::DestinationsTab);
    QSignalSpy finished(page.get(), &AlertsPage::commandFinished);
    QTest::mouseClick(page->findChild<QPushButton *>(QStringLiteral("sendTestButton")), Qt::LeftButton);
    QVERIFY(arrived(finished));
    QTRY_COMPARE_WITH_TIMEOUT(page->testNote()->text(),
        QStringLiteral("Test event queued: the alert worker sends it within seconds."), kTimeoutMs);
    QCOMPARE(m_receiver->received().size(), 0); // queued: the worker sends it

    tickAndDrain();
    QCOMPARE(m_receiver->received().size(), 1);
    const WebhookReceiver::Received &hook = m_receiver->received().first();
    QCOMPARE(hook.header("X-Open-Spanner-Signature"),
        WebhookReceiver::expectedSignature(
            secret.toUtf8(), hook.header("X-Open-Spanner-Timestamp"), hook.body));
    QTRY_COMPARE_WITH_TIMEOUT(page->testDeliveryModel()->rowCount(), 1, kTimeoutMs); // polled, or F5
    QVERIFY(page->testDeliveryModel()->attemptAt(0).delivered);
    QCOMPARE(page->testNote()->text(), QStringLiteral("The receiver accepted the test event."));
}

void TestAlertsPage::deleteInUseRefusedInline()
{
    auto page = showPage();
    const QString destination = createDestination(*page, QStringLiteral("On-call"));
    QVERIFY(!createRule(*page, 10).isEmpty());
    QSignalSpy finished(page.get(), &AlertsPage::commandFinished);
    QSignalSpy refreshed(page.get(), &AlertsPage::refreshed);
    page->deleteDestination(destination);
    QVERIFY(arrived(finished));
    QTRY_VERIFY_WITH_TIMEOUT(refreshed.count() > 0, kTimeoutMs);
    QCOMPARE(page->errorText(),
        QStringLiteral(
            "Could not delete \u201cOn-call\u201d: conflict: alert destination is used by alert rules"));
    QCOMPARE(page->destinationModel()->rowCount(), 1);
    QCOMPARE(page->destinationModel()->rulesUsing(destination), 1);

    // The rule first, then the destination goes.
    refreshed.clear();
    page->deleteRule(page->selectedRuleId());
    QTRY_VERIFY_WITH_TIMEOUT(refreshed.count() > 0, kTimeoutMs);
    QCOMPARE(page->ruleModel()->rowCount(), 0);
    QVERIFY(page->errorText().isEmpty());
    refreshed.clear();
    page->deleteDestination(destination);
    QTRY_VERIFY_WITH_TIMEOUT(refreshed.count() > 0, kTimeoutMs);
    QCOMPARE(page->destinationModel()->rowCount(), 0);
}

void TestAlertsPage::switchingWorkspaceEmptiesPage()
{
    auto page = showPage();
    QVERIFY(!createDestination(*page, QStringLiteral("On-call")).isEmpty());
    QVERIFY(!createRule(*page, 10).isEmpty());
    QCOMPARE(page->ruleModel()->rowCount(), 1);
    auto other = m_engine->accounts().registerUser(QStringLiteral("ada@example.com"),
        QStringLiteral("correct horse battery"), osc::AccountService::Door::Console);
    QVERIFY(other.ok());
    QSignalSpy refreshed(page.get(), &AlertsPage::refreshed);
    const QString ws = m_engine->store().findUserByEmail(other->email).value()->workspaceId;
    m_workspace->setWorkspaceId(ws);
    QVERIFY(arrived(refreshed));
    QCOMPARE(page->ruleModel()->rowCount(), 0);
    QCOMPARE(page->destinationModel()->rowCount(), 0);
    QCOMPARE(page->eventModel()->rowCount(), 0);
    QVERIFY(page->findChild<QWidget *>(QStringLiteral("alertRulesEmptyNote"))->isVisible());
}

void TestAlertsPage::screenshots_data()
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

void TestAlertsPage::screenshots()
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
    {
        auto setup = showPage();
        QVERIFY(!createDestination(*setup, QStringLiteral("On-call")).isEmpty());
        QVERIFY(!createRule(*setup, 10).isEmpty());
        tickAndDrain();
    }
    auto server = std::make_unique<osc::http::HttpServer>(*m_engine);
    osc::app::ServerControlAdapter control(*server);
    osc::ui::MainWindow window(*m_engine, control);
    window.resize(size);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy refreshed(window.alertsPage(), &AlertsPage::refreshed);
    window.showPage(osc::ui::MainWindow::Page::Alerts);
    QVERIFY(arrived(refreshed));
    AlertsPage *page = window.alertsPage();
    QCOMPARE(page->ruleModel()->rowCount(), 1);
    QCOMPARE(window.size(), size);
    const QString suffix
        = QStringLiteral("%1x%2-%3-%4.png").arg(size.width()).arg(size.height()).arg(language, theme);
    saveScreenshot(window, QStringLiteral("window-alerts-rules-") + suffix);
    page->tabs()->setCurrentIndex(AlertsPage::EventsTab);
    page->selectEvent(page->eventModel()->eventAt(0).id);
    QTRY_COMPARE_WITH_TIMEOUT(page->deliveryModel()->rowCount(), 1, kTimeoutMs);
    saveScreenshot(window, QStringLiteral("window-alerts-events-") + suffix);
    page->tabs()->setCurrentIndex(AlertsPage::DestinationsTab);
    QTRY_VERIFY_WITH_TIMEOUT(page->testDeliveryModel()->rowCount() == 0, kTimeoutMs);
    saveScreenshot(window, QStringLiteral("window-alerts-destinations-") + suffix);
    page->tabs()->setCurrentIndex(AlertsPage::RulesTab);
    AlertRuleDialog *dialog = page->openEditRuleDialog();
    QVERIFY(dialog);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->isPreviewPending(), kTimeoutMs);
    saveScreenshot(*dialog, QStringLiteral("alert-rule-editor-") + suffix);
    QVERIFY2(dialog->width() <= size.width() && dialog->height() <= size.height(),
        qPrintable(QStringLiteral("%1x%2").arg(dialog->width()).arg(dialog->height())));
    dialog->reject();
}

QTEST_MAIN(TestAlertsPage)
#include "tst_alertspage.moc"
