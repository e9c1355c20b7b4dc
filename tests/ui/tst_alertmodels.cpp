// The Alerts page's item models, each under QAbstractItemModelTester: rules with their primary state,
// one rule's states per group, the event feed, a delivery log and the destinations (never a secret);
// plus the page's wording of durations and conditions.

#include "ui/alerts/AlertEventModel.h"
#include "ui/alerts/AlertRuleModel.h"
#include "ui/alerts/AlertStateModel.h"
#include "ui/alerts/AlertText.h"
#include "ui/alerts/DeliveryAttemptModel.h"
#include "ui/alerts/DestinationModel.h"

#include <QAbstractItemModelTester>
#include <QtTest>

using namespace osc;
using namespace osc::ui;

namespace {

constexpr qint64 kSecond = 1'000'000'000;
constexpr qint64 kT0 = 1'780'000'000 * kSecond;

AlertState state(AlertStatus status, double value, const QString &group = {}, qint64 updatedAt = kT0)
{
    AlertState s;
    s.status = status;
    s.value = value;
    s.groupKey = group.isEmpty() ? QString() : QStringLiteral("subject");
    s.groupValue = group;
    s.message = QStringLiteral("m");
    s.evaluatedAtNs = updatedAt;
    s.updatedAtNs = updatedAt;
    return s;
}

AlertRuleView ruleView(const QString &id, const QString &name, QList<AlertState> states)
{
    AlertRuleView view;
    view.rule.id = id;
    view.rule.name = name;
    view.rule.meter = QStringLiteral("api_requests");
    view.rule.threshold = 10;
    view.rule.windowSeconds = 3600;
    view.rule.destinationId = QStringLiteral("d1");
    AlertDestination destination;
    destination.id = QStringLiteral("d1");
    destination.name = QStringLiteral("hooks");
    view.destination = destination;
    view.states = std::move(states);
    return view;
}

QString cell(const QAbstractItemModel &model, int row, int column, int role = Qt::DisplayRole)
{
    return model.index(row, column).data(role).toString();
}

} // namespace

class tst_AlertModels final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void rulesShowTheirPrimaryState();
    void statesKeepTheEngineOrder();
    void eventsAreNewestFirstWithRuleNames();
    void attemptsAreOldestFirst();
    void destinationsNeverHoldASecret();
    void durationText_data();
    void durationText();
    void conditionText();
};

void tst_AlertModels::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void tst_AlertModels::rulesShowTheirPrimaryState()
{
    AlertRuleModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    model.setRules({ruleView(QStringLiteral("r1"), QStringLiteral("fresh"), {}),
        ruleView(QStringLiteral("r2"), QStringLiteral("grouped"),
            {state(AlertStatus::Ok, 4, QStringLiteral("B")),
                state(AlertStatus::Alerting, 12, QStringLiteral("A"))}),
        ruleView(QStringLiteral("r3"), QStringLiteral("quiet"), {state(AlertStatus::NoData, 0)})});
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.columnCount(), int(AlertRuleModel::ColumnCount));
    QCOMPARE(cell(model, 0, AlertRuleModel::StateColumn), QStringLiteral("Not evaluated"));
    QCOMPARE(cell(model, 0, AlertRuleModel::ValueColumn), QString());
    // The primary state is the alerting group's, whatever order the states came in.
    QCOMPARE(cell(model, 1, AlertRuleModel::StateColumn), QStringLiteral("Alerting · 2 groups"));
    QCOMPARE(cell(model, 1, AlertRuleModel::ValueColumn), QStringLiteral("12"));
    QCOMPARE(model.index(1, 0).data(AlertRuleModel::StatusRole).toInt(), int(AlertStatus::Alerting));
    QCOMPARE(cell(model, 2, AlertRuleModel::StateColumn), QStringLiteral("No data"));
    QCOMPARE(cell(model, 2, AlertRuleModel::ValueColumn), QString()); // no value, not 0
    QCOMPARE(cell(model, 1, AlertRuleModel::ConditionColumn), QStringLiteral("\u2265 10 in 1 h"));
    QCOMPARE(cell(model, 1, AlertRuleModel::DestinationColumn), QStringLiteral("hooks"));
    QCOMPARE(model.alertingCount(), 1);
    QCOMPARE(model.rowOfRule(QStringLiteral("r3")), 2);
    QCOMPARE(model.rowOfRule(QStringLiteral("nope")), -1);
    // Sorting by state puts alerting first and unevaluated rules last.
    QVERIFY(model.index(1, AlertRuleModel::StateColumn).data(AlertRuleModel::SortRole).toInt()
        < model.index(2, AlertRuleModel::StateColumn).data(AlertRuleModel::SortRole).toInt());
    QVERIFY(model.index(2, AlertRuleModel::StateColumn).data(AlertRuleModel::SortRole).toInt()
        < model.index(0, AlertRuleModel::StateColumn).data(AlertRuleModel::SortRole).toInt());
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

