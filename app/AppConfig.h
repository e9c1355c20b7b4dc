#pragma once

#include "core/GoBool.h"
#include "core/Result.h"
#include "http/transport/TransportLimits.h"
#include "ingest/InputLimits.h"

#include <QHostAddress>
#include <QStringList>

#include <optional>

namespace osc::app {

// Upper bounds of the export settings.
constexpr int kMaxExportWorkers = 64;
constexpr int kMaxExportRetentionDays = 36'500;
// Upper bound of the usage export reports' request limit per key and minute.
constexpr int kMaxUsageExportRateLimit = 1'000'000;

// Everything the process needs to start, from (in rising precedence) defaults, OPEN_SPANNER_*
// environment variables (contract §12) and command-line flags.
struct AppConfig
{
    QHostAddress listenAddress = QHostAddress::LocalHost;
    quint16 listenPort = 18081;
    // Set by --listen or OPEN_SPANNER_HTTP_ADDR; otherwise the window may use the address from Settings.
    bool listenAddressExplicit = false;
    // gRPC listener (contract §11): OPEN_SPANNER_GRPC_ADDR or --grpc-listen; `off` disables it.
    bool grpcEnabled = true;
    QHostAddress grpcAddress = QHostAddress::LocalHost;
    quint16 grpcPort = 18090;
    // Explicitly chosen addresses must bind; the default may be taken (another instance, a parallel
    // test), and then the console serves REST only and says so.
    bool grpcAddressExplicit = false;
    QString dataDir;
    QString databasePath;
    QString exportDir;
    QString bootstrapApiKey;
    qint64 maxBodyBytes = 0;
    // Connection limits of the HTTP front (OPEN_SPANNER_HTTP_* / --http-*, HttpLimitSettings.cpp); the
    // body limit is maxBodyBytes above.
    http::TransportLimits httpLimits;
    // OPEN_SPANNER_MAX_METER_NAME_BYTES, _IDEMPOTENCY_KEY_BYTES, _METADATA_KEYS, _METADATA_KEY_BYTES,
    // _METADATA_VALUE_BYTES, _METADATA_BYTES.
    InputLimits inputLimits;
    // OPEN_SPANNER_CSV_FORMULA_GUARD: CSV cells that a spreadsheet would run as a formula get a `'`
    // prefix by default (a request's `csv_safe` still decides for itself).
    bool csvFormulaGuard = false;
    bool fullSync = true;
    bool headless = false;
    QString screenshotPath; // GUI only: grab the window to this PNG and quit

    // Export worker and retention settings (contract §12 names, plus our worker count and artifact
    // retention).
    qint64 exportWorkerIntervalMs = 5'000;
    qint64 exportWorkerLockTtlMs = 5 * 60'000;
    qint64 exportWorkerTimeoutMs = 10 * 60'000;
    int exportWorkerMaxAttempts = 3;
    int exportWorkerCount = 1; // in-process export workers; 0 = only `--export-worker` processes
    int exportRetentionDays = 0; // delete artifacts of jobs completed longer ago; 0 = keep forever
    // Requests per minute and API key on POST /export/{dataType} (the peer's 500); 0 = no limit.
    int usageExportRateLimit = 500;
    // The in-process alert worker (evaluation on schedule and after ingest, webhook delivery).
    bool alertWorkerEnabled = true;
    qint64 alertWorkerIntervalMs = 5'000;
    qint64 webhookTimeoutMs = 10'000; // per request (§9.3)
    int webhookMaxAttempts = 5; // attempts per delivery, retries with exponential backoff + jitter
    bool retentionPruneEnabled = false;
    qint64 retentionPruneIntervalMs = 60 * 60'000;
    qint64 retentionPruneTimeoutMs = 30 * 60'000;
    // POST /v1/auth/users open to anyone (OPEN_SPANNER_REGISTRATION / --registration); unset = the
    // setting stored in the database (default open). The window never needs an account.
    std::optional<bool> registrationEnabled;

    QString listenAddressText() const;
    QString grpcAddressText() const; // "127.0.0.1:18090", or "off"
};

// "127.0.0.1:18081", ":18081" (all interfaces, as upstream), "[::1]:18081", "localhost:18081".
Result<std::pair<QHostAddress, quint16>> parseListenAddress(const QString &text);
// OPEN_SPANNER_GRPC_ADDR / --grpc-listen: a listen address as above, or `off` (any case).
Status applyGrpcListen(AppConfig &config, const QString &text);
// Go duration syntax: "300ms", "5s", "1m", "1h30m", "1.5h". Returns milliseconds.
Result<qint64> parseGoDuration(const QString &text);
using osc::parseGoBool; // Go strconv.ParseBool spellings (core/GoBool.h)

// Reads the environment into `config`; errors name the variable.
Status applyEnvironment(AppConfig &config, const QHash<QString, QString> &environment);

// The default data folder (platform app-data location).
QString defaultDataDir();

} // namespace osc::app
