#include "ui/server/TrafficSampler.h"

#include "Engine.h"
#include "ui/common/AsyncRunner.h"
#include "ui/server/ServerControl.h"

#include <QTimer>

namespace osc::ui {

namespace {

constexpr int kIntervalMs = 1000;

} // namespace

TrafficSampler::TrafficSampler(ServerControl &server, Engine &engine, QObject *parent)
    : QObject(parent)
    , m_server(server)
    , m_engine(engine)
{
    m_runner = new AsyncRunner(this);
    m_timer = new QTimer(this);
    m_timer->setInterval(kIntervalMs);
    m_clock.start();
    connect(m_timer, &QTimer::timeout, this, &TrafficSampler::sample);
}

void TrafficSampler::start()
{
    m_timer->start();
    sample();
}

void TrafficSampler::stop()
{
    m_timer->stop();
    m_runner->discardPending();
    // A gap would otherwise be averaged into the first rate after a restart.
    m_previous.reset();
}

bool TrafficSampler::isActive() const
{
    return m_timer->isActive();
}

void TrafficSampler::sample()
{
    Engine &engine = m_engine;
    struct Counts
    {
        std::optional<qint64> events;
        std::optional<RollupLag> lag;
        qint64 nowNs = 0;
    };
    m_runner->run(
        [&engine] {
            Counts counts;
            if (auto counters = engine.systemCounters(engine.owner()))
                counts.events = counters->usageEvents;
            if (auto lag = engine.rollupLag(engine.owner()))
                counts.lag = lag.value();
            counts.nowNs = engine.clock().nowNs();
            return counts;
        },
        [this](const Counts &counts) {
            // The request counter is an atomic; reading it here keeps both counts at the same instant.
            Reading reading{m_clock.elapsed(), m_server.requestsServed(),
                counts.events.value_or(m_previous ? m_previous->events : 0)};
            onReading(reading);
            if (counts.lag) {
                const auto oldest = counts.lag->oldestReceivedAtNs;
                const double seconds = oldest && *oldest < TimeNs(counts.nowNs)
                    ? double((TimeNs(counts.nowNs) - *oldest).clampedInt64()) / 1e9
                    : 0.0;
                Q_EMIT rollupLagSampled(counts.lag->events, seconds);
            }
        });
}

void TrafficSampler::onReading(const Reading &reading)
{
    if (m_previous && reading.atMs > m_previous->atMs) {
        const double seconds = double(reading.atMs - m_previous->atMs) / 1000.0;
        const double requests = double(qMax<qint64>(0, reading.requests - m_previous->requests)) / seconds;
        const double events = double(qMax<qint64>(0, reading.events - m_previous->events)) / seconds;
        Q_EMIT sampled(requests, events);
    }
    m_previous = reading;
}

} // namespace osc::ui
