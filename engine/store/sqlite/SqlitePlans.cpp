// Plans and subject assignments on SQLite (PlanStore, contract §10.2–§10.3). The rules (versioning,
// migration of assignments, scheduling) are decided by the engine through the reviser/decider callbacks;
// this file reads the rows they need and applies their answer in the same write transaction.
#include "store/sqlite/SqliteStore.h"

namespace osc {

namespace {

PlanLimit limitFromRow(const SqliteStatement &row)
{
    // id, meter, period, limit_value, warning_percent, created_at, updated_at
    PlanLimit l;
    l.id = row.text(0);
    l.meter = row.text(1);
    l.period = planPeriodFromName(row.text(2)).value_or(PlanPeriod::Month);
    l.limit = row.real(3);
    l.warningPercent = row.real(4);
    l.createdAtNs = row.int64(5);
    l.updatedAtNs = row.int64(6);
    return l;
}

#define OSC_PLAN_COLUMNS "id, name, description, version, parent_plan_id, is_current, created_at, updated_at"

Plan planFromRow(const SqliteStatement &row)
{
    Plan p;
    p.id = row.text(0);
    p.name = row.text(1);
    p.description = row.text(2);
    p.version = int(row.int64(3));
    p.parentPlanId = row.isNull(4) ? QString() : row.text(4);
    p.isCurrent = row.int64(5) != 0;
    p.createdAtNs = row.int64(6);
    p.updatedAtNs = row.int64(7);
    return p;
}

#define OSC_ASSIGNMENT_COLUMNS                                                                               \
    "a.id, a.subject, a.plan_id, p.name, p.version, a.assigned_at, a.period_anchor_at, a.unassigned_at, "    \
    "a.updated_at"

PlanAssignment assignmentFromRow(const SqliteStatement &row)
{
    PlanAssignment a;
    a.id = row.text(0);
    a.subject = row.text(1);
    a.planId = row.text(2);
    a.planName = row.text(3);
    a.planVersion = int(row.int64(4));
    a.assignedAtNs = row.int64(5);
    a.periodAnchorNs = row.int64(6);
    a.unassignedAtNs = row.optionalInt64(7);
    a.updatedAtNs = row.int64(8);
    return a;
}

// Limits by meter name then period name (string order, §10.2: `day` < `month` < `week` < `year`).
Status loadLimits(SqliteConnection &db, const QString &workspaceId, Plan &plan)
{
    auto stmt = db.prepare("SELECT id, meter, period, limit_value, warning_percent, created_at, updated_at "
                           "FROM plan_limits WHERE workspace_id = ?1 AND plan_id = ?2 "
                           "ORDER BY meter, period");
    stmt.bind(1, workspaceId).bind(2, plan.id);
    plan.limits.clear();
    while (stmt.next())
        plan.limits.append(limitFromRow(stmt));
    return stmt.status();
}

// A subject's assignments, newest first: what assigning decides on, and what the ingest path caches.
Result<QList<PlanAssignment>> loadSubjectAssignments(
    SqliteConnection &db, const QString &workspaceId, const QString &subject)
{
    auto stmt = db.prepare("SELECT " OSC_ASSIGNMENT_COLUMNS " FROM plan_assignments a JOIN plans p ON "
                           "p.id = a.plan_id WHERE a.workspace_id = ?1 AND a.subject = ?2 "
                           "ORDER BY a.assigned_at DESC, a.id");
    stmt.bind(1, workspaceId).bind(2, subject);
    QList<PlanAssignment> out;
    while (stmt.next())
        out.append(assignmentFromRow(stmt));
    if (auto s = stmt.status(); !s)
        return s.error();
    return out;
}

Result<std::optional<Plan>> loadPlan(SqliteConnection &db, const QString &workspaceId, const QString &id)
{
    auto stmt = db.prepare("SELECT " OSC_PLAN_COLUMNS " FROM plans WHERE workspace_id = ?1 AND id = ?2");
    stmt.bind(1, workspaceId).bind(2, id);
    if (!stmt.next()) {
        if (auto s = stmt.status(); !s)
            return s.error();
        return std::optional<Plan>();
    }
    Plan plan = planFromRow(stmt);
    stmt.reset();
    if (auto s = loadLimits(db, workspaceId, plan); !s)
        return s.error();
    return std::optional<Plan>(std::move(plan));
}

Status checkNameFree(
    SqliteConnection &db, const QString &workspaceId, const QString &name, const QString &exceptId)
{
    auto taken = db.prepare(
        "SELECT 1 FROM plans WHERE workspace_id = ?1 AND is_current = 1 AND name = ?2 AND id <> ?3");
    taken.bind(1, workspaceId).bind(2, name).bind(3, exceptId);
    if (taken.next())
        return Error::conflictLine(QStringLiteral("plan name already exists"));
    return taken.status();
}

Status insertPlanRows(SqliteConnection &db, const QString &workspaceId, const Plan &plan)
{
    auto insert = db.prepare("INSERT INTO plans (" OSC_PLAN_COLUMNS ", workspace_id) "
                             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    insert.bind(1, plan.id)
        .bind(2, plan.name)
        .bind(3, plan.description)
        .bind(4, plan.version)
        .bind(5, plan.parentPlanId.isEmpty() ? std::optional<QString>() : std::optional(plan.parentPlanId))
        .bind(6, plan.isCurrent ? 1 : 0)
        .bind(7, plan.createdAtNs)
        .bind(8, plan.updatedAtNs)
        .bind(9, workspaceId);
    if (auto s = insert.run(); !s)
        return s;
    for (qsizetype i = 0; i < plan.limits.size(); ++i) {
        const PlanLimit &l = plan.limits[i];
        auto limit
            = db.prepare("INSERT INTO plan_limits (id, workspace_id, plan_id, meter, period, limit_value, "
                         "warning_percent, position, created_at, updated_at) "
                         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
        limit.bind(1, l.id)
            .bind(2, workspaceId)
            .bind(3, plan.id)
            .bind(4, l.meter)
            .bind(5, planPeriodName(l.period))
            .bind(6, l.limit)
            .bind(7, l.warningPercent)
            .bind(8, qint64(i))
            .bind(9, l.createdAtNs)
            .bind(10, l.updatedAtNs);
        if (auto s = limit.run(); !s)
            return s;
    }
    return {};
}

Status applyAssignmentChange(
    SqliteConnection &db, const QString &workspaceId, const AssignmentChange &change, qint64 updatedAtNs)
{
    for (const auto &[id, endNs] : change.ends) {
        auto end = db.prepare("UPDATE plan_assignments SET unassigned_at = ?3, updated_at = ?4 "
                              "WHERE workspace_id = ?1 AND id = ?2");
        end.bind(1, workspaceId).bind(2, id).bind(3, endNs).bind(4, updatedAtNs);
        if (auto s = end.run(); !s)
            return s;
    }
    for (const PlanAssignment &a : change.inserts) {
        auto insert
            = db.prepare("INSERT INTO plan_assignments (id, workspace_id, subject, plan_id, assigned_at, "
                         "period_anchor_at, unassigned_at, updated_at) "
                         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
        insert.bind(1, a.id)
            .bind(2, workspaceId)
            .bind(3, a.subject)
            .bind(4, a.planId)
            .bind(5, a.assignedAtNs)
            .bind(6, a.periodAnchorNs)
            .bind(7, a.unassignedAtNs)
            .bind(8, a.updatedAtNs);
        if (auto s = insert.run(); !s)
            return s;
    }
    return {};
}

} // namespace

Status SqliteStore::insertPlan(const QString &workspaceId, const Plan &plan)
{
    return writeTransaction([&](SqliteConnection &db) -> Status {
        if (auto s = checkNameFree(db, workspaceId, plan.name, plan.id); !s)
            return s;
        return insertPlanRows(db, workspaceId, plan);
    });
}

Result<std::optional<Plan>> SqliteStore::findPlan(const QString &workspaceId, const QString &id)
{
    auto lease = read();
    if (!lease)
        return lease.error();
    return loadPlan(*lease.value(), workspaceId, id);
}

Result<QList<Plan>> SqliteStore::listCurrentPlans(const QString &workspaceId, int limit)
{
    auto lease = read();
    if (!lease)
        return lease.error();
    SqliteConnection &db = *lease.value();
    QList<Plan> plans;
    {
        auto stmt = db.prepare("SELECT " OSC_PLAN_COLUMNS " FROM plans WHERE workspace_id = ?1 AND "
                               "is_current = 1 ORDER BY name, id LIMIT ?2");
        stmt.bind(1, workspaceId).bind(2, limit);
        while (stmt.next())
            plans.append(planFromRow(stmt));
        if (auto s = stmt.status(); !s)
            return s.error();
    }
    for (Plan &plan : plans)
        if (auto s = loadLimits(db, workspaceId, plan); !s)
            return s.error();
    return plans;
}

Result<Plan> SqliteStore::revisePlan(
    const QString &workspaceId, const QString &id, qint64 nowNs, const PlanReviser &revise)
{
    std::optional<Plan> stored;
    Status status = writeTransaction([&](SqliteConnection &db) -> Status {
        auto current = loadPlan(db, workspaceId, id);
        if (!current)
            return current.error();
        if (!current.value())
            return Error::notFound();
        QList<PlanAssignment> open;
        {
            auto stmt
                = db.prepare("SELECT " OSC_ASSIGNMENT_COLUMNS " FROM plan_assignments a JOIN plans p ON "
                             "p.id = a.plan_id WHERE a.workspace_id = ?1 AND a.plan_id = ?2 AND "
                             "(a.unassigned_at IS NULL OR a.unassigned_at > ?3) ORDER BY a.subject");
            stmt.bind(1, workspaceId).bind(2, id).bind(3, nowNs);
            while (stmt.next())
                open.append(assignmentFromRow(stmt));
            if (auto s = stmt.status(); !s)
                return s;
        }
        auto revision = revise(*current.value(), open);
        if (!revision)
            return revision.error();
        if (auto s = checkNameFree(db, workspaceId, revision->next.name, id); !s)
            return s;
        auto retire = db.prepare(
            "UPDATE plans SET is_current = 0, updated_at = ?3 WHERE workspace_id = ?1 AND id = ?2");
        retire.bind(1, workspaceId).bind(2, id).bind(3, nowNs);
        if (auto s = retire.run(); !s)
            return s;
        if (auto s = insertPlanRows(db, workspaceId, revision->next); !s)
            return s;
        m_assignmentSpans.clear();
        if (auto s = applyAssignmentChange(db, workspaceId, revision->assignments, nowNs); !s)
            return s;
        stored = revision->next;
        return {};
    });
    if (!status)
        return status.error();
    return *stored;
}

Result<DeletePlanOutcome> SqliteStore::deletePlanIfUnassigned(const QString &workspaceId, const QString &id)
{
    DeletePlanOutcome outcome = DeletePlanOutcome::Deleted;
    Status status = writeTransaction([&](SqliteConnection &db) -> Status {
        auto find = db.prepare("SELECT 1 FROM plans WHERE workspace_id = ?1 AND id = ?2");
        find.bind(1, workspaceId).bind(2, id);
        if (!find.next()) {
            outcome = DeletePlanOutcome::NotFound;
            return find.status();
        }
        find.reset();
        // Any row counts, ended history included (§10.2).
        auto used
            = db.prepare("SELECT 1 FROM plan_assignments WHERE workspace_id = ?1 AND plan_id = ?2 LIMIT 1");
        used.bind(1, workspaceId).bind(2, id);
        if (used.next()) {
            outcome = DeletePlanOutcome::HasAssignments;
            return {};
        }
        if (auto s = used.status(); !s)
            return s;
        auto limits = db.prepare("DELETE FROM plan_limits WHERE workspace_id = ?1 AND plan_id = ?2");
        limits.bind(1, workspaceId).bind(2, id);
        if (auto s = limits.run(); !s)
            return s;
        auto plan = db.prepare("DELETE FROM plans WHERE workspace_id = ?1 AND id = ?2");
        plan.bind(1, workspaceId).bind(2, id);
        return plan.run();
    });
    if (!status)
        return status.error();
    return outcome;
}

Result<bool> SqliteStore::meterInPlans(const QString &workspaceId, const QString &meterName)
{
    auto found = readOneRow(
        "SELECT 1 FROM plan_limits WHERE workspace_id = ?1 AND meter = ?2 LIMIT 1",
        [](const SqliteStatement &) { return true; }, workspaceId, meterName);
    if (!found)
        return found.error();
    return found.value().has_value();
}

Result<PlanAssignment> SqliteStore::assignSubject(const QString &workspaceId, const QString &subject,
    const QString &planId, const AssignmentDecider &decide)
{
    std::optional<PlanAssignment> inserted;
    Status status = writeTransaction([&](SqliteConnection &db) -> Status {
        auto plan = loadPlan(db, workspaceId, planId);
        if (!plan)
            return plan.error();
        if (!plan.value())
            return Error::notFound();
        auto existing = loadSubjectAssignments(db, workspaceId, subject);
        if (!existing)
            return existing.error();
        auto change = decide(*plan.value(), existing.value());
        if (!change)
            return change.error();
        if (change->inserts.isEmpty())
            return Error::internal(QStringLiteral("assignment change inserts nothing"));
        const qint64 updatedAt = change->inserts.first().updatedAtNs;
        m_assignmentSpans.clear();
        if (auto s = applyAssignmentChange(db, workspaceId, change.value(), updatedAt); !s)
            return s;
        inserted = change->inserts.first();
        inserted->planName = plan.value()->name;
        inserted->planVersion = plan.value()->version;
        return {};
    });
    if (!status)
        return status.error();
    return *inserted;
}

Result<bool> SqliteStore::endSubjectAssignments(
    const QString &workspaceId, const QString &subject, qint64 nowNs)
{
    bool changed = false;
    Status status = writeTransaction([&](SqliteConnection &db) -> Status {
        m_assignmentSpans.clear(); // under the writer lock, before the ingest path can read again
        auto end = db.prepare("UPDATE plan_assignments SET unassigned_at = ?3, updated_at = ?3 "
                              "WHERE workspace_id = ?1 AND subject = ?2 AND "
                              "(unassigned_at IS NULL OR unassigned_at > ?3)");
        end.bind(1, workspaceId).bind(2, subject).bind(3, nowNs);
        if (auto s = end.run(); !s)
            return s;
        changed = db.changes() > 0;
        return {};
    });
    if (!status)
        return status.error();
    return changed;
}

Result<QList<PlanAssignment>> SqliteStore::listAssignments(
    const QString &workspaceId, const AssignmentListQuery &query)
{
    return readRows("SELECT " OSC_ASSIGNMENT_COLUMNS " FROM plan_assignments a JOIN plans p ON "
                    "p.id = a.plan_id WHERE a.workspace_id = ?1 AND (?2 = '' OR a.subject = ?2) AND "
                    "(?3 = '' OR a.plan_id = ?3) AND "
                    "(?4 = 1 OR a.unassigned_at IS NULL OR a.unassigned_at > ?5) "
                    "ORDER BY a.updated_at DESC, a.assigned_at DESC, a.subject ASC, a.id LIMIT ?6",
        assignmentFromRow, workspaceId, query.subject, query.planId, query.includeHistory ? 1 : 0,
        query.nowNs, query.limit);
}

Result<QList<PlanAssignment>> SqliteStore::subjectAssignments(
    const QString &workspaceId, const QString &subject)
{
    auto lease = read();
    if (!lease)
        return lease.error();
    return loadSubjectAssignments(*lease.value(), workspaceId, subject);
}

} // namespace osc
