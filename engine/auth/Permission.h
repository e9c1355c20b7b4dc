#pragma once

#include "Principal.h"
#include "Scope.h"
#include "core/Result.h"

#include <QList>

namespace osc {

// Every protected operation of the REST surface. The HTTP router names one per route; the permission
// matrix below says what each needs.
enum class Operation
{
    CreateMeter,
    ListMeters,
    MeterStats,
    GetMeter,
    UpdateMeter,
    DeleteMeter,
    CreateUsage,
    CreateUsageBulk,
    ListUsageBuckets,
    SearchUsageBuckets,
    SearchBreakdowns,
    ListDimensionValues,
    ExportUsageBuckets,
    ListUsageEvents,
    SearchUsageEvents,
    ExportUsageEvents,
    PruneUsageEvents,
    ListPruneRuns,
    ListIngestions,
    ListSubjects,
    ListSubjectEvents,
    CreateExport,
    ListExports,
    GetExport,
    DownloadExport,
    CancelExport,
    RetryExport,
    SystemStats,
    // Plans and entitlements (§10)
    ListPlans,
    CreatePlan,
    GetPlan,
    UpdatePlan,
    PreviewPlan,
    DeletePlan,
    ListAssignments,
    AssignSubject,
    UnassignSubject,
    SubjectProgress,
    CheckEntitlement,
    ListEntitlementStates,
    ListEntitlementEvents,
    ListEntitlementPeriods,
    ListAlertRules,
    CreateAlertRule,
    ListAlertEvents,
    ReadAlertDestinations,
    WriteAlertDestinations, // create, update, delete, rotate the secret, send a test event
    GetAlertRule,
    UpdateAlertRule,
    DeleteAlertRule,
    EvaluateAlertRule,
    // Ours: the usage export reports (POST /export/{dataType}), exports:read and exports:usage.
    ExportUsageReport,
};

// Where the resource meter (checked against `allowed_meters`) comes from, as documented in §2.3.
enum class MeterSource
{
    Body,
    Query,
    StoredResource,
    None,
    System,
    // Every meter of the workspace, each checked by the service against `allowed_meters` (usage
    // reports read only the meters a key may access).
    EveryMeter,
};

struct PermissionRule
{
    Operation operation;
    QList<Action> actions; // all required
    MeterSource meterSource;
};

// The permission matrix of contract §2.3, written once.
const QList<PermissionRule> &permissionMatrix();
const PermissionRule &permissionRule(Operation operation);

// Decides whether `principal` may perform `operation` on `meters` (the resource meters; one empty string
// for requests that name no meter). Owners and sessions may do everything. Errors carry the §2.2 messages.
Status authorize(const Principal &principal, Operation operation, const QStringList &meters);

} // namespace osc
