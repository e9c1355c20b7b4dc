// The tray's alert notifications against a real engine, offscreen (no system tray there): a rule that
// triggers and then resolves produces one notice each, worded for the desktop; the Settings switch
// silences them; a burst of groups becomes one summary; and without a tray nothing is shown and
// nothing fails.

#include "AlertTrayIcon.h"
#include "Engine.h"
#include "UiTestSupport.h"
#include "ui/settings/AppSettings.h"

#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QSystemTrayIcon>
#include <QTemporaryDir>
#include <QWidget>
#include <QtTest>

using osc::ui::AlertNotice;

namespace {

constexpr int kTimeoutMs = 10'000;

} // namespace

class TestAlertTray : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void triggerAndResolveNotify();
    void settingSilencesNotices();
    void burstBecomesOneSummary();

private:
    QString createRule(const QString &groupBy);
    void post(const QString &subject, double quantity);
    bool evaluate(const QString &ruleId);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<osc::Engine> m_engine;
    std::unique_ptr<QWidget> m_window;
    std::unique_ptr<osc::app::AlertTrayIcon> m_tray;
};

void TestAlertTray::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("OpenSpannerConsoleTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_alerttray"));
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestAlertTray::init()
{
    QSettings().clear();
    m_dir = std::make_unique<QTemporaryDir>();
    m_engine = osc::testsupport::openEngine(*m_dir);
    osc::MeterDraft meter;
    meter.name = QStringLiteral("api_requests");
    meter.unit = QStringLiteral("request");
    QVERIFY(m_engine->meters().create(m_engine->owner(), meter).ok());
    m_window = std::make_unique<QWidget>();
    m_tray = std::make_unique<osc::app::AlertTrayIcon>(m_engine->alerts(), *m_window);
}

void TestAlertTray::cleanup()
{
    m_tray.reset();
    m_window.reset();
    m_engine.reset();
    m_dir.reset();
}

QString TestAlertTray::createRule(const QString &groupBy)
{
    osc::AlertDestinationDraft destination;
    destination.name = QStringLiteral("hooks");
    destination.webhookUrl = QStringLiteral("https://example.com/hook");
    auto d = m_engine->alerts().createDestination(m_engine->owner(), destination);
    osc::AlertRuleDraft rule;
    rule.name = QStringLiteral("Busy");
    rule.meter = QStringLiteral("api_requests");
    rule.threshold = 10;
    rule.groupBy = groupBy;
    rule.destinationId = d ? d->id : QString();
    auto created = m_engine->alerts().createRule(m_engine->owner(), rule);
    return created ? created->rule.id : QString();
}

void TestAlertTray::post(const QString &subject, double quantity)
{
    osc::UsageDraft event;
    event.subject = subject;
    event.meter = QStringLiteral("api_requests");
    event.quantity = quantity;
    QVERIFY(m_engine->ingestor().createBulk(m_engine->owner(), {event}, {}).ok());
}

bool TestAlertTray::evaluate(const QString &ruleId)
{
    return m_engine->alerts().evaluateNow(m_engine->owner(), ruleId).ok();
}

void TestAlertTray::triggerAndResolveNotify()
{
    QVERIFY(!QSystemTrayIcon::isSystemTrayAvailable()); // offscreen: the degraded path
    QVERIFY(m_tray->trayIcon() == nullptr);
    QSignalSpy notices(m_tray.get(), &osc::app::AlertTrayIcon::noticesReady);
    const QString rule = createRule({});
    QVERIFY(!rule.isEmpty());
    post(QStringLiteral("A"), 12);
    QVERIFY(evaluate(rule));
    QTRY_COMPARE_WITH_TIMEOUT(notices.count(), 1, kTimeoutMs); // handed over from the evaluating call
    auto first = notices.takeFirst().at(0).value<QList<AlertNotice>>();
    QCOMPARE(first.size(), 1);
    QVERIFY(first.at(0).triggered);
    QCOMPARE(first.at(0).title, QStringLiteral("Alert triggered: Busy"));
    QCOMPARE(first.at(0).message, QStringLiteral("api_requests is 12 (threshold \u2265 10 in 1 h)"));
    QVERIFY(evaluate(rule)); // still alerting: no transition, no notice
    QCoreApplication::processEvents();
    QCOMPARE(notices.count(), 0);

    // Raised above the value: resolved.
    osc::AlertRulePatch patch;
    patch.threshold = 100;
    QVERIFY(m_engine->alerts().updateRule(m_engine->owner(), rule, patch).ok());
    QVERIFY(evaluate(rule));
    QTRY_COMPARE_WITH_TIMEOUT(notices.count(), 1, kTimeoutMs);
    auto second = notices.takeFirst().at(0).value<QList<AlertNotice>>();
    QVERIFY(!second.at(0).triggered);
    QCOMPARE(second.at(0).title, QStringLiteral("Alert resolved: Busy"));
}

void TestAlertTray::settingSilencesNotices()
{
    osc::ui::settings::setAlertNotifications(false);
    QSignalSpy notices(m_tray.get(), &osc::app::AlertTrayIcon::noticesReady);
    const QString rule = createRule({});
    post(QStringLiteral("A"), 12);
    QVERIFY(evaluate(rule));
    // The transition did happen (its event is stored), only the notice is off.
    auto events = m_engine->alerts().listEvents(m_engine->owner(), rule, 10, {});
    QVERIFY(events.ok());
    QCOMPARE(events->items.size(), 1);
    QCoreApplication::processEvents(); // a notice is posted during the evaluating call: it would be here
    QCOMPARE(notices.count(), 0);
    osc::ui::settings::setAlertNotifications(true);
    QVERIFY(osc::ui::settings::alertNotifications());
}

void TestAlertTray::burstBecomesOneSummary()
{
    QSignalSpy notices(m_tray.get(), &osc::app::AlertTrayIcon::noticesReady);
    const QString rule = createRule(QStringLiteral("subject"));
    for (int i = 0; i < osc::ui::AlertNotification::kMaxNoticesPerEvaluation + 2; ++i)
        post(QStringLiteral("s%1").arg(i), 20);
    QVERIFY(evaluate(rule));
    QTRY_COMPARE_WITH_TIMEOUT(notices.count(), 1, kTimeoutMs);
    auto list = notices.takeFirst().at(0).value<QList<AlertNotice>>();
    QCOMPARE(list.size(), 1);
    QCOMPARE(list.at(0).title, QStringLiteral("Alert \u201cBusy\u201d"));
    QCOMPARE(list.at(0).message, QStringLiteral("5 groups triggered, 0 resolved (api_requests)"));
}

QTEST_MAIN(TestAlertTray)
#include "tst_alerttray.moc"
