// Aggregation semantics (contract §6.3): the test vectors, first/last tie-breaks by id, and merge()
// of partial states (rollups + raw scans) being equal to one state over all events.

#include "core/Rfc3339.h"
#include "model/Aggregate.h"
#include "query/BucketCalendar.h"

#include <QRandomGenerator>
#include <QTest>

#include <algorithm>
#include <limits>

using namespace osc;
using namespace osc::query;

namespace {

osc::TimeNs at(const char *text)
{
    return *rfc3339::parse(QString::fromLatin1(text));
}

struct Event
{
    double quantity;
    TimeNs timeNs;
    QString id;
};

AggregateState aggregate(const QList<Event> &events)
{
    AggregateState state;
    for (const Event &event : events)
        state.add(event.quantity, event.timeNs, event.id);
    return state;
}

// Every observable field; first/last ids included because merge must pick the same event.
bool sameState(const AggregateState &a, const AggregateState &b)
{
    return a.count == b.count && a.sum == b.sum && a.min == b.min && a.max == b.max
        && a.firstTimeNs == b.firstTimeNs && a.firstId == b.firstId && a.firstQuantity == b.firstQuantity
        && a.lastTimeNs == b.lastTimeNs && a.lastId == b.lastId && a.lastQuantity == b.lastQuantity;
}

double windowOf(BucketSize size, const char *start)
{
    return BucketCalendar::create(size, {}).value().bucketSeconds(at(start));
}

} // namespace

Q_DECLARE_METATYPE(osc::Aggregation)

class TstAggregate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void contractVectors_data();
    void contractVectors();
    void tieBreaks_data();
    void tieBreaks();
    void codePointOrder_data();
    void codePointOrder();
    void emptyState();
    void mergeWithEmpty();
    void mergeEqualsOneState_data();
    void mergeEqualsOneState();
    void insertionOrderIrrelevant();
    void idBufferReuse();
};

void TstAggregate::contractVectors_data()
{
    QTest::addColumn<Aggregation>("aggregation");
    QTest::addColumn<QList<double>>("quantities");
    QTest::addColumn<QStringList>("times");
    QTest::addColumn<double>("window");
    QTest::addColumn<double>("expected");

    // Events of 2026-06-08: /orders 2 @09:00, /users 4 @10:00, /orders 8 @11:00, grouped by endpoint.
    const QStringList orderTimes = {"2026-06-08T09:00:00Z", "2026-06-08T11:00:00Z"};
    const QStringList userTimes = {"2026-06-08T10:00:00Z"};
    const double day = windowOf(BucketSize::Day, "2026-06-08T00:00:00Z");
    const double june = windowOf(BucketSize::Month, "2026-06-01T00:00:00Z");

    QTest::newRow("avg /orders") << Aggregation::Avg << QList<double>{2, 8} << orderTimes << day << 5.0;
    QTest::newRow("avg /users") << Aggregation::Avg << QList<double>{4} << userTimes << day << 4.0;
    QTest::newRow("min /orders") << Aggregation::Min << QList<double>{2, 8} << orderTimes << day << 2.0;
    QTest::newRow("min /users") << Aggregation::Min << QList<double>{4} << userTimes << day << 4.0;
    QTest::newRow("max /orders") << Aggregation::Max << QList<double>{2, 8} << orderTimes << day << 8.0;
    QTest::newRow("max /users") << Aggregation::Max << QList<double>{4} << userTimes << day << 4.0;
    QTest::newRow("sum /orders") << Aggregation::Sum << QList<double>{2, 8} << orderTimes << day << 10.0;
    QTest::newRow("count /orders") << Aggregation::Count << QList<double>{2, 8} << orderTimes << day << 2.0;
    // first: /orders 12 @11:00 and 7 @09:00 → 7 (insertion order is not time order).
    QTest::newRow("first") << Aggregation::First << QList<double>{12, 7}
                           << QStringList{"2026-06-08T11:00:00Z", "2026-06-08T09:00:00Z"} << day << 7.0;
    // last: 7 @09:00, 12 @11:00 → 12.
    QTest::newRow("last") << Aggregation::Last << QList<double>{7, 12}
                          << QStringList{"2026-06-08T09:00:00Z", "2026-06-08T11:00:00Z"} << day << 12.0;
    QTest::newRow("rate day /orders")
        << Aggregation::Rate << QList<double>{2, 8} << orderTimes << day << 2.0 / 86400;
    QTest::newRow("rate June /orders")
        << Aggregation::Rate << QList<double>{2, 8} << orderTimes << june << 2.0 / (30 * 86400);
    QTest::newRow("rate June /users")
        << Aggregation::Rate << QList<double>{4} << userTimes << june << 1.0 / (30 * 86400);
    QTest::newRow("rate hour") << Aggregation::Rate << QList<double>{1, 1, 1}
                               << QStringList{"2026-06-08T10:00:00Z", "2026-06-08T10:10:00Z",
                                      "2026-06-08T10:20:00Z"}
                               << 3600.0 << 3.0 / 3600;
    QTest::newRow("count ignores quantity")
        << Aggregation::Count << QList<double>{0, -5, 2.5}
        << QStringList{"2026-06-08T10:00:00Z", "2026-06-08T10:00:00Z", "2026-06-08T10:00:00Z"} << day << 3.0;
}

