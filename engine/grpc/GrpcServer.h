#pragma once

#include "GrpcLimits.h"
#include "GrpcStats.h"
#include "core/Result.h"

#include <QString>

#include <atomic>
#include <memory>
#include <mutex>

namespace osc {
class Engine;
}

namespace osc::rpc {

// The gRPC listener (plaintext h2c, contract §11.2: no TLS, no reflection, no health service) serving
// open_spanner.v1.UsageService and open_spanner_console.v1.IngestService. gRPC runs its own threads;
// this class only starts and stops them, so it needs no Qt event loop. Its header names no gRPC type,
// so the app and the console can hold one without compiling gRPC headers.
class GrpcServer
{
public:
    struct Options
    {
        QString host = QStringLiteral("127.0.0.1"); // an IPv6 literal without brackets
        quint16 port = 18090; // 0 = an ephemeral port
        int maxThreads = kDefaultMaxServerThreads;
    };

    explicit GrpcServer(Engine &engine);
    // Stops the server; the engine must outlive it.
    ~GrpcServer();

    // Binds and starts serving; returns the bound port. Fails (Unavailable) when the address is taken.
    Result<quint16> start(const Options &options);
    // Lets calls in flight finish for kShutdownGraceMs, cancels the rest, and waits for the threads.
    void stop();

    bool isListening() const { return m_port.load() != 0; }
    quint16 port() const { return m_port.load(); }
    // "127.0.0.1:18090" while listening (the bound port), else empty.
    QString listenAddress() const;
    Options options() const;
    GrpcStats &stats() { return m_stats; }

private:
    struct Running;
    Engine &m_engine;
    GrpcStats m_stats;
    mutable std::mutex m_mutex;
    Options m_options;
    std::unique_ptr<Running> m_running;
    std::atomic<quint16> m_port{0};
};

// "host:port" as gRPC wants it: IPv6 hosts in brackets.
QString grpcAddress(const QString &host, quint16 port);

} // namespace osc::rpc
