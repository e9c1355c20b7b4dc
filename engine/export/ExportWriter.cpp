#include "ExportWriter.h"

#include "core/Rfc3339.h"
#include "format/CsvWriter.h"
#include "format/JsonWriter.h"
#include "wire/UsageJson.h"

#include <QIODevice>

#include <algorithm>

namespace osc {

namespace {

const QString kSubjectField = QStringLiteral("subject");

void appendCsvQuantity(QByteArray &out, double value)
{
    char text[csv::kQuantityBufferSize];
    out.append(text, csv::formatQuantity(value, text));
}

} // namespace

ExportWriter::ExportWriter(ExportFormat format, QByteArray *target)
    : m_format(format)
    , m_out(target)
{ }

ExportWriter::ExportWriter(ExportFormat format, QIODevice *device)
    : m_format(format)
    , m_out(&m_buffer)
    , m_device(device)
{
    m_buffer.reserve(kFlushThreshold + 64 * 1024);
}

void ExportWriter::appendTimestamp(qint64 ns, int slot)
{
    // Floor division: output truncates toward the earlier second, before 1970 too.
    const qint64 second = ns >= 0 ? ns / 1'000'000'000 : -((-ns + 999'999'999) / 1'000'000'000);
    FormattedSecond &cached = m_timestamps[slot];
    if (cached.second != second) {
        cached.second = second;
        cached.length = rfc3339::formatSeconds(ns, cached.text);
    }
    m_out->append(cached.text, cached.length);
}

void ExportWriter::beginBuckets(const QStringList &groupBy, bool header)
{
    m_groupBy = groupBy;
    for (qsizetype i = 0; i < groupBy.size(); ++i) {
        m_sortedGroupKeys.append(i);
        if (groupBy.at(i) != kSubjectField)
            m_extraColumns.append(i);
    }
    // Go sorts map keys by bytes; group_by fields are ASCII (dimension grammar).
    std::sort(m_sortedGroupKeys.begin(), m_sortedGroupKeys.end(),
        [&](qsizetype a, qsizetype b) { return groupBy.at(a) < groupBy.at(b); });
    if (!header)
        return;
    switch (m_format) {
    case ExportFormat::Csv: {
        m_out->append("bucket_start,subject,meter,bucket_size,aggregation,unit,quantity");
        for (const qsizetype i : std::as_const(m_extraColumns)) {
            m_out->append(',');
            csv::appendField(*m_out, groupBy.at(i));
        }
        m_out->append('\n');
        break;
    }
    case ExportFormat::Json:
        m_out->append('[');
        break;
    case ExportFormat::Ndjson:
        break;
    }
}

void ExportWriter::beginEvents()
{
    switch (m_format) {
    case ExportFormat::Csv:
        m_out->append("timestamp,received_at,subject,meter,quantity,metadata,id,idempotency_key\n");
        break;
    case ExportFormat::Json:
        m_out->append('[');
        break;
    case ExportFormat::Ndjson:
        break;
    }
}

void ExportWriter::prepareBucketConstants(const query::BucketResult &meta)
{
    const QString aggregation = aggregationName(meta.aggregation);
    m_csvMiddle = ",";
    csv::appendField(m_csvMiddle, meta.meter);
    m_csvMiddle += ',';
    csv::appendField(m_csvMiddle, meta.bucketSize);
    m_csvMiddle += ',';
    csv::appendField(m_csvMiddle, aggregation);
    m_csvMiddle += ',';
    csv::appendField(m_csvMiddle, meta.unit);
    m_csvMiddle += ',';

    m_jsonMiddle = ",\"meter\":";
    wire::appendJsonString(m_jsonMiddle, meta.meter);
    m_jsonMiddle += ",\"bucket_size\":";
    wire::appendJsonString(m_jsonMiddle, meta.bucketSize);
    m_jsonMiddle += ",\"bucket_start\":";
    m_jsonTail = ",\"aggregation\":";
    wire::appendJsonString(m_jsonTail, aggregation);
    m_jsonTail += ",\"unit\":";
    wire::appendJsonString(m_jsonTail, meta.unit);
    m_jsonTail += ",\"quantity\":";
    m_constantsReady = true;
}

