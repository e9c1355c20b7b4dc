#pragma once

#include "auth/Principal.h"
#include "core/Clock.h"
#include "core/Page.h"
#include "core/Result.h"
#include "model/ExportJob.h"
#include "query/EventQuery.h"
#include "query/UsageQuery.h"

#include <QHash>

#include <condition_variable>
#include <mutex>

namespace osc {

class ExportJobQueue;

// What a download serves: the completed job's file and how to name it.
struct ExportDownload
{
    QString path;
    qint64 size = 0;
    qint64 lastModifiedMs = 0; // ms since the epoch, UTC
    QString fileName; // open-spanner-export-<id>.<ext>
    QByteArray contentType;
};

// Queued export jobs (contract §7.3): creation, listing, cancel, retry and download with every lifecycle
// rule, 409 and permission of the contract, plus the direct exports (§7.1, §7.2) in every format. The
// work itself is done by ExportWorker, in-process or in a separate `--export-worker` process on the same
// database and export directory; this class is also the in-process channel to those workers (wake-ups
// on new work, cancel requests for running jobs).
class ExportJobs
{
public:
    static constexpr int kDefaultPageSize = 100;
    static constexpr int kMaxPageSize = 1000;
    // Rows of a job whose query names no limit: upstream's default, so existing clients see the same
    // files. A positive limit is honoured as given: unlike upstream, jobs have no 1,000-row cap.
    static constexpr int kDefaultJobRows = query::kDefaultQueryLimit;

    struct Settings
    {
        QString storageDir; // empty: the default folder (`exports` next to the database)
        qint64 lockTtlMs = 5 * 60'000; // lease of a claim; renewed while the worker writes
        qint64 timeoutMs = 10 * 60'000; // processing time of one job
        int maxAttempts = 3; // claims of one job before an expired lease fails it
        int artifactRetentionDays = 0; // delete files of jobs completed longer ago; 0 = keep forever
        // CSV formula guard for requests that do not say (`csv_safe`); off = upstream bytes.
        bool csvFormulaGuard = false;
    };

    // `defaultStorageDir`: where artifacts go unless Settings::storageDir names a folder.
    ExportJobs(ExportJobQueue &store, QString defaultStorageDir, const Clock &clock,
        query::UsageQueries &queries, EventQueries &events);

    void configure(const Settings &settings);
    Settings settings() const;

    Result<ExportJob> create(const Principal &principal, const ExportJobDraft &draft);
    // A job whose file is already made (usage reports, answered on the request): `bytes` written to
    // the export directory and the job stored completed with `records` rows, so GET
    // /v1/exports/{id}/download serves it and retry makes it again through the worker.
    Result<ExportJob> storeCompleted(const Principal &principal, ExportKind kind, ExportFormat format,
        const QByteArray &query, const QByteArray &bytes, qint64 records);
    Result<Page<ExportJob>> list(const Principal &principal, qint64 limit, const QString &cursor);
    Result<ExportJob> get(const Principal &principal, const QString &id);
    // queued/running → canceled; anything else is 409 `conflict`.
    Result<ExportJob> cancel(const Principal &principal, const QString &id);
    // failed/canceled → queued; anything else is 409 `conflict`.
    Result<ExportJob> retry(const Principal &principal, const QString &id);
    // 409 `conflict\nexport job is not ready for download` before completion; 404
    // `not found\nexport artifact was not found` when the file is gone.
    Result<ExportDownload> download(const Principal &principal, const QString &id);

    // Direct exports in `format`; CSV bytes are exactly those of the upstream endpoints unless the
    // formula guard is on (`csvSafe`, else the setting).
    Result<QByteArray> exportBuckets(const Principal &principal, const query::BucketQuery &query,
        ExportFormat format, std::optional<bool> csvSafe = std::nullopt);
    Result<QByteArray> exportEvents(const Principal &principal, const EventSearch &search,
        ExportFormat format, std::optional<bool> csvSafe = std::nullopt);
    // The `format` parameter of the direct exports: empty = csv; unknown → 400 invalid_input.
    static Result<ExportFormat> parseDirectFormat(const QString &name);

    // For workers.
    QString artifactPath(const QString &artifactName) const;
    bool cancelRequested(const QString &jobId) const;
    void forgetCancelRequest(const QString &jobId);
    // Wake-ups: workers note the generation, look for work, and wait for a newer generation (a job was
    // queued or retried in this process) or the poll interval, whichever comes first.
    quint64 workGeneration() const;
    void waitForWork(quint64 seenGeneration, qint64 timeoutMs);
    void notifyWork();
    // Artifact retention: deletes the files of jobs completed more than artifactRetentionDays ago.
    // Returns how many were deleted.
    Result<int> deleteExpiredArtifacts();

private:
    Result<ExportJob> findAuthorized(const Principal &principal, const QString &id, Operation operation);

    ExportJobQueue &m_store;
    const QString m_defaultStorageDir;
    const Clock &m_clock;
    query::UsageQueries &m_queries;
    EventQueries &m_events;

    mutable std::mutex m_mutex;
    Settings m_settings;
    QHash<QString, qint64> m_cancelRequests; // running job id → when canceled (ns)
    std::condition_variable m_wake;
    quint64 m_generation = 0;
};

} // namespace osc
