// Query benchmark (issue 4): our bucket queries against a naive SQLite GROUP BY over the raw events
// of the same database file. Run by scripts/bench-queries.sh, which generates the data set with the
// demo generator; prints a Markdown table.
//
//   bench_queries <database> [runs]
//
// Every query runs `runs` times (default 15) after one warm-up; the median wall time is reported.
// "ours" is UsageQueries as the REST API calls it (rollups on); "ours, raw scan" is the same code with
// rollups off; "naive" is one hand-written GROUP BY statement on a separate connection.

#include "Engine.h"
#include "filter/Filter.h"
#include "rollup/RollupKeys.h"
#include "store/sqlite/SqliteTime.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QThread>

#include <sqlite3.h>

#include <algorithm>
#include <cstdio>
#include <functional>

using namespace osc;
using namespace osc::query;

namespace {

constexpr qint64 kHour = rollup::kHourNs;
constexpr qint64 kDay = rollup::kDayNs;
const QString kMeter = QStringLiteral("api_requests");

double medianMs(int runs, const std::function<void()> &work)
{
    work(); // warm-up: page cache and statement preparation
    QList<double> times;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer timer;
        timer.start();
        work();
        times.append(double(timer.nsecsElapsed()) / 1e6);
    }
    std::sort(times.begin(), times.end());
    return times.at(times.size() / 2);
}

// The naive reference: one statement, stepped to the end.
qint64 runNaive(sqlite3 *db, const char *sql, const QList<QVariant> &binds)
{
    sqlite3_stmt *stmt = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) != SQLITE_OK)
        qFatal("naive prepare: %s", sqlite3_errmsg(db));
    for (int i = 0; i < binds.size(); ++i) {
        const QVariant &v = binds.at(i);
        if (v.typeId() == QMetaType::LongLong)
            sqlite3_bind_int64(stmt, i + 1, v.toLongLong());
        else
            sqlite3_bind_text(stmt, i + 1, qPrintable(v.toString()), -1, SQLITE_TRANSIENT);
    }
    qint64 rows = 0;
    while (sqlite3_step(stmt) == SQLITE_ROW)
        ++rows;
    sqlite3_finalize(stmt);
    return rows;
}

