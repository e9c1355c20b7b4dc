#include "HttpServer.h"

#include "ApiRoutes.h"
#include "Engine.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QHttpServerResponse>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

namespace osc::http {

namespace {

Method methodFrom(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return Method::Get;
    case QHttpServerRequest::Method::Post:
        return Method::Post;
    case QHttpServerRequest::Method::Put:
        return Method::Put;
    case QHttpServerRequest::Method::Delete:
        return Method::Delete;
    case QHttpServerRequest::Method::Head:
        return Method::Head;
    case QHttpServerRequest::Method::Options:
        return Method::Options;
    case QHttpServerRequest::Method::Patch:
        return Method::Patch;
    default:
        return Method::Other;
    }
}

// Streams a file body to the socket after the headers: refills the socket's buffer from the file as it
// drains, so a large download holds at most a few chunks in memory. Parented to the socket, so it dies
// with the connection when the client goes away mid-download.
class FileBodyPump : public QObject
{
public:
    static constexpr qint64 kChunkBytes = 256 * 1024;
    static constexpr qint64 kMaxQueuedBytes = 1024 * 1024;

    FileBodyPump(QTcpSocket *socket, std::unique_ptr<QFile> file, qint64 remaining)
        : QObject(socket)
        , m_socket(socket)
        , m_file(std::move(file))
        , m_remaining(remaining)
    {
        connect(socket, &QTcpSocket::bytesWritten, this, &FileBodyPump::pump);
    }

    void pump()
    {
        while (m_remaining > 0 && m_socket->bytesToWrite() < kMaxQueuedBytes) {
            const QByteArray chunk = m_file->read(std::min(kChunkBytes, m_remaining));
            if (chunk.isEmpty()) {
                // The file shrank or failed under us: the length promised cannot be kept, so the
                // connection is closed and the client sees a truncated transfer, never a short "complete"
                // one.
                m_socket->abort();
                return;
            }
            m_socket->write(chunk);
            m_remaining -= chunk.size();
        }
        if (m_remaining == 0)
            deleteLater();
    }

private:
    QTcpSocket *m_socket;
    std::unique_ptr<QFile> m_file;
    qint64 m_remaining;
};

} // namespace

// Owns the QHttpServer on the server thread. All requests arrive through the missing handler and are
// dispatched by our Router, which gives us JSON 404s, 405 with Allow and trailing-slash matching that
// QHttpServer 6.4's regex router does not.
class HttpEndpoint : public QObject
{
public:
    HttpEndpoint(HttpServer &owner, Engine &engine, qint64 maxBodyBytes)
        : m_owner(owner)
        , m_router(buildApiRouter(engine))
        , m_maxBodyBytes(maxBodyBytes)
    {
        m_server.setMissingHandler(
            [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                handle(request, std::move(responder));
            });
    }

    ~HttpEndpoint() override
    {
        // Replies completing on other threads post back to this object; wait until none is between
        // "finished" and "posted", so nothing is posted to a deleted object. Group commits finish on
        // their own, so this wait is short.
        while (m_repliesInFlight.load() > 0)
            QThread::msleep(1);
    }

    quint16 listen(const QHostAddress &address, quint16 port) { return m_server.listen(address, port); }

private:
    // What is needed to answer a request after its handler returned. QHttpServer 6.4 frees the socket
    // when the client disconnects, so it is held through a QPointer and checked before writing.
    struct PendingReply
    {
        QHttpServerResponder responder;
        QPointer<QTcpSocket> socket;
        QElapsedTimer timer;
        Method method;
        QString path;
    };

    void handle(const QHttpServerRequest &raw, QHttpServerResponder &&responder)
    {
        QPointer<QTcpSocket> socket = responder.socket();
        auto pending = std::make_shared<PendingReply>(PendingReply{std::move(responder), socket, {}, {}, {}});
        pending->timer.start();
        Request request;
        request.method = methodFrom(raw.method());
        request.path = raw.url().path();
        request.query = raw.query();
        request.headers = raw.headers();
        pending->method = request.method;
        pending->path = request.path;

        // QHttpServer 6.4 has already buffered the body; the limit still keeps oversized payloads out
        // of the engine and tells the client clearly.
        if (raw.body().size() > m_maxBodyBytes)
            return send(*pending, Response::error(Error::payloadTooLarge(m_maxBodyBytes)));
        request.body = raw.body();

        m_repliesInFlight.fetch_add(1);
        m_router.dispatch(request, [this, pending](Response response) {
            if (QThread::currentThread() == thread()) {
                send(*pending, response);
            } else {
                QMetaObject::invokeMethod(
                    this, [this, pending, response] { send(*pending, response); }, Qt::QueuedConnection);
            }
            m_repliesInFlight.fetch_sub(1);
        });
    }

