#pragma once

#include "ui/server/ServerControl.h"

#include <QWidget>

#include <optional>
#include <utility>

class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableView;
class QTimer;
class QVBoxLayout;

namespace osc {
class Engine;
}

namespace osc::ui {

class GrpcPanel;
class InlineErrorLabel;
class Sparkline;
class TrafficSampler;
class PageHeader;
class RequestLogModel;

// State and control of the embedded REST server: where it listens, how many requests it answered, the
// latest requests, requests/s and events/s over the last minute, Start/Stop, and a curl line to check it
// from a terminal.
class ServerPage : public QWidget
{
    Q_OBJECT

public:
    // `server` must outlive the page.
    ServerPage(ServerControl &server, osc::Engine &engine, QWidget *parent = nullptr);

    RequestLogModel *requestLog() const { return m_log; }
    TrafficSampler *trafficSampler() const { return m_sampler; }
    Sparkline *requestsSparkline() const { return m_requestsChart; }
    Sparkline *eventsSparkline() const { return m_eventsChart; }
    // Where Start listens: the address and port as edited on this page.
    ListenSettings options() const;
    QString curlCommand() const;
    QString errorText() const;
    // The gRPC listener below the REST one, while the server has one (else null).
    GrpcPanel *grpcPanel() const { return m_grpcPanel; }

public Q_SLOTS:
    // Both call the server on the GUI thread; binding and stopping take milliseconds.
    void startServer();
    void stopServer();
    void copyCurlCommand();
    // The address chosen in Settings: shown in the address fields now if the server is stopped, else as
    // soon as it stops, so the next Start uses it.
    void setPlannedAddress(const QHostAddress &address, quint16 port);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateHeader();
    void onTrafficSampled(double requestsPerSecond, double eventsPerSecond);
    void onRollupLagSampled(qint64 events, double seconds);
    void onRequestServed(const osc::ui::ServedRequest &request);
    void flushPendingRequests();
    void updateState();
    void rebuildGrpcPanel();

    ServerControl &m_server;
    ListenSettings m_options; // what the last Start used; the host when the field is not an address
    RequestLogModel *m_log = nullptr;
    std::optional<std::pair<QHostAddress, quint16>> m_plannedAddress;
    QList<ServedRequest> m_pending; // batched so a request flood repaints a few times a second
    QTimer *m_flushTimer = nullptr;

    PageHeader *m_header = nullptr;
    InlineErrorLabel *m_error = nullptr;
    QPushButton *m_startButton = nullptr;
    QPushButton *m_stopButton = nullptr;
    QLabel *m_stateLabel = nullptr;
    QLineEdit *m_host = nullptr;
    QSpinBox *m_port = nullptr;
    QLabel *m_requestsServed = nullptr;
    QLineEdit *m_curl = nullptr;
    QLabel *m_copiedNote = nullptr;
    QTableView *m_table = nullptr;
    TrafficSampler *m_sampler = nullptr;
    Sparkline *m_requestsChart = nullptr;
    Sparkline *m_eventsChart = nullptr;
    QLabel *m_requestsRate = nullptr;
    QLabel *m_eventsRate = nullptr;
    QLabel *m_rollupLag = nullptr;
    QVBoxLayout *m_layout = nullptr;
    GrpcPanel *m_grpcPanel = nullptr;
};

} // namespace osc::ui
