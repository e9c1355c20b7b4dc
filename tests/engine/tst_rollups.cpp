// Rollups are an optimisation, never a second truth: every bucket query they can answer must return
// exactly what the raw-event scan returns. Random events (duplicates and replayed batches included)
// go through the real ingestion path into a real SQLite file; each query then runs with rollups on
// and off, for every aggregation, and the rows must be identical. Quantities are multiples of 1/8, so
// sums are exact whatever order they are added in. The same equality is checked after a dimension is
// added (background rebuild), after a retention prune cuts an hour in half, and after the rollup
// tables are rebuilt from scratch as an upgrade does.

#include "Engine.h"
#include "SubjectReference.h"
#include "core/Rfc3339.h"
#include "filter/Filter.h"
#include "filter/MetadataPath.h"
#include "store/sqlite/SqliteScan.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

using namespace osc;
using namespace osc::query;

namespace {

constexpr qint64 kHour = 3'600'000'000'000LL;
constexpr qint64 kDay = 24 * kHour;

TimeNs at(const char *rfc3339)
{
    return *rfc3339::parse(QString::fromLatin1(rfc3339));
}

const TimeNs kStart = at("2026-03-06T00:00:00Z"); // spans the US DST switch of 2026-03-08
const TimeNs kEnd = kStart + 4 * kDay;

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
    TimeNs from;
    TimeNs to;
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
    QString m_shapesMeterId;
    QString m_paddedMeterId;
    const QStringList m_subjects{"org_a", "org_b", "org_c", "org_d", "org_e", "org_f", "org_g", "org_h"};