BucketResult bucketsOrDie(Engine &engine, const BucketQuery &query)
{
    auto result = engine.queries().buckets(engine.owner(), query);
    if (!result)
        qFatal("query failed: %s", qPrintable(result.error().message));
    return result.value();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_queries <database> [runs]\n");
        return 2;
    }
    const QString path = QString::fromLocal8Bit(argv[1]);
    const int runs = argc > 2 ? std::max(1, atoi(argv[2])) : 15;
    auto opened = Engine::open({path, false});
    if (!opened)
        qFatal("open: %s", qPrintable(opened.error().message));
    Engine &engine = *opened.value();
    // Rollups of data written by an older version are built in the background first.
    while (engine.store().pendingRollupMeters().value() > 0)
        QThread::msleep(200);

    sqlite3 *naive = nullptr;
    if (sqlite3_open_v2(argv[1], &naive, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
        qFatal("naive open failed");
    sqlite3_exec(naive, "PRAGMA cache_size = -65536", nullptr, nullptr, nullptr); // 64 MiB, as ours
    // Times are 9-byte keys since schema 8: the naive statements decode them with osc_time_ns() and
    // compare keys made by osc_time_key(), which adds a function call per row to the naive side.
    sqlite_time::registerFunctions(naive);

    qint64 events = 0;
    qint64 latest = 0;
    {
        sqlite3_stmt *stmt = nullptr;
        sqlite3_prepare_v2(naive,
            "SELECT usage_events, last_event_at FROM meter_usage WHERE workspace_id = 'default' AND meter = "
            "?1",
            -1, &stmt, nullptr);
        sqlite3_bind_text(stmt, 1, "api_requests", -1, SQLITE_STATIC);
        if (sqlite3_step(stmt) == SQLITE_ROW) {
            events = sqlite3_column_int64(stmt, 0);
            latest = sqlite_time::column(stmt, 1).value_or(TimeNs()).toInt64();
        }
        sqlite3_finalize(stmt);
    }
    if (events == 0)
        qFatal("no api_requests events in %s (generate them with the demo command)", argv[1]);
    const qint64 to = rollup::ceilTo(latest + 1, kDay).toInt64();
    const qint64 from30 = to - 30 * kDay;

    std::printf("Data: %lld api_requests events in %s; ranges end at the UTC day after the latest event.\n\n",
        static_cast<long long>(events), argv[1]);
    std::printf("| query | ours (ms) | ours, raw scan (ms) | naive GROUP BY (ms) | naive ÷ ours | rows |\n");
    std::printf("| --- | --- | --- | --- | --- | --- |\n");

    auto report = [&](const char *name, const BucketQuery &query, const char *naiveSql,
                      const QList<QVariant> &binds) {
        qint64 rows = 0;
        const double ours = medianMs(runs, [&] { rows = bucketsOrDie(engine, query).rows.size(); });
        engine.queries().setRollupsEnabled(false);
        const double raw = medianMs(std::min(runs, 5), [&] { bucketsOrDie(engine, query); });
        engine.queries().setRollupsEnabled(true);
        qint64 naiveRows = 0;
        const double naiveMs
            = medianMs(std::min(runs, 5), [&] { naiveRows = runNaive(naive, naiveSql, binds); });
        if (naiveRows != rows)
            std::fprintf(stderr, "warning: %s: naive returned %lld rows, ours %lld\n", name,
                static_cast<long long>(naiveRows), static_cast<long long>(rows));
        std::printf("| %s | %.2f | %.1f | %.1f | %.0f× | %lld |\n", name, ours, raw, naiveMs, naiveMs / ours,
            static_cast<long long>(rows));
        std::fflush(stdout);
    };

    BucketQuery grouped;
    grouped.meter = kMeter;
    grouped.fromNs = from30;
    grouped.toNs = to;
    grouped.bucketSize = QStringLiteral("day");
    grouped.groupBy = {QStringLiteral("region")};
    grouped.limit = kMaxQueryLimit;
    report("30 day buckets grouped by region, all subjects", grouped,
        "SELECT osc_time_ns(event_time) / 86400000000000 AS d, json_extract(metadata, '$.region') AS g, "
        "SUM(quantity) "
        "FROM usage_events WHERE workspace_id = 'default' AND meter = ?1 AND event_time >= osc_time_key(?2) "
        "AND event_time "
        "< osc_time_key(?3) "
        "GROUP BY d, g",
        {kMeter, from30, to});

    // Issue 18: the writing API key is part of the rollup rows, so it groups like a dimension.
    BucketQuery byKey = grouped;
    byKey.groupBy = {QStringLiteral("api_key")};
    report("30 day buckets grouped by api_key, all subjects", byKey,
        "SELECT osc_time_ns(event_time) / 86400000000000 AS d, COALESCE(api_key_id, '') AS g, SUM(quantity) "
        "FROM usage_events WHERE workspace_id = 'default' AND meter = ?1 AND event_time >= osc_time_key(?2) "
        "AND event_time < osc_time_key(?3) GROUP BY d, g",
        {kMeter, from30, to});

    BucketQuery subject;
    subject.meter = kMeter;
    subject.subject = QStringLiteral("org_0001");
    subject.fromNs = to - 7 * kDay;
    subject.toNs = to;
    subject.bucketSize = QStringLiteral("hour");
    subject.limit = kMaxQueryLimit;
    report("7 days of hour buckets, one subject", subject,
        "SELECT osc_time_ns(event_time) / 3600000000000 AS h, SUM(quantity) FROM usage_events WHERE "
        "workspace_id = "
        "'default' "
        "AND meter = ?1 AND event_time >= osc_time_key(?2) AND event_time < osc_time_key(?3) AND subject = "
        "?4 GROUP BY h",
        {kMeter, to - 7 * kDay, to, QStringLiteral("org_0001")});

    BucketQuery filtered = grouped;
    filtered.groupBy.clear();
    auto filter = parseFilter(QJsonDocument::fromJson(
        R"({"type":"condition","field":"metadata.status_code","op":"gte","value":500})")
                                  .object());
    filtered.filter = std::move(**filter);
    report("30 day buckets, filter on non-dimension metadata (status_code >= 500)", filtered,
        "SELECT osc_time_ns(event_time) / 86400000000000 AS d, SUM(quantity) FROM usage_events WHERE "
        "workspace_id = "
        "'default' "
        "AND meter = ?1 AND event_time >= osc_time_key(?2) AND event_time < osc_time_key(?3) AND "
        "json_type(metadata, '$.status_code') IN "
        "('integer', 'real') AND json_extract(metadata, '$.status_code') >= 500 GROUP BY d",
        {kMeter, from30, to});

    BucketQuery exported;
    exported.meter = kMeter;
    exported.fromNs = to - 10 * kDay;
    exported.toNs = to;
    exported.bucketSize = QStringLiteral("hour");
    exported.groupBy = {QStringLiteral("region")};
    exported.limit = 1000;
    qint64 bytes = 0;
    const double csvMs = medianMs(runs, [&] {
        auto csv = engine.exports().exportBuckets(engine.owner(), exported, ExportFormat::Csv);
        if (!csv)
            qFatal("export failed: %s", qPrintable(csv.error().message));
        bytes = csv->size();
    });
    std::printf(
        "\nDirect CSV export of 1,000 bucket rows (hour buckets × region, 10 days): %.2f ms (%lld bytes)\n",
        csvMs, static_cast<long long>(bytes));
    sqlite3_close(naive);
    return 0;
}