void TstAggregate::contractVectors()
{
    QFETCH(Aggregation, aggregation);
    QFETCH(QList<double>, quantities);
    QFETCH(QStringList, times);
    QFETCH(double, window);
    QFETCH(double, expected);

    AggregateState state;
    for (qsizetype i = 0; i < quantities.size(); ++i)
        state.add(quantities.at(i), at(qPrintable(times.at(i))), QStringLiteral("evt-%1").arg(i));
    // Exact: each expected value is computed the same way (one division) as the contract states it.
    QCOMPARE(state.value(aggregation, window), expected);
}

void TstAggregate::tieBreaks_data()
{
    QTest::addColumn<QStringList>("ids");
    QTest::addColumn<QList<double>>("quantities");
    QTest::addColumn<double>("first");
    QTest::addColumn<double>("last");

    // All at the same event_time: first = smallest id, last = largest id (string order).
    QTest::newRow("b a c") << QStringList{"b", "a", "c"} << QList<double>{2, 1, 3} << 1.0 << 3.0;
    QTest::newRow("c b a") << QStringList{"c", "b", "a"} << QList<double>{3, 2, 1} << 1.0 << 3.0;
    QTest::newRow("a c b") << QStringList{"a", "c", "b"} << QList<double>{1, 3, 2} << 1.0 << 3.0;
    // String order, not numeric: "10" < "9".
    QTest::newRow("numeric-looking") << QStringList{"9", "10"} << QList<double>{9, 10} << 10.0 << 9.0;
    // A prefix sorts first.
    QTest::newRow("prefix") << QStringList{"evt-1a", "evt-1"} << QList<double>{2, 1} << 1.0 << 2.0;
    // Uppercase before lowercase (byte order).
    QTest::newRow("case") << QStringList{"a", "B"} << QList<double>{1, 2} << 2.0 << 1.0;
    // UUIDs as the server generates them.
    QTest::newRow("uuids") << QStringList{"f47ac10b-58cc-4372-a567-0e02b2c3d479",
        "0a1b2c3d-0000-4000-8000-000000000000", "9b2e4f7a-1111-4222-8333-444455556666"}
                           << QList<double>{3, 1, 2} << 1.0 << 3.0;
}

void TstAggregate::tieBreaks()
{
    QFETCH(QStringList, ids);
    QFETCH(QList<double>, quantities);
    QFETCH(double, first);
    QFETCH(double, last);

    const TimeNs time = at("2026-06-08T10:00:00Z");
    AggregateState state;
    for (qsizetype i = 0; i < ids.size(); ++i)
        state.add(quantities.at(i), time, ids.at(i));
    QCOMPARE(state.value(Aggregation::First, 0), first);
    QCOMPARE(state.value(Aggregation::Last, 0), last);

    // Time still decides before the id: an earlier event with a larger id is first.
    state.add(-1, time - 1, QStringLiteral("zzz"));
    QCOMPARE(state.value(Aggregation::First, 0), -1.0);
    state.add(-2, time + 1, QStringLiteral("000"));
    QCOMPARE(state.value(Aggregation::Last, 0), -2.0);
}

void TstAggregate::codePointOrder_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<int>("expected");

    QTest::newRow("equal") << "abc"
                           << "abc" << 0;
    QTest::newRow("less") << "abc"
                          << "abd" << -1;
    QTest::newRow("prefix") << "ab"
                            << "abc" << -1;
    QTest::newRow("longer") << "abc"
                            << "ab" << 1;
    QTest::newRow("empty") << ""
                           << "a" << -1;
    // U+FFFD < U+1F600 as code points (and UTF-8 bytes), although its UTF-16 unit 0xFFFD > 0xD83D.
    QTest::newRow("BMP above surrogates vs emoji")
        << QStringLiteral("\uFFFD") << QStringLiteral("\U0001F600") << -1;
    QTest::newRow("emoji vs BMP above surrogates")
        << QStringLiteral("\U0001F600") << QStringLiteral("\uE000") << 1;
    QTest::newRow("emoji vs BMP below surrogates")
        << QStringLiteral("\U0001F600") << QStringLiteral("\u4E2D") << 1;
    QTest::newRow("two emoji") << QStringLiteral("\U0001F600") << QStringLiteral("\U0001F601") << -1;
}

void TstAggregate::codePointOrder()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(int, expected);

    QCOMPARE(compareCodePoints(a, b), expected);
    QCOMPARE(compareCodePoints(b, a), -expected);
    // UTF-8 byte order is the reference the contract inherits from Go.
    const int bytes = a.toUtf8().compare(b.toUtf8());
    QCOMPARE(bytes < 0 ? -1 : (bytes > 0 ? 1 : 0), expected);
}

