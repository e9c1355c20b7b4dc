// SqliteStore: queued export jobs (contract §7.3) and their leases.

#include "store/sqlite/SqliteStore.h"

namespace osc {

namespace {

// Column order of every SELECT below; jobFromRow reads it.
#define OSC_EXPORT_JOB_COLUMNS                                                                               \
    "id, workspace_id, kind, format, status, query, meter, error, attempts, locked_until, lock_token, "      \
    "rows_written, progress, record_count, artifact_name, artifact_size, created_at, updated_at, "           \
    "completed_at, lock_holder, csv_safe"

ExportJob jobFromRow(const SqliteStatement &row)
{
    ExportJob job;
    job.id = row.text(0);
    job.workspaceId = row.text(1);
    job.kind = exportKindFromName(row.text(2)).value_or(ExportKind::UsageBuckets);
    job.format = exportFormatFromName(row.text(3)).value_or(ExportFormat::Csv);
    job.status = exportStatusFromName(row.text(4)).value_or(ExportStatus::Failed);
    job.query = row.bytes(5);
    job.meter = row.text(6);
    job.error = row.text(7);
    job.attempts = int(row.int64(8));
    job.lockedUntilNs = row.optionalInt64(9);
    job.lockToken = row.text(10);
    job.rowsWritten = row.int64(11);
    job.progress = row.real(12);
    job.recordCount = row.optionalInt64(13);
    job.artifactName = row.text(14);
    job.artifactSize = row.int64(15);
    job.createdAtNs = row.int64(16);
    job.updatedAtNs = row.int64(17);
    job.completedAtNs = row.optionalInt64(18);
    job.lockHolder = row.text(19);
    job.csvFormulaGuard = row.int64(20) != 0;
    return job;
}

std::optional<QString> optionalText(const QString &text)
{
    return text.isEmpty() ? std::nullopt : std::optional<QString>(text);
}

// Every mutable column of `job` into the statement's ?2.. (?1 is the id).
void bindMutable(SqliteStatement &stmt, const ExportJob &job)
{
    stmt.bind(2, exportStatusName(job.status))
        .bind(3, job.error)
        .bind(4, qint64(job.attempts))
        .bind(5, job.lockedUntilNs)
        .bind(6, optionalText(job.lockToken))
        .bind(7, job.rowsWritten)
        .bind(8, job.progress)
        .bind(9, job.recordCount)
        .bind(10, job.artifactName)
        .bind(11, job.artifactSize)
        .bind(12, job.updatedAtNs)
        .bind(13, job.completedAtNs)
        .bind(14, optionalText(job.lockToken.isEmpty() ? QString() : job.lockHolder));
}

constexpr const char *kUpdateMutable
    = "UPDATE export_jobs SET status = ?2, error = ?3, attempts = ?4, locked_until = ?5, lock_token = ?6, "
      "rows_written = ?7, progress = ?8, record_count = ?9, artifact_name = ?10, artifact_size = ?11, "
      "updated_at = ?12, completed_at = ?13, lock_holder = ?14 WHERE id = ?1";

} // namespace

Status SqliteStore::insertExportJob(const ExportJob &job)
{
    return writeTransaction([&](SqliteConnection &db) -> Status {
        auto insert = db.prepare(
            "INSERT INTO export_jobs (id, workspace_id, kind, format, status, query, meter, error, attempts, "
            "rows_written, progress, artifact_name, artifact_size, created_at, updated_at, csv_safe) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, '', 0, 0, 0, '', 0, ?8, ?8, ?9)");
        insert.bind(1, job.id)
            .bind(2, job.workspaceId)
            .bind(3, exportKindName(job.kind))
            .bind(4, exportFormatName(job.format))
            .bind(5, exportStatusName(job.status))
            .bind(6, job.query)
            .bind(7, job.meter)
            .bind(8, job.createdAtNs)
            .bind(9, qint64(job.csvFormulaGuard ? 1 : 0));
        return insert.run();
    });
}

Result<std::optional<ExportJob>> SqliteStore::findExportJob(const QString &workspaceId, const QString &id)
{
    return readOneRow("SELECT " OSC_EXPORT_JOB_COLUMNS
                      " FROM export_jobs WHERE workspace_id = ?1 AND id = ?2",
        jobFromRow, workspaceId, id);
}

Result<QList<ExportJob>> SqliteStore::listExportJobs(
    const QString &workspaceId, std::optional<qint64> afterTimeNs, const QString &afterId, int limit)
{
    auto lease = read();
    if (!lease)
        return lease.error();
    auto stmt = (*lease.value())
                    .prepare("SELECT " OSC_EXPORT_JOB_COLUMNS
                             " FROM export_jobs WHERE workspace_id = ?1 AND (?2 IS NULL OR created_at < ?2 "
                             "OR (created_at = ?2 AND id < ?3)) ORDER BY created_at DESC, id DESC LIMIT ?4");
    stmt.bind(1, workspaceId).bind(2, afterTimeNs).bind(3, afterId).bind(4, qint64(limit) + 1);
    QList<ExportJob> out;
    while (stmt.next())
        out.append(jobFromRow(stmt));
    if (auto s = stmt.status(); !s)
        return s.error();
    return out;
}

Result<ExportJob> SqliteStore::updateExportJob(
    const QString &workspaceId, const QString &id, const ExportJobChange &change)
{
    std::optional<ExportJob> saved;
    Status status = writeTransaction([&](SqliteConnection &db) -> Status {
        auto find = db.prepare(
            "SELECT " OSC_EXPORT_JOB_COLUMNS " FROM export_jobs WHERE workspace_id = ?1 AND id = ?2");
        find.bind(1, workspaceId).bind(2, id);
        if (!find.next())
            return find.ok() ? Error::notFound() : find.status();
        const ExportJob current = jobFromRow(find);
        auto next = change(current);
        if (!next)
            return next.error();
        auto write = db.prepare(kUpdateMutable);
        write.bind(1, id);
        bindMutable(write, next.value());
        if (auto s = write.run(); !s)
            return s;
        saved = std::move(next.value());
        return {};
    });
    if (!status)
        return status.error();
    return std::move(*saved);
}

Result<std::optional<ExportJob>> SqliteStore::claimExportJob(const ExportClaim &claim)
{
    std::optional<ExportJob> claimed;
    Status status = writeTransaction([&](SqliteConnection &db) -> Status {
        // Upstream leaves such jobs running forever (contract QUIRK Q12).
        auto exhausted
            = db.prepare("UPDATE export_jobs SET status = 'failed', error = ?1, completed_at = ?2, "
                         "updated_at = ?2, locked_until = NULL, lock_token = NULL, lock_holder = NULL "
                         "WHERE status = 'running' AND locked_until <= ?2 AND attempts >= ?3");
        exhausted.bind(1, claim.exhaustedError).bind(2, claim.nowNs).bind(3, qint64(claim.maxAttempts));
        if (auto s = exhausted.run(); !s)
            return s;
        auto find = db.prepare("SELECT " OSC_EXPORT_JOB_COLUMNS
                               " FROM export_jobs WHERE status = 'queued' OR (status = 'running' "
                               "AND locked_until <= ?1 AND attempts < ?2) ORDER BY created_at, id LIMIT 1");
        find.bind(1, claim.nowNs).bind(2, qint64(claim.maxAttempts));
        if (!find.next())
            return find.status();
        ExportJob job = jobFromRow(find);
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
        auto write = db.prepare(kUpdateMutable);
        write.bind(1, job.id);
        bindMutable(write, job);
        if (auto s = write.run(); !s)
            return s;
        claimed = std::move(job);
        return {};
    });
    if (!status)
        return status.error();
    return claimed;
}

Result<bool> SqliteStore::renewExportJob(const QString &id, const QString &lockToken, qint64 rowsWritten,
    double progress, qint64 lockedUntilNs, qint64 nowNs)
{
    bool held = false;
    Status status = writeTransaction([&](SqliteConnection &db) -> Status {
        auto update
            = db.prepare("UPDATE export_jobs SET rows_written = ?3, progress = ?4, locked_until = ?5, "
                         "updated_at = ?6 WHERE id = ?1 AND lock_token = ?2 AND status = 'running'");
        update.bind(1, id)
            .bind(2, lockToken)
            .bind(3, rowsWritten)
            .bind(4, progress)
            .bind(5, lockedUntilNs)
            .bind(6, nowNs);
        if (auto s = update.run(); !s)
            return s;
        held = db.changes() > 0;
        return {};
    });
    if (!status)
        return status.error();
    return held;
}

Result<bool> SqliteStore::finishExportJob(const ExportJob &job, const QString &lockToken)
{
    bool held = false;
    Status status = writeTransaction([&](SqliteConnection &db) -> Status {
        auto check = db.prepare(
            "SELECT 1 FROM export_jobs WHERE id = ?1 AND lock_token = ?2 AND status = 'running'");
        check.bind(1, job.id).bind(2, lockToken);
        if (!check.next())
            return check.status();
        auto write = db.prepare(kUpdateMutable);
        write.bind(1, job.id);
        bindMutable(write, job);
        if (auto s = write.run(); !s)
            return s;
        held = true;
        return {};
    });
    if (!status)
        return status.error();
    return held;
}

Result<QList<ExportJob>> SqliteStore::listLeasedExportJobs(qint64 nowNs)
{
    auto lease = read();
    if (!lease)
        return lease.error();
    auto stmt = (*lease.value())
                    .prepare("SELECT " OSC_EXPORT_JOB_COLUMNS
                             " FROM export_jobs WHERE status = 'running' AND locked_until > ?1 "
                             "ORDER BY created_at, id");
    stmt.bind(1, nowNs);
    QList<ExportJob> out;
    while (stmt.next())
        out.append(jobFromRow(stmt));
    if (auto s = stmt.status(); !s)
        return s.error();
    return out;
}

Result<bool> SqliteStore::expireExportLease(const QString &id, const QString &lockToken, qint64 nowNs)
{
    bool expired = false;
    Status status = writeTransaction([&](SqliteConnection &db) -> Status {
        auto update = db.prepare("UPDATE export_jobs SET locked_until = ?3 WHERE id = ?1 AND lock_token = ?2 "
                                 "AND status = 'running' AND locked_until > ?3");
        update.bind(1, id).bind(2, lockToken).bind(3, nowNs);
        if (auto s = update.run(); !s)
            return s;
        expired = db.changes() > 0;
        return {};
    });
    if (!status)
        return status.error();
    return expired;
}

Result<QList<ExportJob>> SqliteStore::listExportArtifactsBefore(qint64 completedBeforeNs, int limit)
{
    auto lease = read();
    if (!lease)
        return lease.error();
    auto stmt = (*lease.value())
                    .prepare("SELECT " OSC_EXPORT_JOB_COLUMNS
                             " FROM export_jobs WHERE status = 'completed' AND artifact_name != '' "
                             "AND completed_at < ?1 ORDER BY completed_at LIMIT ?2");
    stmt.bind(1, completedBeforeNs).bind(2, qint64(limit));
    QList<ExportJob> out;
    while (stmt.next())
        out.append(jobFromRow(stmt));
    if (auto s = stmt.status(); !s)
        return s.error();
    return out;
}

Status SqliteStore::clearExportArtifact(const QString &id, qint64 nowNs)
{
    return writeTransaction([&](SqliteConnection &db) -> Status {
        auto update = db.prepare("UPDATE export_jobs SET artifact_name = '', updated_at = ?2 WHERE id = ?1");
        update.bind(1, id).bind(2, nowNs);
        return update.run();
    });
}

} // namespace osc
