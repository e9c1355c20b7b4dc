#include "RollupPlan.h"

#include "rollup/RollupKeys.h"

#include <algorithm>

namespace osc::query {

namespace {

void append(QList<ScanSegment> &out, ScanSegment::Source source, TimeNs from, TimeNs to)
{
    if (from >= to)
        return;
    if (!out.isEmpty() && out.last().source == source && out.last().toNs == from) {
        out.last().toNs = to;
        return;
    }
    out.append({source, from, to});
}

void planWindow(QList<ScanSegment> &out, TimeNs from, TimeNs to, bool useDays)
{
    using rollup::ceilTo;
    using rollup::floorTo;
    using rollup::kDayNs;
    using rollup::kHourNs;
    const TimeNs hourFrom = ceilTo(from, kHourNs);
    const TimeNs hourTo = floorTo(to, kHourNs);
    if (hourFrom >= hourTo) {
        append(out, ScanSegment::Source::RawEvents, from, to);
        return;
    }
    append(out, ScanSegment::Source::RawEvents, from, hourFrom);
    const TimeNs dayFrom = ceilTo(hourFrom, kDayNs);
    const TimeNs dayTo = floorTo(hourTo, kDayNs);
    if (useDays && dayFrom < dayTo) {
        append(out, ScanSegment::Source::HourRollups, hourFrom, dayFrom);
        append(out, ScanSegment::Source::DayRollups, dayFrom, dayTo);
        append(out, ScanSegment::Source::HourRollups, dayTo, hourTo);
    } else {
        append(out, ScanSegment::Source::HourRollups, hourFrom, hourTo);
    }
    append(out, ScanSegment::Source::RawEvents, hourTo, to);
}

} // namespace

QList<ScanSegment> planSegments(const QList<TimeNs> &boundaries, TimeNs fromNs, TimeNs toNs, bool useDays)
{
    QList<ScanSegment> out;
    for (qsizetype i = 0; i + 1 < boundaries.size(); ++i) {
        const TimeNs from = std::max(boundaries.at(i), fromNs);
        const TimeNs to = std::min(boundaries.at(i + 1), toNs);
        if (from < to)
            planWindow(out, from, to, useDays);
    }
    return out;
}

} // namespace osc::query
