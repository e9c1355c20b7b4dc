// PgStore: retention pruning (contract §6.11).
#include "store/postgres/PgStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace osc {

using pg::Param;

namespace {

// The per-meter detail as SQLite keeps it (SqlitePrune.cpp): the JSON the API returns.
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

Result<qint64> PgStore::countEventsBefore(const QString &workspaceId, const QString &meter, TimeNs beforeNs)
{
    auto rows = query("SELECT COUNT(*) FROM usage_events WHERE workspace_id = $1 AND meter = $2 "
                      "AND event_time < $3",
        {Param::text(workspaceId), Param::text(meter), Param::time(beforeNs)});
    if (!rows)
        return rows.error();
    return rows->int64(0, 0);
}

Result<qint64> PgStore::deleteEventsBefore(
    const QString &workspaceId, const QString &meter, TimeNs beforeNs, int maxRows)
{
    qint64 deleted = 0;
    Status status = transaction(
        [&](pg::Connection &db) -> Status {
            deleted = 0;
            auto remove = db.exec(
                "DELETE FROM usage_events WHERE seq IN (SELECT seq FROM usage_events WHERE workspace_id = $1 "
                "AND meter = $2 AND event_time < $3 ORDER BY event_time LIMIT $4)",
                {Param::text(workspaceId), Param::text(meter), Param::time(beforeNs), Param::int64(maxRows)});
            if (!remove)
                return remove.error();
            deleted = remove->affected();
            if (deleted == 0)
                return {};
            // Rollups are not kept on PostgreSQL yet (PgPending.cpp), so there are none to rebuild here;
            // they come with the usage scans.
            auto usage = db.exec("UPDATE meter_usage SET usage_events = GREATEST(usage_events - $3, 0) "
                                 "WHERE workspace_id = $1 AND meter = $2",
                {Param::text(workspaceId), Param::text(meter), Param::int64(deleted)});
            if (!usage)
                return usage.error();
            auto counters
                = db.exec("UPDATE workspace_counters SET usage_events = GREATEST(usage_events - $2, 0) "
                          "WHERE workspace_id = $1",
                    {Param::text(workspaceId), Param::int64(deleted)});
            if (!counters)
                return counters.error();
            return {};
        },
        Isolation::ReadCommitted);
    if (!status)
        return status.error();
    return deleted;
}

Status PgStore::insertPruneRun(const QString &workspaceId, const PruneRun &run)
{
    return transaction([&](pg::Connection &db) -> Status {
        auto insert
            = db.exec("INSERT INTO prune_runs (id, workspace_id, deleted, dry_run, meters, created_at) "
                      "VALUES ($1, $2, $3, $4, $5, $6)",
                {Param::text(run.id), Param::text(workspaceId), Param::int64(run.deleted),
                    Param::int64(run.dryRun ? 1 : 0), Param::utf8(metersJson(run.meters)),
                    Param::int64(run.createdAtNs)});
        if (!insert)
            return insert.error();
        auto counter
            = db.exec("UPDATE workspace_counters SET prune_runs = prune_runs + 1 WHERE workspace_id = $1",
                {Param::text(workspaceId)});
        if (!counter)
            return counter.error();
        return {};
    });
}

Result<QList<PruneRun>> PgStore::listPruneRuns(
    const QString &workspaceId, std::optional<qint64> afterTimeNs, const QString &afterId, int limit)
{
    auto rows = query("SELECT id, deleted, dry_run, meters, created_at FROM prune_runs "
                      "WHERE workspace_id = $1 AND ($2::bigint IS NULL OR created_at < $2::bigint "
                      "OR (created_at = $2::bigint AND id < $3)) ORDER BY created_at DESC, id DESC LIMIT $4",
        {Param::text(workspaceId), Param::optionalInt64(afterTimeNs), Param::text(afterId),
            Param::int64(limit + 1)});
    if (!rows)
        return rows.error();
    QList<PruneRun> out;
    for (int i = 0; i < rows->size(); ++i)
        out.append({rows->text(i, 0), rows->int64(i, 1), rows->int64(i, 2) != 0,
            metersFromJson(rows->utf8(i, 3)), rows->int64(i, 4)});
    return out;
}

} // namespace osc
