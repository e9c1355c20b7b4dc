#include "BucketCalendar.h"

#include "core/Rfc3339.h"

#include <QDateTime>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <iterator>
#include <limits>
#include <utility>

namespace osc::query {

namespace {

constexpr qint64 kSecondsPerMinute = 60;
constexpr qint64 kSecondsPerHour = 3600;
constexpr qint64 kDaysPerWeek = 7;
constexpr int kMonthsPerQuarter = 3;
// 1970-01-01 (day 0) was a Thursday: Monday-based weekday = (day + 3) mod 7.
constexpr qint64 kEpochWeekdayFromMonday = 3;
// Looking this far either side of a local time finds the offsets in force before and after any
// transition near it: real offsets stay within ±26 h, transitions are months apart.
constexpr qint64 kOffsetProbeSeconds = 2 * kSecondsPerDay;

qint64 floorDiv(qint64 a, qint64 b)
{
    qint64 q = a / b;
    if (a % b != 0 && (a < 0) != (b < 0))
        --q;
    return q;
}

qint64 floorMod(qint64 a, qint64 b)
{
    return a - floorDiv(a, b) * b;
}

// Every second of years 0001–9999, and the bucket boundaries just outside them, fit TimeNs.
TimeNs secondsToNs(qint64 seconds, qint64 fractionNs = 0)
{
    return TimeNs::fromSeconds(seconds, fractionNs);
}

// ---- Calendar arithmetic on day numbers (days since 1970-01-01 of a UTC or local calendar) ----

qint64 truncateDays(BucketSize size, qint64 days)
{
    switch (size) {
    case BucketSize::Week:
        return days - floorMod(days + kEpochWeekdayFromMonday, kDaysPerWeek);
    case BucketSize::Month: {
        const rfc3339::CivilDate date = rfc3339::civilFromDays(days);
        return rfc3339::daysFromCivil(date.year, date.month, 1);
    }
    case BucketSize::Quarter: {
        const rfc3339::CivilDate date = rfc3339::civilFromDays(days);
        const unsigned firstMonth = (date.month - 1) / kMonthsPerQuarter * kMonthsPerQuarter + 1;
        return rfc3339::daysFromCivil(date.year, firstMonth, 1);
    }
    case BucketSize::Year:
        return rfc3339::daysFromCivil(rfc3339::civilFromDays(days).year, 1, 1);
    case BucketSize::Minute:
    case BucketSize::Hour:
    case BucketSize::Day:
        break;
    }
    return days;
}

// `periodDays` is the first day of a period; returns the first day of the next one.
qint64 followingPeriodDays(BucketSize size, qint64 periodDays)
{
    const auto addMonths = [periodDays](unsigned months) {
        const rfc3339::CivilDate date = rfc3339::civilFromDays(periodDays);
        const unsigned zeroBased = date.month - 1 + months;
        return rfc3339::daysFromCivil(date.year + int(zeroBased / 12), zeroBased % 12 + 1, 1);
    };
    switch (size) {
    case BucketSize::Week:
        return periodDays + kDaysPerWeek;
    case BucketSize::Month:
        return addMonths(1);
    case BucketSize::Quarter:
        return addMonths(kMonthsPerQuarter);
    case BucketSize::Year:
        return addMonths(12);
    case BucketSize::Minute:
    case BucketSize::Hour:
    case BucketSize::Day:
        break;
    }
    return periodDays + 1;
}

// Go's AddDate(years, 0, 0) on a wall-clock second count: Feb 29 + 1 year normalises to Mar 1
// (daysFromCivil is linear in the day, so day 29 of a 28-day February is March 1).
qint64 addCalendarYears(qint64 wallSeconds, int years)
{
    const qint64 days = floorDiv(wallSeconds, kSecondsPerDay);
    const qint64 timeOfDay = wallSeconds - days * kSecondsPerDay;
    const rfc3339::CivilDate date = rfc3339::civilFromDays(days);
    return rfc3339::daysFromCivil(date.year + years, date.month, date.day) * kSecondsPerDay + timeOfDay;
}

bool isClockSize(BucketSize size)
{
    return size == BucketSize::Minute || size == BucketSize::Hour;
}

qint64 clockUnitSeconds(BucketSize size)
{
    return size == BucketSize::Minute ? kSecondsPerMinute : kSecondsPerHour;
}

// ---- UTC: integer arithmetic only ----

qint64 utcStart(BucketSize size, qint64 seconds)
{
    switch (size) {
    case BucketSize::Minute:
        return seconds - floorMod(seconds, kSecondsPerMinute);
    case BucketSize::Hour:
        return seconds - floorMod(seconds, kSecondsPerHour);
    case BucketSize::Day:
        return seconds - floorMod(seconds, kSecondsPerDay);
    default:
        return truncateDays(size, floorDiv(seconds, kSecondsPerDay)) * kSecondsPerDay;
    }
}

qint64 utcNext(BucketSize size, qint64 startSeconds)
{
    switch (size) {
    case BucketSize::Minute:
        return startSeconds + kSecondsPerMinute;
    case BucketSize::Hour:
        return startSeconds + kSecondsPerHour;
    case BucketSize::Day:
        return startSeconds + kSecondsPerDay;
    default:
        return followingPeriodDays(size, floorDiv(startSeconds, kSecondsPerDay)) * kSecondsPerDay;
    }
}

// ---- Zones: offsets are a step function of the instant; everything below works in seconds ----

int offsetAt(const QTimeZone &zone, qint64 seconds)
{
    return zone.offsetFromUtc(QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC));
}

// The first second in (from, to] whose offset differs from the one at `from`; `to` when none does.
// Assumes at most one change in the interval (true for every real zone at these widths).
qint64 firstOffsetChange(const QTimeZone &zone, qint64 from, qint64 to)
{
    const int offsetBefore = offsetAt(zone, from);
    if (offsetAt(zone, to) == offsetBefore)
        return to;
    qint64 low = from; // offset == offsetBefore
    qint64 high = to; // offset != offsetBefore
    while (high - low > 1) {
        const qint64 mid = low + (high - low) / 2;
        if (offsetAt(zone, mid) == offsetBefore)
            low = mid;
        else
            high = mid;
    }
    return high;
}

enum class GapPolicy
{
    // A skipped local time denotes the same wall-clock moved forward by the length of the gap
    // (02:30 on a spring-forward night reads as 03:30 new time): how people read a typed time.
    ShiftForward,
    // A skipped local time maps to the instant the jump happens: the first instant at or after it,
    // which is where a local day whose midnight was skipped actually begins.
    TransitionInstant,
};

// Local wall-clock seconds → instant. A repeated local time yields the earlier instant.
qint64 localToInstant(const QTimeZone &zone, qint64 localSeconds, GapPolicy gapPolicy)
{
    const int before = offsetAt(zone, localSeconds - kOffsetProbeSeconds);
    const int after = offsetAt(zone, localSeconds + kOffsetProbeSeconds);
    const std::array<int, 3> candidates = {before, offsetAt(zone, localSeconds), after};
    std::optional<qint64> earliest;
    for (const int offset : candidates) {
        const qint64 instant = localSeconds - offset;
        if (offsetAt(zone, instant) == offset && (!earliest || instant < *earliest))
            earliest = instant;
    }
    if (earliest)
        return *earliest;
    // No instant shows this wall-clock time: it lies in a gap, which only an offset increase
    // creates. Local times in the gap are [jump + before, jump + after).
    if (after <= before)
        return localSeconds - before; // inconsistent zone data; keep a deterministic answer
    if (gapPolicy == GapPolicy::ShiftForward)
        return localSeconds - before;
    return firstOffsetChange(zone, localSeconds - after, localSeconds - before);
}

qint64 localDayOf(const QTimeZone &zone, qint64 seconds)
{
    return floorDiv(seconds + offsetAt(zone, seconds), kSecondsPerDay);
}

// Hour/minute buckets in a zone: the wall-clock unit at the instant's own offset. When an offset
// change happened inside that wall-clock unit (Lord Howe's 30-minute shifts, transitions at odd
// times), the bucket starts at the change so buckets never overlap.
qint64 zoneClockStart(const QTimeZone &zone, qint64 unit, qint64 seconds)
{
    const int offset = offsetAt(zone, seconds);
    const qint64 candidate = seconds - floorMod(seconds + offset, unit);
    if (offsetAt(zone, candidate) == offset)
        return candidate;
    return firstOffsetChange(zone, candidate, seconds);
}

qint64 zoneClockNext(const QTimeZone &zone, qint64 unit, qint64 seconds)
{
    const qint64 start = zoneClockStart(zone, unit, seconds);
    const int offset = offsetAt(zone, start);
    const qint64 aligned = start + unit - floorMod(start + offset, unit);
    if (offsetAt(zone, aligned) == offset)
        return aligned;
    // Every offset change starts a bucket (see zoneClockStart).
    return firstOffsetChange(zone, start, aligned);
}

// Day and longer buckets in a zone: a period is identified by its first local day.
struct LocalPeriod
{
    qint64 firstDay;
    qint64 startSeconds;
};

LocalPeriod zonePeriodFromDay(const QTimeZone &zone, qint64 firstDay)
{
    return {firstDay, localToInstant(zone, firstDay * kSecondsPerDay, GapPolicy::TransitionInstant)};
}

LocalPeriod zoneFollowingPeriod(const QTimeZone &zone, BucketSize size, const LocalPeriod &period)
{
    // A local day can be skipped entirely (Pacific/Apia, 2011-12-30); then two periods share a
    // start and the empty one is passed over so starts stay strictly increasing.
    LocalPeriod next = period;
    do {
        next = zonePeriodFromDay(zone, followingPeriodDays(size, next.firstDay));
    } while (next.startSeconds <= period.startSeconds);
    return next;
}

LocalPeriod zonePeriodAt(const QTimeZone &zone, BucketSize size, qint64 seconds)
{
    LocalPeriod period = zonePeriodFromDay(zone, truncateDays(size, localDayOf(zone, seconds)));
    // A fall-back that crosses midnight (say 00:30 back to 23:30) shows the end of the previous local
    // day again after the next day has begun; those instants belong to the later bucket, so that
    // buckets stay the half-open intervals between consecutive starts.
    for (;;) {
        const LocalPeriod next = zoneFollowingPeriod(zone, size, period);
        if (next.startSeconds > seconds)
            return period;
        period = next;
    }
}

// ---- Zone ids ----

// Served on the integer path: offset 0 forever, and output keeps the upstream `Z` form.
bool isUtcAlias(const QString &id)
{
    static constexpr const char16_t *kAliases[] = {u"UTC", u"Etc/UTC", u"UCT", u"Etc/UCT", u"Universal",
        u"Etc/Universal", u"Zulu", u"Etc/Zulu", u"GMT", u"Etc/GMT", u"GMT0", u"Etc/GMT0", u"GMT+0",
        u"Etc/GMT+0", u"GMT-0", u"Etc/GMT-0", u"Greenwich", u"Etc/Greenwich"};
    return std::any_of(std::begin(kAliases), std::end(kAliases),
        [&id](const char16_t *alias) { return QStringView(id) == QStringView(alias); });
}

// IANA names use letters, digits and `._+-` in `/`-separated parts. Checking this first matters:
// Qt's tz backend falls back to parsing unknown ids as POSIX TZ rules, so "XYZ" or
// "EST5EDT,M3.2.0/2,M11.1.0" would otherwise be "valid" zones.
bool looksLikeIanaId(const QString &id)
{
    if (id.isEmpty() || id.startsWith(u'/') || id.endsWith(u'/') || id.contains(QStringLiteral("//"))
        || id.contains(QStringLiteral("..")))
        return false;
    return std::all_of(id.cbegin(), id.cend(), [](QChar c) {
        return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') || c == u'/'
            || c == u'_' || c == u'+' || c == u'-' || c == u'.';
    });
}

struct ResolvedZone
{
    QTimeZone zone;
    bool utc = true;
};

std::optional<ResolvedZone> resolveZone(const QString &id)
{
    if (id.isEmpty() || isUtcAlias(id))
        return ResolvedZone{};
    if (!looksLikeIanaId(id))
        return std::nullopt;
    const QByteArray ianaId = id.toLatin1();
    // Canonical ids are listed by Qt; link names (Asia/Calcutta, US/Eastern, Etc/GMT-5) are not but
    // load from the tz database. Bare names without `/` that Qt does not list are POSIX rules.
    if (!QTimeZone::isTimeZoneIdAvailable(ianaId) && !id.contains(u'/'))
        return std::nullopt;
    QTimeZone zone(ianaId);
    if (!zone.isValid())
        return std::nullopt;
    return ResolvedZone{zone, false};
}

Error unknownZone(const QString &id)
{
    return Error::invalidInput(QStringLiteral("unknown time zone \"%1\"").arg(id));
}

Error rangeTooWide(BucketSize size, qint64 amount, const char *unit)
{
    return Error::invalidInput(QStringLiteral("%1 bucket range cannot exceed %2 %3")
                                   .arg(bucketSizeName(size))
                                   .arg(amount)
                                   .arg(QLatin1String(unit)));
}

} // namespace

