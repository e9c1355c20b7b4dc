#include "ExportWorker.h"

#include "core/Ids.h"
#include "core/PrivateFiles.h"
#include "core/Rfc3339.h"
#include "export/BucketChunks.h"
#include "export/EventPagePipeline.h"
#include "export/ExportJobs.h"
#include "export/ExportWriter.h"
#include "export/LeaseHolder.h"
#include "query/EventQuery.h"
#include "query/UsageQuery.h"
#include "store/ExportJobQueue.h"
#include "wire/ExportJson.h"

#include <QDebug>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStorageInfo>

#include <algorithm>
#include <thread>

#include <pthread.h>

namespace osc {

namespace {

constexpr qint64 kNsPerMs = 1'000'000;
// Below this much free space a failed write is reported as a full disk.
constexpr qint64 kLowSpaceBytes = 1024 * 1024;

// Why a job stopped before its last row.
enum class Interruption
{
    None,
    Lost, // canceled, or the lease went to another worker: nothing is stored
    Stopped, // the worker is shutting down: back to the queue
    TimedOut,
    WriteFailed,
};

QString durationText(qint64 ms)
{
    if (ms % 60'000 == 0)
        return QStringLiteral("%1m").arg(ms / 60'000);
    if (ms % 1000 == 0)
        return QStringLiteral("%1s").arg(ms / 1000);
    return QStringLiteral("%1ms").arg(ms);
}

// A job error a user can act on: upstream reports a missing meter as bare `not found`.
QString readableError(const Error &error, const QString &meter)
{
    if (error.kind == ErrorKind::NotFound && error.message == QLatin1StringView("not found"))
        return QStringLiteral("not found: meter \"%1\" was not found").arg(meter);
    if (error.kind == ErrorKind::Internal)
        return QStringLiteral("internal error while reading usage");
    return error.message;
}

} // namespace

// One claimed job from claim to end state.
class ExportWorker::JobRun
{
public:
    JobRun(const ExportServices &services, const Options &options, ExportJob job, QString lockToken,
        const std::atomic<bool> *stop)
        : m_services(services)
        , m_options(options)
        , m_settings(services.jobs.settings())
        , m_job(std::move(job))
        , m_token(std::move(lockToken))
        , m_stop(stop)
    {
        m_started.start();
        m_lastCheck.start();
    }

    void run()
    {
        if (!privatefiles::ensureDir(m_settings.storageDir))
            return fail(
                QStringLiteral("export directory \"%1\" cannot be created").arg(m_settings.storageDir));
        const QString name = QStringLiteral("%1.%2").arg(m_job.id, exportFileExtension(m_job.format));
        const QString path = QDir(m_settings.storageDir).filePath(name);
        // QSaveFile writes to a temporary file beside the target and renames it on commit(); a worker
        // that dies leaves no file under the artifact's name.
        QSaveFile file(path);
        const bool opened = file.open(QIODevice::WriteOnly);
        if (opened) // owner-only, like the database (the rename on commit keeps the mode)
            file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        if (!opened)
            return fail(QStringLiteral("cannot create an export file in \"%1\": %2")
                            .arg(m_settings.storageDir, file.errorString()));
        ExportWriter writer(m_job.format, &file, m_job.csvFormulaGuard);
        m_writer = &writer;

        Status read = m_job.kind == ExportKind::UsageEvents ? writeEvents()
            : m_job.kind == ExportKind::UsageReport         ? writeReport()
                                                            : writeBuckets();
        if (!read) {
            file.cancelWriting();
            return fail(readableError(read.error(), m_job.meter));
        }
        if (m_interruption == Interruption::None && !writer.finish())
            m_interruption = Interruption::WriteFailed;
        if (m_interruption == Interruption::None && !holdsClaim())
            m_interruption = Interruption::Lost;
        switch (m_interruption) {
        case Interruption::None:
            break;
        case Interruption::Lost:
            file.cancelWriting();
            m_services.jobs.forgetCancelRequest(m_job.id);
            return;
        case Interruption::Stopped:
            file.cancelWriting();
            return release();
        case Interruption::TimedOut:
            file.cancelWriting();
            return fail(
                QStringLiteral("export job timed out after %1").arg(durationText(m_settings.timeoutMs)));
        case Interruption::WriteFailed: {
            const QString reason = writeFailure(writer, file);
            file.cancelWriting();
            return fail(QStringLiteral("cannot write the export file: %1").arg(reason));
        }
        }
        if (!file.commit())
            return fail(QStringLiteral("cannot save the export file: %1").arg(writeFailure(writer, file)));

        ExportJob done = m_job;
        done.status = ExportStatus::Completed;
        done.artifactName = name;
        done.artifactSize = QFileInfo(path).size();
        done.recordCount = writer.rowsWritten();
        done.rowsWritten = writer.rowsWritten();
        done.progress = 1;
        finish(done);
        if (!m_stored)
            QFile::remove(path); // canceled between the last check and now
    }

private:
    // Why writing failed, in words: Qt's QSaveFile can lose the system's reason when its buffer is
    // flushed, and a full disk is the usual cause, so free space is checked too.
    QString writeFailure(const ExportWriter &writer, const QSaveFile &file) const
    {
        QString reason = writer.errorString();
        if (reason.isEmpty() || reason == QLatin1StringView("Unknown error"))
            reason = file.errorString();
        const QStorageInfo volume(m_settings.storageDir);
        if (volume.isValid() && volume.bytesAvailable() < kLowSpaceBytes)
            return QStringLiteral("no space left on the export volume (%1)").arg(m_settings.storageDir);
        return reason;
    }

    qint64 rowLimit(qint64 requested) const
    {
        return requested > 0 ? requested : ExportJobs::kDefaultJobRows;
    }

    // Slices of whole buckets are scanned and encoded on two threads (bucketchunks); this thread
    // writes them in order, cuts the last one at the row limit and makes the checks between slices.
    Status writeBuckets()
    {
        auto parsed = wire::bucketQueryFromJobQuery(m_job.query);
        if (!parsed)
            return parsed.error();
        const query::BucketQuery &q = parsed.value();
        const qint64 limit = rowLimit(q.limit);
        const double span = std::max(1.0, double(q.toNs - q.fromNs));
        m_writer->beginBuckets(m_services.queries.reportedGroupBy(Principal::owner(m_job.workspaceId), q));
        const QList<query::BucketQuery> chunks = bucketchunks::split(q);
        qsizetype next = 0;
        return bucketchunks::run(
            m_services.queries, Principal::owner(m_job.workspaceId), chunks, m_job.format,
            bucketchunks::kLanes,
            [&](const bucketchunks::EncodedChunk &chunk) {
                const query::BucketQuery &slice = chunks.at(next++);
                const qint64 rows
                    = std::min<qint64>(qint64(chunk.rowEnds.size()), limit - m_writer->rowsWritten());
                if (rows > 0)
                    m_writer->appendEncodedRows(
                        QByteArrayView(chunk.bytes.constData(), chunk.rowEnds[std::size_t(rows - 1)]), rows);
                m_progress = std::max(
                    double(m_writer->rowsWritten()) / double(limit), double(slice.toNs - q.fromNs) / span);
                if (m_writer->rowsWritten() >= limit)
                    return false;
                return keepGoing(std::max<qint64>(1, rows));
            },
            [&] { return check(); }, m_job.csvFormulaGuard);
    }

    // A usage report (made on its request; here after a retry): built again from the stored request.
    Status writeReport()
    {
        if (!m_services.rebuildReport)
            return Error::internal(QStringLiteral("usage reports are not available to this worker"));
        auto report = m_services.rebuildReport(m_job);
        if (!report)
            return report.error();
        m_writer->appendEncodedRows(report->first, report->second);
        return {};
    }

    // The store's reads run on a second thread and hand pages over; this thread encodes and writes
    // them and makes every check, so a cancel or a failed write stops both.
    Status writeEvents()
    {
        auto parsed = wire::eventSearchFromJobQuery(m_job.query);
        if (!parsed)
            return parsed.error();
        const EventSearch &search = parsed.value();
        const qint64 limit = rowLimit(search.limit);
        const auto fromNs = rfc3339::parse(QStringView(search.from));
        const auto toNs = rfc3339::parse(QStringView(search.to));
        m_writer->beginEvents();
        const double span = fromNs && toNs && *toNs > *fromNs ? double(*toNs - *fromNs) : 0;

        EventPagePipeline pipeline;
        Status read;
        std::thread reader([&] {
            read = m_services.events.forEachEventPage(Principal::owner(m_job.workspaceId), search, limit,
                m_options.eventPageRows, [&](UsageEventRows &page) { return pipeline.push(page); });
            pipeline.close();
        });
        pthread_setname_np(reader.native_handle(), "export-reader");
        bool writing = true;
        while (writing) {
            const UsageEventRows *page = pipeline.pop([this] { return check(); });
            if (!page)
                break;
            for (const UsageEventRows::Row &row : page->rows) {
                m_writer->eventRow(*page, row);
                if (!keepGoing()) {
                    writing = false;
                    break;
                }
            }
            if (!page->rows.empty()) {
                // Newest first: the time already covered runs from `to` down to the last event written.
                m_progress = double(m_writer->rowsWritten()) / double(limit);
                if (span > 0)
                    m_progress = std::max(m_progress, double(*toNs - page->rows.back().eventTimeNs) / span);
            }
        }
        pipeline.stop();
        reader.join();
        return read;
    }

    // Called after every row (or slice of `rows` rows); checks every rowsPerCheck rows.
    bool keepGoing(qint64 rows = 1)
    {
        m_rowsSinceCheck += rows;
        if (m_rowsSinceCheck < m_options.rowsPerCheck)
            return true;
        m_rowsSinceCheck = 0;
        return check();
    }

    // Also called while no row comes (a long scan, a filter that rejects most rows): the write error,
    // shutdown and in-process cancel at once, the claim and the timeout every checkIntervalMs.
    bool check()
    {
        if (m_writer->hasError())
            return interrupt(Interruption::WriteFailed);
        if (m_stop && m_stop->load())
            return interrupt(Interruption::Stopped);
        if (m_services.jobs.cancelRequested(m_job.id))
            return interrupt(Interruption::Lost);
        if (m_lastCheck.elapsed() < m_options.checkIntervalMs)
            return true;
        m_lastCheck.restart();
        if (m_options.onCheck)
            m_options.onCheck(m_job, m_writer->rowsWritten());
        if (m_started.elapsed() > m_settings.timeoutMs)
            return interrupt(Interruption::TimedOut);
        if (!holdsClaim())
            return interrupt(Interruption::Lost);
        return true;
    }

    bool interrupt(Interruption why)
    {
        m_interruption = why;
        return false;
    }

    // Renews the lease with the progress so far; false once the job was canceled or re-claimed.
    // A store error (e.g. the database busy beyond its timeout) keeps going: the next check retries,
    // and a lease that really lapses is noticed then.
    bool holdsClaim()
    {
        if (m_services.jobs.cancelRequested(m_job.id))
            return false;
        const qint64 now = m_services.clock.nowNs();
        auto held = m_services.queue.renewExportJob(m_job.id, m_token, m_writer->rowsWritten(),
            std::clamp(m_progress, 0.0, 1.0), now + m_settings.lockTtlMs * kNsPerMs, now);
        if (!held) {
            qWarning().noquote() << "export worker: cannot renew the lease of job" << m_job.id;
            return true;
        }
        return held.value();
    }

    void finish(ExportJob end)
    {
        const qint64 now = m_services.clock.nowNs();
        end.lockedUntilNs.reset();
        end.lockToken.clear();
        end.updatedAtNs = now;
        if (end.status != ExportStatus::Queued)
            end.completedAtNs = now;
        auto stored = m_services.queue.finishExportJob(end, m_token);
        if (!stored)
            qWarning().noquote() << "export worker: cannot store the end of job" << m_job.id;
        m_stored = stored && stored.value();
        m_services.jobs.forgetCancelRequest(m_job.id);
    }

    void fail(const QString &error)
    {
        ExportJob failed = m_job;
        failed.status = ExportStatus::Failed;
        failed.error = error;
        failed.rowsWritten = m_writer ? m_writer->rowsWritten() : 0;
        finish(failed);
    }

    // Shutdown: the job waits in the queue for the next worker (the interrupted claim still counts).
    void release()
    {
        ExportJob queued = m_job;
        queued.status = ExportStatus::Queued;
        queued.rowsWritten = 0;
        queued.progress = 0;
        finish(queued);
    }

    ExportServices m_services;
    const Options &m_options;
    const ExportJobs::Settings m_settings;
    const ExportJob m_job;
    const QString m_token;
    const std::atomic<bool> *m_stop;
    ExportWriter *m_writer = nullptr;
    QElapsedTimer m_started;
    QElapsedTimer m_lastCheck;
    qint64 m_rowsSinceCheck = 0;
    double m_progress = 0;
    Interruption m_interruption = Interruption::None;
    bool m_stored = false;
};

ExportWorker::ExportWorker(ExportServices services)
    : ExportWorker(services, Options())
{ }

ExportWorker::ExportWorker(ExportServices services, Options options)
    : m_services(services)
    , m_options(std::move(options))
{
    m_options.rowsPerCheck = std::max(1, m_options.rowsPerCheck);
}

void ExportWorker::reclaimDeadLeases()
{
    auto leased = m_services.queue.listLeasedExportJobs(m_services.clock.nowNs());
    if (!leased)
        return; // best effort: such a lease still runs out after the lock TTL
    for (const ExportJob &job : leased.value()) {
        if (!leaseholder::isProvablyGone(job.lockHolder))
            continue;
        if (auto expired
            = m_services.queue.expireExportLease(job.id, job.lockToken, m_services.clock.nowNs());
            expired && expired.value())
            qInfo().noquote() << "export worker: job" << job.id << "was held by a process that is gone;"
                              << "reclaiming it";
    }
}

Result<bool> ExportWorker::runOnce(const std::atomic<bool> *stop)
{
    if (stop && stop->load())
        return false;
    reclaimDeadLeases();
    const ExportJobs::Settings settings = m_services.jobs.settings();
    ExportClaim claim;
    claim.nowNs = m_services.clock.nowNs();
    claim.lockedUntilNs = claim.nowNs + settings.lockTtlMs * kNsPerMs;
    claim.maxAttempts = settings.maxAttempts;
    claim.lockToken = newId();
    claim.holder = leaseholder::current();
    claim.exhaustedError
        = QStringLiteral("export job lease expired after %1 attempts").arg(settings.maxAttempts);
    auto claimed = m_services.queue.claimExportJob(claim);
    if (!claimed)
        return claimed.error();
    if (!claimed->has_value())
        return false;
    JobRun(m_services, m_options, std::move(**claimed), claim.lockToken, stop).run();
    return true;
}

} // namespace osc
