#pragma once

#include "core/Result.h"
#include "model/Meter.h"
#include "model/Plan.h"

#include <functional>

namespace osc {

// The create/update body rules of contract §10.2, in the contract's order: name (required, ≤ 120
// runes), at least one limit, then per limit meter (required, must exist → 404), period, limit,
// warning percent, and duplicates of (meter, period). Ids and times are left to the caller.
class PlanValidator
{
public:
    using MeterLookup = std::function<Result<Meter>(const QString &name)>; // NotFound when missing
    static Result<Plan> validate(const PlanDraft &draft, const MeterLookup &meters);
};

} // namespace osc
