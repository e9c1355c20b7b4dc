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

GrpcPanel::GrpcPanel(ServerControl &server, QWidget *parent)
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
    // A server's methods are fixed, so the rows are laid out once from the first reading.
    const QList<GrpcMethodCounters> methods = m_server.grpcCounters();
    for (int row = 0; row < methods.size(); ++row) {
        Row cells{methods[row].method};
        grid->addWidget(new QLabel(cells.method, this), row + 2, 0);
        for (int column = 0; column < ColumnCount; ++column) {
            const bool rate = column == CallsRateColumn || column == EventsRateColumn;
            auto *cell = new QLabel(rate ? formatRate(0) : QLocale().toString(0), this);
            cell->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
            grid->addWidget(cell, row + 2, column + 1);
            cells.cells[column] = cell;
        }
        m_rows.append(cells);
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

QString GrpcPanel::cellText(const QString &method, Column column) const
{
    for (const Row &row : m_rows)
        if (row.method == method)
            return row.cells[column]->text();
    return {};
}

void GrpcPanel::refresh()
{
    const bool listening = m_server.isGrpcListening();
    m_state->setText(
        listening ? tr("\u25cf Listening on %1").arg(m_server.grpcListenAddress()) : tr("\u25cb Stopped"));
    // The colours of the REST state above it.
    QPalette palette;
    palette.setColor(QPalette::WindowText,
        listening ? QColor(0x2e, 0x9d, 0x4f) : this->palette().color(QPalette::PlaceholderText));
    if (m_state->palette().color(QPalette::WindowText) != palette.color(QPalette::WindowText))
        m_state->setPalette(palette);
    const QList<GrpcMethodCounters> now = m_server.grpcCounters();
    const qint64 atMs = m_clock.elapsed();
    const double seconds = m_previous ? double(atMs - m_previousAtMs) / 1000.0 : 0.0;
    const qsizetype rows = qMin(now.size(), m_rows.size());
    for (qsizetype row = 0; row < rows; ++row) {
        const GrpcMethodCounters &counters = now[row];
        QLabel *const *cells = m_rows[row].cells;
        cells[CallsColumn]->setText(QLocale().toString(counters.calls));
        cells[EventsColumn]->setText(QLocale().toString(counters.events));
        if (seconds > 0 && row < m_previous->size()) {
            const GrpcMethodCounters &before = (*m_previous)[row];
            cells[CallsRateColumn]->setText(formatRate((counters.calls - before.calls) / seconds));
            cells[EventsRateColumn]->setText(formatRate((counters.events - before.events) / seconds));
        }
    }
    m_previous = now;
    m_previousAtMs = atMs;
}

} // namespace osc::ui
