#pragma once

#include <QMainWindow>
#include <QStyle>

class QLabel;
class QListWidget;
class QStackedWidget;
class QToolBar;

namespace osc {
class Engine;
}

namespace osc::ui {

class AccountsPage;
class AlertsPage;
class ApiKeysPage;
class EventsPage;
class ExportsPage;
class MetersPage;
class OverviewPage;
class PlansPage;
class ServerControl;
class ServerPage;
class SettingsPage;
class UsagePage;
class WorkspaceContext;
class WorkspaceSwitcher;

// The console window: a sidebar of pages, the pages in a stack, a header with the workspace switcher
// (every data page follows the selected workspace; the window acts as its owner, no login), and a
// status bar that always says whether the REST server is serving. The selected workspace persists. Geometry,
// state, splitter positions and the last page persist in QSettings under "mainWindow/". The sidebar, page
// titles and status bar retranslate live.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    // Sidebar order.
    enum class Page
    {
        Overview,
        Meters,
        Usage,
        Events,
        Plans,
        Alerts,
        Exports,
        ApiKeys,
        Accounts,
        Server,
        Settings
    };
    Q_ENUM(Page)

    // `engine` and `server` must outlive the window.
    MainWindow(osc::Engine &engine, ServerControl &server, QWidget *parent = nullptr);
    ~MainWindow() override;

    void showPage(Page page);
    Page currentPage() const;

    OverviewPage *overviewPage() const { return m_overviewPage; }
    MetersPage *metersPage() const { return m_metersPage; }
    UsagePage *usagePage() const { return m_usagePage; }
    EventsPage *eventsPage() const { return m_eventsPage; }
    PlansPage *plansPage() const { return m_plansPage; }
    AlertsPage *alertsPage() const { return m_alertsPage; }
    ExportsPage *exportsPage() const { return m_exportsPage; }
    ApiKeysPage *apiKeysPage() const { return m_apiKeysPage; }
    AccountsPage *accountsPage() const { return m_accountsPage; }
    WorkspaceContext *workspaceContext() const { return m_workspace; }
    WorkspaceSwitcher *workspaceSwitcher() const { return m_switcher; }
    ServerPage *serverPage() const { return m_serverPage; }
    SettingsPage *settingsPage() const { return m_settingsPage; }

public Q_SLOTS:
    // Reloads the current page's data (F5); pages without data ignore it.
    void refreshCurrentPage();

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void addPage(Page page, QStyle::StandardPixmap icon, QWidget *widget);
    void retranslateUi();
    void onSidebarRowChanged(int row);
    void updateServerStatus(bool listening, const QString &address);
    void restoreWindowState();
    void saveWindowState() const;

    ServerControl &m_server;
    WorkspaceContext *m_workspace = nullptr;
    WorkspaceSwitcher *m_switcher = nullptr;
    QToolBar *m_header = nullptr;
    QLabel *m_switcherLabel = nullptr;
    AccountsPage *m_accountsPage = nullptr;
    QLabel *m_brand = nullptr;
    QListWidget *m_sidebar = nullptr;
    QStackedWidget *m_pages = nullptr;
    QLabel *m_serverStatus = nullptr;
    OverviewPage *m_overviewPage = nullptr;
    MetersPage *m_metersPage = nullptr;
    UsagePage *m_usagePage = nullptr;
    EventsPage *m_eventsPage = nullptr;
    PlansPage *m_plansPage = nullptr;
    AlertsPage *m_alertsPage = nullptr;
    ExportsPage *m_exportsPage = nullptr;
    ApiKeysPage *m_apiKeysPage = nullptr;
    ServerPage *m_serverPage = nullptr;
    SettingsPage *m_settingsPage = nullptr;
};

} // namespace osc::ui
