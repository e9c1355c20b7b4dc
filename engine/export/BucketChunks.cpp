#include "BucketChunks.h"

#include "export/ExportWriter.h"
#include "query/BucketCalendar.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

#include <pthread.h>

namespace osc::bucketchunks {

QList<query::BucketQuery> split(const query::BucketQuery &query, int targetChunks)
{
    auto size = query::parseBucketSize(query.bucketSize);
    if (!size)
        return {query};
    auto calendar = query::BucketCalendar::create(size.value(), query.timeZone.trimmed());
    if (!calendar || !calendar->checkRange(query.fromNs, query.toNs))
        return {query};
    const QList<TimeNs> starts = calendar->boundaries(query.fromNs, query.toNs);
    const qsizetype buckets = starts.size() - 1;
    if (buckets < 2 || targetChunks < 2)
        return {query};
    const qsizetype perChunk = (buckets + targetChunks - 1) / targetChunks;
    QList<query::BucketQuery> chunks;
    for (qsizetype first = 0; first < buckets; first += perChunk) {
        const qsizetype end = std::min(buckets, first + perChunk);
        query::BucketQuery chunk = query;
        chunk.fromNs = first == 0 ? query.fromNs : starts.at(first);
        chunk.toNs = end == buckets ? query.toNs : starts.at(end);
        chunks.append(std::move(chunk));
    }
    return chunks;
}

namespace {

struct Lane
{
    std::optional<EncodedChunk> ready; // the lane's finished slice, waiting for the writer
    qsizetype readyIndex = -1;
    Status status;
    bool failed = false;
};

} // namespace

Status run(query::UsageQueries &queries, const Principal &principal, const QList<query::BucketQuery> &chunks,
    ExportFormat format, int lanes, const std::function<bool(const EncodedChunk &)> &consume,
    const std::function<bool()> &whileWaiting, bool csvFormulaGuard)
{
    lanes = std::clamp(lanes, 1, int(std::max<qsizetype>(1, chunks.size())));
    std::mutex mutex;
    std::condition_variable changed;
    std::vector<Lane> state(std::size_t(lanes), Lane{});
    std::atomic<bool> stop = false;

    const auto work = [&](int lane) {
        for (qsizetype i = lane; i < chunks.size(); i += lanes) {
            EncodedChunk chunk;
            ExportWriter writer(format, &chunk.bytes, csvFormulaGuard);
            writer.beginBuckets(queries.reportedGroupBy(principal, chunks.at(i)), /*header=*/false);
            query::BucketQuery slice = chunks.at(i);
            slice.interrupt = &stop; // a stop reaches a scan in the middle of a bucket too
            Status status = queries.forEachBucket(
                principal, slice, [&](const query::BucketResult &meta, const query::UsageBucket &row) {
                    writer.bucketRow(meta, row);
                    chunk.rowEnds.push_back(chunk.bytes.size());
                    return !stop.load(std::memory_order_relaxed);
                });
            std::unique_lock lock(mutex);
            Lane &mine = state[std::size_t(lane)];
            changed.wait(lock, [&] { return stop || !mine.ready; });
            if (stop)
                return;
            if (!status) {
                mine.status = status;
                mine.failed = true;
            }
            mine.ready = std::move(chunk);
            mine.readyIndex = i;
            changed.notify_all();
            if (mine.failed)
                return;
        }
    };
    std::vector<std::thread> threads;
    for (int lane = 0; lane < lanes; ++lane) {
        threads.emplace_back(work, lane);
        pthread_setname_np(threads.back().native_handle(), "export-scan");
    }

    Status result;
    for (qsizetype i = 0; i < chunks.size(); ++i) {
        Lane &lane = state[std::size_t(i % lanes)];
        std::unique_lock lock(mutex);
        bool waiting = true;
        while (waiting && !changed.wait_for(lock, std::chrono::milliseconds(kWaitTickMs), [&] {
            return lane.ready && lane.readyIndex == i;
        })) {
            lock.unlock();
            waiting = whileWaiting();
            lock.lock();
        }
        if (!waiting)
            break;
        EncodedChunk chunk = std::move(*lane.ready);
        lane.ready.reset();
        const bool failed = lane.failed;
        if (failed)
            result = lane.status;
        changed.notify_all();
        lock.unlock();
        if (failed || !consume(chunk))
            break;
    }
    {
        std::lock_guard lock(mutex);
        stop = true; // under the lock: a lane between its check and its wait cannot miss it
    }
    changed.notify_all();
    for (std::thread &thread : threads)
        thread.join();
    return result;
}

} // namespace osc::bucketchunks
