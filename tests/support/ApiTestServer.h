#pragma once

#include "Engine.h"
#include "http/HttpServer.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QTemporaryDir>

#include <memory>

namespace osc::test {

struct HttpResult
{
    int status = 0;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;

    QByteArray header(const QByteArray &name) const;
    QJsonValue json() const;
    QJsonObject object() const { return json().toObject(); }
    QJsonArray array() const;
    QString errorCode() const
    {
        return object().value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString();
    }
    QString errorMessage() const
    {
        return object().value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString();
    }
};

// A real engine on a temporary SQLite file, served by the real HttpServer on 127.0.0.1:<ephemeral>,
// plus a synchronous client. `adminKey` holds every scope.
// With OSC_TEST_STORE=postgres (the `<test>_postgres` ctest variants) the engine opens a fresh
// PostgreSQL database instead, created on the server whose DSN the postgres_cluster fixture wrote to
// OSC_TEST_POSTGRES_DSN_FILE (or given as OSC_TEST_POSTGRES_DSN), and dropped at the end.
class ApiTestServer
{
public:
    static constexpr const char *kAdminKey = "osp_sk_admin-test-key-0000000000000000000000000";

    ApiTestServer();
    // With the engine's clock (e.g. a ManualClock the test keeps a pointer to) and, to reopen a
    // database (restart tests), an existing database path instead of a fresh temporary one.
    explicit ApiTestServer(std::unique_ptr<Clock> clock, const QString &databasePath = {});
    // With server options (short timeouts, small limits); address and port are always 127.0.0.1:0.
    explicit ApiTestServer(const http::HttpServer::Options &options);
    ~ApiTestServer();

    bool ok() const { return m_port != 0; }
    Engine &engine() { return *m_engine; }
    quint16 port() const { return m_port; }
    QString baseUrl() const;

    // Raw request; `headers` are added as given (no credentials are added implicitly).
    HttpResult send(const QByteArray &method, const QString &pathAndQuery, const QByteArray &body = {},
        const QList<QPair<QByteArray, QByteArray>> &headers = {});
    // With `Authorization: Bearer <key>` (the admin key unless another is given).
    HttpResult call(const QByteArray &method, const QString &pathAndQuery, const QByteArray &body = {},
        const QString &key = QString());
    HttpResult call(const QByteArray &method, const QString &pathAndQuery, const QJsonObject &body,
        const QString &key = QString());

    // How to open a second engine on this server's database (same file or same PostgreSQL database).
    StoreOptions sameDatabase() const { return m_storeOptions; }
    // Whether this run's store is PostgreSQL (OSC_TEST_STORE=postgres).
    static bool onPostgres();

    // Creates a key through the engine and returns its secret.
    QString createKey(const QStringList &scopes, const QStringList &allowedMeters = {});

private:
    void open(std::unique_ptr<Clock> clock, const QString &databasePath, http::HttpServer::Options options);
    // Store options for this run's store; on PostgreSQL creates the database (empty on failure).
    StoreOptions storeOptions(const QString &databasePath);

    QTemporaryDir m_dir;
    StoreOptions m_storeOptions;
    QString m_adminDsn; // PostgreSQL: the server's maintenance database, to drop m_database
    QString m_database; // PostgreSQL: the database created for this server ("" when kept or SQLite)
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<http::HttpServer> m_server;
    QNetworkAccessManager m_network;
    quint16 m_port = 0;
};

} // namespace osc::test
