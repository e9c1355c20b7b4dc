// The request JSON parser (engine/json/StrictJson) and what ingestion does with its result: a usage
// event or a bulk array decoded, then the size limits. Invariants: a parsed document is within the
// nesting limit and holds no lone surrogate.
#include "FuzzTarget.h"

#include "ingest/InputLimits.h"
#include "wire/UsageJson.h"
#include "json/StrictJson.h"

#include <QJsonArray>

namespace {

bool hasLoneSurrogate(const QString &text)
{
    return osc::json::replaceLoneSurrogates(text) != text;
}

void checkStrings(const QJsonValue &value)
{
    if (value.isString()) {
        OSC_FUZZ_ASSERT(!hasLoneSurrogate(value.toString()));
    } else if (value.isArray()) {
        for (const QJsonValue &element : value.toArray())
            checkStrings(element);
    } else if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            OSC_FUZZ_ASSERT(!hasLoneSurrogate(it.key()));
            checkStrings(it.value());
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body(reinterpret_cast<const char *>(data), qsizetype(size));
    auto parsed = osc::json::parseBody(body);
    if (!parsed)
        return 0;
    OSC_FUZZ_ASSERT(osc::json::nestingDepth(parsed.value()) <= osc::json::kMaxNestingDepth);
    checkStrings(parsed.value());
    const osc::InputLimits limits;
    const auto ingest = [&](const QJsonValue &item) {
        auto draft = osc::wire::usageDraftFromJson(item);
        if (!draft)
            return;
        (void)limits.checkMetadata(draft->metadata);
        (void)limits.checkIdempotencyKey(draft->idempotencyKey);
        (void)limits.checkMeterName(draft->meter);
    };
    if (parsed->isArray()) {
        for (const QJsonValue &item : parsed->toArray())
            ingest(item);
    } else {
        ingest(parsed.value());
    }
    return 0;
}
