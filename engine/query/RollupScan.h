#pragma once

#include "SqliteScan.h"
#include "meters/Meter.h"
#include "query/Aggregate.h"
#include "query/Filter.h"

// Reading the rollup tables (store migration 5), shared by bucket queries and breakdowns.
namespace osc::query {

// True when every condition of the filter reads a metadata path that is one of the meter's dimensions:
// such a filter gives the same answer on a rollup row's projection as on each of its events.
bool onlyDimensionConditions(const FilterNode &node, const Meter &meter);

// The aggregate columns of both rollup tables, in aggregateFromScan()'s order.
inline constexpr const char *kAggregateColumns = "events, qty_sum, qty_min, qty_max, first_time, first_id, "
                                                 "first_quantity, last_time, last_id, last_quantity";

// Ids are only read for first/last: two string copies per row are most of a rollup row's cost.
AggregateState aggregateFromScan(const SqliteScan &scan, int first, bool withIds);

// Rollups are used only when built for the meter's current dimensions and nothing awaits a rebuild.
Result<bool> rollupsReady(sqlite3 *db, const QString &workspaceId, const Meter &meter);

} // namespace osc::query
