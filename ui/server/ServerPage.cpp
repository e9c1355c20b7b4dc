#include "ui/server/ServerPage.h"

#include "ui/common/DisplayFormat.h"
#include "ui/common/InlineErrorLabel.h"
#include "ui/common/PageHeader.h"
#include "ui/common/Sparkline.h"
#include "ui/server/GrpcPanel.h"
#include "ui/server/RequestLogModel.h"
#include "ui/server/TrafficSampler.h"

#include <QClipboard>
#include <QEvent>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace osc::ui {

namespace {

constexpr int kFlushIntervalMs = 150;
constexpr int kTrafficSeconds = 60;

// "12.5" below ten (a trickle is worth a decimal), whole numbers above.
QString formatRate(double perSecond)
{
    return perSecond < 10.0 ? QLocale().toString(perSecond, 'f', 1) : QLocale().toString(qRound64(perSecond));
}

// ServerControl::listenAddress() is "host:port" with IPv6 hosts in brackets.
std::optional<ListenSettings> parseListenAddress(const QString &text)
{
    const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
    if (colon <= 0)
        return std::nullopt;
    QString host = text.left(colon);
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    bool portOk = false;
    const uint port = text.mid(colon + 1).toUInt(&portOk);
    QHostAddress address;
    if (!portOk || port > 65535 || !address.setAddress(host))
        return std::nullopt;
    return ListenSettings{address, quint16(port)};
}

// Where a local client should connect: a wildcard bind is reached through loopback.
QString clientAddress(const QHostAddress &address, quint16 port)
{
    QHostAddress target = address;
    if (address == QHostAddress::AnyIPv4 || address == QHostAddress::Any)
        target = QHostAddress::LocalHost;
    else if (address == QHostAddress::AnyIPv6)
        target = QHostAddress::LocalHostIPv6;
    const QString host = target.protocol() == QAbstractSocket::IPv6Protocol
        ? QStringLiteral("[%1]").arg(target.toString())
        : target.toString();
    return QStringLiteral("%1:%2").arg(host).arg(port);
}

} // namespace

