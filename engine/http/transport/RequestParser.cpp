#include "RequestParser.h"

#include <cctype>
#include <limits>

namespace osc::http {

namespace {

// RFC 9110 §5.6.2 tchar.
bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '.':
    case '^':
    case '_':
    case '`':
    case '|':
    case '~':
        return true;
    default:
        return false;
    }
}

bool isToken(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    for (char c : text)
        if (!isTokenChar(c))
            return false;
    return true;
}

// Field values: VCHAR, obs-text, SP and HTAB; no other control character (NUL, CR, LF, DEL...).
bool isFieldValue(QByteArrayView text)
{
    for (char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 && u != '\t') || u == 0x7f)
            return false;
    }
    return true;
}

QByteArray trimmedOws(QByteArrayView text)
{
    qsizetype begin = 0;
    qsizetype end = text.size();
    while (begin < end && (text[begin] == ' ' || text[begin] == '\t'))
        ++begin;
    while (end > begin && (text[end - 1] == ' ' || text[end - 1] == '\t'))
        --end;
    return text.sliced(begin, end - begin).toByteArray();
}

// Comma-separated list elements, trimmed and lower-cased (Connection, Transfer-Encoding).
QList<QByteArray> listTokens(const QByteArray &value)
{
    QList<QByteArray> tokens;
    for (const QByteArray &part : value.split(','))
        if (QByteArray token = trimmedOws(part).toLower(); !token.isEmpty())
            tokens.append(token);
    return tokens;
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

const QString kBadRequest = QStringLiteral("bad_request");

} // namespace

RequestParser::RequestParser(const TransportLimits &limits)
    : m_limits(limits)
{ }

void RequestParser::feed(const QByteArray &bytes)
{
    if (m_stage == Stage::Failed)
        return; // nothing after a framing error is looked at
    m_buffer.append(bytes);
}

RequestParser::Line RequestParser::nextLine(QByteArray *line)
{
    const qsizetype lf = m_buffer.indexOf('\n', m_pos);
    const qsizetype end = lf < 0 ? m_buffer.size() : lf;
    // A CR anywhere but right before the LF is a bare CR (RFC 9112 §2.2: never treat it as a line end).
    const qsizetype cr = m_buffer.indexOf('\r', m_pos);
    if (cr >= 0 && cr < end) {
        const bool endsLine = lf >= 0 && cr == lf - 1;
        const bool mayEndLine = lf < 0 && cr == m_buffer.size() - 1; // its LF has not arrived yet
        if (!endsLine && !mayEndLine)
            return Line::Bad;
    }
    if (lf < 0)
        return Line::Incomplete;
    if (lf == m_pos || m_buffer[lf - 1] != '\r')
        return Line::Bad; // bare LF
    *line = m_buffer.mid(m_pos, lf - 1 - m_pos);
    m_pos = lf + 1;
    return Line::Ok;
}

RequestParser::Status RequestParser::fail(int status, const QString &code, const QString &message)
{
    m_stage = Stage::Failed;
    m_error = {status, code, message};
    m_buffer.clear();
    m_pos = 0;
    return Status::Failed;
}

