#include "SessionClient.h"

#include <QJsonArray>
#include <QTcpSocket>
#include <QTest>

namespace osc::test {

QList<SetCookie> setCookies(const HttpResult &result)
{
    QList<SetCookie> out;
    for (const auto &[name, value] : result.headers) {
        if (name.compare("Set-Cookie", Qt::CaseInsensitive) != 0)
            continue;
        for (const QByteArray &line : value.split('\n')) {
            const QList<QByteArray> parts = line.split(';');
            SetCookie cookie;
            const QByteArray first = parts.value(0).trimmed();
            cookie.name = first.left(first.indexOf('='));
            cookie.value = first.mid(first.indexOf('=') + 1);
            for (qsizetype i = 1; i < parts.size(); ++i) {
                const QByteArray part = parts[i].trimmed();
                const qsizetype eq = part.indexOf('=');
                if (eq < 0)
                    cookie.attributes.insert(part.toLower(), QByteArray());
                else
                    cookie.attributes.insert(part.left(eq).toLower(), part.mid(eq + 1));
            }
            out.append(cookie);
        }
    }
    return out;
}

QByteArray cookieNamed(const QList<SetCookie> &cookies, const QByteArray &name)
{
    for (const SetCookie &cookie : cookies)
        if (cookie.name == name)
            return cookie.value;
    return {};
}

SessionClient::SessionClient(ApiTestServer &server)
    : m_server(server)
{ }

bool SessionClient::signUp(const QString &email, const QString &password)
{
    const QJsonObject body{{QStringLiteral("email"), email}, {QStringLiteral("password"), password}};
    const HttpResult created = m_server.send(
        "POST", QStringLiteral("/v1/auth/users"), QJsonDocument(body).toJson(QJsonDocument::Compact));
    if (created.status != 201) {
        qWarning() << "register" << email << created.status << created.body;
        return false;
    }
    userId = created.object().value(QStringLiteral("id")).toString();
    const HttpResult session = login(email, password);
    if (session.status != 201) {
        qWarning() << "login" << email << session.status << session.body;
        return false;
    }
    return true;
}

HttpResult SessionClient::login(const QString &email, const QString &password)
{
    const QJsonObject body{{QStringLiteral("email"), email}, {QStringLiteral("password"), password}};
    HttpResult result = m_server.send(
        "POST", QStringLiteral("/v1/auth/sessions"), QJsonDocument(body).toJson(QJsonDocument::Compact));
    if (result.status == 201)
        keepCookies(result);
    return result;
}

void SessionClient::keepCookies(const HttpResult &result)
{
    const QList<SetCookie> cookies = setCookies(result);
    access = cookieNamed(cookies, "open_spanner_access");
    refresh = cookieNamed(cookies, "open_spanner_refresh");
}

HttpResult SessionClient::send(const QByteArray &method, const QString &path, const QByteArray &body,
    const QList<QPair<QByteArray, QByteArray>> &extraHeaders)
{
    QList<QPair<QByteArray, QByteArray>> headers = extraHeaders;
    QList<QByteArray> pairs;
    if (!access.isEmpty())
        pairs.append("open_spanner_access=" + access);
    if (!refresh.isEmpty())
        pairs.append("open_spanner_refresh=" + refresh);
    if (!pairs.isEmpty())
        headers.append({"Cookie", pairs.join("; ")});
    return m_server.send(method, path, body, headers);
}

HttpResult SessionClient::send(const QByteArray &method, const QString &path, const QJsonObject &body)
{
    return send(method, path, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

QString SessionClient::createKey(const QJsonObject &body)
{
    const HttpResult created = send("POST", QStringLiteral("/v1/auth/api-keys"), body);
    if (created.status != 201)
        qWarning() << "create key" << created.status << created.body;
    return created.object().value(QStringLiteral("key")).toString();
}

QByteArray rawExchange(quint16 port, const QByteArray &request)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(10'000))
        return {};
    socket.write(request);
    socket.flush();
    // Reads the head, then as many body bytes as Content-Length promises (none for a 204).
    QByteArray response;
    qsizetype expected = -1;
    while (expected < 0 || response.size() < expected) {
        if (!socket.waitForReadyRead(10'000))
            break;
        response += socket.readAll();
        const qsizetype headEnd = response.indexOf("\r\n\r\n");
        if (expected < 0 && headEnd >= 0) {
            qsizetype length = 0;
            for (const QByteArray &line : response.left(headEnd).split('\n'))
                if (line.toLower().startsWith("content-length:"))
                    length = line.mid(15).trimmed().toLongLong();
            expected = headEnd + 4 + length;
        }
    }
    return response;
}

} // namespace osc::test
