#pragma once

#include <QElapsedTimer>
#include <QObject>

#include <optional>

class QTimer;

namespace osc {
class Engine;
}

namespace osc::ui {

class AsyncRunner;
class ServerControl;

// Turns the server's request counter and the engine's stored-event counter into per-second rates, once a
// second while started. Events are counted where they land (the store), so every path that ingests —
// REST single and bulk posts, demo data loaded from the window — shows up, and a replayed idempotent post
// does not. A retention prune lowers the counter; that reads as 0 events/s, never as a negative rate.
class TrafficSampler : public QObject
{
    Q_OBJECT

public:
    TrafficSampler(ServerControl &server, osc::Engine &engine, QObject *parent = nullptr);

    void start();
    void stop();
    bool isActive() const;
    // A reading to compute the next rate from exists (after the first sample completed).
    bool hasBaseline() const { return m_previous.has_value(); }

public Q_SLOTS:
    // Takes one sample now (the timer calls this every second). The counter read runs off the GUI thread.
    void sample();

Q_SIGNALS:
    // From the second sample on; rates over the time since the previous sample.
    void sampled(double requestsPerSecond, double eventsPerSecond);
    // With every sample: stored events the rollups do not hold yet, and how long the oldest has waited.
    void rollupLagSampled(qint64 events, double seconds);

private:
    struct Reading
    {
        qint64 atMs = 0;
        qint64 requests = 0;
        qint64 events = 0;
    };
    void onReading(const Reading &reading);

    ServerControl &m_server;
    osc::Engine &m_engine;
    AsyncRunner *m_runner = nullptr;
    QTimer *m_timer = nullptr;
    QElapsedTimer m_clock;
    std::optional<Reading> m_previous;
};

} // namespace osc::ui
