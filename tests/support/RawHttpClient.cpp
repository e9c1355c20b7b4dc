#include "RawHttpClient.h"

#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QJsonObject>

namespace osc::test {

QByteArray RawResponse::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers)
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    return {};
}

QString RawResponse::errorCode() const
{
    return QJsonDocument::fromJson(body)
        .object()
        .value(QStringLiteral("error"))
        .toObject()
        .value(QStringLiteral("code"))
        .toString();
}

RawHttpClient::RawHttpClient(quint16 port)
{
    m_socket.connectToHost(QStringLiteral("127.0.0.1"), port);
    m_socket.waitForConnected(5'000);
}

void RawHttpClient::send(const QByteArray &bytes)
{
    m_socket.write(bytes);
    while (m_socket.bytesToWrite() > 0 && m_socket.waitForBytesWritten(5'000)) { }
}

bool RawHttpClient::parseOne(RawResponse *response)
{
    const qsizetype end = m_buffer.indexOf("\r\n\r\n");
    if (end < 0)
        return false;
    const QList<QByteArray> lines = m_buffer.left(end).split('\n');
    RawResponse parsed;
    parsed.status = lines.first().split(' ').value(1).toInt();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        const qsizetype colon = line.indexOf(':');
        parsed.headers.append({line.left(colon), line.mid(colon + 1).trimmed()});
    }
    const qint64 length = parsed.header("Content-Length").toLongLong();
    if (m_buffer.size() < end + 4 + length)
        return false;
    parsed.body = m_buffer.mid(end + 4, length);
    m_buffer.remove(0, end + 4 + length);
    *response = parsed;
    return true;
}

QList<RawResponse> RawHttpClient::read(int count, int waitMs)
{
    const QDeadlineTimer deadline(waitMs);
    for (;;) {
        m_buffer.append(m_socket.readAll()); // also what arrived with a close
        RawResponse response;
        while (m_parsed.size() < count && parseOne(&response))
            m_parsed.append(response);
        if (m_parsed.size() >= count || !isOpen() || deadline.hasExpired())
            break;
        m_socket.waitForReadyRead(int(std::max<qint64>(1, deadline.remainingTime())));
    }
    RawResponse response;
    while (m_parsed.size() < count && parseOne(&response))
        m_parsed.append(response);
    QList<RawResponse> answers = m_parsed.mid(0, std::min<qsizetype>(count, m_parsed.size()));
    m_parsed.remove(0, answers.size());
    return answers;
}

bool RawHttpClient::waitForClose(int waitMs)
{
    const QDeadlineTimer deadline(waitMs);
    while (isOpen() && !deadline.hasExpired()) {
        if (m_socket.waitForReadyRead(int(std::max<qint64>(1, deadline.remainingTime()))))
            m_buffer.append(m_socket.readAll());
    }
    m_buffer.append(m_socket.readAll());
    RawResponse response;
    while (parseOne(&response))
        m_parsed.append(response);
    return !isOpen();
}

QByteArray rawGet(const QByteArray &path, const QByteArray &extra)
{
    return "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n" + extra + "\r\n";
}

} // namespace osc::test
