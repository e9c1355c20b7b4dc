#pragma once

#include "core/Page.h"
#include "core/Result.h"
#include "model/ExportJob.h"
#include "query/EventSearch.h"
#include "query/UsageQuery.h"

#include <QByteArray>
#include <QJsonObject>

namespace osc::wire {

// POST /v1/exports body (contract §7.3) → draft, with the checks upstream makes before authorization:
// JSON types (`invalid_json`), `query` present (`invalid_query`), `query.from`/`query.to` RFC 3339
// (`invalid_from`/`invalid_to`; optional for `usage_events`, as on the event endpoints), the filter's
// structure. Meter existence, bucket size, range width and group_by fields are left to the worker: such
// jobs are accepted and fail later, as upstream's do.
Result<ExportJobDraft> exportJobDraftFromJson(const QJsonObject &body);

// A job's stored query → the engine's query types, with the same checks as at creation. A bucket
// query may carry our `timezone` (then `from`/`to` may be wall-clock times there) and `fill_empty`.
Result<query::BucketQuery> bucketQueryFromJobQuery(const QByteArray &storedQuery);
Result<EventSearch> eventSearchFromJobQuery(const QByteArray &storedQuery);

// ExportJob JSON of contract §7.3 (no trailing newline). Beyond upstream: `rows_written` and
// `progress` while running, `record_count` once completed.
void appendExportJobJson(QByteArray &out, const ExportJob &job);
QByteArray exportJobJson(const ExportJob &job);
// `{"items":[…],"next_cursor"?}`
QByteArray exportJobPageJson(const Page<ExportJob> &page);

} // namespace osc::wire
