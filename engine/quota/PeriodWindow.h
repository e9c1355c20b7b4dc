#pragma once

#include "model/Plan.h"
#include "model/UsageEvent.h"

#include <optional>

namespace osc::quota {

// A quota window [fromNs, toNs): whole seconds, UTC.
struct Window
{
    qint64 fromNs = 0;
    qint64 toNs = 0;
    qint64 seconds() const { return (toNs - fromNs) / 1'000'000'000; }
};

// The latest time plan and assignment times may take (2200-01-01T00:00:00Z): every window that starts
// before it, plus one more period, still fits the int64-nanosecond range (which ends in 2262), so
// period arithmetic never overflows. A later effective_at is refused as bad input.
constexpr qint64 kMaxPlanTimeSeconds = 7'258'118'400;
constexpr qint64 kMaxPlanTimeNs = kMaxPlanTimeSeconds * 1'000'000'000;

// `t` plus one period with Go's time.AddDate semantics in UTC: day = +24 h, week = +7 days, month and
// year keep the day of month and time of day and normalize an overflowing day into the next month
// (Jan 31 + 1 month = Mar 3 in a non-leap year; Feb 29 + 1 year = Mar 1). Seconds since the epoch.
qint64 addPeriod(qint64 seconds, PlanPeriod period);

// The window containing `atNs` of the sequence anchor, addPeriod(anchor), addPeriod(addPeriod(anchor))…
// (each step from the normalized previous start, contract §10.4). When `atNs` is before the anchor, the
// first window [anchor, anchor + period). nullopt when the window would leave the supported range.
std::optional<Window> windowContaining(qint64 anchorNs, PlanPeriod period, qint64 atNs);

// The one place plan code reads an event's time (the event time representation is about to change to
// cover years 0001–9999): nanoseconds since the epoch when it lies in the range plan arithmetic
// supports, nullopt otherwise (such an event is never counted against a plan).
std::optional<qint64> eventTimeForPlans(const UsageEvent &event);

} // namespace osc::quota
