#include "PlanAssignments.h"

#include "auth/Permission.h"
#include "core/Ids.h"
#include "core/Page.h"
#include "core/Rfc3339.h"
#include "ingest/IngestValidator.h"
#include "quota/PeriodWindow.h"

namespace osc {

namespace {

qint64 floorToSecond(qint64 ns)
{
    const qint64 rest = (ns % kNanosPerSecond + kNanosPerSecond) % kNanosPerSecond;
    return ns - rest;
}

Error invalidEffectiveAt()
{
    return Error::request(
        QStringLiteral("invalid_effective_at"), QStringLiteral("effective_at must be RFC3339"));
}

} // namespace

PlanAssignments::PlanAssignments(PlanStore &store, const Clock &clock)
    : m_store(store)
    , m_clock(clock)
{ }

AssignmentStatus PlanAssignments::statusAt(const PlanAssignment &a, qint64 nowNs)
{
    if (a.unassignedAtNs && *a.unassignedAtNs <= a.assignedAtNs)
        return AssignmentStatus::Ended;
    if (a.assignedAtNs > nowNs)
        return AssignmentStatus::Scheduled;
    return a.openAt(nowNs) ? AssignmentStatus::Active : AssignmentStatus::Ended;
}

AssignmentChange PlanAssignments::migrate(
    const QList<PlanAssignment> &open, const QString &newPlanId, qint64 nowNs)
{
    AssignmentChange change;
    for (const PlanAssignment &old : open) {
        change.ends.append({old.id, nowNs});
        PlanAssignment next;
        next.id = newId();
        next.subject = old.subject;
        next.planId = newPlanId;
        next.assignedAtNs = std::max(nowNs, old.assignedAtNs + 1);
        next.periodAnchorNs = old.periodAnchorNs;
        next.updatedAtNs = nowNs;
        change.inserts.append(next);
    }
    return change;
}

Result<PlanAssignment> PlanAssignments::assign(
    const Principal &principal, const QString &subject, const QString &planId, const QString &effectiveAt)
{
    if (auto s = authorize(principal, Operation::AssignSubject, {QString()}); !s)
        return s.error();
    if (auto s = IngestValidator::validateSubject(subject); !s)
        return s.error();
    const QString trimmedPlan = planId.trimmed();
    if (trimmedPlan.isEmpty())
        return Error::invalidInput(QStringLiteral("plan id is required"));
    const qint64 now = m_clock.nowNs();
    qint64 effective = now;
    if (!effectiveAt.isEmpty()) {
        const auto parsed = rfc3339::parse(effectiveAt);
        // Beyond kMaxPlanTimeNs period arithmetic would leave the supported range: bad input.
        if (!parsed || *parsed > quota::kMaxPlanTimeNs)
            return invalidEffectiveAt();
        effective = std::max(now, parsed->clampedInt64()); // a year-0001 effective_at means now
    }
    return m_store.assignSubject(principal.workspaceId, subject, trimmedPlan,
        [&](const Plan &plan, const QList<PlanAssignment> &existing) -> Result<AssignmentChange> {
            if (!plan.isCurrent)
                return Error::conflictLine(QStringLiteral("plan version is not current"));
            AssignmentChange change;
            qint64 anchor = floorToSecond(effective);
            bool inherited = false;
            for (const PlanAssignment &a : existing) {
                const AssignmentStatus status = statusAt(a, now);
                if (status == AssignmentStatus::Scheduled) {
                    change.ends.append({a.id, now}); // cancelled
                } else if (status == AssignmentStatus::Active) {
                    // The billing cycle carries over plan changes (§10.3).
                    if (!inherited) {
                        anchor = a.periodAnchorNs;
                        inherited = true;
                    }
                    if (a.assignedAtNs < effective)
                        change.ends.append({a.id, effective});
                }
            }
            PlanAssignment next;
            next.id = newId();
            next.subject = subject;
            next.planId = plan.id;
            next.assignedAtNs = effective;
            next.periodAnchorNs = anchor;
            next.updatedAtNs = now;
            change.inserts.append(next);
            return change;
        });
}

Status PlanAssignments::unassign(const Principal &principal, const QString &subject)
{
    if (auto s = authorize(principal, Operation::UnassignSubject, {QString()}); !s)
        return s.error();
    if (auto s = IngestValidator::validateSubject(subject); !s)
        return s.error();
    auto ended = m_store.endSubjectAssignments(principal.workspaceId, subject, m_clock.nowNs());
    if (!ended)
        return ended.error();
    if (!ended.value())
        return Error::notFound();
    return {};
}

Result<QList<PlanAssignment>> PlanAssignments::list(const Principal &principal, const QString &subject,
    const QString &planId, bool includeHistory, qint64 limit)
{
    if (auto s = authorize(principal, Operation::ListAssignments, {QString()}); !s)
        return s.error();
    AssignmentListQuery query;
    query.subject = subject.trimmed();
    query.planId = planId.trimmed();
    query.includeHistory = includeHistory;
    query.nowNs = m_clock.nowNs();
    query.limit = clampLimit(limit, kDefaultPlanPageSize, kMaxPlanPageSize);
    return m_store.listAssignments(principal.workspaceId, query);
}

Result<std::optional<PlanAssignment>> PlanAssignments::effective(
    const QString &workspaceId, const QString &subject, qint64 nowNs)
{
    auto rows = m_store.subjectAssignments(workspaceId, subject);
    if (!rows)
        return rows.error();
    for (const PlanAssignment &a : rows.value()) // newest assigned_at first
        if (statusAt(a, nowNs) == AssignmentStatus::Active)
            return std::optional(a);
    return std::optional<PlanAssignment>();
}

} // namespace osc
