// SqliteStore: retention pruning (contract §6.11).

#include "store/sqlite/SqliteStore.h"
#include "store/sqlite/SqliteTime.h"

#include "rollup/RollupKeys.h"

#include "core/Rfc3339.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace osc {

namespace {

QByteArray metersJson(const QList<PruneMeterResult> &meters)
{
    QJsonArray array;
    for (const PruneMeterResult &m : meters)
        array.append(QJsonObject{{QStringLiteral("meter"), m.meter}, {QStringLiteral("before"), m.beforeNs},
            {QStringLiteral("deleted"), m.deleted}});
    return QJsonDocument(array).toJson(QJsonDocument::Compact);
}

QList<PruneMeterResult> metersFromJson(const QByteArray &json)
{
    QList<PruneMeterResult> out;
    for (const QJsonValue &v : QJsonDocument::fromJson(json).array()) {
        const QJsonObject o = v.toObject();
        out.append({o.value(QLatin1StringView("meter")).toString(),
            qint64(o.value(QLatin1StringView("before")).toDouble()),
            qint64(o.value(QLatin1StringView("deleted")).toDouble())});
    }
    return out;
}

} // namespace

Result<qint64> SqliteStore::countEventsBefore(
    const QString &workspaceId, const QString &meter, TimeNs beforeNs)
{
    auto lease = read();
    if (!lease)
        return lease.error();
    auto stmt = (*lease.value())
                    .prepare("SELECT COUNT(*) FROM usage_events WHERE workspace_id = ?1 AND meter = ?2 "
                             "AND event_time < ?3");
    stmt.bind(1, workspaceId).bind(2, meter).bind(3, beforeNs);
    if (!stmt.next())
        return stmt.status().error();
    return stmt.int64(0);
}

Result<qint64> SqliteStore::deleteEventsBefore(
    const QString &workspaceId, const QString &meter, TimeNs beforeNs, int maxRows)
{
    qint64 deleted = 0;
    Status status = writeTransaction([&](SqliteConnection &db) -> Status {
        auto remove = db.prepare(
            "DELETE FROM usage_events WHERE seq IN (SELECT seq FROM usage_events WHERE workspace_id = ?1 "
            "AND meter = ?2 AND event_time < ?3 ORDER BY event_time LIMIT ?4) RETURNING subject, event_time");
        remove.bind(1, workspaceId).bind(2, meter).bind(3, beforeNs).bind(4, maxRows);
        QHash<QString, qint64> perSubject;
        TimeNs oldestNs;
        TimeNs newestNs;
        while (remove.next()) {
            const TimeNs eventTime = remove.time(1);
            oldestNs = deleted == 0 ? eventTime : std::min(oldestNs, eventTime);
            newestNs = deleted == 0 ? eventTime : std::max(newestNs, eventTime);
            ++perSubject[remove.text(0)];
            ++deleted;
        }
        if (auto s = remove.status(); !s)
            return s;
        if (deleted == 0)
            return {};
        // Subject totals: only the oldest events go, so a subject's last event time stays unless none
        // of its events in this meter remain. Applied now; a failed commit invalidates them below.
        m_subjectTotals.subtract(workspaceId, meter, perSubject);
        // The hours the deleted events lived in are rebuilt from what remains (usually only the hour
        // holding the cut-off keeps events).
        auto definition = loadMeter(db, workspaceId, meter);
        if (!definition)
            return definition.error();
        if (definition->has_value()) {
            if (auto s
                = recomputeRollups(db, workspaceId, **definition, rollup::floorTo(oldestNs, rollup::kHourNs),
                    rollup::floorTo(newestNs, rollup::kHourNs) + rollup::kHourNs);
                !s)
                return s;
        }
        auto usage = db.prepare("UPDATE meter_usage SET usage_events = MAX(usage_events - ?3, 0) "
                                "WHERE workspace_id = ?1 AND meter = ?2");
        usage.bind(1, workspaceId).bind(2, meter).bind(3, deleted);
        if (auto s = usage.run(); !s)
            return s;
        auto counters = db.prepare("UPDATE workspace_counters SET usage_events = MAX(usage_events - ?2, 0) "
                                   "WHERE workspace_id = ?1");
        counters.bind(1, workspaceId).bind(2, deleted);
        return counters.run();
    });
    if (!status) {
        if (deleted > 0)
            invalidateSubjectTotals();
        return status.error();
    }
    return deleted;
}

Status SqliteStore::insertPruneRun(const QString &workspaceId, const PruneRun &run)
{
    return writeTransaction([&](SqliteConnection &db) -> Status {
        auto insert
            = db.prepare("INSERT INTO prune_runs (id, workspace_id, deleted, dry_run, meters, created_at) "
                         "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
        insert.bind(1, run.id)
            .bind(2, workspaceId)
            .bind(3, run.deleted)
            .bind(4, qint64(run.dryRun))
            .bind(5, metersJson(run.meters))
            .bind(6, run.createdAtNs);
        if (auto s = insert.run(); !s)
            return s;
        auto counter
            = db.prepare("UPDATE workspace_counters SET prune_runs = prune_runs + 1 WHERE workspace_id = ?1");
        counter.bind(1, workspaceId);
        return counter.run();
    });
}

Result<QList<PruneRun>> SqliteStore::listPruneRuns(
    const QString &workspaceId, std::optional<qint64> afterTimeNs, const QString &afterId, int limit)
{
    auto lease = read();
    if (!lease)
        return lease.error();
    auto stmt = (*lease.value())
                    .prepare("SELECT id, deleted, dry_run, meters, created_at FROM prune_runs "
                             "WHERE workspace_id = ?1 AND (?2 IS NULL OR created_at < ?2 OR (created_at = ?2 "
                             "AND id < ?3)) ORDER BY created_at DESC, id DESC LIMIT ?4");
    stmt.bind(1, workspaceId).bind(2, afterTimeNs).bind(3, afterId).bind(4, limit + 1);
    QList<PruneRun> out;
    while (stmt.next())
        out.append(
            {stmt.text(0), stmt.int64(1), stmt.int64(2) != 0, metersFromJson(stmt.bytes(3)), stmt.int64(4)});
    if (auto s = stmt.status(); !s)
        return s.error();
    return out;
}

Result<QStringList> SqliteStore::listWorkspaceIds()
{
    auto lease = read();
    if (!lease)
        return lease.error();
    auto stmt = (*lease.value()).prepare("SELECT id FROM workspaces ORDER BY id");
    QStringList out;
    while (stmt.next())
        out.append(stmt.text(0));
    if (auto s = stmt.status(); !s)
        return s.error();
    return out;
}

} // namespace osc
