#pragma once

#include "model/PruneRun.h"

#include <QJsonObject>

namespace osc::wire {

// PruneRun of contract §6.11:
// {"id","deleted","dry_run","meters":[{"meter","before","deleted"}],"created_at"}.
QJsonObject pruneRunToJson(const PruneRun &run);
// The short form in system stats' `last_prune_run` (§3): no per-meter list.
QJsonObject pruneRunSummaryToJson(const PruneRun &run);

} // namespace osc::wire
