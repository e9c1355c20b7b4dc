// The filter language (engine/filter, contract §6.6): any JSON value as a `filter`. Invariant: a filter
// that parses stays within the depth and node limits.
#include "FuzzTarget.h"

#include "filter/Filter.h"
#include "json/StrictJson.h"

#include <algorithm>

namespace {

int depth(const osc::FilterNode &node)
{
    int deepest = 0;
    for (const osc::FilterNode &child : node.rules)
        deepest = std::max(deepest, depth(child));
    return deepest + 1;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body(reinterpret_cast<const char *>(data), qsizetype(size));
    auto parsed = osc::json::parseBody(body);
    if (!parsed)
        return 0;
    auto filter = osc::parseFilter(parsed.value());
    if (filter && filter->has_value())
        OSC_FUZZ_ASSERT(depth(**filter) <= osc::kMaxFilterDepth + 1);
    return 0;
}
