// PgStore: the ingestion write path. Concurrent batches share one transaction (group commit, the
// GroupCommitQueue SQLite uses), each in its own savepoint; a batch is one multi-row INSERT over
// unnest() arrays, so a 1,000-event request is a handful of round trips, not a thousand.
#include "store/postgres/PgStore.h"

#include "store/sqlite/SqliteRecords.h"

#include <QMap>

namespace osc {

using pg::ArrayParam;
using pg::Param;

namespace {

struct MeterTally
{
    qint64 events = 0;
    TimeNs lastEventNs;
};

#define OSC_PG_EVENT_COLUMNS                                                                                 \
    "id, idempotency_key, subject, meter, quantity, event_time, received_at, metadata_text"

UsageEvent eventFromRow(const pg::Rows &rows, int row)
{
    UsageEvent e;
    e.id = rows.text(row, 0);
    if (!rows.isNull(row, 1))
        e.idempotencyKey = rows.text(row, 1);
    e.subject = rows.text(row, 2);
    e.meter = rows.text(row, 3);
    e.quantity = rows.real(row, 4);
    e.eventTimeNs = rows.time(row, 5).value_or(TimeNs());
    e.receivedAtNs = rows.time(row, 6).value_or(TimeNs());
    e.metadata = rows.utf8(row, 7);
    return e;
}

// The metadata for the jsonb column: JSONB refuses the escape \u0000 (text cannot hold NUL), which
// JSON allows and SQLite stores; it becomes U+FFFD there, while metadata_text keeps the original for
// responses. JSON escapes are lexically unambiguous: every backslash starts one.
QByteArray jsonbSafe(const QByteArray &json)
{
    if (!json.contains("\\u0000"))
        return json;
    QByteArray out;
    out.reserve(json.size());
    for (qsizetype i = 0; i < json.size(); ++i) {
        if (json[i] != '\\' || i + 1 >= json.size()) {
            out.append(json[i]);
            continue;
        }
        if (json.mid(i, 6) == "\\u0000") {
            out.append("\\ufffd");
            i += 5;
        } else {
            out.append(json[i]).append(json[i + 1]);
            ++i;
        }
    }
    return out;
}

// A unique violation of a batch (two processes storing one bulk key at once): the batch runs again
// and finds the other's record.
constexpr int kMaxBatchAttempts = 3;

} // namespace

void PgStore::ingestAsync(const QString &workspaceId, IngestBatch batch, IngestCallback done)
{
    m_commits->submit({workspaceId, std::move(batch), std::move(done)});
}

namespace {

// What a group's stored events add to the counters, applied once at the end of the group in key
// order: the hot counter rows are locked last and briefly, and always in the same order.
struct GroupTally
{
    QMap<QPair<QString, QString>, MeterTally> meters; // (workspace, meter)
    QMap<QString, qint64> workspaces;

    void add(const QString &workspaceId, const QList<UsageEvent> &accepted)
    {
        for (const UsageEvent &e : accepted) {
            MeterTally &tally = meters[qMakePair(workspaceId, e.meter)];
            tally.lastEventNs
                = tally.events == 0 ? e.eventTimeNs : std::max(tally.lastEventNs, e.eventTimeNs);
            ++tally.events;
        }
        if (!accepted.isEmpty())
            workspaces[workspaceId] += accepted.size();
    }

