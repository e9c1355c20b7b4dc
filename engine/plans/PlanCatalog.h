#pragma once

#include "auth/Principal.h"
#include "core/Clock.h"
#include "core/Result.h"
#include "model/Plan.h"
#include "plans/QuotaMath.h"

namespace osc {

class MeterStore;
class PlanStore;

// One line of a plan preview (§10.2): a proposed limit, or a current limit the proposal removes.
struct PlanPreviewItem
{
    QString meter;
    PlanPeriod period = PlanPeriod::Month;
    double current = 0;
    double currentLimit = 0;
    double proposedLimit = 0;
    QuotaState currentState = QuotaState::Ok;
    QuotaState proposedState = QuotaState::Ok;
    double remaining = 0;
    double overage = 0;
    double percent = 0;
    double warningPercent = 0;
    quota::Window window;
    QString unit;
    Aggregation aggregation = Aggregation::Sum;
    qint64 eventCount = 0;
    bool removed = false;
    bool existingLimitFound = false;
};

struct PlanPreviewSubject
{
    QString subject;
    QString assignmentId;
    AssignmentStatus assignmentStatus = AssignmentStatus::Active;
    QString currentPlanId;
    int currentPlanVersion = 0;
    QString proposedPlanId;
    int proposedPlanVersion = 0;
    QList<PlanPreviewItem> items;
};

struct PlanPreview
{
    Plan current;
    Plan proposed; // not saved: no id
    int subjects = 0;
    int ok = 0;
    int warning = 0;
    int exceeded = 0;
    int removedLimits = 0;
    QList<PlanPreviewSubject> subjectItems;
};

// Versioned plans of contract §10.2: create, list current versions, get any version, update (a new
// version, assignments migrated), preview an update without saving, delete an unused plan.
class PlanCatalog
{
public:
    PlanCatalog(MeterStore &meters, PlanStore &plans, const Clock &clock);

    Result<Plan> create(const Principal &principal, const PlanDraft &draft);
    Result<QList<Plan>> list(const Principal &principal, qint64 limit); // `limit` 0 = default
    Result<Plan> get(const Principal &principal, const QString &id);
    Result<Plan> update(const Principal &principal, const QString &id, const PlanDraft &draft);
    Result<PlanPreview> preview(const Principal &principal, const QString &id, const PlanDraft &draft);
    Status remove(const Principal &principal, const QString &id);
    // The version chain of a plan, `id` first, then its parent, … back to version 1 (for the console's
    // history view; not a REST route).
    Result<QList<Plan>> history(const Principal &principal, const QString &id);

private:
    Result<Plan> validated(const QString &workspaceId, const PlanDraft &draft, qint64 nowNs);
    Result<Plan> findForOperation(const Principal &principal, const QString &id);

    MeterStore &m_meters;
    PlanStore &m_plans;
    const Clock &m_clock;
    QuotaReader m_quota;
};

} // namespace osc
