#include "GrpcServer.h"

#include "IngestStreamService.h"
#include "UsageService.h"

#include <grpcpp/resource_quota.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server.h>
#include <grpcpp/server_builder.h>

#include <chrono>

namespace osc::rpc {

struct GrpcServer::Running
{
    Running(Engine &engine, GrpcStats &stats)
        : usage(engine, stats)
        , ingest(engine, stats)
    { }

    UsageService usage;
    IngestStreamService ingest;
    std::unique_ptr<grpc::Server> server;
};

QString grpcAddress(const QString &host, quint16 port)
{
    const bool ipv6 = host.contains(QLatin1Char(':')) && !host.startsWith(QLatin1Char('['));
    return ipv6 ? QStringLiteral("[%1]:%2").arg(host).arg(port) : QStringLiteral("%1:%2").arg(host).arg(port);
}

GrpcServer::GrpcServer(Engine &engine)
    : m_engine(engine)
{ }

GrpcServer::~GrpcServer()
{
    stop();
}

Result<quint16> GrpcServer::start(const Options &options)
{
    std::lock_guard lock(m_mutex);
    if (m_running)
        return m_port.load();
    auto running = std::make_unique<Running>(m_engine, m_stats);
    const QString address = grpcAddress(options.host, options.port);
    int boundPort = 0;
    grpc::ServerBuilder builder;
    builder.AddListeningPort(address.toStdString(), grpc::InsecureServerCredentials(), &boundPort);
    builder.RegisterService(&running->usage);
    builder.RegisterService(&running->ingest);
    builder.SetMaxReceiveMessageSize(int(kMaxMessageBytes));
    // Without this gRPC binds with SO_REUSEPORT, and a second server on a taken port would "succeed"
    // and split the traffic instead of failing.
    builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
    builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIME_MS, kKeepaliveTimeMs);
    builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIMEOUT_MS, kKeepaliveTimeoutMs);
    grpc::ResourceQuota quota("open-spanner-grpc");
    quota.SetMaxThreads(options.maxThreads);
    builder.SetResourceQuota(quota);
    running->server = builder.BuildAndStart();
    if (!running->server || boundPort == 0)
        return Error{ErrorKind::Unavailable, QStringLiteral("listen_failed"),
            QStringLiteral("cannot listen for gRPC on %1").arg(address)};
    m_options = options;
    m_running = std::move(running);
    m_port.store(quint16(boundPort));
    return quint16(boundPort);
}

void GrpcServer::stop()
{
    std::unique_ptr<Running> running;
    {
        std::lock_guard lock(m_mutex);
        running = std::move(m_running);
        m_port.store(0);
    }
    if (!running)
        return;
    running->server->Shutdown(std::chrono::system_clock::now() + std::chrono::milliseconds(kShutdownGraceMs));
    running->server->Wait();
}

QString GrpcServer::listenAddress() const
{
    std::lock_guard lock(m_mutex);
    return m_running ? grpcAddress(m_options.host, m_port.load()) : QString();
}

GrpcServer::Options GrpcServer::options() const
{
    std::lock_guard lock(m_mutex);
    return m_options;
}

} // namespace osc::rpc
