#include "Entitlements.h"

#include "auth/Permission.h"
#include "core/Cursor.h"
#include "core/Ids.h"
#include "ingest/IngestValidator.h"
#include "store/MeterStore.h"

#include <cmath>

namespace osc {

namespace {

// The first limit for the meter in (meter, period) string order (Q18); plans come back ordered so.
const PlanLimit *firstLimitFor(const Plan &plan, const QString &meter)
{
    const PlanLimit *best = nullptr;
    for (const PlanLimit &l : plan.limits)
        if (l.meter == meter && (!best || planPeriodName(l.period) < planPeriodName(best->period)))
            best = &l;
    return best;
}

QString stateMessage(QuotaState state)
{
    switch (state) {
    case QuotaState::Exceeded:
        return QStringLiteral("quota exceeded");
    case QuotaState::Warning:
        return QStringLiteral("quota warning threshold reached");
    default:
        return QStringLiteral("quota is available");
    }
}

// The event a state change produces (§10.7); none for an unchanged state or a first `ok`.
std::optional<QString> transitionType(const std::optional<QuotaState> &previous, QuotaState next)
{
    if (previous && *previous == next)
        return std::nullopt;
    if (next == QuotaState::Warning)
        return QStringLiteral("warning");
    if (next == QuotaState::Exceeded)
        return QStringLiteral("exceeded");
    if (next == QuotaState::Ok && previous
        && (*previous == QuotaState::Warning || *previous == QuotaState::Exceeded))
        return QStringLiteral("recovered");
    return std::nullopt;
}

Result<EntitlementListQuery> listQuery(const EntitlementFilter &filter)
{
    EntitlementListQuery query;
    query.subject = filter.subject.trimmed();
    query.meter = filter.meter.trimmed();
    query.planId = filter.planId.trimmed();
    query.type = filter.type.trimmed();
    if (!filter.state.trimmed().isEmpty()) {
        query.state = quotaStateFromName(filter.state.trimmed().toLower());
        if (!query.state)
            return Error::invalidInput(
                QStringLiteral("unsupported entitlement state \"%1\"").arg(filter.state));
    }
    query.limit = clampLimit(filter.limit, kDefaultPlanPageSize, kMaxPlanPageSize);
    return query;
}

} // namespace

Entitlements::Entitlements(
    MeterStore &meters, PlanStore &plans, PlanAssignments &assignments, const Clock &clock)
    : m_meters(meters)
    , m_plans(plans)
    , m_assignments(assignments)
    , m_clock(clock)
    , m_quota(meters, plans)
{ }

Result<SubjectProgress> Entitlements::progress(const Principal &principal, const QString &subject)
{
    if (auto s = authorize(principal, Operation::SubjectProgress, {QString()}); !s)
        return s.error();
    if (auto s = IngestValidator::validateSubject(subject); !s)
        return s.error();
    const qint64 now = m_clock.nowNs();
    auto assignment = m_assignments.effective(principal.workspaceId, subject, now);
    if (!assignment)
        return assignment.error();
    if (!assignment.value())
        return Error::notFound();
    auto plan = m_plans.findPlan(principal.workspaceId, assignment.value()->planId);
    if (!plan)
        return plan.error();
    if (!plan.value())
        return Error::notFound();
    SubjectProgress out;
    out.subject = subject;
    out.plan = *plan.value();
    for (const PlanLimit &limit : out.plan.limits) {
        auto p = m_quota.progress(
            principal.workspaceId, subject, assignment.value()->periodAnchorNs, limit, now);
        if (!p)
            return p.error();
        out.items.append(p.value());
    }
    return out;
}

Result<EntitlementDecision> Entitlements::check(
    const Principal &principal, const EntitlementCheckRequest &request)
{
    if (auto s = authorize(principal, Operation::CheckEntitlement, {request.meter}); !s)
        return s.error();
    if (auto s = IngestValidator::validateSubject(request.subject); !s)
        return s.error();
    if (request.meter.trimmed().isEmpty())
        return Error::invalidInput(QStringLiteral("meter is required"));
    const double quantity = request.quantity.value_or(0) == 0 ? 1 : *request.quantity;
    if (!std::isfinite(quantity) || quantity <= 0)
        return Error::invalidInput(QStringLiteral("quantity must be greater than zero"));
    if (request.reserve) {
        if (request.idempotencyKey.trimmed().isEmpty())
            return Error::invalidInput(QStringLiteral("idempotency key is required to reserve quota"));
        const qint64 ttl = request.reservationTtlSeconds.value_or(kDefaultReservationTtlSeconds);
        if (ttl <= 0 || ttl > kMaxReservationTtlSeconds)
            return Error::invalidInput(QStringLiteral("reservation ttl must be between 1 and %1 seconds")
                                           .arg(kMaxReservationTtlSeconds));
    }

    EntitlementDecision d;
    d.subject = request.subject;
    d.meter = request.meter.trimmed();
    d.quantity = quantity;
    const qint64 now = m_clock.nowNs();
    auto assignment = m_assignments.effective(principal.workspaceId, request.subject, now);
    if (!assignment)
        return assignment.error();
    std::optional<Plan> plan;
    if (assignment.value()) {
        auto found = m_plans.findPlan(principal.workspaceId, assignment.value()->planId);
        if (!found)
            return found.error();
        plan = found.value();
    }
    if (!plan) {
        d.state = QuotaState::NoPlan;
        d.message = QStringLiteral("subject is not assigned to a plan");
        return d;
    }
    d.planId = plan->id;
    d.planName = plan->name;
    const PlanLimit *limit = firstLimitFor(*plan, d.meter);
    if (!limit) {
        d.state = QuotaState::NotInPlan;
        d.message = QStringLiteral("meter is not included in the subject's plan");
        return d;
    }
    auto p = m_quota.progress(
        principal.workspaceId, request.subject, assignment.value()->periodAnchorNs, *limit, now);
    if (!p)
        return p.error();
    d.current = p->current;
    d.limit = limit->limit;
    d.period = limit->period;
    d.window = p->window;
    if (!request.reserve) {
        // Live reservations (opt-in feature) hold quota like usage; without any this is the contract's
        // decision exactly.
        auto reserved = m_plans.reservedQuantity(
            principal.workspaceId, request.subject, d.meter, limit->period, p->window.fromNs, now);
        if (!reserved)
            return reserved.error();
        d.reserved = reserved.value();
        decide(d, p->current + d.reserved + quantity, *limit, now);
        return d;
    }
    if (p->aggregation != Aggregation::Sum && p->aggregation != Aggregation::Count)
        return Error::invalidInput(QStringLiteral("quota can only be reserved on sum or count meters"));
    QuotaReservation reservation;
    reservation.idempotencyKey = request.idempotencyKey.trimmed();
    reservation.subject = request.subject;
    reservation.meter = d.meter;
    reservation.period = limit->period;
    reservation.periodStartNs = p->window.fromNs;
    reservation.quantity = quantity;
    reservation.createdAtNs = now;
    reservation.expiresAtNs
        = now + request.reservationTtlSeconds.value_or(kDefaultReservationTtlSeconds) * kNanosPerSecond;
    auto recorded = m_plans.reserveQuota(principal.workspaceId, reservation, now,
        [&](const std::optional<UsageCounter> &counter, double reservedTotal) -> Result<bool> {
            // Re-read under the writer: what ingestion and other reservations committed meanwhile.
            d.current = counterValue(counter, p->aggregation, p->window);
            d.reserved = reservedTotal;
            decide(d, d.current + reservedTotal + quantity, *limit, now);
            return d.allowed;
        });
    if (!recorded)
        return recorded.error();
    d.reservationRecorded = recorded.value();
    if (d.reservationRecorded)
        d.reservationExpiresAtNs = reservation.expiresAtNs;
    return d;
}

void Entitlements::decide(EntitlementDecision &d, double projected, const PlanLimit &limit, qint64 nowNs)
{
    d.allowed = projected <= limit.limit;
    d.remaining = std::max(0.0, limit.limit - projected);
    d.overage = std::max(0.0, projected - limit.limit);
    d.state = quotaStateFor(projected, limit.limit, limit.warningPercent);
    d.retryAfterSeconds = 0;
    if (!d.allowed) {
        d.state = QuotaState::Exceeded;
        d.message = QStringLiteral("quota would be exceeded");
        const qint64 untilResetNs = d.window ? d.window->toNs - nowNs : 0;
        d.retryAfterSeconds = std::max<qint64>(1, (untilResetNs + kNanosPerSecond - 1) / kNanosPerSecond);
    } else if (d.state == QuotaState::Exceeded) {
        d.message = QStringLiteral("quota is available; quota limit reached");
    } else if (d.state == QuotaState::Warning) {
        d.message = QStringLiteral("quota is available; warning threshold reached");
    } else {
        d.message = QStringLiteral("quota is available");
    }
}

Result<QList<EntitlementState>> Entitlements::states(
    const Principal &principal, const EntitlementFilter &filter)
{
    if (auto s = authorize(principal, Operation::ListEntitlementStates, {filter.meter}); !s)
        return s.error();
    auto query = listQuery(filter);
    if (!query)
        return query.error();
    return m_plans.listEntitlementStates(principal.workspaceId, query.value());
}

Result<Page<EntitlementEvent>> Entitlements::events(
    const Principal &principal, const EntitlementFilter &filter)
{
    if (auto s = authorize(principal, Operation::ListEntitlementEvents, {filter.meter}); !s)
        return s.error();
    auto query = listQuery(filter);
    if (!query)
        return query.error();
    auto cursor = wire::decodeCursor(filter.cursor);
    if (!cursor)
        return cursor.error();
    // §1.8: a non-empty cursor lacking time or id is refused.
    if (!cursor->isEmpty() && (!cursor->timeNs || !cursor->id))
        return Error::invalidInputBare();
    // Entitlement event times are clock readings: a cursor time beyond qint64 sorts past all of them.
    if (cursor->timeNs)
        query->afterTimeNs = cursor->timeNs->clampedInt64();
    query->afterId = cursor->id.value_or(QString());
    auto rows = m_plans.listEntitlementEvents(principal.workspaceId, query.value());
    if (!rows)
        return rows.error();
    Page<EntitlementEvent> page;
    page.items = std::move(rows.value());
    if (page.items.size() > query->limit) {
        page.items.resize(query->limit);
        page.nextCursor
            = wire::encodeCursor({std::nullopt, page.items.last().createdAtNs, page.items.last().id});
    }
    return page;
}

Result<QList<PeriodSnapshot>> Entitlements::periods(
    const Principal &principal, const EntitlementFilter &filter)
{
    if (auto s = authorize(principal, Operation::ListEntitlementPeriods, {filter.meter}); !s)
        return s.error();
    auto query = listQuery(filter);
    if (!query)
        return query.error();
    return m_plans.listPeriodSnapshots(principal.workspaceId, query.value());
}

Result<int> Entitlements::runPendingJobs()
{
    if (auto s = m_plans.deleteExpiredReservations(m_clock.nowNs()); !s)
        return s.error();
    int ran = 0;
    for (;;) {
        auto jobs = m_plans.takeEntitlementJobs(m_clock.nowNs(), kJobsPerPass);
        if (!jobs)
            return jobs.error();
        for (const EntitlementJob &job : jobs.value()) {
            if (auto s = evaluate(job); !s)
                return s.error();
            ++ran;
        }
        if (jobs->size() < kJobsPerPass)
            return ran;
    }
}

Status Entitlements::evaluate(const EntitlementJob &job)
{
    const qint64 now = m_clock.nowNs();
    auto assignment = m_assignments.effective(job.workspaceId, job.subject, now);
    if (!assignment)
        return assignment.error();
    if (!assignment.value())
        return {};
    auto plan = m_plans.findPlan(job.workspaceId, assignment.value()->planId);
    if (!plan)
        return plan.error();
    if (!plan.value())
        return {};
    const PlanLimit *limit = firstLimitFor(*plan.value(), job.meter);
    if (!limit)
        return {};
    auto p = m_quota.progress(job.workspaceId, job.subject, assignment.value()->periodAnchorNs, *limit, now);
    if (!p)
        return p.error();
    auto previous = m_plans.findEntitlementState(
        job.workspaceId, job.subject, job.meter, plan.value()->id, limit->period);
    if (!previous)
        return previous.error();

    EntitlementState state;
    state.subject = job.subject;
    state.meter = job.meter;
    state.planId = plan.value()->id;
    state.planName = plan.value()->name;
    state.period = limit->period;
    state.state = p->state;
    state.current = p->current;
    state.limit = limit->limit;
    state.remaining = p->remaining;
    state.warningPercent = limit->warningPercent;
    state.message = stateMessage(p->state);
    state.evaluatedAtNs = state.updatedAtNs = now;

    PeriodSnapshot snapshot;
    snapshot.subject = job.subject;
    snapshot.meter = job.meter;
    snapshot.planId = plan.value()->id;
    snapshot.planName = plan.value()->name;
    snapshot.planVersion = plan.value()->version;
    snapshot.period = limit->period;
    snapshot.fromNs = p->window.fromNs;
    snapshot.toNs = p->window.toNs;
    snapshot.state = p->state;
    snapshot.current = p->current;
    snapshot.limit = limit->limit;
    snapshot.included = std::min(p->current, limit->limit);
    snapshot.overage = p->overage;
    snapshot.remaining = p->remaining;
    snapshot.warningPercent = limit->warningPercent;
    snapshot.eventCount = p->eventCount;
    snapshot.updatedAtNs = now;

    std::optional<EntitlementEvent> event;
    const std::optional<QuotaState> before
        = previous.value() ? std::optional(previous.value()->state) : std::nullopt;
    if (const auto type = transitionType(before, p->state)) {
        EntitlementEvent e;
        e.id = newId();
        e.subject = job.subject;
        e.meter = job.meter;
        e.planId = state.planId;
        e.planName = state.planName;
        e.period = state.period;
        e.previousState = before;
        e.state = p->state;
        e.type = *type;
        e.current = p->current;
        e.limit = limit->limit;
        e.remaining = p->remaining;
        e.warningPercent = limit->warningPercent;
        e.message = state.message;
        e.createdAtNs = now;
        event = e;
    }
    return m_plans.saveEntitlementEvaluation(job.workspaceId, state, snapshot, event);
}

} // namespace osc
