// Rollups are an optimisation, never a second truth: every bucket query they can answer must return
// exactly what the raw-event scan returns. Random events (duplicates and replayed batches included)
// go through the real ingestion path into a real SQLite file; each query then runs with rollups on
// and off, for every aggregation, and the rows must be identical. Quantities are multiples of 1/8, so
// sums are exact whatever order they are added in. The same equality is checked after a dimension is
// added (background rebuild), after a retention prune cuts an hour in half, and after the rollup
// tables are rebuilt from scratch as an upgrade does.

#include "Engine.h"
#include "core/Rfc3339.h"
#include "query/Filter.h"

#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

using namespace osc;
using namespace osc::query;

namespace {

constexpr qint64 kHour = 3'600'000'000'000LL;
constexpr qint64 kDay = 24 * kHour;

qint64 at(const char *rfc3339)
{
    return *rfc3339::parse(QString::fromLatin1(rfc3339));
}

const qint64 kStart = at("2026-03-06T00:00:00Z"); // spans the US DST switch of 2026-03-08
const qint64 kEnd = kStart + 4 * kDay;

QString describe(const BucketResult &result)
{
    QStringList lines;
    for (const UsageBucket &row : result.rows)
        lines.append(QStringLiteral("%1 %2 [%3] %4")
                         .arg(row.bucketStart, row.subject, row.groupValues.join(QLatin1Char('|')))
                         .arg(row.quantity, 0, 'g', 17));
    return lines.join(QLatin1Char('\n'));
}

struct QueryCase
{
    QString bucketSize;
    QString zone;
    qint64 from = 0;
    qint64 to = 0;
    QStringList groupBy;
    QString subject;
    QByteArray filterJson; // empty = none
    QList<QPair<QString, QString>> metadataParams;
    bool answerableFromRollups = true;
};

} // namespace

Q_DECLARE_METATYPE(QueryCase)

