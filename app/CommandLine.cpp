#include "CommandLine.h"

#include "HttpLimitSettings.h"

#include <QCommandLineParser>
#include <QDir>

#include <cstring>

namespace osc::app {

bool wantsCoreApplication(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        const char *arg = argv[i];
        if (!std::strcmp(arg, "--headless") || !std::strcmp(arg, "--help") || !std::strcmp(arg, "-h")
            || !std::strcmp(arg, "--version") || !std::strcmp(arg, "-v") || !std::strcmp(arg, "keys")
            || !std::strcmp(arg, "demo") || !std::strcmp(arg, "--export-worker"))
            return true;
    }
    const bool hasDisplay
        = qEnvironmentVariableIsSet("DISPLAY") || qEnvironmentVariableIsSet("WAYLAND_DISPLAY");
    const bool platformChosen = qEnvironmentVariableIsSet("QT_QPA_PLATFORM");
    return !hasDisplay && !platformChosen;
}

Result<Invocation> parseInvocation(const QStringList &arguments, const QHash<QString, QString> &environment)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Open Spanner Console: a desktop admin console and a wire-compatible Open Spanner metering "
        "server.\n\n"
        "Commands:\n"
        "  (none)                      start the console (headless when there is no display)\n"
        "  --export-worker             run only the export worker loop (queued exports) on the same\n"
        "                              database and export folder as a server\n"
        "  keys create --name N [--scopes a,b] [--allowed-meters m1,m2] [--expires-at RFC3339]\n"
        "              [--rate-limit R] [--burst B]\n"
        "                              create an API key and print it once\n"
        "  keys list                   list API keys (never the secrets)\n"
        "  keys revoke ID              revoke a key; it stops working at once\n"
        "  keys rate-limit ID --rate-limit R [--burst B]\n"
        "                              R requests per minute for the key (0 = unlimited), B at once\n"
        "  keys ... --workspace W      act on workspace W (id or name) instead of the default one\n"
        "  demo --events N [--days D] [--subjects S] [--meter NAME]\n"
        "                              create the seven use-case meters and write N sample events"));
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help(
        {QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help."));
    const QCommandLineOption version(
        {QStringLiteral("v"), QStringLiteral("version")}, QStringLiteral("Show the version."));
    const QCommandLineOption headless(
        QStringLiteral("headless"), QStringLiteral("Serve the REST API without a window."));
    const QCommandLineOption exportWorker(QStringLiteral("export-worker"),
        QStringLiteral("Run the export worker loop only (no REST server, no window)."));
    const QCommandLineOption listen(QStringLiteral("listen"),
        QStringLiteral("Listen address (env OPEN_SPANNER_HTTP_ADDR; default 127.0.0.1:18081)."),
        QStringLiteral("host:port"));
    const QCommandLineOption grpcListen(QStringLiteral("grpc-listen"),
        QStringLiteral("gRPC listen address, or off (env OPEN_SPANNER_GRPC_ADDR; default 127.0.0.1:18090)."),
        QStringLiteral("host:port|off"));
    const QCommandLineOption dataDir(QStringLiteral("data-dir"),
        QStringLiteral("Data folder (env OPEN_SPANNER_DATA_DIR)."), QStringLiteral("dir"));
    const QCommandLineOption database(QStringLiteral("db"),
        QStringLiteral(
            "SQLite database file (env OPEN_SPANNER_SQLITE_PATH; default <data-dir>/open-spanner.db)."),
        QStringLiteral("path"));
    const QCommandLineOption exportDir(QStringLiteral("export-dir"),
        QStringLiteral(
            "Export artifact folder (env OPEN_SPANNER_EXPORT_STORAGE_PATH; default <data-dir>/exports)."),
        QStringLiteral("dir"));
    const QCommandLineOption maxBody(QStringLiteral("max-body-bytes"),
        QStringLiteral("Largest accepted request body (env OPEN_SPANNER_MAX_BODY_BYTES; default 16 MiB)."),
        QStringLiteral("bytes"));
    const QCommandLineOption sync(QStringLiteral("sqlite-sync"),
        QStringLiteral(
            "full (default: commits survive power loss) or normal (env OPEN_SPANNER_SQLITE_SYNCHRONOUS)."),
        QStringLiteral("mode"));
    const QCommandLineOption registration(QStringLiteral("registration"),
        QStringLiteral("true or false: whether anyone may create a dashboard account with POST "
                       "/v1/auth/users (env OPEN_SPANNER_REGISTRATION; default: the stored setting, open)."),
        QStringLiteral("bool"));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
        QStringLiteral("Open the window, save a PNG of it to <file> and quit."), QStringLiteral("file"));
    const QCommandLineOption name(
        QStringLiteral("name"), QStringLiteral("keys create: key name."), QStringLiteral("name"));
    const QCommandLineOption scopes(QStringLiteral("scopes"),
        QStringLiteral("keys create: comma-separated scopes."), QStringLiteral("list"));
    const QCommandLineOption allowedMeters(QStringLiteral("allowed-meters"),
        QStringLiteral("keys create: comma-separated meter names."), QStringLiteral("list"));
    const QCommandLineOption expiresAt(QStringLiteral("expires-at"),
        QStringLiteral("keys create: RFC 3339 expiry."), QStringLiteral("time"));
    const QCommandLineOption rateLimit(QStringLiteral("rate-limit"),
        QStringLiteral("keys create / rate-limit: requests per minute (token bucket; 0 = unlimited)."),
        QStringLiteral("n"));
    const QCommandLineOption burst(QStringLiteral("burst"),
        QStringLiteral("keys create / rate-limit: requests at once (default: the rate)."),
        QStringLiteral("n"));
    const QCommandLineOption workspace(QStringLiteral("workspace"),
        QStringLiteral(
            "keys: the workspace (id or name) to act on; default: the console's default workspace."),
        QStringLiteral("id|name"));
    const QCommandLineOption events(QStringLiteral("events"),
        QStringLiteral("demo: number of events (default 10000)."), QStringLiteral("n"));
    const QCommandLineOption days(QStringLiteral("days"),
        QStringLiteral("demo: spread events over the last D days (default 30)."), QStringLiteral("d"));
    const QCommandLineOption subjects(QStringLiteral("subjects"),
        QStringLiteral("demo: number of subjects (default 50)."), QStringLiteral("n"));
    const QCommandLineOption demoMeter(QStringLiteral("meter"),
        QStringLiteral("demo: write every event to this one of the seven demo meters (benchmarks)."),
        QStringLiteral("name"));
    parser.addOptions({help, version, headless, exportWorker, listen, grpcListen, dataDir, database,
        exportDir, maxBody, sync, registration, screenshot, name, scopes, allowedMeters, expiresAt, rateLimit,
        burst, workspace, events, days, subjects, demoMeter});
    QList<QCommandLineOption> httpLimitOptions;
    for (const HttpLimitSetting &setting : httpLimitSettings()) {
        httpLimitOptions.append(QCommandLineOption(QString::fromLatin1(setting.flagName),
            QStringLiteral("%1 (env %2)")
                .arg(QLatin1StringView(setting.description), QLatin1StringView(setting.environmentName)),
            setting.kind == HttpLimitSetting::Kind::Duration ? QStringLiteral("duration")
                                                             : QStringLiteral("n")));
    }
    parser.addOptions(httpLimitOptions);
    parser.addPositionalArgument(
        QStringLiteral("command"), QStringLiteral("Optional: keys create|list|revoke|rate-limit."));

    if (!parser.parse(arguments))
        return Error::invalidInput(parser.errorText());

    Invocation invocation;
    invocation.helpText = parser.helpText();
    if (parser.isSet(help)) {
        invocation.command = Invocation::Command::Help;
        return invocation;
    }
    if (parser.isSet(version)) {
        invocation.command = Invocation::Command::Version;
        return invocation;
    }

    AppConfig &config = invocation.config;
    if (auto s = applyEnvironment(config, environment); !s)
        return s.error();
    if (parser.isSet(listen)) {
        auto parsed = parseListenAddress(parser.value(listen));
        if (!parsed)
            return parsed.error();
        config.listenAddress = parsed->first;
        config.listenPort = parsed->second;
        config.listenAddressExplicit = true;
    }
    if (parser.isSet(grpcListen))
        if (auto s = applyGrpcListen(config, parser.value(grpcListen)); !s)
            return s.error();
    if (parser.isSet(dataDir))
        config.dataDir = parser.value(dataDir);
    if (parser.isSet(database))
        config.databasePath = parser.value(database);
    if (parser.isSet(exportDir))
        config.exportDir = parser.value(exportDir);
    if (parser.isSet(maxBody)) {
        bool ok = false;
        config.maxBodyBytes = parser.value(maxBody).toLongLong(&ok);
        if (!ok || config.maxBodyBytes <= 0)
            return Error::invalidInput(QStringLiteral("--max-body-bytes must be a positive integer"));
    }
    for (qsizetype i = 0; i < httpLimitOptions.size(); ++i) {
        if (!parser.isSet(httpLimitOptions[i]))
            continue;
        const HttpLimitSetting &setting = httpLimitSettings()[i];
        if (auto s = applyHttpLimit(setting, parser.value(httpLimitOptions[i]),
                QStringLiteral("--") + QLatin1StringView(setting.flagName), config.httpLimits);
            !s)
            return s.error();
    }
    if (parser.isSet(sync)) {
        const QString mode = parser.value(sync).toLower();
        if (mode != QLatin1StringView("full") && mode != QLatin1StringView("normal"))
            return Error::invalidInput(QStringLiteral("--sqlite-sync must be full or normal"));
        config.fullSync = mode == QLatin1StringView("full");
    }
    if (parser.isSet(registration)) {
        const auto parsed = parseGoBool(parser.value(registration));
        if (!parsed)
            return Error::invalidInput(QStringLiteral("--registration must be true or false"));
        config.registrationEnabled = *parsed;
    }
    config.screenshotPath = parser.value(screenshot);
    config.headless = parser.isSet(headless);
    if (parser.isSet(exportWorker))
        invocation.command = Invocation::Command::ExportWorker;

    if (config.dataDir.isEmpty())
        config.dataDir = defaultDataDir();
    if (config.databasePath.isEmpty())
        config.databasePath = QDir(config.dataDir).filePath(QStringLiteral("open-spanner.db"));
    if (config.exportDir.isEmpty())
        config.exportDir = QDir(config.dataDir).filePath(QStringLiteral("exports"));

    const QStringList positional = parser.positionalArguments();
    if (!positional.isEmpty()) {
        if (positional.first() == QLatin1StringView("demo")) {
            invocation.command = Invocation::Command::Demo;
            for (const auto &[option, key] : {std::pair{&events, "events"}, std::pair{&days, "days"},
                     std::pair{&subjects, "subjects"}, std::pair{&demoMeter, "meter"}})
                if (parser.isSet(*option))
                    invocation.commandArgs
                        << QStringLiteral("--%1=%2").arg(QLatin1StringView(key), parser.value(*option));
            return invocation;
        }
        if (positional.first() != QLatin1StringView("keys"))
            return Error::invalidInput(
                QStringLiteral("unknown command \"%1\" (see --help)").arg(positional.first()));
        invocation.command = Invocation::Command::Keys;
        invocation.commandArgs = positional.mid(1);
        if (parser.isSet(name))
            invocation.commandArgs << QStringLiteral("--name=") + parser.value(name);
        if (parser.isSet(scopes))
            invocation.commandArgs << QStringLiteral("--scopes=") + parser.value(scopes);
        if (parser.isSet(allowedMeters))
            invocation.commandArgs << QStringLiteral("--allowed-meters=") + parser.value(allowedMeters);
        if (parser.isSet(expiresAt))
            invocation.commandArgs << QStringLiteral("--expires-at=") + parser.value(expiresAt);
        if (parser.isSet(rateLimit))
            invocation.commandArgs << QStringLiteral("--rate-limit=") + parser.value(rateLimit);
        if (parser.isSet(burst))
            invocation.commandArgs << QStringLiteral("--burst=") + parser.value(burst);
        if (parser.isSet(workspace))
            invocation.commandArgs << QStringLiteral("--workspace=") + parser.value(workspace);
    }
    return invocation;
}

} // namespace osc::app
