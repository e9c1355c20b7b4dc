#pragma once

#include "core/TimeNs.h"

#include "auth/Permission.h"
#include "auth/Principal.h"
#include "core/Result.h"
#include "filter/Filter.h"
#include "filter/MetadataPath.h"
#include "model/Meter.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>
#include <optional>

namespace osc {

class ApiKeyStore;
class MeterStore;
class UsageScans;

namespace query {

class QueryPreflight;

// Row caps of contract §1.9 (bucket rows, breakdown values, dimension values).
inline constexpr int kDefaultQueryLimit = 100;
inline constexpr int kMaxQueryLimit = 1000;
inline constexpr int kMaxGroupByFields = 5;
// Distinct metadata texts a raw bucket scan memoizes dimension group values for before it decides
// whether that pays (see MetadataGroupMemo): a few thousand are typical, request ids in metadata make
// every text distinct; 65,536 texts of a few hundred bytes stay in the tens of megabytes.
inline constexpr qsizetype kMetadataMemoLimit = 65'536;

// A bucket query (§6.1/§6.2) after HTTP-level parsing (wire/QueryRequests): times are already parsed
// (HTTP errors such as invalid_from come before authorization), everything else is checked by
// QueryPreflight in the contract's order.
struct BucketQuery
{
    QString meter;
    QString subject; // empty = all subjects
    TimeNs fromNs;
    TimeNs toNs;
    QString bucketSize; // raw name; empty = day
    QStringList groupBy; // normalizeGroupBy() output
    qint64 limit = 0; // <= 0 = default, clamped to kMaxQueryLimit
    std::optional<FilterNode> filter;
    // Raw query items of the GET forms; the `metadata.*` ones are parsed here because their errors come
    // last in the §6.2 order.
    QList<QPair<QString, QString>> queryItems;
    // Extensions (not upstream): bucket boundaries in an IANA zone, and zero-valued empty buckets.
    QString timeZone;
    bool fillEmpty = false;
    // Not part of the query's meaning: set by a caller that may abandon it (an export job canceled or
    // out of time). Long raw scans poll it and stop early, as if the sink had stopped.
    const std::atomic<bool> *interrupt = nullptr;
};

struct UsageBucket
{
    QString subject; // §6.1: the subject filter, or the group's subject when grouped by subject
    TimeNs bucketStartNs;
    QString bucketStart; // formatted: UTC `Z`, or the zone's offset with `timezone`
    double quantity = 0.0;
    QStringList groupValues; // parallel to BucketResult::groupBy
};

struct BucketResult
{
    QString meter;
    QString unit;
    Aggregation aggregation = Aggregation::Sum;
    QString bucketSize; // effective name
    QStringList groupBy;
    QList<UsageBucket> rows;
    // Some of the range was read from pre-aggregated rollups (diagnostics; the rows are the same).
    bool usedRollups = false;
    // Raw-event group values (diagnostics for tests): metadata texts SQLite rendered for the memo,
    // times the memo was cleared, and whether it gave up for rendering in the scan.
    qint64 memoizedMetadata = 0;
    qint64 metadataMemoEvictions = 0;
    bool metadataMemoGaveUp = false;
};

// §6.7
struct BreakdownQuery
{
    QString meter;
    QString subject;
    QString field;
    TimeNs fromNs;
    TimeNs toNs;
    qint64 limit = 0;
    std::optional<FilterNode> filter;
};

struct BreakdownItem
{
    QString value;
    double quantity = 0.0;
    qint64 events = 0;
    QString name; // the API key's name when broken down by `api_key`
};

struct BreakdownResult
{
    QString field; // normalized, no `metadata.` prefix
    bool byApiKey = false; // items are API keys: their names go with them
    QString unit;
    Aggregation aggregation = Aggregation::Sum;
    QList<BreakdownItem> items;
};

// §6.8
struct DimensionValuesQuery
{
    QString meter;
    QString field;
    QString subject;
    std::optional<TimeNs> fromNs;
    std::optional<TimeNs> toNs;
    qint64 limit = 0;
};

struct DimensionValue
{
    QString value;
    qint64 events = 0;
};

struct DimensionValuesResult
{
    QString field;
    QList<DimensionValue> items;
};

// One window of a meter's events, aggregated per group (alert rules, §6.3/§9.3): the same scan and
// AggregateState fold as a bucket query whose single bucket is [fromNs, toNs), so a rule's value is
// exactly what a bucket query over that window answers. The caller has authorized the rule already.
struct WindowQuery
{
    QString workspaceId;
    Meter meter;
    QString subject; // empty = every subject
    QList<MetadataEquals> metadataFilters; // textual equality (contract Q13)
    TimeNs fromNs;
    TimeNs toNs;
    QString groupField; // empty = one group; else kSubjectGroupField or a metadata path
    // Read rollups where they answer exactly (no subject or metadata filter; one group or per
    // subject): the console's overview. Alert rules read raw events (their windows end anywhere).
    bool useRollups = false;
};

struct WindowGroup
{
    QString value; // the group's value (`<nil>` for events lacking the field); "" when ungrouped
    double quantity = 0.0;
    qint64 events = 0;
};

// One meter's usage over [fromNs, toNs) per group, as one bucket spanning the range (usage export
// reports). The caller has authorized it. `groupBy` as requests spell it: `subject`, `api_key` or
// dimension names; rollups answer the whole hours and days inside the range.
struct TotalsQuery
{
    QString workspaceId;
    Meter meter;
    TimeNs fromNs;
    TimeNs toNs;
    QStringList groupBy;
};

struct TotalsGroup
{
    QStringList values; // parallel to TotalsQuery::groupBy
    double quantity = 0.0; // the meter's aggregation over the range (rate: per second of it)
    qint64 events = 0;
};

// §6.4: each entry split on commas, trimmed, empties dropped, duplicates removed (first kept).
QStringList normalizeGroupBy(const QStringList &raw);

// The usage query model of contract §6: bucket queries, breakdowns and dimension values. Matching rows
// are selected by the store (UsageScans: meter, time range, subject and the filters pushed down,
// group values rendered by the store) and aggregated here with AggregateState, so every §6.3 mode, the
// first/last tie-breaks and zone-aware buckets share one code path.
class UsageQueries
{
public:
    UsageQueries(MeterStore &meters, UsageScans &scans);

