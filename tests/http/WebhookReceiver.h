#pragma once

#include <QByteArray>
#include <QList>
#include <QMessageAuthenticationCode>
#include <QObject>
#include <QPair>
#include <QTcpServer>
#include <QTcpSocket>

// A local HTTP receiver for webhook tests: records every request and answers as told — a status, no
// answer at all (hang), or a closed connection. One request per connection (the worker's requests are
// small and each read completes them).
class WebhookReceiver : public QObject
{
public:
    enum class Mode
    {
        Status,
        Hang,
        Close
    };
    struct Received
    {
        QByteArray requestLine;
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray body;
        QByteArray header(const QByteArray &name) const
        {
            for (const auto &[key, value] : headers)
                if (key.compare(name, Qt::CaseInsensitive) == 0)
                    return value;
            return {};
        }
    };

    WebhookReceiver()
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                m_sockets.append(socket);
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onRead(socket); });
            }
        });
    }

    QString url(const QString &path = QStringLiteral("/hook")) const
    {
        return QStringLiteral("http://127.0.0.1:%1%2").arg(m_server.serverPort()).arg(path);
    }
    void setMode(Mode mode, int status = 204)
    {
        m_mode = mode;
        m_status = status;
    }
    const QList<Received> &received() const { return m_received; }

    // "v1=" + hex HMAC-SHA256(secret, "<ts>.<body>"), computed here independently of the engine.
    static QByteArray expectedSignature(
        const QByteArray &secret, const QByteArray &timestamp, const QByteArray &body)
    {
        return "v1="
            + QMessageAuthenticationCode::hash(timestamp + '.' + body, secret, QCryptographicHash::Sha256)
                  .toHex();
    }

private:
    void onRead(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        Received r;
        const QList<QByteArray> lines = buffer.left(end).split('\n');
        qint64 length = 0;
        for (qsizetype i = 0; i < lines.size(); ++i) {
            const QByteArray line = lines[i].trimmed();
            if (i == 0) {
                r.requestLine = line;
                continue;
            }
            const qsizetype colon = line.indexOf(':');
            if (colon < 0)
                continue;
            r.headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
            if (line.left(colon).trimmed().compare("content-length", Qt::CaseInsensitive) == 0)
                length = line.mid(colon + 1).trimmed().toLongLong();
        }
        if (buffer.size() < end + 4 + length)
            return;
        r.body = buffer.mid(end + 4, length);
        buffer.clear();
        m_received.append(r);
        switch (m_mode) {
        case Mode::Status:
            socket->write("HTTP/1.1 " + QByteArray::number(m_status)
                + " X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            socket->disconnectFromHost();
            break;
        case Mode::Hang:
            break; // the worker's timeout has to end it
        case Mode::Close:
            socket->abort();
            break;
        }
    }

    QTcpServer m_server;
    QList<QTcpSocket *> m_sockets;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    QList<Received> m_received;
    Mode m_mode = Mode::Status;
    int m_status = 204;
};
