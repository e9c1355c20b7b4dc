#pragma once

#include "core/Result.h"
#include "query/EventSearch.h"
#include "query/UsageQuery.h"

#include <QJsonObject>
#include <QUrlQuery>

namespace osc::wire {

// One parser per query type, for every door: the REST query string (GET) and JSON body (POST), the
// query of an export job, the GUI. Each does the request-level checks the contract orders before
// authorization (§6.2: limit, from, to for GET; JSON types, limit, from, to, filter structure for
// bodies) with query::QueryPreflight's messages; everything after authorization is the preflight's.

// How a door treats `limit` (§1.9, §7.1): lists and jobs clamp it in the engine, direct exports refuse
// a negative one or one above query::kMaxQueryLimit.
enum class LimitRule
{
    Clamp,
    RefuseAboveMax,
};

// `limit` of a query string: absent or empty → 0 (the engine's default); else a positive integer.
Result<qint64> limitFromUrl(const QUrlQuery &url);

// GET /v1/usages[/export]: limit, from, to, then our fill_empty; `metadata.*` items are kept for the
// preflight, whose order puts them last.
Result<query::BucketQuery> bucketQueryFromUrl(const QUrlQuery &url, LimitRule limitRule);
// POST /v1/usages/search|export and an export job's query: JSON types (the filter's included), limit,
// from, to, the filter's validation. Our `timezone` lets from/to be wall-clock times there.
Result<query::BucketQuery> bucketQueryFromJson(const QJsonObject &body, LimitRule limitRule);

// POST /v1/usages/breakdowns/search: JSON types (the filter's included), from, to, the filter.
Result<query::BreakdownQuery> breakdownQueryFromJson(const QJsonObject &body);
// GET /v1/usages/dimensions: limit, then the optional from and to.
Result<query::DimensionValuesQuery> dimensionValuesQueryFromUrl(const QUrlQuery &url);

// Event searches keep times and filter as text: the engine checks them (QueryPreflight::eventSearch).
// GET /v1/usageevents[/export]: limit first.
Result<EventSearch> eventSearchFromUrl(const QUrlQuery &url);
// POST /v1/usageevents/search|export: JSON types only. An export job has no pages: `withCursor` false
// leaves a `cursor` key unread there.
Result<EventSearch> eventSearchFromJson(const QJsonObject &body, bool withCursor = true);

} // namespace osc::wire