    Status apply(pg::Connection &db) const
    {
        for (auto workspace = workspaces.cbegin(); workspace != workspaces.cend(); ++workspace) {
            ArrayParam names, counts, lastTimes;
            for (auto it = meters.cbegin(); it != meters.cend(); ++it) {
                if (it.key().first != workspace.key())
                    continue;
                names.append(it.key().second);
                counts.appendInt64(it.value().events);
                lastTimes.appendTime(it.value().lastEventNs);
            }
            auto usage = db.exec(
                "INSERT INTO meter_usage (workspace_id, meter, usage_events, last_event_at) "
                "SELECT $1, u.meter, u.events, u.last_event_at FROM unnest($2::text[], $3::bigint[], "
                "$4::bytea[]) AS u(meter, events, last_event_at) ORDER BY u.meter "
                "ON CONFLICT (workspace_id, meter) DO UPDATE SET usage_events = meter_usage.usage_events + "
                "excluded.usage_events, last_event_at = GREATEST(COALESCE(meter_usage.last_event_at, "
                "excluded.last_event_at), excluded.last_event_at)",
                {Param::text(workspace.key()), names.param(), counts.param(), lastTimes.param()});
            if (!usage)
                return usage.error();
        }
        for (auto workspace = workspaces.cbegin(); workspace != workspaces.cend(); ++workspace) {
            auto counters = db.exec(
                "UPDATE workspace_counters SET usage_events = usage_events + $2 WHERE workspace_id = $1",
                {Param::text(workspace.key()), Param::int64(workspace.value())});
            if (!counters)
                return counters.error();
        }
        return {};
    }
};

} // namespace

void PgStore::writeIngestGroup(std::vector<GroupCommitQueue::Job> &group)
{
    std::vector<Result<IngestOutcome>> results;
    for (int attempt = 1;; ++attempt) {
        results.clear();
        results.reserve(group.size());
        auto lease = acquire();
        if (!lease) {
            results.assign(group.size(), Result<IngestOutcome>(lease.error()));
            break;
        }
        pg::Connection &db = *lease.value();
        GroupTally tally;
        // A deadlock or serialization failure in any batch (two groups inserting the same keys in
        // opposite orders) runs the whole group again: only a full rollback releases its locks.
        QByteArray groupRetryState;
        // READ COMMITTED with row locks: each statement sees what committed before it, the meter rows
        // are share-locked against a concurrent delete, and the unique index decides idempotency.
        Status status = db.run("BEGIN ISOLATION LEVEL READ COMMITTED");
        for (std::size_t i = 0; status && i < group.size(); ++i) {
            Result<IngestOutcome> outcome = Error::internal();
            for (int batchAttempt = 1; status && batchAttempt <= kMaxBatchAttempts; ++batchAttempt) {
                // Each request's batch is all-or-nothing on its own: a failing batch rolls back to its
                // savepoint and the others in the group still commit.
                status = db.run("SAVEPOINT ingest_batch");
                if (!status)
                    break;
                outcome = ingestInTransaction(db, group[i].workspaceId, group[i].batch);
                const QByteArray state = outcome ? QByteArray() : db.lastSqlState();
                if (pg::isRetryable(state)) {
                    groupRetryState = state;
                    status = outcome.error();
                    break;
                }
                const bool raced = state == pg::kUniqueViolation;
                if (!outcome)
                    status = db.run("ROLLBACK TO SAVEPOINT ingest_batch");
                if (status)
                    status = db.run("RELEASE SAVEPOINT ingest_batch");
                if (!raced)
                    break;
            }
            if (status && outcome && !outcome->batchReplayed)
                tally.add(group[i].workspaceId, outcome->accepted);
            results.push_back(std::move(outcome));
        }
        if (status)
            status = tally.apply(db);
        if (status)
            status = db.run("COMMIT");
        if (status)
            break;
        const QByteArray state = groupRetryState.isEmpty() ? db.lastSqlState() : groupRetryState;
        if (db.isOpen())
            (void)db.run("ROLLBACK");
        if (pg::isRetryable(state) && attempt < kMaxTransactionAttempts)
            continue;
        // Nothing of the group is durable, so nothing of it may be acknowledged.
        results.assign(group.size(), Result<IngestOutcome>(status.error()));
        break;
    }
    for (std::size_t i = 0; i < group.size(); ++i)
        group[i].done(std::move(results[i]));
}

Result<IngestOutcome> PgStore::ingestInTransaction(
    pg::Connection &db, const QString &workspaceId, const IngestBatch &batch)
{
    IngestOutcome outcome;
    const Param workspace = Param::text(workspaceId);
    if (batch.batchKey) {
        auto stored = db.exec("SELECT accepted_items, duplicate_items FROM bulk_batches "
                              "WHERE workspace_id = $1 AND idempotency_key = $2",
            {workspace, Param::text(*batch.batchKey)});
        if (!stored)
            return stored.error();
        if (stored->size() > 0) {
            outcome.accepted = sqlite::eventsFromRecord(stored->utf8(0, 0));
            outcome.duplicates = sqlite::eventsFromRecord(stored->utf8(0, 1));
            outcome.batchReplayed = true;
        }
    }
    if (!outcome.batchReplayed && !batch.events.isEmpty()) {
        // A meter deleted after validation must not receive events (its delete saw no usage); the share
        // lock keeps a delete waiting until these events are committed and visible to its check.
        QSet<QString> names;
        for (const UsageEvent &e : batch.events)
            names.insert(e.meter);
        QStringList sorted(names.cbegin(), names.cend());
        sorted.sort(); // rows are locked in one order
        ArrayParam meterNames;
        for (const QString &name : std::as_const(sorted))
            meterNames.append(name);
        auto meters = db.exec("SELECT name FROM meters WHERE workspace_id = $1 AND name = ANY($2::text[]) "
                              "ORDER BY name FOR SHARE",
            {workspace, meterNames.param()});
        if (!meters)
            return meters.error();
        if (meters->size() != sorted.size())
            return Error::notFound();

        ArrayParam ids, meterColumn, subjects, quantities, eventTimes, receivedAts, keys, metadata,
            metadataJson, apiKeys;
        for (const UsageEvent &e : batch.events) {
            ids.append(e.id);
            meterColumn.append(e.meter);
            subjects.append(e.subject);
            quantities.appendReal(e.quantity);
            eventTimes.appendTime(e.eventTimeNs);
            receivedAts.appendTime(e.receivedAtNs);
            if (e.idempotencyKey)
                keys.append(*e.idempotencyKey);
            else
                keys.appendNull();
            metadata.append(QByteArrayView(e.metadata));
            metadataJson.append(QByteArrayView(jsonbSafe(e.metadata)));
            if (e.apiKeyId.isEmpty())
                apiKeys.appendNull();
            else
                apiKeys.append(e.apiKeyId);
        }
        // In batch order, so of two events sharing a key the first is stored and the second is its
        // duplicate, as SQLite's row-by-row inserts decide.
        auto inserted = db.exec(
            "INSERT INTO usage_events (workspace_id, id, meter, subject, quantity, event_time, received_at, "
            "idempotency_key, metadata_text, metadata, api_key_id) "
            "SELECT $1, u.id, u.meter, u.subject, u.quantity, u.event_time, u.received_at, "
            "u.idempotency_key, "
            "u.metadata, u.metadata_json::jsonb, u.api_key_id FROM unnest($2::text[], $3::text[], "
            "$4::text[], $5::float8[], $6::bytea[], $7::bytea[], $8::text[], $9::text[], $10::text[], "
            "$11::text[]) WITH ORDINALITY AS u(id, meter, subject, quantity, event_time, received_at, "
            "idempotency_key, metadata, api_key_id, metadata_json, n) "
            "ORDER BY u.n ON CONFLICT DO NOTHING RETURNING id",
            {workspace, ids.param(), meterColumn.param(), subjects.param(), quantities.param(),
                eventTimes.param(), receivedAts.param(), keys.param(), metadata.param(), apiKeys.param(),
                metadataJson.param()});
        if (!inserted)
            return inserted.error();
        QSet<QString> stored;
        for (int i = 0; i < inserted->size(); ++i)
            stored.insert(inserted->text(i, 0));

        ArrayParam duplicateKeys;
        bool anyDuplicate = false;
        for (const UsageEvent &e : batch.events) {
            if (stored.contains(e.id)) {
                outcome.accepted.append(e);
            } else if (e.idempotencyKey) {
                duplicateKeys.append(*e.idempotencyKey);
                anyDuplicate = true;
            } else {
                return Error::internal(QStringLiteral("event without a key not stored"));
            }
        }
        if (anyDuplicate) {
            auto originals = db.exec("SELECT " OSC_PG_EVENT_COLUMNS " FROM usage_events "
                                     "WHERE workspace_id = $1 AND idempotency_key = ANY($2::text[])",
                {workspace, duplicateKeys.param()});
            if (!originals)
                return originals.error();
            QHash<QString, UsageEvent> byKey;
            for (int i = 0; i < originals->size(); ++i) {
                UsageEvent original = eventFromRow(originals.value(), i);
                byKey.insert(*original.idempotencyKey, std::move(original));
            }
            for (const UsageEvent &e : batch.events) {
                if (stored.contains(e.id))
                    continue;
                const auto found = byKey.constFind(*e.idempotencyKey);
                if (found == byKey.constEnd())
                    return Error::internal(QStringLiteral("duplicate without original"));
                outcome.duplicates.append(*found);
            }
        }

        // meter_usage and workspace_counters: once per group (GroupTally), after every batch of it.
    }
    if (!outcome.batchReplayed && batch.batchKey) {
        auto remember = db.exec("INSERT INTO bulk_batches (workspace_id, idempotency_key, accepted_items, "
                                "duplicate_items, created_at) VALUES ($1, $2, $3, $4, $5)",
            {workspace, Param::text(*batch.batchKey), Param::utf8(sqlite::eventsRecord(outcome.accepted)),
                Param::utf8(sqlite::eventsRecord(outcome.duplicates)), Param::int64(batch.run.createdAtNs)});
        if (!remember)
            return remember.error();
    }
    IngestionRun run = batch.run;
    run.accepted = outcome.accepted.size();
    run.duplicates = outcome.duplicates.size();
    auto insertRun
        = db.exec("INSERT INTO usage_ingestions (id, workspace_id, kind, accepted, duplicates, failed, "
                  "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            {Param::text(run.id), workspace, Param::text(run.kind), Param::int64(run.accepted),
                Param::int64(run.duplicates), Param::int64(run.failed), Param::int64(run.createdAtNs)});
    if (!insertRun)
        return insertRun.error();
    return outcome;
}

Result<QList<IngestionRun>> PgStore::listIngestionRuns(
    const QString &workspaceId, std::optional<qint64> afterTimeNs, const QString &afterId, int limit)
{
    auto rows = query("SELECT id, kind, accepted, duplicates, failed, created_at FROM usage_ingestions "
                      "WHERE workspace_id = $1 AND ($2::bigint IS NULL OR created_at < $2::bigint "
                      "OR (created_at = $2::bigint AND id < $3)) "
                      "ORDER BY created_at DESC, id DESC LIMIT $4",
        {Param::text(workspaceId), Param::optionalInt64(afterTimeNs), Param::text(afterId),
            Param::int64(limit + 1)});
    if (!rows)
        return rows.error();
    QList<IngestionRun> out;
    for (int i = 0; i < rows->size(); ++i)
        out.append({rows->text(i, 0), rows->text(i, 1), rows->int64(i, 2), rows->int64(i, 3),
            rows->int64(i, 4), rows->int64(i, 5)});
    return out;
}

} // namespace osc
