#pragma once

// Client side of the gRPC tests: stubs on an insecure loopback channel (like upstream's stream clients)
// and event builders.

#include "open_spanner/v1/usage.grpc.pb.h"
#include "open_spanner_console/v1/ingest_stream.grpc.pb.h"

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>

#include <QString>

#include <chrono>
#include <memory>

namespace osc::test {

namespace pb = ::open_spanner::v1;
namespace pbc = ::open_spanner_console::v1;

inline std::shared_ptr<grpc::Channel> grpcChannel(quint16 port)
{
    grpc::ChannelArguments args;
    args.SetMaxSendMessageSize(64 * 1024 * 1024); // so the too-large test reaches the server's limit
    // One connection per channel: the concurrency and kill tests do not share sockets across channels.
    args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
    return grpc::CreateCustomChannel(
        "127.0.0.1:" + std::to_string(port), grpc::InsecureChannelCredentials(), args);
}

// `authorization: Bearer <key>` (what every official stream client sends) and a deadline, so a broken
// server fails the test instead of hanging it.
inline void authorize(grpc::ClientContext &context, const QString &key, int timeoutMs = 20'000)
{
    if (!key.isEmpty())
        context.AddMetadata("authorization", "Bearer " + key.toStdString());
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(timeoutMs));
}

inline pb::UsageEventInput eventInput(const QString &key, const QString &meter, double quantity = 1,
    const QString &subject = QStringLiteral("org_1"))
{
    pb::UsageEventInput input;
    input.set_idempotency_key(key.toStdString());
    input.set_subject(subject.toStdString());
    input.set_meter(meter.toStdString());
    input.set_quantity(quantity);
    return input;
}

} // namespace osc::test
