#include "ExportJobs.h"

#include "auth/Permission.h"
#include "core/Cursor.h"
#include "core/Ids.h"
#include "core/PrivateFiles.h"
#include "export/ExportWriter.h"
#include "store/ExportJobQueue.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <chrono>

namespace osc {

namespace {

constexpr qint64 kNsPerDay = 86'400'000'000'000;
// Cancel requests are kept this long for in-process workers; other processes see the status instead.
constexpr qint64 kCancelRequestTtlNs = 60'000'000'000;
constexpr int kRetentionBatch = 500;

} // namespace

ExportJobs::ExportJobs(ExportJobQueue &store, QString defaultStorageDir, const Clock &clock,
    query::UsageQueries &queries, EventQueries &events)
    : m_store(store)
    , m_defaultStorageDir(std::move(defaultStorageDir))
    , m_clock(clock)
    , m_queries(queries)
    , m_events(events)
{ }

void ExportJobs::configure(const Settings &settings)
{
    std::lock_guard lock(m_mutex);
    m_settings = settings;
}

ExportJobs::Settings ExportJobs::settings() const
{
    std::lock_guard lock(m_mutex);
    Settings settings = m_settings;
    if (settings.storageDir.isEmpty())
        settings.storageDir = m_defaultStorageDir;
    return settings;
}

QString ExportJobs::artifactPath(const QString &artifactName) const
{
    return QDir(settings().storageDir).filePath(artifactName);
}

Result<ExportJob> ExportJobs::create(const Principal &principal, const ExportJobDraft &draft)
{
    if (auto s = authorize(principal, Operation::CreateExport, {draft.meter}); !s)
        return s.error();
    const auto kind = draft.kind.isEmpty() ? ExportKind::UsageBuckets : exportKindFromName(draft.kind);
    // Usage reports are made by their own routes (UsageReports::store), not queued from a query.
    if (!kind || *kind == ExportKind::UsageReport)
        return Error::invalidInput(QStringLiteral("export job kind is invalid"));
    const auto format = draft.format.isEmpty() ? ExportFormat::Csv : exportFormatFromName(draft.format);
    if (!format)
        return Error::invalidInput(QStringLiteral("export job format is invalid"));
    ExportJob job;
    job.id = newId();
    job.workspaceId = principal.workspaceId;
    job.kind = *kind;
    job.format = *format;
    job.csvFormulaGuard = draft.csvSafe.value_or(settings().csvFormulaGuard);
    job.status = ExportStatus::Queued;
    job.query = draft.query;
    job.meter = draft.meter;
    job.createdAtNs = m_clock.nowNs();
    job.updatedAtNs = job.createdAtNs;
    if (auto s = m_store.insertExportJob(job); !s)
        return s.error();
    notifyWork();
    return job;
}

Result<ExportJob> ExportJobs::storeCompleted(const Principal &principal, ExportKind kind, ExportFormat format,
    const QByteArray &query, const QByteArray &bytes, qint64 records)
{
    const Settings current = settings();
    if (!privatefiles::ensureDir(current.storageDir))
        return Error::internal(
            QStringLiteral("export directory \"%1\" cannot be created").arg(current.storageDir));
    ExportJob job;
    job.id = newId();
    job.workspaceId = principal.workspaceId;
    job.kind = kind;
    job.format = format;
    job.status = ExportStatus::Completed;
    job.query = query;
    job.createdAtNs = m_clock.nowNs();
    job.updatedAtNs = job.createdAtNs;
    const QString name = QStringLiteral("%1.%2").arg(job.id, exportFileExtension(format));
    // As the worker writes: a temporary file renamed into place, owner-only.
    QSaveFile file(QDir(current.storageDir).filePath(name));
    if (!file.open(QIODevice::WriteOnly))
        return Error::internal(QStringLiteral("cannot create an export file: %1").arg(file.errorString()));
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    if (file.write(bytes) != bytes.size() || !file.commit())
        return Error::internal(QStringLiteral("cannot write an export file: %1").arg(file.errorString()));
    // Inserted completed, so no worker claims it; its artifact fields follow in the same job row.
    if (auto s = m_store.insertExportJob(job); !s) {
        QFile::remove(QDir(current.storageDir).filePath(name));
        return s.error();
    }
    return m_store.updateExportJob(
        principal.workspaceId, job.id, [&](const ExportJob &current) -> Result<ExportJob> {
            ExportJob done = current;
            done.artifactName = name;
            done.artifactSize = bytes.size();
            done.recordCount = records;
            done.rowsWritten = records;
            done.progress = 1;
            done.completedAtNs = job.createdAtNs;
            return done;
        });
}

Result<Page<ExportJob>> ExportJobs::list(const Principal &principal, qint64 limit, const QString &cursor)
{
    if (auto s = authorize(principal, Operation::ListExports, {QString()}); !s)
        return s.error();
    return wire::newestFirstPage<ExportJob>(limit, cursor, kDefaultPageSize, kMaxPageSize,
        [&](std::optional<qint64> afterTimeNs, const QString &afterId, int pageSize) {
            return m_store.listExportJobs(principal.workspaceId, afterTimeNs, afterId, pageSize);
        });
}

Result<ExportJob> ExportJobs::findAuthorized(
    const Principal &principal, const QString &id, Operation operation)
{
    // The job is looked up first (404), then its meter is authorized (403), as upstream.
    auto job = m_store.findExportJob(principal.workspaceId, id);
    if (!job)
        return job.error();
    if (!job->has_value())
        return Error::notFound();
    if (auto s = authorize(principal, operation, {(*job)->meter}); !s)
        return s.error();
    return std::move(**job);
}

Result<ExportJob> ExportJobs::get(const Principal &principal, const QString &id)
{
    return findAuthorized(principal, id, Operation::GetExport);
}

Result<ExportJob> ExportJobs::cancel(const Principal &principal, const QString &id)
{
    if (auto found = findAuthorized(principal, id, Operation::CancelExport); !found)
        return found.error();
    const qint64 now = m_clock.nowNs();
    bool wasRunning = false;
    auto updated = m_store.updateExportJob(
        principal.workspaceId, id, [&](const ExportJob &current) -> Result<ExportJob> {
            if (current.status != ExportStatus::Queued && current.status != ExportStatus::Running)
                return Error::conflictBare();
            wasRunning = current.status == ExportStatus::Running;
            ExportJob next = current;
            next.status = ExportStatus::Canceled;
            next.error = QStringLiteral("canceled by user");
            next.completedAtNs = now;
            next.updatedAtNs = now;
            next.lockedUntilNs.reset();
            next.lockToken.clear();
            return next;
        });
    if (!updated)
        return updated.error();
    if (wasRunning) {
        // In-process workers stop at their next row batch; others see the status within a check interval.
        std::lock_guard lock(m_mutex);
        for (auto it = m_cancelRequests.begin(); it != m_cancelRequests.end();)
            it = now - it.value() > kCancelRequestTtlNs ? m_cancelRequests.erase(it) : std::next(it);
        m_cancelRequests.insert(id, now);
    }
    return updated;
}

Result<ExportJob> ExportJobs::retry(const Principal &principal, const QString &id)
{
    if (auto found = findAuthorized(principal, id, Operation::RetryExport); !found)
        return found.error();
    const qint64 now = m_clock.nowNs();
    QString oldArtifact;
    auto updated = m_store.updateExportJob(
        principal.workspaceId, id, [&](const ExportJob &current) -> Result<ExportJob> {
            if (current.status != ExportStatus::Failed && current.status != ExportStatus::Canceled)
                return Error::conflictBare();
            oldArtifact = current.artifactName;
            ExportJob next = current;
            next.status = ExportStatus::Queued;
            next.error.clear();
            next.attempts = 0;
            next.artifactName.clear();
            next.artifactSize = 0;
            next.recordCount.reset();
            next.rowsWritten = 0;
            next.progress = 0;
            next.completedAtNs.reset();
            next.lockedUntilNs.reset();
            next.lockToken.clear();
            next.updatedAtNs = now;
            return next;
        });
    if (!updated)
        return updated.error();
    if (!oldArtifact.isEmpty())
        QFile::remove(artifactPath(oldArtifact));
    forgetCancelRequest(id);
    notifyWork();
    return updated;
}

Result<ExportDownload> ExportJobs::download(const Principal &principal, const QString &id)
{
    auto job = findAuthorized(principal, id, Operation::DownloadExport);
    if (!job)
        return job.error();
    if (job->status != ExportStatus::Completed)
        return Error::conflictLine(QStringLiteral("export job is not ready for download"));
    const Error missing = Error::notFound(QStringLiteral("not found\nexport artifact was not found"));
    if (job->artifactName.isEmpty())
        return missing;
    const QFileInfo file(artifactPath(job->artifactName));
    if (!file.isFile())
        return missing;
    ExportDownload download;
    download.path = file.absoluteFilePath();
    download.size = file.size();
    download.lastModifiedMs = file.lastModified().toMSecsSinceEpoch();
    download.fileName
        = QStringLiteral("open-spanner-export-%1.%2").arg(job->id, exportFileExtension(job->format));
    download.contentType = exportContentType(job->format);
    return download;
}

Result<ExportFormat> ExportJobs::parseDirectFormat(const QString &name)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty())
        return ExportFormat::Csv;
    if (const auto format = exportFormatFromName(trimmed))
        return *format;
    return Error::invalidInput(QStringLiteral("export format is invalid"));
}

