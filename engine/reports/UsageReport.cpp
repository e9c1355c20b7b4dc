#include "UsageReport.h"

#include "format/CsvWriter.h"
#include "format/JsonWriter.h"

namespace osc::reports {

namespace {

void appendJsonValue(QByteArray &out, const QVariant &value)
{
    switch (value.typeId()) {
    case QMetaType::LongLong:
    case QMetaType::Int:
        out += QByteArray::number(value.toLongLong());
        return;
    case QMetaType::Double:
        wire::appendJsonNumber(out, value.toDouble());
        return;
    default:
        wire::appendJsonString(out, value.toString());
    }
}

void appendDateRange(QByteArray &out, const UsageReport &report)
{
    out += "\"dateRange\":{\"from\":";
    wire::appendJsonString(out, report.fromText);
    out += ",\"to\":";
    wire::appendJsonString(out, report.toText);
    out += '}';
}

} // namespace

QByteArray usageReportCsv(const UsageReport &report)
{
    QByteArray out;
    for (qsizetype c = 0; c < report.columns.size(); ++c) {
        if (c > 0)
            out += ',';
        csv::appendField(out, QStringView(report.columns.at(c)));
    }
    out += '\n';
    for (const QVariantList &row : report.rows) {
        for (qsizetype c = 0; c < row.size(); ++c) {
            if (c > 0)
                out += ',';
            const QVariant &value = row.at(c);
            if (value.typeId() == QMetaType::Double)
                out += csv::formatQuantity(value.toDouble()).toUtf8();
            else if (value.typeId() == QMetaType::LongLong || value.typeId() == QMetaType::Int)
                out += QByteArray::number(value.toLongLong());
            else
                csv::appendField(out, QStringView(value.toString()));
        }
        out += '\n';
    }
    return out;
}

QByteArray usageReportJson(const UsageReport &report)
{
    QByteArray out = "{\"success\":true,\"data\":[";
    for (qsizetype r = 0; r < report.rows.size(); ++r) {
        if (r > 0)
            out += ',';
        out += '{';
        const QVariantList &row = report.rows.at(r);
        for (qsizetype c = 0; c < report.columns.size(); ++c) {
            if (c > 0)
                out += ',';
            wire::appendJsonString(out, report.columns.at(c));
            out += ':';
            appendJsonValue(out, row.value(c));
        }
        out += '}';
    }
    out += "],\"metadata\":{\"dataType\":";
    wire::appendJsonString(out, report.dataType);
    out += ",\"recordCount\":" + QByteArray::number(report.rows.size()) + ',';
    appendDateRange(out, report);
    out += "}}";
    return out;
}

QByteArray usageReportFileJson(const UsageReport &report, const QString &filePath, const QString &downloadUrl)
{
    QByteArray out = "{\"success\":true,\"data\":{\"filePath\":";
    wire::appendJsonString(out, filePath);
    out += ",\"downloadUrl\":";
    wire::appendJsonString(out, downloadUrl);
    out += ",\"dataType\":";
    wire::appendJsonString(out, report.dataType);
    out += ",\"recordCount\":" + QByteArray::number(report.rows.size()) + ',';
    appendDateRange(out, report);
    out += "}}";
    return out;
}

} // namespace osc::reports
