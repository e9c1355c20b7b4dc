#include "ui/server/GrpcPanel.h"

#include <QGridLayout>
#include <QLabel>
#include <QLocale>
#include <QTimer>

namespace osc::ui {

namespace {

constexpr int kRefreshIntervalMs = 1000;

QString formatRate(double perSecond)
{
    return perSecond < 10.0 ? QLocale().toString(perSecond, 'f', 1) : QLocale().toString(qRound64(perSecond));
}

} // namespace

GrpcPanel::GrpcPanel(rpc::GrpcServer &server, QWidget *parent)
    : QGroupBox(tr("gRPC (h2c)"), parent)
    , m_server(server)
{
    setObjectName(QStringLiteral("grpcPanel"));
    auto *grid = new QGridLayout(this);
    grid->setHorizontalSpacing(16);
    m_state = new QLabel(this);
    m_state->setObjectName(QStringLiteral("grpcStateLabel"));
    m_state->setTextInteractionFlags(Qt::TextSelectableByMouse);
    grid->addWidget(m_state, 0, 0, 1, ColumnCount + 1);
    const QStringList headers{tr("Calls"), tr("Calls/s"), tr("Events"), tr("Events/s")};
    for (int column = 0; column < ColumnCount; ++column) {
        auto *header = new QLabel(headers[column], this);
        header->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        grid->addWidget(header, 1, column + 1);
    }
    for (int method = 0; method < rpc::GrpcStats::kMethodCount; ++method) {
        grid->addWidget(
            new QLabel(rpc::GrpcStats::methodName(rpc::GrpcStats::Method(method)), this), method + 2, 0);
        for (int column = 0; column < ColumnCount; ++column) {
            const bool rate = column == CallsRateColumn || column == EventsRateColumn;
            auto *cell = new QLabel(rate ? formatRate(0) : QLocale().toString(0), this);
            cell->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
            grid->addWidget(cell, method + 2, column + 1);
            m_cells[method][column] = cell;
        }
    }
    grid->setColumnStretch(ColumnCount + 1, 1);

    m_clock.start();
    m_timer = new QTimer(this);
    m_timer->setInterval(kRefreshIntervalMs);
    connect(m_timer, &QTimer::timeout, this, &GrpcPanel::refresh);
    m_timer->start();
    refresh();
}

QString GrpcPanel::stateText() const
{
    return m_state->text();
}

QString GrpcPanel::cellText(rpc::GrpcStats::Method method, Column column) const
{
    return m_cells[int(method)][column]->text();
}

void GrpcPanel::refresh()
{
    const bool listening = m_server.isListening();
    m_state->setText(
        listening ? tr("\u25cf Listening on %1").arg(m_server.listenAddress()) : tr("\u25cb Stopped"));
    // The colours of the REST state above it.
    QPalette palette;
    palette.setColor(QPalette::WindowText,
        listening ? QColor(0x2e, 0x9d, 0x4f) : this->palette().color(QPalette::PlaceholderText));
    if (m_state->palette().color(QPalette::WindowText) != palette.color(QPalette::WindowText))
        m_state->setPalette(palette);
    const rpc::GrpcStats::Snapshot now = m_server.stats().snapshot();
    const qint64 atMs = m_clock.elapsed();
    const double seconds = m_previous ? double(atMs - m_previousAtMs) / 1000.0 : 0.0;
    for (int method = 0; method < rpc::GrpcStats::kMethodCount; ++method) {
        const rpc::GrpcStats::Counters &counters = now[method];
        m_cells[method][CallsColumn]->setText(QLocale().toString(counters.calls));
        m_cells[method][EventsColumn]->setText(QLocale().toString(counters.events));
        if (seconds > 0) {
            const rpc::GrpcStats::Counters &before = (*m_previous)[method];
            m_cells[method][CallsRateColumn]->setText(formatRate((counters.calls - before.calls) / seconds));
            m_cells[method][EventsRateColumn]->setText(
                formatRate((counters.events - before.events) / seconds));
        }
    }
    m_previous = now;
    m_previousAtMs = atMs;
}

} // namespace osc::ui