RequestParser::Status RequestParser::parse()
{
    for (;;) {
        switch (m_stage) {
        case Stage::Failed:
            return Status::Failed;
        case Stage::Complete:
            return Status::Complete;
        case Stage::RequestLine: {
            QByteArray line;
            const Line got = nextLine(&line);
            if (got == Line::Incomplete) {
                if (bufferedBytes() > m_limits.maxRequestLineBytes)
                    return fail(414, QStringLiteral("uri_too_long"),
                        QStringLiteral("request line exceeds the limit of %1 bytes")
                            .arg(m_limits.maxRequestLineBytes));
                return Status::NeedMore;
            }
            if (got == Line::Bad)
                return fail(400, kBadRequest, QStringLiteral("bad request: lines must end with CRLF"));
            if (line.size() > m_limits.maxRequestLineBytes)
                return fail(414, QStringLiteral("uri_too_long"),
                    QStringLiteral("request line exceeds the limit of %1 bytes")
                        .arg(m_limits.maxRequestLineBytes));
            if (line.isEmpty()) {
                // RFC 9112 §2.2: empty lines before a request line are ignored (some clients send a CRLF
                // after a POST body); they still count against the request-line limit.
                m_headerBytes += 2;
                if (m_headerBytes > m_limits.maxRequestLineBytes)
                    return fail(
                        400, kBadRequest, QStringLiteral("bad request: empty lines before the request"));
                break;
            }
            if (auto s = parseRequestLine(line); s == Status::Failed)
                return s;
            m_headerBytes = 0;
            m_stage = Stage::Headers;
            break;
        }
        case Stage::Headers:
        case Stage::Trailers: {
            const bool trailer = m_stage == Stage::Trailers;
            QByteArray line;
            const Line got = nextLine(&line);
            if (got == Line::Incomplete) {
                if (m_headerBytes + bufferedBytes() > m_limits.maxHeaderBytes)
                    return fail(431, QStringLiteral("header_too_large"),
                        QStringLiteral("request headers exceed the limit of %1 bytes")
                            .arg(m_limits.maxHeaderBytes));
                return Status::NeedMore;
            }
            if (got == Line::Bad)
                return fail(400, kBadRequest, QStringLiteral("bad request: lines must end with CRLF"));
            m_headerBytes += line.size() + 2;
            if (m_headerBytes > m_limits.maxHeaderBytes)
                return fail(431, QStringLiteral("header_too_large"),
                    QStringLiteral("request headers exceed the limit of %1 bytes")
                        .arg(m_limits.maxHeaderBytes));
            if (line.isEmpty()) {
                if (trailer) {
                    m_stage = Stage::Complete;
                    break;
                }
                if (auto s = finishHead(); s == Status::Failed)
                    return s;
                break;
            }
            if (auto s = parseFieldLine(line, trailer); s == Status::Failed)
                return s;
            break;
        }
        case Stage::Body: {
            const qint64 take = std::min<qint64>(m_remaining, bufferedBytes());
            m_request.body.append(m_buffer.constData() + m_pos, take);
            m_pos += take;
            m_remaining -= take;
            if (m_remaining > 0) {
                compact();
                return Status::NeedMore;
            }
            m_stage = Stage::Complete;
            break;
        }
        case Stage::ChunkSize: {
            QByteArray line;
            const Line got = nextLine(&line);
            if (got == Line::Incomplete) {
                if (bufferedBytes() > kMaxChunkLineBytes)
                    return fail(400, kBadRequest, QStringLiteral("bad request: malformed chunk size"));
                compact();
                return Status::NeedMore;
            }
            if (got == Line::Bad || line.size() > kMaxChunkLineBytes)
                return fail(400, kBadRequest, QStringLiteral("bad request: malformed chunk size"));
            if (auto s = parseChunkSize(line); s == Status::Failed)
                return s;
            break;
        }
        case Stage::ChunkData: {
            const qint64 take = std::min<qint64>(m_remaining, bufferedBytes());
            m_request.body.append(m_buffer.constData() + m_pos, take);
            m_pos += take;
            m_remaining -= take;
            if (m_remaining > 0) {
                compact();
                return Status::NeedMore;
            }
            m_stage = Stage::ChunkDataEnd;
            break;
        }
        case Stage::ChunkDataEnd: {
            if (bufferedBytes() < 2) {
                if (bufferedBytes() == 1 && m_buffer[m_pos] != '\r')
                    return fail(
                        400, kBadRequest, QStringLiteral("bad request: chunk data longer than its size"));
                return Status::NeedMore;
            }
            if (m_buffer[m_pos] != '\r' || m_buffer[m_pos + 1] != '\n')
                return fail(400, kBadRequest, QStringLiteral("bad request: chunk data longer than its size"));
            m_pos += 2;
            m_stage = Stage::ChunkSize;
            break;
        }
        }
    }
}

