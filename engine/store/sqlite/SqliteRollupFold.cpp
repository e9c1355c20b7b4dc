// SqliteStore: folding committed events into the rollups off the commit path. The commit stores
// events only; the maintainer thread folds the events after the watermark (rollup_progress.folded_seq,
// migration 12) in batches, many commits' events merged per rollup key, and commits the rollup rows
// and the new watermark in one transaction: a crash at any point loses nothing and folds nothing
// twice. Queries read rollups up to the watermark plus the raw events after it (SqliteUsageScans.cpp),
// so every answer stays exact while the fold lags.

#include "store/sqlite/SqliteStore.h"
#include "store/sqlite/SqliteTime.h"

#include "rollup/RollupKeys.h"

#include <QScopeGuard>

namespace osc {

namespace {

// Distinct metadata texts whose projection one fold step remembers (traffic repeats a few thousand).
constexpr qsizetype kMaxRememberedProjections = 4096;

Result<qint64> foldedSeq(SqliteConnection &db)
{
    auto progress = db.prepare("SELECT folded_seq FROM rollup_progress WHERE id = 1");
    if (!progress.next())
        return progress.ok() ? Error::internal(QStringLiteral("no rollup progress row"))
                             : progress.status().error();
    return progress.int64(0);
}

// The meter definitions one fold step projects its events with (nullopt: the meter is gone).
class FoldMeters
{
public:
    using Load = std::function<Result<std::optional<Meter>>(const QString &, const QString &)>;
    explicit FoldMeters(Load load)
        : m_load(std::move(load))
    { }

    struct Entry
    {
        std::optional<Meter> meter;
        QHash<QByteArray, QByteArray> projections; // metadata text → projection
    };

    Result<Entry *> find(const QString &workspaceId, const QString &meter)
    {
        const auto key = qMakePair(workspaceId, meter);
        auto it = m_entries.find(key);
        if (it == m_entries.end()) {
            auto loaded = m_load(workspaceId, meter);
            if (!loaded)
                return loaded.error();
            it = m_entries.insert(key, Entry{loaded.value(), {}});
        }
        return &it.value();
    }

private:
    Load m_load;
    QHash<QPair<QString, QString>, Entry> m_entries;
};

QByteArray projectionOf(FoldMeters::Entry &entry, const QByteArray &metadata)
{
    const Meter &meter = *entry.meter;
    if (meter.dimensions.isEmpty())
        return QByteArrayLiteral("{}");
    if (const auto known = entry.projections.constFind(metadata); known != entry.projections.constEnd())
        return known.value();
    QByteArray projection = rollup::projectDimensions(meter, metadata);
    if (entry.projections.size() >= kMaxRememberedProjections)
        entry.projections.clear();
    entry.projections.insert(metadata, projection);
    return projection;
}

} // namespace

void SqliteStore::noteStoredEvents(qint64 events)
{
    {
        std::lock_guard lock(m_rollupMutex);
        m_rollupUnfolded += events;
        m_rollupWake = true;
    }
    m_rollupCondition.notify_one();
}

Result<qint64> SqliteStore::firstFreeEventSeq(SqliteConnection &db)
{
    auto next = db.prepare("SELECT MAX(COALESCE((SELECT MAX(seq) FROM usage_events), 0), "
                           "(SELECT folded_seq FROM rollup_progress WHERE id = 1)) + 1");
    if (!next.next())
        return next.ok() ? Error::internal(QStringLiteral("no event seq")) : next.status().error();
    return next.int64(0);
}

Result<qint64> SqliteStore::rollupFoldStep()
{
    if (m_options.holdFolds && m_options.holdFolds())
        return 0;
    QMutexLocker lock(&m_writerMutex);
    // No fsync of its own (SQLite takes the setting outside a transaction only): a fold lost to a
    // power cut rolls back with its watermark, they are one transaction, and is done again; and the
    // next ingest commit's fsync covers it anyway (WAL frames are appended in order).
    const bool relaxed = m_options.durability == SqliteConnection::Durability::Full;
    if (relaxed)
        if (auto s = m_writer.exec("PRAGMA synchronous=NORMAL"); !s)
            return s.error();
    const auto restore = qScopeGuard([&] {
        if (relaxed)
            (void)m_writer.exec("PRAGMA synchronous=FULL");
    });
    qint64 folded = 0;
    Status status = m_writer.begin();
    if (status) {
        status = [&]() -> Status {
            auto watermark = foldedSeq(m_writer);
            if (!watermark)
                return watermark.error();
            FoldMeters meters([this](const QString &workspaceId, const QString &meter) {
                return loadMeter(m_writer, workspaceId, meter);
            });
            rollup::RollupDelta delta;
            qint64 lastSeq = watermark.value();
            {
                auto events = m_writer.prepare(
                    "SELECT seq, workspace_id, meter, id, subject, quantity, event_time, metadata, "
                    "COALESCE(api_key_id, '') FROM usage_events WHERE seq > ?1 ORDER BY seq LIMIT ?2");
                events.bind(1, watermark.value()).bind(2, kFoldBatchEvents);
                UsageEvent event;
                while (events.next()) {
                    lastSeq = events.int64(0);
                    ++folded;
                    const QString workspaceId = events.text(1);
                    event.meter = events.text(2);
                    auto entry = meters.find(workspaceId, event.meter);
                    if (!entry)
                        return entry.error();
                    if (!(*entry)->meter)
                        continue; // the meter was deleted with its events after this one was read
                    event.id = events.text(3);
                    event.subject = events.text(4);
                    event.quantity = events.real(5);
                    event.eventTimeNs = events.time(6);
                    event.apiKeyId = events.text(8); // the writing key is part of a dimension row's key
                    delta.add(workspaceId, event, projectionOf(**entry, events.bytes(7)));
                }
                if (auto s = events.status(); !s)
                    return s;
            }
            if (lastSeq == watermark.value())
                return {}; // nothing after the watermark
            if (auto s = applyRollupDelta(m_writer, delta); !s)
                return s;
            auto advance = m_writer.prepare("UPDATE rollup_progress SET folded_seq = ?1 WHERE id = 1");
            advance.bind(1, lastSeq);
            return advance.run();
        }();
    }
    if (status)
        status = m_writer.commit();
    if (!status) {
        m_writer.rollback();
        return status.error();
    }
    return folded;
}

Result<RollupLag> SqliteStore::rollupLag()
{
    auto lease = read();
    if (!lease)
        return lease.error();
    SqliteConnection &db = *lease.value();
    // A rowid range after the watermark: as long as the lag, not the table.
    auto lag = db.prepare("SELECT COUNT(*), MIN(received_at) FROM usage_events NOT INDEXED "
                          "WHERE seq > (SELECT folded_seq FROM rollup_progress WHERE id = 1)");
    if (!lag.next())
        return lag.ok() ? Error::internal(QStringLiteral("no rollup lag")) : lag.status().error();
    RollupLag out;
    out.events = lag.int64(0);
    out.oldestReceivedAtNs = lag.optionalTime(1);
    return out;
}

} // namespace osc
