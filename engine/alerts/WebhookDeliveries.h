#pragma once

#include "core/Clock.h"
#include "core/Result.h"
#include "model/Alert.h"

#include <QMutex>

#include <functional>

namespace osc {

class AlertStore;

// Delivery settings (named, configurable: OPEN_SPANNER_ALERT_WORKER_*). Upstream makes one attempt;
// we retry with exponential backoff and jitter up to maxAttempts in all, each attempt logged.
struct WebhookSettings
{
    static constexpr int kDefaultMaxAttempts = 5;
    static constexpr qint64 kDefaultTimeoutMs = 10'000; // §9.3
    static constexpr qint64 kDefaultInitialBackoffMs = 2'000;
    static constexpr qint64 kDefaultMaxBackoffMs = 300'000;
    // A claim outlives the request's timeout by this much before another worker may take it over.
    static constexpr qint64 kLeaseMarginMs = 30'000;
    static constexpr int kDefaultBatchSize = 100;

    int maxAttempts = kDefaultMaxAttempts;
    qint64 timeoutMs = kDefaultTimeoutMs;
    qint64 initialBackoffMs = kDefaultInitialBackoffMs;
    qint64 maxBackoffMs = kDefaultMaxBackoffMs;
    int batchSize = kDefaultBatchSize;
};

// What one HTTP attempt gave (the adapter's observation; the engine decides what it means).
struct WebhookResponse
{
    std::optional<int> statusCode; // absent when no response arrived (timeout, refused, closed)
    QString error; // transport error text when there is no status
    qint64 durationMs = 0;
};

struct SignedWebhook
{
    QByteArray timestamp; // Unix seconds, as sent in X-Open-Spanner-Timestamp
    QByteArray signature; // `v1=<hex>`
};

// The engine side of webhook delivery: the queue is the store's, the adapter (engine/webhook/) only
// sends. Claims lease deliveries, signing is done here, and the retry policy decides each attempt's
// consequence. Thread-safe.
class WebhookDeliveries
{
public:
    WebhookDeliveries(AlertStore &store, const Clock &clock);

    void configure(const WebhookSettings &settings);
    WebhookSettings settings() const;
    // Tests pin the jitter; the default draws from [0.5, 1.0) (“equal jitter”).
    void setJitter(std::function<double()> jitter);

    // Up to `limit` due deliveries, leased for the timeout plus a margin.
    Result<QList<WebhookDelivery>> claim(int limit);
    // The headers of one attempt made now.
    SignedWebhook sign(const WebhookDelivery &delivery) const;
    // 2xx → delivered; otherwise retried after the backoff until maxAttempts, then failed.
    Status record(const WebhookDelivery &delivery, const WebhookResponse &response, qint64 attemptedAtNs);
    // Backoff before attempt `attempt + 1` after `attempt` failed ones (before jitter).
    qint64 backoffMs(int attempt) const;
    Result<qint64> pendingCount();

private:
    AlertStore &m_store;
    const Clock &m_clock;
    mutable QMutex m_mutex;
    WebhookSettings m_settings;
    std::function<double()> m_jitter;
};

} // namespace osc
