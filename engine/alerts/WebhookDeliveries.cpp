#include "WebhookDeliveries.h"

#include "WebhookSignature.h"
#include "core/Ids.h"
#include "store/AlertStore.h"

#include <QRandomGenerator>

#include <algorithm>

namespace osc {

WebhookDeliveries::WebhookDeliveries(AlertStore &store, const Clock &clock)
    : m_store(store)
    , m_clock(clock)
    , m_jitter([] { return 0.5 + 0.5 * QRandomGenerator::global()->generateDouble(); })
{ }

void WebhookDeliveries::configure(const WebhookSettings &settings)
{
    QMutexLocker lock(&m_mutex);
    m_settings = settings;
    m_settings.maxAttempts = std::max(1, settings.maxAttempts);
    m_settings.batchSize = std::max(1, settings.batchSize);
}

WebhookSettings WebhookDeliveries::settings() const
{
    QMutexLocker lock(&m_mutex);
    return m_settings;
}

void WebhookDeliveries::setJitter(std::function<double()> jitter)
{
    QMutexLocker lock(&m_mutex);
    m_jitter = std::move(jitter);
}

Result<QList<WebhookDelivery>> WebhookDeliveries::claim(int limit)
{
    const WebhookSettings s = settings();
    const qint64 now = m_clock.nowNs();
    const qint64 leaseNs = (s.timeoutMs + WebhookSettings::kLeaseMarginMs) * 1'000'000;
    return m_store.claimWebhookDeliveries(now, now + leaseNs, std::max(0, limit));
}

SignedWebhook WebhookDeliveries::sign(const WebhookDelivery &delivery) const
{
    const qint64 seconds = m_clock.nowNs() / kNanosPerSecond;
    return {QByteArray::number(seconds), alerts::webhookSignature(delivery.secret, seconds, delivery.body)};
}

qint64 WebhookDeliveries::backoffMs(int attempt) const
{
    const WebhookSettings s = settings();
    qint64 delay = s.initialBackoffMs;
    for (int i = 1; i < attempt && delay < s.maxBackoffMs; ++i)
        delay *= 2;
    return std::min(delay, s.maxBackoffMs);
}

Status WebhookDeliveries::record(
    const WebhookDelivery &delivery, const WebhookResponse &response, qint64 attemptedAtNs)
{
    const WebhookSettings s = settings();
    WebhookAttempt attempt;
    attempt.id = newId();
    attempt.eventId = delivery.eventId;
    attempt.deliveryId = delivery.id;
    attempt.statusCode = response.statusCode;
    attempt.delivered = response.statusCode && *response.statusCode >= 200 && *response.statusCode < 300;
    if (!attempt.delivered)
        attempt.error = response.statusCode
            ? QStringLiteral("webhook returned status %1").arg(*response.statusCode)
            : response.error;
    attempt.durationMs = response.durationMs;
    attempt.createdAtNs = m_clock.nowNs();
    attempt.attemptedAtNs = attemptedAtNs != 0 ? attemptedAtNs : attempt.createdAtNs;

    WebhookDeliveryNext next;
    const int made = delivery.attempts + 1;
    if (attempt.delivered) {
        next.status = WebhookDeliveryNext::Status::Delivered;
    } else if (made >= s.maxAttempts || !delivery.destinationEnabled) {
        next.status = WebhookDeliveryNext::Status::Failed;
    } else {
        double jitter = 1.0;
        {
            QMutexLocker lock(&m_mutex);
            jitter = m_jitter ? m_jitter() : 1.0;
        }
        next.status = WebhookDeliveryNext::Status::Pending;
        next.nextAttemptAtNs = attempt.createdAtNs + qint64(double(backoffMs(made)) * jitter * 1e6);
    }
    return m_store.recordWebhookAttempt(delivery, attempt, next);
}

Result<qint64> WebhookDeliveries::pendingCount()
{
    return m_store.countPendingWebhookDeliveries();
}

} // namespace osc
