#include "PlanCatalog.h"

#include "PlanAssignments.h"
#include "PlanValidator.h"
#include "auth/Permission.h"
#include "core/Ids.h"
#include "core/Page.h"
#include "store/MeterStore.h"
#include "store/PlanStore.h"

namespace osc {

namespace {

QStringList limitMeters(const QList<PlanLimit> &limits)
{
    QStringList meters;
    for (const PlanLimit &l : limits)
        if (!meters.contains(l.meter))
            meters.append(l.meter);
    return meters;
}

QStringList draftMeters(const PlanDraft &draft)
{
    QStringList meters;
    for (const PlanLimitDraft &l : draft.limits)
        if (!meters.contains(l.meter.trimmed()))
            meters.append(l.meter.trimmed());
    return meters;
}

QStringList merged(QStringList a, const QStringList &b)
{
    for (const QString &m : b)
        if (!a.contains(m))
            a.append(m);
    return a;
}

const PlanLimit *findLimit(const QList<PlanLimit> &limits, const QString &meter, PlanPeriod period)
{
    for (const PlanLimit &l : limits)
        if (l.meter == meter && l.period == period)
            return &l;
    return nullptr;
}

Error notCurrent()
{
    return Error::conflictLine(QStringLiteral("plan version is not current"));
}

} // namespace

PlanCatalog::PlanCatalog(MeterStore &meters, PlanStore &plans, const Clock &clock)
    : m_meters(meters)
    , m_plans(plans)
    , m_clock(clock)
    , m_quota(meters, plans)
{ }

Result<Plan> PlanCatalog::validated(const QString &workspaceId, const PlanDraft &draft, qint64 nowNs)
{
    auto plan = PlanValidator::validate(draft, [&](const QString &name) -> Result<Meter> {
        auto found = m_meters.findMeterByName(workspaceId, name);
        if (!found)
            return found.error();
        if (!found.value())
            return Error::notFound();
        return *found.value();
    });
    if (!plan)
        return plan;
    plan->id = newId();
    plan->createdAtNs = plan->updatedAtNs = nowNs;
    for (PlanLimit &l : plan->limits) {
        l.id = newId();
        l.createdAtNs = l.updatedAtNs = nowNs;
    }
    return plan;
}

Result<Plan> PlanCatalog::create(const Principal &principal, const PlanDraft &draft)
{
    if (auto s = authorize(principal, Operation::CreatePlan, draftMeters(draft)); !s)
        return s.error();
    auto plan = validated(principal.workspaceId, draft, m_clock.nowNs());
    if (!plan)
        return plan;
    if (auto s = m_plans.insertPlan(principal.workspaceId, plan.value()); !s)
        return s.error();
    return plan; // limits in request order (§10.2)
}

Result<QList<Plan>> PlanCatalog::list(const Principal &principal, qint64 limit)
{
    if (auto s = authorize(principal, Operation::ListPlans, {QString()}); !s)
        return s.error();
    return m_plans.listCurrentPlans(
        principal.workspaceId, clampLimit(limit, kDefaultPlanPageSize, kMaxPlanPageSize));
}

Result<Plan> PlanCatalog::findForOperation(const Principal &principal, const QString &id)
{
    auto found = m_plans.findPlan(principal.workspaceId, id);
    if (!found)
        return found.error();
    if (!found.value())
        return Error::notFound();
    return *found.value();
}

Result<Plan> PlanCatalog::get(const Principal &principal, const QString &id)
{
    auto plan = findForOperation(principal, id);
    if (!plan)
        return plan;
    if (auto s = authorize(principal, Operation::GetPlan, limitMeters(plan->limits)); !s)
        return s.error();
    return plan;
}

Result<Plan> PlanCatalog::update(const Principal &principal, const QString &id, const PlanDraft &draft)
{
    auto stored = findForOperation(principal, id);
    if (!stored)
        return stored;
    if (auto s = authorize(
            principal, Operation::UpdatePlan, merged(limitMeters(stored->limits), draftMeters(draft)));
        !s)
        return s.error();
    if (!stored->isCurrent)
        return notCurrent();
    const qint64 now = m_clock.nowNs();
    auto next = validated(principal.workspaceId, draft, now);
    if (!next)
        return next;
    return m_plans.revisePlan(principal.workspaceId, id, now,
        [&](const Plan &current, const QList<PlanAssignment> &open) -> Result<PlanRevision> {
            if (!current.isCurrent)
                return notCurrent(); // retired meanwhile
            PlanRevision revision;
            revision.next = next.value();
            revision.next.version = current.version + 1;
            revision.next.parentPlanId = current.id;
            revision.next.isCurrent = true;
            revision.assignments = PlanAssignments::migrate(open, revision.next.id, now);
            return revision;
        });
}

Result<PlanPreview> PlanCatalog::preview(
    const Principal &principal, const QString &id, const PlanDraft &draft)
{
    auto stored = findForOperation(principal, id);
    if (!stored)
        return stored.error();
    if (auto s = authorize(
            principal, Operation::PreviewPlan, merged(limitMeters(stored->limits), draftMeters(draft)));
        !s)
        return s.error();
    if (!stored->isCurrent)
        return notCurrent();
    const qint64 now = m_clock.nowNs();
    auto proposed = validated(principal.workspaceId, draft, now);
    if (!proposed)
        return proposed.error();
    PlanPreview preview;
    preview.current = stored.value();
    preview.proposed = proposed.value();
    preview.proposed.id.clear(); // nothing is saved
    for (PlanLimit &l : preview.proposed.limits)
        l.id.clear();
    preview.proposed.version = stored->version + 1;
    preview.proposed.parentPlanId = stored->id;

    AssignmentListQuery query;
    query.planId = stored->id;
    query.nowNs = now;
    query.limit = kMaxPlanPageSize;
    auto open = m_plans.listAssignments(principal.workspaceId, query);
    if (!open)
        return open.error();
    for (const PlanAssignment &a : open.value()) {
        PlanPreviewSubject subject;
        subject.subject = a.subject;
        subject.assignmentId = a.id;
        subject.assignmentStatus = PlanAssignments::statusAt(a, now);
        subject.currentPlanId = stored->id;
        subject.currentPlanVersion = stored->version;
        subject.proposedPlanVersion = preview.proposed.version;
        QuotaState worst = QuotaState::Ok;
        for (const PlanLimit &limit : preview.proposed.limits) {
            auto p = m_quota.progress(principal.workspaceId, a.subject, a.periodAnchorNs, limit, now);
            if (!p)
                return p.error();
            PlanPreviewItem item;
            item.meter = limit.meter;
            item.period = limit.period;
            item.current = p->current;
            item.proposedLimit = limit.limit;
            item.proposedState = p->state;
            item.remaining = p->remaining;
            item.overage = p->overage;
            item.percent = p->percent;
            item.warningPercent = limit.warningPercent;
            item.window = p->window;
            item.unit = p->unit;
            item.aggregation = p->aggregation;
            item.eventCount = p->eventCount;
            if (const PlanLimit *existing = findLimit(stored->limits, limit.meter, limit.period)) {
                item.existingLimitFound = true;
                item.currentLimit = existing->limit;
                item.currentState = quotaStateFor(p->current, existing->limit, existing->warningPercent);
            } else {
                item.currentState = QuotaState::NotInPlan;
            }
            if (quotaSeverity(item.proposedState) > quotaSeverity(worst))
                worst = item.proposedState;
            subject.items.append(item);
        }
        for (const PlanLimit &existing : stored->limits) {
            if (findLimit(preview.proposed.limits, existing.meter, existing.period))
                continue;
            auto p = m_quota.progress(principal.workspaceId, a.subject, a.periodAnchorNs, existing, now);
            if (!p)
                return p.error();
            PlanPreviewItem item;
            item.meter = existing.meter;
            item.period = existing.period;
            item.current = p->current;
            item.currentLimit = existing.limit;
            item.currentState = p->state;
            item.proposedState = QuotaState::NotInPlan;
            item.percent = p->percent;
            item.warningPercent = existing.warningPercent;
            item.window = p->window;
            item.unit = p->unit;
            item.aggregation = p->aggregation;
            item.eventCount = p->eventCount;
            item.removed = true;
            item.existingLimitFound = true;
            ++preview.removedLimits;
            subject.items.append(item);
        }
        ++preview.subjects;
        if (worst == QuotaState::Exceeded)
            ++preview.exceeded;
        else if (worst == QuotaState::Warning)
            ++preview.warning;
        else
            ++preview.ok;
        preview.subjectItems.append(subject);
    }
    return preview;
}

Result<QList<Plan>> PlanCatalog::history(const Principal &principal, const QString &id)
{
    QList<Plan> chain;
    QString next = id;
    // A parent chain is acyclic by construction (a new version names an existing one); the bound only
    // guards against a corrupted file.
    while (!next.isEmpty() && chain.size() < kMaxPlanPageSize) {
        auto plan = chain.isEmpty() ? get(principal, next) : findForOperation(principal, next);
        if (!plan) {
            if (!chain.isEmpty() && plan.error().kind == ErrorKind::NotFound)
                break; // an older version was deleted
            return plan.error();
        }
        next = plan->parentPlanId;
        chain.append(std::move(plan.value()));
    }
    return chain;
}

Status PlanCatalog::remove(const Principal &principal, const QString &id)
{
    auto stored = findForOperation(principal, id);
    if (!stored)
        return stored.error();
    if (auto s = authorize(principal, Operation::DeletePlan, limitMeters(stored->limits)); !s)
        return s.error();
    auto outcome = m_plans.deletePlanIfUnassigned(principal.workspaceId, id);
    if (!outcome)
        return outcome.error();
    switch (outcome.value()) {
    case DeletePlanOutcome::Deleted:
        return {};
    case DeletePlanOutcome::NotFound:
        return Error::notFound();
    case DeletePlanOutcome::HasAssignments:
        return Error::conflictLine(QStringLiteral("plan has assigned subjects"));
    }
    return {};
}

} // namespace osc
