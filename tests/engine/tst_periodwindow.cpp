// Period windows of contract §10.4 (anchored, Go AddDate month overflow), the counter value per
// aggregation and the quota state thresholds (§10.4), as tables.

#include "core/Clock.h"
#include "core/Rfc3339.h"
#include "plans/QuotaMath.h"
#include "quota/PeriodWindow.h"

#include <QtTest>

using namespace osc;

namespace {

qint64 at(const QString &text)
{
    return rfc3339::parse(QStringView(text))->toInt64(); // plan times are qint64 ns
}

QString fmt(qint64 ns)
{
    return rfc3339::formatSeconds(ns);
}

} // namespace

class tst_PeriodWindow final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void windows_data();
    void windows();
    void outOfRange();
    void counterValues_data();
    void counterValues();
    void states_data();
    void states();
};

void tst_PeriodWindow::windows_data()
{
    QTest::addColumn<QString>("anchor");
    QTest::addColumn<QString>("period");
    QTest::addColumn<QString>("now");
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    const auto row = [](const char *name, const char *anchor, const char *period, const char *now,
                         const char *from, const char *to) {
        QTest::newRow(name) << QString::fromLatin1(anchor) << QString::fromLatin1(period)
                            << QString::fromLatin1(now) << QString::fromLatin1(from)
                            << QString::fromLatin1(to);
    };
    row("month, first window", "2026-06-08T10:00:00Z", "month", "2026-06-20T00:00:00Z",
        "2026-06-08T10:00:00Z", "2026-07-08T10:00:00Z");
    row("month, boundary belongs to next", "2026-06-08T10:00:00Z", "month", "2026-07-08T10:00:00Z",
        "2026-07-08T10:00:00Z", "2026-08-08T10:00:00Z");
    row("month, a second before", "2026-06-08T10:00:00Z", "month", "2026-07-08T09:59:59.999Z",
        "2026-06-08T10:00:00Z", "2026-07-08T10:00:00Z");
    row("Jan 31 + 1 month = Mar 3", "2027-01-31T00:00:00Z", "month", "2027-02-15T00:00:00Z",
        "2027-01-31T00:00:00Z", "2027-03-03T00:00:00Z");
    row("iteration continues from Mar 3", "2027-01-31T00:00:00Z", "month", "2027-03-10T00:00:00Z",
        "2027-03-03T00:00:00Z", "2027-04-03T00:00:00Z");
    row("leap year Jan 31 + 1 month = Mar 2", "2028-01-31T00:00:00Z", "month", "2028-02-01T00:00:00Z",
        "2028-01-31T00:00:00Z", "2028-03-02T00:00:00Z");
    row("month across a year", "2026-12-15T08:30:00Z", "month", "2027-01-20T00:00:00Z",
        "2027-01-15T08:30:00Z", "2027-02-15T08:30:00Z");
    row("now before anchor", "2026-06-08T10:00:00Z", "month", "2026-01-01T00:00:00Z", "2026-06-08T10:00:00Z",
        "2026-07-08T10:00:00Z");
    row("day", "2026-06-08T10:00:00Z", "day", "2026-06-10T09:00:00Z", "2026-06-09T10:00:00Z",
        "2026-06-10T10:00:00Z");
    row("week", "2026-06-08T10:00:00Z", "week", "2026-06-23T00:00:00Z", "2026-06-22T10:00:00Z",
        "2026-06-29T10:00:00Z");
    row("year", "2026-06-08T10:00:00Z", "year", "2028-01-01T00:00:00Z", "2027-06-08T10:00:00Z",
        "2028-06-08T10:00:00Z");
    row("Feb 29 + 1 year = Mar 1", "2028-02-29T00:00:00Z", "year", "2028-05-01T00:00:00Z",
        "2028-02-29T00:00:00Z", "2029-03-01T00:00:00Z");
    row("anchor before 1970", "1969-12-31T23:00:00Z", "day", "1970-01-01T22:59:59Z", "1969-12-31T23:00:00Z",
        "1970-01-01T23:00:00Z");
    // Each step starts from the normalized previous start: Jan 31 → Mar 2 (2000 is leap) → Apr 2 → …
    row("many years of months", "2000-01-31T00:00:00Z", "month", "2026-06-08T00:00:00Z",
        "2026-06-02T00:00:00Z", "2026-07-02T00:00:00Z");
}

