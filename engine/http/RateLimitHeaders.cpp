// The rate-limit fields of draft-ietf-httpapi-ratelimit-headers (the `RateLimit-Limit`, `-Remaining`
// and `-Reset` trio, seconds as integers) and `Retry-After` (RFC 9110) on the 429.
#include "ApiRoutes.h"

namespace osc::http {

void addRateLimitHeaders(Response &response, const RateDecision &decision)
{
    if (!decision.limited)
        return;
    response.headers.append({"RateLimit-Limit", QByteArray::number(decision.limit)});
    response.headers.append({"RateLimit-Remaining", QByteArray::number(decision.remaining)});
    response.headers.append({"RateLimit-Reset", QByteArray::number(decision.resetSeconds)});
    response.headers.append({"RateLimit-Policy",
        QByteArray::number(decision.perMinute) + ";w=60;burst=" + QByteArray::number(decision.limit)});
    if (!decision.allowed)
        response.headers.append({"Retry-After", QByteArray::number(decision.retryAfterSeconds)});
}

Response rateLimited(const RateDecision &decision)
{
    Response response = Response::error(decision.error());
    addRateLimitHeaders(response, decision);
    return response;
}

} // namespace osc::http
