// Rollups are folded off the commit path: the commit stores events only, the maintainer folds the
// events after a persisted watermark into the rollups, and queries add the raw events after the
// watermark to the rollup rows. These tests hold the fold to query a known tail (every answer must
// equal the raw scan's), then let it run and check the watermark, the rollup rows and the answers
// again; a writer ingesting while queries and folds interleave; a restart; a prune of the newest
// events (whose seqs must never be handed out again); the subject totals derived with a tail.

#include "Engine.h"
#include "SubjectReference.h"
#include "core/Rfc3339.h"
#include "filter/Filter.h"
#include "store/sqlite/SqliteStore.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

#include <atomic>
#include <mutex>
#include <thread>

using namespace osc;
using namespace osc::query;

namespace {

constexpr qint64 kHour = 3'600'000'000'000LL;
constexpr qint64 kDay = 24 * kHour;
const TimeNs kStart = *rfc3339::parse(QStringLiteral("2026-03-01T00:00:00Z"));
constexpr int kDays = 30; // the backfill shape: every event in its own (hour, subject)

struct QueryCase
{
    QString bucketSize;
    QString zone;
    QStringList groupBy;
    QString subject;
    QByteArray filterJson;
};

DimensionDraft dimension(const QString &name)
{
    DimensionDraft draft;
    draft.name = name;
    draft.type = QStringLiteral("string");
    return draft;
}

QString describe(const BucketResult &result)
{
    QStringList lines;
    for (const UsageBucket &row : result.rows)
        lines.append(QStringLiteral("%1 %2 [%3] %4")
                         .arg(row.bucketStart, row.subject, row.groupValues.join(QLatin1Char('|')))
                         .arg(row.quantity, 0, 'g', 17));
    return lines.join(QLatin1Char('\n'));
}

QString describe(const BreakdownResult &result)
{
    QStringList lines;
    for (const BreakdownItem &item : result.items)
        lines.append(
            QStringLiteral("%1 %2 %3").arg(item.value).arg(item.quantity, 0, 'g', 17).arg(item.events));
    return lines.join(QLatin1Char('\n'));
}

} // namespace

Q_DECLARE_METATYPE(QueryCase)

