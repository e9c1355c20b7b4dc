#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace osc {

// Quota period of a plan limit (contract §10.2). Windows are anchored at the assignment's
// period_anchor_at, not calendar-aligned (§10.4, D1).
enum class PlanPeriod
{
    Day,
    Week,
    Month,
    Year
};
inline constexpr PlanPeriod kAllPlanPeriods[]
    = {PlanPeriod::Day, PlanPeriod::Week, PlanPeriod::Month, PlanPeriod::Year};
QString planPeriodName(PlanPeriod period);
// Case-insensitive; nullopt for anything but day/week/month/year.
std::optional<PlanPeriod> planPeriodFromName(const QString &name);

struct PlanLimit
{
    QString id;
    QString meter;
    PlanPeriod period = PlanPeriod::Month;
    double limit = 0;
    double warningPercent = 80;
    qint64 createdAtNs = 0;
    qint64 updatedAtNs = 0;
};

// One version of a plan. An update creates a new version (new id, parent = old id); only the newest
// version of a lineage is current.
struct Plan
{
    QString id;
    QString name;
    QString description;
    int version = 1;
    QString parentPlanId; // empty for version 1
    bool isCurrent = true;
    QList<PlanLimit> limits;
    qint64 createdAtNs = 0;
    qint64 updatedAtNs = 0;
};

// A create/update body as decoded (contract §10.2), before validation.
struct PlanLimitDraft
{
    QString meter;
    QString period; // empty = month
    std::optional<double> limit;
    std::optional<double> warningPercent;
};

struct PlanDraft
{
    QString name;
    QString description;
    QList<PlanLimitDraft> limits;
};

enum class AssignmentStatus
{
    Scheduled,
    Active,
    Ended
};
QString assignmentStatusName(AssignmentStatus status);

// A subject's assignment to one plan version (§10.3). Times are ns since the epoch, UTC;
// periodAnchorNs is whole seconds.
struct PlanAssignment
{
    QString id;
    QString subject;
    QString planId;
    QString planName; // joined from the plan when read
    int planVersion = 0;
    qint64 assignedAtNs = 0;
    qint64 periodAnchorNs = 0;
    std::optional<qint64> unassignedAtNs;
    qint64 updatedAtNs = 0;

    // Not ended at `atNs`: no end, or an end after it.
    bool openAt(qint64 atNs) const { return !unassignedAtNs || *unassignedAtNs > atNs; }
};

// Per (subject, meter, period, window) usage of events counted under an effective assignment (§10.4).
struct UsageCounter
{
    qint64 periodStartNs = 0;
    qint64 periodEndNs = 0;
    qint64 count = 0;
    double sum = 0;
    double min = 0;
    double max = 0;
    double first = 0;
    double last = 0;
    qint64 firstTimeNs = 0;
    qint64 lastTimeNs = 0;
};

// Overage-state vocabulary (§10.7).
enum class QuotaState
{
    Ok,
    Warning,
    Exceeded,
    NoPlan,
    NotInPlan
};
QString quotaStateName(QuotaState state);
std::optional<QuotaState> quotaStateFromName(const QString &name);

// Worker-maintained records of §10.7.
struct EntitlementState
{
    QString subject;
    QString meter;
    QString planId;
    QString planName;
    PlanPeriod period = PlanPeriod::Month;
    QuotaState state = QuotaState::Ok;
    double current = 0;
    double limit = 0;
    double remaining = 0;
    double warningPercent = 0;
    QString message;
    qint64 evaluatedAtNs = 0;
    qint64 updatedAtNs = 0;
};

struct EntitlementEvent
{
    QString id;
    QString subject;
    QString meter;
    QString planId;
    QString planName;
    PlanPeriod period = PlanPeriod::Month;
    std::optional<QuotaState> previousState;
    QuotaState state = QuotaState::Ok;
    QString type; // warning | exceeded | recovered
    double current = 0;
    double limit = 0;
    double remaining = 0;
    double warningPercent = 0;
    QString message;
    qint64 createdAtNs = 0;
};

struct PeriodSnapshot
{
    QString subject;
    QString meter;
    QString planId;
    QString planName;
    int planVersion = 0;
    PlanPeriod period = PlanPeriod::Month;
    qint64 fromNs = 0;
    qint64 toNs = 0;
    QuotaState state = QuotaState::Ok;
    double current = 0;
    double limit = 0;
    double included = 0;
    double overage = 0;
    double remaining = 0;
    double warningPercent = 0;
    qint64 eventCount = 0;
    qint64 updatedAtNs = 0;
};

// Quantity held for a subject by `POST /v1/entitlements/check` with `"reserve": true` (ours, opt-in):
// counted against the window's limit until the usage event with the same idempotency key is stored
// (it then counts as usage) or until it expires.
struct QuotaReservation
{
    QString idempotencyKey;
    QString subject;
    QString meter;
    PlanPeriod period = PlanPeriod::Month;
    qint64 periodStartNs = 0;
    double quantity = 0;
    qint64 expiresAtNs = 0;
    qint64 createdAtNs = 0;
};

// A queued evaluation (coalesced per workspace, subject, meter).
struct EntitlementJob
{
    QString workspaceId;
    QString subject;
    QString meter;
};

// Limits of contract §1.9 / §10.
constexpr int kMaxPlanNameLength = 120; // characters (runes)
constexpr int kDefaultPlanPageSize = 100;
constexpr int kMaxPlanPageSize = 1000;
constexpr double kDefaultWarningPercent = 80;
constexpr qint64 kDefaultReservationTtlSeconds = 300;
constexpr qint64 kMaxReservationTtlSeconds = 86'400;

} // namespace osc
