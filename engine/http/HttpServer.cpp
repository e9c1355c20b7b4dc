#include "HttpServer.h"

#include "ApiRoutes.h"
#include "Engine.h"
#include "transport/HttpConnection.h"
#include "transport/WorkerPool.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QSet>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QUrl>

#include <mutex>

namespace osc::http {

namespace {

Method methodFrom(const QByteArray &token)
{
    // Methods are case-sensitive (RFC 9110 §9.1): `get` is not GET.
    static const QHash<QByteArray, Method> methods{{"GET", Method::Get}, {"POST", Method::Post},
        {"PUT", Method::Put}, {"DELETE", Method::Delete}, {"HEAD", Method::Head},
        {"OPTIONS", Method::Options}, {"PATCH", Method::Patch}};
    return methods.value(token, Method::Other);
}

// The Request the router sees, built as QHttpServer 6.4 built its URL (path decoded once here, path
// parameters once more by the router; the query kept encoded for QUrlQuery), so handlers see what
// they always saw.
Request requestFrom(ParsedRequest &parsed)
{
    Request request;
    request.methodToken = parsed.method;
    request.method = methodFrom(parsed.method);
    QByteArray target = parsed.target;
    if (!target.startsWith('/') && target != "*") {
        // absolute-form: the path starts after the authority
        const qsizetype authority = target.indexOf("//") + 2;
        const qsizetype slash = target.indexOf('/', authority);
        target = slash < 0 ? QByteArray("/") : target.mid(slash);
    }
    if (const qsizetype hash = target.indexOf('#'); hash >= 0)
        target.truncate(hash);
    const qsizetype question = target.indexOf('?');
    QUrl url;
    url.setPath(QString::fromUtf8(question < 0 ? target : target.left(question)), QUrl::TolerantMode);
    if (question >= 0)
        url.setQuery(QString::fromUtf8(target.mid(question + 1)));
    request.path = url.path();
    request.query = QUrlQuery(url);
    request.headers = std::move(parsed.headers);
    request.body = std::move(parsed.body);
    return request;
}

Response unavailable(const QString &code, const QString &message)
{
    Response response = Response::error(Error{ErrorKind::Unavailable, code, message});
    response.headers.append({"Retry-After", QByteArray::number(kRetryAfterSeconds)});
    return response;
}

} // namespace

// Owns the listener, the connections and the worker pool on the server thread. Framed requests are
// dispatched by our Router: cheap routes on this thread, heavy ones on the pool.
class HttpEndpoint : public QObject, public ConnectionSink
{
public:
    HttpEndpoint(HttpServer &owner, Engine &engine, const HttpServer::Options &options)
        : m_owner(owner)
        , m_options(options)
        , m_router(buildApiRouter(engine))
        , m_gate(std::make_shared<ReplyGate>())
        , m_pool(options.workerThreads, options.workerQueue, QStringLiteral("http-worker"))
    {
        m_gate->endpoint = this;
        connect(&m_listener, &QTcpServer::newConnection, this, &HttpEndpoint::accept);
    }

    ~HttpEndpoint() override
    {
        {
            // Replies completing on other threads from now on are dropped (ingest commits, workers).
            std::lock_guard lock(m_gate->mutex);
            m_gate->endpoint = nullptr;
        }
        m_listener.close();
        const QList<HttpConnection *> connections = m_connections.values();
        m_connections.clear();
        for (HttpConnection *connection : connections) {
            connection->detach();
            delete connection;
        }
        // m_pool is destroyed next (declared last): queued tasks are dropped, running ones finish first.
    }

    quint16 listen(const QHostAddress &address, quint16 port)
    {
        return m_listener.listen(address, port) ? m_listener.serverPort() : 0;
    }

    void requestReceived(HttpConnection &connection, ParsedRequest parsed) override
    {
        auto pending = std::make_shared<Pending>();
        pending->timer.start();
        pending->sequence = ++m_sequence;
        Request request = requestFrom(parsed);
        pending->method = request.method;
        pending->methodToken = request.methodToken;
        pending->path = request.path;
        pending->cancelled = request.cancelled;
        m_pending.insert(connection.id(), pending);

        Response refusal;
        const Router::Route *route = m_router.resolve(request, &refusal);
        if (!route)
            return complete(connection.id(), pending->sequence, std::move(refusal));
        if (route->cost == Router::Cost::Cheap) {
            // On this thread; async handlers (group commit) answer through the gate later.
            return route->handler(request, replyTo(connection.id(), pending->sequence, false));
        }
        Router::Reply reply = replyTo(connection.id(), pending->sequence, true);
        auto task = m_pool.trySubmit([handler = route->handler, request = std::move(request), reply,
                                         hook = m_options.beforeHeavyHandler] {
            if (request.cancelled->load())
                return;
            if (hook)
                hook(request);
            handler(request, reply);
        });
        if (!task) {
            return complete(connection.id(), pending->sequence,
                unavailable(QStringLiteral("server_busy"),
                    QStringLiteral("server busy: %1 queries are waiting; retry later")
                        .arg(m_options.workerQueue)));
        }
        pending->task = task;
        connection.awaitAnswer(m_options.queryTimeoutMs);
    }

