#pragma once

#include "core/Result.h"
#include "transport/TransportLimits.h"

#include <QHostAddress>
#include <QObject>
#include <QThread>

#include <atomic>
#include <functional>
#include <memory>

namespace osc {
class Engine;
}

namespace osc::http {

struct RequestLogEntry
{
    qint64 atMs = 0; // wall clock, ms since epoch
    QByteArray method;
    QString path;
    int status = 0;
    qint64 durationUs = 0;
};

class HttpEndpoint;
struct Request;

// The REST server on its own QThread, so a busy window never stalls ingestion and a slow request never
// freezes the window. The HTTP/1.1 front is ours (transport/: a strict RFC 9112 parser over QTcpServer,
// with connection limits and timeouts); QHttpServer 6.4 mis-frames requests and has no limits. Heavy
// routes run on a bounded worker pool.
class HttpServer : public QObject
{
    Q_OBJECT

public:
    // The connection limits (TransportLimits, each with a setting) plus where to listen.
    struct Options : TransportLimits
    {
        QHostAddress address = QHostAddress::LocalHost;
        quint16 port = 18081;
        // Tests: runs on the worker thread just before a heavy route's handler, to hold a query in
        // flight deterministically.
        std::function<void(const Request &)> beforeHeavyHandler;
    };

    explicit HttpServer(Engine &engine, QObject *parent = nullptr);
    ~HttpServer() override;

    // Starts the thread and binds; returns the bound port (useful with port 0).
    Result<quint16> start(const Options &options);
    void stop();

    bool isListening() const { return m_port.load() != 0; }
    quint16 port() const { return m_port.load(); }
    QString listenAddress() const;
    // What the last successful start() used (the requested port: 0 stays 0; port() has the bound one),
    // so a stop and start from the window keeps settings such as the body limit.
    Options options() const { return m_options; }
    qint64 requestsServed() const { return m_requestsServed.load(); }
    // Listening on an address other than loopback (0.0.0.0, a LAN address): anyone who can reach the
    // host can reach the API. start() logs a warning; the window may show it too.
    bool listensBeyondLoopback() const;

Q_SIGNALS:
    // Emitted on the server thread; connect with a queued connection from the GUI.
    void requestServed(const osc::http::RequestLogEntry &entry);
    void listeningChanged(bool listening, const QString &address);

private:
    friend class HttpEndpoint;
    Engine &m_engine;
    QThread m_thread;
    QObject *m_threadContext = nullptr; // lives on m_thread
    HttpEndpoint *m_endpoint = nullptr; // lives on m_thread
    QHostAddress m_address;
    Options m_options;
    std::atomic<quint16> m_port{0};
    std::atomic<qint64> m_requestsServed{0};
};

} // namespace osc::http

Q_DECLARE_METATYPE(osc::http::RequestLogEntry)
