#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVariant>

namespace osc::reports {

// A built usage report: one row per (entity, [group value,] meter), values parallel to `columns`
// (strings, and integers/doubles for event_count and quantity). The same table is answered as JSON
// rows and written as the CSV file of an export job.
struct UsageReport
{
    QString dataType; // as requested
    QStringList columns;
    QList<QVariantList> rows;
    QString fromText; // the resolved range (UsageReportRequest::fromText/toText)
    QString toText;
};

// CSV with a header line, fields quoted as the other exports quote them.
QByteArray usageReportCsv(const UsageReport &report);
// `{"success":true,"data":[…],"metadata":{"dataType","recordCount","dateRange":{"from","to"}}}`
QByteArray usageReportJson(const UsageReport &report);
// The answer of the CSV routes: `{"success":true,"data":{"filePath","downloadUrl","dataType",
// "recordCount","dateRange"}}`.
QByteArray usageReportFileJson(
    const UsageReport &report, const QString &filePath, const QString &downloadUrl);

} // namespace osc::reports
