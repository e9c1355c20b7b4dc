#include "ui/overview/OverviewPage.h"

#include "Engine.h"
#include "ui/common/AsyncRunner.h"
#include "ui/common/PageHeader.h"
#include "ui/common/WorkspaceContext.h"
#include "ui/overview/OverviewTile.h"

#include <QDateTime>
#include <QEvent>
#include <QGridLayout>
#include <QLabel>
#include <QMap>
#include <QPushButton>
#include <QScrollArea>
#include <QTimer>
#include <QVBoxLayout>

namespace osc::ui {

namespace {

// The routes whose errors the ingestion tile counts (REST; gRPC has its own counters on the Server page).
bool isIngestion(const ServedRequest &request)
{
    return request.method == "POST"
        && (request.path == QLatin1String("/v1/usages") || request.path == QLatin1String("/v1/usages/bulk"));
}

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace

OverviewPage::OverviewPage(
    Engine &engine, WorkspaceContext &workspace, ServerControl &server, QWidget *parent)
    : QWidget(parent)
    , m_engine(engine)
    , m_workspace(workspace)
    , m_serverControl(server)
{
    m_runner = new AsyncRunner(this);
    m_clock.start();
    m_header = new PageHeader(QString(), QString(), this);

    m_emptyState = new QWidget(this);
    m_emptyState->setObjectName(QStringLiteral("overviewEmptyState"));
    m_emptyText = new QLabel(m_emptyState);
    m_emptyText->setWordWrap(true);
    m_openMeters = new QPushButton(m_emptyState);
    m_openMeters->setObjectName(QStringLiteral("openMetersButton"));
    auto *emptyLayout = new QHBoxLayout(m_emptyState);
    emptyLayout->setContentsMargins(0, 0, 0, 0);
    emptyLayout->addWidget(m_emptyText, 1);
    emptyLayout->addWidget(m_openMeters);
    m_emptyState->hide();
    connect(m_openMeters, &QPushButton::clicked, this, &OverviewPage::metersRequested);

    m_errorLine = new QLabel(this);
    m_errorLine->setObjectName(QStringLiteral("overviewError"));
    m_errorLine->setWordWrap(true);
    m_errorLine->hide();

    const auto tile = [this](const char *name) {
        auto *t = new OverviewTile(this);
        t->setObjectName(QString::fromLatin1(name));
        return t;
    };
    m_today = tile("todayTile");
    m_month = tile("monthTile");
    m_rate = tile("rateTile");
    m_server = tile("serverTile");
    m_topMeters = tile("topMetersTile");
    m_topSubjects = tile("topSubjectsTile");
    m_errors = tile("errorsTile");
    m_exports = tile("exportsTile");
    connect(m_today, &OverviewTile::activated, this, [this] { Q_EMIT usageRequested(QString(), QString()); });
    connect(m_month, &OverviewTile::activated, this, [this] { Q_EMIT usageRequested(QString(), QString()); });
    connect(
        m_topMeters, &OverviewTile::activated, this, [this] { Q_EMIT usageRequested(QString(), QString()); });
    connect(m_topMeters, &OverviewTile::rowActivated, this,
        [this](const QString &meter) { Q_EMIT usageRequested(meter, QString()); });
    connect(m_topSubjects, &OverviewTile::activated, this,
        [this] { Q_EMIT usageRequested(QString(), QString()); });
    connect(m_topSubjects, &OverviewTile::rowActivated, this,
        [this](const QString &subject) { Q_EMIT usageRequested(QString(), subject); });
    for (OverviewTile *t : {m_rate, m_server, m_errors})
        connect(t, &OverviewTile::activated, this, &OverviewPage::serverRequested);
    connect(m_exports, &OverviewTile::activated, this, &OverviewPage::exportsRequested);

    // Two rows of four at 1,280 px; the grid's columns share the width, so 1,024 px fits too.
    auto *grid = new QGridLayout;
    grid->setSpacing(12);
    const QList<OverviewTile *> order{
        m_today, m_month, m_rate, m_server, m_topMeters, m_topSubjects, m_errors, m_exports};
    for (int i = 0; i < order.size(); ++i) {
        order[i]->setMinimumWidth(150);
        grid->addWidget(order[i], i / 4, i % 4);
    }
    for (int column = 0; column < 4; ++column)
        grid->setColumnStretch(column, 1);

    auto *content = new QWidget;
    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->addWidget(m_emptyState);
    contentLayout->addWidget(m_errorLine);
    contentLayout->addLayout(grid);
    contentLayout->addStretch(1);
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setWidget(content);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_header);
    layout->addWidget(scroll, 1);