    // `operation` picks the permission row: ListUsageBuckets, SearchUsageBuckets or ExportUsageBuckets.
    Result<BucketResult> buckets(const Principal &principal, const BucketQuery &query,
        Operation operation = Operation::ListUsageBuckets);
    // Every row of the query in result order (bucket start, then group values), without the row cap of
    // §1.9: for queued export jobs. `meta` carries meter, unit, aggregation, bucket size and group_by
    // (its rows stay empty). `sink` returns false to stop early (a canceled job); that is not an error.
    using BucketSink = std::function<bool(const BucketResult &meta, const UsageBucket &row)>;
    Status forEachBucket(const Principal &principal, const BucketQuery &query, const BucketSink &sink,
        Operation operation = Operation::ExportUsageBuckets);
    Result<BreakdownResult> breakdowns(const Principal &principal, const BreakdownQuery &query);
    Result<DimensionValuesResult> dimensionValues(
        const Principal &principal, const DimensionValuesQuery &query);

    // Every group with at least one event in the window (UsageWindow.cpp).
    Result<QList<WindowGroup>> window(const WindowQuery &query);

    // Groups with at least one event, in no particular order (UsageTotals.cpp).
    Result<QList<TotalsGroup>> totals(const TotalsQuery &query);

    // The group_by of the query's result and its files: `api_key` is followed by `api_key_name`
    // (ApiKeyUsage.h). The query's own list when its meter cannot be read (the scan reports that).
    QStringList reportedGroupBy(const Principal &principal, const BucketQuery &query);
    // Where API key names come from (the Engine's store); without it names are empty.
    void setApiKeyStore(ApiKeyStore *keys) { m_apiKeys = keys; }
    // id → name of the workspace's keys, for results by API key; empty without a key store.
    Result<QHash<QString, QString>> apiKeyNamesOf(const QString &workspaceId) const;

    // Rollups answer the queries they can (default). Off: every query scans raw events — the reference
    // the property tests and benchmarks compare against.
    void setRollupsEnabled(bool enabled) { m_rollupsEnabled.store(enabled); }
    // Tests lower it to make the memo clear or give up early; 0 renders every group value in the
    // scan's SQL (the reference the memoized path is compared with).
    void setMetadataMemoLimit(qsizetype limit) { m_metadataMemoLimit.store(limit); }

private:
    // Validates, plans and scans; hands every row to `sink` in result order until it returns false.
    // Returns the result's metadata (rows empty).
    using RowSink = std::function<bool(const BucketResult &meta, UsageBucket &&row)>;
    // `capPageCache`: scan with a small page cache (long scans read each page once).
    Result<BucketResult> scanBuckets(const Principal &principal, const BucketQuery &query,
        Operation operation, bool capPageCache, const RowSink &sink);
    // Every check before a scan (QueryPreflight), with this store's meters.
    QueryPreflight preflight() const;

    MeterStore &m_meters;
    UsageScans &m_scans;
    ApiKeyStore *m_apiKeys = nullptr;
    std::atomic<bool> m_rollupsEnabled{true};
    std::atomic<qsizetype> m_metadataMemoLimit{kMetadataMemoLimit};
};

// Wire forms (bucket rows: export/ExportWriter).
QByteArray breakdownsJson(const BreakdownResult &result);
QByteArray dimensionValuesJson(const DimensionValuesResult &result);

} // namespace query
} // namespace osc
