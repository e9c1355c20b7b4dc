// Contract §12: OPEN_SPANNER_* configuration (Go durations, ParseBool spellings, listen addresses,
// sqlite-only driver) and the command line on top of it (flag > environment > default).

#include "AppConfig.h"
#include "CommandLine.h"
#include "HttpLimitSettings.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using namespace osc;
using namespace osc::app;

using Env = QHash<QString, QString>;

namespace {

Result<Invocation> invoke(const QStringList &args, const Env &env = {})
{
    return parseInvocation(QStringList{QStringLiteral("open-spanner-console")} + args, env);
}

template <typename T> QString errorText(const Result<T> &result)
{
    return result.ok() ? QString() : result.error().message;
}

} // namespace

class TstAppConfig : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parseListenAddress_data();
    void parseListenAddress();
    void parseGoDuration_data();
    void parseGoDuration();
    void parseGoBool_data();
    void parseGoBool();

    void defaults();
    void applyEnvironmentValues();
    void applyEnvironmentErrors_data();
    void applyEnvironmentErrors();
    void applyEnvironmentAccepts_data();
    void applyEnvironmentAccepts();

    void invocationCommands();
    void invocationDefaultPathsUnderDataDir();
    void invocationDefaultDataDir();
    void precedenceListen();
    void grpcListen();
    void precedenceDatabase();
    void precedenceDataDir();
    void precedenceExportDir();
    void precedenceRegistration();
    void httpLimits_data();
    void httpLimits();
    void invocationErrors_data();
    void invocationErrors();
};

void TstAppConfig::parseListenAddress_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");

    QTest::newRow("ipv4") << "127.0.0.1:18081" << true << "127.0.0.1" << 18081;
    QTest::newRow(":port = all interfaces") << ":18081" << true << "0.0.0.0" << 18081;
    QTest::newRow("0.0.0.0") << "0.0.0.0:8080" << true << "0.0.0.0" << 8080;
    QTest::newRow("bracketed ipv6") << "[::1]:9000" << true << "::1" << 9000;
    QTest::newRow("localhost") << "localhost:1" << true << "127.0.0.1" << 1;
    QTest::newRow("max port") << "127.0.0.1:65535" << true << "127.0.0.1" << 65535;
    QTest::newRow("surrounding spaces") << "  127.0.0.1:7000 " << true << "127.0.0.1" << 7000;
    QTest::newRow("port too large") << "127.0.0.1:65536" << false << QString() << 0;
    QTest::newRow("port not a number") << "127.0.0.1:http" << false << QString() << 0;
    QTest::newRow("negative port") << "127.0.0.1:-1" << false << QString() << 0;
    QTest::newRow("empty port") << "127.0.0.1:" << false << QString() << 0;
    QTest::newRow("no colon") << "127.0.0.1" << false << QString() << 0;
    QTest::newRow("empty") << "" << false << QString() << 0;
    QTest::newRow("bad host") << "300.1.2.3:80" << false << QString() << 0;
}

void TstAppConfig::parseListenAddress()
{
    QFETCH(QString, text);
    QFETCH(bool, ok);
    QFETCH(QString, host);
    QFETCH(int, port);

    const auto parsed = osc::app::parseListenAddress(text);
    QCOMPARE(parsed.ok(), ok);
    if (!ok) {
        QCOMPARE(parsed.error().httpStatus(), 400);
        QVERIFY(!parsed.error().message.isEmpty());
        return;
    }
    QCOMPARE(parsed->first, QHostAddress(host));
    QCOMPARE(int(parsed->second), port);
    if (text.trimmed().startsWith(QLatin1Char(':')))
        QCOMPARE(parsed->first, QHostAddress(QHostAddress::AnyIPv4));
    if (host == QLatin1StringView("::1"))
        QCOMPARE(parsed->first.protocol(), QAbstractSocket::IPv6Protocol);
}

