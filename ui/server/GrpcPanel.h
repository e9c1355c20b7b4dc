#pragma once

#include "GrpcServer.h"

#include <QElapsedTimer>
#include <QGroupBox>

#include <optional>

class QLabel;
class QTimer;

namespace osc::ui {

// The gRPC listener on the Server page: its address and state, and per method the calls and events
// received so far and their rates over the last second. Reads GrpcServer's lock-free counters once a
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

    explicit GrpcPanel(osc::rpc::GrpcServer &server, QWidget *parent = nullptr);

    QString stateText() const;
    QString cellText(osc::rpc::GrpcStats::Method method, Column column) const;

public Q_SLOTS:
    // Reads the counters now (the timer calls this every second); rates need two readings.
    void refresh();

private:
    osc::rpc::GrpcServer &m_server;
    QLabel *m_state = nullptr;
    QLabel *m_cells[osc::rpc::GrpcStats::kMethodCount][ColumnCount] = {};
    QTimer *m_timer = nullptr;
    QElapsedTimer m_clock;
    std::optional<osc::rpc::GrpcStats::Snapshot> m_previous;
    qint64 m_previousAtMs = 0;
};

} // namespace osc::ui
