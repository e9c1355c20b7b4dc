// Entitlement data on SQLite (PlanStore, contract §10.4–§10.7): the usage counters the ingest
// transaction keeps for subjects under an effective assignment, the entitlement worker's coalesced job
// queue, and its states, events and period snapshots.
#include "store/sqlite/SqliteStore.h"

#include "core/Clock.h"
#include "quota/PeriodWindow.h"

#include <QHash>

namespace osc {

namespace {

struct CounterKey
{
    QString subject;
    QString meter;
    PlanPeriod period;
    qint64 periodStartNs;
    bool operator==(const CounterKey &o) const
    {
        return periodStartNs == o.periodStartNs && period == o.period && subject == o.subject
            && meter == o.meter;
    }
};

size_t qHash(const CounterKey &k, size_t seed = 0)
{
    return qHashMulti(seed, k.subject, k.meter, int(k.period), k.periodStartNs);
}

// Folds one event into a counter with the §10.4 rules: first = earliest event time (ties keep the
// earlier arrival), last = latest event time (ties: the later arrival wins).
void fold(UsageCounter &c, double quantity, qint64 timeNs)
{
    if (c.count == 0) {
        c.sum = c.min = c.max = c.first = c.last = quantity;
        c.firstTimeNs = c.lastTimeNs = timeNs;
        c.count = 1;
        return;
    }
    ++c.count;
    c.sum += quantity;
    c.min = std::min(c.min, quantity);
    c.max = std::max(c.max, quantity);
    if (timeNs < c.firstTimeNs) {
        c.first = quantity;
        c.firstTimeNs = timeNs;
    }
    if (timeNs >= c.lastTimeNs) {
        c.last = quantity;
        c.lastTimeNs = timeNs;
    }
}

using AssignmentSpan = PlanAssignmentSpan;

// The assignment effective at `timeNs` (the latest started one): started at or before it at whole-second
// granularity (upstream compares truncated text, §10.4/Q10), not ended at it, and not before its anchor.
const AssignmentSpan *effectiveAt(const QList<AssignmentSpan> &spans, qint64 timeNs)
{
    const qint64 second = timeNs - (timeNs % kNanosPerSecond + kNanosPerSecond) % kNanosPerSecond;
    for (const AssignmentSpan &span : spans) { // newest assigned_at first
        const qint64 startSecond
            = span.assignedAtNs - (span.assignedAtNs % kNanosPerSecond + kNanosPerSecond) % kNanosPerSecond;
        if (startSecond > second)
            continue;
        if (span.unassignedAtNs && *span.unassignedAtNs <= timeNs)
            continue;
        if (timeNs < span.anchorNs)
            return nullptr;
        return &span;
    }
    return nullptr;
}

QuotaState stateFrom(const QString &text)
{
    return quotaStateFromName(text).value_or(QuotaState::Ok);
}

PlanPeriod periodFrom(const QString &text)
{
    return planPeriodFromName(text).value_or(PlanPeriod::Month);
}

} // namespace

UsageCounter usageCounterFromRow(const SqliteStatement &row)
{
    UsageCounter c;
    c.periodStartNs = row.int64(0);
    c.periodEndNs = row.int64(1);
    c.count = row.int64(2);
    c.sum = row.real(3);
    c.min = row.real(4);
    c.max = row.real(5);
    c.first = row.real(6);
    c.firstTimeNs = row.int64(7);
    c.last = row.real(8);
    c.lastTimeNs = row.int64(9);
    return c;
}

Status SqliteStore::countPlanUsage(
    SqliteConnection &db, const QString &workspaceId, const QList<UsageEvent> &accepted)
{
    if (accepted.isEmpty())
        return {};
    // A reservation turns into usage when its event is stored: it is released in the same transaction
    // that counts the event, so the quantity is never held twice nor dropped in between.
    auto anyReservation = db.prepare("SELECT 1 FROM plan_reservations WHERE workspace_id = ?1 LIMIT 1");
    anyReservation.bind(1, workspaceId);
    const bool reservations = anyReservation.next();
    if (auto s = anyReservation.status(); !s)
        return s;
    anyReservation.reset();
    if (reservations) {
        for (const UsageEvent &event : accepted) {
            if (!event.idempotencyKey)
                continue;
            auto release = db.prepare(
                "DELETE FROM plan_reservations WHERE workspace_id = ?1 AND idempotency_key = ?2");
            release.bind(1, workspaceId).bind(2, *event.idempotencyKey);
            if (auto s = release.run(); !s)
                return s;
        }
    }
    // Assignments of each subject the batch names, read once per batch.
    QHash<CounterKey, UsageCounter> counters;
    QHash<QPair<QString, QString>, qint64> jobs; // (subject, meter) → run_after
    for (const UsageEvent &event : accepted) {
        const QPair<QString, QString> cacheKey{workspaceId, event.subject};
        auto it = m_assignmentSpans.find(cacheKey);
        if (it == m_assignmentSpans.end()) {
            QList<AssignmentSpan> rows;
            auto stmt
                = db.prepare("SELECT assigned_at, period_anchor_at, unassigned_at FROM plan_assignments "
                             "WHERE workspace_id = ?1 AND subject = ?2 ORDER BY assigned_at DESC");
            stmt.bind(1, workspaceId).bind(2, event.subject);
            while (stmt.next())
                rows.append({stmt.int64(0), stmt.int64(1), stmt.optionalInt64(2)});
            if (auto s = stmt.status(); !s)
                return s;
            if (m_assignmentSpans.size() >= kMaxCachedAssignmentSubjects)
                m_assignmentSpans.clear();
            it = m_assignmentSpans.insert(cacheKey, rows);
        }
        if (it->isEmpty())
            continue;
        const std::optional<qint64> timeNs = quota::eventTimeForPlans(event);
        if (!timeNs)
            continue;
        const AssignmentSpan *span = effectiveAt(*it, *timeNs);
        if (!span)
            continue; // never backfilled by a later assignment (§10.4)
        bool counted = false;
        for (const PlanPeriod period : kAllPlanPeriods) {
            const auto window = quota::windowContaining(span->anchorNs, period, *timeNs);
            if (!window)
                continue;
            UsageCounter &c = counters[CounterKey{event.subject, event.meter, period, window->fromNs}];
            c.periodStartNs = window->fromNs;
            c.periodEndNs = window->toNs;
            fold(c, event.quantity, *timeNs);
            counted = true;
        }
        if (counted && !jobs.contains({event.subject, event.meter}))
            jobs.insert({event.subject, event.meter}, event.receivedAtNs.clampedInt64()); // a clock reading
    }
    for (auto it = counters.cbegin(); it != counters.cend(); ++it) {
        const UsageCounter &c = it.value();
        // The batch's contribution merged with the stored counter under the same first/last rules.
        auto upsert = db.prepare(
            "INSERT INTO plan_usage_counters (workspace_id, subject, meter, period, period_start, "
            "period_end, "
            "event_count, sum_qty, min_qty, max_qty, first_qty, first_time, last_qty, last_time) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14) "
            "ON CONFLICT (workspace_id, subject, meter, period, period_start) DO UPDATE SET "
            "event_count = event_count + excluded.event_count, sum_qty = sum_qty + excluded.sum_qty, "
            "min_qty = MIN(min_qty, excluded.min_qty), max_qty = MAX(max_qty, excluded.max_qty), "
            "first_qty = CASE WHEN excluded.first_time < first_time THEN excluded.first_qty ELSE first_qty "
            "END, "
            "first_time = MIN(first_time, excluded.first_time), "
            "last_qty = CASE WHEN excluded.last_time >= last_time THEN excluded.last_qty ELSE last_qty END, "
            "last_time = MAX(last_time, excluded.last_time)");
        upsert.bind(1, workspaceId)
            .bind(2, it.key().subject)
            .bind(3, it.key().meter)
            .bind(4, planPeriodName(it.key().period))
            .bind(5, c.periodStartNs)
            .bind(6, c.periodEndNs)
            .bind(7, c.count)
            .bind(8, c.sum)
            .bind(9, c.min)
            .bind(10, c.max)
            .bind(11, c.first)
            .bind(12, c.firstTimeNs)
            .bind(13, c.last)
            .bind(14, c.lastTimeNs);
        if (auto s = upsert.run(); !s)
            return s;
    }
    for (auto it = jobs.cbegin(); it != jobs.cend(); ++it) {
        // Coalesced: a job already queued for (subject, meter) keeps its earlier run_after.
        auto job = db.prepare("INSERT INTO entitlement_jobs (workspace_id, subject, meter, run_after) "
                              "VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING");
        job.bind(1, workspaceId).bind(2, it.key().first).bind(3, it.key().second).bind(4, it.value());
        if (auto s = job.run(); !s)
            return s;
    }
    return {};
}

Result<std::optional<UsageCounter>> SqliteStore::findUsageCounter(const QString &workspaceId,
    const QString &subject, const QString &meter, PlanPeriod period, qint64 periodStartNs)
{
    return readOneRow("SELECT period_start, period_end, event_count, sum_qty, min_qty, max_qty, first_qty, "
                      "first_time, last_qty, last_time FROM plan_usage_counters WHERE workspace_id = ?1 AND "
                      "subject = ?2 AND meter = ?3 AND period = ?4 AND period_start = ?5",
        usageCounterFromRow, workspaceId, subject, meter, planPeriodName(period), periodStartNs);
}

Result<QList<EntitlementJob>> SqliteStore::takeEntitlementJobs(qint64 nowNs, int max)
{
    // The worker polls: an idle queue is answered from a read connection, without the writer.
    auto pending = readOneRow(
        "SELECT 1 FROM entitlement_jobs WHERE run_after <= ?1 LIMIT 1",
        [](const SqliteStatement &) { return true; }, nowNs);
    if (!pending)
        return pending.error();
    QList<EntitlementJob> jobs;
    if (!pending.value())
        return jobs;
    Status status = writeTransaction([&](SqliteConnection &db) -> Status {
        jobs.clear();
        auto due
            = db.prepare("SELECT workspace_id, subject, meter FROM entitlement_jobs WHERE run_after <= ?1 "
                         "ORDER BY run_after LIMIT ?2");
        due.bind(1, nowNs).bind(2, max);
        while (due.next())
            jobs.append({due.text(0), due.text(1), due.text(2)});
        if (auto s = due.status(); !s)
            return s;
        for (const EntitlementJob &job : jobs) {
            auto remove = db.prepare(
                "DELETE FROM entitlement_jobs WHERE workspace_id = ?1 AND subject = ?2 AND meter = ?3");
            remove.bind(1, job.workspaceId).bind(2, job.subject).bind(3, job.meter);
            if (auto s = remove.run(); !s)
                return s;
        }
        return {};
    });
    if (!status)
        return status.error();
    return jobs;
}

namespace {

#define OSC_STATE_COLUMNS                                                                                    \
    "subject, meter, plan_id, plan_name, period, state, current, limit_value, remaining, warning_percent, "  \
    "message, evaluated_at, updated_at"

EntitlementState stateFromRow(const SqliteStatement &row)
{
    EntitlementState s;
    s.subject = row.text(0);
    s.meter = row.text(1);
    s.planId = row.text(2);
    s.planName = row.text(3);
    s.period = periodFrom(row.text(4));
    s.state = stateFrom(row.text(5));
    s.current = row.real(6);
    s.limit = row.real(7);
    s.remaining = row.real(8);
    s.warningPercent = row.real(9);
    s.message = row.text(10);
    s.evaluatedAtNs = row.int64(11);
    s.updatedAtNs = row.int64(12);
    return s;
}

#define OSC_EVENT_COLUMNS                                                                                    \
    "id, subject, meter, plan_id, plan_name, period, previous_state, state, type, current, limit_value, "    \
    "remaining, warning_percent, message, created_at"

EntitlementEvent eventFromRow(const SqliteStatement &row)
{
    EntitlementEvent e;
    e.id = row.text(0);
    e.subject = row.text(1);
    e.meter = row.text(2);
    e.planId = row.text(3);
    e.planName = row.text(4);
    e.period = periodFrom(row.text(5));
    if (!row.isNull(6))
        e.previousState = stateFrom(row.text(6));
    e.state = stateFrom(row.text(7));
    e.type = row.text(8);
    e.current = row.real(9);
    e.limit = row.real(10);
    e.remaining = row.real(11);
    e.warningPercent = row.real(12);
    e.message = row.text(13);
    e.createdAtNs = row.int64(14);
    return e;
}

#define OSC_SNAPSHOT_COLUMNS                                                                                 \
    "subject, meter, plan_id, plan_name, plan_version, period, period_start, period_end, state, current, "   \
    "limit_value, included, overage, remaining, warning_percent, event_count, updated_at"

PeriodSnapshot snapshotFromRow(const SqliteStatement &row)
{
    PeriodSnapshot p;
    p.subject = row.text(0);
    p.meter = row.text(1);
    p.planId = row.text(2);
    p.planName = row.text(3);
    p.planVersion = int(row.int64(4));
    p.period = periodFrom(row.text(5));
    p.fromNs = row.int64(6);
    p.toNs = row.int64(7);
    p.state = stateFrom(row.text(8));
    p.current = row.real(9);
    p.limit = row.real(10);
    p.included = row.real(11);
    p.overage = row.real(12);
    p.remaining = row.real(13);
    p.warningPercent = row.real(14);
    p.eventCount = row.int64(15);
    p.updatedAtNs = row.int64(16);
    return p;
}

QString stateFilter(const EntitlementListQuery &query)
{
    return query.state ? quotaStateName(*query.state) : QString();
}

} // namespace

Result<std::optional<EntitlementState>> SqliteStore::findEntitlementState(const QString &workspaceId,
    const QString &subject, const QString &meter, const QString &planId, PlanPeriod period)
{
    return readOneRow("SELECT " OSC_STATE_COLUMNS " FROM entitlement_states WHERE workspace_id = ?1 AND "
                      "subject = ?2 AND meter = ?3 AND plan_id = ?4 AND period = ?5",
        stateFromRow, workspaceId, subject, meter, planId, planPeriodName(period));
}

Status SqliteStore::saveEntitlementEvaluation(const QString &workspaceId, const EntitlementState &state,
    const PeriodSnapshot &snapshot, const std::optional<EntitlementEvent> &event)
{
    return writeTransaction([&](SqliteConnection &db) -> Status {
        auto upsert = db.prepare("INSERT INTO entitlement_states (workspace_id, " OSC_STATE_COLUMNS
                                 ") VALUES (?1, ?2, ?3, ?4, ?5, "
                                 "?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14) ON CONFLICT (workspace_id, "
                                 "subject, meter, plan_id, period) "
                                 "DO UPDATE SET plan_name = excluded.plan_name, state = excluded.state, "
                                 "current = excluded.current, "
                                 "limit_value = excluded.limit_value, remaining = excluded.remaining, "
                                 "warning_percent = excluded.warning_percent, message = excluded.message, "
                                 "evaluated_at = excluded.evaluated_at, updated_at = excluded.updated_at");
        upsert.bind(1, workspaceId)
            .bind(2, state.subject)
            .bind(3, state.meter)
            .bind(4, state.planId)
            .bind(5, state.planName)
            .bind(6, planPeriodName(state.period))
            .bind(7, quotaStateName(state.state))
            .bind(8, state.current)
            .bind(9, state.limit)
            .bind(10, state.remaining)
            .bind(11, state.warningPercent)
            .bind(12, state.message)
            .bind(13, state.evaluatedAtNs)
            .bind(14, state.updatedAtNs);
        if (auto s = upsert.run(); !s)
            return s;
        auto period = db.prepare(
            "INSERT INTO entitlement_periods (workspace_id, " OSC_SNAPSHOT_COLUMNS
            ") VALUES (?1, ?2, ?3, ?4, "
            "?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18) ON CONFLICT (workspace_id, "
            "subject, meter, plan_id, period, period_start) DO UPDATE SET plan_name = excluded.plan_name, "
            "plan_version = excluded.plan_version, period_end = excluded.period_end, state = excluded.state, "
            "current = excluded.current, limit_value = excluded.limit_value, included = excluded.included, "
            "overage = excluded.overage, remaining = excluded.remaining, "
            "warning_percent = excluded.warning_percent, event_count = excluded.event_count, "
            "updated_at = excluded.updated_at");
        period.bind(1, workspaceId)
            .bind(2, snapshot.subject)
            .bind(3, snapshot.meter)
            .bind(4, snapshot.planId)
            .bind(5, snapshot.planName)
            .bind(6, snapshot.planVersion)
            .bind(7, planPeriodName(snapshot.period))
            .bind(8, snapshot.fromNs)
            .bind(9, snapshot.toNs)
            .bind(10, quotaStateName(snapshot.state))
            .bind(11, snapshot.current)
            .bind(12, snapshot.limit)
            .bind(13, snapshot.included)
            .bind(14, snapshot.overage)
            .bind(15, snapshot.remaining)
            .bind(16, snapshot.warningPercent)
            .bind(17, snapshot.eventCount)
            .bind(18, snapshot.updatedAtNs);
        if (auto s = period.run(); !s)
            return s;
        if (!event)
            return {};
        const EntitlementEvent &e = *event;
        auto insert
            = db.prepare("INSERT INTO entitlement_events (workspace_id, " OSC_EVENT_COLUMNS ") VALUES "
                         "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)");
        insert.bind(1, workspaceId)
            .bind(2, e.id)
            .bind(3, e.subject)
            .bind(4, e.meter)
            .bind(5, e.planId)
            .bind(6, e.planName)
            .bind(7, planPeriodName(e.period))
            .bind(8, e.previousState ? std::optional(quotaStateName(*e.previousState)) : std::nullopt)
            .bind(9, quotaStateName(e.state))
            .bind(10, e.type)
            .bind(11, e.current)
            .bind(12, e.limit)
            .bind(13, e.remaining)
            .bind(14, e.warningPercent)
            .bind(15, e.message)
            .bind(16, e.createdAtNs);
        return insert.run();
    });
}

Result<QList<EntitlementState>> SqliteStore::listEntitlementStates(
    const QString &workspaceId, const EntitlementListQuery &query)
{
    return readRows("SELECT " OSC_STATE_COLUMNS " FROM entitlement_states WHERE workspace_id = ?1 AND "
                    "(?2 = '' OR subject = ?2) AND (?3 = '' OR meter = ?3) AND (?4 = '' OR state = ?4) "
                    "ORDER BY updated_at DESC, subject, meter, period LIMIT ?5",
        stateFromRow, workspaceId, query.subject, query.meter, stateFilter(query), query.limit);
}

Result<QList<EntitlementEvent>> SqliteStore::listEntitlementEvents(
    const QString &workspaceId, const EntitlementListQuery &query)
{
    return readRows("SELECT " OSC_EVENT_COLUMNS " FROM entitlement_events WHERE workspace_id = ?1 AND "
                    "(?2 = '' OR subject = ?2) AND (?3 = '' OR meter = ?3) AND (?4 = '' OR plan_id = ?4) "
                    "AND (?5 = '' OR state = ?5) AND (?6 = '' OR type = ?6) AND "
                    "(?7 IS NULL OR created_at < ?7 OR (created_at = ?7 AND id < ?8)) "
                    "ORDER BY created_at DESC, id DESC LIMIT ?9",
        eventFromRow, workspaceId, query.subject, query.meter, query.planId, stateFilter(query), query.type,
        query.afterTimeNs, query.afterId, query.limit + 1);
}

Result<QList<PeriodSnapshot>> SqliteStore::listPeriodSnapshots(
    const QString &workspaceId, const EntitlementListQuery &query)
{
    return readRows("SELECT " OSC_SNAPSHOT_COLUMNS " FROM entitlement_periods WHERE workspace_id = ?1 "
                    "AND (?2 = '' OR subject = ?2) AND (?3 = '' OR meter = ?3) AND "
                    "(?4 = '' OR plan_id = ?4) AND (?5 = '' OR state = ?5) "
                    "ORDER BY period_start DESC, subject, meter, period LIMIT ?6",
        snapshotFromRow, workspaceId, query.subject, query.meter, query.planId, stateFilter(query),
        query.limit);
}

} // namespace osc
