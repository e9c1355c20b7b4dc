#pragma once

#include "core/Result.h"

#include <QHostAddress>
#include <QObject>
#include <QThread>

#include <atomic>
#include <memory>

namespace osc {
class Engine;
}

namespace osc::http {

// Largest request body accepted (configurable with --max-body-bytes / OPEN_SPANNER_MAX_BODY_BYTES).
constexpr qint64 kDefaultMaxBodyBytes = 16 * 1024 * 1024;

struct RequestLogEntry
{
    qint64 atMs = 0; // wall clock, ms since epoch
    QByteArray method;
    QString path;
    int status = 0;
    qint64 durationUs = 0;
};

class HttpEndpoint;

// The REST server on its own QThread, so a busy window never stalls ingestion and a slow request never
// freezes the window. Everything QHttpServer-specific (its 6.4 API changes in 6.5 and 6.8) is confined
// to HttpServer.cpp.
class HttpServer : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        QHostAddress address = QHostAddress::LocalHost;
        quint16 port = 18081;
        qint64 maxBodyBytes = kDefaultMaxBodyBytes;
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