Result<QByteArray> ExportJobs::exportBuckets(const Principal &principal, const query::BucketQuery &query,
    ExportFormat format, std::optional<bool> csvSafe)
{
    auto result = m_queries.buckets(principal, query, Operation::ExportUsageBuckets);
    if (!result)
        return result.error();
    return ExportWriter::buckets(format, result.value(), csvSafe.value_or(settings().csvFormulaGuard));
}

Result<QByteArray> ExportJobs::exportEvents(
    const Principal &principal, const EventSearch &search, ExportFormat format, std::optional<bool> csvSafe)
{
    auto rows = m_events.exportEventRows(principal, search);
    if (!rows)
        return rows.error();
    return ExportWriter::events(format, rows.value(), csvSafe.value_or(settings().csvFormulaGuard));
}

bool ExportJobs::cancelRequested(const QString &jobId) const
{
    std::lock_guard lock(m_mutex);
    return m_cancelRequests.contains(jobId);
}

void ExportJobs::forgetCancelRequest(const QString &jobId)
{
    std::lock_guard lock(m_mutex);
    m_cancelRequests.remove(jobId);
}

quint64 ExportJobs::workGeneration() const
{
    std::lock_guard lock(m_mutex);
    return m_generation;
}

void ExportJobs::waitForWork(quint64 seenGeneration, qint64 timeoutMs)
{
    std::unique_lock lock(m_mutex);
    m_wake.wait_for(lock, std::chrono::milliseconds(std::max<qint64>(0, timeoutMs)),
        [&] { return m_generation != seenGeneration; });
}

void ExportJobs::notifyWork()
{
    {
        std::lock_guard lock(m_mutex);
        ++m_generation;
    }
    m_wake.notify_all();
}

Result<int> ExportJobs::deleteExpiredArtifacts()
{
    const Settings current = settings();
    if (current.artifactRetentionDays <= 0)
        return 0;
    const qint64 now = m_clock.nowNs();
    auto expired
        = m_store.listExportArtifactsBefore(now - current.artifactRetentionDays * kNsPerDay, kRetentionBatch);
    if (!expired)
        return expired.error();
    int deleted = 0;
    for (const ExportJob &job : std::as_const(expired.value())) {
        // The file goes first: a crash in between leaves a job whose download answers 404, never a file
        // nobody will delete.
        const QString path = QDir(current.storageDir).filePath(job.artifactName);
        if (QFile::exists(path) && !QFile::remove(path))
            continue;
        if (auto s = m_store.clearExportArtifact(job.id, now); !s)
            return s.error();
        ++deleted;
    }
    return deleted;
}

} // namespace osc
