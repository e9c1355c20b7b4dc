#pragma once

#include "store/AccountStore.h"
#include "store/AlertStore.h"
#include "store/ApiKeyStore.h"
#include "store/EventLog.h"
#include "store/ExportJobQueue.h"
#include "store/MeterStore.h"
#include "store/PlanStore.h"
#include "store/PruneLog.h"
#include "store/UsageScans.h"

#include <QFileInfo>

namespace osc {

// How far the rollups are behind the stored events (their maintenance is off the commit path; every
// answer stays exact, since queries read the raw events after the watermark).
struct RollupLag
{
    qint64 events = 0; // stored events not yet folded into the rollups
    std::optional<TimeNs> oldestReceivedAtNs; // when the oldest of them was stored
};

struct SystemCounters
{
    qint64 meters = 0;
    qint64 usageEvents = 0;
    qint64 pruneRuns = 0;
};

// Persistence behind the engine: the capability interfaces every store implements (SQLite in
// store/sqlite/, PostgreSQL next to it), plus what concerns the store as a whole. Services take the
// capability they use, never a concrete store; rules live in the engine, the store guarantees
// atomicity where a rule reads and writes.
class Store : public MeterStore,
              public EventLog,
              public UsageScans,
              public PruneLog,
              public ApiKeyStore,
              public ExportJobQueue,
              public AccountStore,
              public PlanStore,
              public AlertStore
{
public:
    ~Store() override = default;

    virtual Status ping() = 0;
    // Where the store is, for people (a server store's DSN has its password masked).
    virtual QString location() const = 0;
    // The local folder of this instance's files that live beside the store (export artifacts): the
    // database file's folder for a file store; a server store is told it (StoreOptions::databasePath).
    virtual QString filesDirectory() const { return QFileInfo(location()).absolutePath(); }

    // System
    virtual Result<SystemCounters> systemCounters(const QString &workspaceId) = 0;
    // Meters whose rollups are still being built from raw events (their queries scan raw events
    // meanwhile): after an upgrade, or after a meter's dimensions changed.
    virtual Result<qint64> pendingRollupMeters() = 0;
    virtual Result<RollupLag> rollupLag() = 0;
};

} // namespace osc
