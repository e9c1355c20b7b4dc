#include "ApiTestServer.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QNetworkReply>
#include <QTimer>

namespace osc::test {

QByteArray HttpResult::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers)
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    return {};
}

QJsonValue HttpResult::json() const
{
    const QJsonDocument document = QJsonDocument::fromJson(body);
    return document.isObject() ? QJsonValue(document.object()) : QJsonValue(document.array());
}

QJsonArray HttpResult::array() const
{
    return json().toArray();
}

ApiTestServer::ApiTestServer()
    : ApiTestServer(nullptr)
{ }

ApiTestServer::ApiTestServer(std::unique_ptr<Clock> clock, const QString &databasePath)
{
    open(std::move(clock), databasePath, {});
}

ApiTestServer::ApiTestServer(const http::HttpServer::Options &options)
{
    open(nullptr, {}, options);
}

void ApiTestServer::open(
    std::unique_ptr<Clock> clock, const QString &databasePath, http::HttpServer::Options options)
{
    const QString path = databasePath.isEmpty() ? m_dir.filePath(QStringLiteral("test.db")) : databasePath;
    auto engine = Engine::open({path, true}, std::move(clock));
    if (!engine) {
        qWarning() << "cannot open engine:" << engine.error().message;
        return;
    }
    m_engine = std::move(engine.value());
    // The cheapest Argon2id libsodium allows: tests register and log in many users.
    m_engine->accounts().configure({password::Cost::minimal(), {}});
    (void)m_engine->apiKeys().registerBootstrapKey(
        m_engine->defaultWorkspaceId(), QString::fromLatin1(kAdminKey));
    m_server = std::make_unique<http::HttpServer>(*m_engine);
    options.address = QHostAddress::LocalHost;
    options.port = 0;
    auto bound = m_server->start(options);
    if (bound)
        m_port = bound.value();
}

ApiTestServer::~ApiTestServer()
{
    if (m_server)
        m_server->stop();
}

QString ApiTestServer::baseUrl() const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(m_port);
}

HttpResult ApiTestServer::send(const QByteArray &method, const QString &pathAndQuery, const QByteArray &body,
    const QList<QPair<QByteArray, QByteArray>> &headers)
{
    QNetworkRequest request(QUrl(baseUrl() + pathAndQuery));
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    // Cookies are the test's business: nothing is stored from Set-Cookie or added on its own.
    request.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    // Redirects too: a 302 is an answer to check, not to follow.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    if (!body.isEmpty() && !request.hasRawHeader("Content-Type"))
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QNetworkReply *reply = m_network.sendCustomRequest(request, method, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(30000, &loop, &QEventLoop::quit);
    loop.exec();
    HttpResult result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    for (const auto &pair : reply->rawHeaderPairs())
        result.headers.append(pair);
    reply->deleteLater();
    return result;
}

HttpResult ApiTestServer::call(
    const QByteArray &method, const QString &pathAndQuery, const QByteArray &body, const QString &key)
{
    const QString secret = key.isEmpty() ? QString::fromLatin1(kAdminKey) : key;
    return send(method, pathAndQuery, body, {{"Authorization", "Bearer " + secret.toUtf8()}});
}

HttpResult ApiTestServer::call(
    const QByteArray &method, const QString &pathAndQuery, const QJsonObject &body, const QString &key)
{
    return call(method, pathAndQuery, QJsonDocument(body).toJson(QJsonDocument::Compact), key);
}

QString ApiTestServer::createKey(const QStringList &scopes, const QStringList &allowedMeters)
{
    ApiKeyDraft draft;
    draft.name = QStringLiteral("test");
    draft.scopes = scopes;
    draft.allowedMeters = allowedMeters;
    auto created = m_engine->apiKeys().create(m_engine->defaultWorkspaceId(), draft);
    return created ? created->secret : QString();
}

} // namespace osc::test
