#pragma once

#include <QObject>
#include <QPointer>

namespace osc {
class AlertService;
struct WebhookDelivery;
} // namespace osc

class QNetworkAccessManager;
class QTimer;

namespace osc::webhook {

struct AlertWorkerOptions
{
    static constexpr qint64 kDefaultPollIntervalMs = 5'000; // OPEN_SPANNER_ALERT_WORKER_INTERVAL
    static constexpr int kDefaultMaxInFlight = 16; // concurrent requests
    qint64 pollIntervalMs = kDefaultPollIntervalMs;
    int maxInFlight = kDefaultMaxInFlight;
};

// The alert worker: every tick evaluates the due rules (engine) and sends the due webhook deliveries
// (this adapter), without waiting for them: requests run concurrently on the event loop, each capped
// by the engine's timeout, so a slow or hanging receiver never delays evaluation or other deliveries.
// Lives on one thread (the app gives it its own); tests call tick() and wait for idle().
class AlertWorker : public QObject
{
    Q_OBJECT

public:
    using Options = AlertWorkerOptions;

    explicit AlertWorker(AlertService &alerts, Options options = {}, QObject *parent = nullptr);
    ~AlertWorker() override;

    // Starts the poll timer (call on the worker's thread).
    Q_INVOKABLE void start();
    // Stops polling and aborts requests in flight (their deliveries are retried once their lease ends).
    Q_INVOKABLE void stop();
    // One cycle: evaluate what is due, then send what is due up to maxInFlight.
    Q_INVOKABLE void tick();
    int inFlight() const { return m_inFlight; }

Q_SIGNALS:
    // The last request in flight finished.
    void idle();

private:
    void send(const WebhookDelivery &delivery);
    QNetworkAccessManager &network();

    AlertService &m_alerts;
    Options m_options;
    QPointer<QNetworkAccessManager> m_network;
    QPointer<QTimer> m_timer;
    int m_inFlight = 0;
};

} // namespace osc::webhook
