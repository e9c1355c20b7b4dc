#pragma once

#include "core/Result.h"
#include "model/UsageEvent.h"
#include "store/EventReads.h"

#include <functional>
#include <optional>

namespace osc {

// Validated events to store in one transaction, with the request's batch key and ingestion-run record.
struct IngestBatch
{
    QList<UsageEvent> events; // ids and received_at assigned
    std::optional<QString> batchKey; // bulk `Idempotency-Key` header
    IngestionRun run; // kind, id, failed, created_at; accepted/duplicates filled by the store
};

struct IngestOutcome
{
    QList<UsageEvent> accepted;
    QList<UsageEvent> duplicates; // the originally stored events
    bool batchReplayed = false; // the batch key was known: stored response returned, nothing written
};

// The usage event log: atomic, idempotent batch writes, and reads of the stored events.
// Every method is scoped by a workspace id (unless it says otherwise) and is safe to call from any
// thread.
class EventLog
{
public:
    virtual ~EventLog() = default;

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
        const QString &workspaceId, std::optional<TimeNs> afterTimeNs, const QString &afterSubject, int limit)
        = 0;
};

} // namespace osc
