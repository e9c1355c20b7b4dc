#include "GrpcStats.h"

namespace osc::rpc {

QString GrpcStats::methodName(Method method)
{
    switch (method) {
    case Method::CreateUsage:
        return QStringLiteral("CreateUsage");
    case Method::CreateUsageBulk:
        return QStringLiteral("CreateUsageBulk");
    case Method::StreamUsage:
        return QStringLiteral("StreamUsage");
    case Method::IngestStream:
        return QStringLiteral("IngestStream");
    }
    return {};
}

void GrpcStats::callStarted(Method method)
{
    m_slots[int(method)].calls.fetch_add(1, std::memory_order_relaxed);
}

void GrpcStats::callFailed(Method method)
{
    m_slots[int(method)].failedCalls.fetch_add(1, std::memory_order_relaxed);
}

void GrpcStats::eventsReceived(Method method, qint64 count)
{
    m_slots[int(method)].events.fetch_add(count, std::memory_order_relaxed);
}

GrpcStats::Snapshot GrpcStats::snapshot() const
{
    Snapshot snapshot;
    for (int i = 0; i < kMethodCount; ++i) {
        snapshot[i].calls = m_slots[i].calls.load(std::memory_order_relaxed);
        snapshot[i].failedCalls = m_slots[i].failedCalls.load(std::memory_order_relaxed);
        snapshot[i].events = m_slots[i].events.load(std::memory_order_relaxed);
    }
    return snapshot;
}

} // namespace osc::rpc
