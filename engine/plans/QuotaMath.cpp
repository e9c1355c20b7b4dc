#include "QuotaMath.h"

#include "store/MeterStore.h"
#include "store/PlanStore.h"

#include <algorithm>

namespace osc {

double counterValue(
    const std::optional<UsageCounter> &counter, Aggregation aggregation, const quota::Window &window)
{
    if (!counter || counter->count == 0)
        return 0;
    const UsageCounter &c = *counter;
    switch (aggregation) {
    case Aggregation::Sum:
        return c.sum;
    case Aggregation::Count:
        return double(c.count);
    case Aggregation::Avg:
        return c.sum / double(c.count);
    case Aggregation::Min:
        return c.min;
    case Aggregation::Max:
        return c.max;
    case Aggregation::First:
        return c.first;
    case Aggregation::Last:
        return c.last;
    case Aggregation::Rate:
        return window.seconds() > 0 ? double(c.count) / double(window.seconds()) : 0;
    }
    return 0;
}

QuotaState quotaStateFor(double value, double limit, double warningPercent)
{
    if (value >= limit)
        return QuotaState::Exceeded;
    if (limit > 0 && value / limit * 100 >= warningPercent)
        return QuotaState::Warning;
    return QuotaState::Ok;
}

int quotaSeverity(QuotaState state)
{
    switch (state) {
    case QuotaState::Exceeded:
        return 3;
    case QuotaState::Warning:
        return 2;
    case QuotaState::Ok:
        return 1;
    default:
        return 0;
    }
}

QuotaReader::QuotaReader(MeterStore &meters, PlanStore &plans)
    : m_meters(meters)
    , m_plans(plans)
{ }

Result<LimitProgress> QuotaReader::progress(
    const QString &workspaceId, const QString &subject, qint64 anchorNs, const PlanLimit &limit, qint64 nowNs)
{
    LimitProgress p;
    p.limit = limit;
    const auto window = quota::windowContaining(anchorNs, limit.period, nowNs);
    if (!window)
        return Error::internal(QStringLiteral("plan window out of range"));
    p.window = *window;
    auto meter = m_meters.findMeterByName(workspaceId, limit.meter);
    if (!meter)
        return meter.error();
    if (meter.value()) {
        p.unit = meter.value()->unit;
        p.aggregation = meter.value()->aggregation;
    }
    auto counter = m_plans.findUsageCounter(workspaceId, subject, limit.meter, limit.period, window->fromNs);
    if (!counter)
        return counter.error();
    p.current = counterValue(counter.value(), p.aggregation, p.window);
    p.eventCount = counter.value() ? counter.value()->count : 0;
    p.remaining = std::max(0.0, limit.limit - p.current);
    p.overage = std::max(0.0, p.current - limit.limit);
    p.percent = p.current / limit.limit * 100;
    p.state = quotaStateFor(p.current, limit.limit, limit.warningPercent);
    return p;
}

} // namespace osc
