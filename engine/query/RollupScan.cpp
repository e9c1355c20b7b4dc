#include "RollupScan.h"

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

AggregateState aggregateFromScan(const SqliteScan &scan, int first, bool withIds)
{
    AggregateState state;
    state.count = scan.int64(first);
    state.sum = scan.real(first + 1);
    state.min = scan.real(first + 2);
    state.max = scan.real(first + 3);
    state.firstTimeNs = scan.int64(first + 4);
    if (withIds)
        state.firstId = scan.text(first + 5);
    state.firstQuantity = scan.real(first + 6);
    state.lastTimeNs = scan.int64(first + 7);
    if (withIds)
        state.lastId = scan.text(first + 8);
    state.lastQuantity = scan.real(first + 9);
    return state;
}

Result<bool> rollupsReady(sqlite3 *db, const QString &workspaceId, const Meter &meter)
{
    SqliteScan state;
    if (auto s = state.prepare(db,
            "SELECT signature IS NOT NULL AND signature = ? AND pending_to IS NULL FROM rollup_state "
            "WHERE workspace_id = ? AND meter = ?",
            {QString::fromUtf8(rollup::dimensionSignature(meter)), workspaceId, meter.name});
        !s)
        return s.error();
    const bool ready = state.next() && state.int64(0) == 1;
    if (auto s = state.status(); !s)
        return s.error();
    return ready;
}
} // namespace osc::query
