#include "ExportWriter.h"

namespace osc {

ExportWriter::ExportWriter(ExportFormat format, QByteArray *target, bool csvFormulaGuard)
    : m_sink(target)
{
    createWriter(format, csvFormulaGuard);
}

ExportWriter::ExportWriter(ExportFormat format, QIODevice *device, bool csvFormulaGuard)
    : m_sink(device)
{
    createWriter(format, csvFormulaGuard);
}

void ExportWriter::createWriter(ExportFormat format, bool csvFormulaGuard)
{
    switch (format) {
    case ExportFormat::Csv:
        m_csv.emplace(m_sink, csvFormulaGuard);
        break;
    case ExportFormat::Json:
        m_json.emplace(m_sink, JsonRowWriter::Framing::Array);
        break;
    case ExportFormat::Ndjson:
        m_json.emplace(m_sink, JsonRowWriter::Framing::Lines);
        break;
    }
}

QByteArray ExportWriter::buckets(ExportFormat format, const query::BucketResult &result, bool csvFormulaGuard)
{
    QByteArray out;
    ExportWriter writer(format, &out, csvFormulaGuard);
    writer.beginBuckets(result.groupBy);
    for (const query::UsageBucket &row : result.rows)
        writer.bucketRow(result, row);
    writer.finish();
    return out;
}

QByteArray ExportWriter::events(ExportFormat format, const QList<UsageEvent> &events, bool csvFormulaGuard)
{
    QByteArray out;
    ExportWriter writer(format, &out, csvFormulaGuard);
    writer.beginEvents();
    for (const UsageEvent &event : events)
        writer.eventRow(event);
    writer.finish();
    return out;
}

void ExportWriter::beginBuckets(const QStringList &groupBy, bool header)
{
    if (m_csv)
        m_csv->beginBuckets(groupBy, header);
    else
        m_json->beginBuckets(groupBy, header);
}

void ExportWriter::beginEvents()
{
    if (m_csv)
        m_csv->beginEvents();
    else
        m_json->beginEvents();
}

void ExportWriter::appendEncodedRows(QByteArrayView bytes, qint64 rows)
{
    if (m_csv)
        m_csv->appendEncodedRows(bytes, rows);
    else
        m_json->appendEncodedRows(bytes, rows);
}

bool ExportWriter::finish()
{
    if (m_json)
        m_json->finish();
    return m_sink.flush();
}

} // namespace osc
