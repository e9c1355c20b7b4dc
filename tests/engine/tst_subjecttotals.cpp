// GET /v1/subjects answers from per-(subject, meter) totals held in memory. After a start they are
// derived from the subject rollups on a read snapshot while ingestion goes on, so commits and prunes
// that land during the derivation must count exactly once. A hook pauses the derivation right after
// its snapshot is pinned; the test lands writes there, lets it finish, and compares the totals with a
// GROUP BY over the raw events.

#include "Engine.h"
#include "SubjectReference.h"
#include "core/Rfc3339.h"
#include "store/sqlite/SqliteStore.h"

#include <QRandomGenerator>
#include <QSemaphore>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>

using namespace osc;

namespace {

constexpr qint64 kHour = 3'600'000'000'000LL;
constexpr qint64 kDay = 24 * kHour;
const TimeNs kStart = *rfc3339::parse(QStringLiteral("2026-05-01T00:00:00Z"));

} // namespace

class TestSubjectTotals : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    ManualClock *m_clock = nullptr;
    SqliteStore *m_store = nullptr;
    std::unique_ptr<Engine> m_engine;
    int m_serial = 0;
    // The hook's gate: when m_holdNext is set, the next derivation signals m_pinned and waits.
    std::atomic<bool> m_holdNext{false};
    QSemaphore m_pinned;
    QSemaphore m_release;

    QString path() const { return m_dir.filePath(QStringLiteral("subjects.db")); }

    void open()
    {
        m_engine.reset();
        SqliteStore::Options options;
        options.path = path();
        options.durability = SqliteConnection::Durability::Normal;
        options.subjectTotalsSnapshotHook = [this] {
            if (m_holdNext.exchange(false)) {
                m_pinned.release();
                m_release.acquire();
            }
        };
        auto store = SqliteStore::open(options, QString(Engine::kDefaultWorkspaceId));
        QVERIFY2(store, qPrintable(store ? QString() : store.error().message));
        m_store = store->get();
        auto clock = std::make_unique<ManualClock>(kStart + 6 * kDay);
        m_clock = clock.get();
        m_engine = std::make_unique<Engine>(std::move(store.value()), std::move(clock));
    }

    void createMeter(const QString &name, int retentionDays)
    {
        MeterDraft draft;
        draft.name = name;
        draft.unit = QStringLiteral("requests");
        draft.aggregation = QStringLiteral("count");
        draft.eventRetentionDays = retentionDays;
        auto meter = m_engine->meters().create(m_engine->owner(), draft);
        QVERIFY2(meter, qPrintable(meter ? QString() : meter.error().message));
    }

    // `count` events over the 6 days before now, for subjects org_0 … org_<subjects-1>.
    void ingest(int count, int subjects)
    {
        QRandomGenerator random(quint32(1000 + m_serial));
        QList<UsageDraft> batch;
        for (int i = 0; i < count; ++i) {
            UsageDraft draft;
            draft.meter = random.bounded(3) == 0 ? QStringLiteral("jobs") : QStringLiteral("api");
            draft.subject = QStringLiteral("org_%1").arg(random.bounded(subjects));
            draft.quantity = 1;
            draft.idempotencyKey = QStringLiteral("e%1").arg(m_serial++);
            draft.timestamp = rfc3339::formatNanos(kStart + random.bounded(qint64(6 * kDay)));
            batch.append(draft);
        }
        auto result = m_engine->ingestor().createBulk(m_engine->owner(), batch, QString());
        QVERIFY(result);
        QCOMPARE(result->accepted.size(), count);
    }

    void compareWithEvents()
    {
        QTRY_VERIFY_WITH_TIMEOUT(m_store->subjectTotalsHeld(), 30000);
        const QStringList expected = subjectLinesFromEvents(path());
        QVERIFY(!expected.isEmpty());
        auto page = m_engine->events().listSubjects(m_engine->owner(), 1000, QString());
        QVERIFY(page);
        QCOMPARE(subjectLines(page->items), expected);
    }

    // Restarts the engine with the next derivation paused at its snapshot.
    void reopenPaused()
    {
        m_holdNext = true;
        open();
        QVERIFY(m_pinned.tryAcquire(1, 30000));
        QVERIFY(!m_store->subjectTotalsHeld());
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        open();
        createMeter(QStringLiteral("api"), 3);
        createMeter(QStringLiteral("jobs"), 0);
        ingest(600, 40);
    }

    void derivedAfterRestart()
    {
        open();
        compareWithEvents();
    }

    // The derivation holds no writer while it scans: these commits go through during the pause, and
    // because its snapshot predates them they are applied from the backlog, once.
    void commitsDuringDerivationCountOnce()
    {
        reopenPaused();
        ingest(300, 60); // subjects org_40 … org_59 are new
        ingest(50, 10);
        QVERIFY(!m_store->subjectTotalsHeld());
        m_release.release();
        compareWithEvents();
        ingest(20, 70); // and commits after it land directly
        compareWithEvents();
    }

    // A prune during the derivation removes events its snapshot still holds: the derivation is
    // thrown away and runs again.
    void pruneDuringDerivationDerivesAgain()
    {
        reopenPaused();
        auto run = m_engine->retention().prune(m_engine->owner(), false);
        QVERIFY2(run, qPrintable(run ? QString() : run.error().message));
        QVERIFY(run->deleted > 0);
        ingest(30, 80);
        m_release.release();
        compareWithEvents();
    }

    void cleanupTestCase() { m_engine.reset(); }
};

QTEST_GUILESS_MAIN(TestSubjectTotals)
#include "tst_subjecttotals.moc"
