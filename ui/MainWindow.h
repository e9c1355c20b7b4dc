#pragma once

#include <QMainWindow>
#include <QStyle>

class QLabel;
class QListWidget;
class QStackedWidget;

namespace osc {
class Engine;
}

namespace osc::ui {

class ApiKeysPage;
class EventsPage;
class ExportsPage;
class MetersPage;
class ServerControl;
class ServerPage;
class SettingsPage;
class UsagePage;

// The console window: a sidebar of pages, the pages in a stack, and a status bar that always says
// whether the REST server is serving. Geometry, state, splitter positions and the last page persist in
// QSettings under "mainWindow/". The sidebar, page titles and status bar retranslate live.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    // Sidebar order.
    enum class Page
    {
        Meters,
        Usage,
        Events,
        Exports,
        ApiKeys,
        Server,
        Settings
    };
    Q_ENUM(Page)

    // `engine` and `server` must outlive the window.
    MainWindow(osc::Engine &engine, ServerControl &server, QWidget *parent = nullptr);
    ~MainWindow() override;

    void showPage(Page page);
    Page currentPage() const;

    MetersPage *metersPage() const { return m_metersPage; }
    UsagePage *usagePage() const { return m_usagePage; }
    EventsPage *eventsPage() const { return m_eventsPage; }
    ExportsPage *exportsPage() const { return m_exportsPage; }
    ApiKeysPage *apiKeysPage() const { return m_apiKeysPage; }
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
    QLabel *m_brand = nullptr;
    QListWidget *m_sidebar = nullptr;
    QStackedWidget *m_pages = nullptr;
    QLabel *m_serverStatus = nullptr;
    MetersPage *m_metersPage = nullptr;
    UsagePage *m_usagePage = nullptr;
    EventsPage *m_eventsPage = nullptr;
    ExportsPage *m_exportsPage = nullptr;
    ApiKeysPage *m_apiKeysPage = nullptr;
    ServerPage *m_serverPage = nullptr;
    SettingsPage *m_settingsPage = nullptr;
};

} // namespace osc::ui