void ExportWriter::beginRow()
{
    if (m_format == ExportFormat::Json && m_rows > 0)
        m_out->append(',');
}

void ExportWriter::endRow()
{
    if (m_format != ExportFormat::Json)
        m_out->append('\n');
    ++m_rows;
    if (m_device && m_buffer.size() >= kFlushThreshold)
        flush();
}

void ExportWriter::bucketRow(const query::BucketResult &meta, const query::UsageBucket &row)
{
    if (!m_constantsReady)
        prepareBucketConstants(meta);
    beginRow();
    QByteArray &out = *m_out;
    if (m_format == ExportFormat::Csv) {
        csv::appendField(out, row.bucketStart);
        out += ',';
        csv::appendField(out, row.subject);
        out += m_csvMiddle;
        appendCsvQuantity(out, row.quantity);
        for (const qsizetype i : std::as_const(m_extraColumns)) {
            out += ',';
            csv::appendField(out, row.groupValues.value(i));
        }
    } else {
        out += "{\"subject\":";
        wire::appendJsonString(out, row.subject);
        out += m_jsonMiddle;
        wire::appendJsonString(out, row.bucketStart);
        out += m_jsonTail;
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
    }
    endRow();
}

void ExportWriter::eventRow(const UsageEvent &event)
{
    beginRow();
    QByteArray &out = *m_out;
    if (m_format == ExportFormat::Csv) {
        appendTimestamp(event.eventTimeNs, 0);
        out += ',';
        appendTimestamp(event.receivedAtNs, 1);
        out += ',';
        csv::appendField(out, event.subject);
        out += ',';
        csv::appendField(out, event.meter);
        out += ',';
        appendCsvQuantity(out, event.quantity);
        out += ',';
        csv::appendField(out, QByteArrayView(event.metadata));
        out += ',';
        csv::appendField(out, event.id);
        out += ',';
        if (event.idempotencyKey)
            csv::appendField(out, *event.idempotencyKey);
    } else {
        wire::appendUsageEventJson(out, event);
    }
    endRow();
}

void ExportWriter::eventRow(const UsageEventRows &page, const UsageEventRows::Row &row)
{
    if (m_format != ExportFormat::Csv) {
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
        return eventRow(event);
    }
    // Stored text is the UTF-8 of the ingested QString, so encoding its bytes gives the bytes the
    // QString path gives (quoting looks at the same characters).
    beginRow();
    QByteArray &out = *m_out;
    appendTimestamp(row.eventTimeNs, 0);
    out += ',';
    appendTimestamp(row.receivedAtNs, 1);
    out += ',';
    csv::appendField(out, page.view(row.subject));
    out += ',';
    csv::appendField(out, page.view(row.meter));
    out += ',';
    appendCsvQuantity(out, row.quantity);
    out += ',';
    csv::appendField(out, page.view(row.metadata));
    out += ',';
    csv::appendField(out, page.view(row.id));
    out += ',';
    csv::appendField(out, page.view(row.idempotencyKey));
    endRow();
}

void ExportWriter::appendEncodedRows(QByteArrayView bytes, qint64 rows)
{
    if (rows <= 0)
        return;
    // A JSON slice starts without a separator (its writer had written no row before).
    if (m_format == ExportFormat::Json && m_rows > 0)
        m_out->append(',');
    m_out->append(bytes);
    m_rows += rows;
    if (m_device && m_buffer.size() >= kFlushThreshold)
        flush();
}

bool ExportWriter::finish()
{
    if (m_format == ExportFormat::Json)
        m_out->append("]\n");
    return flush();
}

bool ExportWriter::flush()
{
    if (!m_device)
        return true;
    if (!m_error && !m_buffer.isEmpty()) {
        if (m_device->write(m_buffer) != m_buffer.size()) {
            m_error = true;
            m_errorString = m_device->errorString();
        } else {
            m_flushedBytes += m_buffer.size();
        }
    }
    m_buffer.resize(0); // keeps the capacity; after an error the bytes are dropped (memory stays flat)
    return !m_error;
}

} // namespace osc