void TstAppConfig::parseGoDuration_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<qint64>("ms");

    QTest::newRow("5s") << "5s" << true << qint64(5'000);
    QTest::newRow("1m") << "1m" << true << qint64(60'000);
    QTest::newRow("1h") << "1h" << true << qint64(3'600'000);
    QTest::newRow("1h30m") << "1h30m" << true << qint64(5'400'000);
    QTest::newRow("2h45m30s") << "2h45m30s" << true << qint64(9'930'000);
    QTest::newRow("300ms") << "300ms" << true << qint64(300);
    QTest::newRow("1.5h") << "1.5h" << true << qint64(5'400'000);
    QTest::newRow("0.5s") << "0.5s" << true << qint64(500);
    QTest::newRow("1m30s") << "1m30s" << true << qint64(90'000);
    QTest::newRow("1s500ms") << "1s500ms" << true << qint64(1'500);
    QTest::newRow("2000us") << "2000us" << true << qint64(2);
    QTest::newRow("0") << "0" << true << qint64(0);
    QTest::newRow("0s") << "0s" << true << qint64(0);
    QTest::newRow("abc") << "abc" << false << qint64(0);
    QTest::newRow("5 (no unit)") << "5" << false << qint64(0);
    QTest::newRow("empty") << "" << false << qint64(0);
    QTest::newRow("unit only") << "s" << false << qint64(0);
    QTest::newRow("unknown unit") << "5d" << false << qint64(0);
    QTest::newRow("trailing junk") << "5sx" << false << qint64(0);
    QTest::newRow("inner space") << "1h 30m" << false << qint64(0);
    QTest::newRow("upper-case unit") << "5S" << false << qint64(0);
    QTest::newRow("unit missing at the end") << "1h30" << false << qint64(0);
}

void TstAppConfig::parseGoDuration()
{
    QFETCH(QString, text);
    QFETCH(bool, ok);
    QFETCH(qint64, ms);

    const auto parsed = osc::app::parseGoDuration(text);
    QVERIFY2(parsed.ok() == ok, qPrintable(text));
    if (ok)
        QCOMPARE(parsed.value(), ms);
}

void TstAppConfig::parseGoBool_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("expected"); // 1 true, 0 false, -1 invalid

    for (const char *t : {"1", "t", "T", "TRUE", "true", "True"})
        QTest::newRow(t) << QString::fromLatin1(t) << 1;
    for (const char *f : {"0", "f", "F", "FALSE", "false", "False"})
        QTest::newRow(f) << QString::fromLatin1(f) << 0;
    for (const char *bad : {"", "yes", "no", "tRUE", "fAlse", "2", "on", "maybe", " true"})
        QTest::newRow(qPrintable(QStringLiteral("invalid '%1'").arg(QString::fromLatin1(bad))))
            << QString::fromLatin1(bad) << -1;
}

void TstAppConfig::parseGoBool()
{
    QFETCH(QString, text);
    QFETCH(int, expected);
    const std::optional<bool> parsed = osc::app::parseGoBool(text);
    if (expected < 0) {
        QVERIFY(!parsed.has_value());
        return;
    }
    QVERIFY(parsed.has_value());
    QCOMPARE(*parsed, expected == 1);
}

void TstAppConfig::defaults()
{
    AppConfig config;
    QVERIFY(applyEnvironment(config, {}).ok());
    QCOMPARE(config.listenPort, quint16(18081));
    QCOMPARE(config.exportWorkerIntervalMs, qint64(5'000));
    QCOMPARE(config.exportWorkerLockTtlMs, qint64(5 * 60'000));
    QCOMPARE(config.exportWorkerTimeoutMs, qint64(10 * 60'000));
    QCOMPARE(config.exportWorkerMaxAttempts, 3);
    QCOMPARE(config.exportWorkerCount, 1);
    QCOMPARE(config.exportRetentionDays, 0);
    QCOMPARE(config.retentionPruneEnabled, false);
    QCOMPARE(config.retentionPruneIntervalMs, qint64(60 * 60'000));
    QCOMPARE(config.retentionPruneTimeoutMs, qint64(30 * 60'000));
    QVERIFY(config.bootstrapApiKey.isEmpty());
    QVERIFY(!config.registrationEnabled.has_value()); // the stored setting decides (default open)
}

void TstAppConfig::applyEnvironmentValues()
{
    AppConfig config;
    const Env env = {
        {QStringLiteral("OPEN_SPANNER_HTTP_ADDR"), QStringLiteral(":9999")},
        {QStringLiteral("OPEN_SPANNER_SQLITE_PATH"), QStringLiteral("/srv/data/open-spanner.db")},
        {QStringLiteral("OPEN_SPANNER_EXPORT_STORAGE_PATH"), QStringLiteral("/srv/data/exports")},
        {QStringLiteral("OPEN_SPANNER_DB_DRIVER"), QStringLiteral("SQLite")},
        {QStringLiteral("OPEN_SPANNER_EXPORT_WORKER_INTERVAL"), QStringLiteral("10s")},
        {QStringLiteral("OPEN_SPANNER_EXPORT_WORKER_LOCK_TTL"), QStringLiteral("1m30s")},
        {QStringLiteral("OPEN_SPANNER_EXPORT_WORKER_TIMEOUT"), QStringLiteral("2m")},
        {QStringLiteral("OPEN_SPANNER_EXPORT_WORKER_MAX_ATTEMPTS"), QStringLiteral("7")},
        {QStringLiteral("OPEN_SPANNER_EXPORT_WORKER_COUNT"), QStringLiteral("3")},
        {QStringLiteral("OPEN_SPANNER_EXPORT_RETENTION_DAYS"), QStringLiteral("30")},
        {QStringLiteral("OPEN_SPANNER_USAGE_EXPORT_RATE_LIMIT"), QStringLiteral("120")},
        {QStringLiteral("OPEN_SPANNER_RETENTION_PRUNE_ENABLED"), QStringLiteral("true")},
        {QStringLiteral("OPEN_SPANNER_RETENTION_PRUNE_INTERVAL"), QStringLiteral("2h")},
        {QStringLiteral("OPEN_SPANNER_RETENTION_PRUNE_TIMEOUT"), QStringLiteral("45m")},
        {QStringLiteral("OPEN_SPANNER_BOOTSTRAP_API_KEY"),
            QStringLiteral("osp_sk_testtesttesttesttesttesttesttesttesttest12")},
        {QStringLiteral("UNRELATED"), QStringLiteral("ignored")},
    };
    const Status status = applyEnvironment(config, env);
    QVERIFY2(status.ok(), qPrintable(status.ok() ? QString() : status.error().message));
    QCOMPARE(config.listenAddress, QHostAddress(QHostAddress::AnyIPv4));
    QCOMPARE(config.listenPort, quint16(9999));
    QCOMPARE(config.databasePath, QStringLiteral("/srv/data/open-spanner.db"));
    QCOMPARE(config.exportDir, QStringLiteral("/srv/data/exports"));
    QCOMPARE(config.exportWorkerIntervalMs, qint64(10'000));
    QCOMPARE(config.exportWorkerLockTtlMs, qint64(90'000));
    QCOMPARE(config.exportWorkerTimeoutMs, qint64(120'000));
    QCOMPARE(config.exportWorkerMaxAttempts, 7);
    QCOMPARE(config.exportWorkerCount, 3);
    QCOMPARE(config.exportRetentionDays, 30);
    QCOMPARE(config.usageExportRateLimit, 120);
    QCOMPARE(config.retentionPruneEnabled, true);
    QCOMPARE(config.retentionPruneIntervalMs, qint64(7'200'000));
    QCOMPARE(config.retentionPruneTimeoutMs, qint64(2'700'000));
    QCOMPARE(config.bootstrapApiKey, QStringLiteral("osp_sk_testtesttesttesttesttesttesttesttesttest12"));
}

void TstAppConfig::applyEnvironmentErrors_data()
{
    QTest::addColumn<QString>("variable");
    QTest::addColumn<QString>("value");

    QTest::newRow("bad listen address") << "OPEN_SPANNER_HTTP_ADDR"
                                        << "nonsense";
    QTest::newRow("bad listen port") << "OPEN_SPANNER_HTTP_ADDR"
                                     << "127.0.0.1:99999";
    QTest::newRow("bad grpc address") << "OPEN_SPANNER_GRPC_ADDR"
                                      << "nowhere";
    QTest::newRow("bad grpc port") << "OPEN_SPANNER_GRPC_ADDR"
                                   << "127.0.0.1:70000";
    QTest::newRow("postgres driver") << "OPEN_SPANNER_DB_DRIVER"
                                     << "postgres";
    QTest::newRow("unknown driver") << "OPEN_SPANNER_DB_DRIVER"
                                    << "mysql";
    QTest::newRow("bad export interval") << "OPEN_SPANNER_EXPORT_WORKER_INTERVAL"
                                         << "abc";
    QTest::newRow("export interval without unit") << "OPEN_SPANNER_EXPORT_WORKER_INTERVAL"
                                                  << "5";
    QTest::newRow("export interval must be > 0") << "OPEN_SPANNER_EXPORT_WORKER_INTERVAL"
                                                 << "0s";
    QTest::newRow("bad export lock ttl") << "OPEN_SPANNER_EXPORT_WORKER_LOCK_TTL"
                                         << "5 minutes";
    QTest::newRow("bad export timeout") << "OPEN_SPANNER_EXPORT_WORKER_TIMEOUT"
                                        << "x";
    QTest::newRow("bad max attempts") << "OPEN_SPANNER_EXPORT_WORKER_MAX_ATTEMPTS"
                                      << "three";
    QTest::newRow("bad worker count") << "OPEN_SPANNER_EXPORT_WORKER_COUNT"
                                      << "two";
    QTest::newRow("negative worker count") << "OPEN_SPANNER_EXPORT_WORKER_COUNT"
                                           << "-1";
    QTest::newRow("too many workers") << "OPEN_SPANNER_EXPORT_WORKER_COUNT"
                                      << "1000";
    QTest::newRow("bad artifact retention") << "OPEN_SPANNER_EXPORT_RETENTION_DAYS"
                                            << "7d";
    QTest::newRow("negative artifact retention") << "OPEN_SPANNER_EXPORT_RETENTION_DAYS"
                                                 << "-3";
    QTest::newRow("bad usage export rate limit") << "OPEN_SPANNER_USAGE_EXPORT_RATE_LIMIT"
                                                 << "500/min";
    QTest::newRow("negative usage export rate limit") << "OPEN_SPANNER_USAGE_EXPORT_RATE_LIMIT"
                                                      << "-1";
    QTest::newRow("bad prune flag") << "OPEN_SPANNER_RETENTION_PRUNE_ENABLED"
                                    << "maybe";
    QTest::newRow("bad registration switch") << "OPEN_SPANNER_REGISTRATION"
                                             << "closed";
    QTest::newRow("bad prune interval") << "OPEN_SPANNER_RETENTION_PRUNE_INTERVAL"
                                        << "1y";
    QTest::newRow("bad prune timeout") << "OPEN_SPANNER_RETENTION_PRUNE_TIMEOUT"
                                       << "soon";
    QTest::newRow("bad http connection limit") << "OPEN_SPANNER_HTTP_MAX_CONNECTIONS"
                                               << "lots";
    QTest::newRow("zero http header count") << "OPEN_SPANNER_HTTP_MAX_HEADER_COUNT"
                                            << "0";
    QTest::newRow("http idle timeout without unit") << "OPEN_SPANNER_HTTP_IDLE_TIMEOUT"
                                                    << "5";
}

void TstAppConfig::applyEnvironmentErrors()
{
    QFETCH(QString, variable);
    QFETCH(QString, value);

    AppConfig config;
    const Status status = applyEnvironment(config, {{variable, value}});
    QVERIFY(!status.ok());
    // "Invalid config → process exits": the message must say which variable is wrong.
    QVERIFY2(status.error().message.contains(variable), qPrintable(status.error().message));

    // The same through the command line parser.
    const auto invocation = invoke({QStringLiteral("--headless")}, {{variable, value}});
    QVERIFY(!invocation.ok());
    QVERIFY2(invocation.error().message.contains(variable), qPrintable(invocation.error().message));
}

void TstAppConfig::applyEnvironmentAccepts_data()
{
    QTest::addColumn<QString>("variable");
    QTest::addColumn<QString>("value");

    QTest::newRow("sqlite driver") << "OPEN_SPANNER_DB_DRIVER"
                                   << "sqlite";
    QTest::newRow("SQLITE driver (lower-cased)") << "OPEN_SPANNER_DB_DRIVER"
                                                 << "SQLITE";
    QTest::newRow("prune flag 1") << "OPEN_SPANNER_RETENTION_PRUNE_ENABLED"
                                  << "1";
    QTest::newRow("prune flag F") << "OPEN_SPANNER_RETENTION_PRUNE_ENABLED"
                                  << "F";
    QTest::newRow("interval 300ms") << "OPEN_SPANNER_EXPORT_WORKER_INTERVAL"
                                    << "300ms";
    QTest::newRow("no in-process export workers") << "OPEN_SPANNER_EXPORT_WORKER_COUNT"
                                                  << "0";
    QTest::newRow("artifacts kept forever") << "OPEN_SPANNER_EXPORT_RETENTION_DAYS"
                                            << "0";
    QTest::newRow("empty value = unset") << "OPEN_SPANNER_HTTP_ADDR"
                                         << "";
}

void TstAppConfig::applyEnvironmentAccepts()
{
    QFETCH(QString, variable);
    QFETCH(QString, value);
    AppConfig config;
    const Status status = applyEnvironment(config, {{variable, value}});
    QVERIFY2(status.ok(), qPrintable(status.ok() ? QString() : status.error().message));
}

void TstAppConfig::invocationCommands()
{
    const auto help = invoke({QStringLiteral("--help")});
    QVERIFY(help.ok());
    QCOMPARE(help->command, Invocation::Command::Help);
    QVERIFY(help->helpText.contains(QLatin1StringView("--listen")));

    const auto version = invoke({QStringLiteral("--version")});
    QVERIFY(version.ok());
    QCOMPARE(version->command, Invocation::Command::Version);

    const auto serve = invoke({QStringLiteral("--headless")});
    QVERIFY(serve.ok());
    QCOMPARE(serve->command, Invocation::Command::Serve);
    QCOMPARE(serve->config.headless, true);
    QCOMPARE(invoke({})->config.headless, false);

    const auto worker = invoke({QStringLiteral("--export-worker")});
    QVERIFY(worker.ok());
    QCOMPARE(worker->command, Invocation::Command::ExportWorker);
    QVERIFY(help->helpText.contains(QLatin1StringView("--export-worker")));

    const auto keys = invoke({QStringLiteral("keys"), QStringLiteral("create"), QStringLiteral("--name"),
        QStringLiteral("ci"), QStringLiteral("--scopes"), QStringLiteral("usage:write,usage:read")});
    QVERIFY2(keys.ok(), qPrintable(errorText(keys)));
    QCOMPARE(keys->command, Invocation::Command::Keys);
    QCOMPARE(keys->commandArgs.value(0), QStringLiteral("create"));
    QVERIFY(keys->commandArgs.contains(QStringLiteral("--name=ci")));
    QVERIFY(keys->commandArgs.contains(QStringLiteral("--scopes=usage:write,usage:read")));

    const auto revoke = invoke({QStringLiteral("keys"), QStringLiteral("revoke"), QStringLiteral("abc")});
    QVERIFY(revoke.ok());
    QCOMPARE(revoke->commandArgs, QStringList({QStringLiteral("revoke"), QStringLiteral("abc")}));
}

void TstAppConfig::invocationDefaultPathsUnderDataDir()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const auto invocation = invoke({QStringLiteral("--data-dir"), dir.path()});
    QVERIFY2(invocation.ok(), qPrintable(errorText(invocation)));
    const AppConfig &config = invocation->config;
    QCOMPARE(config.dataDir, dir.path());
    QCOMPARE(
        QDir::cleanPath(config.databasePath), QDir(dir.path()).filePath(QStringLiteral("open-spanner.db")));
    QCOMPARE(QDir::cleanPath(config.exportDir), QDir(dir.path()).filePath(QStringLiteral("exports")));
    QCOMPARE(config.listenPort, quint16(18081));
}

void TstAppConfig::invocationDefaultDataDir()
{
    const auto invocation = invoke({});
    QVERIFY(invocation.ok());
    QCOMPARE(invocation->config.dataDir, defaultDataDir());
    QVERIFY(!defaultDataDir().isEmpty());
    QCOMPARE(QDir::cleanPath(invocation->config.databasePath),
        QDir(defaultDataDir()).filePath(QStringLiteral("open-spanner.db")));
}

void TstAppConfig::precedenceListen()
{
    const Env env = {{QStringLiteral("OPEN_SPANNER_HTTP_ADDR"), QStringLiteral("127.0.0.1:7000")}};

    QCOMPARE(invoke({})->config.listenPort, quint16(18081)); // default
    // Only a default leaves the window free to use the address stored in Settings.
    QVERIFY(!invoke({})->config.listenAddressExplicit);
    QVERIFY(invoke({}, env)->config.listenAddressExplicit);
    QVERIFY(invoke({QStringLiteral("--listen=:7003")})->config.listenAddressExplicit);
    const auto fromEnv = invoke({}, env);
    QVERIFY(fromEnv.ok());
    QCOMPARE(fromEnv->config.listenPort, quint16(7000)); // env beats default
    QCOMPARE(fromEnv->config.listenAddress, QHostAddress(QStringLiteral("127.0.0.1")));

    const auto fromFlag = invoke({QStringLiteral("--listen"), QStringLiteral("[::1]:7001")}, env);
    QVERIFY(fromFlag.ok());
    QCOMPARE(fromFlag->config.listenPort, quint16(7001)); // flag beats env
    QCOMPARE(fromFlag->config.listenAddress, QHostAddress(QStringLiteral("::1")));

    const auto equalsForm = invoke({QStringLiteral("--listen=:7002")}, env);
    QVERIFY(equalsForm.ok());
    QCOMPARE(equalsForm->config.listenPort, quint16(7002));
    QCOMPARE(equalsForm->config.listenAddress, QHostAddress(QHostAddress::AnyIPv4));
}

void TstAppConfig::grpcListen()
{
    const auto defaults = invoke({});
    QVERIFY(defaults.ok());
    QVERIFY(defaults->config.grpcEnabled);
    QVERIFY(!defaults->config.grpcAddressExplicit);
    QCOMPARE(defaults->config.grpcAddressText(), QStringLiteral("127.0.0.1:18090"));

    const Env env = {{QStringLiteral("OPEN_SPANNER_GRPC_ADDR"), QStringLiteral(":19090")}};
    const auto fromEnv = invoke({}, env);
    QVERIFY(fromEnv.ok());
    QVERIFY(fromEnv->config.grpcAddressExplicit);
    QCOMPARE(fromEnv->config.grpcAddress, QHostAddress(QHostAddress::AnyIPv4)); // upstream's ":port"
    QCOMPARE(fromEnv->config.grpcPort, quint16(19090));

    const auto fromFlag = invoke({QStringLiteral("--grpc-listen"), QStringLiteral("[::1]:19091")}, env);
    QVERIFY(fromFlag.ok());
    QCOMPARE(fromFlag->config.grpcAddressText(), QStringLiteral("[::1]:19091")); // flag beats env

    const auto off = invoke({}, {{QStringLiteral("OPEN_SPANNER_GRPC_ADDR"), QStringLiteral("OFF")}});
    QVERIFY(off.ok());
    QVERIFY(!off->config.grpcEnabled);
    QCOMPARE(off->config.grpcAddressText(), QStringLiteral("off"));
    const auto onAgain = invoke({QStringLiteral("--grpc-listen=127.0.0.1:19092")},
        {{QStringLiteral("OPEN_SPANNER_GRPC_ADDR"), QStringLiteral("off")}});
    QVERIFY(onAgain.ok());
    QVERIFY(onAgain->config.grpcEnabled);
    QCOMPARE(onAgain->config.grpcPort, quint16(19092));
    QVERIFY(!invoke({QStringLiteral("--grpc-listen=nonsense")}).ok());
}

void TstAppConfig::precedenceDatabase()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString envPath = dir.filePath(QStringLiteral("env.db"));
    const QString flagPath = dir.filePath(QStringLiteral("flag.db"));
    const Env env = {{QStringLiteral("OPEN_SPANNER_SQLITE_PATH"), envPath}};
    const QStringList dataDir = {QStringLiteral("--data-dir"), dir.path()};

    QCOMPARE(QDir::cleanPath(invoke(dataDir)->config.databasePath),
        dir.filePath(QStringLiteral("open-spanner.db")));
    QCOMPARE(invoke(dataDir, env)->config.databasePath, envPath);
    QCOMPARE(
        invoke(dataDir + QStringList{QStringLiteral("--db"), flagPath}, env)->config.databasePath, flagPath);
}

void TstAppConfig::precedenceDataDir()
{
    QTemporaryDir envDir;
    QTemporaryDir flagDir;
    QVERIFY(envDir.isValid() && flagDir.isValid());
    const Env env = {{QStringLiteral("OPEN_SPANNER_DATA_DIR"), envDir.path()}};

    const auto fromEnv = invoke({}, env);
    QVERIFY(fromEnv.ok());
    QCOMPARE(fromEnv->config.dataDir, envDir.path());
    QCOMPARE(
        QDir::cleanPath(fromEnv->config.databasePath), envDir.filePath(QStringLiteral("open-spanner.db")));

    const auto fromFlag = invoke({QStringLiteral("--data-dir"), flagDir.path()}, env);
    QVERIFY(fromFlag.ok());
    QCOMPARE(fromFlag->config.dataDir, flagDir.path());
    QCOMPARE(
        QDir::cleanPath(fromFlag->config.databasePath), flagDir.filePath(QStringLiteral("open-spanner.db")));
    QCOMPARE(QDir::cleanPath(fromFlag->config.exportDir), flagDir.filePath(QStringLiteral("exports")));
}

void TstAppConfig::precedenceExportDir()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString envPath = dir.filePath(QStringLiteral("env-exports"));
    const QString flagPath = dir.filePath(QStringLiteral("flag-exports"));
    const Env env = {{QStringLiteral("OPEN_SPANNER_EXPORT_STORAGE_PATH"), envPath}};
    const QStringList dataDir = {QStringLiteral("--data-dir"), dir.path()};

    QCOMPARE(invoke(dataDir, env)->config.exportDir, envPath);
    QCOMPARE(invoke(dataDir + QStringList{QStringLiteral("--export-dir"), flagPath}, env)->config.exportDir,
        flagPath);
}

void TstAppConfig::precedenceRegistration()
{
    const Env closed = {{QStringLiteral("OPEN_SPANNER_REGISTRATION"), QStringLiteral("false")}};
    QCOMPARE(invoke({QStringLiteral("--headless")}, closed)->config.registrationEnabled,
        std::optional<bool>(false));
    QCOMPARE(invoke({QStringLiteral("--headless"), QStringLiteral("--registration"), QStringLiteral("true")},
                 closed)
                 ->config.registrationEnabled,
        std::optional<bool>(true));
    QCOMPARE(invoke({QStringLiteral("--headless"), QStringLiteral("--registration=0")})
                 ->config.registrationEnabled,
        std::optional<bool>(false));
    QVERIFY(!invoke({QStringLiteral("--headless"), QStringLiteral("--registration=nope")}).ok());
}

void TstAppConfig::httpLimits_data()
{
    QTest::addColumn<int>("index");
    for (qsizetype i = 0; i < httpLimitSettings().size(); ++i)
        QTest::newRow(httpLimitSettings()[i].flagName) << int(i);
}

void TstAppConfig::httpLimits()
{
    QFETCH(int, index);
    const HttpLimitSetting &setting = httpLimitSettings()[index];
    const bool duration = setting.kind == HttpLimitSetting::Kind::Duration;
    const QString envName = QString::fromLatin1(setting.environmentName);
    const QString flag = QStringLiteral("--") + QLatin1StringView(setting.flagName);

    AppConfig defaults;
    const int defaultValue = defaults.httpLimits.*setting.member;
    // The environment sets it...
    const auto fromEnv = invoke({QStringLiteral("--headless")}, {{envName, duration ? "750ms" : "7"}});
    QVERIFY2(fromEnv.ok(), qPrintable(errorText(fromEnv)));
    QCOMPARE(fromEnv->config.httpLimits.*setting.member, duration ? 750 : 7);
    QVERIFY(defaultValue != (duration ? 750 : 7));
    // ...and the flag beats the environment.
    const auto fromFlag = invoke(
        {QStringLiteral("--headless"), flag, duration ? "2s" : "9"}, {{envName, duration ? "750ms" : "7"}});
    QVERIFY2(fromFlag.ok(), qPrintable(errorText(fromFlag)));
    QCOMPARE(fromFlag->config.httpLimits.*setting.member, duration ? 2000 : 9);
    // A bad value names the flag.
    const auto bad = invoke({QStringLiteral("--headless"), flag, "-1"});
    QVERIFY(!bad.ok());
    QVERIFY2(errorText(bad).contains(flag), qPrintable(errorText(bad)));
}

void TstAppConfig::invocationErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("expectedFragment");

    QTest::newRow("unknown option") << QStringList{QStringLiteral("--bogus")} << "bogus";
    QTest::newRow("unknown command") << QStringList{QStringLiteral("frobnicate")} << "frobnicate";
    QTest::newRow("bad --listen") << QStringList{QStringLiteral("--listen"), QStringLiteral("nonsense")}
                                  << "nonsense";
    QTest::newRow("--listen without value") << QStringList{QStringLiteral("--listen")} << "listen";
}

void TstAppConfig::invocationErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QString, expectedFragment);
    const auto invocation = invoke(args);
    QVERIFY(!invocation.ok());
    QVERIFY2(invocation.error().message.contains(expectedFragment), qPrintable(invocation.error().message));
}

QTEST_GUILESS_MAIN(TstAppConfig)
#include "tst_appconfig.moc"
