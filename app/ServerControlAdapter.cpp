#include "ServerControlAdapter.h"

namespace osc::app {

ServerControlAdapter::ServerControlAdapter(http::HttpServer &http, QObject *parent)
    : ui::ServerControl(parent)
    , m_http(http)
{
    // requestServed comes from the server's thread: queued to this object's (the GUI) thread, where it is
    // translated and re-emitted, so the page receives it directly — one thread hop per request, as when
    // it listened to HttpServer itself. Queued, not direct, so destroying the adapter while the server
    // still runs is safe (Qt drops events for a deleted receiver).
    connect(&m_http, &http::HttpServer::requestServed, this, [this](const http::RequestLogEntry &entry) {
        Q_EMIT requestServed(
            ui::ServedRequest{entry.atMs, entry.method, entry.path, entry.status, entry.durationUs});
    });
    connect(&m_http, &http::HttpServer::listeningChanged, this, &ui::ServerControl::listeningChanged);
}

void ServerControlAdapter::setGrpcServer(
    rpc::GrpcServer *grpc, std::optional<rpc::GrpcServer::Options> startWith)
{
    m_grpc = grpc;
    m_grpcOptions = startWith;
    Q_EMIT grpcChanged();
}

bool ServerControlAdapter::isListening() const
{
    return m_http.isListening();
}

QString ServerControlAdapter::listenAddress() const
{
    return m_http.listenAddress();
}

quint16 ServerControlAdapter::port() const
{
    return m_http.port();
}

qint64 ServerControlAdapter::requestsServed() const
{
    return m_http.requestsServed();
}

ui::ListenSettings ServerControlAdapter::listenSettings() const
{
    const http::HttpServer::Options options = m_http.options();
    // options() keeps the requested port (0 stays 0); the window shows the bound one.
    return {options.address, m_http.isListening() ? m_http.port() : options.port};
}

Result<quint16> ServerControlAdapter::start(const ui::ListenSettings &settings)
{
    http::HttpServer::Options options = m_http.options();
    options.address = settings.address;
    options.port = settings.port;
    auto started = m_http.start(options);
    if (!started)
        return started;
    // gRPC follows REST, on the options it was configured with.
    if (m_grpc && m_grpcOptions && !m_grpc->isListening())
        if (auto grpcStarted = m_grpc->start(*m_grpcOptions); !grpcStarted)
            return grpcStarted.error();
    return started;
}

void ServerControlAdapter::stop()
{
    if (m_grpc)
        m_grpc->stop();
    m_http.stop();
}

bool ServerControlAdapter::hasGrpc() const
{
    return m_grpc != nullptr;
}

bool ServerControlAdapter::isGrpcListening() const
{
    return m_grpc && m_grpc->isListening();
}

QString ServerControlAdapter::grpcListenAddress() const
{
    return m_grpc ? m_grpc->listenAddress() : QString();
}

QList<ui::GrpcMethodCounters> ServerControlAdapter::grpcCounters() const
{
    QList<ui::GrpcMethodCounters> counters;
    if (!m_grpc)
        return counters;
    const rpc::GrpcStats::Snapshot snapshot = m_grpc->stats().snapshot();
    counters.reserve(rpc::GrpcStats::kMethodCount);
    for (int method = 0; method < rpc::GrpcStats::kMethodCount; ++method)
        counters.append({rpc::GrpcStats::methodName(rpc::GrpcStats::Method(method)), snapshot[method].calls,
            snapshot[method].events});
    return counters;
}

} // namespace osc::app
