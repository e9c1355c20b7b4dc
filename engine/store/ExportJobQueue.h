#pragma once

#include "core/Result.h"
#include "model/ExportJob.h"

#include <functional>
#include <optional>

namespace osc {

// A worker's claim of the oldest claimable export job (contract §7.3).
struct ExportClaim
{
    qint64 nowNs = 0;
    qint64 lockedUntilNs = 0; // the lease of this claim
    int maxAttempts = 3; // an expired running job is re-claimed only below this many claims
    QString lockToken; // names this claim; later worker updates must present it
    QString holder; // who claims (leaseholder::current()), kept with the lease
    QString exhaustedError; // error of running jobs whose lease expired after maxAttempts claims
};

// Queued export jobs and their leases.
class ExportJobQueue
{
public:
    virtual ~ExportJobQueue() = default;

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
    // Running jobs whose lease has not run out yet, oldest first: a worker checks their holders.
    virtual Result<QList<ExportJob>> listLeasedExportJobs(qint64 nowNs) = 0;
    // Ends the lease of the claim `lockToken` now (its holder is provably gone), so the next claim takes
    // the job at once; false when that claim no longer holds it.
    virtual Result<bool> expireExportLease(const QString &id, const QString &lockToken, qint64 nowNs) = 0;
    // Completed jobs whose artifact is older than `completedBeforeNs`, oldest first (artifact retention).
    virtual Result<QList<ExportJob>> listExportArtifactsBefore(qint64 completedBeforeNs, int limit) = 0;
    // Forgets a deleted artifact: the job stays completed and its download answers 404.
    virtual Status clearExportArtifact(const QString &id, qint64 nowNs) = 0;
};

} // namespace osc
