#include "StatusMapping.h"

namespace osc::rpc {

namespace {

grpc::StatusCode codeFor(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::InvalidInput:
        return grpc::StatusCode::INVALID_ARGUMENT;
    case ErrorKind::Unauthorized:
        return grpc::StatusCode::UNAUTHENTICATED;
    case ErrorKind::Forbidden:
        return grpc::StatusCode::PERMISSION_DENIED;
    case ErrorKind::NotFound:
        return grpc::StatusCode::NOT_FOUND;
    case ErrorKind::Conflict:
        return grpc::StatusCode::ALREADY_EXISTS;
    case ErrorKind::PayloadTooLarge:
        // Not a domain error upstream; gRPC's own code for "message too large".
    case ErrorKind::TooManyRequests:
        return grpc::StatusCode::RESOURCE_EXHAUSTED;
    case ErrorKind::Unavailable:
    case ErrorKind::Internal:
        return grpc::StatusCode::INTERNAL;
    }
    return grpc::StatusCode::INTERNAL;
}

} // namespace

grpc::Status toStatus(const Error &error)
{
    return grpc::Status(codeFor(error.kind), error.message.toStdString());
}

grpc::Status invalidArgument(const QString &detail)
{
    return toStatus(Error::invalidInput(detail));
}

} // namespace osc::rpc