class TestRollups : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    ManualClock *m_clock = nullptr;
    std::unique_ptr<Engine> m_engine;
    QString m_meterId;
    const QStringList m_subjects{"org_a", "org_b", "org_c", "org_d", "org_e", "org_f", "org_g", "org_h"};

    void open()
    {
        auto clock = std::make_unique<ManualClock>(kEnd + kHour);
        m_clock = clock.get();
        auto engine
            = Engine::openSqlite({m_dir.filePath(QStringLiteral("rollups.db")), false}, std::move(clock));
        QVERIFY2(engine, qPrintable(engine ? QString() : engine.error().message));
        m_engine = std::move(engine.value());
    }

    void waitForRollups()
    {
        auto pending = [this] {
            auto count = m_engine->store().pendingRollupMeters();
            return count ? count.value() : qint64(-1);
        };
        QTRY_COMPARE_WITH_TIMEOUT(pending(), qint64(0), 30000);
    }

    UsageDraft randomDraft(QRandomGenerator &random, int serial)
    {
        static const QStringList regions{"us-east", "eu-west", "ap-south"};
        static const QStringList methods{"GET", "POST"};
        UsageDraft draft;
        draft.meter = QStringLiteral("api");
        draft.idempotencyKey = QStringLiteral("k%1").arg(serial);
        draft.subject = m_subjects.at(random.bounded(m_subjects.size()));
        draft.quantity = double(1 + random.bounded(80)) / 8.0;
        // A quarter of the events sit exactly on an hour boundary, some on a day boundary.
        qint64 time = kStart + random.bounded(qint64(4 * kDay));
        if (random.bounded(4) == 0)
            time -= time % kHour;
        if (random.bounded(40) == 0)
            time -= time % kDay;
        draft.timestamp = rfc3339::formatNanos(time);
        QJsonObject metadata{{"region", regions.at(random.bounded(regions.size()))},
            {"plan", random.bounded(2) ? "pro" : "free"}, {"note", QStringLiteral("n%1").arg(serial % 7)}};
        if (random.bounded(5) != 0)
            metadata.insert("code", random.bounded(3) == 0 ? 500 : (random.bounded(2) ? 200 : 200.5));
        if (random.bounded(3) == 0)
            metadata.insert("beta", random.bounded(2) == 0);
        if (random.bounded(2) == 0)
            metadata.insert("http.method", methods.at(random.bounded(methods.size())));
        draft.metadata = metadata;
        return draft;
    }

    BucketResult run(const QueryCase &c, bool rollups)
    {
        BucketQuery query;
        query.meter = QStringLiteral("api");
        query.bucketSize = c.bucketSize;
        query.timeZone = c.zone;
        query.fromNs = c.from;
        query.toNs = c.to;
        query.groupBy = c.groupBy;
        query.subject = c.subject;
        query.queryItems = c.metadataParams;
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

    void compareAllAggregations(const QueryCase &c)
    {
        static const QStringList aggregations{"sum", "count", "avg", "min", "max", "first", "last", "rate"};
        for (const QString &aggregation : aggregations) {
            MeterPatch patch;
            patch.aggregation = aggregation;
            auto updated = m_engine->meters().update(m_engine->owner(), m_meterId, patch);
            QVERIFY2(updated, qPrintable(aggregation));
            const BucketResult raw = run(c, false);
            const BucketResult rolled = run(c, true);
            QVERIFY(!raw.usedRollups);
            QCOMPARE(rolled.usedRollups, c.answerableFromRollups);
            QVERIFY2(!raw.rows.isEmpty(), "the case should select some events");
            QVERIFY2(describe(rolled) == describe(raw),
                qPrintable(QStringLiteral("%1\n--- rollups:\n%2\n--- raw:\n%3")
                               .arg(aggregation, describe(rolled), describe(raw))));
        }
    }

    QList<QueryCase> cases()
    {
        QList<QueryCase> out;
        const qint64 ragged = kStart + 5 * kHour + 17 * 60'000'000'000LL;
        const qint64 raggedEnd = kEnd - 3 * kHour - 41 * 1'000'000'000LL;
        auto add = [&](QueryCase c) { out.append(c); };
        add({"day", "", kStart, kEnd, {}, {}, {}, {}, true});
        add({"day", "", ragged, raggedEnd, {"region"}, {}, {}, {}, true});
        add({"hour", "", ragged, raggedEnd, {"region", "code"}, {}, {}, {}, true});
        add({"day", "America/New_York", kStart, kEnd, {"beta"}, {}, {}, {}, true});
        add({"day", "Asia/Kolkata", ragged, raggedEnd, {"http.method"}, {}, {}, {}, true});
        add({"day", "Europe/Berlin", kStart, kEnd, {"region", "beta", "http.method"}, {}, {}, {}, true});
        add({"week", "", kStart, kEnd, {"code"}, {}, {}, {}, true});
        add({"month", "", kStart, kEnd, {}, {}, {}, {}, true});
        add({"hour", "", kStart, kEnd, {}, {},
            R"({"type":"condition","field":"metadata.region","op":"eq","value":"eu-west"})", {}, true});
        add({"day", "", ragged, kEnd, {"region"}, {},
            R"({"type":"group","op":"or","rules":[{"type":"condition","field":"metadata.code","op":"gte","value":500},)"
            R"({"type":"group","op":"and","rules":[{"type":"condition","field":"metadata.beta","op":"exists"},{"type":"condition","field":"metadata.http.method","op":"in","value":["GET"]}]}]})",
            {}, true});
        add({"day", "", kStart, kEnd, {}, {},
            R"({"type":"condition","field":"metadata.code","op":"neq","value":200})", {}, true});
        add({"day", "", kStart, kEnd, {"region"}, {}, {}, {{"metadata.code", "200"}}, true});
        // One subject, and grouped by subject: the subject rollups.
        add({"hour", "", ragged, raggedEnd, {}, "org_c", {}, {}, true});
        add({"day", "", kStart, kEnd, {"subject"}, {}, {}, {}, true});
        add({"day", "America/New_York", ragged, kEnd, {}, "org_a", {}, {}, true});
        // Not answerable: raw scans, still identical.
        add({"minute", "", kEnd - 4 * kHour, kEnd - 2 * kHour, {}, {}, {}, {}, false});
        add({"day", "", kStart, kEnd, {"region"}, {},
            R"({"type":"condition","field":"metadata.note","op":"eq","value":"n3"})", {}, false});
        add({"day", "", kStart, kEnd, {"subject", "region"}, {}, {}, {}, false});
        add({"day", "", kStart, kEnd, {}, "org_b",
            R"({"type":"condition","field":"metadata.region","op":"eq","value":"us-east"})", {}, false});
        add({"day", "", kStart, kEnd, {}, {},
            R"({"type":"condition","field":"quantity","op":"gt","value":3})", {}, false});
        return out;
    }

    // GET /v1/subjects reads subject_meter_usage; it must equal the GROUP BY over the raw events.
    void compareSubjects()
    {
        auto page = m_engine->events().listSubjects(m_engine->owner(), 1000, QString());
        QVERIFY(page);
        QStringList fromTotals;
        for (const SubjectSummary &s : page->items)
            fromTotals.append(QStringLiteral("%1 %2 %3 %4")
                                  .arg(s.subject)
                                  .arg(s.usageEvents)
                                  .arg(s.meters)
                                  .arg(s.lastEventAtNs));
        sqlite3 *db = nullptr;
        QCOMPARE(sqlite3_open_v2(qPrintable(m_dir.filePath(QStringLiteral("rollups.db"))), &db,
                     SQLITE_OPEN_READONLY, nullptr),
            SQLITE_OK);
        sqlite3_stmt *stmt = nullptr;
        QCOMPARE(
            sqlite3_prepare_v2(db,
                "SELECT subject, COUNT(*), COUNT(DISTINCT meter), MAX(event_time) AS t FROM usage_events "
                "GROUP BY subject ORDER BY t DESC, subject",
                -1, &stmt, nullptr),
            SQLITE_OK);
        QStringList fromEvents;
        while (sqlite3_step(stmt) == SQLITE_ROW)
            fromEvents.append(
                QStringLiteral("%1 %2 %3 %4")
                    .arg(QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(stmt, 0))))
                    .arg(sqlite3_column_int64(stmt, 1))
                    .arg(sqlite3_column_int64(stmt, 2))
                    .arg(sqlite3_column_int64(stmt, 3)));
        sqlite3_finalize(stmt);
        sqlite3_close(db);
        QVERIFY(!fromEvents.isEmpty());
        QCOMPARE(fromTotals, fromEvents);
    }

    // Breakdowns (§6.7) read the same rollups for a dimension field or the subject field.
    void compareBreakdowns()
    {
        const qint64 ragged = kStart + 5 * kHour + 17 * 60'000'000'000LL;
        const QList<QPair<QString, QByteArray>> cases{{"region", {}}, {"metadata.code", {}}, {"beta", {}},
            {"http.method", R"({"type":"condition","field":"metadata.region","op":"neq","value":"us-east"})"},
            {"subject", {}},
            {"region", R"({"type":"condition","field":"metadata.note","op":"eq","value":"n2"})"}};
        for (const auto &[field, filterJson] : cases) {
            BreakdownQuery query;
            query.meter = QStringLiteral("api");
            query.field = field;
            query.fromNs = ragged;
            query.toNs = kEnd - kHour / 3;
            query.limit = kMaxQueryLimit;
            if (!filterJson.isEmpty())
                query.filter = std::move(**parseFilter(QJsonDocument::fromJson(filterJson).object()));
            auto describeItems = [](const BreakdownResult &r) {
                QStringList lines;
                for (const BreakdownItem &item : r.items)
                    lines.append(QStringLiteral("%1 %2 %3")
                                     .arg(item.value)
                                     .arg(item.quantity, 0, 'g', 17)
                                     .arg(item.events));
                return lines.join(QLatin1Char('\n'));
            };
            m_engine->queries().setRollupsEnabled(false);
            auto raw = m_engine->queries().breakdowns(m_engine->owner(), query);
            m_engine->queries().setRollupsEnabled(true);
            auto rolled = m_engine->queries().breakdowns(m_engine->owner(), query);
            QVERIFY(raw && rolled);
            QVERIFY(!raw->items.isEmpty());
            QVERIFY2(describeItems(*rolled) == describeItems(*raw),
                qPrintable(field + "\n" + describeItems(*rolled) + "\n---\n" + describeItems(*raw)));
        }
    }

    void compareCases()
    {
        compareSubjects();
        if (QTest::currentTestFailed())
            return;
        compareBreakdowns();
        if (QTest::currentTestFailed())
            return;
        for (const QueryCase &c : cases()) {
            compareAllAggregations(c);
            if (QTest::currentTestFailed()) {
                qWarning() << "failed case:" << c.bucketSize << c.zone << c.groupBy << c.subject
                           << c.filterJson;
                return;
            }
        }
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        open();
        MeterDraft draft;
        draft.name = QStringLiteral("api");
        draft.unit = QStringLiteral("requests");
        draft.aggregation = QStringLiteral("sum");
        draft.eventRetentionDays = 3;
        draft.dimensions = {{"region", std::nullopt, std::nullopt, "string", true, std::nullopt},
            {"code", std::nullopt, std::nullopt, "number", false, std::nullopt},
            {"beta", std::nullopt, std::nullopt, "boolean", false, std::nullopt},
            {"http.method", std::nullopt, std::nullopt, "string", false, std::nullopt}};
        auto meter = m_engine->meters().create(m_engine->owner(), draft);
        QVERIFY2(meter, qPrintable(meter ? QString() : meter.error().message));
        m_meterId = meter->id;

        QRandomGenerator random(20261123);
        QList<UsageDraft> batch;
        for (int i = 0; i < 3000; ++i) {
            batch.append(randomDraft(random, i));
            if (batch.size() == 250) {
                auto result = m_engine->ingestor().createBulk(m_engine->owner(), batch, QString());
                QVERIFY(result);
                QCOMPARE(result->accepted.size(), 250);
                batch.clear();
            }
        }
        // Replays must not be rolled up twice: single-event duplicates, in-batch duplicates and a
        // replayed Idempotency-Key batch.
        QRandomGenerator replay(20261123);
        QList<UsageDraft> again;
        for (int i = 0; i < 40; ++i)
            again.append(randomDraft(replay, i));
        again.append(again.first());
        for (int round = 0; round < 2; ++round) {
            auto result
                = m_engine->ingestor().createBulk(m_engine->owner(), again, QStringLiteral("batch-1"));
            QVERIFY(result);
            QCOMPARE(result->accepted.size(), 0);
        }
        QVERIFY(m_engine->ingestor().createOne(m_engine->owner(), again.first()));
        QRandomGenerator fresh(7);
        QList<UsageDraft> keyed;
        for (int i = 0; i < 20; ++i)
            keyed.append(randomDraft(fresh, 100000 + i));
        for (int round = 0; round < 2; ++round)
            QVERIFY(m_engine->ingestor().createBulk(m_engine->owner(), keyed, QStringLiteral("batch-2")));
    }

    void answersMatchRawScan() { compareCases(); }

    void randomQueriesMatchRawScan()
    {
        // Random ranges, zones, bucket sizes, groupings and dimension filters (nested and/or groups).
        static const QStringList sizes{"hour", "day", "week", "month"};
        static const QStringList zones{"", "America/New_York", "Europe/Berlin", "Asia/Kolkata"};
        static const QStringList dimensions{"region", "code", "beta", "http.method"};
        static const QStringList conditions{
            R"({"type":"condition","field":"metadata.region","op":"eq","value":"us-east"})",
            R"({"type":"condition","field":"metadata.region","op":"in","value":["eu-west","ap-south"]})",
            R"({"type":"condition","field":"metadata.code","op":"lt","value":300})",
            R"({"type":"condition","field":"metadata.code","op":"eq","value":200.5})",
            R"({"type":"condition","field":"metadata.beta","op":"eq","value":true})",
            R"({"type":"condition","field":"metadata.beta","op":"exists"})",
            R"({"type":"condition","field":"metadata.http.method","op":"contains","value":"po"})",
            R"({"type":"condition","field":"metadata.region","op":"neq","value":"us-east"})",
        };
        QRandomGenerator random(4242);
        int usedRollups = 0;
        for (int i = 0; i < 60; ++i) {
            QueryCase c;
            c.bucketSize = sizes.at(random.bounded(sizes.size()));
            c.zone = zones.at(random.bounded(zones.size()));
            c.from = kStart + random.bounded(qint64(2 * kDay));
            c.to = c.from + kHour + random.bounded(qint64(2 * kDay));
            const int shape = random.bounded(4);
            if (shape == 0) {
                c.subject = m_subjects.at(random.bounded(m_subjects.size()));
            } else if (shape == 1) {
                c.groupBy = {QStringLiteral("subject")};
            } else {
                for (const QString &d : dimensions)
                    if (random.bounded(3) == 0)
                        c.groupBy.append(d);
                if (random.bounded(2) == 0) {
                    QStringList rules;
                    for (int r = 0, n = 1 + random.bounded(3); r < n; ++r)
                        rules.append(conditions.at(random.bounded(conditions.size())));
                    c.filterJson = QStringLiteral(R"({"type":"group","op":"%1","rules":[%2]})")
                                       .arg(random.bounded(2) ? "and" : "or", rules.join(QLatin1Char(',')))
                                       .toUtf8();
                }
            }
            for (const char *aggregation : {"sum", "first", "rate"}) {
                MeterPatch patch;
                patch.aggregation = aggregation;
                QVERIFY(m_engine->meters().update(m_engine->owner(), m_meterId, patch));
                const BucketResult raw = run(c, false);
                const BucketResult rolled = run(c, true);
                usedRollups += rolled.usedRollups ? 1 : 0;
                QVERIFY2(describe(rolled) == describe(raw),
                    qPrintable(QStringLiteral(
                        "query %1 (%2 %3 %4 group %5 filter %6)\n--- rollups:\n%7\n--- raw:\n%8")
                                   .arg(i)
                                   .arg(c.bucketSize, c.zone, c.subject, c.groupBy.join(QLatin1Char(',')),
                                       QString::fromUtf8(c.filterJson), describe(rolled), describe(raw))));
            }
        }
        QVERIFY2(usedRollups > 100, "most random queries should be answerable from rollups");
    }

    void rebuildsAfterDimensionIsAdded()
    {
        // `plan` was stored as plain metadata; as a dimension it becomes groupable, and the rollups
        // are rebuilt in the background. Until then queries read raw events.
        auto current = m_engine->meters().get(m_engine->owner(), m_meterId);
        QVERIFY(current);
        MeterPatch patch;
        QList<DimensionDraft> dimensions;
        for (const Dimension &d : current->dimensions)
            dimensions.append(
                {d.name, std::nullopt, std::nullopt, dimensionTypeName(d.type), d.required, d.deprecated});
        dimensions.append({"plan", std::nullopt, std::nullopt, "string", false, std::nullopt});
        patch.dimensions = dimensions;
        auto updated = m_engine->meters().update(m_engine->owner(), m_meterId, patch);
        QVERIFY2(updated, qPrintable(updated ? QString() : updated.error().message));
        waitForRollups();
        QueryCase byPlan{"day", "", kStart, kEnd, {"plan", "region"}, {}, {}, {}, true};
        compareAllAggregations(byPlan);
        compareCases();
    }

    void pruneCutsAnHourExactly()
    {
        // Retention 3 days; now = start + 3 days + 7.5 h: the cut falls inside an hour.
        m_clock->set(kStart + 6 * kDay + 7 * kHour + kHour / 2);
        auto run = m_engine->retention().prune(m_engine->owner(), false);
        QVERIFY2(run, qPrintable(run ? QString() : run.error().message));
        QVERIFY(run->deleted > 0);
        compareCases();
    }

    void rebuildsFromScratchAfterUpgrade()
    {
        m_engine.reset();
        sqlite3 *db = nullptr;
        QCOMPARE(sqlite3_open(qPrintable(m_dir.filePath(QStringLiteral("rollups.db"))), &db), SQLITE_OK);
        // What migration 5 leaves behind on a database with events: no rollups, signature unknown.
        QCOMPARE(sqlite3_exec(db,
                     "DELETE FROM usage_rollups; DELETE FROM usage_subject_rollups; "
                     "UPDATE rollup_state SET signature = NULL, pending_from = NULL, pending_to = NULL;",
                     nullptr, nullptr, nullptr),
            SQLITE_OK);
        sqlite3_close(db);
        open();
        waitForRollups();
        compareCases();
    }

    void cleanupTestCase() { m_engine.reset(); }
};

QTEST_GUILESS_MAIN(TestRollups)
#include "tst_rollups.moc"
