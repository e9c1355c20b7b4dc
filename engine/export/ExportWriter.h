#pragma once

#include "export/CsvRowWriter.h"
#include "export/ExportSink.h"
#include "export/JsonRowWriter.h"
#include "model/ExportJob.h"
#include "model/UsageEvent.h"
#include "query/UsageQuery.h"
#include "store/EventReads.h"

#include <QByteArray>
#include <QList>
#include <QStringList>

#include <optional>

class QIODevice;

namespace osc {

// Writes export rows in one of the export formats, to a byte array (direct exports, bucket lists) or
// buffered to a device (job files, flat memory whatever the size): the sink of the format's writer
// (CsvRowWriter for CSV exactly as §7.1/§7.2, JsonRowWriter for `json` and `ndjson`). Direct exports,
// bucket lists and export jobs all write through it, so each layout exists once.
class ExportWriter
{
public:
    static constexpr qsizetype kFlushThreshold = ExportSink::kFlushThreshold;

    // `csvFormulaGuard` applies to CSV only (CsvRowWriter): JSON strings are never run as formulas.
    ExportWriter(ExportFormat format, QByteArray *target, bool csvFormulaGuard = false);
    ExportWriter(ExportFormat format, QIODevice *device, bool csvFormulaGuard = false);
    ExportWriter(const ExportWriter &) = delete;
    ExportWriter &operator=(const ExportWriter &) = delete;

    // A whole result in `format` (header, rows, closing): direct exports and the bucket list JSON.
    static QByteArray buckets(
        ExportFormat format, const query::BucketResult &result, bool csvFormulaGuard = false);
    static QByteArray events(
        ExportFormat format, const QList<UsageEvent> &events, bool csvFormulaGuard = false);

    // Bucket files: the CSV header depends only on the (normalized) group_by, so it is written even
    // when no row follows. Without `header`, nothing is written: the rows are a slice of a file that
    // another writer begins (see appendEncodedRows).
    void beginBuckets(const QStringList &groupBy, bool header = true);
    void bucketRow(const query::BucketResult &meta, const query::UsageBucket &row)
    {
        if (m_csv)
            m_csv->bucketRow(meta, row);
        else
            m_json->bucketRow(meta, row);
    }
    void beginEvents();
    void eventRow(const UsageEvent &event)
    {
        if (m_csv)
            m_csv->eventRow(event);
        else
            m_json->eventRow(event);
    }
    // The same bytes from a stored row's UTF-8 columns (CSV without converting a field).
    void eventRow(const UsageEventRows &page, const UsageEventRows::Row &row)
    {
        if (m_csv)
            m_csv->eventRow(page, row);
        else
            m_json->eventRow(page, row);
    }
    // `rows` rows another writer of the same format encoded without a header (a slice of this file).
    void appendEncodedRows(QByteArrayView bytes, qint64 rows);
    // Closes a JSON array and writes what is buffered. False when any device write failed.
    bool finish();

    bool hasError() const { return m_sink.hasError(); }
    // The device's error text, taken when the first write failed.
    QString errorString() const { return m_sink.errorString(); }
    qint64 rowsWritten() const { return m_sink.rowsWritten(); }
    // Bytes handed to the target so far (including buffered ones).
    qint64 bytesWritten() const { return m_sink.bytesWritten(); }

private:
    void createWriter(ExportFormat format, bool csvFormulaGuard);

    ExportSink m_sink;
    std::optional<CsvRowWriter> m_csv;
    std::optional<JsonRowWriter> m_json;
};

} // namespace osc
