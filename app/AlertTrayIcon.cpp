#include "AlertTrayIcon.h"

#include "alerts/AlertService.h"
#include "ui/settings/AppSettings.h"

#include <QAction>
#include <QApplication>
#include <QMenu>
#include <QMutex>
#include <QStyle>
#include <QSystemTrayIcon>
#include <QWidget>

namespace osc::app {

// The listener the engine holds outlives nothing: it posts to `target` while that is set, and the
// destructor clears it under the same lock, so a transition racing the shutdown is simply dropped.
struct AlertTrayIcon::Sink
{
    QMutex mutex;
    AlertTrayIcon *target = nullptr;
};

namespace {

constexpr int kNoticeMs = 8000;

} // namespace

AlertTrayIcon::AlertTrayIcon(AlertService &alerts, QWidget &window, QObject *parent)
    : QObject(parent)
    , m_alerts(alerts)
    , m_window(window)
    , m_sink(std::make_shared<Sink>())
{
    m_sink->target = this;
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(this);
        const QIcon icon = window.windowIcon().isNull()
            ? window.style()->standardIcon(QStyle::SP_ComputerIcon)
            : window.windowIcon();
        m_tray->setIcon(icon);
        auto *menu = new QMenu(&window);
        menu->addAction(QString(), &window, [this] {
            m_window.showNormal();
            m_window.raise();
            m_window.activateWindow();
        });
        menu->addSeparator();
        menu->addAction(QString(), qApp, &QCoreApplication::quit);
        m_tray->setContextMenu(menu);
        connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
            if (reason == QSystemTrayIcon::Trigger) {
                m_window.showNormal();
                m_window.raise();
                m_window.activateWindow();
            }
        });
        retranslate();
        m_tray->show();
    }
    std::shared_ptr<Sink> sink = m_sink;
    m_alerts.setTransitionListener([sink](const AlertRule &rule, const QList<AlertEvent> &events) {
        QMutexLocker lock(&sink->mutex);
        if (AlertTrayIcon *target = sink->target)
            QMetaObject::invokeMethod(
                target, [target, rule, events] { target->onTransitions(rule, events); },
                Qt::QueuedConnection);
    });
}

AlertTrayIcon::~AlertTrayIcon()
{
    m_alerts.setTransitionListener({});
    QMutexLocker lock(&m_sink->mutex);
    m_sink->target = nullptr;
}

void AlertTrayIcon::retranslate()
{
    if (!m_tray)
        return;
    m_tray->setToolTip(ui::AlertNotification::trayToolTip());
    const QList<QAction *> actions = m_tray->contextMenu()->actions();
    actions.at(0)->setText(ui::AlertNotification::showWindowText());
    actions.at(2)->setText(ui::AlertNotification::quitText());
}

void AlertTrayIcon::onTransitions(const AlertRule &rule, const QList<AlertEvent> &events)
{
    if (!ui::settings::alertNotifications())
        return;
    const QList<ui::AlertNotice> notices = ui::AlertNotification::notices(rule, events);
    if (notices.isEmpty())
        return;
    if (m_tray)
        for (const ui::AlertNotice &notice : notices)
            m_tray->showMessage(notice.title, notice.message,
                notice.triggered ? QSystemTrayIcon::Warning : QSystemTrayIcon::Information, kNoticeMs);
    Q_EMIT noticesReady(notices);
}

} // namespace osc::app
