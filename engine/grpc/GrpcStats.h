#pragma once

#include <QString>

#include <array>
#include <atomic>

namespace osc::rpc {

// Per-method counters of the gRPC server, written by its handler threads and read by the console's
// Server page. Lock-free: a counter update costs one relaxed atomic add on the ingestion path.
class GrpcStats
{
public:
    enum class Method
    {
        CreateUsage,
        CreateUsageBulk,
        StreamUsage,
        IngestStream,
    };
    static constexpr int kMethodCount = 4;

    struct Counters
    {
        qint64 calls = 0; // calls started
        qint64 failedCalls = 0; // calls that ended with a status other than OK
        qint64 events = 0; // events received (accepted, duplicate or failed)
    };
    using Snapshot = std::array<Counters, kMethodCount>;

    static QString methodName(Method method); // "CreateUsage"

    void callStarted(Method method);
    void callFailed(Method method);
    void eventsReceived(Method method, qint64 count);
    Snapshot snapshot() const;

private:
    struct Slot
    {
        std::atomic<qint64> calls{0};
        std::atomic<qint64> failedCalls{0};
        std::atomic<qint64> events{0};
    };
    std::array<Slot, kMethodCount> m_slots;
};

} // namespace osc::rpc