// ---- Names ----

std::optional<BucketSize> bucketSizeFromName(QStringView name)
{
    static constexpr std::pair<const char16_t *, BucketSize> kNames[] = {
        {u"minute", BucketSize::Minute},
        {u"hour", BucketSize::Hour},
        {u"day", BucketSize::Day},
        {u"week", BucketSize::Week},
        {u"month", BucketSize::Month},
        {u"quarter", BucketSize::Quarter},
        {u"year", BucketSize::Year},
    };
    for (const auto &[text, size] : kNames) {
        if (name == QStringView(text))
            return size;
    }
    return std::nullopt;
}

QString bucketSizeName(BucketSize size)
{
    switch (size) {
    case BucketSize::Minute:
        return QStringLiteral("minute");
    case BucketSize::Hour:
        return QStringLiteral("hour");
    case BucketSize::Day:
        return QStringLiteral("day");
    case BucketSize::Week:
        return QStringLiteral("week");
    case BucketSize::Month:
        return QStringLiteral("month");
    case BucketSize::Quarter:
        return QStringLiteral("quarter");
    case BucketSize::Year:
        return QStringLiteral("year");
    }
    return QStringLiteral("day");
}

bool isUpstreamBucketSize(BucketSize size)
{
    return size == BucketSize::Hour || size == BucketSize::Day || size == BucketSize::Month;
}

