#pragma once

#include <QtGlobal>

namespace osc::http {

// Connection-level limits of the HTTP/1.1 front (issue 21). Each has a setting: an
// OPEN_SPANNER_HTTP_* variable and a --http-* flag (app/HttpLimitSettings.cpp), listed in README.md.

// Largest request body accepted, judged from Content-Length before any of the body is read
// (--max-body-bytes / OPEN_SPANNER_MAX_BODY_BYTES, as before).
constexpr qint64 kDefaultMaxBodyBytes = 16 * 1024 * 1024;
// Request line (method, target, version): longer gets 414. Browsers and proxies allow 8 KiB.
constexpr int kDefaultMaxRequestLineBytes = 8 * 1024;
// The whole header section (every field line with its CRLF): larger gets 431.
constexpr int kDefaultMaxHeaderBytes = 64 * 1024;
// Field lines in the header section (and in a chunked body's trailers): more gets 431.
constexpr int kDefaultMaxHeaderCount = 100;
// From the first byte of a request to the end of its headers (slowloris): 408 and close after it.
constexpr int kDefaultHeaderTimeoutMs = 10'000;
// Longest pause between two reads of a body (a body that stalls): 408 and close after it. Upstream's
// whole-request read timeout is 5 s; a pause of 30 s is more generous for any body that keeps moving.
constexpr int kDefaultBodyTimeoutMs = 30'000;
// An idle keep-alive connection is closed after this (upstream: idle 120 s).
constexpr int kDefaultIdleTimeoutMs = 120'000;
// Open connections; a connection beyond it gets 503 and is closed, the others are not disturbed.
constexpr int kDefaultMaxConnections = 512;
// Threads answering heavy routes (bucket queries, breakdowns, event reads, exports, stats).
constexpr int kDefaultWorkerThreads = 4;
// Heavy requests waiting for a worker; one more gets 503 with Retry-After.
constexpr int kDefaultWorkerQueue = 64;
// A heavy request not answered within this gets 503 (as Go's http.TimeoutHandler answers).
constexpr int kDefaultQueryTimeoutMs = 30'000;

// What a 503 (busy, timed out, too many connections) tells the client to wait, in seconds.
constexpr int kRetryAfterSeconds = 1;
// A chunk-size line (size and extensions): longer is a malformed body (400).
constexpr int kMaxChunkLineBytes = 4 * 1024;
// After an error answer, how long the connection keeps draining what the client still sends, so the
// kernel does not reset the connection (and discard the answer) because unread bytes were left.
constexpr int kLingerMs = 2'000;

struct TransportLimits
{
    qint64 maxBodyBytes = kDefaultMaxBodyBytes;
    int maxRequestLineBytes = kDefaultMaxRequestLineBytes;
    int maxHeaderBytes = kDefaultMaxHeaderBytes;
    int maxHeaderCount = kDefaultMaxHeaderCount;
    int headerTimeoutMs = kDefaultHeaderTimeoutMs;
    int bodyTimeoutMs = kDefaultBodyTimeoutMs;
    int idleTimeoutMs = kDefaultIdleTimeoutMs;
    int maxConnections = kDefaultMaxConnections;
    int workerThreads = kDefaultWorkerThreads;
    int workerQueue = kDefaultWorkerQueue;
    int queryTimeoutMs = kDefaultQueryTimeoutMs;
};

} // namespace osc::http
