#include "HttpLimitSettings.h"

#include "AppConfig.h"

#include <limits>

namespace osc::app {

namespace {

using Kind = HttpLimitSetting::Kind;
using Limits = http::TransportLimits;

} // namespace

const QList<HttpLimitSetting> &httpLimitSettings()
{
    static const QList<HttpLimitSetting> settings{
        {"OPEN_SPANNER_HTTP_MAX_REQUEST_LINE_BYTES", "http-max-request-line-bytes",
            "Longest request line (method, URL, version); longer gets 414.", Kind::Count,
            &Limits::maxRequestLineBytes},
        {"OPEN_SPANNER_HTTP_MAX_HEADER_BYTES", "http-max-header-bytes",
            "Largest header section; larger gets 431.", Kind::Count, &Limits::maxHeaderBytes},
        {"OPEN_SPANNER_HTTP_MAX_HEADER_COUNT", "http-max-header-count",
            "Most header lines per request; more gets 431.", Kind::Count, &Limits::maxHeaderCount},
        {"OPEN_SPANNER_HTTP_HEADER_TIMEOUT", "http-header-timeout",
            "Time from a request's first byte to the end of its headers; then 408 and close.", Kind::Duration,
            &Limits::headerTimeoutMs},
        {"OPEN_SPANNER_HTTP_BODY_TIMEOUT", "http-body-timeout",
            "Longest pause while a body is read; then 408 and close.", Kind::Duration,
            &Limits::bodyTimeoutMs},
        {"OPEN_SPANNER_HTTP_IDLE_TIMEOUT", "http-idle-timeout",
            "An idle keep-alive connection is closed after this.", Kind::Duration, &Limits::idleTimeoutMs},
        {"OPEN_SPANNER_HTTP_MAX_CONNECTIONS", "http-max-connections",
            "Open connections; one more gets 503 and is closed.", Kind::Count, &Limits::maxConnections},
        {"OPEN_SPANNER_HTTP_WORKERS", "http-workers",
            "Threads answering heavy routes (queries, event reads, exports, stats).", Kind::Count,
            &Limits::workerThreads},
        {"OPEN_SPANNER_HTTP_WORKER_QUEUE", "http-worker-queue",
            "Heavy requests waiting for a worker; one more gets 503 with Retry-After.", Kind::Count,
            &Limits::workerQueue},
        {"OPEN_SPANNER_HTTP_QUERY_TIMEOUT", "http-query-timeout",
            "A heavy request not answered within this gets 503.", Kind::Duration, &Limits::queryTimeoutMs},
    };
    return settings;
}

Status applyHttpLimit(const HttpLimitSetting &setting, const QString &text, const QString &source,
    http::TransportLimits &limits)
{
    qint64 value = 0;
    if (setting.kind == Kind::Duration) {
        auto parsed = parseGoDuration(text.trimmed());
        if (!parsed || parsed.value() <= 0)
            return Error::invalidInput(QStringLiteral("%1: invalid duration \"%2\"").arg(source, text));
        value = parsed.value();
    } else {
        bool ok = false;
        value = text.trimmed().toLongLong(&ok);
        if (!ok || value <= 0)
            return Error::invalidInput(QStringLiteral("%1: must be a positive integer").arg(source));
    }
    if (value > std::numeric_limits<int>::max())
        return Error::invalidInput(QStringLiteral("%1: too large").arg(source));
    limits.*setting.member = int(value);
    return {};
}

Status applyHttpLimitEnvironment(const QHash<QString, QString> &environment, http::TransportLimits &limits)
{
    for (const HttpLimitSetting &setting : httpLimitSettings()) {
        const QString name = QString::fromLatin1(setting.environmentName);
        const QString text = environment.value(name).trimmed();
        if (text.isEmpty())
            continue;
        if (auto s = applyHttpLimit(setting, text, name, limits); !s)
            return s;
    }
    return {};
}

} // namespace osc::app
