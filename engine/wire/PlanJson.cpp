#include "PlanJson.h"

#include "core/Rfc3339.h"
#include "plans/PlanAssignments.h"
#include "json/StrictJson.h"

namespace osc::wire {

namespace {

QString seconds(qint64 ns)
{
    return rfc3339::formatSeconds(ns);
}

QJsonObject limitToJson(const PlanLimit &l)
{
    return QJsonObject{
        {QStringLiteral("id"), l.id},
        {QStringLiteral("meter"), l.meter},
        {QStringLiteral("period"), planPeriodName(l.period)},
        {QStringLiteral("limit"), l.limit},
        {QStringLiteral("warning_percent"), l.warningPercent},
        {QStringLiteral("created_at"), seconds(l.createdAtNs)},
        {QStringLiteral("updated_at"), seconds(l.updatedAtNs)},
    };
}

void insertWindow(QJsonObject &object, const quota::Window &window)
{
    object.insert(QStringLiteral("from"), seconds(window.fromNs));
    object.insert(QStringLiteral("to"), seconds(window.toNs));
    object.insert(QStringLiteral("period_reset_at"), seconds(window.toNs));
}

} // namespace

QJsonObject planToJson(const Plan &plan)
{
    QJsonArray limits;
    for (const PlanLimit &l : plan.limits)
        limits.append(limitToJson(l));
    QJsonObject object{
        {QStringLiteral("id"), plan.id},
        {QStringLiteral("name"), plan.name},
        {QStringLiteral("description"), plan.description},
        {QStringLiteral("version"), plan.version},
        {QStringLiteral("is_current"), plan.isCurrent},
        {QStringLiteral("limits"), limits},
        {QStringLiteral("created_at"), seconds(plan.createdAtNs)},
        {QStringLiteral("updated_at"), seconds(plan.updatedAtNs)},
    };
    if (!plan.parentPlanId.isEmpty())
        object.insert(QStringLiteral("parent_plan_id"), plan.parentPlanId);
    return object;
}

QJsonObject assignmentToJson(const PlanAssignment &a, qint64 nowNs)
{
    const AssignmentStatus status = PlanAssignments::statusAt(a, nowNs);
    QJsonObject object{
        {QStringLiteral("id"), a.id},
        {QStringLiteral("subject"), a.subject},
        {QStringLiteral("plan_id"), a.planId},
        {QStringLiteral("plan_name"), a.planName},
        {QStringLiteral("plan_version"), a.planVersion},
        {QStringLiteral("status"), assignmentStatusName(status)},
        {QStringLiteral("active"), status == AssignmentStatus::Active},
        {QStringLiteral("assigned_at"), seconds(a.assignedAtNs)},
        {QStringLiteral("period_anchor_at"), seconds(a.periodAnchorNs)},
        {QStringLiteral("updated_at"), seconds(a.updatedAtNs)},
    };
    if (a.unassignedAtNs)
        object.insert(QStringLiteral("unassigned_at"), seconds(*a.unassignedAtNs));
    return object;
}

QJsonObject progressToJson(const SubjectProgress &progress)
{
    QJsonArray items;
    for (const LimitProgress &p : progress.items) {
        QJsonObject item{
            {QStringLiteral("meter"), p.limit.meter},
            {QStringLiteral("period"), planPeriodName(p.limit.period)},
            {QStringLiteral("state"), quotaStateName(p.state)},
            {QStringLiteral("current"), p.current},
            {QStringLiteral("limit"), p.limit.limit},
            {QStringLiteral("remaining"), p.remaining},
            {QStringLiteral("overage"), p.overage},
            {QStringLiteral("percent"), p.percent},
            {QStringLiteral("warning_percent"), p.limit.warningPercent},
            {QStringLiteral("unit"), p.unit},
            {QStringLiteral("aggregation"), aggregationName(p.aggregation)},
        };
        insertWindow(item, p.window);
        items.append(item);
    }
    return QJsonObject{
        {QStringLiteral("subject"), progress.subject},
        {QStringLiteral("plan"), planToJson(progress.plan)},
        {QStringLiteral("items"), items},
    };
}

QJsonObject decisionToJson(const EntitlementDecision &d)
{
    QJsonObject object{
        {QStringLiteral("allowed"), d.allowed},
        {QStringLiteral("state"), quotaStateName(d.state)},
        {QStringLiteral("subject"), d.subject},
        {QStringLiteral("meter"), d.meter},
        {QStringLiteral("quantity"), d.quantity},
        {QStringLiteral("current"), d.current},
        {QStringLiteral("limit"), d.limit},
        {QStringLiteral("remaining"), d.remaining},
        {QStringLiteral("overage"), d.overage},
        {QStringLiteral("message"), d.message},
    };
    if (!d.planId.isEmpty())
        object.insert(QStringLiteral("plan_id"), d.planId);
    if (!d.planName.isEmpty())
        object.insert(QStringLiteral("plan_name"), d.planName);
    if (d.period)
        object.insert(QStringLiteral("period"), planPeriodName(*d.period));
    if (d.window)
        insertWindow(object, *d.window);
    if (d.retryAfterSeconds > 0)
        object.insert(QStringLiteral("retry_after_seconds"), d.retryAfterSeconds);
    // Opt-in reservations (ours): absent unless used, so plain checks stay byte-compatible.
    if (d.reserved > 0)
        object.insert(QStringLiteral("reserved"), d.reserved);
    if (d.reservationRecorded) {
        object.insert(QStringLiteral("reservation_recorded"), true);
        object.insert(QStringLiteral("reservation_expires_at"), seconds(d.reservationExpiresAtNs));
    }
    return object;
}

QJsonObject previewToJson(const PlanPreview &preview)
{
    QJsonArray subjects;
    for (const PlanPreviewSubject &s : preview.subjectItems) {
        QJsonArray items;
        for (const PlanPreviewItem &i : s.items) {
            QJsonObject item{
                {QStringLiteral("meter"), i.meter},
                {QStringLiteral("period"), planPeriodName(i.period)},
                {QStringLiteral("current"), i.current},
                {QStringLiteral("current_limit"), i.currentLimit},
                {QStringLiteral("proposed_limit"), i.proposedLimit},
                {QStringLiteral("current_state"), quotaStateName(i.currentState)},
                {QStringLiteral("proposed_state"), quotaStateName(i.proposedState)},
                {QStringLiteral("remaining"), i.remaining},
                {QStringLiteral("overage"), i.overage},
                {QStringLiteral("percent"), i.percent},
                {QStringLiteral("warning_percent"), i.warningPercent},
                {QStringLiteral("unit"), i.unit},
                {QStringLiteral("aggregation"), aggregationName(i.aggregation)},
                {QStringLiteral("event_count"), i.eventCount},
                {QStringLiteral("removed"), i.removed},
                {QStringLiteral("existing_limit_found"), i.existingLimitFound},
            };
            insertWindow(item, i.window);
            items.append(item);
        }
        subjects.append(QJsonObject{
            {QStringLiteral("subject"), s.subject},
            {QStringLiteral("assignment_id"), s.assignmentId},
            {QStringLiteral("assignment_status"), assignmentStatusName(s.assignmentStatus)},
            {QStringLiteral("current_plan_id"), s.currentPlanId},
            {QStringLiteral("current_plan_version"), s.currentPlanVersion},
            {QStringLiteral("proposed_plan_id"), s.proposedPlanId},
            {QStringLiteral("proposed_plan_version"), s.proposedPlanVersion},
            {QStringLiteral("items"), items},
        });
    }
    return QJsonObject{
        {QStringLiteral("current"), planToJson(preview.current)},
        {QStringLiteral("proposed"), planToJson(preview.proposed)},
        {QStringLiteral("summary"),
            QJsonObject{
                {QStringLiteral("subjects"), preview.subjects},
                {QStringLiteral("ok"), preview.ok},
                {QStringLiteral("warning"), preview.warning},
                {QStringLiteral("exceeded"), preview.exceeded},
                {QStringLiteral("removed_limits"), preview.removedLimits},
            }},
        {QStringLiteral("subjects"), subjects},
    };
}

QJsonObject entitlementStateToJson(const EntitlementState &s)
{
    return QJsonObject{
        {QStringLiteral("subject"), s.subject},
        {QStringLiteral("meter"), s.meter},
        {QStringLiteral("plan_id"), s.planId},
        {QStringLiteral("plan_name"), s.planName},
        {QStringLiteral("period"), planPeriodName(s.period)},
        {QStringLiteral("state"), quotaStateName(s.state)},
        {QStringLiteral("current"), s.current},
        {QStringLiteral("limit"), s.limit},
        {QStringLiteral("remaining"), s.remaining},
        {QStringLiteral("warning_percent"), s.warningPercent},
        {QStringLiteral("message"), s.message},
        {QStringLiteral("evaluated_at"), seconds(s.evaluatedAtNs)},
        {QStringLiteral("updated_at"), seconds(s.updatedAtNs)},
    };
}

QJsonObject entitlementEventToJson(const EntitlementEvent &e)
{
    QJsonObject object{
        {QStringLiteral("id"), e.id},
        {QStringLiteral("subject"), e.subject},
        {QStringLiteral("meter"), e.meter},
        {QStringLiteral("plan_id"), e.planId},
        {QStringLiteral("plan_name"), e.planName},
        {QStringLiteral("period"), planPeriodName(e.period)},
        {QStringLiteral("state"), quotaStateName(e.state)},
        {QStringLiteral("type"), e.type},
        {QStringLiteral("current"), e.current},
        {QStringLiteral("limit"), e.limit},
        {QStringLiteral("remaining"), e.remaining},
        {QStringLiteral("warning_percent"), e.warningPercent},
        {QStringLiteral("message"), e.message},
        {QStringLiteral("created_at"), seconds(e.createdAtNs)},
    };
    if (e.previousState)
        object.insert(QStringLiteral("previous_state"), quotaStateName(*e.previousState));
    return object;
}

QJsonObject periodSnapshotToJson(const PeriodSnapshot &p)
{
    return QJsonObject{
        {QStringLiteral("subject"), p.subject},
        {QStringLiteral("meter"), p.meter},
        {QStringLiteral("plan_id"), p.planId},
        {QStringLiteral("plan_name"), p.planName},
        {QStringLiteral("plan_version"), p.planVersion},
        {QStringLiteral("period"), planPeriodName(p.period)},
        {QStringLiteral("from"), seconds(p.fromNs)},
        {QStringLiteral("to"), seconds(p.toNs)},
        {QStringLiteral("state"), quotaStateName(p.state)},
        {QStringLiteral("current"), p.current},
        {QStringLiteral("limit"), p.limit},
        {QStringLiteral("included"), p.included},
        {QStringLiteral("overage"), p.overage},
        {QStringLiteral("remaining"), p.remaining},
        {QStringLiteral("warning_percent"), p.warningPercent},
        {QStringLiteral("event_count"), p.eventCount},
        {QStringLiteral("updated_at"), seconds(p.updatedAtNs)},
    };
}

Result<PlanDraft> planDraftFromJson(const QJsonObject &object)
{
    json::ObjectReader reader(object);
    PlanDraft draft;
    draft.name = reader.string(QLatin1StringView("name")).value_or(QString());
    draft.description = reader.string(QLatin1StringView("description")).value_or(QString());
    const QJsonArray limits = reader.array(QLatin1StringView("limits")).value_or(QJsonArray());
    if (auto s = reader.status(); !s)
        return s.error();
    for (const QJsonValue &element : limits) {
        if (element.isNull()) {
            draft.limits.append(PlanLimitDraft{});
            continue;
        }
        if (!element.isObject())
            return Error::invalidJson();
        json::ObjectReader limit(element.toObject());
        PlanLimitDraft d;
        d.meter = limit.string(QLatin1StringView("meter")).value_or(QString());
        d.period = limit.string(QLatin1StringView("period")).value_or(QString());
        d.limit = limit.number(QLatin1StringView("limit"));
        d.warningPercent = limit.number(QLatin1StringView("warning_percent"));
        if (auto s = limit.status(); !s)
            return s.error();
        draft.limits.append(d);
    }
    return draft;
}

Result<AssignmentRequest> assignmentRequestFromJson(const QJsonObject &object)
{
    json::ObjectReader reader(object);
    AssignmentRequest request;
    request.planId = reader.string(QLatin1StringView("plan_id")).value_or(QString());
    request.effectiveAt = reader.string(QLatin1StringView("effective_at")).value_or(QString());
    if (auto s = reader.status(); !s)
        return s.error();
    return request;
}

Result<EntitlementCheckRequest> checkRequestFromJson(const QJsonObject &object)
{
    json::ObjectReader reader(object);
    EntitlementCheckRequest request;
    request.subject = reader.string(QLatin1StringView("subject")).value_or(QString());
    request.meter = reader.string(QLatin1StringView("meter")).value_or(QString());
    request.quantity = reader.number(QLatin1StringView("quantity"));
    request.reserve = reader.boolean(QLatin1StringView("reserve")).value_or(false);
    request.idempotencyKey = reader.string(QLatin1StringView("idempotency_key")).value_or(QString());
    request.reservationTtlSeconds = reader.integer(QLatin1StringView("reservation_ttl_seconds"));
    if (auto s = reader.status(); !s)
        return s.error();
    return request;
}

} // namespace osc::wire
