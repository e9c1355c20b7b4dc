// SqliteStore::streamUsageEventRows feeds export jobs of any size: every matching event exactly once,
// newest first in §1.8 order (event_time DESC, id DESC). The stream sorts ties itself, reads a
// timestamp shared by too many rows in id pages, merges meters and renews its read transaction as it
// goes; the limits are made tiny here so every one of those paths runs on a few hundred events, and
// each answer is compared with SQLite's own ORDER BY over the same conditions.

#include "Engine.h"
#include "core/Rfc3339.h"
#include "filter/Filter.h"
#include "store/sqlite/SqliteStore.h"
#include "store/sqlite/SqliteTime.h"

#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

using namespace osc;

// The cases below name only the fields they set (C++20 designated initializers); the others keep
// their defaults, which is what GCC's missing-initializer warning would complain about.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace {

constexpr qint64 kSecond = 1'000'000'000LL;
const TimeNs kStart = *rfc3339::parse(QStringLiteral("2026-06-01T00:00:00Z"));

struct StreamCase
{
    QString meter;
    QString subject;
    std::optional<TimeNs> fromNs;
    std::optional<TimeNs> toNs;
    QString filterJson;
    QString filterSql; // the same condition for the reference query
    qint64 maxRows = 1'000'000;
    int pageRows = 50;
};

} // namespace

Q_DECLARE_METATYPE(StreamCase)

