#pragma once

#include "core/Result.h"

#include <QStringList>

namespace osc {

// What a request needs to do, as the `area:verb` strings of contract §2.2.
enum class Action
{
    UsageWrite,
    UsageRead,
    MetersRead,
    MetersWrite,
    AlertsRead,
    AlertsWrite,
    ExportsRead,
    ExportsWrite,
    // Reads usage only through the usage export reports (ours): with exports:read, an export-only key
    // that cannot ingest, query buckets or manage meters, yet sees all usage of its workspace.
    ExportsUsage,
    PlansRead,
    PlansWrite,
    SystemRead,
};

QString actionName(Action action); // "usage:write"

namespace scopes {

// Every scope string a key may carry, in the contract's order (actions, then wildcards).
const QStringList &all();
// The scopes a key gets when the request names none.
const QStringList &defaults();
// Trims, lower-cases, drops blanks and duplicates (order kept) and validates against all(). An empty
// input gives the defaults; an input of only blanks is an error.
Result<QStringList> normalize(const QStringList &requested);
// Exact action, `*`, or `<area>:*`.
bool grants(const QStringList &scopes, Action action);

} // namespace scopes

} // namespace osc
