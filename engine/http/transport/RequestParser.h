#pragma once

#include "TransportLimits.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

namespace osc::http {

// One request as framed off the wire.
struct ParsedRequest
{
    QByteArray method;
    QByteArray target; // origin-form (`/path?query`) or absolute-form, as sent
    int minorVersion = 1; // HTTP/1.<minor>
    QList<QPair<QByteArray, QByteArray>> headers; // original case, values trimmed
    QByteArray body; // de-chunked
    bool keepAlive = true; // false: close after the answer (Connection: close, or HTTP/1.0)
};

// Why a request could not be framed: the answer to send before closing the connection.
struct FramingError
{
    int status = 400;
    QString code;
    QString message;
};

// A strict, incremental HTTP/1.1 request parser (RFC 9112). It owns the bytes received on one
// connection; `parse` frames the next request from them, keeps what follows it for the next call, and
// refuses anything whose framing is ambiguous — both Content-Length and Transfer-Encoding, two
// Content-Lengths, a malformed chunk size, bare CR or LF, obs-fold, a field name with whitespace
// before its colon, HTTP/1.1 without exactly one Host — because a server and a proxy that frame the
// same bytes differently are how one request's bytes get read as another's. After a failure the
// connection must be closed: nothing after the error can be framed safely. No socket in here, so it can
// be tested and fuzzed on bytes alone.
class RequestParser
{
public:
    enum class Status
    {
        NeedMore, // nothing complete yet
        Complete, // takeRequest() has the next request
        Failed, // error() says what to answer; close afterwards
    };

    explicit RequestParser(const TransportLimits &limits);

    void feed(const QByteArray &bytes);
    Status parse();
    ParsedRequest takeRequest(); // after Complete; the parser moves on to the next request

    const FramingError &error() const { return m_error; }
    // A request has begun (some of its bytes arrived) but is not complete.
    bool inRequest() const { return m_stage != Stage::RequestLine || hasPendingBytes(); }
    bool headComplete() const { return m_stage > Stage::Headers && m_stage != Stage::Failed; }
    // The head asked `Expect: 100-continue` and the body has not begun.
    bool wantsContinue() const
    {
        return m_expectContinue && m_stage == Stage::Body && m_request.body.isEmpty();
    }
    void continueSent() { m_expectContinue = false; }
    qint64 bufferedBytes() const { return m_buffer.size() - m_pos; }

private:
    enum class Stage
    {
        RequestLine,
        Headers,
        Body,
        ChunkSize,
        ChunkData,
        ChunkDataEnd,
        Trailers,
        Complete,
        Failed,
    };
    enum class Line
    {
        Incomplete,
        Ok,
        Bad, // bare LF or CR
    };

    bool hasPendingBytes() const { return m_pos < m_buffer.size(); }
    Line nextLine(QByteArray *line);
    Status fail(int status, const QString &code, const QString &message);
    Status parseRequestLine(const QByteArray &line);
    Status parseFieldLine(const QByteArray &line, bool trailer);
    Status finishHead();
    Status parseChunkSize(const QByteArray &line);
    void compact();

    TransportLimits m_limits;
    QByteArray m_buffer;
    qsizetype m_pos = 0;
    Stage m_stage = Stage::RequestLine;
    ParsedRequest m_request;
    FramingError m_error;
    qint64 m_headerBytes = 0;
    int m_headerCount = 0;
    qint64 m_remaining = 0; // body or chunk bytes still to read
    bool m_chunked = false;
    bool m_expectContinue = false;
};

} // namespace osc::http
