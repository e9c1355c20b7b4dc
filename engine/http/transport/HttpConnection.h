#pragma once

#include "RequestParser.h"
#include "TransportLimits.h"
#include "http/HttpTypes.h"

#include <QObject>
#include <QTimer>

#include <memory>

class QFile;
class QTcpSocket;

namespace osc::http {

class HttpConnection;

// What a connection hands its framed requests to (the server's endpoint), on the server thread.
class ConnectionSink
{
public:
    virtual ~ConnectionSink() = default;
    // A complete request; answer it with connection.respond() (now or later, from the server thread).
    virtual void requestReceived(HttpConnection &connection, ParsedRequest request) = 0;
    // The answer was awaited longer than the deadline given to awaitAnswer().
    virtual void answerTimedOut(HttpConnection &connection) = 0;
    // The connection is going away (client left, timeout, error); it is deleted later.
    virtual void connectionClosed(HttpConnection &connection) = 0;
};

// One client connection of the HTTP/1.1 front: frames requests with RequestParser, one at a time, and
// writes each answer before it reads the next request, so pipelined requests are answered in order and
// no byte of one request is read as another. Enforces the per-connection timeouts of TransportLimits.
// Lives on the server thread and deletes itself once the socket is closed.
class HttpConnection : public QObject
{
public:
    HttpConnection(
        QTcpSocket *socket, quint64 id, const TransportLimits &limits, ConnectionSink *sink, QObject *parent);
    ~HttpConnection() override;

    quint64 id() const { return m_id; }
    // Writes the answer to the request last handed to the sink, then reads the next one or closes.
    // `headOnly` answers a HEAD request: the headers a GET would get, no body.
    void respond(const Response &response, bool headOnly = false);
    // The sink will answer later: sinks call this to arm a deadline for the answer (0 = none).
    void awaitAnswer(int timeoutMs);
    // Answers `response` and closes, whatever the request said (framing errors, too many connections).
    void refuse(const Response &response);
    // Forget the sink (the server is shutting down): no more callbacks.
    void detach() { m_sink = nullptr; }

private:
    enum class State
    {
        Reading, // framing the next request
        Waiting, // a request is with the sink
        Streaming, // a file body is being written
        Closing, // the last answer is written; draining until the client closes or kLingerMs passes
        Closed,
    };
    enum class Deadline
    {
        None,
        Idle,
        Header,
        Body,
        Answer,
        Linger,
    };

    void readAvailable();
    void arm(Deadline deadline, int ms);
    void deadlineReached();
    void writeHead(const Response &response, qint64 contentLength, bool close);
    void finishAnswer(bool close);
    void pumpFile();
    void beginClose();
    void bytesWritten();
    void shutdownWhenFlushed();
    void closeNow();

    QTcpSocket *m_socket;
    const quint64 m_id;
    const TransportLimits m_limits;
    ConnectionSink *m_sink;
    RequestParser m_parser;
    State m_state = State::Reading;
    QTimer m_timer;
    Deadline m_deadline = Deadline::None;
    bool m_closeAfterAnswer = false;
    bool m_readScheduled = false;
    bool m_wroteSinceArm = false; // the client took some of our answer since the deadline was armed
    bool m_shutdownSent = false;
    std::unique_ptr<QFile> m_file; // the body being streamed
    qint64 m_fileRemaining = 0;
};

} // namespace osc::http
