#include "ShutdownSignals.h"

#include <QSocketNotifier>

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

namespace osc::app {

namespace {
int g_pipe[2] = {-1, -1};
}

ShutdownSignals::ShutdownSignals(QObject *parent)
    : QObject(parent)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_pipe) != 0)
        return;
    m_notifier = new QSocketNotifier(g_pipe[1], QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, [this] {
        int signalNumber = 0;
        if (::read(g_pipe[1], &signalNumber, sizeof signalNumber) > 0)
            Q_EMIT shutdownRequested(signalNumber);
    });
    struct sigaction action = {};
    action.sa_handler = &ShutdownSignals::handle;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
}

ShutdownSignals::~ShutdownSignals()
{
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
}

void ShutdownSignals::handle(int signalNumber)
{
    // Only async-signal-safe work here.
    [[maybe_unused]] const auto written = ::write(g_pipe[0], &signalNumber, sizeof signalNumber);
}

} // namespace osc::app
