#include "Error.h"

namespace osc {

Error Error::invalidInput(const QString &detail)
{
    return {
        ErrorKind::InvalidInput, QStringLiteral("invalid_input"), QStringLiteral("invalid input: ") + detail};
}

Error Error::invalidInputLine(const QString &detail)
{
    return {
        ErrorKind::InvalidInput, QStringLiteral("invalid_input"), QStringLiteral("invalid input\n") + detail};
}

Error Error::invalidInputBare()
{
    return {ErrorKind::InvalidInput, QStringLiteral("invalid_input"), QStringLiteral("invalid input")};
}

Error Error::request(const QString &code, const QString &message)
{
    return {ErrorKind::InvalidInput, code, message};
}

Error Error::invalidJson()
{
    return request(QStringLiteral("invalid_json"), QStringLiteral("invalid JSON body"));
}

Error Error::unauthorized(const QString &message)
{
    return {ErrorKind::Unauthorized, QStringLiteral("unauthorized"), message};
}

Error Error::invalidCredentials()
{
    return unauthorized(QStringLiteral("unauthorized\ninvalid credentials"));
}

Error Error::forbidden(const QString &detail)
{
    return {ErrorKind::Forbidden, QStringLiteral("forbidden"), QStringLiteral("forbidden\n") + detail};
}

Error Error::notFound(const QString &message)
{
    return {ErrorKind::NotFound, QStringLiteral("not_found"), message};
}

Error Error::conflict(const QString &detail)
{
    return {ErrorKind::Conflict, QStringLiteral("conflict"), QStringLiteral("conflict: ") + detail};
}

Error Error::conflictLine(const QString &detail)
{
    return {ErrorKind::Conflict, QStringLiteral("conflict"), QStringLiteral("conflict\n") + detail};
}

Error Error::conflictBare()
{
    return {ErrorKind::Conflict, QStringLiteral("conflict"), QStringLiteral("conflict")};
}

Error Error::payloadTooLarge(qint64 limitBytes)
{
    return {ErrorKind::PayloadTooLarge, QStringLiteral("payload_too_large"),
        QStringLiteral("request body exceeds the limit of %1 bytes").arg(limitBytes)};
}

Error Error::internal(const QString &logDetail)
{
    // The detail is for logs only: the wire message is always the generic text (contract §1.7).
    Q_UNUSED(logDetail)
    return {ErrorKind::Internal, QStringLiteral("internal_error"), QStringLiteral("internal server error")};
}

int Error::httpStatus() const
{
    switch (kind) {
    case ErrorKind::InvalidInput:
        return 400;
    case ErrorKind::Unauthorized:
        return 401;
    case ErrorKind::Forbidden:
        return 403;
    case ErrorKind::NotFound:
        return 404;
    case ErrorKind::Conflict:
        return 409;
    case ErrorKind::PayloadTooLarge:
        return 413;
    case ErrorKind::TooManyRequests:
        return 429;
    case ErrorKind::Unavailable:
        return 503;
    case ErrorKind::Internal:
        return 500;
    }
    return 500;
}

} // namespace osc