RequestParser::Status RequestParser::parseRequestLine(const QByteArray &line)
{
    // method SP request-target SP HTTP-version, single spaces only (RFC 9112 §3).
    const QList<QByteArray> parts = line.split(' ');
    if (parts.size() != 3 || !isToken(parts[0]) || parts[1].isEmpty())
        return fail(400, kBadRequest, QStringLiteral("bad request: malformed request line"));
    const QByteArray &version = parts[2];
    const bool wellFormed = version.size() == 8 && version.startsWith("HTTP/") && version[6] == '.'
        && std::isdigit(static_cast<unsigned char>(version[5]))
        && std::isdigit(static_cast<unsigned char>(version[7]));
    if (!wellFormed)
        return fail(400, kBadRequest, QStringLiteral("bad request: malformed HTTP version"));
    if (version[5] != '1' || (version[7] != '0' && version[7] != '1'))
        return fail(505, QStringLiteral("http_version_not_supported"),
            QStringLiteral("HTTP version %1 is not supported (use HTTP/1.1)")
                .arg(QString::fromLatin1(version)));
    const QByteArray &target = parts[1];
    for (char c : target)
        if (static_cast<unsigned char>(c) <= 0x20 || static_cast<unsigned char>(c) >= 0x7f)
            return fail(400, kBadRequest, QStringLiteral("bad request: malformed request target"));
    const bool originForm = target.startsWith('/');
    const bool absoluteForm = target.startsWith("http://") || target.startsWith("https://");
    const bool asteriskForm = target == "*" && parts[0] == "OPTIONS";
    if (!originForm && !absoluteForm && !asteriskForm)
        return fail(400, kBadRequest, QStringLiteral("bad request: malformed request target"));
    m_request = ParsedRequest{};
    m_request.method = parts[0];
    m_request.target = target;
    m_request.minorVersion = version[7] - '0';
    m_headerCount = 0;
    m_chunked = false;
    m_expectContinue = false;
    return Status::NeedMore;
}

RequestParser::Status RequestParser::parseFieldLine(const QByteArray &line, bool trailer)
{
    if (++m_headerCount > m_limits.maxHeaderCount)
        return fail(431, QStringLiteral("header_too_large"),
            QStringLiteral("request has more than %1 header fields").arg(m_limits.maxHeaderCount));
    if (line.startsWith(' ') || line.startsWith('\t'))
        return fail(400, kBadRequest, QStringLiteral("bad request: obsolete line folding in headers"));
    const qsizetype colon = line.indexOf(':');
    // No whitespace between the name and the colon (RFC 9112 §5.1): a proxy may read it otherwise.
    if (colon <= 0 || !isToken(QByteArrayView(line).first(colon)))
        return fail(400, kBadRequest, QStringLiteral("bad request: malformed header field"));
    const QByteArray value = trimmedOws(QByteArrayView(line).sliced(colon + 1));
    if (!isFieldValue(value))
        return fail(400, kBadRequest, QStringLiteral("bad request: control character in a header value"));
    if (!trailer)
        m_request.headers.append({line.left(colon), value});
    // Trailer fields are framed and counted, then dropped: nothing downstream reads them, and they must
    // never override a header (RFC 9110 §6.5.1).
    return Status::NeedMore;
}

