#include "UsageReports.h"

#include "auth/Permission.h"
#include "export/ExportJobs.h"
#include "filter/MetadataPath.h"
#include "query/ApiKeyUsage.h"
#include "query/UsageQuery.h"
#include "store/MeterStore.h"
#include "store/UsageScans.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace osc::reports {

namespace {

constexpr int kMeterPage = 500;

Error noData()
{
    return Error{ErrorKind::NotFound, QStringLiteral("NOT_FOUND"),
        QStringLiteral("No usage data found for the selected period")};
}

// The columns naming a row's entity, by report type.
QStringList entityColumns(ReportType type)
{
    switch (type) {
    case ReportType::Users:
        return {QStringLiteral("user_id")};
    case ReportType::ApiKeys:
        return {QStringLiteral("api_key_id"), QStringLiteral("api_key_name")};
    case ReportType::Models:
        return {QStringLiteral("model")};
    case ReportType::Projects:
        return {QStringLiteral("project")};
    case ReportType::Agents:
        return {QStringLiteral("agent")};
    }
    return {};
}

std::optional<ReportDimensions::Entity> entityDimension(ReportType type)
{
    switch (type) {
    case ReportType::Models:
        return ReportDimensions::Entity::Model;
    case ReportType::Projects:
        return ReportDimensions::Entity::Project;
    case ReportType::Agents:
        return ReportDimensions::Entity::Agent;
    case ReportType::Users:
    case ReportType::ApiKeys:
        break;
    }
    return std::nullopt;
}

Result<QList<Meter>> allMeters(MeterStore &meters, const QString &workspaceId)
{
    QList<Meter> out;
    MeterListQuery query;
    query.limit = kMeterPage;
    for (;;) {
        auto page = meters.listMeters(workspaceId, query);
        if (!page)
            return page.error();
        const bool more = page->size() > kMeterPage;
        if (more)
            page->resize(kMeterPage);
        out += page.value();
        if (!more || page->isEmpty())
            return out;
        query.afterName = page->last().name;
    }
}

bool allowsMeter(const Principal &principal, const QString &meter)
{
    return principal.kind != Principal::Kind::ApiKey || principal.allowedMeters.isEmpty()
        || principal.allowedMeters.contains(QLatin1StringView("*"))
        || principal.allowedMeters.contains(meter);
}

} // namespace

UsageReports::UsageReports(MeterStore &meters, AccountStore &settings, query::UsageQueries &queries,
    ExportJobs &jobs, const Clock &clock)
    : m_meters(meters)
    , m_queries(queries)
    , m_jobs(jobs)
    , m_dimensions(settings)
    , m_limiter(clock)
{ }

std::optional<qint64> UsageReports::admit(const Principal &principal)
{
    if (principal.kind != Principal::Kind::ApiKey)
        return std::nullopt;
    return m_limiter.acquire(principal.apiKeyId);
}

