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
    m_runner->run(
        [&engine] {
            auto counters = engine.systemCounters(engine.owner());
            return counters ? std::optional<qint64>(counters->usageEvents) : std::nullopt;
        },
        [this](std::optional<qint64> events) {
            // The request counter is an atomic; reading it here keeps both counts at the same instant.
            Reading reading{m_clock.elapsed(), m_server.requestsServed(),
                events.value_or(m_previous ? m_previous->events : 0)};
            onReading(reading);
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
