#pragma once

#include "core/Result.h"
#include "core/TimeNs.h"

#include <QList>
#include <QString>
#include <QTimeZone>

namespace osc {

class MeterCatalog;
struct Principal;
namespace query {
class UsageQueries;
}

// One meter's events in the current period and in the same stretch of the previous one.
struct MeterActivity
{
    QString meter;
    qint64 events = 0;
    qint64 previousEvents = 0;
};

struct SubjectActivity
{
    QString subject;
    qint64 events = 0; // across every meter
};

// What the console's Overview answers at a glance (issue 20): events today and this month against
// the same stretch of yesterday and of last month, the busiest meters and subjects of the month.
struct OverviewSnapshot
{
    TimeNs nowNs;
    TimeNs todayStartNs; // local midnight in the asked zone
    TimeNs monthStartNs; // local first of the month
    qint64 eventsToday = 0;
    qint64 eventsYesterdaySoFar = 0; // yesterday from midnight to the same time of day
    qint64 eventsThisMonth = 0;
    qint64 eventsLastMonthSoFar = 0; // last month from its first to the same day and time (or its end)
    QList<MeterActivity> topMeters; // this month, most events first
    QList<SubjectActivity> topSubjects; // this month, most events first
    qint64 meters = 0;
};

// Counts come from the same scans and rollups as bucket queries (UsageQueries::window), so a tile
// equals a bucket query over the same range.
class UsageOverview
{
public:
    static constexpr int kTopCount = 5;
    // Meters looked at; a workspace with more shows the first ones by name (said in the snapshot).
    static constexpr int kMaxMeters = 200;

    UsageOverview(MeterCatalog &meters, query::UsageQueries &queries);

    Result<OverviewSnapshot> snapshot(const Principal &principal, TimeNs nowNs, const QTimeZone &zone);

private:
    MeterCatalog &m_meters;
    query::UsageQueries &m_queries;
};

} // namespace osc
