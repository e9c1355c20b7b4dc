#include "JsonRowWriter.h"

#include "format/JsonWriter.h"
#include "wire/UsageJson.h"

#include <algorithm>

namespace osc {

JsonRowWriter::JsonRowWriter(ExportSink &sink, Framing framing)
    : m_sink(sink)
    , m_framing(framing)
{ }

void JsonRowWriter::beginBuckets(const QStringList &groupBy, bool header)
{
    m_groupBy = groupBy;
    for (qsizetype i = 0; i < groupBy.size(); ++i)
        m_sortedGroupKeys.append(i);
    // Go sorts map keys by bytes; group_by fields are ASCII (dimension grammar).
    std::sort(m_sortedGroupKeys.begin(), m_sortedGroupKeys.end(),
        [&](qsizetype a, qsizetype b) { return groupBy.at(a) < groupBy.at(b); });
    beginEvents(header);
}

void JsonRowWriter::beginEvents(bool header)
{
    if (header && m_framing == Framing::Array)
        m_sink.out().append('[');
}

void JsonRowWriter::prepareBucketConstants(const query::BucketResult &meta)
{
    m_middle = ",\"meter\":";
    wire::appendJsonString(m_middle, meta.meter);
    m_middle += ",\"bucket_size\":";
    wire::appendJsonString(m_middle, meta.bucketSize);
    m_middle += ",\"bucket_start\":";
    m_tail = ",\"aggregation\":";
    wire::appendJsonString(m_tail, aggregationName(meta.aggregation));
    m_tail += ",\"unit\":";
    wire::appendJsonString(m_tail, meta.unit);
    m_tail += ",\"quantity\":";
    m_constantsReady = true;
}

void JsonRowWriter::beginRow()
{
    if (m_framing == Framing::Array && m_sink.rowsWritten() > 0)
        m_sink.out().append(',');
}

void JsonRowWriter::endRow()
{
    if (m_framing == Framing::Lines)
        m_sink.out().append('\n');
    m_sink.rowWritten();
}

void JsonRowWriter::bucketRow(const query::BucketResult &meta, const query::UsageBucket &row)
{
    if (!m_constantsReady)
        prepareBucketConstants(meta);
    beginRow();
    QByteArray &out = m_sink.out();
    out += "{\"subject\":";
    wire::appendJsonString(out, row.subject);
    out += m_middle;
    wire::appendJsonString(out, row.bucketStart);
    out += m_tail;
    wire::appendJsonNumber(out, row.quantity);
    if (!m_groupBy.isEmpty()) {
        out += ",\"group\":{";
        for (qsizetype k = 0; k < m_sortedGroupKeys.size(); ++k) {
            if (k > 0)
                out += ',';
            wire::appendJsonString(out, m_groupBy.at(m_sortedGroupKeys.at(k)));
            out += ':';
            wire::appendJsonString(out, row.groupValues.value(m_sortedGroupKeys.at(k)));
        }
        out += '}';
    }
    out += '}';
    endRow();
}

void JsonRowWriter::eventRow(const UsageEvent &event)
{
    beginRow();
    wire::appendUsageEventJson(m_sink.out(), event);
    endRow();
}

void JsonRowWriter::eventRow(const UsageEventRows &page, const UsageEventRows::Row &row)
{
    // JSON escapes per UTF-16 unit (Go's rules live in appendJsonString): convert, then share the code.
    UsageEvent event;
    event.id = QString::fromUtf8(page.view(row.id));
    if (row.idempotencyKey.length >= 0)
        event.idempotencyKey = QString::fromUtf8(page.view(row.idempotencyKey));
    event.subject = QString::fromUtf8(page.view(row.subject));
    event.meter = QString::fromUtf8(page.view(row.meter));
    event.quantity = row.quantity;
    event.eventTimeNs = row.eventTimeNs;
    event.receivedAtNs = row.receivedAtNs;
    event.metadata = page.view(row.metadata).toByteArray();
    eventRow(event);
}

void JsonRowWriter::appendEncodedRows(QByteArrayView bytes, qint64 rows)
{
    if (rows <= 0)
        return;
    // A slice starts without a separator (its writer had written no row before).
    beginRow();
    m_sink.out().append(bytes);
    m_sink.rowWritten(rows);
}

void JsonRowWriter::finish()
{
    if (m_framing == Framing::Array)
        m_sink.out().append("]\n");
}

} // namespace osc
