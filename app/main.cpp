// open-spanner-console: parses the command line and OPEN_SPANNER_* environment, opens the store, starts
// the REST server thread, then shows the window (QApplication) or serves headless (QCoreApplication).
// The headless-only build (cmake -DOSC_GUI=OFF, like qBittorrent's nox) defines OSC_HEADLESS_ONLY and
// compiles the window out; this file is the only one that tells the two builds apart.

#include "AlertWorkerThread.h"
#include "CommandLine.h"
#include "DemoCommand.h"
#include "KeysCommand.h"
#include "RetentionScheduler.h"
#include "ShutdownSignals.h"

#include "Engine.h"
#include "GrpcServer.h"
#include "export/ExportWorkerPool.h"
#include "http/HttpServer.h"
#include "plans/EntitlementWorker.h"

#include <QCoreApplication>
#include <QDir>
#include <QProcessEnvironment>
#include <QTextStream>
#include <QTimer>

#include <memory>

#include <sys/stat.h>

#ifndef OSC_HEADLESS_ONLY
#include "AlertTrayIcon.h"
#include "ServerControlAdapter.h"
#include "ui/MainWindow.h"
#include "ui/settings/AppSettings.h"
#include "ui/settings/SettingsPage.h"

#include <QApplication>
#include <QGuiApplication>
#endif

