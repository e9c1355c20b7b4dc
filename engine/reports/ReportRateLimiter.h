#pragma once

#include "core/Clock.h"

#include <QHash>
#include <QString>

#include <mutex>
#include <optional>

namespace osc::reports {

// The peer's request limit on the usage export routes, per API key.
inline constexpr int kDefaultReportRequestsPerMinute = 500;

// A token bucket per API key: `requestsPerMinute` tokens, refilled continuously, so a burst of a
// minute's worth passes and then requests are spaced evenly. Times come from the Clock, so tests
// step through it. A small class of its own until per-key limits are unified across routes.
class ReportRateLimiter
{
public:
    explicit ReportRateLimiter(const Clock &clock, int requestsPerMinute = kDefaultReportRequestsPerMinute);

    // 0 or less: no limit.
    void setRequestsPerMinute(int requestsPerMinute);
    int requestsPerMinute() const;

    // Takes a token for `key`: nullopt when one was there, else the whole seconds until one is back
    // (the Retry-After value, at least 1).
    std::optional<qint64> acquire(const QString &key);

private:
    struct Bucket
    {
        double tokens = 0;
        qint64 updatedNs = 0;
    };

    const Clock &m_clock;
    mutable std::mutex m_mutex;
    int m_perMinute;
    QHash<QString, Bucket> m_buckets;
};

} // namespace osc::reports