    void send(PendingReply &pending, const Response &response)
    {
        if (!pending.socket || pending.socket->state() != QAbstractSocket::ConnectedState)
            return; // the client went away; its request may still have been committed
        if (pending.method == Method::Head)
            return sendHeadersOnly(pending, response);
        if (response.file)
            return sendFile(pending, response);
        QHttpServerResponse reply = response.contentType.isEmpty()
            ? QHttpServerResponse(QHttpServerResponse::StatusCode(response.status))
            : QHttpServerResponse(response.contentType,
                response.encodeBody ? response.encodeBody() : response.body,
                QHttpServerResponse::StatusCode(response.status));
        for (const auto &[name, value] : response.headers)
            reply.addHeader(name, value);
        reply.write(std::move(pending.responder));
        served(pending, response);
    }

    // HEAD (RFC 9110 §9.3.2): the headers a GET would send, Content-Length included, and no body.
    void sendHeadersOnly(PendingReply &pending, const Response &response)
    {
        const qint64 length = response.file
            ? response.file->length
            : (response.encodeBody ? response.encodeBody() : response.body).size();
        QHttpServerResponder &responder = pending.responder;
        responder.writeStatusLine(QHttpServerResponder::StatusCode(response.status));
        if (!response.contentType.isEmpty())
            responder.writeHeader("Content-Type", response.contentType);
        for (const auto &[name, value] : response.headers)
            responder.writeHeader(name, value);
        if (response.status != 204)
            responder.writeHeader("Content-Length", QByteArray::number(length));
        responder.writeBody(QByteArray()); // ends the header block
        served(pending, response);
    }

    void served(const PendingReply &pending, const Response &response)
    {
        m_owner.m_requestsServed.fetch_add(1, std::memory_order_relaxed);
        Q_EMIT m_owner.requestServed({QDateTime::currentMSecsSinceEpoch(), methodName(pending.method),
            pending.path, response.status, pending.timer.nsecsElapsed() / 1000});
    }

    // Headers through the responder (QHttpServer 6.4 writes them straight to the socket), then the body
    // from the file in chunks.
    void sendFile(PendingReply &pending, const Response &response)
    {
        auto file = std::make_unique<QFile>(response.file->path);
        if (!file->open(QIODevice::ReadOnly) || !file->seek(response.file->offset)) {
            Response missing = Response::error(
                Error::notFound(QStringLiteral("not found\nexport artifact was not found")));
            return send(pending, missing);
        }
        QHttpServerResponder &responder = pending.responder;
        responder.writeStatusLine(QHttpServerResponder::StatusCode(response.status));
        responder.writeHeader("Content-Type", response.contentType);
        for (const auto &[name, value] : response.headers)
            responder.writeHeader(name, value);
        responder.writeHeader("Content-Length", QByteArray::number(response.file->length));
        responder.writeBody(QByteArray()); // ends the header block
        auto *pump = new FileBodyPump(pending.socket, std::move(file), response.file->length);
        pump->pump();
        served(pending, response);
    }

    HttpServer &m_owner;
    QHttpServer m_server;
    Router m_router;
    qint64 m_maxBodyBytes;
    std::atomic<int> m_repliesInFlight{0};
};

HttpServer::HttpServer(Engine &engine, QObject *parent)
    : QObject(parent)
    , m_engine(engine)
{
    qRegisterMetaType<RequestLogEntry>();
    m_thread.setObjectName(QStringLiteral("http-server"));
}

HttpServer::~HttpServer()
{
    stop();
}

Result<quint16> HttpServer::start(const Options &options)
{
    if (isListening())
        return m_port.load();
    if (!m_thread.isRunning()) {
        // A context object living on the server thread: queued calls on it run there.
        m_threadContext = new QObject;
        m_threadContext->moveToThread(&m_thread);
        connect(&m_thread, &QThread::finished, m_threadContext, &QObject::deleteLater);
        m_thread.start();
    }
    quint16 bound = 0;
    QMetaObject::invokeMethod(
        m_threadContext,
        [&] {
            auto *endpoint = new HttpEndpoint(*this, m_engine, options.maxBodyBytes);
            bound = endpoint->listen(options.address, options.port);
            if (bound == 0) {
                delete endpoint;
                return;
            }
            m_endpoint = endpoint;
        },
        Qt::BlockingQueuedConnection);
    if (bound == 0) {
        return Error{ErrorKind::Unavailable, QStringLiteral("listen_failed"),
            QStringLiteral("cannot listen on %1:%2 (address in use or not permitted)")
                .arg(options.address.toString())
                .arg(options.port)};
    }
    m_address = options.address;
    m_options = options;
    m_port.store(bound);
    Q_EMIT listeningChanged(true, listenAddress());
    return bound;
}

void HttpServer::stop()
{
    if (m_thread.isRunning()) {
        QMetaObject::invokeMethod(
            m_threadContext,
            [this] {
                delete m_endpoint;
                m_endpoint = nullptr;
            },
            Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
        m_threadContext = nullptr; // deleted on the thread's finished signal
    }
    if (m_port.exchange(0) != 0)
        Q_EMIT listeningChanged(false, QString());
}

QString HttpServer::listenAddress() const
{
    const QString host = m_address.protocol() == QAbstractSocket::IPv6Protocol
        ? QStringLiteral("[%1]").arg(m_address.toString())
        : m_address.toString();
    return QStringLiteral("%1:%2").arg(host).arg(m_port.load());
}

} // namespace osc::http