namespace {

#ifndef OSC_HEADLESS_ONLY

constexpr bool kWindowBuilt = true;

std::unique_ptr<QCoreApplication> createApplication(int &argc, char **argv, bool core)
{
    if (core)
        return std::make_unique<QCoreApplication>(argc, argv);
    auto app = std::make_unique<QApplication>(argc, argv);
    // Matches packaging/org.openspanner.console.desktop, so Wayland shells show its name and icon.
    QGuiApplication::setDesktopFileName(QStringLiteral("org.openspanner.console"));
    return app;
}

// Language and theme before the first widget; the address from Settings unless the command line or the
// environment chose one.
void applyWindowPreferences(const osc::app::AppConfig &config, osc::http::HttpServer::Options &options)
{
    osc::ui::settings::applyStartupPreferences();
    if (!config.listenAddressExplicit)
        if (const auto saved = osc::ui::settings::parseListenAddress(osc::ui::settings::listenAddress())) {
            options.address = saved->address;
            options.port = saved->port;
        }
}

// The window, and the ServerControl through which it reaches both servers (declared first: it outlives
// the window).
class ConsoleWindow
{
public:
    ConsoleWindow(osc::Engine &engine, osc::http::HttpServer &server, osc::rpc::GrpcServer &grpc,
        std::optional<osc::rpc::GrpcServer::Options> grpcStartWith, const osc::app::AppConfig &config)
        : m_control(server)
        , m_window(engine, m_control)
        , m_tray(engine.alerts(), m_window)
    {
        m_control.setGrpcServer(&grpc, grpcStartWith); // the Server page adds its gRPC panel
        m_window.settingsPage()->setDataPaths(config.dataDir, config.databasePath);
        m_window.show();
        if (!config.screenshotPath.isEmpty()) {
            QTimer::singleShot(1500, &m_window, [this, path = config.screenshotPath] {
                m_window.grab().save(path);
                QCoreApplication::quit();
            });
        }
    }

private:
    osc::app::ServerControlAdapter m_control;
    osc::ui::MainWindow m_window;
    osc::app::AlertTrayIcon m_tray; // after the window: it is destroyed first
};

#else

constexpr bool kWindowBuilt = false;

std::unique_ptr<QCoreApplication> createApplication(int &argc, char **argv, bool)
{
    return std::make_unique<QCoreApplication>(argc, argv);
}

void applyWindowPreferences(const osc::app::AppConfig &, osc::http::HttpServer::Options &) { }

class ConsoleWindow
{
public:
    ConsoleWindow(osc::Engine &, osc::http::HttpServer &, osc::rpc::GrpcServer &,
        std::optional<osc::rpc::GrpcServer::Options>, const osc::app::AppConfig &)
    { }
};

#endif

QHash<QString, QString> processEnvironment()
{
    QHash<QString, QString> env;
    const QProcessEnvironment system = QProcessEnvironment::systemEnvironment();
    for (const QString &key : system.keys())
        env.insert(key, system.value(key));
    return env;
}

QString oneLine(QString message)
{
    return message.replace(QLatin1Char('\n'), QStringLiteral(": "));
}

osc::ExportJobs::Settings exportSettings(const osc::app::AppConfig &config)
{
    osc::ExportJobs::Settings settings;
    settings.storageDir = config.exportDir;
    settings.lockTtlMs = config.exportWorkerLockTtlMs;
    settings.timeoutMs = config.exportWorkerTimeoutMs;
    settings.maxAttempts = config.exportWorkerMaxAttempts;
    settings.artifactRetentionDays = config.exportRetentionDays;
    settings.csvFormulaGuard = config.csvFormulaGuard;
    return settings;
}

// `--export-worker`: the same worker loop as the server's in-process pool, in its own process on the
// same database and export folder (claims are leases in the database). SIGTERM/SIGINT put a job in
// progress back in the queue.
int runExportWorker(const osc::app::AppConfig &config, osc::Engine &engine)
{
    QTextStream err(stderr);
    const int workers = std::max(1, config.exportWorkerCount);
    osc::ExportWorkerPool pool(engine.exportServices(), workers, config.exportWorkerIntervalMs);
    osc::app::ShutdownSignals shutdownSignals;
    QObject::connect(&shutdownSignals, &osc::app::ShutdownSignals::shutdownRequested, qApp,
        [](int) { QCoreApplication::quit(); });
    pool.start();
    err << "open-spanner-console: export worker (" << workers << (workers == 1 ? " thread" : " threads")
        << ")\n  database: " << QDir::toNativeSeparators(config.databasePath)
        << "\n  exports:  " << QDir::toNativeSeparators(config.exportDir) << '\n';
    err.flush();
    const int code = QCoreApplication::exec();
    pool.stop();
    err << "open-spanner-console: export worker stopped\n";
    return code;
}

int serve(osc::app::Invocation &invocation, osc::Engine &engine, bool gui)
{
    QTextStream err(stderr);
    const osc::app::AppConfig &config = invocation.config;

    // Before any server answers: a SIGTERM sent as soon as /health answers (scripts, tests) must find
    // the handler installed, not kill the process with the default action while gRPC still starts. A
    // signal that arrives before exec() waits in the socket pair and quits the loop at once.
    osc::app::ShutdownSignals shutdownSignals;
    QObject::connect(&shutdownSignals, &osc::app::ShutdownSignals::shutdownRequested, qApp,
        [](int) { QCoreApplication::quit(); });

    osc::http::HttpServer server(engine);
    osc::http::HttpServer::Options options;
    static_cast<osc::http::TransportLimits &>(options) = config.httpLimits;
    options.address = config.listenAddress;
    options.port = config.listenPort;
    if (gui)
        applyWindowPreferences(config, options);
    if (config.maxBodyBytes > 0)
        options.maxBodyBytes = config.maxBodyBytes;
    auto bound = server.start(options);
    if (!bound) {
        err << "open-spanner-console: " << bound.error().message << '\n';
        if (!gui)
            return 1;
        err.flush();
    } else {
        err << "Open Spanner Console " << OPEN_SPANNER_VERSION << " serving on http://"
            << server.listenAddress() << (gui ? "" : " (headless)")
            << "\n  database: " << QDir::toNativeSeparators(config.databasePath)
            << "\n  exports:  " << QDir::toNativeSeparators(config.exportDir) << '\n';
        err.flush();
    }

    // gRPC starts and stops with REST (it is not started when REST failed to bind).
    osc::rpc::GrpcServer grpc(engine);
    osc::rpc::GrpcServer::Options grpcOptions;
    grpcOptions.host = config.grpcAddress.toString();
    grpcOptions.port = config.grpcPort;
    if (bound && config.grpcEnabled) {
        if (auto grpcBound = grpc.start(grpcOptions); grpcBound) {
            err << "  gRPC:     " << grpc.listenAddress() << " (h2c)\n";
        } else if (config.grpcAddressExplicit && !gui) {
            err << "open-spanner-console: " << grpcBound.error().message << '\n';
            server.stop();
            return 1;
        } else {
            err << "  gRPC:     off (" << grpcBound.error().message << ")\n";
        }
    } else if (bound) {
        err << "  gRPC:     off\n";
    }
    err.flush();

    std::unique_ptr<osc::app::RetentionScheduler> retention;
    if (config.retentionPruneEnabled) {
        retention = std::make_unique<osc::app::RetentionScheduler>(
            engine, config.retentionPruneIntervalMs, config.retentionPruneTimeoutMs);
        retention->start();
    }

    std::unique_ptr<osc::ExportWorkerPool> exportWorkers;
    if (config.exportWorkerCount > 0) {
        exportWorkers = std::make_unique<osc::ExportWorkerPool>(
            engine.exportServices(), config.exportWorkerCount, config.exportWorkerIntervalMs);
        exportWorkers->start();
    }

    // Entitlement states, events and period snapshots (contract §10.7) follow ingestion in-process.
    osc::EntitlementWorker entitlementWorker(engine.entitlements());
    entitlementWorker.start();
    std::unique_ptr<osc::app::AlertWorkerThread> alertWorker;
    if (config.alertWorkerEnabled) {
        alertWorker
            = std::make_unique<osc::app::AlertWorkerThread>(engine.alerts(), config.alertWorkerIntervalMs);
        alertWorker->start();
    }

    std::unique_ptr<ConsoleWindow> window;
    if (gui)
        window = std::make_unique<ConsoleWindow>(
            engine, server, grpc, config.grpcEnabled ? std::optional(grpcOptions) : std::nullopt, config);
    const int code = QCoreApplication::exec();
    window.reset();
    retention.reset();
    exportWorkers.reset(); // a job in progress goes back to the queue
    entitlementWorker.stop(); // queued jobs stay in the store for the next start
    alertWorker.reset(); // deliveries in flight are retried after their lease
    grpc.stop(); // lets calls in flight commit, cancels idle streams
    server.stop(); // waits for the in-flight request; the engine (and the database) closes after this
    err << "open-spanner-console: stopped\n";
    return code;
}

} // namespace

