#pragma once

#include "filter/Filter.h"
#include "model/Meter.h"

// Which queries the rollup tables answer exactly, shared by bucket queries and breakdowns.
namespace osc::query {

// True when every condition of the filter reads a metadata path that is one of the meter's dimensions:
// such a filter gives the same answer on a rollup row's projection as on each of its events.
bool onlyDimensionConditions(const FilterNode &node, const Meter &meter);

} // namespace osc::query
