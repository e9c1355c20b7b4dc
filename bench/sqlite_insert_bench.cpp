// (a) of the ingestion benchmark: the raw sqlite3 insert rate into the product's own usage_events table
// (same schema, indexes and pragmas, created by SqliteStore) in one transaction — this machine's limit.
// Usage: bench_sqlite_insert <rows> <db-path>

#include "core/Ids.h"
#include "store/sqlite/SqliteStore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTextStream>

#include <sqlite3.h>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const qint64 rows = argc > 1 ? QByteArray(argv[1]).toLongLong() : 200'000;
    const QString path = argc > 2 ? QString::fromLocal8Bit(argv[2]) : QStringLiteral("bench-sqlite.db");
    osc::SqliteStore::Options options;
    options.path = path;
    options.durability = osc::SqliteConnection::Durability::Full;
    options.readConnections = 1;
    auto store = osc::SqliteStore::open(options, QStringLiteral("default"));
    if (!store) {
        QTextStream(stderr) << "cannot open store: " << store.error().message << '\n';
        return 1;
    }
    // Pre-generate rows so only SQLite is timed.
    struct Row
    {
        QByteArray id, key, subject, metadata;
        qint64 time;
    };
    std::vector<Row> data;
    data.reserve(rows);
    const qint64 base = 1'780'000'000'000'000'000;
    for (qint64 i = 0; i < rows; ++i)
        data.push_back(
            {osc::newId().toUtf8(), "bench-" + QByteArray::number(i), "org_" + QByteArray::number(i % 1000),
                R"({"endpoint":"/orders","region":"us-east","status_code":200})", base + i * 1'000'000});
    QElapsedTimer timer;
    timer.start();
    const osc::Status status = store.value()->writeTransaction([&](osc::SqliteConnection &db) -> osc::Status {
        for (const Row &r : data) {
            auto insert = db.prepare(
                "INSERT INTO usage_events (workspace_id, id, meter, subject, quantity, event_time, "
                "received_at, idempotency_key, metadata, api_key_id) "
                "VALUES ('default', ?1, 'bench', ?2, 1, ?3, ?3, ?4, ?5, NULL) ON CONFLICT DO NOTHING");
            insert.bindText(1, r.id.constData(), int(r.id.size()))
                .bindText(2, r.subject.constData(), int(r.subject.size()))
                .bind(3, osc::TimeNs(r.time))
                .bindText(4, r.key.constData(), int(r.key.size()))
                .bindText(5, r.metadata.constData(), int(r.metadata.size()));
            if (auto s = insert.run(); !s)
                return s;
        }
        return {};
    });
    const double seconds = timer.nsecsElapsed() / 1e9;
    if (!status) {
        QTextStream(stderr) << "insert failed: " << status.error().message << '\n';
        return 1;
    }
    QTextStream(stdout) << qint64(rows / seconds) << '\n';
    return 0;
}
