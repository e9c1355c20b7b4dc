#include "HttpConnection.h"

#include "wire/ErrorJson.h"

#include <QFile>
#include <QTcpSocket>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#endif

namespace osc::http {

namespace {

// Bytes Qt may buffer from the kernel per connection: past it the kernel's window pushes back on a
// client sending faster than requests are answered.
constexpr qint64 kSocketReadBufferBytes = 256 * 1024;
// A streamed file body is refilled in chunks of this size while less than kMaxQueuedFileBytes wait.
constexpr qint64 kFileChunkBytes = 256 * 1024;
constexpr qint64 kMaxQueuedFileBytes = 1024 * 1024;

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 100:
        return "Continue";
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 202:
        return "Accepted";
    case 204:
        return "No Content";
    case 206:
        return "Partial Content";
    case 302:
        return "Found";
    case 304:
        return "Not Modified";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 409:
        return "Conflict";
    case 410:
        return "Gone";
    case 412:
        return "Precondition Failed";
    case 413:
        return "Content Too Large";
    case 414:
        return "URI Too Long";
    case 416:
        return "Range Not Satisfiable";
    case 417:
        return "Expectation Failed";
    case 422:
        return "Unprocessable Content";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 503:
        return "Service Unavailable";
    case 505:
        return "HTTP Version Not Supported";
    default:
        return status < 300 ? "OK"
            : status < 400  ? "Redirect"
            : status < 500  ? "Client Error"
                            : "Server Error";
    }
}

bool hasNoBody(int status)
{
    return status < 200 || status == 204 || status == 304;
}

} // namespace

HttpConnection::HttpConnection(
    QTcpSocket *socket, quint64 id, const TransportLimits &limits, ConnectionSink *sink, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_id(id)
    , m_limits(limits)
    , m_sink(sink)
    , m_parser(limits)
{
    m_socket->setParent(this);
    m_socket->setReadBufferSize(kSocketReadBufferBytes);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &HttpConnection::deadlineReached);
    connect(m_socket, &QTcpSocket::readyRead, this, &HttpConnection::readAvailable);
    connect(m_socket, &QTcpSocket::bytesWritten, this, &HttpConnection::bytesWritten);
    connect(m_socket, &QTcpSocket::disconnected, this, &HttpConnection::closeNow);
    // A fresh connection must send its first request head within the header timeout.
    arm(Deadline::Header, m_limits.headerTimeoutMs);
}

HttpConnection::~HttpConnection()
{
    m_socket->disconnect(this);
}

void HttpConnection::arm(Deadline deadline, int ms)
{
    m_deadline = deadline;
    m_wroteSinceArm = false;
    if (deadline == Deadline::None || ms <= 0) {
        m_timer.stop();
        return;
    }
    m_timer.start(ms);
}

void HttpConnection::readAvailable()
{
    m_readScheduled = false;
    if (m_state == State::Closing) {
        m_socket->readAll(); // draining: nothing more is answered
        return;
    }
    if (m_state != State::Reading)
        return; // the bytes wait in the socket until the current answer is written
    const bool wasInRequest = m_parser.inRequest();
    const bool wasHeadComplete = m_parser.headComplete();
    const QByteArray bytes = m_socket->readAll();
    m_parser.feed(bytes);
    switch (m_parser.parse()) {
    case RequestParser::Status::Failed: {
        const FramingError &error = m_parser.error();
        Response response = Response::error(Error{ErrorKind::InvalidInput, error.code, error.message});
        response.status = error.status;
        return refuse(response);
    }
    case RequestParser::Status::NeedMore:
        if (m_parser.headComplete()) {
            // The body timeout is a stall timeout: every read that brings bytes restarts it.
            if (!wasHeadComplete || !bytes.isEmpty())
                arm(Deadline::Body, m_limits.bodyTimeoutMs);
            if (m_parser.wantsContinue()) {
                m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
                m_parser.continueSent();
            }
        } else if (m_parser.inRequest() && (!wasInRequest || m_deadline == Deadline::Idle)) {
            // The header timeout runs from the first byte of a request and is not extended by more
            // bytes: a client trickling one header line at a time is closed all the same.
            arm(Deadline::Header, m_limits.headerTimeoutMs);
        }
        return;
    case RequestParser::Status::Complete:
        break;
    }
    arm(Deadline::None, 0);
    m_state = State::Waiting;
    ParsedRequest request = m_parser.takeRequest();
    m_closeAfterAnswer = !request.keepAlive;
    if (m_sink)
        m_sink->requestReceived(*this, std::move(request));
}

void HttpConnection::awaitAnswer(int timeoutMs)
{
    if (m_state == State::Waiting)
        arm(Deadline::Answer, timeoutMs);
}

void HttpConnection::deadlineReached()
{
    const Deadline deadline = m_deadline;
    m_deadline = Deadline::None;
    switch (deadline) {
    case Deadline::None:
        return;
    case Deadline::Idle:
        // Not idle while an answer is still being delivered to a client that keeps reading it (a large
        // download, a slow link); a client that stopped reading is closed like an idle one.
        if (m_socket->bytesToWrite() > 0 && m_wroteSinceArm)
            return arm(Deadline::Idle, m_limits.idleTimeoutMs);
        return closeNow(); // an idle keep-alive connection is closed without an answer (RFC 9112 §9.6)
    case Deadline::Header:
        if (!m_parser.inRequest())
            return closeNow(); // never sent anything
        [[fallthrough]];
    case Deadline::Body: {
        const QString message = deadline == Deadline::Header
            ? QStringLiteral("request headers not received within %1 ms").arg(m_limits.headerTimeoutMs)
            : QStringLiteral("request body stalled for %1 ms").arg(m_limits.bodyTimeoutMs);
        Response response
            = Response::error(Error{ErrorKind::InvalidInput, QStringLiteral("request_timeout"), message});
        response.status = 408;
        return refuse(response);
    }
    case Deadline::Answer:
        if (m_sink)
            m_sink->answerTimedOut(*this);
        return;
    case Deadline::Linger:
        return closeNow();
    }
}