void tst_AlertModels::statesKeepTheEngineOrder()
{
    AlertStateModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setStates({state(AlertStatus::Alerting, 12.5, QStringLiteral("A")),
        state(AlertStatus::NoData, 0, QStringLiteral("gone")),
        state(AlertStatus::Ok, 4, QStringLiteral("B"))});
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(cell(model, 0, AlertStateModel::GroupColumn), QStringLiteral("subject A"));
    QCOMPARE(cell(model, 0, AlertStateModel::StateColumn), QStringLiteral("Alerting"));
    QCOMPARE(cell(model, 0, AlertStateModel::ValueColumn), QStringLiteral("12.5"));
    QCOMPARE(cell(model, 1, AlertStateModel::ValueColumn), QString());
    QCOMPARE(model.index(2, 0).data(AlertStateModel::GroupValueRole).toString(), QStringLiteral("B"));
    model.setStates({state(AlertStatus::Ok, 3)});
    QCOMPARE(cell(model, 0, AlertStateModel::GroupColumn), QStringLiteral("All usage"));
}

void tst_AlertModels::eventsAreNewestFirstWithRuleNames()
{
    AlertEventModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    AlertEvent triggered;
    triggered.id = QStringLiteral("e1");
    triggered.ruleId = QStringLiteral("r1");
    triggered.type = AlertEventType::Triggered;
    triggered.value = 12;
    triggered.groupKey = QStringLiteral("subject");
    triggered.groupValue = QStringLiteral("A");
    triggered.createdAtNs = kT0;
    WebhookAttempt delivered;
    delivered.delivered = true;
    delivered.statusCode = 204;
    triggered.delivery = delivered;
    AlertEvent resolved = triggered;
    resolved.id = QStringLiteral("e2");
    resolved.type = AlertEventType::Resolved;
    resolved.createdAtNs = kT0 + 60 * kSecond;
    WebhookAttempt failed;
    failed.error = QStringLiteral("webhook returned status 500");
    failed.statusCode = 500;
    resolved.delivery = failed;
    AlertEvent broken;
    broken.id = QStringLiteral("e3");
    broken.ruleId = QStringLiteral("r2");
    broken.type = AlertEventType::EvaluationFailed;
    broken.createdAtNs = kT0 - kSecond;
    model.setEvents({triggered, resolved, broken}, {{QStringLiteral("r1"), QStringLiteral("orders")}});
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.rowOfEvent(QStringLiteral("e2")), 0);
    QCOMPARE(model.rowOfEvent(QStringLiteral("e3")), 2);
    QCOMPARE(cell(model, 0, AlertEventModel::TypeColumn), QStringLiteral("Resolved"));
    QCOMPARE(cell(model, 0, AlertEventModel::RuleColumn), QStringLiteral("orders"));
    QCOMPARE(cell(model, 0, AlertEventModel::DeliveryColumn),
        QStringLiteral("failed: webhook returned status 500"));
    QCOMPARE(cell(model, 1, AlertEventModel::DeliveryColumn), QStringLiteral("delivered (204)"));
    QCOMPARE(cell(model, 1, AlertEventModel::GroupColumn), QStringLiteral("subject A"));
    QCOMPARE(cell(model, 2, AlertEventModel::RuleColumn), QStringLiteral("r2")); // unknown name: the id
    QCOMPARE(cell(model, 2, AlertEventModel::ValueColumn), QString());
    QCOMPARE(cell(model, 2, AlertEventModel::DeliveryColumn), QStringLiteral("not sent"));
    QCOMPARE(
        model.index(2, 0).data(AlertEventModel::TypeRole).toInt(), int(AlertEventType::EvaluationFailed));
}

