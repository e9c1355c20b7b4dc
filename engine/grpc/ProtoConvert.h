#pragma once

#include "core/Result.h"
#include "model/UsageEvent.h"

#include "open_spanner/v1/usage.pb.h"

#include <google/protobuf/timestamp.pb.h>

namespace osc::rpc {

namespace pb = ::open_spanner::v1;

// Translation between open_spanner.v1 messages and the engine's types (contract §11.3). Conversion
// errors are whole-call INVALID_ARGUMENT errors, as upstream's converter fails the call before the
// engine sees it: an invalid timestamp (`invalid input: invalid timestamp: …`) or a metadata value JSON
// cannot hold (NaN, ±Infinity, nesting deeper than REST allows).
Result<UsageDraft> draftFromProto(const pb::UsageEventInput &input);
Result<QJsonObject> metadataFromProto(
    const google::protobuf::Map<std::string, google::protobuf::Value> &metadata);
// Nanoseconds since the epoch; unset is handled by the caller (server "now").
Result<TimeNs> timestampFromProto(const google::protobuf::Timestamp &timestamp);

// Output timestamps keep full (nanosecond) precision, unlike REST's seconds.
void timestampToProto(TimeNs ns, google::protobuf::Timestamp *out);
void eventToProto(const UsageEvent &event, pb::UsageEvent *out);
void failureToProto(const IngestFailure &failure, pb::BulkFailure *out);

// CreateUsageBulkResponse and StreamUsageResponse carry the same six fields.
template <typename Response> void bulkResultToProto(const BulkResult &result, Response *out)
{
    out->set_accepted_count(int(result.accepted.size()));
    out->set_duplicate_count(int(result.duplicates.size()));
    out->set_failed_count(int(result.failed.size()));
    out->mutable_accepted()->Reserve(int(result.accepted.size()));
    for (const UsageEvent &event : result.accepted)
        eventToProto(event, out->add_accepted());
    for (const UsageEvent &event : result.duplicates)
        eventToProto(event, out->add_duplicates());
    for (const IngestFailure &failure : result.failed)
        failureToProto(failure, out->add_failed());
}

} // namespace osc::rpc
