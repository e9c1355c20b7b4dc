#pragma once

#include "core/Result.h"
#include "filter/Filter.h"
#include "query/UsageQuery.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace osc::wire {

// A bucket query body as decoded, before the checks whose order differs between the doors (POST
// /v1/usages/search|export, §6.2; the query of an export job, §7.3): typed fields read, `from`/`to`
// still text, and the filter parsed. A mistyped field or filter structure is a decode error and is
// returned at once; the filter's validation error is kept for the caller to report in its order.
struct BucketQueryFields
{
    query::BucketQuery query; // fromNs, toNs and filter not set
    std::optional<QString> fromText;
    std::optional<QString> toText;
    Result<std::optional<query::FilterNode>> filter = std::optional<query::FilterNode>();
};

Result<BucketQueryFields> decodeBucketQueryFields(const QJsonObject &object);

} // namespace osc::wire
