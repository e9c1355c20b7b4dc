#include "PruneJson.h"

#include "core/Rfc3339.h"

#include <QJsonArray>

namespace osc::wire {

QJsonObject pruneRunToJson(const PruneRun &run)
{
    QJsonArray meters;
    for (const PruneMeterResult &m : run.meters)
        meters.append(QJsonObject{{QStringLiteral("meter"), m.meter},
            {QStringLiteral("before"), rfc3339::formatSeconds(m.beforeNs)},
            {QStringLiteral("deleted"), m.deleted}});
    QJsonObject object = pruneRunSummaryToJson(run);
    object.insert(QStringLiteral("meters"), meters);
    return object;
}

QJsonObject pruneRunSummaryToJson(const PruneRun &run)
{
    return QJsonObject{{QStringLiteral("id"), run.id}, {QStringLiteral("deleted"), run.deleted},
        {QStringLiteral("dry_run"), run.dryRun},
        {QStringLiteral("created_at"), rfc3339::formatSeconds(run.createdAtNs)}};
}

} // namespace osc::wire