ServerPage::ServerPage(ServerControl &server, Engine &engine, QWidget *parent)
    : QWidget(parent)
    , m_server(server)
    , m_options(server.listenSettings()) // the bound port, also when started with port 0
{
    m_log = new RequestLogModel(RequestLogModel::kDefaultCapacity, this);
    m_flushTimer = new QTimer(this);
    m_flushTimer->setSingleShot(true);
    m_flushTimer->setInterval(kFlushIntervalMs);

    m_header = new PageHeader(QString(), QString(), this);
    retranslateHeader();
    m_startButton = new QPushButton(style()->standardIcon(QStyle::SP_MediaPlay), tr("Start"), this);
    m_startButton->setObjectName(QStringLiteral("startServerButton"));
    m_stopButton = new QPushButton(style()->standardIcon(QStyle::SP_MediaStop), tr("Stop"), this);
    m_stopButton->setObjectName(QStringLiteral("stopServerButton"));
    m_header->addTrailingWidget(m_startButton);
    m_header->addTrailingWidget(m_stopButton);

    m_error = new InlineErrorLabel(this);
    m_error->setObjectName(QStringLiteral("serverError"));

    m_stateLabel = new QLabel(this);
    m_stateLabel->setObjectName(QStringLiteral("serverStateLabel"));
    m_stateLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_host = new QLineEdit(m_options.address.toString(), this);
    m_host->setObjectName(QStringLiteral("serverHost"));
    m_host->setToolTip(tr("IP address to listen on; 127.0.0.1 keeps the API local to this machine"));
    m_port = new QSpinBox(this);
    m_port->setObjectName(QStringLiteral("serverPort"));
    m_port->setRange(0, 65535);
    m_port->setSpecialValueText(tr("any free port"));
    m_port->setValue(m_options.port);
    auto *addressRow = new QHBoxLayout;
    m_host->setMaximumWidth(260);
    m_port->setMinimumWidth(110);
    addressRow->addWidget(m_host, 1);
    addressRow->addWidget(new QLabel(tr("port"), this));
    addressRow->addWidget(m_port);
    addressRow->addStretch(1);

    m_requestsServed = new QLabel(this);
    m_requestsServed->setObjectName(QStringLiteral("requestsServedLabel"));

    m_curl = new QLineEdit(this);
    m_curl->setObjectName(QStringLiteral("curlCommand"));
    m_curl->setReadOnly(true);
    m_curl->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    auto *copyButton = new QPushButton(tr("Copy"), this);
    copyButton->setObjectName(QStringLiteral("copyCurlButton"));
    m_copiedNote = new QLabel(this);
    PageHeader::makeMuted(m_copiedNote);
    auto *curlRow = new QHBoxLayout;
    curlRow->addWidget(m_curl, 1);
    curlRow->addWidget(copyButton);
    curlRow->addWidget(m_copiedNote);

    auto *listenerBox = new QGroupBox(tr("Listener"), this);
    auto *form = new QFormLayout(listenerBox);
    form->addRow(tr("State:"), m_stateLabel);
    form->addRow(tr("Listen on:"), addressRow);
    form->addRow(tr("Requests served:"), m_requestsServed);
    form->addRow(tr("Try it:"), curlRow);

    m_requestsChart = new Sparkline(kTrafficSeconds, this);
    m_requestsChart->setObjectName(QStringLiteral("requestsSparkline"));
    m_eventsChart = new Sparkline(kTrafficSeconds, this);
    m_eventsChart->setObjectName(QStringLiteral("eventsSparkline"));
    m_eventsChart->setColor(QColor(0x2e, 0x9d, 0x4f));
    m_requestsRate = new QLabel(this);
    m_requestsRate->setObjectName(QStringLiteral("requestsRateLabel"));
    m_eventsRate = new QLabel(this);
    m_eventsRate->setObjectName(QStringLiteral("eventsRateLabel"));
    auto *trafficBox = new QGroupBox(tr("Traffic, last 60 seconds"), this);
    auto *traffic = new QGridLayout(trafficBox);
    traffic->setHorizontalSpacing(10);
    traffic->addWidget(new QLabel(tr("Requests/s:"), this), 0, 0);
    traffic->addWidget(m_requestsRate, 0, 1);
    traffic->addWidget(m_requestsChart, 0, 2);
    traffic->addWidget(new QLabel(tr("Events stored/s:"), this), 0, 3);
    traffic->addWidget(m_eventsRate, 0, 4);
    traffic->addWidget(m_eventsChart, 0, 5);
    m_rollupLag = new QLabel(this);
    m_rollupLag->setObjectName(QStringLiteral("rollupLagLabel"));
    m_rollupLag->setToolTip(tr("Pre-aggregated usage is updated in the background. Queries stay exact "
                               "meanwhile: they read the newest events directly."));
    traffic->addWidget(new QLabel(tr("Rollups:"), this), 1, 0);
    traffic->addWidget(m_rollupLag, 1, 1, 1, 5);
    traffic->setColumnStretch(2, 1);
    traffic->setColumnStretch(5, 1);
    // Wide enough for "12,345" so the sparklines do not jump as rates change.
    const int rateWidth = m_requestsRate->fontMetrics().horizontalAdvance(QStringLiteral("000,000")) + 4;
    m_requestsRate->setMinimumWidth(rateWidth);
    m_eventsRate->setMinimumWidth(rateWidth);
    m_requestsRate->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_eventsRate->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_requestsRate->setText(formatRate(0));
    m_eventsRate->setText(formatRate(0));

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("recentRequestsTable"));
    m_table->setModel(m_log);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setShowGrid(false);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->setVisible(false);
    m_table->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_table->horizontalHeader()->setSectionResizeMode(RequestLogModel::PathColumn, QHeaderView::Stretch);
    m_table->setColumnWidth(RequestLogModel::TimeColumn, 110);
    m_table->setColumnWidth(RequestLogModel::MethodColumn, 80);
    m_table->setColumnWidth(RequestLogModel::StatusColumn, 70);
    m_table->setColumnWidth(RequestLogModel::DurationColumn, 100);
    auto *clearButton = new QPushButton(tr("Clear"), this);
    clearButton->setObjectName(QStringLiteral("clearRequestsButton"));
    auto *requestsTitle = new QLabel(tr("Recent requests (last %1)").arg(m_log->capacity()), this);
    QFont titleFont = requestsTitle->font();
    titleFont.setBold(true);
    requestsTitle->setFont(titleFont);
    auto *requestsHeader = new QHBoxLayout;
    requestsHeader->addWidget(requestsTitle, 1);
    requestsHeader->addWidget(clearButton);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_header);
    layout->addWidget(m_error);
    layout->addWidget(listenerBox);
    layout->addWidget(trafficBox);
    m_layout = layout;
    layout->addSpacing(6);
    layout->addLayout(requestsHeader);
    layout->addWidget(m_table, 1);

    connect(m_startButton, &QPushButton::clicked, this, &ServerPage::startServer);
    connect(m_stopButton, &QPushButton::clicked, this, &ServerPage::stopServer);
    connect(copyButton, &QPushButton::clicked, this, &ServerPage::copyCurlCommand);
    connect(clearButton, &QPushButton::clicked, m_log, &RequestLogModel::clear);
    connect(m_flushTimer, &QTimer::timeout, this, &ServerPage::flushPendingRequests);
    connect(m_host, &QLineEdit::textChanged, this, &ServerPage::updateState);
    connect(m_port, &QSpinBox::valueChanged, this, &ServerPage::updateState);
    // Either may come from another thread. Requests are batched by onRequestServed; the state is read
    // again after the event loop turns, as when start/stop are called from elsewhere.
    connect(&m_server, &ServerControl::requestServed, this, &ServerPage::onRequestServed);
    connect(
        &m_server, &ServerControl::listeningChanged, this, &ServerPage::updateState, Qt::QueuedConnection);
    connect(&m_server, &ServerControl::grpcChanged, this, &ServerPage::rebuildGrpcPanel);

    m_sampler = new TrafficSampler(server, engine, this);
    connect(m_sampler, &TrafficSampler::sampled, this, &ServerPage::onTrafficSampled);
    connect(m_sampler, &TrafficSampler::rollupLagSampled, this, &ServerPage::onRollupLagSampled);
    m_sampler->start();

    rebuildGrpcPanel();
    updateState();
}

