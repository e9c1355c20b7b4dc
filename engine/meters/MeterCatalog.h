#pragma once

#include "auth/Principal.h"
#include "core/Clock.h"
#include "core/Page.h"
#include "core/Result.h"
#include "ingest/InputLimits.h"
#include "model/Meter.h"

namespace osc {

class MeterStore;

// The meters API of contract §4: create, list, stats, get, partial update and delete, with
// authorization (§2.3) applied in the contract's order (lookups before 403 for by-id routes).
class MeterCatalog
{
public:
    static constexpr int kDefaultPageSize = 50;
    static constexpr int kMaxPageSize = 500;

    MeterCatalog(MeterStore &store, const Clock &clock);

    Result<Meter> create(const Principal &principal, const MeterDraft &draft);
    // `limit` 0 = default; `cursor` as received from a previous page.
    Result<Page<Meter>> list(
        const Principal &principal, const QString &nameFilter, qint64 limit, const QString &cursor);
    Result<Page<MeterUsageStats>> stats(const Principal &principal, qint64 limit, const QString &cursor);
    Result<Meter> get(const Principal &principal, const QString &id);
    Result<Meter> findByName(const Principal &principal, const QString &name);
    Result<Meter> update(const Principal &principal, const QString &id, const MeterPatch &patch);
    Status remove(const Principal &principal, const QString &id);

    // Set once at start-up, before any request.
    void setLimits(const InputLimits &limits) { m_limits = limits; }

private:
    MeterStore &m_store;
    const Clock &m_clock;
    InputLimits m_limits;
};

} // namespace osc
