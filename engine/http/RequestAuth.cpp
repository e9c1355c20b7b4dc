#include "RequestAuth.h"

#include "auth/ApiKeyService.h"

namespace osc::http {

QString presentedApiKey(const Request &request)
{
    for (const char *header : {"X-Open-Spanner-API-Key", "X-API-Key"}) {
        const QByteArray value = request.header(header).trimmed();
        if (!value.isEmpty())
            return QString::fromUtf8(value);
    }
    const QByteArray authorization = request.header("Authorization").trimmed();
    if (authorization.size() > 7 && authorization.left(7).compare("bearer ", Qt::CaseInsensitive) == 0)
        return QString::fromUtf8(authorization.mid(7).trimmed());
    return {};
}

Result<Principal> authenticate(const Request &request, ApiKeyService &keys)
{
    const QString secret = presentedApiKey(request);
    if (secret.isEmpty())
        return Error::unauthorized();
    return keys.authenticate(secret);
}

} // namespace osc::http
