#pragma once

#include "ui/server/ServerControl.h"

#include <QElapsedTimer>
#include <QGroupBox>
#include <QList>

#include <optional>

class QLabel;
class QTimer;

namespace osc::ui {

// The gRPC listener on the Server page: its address and state, and per method the calls and events
// received so far and their rates over the last second. Polls the server's lock-free counters once a
// second on the GUI thread (a few atomic loads), so no signal crosses from gRPC's threads.
class GrpcPanel : public QGroupBox
{
    Q_OBJECT

public:
    enum Column
    {
        CallsColumn,
        CallsRateColumn,
        EventsColumn,
        EventsRateColumn,
        ColumnCount
    };

    explicit GrpcPanel(ServerControl &server, QWidget *parent = nullptr);

    QString stateText() const;
    // The cell of `method` ("CreateUsage"); empty when the server has no such method.
    QString cellText(const QString &method, Column column) const;

public Q_SLOTS:
    // Reads the counters now (the timer calls this every second); rates need two readings.
    void refresh();

private:
    struct Row
    {
        QString method;
        QLabel *cells[ColumnCount] = {};
    };

    ServerControl &m_server;
    QLabel *m_state = nullptr;
    QList<Row> m_rows; // the server's methods, in the order it reports them
    QTimer *m_timer = nullptr;
    QElapsedTimer m_clock;
    std::optional<QList<GrpcMethodCounters>> m_previous;
    qint64 m_previousAtMs = 0;
};

} // namespace osc::ui
