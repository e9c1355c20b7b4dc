#pragma once

#include "UsageEvent.h"
#include "auth/Principal.h"
#include "core/Clock.h"
#include "core/Page.h"
#include "core/Result.h"

namespace osc {

class Store;

// Single and bulk ingestion (contract §5): authorization, per-item validation, idempotency and the
// bulk batch key. Nothing is acknowledged before the store has committed it.
class UsageIngestor
{
public:
    static constexpr int kDefaultRunsPageSize = 100;
    static constexpr int kMaxRunsPageSize = 1000;

    UsageIngestor(Store &store, const Clock &clock);

    // A replay of a known idempotency key returns the original stored event.
    Result<UsageEvent> createOne(const Principal &principal, const UsageDraft &draft);
    // Partial acceptance: failures are reported per index; the caller answers 400 when nothing was
    // accepted or duplicated (BulkResult::isTotalFailure).
    Result<BulkResult> createBulk(
        const Principal &principal, const QList<UsageDraft> &drafts, const QString &batchKey);
    Result<Page<IngestionRun>> listRuns(const Principal &principal, qint64 limit, const QString &cursor);

    static bool isTotalFailure(const BulkResult &result)
    {
        return result.accepted.isEmpty() && result.duplicates.isEmpty() && !result.failed.isEmpty();
    }

private:
    Store &m_store;
    const Clock &m_clock;
};

} // namespace osc