RequestParser::Status RequestParser::finishHead()
{
    int hosts = 0;
    QList<QByteArray> lengths;
    QList<QByteArray> codings;
    bool sawTransferEncoding = false;
    QList<QByteArray> connection;
    QList<QByteArray> expect;
    for (const auto &[name, value] : m_request.headers) {
        if (name.compare("host", Qt::CaseInsensitive) == 0) {
            ++hosts;
        } else if (name.compare("content-length", Qt::CaseInsensitive) == 0) {
            lengths.append(value);
        } else if (name.compare("transfer-encoding", Qt::CaseInsensitive) == 0) {
            sawTransferEncoding = true;
            codings.append(listTokens(value));
        } else if (name.compare("connection", Qt::CaseInsensitive) == 0) {
            connection.append(listTokens(value));
        } else if (name.compare("expect", Qt::CaseInsensitive) == 0) {
            expect.append(listTokens(value));
        }
    }
    const bool http10 = m_request.minorVersion == 0;
    if (hosts > 1 || (!http10 && hosts == 0))
        return fail(400, kBadRequest,
            QStringLiteral("bad request: HTTP/1.1 needs exactly one Host header (got %1)").arg(hosts));
    if (sawTransferEncoding && !lengths.isEmpty())
        return fail(
            400, kBadRequest, QStringLiteral("bad request: both Content-Length and Transfer-Encoding"));
    if (sawTransferEncoding) {
        // RFC 9112 §6.1: Transfer-Encoding in HTTP/1.0 means the framing is faulty.
        if (http10)
            return fail(400, kBadRequest, QStringLiteral("bad request: Transfer-Encoding in HTTP/1.0"));
        if (codings.isEmpty() || codings.last() != "chunked" || codings.count("chunked") != 1)
            return fail(400, kBadRequest,
                QStringLiteral("bad request: chunked must be the last transfer coding, once"));
        if (codings.size() != 1)
            return fail(501, QStringLiteral("not_implemented"),
                QStringLiteral("transfer coding %1 is not supported")
                    .arg(QString::fromLatin1(codings.first())));
        m_chunked = true;
    }
    qint64 length = 0;
    if (!lengths.isEmpty()) {
        // Even equal duplicates are refused: which one a proxy in front used cannot be known.
        if (lengths.size() > 1)
            return fail(400, kBadRequest, QStringLiteral("bad request: more than one Content-Length"));
        const QByteArray &text = lengths.first();
        bool digits = !text.isEmpty() && text.size() <= 18;
        for (char c : text)
            digits = digits && c >= '0' && c <= '9';
        if (!digits)
            return fail(400, kBadRequest, QStringLiteral("bad request: malformed Content-Length"));
        length = text.toLongLong();
        if (length > m_limits.maxBodyBytes)
            return fail(413, QStringLiteral("payload_too_large"),
                QStringLiteral("request body exceeds the limit of %1 bytes").arg(m_limits.maxBodyBytes));
    }
    for (const QByteArray &token : expect) {
        if (token != "100-continue")
            return fail(417, QStringLiteral("expectation_failed"),
                QStringLiteral("expectation %1 is not supported").arg(QString::fromLatin1(token)));
        m_expectContinue = !http10;
    }
    m_request.keepAlive = !http10 && !connection.contains("close");
    if (m_chunked) {
        m_stage = Stage::ChunkSize;
    } else if (length > 0) {
        m_remaining = length;
        m_request.body.reserve(length);
        m_stage = Stage::Body;
    } else {
        m_stage = Stage::Complete;
    }
    return Status::NeedMore;
}

RequestParser::Status RequestParser::parseChunkSize(const QByteArray &line)
{
    // chunk-size [ chunk-ext ]: 1*HEXDIG, then optionally BWS ";" ... (extensions are ignored).
    qsizetype i = 0;
    qint64 size = 0;
    while (i < line.size() && hexValue(line[i]) >= 0) {
        if (size > (std::numeric_limits<qint64>::max() >> 4))
            return fail(400, kBadRequest, QStringLiteral("bad request: malformed chunk size"));
        size = (size << 4) | hexValue(line[i]);
        ++i;
    }
    if (i == 0)
        return fail(400, kBadRequest, QStringLiteral("bad request: malformed chunk size"));
    qsizetype rest = i;
    while (rest < line.size() && (line[rest] == ' ' || line[rest] == '\t'))
        ++rest;
    if (rest < line.size() && line[rest] != ';')
        return fail(400, kBadRequest, QStringLiteral("bad request: malformed chunk size"));
    if (rest == line.size() && rest != i)
        return fail(400, kBadRequest, QStringLiteral("bad request: malformed chunk size"));
    if (!isFieldValue(QByteArrayView(line).sliced(rest)))
        return fail(400, kBadRequest, QStringLiteral("bad request: malformed chunk extension"));
    if (size > m_limits.maxBodyBytes - m_request.body.size())
        return fail(413, QStringLiteral("payload_too_large"),
            QStringLiteral("request body exceeds the limit of %1 bytes").arg(m_limits.maxBodyBytes));
    if (size == 0) {
        m_headerCount = 0; // trailers have their own count, and share the header byte budget
        m_stage = Stage::Trailers;
        return Status::NeedMore;
    }
    m_remaining = size;
    m_stage = Stage::ChunkData;
    return Status::NeedMore;
}

void RequestParser::compact()
{
    if (m_pos > 0 && m_pos == m_buffer.size()) {
        m_buffer.clear();
        m_pos = 0;
    } else if (m_pos > 64 * 1024) {
        m_buffer.remove(0, m_pos);
        m_pos = 0;
    }
}

ParsedRequest RequestParser::takeRequest()
{
    ParsedRequest request = std::move(m_request);
    m_request = ParsedRequest{};
    m_stage = Stage::RequestLine;
    m_headerBytes = 0;
    m_remaining = 0;
    compact();
    return request;
}

} // namespace osc::http