void ServerPage::rebuildGrpcPanel()
{
    delete m_grpcPanel;
    m_grpcPanel = nullptr;
    if (!m_server.hasGrpc())
        return;
    m_grpcPanel = new GrpcPanel(m_server, this);
    m_layout->insertWidget(m_layout->indexOf(m_table) - 2, m_grpcPanel); // below the traffic box
}

void ServerPage::retranslateHeader()
{
    m_header->setTitle(tr("Server"));
    m_header->setDescription(
        tr("The REST and gRPC APIs that backend services and Open Spanner SDKs post usage to."));
}

void ServerPage::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslateHeader();
    else if (event->type() == QEvent::PaletteChange)
        updateState(); // the state colour is derived from the palette
}

void ServerPage::onTrafficSampled(double requestsPerSecond, double eventsPerSecond)
{
    m_requestsChart->addSample(requestsPerSecond);
    m_eventsChart->addSample(eventsPerSecond);
    m_requestsRate->setText(formatRate(requestsPerSecond));
    m_eventsRate->setText(formatRate(eventsPerSecond));
}

void ServerPage::onRollupLagSampled(qint64 events, double seconds)
{
    if (events == 0) {
        m_rollupLag->setText(tr("up to date"));
        return;
    }
    const QString waited = locale().toString(seconds, 'f', 1);
    m_rollupLag->setText(events == 1 ? tr("1 event waiting to be folded in (for %1 s)").arg(waited)
                                     : tr("%1 events waiting to be folded in (oldest for %2 s)")
                                           .arg(locale().toString(events), waited));
}

