#pragma once

#include "InputLimits.h"
#include "auth/Principal.h"
#include "core/Clock.h"
#include "core/Page.h"
#include "core/Result.h"
#include "model/UsageEvent.h"

#include <functional>
#include <mutex>

namespace osc {

class EventLog;
class MeterStore;

// Single and bulk ingestion (contract §5): authorization, per-item validation, idempotency and the
// bulk batch key. Nothing is acknowledged before the store has committed it.
class UsageIngestor
{
public:
    static constexpr int kDefaultRunsPageSize = 100;
    static constexpr int kMaxRunsPageSize = 1000;

    UsageIngestor(MeterStore &meters, EventLog &events, const Clock &clock);

    // The ingestion-run kind a bulk write records (contract §5.5): REST and gRPC bulk calls are `bulk`,
    // gRPC streams `stream`.
    enum class RunKind
    {
        Bulk,
        Stream
    };

    using EventCallback = std::function<void(Result<UsageEvent>)>;
    using BulkCallback = std::function<void(Result<BulkResult>)>;

    // Validates on the calling thread, then hands the batch to the store's group commit; `done` runs
    // once the event is durable (on a store thread) or at once on the caller's thread for a request
    // that fails validation. A replay of a known idempotency key yields the original stored event.
    void submitOne(const Principal &principal, const UsageDraft &draft, EventCallback done);
    // Partial acceptance: failures are reported per index; the caller answers 400 when nothing was
    // accepted or duplicated (isTotalFailure).
    void submitBulk(const Principal &principal, const QList<UsageDraft> &drafts, const QString &batchKey,
        BulkCallback done, RunKind kind = RunKind::Bulk);

    // Blocking forms, for callers that own their thread (CLI, GUI workers, demo data, tests).
    Result<UsageEvent> createOne(const Principal &principal, const UsageDraft &draft);
    Result<BulkResult> createBulk(const Principal &principal, const QList<UsageDraft> &drafts,
        const QString &batchKey, RunKind kind = RunKind::Bulk);
    Result<Page<IngestionRun>> listRuns(const Principal &principal, qint64 limit, const QString &cursor);

    static bool isTotalFailure(const BulkResult &result)
    {
        return result.accepted.isEmpty() && result.duplicates.isEmpty() && !result.failed.isEmpty();
    }

    // Called on the store's thread with every batch's newly accepted events (not replays), before the
    // request's callback: alert rules queue their evaluation from here (contract §9.3).
    using AcceptedListener
        = std::function<void(const QString &workspaceId, const QList<UsageEvent> &accepted)>;
    void setAcceptedListener(AcceptedListener listener);

    // Set once at start-up (app/ reads the OPEN_SPANNER_MAX_* settings), before any request.
    void setLimits(const InputLimits &limits) { m_limits = limits; }
    const InputLimits &limits() const { return m_limits; }

private:
    void notifyAccepted(const QString &workspaceId, const QList<UsageEvent> &accepted);

    MeterStore &m_meters;
    EventLog &m_store;
    const Clock &m_clock;
    InputLimits m_limits;
    std::mutex m_listenerMutex;
    AcceptedListener m_acceptedListener;
};

} // namespace osc
