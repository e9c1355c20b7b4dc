#pragma once

#include "auth/Principal.h"
#include "core/Clock.h"
#include "core/Error.h"
#include "model/ApiKey.h"

#include <QHash>
#include <QMutex>

namespace osc {

// What one request's take from its key's bucket came to, for the `RateLimit-*` headers
// (draft-ietf-httpapi-ratelimit-headers) and the 429's `Retry-After`.
struct RateDecision
{
    bool limited = false; // the caller has a limit at all (else no headers)
    bool allowed = true;
    int limit = 0; // the bucket's capacity
    int remaining = 0; // whole requests left in the bucket after this one
    qint64 resetSeconds = 0; // until the bucket is full again
    qint64 retryAfterSeconds = 0; // until the next request would be allowed (refused requests)
    int perMinute = 0;

    // 429 `too_many_requests` in the contract's envelope.
    Error error() const;
};

// Per-key token buckets (issue 21), in memory: a refused request costs nothing, and a restart starts
// every bucket full (a limit protects the server, it is not a bill). Thread-safe.
class KeyRateLimiter
{
public:
    explicit KeyRateLimiter(const Clock &clock);

    // Takes one token from the caller's bucket. Callers without a limit (consoles, sessions, keys with
    // rate 0) are never limited.
    RateDecision take(const Principal &principal);
    RateDecision take(const QString &keyId, const RateLimit &limit);
    // A key's limit changed or the key is gone: its next request starts a fresh bucket.
    void forget(const QString &keyId);

private:
    struct Bucket
    {
        qint64 units = 0; // tokens × 60·10^9 (see KeyRateLimiter.cpp)
        qint64 refilledAtNs = 0;
        RateLimit limit;
    };

    const Clock &m_clock;
    QMutex m_mutex;
    QHash<QString, Bucket> m_buckets;
};

} // namespace osc
