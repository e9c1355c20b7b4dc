#pragma once

#include "auth/Principal.h"
#include "core/Clock.h"
#include "core/Page.h"
#include "core/Result.h"
#include "model/Plan.h"
#include "plans/PlanAssignments.h"
#include "plans/QuotaMath.h"
#include "store/PlanStore.h"

#include <optional>

namespace osc {

class MeterStore;

struct SubjectProgress
{
    QString subject;
    Plan plan;
    QList<LimitProgress> items; // one per plan limit
};

struct EntitlementCheckRequest
{
    QString subject;
    QString meter;
    std::optional<double> quantity; // absent or 0 → 1
    // Opt-in (ours): hold the quantity until the event with this idempotency key is stored or the
    // reservation expires.
    bool reserve = false;
    QString idempotencyKey;
    std::optional<qint64> reservationTtlSeconds; // default kDefaultReservationTtlSeconds
};

// The decision of §10.6 (always a 200 on the wire).
struct EntitlementDecision
{
    bool allowed = false;
    QuotaState state = QuotaState::NoPlan;
    QString subject;
    QString meter;
    double quantity = 1;
    double current = 0; // before the request
    double limit = 0;
    double remaining = 0;
    double overage = 0;
    QString planId;
    QString planName;
    std::optional<PlanPeriod> period;
    std::optional<quota::Window> window; // from / to / period_reset_at
    qint64 retryAfterSeconds = 0; // 0 = absent
    QString message;
    double reserved = 0; // live reservations of others counted in the decision (absent on the wire when 0)
    bool reservationRecorded = false;
    qint64 reservationExpiresAtNs = 0;
};

// Filters of the worker-record lists (§10.7); `state` as given on the wire (empty = any).
struct EntitlementFilter
{
    QString subject;
    QString meter;
    QString planId;
    QString state;
    QString type;
    qint64 limit = 0; // 0 = default
    QString cursor; // events only
};

// Progress, checks and the worker-maintained entitlement records of contract §10.5–§10.7.
class Entitlements
{
public:
    // Jobs one runPendingJobs pass takes from the queue at most.
    static constexpr int kJobsPerPass = 200;

    Entitlements(MeterStore &meters, PlanStore &plans, PlanAssignments &assignments, const Clock &clock);

    Result<SubjectProgress> progress(const Principal &principal, const QString &subject);
    Result<EntitlementDecision> check(const Principal &principal, const EntitlementCheckRequest &request);

    Result<QList<EntitlementState>> states(const Principal &principal, const EntitlementFilter &filter);
    Result<Page<EntitlementEvent>> events(const Principal &principal, const EntitlementFilter &filter);
    Result<QList<PeriodSnapshot>> periods(const Principal &principal, const EntitlementFilter &filter);

    // The worker's step: evaluates every due job (coalesced per subject and meter) and returns how many
    // ran. Called by EntitlementWorker's thread, and directly by tests for determinism.
    Result<int> runPendingJobs();
    // Evaluates one (subject, meter): state upsert, period snapshot, and an event when the state changed.
    Status evaluate(const EntitlementJob &job);

private:
    // Fills the allowed/state/remaining/overage/message part of `d` from the projected value.
    static void decide(EntitlementDecision &d, double projected, const PlanLimit &limit, qint64 nowNs);

    MeterStore &m_meters;
    PlanStore &m_plans;
    PlanAssignments &m_assignments;
    const Clock &m_clock;
    QuotaReader m_quota;
};

} // namespace osc
