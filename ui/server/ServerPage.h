#pragma once

#include "HttpServer.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableView;
class QTimer;

namespace osc::ui {

class InlineErrorLabel;
class PageHeader;
class RequestLogModel;

// State and control of the embedded REST server: where it listens, how many requests it answered, the
// latest requests, Start/Stop, and a curl line to check it from a terminal.
class ServerPage : public QWidget
{
    Q_OBJECT

public:
    explicit ServerPage(osc::http::HttpServer &server, QWidget *parent = nullptr);

    RequestLogModel *requestLog() const { return m_log; }
    // The options Start uses: those the server was started with, as edited on this page.
    osc::http::HttpServer::Options options() const;
    QString curlCommand() const;
    QString errorText() const;

public Q_SLOTS:
    // Both call the server on the GUI thread; binding and stopping take milliseconds.
    void startServer();
    void stopServer();
    void copyCurlCommand();

private:
    void onRequestServed(const osc::http::RequestLogEntry &entry);
    void flushPendingRequests();
    void updateState();

    osc::http::HttpServer &m_server;
    osc::http::HttpServer::Options m_options;
    RequestLogModel *m_log = nullptr;
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
};

} // namespace osc::ui
