#pragma once

#include "core/Result.h"
#include "ingest/InputLimits.h"
#include "model/Meter.h"

namespace osc {

// Every rule of contract §4.2, §4.4, §4.6 and §4.7 — validation order and messages included — so the
// REST API and the console's meter editor report exactly the same errors.
class MeterValidator
{
public:
    // `id` and `createdAtNs` of the result are left for the caller to fill.
    // The name's size and control-character limits apply at creation only: names are immutable, so a
    // meter made before a limit was lowered stays editable.
    static Result<Meter> validateCreate(const MeterDraft &draft, const InputLimits &limits = {});
    // Applies a partial update to `current`; `hasUsage` enables the dimension-evolution rules (§4.7).
    static Result<Meter> validateUpdate(const Meter &current, const MeterPatch &patch, bool hasUsage);
    // The §4.7 check alone: empty when `next` is a safe evolution of `previous` once usage exists.
    static Status checkDimensionEvolution(const QList<Dimension> &previous, const QList<Dimension> &next);

    // `service.tier` → `Service Tier`, `region-name` → `Region Name`.
    static QString humanize(const QString &dimensionName);
    static bool isValidDimensionName(const QString &name);
};

} // namespace osc
