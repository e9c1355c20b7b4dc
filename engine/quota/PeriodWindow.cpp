#include "PeriodWindow.h"

#include "core/Clock.h"
#include "core/Rfc3339.h"

namespace osc::quota {

namespace {

qint64 floorDiv(qint64 a, qint64 b)
{
    const qint64 q = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

// Go's Date(y, m + months, d, …) for a UTC time: months normalize into years, days into months.
qint64 addMonths(qint64 seconds, int months)
{
    const qint64 days = floorDiv(seconds, kSecondsPerDay);
    const qint64 timeOfDay = seconds - days * kSecondsPerDay;
    const rfc3339::CivilDate date = rfc3339::civilFromDays(days);
    const qint64 monthIndex = qint64(date.year) * 12 + (date.month - 1) + months;
    const int year = int(floorDiv(monthIndex, 12));
    const unsigned month = unsigned(monthIndex - qint64(year) * 12) + 1;
    const qint64 newDays = rfc3339::daysFromCivil(year, month, 1) + (date.day - 1);
    return newDays * kSecondsPerDay + timeOfDay;
}

} // namespace

qint64 addPeriod(qint64 seconds, PlanPeriod period)
{
    switch (period) {
    case PlanPeriod::Day:
        return seconds + kSecondsPerDay;
    case PlanPeriod::Week:
        return seconds + 7 * kSecondsPerDay;
    case PlanPeriod::Month:
        return addMonths(seconds, 1);
    case PlanPeriod::Year:
        return addMonths(seconds, 12);
    }
    return seconds;
}

std::optional<Window> windowContaining(qint64 anchorNs, PlanPeriod period, qint64 atNs)
{
    const qint64 anchor = floorDiv(anchorNs, kNanosPerSecond);
    const qint64 at = floorDiv(atNs, kNanosPerSecond);
    if (anchor > kMaxPlanTimeSeconds)
        return std::nullopt;
    qint64 from = anchor;
    if (at > anchor) {
        if (period == PlanPeriod::Day || period == PlanPeriod::Week) {
            // Fixed lengths in UTC: the step count is a division.
            const qint64 length = period == PlanPeriod::Day ? kSecondsPerDay : 7 * kSecondsPerDay;
            from = anchor + (at - anchor) / length * length;
        } else {
            // Month steps depend on the normalized previous start, so they are walked one by one (at
            // most 12 per year between anchor and `at`).
            for (qint64 next = addPeriod(from, period); next <= at; next = addPeriod(from, period)) {
                from = next;
                if (from > kMaxPlanTimeSeconds + 400 * kSecondsPerDay)
                    return std::nullopt;
            }
        }
    }
    const qint64 to = addPeriod(from, period);
    // 2262-04-11 is the last day of the int64-nanosecond range.
    constexpr qint64 kLastRepresentableSecond = 9'223'372'036;
    if (to > kLastRepresentableSecond)
        return std::nullopt;
    return Window{from * kNanosPerSecond, to * kNanosPerSecond};
}

std::optional<qint64> eventTimeForPlans(const UsageEvent &event)
{
    // Plan periods live in qint64 nanoseconds (assignments start before kMaxPlanTimeNs); an event
    // outside that range (a year-2999 backfill) lies in no period anyone can be checked against, so it
    // is stored but never counted.
    if (!event.eventTimeNs.fitsInt64())
        return std::nullopt;
    return event.eventTimeNs.toInt64();
}

} // namespace osc::quota
