#pragma once

#include "core/TimeNs.h"

#include "auth/Permission.h"
#include "auth/Principal.h"
#include "core/Result.h"
#include "filter/Filter.h"
#include "filter/MetadataPath.h"
#include "model/Meter.h"
#include "query/BucketCalendar.h"
#include "query/EventSearch.h"
#include "query/UsageQuery.h"

#include <QList>
#include <QString>

#include <functional>
#include <optional>

namespace osc::query {

// Every validation step and message of the query model (contract §6.2, §6.7, §6.8, §6.9, §7.1), in
// the contract's order, so the bucket, breakdown and event paths cannot drift apart. Limits come
// from the named constants; the messages' bytes are part of the contract.

// Request-level errors (HTTP parsing, before authorization), shared by every door.
Error invalidFromError(); // invalid_from `from must be RFC3339`
Error invalidToError(); // invalid_to `to must be RFC3339`
Error invalidLimitError(); // invalid_limit `limit must be a positive integer`
Error limitTooLargeError(); // invalid_limit `limit must be less than or equal to <kMaxQueryLimit>`
// Direct exports refuse what lists clamp (§1.9, §7.1): a negative limit, or one above kMaxQueryLimit.
Status checkExportLimit(qint64 limit);
// A required bound: missing or empty → the request code; with a zone the offset may be omitted.
Result<TimeNs> parseRequiredTime(const std::optional<QString> &text, const QString &timeZone, bool isFrom);
// An optional bound: absent or empty is unbounded; present text must be RFC 3339.
Result<std::optional<TimeNs>> parseOptionalTime(const QString &text, bool isFrom);
// §6.7/§6.8: trimmed, one leading `metadata.` removed.
QString normalizeQueryField(const QString &raw);

// What a bucket query's scan needs once §6.2 has been checked.
struct CheckedBucketQuery
{
    Meter meter;
    BucketSize size = BucketSize::Day;
    BucketCalendar calendar = BucketCalendar::utc(BucketSize::Day);
    QList<MetadataEquals> metadataFilters;
};

struct CheckedFieldQuery // breakdowns (§6.7) and dimension values (§6.8)
{
    Meter meter;
    QString field; // normalized
};

// The request part of an event search, parsed (§6.9): bounds, trimmed subject and meter, filter.
struct CheckedEventSearch
{
    std::optional<TimeNs> fromNs;
    std::optional<TimeNs> toNs;
    QString subject;
    QString meter;
    std::optional<FilterNode> filter;
};

class QueryPreflight
{
public:
    // The meter of a workspace by name; nullopt when there is none (→ 404).
    using MeterLookup
        = std::function<Result<std::optional<Meter>>(const QString &workspaceId, const QString &name)>;

    explicit QueryPreflight(MeterLookup findMeter);

    // §6.2 after HTTP parsing: authorization, meter (404), group_by count, group_by fields, subject,
    // from < to, bucket size (and our time zone), range width, metadata filters, then our fill_empty.
    Result<CheckedBucketQuery> bucketQuery(
        const Principal &principal, const BucketQuery &query, Operation operation) const;
    // §6.7: authorization, meter, field (subject or a dimension), subject, from < to.
    Result<CheckedFieldQuery> breakdownQuery(const Principal &principal, const BreakdownQuery &query) const;
    // §6.8: authorization, meter, field (a dimension), subject, from < to when both are given.
    Result<CheckedFieldQuery> dimensionValuesQuery(
        const Principal &principal, const DimensionValuesQuery &query) const;

    // §6.9 request part, checked before authorization as upstream decodes it first: from, to, filter.
    static Result<CheckedEventSearch> eventSearchRequest(const EventSearch &search);
    // The whole event preflight: the request part, authorization, subject format, from < to. Events
    // need no meter lookup (an unknown meter is an empty result, not 404).
    static Result<CheckedEventSearch> eventSearch(
        const Principal &principal, const EventSearch &search, Operation operation);

private:
    Result<Meter> findMeter(const Principal &principal, const QString &name) const;

    MeterLookup m_findMeter;
};

} // namespace osc::query
