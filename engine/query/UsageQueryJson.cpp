// Wire forms of the query results: bucket JSON (§6.1), bucket CSV (§7.1), breakdowns (§6.7) and
// dimension values (§6.8), written straight into bytes with the Go-compatible writers.
#include "UsageQuery.h"

#include "format/CsvWriter.h"
#include "format/JsonWriter.h"

#include <algorithm>

namespace osc::query {

namespace {

void appendKey(QByteArray &out, const char *key)
{
    out += '"';
    out += key;
    out += "\":";
}

// `{"field":…,"value":…,` — the start of a breakdown (§6.7) or dimension-value (§6.8) item.
void appendItemStart(QByteArray &out, const QString &field, const QString &value)
{
    out += '{';
    appendKey(out, "field");
    wire::appendJsonString(out, field);
    out += ',';
    appendKey(out, "value");
    wire::appendJsonString(out, value);
    out += ',';
}

} // namespace

QByteArray bucketsJson(const BucketResult &result)
{
    QByteArray out;
    out.reserve(64 + result.rows.size() * 200);
    const QString aggregation = aggregationName(result.aggregation);
    // Go marshals a map with its keys sorted by bytes; group_by fields are ASCII (dimension grammar).
    QList<qsizetype> keyOrder;
    for (qsizetype i = 0; i < result.groupBy.size(); ++i)
        keyOrder.append(i);
    std::sort(keyOrder.begin(), keyOrder.end(),
        [&](qsizetype a, qsizetype b) { return result.groupBy.at(a) < result.groupBy.at(b); });

    out += '[';
    for (qsizetype r = 0; r < result.rows.size(); ++r) {
        const UsageBucket &row = result.rows.at(r);
        if (r > 0)
            out += ',';
        out += '{';
        appendKey(out, "subject");
        wire::appendJsonString(out, row.subject);
        out += ',';
        appendKey(out, "meter");
        wire::appendJsonString(out, result.meter);
        out += ',';
        appendKey(out, "bucket_size");
        wire::appendJsonString(out, result.bucketSize);
        out += ',';
        appendKey(out, "bucket_start");
        wire::appendJsonString(out, row.bucketStart);
        out += ',';
        appendKey(out, "aggregation");
        wire::appendJsonString(out, aggregation);
        out += ',';
        appendKey(out, "unit");
        wire::appendJsonString(out, result.unit);
        out += ',';
        appendKey(out, "quantity");
        wire::appendJsonNumber(out, row.quantity);
        if (!result.groupBy.isEmpty()) {
            out += ',';
            appendKey(out, "group");
            out += '{';
            for (qsizetype k = 0; k < keyOrder.size(); ++k) {
                if (k > 0)
                    out += ',';
                wire::appendJsonString(out, result.groupBy.at(keyOrder.at(k)));
                out += ':';
                wire::appendJsonString(out, row.groupValues.value(keyOrder.at(k)));
            }
            out += '}';
        }
        out += '}';
    }
    out += ']';
    return out;
}

QByteArray bucketsCsv(const BucketResult &result)
{
    QByteArray out;
    csv::CsvWriter writer(&out);
    QList<QString> header{QStringLiteral("bucket_start"), QStringLiteral("subject"), QStringLiteral("meter"),
        QStringLiteral("bucket_size"), QStringLiteral("aggregation"), QStringLiteral("unit"),
        QStringLiteral("quantity")};
    // Extra columns in normalized group_by order; subject grouping fills the subject column instead.
    QList<qsizetype> extra;
    for (qsizetype i = 0; i < result.groupBy.size(); ++i) {
        if (result.groupBy.at(i) == QLatin1String("subject"))
            continue;
        extra.append(i);
        header.append(result.groupBy.at(i));
    }
    writer.writeRow(header);
    const QString aggregation = aggregationName(result.aggregation);
    for (const UsageBucket &row : result.rows) {
        writer.field(row.bucketStart)
            .field(row.subject)
            .field(result.meter)
            .field(result.bucketSize)
            .field(aggregation)
            .field(result.unit)
            .quantityField(row.quantity);
        for (const qsizetype i : extra)
            writer.field(row.groupValues.value(i));
        writer.endRow();
    }
    return out;
}

QByteArray breakdownsJson(const BreakdownResult &result)
{
    QByteArray out = "{\"items\":[";
    const QString aggregation = aggregationName(result.aggregation);
    for (qsizetype i = 0; i < result.items.size(); ++i) {
        const BreakdownItem &item = result.items.at(i);
        if (i > 0)
            out += ',';
        appendItemStart(out, result.field, item.value);
        appendKey(out, "quantity");
        wire::appendJsonNumber(out, item.quantity);
        out += ',';
        appendKey(out, "events");
        wire::appendJsonNumber(out, double(item.events));
        out += ',';
        appendKey(out, "aggregation");
        wire::appendJsonString(out, aggregation);
        out += ',';
        appendKey(out, "unit");
        wire::appendJsonString(out, result.unit);
        out += '}';
    }
    out += "]}";
    return out;
}

QByteArray dimensionValuesJson(const DimensionValuesResult &result)
{
    QByteArray out = "{\"items\":[";
    for (qsizetype i = 0; i < result.items.size(); ++i) {
        const DimensionValue &item = result.items.at(i);
        if (i > 0)
            out += ',';
        appendItemStart(out, result.field, item.value);
        appendKey(out, "events");
        out += QByteArray::number(item.events);
        out += '}';
    }
    out += "]}";
    return out;
}

} // namespace osc::query
