// Opt-in quota reservations on SQLite (PlanStore): held per window under the writer so concurrent
// reservers never over-allocate; released into usage by the ingest transaction (SqliteEntitlements.cpp)
// or expired.
#include "store/sqlite/SqliteStore.h"

namespace osc {

namespace {

Result<double> liveReservations(SqliteConnection &db, const QString &workspaceId, const QString &subject,
    const QString &meter, PlanPeriod period, qint64 periodStartNs, qint64 nowNs, const QString &exceptKey)
{
    auto sum
        = db.prepare("SELECT COALESCE(SUM(quantity), 0) FROM plan_reservations WHERE workspace_id = ?1 AND "
                     "subject = ?2 AND meter = ?3 AND period = ?4 AND period_start = ?5 AND expires_at > ?6 "
                     "AND idempotency_key <> ?7");
    sum.bind(1, workspaceId)
        .bind(2, subject)
        .bind(3, meter)
        .bind(4, planPeriodName(period))
        .bind(5, periodStartNs)
        .bind(6, nowNs)
        .bind(7, exceptKey);
    if (!sum.next())
        return sum.ok() ? Result<double>(0.0) : Result<double>(sum.status().error());
    return sum.real(0);
}

} // namespace

Result<bool> SqliteStore::reserveQuota(const QString &workspaceId, const QuotaReservation &reservation,
    qint64 nowNs, const ReservationDecider &decide)
{
    bool fits = false;
    Status status = writeTransaction([&](SqliteConnection &db) -> Status {
        auto counter = db.prepare("SELECT period_start, period_end, event_count, sum_qty, min_qty, max_qty, "
                                  "first_qty, first_time, last_qty, last_time FROM plan_usage_counters WHERE "
                                  "workspace_id = ?1 AND subject = ?2 AND meter = ?3 AND period = ?4 AND "
                                  "period_start = ?5");
        counter.bind(1, workspaceId)
            .bind(2, reservation.subject)
            .bind(3, reservation.meter)
            .bind(4, planPeriodName(reservation.period))
            .bind(5, reservation.periodStartNs);
        std::optional<UsageCounter> current;
        if (counter.next())
            current = usageCounterFromRow(counter);
        else if (auto s = counter.status(); !s)
            return s;
        counter.reset();
        auto reserved = liveReservations(db, workspaceId, reservation.subject, reservation.meter,
            reservation.period, reservation.periodStartNs, nowNs, reservation.idempotencyKey);
        if (!reserved)
            return reserved.error();
        auto decision = decide(current, reserved.value());
        if (!decision)
            return decision.error();
        fits = decision.value();
        if (!fits)
            return {};
        auto insert = db.prepare(
            "INSERT INTO plan_reservations (workspace_id, idempotency_key, subject, meter, period, "
            "period_start, "
            "quantity, expires_at, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
            "ON CONFLICT (workspace_id, idempotency_key) DO UPDATE SET subject = excluded.subject, "
            "meter = excluded.meter, period = excluded.period, period_start = excluded.period_start, "
            "quantity = excluded.quantity, expires_at = excluded.expires_at, created_at = "
            "excluded.created_at");
        insert.bind(1, workspaceId)
            .bind(2, reservation.idempotencyKey)
            .bind(3, reservation.subject)
            .bind(4, reservation.meter)
            .bind(5, planPeriodName(reservation.period))
            .bind(6, reservation.periodStartNs)
            .bind(7, reservation.quantity)
            .bind(8, reservation.expiresAtNs)
            .bind(9, reservation.createdAtNs);
        return insert.run();
    });
    if (!status)
        return status.error();
    return fits;
}

Result<double> SqliteStore::reservedQuantity(const QString &workspaceId, const QString &subject,
    const QString &meter, PlanPeriod period, qint64 periodStartNs, qint64 nowNs)
{
    auto lease = read();
    if (!lease)
        return lease.error();
    return liveReservations(
        *lease.value(), workspaceId, subject, meter, period, periodStartNs, nowNs, QString());
}

Status SqliteStore::deleteExpiredReservations(qint64 nowNs)
{
    auto expired = readOneRow(
        "SELECT 1 FROM plan_reservations WHERE expires_at <= ?1 LIMIT 1",
        [](const SqliteStatement &) { return true; }, nowNs);
    if (!expired)
        return expired.error();
    if (!expired.value())
        return {};
    auto deleted = writeChangesRow("DELETE FROM plan_reservations WHERE expires_at <= ?1", nowNs);
    if (!deleted)
        return deleted.error();
    return {};
}

} // namespace osc
