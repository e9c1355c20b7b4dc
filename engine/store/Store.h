#pragma once

#include "auth/ApiKey.h"
#include "core/Result.h"
#include "export/ExportJob.h"
#include "ingest/UsageEvent.h"
#include "meters/Meter.h"
#include "retention/PruneRun.h"
#include "store/EventReads.h"

#include <functional>
#include <optional>

namespace osc {

struct MeterListQuery
{
    QString nameFilter; // exact match when non-empty
    QString afterName; // keyset cursor: names strictly greater
    int limit = 50; // the store returns up to limit + 1 rows so callers can tell if more exist
};

struct SystemCounters
{
    qint64 meters = 0;
    qint64 usageEvents = 0;
    qint64 pruneRuns = 0;
};

enum class DeleteMeterOutcome
{
    Deleted,
    NotFound,
    HasUsage
};

// Validated events to store in one transaction, with the request's batch key and ingestion-run record.
struct IngestBatch
{
    QList<UsageEvent> events; // ids and received_at assigned
    std::optional<QString> batchKey; // bulk `Idempotency-Key` header
    IngestionRun run; // kind, id, failed, created_at; accepted/duplicates filled by the store
};

// A worker's claim of the oldest claimable export job (contract §7.3).
struct ExportClaim
{
    qint64 nowNs = 0;
    qint64 lockedUntilNs = 0; // the lease of this claim
    int maxAttempts = 3; // an expired running job is re-claimed only below this many claims
    QString lockToken; // names this claim; later worker updates must present it
    QString exhaustedError; // error of running jobs whose lease expired after maxAttempts claims
};

struct IngestOutcome
{
    QList<UsageEvent> accepted;
    QList<UsageEvent> duplicates; // the originally stored events
    bool batchReplayed = false; // the batch key was known: stored response returned, nothing written
};

// Persistence behind the engine. Every method is scoped by a workspace id and is safe to call from any
// thread. Rules live in the engine; the store only guarantees atomicity where a rule reads and writes
// (meter updates that depend on usage, deletes that require none) so concurrent ingestion cannot slip
// between the check and the write. SqliteStore implements it; a PostgreSQL store can be added without
// touching callers.
class Store
{
public:
    virtual ~Store() = default;

    virtual Status ping() = 0;
    virtual QString location() const = 0;

    // Meters
    virtual Status insertMeter(const QString &workspaceId, const Meter &meter)
        = 0; // Conflict on a duplicate name
    virtual Result<std::optional<Meter>> findMeterById(const QString &workspaceId, const QString &id) = 0;
    virtual Result<std::optional<Meter>> findMeterByName(const QString &workspaceId, const QString &name) = 0;
    virtual Result<QList<Meter>> listMeters(const QString &workspaceId, const MeterListQuery &query) = 0;
    virtual Result<QList<MeterUsageStats>> listMeterStats(
        const QString &workspaceId, const MeterListQuery &query)
        = 0;
    // Reads the meter and whether it has usage, asks `update` for the new version and stores it, all in
    // one write transaction. NotFound when the meter does not exist.
    using MeterUpdate = std::function<Result<Meter>(const Meter &current, bool hasUsage)>;
    virtual Result<Meter> updateMeter(
        const QString &workspaceId, const QString &id, const MeterUpdate &update)
        = 0;
    virtual Result<DeleteMeterOutcome> deleteMeterIfUnused(const QString &workspaceId, const QString &id) = 0;
    virtual Result<qint64> countMeterEvents(const QString &workspaceId, const QString &meterName) = 0;

    // Usage events. `ingestAsync` writes the batch atomically: an event and its idempotency key commit
    // together, duplicates (in storage or earlier in the batch) resolve to the original event, counters
    // and the ingestion run are updated in the same transaction. NotFound if a meter vanished meanwhile.
    // `done` runs on a store thread once the batch is durable (or failed); concurrent batches may share
    // one commit (group commit), but each succeeds or fails on its own.
    using IngestCallback = std::function<void(Result<IngestOutcome>)>;
    virtual void ingestAsync(const QString &workspaceId, IngestBatch batch, IngestCallback done) = 0;
    // Blocking form of ingestAsync, for callers that own a thread (CLI, GUI workers, tests).
    Result<IngestOutcome> ingest(const QString &workspaceId, IngestBatch batch);
    // Newest first; `afterTimeNs`/`afterId` is the keyset cursor. Returns up to limit + 1 rows.
    virtual Result<QList<IngestionRun>> listIngestionRuns(
        const QString &workspaceId, std::optional<qint64> afterTimeNs, const QString &afterId, int limit)
        = 0;

