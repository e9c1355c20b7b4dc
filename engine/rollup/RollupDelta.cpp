#include "RollupDelta.h"

#include "RollupKeys.h"

namespace osc::rollup {

size_t qHash(const DimensionKey &key, size_t seed)
{
    return qHashMulti(seed, key.workspaceId, key.meter, key.bucketStartNs, key.dimensions, key.apiKeyId);
}

size_t qHash(const SubjectKey &key, size_t seed)
{
    return qHashMulti(seed, key.workspaceId, key.meter, key.bucketStartNs, key.subject);
}

size_t qHash(const SubjectMeterKey &key, size_t seed)
{
    return qHashMulti(seed, key.workspaceId, key.subject, key.meter);
}

void RollupDelta::add(const QString &workspaceId, const UsageEvent &event, const QByteArray &dimensions)
{
    const TimeNs hour = floorTo(event.eventTimeNs, kHourNs);
    const TimeNs day = floorTo(event.eventTimeNs, kDayNs);
    hours[DimensionKey{workspaceId, event.meter, hour, dimensions, event.apiKeyId}].add(
        event.quantity, event.eventTimeNs, event.id);
    days[DimensionKey{workspaceId, event.meter, day, dimensions, event.apiKeyId}].add(
        event.quantity, event.eventTimeNs, event.id);
    subjectHours[SubjectKey{workspaceId, event.meter, hour, event.subject}].add(
        event.quantity, event.eventTimeNs, event.id);
}

void tally(SubjectMeterTallies &tallies, const QString &workspaceId, const UsageEvent &event)
{
    SubjectMeterTally &tally = tallies[SubjectMeterKey{workspaceId, event.subject, event.meter}];
    tally.lastEventNs
        = tally.events == 0 ? event.eventTimeNs : std::max(tally.lastEventNs, event.eventTimeNs);
    ++tally.events;
}

void RollupDelta::clear()
{
    hours.clear();
    days.clear();
    subjectHours.clear();
}

} // namespace osc::rollup
