#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QTcpSocket>

namespace osc::test {

struct RawResponse
{
    int status = 0;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    QByteArray header(const QByteArray &name) const;
    QString errorCode() const;
};

// A raw TCP client for transport tests: sends bytes exactly as given (malformed framing included) and
// parses the answers itself. Blocking; the server runs on its own thread. The waits are bounds against
// a hang, not timing assertions.
class RawHttpClient
{
public:
    explicit RawHttpClient(quint16 port);

    bool isOpen() const { return m_socket.state() == QAbstractSocket::ConnectedState; }
    void send(const QByteArray &bytes);
    // Reads until `count` answers are complete, the server closes, or `waitMs` passes.
    QList<RawResponse> read(int count, int waitMs = 10'000);
    // Reads until the server closes the connection (true) or `waitMs` passes (false); answers that
    // arrive meanwhile are parsed and kept for read().
    bool waitForClose(int waitMs = 10'000);
    QAbstractSocket::SocketError lastError() const { return m_socket.error(); }

private:
    bool parseOne(RawResponse *response);

    QTcpSocket m_socket;
    QByteArray m_buffer;
    QList<RawResponse> m_parsed;
};

// One request as raw bytes: `GET /path HTTP/1.1`, Host and `extra` header lines (each ending CRLF).
QByteArray rawGet(const QByteArray &path, const QByteArray &extra = {});

} // namespace osc::test
