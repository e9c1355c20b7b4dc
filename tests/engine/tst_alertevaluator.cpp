// The §9.3 state machine without storage: transitions and their events, grouped no_data, the error
// state on query failures, the §9.2 state order, the group cap, and the webhook signature vector.

#include "alerts/AlertEvaluator.h"
#include "alerts/AlertValidator.h"
#include "alerts/WebhookSignature.h"
#include "core/Clock.h"

#include <QtTest>

using namespace osc;
using namespace osc::alerts;

namespace {

constexpr qint64 kT0 = 1'780'000'000LL * kNanosPerSecond;

AlertRule rule(const QString &groupBy = {})
{
    AlertRule r;
    r.id = QStringLiteral("rule-1");
    r.comparator = AlertComparator::Gte;
    r.threshold = 10;
    r.groupBy = groupBy;
    return r;
}

QList<query::WindowGroup> groups(std::initializer_list<std::pair<const char *, double>> values)
{
    QList<query::WindowGroup> out;
    for (const auto &[value, quantity] : values)
        out.append({QString::fromUtf8(value), quantity, 1});
    return out;
}

QStringList types(const EvaluationOutcome &outcome)
{
    QStringList out;
    for (const AlertEvent &event : outcome.events)
        out.append(alertEventTypeName(event.type));
    return out;
}

} // namespace

class tst_AlertEvaluator final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void ungroupedTransitions();
    void comparators_data();
    void comparators();
    void groupedNoDataAndResolve();
    void queryErrorIsErrorState();
    void stateOrder();
    void groupCap();
    void signatureVector();
    void limitsAreNamed();
};

void tst_AlertEvaluator::ungroupedTransitions()
{
    const AlertRule r = rule();
    auto first = AlertEvaluator::evaluate(r, {}, QList<query::WindowGroup>(), kT0);
    QCOMPARE(first.states.size(), 1);
    QCOMPARE(first.states[0].status, AlertStatus::NoData);
    QCOMPARE(first.states[0].message, QStringLiteral("no usage data in alert window"));
    QVERIFY(first.events.isEmpty());

    auto up = AlertEvaluator::evaluate(r, first.states, groups({{"", 12840}}), kT0 + 1);
    QCOMPARE(up.states[0].status, AlertStatus::Alerting);
    QCOMPARE(up.states[0].message, QStringLiteral("value 12840.0000 gte threshold 10.0000"));
    QCOMPARE(types(up), QStringList{"triggered"});
    QCOMPARE(up.eventStates.size(), 1);

    auto still = AlertEvaluator::evaluate(r, up.states, groups({{"", 11}}), kT0 + 2);
    QVERIFY(still.events.isEmpty()); // no event while it stays alerting
    QCOMPARE(still.states[0].updatedAtNs, kT0 + 2); // the value changed

    auto down = AlertEvaluator::evaluate(r, still.states, groups({{"", 3}}), kT0 + 3);
    QCOMPARE(down.states[0].status, AlertStatus::Ok);
    QCOMPARE(down.states[0].message, QStringLiteral("value 3.0000 is within threshold 10.0000"));
    QCOMPARE(types(down), QStringList{"resolved"});

    auto same = AlertEvaluator::evaluate(r, down.states, groups({{"", 3}}), kT0 + 4);
    QCOMPARE(same.states[0].updatedAtNs, kT0 + 3); // unchanged state keeps its time
    QCOMPARE(same.states[0].evaluatedAtNs, std::optional<qint64>(kT0 + 4));
}

void tst_AlertEvaluator::comparators_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<double>("value");
    QTest::addColumn<bool>("alerting");
    QTest::newRow("gt equal") << "gt" << 10.0 << false;
    QTest::newRow("gt above") << "gt" << 10.5 << true;
    QTest::newRow("gte equal") << "gte" << 10.0 << true;
    QTest::newRow("lt below") << "lt" << 9.0 << true;
    QTest::newRow("lte equal") << "lte" << 10.0 << true;
    QTest::newRow("lte above") << "lte" << 11.0 << false;
    QTest::newRow("eq") << "eq" << 10.0 << true;
    QTest::newRow("neq") << "neq" << 10.0 << false;
}

void tst_AlertEvaluator::comparators()
{
    QFETCH(QString, name);
    QFETCH(double, value);
    QFETCH(bool, alerting);
    AlertRule r = rule();
    r.comparator = *comparatorFromName(name);
    const auto outcome = AlertEvaluator::evaluate(r, {}, groups({{"", value}}), kT0);
    QCOMPARE(outcome.states[0].status == AlertStatus::Alerting, alerting);
}

void tst_AlertEvaluator::groupedNoDataAndResolve()
{
    const AlertRule r = rule(QStringLiteral("subject"));
    auto first = AlertEvaluator::evaluate(r, {}, groups({{"A", 12}, {"B", 4}}), kT0);
    QCOMPARE(first.states.size(), 2);
    QCOMPARE(first.states[0].groupValue, QStringLiteral("A"));
    QCOMPARE(first.states[0].message, QStringLiteral("value 12.0000 gte threshold 10.0000 for subject A"));
    QCOMPARE(types(first), QStringList{"triggered"});

    // A vanished: no_data and resolved; B still there.
    auto second = AlertEvaluator::evaluate(r, first.states, groups({{"B", 5}}), kT0 + 1);
    QCOMPARE(second.states.size(), 2);
    QCOMPARE(second.states[0].status, AlertStatus::NoData);
    QCOMPARE(second.states[0].message, QStringLiteral("no usage data in alert window for subject A"));
    QCOMPARE(types(second), QStringList{"resolved"});
    QCOMPARE(second.eventStates[0].status, AlertStatus::NoData);

    // Nothing at all: one no_data state.
    auto third = AlertEvaluator::evaluate(r, second.states, QList<query::WindowGroup>(), kT0 + 2);
    QCOMPARE(third.states.size(), 1);
    QCOMPARE(third.states[0].status, AlertStatus::NoData);
    QVERIFY(third.states[0].groupKey.isEmpty());
    QVERIFY(third.events.isEmpty());

    // Alerting groups that vanish with everything else still resolve.
    auto alerting = AlertEvaluator::evaluate(r, {}, groups({{"A", 12}}), kT0);
    auto gone = AlertEvaluator::evaluate(r, alerting.states, QList<query::WindowGroup>(), kT0 + 1);
    QCOMPARE(types(gone), QStringList{"resolved"});
    QCOMPARE(gone.states.size(), 1);
}

