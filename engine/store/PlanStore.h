#pragma once

#include "core/Result.h"
#include "model/Plan.h"

#include <functional>
#include <optional>

namespace osc {

// Which assignments to end and which to create, decided by the engine (plans/) and applied by the
// store in the same transaction that read the rows it was decided from.
struct AssignmentChange
{
    QList<QPair<QString, qint64>> ends; // assignment id → unassigned_at
    QList<PlanAssignment> inserts;
};

struct PlanRevision
{
    Plan next; // the new current version
    AssignmentChange assignments;
};

struct AssignmentListQuery
{
    QString subject; // empty = every subject
    QString planId; // empty = every plan
    bool includeHistory = false; // false: only rows not ended at nowNs
    qint64 nowNs = 0;
    int limit = 100;
};

enum class DeletePlanOutcome
{
    Deleted,
    NotFound,
    HasAssignments
};

struct EntitlementListQuery
{
    QString subject;
    QString meter;
    QString planId;
    std::optional<QuotaState> state;
    QString type; // events only
    std::optional<qint64> afterTimeNs; // events only: keyset cursor (created_at, id)
    QString afterId;
    int limit = 100; // events: the store returns up to limit + 1 rows
};

// Versioned plans, subject assignments, the usage counters the ingest transaction keeps for assigned
// subjects, and the entitlement worker's queue and records (contract §10). Every method is scoped by a
// workspace id (unless it says otherwise) and is safe to call from any thread.
class PlanStore
{
public:
    virtual ~PlanStore() = default;

    // Plans. Conflict ("plan name already exists") when a current plan of the workspace has the name.
    virtual Status insertPlan(const QString &workspaceId, const Plan &plan) = 0;
    // Any version, limits ordered by meter then period name.
    virtual Result<std::optional<Plan>> findPlan(const QString &workspaceId, const QString &id) = 0;
    // Current versions ordered by name.
    virtual Result<QList<Plan>> listCurrentPlans(const QString &workspaceId, int limit) = 0;
    // Reads the plan and its assignments not ended at `nowNs`, asks `revise` for the new version and the
    // assignment migration, and stores both (retiring the old version) in one write transaction.
    // NotFound when the plan does not exist; the name must stay unique among other current plans.
    using PlanReviser
        = std::function<Result<PlanRevision>(const Plan &current, const QList<PlanAssignment> &open)>;
    virtual Result<Plan> revisePlan(
        const QString &workspaceId, const QString &id, qint64 nowNs, const PlanReviser &revise)
        = 0;
    virtual Result<DeletePlanOutcome> deletePlanIfUnassigned(const QString &workspaceId, const QString &id)
        = 0;
    // Whether any plan version has a limit on the meter (a meter delete must not orphan it, Q9).
    virtual Result<bool> meterInPlans(const QString &workspaceId, const QString &meterName) = 0;

    // Assignments. Reads the plan and every assignment of the subject, asks `decide` for the change and
    // applies it in one write transaction; the result is the first inserted row. NotFound when the plan
    // does not exist.
    using AssignmentDecider = std::function<Result<AssignmentChange>(
        const Plan &plan, const QList<PlanAssignment> &subjectAssignments)>;
    virtual Result<PlanAssignment> assignSubject(const QString &workspaceId, const QString &subject,
        const QString &planId, const AssignmentDecider &decide)
        = 0;
    // Ends every assignment of the subject not ended at `nowNs`; false when there was none.
    virtual Result<bool> endSubjectAssignments(
        const QString &workspaceId, const QString &subject, qint64 nowNs)
        = 0;
    // Ordered updated_at DESC, assigned_at DESC, subject ASC; plan name and version filled in.
    virtual Result<QList<PlanAssignment>> listAssignments(
        const QString &workspaceId, const AssignmentListQuery &query)
        = 0;
    // Every assignment (history included) of one subject, newest assigned_at first.
    virtual Result<QList<PlanAssignment>> subjectAssignments(
        const QString &workspaceId, const QString &subject)
        = 0;

    // Usage counters (written by the ingest transaction, §10.4).
    virtual Result<std::optional<UsageCounter>> findUsageCounter(const QString &workspaceId,
        const QString &subject, const QString &meter, PlanPeriod period, qint64 periodStartNs)
        = 0;

    // Reservations (opt-in). Reads the window's counter and the live reservations of the same subject,
    // meter, period and window (expires_at > nowNs; a reservation with the same key is replaced, not
    // added), asks `decide` whether `reservation` fits, and records it when it does — one write
    // transaction, so concurrent reservations never over-allocate. Returns the decider's answer.
    using ReservationDecider
        = std::function<Result<bool>(const std::optional<UsageCounter> &counter, double reservedTotal)>;
    virtual Result<bool> reserveQuota(const QString &workspaceId, const QuotaReservation &reservation,
        qint64 nowNs, const ReservationDecider &decide)
        = 0;
    // Σ quantity of live reservations for one window.
    virtual Result<double> reservedQuantity(const QString &workspaceId, const QString &subject,
        const QString &meter, PlanPeriod period, qint64 periodStartNs, qint64 nowNs)
        = 0;
    virtual Status deleteExpiredReservations(qint64 nowNs) = 0;

    // Entitlement worker. Takes up to `max` queued jobs whose run_after has come (removing them).
    virtual Result<QList<EntitlementJob>> takeEntitlementJobs(qint64 nowNs, int max) = 0;
    virtual Result<std::optional<EntitlementState>> findEntitlementState(const QString &workspaceId,
        const QString &subject, const QString &meter, const QString &planId, PlanPeriod period)
        = 0;
    // Upserts the state and the period snapshot, and appends `event` when given, in one transaction.
    virtual Status saveEntitlementEvaluation(const QString &workspaceId, const EntitlementState &state,
        const PeriodSnapshot &snapshot, const std::optional<EntitlementEvent> &event)
        = 0;
    // Newest update first.
    virtual Result<QList<EntitlementState>> listEntitlementStates(
        const QString &workspaceId, const EntitlementListQuery &query)
        = 0;
    // created_at DESC, id DESC; up to limit + 1 rows.
    virtual Result<QList<EntitlementEvent>> listEntitlementEvents(
        const QString &workspaceId, const EntitlementListQuery &query)
        = 0;
    // period_start DESC.
    virtual Result<QList<PeriodSnapshot>> listPeriodSnapshots(
        const QString &workspaceId, const EntitlementListQuery &query)
        = 0;
};

} // namespace osc
