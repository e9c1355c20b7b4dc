#pragma once

#include "core/TimeNs.h"

#include "core/Result.h"
#include "filter/Filter.h"
#include "filter/MetadataPath.h"
#include "model/Aggregate.h"
#include "model/Meter.h"

#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>
#include <span>

namespace osc {

// Where one stretch of a usage scan's range is read from.
struct ScanSegment
{
    enum class Source
    {
        RawEvents,
        HourRollups,
        DayRollups,
    };
    Source source = Source::RawEvents;
    TimeNs fromNs; // inclusive
    TimeNs toNs; // exclusive
    bool operator==(const ScanSegment &) const = default;
};

// Which pre-aggregated table may answer a scan exactly. The query layer decides (its exactness rules);
// the store still reads raw events while that table is not built for the meter's current dimensions.
enum class RollupTable
{
    None, // raw events only
    Dimensions, // per (bucket, dimension values), every subject: grouped and filtered by dimensions only
    Subjects, // per (hour, subject): one subject, or grouped by subject, no filters
};

// The group_by and breakdown field naming the subject rather than a dimension path.
inline const QString kSubjectGroupField = QStringLiteral("subject");
// The group_by and breakdown field naming the API key that wrote the events (ours, opt-in), as
// requests spell it; a meter dimension of that name keeps precedence, so upstream requests mean
// what they meant before.
inline const QString kApiKeyGroupField = QStringLiteral("api_key");
// How a scan spec names that column: not a valid dimension name, so it cannot be mistaken for one.
inline const QString kApiKeyScanColumn = QStringLiteral("$api_key");

// One usage scan over a meter's events (bucket queries, breakdowns). Every condition is ANDed.
struct UsageScanSpec
{
    QString workspaceId;
    const Meter *meter = nullptr;
    QString subject; // empty = every subject
    TimeNs fromNs; // inclusive
    TimeNs toNs; // exclusive
    const query::FilterNode *filter = nullptr; // validated, or none
    QList<query::MetadataEquals> metadataFilters; // GET `metadata.<key>=<value>` (§6.5)
    // Group columns in order: kSubjectGroupField, kApiKeyScanColumn or a dimension path (`service.tier`). A
    // breakdown has exactly one, and skips events whose value there is missing, null or empty.
    QStringList groupBy;
    RollupTable rollups = RollupTable::None;
    // The range cut into raw and rollup segments (query/RollupPlan), asked for only when the table
    // named by `rollups` is ready; read in the same snapshot as the rows.
    std::function<QList<ScanSegment>()> rollupSegments;
    bool withIds = false; // first/last need event ids
    // Distinct metadata texts whose group values a raw scan may memoize (0: render them per row).
    qsizetype metadataMemoLimit = 0;
    bool capPageCache = false; // a long scan reads each page once: keep the cache small
    const std::atomic<bool> *interrupt = nullptr; // polled by long raw scans: stop as if the fold had
};

// Receives a bucket scan's rows in time order and owns the bucketing and the groups (query/).
class BucketFold
{
public:
    virtual ~BucketFold() = default;
    // The bucket holding `timeNs`, -1 outside the range.
    virtual qsizetype bucketOf(TimeNs timeNs) const = 0;
    // False when `bucket` comes before one already folded: the scan's order is broken.
    virtual bool inOrder(qsizetype bucket) = 0;
    // Interned id of the dimension columns' UTF-8 values (group_by order, the subject left out).
    virtual qsizetype dimensionsId(std::span<const QByteArrayView> values) = 0;
    // The group of `subject` (ignored unless grouped by subject) and interned dimensions.
    virtual qsizetype groupId(QByteArrayView subject, qsizetype dimensions) = 0;
    // The group of every column's value, subject included, in group_by order.
    virtual qsizetype groupOf(std::span<const QByteArrayView> columns) = 0;
    // The running aggregate of (bucket, group); nullptr once the fold wants no more rows.
    virtual query::AggregateState *stateFor(qsizetype bucket, qsizetype group) = 0;
    virtual bool stopped() const = 0;
    // The caller gave the scan up (interrupt): no further row counts.
    virtual void abandon() = 0;
};

// What a bucket scan did besides its rows (diagnostics for tests and benchmarks).
struct BucketScanStats
{
    bool usedRollups = false;
    qint64 memoizedMetadata = 0; // metadata texts rendered for the memo
    qint64 metadataMemoEvictions = 0;
    bool metadataMemoGaveUp = false;
};

// Receives a breakdown scan's rows: one running aggregate per value of the group column.
class BreakdownFold
{
public:
    virtual ~BreakdownFold() = default;
    virtual query::AggregateState &stateFor(QByteArrayView utf8Value) = 0;
};

// Distinct values of one dimension with their event counts (§6.8).
struct DimensionValuesSpec
{
    QString workspaceId;
    QString meter;
    QStringList path; // the dimension's metadata path
    QString subject; // empty = every subject
    std::optional<TimeNs> fromNs;
    std::optional<TimeNs> toNs;
    int limit = 100;
};

struct ValueCount
{
    QString value;
    qint64 events = 0;
};

// Usage scans: the store selects the rows (meter, range, subject, pushed-down filters, group values
// rendered by the store's own expressions of filter/'s rules) and the query layer aggregates them, so
// every aggregation, tie-break and zone-aware bucket shares one code path whatever the store.
class UsageScans
{
public:
    virtual ~UsageScans() = default;
    // Every matching event (or rollup row) in time order into `fold`, then its rows are complete.
    virtual Result<BucketScanStats> scanBuckets(const UsageScanSpec &spec, BucketFold &fold) = 0;
    virtual Status scanBreakdown(const UsageScanSpec &spec, BreakdownFold &fold) = 0;
    // Most events first, then code-point order of the value; empty values left out.
    virtual Result<QList<ValueCount>> countDimensionValues(const DimensionValuesSpec &spec) = 0;
};

} // namespace osc
