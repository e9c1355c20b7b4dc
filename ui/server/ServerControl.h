#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>

namespace osc::ui {

// One request the REST server answered, as the Server page's log shows it.
struct ServedRequest
{
    qint64 atMs = 0; // wall clock, ms since epoch
    QByteArray method;
    QString path;
    int status = 0;
    qint64 durationUs = 0;
};

// Where the REST server listens. Other server settings (the body limit) stay with the server, so a stop
// and start from the window keeps them.
struct ListenSettings
{
    QHostAddress address = QHostAddress::LocalHost;
    quint16 port = 18081; // 0 = any free port
};

// Per gRPC method, what it received so far.
struct GrpcMethodCounters
{
    QString method; // "CreateUsage"
    qint64 calls = 0;
    qint64 events = 0;
};

// What the console needs from the servers it shows and controls: the REST listener and the gRPC listener
// that starts and stops with it. The window owns this interface (ports and adapters), so ui/ never
// depends on the HTTP or gRPC adapters; app/ implements it over them, tests may fake it.
// All calls are made on the GUI thread. The signals may come from any thread: receivers use the default
// (auto) connection, or a queued one, never a direct one.
class ServerControl : public QObject
{
    Q_OBJECT

public:
    explicit ServerControl(QObject *parent = nullptr);

    virtual bool isListening() const = 0;
    // "127.0.0.1:18081" while listening (IPv6 hosts in brackets, the bound port), else empty.
    virtual QString listenAddress() const = 0;
    // The bound port while listening, else 0.
    virtual quint16 port() const = 0;
    // Requests answered since the process started. Cheap: the traffic chart reads it every second.
    virtual qint64 requestsServed() const = 0;
    // Where it listens now (the bound port), or where the last successful start listened.
    virtual ListenSettings listenSettings() const = 0;

    // Starts REST on `settings`, then gRPC when it is configured; returns the bound REST port. An error
    // of either: when only gRPC fails, REST keeps listening.
    virtual Result<quint16> start(const ListenSettings &settings) = 0;
    // Stops gRPC, then REST (waiting for requests in flight).
    virtual void stop() = 0;

    // Whether there is a gRPC listener to show (it may be stopped).
    virtual bool hasGrpc() const = 0;
    virtual bool isGrpcListening() const = 0;
    // "127.0.0.1:18090" while listening, else empty.
    virtual QString grpcListenAddress() const = 0;
    // One entry per method, always in the same order. Cheap (atomic loads): read once a second.
    virtual QList<GrpcMethodCounters> grpcCounters() const = 0;

Q_SIGNALS:
    void requestServed(const osc::ui::ServedRequest &request);
    void listeningChanged(bool listening, const QString &address);
    // The gRPC listener was attached, detached or reconfigured (emitted on the GUI thread).
    void grpcChanged();
};

} // namespace osc::ui

Q_DECLARE_METATYPE(osc::ui::ServedRequest)
