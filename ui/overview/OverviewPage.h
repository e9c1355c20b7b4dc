#pragma once

#include "overview/UsageOverview.h"
#include "ui/server/ServerControl.h"

#include <QElapsedTimer>
#include <QTimeZone>
#include <QWidget>

#include <deque>
#include <optional>

class QLabel;
class QPushButton;
class QTimer;

namespace osc {
class Engine;
}

namespace osc::ui {

class AsyncRunner;
class OverviewTile;
class PageHeader;
class WorkspaceContext;

// The start page: what is happening now. Events today and this month against the same stretch of
// yesterday and last month, events stored per second, the busiest meters and subjects of the month,
// ingestion errors of the last hour (from the request log), export jobs at work and the server's
// state. Every tile opens the page behind it; figures refresh every few seconds while the page is on
// show, computed off the GUI thread.
class OverviewPage : public QWidget
{
    Q_OBJECT

public:
    static constexpr int kRefreshMs = 5000;
    static constexpr qint64 kErrorWindowMs = 60 * 60 * 1000;

    OverviewPage(
        osc::Engine &engine, WorkspaceContext &workspace, ServerControl &server, QWidget *parent = nullptr);
    ~OverviewPage() override;

    void refresh();
    // The zone days and months start in (the system's; tests set one).
    void setTimeZone(const QTimeZone &zone);

    OverviewTile *todayTile() const { return m_today; }
    OverviewTile *monthTile() const { return m_month; }
    OverviewTile *rateTile() const { return m_rate; }
    OverviewTile *metersTile() const { return m_topMeters; }
    OverviewTile *subjectsTile() const { return m_topSubjects; }
    OverviewTile *errorsTile() const { return m_errors; }
    OverviewTile *exportsTile() const { return m_exports; }
    OverviewTile *serverTile() const { return m_server; }
    // The last snapshot shown (tests compare it with the engine's answer).
    const std::optional<OverviewSnapshot> &snapshot() const { return m_snapshot; }

Q_SIGNALS:
    // A tile asks for the page behind it: Usage on a meter or a subject (either may be empty).
    void usageRequested(const QString &meter, const QString &subject);
    void metersRequested();
    void serverRequested();
    void exportsRequested();
    // After each refresh has been shown.
    void refreshed();

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    struct Figures
    {
        std::optional<OverviewSnapshot> snapshot;
        QString error;
        qint64 storedEvents = -1;
        qint64 exportsRunning = 0;
        qint64 exportsQueued = 0;
    };
    void retranslateUi();
    void showFigures(const Figures &figures);
    void showErrors();
    void showServer();
    void onRequestServed(const ServedRequest &request);
    QString changeText(qint64 now, qint64 before, const QString &comparedWith, int *trend) const;

    osc::Engine &m_engine;
    WorkspaceContext &m_workspace;
    ServerControl &m_serverControl;
    AsyncRunner *m_runner = nullptr;
    QTimer *m_timer = nullptr;
    QTimeZone m_zone = QTimeZone::systemTimeZone();
    PageHeader *m_header = nullptr;
    QWidget *m_emptyState = nullptr;
    QLabel *m_emptyText = nullptr;
    QPushButton *m_openMeters = nullptr;
    QLabel *m_errorLine = nullptr;
    OverviewTile *m_today = nullptr;
    OverviewTile *m_month = nullptr;
    OverviewTile *m_rate = nullptr;
    OverviewTile *m_server = nullptr;
    OverviewTile *m_topMeters = nullptr;
    OverviewTile *m_topSubjects = nullptr;
    OverviewTile *m_errors = nullptr;
    OverviewTile *m_exports = nullptr;
    std::optional<OverviewSnapshot> m_snapshot;
    std::optional<Figures> m_lastFigures;
    // Events stored per second: the store's counter at two refreshes.
    std::optional<std::pair<qint64, qint64>> m_previousCount; // (elapsed ms, events)
    QElapsedTimer m_clock;
    double m_eventsPerSecond = -1;
    // Ingestion requests answered 4xx or 5xx in the last hour: (time ms, status).
    std::deque<std::pair<qint64, int>> m_ingestErrors;
};

} // namespace osc::ui
