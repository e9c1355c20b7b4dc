#include "MetadataAuth.h"

#include "auth/ApiKeyService.h"

namespace osc::rpc {

namespace {

// First value of `key` (gRPC lower-cases metadata keys), trimmed.
QByteArray metadataValue(const grpc::ServerContext &context, const char *key)
{
    const auto &metadata = context.client_metadata();
    const auto it = metadata.find(key);
    if (it == metadata.end())
        return {};
    return QByteArray(it->second.data(), qsizetype(it->second.size())).trimmed();
}

} // namespace

QString presentedApiKey(const grpc::ServerContext &context)
{
    for (const char *key : {"x-open-spanner-api-key", "x-api-key"}) {
        const QByteArray value = metadataValue(context, key);
        if (!value.isEmpty())
            return QString::fromUtf8(value);
    }
    const QByteArray authorization = metadataValue(context, "authorization");
    if (authorization.size() > 7 && authorization.left(7).compare("bearer ", Qt::CaseInsensitive) == 0)
        return QString::fromUtf8(authorization.mid(7).trimmed());
    return {};
}

Result<Principal> authenticate(const grpc::ServerContext &context, ApiKeyService &keys)
{
    const QString secret = presentedApiKey(context);
    if (secret.isEmpty())
        return Error::unauthorized();
    return keys.authenticate(secret);
}

QString batchKey(const grpc::ServerContext &context)
{
    for (const char *key : {"idempotency-key", "x-open-spanner-idempotency-key"}) {
        const QByteArray value = metadataValue(context, key);
        if (!value.isEmpty())
            return QString::fromUtf8(value);
    }
    return {};
}

} // namespace osc::rpc
