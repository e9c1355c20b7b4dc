#include "ApiTestServer.h"

#include "store/postgres/PgConnection.h"

#include <QCryptographicHash>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QNetworkReply>
#include <QTimer>
#include <QUuid>

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

namespace {

QString postgresServerDsn()
{
    const QByteArray given = qgetenv("OSC_TEST_POSTGRES_DSN");
    if (!given.isEmpty())
        return QString::fromUtf8(given);
    QFile file(QString::fromLocal8Bit(qgetenv("OSC_TEST_POSTGRES_DSN_FILE")));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll()).trimmed();
}

// The server DSN pointed at `database` (later key=value keywords override earlier ones).
QString withDatabase(const QString &dsn, const QString &database)
{
    return dsn + QStringLiteral(" dbname=") + database;
}

} // namespace

bool ApiTestServer::onPostgres()
{
    return qgetenv("OSC_TEST_STORE") == "postgres";
}

StoreOptions ApiTestServer::storeOptions(const QString &databasePath)
{
    StoreOptions options;
    options.databasePath = databasePath.isEmpty() ? m_dir.filePath(QStringLiteral("test.db")) : databasePath;
    options.fullSync = true;
    if (!onPostgres())
        return options;
    options.driver = StoreOptions::Driver::Postgres;
    m_adminDsn = postgresServerDsn();
    if (m_adminDsn.isEmpty()) {
        qWarning() << "OSC_TEST_STORE=postgres but no server DSN (OSC_TEST_POSTGRES_DSN[_FILE])";
        return options;
    }
    pg::Connection admin;
    if (auto s = admin.open(m_adminDsn.toUtf8()); !s) {
        qWarning() << "cannot reach the test PostgreSQL server:" << s.error().message;
        return options;
    }
    // A reopened path (restart tests) names the same database every time and keeps it; a fresh
    // server gets its own database, dropped in the destructor.
    const QString database = databasePath.isEmpty()
        ? QStringLiteral("osc_test_") + QUuid::createUuid().toString(QUuid::Id128)
        : QStringLiteral("osc_path_")
            + QString::fromLatin1(
                QCryptographicHash::hash(databasePath.toUtf8(), QCryptographicHash::Sha1).toHex().left(24));
    auto exists = admin.exec("SELECT 1 FROM pg_database WHERE datname = $1", {pg::Param::text(database)});
    if (exists && exists->size() == 0) {
        if (auto s
            = admin.run("CREATE DATABASE " + database.toUtf8() + " TEMPLATE template0 ENCODING 'UTF8'");
            !s)
            qWarning() << "cannot create the test database" << database;
    }
    if (databasePath.isEmpty())
        m_database = database;
    options.postgresDsn = withDatabase(m_adminDsn, database);
    return options;
}

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
    m_storeOptions = storeOptions(databasePath);
    auto engine = Engine::open(m_storeOptions, std::move(clock));
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
    m_server.reset();
    m_engine.reset(); // closes the store's connections before its database is dropped
    if (!m_database.isEmpty()) {
        pg::Connection admin;
        if (admin.open(m_adminDsn.toUtf8()))
            (void)admin.run("DROP DATABASE IF EXISTS " + m_database.toUtf8() + " WITH (FORCE)");
    }
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
