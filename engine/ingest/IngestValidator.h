#pragma once

#include "InputLimits.h"
#include "core/Result.h"
#include "model/Meter.h"
#include "model/UsageEvent.h"

#include <functional>

namespace osc {

// The per-event rules of contract §4.8 and §5.2, in the contract's order: timestamp format → meter
// (404) → metadata/dimensions → subject → quantity.
class IngestValidator
{
public:
    using MeterLookup = std::function<Result<Meter>(const QString &name)>;

    // Fills every field but `id`, `receivedAtNs` and `apiKeyId`. `nowNs` is the default event time.
    // The size limits come after the contract's own checks: metadata limits with the metadata step,
    // the idempotency key last (the contract has no rule for it).
    static Result<UsageEvent> validate(const UsageDraft &draft, const MeterLookup &lookupMeter, qint64 nowNs,
        const InputLimits &limits = {});

    // §4.8: checks defined dimensions and moves flat dotted dimension keys into nested objects.
    static Result<QJsonObject> normalizeMetadata(const Meter &meter, QJsonObject metadata);
    static Status validateSubject(const QString &subject);
};

} // namespace osc
