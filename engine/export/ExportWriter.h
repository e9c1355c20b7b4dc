#pragma once

#include "model/ExportJob.h"
#include "model/UsageEvent.h"
#include "query/UsageQuery.h"
#include "store/EventReads.h"

#include <QByteArray>
#include <QList>
#include <QStringList>

#include <limits>

class QIODevice;

namespace osc {

// Writes export rows in one of the export formats, to a byte array (direct exports) or buffered to a
// device (job files, flat memory whatever the size). The bytes are the ones of the direct exports:
// CSV exactly as §7.1/§7.2 (Go encoding/csv), JSON as the bucket objects of §6.1 or the UsageEvent
// objects of §5.1 — an array followed by a newline for `json`, one object per line for `ndjson`.
// Constant fields (meter, unit, …) are encoded once per file, not once per row.
class ExportWriter
{
public:
    static constexpr qsizetype kFlushThreshold = 256 * 1024;

    ExportWriter(ExportFormat format, QByteArray *target);
    ExportWriter(ExportFormat format, QIODevice *device);
    ExportWriter(const ExportWriter &) = delete;
    ExportWriter &operator=(const ExportWriter &) = delete;

    struct FormattedSecond
    {
        qint64 second = std::numeric_limits<qint64>::min();
        char text[32];
        int length = 0;
    };
    FormattedSecond m_timestamps[2]; // event_time, received_at

    // Bucket files: the CSV header depends only on the (normalized) group_by, so it is written even
    // when no row follows. Without `header`, nothing is written: the rows are a slice of a file that
    // another writer begins (see appendEncodedRows).
    void beginBuckets(const QStringList &groupBy, bool header = true);
    void bucketRow(const query::BucketResult &meta, const query::UsageBucket &row);
    void beginEvents();
    void eventRow(const UsageEvent &event);
    // The same bytes from a stored row's UTF-8 columns (CSV without converting a field).
    void eventRow(const UsageEventRows &page, const UsageEventRows::Row &row);
    // `rows` rows another writer of the same format encoded without a header (a slice of this file).
    void appendEncodedRows(QByteArrayView bytes, qint64 rows);
    // Closes a JSON array and writes what is buffered. False when any device write failed.
    bool finish();

    bool hasError() const { return m_error; }
    // The device's error text, taken when the first write failed.
    QString errorString() const { return m_errorString; }
    qint64 rowsWritten() const { return m_rows; }
    // Bytes handed to the target so far (including buffered ones).
    qint64 bytesWritten() const { return m_flushedBytes + m_out->size(); }

private:
    void beginRow();
    void endRow();
    bool flush();
    void prepareBucketConstants(const query::BucketResult &meta);
    // RFC 3339 seconds; consecutive rows mostly share their second, so the last text is reused.
    void appendTimestamp(qint64 ns, int slot);

    ExportFormat m_format;
    QByteArray m_buffer; // device mode
    QByteArray *m_out = nullptr;
    QIODevice *m_device = nullptr;
    qint64 m_flushedBytes = 0;
    qint64 m_rows = 0;
    bool m_error = false;
    QString m_errorString;

    // Bucket files
    QStringList m_groupBy;
    QList<qsizetype> m_extraColumns; // CSV: group_by columns other than subject, in request order
    QList<qsizetype> m_sortedGroupKeys; // JSON: group keys in byte order (Go map encoding)
    bool m_constantsReady = false;
    QByteArray m_csvMiddle; // ",meter,bucket_size,aggregation,unit,"
    QByteArray m_jsonMiddle; // ,"meter":…,"bucket_size":…,"bucket_start":
    QByteArray m_jsonTail; // ,"aggregation":…,"unit":…,"quantity":
};

} // namespace osc
