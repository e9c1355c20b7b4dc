#include "RequestAuth.h"

#include "Cookies.h"
#include "auth/AccountService.h"
#include "auth/ApiKeyService.h"

namespace osc::http {

namespace {

// Whether any API-key header is present at all, even with a blank or malformed value.
bool carriesApiKeyHeader(const Request &request)
{
    if (!request.header("X-Open-Spanner-API-Key").trimmed().isEmpty()
        || !request.header("X-API-Key").trimmed().isEmpty())
        return true;
    const QByteArray authorization = request.header("Authorization").trimmed();
    return authorization.size() > 7 && authorization.left(7).compare("bearer ", Qt::CaseInsensitive) == 0;
}

} // namespace

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

Result<Principal> authenticate(const Request &request, ApiKeyService &keys, AccountService &accounts)
{
    if (carriesApiKeyHeader(request)) {
        const QString secret = presentedApiKey(request);
        if (secret.isEmpty())
            return Error::unauthorized();
        return keys.authenticate(secret);
    }
    return accounts.authenticateSession(cookieValue(request, kAccessCookie));
}

Result<Principal> authenticateSession(const Request &request, AccountService &accounts)
{
    if (carriesApiKeyHeader(request))
        return Error::unauthorized();
    return accounts.authenticateSession(cookieValue(request, kAccessCookie));
}

} // namespace osc::http
