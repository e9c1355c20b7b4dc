#include "IngestStreamService.h"

#include "Engine.h"
#include "MetadataAuth.h"
#include "ProtoConvert.h"
#include "StatusMapping.h"

#include <algorithm>

namespace osc::rpc {

namespace pbc = ::open_spanner_console::v1;

namespace {

// A batch split into what the engine ingests and what this adapter already refused, with each
// engine draft's index in the batch (engine failure indices refer to the drafts list).
struct PreparedBatch
{
    QList<UsageDraft> drafts;
    QList<int> batchIndex;
    QList<IngestFailure> failures;
};

PreparedBatch prepare(const pbc::IngestBatch &batch)
{
    PreparedBatch prepared;
    prepared.drafts.reserve(batch.events_size());
    prepared.batchIndex.reserve(batch.events_size());
    for (int i = 0; i < batch.events_size(); ++i) {
        const pb::UsageEventInput &input = batch.events(i);
        // Item-level problems never end the stream: a batch that fails as a whole would be resent, and
        // fail again, forever. Each event is refused on its own instead.
        if (QString::fromStdString(input.idempotency_key()).trimmed().isEmpty()) {
            const Error error
                = Error::invalidInput(QStringLiteral("idempotency_key is required on IngestStream"));
            prepared.failures.append({i, error.code, error.message});
            continue;
        }
        auto draft = draftFromProto(input);
        if (!draft) {
            prepared.failures.append({i, draft.error().code, draft.error().message});
            continue;
        }
        prepared.drafts.append(std::move(draft.value()));
        prepared.batchIndex.append(i);
    }
    return prepared;
}

} // namespace

IngestStreamService::IngestStreamService(Engine &engine, GrpcStats &stats)
    : m_engine(engine)
    , m_stats(stats)
{ }

grpc::Status IngestStreamService::IngestStream(
    grpc::ServerContext *context, grpc::ServerReaderWriter<pbc::IngestAck, pbc::IngestBatch> *stream)
{
    m_stats.callStarted(GrpcStats::Method::IngestStream);
    grpc::Status status = ingestStream(context, stream);
    if (!status.ok())
        m_stats.callFailed(GrpcStats::Method::IngestStream);
    return status;
}

grpc::Status IngestStreamService::ingestStream(
    grpc::ServerContext *context, grpc::ServerReaderWriter<pbc::IngestAck, pbc::IngestBatch> *stream)
{
    // Refuse a stream without valid credentials at once rather than at its first batch.
    if (auto principal = authenticate(*context, m_engine.apiKeys()); !principal)
        return toStatus(principal.error());
    pbc::IngestBatch batch;
    while (stream->Read(&batch)) {
        m_stats.eventsReceived(GrpcStats::Method::IngestStream, batch.events_size());
        // Per batch, so a key revoked while a device stays connected for hours stops working (the
        // engine caches keys for ApiKeyService::kKeyCacheTtlMs, so this costs no database read).
        auto principal = authenticate(*context, m_engine.apiKeys());
        if (!principal)
            return toStatus(principal.error());
        if (batch.events_size() == 0)
            return invalidArgument(QStringLiteral("at least one usage event is required"));
        if (batch.events_size() > kMaxBulkItems)
            return invalidArgument(QStringLiteral("bulk usage event limit is %1").arg(kMaxBulkItems));

        PreparedBatch prepared = prepare(batch);
        BulkResult result;
        if (!prepared.drafts.isEmpty()) {
            auto ingested = m_engine.ingestor().createBulk(
                principal.value(), prepared.drafts, QString(), UsageIngestor::RunKind::Stream);
            if (!ingested)
                return toStatus(ingested.error());
            result = std::move(ingested.value());
        }
        for (IngestFailure &failure : result.failed)
            failure.index = prepared.batchIndex[failure.index];
        result.failed.append(prepared.failures);
        std::sort(result.failed.begin(), result.failed.end(),
            [](const IngestFailure &a, const IngestFailure &b) { return a.index < b.index; });

        // Sent only now: the batch's events are committed (createBulk returns after the fsync).
        pbc::IngestAck ack;
        ack.set_sequence(batch.sequence());
        ack.set_accepted_count(int(result.accepted.size()));
        ack.set_duplicate_count(int(result.duplicates.size()));
        ack.set_failed_count(int(result.failed.size()));
        for (const IngestFailure &failure : result.failed)
            failureToProto(failure, ack.add_failed());
        if (!stream->Write(ack))
            return grpc::Status::CANCELLED; // the client is gone; it resends what has no ack
    }
    return context->IsCancelled() ? grpc::Status::CANCELLED : grpc::Status::OK;
}

} // namespace osc::rpc
