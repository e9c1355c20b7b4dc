#pragma once

#include "export/ExportSink.h"
#include "model/UsageEvent.h"
#include "query/UsageQuery.h"
#include "store/EventReads.h"

#include <QByteArray>
#include <QList>
#include <QStringList>

#include <limits>

namespace osc {

// The CSV layouts of contract §7.1 (buckets) and §7.2 (raw events), exactly as Go's encoding/csv
// writes them, and the only place their headers and columns are spelled. Direct exports, export jobs
// and the slices their threads encode all write through it. Constant fields (meter, unit, …) are
// encoded once per file, not once per row.
class CsvRowWriter
{
public:
    // `formulaGuard`: text cells a spreadsheet would run as a formula get a `'` prefix
    // (csv::appendGuardedField); numbers and times are ours and never start with one.
    explicit CsvRowWriter(ExportSink &sink, bool formulaGuard = false);

    // The bucket header depends only on the (normalized) group_by, so it is written even when no row
    // follows. Without `header` nothing is written: the rows are a slice of a file another writer
    // begins (see appendEncodedRows).
    void beginBuckets(const QStringList &groupBy, bool header = true);
    void bucketRow(const query::BucketResult &meta, const query::UsageBucket &row);
    void beginEvents(bool header = true);
    void eventRow(const UsageEvent &event);
    // The same bytes from a stored row's UTF-8 columns, without converting a field.
    void eventRow(const UsageEventRows &page, const UsageEventRows::Row &row);
    // `rows` rows another CsvRowWriter encoded without a header (a slice of this file).
    void appendEncodedRows(QByteArrayView bytes, qint64 rows);

private:
    struct FormattedSecond
    {
        qint64 second = std::numeric_limits<qint64>::min();
        char text[32];
        int length = 0;
    };

    void prepareBucketConstants(const query::BucketResult &meta);
    // RFC 3339 seconds; consecutive rows mostly share their second, so the last text is reused.
    void appendTimestamp(TimeNs ns, int slot);
    void appendQuantity(double value);
    template <typename Text> void appendText(QByteArray &out, const Text &field);

    ExportSink &m_sink;
    const bool m_formulaGuard;
    QList<qsizetype> m_extraColumns; // group_by columns other than subject, in request order
    bool m_constantsReady = false;
    QByteArray m_middle; // ",meter,bucket_size,aggregation,unit,"
    FormattedSecond m_timestamps[2]; // event_time, received_at
};

} // namespace osc
