#pragma once

#include "export/ExportSink.h"
#include "model/UsageEvent.h"
#include "query/UsageQuery.h"
#include "store/EventReads.h"

#include <QByteArray>
#include <QList>
#include <QStringList>

namespace osc {

// Bucket rows as the objects of contract §6.1 and events as the UsageEvent objects of §5.1, framed as
// one array followed by a newline (`json`: GET/POST /v1/usages and the JSON exports) or one object per
// line (`ndjson`). The only place the bucket object is spelled; constant fields (meter, unit, …) are
// encoded once per file, not once per row.
class JsonRowWriter
{
public:
    enum class Framing
    {
        Array,
        Lines,
    };

    JsonRowWriter(ExportSink &sink, Framing framing);

    // Without `header` nothing is written: the rows are a slice of a file another writer begins (see
    // appendEncodedRows), so the array's `[` is that writer's.
    void beginBuckets(const QStringList &groupBy, bool header = true);
    void bucketRow(const query::BucketResult &meta, const query::UsageBucket &row);
    void beginEvents(bool header = true);
    void eventRow(const UsageEvent &event);
    void eventRow(const UsageEventRows &page, const UsageEventRows::Row &row);
    // `rows` rows another JsonRowWriter of the same framing encoded without a header.
    void appendEncodedRows(QByteArrayView bytes, qint64 rows);
    // Closes the array.
    void finish();

private:
    void beginRow();
    void endRow();
    void prepareBucketConstants(const query::BucketResult &meta);

    ExportSink &m_sink;
    const Framing m_framing;
    QStringList m_groupBy;
    QList<qsizetype> m_sortedGroupKeys; // group keys in byte order (Go map encoding)
    bool m_constantsReady = false;
    QByteArray m_middle; // ,"meter":…,"bucket_size":…,"bucket_start":
    QByteArray m_tail; // ,"aggregation":…,"unit":…,"quantity":
};

} // namespace osc