Result<BucketSize> parseBucketSize(const QString &raw)
{
    if (raw.isEmpty())
        return BucketSize::Day;
    if (const auto size = bucketSizeFromName(raw))
        return *size;
    return Error::invalidInput(QStringLiteral("unsupported bucket size \"%1\"").arg(raw));
}

Status checkTimeOrder(TimeNs fromNs, TimeNs toNs)
{
    if (fromNs >= toNs)
        return Error::invalidInput(QStringLiteral("valid from and to range is required"));
    return {};
}

// ---- BucketCalendar ----

BucketCalendar::BucketCalendar(BucketSize size, QString zoneId, QTimeZone zone, bool utc)
    : m_size(size)
    , m_zoneId(std::move(zoneId))
    , m_zone(std::move(zone))
    , m_utc(utc)
{ }

Result<BucketCalendar> BucketCalendar::create(BucketSize size, const QString &timeZone)
{
    const std::optional<ResolvedZone> resolved = resolveZone(timeZone);
    if (!resolved)
        return unknownZone(timeZone);
    return BucketCalendar(size, timeZone, resolved->zone, resolved->utc);
}

BucketCalendar BucketCalendar::utc(BucketSize size)
{
    return BucketCalendar(size, QString(), QTimeZone(), true);
}

Status BucketCalendar::checkRange(TimeNs fromNs, TimeNs toNs) const
{
    if (Status order = checkTimeOrder(fromNs, toNs); !order)
        return order;

    const auto durationCap = [&](qint64 days) -> Status {
        if (toNs - fromNs > TimeNs(days * kSecondsPerDay * kNanosPerSecond))
            return rangeTooWide(m_size, days, "days");
        return {};
    };
    const auto calendarCap = [&](int years) -> Status {
        const qint64 fromSeconds = fromNs.floorSeconds();
        const qint64 fraction = fromNs.nanosOfSecond();
        qint64 limitSeconds;
        if (m_utc) {
            limitSeconds = addCalendarYears(fromSeconds, years);
        } else {
            // Calendar years on the zone's wall clock, like Go's AddDate on a zoned time.
            const qint64 wall = fromSeconds + offsetAt(m_zone, fromSeconds);
            limitSeconds = localToInstant(m_zone, addCalendarYears(wall, years), GapPolicy::ShiftForward);
        }
        if (toNs > secondsToNs(limitSeconds, fraction))
            return rangeTooWide(m_size, years, "years");
        return {};
    };

    switch (m_size) {
    case BucketSize::Minute:
        return durationCap(kMaxMinuteRangeDays);
    case BucketSize::Hour:
        return durationCap(kMaxHourRangeDays);
    case BucketSize::Day:
        return durationCap(kMaxDayRangeDays);
    case BucketSize::Week:
        return calendarCap(kMaxWeekRangeYears);
    case BucketSize::Month:
        return calendarCap(kMaxMonthRangeYears);
    case BucketSize::Quarter:
        return calendarCap(kMaxQuarterRangeYears);
    case BucketSize::Year:
        return calendarCap(kMaxYearRangeYears);
    }
    return {};
}

