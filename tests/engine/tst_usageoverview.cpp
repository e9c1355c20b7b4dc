// The console's Overview: events today and this month against the same stretch of yesterday and of
// last month, the busiest meters and subjects, counted from rollups where they answer; every figure
// must equal a count of the seeded events, with rollups on and off, in UTC and in a zone with DST.

#include "Engine.h"
#include "core/Rfc3339.h"

#include <QDateTime>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace osc;

namespace {

constexpr qint64 kHour = 3'600'000'000'000LL;
constexpr qint64 kDay = 24 * kHour;

TimeNs at(const char *rfc3339)
{
    return *rfc3339::parse(QString::fromLatin1(rfc3339));
}

// Mid-afternoon in Berlin, in a month after a 31-day one, two days after the change to summer time.
const TimeNs kNow = at("2026-03-31T14:30:00Z");

struct Seeded
{
    QString meter;
    QString subject;
    TimeNs time;
};

} // namespace

class TestUsageOverview : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Engine> m_engine;
    QList<Seeded> m_events;

    qint64 countIn(TimeNs from, TimeNs to, const QString &meter = {}, const QString &subject = {}) const
    {
        return std::count_if(m_events.begin(), m_events.end(), [&](const Seeded &e) {
            return e.time >= from && e.time < to && (meter.isEmpty() || e.meter == meter)
                && (subject.isEmpty() || e.subject == subject);
        });
    }

    TimeNs local(const QTimeZone &zone, QDate date, QTime time = QTime(0, 0)) const
    {
        return TimeNs(QDateTime(date, time, zone).toMSecsSinceEpoch()) * TimeNs(1'000'000);
    }

    void check(const QTimeZone &zone, bool rollups)
    {
        m_engine->queries().setRollupsEnabled(rollups);
        auto snapshot = m_engine->overview().snapshot(m_engine->owner(), kNow, zone);
        m_engine->queries().setRollupsEnabled(true);
        QVERIFY2(snapshot, qPrintable(snapshot ? QString() : snapshot.error().message));

        const QDateTime now = QDateTime::fromMSecsSinceEpoch(kNow.floorMillis(), zone);
        const TimeNs today = local(zone, now.date());
        const TimeNs yesterday = local(zone, now.date().addDays(-1));
        // The same instant of yesterday counts, as now's does today (kNow is a whole millisecond).
        const TimeNs yesterdaySoFar = local(zone, now.date().addDays(-1), now.time()) + 1;
        const QDate first(now.date().year(), now.date().month(), 1);
        const TimeNs month = local(zone, first);
        const TimeNs lastMonth = local(zone, first.addMonths(-1));
        // March 31st: February has 28 days, so last month so far is all of February.
        const TimeNs lastMonthSoFar = month;
        const TimeNs end = kNow + 1;

        QCOMPARE(snapshot->todayStartNs, today);
        QCOMPARE(snapshot->monthStartNs, month);
        QCOMPARE(snapshot->eventsToday, countIn(today, end));
        QCOMPARE(snapshot->eventsYesterdaySoFar, countIn(yesterday, yesterdaySoFar));
        QCOMPARE(snapshot->eventsThisMonth, countIn(month, end));
        QCOMPARE(snapshot->eventsLastMonthSoFar, countIn(lastMonth, lastMonthSoFar));
        QVERIFY(snapshot->eventsToday > 0 && snapshot->eventsYesterdaySoFar > 0);

        QCOMPARE(snapshot->topMeters.size(), 2);
        QVERIFY(snapshot->topMeters.first().events >= snapshot->topMeters.last().events);
        for (const MeterActivity &m : snapshot->topMeters) {
            QCOMPARE(m.events, countIn(month, end, m.meter));
            QCOMPARE(m.previousEvents, countIn(lastMonth, lastMonthSoFar, m.meter));
        }
        QCOMPARE(snapshot->topSubjects.size(), UsageOverview::kTopCount);
        qint64 previous = std::numeric_limits<qint64>::max();
        for (const SubjectActivity &s : snapshot->topSubjects) {
            QCOMPARE(s.events, countIn(month, end, QString(), s.subject));
            QVERIFY(s.events <= previous);
            previous = s.events;
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        auto engine = Engine::open({m_dir.filePath(QStringLiteral("overview.db")), false},
            std::make_unique<ManualClock>(kNow.toInt64()));
        QVERIFY(engine);
        m_engine = std::move(engine.value());
        for (const char *name : {"api_calls", "tokens"}) {
            MeterDraft draft;
            draft.name = QString::fromLatin1(name);
            draft.unit = QStringLiteral("units");
            draft.aggregation = QStringLiteral("sum");
            QVERIFY(m_engine->meters().create(m_engine->owner(), draft));
        }
        // 50 days before now, denser in the last two days, some exactly on local midnights.
        QRandomGenerator random(5);
        QList<UsageDraft> batch;
        for (int i = 0; i < 4000; ++i) {
            Seeded event{random.bounded(3) ? QStringLiteral("api_calls") : QStringLiteral("tokens"),
                QStringLiteral("org_%1").arg(random.bounded(12)),
                kNow
                    - (random.bounded(4) ? random.bounded(qint64(2 * kDay))
                                         : random.bounded(qint64(50 * kDay)))};
            if (i % 97 == 0)
                event.time = at("2026-03-30T22:00:00Z"); // Berlin midnight (CEST)
            if (i % 89 == 0)
                event.time = at("2026-03-31T00:00:00Z"); // UTC midnight
            m_events.append(event);
            UsageDraft draft;
            draft.meter = event.meter;
            draft.subject = event.subject;
            draft.quantity = 1;
            draft.idempotencyKey = QStringLiteral("o%1").arg(i);
            draft.timestamp = rfc3339::formatNanos(event.time);
            batch.append(draft);
            if (batch.size() == kMaxBulkItems) {
                auto result = m_engine->ingestor().createBulk(m_engine->owner(), batch, QString());
                QVERIFY(result && result->accepted.size() == batch.size());
                batch.clear();
            }
        }
        if (!batch.isEmpty())
            QVERIFY(m_engine->ingestor().createBulk(m_engine->owner(), batch, QString()));
    }

    void countsEqualTheEvents_data()
    {
        QTest::addColumn<QString>("zone");
        QTest::addColumn<bool>("rollups");
        QTest::newRow("UTC, rollups") << "UTC" << true;
        QTest::newRow("UTC, raw") << "UTC" << false;
        QTest::newRow("Berlin, rollups") << "Europe/Berlin" << true;
        QTest::newRow("Berlin, raw") << "Europe/Berlin" << false;
    }

    void countsEqualTheEvents()
    {
        QFETCH(QString, zone);
        QFETCH(bool, rollups);
        check(QTimeZone(zone.toLatin1()), rollups);
    }

    void aKeyForOneMeterIsRefused()
    {
        ApiKeyDraft draft;
        draft.name = QStringLiteral("one meter");
        draft.scopes = {QStringLiteral("usage:read")};
        draft.allowedMeters = {QStringLiteral("tokens")};
        auto created = m_engine->apiKeys().create(m_engine->defaultWorkspaceId(), draft);
        QVERIFY2(created, qPrintable(created ? QString() : created.error().message));
        const QString secret = created->secret;
        auto principal = m_engine->apiKeys().authenticate(secret);
        QVERIFY(principal);
        // The overview spans every meter: a key limited to one may not read it.
        QVERIFY(!m_engine->overview().snapshot(principal.value(), kNow, QTimeZone::utc()));
    }

    void cleanupTestCase() { m_engine.reset(); }
};

QTEST_GUILESS_MAIN(TestUsageOverview)
#include "tst_usageoverview.moc"