void TstAggregate::emptyState()
{
    const AggregateState state;
    QVERIFY(state.isEmpty());
    for (const Aggregation aggregation : allAggregations())
        QCOMPARE(state.value(aggregation, 86400), 0.0);
    AggregateState one;
    one.add(5, 0, u"x");
    QCOMPARE(one.value(Aggregation::Rate, 0), 0.0); // no division by a zero window
}

void TstAggregate::mergeWithEmpty()
{
    AggregateState filled;
    filled.add(1.5, 100, u"b");
    filled.add(2.5, 50, u"a");
    const AggregateState copy = filled;

    AggregateState left;
    left.merge(filled);
    QVERIFY(sameState(left, copy));
    filled.merge(AggregateState{});
    QVERIFY(sameState(filled, copy));
    AggregateState empty;
    empty.merge(AggregateState{});
    QVERIFY(empty.isEmpty());
}

void TstAggregate::mergeEqualsOneState_data()
{
    QTest::addColumn<int>("seed");
    QTest::addColumn<int>("events");
    QTest::addColumn<int>("partitions");

    QTest::newRow("few events, many partitions") << 1 << 10 << 8;
    QTest::newRow("one partition") << 2 << 100 << 1;
    QTest::newRow("some") << 3 << 500 << 7;
    QTest::newRow("many") << 4 << 5000 << 31;
    QTest::newRow("more partitions than events") << 5 << 3 << 10;
}

// Random events with heavy ties (few distinct times, ids and quantities, duplicates included) split
// into random partitions, aggregated separately and merged in random order and grouping.
void TstAggregate::mergeEqualsOneState()
{
    QFETCH(int, seed);
    QFETCH(int, events);
    QFETCH(int, partitions);

    QRandomGenerator random{quint32(seed)};
    const TimeNs base = at("2026-06-08T00:00:00Z");
    QList<Event> all;
    for (int i = 0; i < events; ++i) {
        // Multiples of 0.25 in [-50, 50]: every partial sum is exact, so merge order cannot matter.
        const double quantity = (int(random.bounded(401)) - 200) * 0.25;
        const TimeNs time = base + qint64(random.bounded(20)) * 1'000'000'000;
        all.append({quantity, time, QStringLiteral("evt-%1").arg(random.bounded(30))});
    }
    const AggregateState whole = aggregate(all);

    for (int round = 0; round < 20; ++round) {
        QList<QList<Event>> parts(partitions);
        for (const Event &event : all)
            parts[random.bounded(partitions)].append(event);
        QList<AggregateState> states;
        for (const QList<Event> &part : parts)
            states.append(aggregate(part));
        // Random pairwise merges: covers both associativity (grouping) and commutativity (order).
        while (states.size() > 1) {
            const qsizetype i = random.bounded(states.size());
            AggregateState left = states.takeAt(i);
            const qsizetype j = random.bounded(states.size());
            AggregateState right = states.takeAt(j);
            if (random.bounded(2))
                std::swap(left, right);
            left.merge(right);
            states.append(left);
        }
        QVERIFY2(sameState(states.constFirst(), whole), qPrintable(QStringLiteral("round %1").arg(round)));
        for (const Aggregation aggregation : allAggregations())
            QCOMPARE(states.constFirst().value(aggregation, 86400), whole.value(aggregation, 86400));
    }
}

void TstAggregate::insertionOrderIrrelevant()
{
    QRandomGenerator random(42);
    const TimeNs base = at("2026-06-08T00:00:00Z");
    QList<Event> events;
    for (int i = 0; i < 200; ++i)
        events.append({(int(random.bounded(40)) - 20) * 0.5, base + qint64(random.bounded(5)),
            QStringLiteral("id-%1").arg(random.bounded(8))});
    const AggregateState reference = aggregate(events);
    for (int round = 0; round < 20; ++round) {
        std::shuffle(events.begin(), events.end(), random);
        QVERIFY(sameState(aggregate(events), reference));
    }
}

// add() reuses the id buffers; a shorter id after a longer one must not leave stale characters.
void TstAggregate::idBufferReuse()
{
    AggregateState state;
    state.add(1, 10, u"longer-id-value");
    state.add(2, 20, u"b");
    QCOMPARE(state.lastId, QStringLiteral("b"));
    state.add(0, 5, u"a");
    QCOMPARE(state.firstId, QStringLiteral("a"));
    const AggregateState copy = state; // shares the buffers
    state.add(3, 30, u"zz");
    QCOMPARE(copy.lastId, QStringLiteral("b"));
    QCOMPARE(state.lastId, QStringLiteral("zz"));
}

QTEST_APPLESS_MAIN(TstAggregate)
#include "tst_aggregate.moc"
