#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace osc {

// What a queued export reads (contract §7.3; `usage_events` is ours).
enum class ExportKind
{
    UsageBuckets,
    UsageEvents,
    // A usage export report (POST /export/{dataType}, ours): `query` is the report request.
    UsageReport,
};

// File formats. CSV is upstream's only one and stays the default; JSON (one array) and NDJSON (one
// object per line) are ours, for queued jobs and the direct export endpoints alike.
enum class ExportFormat
{
    Csv,
    Json,
    Ndjson
};

enum class ExportStatus
{
    Queued,
    Running,
    Completed,
    Failed,
    Canceled
};

QString exportKindName(ExportKind kind);
std::optional<ExportKind> exportKindFromName(QStringView name);
QString exportFormatName(ExportFormat format);
std::optional<ExportFormat> exportFormatFromName(QStringView name);
QString exportStatusName(ExportStatus status);
std::optional<ExportStatus> exportStatusFromName(QStringView name);
// File extension (`csv`, `json`, `ndjson`) and the Content-Type a download is served with.
QString exportFileExtension(ExportFormat format);
QByteArray exportContentType(ExportFormat format);

// One export job as stored. `query` is the request's query object kept verbatim (contract QUIRK Q4:
// upstream's re-serialization dropped zero-valued filter values); `meter` is its `meter`, kept apart
// because authorization reads it for every operation on the job.
struct ExportJob
{
    QString id;
    QString workspaceId;
    ExportKind kind = ExportKind::UsageBuckets;
    ExportFormat format = ExportFormat::Csv;
    ExportStatus status = ExportStatus::Queued;
    bool csvFormulaGuard = false; // CSV cells starting like a formula get a `'` (csv_safe)
    QByteArray query;
    QString meter;
    QString error;
    int attempts = 0; // claims so far
    // The lease of the claim in progress: the worker holding `lockToken` owns the job until
    // `lockedUntilNs`; it renews the lease while it writes.
    std::optional<qint64> lockedUntilNs;
    QString lockToken;
    QString lockHolder; // who holds the lease (leaseholder::current() of the claiming process)
    qint64 rowsWritten = 0; // while running
    double progress = 0; // 0–1, while running
    std::optional<qint64> recordCount; // rows in the completed file
    QString artifactName; // file name inside the export directory; empty until completed
    qint64 artifactSize = 0;
    qint64 createdAtNs = 0;
    qint64 updatedAtNs = 0;
    std::optional<qint64> completedAtNs; // completed, failed and canceled jobs
};

// A create request after HTTP-level decoding (contract §7.3): kind and format as sent (validated by the
// service, after authorization), the query object stored verbatim, and its meter.
struct ExportJobDraft
{
    QString kind; // empty = usage_buckets
    QString format; // empty = csv
    std::optional<bool> csvSafe; // unset: the server's setting (ExportJobs::Settings::csvFormulaGuard)
    QByteArray query;
    QString meter;
};

} // namespace osc
