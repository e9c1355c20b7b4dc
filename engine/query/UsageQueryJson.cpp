// Wire forms of the breakdowns (§6.7) and dimension values (§6.8), written straight into bytes with the
// Go-compatible writers. Bucket rows are written by export/ExportWriter (JSON lists and every export).
#include "UsageQuery.h"

#include "format/JsonWriter.h"

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

QByteArray breakdownsJson(const BreakdownResult &result)
{
    QByteArray out = "{\"items\":[";
    const QString aggregation = aggregationName(result.aggregation);
    for (qsizetype i = 0; i < result.items.size(); ++i) {
        const BreakdownItem &item = result.items.at(i);
        if (i > 0)
            out += ',';
        appendItemStart(out, result.field, item.value);
        if (result.byApiKey) {
            appendKey(out, "name");
            wire::appendJsonString(out, item.name);
            out += ',';
        }
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