class TestEventStream : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    SqliteStore *m_store = nullptr;
    std::unique_ptr<Engine> m_engine;
    int m_serial = 0;

    QString path() const { return m_dir.filePath(QStringLiteral("stream.db")); }

    // `count` events of `meter` at `timeNs` (ties), random subjects and regions.
    void ingestAt(const QString &meter, TimeNs timeNs, int count, QRandomGenerator &random)
    {
        static const QStringList regions{"us", "eu", "ap"};
        QList<UsageDraft> batch;
        for (int i = 0; i < count; ++i) {
            UsageDraft draft;
            draft.meter = meter;
            draft.subject = QStringLiteral("org_%1").arg(random.bounded(4));
            draft.quantity = double(1 + random.bounded(100)) / 4.0;
            draft.timestamp = rfc3339::formatNanos(timeNs);
            draft.idempotencyKey = QStringLiteral("k%1").arg(m_serial);
            draft.metadata = QJsonObject{{"region", regions.at(random.bounded(regions.size()))}};
            ++m_serial;
            batch.append(draft);
        }
        auto result = m_engine->ingestor().createBulk(m_engine->owner(), batch, QString());
        QVERIFY(result);
        QCOMPARE(result->accepted.size(), count);
    }

    static QString rowText(const UsageEventRows &page, const UsageEventRows::Row &row)
    {
        return QStringLiteral("%1|%2|%3|%4|%5|%6|%7|%8")
            .arg(QString::fromUtf8(page.view(row.id)),
                row.idempotencyKey.length < 0 ? QStringLiteral("<null>")
                                              : QString::fromUtf8(page.view(row.idempotencyKey)),
                QString::fromUtf8(page.view(row.subject)), QString::fromUtf8(page.view(row.meter)),
                QString::number(row.quantity), QString::fromLatin1(row.eventTimeNs.toDecimal()),
                QString::fromLatin1(row.receivedAtNs.toDecimal()),
                QString::fromUtf8(page.view(row.metadata)));
    }

    QStringList expected(const StreamCase &c)
    {
        QByteArray sql
            = "SELECT id, IFNULL(idempotency_key, '<null>'), subject, meter, quantity, event_time, "
              "received_at, metadata FROM usage_events WHERE 1";
        if (!c.meter.isEmpty())
            sql += " AND meter = '" + c.meter.toUtf8() + "'";
        if (!c.subject.isEmpty())
            sql += " AND subject = '" + c.subject.toUtf8() + "'";
        if (c.fromNs)
            sql += " AND event_time >= osc_time_key('" + c.fromNs->toDecimal() + "')";
        if (c.toNs)
            sql += " AND event_time < osc_time_key('" + c.toNs->toDecimal() + "')";
        if (!c.filterSql.isEmpty())
            sql += " AND " + c.filterSql.toUtf8();
        sql += " ORDER BY event_time DESC, id DESC LIMIT " + QByteArray::number(c.maxRows);
        sqlite3 *db = nullptr;
        sqlite3_open_v2(qPrintable(path()), &db, SQLITE_OPEN_READONLY, nullptr);
        sqlite_time::registerFunctions(db);
        sqlite3_stmt *stmt = nullptr;
        const int prepared = sqlite3_prepare_v2(db, sql.constData(), -1, &stmt, nullptr);
        [&] { QCOMPARE(prepared, SQLITE_OK); }();
        QStringList out;
        const auto text = [&](int column) {
            return QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(stmt, column)));
        };
        while (sqlite3_step(stmt) == SQLITE_ROW)
            out.append(
                QStringLiteral("%1|%2|%3|%4|%5|%6|%7|%8")
                    .arg(text(0), text(1), text(2), text(3))
                    .arg(QString::number(sqlite3_column_double(stmt, 4)),
                        QString::fromLatin1(sqlite_time::column(stmt, 5).value_or(TimeNs()).toDecimal()),
                        QString::fromLatin1(sqlite_time::column(stmt, 6).value_or(TimeNs()).toDecimal()),
                        text(7)));
        sqlite3_finalize(stmt);
        sqlite3_close(db);
        return out;
    }

    QStringList stream(const StreamCase &c, const std::function<void(int page)> &afterPage = {})
    {
        std::optional<query::FilterNode> filter;
        if (!c.filterJson.isEmpty()) {
            auto parsed = query::parseFilter(QJsonDocument::fromJson(c.filterJson.toUtf8()).object());
            [&] { QVERIFY(parsed && parsed->has_value()); }();
            filter = std::move(**parsed);
        }
        EventReadQuery query;
        query.meter = c.meter;
        query.subject = c.subject;
        query.fromNs = c.fromNs;
        query.toNs = c.toNs;
        query.filter = filter ? &*filter : nullptr;
        QStringList out;
        int pages = 0;
        Status status = m_store->streamUsageEventRows(
            m_engine->defaultWorkspaceId(), query, c.maxRows, c.pageRows, [&](UsageEventRows &page) {
                [&] { QVERIFY(qsizetype(page.rows.size()) <= c.pageRows); }();
                for (const UsageEventRows::Row &row : std::as_const(page.rows))
                    out.append(rowText(page, row));
                if (afterPage)
                    afterPage(++pages);
                return true;
            });
        [&] { QVERIFY2(status, qPrintable(status ? QString() : status.error().message)); }();
        return out;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        SqliteStore::Options options;
        options.path = path();
        options.durability = SqliteConnection::Durability::Normal;
        options.eventStream.scanBatchRows = 4;
        options.eventStream.maxTieGroupRows = 5;
        options.eventStream.rowsPerSnapshot = 7;
        auto store = SqliteStore::open(options, QString(Engine::kDefaultWorkspaceId));
        QVERIFY2(store, qPrintable(store ? QString() : store.error().message));
        m_store = store->get();
        m_engine = std::make_unique<Engine>(
            std::move(store.value()), std::make_unique<ManualClock>(kStart + 3600 * kSecond));
        for (const char *name : {"api", "jobs", "zeta"}) {
            MeterDraft draft;
            draft.name = QString::fromLatin1(name);
            draft.unit = QStringLiteral("requests");
            draft.aggregation = QStringLiteral("sum");
            QVERIFY(m_engine->meters().create(m_engine->owner(), draft));
        }
        QRandomGenerator random(20261123);
        // 120 instants; most hold one or a few events, some groups straddle the scan batches, and a
        // few are larger than the tie-group limit (5), one of them exactly twice as large.
        for (int t = 0; t < 120; ++t) {
            const TimeNs time = kStart + qint64(t) * 7 * kSecond + (t % 3 == 0 ? 123 : 0);
            for (const char *name : {"api", "jobs", "zeta"}) {
                const int roll = int(random.bounded(20));
                const int count = roll < 10 ? 1
                    : roll < 17             ? 2 + int(random.bounded(4))
                                            : 6 + int(random.bounded(9));
                if (random.bounded(3) != 0)
                    ingestAt(QString::fromLatin1(name), time, count, random);
            }
        }
        ingestAt(QStringLiteral("api"), kStart + 500 * kSecond, 10, random);
        ingestAt(QStringLiteral("jobs"), kStart + 500 * kSecond, 17, random);
    }

    void matchesSqliteOrder_data()
    {
        QTest::addColumn<StreamCase>("c");
        const QString usFilter
            = QStringLiteral(R"({"type":"condition","field":"metadata.region","op":"eq","value":"us"})");
        const QString usSql = QStringLiteral("json_extract(metadata, '$.region') = 'us'");
        QTest::newRow("every meter") << StreamCase{};
        QTest::newRow("every meter, page of 1") << StreamCase{.pageRows = 1};
        QTest::newRow("every meter, page of 3") << StreamCase{.pageRows = 3};
        QTest::newRow("one meter") << StreamCase{.meter = QStringLiteral("jobs")};
        QTest::newRow("one meter, page of 2") << StreamCase{.meter = QStringLiteral("api"), .pageRows = 2};
        QTest::newRow("subject") << StreamCase{.subject = QStringLiteral("org_2")};
        QTest::newRow("range") << StreamCase{
            .fromNs = kStart + 100 * kSecond, .toNs = kStart + 600 * kSecond + 123};
        QTest::newRow("range ends inside a large tie")
            << StreamCase{.meter = QStringLiteral("jobs"), .toNs = kStart + 500 * kSecond + 1};
        QTest::newRow("filter") << StreamCase{.filterJson = usFilter, .filterSql = usSql};
        QTest::newRow("filter, one meter, subject") << StreamCase{.meter = QStringLiteral("api"),
            .subject = QStringLiteral("org_1"),
            .filterJson = usFilter,
            .filterSql = usSql,
            .pageRows = 4};
        QTest::newRow("max rows inside a tie") << StreamCase{.maxRows = 37, .pageRows = 5};
        QTest::newRow("max rows 0") << StreamCase{.maxRows = 0, .pageRows = 5};
        QTest::newRow("unknown meter") << StreamCase{.meter = QStringLiteral("nope")};
    }

    void matchesSqliteOrder()
    {
        QFETCH(StreamCase, c);
        const QStringList want = expected(c);
        if (c.meter != QLatin1StringView("nope") && c.maxRows > 0)
            QVERIFY(!want.isEmpty());
        QCOMPARE(stream(c), want);
    }

    // A sink that stops ends the stream at once.
    void sinkStops()
    {
        int pages = 0;
        EventReadQuery query;
        Status status = m_store->streamUsageEventRows(m_engine->defaultWorkspaceId(), query, 1'000'000, 10,
            [&](UsageEventRows &) { return ++pages < 3; });
        QVERIFY(status);
        QCOMPARE(pages, 3);
    }

    // Commits landing while the stream runs (across its snapshot renewals) never make it return a
    // row twice or out of order, and every event stored before it started is returned.
    void writesDuringStream()
    {
        const QStringList before = expected(StreamCase{});
        QRandomGenerator random(7);
        const QStringList got = stream(StreamCase{.pageRows = 6}, [&](int page) {
            if (page % 5 == 0) {
                // One event newer than everything, one in the middle of the range, a backfilled tie.
                ingestAt(QStringLiteral("api"), kStart + 2000 * kSecond, 1, random);
                ingestAt(QStringLiteral("jobs"), kStart + qint64(page) * 3 * kSecond, 1, random);
                ingestAt(QStringLiteral("zeta"), kStart + 14 * kSecond, 2, random);
            }
        });
        QSet<QString> ids;
        for (const QString &line : got) {
            const QString id = line.section(QLatin1Char('|'), 0, 0);
            QVERIFY2(!ids.contains(id), qPrintable(id));
            ids.insert(id);
        }
        for (qsizetype i = 1; i < got.size(); ++i) {
            const qint64 previous = got.at(i - 1).section(QLatin1Char('|'), 5, 5).toLongLong();
            const qint64 current = got.at(i).section(QLatin1Char('|'), 5, 5).toLongLong();
            QVERIFY(previous > current
                || (previous == current
                    && got.at(i - 1).section(QLatin1Char('|'), 0, 0).toUtf8()
                        > got.at(i).section(QLatin1Char('|'), 0, 0).toUtf8()));
        }
        for (const QString &line : before)
            QVERIFY2(ids.contains(line.section(QLatin1Char('|'), 0, 0)), qPrintable(line));
    }

    void cleanupTestCase() { m_engine.reset(); }
};

QTEST_GUILESS_MAIN(TestEventStream)
#include "tst_eventstream.moc"
