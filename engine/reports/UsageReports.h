#pragma once

#include "ReportDimensions.h"
#include "ReportRateLimiter.h"
#include "UsageReport.h"
#include "UsageReportRequest.h"

#include "auth/Principal.h"
#include "core/Clock.h"
#include "core/Result.h"
#include "model/ExportJob.h"

namespace osc {

class AccountStore;
class ExportJobs;
class MeterStore;

namespace query {
class UsageQueries;
}

namespace reports {

// A report written to an export job's file (the CSV routes).
struct StoredUsageReport
{
    UsageReport report;
    ExportJob job; // completed, kind usage_report: its download serves the file
    QString filePath; // the peer's logical path: <type>-usage/<workspace>/<type>-usage-<from>-<to>-<id8>.csv
};

// The usage export reports (the peer's Usage Export API): per user, API key, model, project or agent,
// one row per (entity, meter) over a range given in local time, with event count and the meter's
// aggregate. Authorized by exports:read + exports:usage (Operation::ExportUsageReport); a key limited
// to some meters reports on those only. Rate-limited per API key.
class UsageReports
{
public:
    UsageReports(MeterStore &meters, AccountStore &settings, query::UsageQueries &queries, ExportJobs &jobs,
        const Clock &clock);

    // The request limit per key (ReportRateLimiter): nullopt, or the seconds to wait (429).
    std::optional<qint64> admit(const Principal &principal);
    ReportRateLimiter &rateLimiter() { return m_limiter; }
    ReportDimensions &dimensions() { return m_dimensions; }

    // 403 without the scopes, 404 NOT_FOUND "No usage data found for the selected period" when no row.
    Result<UsageReport> build(const Principal &principal, const UsageReportRequest &request);
    // build(), then the CSV written to the export directory as a completed export job.
    Result<StoredUsageReport> store(const Principal &principal, const UsageReportRequest &request);
    // A job's stored request built again (export workers, after a retry).
    Result<UsageReport> rebuild(const ExportJob &job);

private:
    MeterStore &m_meters;
    query::UsageQueries &m_queries;
    ExportJobs &m_jobs;
    ReportDimensions m_dimensions;
    ReportRateLimiter m_limiter;
};

} // namespace reports
} // namespace osc
