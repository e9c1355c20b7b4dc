#include "UsageService.h"

#include "Engine.h"
#include "GrpcLimits.h"
#include "MetadataAuth.h"
#include "ProtoConvert.h"
#include "StatusMapping.h"

namespace osc::rpc {

namespace {

using Method = GrpcStats::Method;

// Counts a finished call as failed unless its status is OK.
grpc::Status counted(GrpcStats &stats, Method method, grpc::Status status)
{
    if (!status.ok())
        stats.callFailed(method);
    return status;
}

// Every event of a bulk or stream call, converted before anything is authorized or written.
Result<QList<UsageDraft>> draftsFromProto(
    const google::protobuf::RepeatedPtrField<pb::UsageEventInput> &events)
{
    QList<UsageDraft> drafts;
    drafts.reserve(events.size());
    for (const pb::UsageEventInput &event : events) {
        auto draft = draftFromProto(event);
        if (!draft)
            return draft.error();
        drafts.append(std::move(draft.value()));
    }
    return drafts;
}

} // namespace

UsageService::UsageService(Engine &engine, GrpcStats &stats)
    : m_engine(engine)
    , m_stats(stats)
{ }

grpc::Status UsageService::CreateUsage(
    grpc::ServerContext *context, const pb::CreateUsageRequest *request, pb::CreateUsageResponse *response)
{
    m_stats.callStarted(Method::CreateUsage);
    auto principal = authenticate(*context, m_engine.apiKeys());
    if (!principal)
        return counted(m_stats, Method::CreateUsage, toStatus(principal.error()));
    if (!request->has_event())
        return counted(
            m_stats, Method::CreateUsage, invalidArgument(QStringLiteral("usage event is required")));
    m_stats.eventsReceived(Method::CreateUsage, 1);
    auto draft = draftFromProto(request->event());
    if (!draft)
        return counted(m_stats, Method::CreateUsage, toStatus(draft.error()));
    // An idempotent replay returns the original event with OK, like REST's 201 (contract §5.3).
    auto event = m_engine.ingestor().createOne(principal.value(), draft.value());
    if (!event)
        return counted(m_stats, Method::CreateUsage, toStatus(event.error()));
    eventToProto(event.value(), response->mutable_event());
    return grpc::Status::OK;
}

grpc::Status UsageService::CreateUsageBulk(grpc::ServerContext *context,
    const pb::CreateUsageBulkRequest *request, pb::CreateUsageBulkResponse *response)
{
    m_stats.callStarted(Method::CreateUsageBulk);
    auto principal = authenticate(*context, m_engine.apiKeys());
    if (!principal)
        return counted(m_stats, Method::CreateUsageBulk, toStatus(principal.error()));
    m_stats.eventsReceived(Method::CreateUsageBulk, request->events_size());
    // The engine checks the count limits too; refusing 1,001 events here saves converting them.
    if (request->events_size() > kMaxBulkItems)
        return counted(m_stats, Method::CreateUsageBulk,
            invalidArgument(QStringLiteral("bulk usage event limit is %1").arg(kMaxBulkItems)));
    auto drafts = draftsFromProto(request->events());
    if (!drafts)
        return counted(m_stats, Method::CreateUsageBulk, toStatus(drafts.error()));
    auto result = m_engine.ingestor().createBulk(
        principal.value(), drafts.value(), QString::fromStdString(request->idempotency_key()));
    if (!result)
        return counted(m_stats, Method::CreateUsageBulk, toStatus(result.error()));
    // OK even when every item failed (unlike REST's 400): the failures are in `failed`.
    bulkResultToProto(result.value(), response);
    return grpc::Status::OK;
}

grpc::Status UsageService::StreamUsage(grpc::ServerContext *context,
    grpc::ServerReader<pb::StreamUsageRequest> *reader, pb::StreamUsageResponse *response)
{
    m_stats.callStarted(Method::StreamUsage);
    return counted(m_stats, Method::StreamUsage, streamUsage(context, reader, response));
}

grpc::Status UsageService::streamUsage(grpc::ServerContext *context,
    grpc::ServerReader<pb::StreamUsageRequest> *reader, pb::StreamUsageResponse *response)
{
    auto principal = authenticate(*context, m_engine.apiKeys());
    if (!principal)
        return toStatus(principal.error());
    // Upstream buffers the whole stream and ingests it as one batch at half-close. Events are converted
    // as they arrive, so the CPU work overlaps the client's sending and a bad one ends the call early.
    QList<UsageDraft> drafts;
    qint64 bytes = 0;
    pb::StreamUsageRequest message;
    while (reader->Read(&message)) {
        m_stats.eventsReceived(Method::StreamUsage, 1);
        if (drafts.size() == kMaxBulkItems) // the 1001st message aborts the stream; nothing is stored
            return invalidArgument(QStringLiteral("bulk usage event limit is %1").arg(kMaxBulkItems));
        bytes += qint64(message.ByteSizeLong());
        if (bytes > kMaxStreamBytes)
            return grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED,
                QStringLiteral("stream exceeds the limit of %1 bytes").arg(kMaxStreamBytes).toStdString());
        if (!message.has_event())
            return invalidArgument(QStringLiteral("usage event is required"));
        auto draft = draftFromProto(message.event());
        if (!draft)
            return toStatus(draft.error());
        drafts.append(std::move(draft.value()));
    }
    if (context->IsCancelled())
        return grpc::Status::CANCELLED;
    auto result = m_engine.ingestor().createBulk(
        principal.value(), drafts, batchKey(*context), UsageIngestor::RunKind::Stream);
    if (!result)
        return toStatus(result.error());
    bulkResultToProto(result.value(), response);
    return grpc::Status::OK;
}

} // namespace osc::rpc
