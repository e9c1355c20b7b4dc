#pragma once

#include <QObject>

class QSocketNotifier;

namespace osc::app {

// Turns SIGINT and SIGTERM into a Qt signal on the main thread (self-pipe), so shutdown runs through
// the event loop: the server thread finishes its in-flight request, then the database closes.
class ShutdownSignals : public QObject
{
    Q_OBJECT

public:
    explicit ShutdownSignals(QObject *parent = nullptr);
    ~ShutdownSignals() override;

Q_SIGNALS:
    void shutdownRequested(int signalNumber);

private:
    static void handle(int signalNumber);
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace osc::app