    // Retention (contract §6.11)
    virtual Result<qint64> countEventsBefore(
        const QString &workspaceId, const QString &meter, qint64 beforeNs)
        = 0;
    // Deletes up to `maxRows` of the meter's events with event_time < beforeNs, oldest first, in one
    // write transaction together with the usage counters they change; returns how many were deleted.
    virtual Result<qint64> deleteEventsBefore(
        const QString &workspaceId, const QString &meter, qint64 beforeNs, int maxRows)
        = 0;
    // Stores the run and counts it in the workspace's prune_runs counter.
    virtual Status insertPruneRun(const QString &workspaceId, const PruneRun &run) = 0;
    // Newest first (created_at, id); returns up to limit + 1 rows.
    virtual Result<QList<PruneRun>> listPruneRuns(
        const QString &workspaceId, std::optional<qint64> afterTimeNs, const QString &afterId, int limit)
        = 0;
    virtual Result<QStringList> listWorkspaceIds() = 0;

    // API keys
    virtual Status insertApiKey(const ApiKey &key, const QByteArray &secretHash) = 0;
    virtual Result<std::optional<ApiKey>> findApiKeyByHash(const QByteArray &secretHash) = 0;
    virtual Result<QList<ApiKey>> listApiKeys(const QString &workspaceId) = 0;
    virtual Result<bool> deleteApiKey(const QString &workspaceId, const QString &id) = 0;
    virtual Result<bool> revokeApiKey(const QString &workspaceId, const QString &id, qint64 revokedAtNs) = 0;
    virtual Status touchApiKey(const QString &id, qint64 usedAtNs) = 0;

    // Raw events and subjects (contract §6.9, §6.10). Both return up to limit + 1 rows.
    virtual Result<QList<UsageEvent>> listUsageEvents(const QString &workspaceId, const EventReadQuery &query)
        = 0;
    // Every event `query` matches (its limit ignored; without a meter, every meter's), newest first in
    // §1.8 order, handed to `sink` in pages of up to `pageRows` rows until `maxRows` rows went or the
    // sink returns false. Text columns stay UTF-8; the sink may swap the page's buffers out (it gets
    // them back cleared). Memory stays flat whatever the size: the export jobs' hot path.
    using EventPageSink = std::function<bool(UsageEventRows &page)>;
    virtual Status streamUsageEventRows(const QString &workspaceId, const EventReadQuery &query,
        qint64 maxRows, int pageRows, const EventPageSink &sink)
        = 0;
    // last_event_at DESC, subject ASC; the cursor is (afterTimeNs, afterSubject).
    virtual Result<QList<SubjectSummary>> listSubjects(
        const QString &workspaceId, std::optional<qint64> afterTimeNs, const QString &afterSubject, int limit)
        = 0;

    // Export jobs (contract §7.3). Claims are leases: a worker owns a running job while the job's lock
    // token is the one of its claim, and renews the lease as it writes. The worker-side updates below
    // apply only then, so a worker whose job was canceled or re-claimed (its lease expired) learns it
    // from a `false` and discards its file. Claims and worker updates span workspaces: one worker
    // serves them all.
    virtual Status insertExportJob(const ExportJob &job) = 0;
    virtual Result<std::optional<ExportJob>> findExportJob(const QString &workspaceId, const QString &id) = 0;
    // Newest first (created_at, id); returns up to limit + 1 rows.
    virtual Result<QList<ExportJob>> listExportJobs(
        const QString &workspaceId, std::optional<qint64> afterTimeNs, const QString &afterId, int limit)
        = 0;
    // Reads the job, asks `change` for its next state and stores it, in one write transaction (cancel and
    // retry decide on the current status). NotFound when the job does not exist.
    using ExportJobChange = std::function<Result<ExportJob>(const ExportJob &current)>;
    virtual Result<ExportJob> updateExportJob(
        const QString &workspaceId, const QString &id, const ExportJobChange &change)
        = 0;
    // In one write transaction: running jobs whose lease expired after maxAttempts claims are marked
    // failed, then the oldest queued or lease-expired running job (created_at, id) is claimed: running,
    // attempts + 1, the claim's lease and token, error and progress cleared. Nothing claimable → empty.
    virtual Result<std::optional<ExportJob>> claimExportJob(const ExportClaim &claim) = 0;
    // Progress and a longer lease for the claim holding `lockToken`; false when it no longer holds it.
    virtual Result<bool> renewExportJob(const QString &id, const QString &lockToken, qint64 rowsWritten,
        double progress, qint64 lockedUntilNs, qint64 nowNs)
        = 0;
    // Stores the end state a worker reached (completed, failed, or queued again when it stops before
    // finishing) with the lease cleared; false when `lockToken` no longer holds the running job.
    virtual Result<bool> finishExportJob(const ExportJob &job, const QString &lockToken) = 0;
    // Completed jobs whose artifact is older than `completedBeforeNs`, oldest first (artifact retention).
    virtual Result<QList<ExportJob>> listExportArtifactsBefore(qint64 completedBeforeNs, int limit) = 0;
    // Forgets a deleted artifact: the job stays completed and its download answers 404.
    virtual Status clearExportArtifact(const QString &id, qint64 nowNs) = 0;

    // System
    virtual Result<SystemCounters> systemCounters(const QString &workspaceId) = 0;
    // Meters whose rollups are still being built from raw events (their queries scan raw events
    // meanwhile): after an upgrade, or after a meter's dimensions changed.
    virtual Result<qint64> pendingRollupMeters() = 0;
};

} // namespace osc
