#include "PlanValidator.h"

#include <QSet>

#include <cmath>

namespace osc {

Result<Plan> PlanValidator::validate(const PlanDraft &draft, const MeterLookup &meters)
{
    Plan plan;
    plan.name = draft.name.trimmed();
    if (plan.name.isEmpty())
        return Error::invalidInput(QStringLiteral("plan name is required"));
    if (plan.name.toUcs4().size() > kMaxPlanNameLength)
        return Error::invalidInput(
            QStringLiteral("plan name cannot exceed %1 characters").arg(kMaxPlanNameLength));
    plan.description = draft.description.trimmed();
    if (draft.limits.isEmpty())
        return Error::invalidInput(QStringLiteral("at least one plan limit is required"));
    QSet<QPair<QString, int>> seen;
    for (const PlanLimitDraft &d : draft.limits) {
        PlanLimit limit;
        limit.meter = d.meter.trimmed();
        if (limit.meter.isEmpty())
            return Error::invalidInput(QStringLiteral("meter is required"));
        auto meter = meters(limit.meter);
        if (!meter) {
            if (meter.error().kind == ErrorKind::NotFound)
                return Error::notFound(
                    QStringLiteral("not found: meter \"%1\" was not found").arg(limit.meter));
            return meter.error();
        }
        const QString periodText = d.period.trimmed();
        const auto period
            = periodText.isEmpty() ? std::optional(PlanPeriod::Month) : planPeriodFromName(periodText);
        if (!period)
            return Error::invalidInput(QStringLiteral("unsupported plan period \"%1\"").arg(periodText));
        limit.period = *period;
        if (!d.limit || !std::isfinite(*d.limit) || *d.limit <= 0)
            return Error::invalidInput(QStringLiteral("limit must be greater than zero"));
        limit.limit = *d.limit;
        // 0 is Go's zero value: the field was left out (upstream applies the default the same way).
        limit.warningPercent
            = d.warningPercent && *d.warningPercent != 0 ? *d.warningPercent : kDefaultWarningPercent;
        if (!std::isfinite(limit.warningPercent) || limit.warningPercent <= 0 || limit.warningPercent > 100)
            return Error::invalidInput(
                QStringLiteral("warning percent must be greater than zero and at most 100"));
        const QPair<QString, int> key{limit.meter, int(limit.period)};
        if (seen.contains(key))
            return Error::invalidInput(QStringLiteral("duplicate limit for meter \"%1\" and period \"%2\"")
                                           .arg(limit.meter, planPeriodName(limit.period)));
        seen.insert(key);
        plan.limits.append(limit);
    }
    return plan;
}

} // namespace osc
