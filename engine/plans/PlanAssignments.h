#pragma once

#include "auth/Principal.h"
#include "core/Clock.h"
#include "core/Result.h"
#include "model/Plan.h"
#include "store/PlanStore.h"

#include <optional>

namespace osc {

// Subject assignments of contract §10.3: assign now or scheduled (effective_at), anchor inheritance,
// unassign, list, and the status computed at read time.
class PlanAssignments
{
public:
    PlanAssignments(PlanStore &store, const Clock &clock);

    // `effectiveAt` is RFC 3339 or empty (now); a past time means now. PUT /v1/plans/subjects/{subject}.
    Result<PlanAssignment> assign(const Principal &principal, const QString &subject, const QString &planId,
        const QString &effectiveAt);
    // Ends every open (active or scheduled) assignment at now; NotFound when there was none.
    Status unassign(const Principal &principal, const QString &subject);
    // `limit` 0 = default; without includeHistory only rows not ended yet.
    Result<QList<PlanAssignment>> list(const Principal &principal, const QString &subject,
        const QString &planId, bool includeHistory, qint64 limit);

    // The assignment in effect at `nowNs`, if any (no authorization: for the engine's own readers).
    Result<std::optional<PlanAssignment>> effective(
        const QString &workspaceId, const QString &subject, qint64 nowNs);

    // Status at `nowNs`: scheduled (assigned_at > now), active (not ended), ended. A scheduled row ended
    // before it started can never become effective and reads as ended (Q20).
    static AssignmentStatus statusAt(const PlanAssignment &assignment, qint64 nowNs);
    // The assignment migration of a plan update (§10.2): every open assignment of the old version ends
    // at now and is re-created on `newPlanId` with the same anchor, assigned at now or 1 ns after its old
    // assigned_at if that is later (so scheduled ones stay scheduled).
    static AssignmentChange migrate(
        const QList<PlanAssignment> &open, const QString &newPlanId, qint64 nowNs);

private:
    PlanStore &m_store;
    const Clock &m_clock;
};

} // namespace osc
