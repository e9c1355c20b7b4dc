#pragma once

#include "core/TimeNs.h"

#include "core/Result.h"
#include "model/PruneRun.h"

#include <functional>
#include <optional>

namespace osc {

// Retention: deleting old events and the record of prune runs.
// Every method is scoped by a workspace id (unless it says otherwise) and is safe to call from any
// thread.
class PruneLog
{
public:
    virtual ~PruneLog() = default;

    // Retention (contract §6.11)
    virtual Result<qint64> countEventsBefore(
        const QString &workspaceId, const QString &meter, TimeNs beforeNs)
        = 0;
    // Deletes up to `maxRows` of the meter's events with event_time < beforeNs, oldest first, in one
    // write transaction together with the usage counters they change; returns how many were deleted.
    virtual Result<qint64> deleteEventsBefore(
        const QString &workspaceId, const QString &meter, TimeNs beforeNs, int maxRows)
        = 0;
    // Stores the run and counts it in the workspace's prune_runs counter.
    virtual Status insertPruneRun(const QString &workspaceId, const PruneRun &run) = 0;
    // Newest first (created_at, id); returns up to limit + 1 rows.
    virtual Result<QList<PruneRun>> listPruneRuns(
        const QString &workspaceId, std::optional<qint64> afterTimeNs, const QString &afterId, int limit)
        = 0;
    virtual Result<QStringList> listWorkspaceIds() = 0;
};

} // namespace osc