void tst_AlertEvaluator::queryErrorIsErrorState()
{
    const AlertRule r = rule(QStringLiteral("subject"));
    auto first = AlertEvaluator::evaluate(r, {}, groups({{"A", 12}}), kT0);
    const Result<QList<query::WindowGroup>> failed = Error::internal();
    auto error = AlertEvaluator::evaluate(r, first.states, failed, kT0 + 1);
    QCOMPARE(types(error), QStringList{"evaluation_failed"});
    QCOMPARE(error.states.size(), 2); // the group keeps its state; one error state records why
    QCOMPARE(error.states[0].status, AlertStatus::Alerting);
    QCOMPARE(error.states[1].status, AlertStatus::Error);
    QCOMPARE(error.states[1].message, QStringLiteral("internal server error"));
    auto again = AlertEvaluator::evaluate(r, error.states, failed, kT0 + 2);
    QVERIFY(again.events.isEmpty()); // only on entering the error state
    auto recovered = AlertEvaluator::evaluate(r, again.states, groups({{"A", 12}}), kT0 + 3);
    QCOMPARE(recovered.states.size(), 1);
    QCOMPARE(recovered.states[0].status, AlertStatus::Alerting);
}

void tst_AlertEvaluator::stateOrder()
{
    QList<AlertState> states;
    const auto make = [](AlertStatus status, qint64 updated, const char *value) {
        AlertState s;
        s.status = status;
        s.updatedAtNs = updated;
        s.groupValue = QString::fromUtf8(value);
        return s;
    };
    states << make(AlertStatus::Ok, 5, "ok") << make(AlertStatus::NoData, 5, "nodata")
           << make(AlertStatus::Error, 1, "error") << make(AlertStatus::Alerting, 1, "old")
           << make(AlertStatus::Alerting, 9, "new");
    AlertEvaluator::sortStates(states);
    QStringList order;
    for (const AlertState &s : states)
        order.append(s.groupValue);
    QCOMPARE(order, (QStringList{"new", "old", "error", "nodata", "ok"}));
    QCOMPARE(AlertEvaluator::primary(states).groupValue, QStringLiteral("new"));
}

void tst_AlertEvaluator::groupCap()
{
    QList<query::WindowGroup> many;
    for (int i = 0; i < kMaxGroups + 5; ++i)
        many.append({QString::number(i), double(i), 1});
    const auto outcome = AlertEvaluator::evaluate(rule(QStringLiteral("subject")), {}, many, kT0);
    QCOMPARE(outcome.states.size(), kMaxGroups);
    // The highest values are kept.
    for (const AlertState &state : outcome.states)
        QVERIFY(state.value >= 5);
}

void tst_AlertEvaluator::signatureVector()
{
    // A fixed vector: printf '1700000000.{}' | openssl dgst -sha256 -hmac secret
    QCOMPARE(webhookSignature(QStringLiteral("secret"), 1700000000, "{}"),
        QByteArray("v1=b8569b78799ff9e3cbff0fc2d63a33a2b57f3282abd07c37ae5e8e7d79a5f163"));
    const QString secret = newWebhookSecret();
    QVERIFY(secret.startsWith(QStringLiteral("osp_whsec_")));
    QCOMPARE(secret.size(), 53);
    QVERIFY(secret != newWebhookSecret());
}

void tst_AlertEvaluator::limitsAreNamed()
{
    QCOMPARE(kMinWindowSeconds, qint64(60));
    QCOMPARE(kMaxWindowSeconds, qint64(366) * 86400);
    QCOMPARE(kMaxIntervalSeconds, qint64(86400));
    QCOMPARE(kMaxNameLength, 120);
    QVERIFY(AlertValidator::validateWebhookUrl(
        "https://e.com/" + QString(kMaxWebhookUrlLength - 14, QLatin1Char('a')))
                .ok());
    QVERIFY(!AlertValidator::validateWebhookUrl(
        "https://e.com/" + QString(kMaxWebhookUrlLength - 13, QLatin1Char('a')))
                 .ok());
    AlertRuleDraft draft;
    draft.name = QStringLiteral("n");
    draft.destinationId = QStringLiteral("d");
    for (int i = 0; i <= kMaxMetadataFilters; ++i)
        draft.metadata.append({QStringLiteral("k%1").arg(i), QStringLiteral("v")});
    QCOMPARE(AlertValidator::validateRule(draft).error().message,
        QStringLiteral("invalid input\nmetadata supports up to %1 filters").arg(kMaxMetadataFilters));
    draft.metadata.removeLast();
    QVERIFY(AlertValidator::validateRule(draft).ok());
    draft.windowSeconds = kMaxWindowSeconds;
    draft.evaluationIntervalSeconds = kMaxIntervalSeconds;
    QVERIFY(AlertValidator::validateRule(draft).ok());
}

QTEST_GUILESS_MAIN(tst_AlertEvaluator)
#include "tst_alertevaluator.moc"