    m_timer = new QTimer(this);
    m_timer->setInterval(kRefreshMs);
    connect(m_timer, &QTimer::timeout, this, &OverviewPage::refresh);
    connect(&m_workspace, &WorkspaceContext::workspaceChanged, this, [this] {
        m_previousCount.reset();
        refresh();
    });
    connect(&m_serverControl, &ServerControl::requestServed, this, &OverviewPage::onRequestServed);
    connect(&m_serverControl, &ServerControl::listeningChanged, this, [this] { showServer(); });

    retranslateUi();
}

OverviewPage::~OverviewPage() = default;

void OverviewPage::setTimeZone(const QTimeZone &zone)
{
    m_zone = zone;
    refresh();
}

void OverviewPage::refresh()
{
    Engine &engine = m_engine;
    const Principal owner = m_workspace.owner();
    const QTimeZone zone = m_zone;
    m_header->setStatusText(tr("Updating…"));
    m_runner->run(
        [&engine, owner, zone] {
            Figures figures;
            auto snapshot = engine.overview().snapshot(owner, TimeNs(engine.clock().nowNs()), zone);
            if (snapshot)
                figures.snapshot = snapshot.value();
            else
                figures.error = snapshot.error().message;
            if (auto counters = engine.systemCounters(owner))
                figures.storedEvents = counters->usageEvents;
            if (auto jobs = engine.exports().list(owner, 100, QString())) {
                for (const ExportJob &job : jobs->items) {
                    figures.exportsRunning += job.status == ExportStatus::Running ? 1 : 0;
                    figures.exportsQueued += job.status == ExportStatus::Queued ? 1 : 0;
                }
            }
            return figures;
        },
        [this](const Figures &figures) { showFigures(figures); });
}

void OverviewPage::showFigures(const Figures &figures)
{
    m_lastFigures = figures;
    m_header->setStatusText(
        tr("Updated %1").arg(QLocale().toString(QTime::currentTime(), QLocale::ShortFormat)));
    m_errorLine->setVisible(!figures.error.isEmpty());
    m_errorLine->setText(tr("The overview could not be read: %1").arg(figures.error));
    if (figures.storedEvents >= 0) {
        const qint64 at = m_clock.elapsed();
        if (m_previousCount && at > m_previousCount->first)
            m_eventsPerSecond = double(qMax<qint64>(0, figures.storedEvents - m_previousCount->second))
                * 1000.0 / double(at - m_previousCount->first);
        m_previousCount = std::pair{at, figures.storedEvents};
    }
    const QLocale locale;
    m_rate->setValue(
        m_eventsPerSecond < 0 ? QStringLiteral("…") : locale.toString(m_eventsPerSecond, 'f', 1));
    m_rate->setDetail(m_eventsPerSecond < 0 ? tr("measured from the next update on")
                                            : tr("over the last %1 seconds").arg(kRefreshMs / 1000));

    if (figures.snapshot) {
        m_snapshot = figures.snapshot;
        const OverviewSnapshot &s = *m_snapshot;
        m_emptyState->setVisible(s.meters == 0);
        // The change text sets the trend: compute it before handing both over (argument order).
        int trend = 0;
        m_today->setValue(locale.toString(s.eventsToday));
        const QString todayChange
            = changeText(s.eventsToday, s.eventsYesterdaySoFar, tr("yesterday by this time"), &trend);
        m_today->setDetail(todayChange, trend);
        m_month->setValue(locale.toString(s.eventsThisMonth));
        const QString monthChange
            = changeText(s.eventsThisMonth, s.eventsLastMonthSoFar, tr("last month by this day"), &trend);
        m_month->setDetail(monthChange, trend);
        QList<QPair<QString, QString>> meters;
        for (const MeterActivity &m : s.topMeters)
            meters.append({m.meter, locale.toString(m.events)});
        m_topMeters->setRows(meters, tr("No usage this month"));
        QList<QPair<QString, QString>> subjects;
        for (const SubjectActivity &a : s.topSubjects)
            subjects.append({a.subject, locale.toString(a.events)});
        m_topSubjects->setRows(subjects, tr("No usage this month"));
    }
    m_exports->setValue(locale.toString(figures.exportsRunning));
    m_exports->setDetail(figures.exportsQueued == 0
            ? tr("none waiting")
            : tr("%1 queued").arg(locale.toString(figures.exportsQueued)));
    showErrors();
    showServer();
    Q_EMIT refreshed();
}

QString OverviewPage::changeText(qint64 now, qint64 before, const QString &comparedWith, int *trend) const
{
    *trend = 0;
    if (before == 0)
        return now == 0 ? tr("none %1 either").arg(comparedWith) : tr("none %1").arg(comparedWith);
    const double change = (double(now) - double(before)) / double(before) * 100.0;
    *trend = change > 0.05 ? 1 : (change < -0.05 ? -1 : 0);
    const QString percent = QLocale().toString(qAbs(change), 'f', qAbs(change) < 10 ? 1 : 0);
    if (*trend > 0)
        return tr("▲ %1% against %2 (%3)").arg(percent, comparedWith, QLocale().toString(before));
    if (*trend < 0)
        return tr("▼ %1% against %2 (%3)").arg(percent, comparedWith, QLocale().toString(before));
    return tr("the same as %1").arg(comparedWith);
}

void OverviewPage::onRequestServed(const ServedRequest &request)
{
    if (!isIngestion(request) || request.status < 400)
        return;
    m_ingestErrors.emplace_back(request.atMs, request.status);
    if (isVisible())
        showErrors();
}

void OverviewPage::showErrors()
{
    const qint64 since = nowMs() - kErrorWindowMs;
    while (!m_ingestErrors.empty() && m_ingestErrors.front().first < since)
        m_ingestErrors.pop_front();
    QMap<int, qint64> byStatus;
    for (const auto &[atMs, status] : m_ingestErrors)
        ++byStatus[status];
    const QLocale locale;
    m_errors->setValue(locale.toString(qint64(m_ingestErrors.size())));
    m_errors->setDetail(
        m_ingestErrors.empty() ? tr("every ingestion request succeeded") : tr("by status code:"));
    QList<QPair<QString, QString>> rows;
    for (auto it = byStatus.cbegin(); it != byStatus.cend(); ++it)
        rows.append({QString::number(it.key()), locale.toString(it.value())});
    m_errors->setRows(rows, QString());
}

void OverviewPage::showServer()
{
    const bool listening = m_serverControl.isListening();
    m_server->setValue(listening ? tr("Serving") : tr("Stopped"));
    m_server->setDetail(listening ? m_serverControl.listenAddress() : tr("Start it on the Server page"));
}

void OverviewPage::retranslateUi()
{
    m_header->setTitle(tr("Overview"));
    m_header->setDescription(tr("What is happening now: usage today and this month, the busiest meters and "
                                "subjects, ingestion errors and the server. Days start at midnight in %1.")
                                 .arg(QString::fromUtf8(m_zone.id())));
    m_emptyText->setText(tr("No meters yet. Define what you measure on the Meters page, or load demo data "
                            "there to see this page at work."));
    m_openMeters->setText(tr("Open Meters"));
    m_today->setTitle(tr("Events today"));
    m_month->setTitle(tr("Events this month"));
    m_rate->setTitle(tr("Events stored per second"));
    m_server->setTitle(tr("REST server"));
    m_topMeters->setTitle(tr("Busiest meters this month"));
    m_topSubjects->setTitle(tr("Busiest subjects this month"));
    m_errors->setTitle(tr("Ingestion errors, last hour"));
    m_exports->setTitle(tr("Export jobs running"));
    if (m_lastFigures)
        showFigures(*m_lastFigures);
    else
        showServer();
}

void OverviewPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh();
    m_timer->start();
}

void OverviewPage::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    m_timer->stop();
}

void OverviewPage::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
}

} // namespace osc::ui
