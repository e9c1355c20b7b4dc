#pragma once

#include "core/Result.h"
#include "http/transport/TransportLimits.h"

#include <QHash>
#include <QList>
#include <QString>

namespace osc::app {

// One connection limit of the HTTP front as a setting: the variable OPEN_SPANNER_HTTP_<NAME> and the
// flag --http-<name>, with the same value syntax (a positive integer, or a Go duration for timeouts).
struct HttpLimitSetting
{
    enum class Kind
    {
        Count, // positive integer (bytes, lines, connections, threads)
        Duration, // Go duration: "500ms", "10s", "2m"
    };
    const char *environmentName;
    const char *flagName;
    const char *description;
    Kind kind;
    int http::TransportLimits::*member;
};

// Every setting, in README order. (The body limit keeps its older names, --max-body-bytes and
// OPEN_SPANNER_MAX_BODY_BYTES, in AppConfig.)
const QList<HttpLimitSetting> &httpLimitSettings();

// Parses `text` into `limits`; `source` names the variable or flag in the error.
Status applyHttpLimit(const HttpLimitSetting &setting, const QString &text, const QString &source,
    http::TransportLimits &limits);

// Every OPEN_SPANNER_HTTP_* variable present in `environment`.
Status applyHttpLimitEnvironment(const QHash<QString, QString> &environment, http::TransportLimits &limits);

} // namespace osc::app
