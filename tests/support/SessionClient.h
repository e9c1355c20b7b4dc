#pragma once

#include "ApiTestServer.h"

#include <QMap>

namespace osc::test {

// One Set-Cookie header, parsed: `name=value` and its attributes (names lower-cased; flags map to "").
struct SetCookie
{
    QByteArray name;
    QByteArray value;
    QMap<QByteArray, QByteArray> attributes;

    bool has(const QByteArray &attribute) const { return attributes.contains(attribute.toLower()); }
    QByteArray attribute(const QByteArray &attribute) const { return attributes.value(attribute.toLower()); }
};

// Every Set-Cookie of a response (Qt joins repeated Set-Cookie headers with '\n').
QList<SetCookie> setCookies(const HttpResult &result);
QByteArray cookieNamed(const QList<SetCookie> &cookies, const QByteArray &name);

// A dashboard user driven through the real REST surface, holding its two cookies like a browser.
class SessionClient
{
public:
    explicit SessionClient(ApiTestServer &server);

    // POST /v1/auth/users then POST /v1/auth/sessions; false (with a warning) when either fails.
    bool signUp(const QString &email, const QString &password = QStringLiteral("correct horse battery"));
    HttpResult login(const QString &email, const QString &password);
    // A request with the current cookies (and `extraHeaders`).
    HttpResult send(const QByteArray &method, const QString &path, const QByteArray &body = {},
        const QList<QPair<QByteArray, QByteArray>> &extraHeaders = {});
    HttpResult send(const QByteArray &method, const QString &path, const QJsonObject &body);
    // Creates an API key over the session and returns its secret.
    QString createKey(const QJsonObject &body = {{QStringLiteral("name"), QStringLiteral("sdk")}});
    // Takes the cookies a response sets (login, refresh).
    void keepCookies(const HttpResult &result);

    QByteArray access;
    QByteArray refresh;
    QString userId;

private:
    ApiTestServer &m_server;
};

// The request as raw bytes over a socket and the raw response, for what a client library would hide
// (repeated headers, their exact order). Sends `Connection: close` and reads to the end.
QByteArray rawExchange(quint16 port, const QByteArray &request);

} // namespace osc::test
