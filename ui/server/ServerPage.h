#pragma once

#include "GrpcServer.h"
#include "HttpServer.h"

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
    ServerPage(osc::http::HttpServer &server, osc::Engine &engine, QWidget *parent = nullptr);

    RequestLogModel *requestLog() const { return m_log; }
    TrafficSampler *trafficSampler() const { return m_sampler; }
    Sparkline *requestsSparkline() const { return m_requestsChart; }
    Sparkline *eventsSparkline() const { return m_eventsChart; }
    // The options Start uses: those the server was started with, as edited on this page.
    osc::http::HttpServer::Options options() const;
    QString curlCommand() const;
    QString errorText() const;
    // The gRPC listener shown below the REST one and stopped with it (null: none). Start brings it back on
    // `startWith` (its own options by default), or leaves it stopped when that is nullopt (gRPC `off`).
    void setGrpcServer(osc::rpc::GrpcServer *server, std::optional<osc::rpc::GrpcServer::Options> startWith);
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
    void onRequestServed(const osc::http::RequestLogEntry &entry);
    void flushPendingRequests();
    void updateState();

    osc::http::HttpServer &m_server;
    osc::http::HttpServer::Options m_options;
    RequestLogModel *m_log = nullptr;
    std::optional<std::pair<QHostAddress, quint16>> m_plannedAddress;
    QList<osc::http::RequestLogEntry> m_pending; // batched so a request flood repaints a few times a second
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
    QVBoxLayout *m_layout = nullptr;
    osc::rpc::GrpcServer *m_grpc = nullptr;
    std::optional<osc::rpc::GrpcServer::Options> m_grpcOptions; // what Start starts gRPC with
    GrpcPanel *m_grpcPanel = nullptr;
};

} // namespace osc::ui