QList<TimeNs> BucketCalendar::boundaries(TimeNs fromNs, TimeNs toNs) const
{
    QList<TimeNs> starts;
    if (fromNs >= toNs)
        return starts;
    starts.append(bucketStart(fromNs));
    while (starts.constLast() < toNs) {
        const TimeNs next = nextStart(starts.constLast());
        if (next <= starts.constLast()) // never, but a loop over a calendar must not hang
            break;
        starts.append(next);
    }
    return starts;
}

TimeNs BucketCalendar::bucketStart(TimeNs tNs) const
{
    const qint64 seconds = tNs.floorSeconds();
    if (m_utc)
        return secondsToNs(utcStart(m_size, seconds));
    if (isClockSize(m_size))
        return secondsToNs(zoneClockStart(m_zone, clockUnitSeconds(m_size), seconds));
    return secondsToNs(zonePeriodAt(m_zone, m_size, seconds).startSeconds);
}

TimeNs BucketCalendar::nextStart(TimeNs tNs) const
{
    const qint64 seconds = tNs.floorSeconds();
    if (m_utc)
        return secondsToNs(utcNext(m_size, utcStart(m_size, seconds)));
    if (isClockSize(m_size))
        return secondsToNs(zoneClockNext(m_zone, clockUnitSeconds(m_size), seconds));
    const LocalPeriod period = zonePeriodAt(m_zone, m_size, seconds);
    return secondsToNs(zoneFollowingPeriod(m_zone, m_size, period).startSeconds);
}

