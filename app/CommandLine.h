#pragma once

#include "AppConfig.h"

#include <QStringList>

namespace osc::app {

// What the process was asked to do.
struct Invocation
{
    enum class Command
    {
        Serve,
        ExportWorker, // --export-worker: only the export worker loop, no HTTP server
        Keys,
        Demo,
        Help,
        Version
    };
    Command command = Command::Serve;
    QStringList commandArgs; // for `keys …` and `demo …`
    AppConfig config;
    QString helpText;
};

// True when the process must not create a QApplication: --headless, --export-worker, a CLI
// subcommand, --help, --version, or no display to show a window on. Decided from argv and the environment
// before any QObject exists.
bool wantsCoreApplication(int argc, char **argv);

// Parses flags on top of defaults and OPEN_SPANNER_* variables. Errors are for stderr (exit code 2).
Result<Invocation> parseInvocation(const QStringList &arguments, const QHash<QString, QString> &environment);

} // namespace osc::app
