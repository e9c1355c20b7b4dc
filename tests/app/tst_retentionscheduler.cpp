// The background retention prune (OPEN_SPANNER_RETENTION_PRUNE_*): the scheduler prunes on its interval
// without any request, records the run, and leaves recent events alone.

#include "RetentionScheduler.h"

#include "Engine.h"

#include <QTemporaryDir>
#include <QTest>

using namespace osc;

class TstRetentionScheduler : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void prunesOnItsInterval();
};

void TstRetentionScheduler::prunesOnItsInterval()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto engine = Engine::open({dir.filePath(QStringLiteral("db.sqlite")), true});
    QVERIFY(engine);
    Engine &e = *engine.value();
    MeterDraft meter;
    meter.name = QStringLiteral("short");
    meter.unit = QStringLiteral("event");
    meter.eventRetentionDays = 1;
    QVERIFY(e.meters().create(e.owner(), meter));
    for (const QString &timestamp : {QStringLiteral("2025-01-01T00:00:00Z"), QString()}) {
        UsageDraft draft;
        draft.subject = QStringLiteral("org_1");
        draft.meter = QStringLiteral("short");
        draft.quantity = 1;
        draft.timestamp = timestamp; // empty = now
        QVERIFY(e.ingestor().createOne(e.owner(), draft));
    }
    QCOMPARE(e.systemCounters(e.owner())->usageEvents, 2);

    app::RetentionScheduler scheduler(e, 50, 60'000);
    scheduler.start();
    QTRY_COMPARE_WITH_TIMEOUT(e.systemCounters(e.owner())->usageEvents, 1, 10'000);
    QTRY_VERIFY_WITH_TIMEOUT(e.systemCounters(e.owner())->pruneRuns >= 1, 10'000);
    auto last = e.retention().lastRun(e.defaultWorkspaceId());
    QVERIFY(last && last.value());
    QCOMPARE(last.value()->dryRun, false);
}

QTEST_GUILESS_MAIN(TstRetentionScheduler)
#include "tst_retentionscheduler.moc"
