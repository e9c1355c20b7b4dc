#include "query/RollupEligibility.h"

#include "rollup/RollupKeys.h"

#include <algorithm>

namespace osc::query {

bool onlyDimensionConditions(const FilterNode &node, const Meter &meter)
{
    if (node.isGroup())
        return std::all_of(node.rules.begin(), node.rules.end(),
            [&](const FilterNode &rule) { return onlyDimensionConditions(rule, meter); });
    // The writing API key is part of every dimension rollup row's key (migration 12).
    if (node.field == FilterField::ApiKey)
        return true;
    return node.field == FilterField::Metadata && rollup::isDimensionPath(meter, node.metadataPath);
}

} // namespace osc::query
