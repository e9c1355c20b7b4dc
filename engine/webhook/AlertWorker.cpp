#include "AlertWorker.h"

#include "alerts/AlertService.h"
#include "alerts/WebhookSignature.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

namespace osc::webhook {

AlertWorker::AlertWorker(AlertService &alerts, Options options, QObject *parent)
    : QObject(parent)
    , m_alerts(alerts)
    , m_options(options)
{ }

AlertWorker::~AlertWorker()
{
    stop();
}

QNetworkAccessManager &AlertWorker::network()
{
    // Created on first use, so it belongs to the thread the worker runs on.
    if (!m_network)
        m_network = new QNetworkAccessManager(this);
    return *m_network;
}

void AlertWorker::start()
{
    if (!m_timer) {
        m_timer = new QTimer(this);
        connect(m_timer, &QTimer::timeout, this, &AlertWorker::tick);
    }
    m_timer->start(int(std::max<qint64>(1, m_options.pollIntervalMs)));
    tick();
}

void AlertWorker::stop()
{
    if (m_timer)
        m_timer->stop();
    if (m_network)
        for (QNetworkReply *reply : m_network->findChildren<QNetworkReply *>())
            disconnect(reply, nullptr, this, nullptr);
    m_inFlight = 0;
    delete m_network; // aborts what is in flight; the leases expire and the deliveries are retried
    m_network = nullptr;
}

void AlertWorker::tick()
{
    if (auto evaluated = m_alerts.evaluateDue(); !evaluated)
        qWarning("alert worker: evaluation failed: %s", qPrintable(evaluated.error().message));
    const int room = m_options.maxInFlight - m_inFlight;
    if (room <= 0)
        return;
    auto claimed = m_alerts.deliveries().claim(room);
    if (!claimed) {
        qWarning("alert worker: cannot claim deliveries: %s", qPrintable(claimed.error().message));
        return;
    }
    for (const WebhookDelivery &delivery : claimed.value())
        send(delivery);
}

void AlertWorker::send(const WebhookDelivery &delivery)
{
    WebhookDeliveries &deliveries = m_alerts.deliveries();
    if (!delivery.destinationEnabled || delivery.webhookUrl.isEmpty()) {
        // Disabled or deleted since the event was queued: recorded as failed, nothing sent.
        WebhookResponse response;
        response.error = QStringLiteral("alert destination is disabled");
        (void)deliveries.record(delivery, response, 0);
        return;
    }
    const SignedWebhook signature = deliveries.sign(delivery);
    QNetworkRequest request{QUrl(delivery.webhookUrl)};
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArray(alerts::kUserAgent.data()));
    request.setRawHeader(QByteArray(alerts::kTimestampHeader.data()), signature.timestamp);
    request.setRawHeader(QByteArray(alerts::kSignatureHeader.data()), signature.signature);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    const qint64 timeoutMs = deliveries.settings().timeoutMs;
    request.setTransferTimeout(int(timeoutMs));

    ++m_inFlight;
    QElapsedTimer elapsed;
    elapsed.start();
    const qint64 attemptedAt = signature.timestamp.toLongLong() * kNanosPerSecond;
    QNetworkReply *reply = network().post(request, delivery.body);
    connect(reply, &QNetworkReply::finished, this, [this, reply, delivery, elapsed, attemptedAt, timeoutMs] {
        reply->deleteLater();
        WebhookResponse response;
        response.durationMs = elapsed.elapsed();
        const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
        if (status.isValid()) {
            response.statusCode = status.toInt();
        } else if (reply->error() == QNetworkReply::OperationCanceledError
            || reply->error() == QNetworkReply::TimeoutError) {
            response.error = QStringLiteral("webhook request timed out after %1 ms").arg(timeoutMs);
        } else {
            response.error = QStringLiteral("webhook request failed: %1").arg(reply->errorString());
        }
        if (auto s = m_alerts.deliveries().record(delivery, response, attemptedAt); !s)
            qWarning("alert worker: cannot record a delivery: %s", qPrintable(s.error().message));
        if (--m_inFlight == 0)
            Q_EMIT idle();
    });
}

} // namespace osc::webhook
