#include "CsvRowWriter.h"

#include "core/Rfc3339.h"
#include "format/CsvWriter.h"

namespace osc {

namespace {

const QString kSubjectField = QStringLiteral("subject");

} // namespace

CsvRowWriter::CsvRowWriter(ExportSink &sink, bool formulaGuard)
    : m_sink(sink)
    , m_formulaGuard(formulaGuard)
{ }

template <typename Text> void CsvRowWriter::appendText(QByteArray &out, const Text &field)
{
    csv::appendGuardedField(out, field, m_formulaGuard);
}

void CsvRowWriter::appendTimestamp(TimeNs ns, int slot)
{
    // Floor division: output truncates toward the earlier second, before 1970 too.
    const qint64 second = ns.floorSeconds();
    FormattedSecond &cached = m_timestamps[slot];
    if (cached.second != second) {
        cached.second = second;
        cached.length = rfc3339::formatSeconds(ns, cached.text);
    }
    m_sink.out().append(cached.text, cached.length);
}

void CsvRowWriter::appendQuantity(double value)
{
    char text[csv::kQuantityBufferSize];
    m_sink.out().append(text, csv::formatQuantity(value, text));
}

void CsvRowWriter::beginBuckets(const QStringList &groupBy, bool header)
{
    // Extra columns in normalized group_by order; subject grouping fills the subject column instead.
    for (qsizetype i = 0; i < groupBy.size(); ++i)
        if (groupBy.at(i) != kSubjectField)
            m_extraColumns.append(i);
    if (!header)
        return;
    QByteArray &out = m_sink.out();
    out.append("bucket_start,subject,meter,bucket_size,aggregation,unit,quantity");
    for (const qsizetype i : std::as_const(m_extraColumns)) {
        out.append(',');
        appendText(out, QStringView(groupBy.at(i)));
    }
    out.append('\n');
}

void CsvRowWriter::beginEvents(bool header)
{
    if (header)
        m_sink.out().append("timestamp,received_at,subject,meter,quantity,metadata,id,idempotency_key\n");
}

void CsvRowWriter::prepareBucketConstants(const query::BucketResult &meta)
{
    m_middle = ",";
    appendText(m_middle, QStringView(meta.meter));
    m_middle += ',';
    appendText(m_middle, QStringView(meta.bucketSize));
    m_middle += ',';
    csv::appendField(m_middle, aggregationName(meta.aggregation));
    m_middle += ',';
    appendText(m_middle, QStringView(meta.unit));
    m_middle += ',';
    m_constantsReady = true;
}

void CsvRowWriter::bucketRow(const query::BucketResult &meta, const query::UsageBucket &row)
{
    if (!m_constantsReady)
        prepareBucketConstants(meta);
    QByteArray &out = m_sink.out();
    csv::appendField(out, row.bucketStart);
    out += ',';
    appendText(out, QStringView(row.subject));
    out += m_middle;
    appendQuantity(row.quantity);
    for (const qsizetype i : std::as_const(m_extraColumns)) {
        out += ',';
        appendText(out, QStringView(row.groupValues.value(i)));
    }
    out += '\n';
    m_sink.rowWritten();
}

void CsvRowWriter::eventRow(const UsageEvent &event)
{
    QByteArray &out = m_sink.out();
    appendTimestamp(event.eventTimeNs, 0);
    out += ',';
    appendTimestamp(event.receivedAtNs, 1);
    out += ',';
    appendText(out, QStringView(event.subject));
    out += ',';
    appendText(out, QStringView(event.meter));
    out += ',';
    appendQuantity(event.quantity);
    out += ',';
    appendText(out, QByteArrayView(event.metadata));
    out += ',';
    csv::appendField(out, event.id);
    out += ',';
    if (event.idempotencyKey)
        appendText(out, QStringView(*event.idempotencyKey));
    out += '\n';
    m_sink.rowWritten();
}

void CsvRowWriter::eventRow(const UsageEventRows &page, const UsageEventRows::Row &row)
{
    // Stored text is the UTF-8 of the ingested QString, so encoding its bytes gives the bytes the
    // QString path gives (quoting looks at the same characters).
    QByteArray &out = m_sink.out();
    appendTimestamp(row.eventTimeNs, 0);
    out += ',';
    appendTimestamp(row.receivedAtNs, 1);
    out += ',';
    appendText(out, page.view(row.subject));
    out += ',';
    appendText(out, page.view(row.meter));
    out += ',';
    appendQuantity(row.quantity);
    out += ',';
    appendText(out, page.view(row.metadata));
    out += ',';
    csv::appendField(out, page.view(row.id));
    out += ',';
    appendText(out, page.view(row.idempotencyKey));
    out += '\n';
    m_sink.rowWritten();
}

void CsvRowWriter::appendEncodedRows(QByteArrayView bytes, qint64 rows)
{
    if (rows <= 0)
        return;
    m_sink.out().append(bytes);
    m_sink.rowWritten(rows);
}

} // namespace osc