int main(int argc, char **argv)
{
    // Everything this process creates — database, WAL, exports, the folders that hold them — is for its
    // owner only; the engine also tightens files an earlier version left readable (core/PrivateFiles.h).
    ::umask(077);
    // Without a window built in, --headless is the only mode there is (and accepted as a no-op).
    const bool core = !kWindowBuilt || osc::app::wantsCoreApplication(argc, argv);
    std::unique_ptr<QCoreApplication> app = createApplication(argc, argv, core);
    QCoreApplication::setApplicationName(QStringLiteral("open-spanner-console"));
    QCoreApplication::setOrganizationName(QStringLiteral("OpenSpanner"));
    QCoreApplication::setApplicationVersion(QStringLiteral(OPEN_SPANNER_VERSION));

    QTextStream out(stdout);
    QTextStream err(stderr);
    auto invocation = osc::app::parseInvocation(QCoreApplication::arguments(), processEnvironment());
    if (!invocation) {
        err << "open-spanner-console: " << oneLine(invocation.error().message) << "\n(see --help)\n";
        return 2;
    }
    switch (invocation->command) {
    case osc::app::Invocation::Command::Help:
        out << invocation->helpText;
        if (!kWindowBuilt)
            out << "\nThis build has no window (built with -DOSC_GUI=OFF): it always serves headless.\n";
        return 0;
    case osc::app::Invocation::Command::Version:
        out << "open-spanner-console " << OPEN_SPANNER_VERSION << '\n';
        return 0;
    default:
        break;
    }

    const osc::app::AppConfig &config = invocation->config;
    if (!kWindowBuilt && !config.screenshotPath.isEmpty()) {
        err << "open-spanner-console: --screenshot needs the window, and this build has none (built with "
               "-DOSC_GUI=OFF)\n";
        return 2;
    }
    auto engine = osc::Engine::open({config.databasePath, config.fullSync});
    if (!engine) {
        err << "open-spanner-console: cannot open the database " << config.databasePath << ": "
            << oneLine(engine.error().message) << '\n';
        return 1;
    }
    if (!config.bootstrapApiKey.isEmpty()) {
        auto key = engine.value()->apiKeys().registerBootstrapKey(
            engine.value()->defaultWorkspaceId(), config.bootstrapApiKey);
        if (!key) {
            err << "open-spanner-console: OPEN_SPANNER_BOOTSTRAP_API_KEY: " << oneLine(key.error().message)
                << '\n';
            return 2;
        }
    }

    engine.value()->setInputLimits(config.inputLimits);
    engine.value()->exports().configure(exportSettings(config));
    engine.value()->usageReports().rateLimiter().setRequestsPerMinute(config.usageExportRateLimit);
    osc::WebhookSettings webhooks;
    webhooks.timeoutMs = config.webhookTimeoutMs;
    webhooks.maxAttempts = config.webhookMaxAttempts;
    engine.value()->alerts().deliveries().configure(webhooks);
    osc::AccountService::Settings accountSettings;
    accountSettings.registrationOverride = config.registrationEnabled;
    engine.value()->accounts().configure(accountSettings);
    if (invocation->command == osc::app::Invocation::Command::ExportWorker)
        return runExportWorker(config, *engine.value());
    if (invocation->command == osc::app::Invocation::Command::Keys)
        return osc::app::runKeysCommand(*engine.value(), invocation->commandArgs);
    if (invocation->command == osc::app::Invocation::Command::Demo)
        return osc::app::runDemoCommand(*engine.value(), invocation->commandArgs);
    return serve(invocation.value(), *engine.value(), !core && !config.headless);
}
