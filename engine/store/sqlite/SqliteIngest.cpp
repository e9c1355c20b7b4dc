// SqliteStore: the ingestion write path (sqlite3 C API, one transaction per batch).

#include "store/sqlite/SqliteStore.h"
#include "store/sqlite/SqliteTime.h"

#include "store/sqlite/SqliteRecords.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>

namespace osc {

namespace {

struct MeterTally
{
    qint64 events = 0;
    TimeNs lastEventNs;
};

UsageEvent eventFromRow(const SqliteStatement &row)
{
    UsageEvent e;
    e.id = row.text(0);
    if (!row.isNull(1))
        e.idempotencyKey = row.text(1);
    e.subject = row.text(2);
    e.meter = row.text(3);
    e.quantity = row.real(4);
    e.eventTimeNs = row.time(5);
    e.receivedAtNs = row.time(6);
    e.metadata = row.bytes(7);
    return e;
}

Status insertRun(SqliteConnection &db, const QString &workspaceId, const IngestionRun &run)
{
    auto insert
        = db.prepare("INSERT INTO usage_ingestions (id, workspace_id, kind, accepted, duplicates, failed, "
                     "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    insert.bind(1, run.id)
        .bind(2, workspaceId)
        .bind(3, run.kind)
        .bind(4, run.accepted)
        .bind(5, run.duplicates)
        .bind(6, run.failed)
        .bind(7, run.createdAtNs);
    return insert.run();
}

} // namespace

void SqliteStore::ingestAsync(const QString &workspaceId, IngestBatch batch, IngestCallback done)
{
    m_commits->submit({workspaceId, std::move(batch), std::move(done)});
}

void SqliteStore::writeIngestGroup(std::vector<GroupCommitQueue::Job> &group)
{
    std::vector<Result<IngestOutcome>> results;
    results.reserve(group.size());
    qint64 stored = 0;
    {
        QMutexLocker lock(&m_writerMutex);
        // The commit stores events, their idempotency keys and counters only: the rollup maintainer
        // folds them into the rollups later (SqliteRollupFold.cpp), so a request costs the same
        // whatever hours and subjects it touches. Subject totals are in memory and stay current here.
        rollup::SubjectMeterTallies subjectMeters;
        Status status = m_writer.begin();
        if (status && !m_nextSeq) {
            auto next = firstFreeEventSeq(m_writer);
            if (next)
                m_nextSeq = next.value();
            else
                status = next.error();
        }
        qint64 nextSeq = m_nextSeq.value_or(0);
        for (std::size_t i = 0; status && i < group.size(); ++i) {
            // Each request's batch is all-or-nothing on its own: a failing batch rolls back to its
            // savepoint and the others in the group still commit.
            status = m_writer.exec("SAVEPOINT ingest_batch");
            if (!status)
                break;
            const QString &workspaceId = group[i].workspaceId;
            const qint64 batchSeq = nextSeq;
            auto outcome = ingestInTransaction(m_writer, workspaceId, group[i].batch, nextSeq);
            if (outcome && !outcome->batchReplayed) {
                // Plan counters ride in the batch's savepoint: they commit exactly with its new events.
                if (auto counted = countPlanUsage(m_writer, workspaceId, outcome->accepted); !counted)
                    outcome = counted.error();
            }
            if (!outcome) {
                status = m_writer.exec("ROLLBACK TO ingest_batch");
                nextSeq = batchSeq;
            }
            if (status)
                status = m_writer.exec("RELEASE ingest_batch");
            if (status && outcome && !outcome->batchReplayed) {
                for (const UsageEvent &event : outcome->accepted)
                    rollup::tally(subjectMeters, workspaceId, event);
            }
            results.push_back(std::move(outcome));
        }
        if (status)
            status = m_writer.commit();
        if (status) {
            m_nextSeq = nextSeq;
            for (const auto &result : results)
                if (result && !result->batchReplayed)
                    stored += result->accepted.size();
            m_subjectTotals.add(subjectMeters); // still under the writer lock: ordered with reloads
        } else {
            // Nothing of the group is durable, so nothing of it may be acknowledged.
            m_writer.rollback();
            m_nextSeq.reset();
            results.assign(group.size(), Result<IngestOutcome>(status.error()));
        }
    }
    if (stored > 0)
        noteStoredEvents(stored);
    for (std::size_t i = 0; i < group.size(); ++i)
        group[i].done(std::move(results[i]));
}

Result<IngestOutcome> SqliteStore::ingestInTransaction(
    SqliteConnection &db, const QString &workspaceId, const IngestBatch &batch, qint64 &nextSeq)
{
    IngestOutcome outcome;
    Status status = [&]() -> Status {
        const QByteArray workspace = workspaceId.toUtf8();
        if (batch.batchKey) {
            auto stored = db.prepare("SELECT accepted_items, duplicate_items FROM bulk_batches "
                                     "WHERE workspace_id = ?1 AND idempotency_key = ?2");
            stored.bind(1, workspace).bind(2, *batch.batchKey);
            if (stored.next()) {
                outcome.accepted = sqlite::eventsFromRecord(stored.bytes(0));
                outcome.duplicates = sqlite::eventsFromRecord(stored.bytes(1));
                outcome.batchReplayed = true;
            } else if (!stored.ok()) {
                return stored.status();
            }
        }
        if (!outcome.batchReplayed) {
            // A meter deleted after validation must not receive events (its delete saw no usage).
            QHash<QString, MeterTally> tallies;
            for (const UsageEvent &e : batch.events)
                tallies.insert(e.meter, {});
            for (auto it = tallies.cbegin(); it != tallies.cend(); ++it) {
                auto meter = db.prepare("SELECT 1 FROM meters WHERE workspace_id = ?1 AND name = ?2");
                meter.bind(1, workspace).bind(2, it.key());
                if (!meter.next())
                    return meter.ok() ? Status(Error::notFound()) : meter.status();
            }

            for (const UsageEvent &e : batch.events) {
                // seq is given, not left to SQLite's max(rowid) + 1: a prune of the newest rows must
                // not hand their seqs, already behind the rollup watermark, to new events.
                auto insert = db.prepare(
                    "INSERT INTO usage_events (workspace_id, id, meter, subject, quantity, event_time, "
                    "received_at, idempotency_key, metadata, api_key_id, seq) "
                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) ON CONFLICT DO NOTHING");
                insert.bind(1, workspace)
                    .bind(2, e.id)
                    .bind(3, e.meter)
                    .bind(4, e.subject)
                    .bind(5, e.quantity)
                    .bind(6, e.eventTimeNs)
                    .bind(7, e.receivedAtNs)
                    .bind(8, e.idempotencyKey)
                    .bind(9, e.metadata);
                if (e.apiKeyId.isEmpty())
                    insert.bindNull(10);
                else
                    insert.bind(10, e.apiKeyId);
                insert.bind(11, nextSeq);
                if (auto s = insert.run(); !s)
                    return s;
                if (db.changes() > 0) {
                    ++nextSeq;
                    outcome.accepted.append(e);
                    MeterTally &tally = tallies[e.meter];
                    tally.lastEventNs
                        = tally.events == 0 ? e.eventTimeNs : std::max(tally.lastEventNs, e.eventTimeNs);
                    ++tally.events;
                    continue;
                }
                auto original
                    = db.prepare("SELECT id, idempotency_key, subject, meter, quantity, event_time, "
                                 "received_at, metadata FROM usage_events "
                                 "WHERE workspace_id = ?1 AND idempotency_key = ?2");
                original.bind(1, workspace).bind(2, e.idempotencyKey);
                if (!original.next())
                    return original.ok()
                        ? Status(Error::internal(QStringLiteral("duplicate without original")))
                        : original.status();
                outcome.duplicates.append(eventFromRow(original));
            }

            for (auto it = tallies.cbegin(); it != tallies.cend(); ++it) {
                if (it.value().events == 0)
                    continue;
                auto usage = db.prepare("INSERT INTO meter_usage (workspace_id, meter, usage_events, "
                                        "last_event_at) VALUES (?1, ?2, ?3, ?4) "
                                        "ON CONFLICT (workspace_id, meter) DO UPDATE SET usage_events = "
                                        "usage_events + excluded.usage_events, "
                                        "last_event_at = MAX(COALESCE(last_event_at, "
                                        "excluded.last_event_at), excluded.last_event_at)");
                usage.bind(1, workspace)
                    .bind(2, it.key())
                    .bind(3, it.value().events)
                    .bind(4, it.value().lastEventNs);
                if (auto s = usage.run(); !s)
                    return s;
            }
            if (!outcome.accepted.isEmpty()) {
                auto counters = db.prepare(
                    "UPDATE workspace_counters SET usage_events = usage_events + ?2 WHERE workspace_id = ?1");
                counters.bind(1, workspace).bind(2, qint64(outcome.accepted.size()));
                if (auto s = counters.run(); !s)
                    return s;
            }
            if (batch.batchKey) {
                auto remember
                    = db.prepare("INSERT INTO bulk_batches (workspace_id, idempotency_key, accepted_items, "
                                 "duplicate_items, created_at) VALUES (?1, ?2, ?3, ?4, ?5)");
                remember.bind(1, workspace)
                    .bind(2, *batch.batchKey)
                    .bind(3, sqlite::eventsRecord(outcome.accepted))
                    .bind(4, sqlite::eventsRecord(outcome.duplicates))
                    .bind(5, batch.run.createdAtNs);
                if (auto s = remember.run(); !s)
                    return s;
            }
        }
        IngestionRun run = batch.run;
        run.accepted = outcome.accepted.size();
        run.duplicates = outcome.duplicates.size();
        return insertRun(db, workspaceId, run);
    }();
    if (!status)
        return status.error();
    return outcome;
}

Result<QList<IngestionRun>> SqliteStore::listIngestionRuns(
    const QString &workspaceId, std::optional<qint64> afterTimeNs, const QString &afterId, int limit)
{
    auto lease = read();
    if (!lease)
        return lease.error();
    auto stmt
        = (*lease.value())
              .prepare("SELECT id, kind, accepted, duplicates, failed, created_at FROM usage_ingestions "
                       "WHERE workspace_id = ?1 AND (?2 IS NULL OR created_at < ?2 OR (created_at = ?2 AND "
                       "id < ?3)) "
                       "ORDER BY created_at DESC, id DESC LIMIT ?4");
    stmt.bind(1, workspaceId).bind(2, afterTimeNs).bind(3, afterId).bind(4, limit + 1);
    QList<IngestionRun> out;
    while (stmt.next())
        out.append({stmt.text(0), stmt.text(1), stmt.int64(2), stmt.int64(3), stmt.int64(4), stmt.int64(5)});
    if (auto s = stmt.status(); !s)
        return s.error();
    return out;
}

} // namespace osc