void tst_PeriodWindow::windows()
{
    QFETCH(QString, anchor);
    QFETCH(QString, period);
    QFETCH(QString, now);
    QFETCH(QString, from);
    QFETCH(QString, to);
    const auto window = quota::windowContaining(at(anchor), *planPeriodFromName(period), at(now));
    QVERIFY(window);
    QCOMPARE(fmt(window->fromNs), from);
    QCOMPARE(fmt(window->toNs), to);
}

void tst_PeriodWindow::outOfRange()
{
    // Plan times stop at kMaxPlanTimeNs so one more period always fits the int64 nanosecond range.
    QCOMPARE(fmt(quota::kMaxPlanTimeNs), QStringLiteral("2200-01-01T00:00:00Z"));
    QVERIFY(quota::windowContaining(quota::kMaxPlanTimeNs, PlanPeriod::Year, quota::kMaxPlanTimeNs));
    QVERIFY(!quota::windowContaining(quota::kMaxPlanTimeNs + kNanosPerSecond, PlanPeriod::Day, 0));
    // An event near the end of the range under an old anchor has no representable window.
    QVERIFY(
        !quota::windowContaining(at("2026-01-01T00:00:00Z"), PlanPeriod::Year, at("2262-04-01T00:00:00Z")));
}

void tst_PeriodWindow::counterValues_data()
{
    QTest::addColumn<QString>("aggregation");
    QTest::addColumn<double>("expected");
    QTest::newRow("sum") << "sum" << 12.0;
    QTest::newRow("count") << "count" << 3.0;
    QTest::newRow("avg") << "avg" << 4.0;
    QTest::newRow("min") << "min" << 1.0;
    QTest::newRow("max") << "max" << 8.0;
    QTest::newRow("first") << "first" << 3.0;
    QTest::newRow("last") << "last" << 8.0;
    QTest::newRow("rate") << "rate" << 3.0 / 86400;
}

void tst_PeriodWindow::counterValues()
{
    QFETCH(QString, aggregation);
    QFETCH(double, expected);
    UsageCounter c;
    c.count = 3;
    c.sum = 12;
    c.min = 1;
    c.max = 8;
    c.first = 3;
    c.last = 8;
    const quota::Window day{0, kSecondsPerDay * kNanosPerSecond};
    QCOMPARE(counterValue(c, *aggregationFromName(aggregation), day), expected);
    QCOMPARE(counterValue(std::nullopt, *aggregationFromName(aggregation), day), 0.0);
}

void tst_PeriodWindow::states_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<double>("limit");
    QTest::addColumn<double>("warning");
    QTest::addColumn<QString>("state");
    QTest::newRow("below warning") << 7.0 << 10.0 << 80.0 << "ok";
    QTest::newRow("at warning") << 8.0 << 10.0 << 80.0 << "warning";
    QTest::newRow("at limit") << 10.0 << 10.0 << 80.0 << "exceeded";
    QTest::newRow("over limit") << 11.0 << 10.0 << 80.0 << "exceeded";
    QTest::newRow("warning 100") << 9.99 << 10.0 << 100.0 << "ok";
    QTest::newRow("integration 15/20 at 60") << 15.0 << 20.0 << 60.0 << "warning";
}

void tst_PeriodWindow::states()
{
    QFETCH(double, value);
    QFETCH(double, limit);
    QFETCH(double, warning);
    QFETCH(QString, state);
    QCOMPARE(quotaStateName(quotaStateFor(value, limit, warning)), state);
}

QTEST_GUILESS_MAIN(tst_PeriodWindow)
#include "tst_periodwindow.moc"
