#include "RetentionPruner.h"

#include "auth/Permission.h"
#include "core/Cursor.h"
#include "core/Ids.h"
#include "store/MeterStore.h"
#include "store/PruneLog.h"

namespace osc {

namespace {

constexpr qint64 kNsPerDay = 86'400'000'000'000;

// Holds the single-prune flag for the lifetime of one run.
class RunningFlag
{
public:
    explicit RunningFlag(std::atomic<bool> &flag)
        : m_flag(flag)
        , m_acquired(!flag.exchange(true))
    { }
    ~RunningFlag()
    {
        if (m_acquired)
            m_flag.store(false);
    }
    bool acquired() const { return m_acquired; }

private:
    std::atomic<bool> &m_flag;
    bool m_acquired;
};

} // namespace

RetentionPruner::RetentionPruner(MeterStore &meters, PruneLog &store, const Clock &clock)
    : m_meters(meters)
    , m_store(store)
    , m_clock(clock)
{ }

Result<PruneRun> RetentionPruner::prune(const Principal &principal, bool dryRun)
{
    if (auto s = authorize(principal, Operation::PruneUsageEvents, {QString()}); !s)
        return s.error();
    RunningFlag running(m_running);
    if (!running.acquired())
        return Error::conflict(QStringLiteral("retention prune already running"));
    return pruneWorkspace(principal.workspaceId, dryRun, std::nullopt);
}

Result<bool> RetentionPruner::pruneAllWorkspaces(qint64 deadlineNs)
{
    RunningFlag running(m_running);
    if (!running.acquired())
        return false;
    auto workspaces = m_store.listWorkspaceIds();
    if (!workspaces)
        return workspaces.error();
    // Upstream starts its background prune without a workspace and so fails every tick in a
    // multi-workspace build (QUIRK); every workspace is pruned here.
    for (const QString &workspaceId : std::as_const(workspaces.value()))
        if (auto run = pruneWorkspace(workspaceId, false, deadlineNs); !run)
            return run.error();
    return true;
}

Result<PruneRun> RetentionPruner::pruneWorkspace(
    const QString &workspaceId, bool dryRun, std::optional<qint64> deadlineNs)
{
    PruneRun run;
    run.id = newId();
    run.dryRun = dryRun;
    run.createdAtNs = m_clock.nowNs();

    MeterListQuery query;
    query.limit = 500;
    for (;;) {
        auto meters = m_meters.listMeters(workspaceId, query);
        if (!meters)
            return meters.error();
        const bool more = meters->size() > query.limit;
        if (more)
            meters->resize(query.limit);
        for (const Meter &meter : std::as_const(meters.value())) {
            // Calendar days in UTC: Go's now.AddDate(0, 0, -days), i.e. the same time of day N days ago.
            PruneMeterResult result{meter.name, run.createdAtNs - meter.eventRetentionDays * kNsPerDay, 0};
            if (dryRun) {
                auto count = m_store.countEventsBefore(workspaceId, meter.name, result.beforeNs);
                if (!count)
                    return count.error();
                result.deleted = count.value();
            } else {
                for (;;) {
                    if (deadlineNs && m_clock.nowNs() >= *deadlineNs)
                        break; // the timeout ends the run; what was deleted is recorded below
                    auto deleted = m_store.deleteEventsBefore(
                        workspaceId, meter.name, result.beforeNs, kDeleteChunkRows);
                    if (!deleted)
                        return deleted.error();
                    result.deleted += deleted.value();
                    if (deleted.value() < kDeleteChunkRows)
                        break;
                }
            }
            run.deleted += result.deleted;
            run.meters.append(result);
        }
        if (!more)
            break;
        query.afterName = meters->last().name;
    }
    if (auto s = m_store.insertPruneRun(workspaceId, run); !s)
        return s.error();
    return run;
}

Result<Page<PruneRun>> RetentionPruner::listRuns(
    const Principal &principal, qint64 limit, const QString &cursor)
{
    if (auto s = authorize(principal, Operation::ListPruneRuns, {QString()}); !s)
        return s.error();
    return wire::newestFirstPage<PruneRun>(limit, cursor, kDefaultRunsPageSize, kMaxRunsPageSize,
        [&](std::optional<qint64> afterTimeNs, const QString &afterId, int pageSize) {
            return m_store.listPruneRuns(principal.workspaceId, afterTimeNs, afterId, pageSize);
        });
}

Result<std::optional<PruneRun>> RetentionPruner::lastRun(const QString &workspaceId)
{
    auto rows = m_store.listPruneRuns(workspaceId, std::nullopt, QString(), 1);
    if (!rows)
        return rows.error();
    if (rows->isEmpty())
        return std::optional<PruneRun>();
    return std::optional<PruneRun>(rows->first());
}

} // namespace osc
