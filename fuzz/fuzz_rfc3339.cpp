// RFC 3339 parsing (engine/core/Rfc3339). Invariants: what parses is within 0001–9999, and formatting it
// with nanoseconds parses back to the same instant.
#include "FuzzTarget.h"

#include "core/Rfc3339.h"
#include "core/TimeNs.h"

#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    const auto parsed = osc::rfc3339::parse(text);
    const auto viaQString
        = osc::rfc3339::parse(QStringView(QString::fromUtf8(text.data(), qsizetype(text.size()))));
    if (!parsed)
        return 0;
    OSC_FUZZ_ASSERT(viaQString && *viaQString == *parsed);
    OSC_FUZZ_ASSERT(!(*parsed < osc::kMinTime) && !(osc::kMaxTime < *parsed));
    const auto again = osc::rfc3339::parse(QStringView(osc::rfc3339::formatNanos(*parsed)));
    OSC_FUZZ_ASSERT(again && *again == *parsed);
    char seconds[32];
    OSC_FUZZ_ASSERT(osc::rfc3339::formatSeconds(*parsed, seconds) < int(sizeof seconds));
    return 0;
}
