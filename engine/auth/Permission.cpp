#include "Permission.h"

namespace osc {

const QList<PermissionRule> &permissionMatrix()
{
    using A = Action;
    using M = MeterSource;
    using O = Operation;
    static const QList<PermissionRule> matrix = {
        {O::CreateMeter, {A::MetersWrite}, M::Body},
        {O::ListMeters, {A::MetersRead}, M::Query},
        {O::MeterStats, {A::MetersRead}, M::None},
        {O::GetMeter, {A::MetersRead}, M::StoredResource},
        {O::UpdateMeter, {A::MetersWrite}, M::StoredResource},
        {O::DeleteMeter, {A::MetersWrite}, M::StoredResource},
        {O::CreateUsage, {A::UsageWrite}, M::Body},
        {O::CreateUsageBulk, {A::UsageWrite}, M::Body},
        {O::ListUsageBuckets, {A::UsageRead}, M::Query},
        {O::SearchUsageBuckets, {A::UsageRead}, M::Body},
        {O::SearchBreakdowns, {A::UsageRead}, M::Body},
        {O::ListDimensionValues, {A::UsageRead}, M::Query},
        {O::ExportUsageBuckets, {A::UsageRead, A::ExportsRead}, M::Query},
        {O::ListUsageEvents, {A::UsageRead}, M::Query},
        {O::SearchUsageEvents, {A::UsageRead}, M::Body},
        {O::ExportUsageEvents, {A::UsageRead, A::ExportsRead}, M::Query},
        {O::PruneUsageEvents, {A::UsageWrite}, M::None},
        {O::ListPruneRuns, {A::UsageRead}, M::None},
        {O::ListIngestions, {A::UsageRead}, M::None},
        {O::ListSubjects, {A::UsageRead}, M::None},
        {O::ListSubjectEvents, {A::UsageRead}, M::None},
        {O::CreateExport, {A::UsageRead, A::ExportsWrite}, M::Body},
        {O::ListExports, {A::ExportsRead}, M::None},
        {O::GetExport, {A::ExportsRead}, M::StoredResource},
        {O::DownloadExport, {A::ExportsRead}, M::StoredResource},
        {O::CancelExport, {A::ExportsWrite}, M::StoredResource},
        {O::RetryExport, {A::ExportsWrite}, M::StoredResource},
        {O::SystemStats, {A::SystemRead}, M::System},
        {O::ListPlans, {A::PlansRead}, M::None},
        {O::CreatePlan, {A::PlansWrite}, M::Body},
        {O::GetPlan, {A::PlansRead}, M::StoredResource},
        {O::UpdatePlan, {A::PlansWrite}, M::StoredResource},
        {O::PreviewPlan, {A::PlansRead}, M::StoredResource},
        {O::DeletePlan, {A::PlansWrite}, M::StoredResource},
        {O::ListAssignments, {A::PlansRead}, M::None},
        {O::AssignSubject, {A::PlansWrite}, M::None},
        {O::UnassignSubject, {A::PlansWrite}, M::None},
        {O::SubjectProgress, {A::PlansRead}, M::None},
        {O::CheckEntitlement, {A::PlansRead}, M::Body},
        {O::ListEntitlementStates, {A::PlansRead}, M::Query},
        {O::ListEntitlementEvents, {A::PlansRead}, M::Query},
        {O::ListEntitlementPeriods, {A::PlansRead}, M::Query},
        {O::ListAlertRules, {A::AlertsRead}, M::Query},
        {O::CreateAlertRule, {A::AlertsWrite}, M::Body},
        {O::ListAlertEvents, {A::AlertsRead}, M::StoredResource},
        {O::ReadAlertDestinations, {A::AlertsRead}, M::None},
        {O::WriteAlertDestinations, {A::AlertsWrite}, M::None},
        {O::GetAlertRule, {A::AlertsRead}, M::StoredResource},
        {O::UpdateAlertRule, {A::AlertsWrite}, M::StoredResource},
        {O::DeleteAlertRule, {A::AlertsWrite}, M::StoredResource},
        {O::EvaluateAlertRule, {A::AlertsWrite}, M::StoredResource},
        {O::ExportUsageReport, {A::ExportsRead, A::ExportsUsage}, M::EveryMeter},
    };
    return matrix;
}

const PermissionRule &permissionRule(Operation operation)
{
    for (const PermissionRule &rule : permissionMatrix())
        if (rule.operation == operation)
            return rule;
    Q_UNREACHABLE();
}

namespace {

// Contract §2.2 (upstream internal/auth/authorization.go): the scope string, then the singular word
// for the resource type: "usage:write" → "not allowed to usage:write usage", "meters:write" →
// "not allowed to meters:write meter".
QString notAllowed(Action action)
{
    const QString name = actionName(action);
    QString resource = name.section(QLatin1Char(':'), 0, 0);
    if (resource != QLatin1StringView("usage") && resource != QLatin1StringView("system")
        && resource.endsWith(QLatin1Char('s')))
        resource.chop(1); // meters → meter, exports → export, alerts → alert, plans → plan
    return QStringLiteral("not allowed to %1 %2").arg(name, resource);
}

} // namespace

Status authorize(const Principal &principal, Operation operation, const QStringList &meters)
{
    // Owners and dashboard sessions are allowed everything in their workspace (contract §2.2).
    if (principal.kind == Principal::Kind::Owner || principal.kind == Principal::Kind::Session)
        return {};
    const PermissionRule &rule = permissionRule(operation);
    for (const Action action : rule.actions)
        if (!scopes::grants(principal.scopes, action))
            return Error::forbidden(notAllowed(action));
    if (rule.meterSource == MeterSource::System || rule.meterSource == MeterSource::EveryMeter
        || principal.allowedMeters.isEmpty() || principal.allowedMeters.contains(QLatin1StringView("*")))
        return {};
    const QStringList checked = meters.isEmpty() ? QStringList{QString()} : meters;
    for (const QString &meter : checked)
        if (!principal.allowedMeters.contains(meter))
            return Error::forbidden(QStringLiteral("api key cannot access meter \"%1\"").arg(meter));
    return {};
}

} // namespace osc