class TestRollupFold : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Engine> m_engine;
    std::atomic<bool> m_holdFolds{false};
    int m_serial = 0;

    QString path() const { return m_dir.filePath(QStringLiteral("fold.db")); }

    void open()
    {
        m_engine.reset();
        SqliteStore::Options options;
        options.path = path();
        options.durability = SqliteConnection::Durability::Normal;
        options.holdFolds = [this] { return m_holdFolds.load(); };
        auto store = SqliteStore::open(options, QString(Engine::kDefaultWorkspaceId));
        QVERIFY2(store, qPrintable(store ? QString() : store.error().message));
        m_engine = std::make_unique<Engine>(
            std::move(store.value()), std::make_unique<ManualClock>((kStart + (kDays + 1) * kDay).toInt64()));
    }

    RollupLag lag()
    {
        auto lag = m_engine->rollupLag(m_engine->owner());
        if (!lag)
            qFatal("rollup lag: %s", qPrintable(lag.error().message));
        return lag.value();
    }

    void waitUntilFolded()
    {
        QTRY_COMPARE_WITH_TIMEOUT(lag().events, qint64(0), 30000);
        const auto pending = [this] {
            auto count = m_engine->store().pendingRollupMeters();
            return count ? count.value() : qint64(-1);
        };
        QTRY_COMPARE_WITH_TIMEOUT(pending(), qint64(0), 30000);
    }

    void createMeter(const QString &name, const QString &aggregation)
    {
        MeterDraft draft;
        draft.name = name;
        draft.unit = QStringLiteral("tokens");
        draft.aggregation = aggregation;
        draft.dimensions = {dimension(QStringLiteral("model")), dimension(QStringLiteral("region"))};
        auto meter = m_engine->meters().create(m_engine->owner(), draft);
        QVERIFY2(meter, qPrintable(meter ? QString() : meter.error().message));
    }

    // `count` events over the 30 days for 50 subjects; quantities are multiples of 1/8, so sums are
    // exact in any order.
    QList<UsageDraft> drafts(int count, quint32 seed)
    {
        static const QStringList models{"gpt-4o", "claude", "llama"};
        static const QStringList regions{"eu", "us"};
        QRandomGenerator random(seed);
        QList<UsageDraft> batch;
        for (int i = 0; i < count; ++i) {
            UsageDraft draft;
            draft.meter = QStringLiteral("tokens");
            draft.subject = QStringLiteral("org_%1").arg(random.bounded(50));
            draft.quantity = double(1 + random.bounded(64)) / 8.0;
            draft.idempotencyKey = QStringLiteral("e%1").arg(m_serial++);
            TimeNs time = kStart + random.bounded(qint64(kDays) * kDay);
            if (random.bounded(5) == 0)
                time -= time % kHour;
            draft.timestamp = rfc3339::formatNanos(time);
            draft.metadata = QJsonObject{{"model", models.at(random.bounded(models.size()))},
                {"region", regions.at(random.bounded(regions.size()))}, {"request", QString::number(i)}};
            batch.append(draft);
        }
        return batch;
    }

    void ingest(int count, quint32 seed)
    {
        const QList<UsageDraft> all = drafts(count, seed);
        for (qsizetype from = 0; from < all.size(); from += kMaxBulkItems) {
            const QList<UsageDraft> batch = all.mid(from, kMaxBulkItems);
            auto result = m_engine->ingestor().createBulk(m_engine->owner(), batch, QString());
            QVERIFY2(result, qPrintable(result ? QString() : result.error().message));
            if (!result->failed.isEmpty())
                QFAIL(qPrintable(result->failed.first().message));
            QCOMPARE(result->accepted.size(), batch.size());
        }
    }

    BucketResult buckets(const QueryCase &c, bool rollups)
    {
        BucketQuery query;
        query.meter = QStringLiteral("tokens");
        query.bucketSize = c.bucketSize;
        query.timeZone = c.zone;
        query.fromNs = kStart; // hour buckets reach 31 days at most
        query.toNs = kStart + kDays * kDay;
        query.groupBy = c.groupBy;
        query.subject = c.subject;
        query.limit = kMaxQueryLimit;
        if (!c.filterJson.isEmpty()) {
            auto filter = parseFilter(QJsonDocument::fromJson(c.filterJson).object());
            if (!filter || !filter->has_value())
                qFatal("bad test filter %s", c.filterJson.constData());
            query.filter = std::move(**filter);
        }
        m_engine->queries().setRollupsEnabled(rollups);
        auto result = m_engine->queries().buckets(m_engine->owner(), query);
        m_engine->queries().setRollupsEnabled(true);
        if (!result)
            qFatal("query failed: %s", qPrintable(result.error().message));
        return result.value();
    }

    BreakdownResult breakdown(const QString &field, bool rollups)
    {
        BreakdownQuery query;
        query.meter = QStringLiteral("tokens");
        query.field = field;
        query.fromNs = kStart - kDay;
        query.toNs = kStart + (kDays + 1) * kDay;
        m_engine->queries().setRollupsEnabled(rollups);
        auto result = m_engine->queries().breakdowns(m_engine->owner(), query);
        m_engine->queries().setRollupsEnabled(true);
        if (!result)
            qFatal("breakdown failed: %s", qPrintable(result.error().message));
        return result.value();
    }

    // Every case from rollups (plus the tail) and from raw events alone: the same rows.
    void compareAll()
    {
        const QList<QueryCase> cases{
            {QStringLiteral("hour"), QString(), {}, QString(), {}},
            {QStringLiteral("day"), QString(), {}, QString(), {}},
            {QStringLiteral("day"), QStringLiteral("Europe/Berlin"), {}, QString(), {}},
            {QStringLiteral("day"), QStringLiteral("Asia/Kolkata"), {QStringLiteral("model")}, QString(), {}},
            {QStringLiteral("day"), QString(), {QStringLiteral("subject")}, QString(), {}},
            {QStringLiteral("hour"), QString(), {}, QStringLiteral("org_7"), {}},
            {QStringLiteral("day"), QString(), {QStringLiteral("region"), QStringLiteral("model")}, QString(),
                R"({"type":"condition","field":"metadata.model","op":"eq","value":"claude"})"},
        };
        for (const QueryCase &c : cases) {
            const BucketResult fromRollups = buckets(c, true);
            const BucketResult raw = buckets(c, false);
            QVERIFY2(fromRollups.usedRollups, qPrintable(c.bucketSize + c.zone + c.groupBy.join(',')));
            QVERIFY(!raw.usedRollups);
            QVERIFY(!raw.rows.isEmpty());
            QCOMPARE(describe(fromRollups), describe(raw));
        }
        for (const QString &field : {QStringLiteral("subject"), QStringLiteral("model")})
            QCOMPARE(describe(breakdown(field, true)), describe(breakdown(field, false)));
    }

    qint64 scalar(const char *sql)
    {
        sqlite3 *db = nullptr;
        qint64 value = -1;
        if (sqlite3_open_v2(path().toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
            sqlite3_stmt *stmt = nullptr;
            if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) == SQLITE_OK
                && sqlite3_step(stmt) == SQLITE_ROW)
                value = sqlite3_column_int64(stmt, 0);
            sqlite3_finalize(stmt);
        }
        sqlite3_close(db);
        return value;
    }

    // The rollup tables hold exactly the folded events, no more, no fewer.
    void compareRollupRows()
    {
        const qint64 events = scalar("SELECT COUNT(*) FROM usage_events");
        QCOMPARE(
            scalar("SELECT folded_seq FROM rollup_progress"), scalar("SELECT MAX(seq) FROM usage_events"));
        QCOMPARE(scalar("SELECT SUM(events) FROM usage_rollups WHERE granularity = 0"), events);
        QCOMPARE(scalar("SELECT SUM(events) FROM usage_rollups WHERE granularity = 1"), events);
        QCOMPARE(scalar("SELECT SUM(events) FROM usage_subject_rollups"), events);
        QCOMPARE(scalar("SELECT CAST(SUM(qty_sum) * 8 AS INTEGER) FROM usage_subject_rollups"),
            scalar("SELECT CAST(SUM(quantity) * 8 AS INTEGER) FROM usage_events"));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        open();
        createMeter(QStringLiteral("tokens"), QStringLiteral("sum"));
        waitUntilFolded();
    }

    void tailAnswersEqualRawScans()
    {
        m_holdFolds = true;
        ingest(3000, 1);
        QCOMPARE(lag().events, qint64(3000));
        QVERIFY(lag().oldestReceivedAtNs.has_value());
        compareAll(); // everything from the tail: the rollup tables are empty
        QCOMPARE(scalar("SELECT COUNT(*) FROM usage_subject_rollups"), qint64(0));

        m_holdFolds = false;
        ingest(10, 2); // wakes the maintainer
        waitUntilFolded();
        compareRollupRows();
        compareAll(); // everything from rollups

        m_holdFolds = true;
        ingest(500, 3); // rollups plus a tail
        QCOMPARE(lag().events, qint64(500));
        compareAll();
        m_holdFolds = false;
        ingest(1, 4);
        waitUntilFolded();
        compareRollupRows();
    }

    // A writer ingests while queries run and the maintainer folds between and during them: each
    // answer, read in one snapshot from rollups up to the watermark and raw events after it, equals
    // the raw scan run right after it (the writer pauses for the pair; the fold does not).
    void answersEqualRawScansWhileIngesting()
    {
        std::mutex writerGate;
        std::atomic<bool> stop{false};
        std::atomic<int> batches{0};
        std::thread writer([&] {
            for (quint32 seed = 100; !stop.load(); ++seed) {
                const QList<UsageDraft> batch = drafts(200, seed);
                std::lock_guard gate(writerGate);
                auto result = m_engine->ingestor().createBulk(m_engine->owner(), batch, QString());
                if (!result || result->accepted.size() != batch.size())
                    qFatal("concurrent ingest failed");
                ++batches;
            }
        });
        QRandomGenerator random(7);
        int sawTail = 0;
        for (int round = 0; round < 12; ++round) {
            QTest::qWait(int(random.bounded(40)));
            std::lock_guard gate(writerGate);
            sawTail += lag().events > 0 ? 1 : 0;
            const QueryCase c{random.bounded(2) ? QStringLiteral("hour") : QStringLiteral("day"), QString(),
                random.bounded(2) ? QStringList{QStringLiteral("model")} : QStringList{}, QString(), {}};
            const BucketResult fromRollups = buckets(c, true);
            const BucketResult raw = buckets(c, false);
            QCOMPARE(describe(fromRollups), describe(raw));
        }
        stop = true;
        writer.join();
        QVERIFY(batches.load() > 0);
        qInfo("%d writer batches, %d of 12 comparisons had unfolded events", batches.load(), sawTail);
        waitUntilFolded();
        compareRollupRows();
        compareAll();
    }

    // The watermark is durable with the rows it covers: after a restart nothing is folded twice, and
    // a tail left unfolded at shutdown is folded then.
    void restartKeepsWatermark()
    {
        m_holdFolds = true;
        ingest(400, 5);
        open(); // the tail stays unfolded across the restart
        QCOMPARE(lag().events, qint64(400));
        compareAll();
        m_holdFolds = false;
        open();
        waitUntilFolded();
        compareRollupRows();
        compareAll();
    }

    // Seqs are handed out past the watermark, never reused: a prune deleting the newest rows (old
    // event times stored last, as a backfill does) must not make later events invisible to the fold.
    void pruneOfNewestEventsDoesNotReuseSeqs()
    {
        MeterDraft draft;
        draft.name = QStringLiteral("archive");
        draft.unit = QStringLiteral("jobs");
        draft.aggregation = QStringLiteral("count");
        draft.eventRetentionDays = 30;
        QVERIFY(m_engine->meters().create(m_engine->owner(), draft));
        QList<UsageDraft> old;
        for (int i = 0; i < 20; ++i) {
            UsageDraft event;
            event.meter = QStringLiteral("archive");
            event.subject = QStringLiteral("org_old");
            event.quantity = 1;
            event.idempotencyKey = QStringLiteral("old%1").arg(i);
            event.timestamp = rfc3339::formatNanos(kStart - 200 * kDay + i * kHour);
            old.append(event);
        }
        QVERIFY(m_engine->ingestor().createBulk(m_engine->owner(), old, QString()));
        waitUntilFolded();
        const qint64 watermark = scalar("SELECT folded_seq FROM rollup_progress");
        QCOMPARE(watermark, scalar("SELECT MAX(seq) FROM usage_events"));
        auto pruned = m_engine->retention().prune(m_engine->owner(), false);
        QVERIFY2(pruned, qPrintable(pruned ? QString() : pruned.error().message));
        QVERIFY(scalar("SELECT MAX(seq) FROM usage_events") < watermark); // the newest rows are gone

        ingest(100, 6);
        QVERIFY(scalar("SELECT MIN(seq) FROM usage_events WHERE idempotency_key LIKE 'e%' AND seq > "
                       "(SELECT MAX(seq) - 100 FROM usage_events)")
            > watermark);
        waitUntilFolded();
        compareRollupRows();
        compareAll();
    }

    // GET /v1/subjects' totals derived while events wait to be folded: rollups plus the tail.
    void subjectTotalsIncludeTheTail()
    {
        m_holdFolds = true;
        open();
        ingest(300, 8);
        QVERIFY(lag().events >= 300);
        auto *store = dynamic_cast<SqliteStore *>(&m_engine->store());
        QVERIFY(store);
        QTRY_VERIFY_WITH_TIMEOUT(store->subjectTotalsHeld(), 30000);
        auto page = m_engine->events().listSubjects(m_engine->owner(), 1000, QString());
        QVERIFY(page);
        QCOMPARE(subjectLines(page->items), subjectLinesFromEvents(path()));
        m_holdFolds = false;
        ingest(1, 9);
        waitUntilFolded();
    }

    // A dimension added while events wait: the rebuild covers the folded events, the fold the rest.
    void dimensionChangeWithATail()
    {
        m_holdFolds = true;
        ingest(400, 10);
        auto meter = m_engine->meters().findByName(m_engine->owner(), QStringLiteral("tokens"));
        QVERIFY(meter);
        MeterPatch patch;
        DimensionDraft request = dimension(QStringLiteral("request"));
        request.required = false; // an added dimension cannot be required once usage exists
        patch.dimensions = QList<DimensionDraft>{
            dimension(QStringLiteral("model")), dimension(QStringLiteral("region")), request};
        auto updated = m_engine->meters().update(m_engine->owner(), meter->id, patch);
        QVERIFY2(updated, qPrintable(updated ? QString() : updated.error().message));
        m_holdFolds = false;
        ingest(1, 11);
        waitUntilFolded();
        compareRollupRows();
        compareAll();
    }

    void cleanupTestCase() { m_engine.reset(); }
};

QTEST_GUILESS_MAIN(TestRollupFold)
#include "tst_rollupfold.moc"
