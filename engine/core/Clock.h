#pragma once

#include "TimeNs.h"

#include <QtGlobal>

#include <atomic>
#include <chrono>

namespace osc {

// Time source for every rule that depends on "now" (default timestamps, expiry, retention), so tests
// can pin it. Values are integer nanoseconds since the Unix epoch, UTC.
class Clock
{
public:
    virtual ~Clock() = default;
    virtual qint64 nowNs() const = 0;
};

class SystemClock final : public Clock
{
public:
    qint64 nowNs() const override
    {
        using namespace std::chrono;
        return duration_cast<nanoseconds>(system_clock::now().time_since_epoch()).count();
    }
};

class ManualClock final : public Clock
{
public:
    explicit ManualClock(qint64 nowNs = 0)
        : m_now(nowNs)
    { }
    explicit ManualClock(TimeNs now)
        : m_now(now.toInt64())
    { }
    qint64 nowNs() const override { return m_now.load(); }
    void set(qint64 nowNs) { m_now.store(nowNs); }
    void set(TimeNs now) { m_now.store(now.toInt64()); }
    void advance(qint64 deltaNs) { m_now.fetch_add(deltaNs); }

private:
    std::atomic<qint64> m_now;
};

constexpr qint64 kNanosPerSecond = 1'000'000'000;
constexpr qint64 kSecondsPerDay = 86'400;

} // namespace osc