void HttpConnection::writeHead(const Response &response, qint64 contentLength, bool close)
{
    QByteArray head;
    head.reserve(256);
    head += "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status) + "\r\n";
    if (!response.contentType.isEmpty())
        head += "Content-Type: " + response.contentType + "\r\n";
    for (const auto &[name, value] : response.headers)
        head += name + ": " + value + "\r\n";
    if (!hasNoBody(response.status))
        head += "Content-Length: " + QByteArray::number(contentLength) + "\r\n";
    if (close)
        head += "Connection: close\r\n";
    head += "\r\n";
    m_socket->write(head);
}

void HttpConnection::respond(const Response &response, bool headOnly)
{
    if (m_state != State::Waiting)
        return;
    arm(Deadline::None, 0);
    const bool close = m_closeAfterAnswer;
    if (response.file) {
        auto file = std::make_unique<QFile>(response.file->path);
        if (!file->open(QIODevice::ReadOnly) || !file->seek(response.file->offset)) {
            return respond(
                Response::error(Error::notFound(QStringLiteral("not found\nexport artifact was not found"))),
                headOnly);
        }
        writeHead(response, response.file->length, close);
        if (!headOnly && response.file->length > 0) {
            m_file = std::move(file);
            m_fileRemaining = response.file->length;
            m_state = State::Streaming;
            arm(Deadline::Idle, m_limits.idleTimeoutMs); // a reader that stops is closed
            return pumpFile();
        }
        return finishAnswer(close);
    }
    const QByteArray body = response.encodeBody ? response.encodeBody() : response.body;
    writeHead(response, body.size(), close);
    if (!headOnly && !hasNoBody(response.status))
        m_socket->write(body);
    finishAnswer(close);
}

void HttpConnection::pumpFile()
{
    while (m_fileRemaining > 0 && m_socket->bytesToWrite() < kMaxQueuedFileBytes) {
        const QByteArray chunk = m_file->read(std::min(kFileChunkBytes, m_fileRemaining));
        if (chunk.isEmpty()) {
            // The file shrank or failed under us: the length promised cannot be kept, so the connection
            // is closed and the client sees a truncated transfer, never a short "complete" one.
            m_file.reset();
            m_socket->abort();
            return;
        }
        m_socket->write(chunk);
        m_fileRemaining -= chunk.size();
    }
    if (m_fileRemaining == 0) {
        m_file.reset();
        m_state = State::Waiting;
        finishAnswer(m_closeAfterAnswer);
    }
}

void HttpConnection::finishAnswer(bool close)
{
    if (close)
        return beginClose();
    m_state = State::Reading;
    m_closeAfterAnswer = false;
    arm(Deadline::Idle, m_limits.idleTimeoutMs);
    // Pipelined bytes already received are framed next, from the event loop (not recursively: a long
    // pipeline of synchronous answers must not grow the stack).
    if (!m_readScheduled && (m_parser.bufferedBytes() > 0 || m_socket->bytesAvailable() > 0)) {
        m_readScheduled = true;
        QMetaObject::invokeMethod(this, &HttpConnection::readAvailable, Qt::QueuedConnection);
    }
}

void HttpConnection::refuse(const Response &response)
{
    if (m_state == State::Closing || m_state == State::Closed)
        return;
    m_state = State::Waiting;
    m_closeAfterAnswer = true;
    m_file.reset();
    respond(response);
}

void HttpConnection::beginClose()
{
    m_state = State::Closing;
    // First the answer is delivered (as long as the client keeps reading), then the linger starts.
    arm(Deadline::Idle, m_limits.idleTimeoutMs);
    if (m_sink)
        m_sink->connectionClosed(*this);
    m_sink = nullptr;
    shutdownWhenFlushed();
}

void HttpConnection::bytesWritten()
{
    m_wroteSinceArm = true;
    if (m_state == State::Streaming)
        return pumpFile();
    if (m_state == State::Closing)
        shutdownWhenFlushed();
}

void HttpConnection::shutdownWhenFlushed()
{
    if (m_socket->bytesToWrite() > 0 || m_shutdownSent)
        return;
    m_shutdownSent = true;
    arm(Deadline::Linger, kLingerMs);
    // Everything is handed to the kernel: send FIN after it, and keep reading (and discarding) until the
    // client closes, so unread request bytes never make the kernel reset the connection and throw the
    // answer away (a "lingering close", as nginx does).
#ifdef Q_OS_UNIX
    if (m_socket->socketDescriptor() >= 0)
        ::shutdown(int(m_socket->socketDescriptor()), SHUT_WR);
#else
    m_socket->disconnectFromHost();
#endif
    m_socket->readAll();
}

void HttpConnection::closeNow()
{
    if (m_state == State::Closed)
        return;
    m_state = State::Closed;
    m_timer.stop();
    m_file.reset();
    if (m_sink)
        m_sink->connectionClosed(*this);
    m_sink = nullptr;
    m_socket->disconnect(this);
    m_socket->abort();
    deleteLater();
}

} // namespace osc::http
