#pragma once

#include "GrpcStats.h"

#include "open_spanner_console/v1/ingest_stream.grpc.pb.h"

namespace osc {
class Engine;
}

namespace osc::rpc {

// open_spanner_console.v1.IngestService: the acknowledged long-lived stream (protocol in
// proto/open_spanner_console/v1/ingest_stream.proto). One batch at a time: read, commit through the
// engine's bulk ingestion (run kind `stream`), acknowledge, then read the next. The window of one
// batch is the flow control: a slow disk holds the next Read back, HTTP/2 flow control then holds the
// client back, and server memory stays at one batch per stream.
class IngestStreamService final : public ::open_spanner_console::v1::IngestService::Service
{
public:
    IngestStreamService(Engine &engine, GrpcStats &stats);

    grpc::Status IngestStream(grpc::ServerContext *context,
        grpc::ServerReaderWriter<::open_spanner_console::v1::IngestAck,
            ::open_spanner_console::v1::IngestBatch> *stream) override;

private:
    grpc::Status ingestStream(grpc::ServerContext *context,
        grpc::ServerReaderWriter<::open_spanner_console::v1::IngestAck,
            ::open_spanner_console::v1::IngestBatch> *stream);

    Engine &m_engine;
    GrpcStats &m_stats;
};

} // namespace osc::rpc
