#include "KeyRateLimiter.h"

#include <algorithm>

namespace osc {

namespace {

// Tokens are counted in units of 1/kUnitsPerToken, so that a refill of `perMinute` tokens per minute is
// exactly `perMinute` units per nanosecond: integer arithmetic, no rounding drift between requests.
constexpr qint64 kUnitsPerToken = 60 * kNanosPerSecond;

qint64 ceilDiv(qint64 a, qint64 b)
{
    return a <= 0 ? 0 : (a + b - 1) / b;
}

// Whole seconds until `missingUnits` are refilled at `perMinute` units per ns.
qint64 secondsToRefill(qint64 missingUnits, int perMinute)
{
    return ceilDiv(ceilDiv(missingUnits, perMinute), kNanosPerSecond);
}

} // namespace

Error RateDecision::error() const
{
    Error e;
    e.kind = ErrorKind::TooManyRequests;
    e.code = QStringLiteral("too_many_requests");
    e.message
        = QStringLiteral("too many requests: this API key allows %1 requests per minute").arg(perMinute);
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
    const qint64 capacity = qint64(limit.capacity()) * kUnitsPerToken; // ≤ 6·10^16, no overflow

    QMutexLocker lock(&m_mutex);
    auto it = m_buckets.find(keyId);
    if (it == m_buckets.end() || it->limit != limit)
        it = m_buckets.insert(keyId, {capacity, now, limit});
    Bucket &bucket = *it;
    const qint64 elapsed = std::max<qint64>(0, now - bucket.refilledAtNs);
    const qint64 missing = capacity - bucket.units;
    // Compared before multiplying, so a long idle time cannot overflow.
    bucket.units
        = elapsed >= ceilDiv(missing, limit.perMinute) ? capacity : bucket.units + elapsed * limit.perMinute;
    bucket.refilledAtNs = now;

    RateDecision decision;
    decision.limited = true;
    decision.limit = limit.capacity();
    decision.perMinute = limit.perMinute;
    decision.allowed = bucket.units >= kUnitsPerToken;
    if (decision.allowed)
        bucket.units -= kUnitsPerToken;
    else
        decision.retryAfterSeconds
            = std::max<qint64>(1, secondsToRefill(kUnitsPerToken - bucket.units, limit.perMinute));
    decision.remaining = int(bucket.units / kUnitsPerToken);
    decision.resetSeconds = secondsToRefill(capacity - bucket.units, limit.perMinute);
    return decision;
}

void KeyRateLimiter::forget(const QString &keyId)
{
    QMutexLocker lock(&m_mutex);
    m_buckets.remove(keyId);
}

} // namespace osc
