#pragma once

#include "core/Result.h"
#include "core/TimeNs.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>

namespace osc::reports {

// What a usage report lists, one row per (entity, meter). `agents` and `assistants` are the same
// report (the peer keeps both names).
enum class ReportType
{
    Users, // subjects
    Agents, // the meter dimension of the workspace's agent setting (default `agent`)
    ApiKeys, // the key that wrote the events
    Projects, // the project dimension (default `project`)
    Models, // the model dimension (default `model`)
};

enum class ReportFormat
{
    Csv,
    Json,
};

// The longest period one report covers: a year, leap day included. Longer ranges are refused (400)
// rather than scanned: the peer's reports are for billing periods, and a report runs on the request.
inline constexpr qint64 kMaxReportRangeDays = 366;

// The path names of the report types (`users`, `assistants`, `agents`, `api-keys`, `projects`,
// `models`); unknown → nullopt (404).
std::optional<ReportType> reportTypeFromName(QStringView dataType);
// `group_by` values a report type accepts (the peer's table; `deployment` exists for BYOK workspaces
// only, which this product has none of).
QStringList supportedGroupBy(ReportType type);

// One end of the requested range as sent: a local date-time in an IANA zone.
struct LocalDateTime
{
    QString date; // after stripping one trailing `Z`
    QString timeZone;
};

// A request after decoding and validation. `from`/`to` are the instants of the local times; `to` is
// inclusive at millisecond precision (the peer's `23:59:59.999`), so toNs is one millisecond after it.
struct UsageReportRequest
{
    QString dataType; // as requested (`assistants` stays `assistants` in the answer)
    ReportType type = ReportType::Users;
    LocalDateTime from;
    LocalDateTime to;
    QString groupBy; // empty = none
    TimeNs fromNs;
    TimeNs toNs; // exclusive
    QString fromText; // the resolved range: local time with milliseconds and the zone's offset
    QString toText;
    QString fromDate; // local calendar dates: period_start / period_end of the rows
    QString toDate;
};

// Decodes and checks a request body of POST /export/{dataType}: 400 for a body that is not a JSON
// object, missing or malformed dates, unknown zones, `from` after `to`, a range over
// kMaxReportRangeDays and unsupported group_by values (the peer's message forms); 404 for an unknown
// data type. A trailing `Z` on a date is removed, so the zone is applied once, as the peer does.
Result<UsageReportRequest> parseUsageReportRequest(const QString &dataType, const QByteArray &body);

// The stored form of a request (export jobs keep it to rebuild the report on retry), and back.
QByteArray usageReportRequestJson(const UsageReportRequest &request);

} // namespace osc::reports