Result<UsageReport> UsageReports::build(const Principal &principal, const UsageReportRequest &request)
{
    if (auto s = authorize(principal, Operation::ExportUsageReport, {}); !s)
        return Error{ErrorKind::Forbidden, QStringLiteral("FORBIDDEN"), s.error().message};

    // The scan field of the entity: the subject, the writing key, or the configured dimension.
    QString entityField;
    if (request.type == ReportType::Users)
        entityField = kSubjectGroupField;
    else if (request.type == ReportType::ApiKeys)
        entityField = kApiKeyGroupField;
    else {
        auto dimension = m_dimensions.dimension(principal.workspaceId, *entityDimension(request.type));
        if (!dimension)
            return dimension.error();
        entityField = dimension.value();
    }
    QString groupField;
    if (!request.groupBy.isEmpty()) {
        auto dimension = m_dimensions.dimension(
            principal.workspaceId, *ReportDimensions::entityFromName(request.groupBy));
        if (!dimension)
            return dimension.error();
        groupField = dimension.value();
    }

    UsageReport report;
    report.dataType = request.dataType;
    report.fromText = request.fromText;
    report.toText = request.toText;
    report.columns = {QStringLiteral("period_start"), QStringLiteral("period_end"), QStringLiteral("org_id")};
    report.columns += entityColumns(request.type);
    if (!request.groupBy.isEmpty())
        report.columns.append(request.groupBy);
    report.columns += {QStringLiteral("meter"), QStringLiteral("unit"), QStringLiteral("aggregation"),
        QStringLiteral("event_count"), QStringLiteral("quantity")};

    auto meters = allMeters(m_meters, principal.workspaceId);
    if (!meters)
        return meters.error();
    // Sorted by entity, group value, then meter (meters come in name order).
    struct Keyed
    {
        QString entity;
        QString group;
        QString meter;
        QVariantList row;
    };
    QList<Keyed> rows;
    for (const Meter &meter : meters.value()) {
        if (!allowsMeter(principal, meter.name))
            continue;
        const bool entityIsDimension = entityField != kSubjectGroupField && entityField != kApiKeyGroupField;
        if (entityIsDimension && !meter.dimension(entityField))
            continue; // this meter does not record the entity
        // A meter without the group dimension still reports its entities, with an empty group value.
        const bool grouped = !groupField.isEmpty() && meter.dimension(groupField);
        query::TotalsQuery totals{principal.workspaceId, meter, request.fromNs, request.toNs, {entityField}};
        if (grouped)
            totals.groupBy.append(groupField);
        auto groups = m_queries.totals(totals);
        if (!groups)
            return groups.error();
        for (const query::TotalsGroup &group : groups.value()) {
            const QString entity = group.values.value(0);
            if (entity.isEmpty() || entity == query::kNilGroupValue)
                continue; // no key (console ingestion), or the dimension missing on these events
            QString groupValue = grouped ? group.values.value(1) : QString();
            if (groupValue == query::kNilGroupValue)
                groupValue.clear();
            QVariantList row{request.fromDate, request.toDate, principal.workspaceId, entity};
            if (request.type == ReportType::ApiKeys)
                row.append(QString()); // the name, filled below
            if (!request.groupBy.isEmpty())
                row.append(groupValue);
            row += {meter.name, meter.unit, aggregationName(meter.aggregation), qint64(group.events),
                group.quantity};
            rows.append({entity, groupValue, meter.name, std::move(row)});
        }
    }
    if (rows.isEmpty())
        return noData();
    std::sort(rows.begin(), rows.end(), [](const Keyed &a, const Keyed &b) {
        if (a.entity != b.entity)
            return a.entity < b.entity;
        if (a.group != b.group)
            return a.group < b.group;
        return a.meter < b.meter;
    });
    query::ApiKeyNames names;
    if (request.type == ReportType::ApiKeys) {
        auto listed = m_queries.apiKeyNamesOf(principal.workspaceId);
        if (!listed)
            return listed.error();
        names = std::move(listed.value());
    }
    report.rows.reserve(rows.size());
    for (Keyed &keyed : rows) {
        if (request.type == ReportType::ApiKeys)
            keyed.row[4] = names.value(keyed.entity);
        report.rows.append(std::move(keyed.row));
    }
    return report;
}

Result<StoredUsageReport> UsageReports::store(const Principal &principal, const UsageReportRequest &request)
{
    auto report = build(principal, request);
    if (!report)
        return report.error();
    auto job = m_jobs.storeCompleted(principal, ExportKind::UsageReport, ExportFormat::Csv,
        usageReportRequestJson(request), usageReportCsv(report.value()), report->rows.size());
    if (!job)
        return job.error();
    StoredUsageReport stored{std::move(report.value()), std::move(job.value()), {}};
    stored.filePath = QStringLiteral("%1-usage/%2/%1-usage-%3-%4-%5.csv")
                          .arg(request.dataType, principal.workspaceId, request.fromDate, request.toDate,
                              stored.job.id.left(8));
    return stored;
}

Result<UsageReport> UsageReports::rebuild(const ExportJob &job)
{
    const QJsonObject stored = QJsonDocument::fromJson(job.query).object();
    auto request = parseUsageReportRequest(stored.value(QLatin1StringView("dataType")).toString(), job.query);
    if (!request)
        return request.error();
    return build(Principal::owner(job.workspaceId), request.value());
}

} // namespace osc::reports
