// PgStore: queued export jobs (contract §7.3) and their leases. A claim takes the oldest claimable
// job with FOR UPDATE SKIP LOCKED, so workers in any number of processes and machines each get a
// different job and none is run twice.
#include "store/postgres/PgStore.h"

namespace osc {

using pg::Param;

namespace {

// Column order of every SELECT below; jobFromRow reads it.
#define OSC_PG_EXPORT_JOB_COLUMNS                                                                            \
    "id, workspace_id, kind, format, status, query, meter, error, attempts, locked_until, lock_token, "      \
    "rows_written, progress, record_count, artifact_name, artifact_size, created_at, updated_at, "           \
    "completed_at, lock_holder, csv_safe"

ExportJob jobFromRow(const pg::Rows &rows, int row)
{
    ExportJob job;
    job.id = rows.text(row, 0);
    job.workspaceId = rows.text(row, 1);
    job.kind = exportKindFromName(rows.text(row, 2)).value_or(ExportKind::UsageBuckets);
    job.format = exportFormatFromName(rows.text(row, 3)).value_or(ExportFormat::Csv);
    job.status = exportStatusFromName(rows.text(row, 4)).value_or(ExportStatus::Failed);
    job.query = rows.utf8(row, 5);
    job.meter = rows.text(row, 6);
    job.error = rows.text(row, 7);
    job.attempts = int(rows.int64(row, 8));
    job.lockedUntilNs = rows.optionalInt64(row, 9);
    job.lockToken = rows.text(row, 10);
    job.rowsWritten = rows.int64(row, 11);
    job.progress = rows.real(row, 12);
    job.recordCount = rows.optionalInt64(row, 13);
    job.artifactName = rows.text(row, 14);
    job.artifactSize = rows.int64(row, 15);
    job.createdAtNs = rows.int64(row, 16);
    job.updatedAtNs = rows.int64(row, 17);
    job.completedAtNs = rows.optionalInt64(row, 18);
    job.lockHolder = rows.text(row, 19);
    job.csvFormulaGuard = rows.int64(row, 20) != 0;
    return job;
}

QList<ExportJob> jobsFrom(const pg::Rows &rows)
{
    QList<ExportJob> out;
    for (int i = 0; i < rows.size(); ++i)
        out.append(jobFromRow(rows, i));
    return out;
}

constexpr const char *kUpdateMutable
    = "UPDATE export_jobs SET status = $2, error = $3, attempts = $4, locked_until = $5, lock_token = $6, "
      "rows_written = $7, progress = $8, record_count = $9, artifact_name = $10, artifact_size = $11, "
      "updated_at = $12, completed_at = $13, lock_holder = $14 WHERE id = $1";

// The id, then every mutable column of `job`, in kUpdateMutable's order.
pg::Params mutableParams(const ExportJob &job)
{
    return {Param::text(job.id), Param::text(exportStatusName(job.status)), Param::text(job.error),
        Param::int64(job.attempts), Param::optionalInt64(job.lockedUntilNs),
        job.lockToken.isEmpty() ? Param::null_() : Param::text(job.lockToken), Param::int64(job.rowsWritten),
        Param::real(job.progress), Param::optionalInt64(job.recordCount), Param::text(job.artifactName),
        Param::int64(job.artifactSize), Param::int64(job.updatedAtNs),
        Param::optionalInt64(job.completedAtNs),
        job.lockToken.isEmpty() || job.lockHolder.isEmpty() ? Param::null_() : Param::text(job.lockHolder)};
}

} // namespace

Status PgStore::insertExportJob(const ExportJob &job)
{
    return transaction([&](pg::Connection &db) -> Status {
        auto insert = db.exec(
            "INSERT INTO export_jobs (id, workspace_id, kind, format, status, query, meter, error, attempts, "
            "rows_written, progress, artifact_name, artifact_size, created_at, updated_at, csv_safe) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7, '', 0, 0, 0, '', 0, $8, $8, $9)",
            {Param::text(job.id), Param::text(job.workspaceId), Param::text(exportKindName(job.kind)),
                Param::text(exportFormatName(job.format)), Param::text(exportStatusName(job.status)),
                Param::utf8(job.query), Param::text(job.meter), Param::int64(job.createdAtNs),
                Param::int64(job.csvFormulaGuard ? 1 : 0)});
        if (!insert)
            return insert.error();
        return {};
    });
}

Result<std::optional<ExportJob>> PgStore::findExportJob(const QString &workspaceId, const QString &id)
{
    auto rows
        = query("SELECT " OSC_PG_EXPORT_JOB_COLUMNS " FROM export_jobs WHERE workspace_id = $1 AND id = $2",
            {Param::text(workspaceId), Param::text(id)});
    if (!rows)
        return rows.error();
    if (rows->size() == 0)
        return std::optional<ExportJob>();
    return std::optional<ExportJob>(jobFromRow(rows.value(), 0));
}

Result<QList<ExportJob>> PgStore::listExportJobs(
    const QString &workspaceId, std::optional<qint64> afterTimeNs, const QString &afterId, int limit)
{
    auto rows = query("SELECT " OSC_PG_EXPORT_JOB_COLUMNS
                      " FROM export_jobs WHERE workspace_id = $1 AND ($2::bigint IS NULL "
                      "OR created_at < $2::bigint OR (created_at = $2::bigint AND id < $3)) "
                      "ORDER BY created_at DESC, id DESC LIMIT $4",
        {Param::text(workspaceId), Param::optionalInt64(afterTimeNs), Param::text(afterId),
            Param::int64(qint64(limit) + 1)});
    if (!rows)
        return rows.error();
    return jobsFrom(rows.value());
}

Result<ExportJob> PgStore::updateExportJob(
    const QString &workspaceId, const QString &id, const ExportJobChange &change)
{
    std::optional<ExportJob> saved;
    Status status = transaction(
        [&](pg::Connection &db) -> Status {
            // Locked: a cancel and a worker's finish decide on the status one after the other.
            auto find = db.exec("SELECT " OSC_PG_EXPORT_JOB_COLUMNS
                                " FROM export_jobs WHERE workspace_id = $1 AND id = $2 FOR UPDATE",
                {Param::text(workspaceId), Param::text(id)});
            if (!find)
                return find.error();
            if (find->size() == 0)
                return Error::notFound();
            auto next = change(jobFromRow(find.value(), 0));
            if (!next)
                return next.error();
            if (auto write = db.exec(kUpdateMutable, mutableParams(next.value())); !write)
                return write.error();
            saved = std::move(next.value());
            return {};
        },
        Isolation::ReadCommitted);
    if (!status)
        return status.error();
    return std::move(*saved);
}

Result<std::optional<ExportJob>> PgStore::claimExportJob(const ExportClaim &claim)
{
    std::optional<ExportJob> claimed;
    Status status = transaction(
        [&](pg::Connection &db) -> Status {
            claimed.reset();
            // Upstream leaves such jobs running forever (contract QUIRK Q12). SKIP LOCKED: a job another
            // worker is claiming right now is its business.
            auto exhausted = db.exec(
                "UPDATE export_jobs SET status = 'failed', error = $1, completed_at = $2, "
                "updated_at = $2, locked_until = NULL, lock_token = NULL, lock_holder = NULL WHERE id IN "
                "(SELECT id FROM export_jobs WHERE status = 'running' AND locked_until <= $2 "
                "AND attempts >= $3 FOR UPDATE SKIP LOCKED)",
                {Param::text(claim.exhaustedError), Param::int64(claim.nowNs),
                    Param::int64(claim.maxAttempts)});
            if (!exhausted)
                return exhausted.error();
            auto find = db.exec("SELECT " OSC_PG_EXPORT_JOB_COLUMNS
                                " FROM export_jobs WHERE status = 'queued' OR (status = 'running' "
                                "AND locked_until <= $1 AND attempts < $2) ORDER BY created_at, id LIMIT 1 "
                                "FOR UPDATE SKIP LOCKED",
                {Param::int64(claim.nowNs), Param::int64(claim.maxAttempts)});
            if (!find)
                return find.error();
            if (find->size() == 0)
                return {};
            ExportJob job = jobFromRow(find.value(), 0);
            job.status = ExportStatus::Running;
            job.attempts += 1;
            job.lockedUntilNs = claim.lockedUntilNs;
            job.lockToken = claim.lockToken;
            job.lockHolder = claim.holder;
            job.error.clear();
            job.rowsWritten = 0;
            job.progress = 0;
            job.recordCount.reset();
            job.artifactName.clear();
            job.artifactSize = 0;
            job.completedAtNs.reset();
            job.updatedAtNs = claim.nowNs;
            if (auto write = db.exec(kUpdateMutable, mutableParams(job)); !write)
                return write.error();
            claimed = std::move(job);
            return {};
        },
        Isolation::ReadCommitted);
    if (!status)
        return status.error();
    return claimed;
}

Result<bool> PgStore::renewExportJob(const QString &id, const QString &lockToken, qint64 rowsWritten,
    double progress, qint64 lockedUntilNs, qint64 nowNs)
{
    return changesRow("UPDATE export_jobs SET rows_written = $3, progress = $4, locked_until = $5, "
                      "updated_at = $6 WHERE id = $1 AND lock_token = $2 AND status = 'running'",
        {Param::text(id), Param::text(lockToken), Param::int64(rowsWritten), Param::real(progress),
            Param::int64(lockedUntilNs), Param::int64(nowNs)});
}

Result<bool> PgStore::finishExportJob(const ExportJob &job, const QString &lockToken)
{
    bool held = false;
    Status status = transaction(
        [&](pg::Connection &db) -> Status {
            held = false;
            auto check = db.exec("SELECT 1 FROM export_jobs WHERE id = $1 AND lock_token = $2 AND status = "
                                 "'running' FOR UPDATE",
                {Param::text(job.id), Param::text(lockToken)});
            if (!check)
                return check.error();
            if (check->size() == 0)
                return {};
            if (auto write = db.exec(kUpdateMutable, mutableParams(job)); !write)
                return write.error();
            held = true;
            return {};
        },
        Isolation::ReadCommitted);
    if (!status)
        return status.error();
    return held;
}

Result<QList<ExportJob>> PgStore::listLeasedExportJobs(qint64 nowNs)
{
    auto rows
        = query("SELECT " OSC_PG_EXPORT_JOB_COLUMNS
                " FROM export_jobs WHERE status = 'running' AND locked_until > $1 ORDER BY created_at, id",
            {Param::int64(nowNs)});
    if (!rows)
        return rows.error();
    return jobsFrom(rows.value());
}

Result<bool> PgStore::expireExportLease(const QString &id, const QString &lockToken, qint64 nowNs)
{
    return changesRow("UPDATE export_jobs SET locked_until = $3 WHERE id = $1 AND lock_token = $2 "
                      "AND status = 'running' AND locked_until > $3",
        {Param::text(id), Param::text(lockToken), Param::int64(nowNs)});
}

Result<QList<ExportJob>> PgStore::listExportArtifactsBefore(qint64 completedBeforeNs, int limit)
{
    auto rows = query("SELECT " OSC_PG_EXPORT_JOB_COLUMNS
                      " FROM export_jobs WHERE status = 'completed' AND artifact_name <> '' "
                      "AND completed_at < $1 ORDER BY completed_at LIMIT $2",
        {Param::int64(completedBeforeNs), Param::int64(limit)});
    if (!rows)
        return rows.error();
    return jobsFrom(rows.value());
}

Status PgStore::clearExportArtifact(const QString &id, qint64 nowNs)
{
    auto changed = changesRow("UPDATE export_jobs SET artifact_name = '', updated_at = $2 WHERE id = $1",
        {Param::text(id), Param::int64(nowNs)});
    if (!changed)
        return changed.error();
    return {};
}

} // namespace osc
