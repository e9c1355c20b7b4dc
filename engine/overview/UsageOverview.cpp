#include "overview/UsageOverview.h"

#include "auth/Permission.h"
#include "auth/Principal.h"
#include "meters/MeterCatalog.h"
#include "query/UsageQuery.h"
#include "store/UsageScans.h"

#include <QDateTime>
#include <QHash>

#include <algorithm>

namespace osc {

namespace {

TimeNs fromDateTime(const QDateTime &at)
{
    const qint64 ms = at.toMSecsSinceEpoch();
    return TimeNs::fromSeconds(ms / 1000, (ms % 1000) * 1'000'000);
}

QDateTime toDateTime(TimeNs ns, const QTimeZone &zone)
{
    return QDateTime::fromMSecsSinceEpoch(ns.floorMillis(), zone);
}

} // namespace

UsageOverview::UsageOverview(MeterCatalog &meters, query::UsageQueries &queries)
    : m_meters(meters)
    , m_queries(queries)
{ }

Result<OverviewSnapshot> UsageOverview::snapshot(
    const Principal &principal, TimeNs nowNs, const QTimeZone &zone)
{
    auto page = m_meters.list(principal, QString(), kMaxMeters, QString());
    if (!page)
        return page.error();
    QStringList names;
    for (const Meter &meter : page->items)
        names.append(meter.name);
    if (auto s = authorize(principal, Operation::ListUsageBuckets, names); !s)
        return s.error();

    OverviewSnapshot out;
    out.nowNs = nowNs;
    out.meters = page->items.size();
    const QDateTime now = toDateTime(nowNs, zone);
    const QDateTime today(now.date(), QTime(0, 0), zone);
    const QDateTime yesterday(now.date().addDays(-1), QTime(0, 0), zone);
    const QDate firstOfMonth(now.date().year(), now.date().month(), 1);
    const QDateTime month(firstOfMonth, QTime(0, 0), zone);
    const QDateTime lastMonth(firstOfMonth.addMonths(-1), QTime(0, 0), zone);
    out.todayStartNs = fromDateTime(today);
    out.monthStartNs = fromDateTime(month);
    // The same stretch of the previous period: as long as this one so far (a DST day is compared by
    // the clock time reached, not by elapsed seconds), and never past the previous period's end.
    // Both ends inclusive like today's, which counts the event stored this very nanosecond.
    const TimeNs subMillis = nowNs - fromDateTime(now);
    const TimeNs yesterdayEnd = std::min(
        fromDateTime(QDateTime(yesterday.date(), now.time(), zone)) + subMillis + 1, out.todayStartNs);
    // On the 31st after a 30-day month (or the 29th–31st of March) the same day does not exist: the
    // whole of last month.
    const qint64 dayOfMonth = firstOfMonth.daysTo(now.date());
    const TimeNs lastMonthEnd = dayOfMonth >= lastMonth.date().daysInMonth()
        ? out.monthStartNs
        : std::min(
            fromDateTime(QDateTime(lastMonth.date().addDays(dayOfMonth), now.time(), zone)) + subMillis + 1,
            out.monthStartNs);

    const auto count = [&](const Meter &meter, TimeNs fromNs, TimeNs toNs,
                           const QString &groupField) -> Result<QList<query::WindowGroup>> {
        if (toNs <= fromNs)
            return QList<query::WindowGroup>();
        query::WindowQuery window;
        window.workspaceId = principal.workspaceId;
        window.meter = meter;
        window.fromNs = fromNs;
        window.toNs = toNs;
        window.groupField = groupField;
        window.useRollups = true;
        return m_queries.window(window);
    };
    const auto events = [](const QList<query::WindowGroup> &groups) {
        qint64 total = 0;
        for (const query::WindowGroup &group : groups)
            total += group.events;
        return total;
    };

    QHash<QString, qint64> subjects;
    const TimeNs endNs = nowNs + 1; // the event stored this nanosecond counts
    for (const Meter &meter : page->items) {
        auto thisMonth = count(meter, out.monthStartNs, endNs, kSubjectGroupField);
        if (!thisMonth)
            return thisMonth.error();
        for (const query::WindowGroup &group : thisMonth.value())
            subjects[group.value] += group.events;
        auto today = count(meter, out.todayStartNs, endNs, QString());
        auto yesterdaySoFar = count(meter, fromDateTime(yesterday), yesterdayEnd, QString());
        auto lastMonthSoFar = count(meter, fromDateTime(lastMonth), lastMonthEnd, QString());
        for (const auto *result : {&today, &yesterdaySoFar, &lastMonthSoFar})
            if (!*result)
                return result->error();
        const qint64 monthEvents = events(thisMonth.value());
        out.eventsThisMonth += monthEvents;
        out.eventsToday += events(today.value());
        out.eventsYesterdaySoFar += events(yesterdaySoFar.value());
        out.eventsLastMonthSoFar += events(lastMonthSoFar.value());
        out.topMeters.append({meter.name, monthEvents, events(lastMonthSoFar.value())});
    }
    std::sort(out.topMeters.begin(), out.topMeters.end(), [](const MeterActivity &a, const MeterActivity &b) {
        return a.events != b.events ? a.events > b.events : a.meter < b.meter;
    });
    out.topMeters.erase(std::remove_if(out.topMeters.begin(), out.topMeters.end(),
                            [](const MeterActivity &m) { return m.events == 0 && m.previousEvents == 0; }),
        out.topMeters.end());
    if (out.topMeters.size() > kTopCount)
        out.topMeters.resize(kTopCount);
    for (auto it = subjects.cbegin(); it != subjects.cend(); ++it)
        out.topSubjects.append({it.key(), it.value()});
    std::sort(out.topSubjects.begin(), out.topSubjects.end(),
        [](const SubjectActivity &a, const SubjectActivity &b) {
            return a.events != b.events ? a.events > b.events : a.subject < b.subject;
        });
    if (out.topSubjects.size() > kTopCount)
        out.topSubjects.resize(kTopCount);
    return out;
}

} // namespace osc
