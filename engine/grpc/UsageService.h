#pragma once

#include "GrpcStats.h"

#include "open_spanner/v1/usage.grpc.pb.h"

namespace osc {
class Engine;
}

namespace osc::rpc {

// open_spanner.v1.UsageService (contract §11.3) on the synchronous gRPC server: each handler runs on a
// server thread and blocks until the engine's group commit made its events durable, the same commit
// REST requests share. Translation only: authorization, validation and idempotency are the engine's.
class UsageService final : public ::open_spanner::v1::UsageService::Service
{
public:
    UsageService(Engine &engine, GrpcStats &stats);

    grpc::Status CreateUsage(grpc::ServerContext *context,
        const ::open_spanner::v1::CreateUsageRequest *request,
        ::open_spanner::v1::CreateUsageResponse *response) override;
    grpc::Status CreateUsageBulk(grpc::ServerContext *context,
        const ::open_spanner::v1::CreateUsageBulkRequest *request,
        ::open_spanner::v1::CreateUsageBulkResponse *response) override;
    grpc::Status StreamUsage(grpc::ServerContext *context,
        grpc::ServerReader<::open_spanner::v1::StreamUsageRequest> *reader,
        ::open_spanner::v1::StreamUsageResponse *response) override;

private:
    grpc::Status streamUsage(grpc::ServerContext *context,
        grpc::ServerReader<::open_spanner::v1::StreamUsageRequest> *reader,
        ::open_spanner::v1::StreamUsageResponse *response);

    Engine &m_engine;
    GrpcStats &m_stats;
};

} // namespace osc::rpc
