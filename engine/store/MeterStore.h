#pragma once

#include "core/Result.h"
#include "model/Meter.h"

#include <functional>
#include <optional>

namespace osc {

struct MeterListQuery
{
    QString nameFilter; // exact match when non-empty
    QString afterName; // keyset cursor: names strictly greater
    int limit = 50; // the store returns up to limit + 1 rows so callers can tell if more exist
};

enum class DeleteMeterOutcome
{
    Deleted,
    NotFound,
    HasUsage,
    UsedByPlan, // a plan limit (any version) names it (Q9: 409, not upstream's 500)
    HasAlertRules // contract Q9: a rule names the meter
};

// Meter definitions. Updates that depend on usage and deletes that require none are atomic with the
// check, so concurrent ingestion cannot slip between them.
// Every method is scoped by a workspace id (unless it says otherwise) and is safe to call from any
// thread.
class MeterStore
{
public:
    virtual ~MeterStore() = default;

    // Meters
    virtual Status insertMeter(const QString &workspaceId, const Meter &meter)
        = 0; // Conflict on a duplicate name
    virtual Result<std::optional<Meter>> findMeterById(const QString &workspaceId, const QString &id) = 0;
    virtual Result<std::optional<Meter>> findMeterByName(const QString &workspaceId, const QString &name) = 0;
    virtual Result<QList<Meter>> listMeters(const QString &workspaceId, const MeterListQuery &query) = 0;
    virtual Result<QList<MeterUsageStats>> listMeterStats(
        const QString &workspaceId, const MeterListQuery &query)
        = 0;
    // Reads the meter and whether it has usage, asks `update` for the new version and stores it, all in
    // one write transaction. NotFound when the meter does not exist.
    using MeterUpdate = std::function<Result<Meter>(const Meter &current, bool hasUsage)>;
    virtual Result<Meter> updateMeter(
        const QString &workspaceId, const QString &id, const MeterUpdate &update)
        = 0;
    virtual Result<DeleteMeterOutcome> deleteMeterIfUnused(const QString &workspaceId, const QString &id) = 0;
    virtual Result<qint64> countMeterEvents(const QString &workspaceId, const QString &meterName) = 0;
};

} // namespace osc
