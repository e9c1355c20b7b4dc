#pragma once

#include "ui/alerts/AlertNotification.h"

#include <QObject>

#include <memory>

class QSystemTrayIcon;
class QWidget;

namespace osc {
class AlertService;
}

namespace osc::app {

// The console's system tray icon: shows or hides the window, quits, and pops a desktop notification when
// an alert rule triggers or resolves (Settings → Notifications turns that off). Transitions come from
// the engine's evaluating thread and are handed to this object's thread. Without a system tray (offscreen,
// a desktop without one) there is no icon and nothing is shown; noticesReady() still reports what would
// have been, so the path is testable everywhere.
class AlertTrayIcon : public QObject
{
    Q_OBJECT

public:
    // `alerts` and `window` must outlive this object.
    AlertTrayIcon(osc::AlertService &alerts, QWidget &window, QObject *parent = nullptr);
    ~AlertTrayIcon() override;

    // Null when the platform has no system tray.
    QSystemTrayIcon *trayIcon() const { return m_tray; }

Q_SIGNALS:
    // Notifications that passed the setting (shown when there is a tray).
    void noticesReady(const QList<osc::ui::AlertNotice> &notices);

private:
    struct Sink;
    void onTransitions(const osc::AlertRule &rule, const QList<osc::AlertEvent> &events);
    void retranslate();

    osc::AlertService &m_alerts;
    QWidget &m_window;
    std::shared_ptr<Sink> m_sink;
    QSystemTrayIcon *m_tray = nullptr;
};

} // namespace osc::app
