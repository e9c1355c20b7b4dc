#pragma once

#include "GrpcServer.h"
#include "HttpServer.h"
#include "ui/server/ServerControl.h"

#include <optional>

namespace osc::app {

// The console's ServerControl over the REST server and the gRPC listener that follows it: Start brings
// gRPC back on the options it is configured with, Stop takes it down first. Settings the window does not
// edit (the body limit) are those of the last successful start, so a stop and start keeps them.
class ServerControlAdapter : public ui::ServerControl
{
    Q_OBJECT

public:
    // `http` must outlive the adapter.
    explicit ServerControlAdapter(http::HttpServer &http, QObject *parent = nullptr);

    // The gRPC listener shown with REST (null: none). Start starts it on `startWith`, or leaves it stopped
    // when that is nullopt (gRPC `off`). `grpc` must outlive the adapter.
    void setGrpcServer(rpc::GrpcServer *grpc, std::optional<rpc::GrpcServer::Options> startWith);

    bool isListening() const override;
    QString listenAddress() const override;
    quint16 port() const override;
    qint64 requestsServed() const override;
    ui::ListenSettings listenSettings() const override;
    Result<quint16> start(const ui::ListenSettings &settings) override;
    void stop() override;

    bool hasGrpc() const override;
    bool isGrpcListening() const override;
    QString grpcListenAddress() const override;
    QList<ui::GrpcMethodCounters> grpcCounters() const override;

private:
    http::HttpServer &m_http;
    rpc::GrpcServer *m_grpc = nullptr;
    std::optional<rpc::GrpcServer::Options> m_grpcOptions;
};

} // namespace osc::app
