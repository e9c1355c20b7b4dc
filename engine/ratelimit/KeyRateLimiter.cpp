#include "KeyRateLimiter.h"

#include <cmath>

namespace osc {

namespace {

constexpr double kNsPerSecond = 1e9;

qint64 ceilSeconds(double seconds)
{
    return qint64(std::ceil(std::max(0.0, seconds) - 1e-9));
}

} // namespace

Error RateDecision::error() const
{
    Error e;
    e.kind = ErrorKind::TooManyRequests;
    e.code = QStringLiteral("too_many_requests");
    e.message = QStringLiteral("too many requests: this API key allows %1 requests per minute").arg(perMinute);
    return e;
}

KeyRateLimiter::KeyRateLimiter(const Clock &clock)
    : m_clock(clock)
{ }

RateDecision KeyRateLimiter::take(const Principal &principal)
{
    if (principal.kind != Principal::Kind::ApiKey || !principal.rateLimit.enabled())
        return {};
    return take(principal.apiKeyId, principal.rateLimit);
}

RateDecision KeyRateLimiter::take(const QString &keyId, const RateLimit &limit)
{
    if (!limit.enabled())
        return {};
    const qint64 now = m_clock.nowNs();
    const double capacity = limit.capacity();
    const double perSecond = limit.perMinute / 60.0;

    QMutexLocker lock(&m_mutex);
    auto it = m_buckets.find(keyId);
    if (it == m_buckets.end() || it->limit != limit)
        it = m_buckets.insert(keyId, {capacity, now, limit});
    Bucket &bucket = *it;
    const double elapsed = double(std::max<qint64>(0, now - bucket.refilledAtNs)) / kNsPerSecond;
    bucket.tokens = std::min(capacity, bucket.tokens + elapsed * perSecond);
    bucket.refilledAtNs = now;

    RateDecision decision;
    decision.limited = true;
    decision.limit = int(capacity);
    decision.perMinute = limit.perMinute;
    if (bucket.tokens >= 1.0) {
        bucket.tokens -= 1.0;
        decision.allowed = true;
    } else {
        decision.allowed = false;
        decision.retryAfterSeconds = std::max<qint64>(1, ceilSeconds((1.0 - bucket.tokens) / perSecond));
    }
    decision.remaining = int(std::floor(bucket.tokens));
    decision.resetSeconds = ceilSeconds((capacity - bucket.tokens) / perSecond);
    return decision;
}

void KeyRateLimiter::forget(const QString &keyId)
{
    QMutexLocker lock(&m_mutex);
    m_buckets.remove(keyId);
}

} // namespace osc
