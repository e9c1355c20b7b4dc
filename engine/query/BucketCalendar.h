#pragma once

#include "core/Clock.h"
#include "core/Result.h"

#include <QList>
#include <QString>
#include <QStringView>
#include <QTimeZone>

#include <optional>

namespace osc::query {

// Upstream knows hour/day/month only (contract §6.2); minute, week (ISO, Monday start), quarter and
// year are this product's additions.
enum class BucketSize
{
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Quarter,
    Year
};

// Lowercase exact names, as they appear on the wire (`bucket_size`).
std::optional<BucketSize> bucketSizeFromName(QStringView name);
QString bucketSizeName(BucketSize size);
// The sizes an upstream client can send; a strict-compatibility front end can reject the others.
bool isUpstreamBucketSize(BucketSize size);
// Empty → day (the contract default); unknown → `invalid input: unsupported bucket size "<v>"`.
Result<BucketSize> parseBucketSize(const QString &raw);

// Range caps. Upstream measures hour/day ranges as a duration and month ranges in calendar years
// (Go's from.AddDate(5, 0, 0)); the added sizes follow the same two shapes, sized so that a single
// query never yields more than a few thousand buckets.
constexpr qint64 kMaxMinuteRangeDays = 2;
constexpr qint64 kMaxHourRangeDays = 31;
constexpr qint64 kMaxDayRangeDays = 366;
constexpr int kMaxWeekRangeYears = 5;
constexpr int kMaxMonthRangeYears = 5;
constexpr int kMaxQuarterRangeYears = 10;
constexpr int kMaxYearRangeYears = 100;

// `from < to`, else `invalid input: valid from and to range is required`. Separate from checkRange
// because the contract validates the order *before* the bucket size and the width *after* it.
Status checkTimeOrder(TimeNs fromNs, TimeNs toNs);

// Bucket boundaries for one bucket size in UTC (the upstream behaviour) or in an IANA time zone.
// All instants are nanoseconds since the Unix epoch; bucket starts are always whole seconds.
//
// In a zone, day and longer buckets start at local midnight (of the Monday / first day of the
// month, quarter or year); when midnight does not exist because of a DST jump the bucket starts at
// the first instant of that local day. Hour and minute buckets truncate each instant to the
// zone's wall-clock hour/minute at that instant's own offset, so the two repeated wall-clock hours of
// a fall-back night are two distinct buckets and a half-hour zone (+05:30) starts hours at :30 UTC.
class BucketCalendar
{
public:
    // Empty zone (and the UTC aliases "UTC", "Etc/UTC", …) = UTC on a pure integer path.
    // An unknown zone → `invalid input: unknown time zone "<tz>"`.
    static Result<BucketCalendar> create(BucketSize size, const QString &timeZone = {});
    // The upstream calendar; cannot fail.
    static BucketCalendar utc(BucketSize size);

    BucketSize size() const { return m_size; }
    bool isUtc() const { return m_utc; }
    // The zone id as given ("" for the default UTC calendar).
    QString timeZoneId() const { return m_zoneId; }

    // Order, then the width cap of this size, with the contract's exact messages.
    Status checkRange(TimeNs fromNs, TimeNs toNs) const;

    // Sorted bucket starts: the start of the bucket holding `from`, each following start, up to and
    // including the first start >= `to`; consecutive pairs are the [start, end) windows covering
    // [from, to). Empty when from >= to. Precondition: checkRange(from, to) passed (keeps it small).
    QList<TimeNs> boundaries(TimeNs fromNs, TimeNs toNs) const;

    // Start of the bucket holding `t`. The UTC path is integer arithmetic only (runs per event).
    TimeNs bucketStart(TimeNs tNs) const;
    // Start of the bucket after the one holding `t` (normally called with a bucket start).
    TimeNs nextStart(TimeNs tNs) const;
    // Real length in seconds of the bucket holding `start`: 86400 for a UTC day, 23 h or 25 h for a
    // DST day in a zone, 30 × 86400 for June. This is the `rate` window (contract §6.3).
    double bucketSeconds(TimeNs startNs) const;
    // UTC: `2026-06-08T00:00:00Z`. Zone: RFC 3339 with the offset in force at that instant
    // (`2026-03-08T00:00:00-05:00`); a zero offset is written `Z`, as Go's time.RFC3339 does.
    QString formatStart(TimeNs startNs) const;

private:
    BucketCalendar(BucketSize size, QString zoneId, QTimeZone zone, bool utc);

    BucketSize m_size = BucketSize::Day;
    QString m_zoneId;
    QTimeZone m_zone;
    bool m_utc = true;
};

// Maps an instant to its bucket by binary search over precomputed boundaries. Zone calendars need
// QTimeZone look-ups per call; a scan builds one of these per query and stays integer-only per event.
class BucketLocator
{
public:
    BucketLocator() = default;
    explicit BucketLocator(QList<TimeNs> boundaries);

    qsizetype bucketCount() const { return m_boundaries.size() < 2 ? 0 : m_boundaries.size() - 1; }
    // Index of the [start, end) window holding `t`, or -1 outside [first start, last boundary).
    qsizetype indexOf(TimeNs tNs) const;
    TimeNs startOf(qsizetype index) const { return m_boundaries.at(index); }
    TimeNs endOf(qsizetype index) const { return m_boundaries.at(index + 1); }
    const QList<TimeNs> &boundaries() const { return m_boundaries; }

private:
    QList<TimeNs> m_boundaries;
};

// Reads a query bound: RFC 3339 with an offset is always accepted (rfc3339::parse). With a zone, a
// wall-clock form without offset (`2026-03-08T00:00:00`, optional fraction) is read in that zone;
// a local time skipped by a DST jump moves forward by the gap, a repeated one takes the earlier
// instant. Unparsable text → Error::request(code, message); an unknown zone → the create() error.
Result<TimeNs> parseQueryTime(
    const QString &text, const QString &timeZone, const QString &code, const QString &message);

} // namespace osc::query
