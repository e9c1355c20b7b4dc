#pragma once

#include "core/Result.h"

#include <QString>

#include <functional>

namespace osc {

class Engine;

// Sample data for first-run users, screenshots and benchmarks: the seven use-case meters of Open
// Spanner's docs (API requests, AI tokens, storage, active users, background jobs, feature usage,
// historical backfill) with realistic dimensions, and N events spread over the last D days, written
// through the engine's normal ingestion path in batches. Event times move forward through the period
// (with jitter), the way live traffic arrives.
struct DemoDataOptions
{
    qint64 events = 10'000;
    int days = 30;
    int subjects = 50;
    quint32 seed = 42;
    int batchSize = 1000;
    // Non-empty: every event goes to this demo meter (benchmarks want one large meter).
    QString onlyMeter;
    // The workspace to fill; empty = the default one (the CLI's `demo`).
    QString workspaceId;
};

struct DemoDataSummary
{
    int metersCreated = 0;
    qint64 eventsWritten = 0;
};

// `progress` (optional) is called after each batch with the events written so far; returning false stops.
Result<DemoDataSummary> generateDemoData(
    Engine &engine, const DemoDataOptions &options, const std::function<bool(qint64)> &progress = {});

} // namespace osc
