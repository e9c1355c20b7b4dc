// Raw-event and subject reads (contract §6.9, §6.10) for SqliteStore.

#include "store/sqlite/SqliteStore.h"

#include <algorithm>

#include "store/sqlite/SqliteFilterSql.h"
#include "store/sqlite/SqliteTime.h"

#include <QVariant>

#include <sqlite3.h>

#include <memory>

namespace osc {

namespace {

// The filter makes this SQL dynamic, so it cannot go through SqliteConnection::prepare (whose cache
// is keyed by the literal's address): the statement is prepared here and finalized after use.
struct FinalizeStatement
{
    void operator()(sqlite3_stmt *stmt) const { sqlite3_finalize(stmt); }
};
using OwnedStatement = std::unique_ptr<sqlite3_stmt, FinalizeStatement>;

void bindVariant(SqliteStatement &stmt, int index, const QVariant &value)
{
    if (sqlite_time::isTime(value)) {
        stmt.bind(index, value.value<TimeNs>());
        return;
    }
    switch (value.typeId()) {
    case QMetaType::Double:
    case QMetaType::Float:
        stmt.bind(index, value.toDouble());
        break;
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
    case QMetaType::Bool:
        stmt.bind(index, value.toLongLong());
        break;
    case QMetaType::QByteArray:
        stmt.bind(index, value.toByteArray());
        break;
    default:
        if (value.isNull())
            stmt.bindNull(index);
        else
            stmt.bind(index, value.toString());
    }
}

} // namespace

Status SqliteStore::readEventPage(const QString &workspaceId, const EventReadQuery &query,
    const std::function<void(const SqliteStatement &)> &row)
{
    // Only anonymous `?` parameters, in text order, because the filter fragment uses them too.
    static constexpr const char *kColumns
        = "SELECT id, idempotency_key, subject, meter, quantity, event_time, received_at, metadata "
          "FROM usage_events WHERE workspace_id = ?";
    QByteArray conditions;
    QList<QVariant> conditionBinds;
    if (!query.subject.isEmpty()) {
        conditions += " AND subject = ?";
        conditionBinds.append(query.subject);
    }
    if (query.fromNs) {
        conditions += " AND event_time >= ?";
        conditionBinds.append(sqlite_time::param(*query.fromNs));
    }
    if (query.toNs) {
        conditions += " AND event_time < ?";
        conditionBinds.append(sqlite_time::param(*query.toNs));
    }
    if (query.afterTimeNs) {
        // (t < ct) OR (t = ct AND id < cid), written so the index range starts at the cursor.
        conditions += " AND event_time <= ? AND (event_time < ? OR id < ?)";
        conditionBinds << sqlite_time::param(*query.afterTimeNs) << sqlite_time::param(*query.afterTimeNs)
                       << query.afterId;
    }
    if (query.filter) {
        const sqlite::SqlFragment fragment = sqlite::toSqlite(*query.filter);
        conditions += " AND (" + fragment.sql + ")";
        conditionBinds.append(fragment.binds);
    }
    const QByteArray order = " ORDER BY event_time DESC, id DESC LIMIT ?";
    const qint64 rows = qint64(query.limit) + 1;

    QStringList meters;
    if (!query.meter.isEmpty()) {
        meters = {query.meter};
    } else {
        // Newest events across meters: merge each meter's newest rows, read in the order of the
        // (meter, event_time) index (SQLite sorts only ties by id), instead of keeping a time or subject
        // index that every insert would have to update: measured, such indexes cut bulk ingestion
        // by a quarter (time) to three quarters (subject, which arrives in random order).
        auto names = listMeters(workspaceId, {QString(), QString(), kMaxMergedMeters});
        if (!names)
            return names.error();
        for (const Meter &meter : std::as_const(names.value()))
            meters.append(meter.name);
        if (meters.isEmpty())
            return {};
    }
    QByteArray sql;
    QList<QVariant> binds;
    if (meters.size() > kMaxMergedMeters) {
        sql = kColumns + conditions + order; // many meters: one scan and a sort
        binds = QList<QVariant>{workspaceId} + conditionBinds;
    } else if (meters.size() == 1) {
        sql = kColumns + QByteArray(" AND meter = ?") + conditions + order;
        binds = QList<QVariant>{workspaceId, meters.first()} + conditionBinds;
    } else {
        for (const QString &meter : std::as_const(meters)) {
            if (!sql.isEmpty())
                sql += " UNION ALL ";
            sql += "SELECT * FROM (" + QByteArray(kColumns) + " AND meter = ?" + conditions + order + ")";
            binds << workspaceId << meter;
            binds.append(conditionBinds);
            binds.append(rows);
        }
        sql += order;
    }
    binds.append(rows);

    auto lease = read();
    if (!lease)
        return lease.error();
    SqliteConnection &db = *lease.value();
    sqlite3_stmt *raw = nullptr;
    if (sqlite3_prepare_v2(db.handle(), sql.constData(), int(sql.size()), &raw, nullptr) != SQLITE_OK) {
        sqlite3_finalize(raw);
        return Error::internal(db.lastErrorMessage());
    }
    OwnedStatement owned(raw);
    SqliteStatement stmt(owned.get(), &db); // declared after `owned`: reset before finalize
    for (int i = 0; i < binds.size(); ++i)
        bindVariant(stmt, i + 1, binds[i]);
    while (stmt.next())
        row(stmt);
    return stmt.status();
}

Result<QList<UsageEvent>> SqliteStore::listUsageEvents(
    const QString &workspaceId, const EventReadQuery &query)
{
    QList<UsageEvent> out;
    Status status = readEventPage(workspaceId, query, [&out](const SqliteStatement &stmt) {
        UsageEvent event;
        event.id = stmt.text(0);
        if (!stmt.isNull(1))
            event.idempotencyKey = stmt.text(1);
        event.subject = stmt.text(2);
        event.meter = stmt.text(3);
        event.quantity = stmt.real(4);
        event.eventTimeNs = stmt.time(5);
        event.receivedAtNs = stmt.time(6);
        event.metadata = stmt.bytes(7);
        out.append(std::move(event));
    });
    if (!status)
        return status.error();
    return out;
}

// From the in-memory subject totals when they are derived (see SqliteStore.h); until then grouped from
// the raw events (seconds at millions of events, but only right after an upgrade).
Result<QList<SubjectSummary>> SqliteStore::listSubjects(
    const QString &workspaceId, std::optional<TimeNs> afterTimeNs, const QString &afterSubject, int limit)
{
    if (const auto held = m_subjectTotals.workspace(workspaceId)) {
        QHash<QString, SubjectSummary> bySubject;
        const auto &totals = *held;
        for (auto it = totals.cbegin(); it != totals.cend(); ++it) {
            SubjectSummary &summary = bySubject[it.key().first];
            summary.subject = it.key().first;
            summary.usageEvents += it.value().events;
            summary.meters += 1;
            summary.lastEventAtNs = std::max(summary.lastEventAtNs, it.value().lastEventNs);
        }
        QList<SubjectSummary> out;
        for (const SubjectSummary &summary : std::as_const(bySubject))
            if (!afterTimeNs || summary.lastEventAtNs < *afterTimeNs
                || (summary.lastEventAtNs == *afterTimeNs
                    && summary.subject.toUtf8() > afterSubject.toUtf8()))
                out.append(summary);
        // last_event_at DESC, subject ASC in byte order (SQLite's BINARY collation, as before).
        std::sort(out.begin(), out.end(), [](const SubjectSummary &a, const SubjectSummary &b) {
            if (a.lastEventAtNs != b.lastEventAtNs)
                return a.lastEventAtNs > b.lastEventAtNs;
            return a.subject.toUtf8() < b.subject.toUtf8();
        });
        if (out.size() > limit + 1)
            out.resize(limit + 1);
        return out;
    }
    auto lease = read();
    if (!lease)
        return lease.error();
    auto stmt
        = (*lease.value())
              .prepare("SELECT subject, COUNT(*), COUNT(DISTINCT meter), MAX(event_time) AS last_event_at "
                       "FROM usage_events WHERE workspace_id = ?1 GROUP BY subject "
                       "HAVING ?2 IS NULL OR last_event_at < ?2 OR (last_event_at = ?2 AND subject > ?3) "
                       "ORDER BY last_event_at DESC, subject ASC LIMIT ?4");
    stmt.bind(1, workspaceId).bind(2, afterTimeNs).bind(3, afterSubject).bind(4, qint64(limit) + 1);
    QList<SubjectSummary> out;
    while (stmt.next())
        out.append({stmt.text(0), stmt.int64(1), stmt.int64(2), stmt.time(3)});
    if (auto s = stmt.status(); !s)
        return s.error();
    return out;
}

} // namespace osc
