#pragma once

#include "auth/Principal.h"
#include "core/Clock.h"
#include "core/Page.h"
#include "core/Result.h"
#include "model/PruneRun.h"

#include <atomic>
#include <optional>

namespace osc {

class MeterStore;
class PruneLog;

// Retention pruning (contract §6.11): for every meter, events older than its event_retention_days are
// deleted — or only counted in a dry run — and a run record is kept either way. Deletion goes in
// chunks, each its own transaction with the counters it changes, so a large prune never holds the
// writer for long and ingestion keeps flowing beside it.
class RetentionPruner
{
public:
    static constexpr int kDeleteChunkRows = 5000;
    static constexpr int kDefaultRunsPageSize = 100;
    static constexpr int kMaxRunsPageSize = 1000;

    RetentionPruner(MeterStore &meters, PruneLog &store, const Clock &clock);

    // Conflict `retention prune already running` while another prune is in progress.
    Result<PruneRun> prune(const Principal &principal, bool dryRun);
    Result<Page<PruneRun>> listRuns(const Principal &principal, qint64 limit, const QString &cursor);
    Result<std::optional<PruneRun>> lastRun(const QString &workspaceId);

    // The background prune (OPEN_SPANNER_RETENTION_PRUNE_*): every workspace, stopping between chunks
    // once `deadlineNs` (clock time) has passed. Returns false without doing anything when a prune is
    // already running (the tick is skipped).
    Result<bool> pruneAllWorkspaces(qint64 deadlineNs);

private:
    Result<PruneRun> pruneWorkspace(
        const QString &workspaceId, bool dryRun, std::optional<qint64> deadlineNs);

    MeterStore &m_meters;
    PruneLog &m_store;
    const Clock &m_clock;
    std::atomic<bool> m_running{false};
};

} // namespace osc
