#include "ReportRateLimiter.h"

#include <algorithm>
#include <cmath>

namespace osc::reports {

namespace {

constexpr double kNsPerMinute = 60e9;
// Keys idle long enough to have a full bucket again are forgotten, so the map stays small.
constexpr qsizetype kPruneAbove = 10'000;

} // namespace

ReportRateLimiter::ReportRateLimiter(const Clock &clock, int requestsPerMinute)
    : m_clock(clock)
    , m_perMinute(requestsPerMinute)
{ }

void ReportRateLimiter::setRequestsPerMinute(int requestsPerMinute)
{
    std::lock_guard lock(m_mutex);
    m_perMinute = requestsPerMinute;
    m_buckets.clear();
}

int ReportRateLimiter::requestsPerMinute() const
{
    std::lock_guard lock(m_mutex);
    return m_perMinute;
}

std::optional<qint64> ReportRateLimiter::acquire(const QString &key)
{
    std::lock_guard lock(m_mutex);
    if (m_perMinute <= 0)
        return std::nullopt;
    const double capacity = m_perMinute;
    const double perNs = capacity / kNsPerMinute;
    const qint64 now = m_clock.nowNs();
    if (m_buckets.size() > kPruneAbove) {
        for (auto it = m_buckets.begin(); it != m_buckets.end();)
            it = double(now - it->updatedNs) * perNs + it->tokens >= capacity ? m_buckets.erase(it) : ++it;
    }
    auto found = m_buckets.find(key);
    if (found == m_buckets.end())
        found = m_buckets.insert(key, Bucket{capacity, now});
    Bucket &bucket = *found;
    bucket.tokens
        = std::min(capacity, bucket.tokens + double(std::max<qint64>(0, now - bucket.updatedNs)) * perNs);
    bucket.updatedNs = now;
    if (bucket.tokens >= 1.0) {
        bucket.tokens -= 1.0;
        return std::nullopt;
    }
    const double waitNs = (1.0 - bucket.tokens) / perNs;
    return std::max<qint64>(1, qint64(std::ceil(waitNs / 1e9)));
}

} // namespace osc::reports