double BucketCalendar::bucketSeconds(TimeNs startNs) const
{
    if (m_utc) {
        switch (m_size) {
        case BucketSize::Minute:
            return double(kSecondsPerMinute);
        case BucketSize::Hour:
            return double(kSecondsPerHour);
        case BucketSize::Day:
            return double(kSecondsPerDay);
        default:
            break;
        }
    }
    const TimeNs start = bucketStart(startNs);
    return double(nextStart(start).floorSeconds() - start.floorSeconds());
}

QString BucketCalendar::formatStart(TimeNs startNs) const
{
    if (m_utc)
        return rfc3339::formatSeconds(startNs);
    const qint64 seconds = startNs.floorSeconds();
    const int offset = offsetAt(m_zone, seconds);
    char text[32];
    int length = rfc3339::formatSeconds(secondsToNs(seconds + offset), text);
    if (offset == 0)
        return QString::fromLatin1(text, length); // Go's RFC3339 layout writes a zero offset as `Z`
    // Like Go: the offset is written in whole minutes, truncated toward zero.
    int minutes = offset / 60;
    text[length - 1] = minutes < 0 ? '-' : '+';
    minutes = std::abs(minutes);
    text[length++] = char('0' + minutes / 600 % 10);
    text[length++] = char('0' + minutes / 60 % 10);
    text[length++] = ':';
    text[length++] = char('0' + minutes % 60 / 10);
    text[length++] = char('0' + minutes % 10);
    return QString::fromLatin1(text, length);
}

// ---- BucketLocator ----

BucketLocator::BucketLocator(QList<TimeNs> boundaries)
    : m_boundaries(std::move(boundaries))
{ }

qsizetype BucketLocator::indexOf(TimeNs tNs) const
{
    if (m_boundaries.size() < 2 || tNs < m_boundaries.constFirst() || tNs >= m_boundaries.constLast())
        return -1;
    const auto after = std::upper_bound(m_boundaries.cbegin(), m_boundaries.cend(), tNs);
    return qsizetype(after - m_boundaries.cbegin()) - 1;
}

// ---- Query bounds ----

Result<TimeNs> parseQueryTime(
    const QString &text, const QString &timeZone, const QString &code, const QString &message)
{
    if (const auto instant = rfc3339::parse(text))
        return *instant;
    if (timeZone.isEmpty())
        return Error::request(code, message);
    const std::optional<ResolvedZone> resolved = resolveZone(timeZone);
    if (!resolved)
        return unknownZone(timeZone);
    // The wall-clock form is exactly RFC 3339 minus the offset, so appending `Z` reuses the strict
    // parser (a text that already had an offset failed above and fails again with the extra `Z`).
    const auto wall = rfc3339::parse(QString(text + u'Z'));
    if (!wall)
        return Error::request(code, message);
    if (resolved->utc)
        return *wall;
    const qint64 instant = localToInstant(resolved->zone, wall->floorSeconds(), GapPolicy::ShiftForward);
    const TimeNs t = TimeNs::fromSeconds(instant, wall->nanosOfSecond());
    // The zone's offset can push a wall-clock time at the very ends of the range (0001/9999) past them.
    if (t < kMinTime || t > kMaxTime)
        return Error::request(code, message);
    return t;
}

} // namespace osc::query
