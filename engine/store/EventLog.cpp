#include "store/EventLog.h"

#include <future>

namespace osc {

Result<IngestOutcome> EventLog::ingest(const QString &workspaceId, IngestBatch batch)
{
    std::promise<Result<IngestOutcome>> promise;
    auto future = promise.get_future();
    ingestAsync(workspaceId, std::move(batch),
        [&promise](Result<IngestOutcome> outcome) { promise.set_value(std::move(outcome)); });
    return future.get();
}

} // namespace osc
