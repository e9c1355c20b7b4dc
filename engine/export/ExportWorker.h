#pragma once

#include "core/Result.h"
#include "model/ExportJob.h"

#include <QElapsedTimer>

#include <atomic>
#include <functional>

namespace osc {

class EventQueries;
class ExportJobQueue;
class ExportJobs;
class Clock;
namespace query {
class UsageQueries;
}

// What a worker uses of the engine: the job queue, the in-process job coordination, and the queries
// that produce the rows.
struct ExportServices
{
    ExportJobQueue &queue;
    ExportJobs &jobs;
    query::UsageQueries &queries;
    EventQueries &events;
    const Clock &clock;
    // The CSV bytes and row count of a usage report job built again (after a retry); the reports
    // live above export/ (reports/UsageReports), so the Engine hands this in. Unset: such jobs fail.
    std::function<Result<std::pair<QByteArray, qint64>>(const ExportJob &)> rebuildReport;
};

// The export worker loop's body (contract §7.3), shared by the in-process pool and the
// `--export-worker` process: claims the oldest claimable job as a lease in the database, streams its
// rows from the store into a temporary file in the export directory, renews the lease as it goes, and
// renames the file into place only once every row is written — so a partial file is never served as
// complete. Every `rowsPerCheck` rows it looks for a cancel request from this process; at least every
// `checkIntervalMs` it re-reads the job's claim in the database, so a cancel from any process, a lost
// lease or the job timeout stops it within about a second, and the temporary file is discarded.
class ExportWorker
{
public:
    static constexpr int kRowsPerCheck = 1024;
    static constexpr qint64 kCheckIntervalMs = 500;
    // Raw events are read in keyset pages of this many rows, so memory stays flat.
    static constexpr int kEventPageRows = 4000;

    struct Options
    {
        int rowsPerCheck = kRowsPerCheck;
        qint64 checkIntervalMs = kCheckIntervalMs;
        int eventPageRows = kEventPageRows;
        // Test hook: runs at every database check of a running job with the rows written so far,
        // before the claim is re-read (lets a test cancel a job at a known point).
        std::function<void(const ExportJob &job, qint64 rowsWritten)> onCheck;
    };

    explicit ExportWorker(ExportServices services);
    ExportWorker(ExportServices services, Options options);

    // Claims one job and runs it to an end state. True when a job was claimed, false when none was
    // claimable. Once `stop` is set the job in progress goes back to the queue.
    Result<bool> runOnce(const std::atomic<bool> *stop = nullptr);

private:
    class JobRun;
    // Running jobs whose lease holder is provably gone (a process on this host that died, e.g. the
    // server before a kill -9 and restart) lose their lease now instead of after the lock TTL.
    void reclaimDeadLeases();

    ExportServices m_services;
    Options m_options;
};

} // namespace osc
