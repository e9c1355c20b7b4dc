#include "query/RollupEligibility.h"

#include "rollup/RollupKeys.h"

#include <algorithm>

namespace osc::query {

bool onlyDimensionConditions(const FilterNode &node, const Meter &meter)
{
    if (node.isGroup())
        return std::all_of(node.rules.begin(), node.rules.end(),
            [&](const FilterNode &rule) { return onlyDimensionConditions(rule, meter); });
    return node.field == FilterField::Metadata && rollup::isDimensionPath(meter, node.metadataPath);
}

} // namespace osc::query
