#pragma once

#include "auth/Principal.h"
#include "core/Result.h"

#include <grpcpp/server_context.h>

namespace osc {
class ApiKeyService;
}

namespace osc::rpc {

// Credential lookup of contract §11.2, the gRPC twin of http::presentedApiKey: metadata
// `x-open-spanner-api-key`, then `x-api-key`, then `authorization: Bearer <key>` (any case of
// "bearer"). Values are trimmed; an empty value counts as absent. API keys only: there are no sessions.
QString presentedApiKey(const grpc::ServerContext &context);
// UNAUTHENTICATED (`unauthorized`) without credentials; the engine's answer for a bad key.
Result<Principal> authenticate(const grpc::ServerContext &context, ApiKeyService &keys);

// The StreamUsage batch key: metadata `idempotency-key`, else `x-open-spanner-idempotency-key`.
QString batchKey(const grpc::ServerContext &context);

} // namespace osc::rpc