    void answerTimedOut(HttpConnection &connection) override
    {
        const auto pending = m_pending.value(connection.id());
        if (!pending)
            return;
        cancel(*pending);
        complete(connection.id(), pending->sequence,
            unavailable(QStringLiteral("query_timeout"),
                QStringLiteral("query timed out after %1 ms").arg(m_options.queryTimeoutMs)));
    }

    void connectionClosed(HttpConnection &connection) override
    {
        if (const auto pending = m_pending.take(connection.id()))
            cancel(*pending);
        if (m_connections.remove(connection.id()) && !m_refused.remove(connection.id()))
            --m_open;
    }

private:
    struct Pending
    {
        quint64 sequence = 0;
        QElapsedTimer timer;
        Method method = Method::Get;
        QByteArray methodToken;
        QString path;
        std::shared_ptr<std::atomic<bool>> cancelled;
        std::shared_ptr<WorkerPool::Task> task; // heavy routes only
    };

    // Lets a reply completing on another thread reach the endpoint only while it exists: the post is
    // made under the mutex the destructor takes, and Qt discards events posted to a deleted object.
    struct ReplyGate
    {
        std::mutex mutex;
        HttpEndpoint *endpoint = nullptr;
    };

    static void cancel(Pending &pending)
    {
        pending.cancelled->store(true);
        if (pending.task)
            pending.task->cancel(); // a queued task never runs; a running one's answer is dropped
    }

    Router::Reply replyTo(quint64 connectionId, quint64 sequence, bool encodeHere)
    {
        return [gate = m_gate, connectionId, sequence, encodeHere](Response response) {
            if (encodeHere && response.encodeBody) {
                // A worker encodes its own answer: the HTTP thread only writes it.
                response.body = response.encodeBody();
                response.encodeBody = nullptr;
            }
            HttpEndpoint *endpoint = nullptr;
            {
                std::lock_guard lock(gate->mutex);
                endpoint = gate->endpoint;
                if (!endpoint)
                    return;
                if (QThread::currentThread() != endpoint->thread()) {
                    QMetaObject::invokeMethod(
                        endpoint,
                        [endpoint, connectionId, sequence, response = std::move(response)]() mutable {
                            endpoint->complete(connectionId, sequence, std::move(response));
                        },
                        Qt::QueuedConnection);
                    return;
                }
            }
            // On the server thread, the only thread that deletes the endpoint: it is still alive.
            endpoint->complete(connectionId, sequence, std::move(response));
        };
    }

    void complete(quint64 connectionId, quint64 sequence, Response response)
    {
        const auto pending = m_pending.value(connectionId);
        HttpConnection *connection = m_connections.value(connectionId);
        if (!pending || pending->sequence != sequence || !connection)
            return; // answered already (timed out) or the client left
        m_pending.remove(connectionId);
        connection->respond(response, pending->method == Method::Head);
        m_owner.m_requestsServed.fetch_add(1, std::memory_order_relaxed);
        Q_EMIT m_owner.requestServed({QDateTime::currentMSecsSinceEpoch(),
            pending->method == Method::Other ? pending->methodToken : methodName(pending->method),
            pending->path, response.status, pending->timer.nsecsElapsed() / 1000});
    }

    void accept()
    {
        while (QTcpSocket *socket = m_listener.nextPendingConnection()) {
            const quint64 id = ++m_nextConnectionId;
            auto *connection = new HttpConnection(socket, id, m_options, this, this);
            m_connections.insert(id, connection);
            if (m_open >= m_options.maxConnections) {
                // Accepted only to be told why: the open connections are not disturbed.
                m_refused.insert(id);
                connection->refuse(unavailable(QStringLiteral("too_many_connections"),
                    QStringLiteral("too many open connections (limit %1); retry later")
                        .arg(m_options.maxConnections)));
                continue;
            }
            ++m_open;
        }
    }

    HttpServer &m_owner;
    const HttpServer::Options m_options;
    QTcpServer m_listener;
    Router m_router;
    std::shared_ptr<ReplyGate> m_gate;
    QHash<quint64, HttpConnection *> m_connections;
    QSet<quint64> m_refused;
    QHash<quint64, std::shared_ptr<Pending>> m_pending; // by connection: one request at a time each
    int m_open = 0;
    quint64 m_nextConnectionId = 0;
    quint64 m_sequence = 0;
    WorkerPool m_pool; // last: destroyed first, while the router its tasks use still exists
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
            auto *endpoint = new HttpEndpoint(*this, m_engine, options);
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
    if (listensBeyondLoopback()) {
        qWarning().noquote() << QStringLiteral(
            "REST API listening on %1, beyond loopback: anyone who can reach this host can reach it")
                                    .arg(listenAddress());
    }
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

bool HttpServer::listensBeyondLoopback() const
{
    return isListening() && !m_address.isLoopback();
}

} // namespace osc::http
