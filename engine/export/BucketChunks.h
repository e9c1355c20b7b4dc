#pragma once

#include "auth/Principal.h"
#include "core/Result.h"
#include "model/ExportJob.h"
#include "query/UsageQuery.h"

#include <QByteArray>
#include <QList>

#include <functional>
#include <vector>

namespace osc {

// A bucket export in consecutive slices of whole buckets, so that two threads can each scan, aggregate
// and encode a slice while the file is written in order. A bucket's rows depend only on the bucket's
// own window, so slicing at bucket starts gives the same rows, bucket for bucket, as one query.
namespace bucketchunks {

// Slices per query at most (fewer when there are fewer buckets): small enough that a slice's encoded
// rows stay a few MiB, large enough that the per-query set-up is noise.
constexpr int kTargetChunks = 64;
// Threads scanning slices at once.
constexpr int kLanes = 2;

// [from, to) cut at bucket starts into up to `targetChunks` queries; a single query when the range has
// one bucket or cannot be cut (an invalid query: running it reports the error in the contract's order).
QList<query::BucketQuery> split(const query::BucketQuery &query, int targetChunks = kTargetChunks);

// One slice's rows, encoded without any file header; rowEnds[i] is the end offset of row i.
struct EncodedChunk
{
    QByteArray bytes;
    std::vector<qsizetype> rowEnds;
};

// While the calling thread waits for a slice, `whileWaiting` runs every this often.
constexpr int kWaitTickMs = 100;

// Runs `chunks` on `lanes` threads (slice i on lane i % lanes) and hands each slice's rows to `consume`
// in order, on the calling thread. At most two slices per lane exist at a time. `consume` or
// `whileWaiting` (the caller's checks: cancel, lease, timeout) returning false stops every lane, a
// scan in the middle of a bucket included; the first query error stops them too and is returned.
// `csvFormulaGuard` as ExportWriter's.
Status run(query::UsageQueries &queries, const Principal &principal, const QList<query::BucketQuery> &chunks,
    ExportFormat format, int lanes, const std::function<bool(const EncodedChunk &)> &consume,
    const std::function<bool()> &whileWaiting, bool csvFormulaGuard = false);

} // namespace bucketchunks
} // namespace osc