ListenSettings ServerPage::options() const
{
    ListenSettings options = m_options;
    QHostAddress address;
    if (address.setAddress(m_host->text().trimmed()))
        options.address = address;
    options.port = quint16(m_port->value());
    return options;
}

QString ServerPage::curlCommand() const
{
    QString target;
    if (m_server.isListening()) {
        if (auto parsed = parseListenAddress(m_server.listenAddress()))
            target = clientAddress(parsed->address, parsed->port);
        else
            target = m_server.listenAddress();
    } else {
        const ListenSettings planned = options();
        target = clientAddress(planned.address, planned.port);
    }
    return QStringLiteral("curl -s -o /dev/null -w '%{http_code}\\n' http://") + target
        + QStringLiteral("/health");
}

QString ServerPage::errorText() const
{
    return m_error->text();
}

void ServerPage::startServer()
{
    QHostAddress address;
    if (!address.setAddress(m_host->text().trimmed())) {
        m_error->showError(tr("\u201c%1\u201d is not an IP address. Use e.g. 127.0.0.1, 0.0.0.0 or ::1.")
                               .arg(m_host->text().trimmed()));
        return;
    }
    const ListenSettings requested = options();
    // gRPC follows REST; when only gRPC fails, REST listens and the error still shows.
    const auto started = m_server.start(requested);
    if (m_server.isListening())
        m_options = requested;
    if (!started)
        m_error->showError(tr("Could not start the server: %1").arg(ui::errorText(started.error())));
    else
        m_error->clearError();
    if (m_grpcPanel)
        m_grpcPanel->refresh();
    updateState();
}

void ServerPage::setPlannedAddress(const QHostAddress &address, quint16 port)
{
    m_plannedAddress = std::make_pair(address, port);
    updateState();
}

void ServerPage::stopServer()
{
    m_server.stop();
    if (m_grpcPanel)
        m_grpcPanel->refresh();
    m_error->clearError();
    updateState();
}

void ServerPage::copyCurlCommand()
{
    QGuiApplication::clipboard()->setText(m_curl->text());
    m_copiedNote->setText(tr("Copied"));
    QTimer::singleShot(2000, m_copiedNote, &QLabel::clear);
}

void ServerPage::onRequestServed(const ServedRequest &request)
{
    m_pending.append(request);
    if (!m_flushTimer->isActive())
        m_flushTimer->start();
}

void ServerPage::flushPendingRequests()
{
    m_log->append(m_pending);
    m_pending.clear();
    m_requestsServed->setText(QLocale().toString(m_server.requestsServed()));
}

void ServerPage::updateState()
{
    const bool listening = m_server.isListening();
    if (!listening && m_plannedAddress) {
        const auto [address, port] = *m_plannedAddress;
        m_plannedAddress.reset();
        m_host->setText(address.toString());
        m_port->setValue(port);
    }
    m_stateLabel->setText(
        listening ? tr("\u25cf Listening on %1").arg(m_server.listenAddress()) : tr("\u25cb Stopped"));
    QPalette palette; // only WindowText is set, so the rest keeps following the theme
    palette.setColor(QPalette::WindowText,
        listening ? QColor(0x2e, 0x9d, 0x4f) : this->palette().color(QPalette::PlaceholderText));
    if (m_stateLabel->palette().color(QPalette::WindowText) != palette.color(QPalette::WindowText))
        m_stateLabel->setPalette(palette);
    m_startButton->setEnabled(!listening);
    m_stopButton->setEnabled(listening);
    m_host->setEnabled(!listening);
    m_port->setEnabled(!listening);
    m_requestsServed->setText(QLocale().toString(m_server.requestsServed()));
    m_curl->setText(curlCommand());
}

} // namespace osc::ui