void tst_AlertModels::attemptsAreOldestFirst()
{
    DeliveryAttemptModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    WebhookAttempt second;
    second.delivered = true;
    second.statusCode = 200;
    second.durationMs = 12;
    second.attemptedAtNs = kT0 + 2 * kSecond;
    WebhookAttempt first;
    first.error = QStringLiteral("webhook request timed out after 10000 ms");
    first.durationMs = 10'000;
    first.attemptedAtNs = kT0;
    model.setAttempts({second, first});
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(0, DeliveryAttemptModel::NumberColumn).data().toInt(), 1);
    QCOMPARE(cell(model, 0, DeliveryAttemptModel::ResultColumn), QStringLiteral("Failed"));
    QCOMPARE(cell(model, 0, DeliveryAttemptModel::StatusCodeColumn), QString()); // no answer at all
    QCOMPARE(cell(model, 0, DeliveryAttemptModel::ErrorColumn), first.error);
    QCOMPARE(cell(model, 1, DeliveryAttemptModel::ResultColumn), QStringLiteral("Delivered"));
    QCOMPARE(cell(model, 1, DeliveryAttemptModel::StatusCodeColumn), QStringLiteral("200"));
    QCOMPARE(cell(model, 1, DeliveryAttemptModel::DurationColumn), QStringLiteral("12 ms"));
    QVERIFY(model.index(1, 0).data(DeliveryAttemptModel::DeliveredRole).toBool());
}

void tst_AlertModels::destinationsNeverHoldASecret()
{
    DestinationModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    AlertDestination d;
    d.id = QStringLiteral("d1");
    d.name = QStringLiteral("hooks");
    d.webhookUrl = QStringLiteral("https://example.com/hook");
    d.secret = QStringLiteral("osp_whsec_secret");
    AlertDestination off = d;
    off.id = QStringLiteral("d2");
    off.name = QStringLiteral("old");
    off.enabled = false;
    model.setDestinations({d, off}, {{QStringLiteral("d1"), 2}});
    QCOMPARE(model.rowCount(), 2);
    QVERIFY(model.destinationAt(0).secret.isEmpty());
    for (int row = 0; row < model.rowCount(); ++row)
        for (int column = 0; column < model.columnCount(); ++column)
            for (int role : {int(Qt::DisplayRole), int(Qt::ToolTipRole)})
                QVERIFY(!cell(model, row, column, role).contains(QStringLiteral("osp_whsec_")));
    QCOMPARE(cell(model, 0, DestinationModel::RulesColumn), QStringLiteral("2"));
    QCOMPARE(cell(model, 1, DestinationModel::RulesColumn), QStringLiteral("0"));
    QCOMPARE(cell(model, 1, DestinationModel::NameColumn), QStringLiteral("old (disabled)"));
    QCOMPARE(model.rulesUsing(QStringLiteral("d1")), 2);
    QCOMPARE(model.rowOfDestination(QStringLiteral("d2")), 1);
}

void tst_AlertModels::durationText_data()
{
    QTest::addColumn<qint64>("seconds");
    QTest::addColumn<QString>("text");
    QTest::newRow("seconds") << qint64(90) << "90 s";
    QTest::newRow("minutes") << qint64(900) << "15 min";
    QTest::newRow("hour") << qint64(3600) << "1 h";
    QTest::newRow("hours not days") << qint64(90'000) << "25 h";
    QTest::newRow("days") << qint64(604'800) << "7 d";
    QTest::newRow("366 days") << qint64(31'622'400) << "366 d";
}

void tst_AlertModels::durationText()
{
    QFETCH(qint64, seconds);
    QFETCH(QString, text);
    QCOMPARE(AlertText::durationText(seconds), text);
}

void tst_AlertModels::conditionText()
{
    AlertRule rule;
    rule.comparator = AlertComparator::Lt;
    rule.threshold = 2.5;
    rule.windowSeconds = 300;
    QCOMPARE(AlertText::conditionText(rule), QStringLiteral("< 2.5 in 5 min"));
}

QTEST_MAIN(tst_AlertModels)
#include "tst_alertmodels.moc"
