// The filter language (engine/filter, contract §6.6): any JSON value as a `filter`. Invariant: a filter
// that parses stays within the depth and node limits, and matches an event without crashing.
#include "FuzzTarget.h"

#include "filter/Filter.h"
#include "json/StrictJson.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace osc::query;
    const QByteArray body(reinterpret_cast<const char *>(data), qsizetype(size));
    auto parsed = osc::json::parseBody(body);
    if (!parsed)
        return 0;
    auto filter = parseFilter(parsed.value());
    if (filter && filter->has_value()) {
        OSC_FUZZ_ASSERT(depth(**filter) <= kMaxFilterDepth);
        OSC_FUZZ_ASSERT(nodeCount(**filter) <= kMaxFilterNodes);
    }
    return 0;
}