    void open()
    {
        auto clock = std::make_unique<ManualClock>(kEnd + kHour);
        m_clock = clock.get();
        auto engine = Engine::open({m_dir.filePath(QStringLiteral("rollups.db")), false}, std::move(clock));
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
        TimeNs time = kStart + random.bounded(qint64(4 * kDay));
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
        const TimeNs ragged = kStart + 5 * kHour + 17 * 60'000'000'000LL;
        const TimeNs raggedEnd = kEnd - 3 * kHour - 41 * 1'000'000'000LL;
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

    // GET /v1/subjects must equal the GROUP BY over the raw events.
    void compareSubjects()
    {
        auto page = m_engine->events().listSubjects(m_engine->owner(), 1000, QString());
        QVERIFY(page);
        const QStringList fromEvents = subjectLinesFromEvents(m_dir.filePath(QStringLiteral("rollups.db")));
        QVERIFY(!fromEvents.isEmpty());
        QCOMPARE(subjectLines(page->items), fromEvents);
    }

    // Breakdowns (§6.7) read the same rollups for a dimension field or the subject field.
    void compareBreakdowns()
    {
        const TimeNs ragged = kStart + 5 * kHour + 17 * 60'000'000'000LL;
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

    // The `shapes` meter: metadata built to exercise the raw scan's memo of dimension group values.
    // Event i (of kShapeEvents, in time order, in pairs sharing a timestamp) carries one of 24
    // metadata texts, changing every 5 events, so a small memo fills with texts that recur; from
    // kShapeEvents / 2 on, a `serial` key makes every text distinct, so the memo stops paying.
    // `shape` takes every JSON kind (strings that sort around surrogate pairs, numbers, booleans,
    // null, objects, arrays, missing), `deep.level` nests and `kind` has three values. The first
    // hour holds 60 subjects and each later hour a few new ones, so bucket sorting meets both
    // many known groups and newcomers.
    static constexpr int kShapeEvents = 600;
    static constexpr int kFirstHourEvents = 120;

    static QJsonValue shapeValue(int t)
    {
        static const QList<QJsonValue> shapes{QStringLiteral("a"), QStringLiteral("b"), QString(),
            QStringLiteral("é"), QString(QChar(0xFF21)), QString::fromUcs4(U"\U0001F600"),
            QStringLiteral("200"), QStringLiteral("true"), QStringLiteral("<nil>"), 0, 1, -1, 2.5, 1e21, 1e-7,
            123456789012345.0, 0.1, 100, true, false, QJsonValue(QJsonValue::Null),
            QJsonObject{{"b", 1}, {"a", QJsonArray{1, 2}}}, QJsonArray{1, "x", QJsonValue(QJsonValue::Null)},
            QJsonValue(QJsonValue::Undefined)};
        return shapes.at(t % shapes.size());
    }

    static QJsonObject shapeMetadata(int i)
    {
        const int t = (i / 5) % 24;
        QJsonObject metadata{{"kind", QStringLiteral("k%1").arg(t % 3)}};
        if (const QJsonValue shape = shapeValue(t); !shape.isUndefined())
            metadata.insert("shape", shape);
        static const QList<QJsonValue> deep{
            QJsonObject{{"level", "x"}}, QJsonObject{{"level", 7}}, QStringLiteral("flat"), QJsonObject{}};
        metadata.insert("deep", deep.at(t % deep.size()));
        if (i >= kShapeEvents / 2)
            metadata.insert("serial", i);
        return metadata;
    }

    static TimeNs shapeTime(int i)
    {
        const int pair = i / 2;
        if (i < kFirstHourEvents)
            return kStart + pair * (kHour / (kFirstHourEvents / 2));
        const TimeNs step = (4 * kDay - 2 * kHour) / ((kShapeEvents - kFirstHourEvents) / 2);
        return kStart + kHour + (pair - kFirstHourEvents / 2) * step;
    }

    void ingestShapes()
    {
        MeterDraft draft;
        draft.name = QStringLiteral("shapes");
        draft.unit = QStringLiteral("things");
        draft.aggregation = QStringLiteral("sum");
        draft.eventRetentionDays = 365;
        draft.dimensions = {{"kind", std::nullopt, std::nullopt, "string", true, std::nullopt}};
        auto meter = m_engine->meters().create(m_engine->owner(), draft);
        QVERIFY2(meter, qPrintable(meter ? QString() : meter.error().message));
        m_shapesMeterId = meter->id;
        QList<UsageDraft> batch;
        for (int i = 0; i < kShapeEvents; ++i) {
            UsageDraft event;
            event.meter = draft.name;
            event.idempotencyKey = QStringLiteral("shape%1").arg(i);
            event.subject = i < kFirstHourEvents ? QStringLiteral("early_%1").arg(i % 60)
                                                 : QStringLiteral("late_%1").arg(i % 97);
            event.quantity = double(1 + i % 13) / 8.0;
            event.timestamp = rfc3339::formatNanos(shapeTime(i));
            event.metadata = shapeMetadata(i);
            batch.append(event);
        }
        auto result = m_engine->ingestor().createBulk(m_engine->owner(), batch, QString());
        QVERIFY(result);
        QCOMPARE(result->accepted.size(), kShapeEvents);
        // `shape` and `deep.level` were plain metadata at ingestion, so they hold any JSON kind; as
        // dimensions they become groupable.
        MeterPatch patch;
        patch.dimensions
            = QList<DimensionDraft>{{"kind", std::nullopt, std::nullopt, "string", true, std::nullopt},
                {"shape", std::nullopt, std::nullopt, "string", false, std::nullopt},
                {"deep.level", std::nullopt, std::nullopt, "string", false, std::nullopt}};
        auto updated = m_engine->meters().update(m_engine->owner(), m_shapesMeterId, patch);
        QVERIFY2(updated, qPrintable(updated ? QString() : updated.error().message));
        waitForRollups();
    }

    // The `padded` meter: six metadata texts of about 1 KiB each, in blocks of ten events, so a memo
    // of 8 texts is full by its bytes (8 x 512) long before it holds 8 texts.
    void ingestPadded()
    {
        MeterDraft draft;
        draft.name = QStringLiteral("padded");
        draft.unit = QStringLiteral("things");
        draft.aggregation = QStringLiteral("sum");
        draft.eventRetentionDays = 365;
        draft.dimensions = {{"kind", std::nullopt, std::nullopt, "string", true, std::nullopt}};
        auto meter = m_engine->meters().create(m_engine->owner(), draft);
        QVERIFY2(meter, qPrintable(meter ? QString() : meter.error().message));
        m_paddedMeterId = meter->id;
        QList<UsageDraft> batch;
        for (int i = 0; i < 120; ++i) {
            const int t = (i / 10) % 6;
            UsageDraft event;
            event.meter = draft.name;
            event.idempotencyKey = QStringLiteral("padded%1").arg(i);
            event.subject = QStringLiteral("org_%1").arg(i % 3);
            event.quantity = double(1 + i % 5) / 4.0;
            event.timestamp = rfc3339::formatNanos(kStart + i * (kDay / 40));
            event.metadata = QJsonObject{
                {"kind", QStringLiteral("k%1").arg(t % 4)}, {"pad", QString(1000, QChar(u'a' + t))}};
            batch.append(event);
        }
        auto result = m_engine->ingestor().createBulk(m_engine->owner(), batch, QString());
        QVERIFY(result);
        QCOMPARE(result->accepted.size(), 120);
    }

    // Rows of one bucket come in compareGroupValues order: column by column in code-point order,
    // which is the order of the values' UTF-8 bytes (checked here without the engine's comparison).
    static QString groupOrderProblem(const BucketResult &result)
    {
        auto utf8 = [](const QStringList &values) {
            QList<QByteArray> out;
            for (const QString &value : values)
                out.append(value.toUtf8());
            return out;
        };
        for (qsizetype i = 1; i < result.rows.size(); ++i) {
            const UsageBucket &previous = result.rows.at(i - 1);
            const UsageBucket &row = result.rows.at(i);
            if (row.bucketStartNs < previous.bucketStartNs)
                return QStringLiteral("bucket %1 after %2").arg(row.bucketStart, previous.bucketStart);
            if (row.bucketStartNs == previous.bucketStartNs
                && !(utf8(previous.groupValues) < utf8(row.groupValues)))
                return QStringLiteral("%1: [%2] before [%3]")
                    .arg(row.bucketStart, previous.groupValues.join(u'|'), row.groupValues.join(u'|'));
        }
        return {};
    }

    // A raw-scan case of the memo tests (never answered from rollups: they are off there).
    static QueryCase memoCase(const char *size, TimeNs from, TimeNs to, const QStringList &groupBy,
        const QByteArray &filterJson = {}, const QString &subject = {}, const QString &zone = {},
        const QList<QPair<QString, QString>> &metadataParams = {})
    {
        return {
            QString::fromLatin1(size), zone, from, to, groupBy, subject, filterJson, metadataParams, false};
    }

    BucketResult runWithMemoLimit(const QueryCase &c, const QString &meter, qsizetype memoLimit)
    {
        m_engine->queries().setMetadataMemoLimit(memoLimit);
        BucketQuery query;
        query.meter = meter;
        query.bucketSize = c.bucketSize;
        query.timeZone = c.zone;
        query.fromNs = c.from;
        query.toNs = c.to;
        query.groupBy = c.groupBy;
        query.subject = c.subject;
        query.queryItems = c.metadataParams;
        query.limit = kMaxQueryLimit;
        if (!c.filterJson.isEmpty())
            query.filter = std::move(**parseFilter(QJsonDocument::fromJson(c.filterJson).object()));
        m_engine->queries().setRollupsEnabled(false);
        auto result = m_engine->queries().buckets(m_engine->owner(), query);
        m_engine->queries().setRollupsEnabled(true);
        m_engine->queries().setMetadataMemoLimit(kMetadataMemoLimit);
        if (!result)
            qFatal("query failed: %s", qPrintable(result.error().message));
        return result.value();
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
        ingestShapes();
        ingestPadded();
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

    // The raw scan memoizes dimension group values per metadata text; rendering every value in the
    // scan's SQL (memo limit 0) is the reference. Small limits make the memo clear itself (texts that
    // recur) and give up mid-scan (texts that do not), resuming in SQL right after the last event it
    // folded in, ties of event_time included.
    void memoizedGroupValuesMatchSql_data()
    {
        QTest::addColumn<QString>("meter");
        QTest::addColumn<QueryCase>("query");
        QTest::addColumn<qlonglong>("memoLimit");
        QTest::addColumn<int>("gaveUp"); // expected: 0 or 1, -1 = either
        QTest::addColumn<int>("evicted");
        QTest::addColumn<int>("maxRendered"); // texts rendered for the memo at most, -1 = any
        const TimeNs ragged = kStart + 5 * kHour + 17 * 60'000'000'000LL;
        const TimeNs halfway = shapeTime(kShapeEvents / 2);
        const qlonglong fullLimit = kMetadataMemoLimit;
        auto add
            = [](const char *name, const char *meter, QueryCase c, qlonglong limit, int gaveUp, int evicted) {
                  QTest::newRow(name) << QString::fromLatin1(meter) << c << limit << gaveUp << evicted << -1;
              };
        add("api two dimensions", "api", memoCase("day", kStart, kEnd, {"region", "code"}), fullLimit, 0, 0);
        add("api ragged hours", "api", memoCase("hour", ragged, kStart + kDay, {"code", "region"}), fullLimit,
            0, 0);
        add("api subject and nested", "api",
            memoCase("day", kStart, kEnd, {"subject", "beta", "http.method"}), fullLimit, 0, 0);
        add("api non-dimension filter", "api",
            memoCase("day", kStart, kEnd, {"code"},
                R"({"type":"condition","field":"metadata.note","op":"eq","value":"n3"})"),
            fullLimit, 0, 0);
        add("api one subject", "api", memoCase("hour", ragged, kEnd, {"region"}, {}, "org_c"), fullLimit, 0,
            0);
        add("api gives up", "api", memoCase("day", kStart, kEnd, {"subject", "region", "code"}), 4, 1, -1);
        add("api zone, small memo", "api",
            memoCase("day", kStart, kEnd, {"region", "beta"}, {}, {}, "America/New_York"), 16, -1, -1);
        add("shapes every kind", "shapes", memoCase("day", kStart, kEnd, {"shape"}), fullLimit, 0, 0);
        add("shapes by subject", "shapes", memoCase("hour", kStart, kEnd, {"subject", "shape"}), fullLimit, 0,
            0);
        add("shapes clear then give up", "shapes", memoCase("day", kStart, kEnd, {"deep.level", "kind"}), 8,
            1, 1);
        for (const int limit : {5, 6, 7})
            QTest::addRow("shapes give up at %d", limit)
                << QStringLiteral("shapes") << memoCase("hour", kStart, kEnd, {"shape", "subject"})
                << qlonglong(limit) << 1 << 1 << -1;
        add("shapes clear only", "shapes", memoCase("day", kStart, halfway, {"kind", "shape"}), 8, 0, 1);
        add("shapes quantity filter", "shapes",
            memoCase("day", kStart, kEnd, {"shape"},
                R"({"type":"condition","field":"quantity","op":"gt","value":0.5})"),
            fullLimit, 0, 0);
        // Filters reading metadata only are memoized too (rows they reject cost a lookup); others
        // stay in the scan's SQL.
        add("api filter, no groups", "api",
            memoCase("day", kStart, kEnd, {},
                R"({"type":"condition","field":"metadata.region","op":"eq","value":"us-east"})"),
            fullLimit, 0, 0);
        add("api filter, by subject", "api",
            memoCase("hour", ragged, kEnd, {"subject"},
                R"({"type":"group","op":"or","rules":[{"type":"condition","field":"metadata.code","op":"gte","value":500},{"type":"condition","field":"metadata.http.method","op":"in","value":["GET"]}]})"),
            fullLimit, 0, 0);
        add("api GET metadata filter", "api",
            memoCase("day", kStart, kEnd, {"region"}, {}, {}, {}, {{"metadata.code", "200"}}), fullLimit, 0,
            0);
        add("api filter and GET filter, small memo", "api",
            memoCase("day", kStart, kEnd, {"beta"},
                R"({"type":"condition","field":"metadata.note","op":"neq","value":"n1"})", {}, {},
                {{"metadata.region", "eu-west"}}),
            16, -1, -1);
        add("shapes filter clear then give up", "shapes",
            memoCase("day", kStart, kEnd, {"shape"},
                R"({"type":"condition","field":"metadata.serial","op":"exists"})"),
            8, 1, 1);
        // A quantity condition keeps the filter in SQL: the memo only sees the unique texts. With
        // limit 64 a sixteenth is 4 texts, and unique texts fail that trial at once.
        const QByteArray uniqueOnly = R"({"type":"group","op":"and","rules":[)"
                                      R"({"type":"condition","field":"metadata.serial","op":"exists"},)"
                                      R"({"type":"condition","field":"quantity","op":"gt","value":0}]})";
        add("shapes mixed filter, unique texts", "shapes",
            memoCase("day", kStart, kEnd, {"shape"}, uniqueOnly), 8, 1, 0);
        add("padded texts fill the memo by bytes", "padded",
            memoCase("day", kStart, kEnd, {"kind", "subject"}), 8, 0, 1);
        QTest::newRow("shapes unique texts, early give-up")
            << QStringLiteral("shapes") << memoCase("day", kStart, kEnd, {"shape"}, uniqueOnly)
            << qlonglong(64) << 1 << 0 << 4;
    }

    void memoizedGroupValuesMatchSql()
    {
        QFETCH(QString, meter);
        QFETCH(QueryCase, query);
        QFETCH(qlonglong, memoLimit);
        QFETCH(int, gaveUp);
        QFETCH(int, evicted);
        QFETCH(int, maxRendered);
        const QString meterId = meter == QLatin1StringView("api")
            ? m_meterId
            : (meter == QLatin1StringView("shapes") ? m_shapesMeterId : m_paddedMeterId);
        for (const char *aggregation : {"sum", "last", "sum"}) {
            MeterPatch patch;
            patch.aggregation = aggregation;
            QVERIFY(m_engine->meters().update(m_engine->owner(), meterId, patch));
            const BucketResult reference = runWithMemoLimit(query, meter, 0);
            const BucketResult memoized = runWithMemoLimit(query, meter, memoLimit);
            QVERIFY(!reference.rows.isEmpty());
            QCOMPARE(reference.memoizedMetadata, 0);
            QVERIFY(memoized.memoizedMetadata > 0);
            if (gaveUp >= 0)
                QCOMPARE(memoized.metadataMemoGaveUp, gaveUp == 1);
            if (evicted >= 0)
                QCOMPARE(memoized.metadataMemoEvictions > 0, evicted == 1);
            if (maxRendered >= 0)
                QVERIFY(memoized.memoizedMetadata <= maxRendered);
            QVERIFY2(describe(memoized) == describe(reference),
                qPrintable(QStringLiteral("%1\n--- memoized:\n%2\n--- in SQL:\n%3")
                               .arg(aggregation, describe(memoized), describe(reference))));
            const QString order = groupOrderProblem(memoized);
            QVERIFY2(order.isEmpty(), qPrintable(order));
        }
    }

    // Memoized or not, group values are the §6.4 textual forms (the C++ reference of MetadataPath).
    void memoizedGroupValuesAreTextualForms()
    {
        for (const QString &field : {QStringLiteral("shape"), QStringLiteral("deep.level")}) {
            QSet<QString> expected;
            for (int i = 0; i < kShapeEvents; ++i)
                expected.insert(groupValue(shapeMetadata(i), field.split(u'.')));
            const BucketResult result = runWithMemoLimit(
                memoCase("month", kStart, kEnd, {field}), QStringLiteral("shapes"), kMetadataMemoLimit);
            QSet<QString> values;
            for (const UsageBucket &row : result.rows)
                values.insert(row.groupValues.at(0));
            QCOMPARE(values, expected);
            QVERIFY(values.contains(QStringLiteral("1e+21")) || field != QLatin1StringView("shape"));
        }
    }

    // Bucket rows in compareGroupValues order when groups keep arriving: the first hour brings 60
    // subjects, later hours a few new ones each (ranked groups meet newcomers), for every grouping.
    void bucketGroupsInValueOrder_data()
    {
        QTest::addColumn<QStringList>("groupBy");
        QTest::newRow("subject") << QStringList{"subject"};
        QTest::newRow("shape, subject") << QStringList{"shape", "subject"};
        QTest::newRow("subject, shape") << QStringList{"subject", "shape"};
        QTest::newRow("kind, deep.level, shape") << QStringList{"kind", "deep.level", "shape"};
    }

    void bucketGroupsInValueOrder()
    {
        QFETCH(QStringList, groupBy);
        for (const char *size : {"hour", "day"}) {
            for (const qlonglong limit : {qlonglong(kMetadataMemoLimit), qlonglong(0)}) {
                const BucketResult result = runWithMemoLimit(
                    memoCase(size, kStart, kEnd, groupBy), QStringLiteral("shapes"), limit);
                QVERIFY(result.rows.size() > 50);
                const QString order = groupOrderProblem(result);
                QVERIFY2(order.isEmpty(), qPrintable(order));
            }
        }
    }

    // Bucket scans shrink the pooled connection's page cache while they run; it gets its size back.
    void pageCacheCapRestoresSize()
    {
        sqlite3 *db = nullptr;
        QCOMPARE(sqlite3_open(":memory:", &db), SQLITE_OK);
        auto cacheSize = [db] {
            sqlite3_stmt *stmt = nullptr;
            sqlite3_prepare_v2(db, "PRAGMA cache_size", -1, &stmt, nullptr);
            sqlite3_step(stmt);
            const qint64 size = sqlite3_column_int64(stmt, 0);
            sqlite3_finalize(stmt);
            return size;
        };
        QCOMPARE(sqlite3_exec(db, "PRAGMA cache_size=-65536", nullptr, nullptr, nullptr), SQLITE_OK);
        {
            sqlite::PageCacheCap cap(db, 2048);
            QCOMPARE(cacheSize(), qint64(-2048));
        }
        QCOMPARE(cacheSize(), qint64(-65536));
        sqlite3_close(db);
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
