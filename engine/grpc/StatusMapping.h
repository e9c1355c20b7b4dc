#pragma once

#include "core/Error.h"

#include <grpcpp/support/status.h>

namespace osc::rpc {

// Contract §11.2: invalid input → INVALID_ARGUMENT, unauthorized → UNAUTHENTICATED, forbidden →
// PERMISSION_DENIED, not found → NOT_FOUND, conflict → ALREADY_EXISTS, anything else → INTERNAL; the
// status message is the engine's domain message. The one place engine errors become gRPC codes.
grpc::Status toStatus(const Error &error);
grpc::Status invalidArgument(const QString &detail); // "invalid input: <detail>"

} // namespace osc::rpc
